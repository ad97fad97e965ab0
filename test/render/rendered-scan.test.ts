/**
 * The engine on rendered output: findings move from the rendered text to the source line that a
 * segment names (a patch line, a base line), suppression comments are read in that source file,
 * the same source problem reached from two roots is one finding naming both, and render problems
 * become render/failed and render/incomplete findings.
 */
import { describe, expect, test } from "@jest/globals";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import { scan } from "../../src/engine/scan.js";
import type { RenderedInput } from "../../src/engine/rendered.js";
import { TextWithOrigins, type SourceRange } from "../../src/render/provenance.js";
import type { RenderResult } from "../../src/render/types.js";

const at = (file: string, line: number, column: number, length: number): SourceRange => ({ file, line, column, endLine: line, endColumn: column + length });

/** A rendered Deployment whose base is hardened but whose patch sets privileged: true. */
function overlay(root: string, namePrefix: string): RenderResult {
  const b = new TextWithOrigins();
  const base = "base/deployment.yaml";
  const patch = "overlays/prod/debug-patch.yaml";
  b.append("apiVersion", at(base, 1, 1, 10)).append(": ").append("apps/v1", at(base, 1, 13, 7)).append("\n");
  b.append("kind", at(base, 2, 1, 4)).append(": ").append("Deployment", at(base, 2, 7, 10)).append("\n");
  b.append("metadata", at(base, 3, 1, 8)).append(":\n  ");
  b.append("name", at(base, 4, 3, 4)).append(": ").append(`${namePrefix}web`, at(base, 4, 9, 3)).append("\n");
  b.append("spec:\n  template:\n    spec:\n      containers:\n      - ");
  b.append("image", at(base, 9, 9, 5)).append(": ").append("registry.example.com/web:1.2.3@sha256:" + "a".repeat(64), at(base, 9, 16, 10)).append("\n        ");
  b.append("name", at(base, 10, 9, 4)).append(": ").append("web", at(base, 10, 15, 3)).append("\n        ");
  b.append("securityContext", at(base, 11, 9, 15)).append(":\n          ");
  b.append("privileged", at(patch, 9, 11, 10)).append(": ").append("true", at(patch, 9, 23, 4)).append("\n");
  return { kind: "kustomize", root, ...b.toResult(), consumed: [`${root}/kustomization.yaml`, base, patch], problems: [] };
}

const sources = (patchText: string): Map<string, string> =>
  new Map([
    ["base/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - image: registry.example.com/web:1.2.3\n        name: web\n        securityContext: {}\n"],
    ["overlays/prod/debug-patch.yaml", patchText],
  ]);

const PATCH = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - privileged: true\n";

describe("scanning rendered output", () => {
  test("a value set by a patch is reported on the patch line, once, naming the root", () => {
    const input: RenderedInput = { result: overlay("overlays/prod", "prod-"), sources: sources(PATCH) };
    const result = scan([], DEFAULT_CONFIG, { rendered: [input], now: new Date("2026-12-01") });
    const privileged = result.findings.filter((f) => f.ruleId === "k8s/privileged");
    expect(privileged).toHaveLength(1);
    expect(privileged[0]).toMatchObject({ file: "overlays/prod/debug-patch.yaml", line: 9, column: 11, roots: ["overlays/prod"], resource: "Deployment/prod-web", container: "web" });
    // A finding about a missing field lands where the container is defined: the base.
    const seccomp = result.findings.find((f) => f.ruleId === "k8s/seccomp-missing");
    expect(seccomp).toMatchObject({ file: "base/deployment.yaml", line: 10 });
    expect(result.files.map((f) => f.path)).toEqual(["overlays/prod/kustomization.yaml", "base/deployment.yaml", "overlays/prod/debug-patch.yaml"].sort());
  });

  test("two roots reaching the same source line give one finding with both roots", () => {
    const prod: RenderedInput = { result: overlay("overlays/prod", "prod-"), sources: sources(PATCH) };
    const staging: RenderedInput = { result: overlay("overlays/staging", "staging-"), sources: sources(PATCH) };
    const result = scan([], DEFAULT_CONFIG, { rendered: [prod, staging] });
    const privileged = result.findings.filter((f) => f.ruleId === "k8s/privileged");
    expect(privileged).toHaveLength(1);
    expect(privileged[0]!.roots).toEqual(["overlays/prod", "overlays/staging"]);
  });

  test("a suppression comment above the patch line waives the finding", () => {
    const waived = PATCH.replace("        - privileged: true", "        # container-review ignore=k8s/privileged debug image, prod never deploys it\n        - privileged: true");
    const result = overlay("overlays/prod", "prod-");
    // The comment moved the patch line down by one.
    for (const s of result.segments) if (s.origin.file.endsWith("debug-patch.yaml")) s.origin = { ...s.origin, line: 10, endLine: 10 };
    const out = scan([], DEFAULT_CONFIG, { rendered: [{ result, sources: sources(waived) }] });
    const privileged = out.findings.find((f) => f.ruleId === "k8s/privileged");
    expect(privileged?.suppressed).toEqual({ via: "comment", reason: "debug image, prod never deploys it", line: 9 });
  });

  test("fingerprints do not change when the source line moves", () => {
    const one = scan([], DEFAULT_CONFIG, { rendered: [{ result: overlay("overlays/prod", "prod-"), sources: sources(PATCH) }] });
    const moved = overlay("overlays/prod", "prod-");
    for (const s of moved.segments) if (s.origin.file.endsWith("debug-patch.yaml")) s.origin = { ...s.origin, line: 12, endLine: 12 };
    const two = scan([], DEFAULT_CONFIG, { rendered: [{ result: moved, sources: sources(`# one\n# two\n# three\n${PATCH}`) }] });
    const f1 = one.findings.find((f) => f.ruleId === "k8s/privileged")!;
    const f2 = two.findings.find((f) => f.ruleId === "k8s/privileged")!;
    expect(f2.line).toBe(12);
    expect(f2.fingerprint).toBe(f1.fingerprint);
  });

  test("render problems become render/failed (error) and render/incomplete (warning) findings", () => {
    const result: RenderResult = {
      kind: "kustomize",
      root: "overlays/prod",
      text: "",
      segments: [],
      consumed: ["overlays/prod/kustomization.yaml"],
      problems: [
        { file: "overlays/prod/kustomization.yaml", line: 4, column: 3, message: "resource ../../missing: no such file", severity: "error" },
        { file: "overlays/prod/kustomization.yaml", line: 5, message: "remote resource https://example.com/x.yaml not fetched", severity: "warning" },
      ],
    };
    const out = scan([], DEFAULT_CONFIG, {
      rendered: [{ result, sources: new Map([["overlays/prod/kustomization.yaml", "resources:\n- a\n- b\n  - ../../missing\n- https://example.com/x.yaml\n"]]) }],
    });
    expect(out.findings.map((f) => [f.ruleId, f.severity, f.file, f.line, f.column, f.message])).toEqual([
      ["render/failed", "warning", "overlays/prod/kustomization.yaml", 4, 3, "kustomization overlays/prod: resource ../../missing: no such file"],
      ["render/incomplete", "info", "overlays/prod/kustomization.yaml", 5, 1, "kustomization overlays/prod: remote resource https://example.com/x.yaml not fetched"],
    ]);
  });

  test("template markers inside rendered values are data, not a template", () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: alerts\ndata:\n  rule: |\n    {{- if .Labels }}x{{ end }}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: true\n  containers:\n  - name: c\n    image: x:1\n';
    const result: RenderResult = { kind: "helm", root: "charts/a", text, segments: [{ start: 0, end: text.length, origin: at("charts/a/templates/all.yaml", 1, 1, 1), verbatim: true }], consumed: ["charts/a/Chart.yaml"], problems: [] };
    const out = scan([], DEFAULT_CONFIG, { rendered: [{ result, sources: new Map() }] });
    expect(out.findings.filter((f) => f.ruleId === "k8s/parse-error")).toEqual([]);
    expect(out.findings.find((f) => f.ruleId === "k8s/host-network")).toMatchObject({ file: "charts/a/templates/all.yaml", line: 14, column: 3 });
  });
});

describe("origins that are not repository files", () => {
  test("a value from --set lands on the chart's own file; a template inside a .tgz on the archive", () => {
    const text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: true\n  hostPID: true\n  containers:\n  - name: c\n    image: x:1\n";
    const hostNetwork = text.indexOf("true");
    const hostPid = text.indexOf("true", hostNetwork + 1);
    const result: RenderResult = {
      kind: "helm",
      root: "charts/a",
      text,
      segments: [
        { start: 0, end: hostNetwork, origin: at("charts/a/templates/pod.yaml", 1, 1, 1), verbatim: true },
        { start: hostNetwork, end: hostNetwork + 4, origin: at("--set[0]", 1, 1, 4) },
        { start: hostNetwork + 4, end: hostPid, origin: at("charts/a/charts/sub-1.0.0.tgz/sub/templates/pod.yaml", 6, 19, 1), verbatim: true },
        { start: hostPid, end: hostPid + 4, origin: at("charts/a/charts/sub-1.0.0.tgz/sub/values.yaml", 3, 10, 4) },
      ],
      consumed: ["charts/a/Chart.yaml"],
      problems: [{ file: "charts/a/charts/sub-1.0.0.tgz/sub/templates/x.yaml", line: 4, message: "boom", severity: "warning" }],
    };
    const out = scan([], DEFAULT_CONFIG, { rendered: [{ result, sources: new Map() }] });
    expect(out.findings.find((f) => f.ruleId === "k8s/host-network")).toMatchObject({ file: "charts/a/Chart.yaml", line: 1 });
    expect(out.findings.find((f) => f.ruleId === "k8s/host-pid")).toMatchObject({ file: "charts/a/charts/sub-1.0.0.tgz", line: 1 });
    expect(out.findings.find((f) => f.ruleId === "render/incomplete")).toMatchObject({ file: "charts/a/charts/sub-1.0.0.tgz", line: 1 });
  });
});
