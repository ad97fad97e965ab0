/**
 * The engine's limits behave as configured and say so clearly: per-file size (never read when the
 * size is known), documents per file, files per scan, YAML aliases per kind, and the scan deadline.
 */
import { describe, expect, it } from "@jest/globals";
import { scan, type ScanInputFile } from "../../src/engine/scan.js";
import { DEFAULT_CONFIG, type ResolvedConfig } from "../../src/config/schema.js";
import { resolveConfig } from "../../src/config/load.js";
import type { FileKindHandler } from "../../src/engine/types.js";
import { allRules } from "../../rules/index.js";
import { violations } from "./invariants.js";

const NOW = new Date("2026-01-15T00:00:00Z");

function withLimits(limits: Partial<ResolvedConfig["limits"]>): ResolvedConfig {
  return { ...DEFAULT_CONFIG, limits: { ...DEFAULT_CONFIG.limits, ...limits } };
}

const privilegedPod = (name: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n    securityContext:\n      privileged: true\n`;

describe("limits.maxFileBytes", () => {
  it("skips a file whose known size is over the limit without reading its content", () => {
    let read = false;
    const huge: ScanInputFile = {
      path: "deploy/huge.yaml",
      size: 5 * 1024 * 1024,
      get content(): string {
        read = true;
        throw new Error("the content of a too-large file was read");
      },
    };
    const result = scan([huge], DEFAULT_CONFIG, { now: NOW });
    expect(read).toBe(false);
    expect(result.files).toEqual([expect.objectContaining({ path: "deploy/huge.yaml", status: "skipped", reason: "too large" })]);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ ruleId: "scan/file-too-large", severity: "info", line: 1 });
    expect(result.findings[0].message).toMatch(/skipped: file too large \(5242880 bytes; the limit is 1048576, limits\.maxFileBytes\)/);
  });

  it("counts bytes, not characters, and follows the configured limit", () => {
    const text = `FROM alpine:3.20\n# ${"é".repeat(600)}\n`; // 1,2xx bytes, about 620 characters
    const small = withLimits({ maxFileBytes: 1000 });
    const skipped = scan([{ path: "Dockerfile", content: text }], small, { now: NOW });
    expect(skipped.files[0]).toMatchObject({ status: "skipped", reason: "too large" });
    const raised = scan([{ path: "Dockerfile", content: text }], withLimits({ maxFileBytes: 2000 }), { now: NOW });
    expect(raised.files[0].status).toBe("analyzed");
    expect(raised.findings.some((f) => f.ruleId === "scan/file-too-large")).toBe(false);
  });

  it("is set from the configuration file", () => {
    const { config, errors } = resolveConfig({ limits: { maxFileBytes: 10 } });
    expect(errors).toEqual([]);
    const result = scan([{ path: "Dockerfile", content: "FROM alpine:3.20\n" }], config, { now: NOW });
    expect(result.files[0]).toMatchObject({ status: "skipped", reason: "too large" });
  });
});

describe("limits.maxDocumentsPerFile", () => {
  it("analyzes the first N documents, says that the rest were not analyzed, and reports nothing from them", () => {
    const docs = [1, 2, 3, 4, 5].map((i) => privilegedPod(`p${i}`));
    const content = docs.join("---\n");
    const startOfDoc4 = docs.slice(0, 3).join("---\n").split("\n").length; // line of the 4th document's first line
    const result = scan([{ path: "deploy/pods.yaml", content }], withLimits({ maxDocumentsPerFile: 3 }), { now: NOW });
    expect(violations([{ path: "deploy/pods.yaml", content }], result)).toEqual([]);
    const note = result.findings.find((f) => /more than 3 documents/.test(f.message));
    expect(note).toBeDefined();
    expect(note!.message).toMatch(/the rest were not analyzed/);
    const privileged = result.findings.filter((f) => /privileged/i.test(f.ruleId) && !f.suppressed);
    expect(privileged.length).toBeGreaterThanOrEqual(3);
    expect(privileged.every((f) => f.line < startOfDoc4)).toBe(true);
    // Without the limit every pod is reported.
    const all = scan([{ path: "deploy/pods.yaml", content }], DEFAULT_CONFIG, { now: NOW });
    expect(all.findings.filter((f) => /privileged/i.test(f.ruleId)).length).toBeGreaterThan(privileged.length);
  });
});

describe("limits.maxFiles", () => {
  it("scans the first N candidate files and marks the others skipped with the limit's name", () => {
    const files = [
      { path: "README.md", content: "# not ours\n" },
      ...[1, 2, 3, 4, 5].map((i) => ({ path: `svc${i}/Dockerfile`, content: "FROM alpine:3.20\nUSER 10001\n" })),
    ];
    const result = scan(files, withLimits({ maxFiles: 3 }), { now: NOW });
    const status = Object.fromEntries(result.files.map((f) => [f.path, f.status]));
    expect(status).toEqual({
      "README.md": "not-applicable",
      "svc1/Dockerfile": "analyzed",
      "svc2/Dockerfile": "analyzed",
      "svc3/Dockerfile": "analyzed",
      "svc4/Dockerfile": "skipped",
      "svc5/Dockerfile": "skipped",
    });
    for (const f of result.files.filter((x) => x.status === "skipped")) expect(f.reason).toMatch(/more than 3 files \(limits\.maxFiles\)/);
    expect(result.findings.some((f) => f.file === "svc4/Dockerfile" || f.file === "svc5/Dockerfile")).toBe(false);
  });
});

describe("limits.yamlAliases", () => {
  const k8sWithAlias = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: &l {app: x}\n  annotations: *l\ndata: {a: b}\n`;

  it("refuses aliases in Kubernetes manifests by default, with a message about alias bombs", () => {
    const result = scan([{ path: "cm.yaml", content: k8sWithAlias }], DEFAULT_CONFIG, { now: NOW });
    const refusal = result.findings.find((f) => /alias/i.test(f.message));
    expect(refusal).toBeDefined();
    expect(refusal!.ruleId).toBe("k8s/parse-error");
    expect(refusal!.line).toBe(6);
    expect(result.files[0].status).toBe("parse-error");
  });

  it("accepts them when the Kubernetes limit is raised", () => {
    const result = scan([{ path: "cm.yaml", content: k8sWithAlias }], withLimits({ yamlAliases: { kubernetes: 1, compose: 100 } }), { now: NOW });
    expect(result.findings.some((f) => /alias/i.test(f.message))).toBe(false);
    expect(result.files[0].status).toBe("analyzed");
  });

  it("allows up to the compose limit in compose files and refuses beyond it", () => {
    const compose = (n: number) =>
      `x-env: &e {A: "1"}\nservices:\n${Array.from({ length: n }, (_, i) => `  s${i}:\n    image: nginx:1.27\n    environment: *e\n`).join("")}`;
    const ok = scan([{ path: "compose.yaml", content: compose(3) }], withLimits({ yamlAliases: { kubernetes: 0, compose: 3 } }), { now: NOW });
    expect(ok.findings.some((f) => /alias/i.test(f.message))).toBe(false);
    const over = scan([{ path: "compose.yaml", content: compose(4) }], withLimits({ yamlAliases: { kubernetes: 0, compose: 3 } }), { now: NOW });
    const refusal = over.findings.find((f) => /alias/i.test(f.message));
    expect(refusal).toBeDefined();
    expect(refusal!.message).toMatch(/4 YAML aliases, more than the limit of 3/);
  });
});

describe("limits.scanSeconds (the deadline)", () => {
  it("skips the files not started before the deadline and says the scan was cut short", () => {
    const files = [1, 2, 3].map((i) => ({ path: `svc${i}/Dockerfile`, content: "FROM alpine:3.20\n" }));
    const result = scan(files, DEFAULT_CONFIG, { now: NOW, deadline: Date.now() - 1 });
    expect(result.files.map((f) => f.status)).toEqual(["skipped", "skipped", "skipped"]);
    for (const f of result.files) expect(f.reason).toMatch(/scan time limit reached \(limits\.scanSeconds\)/);
    expect(result.errors.map((e) => e.message)).toEqual([expect.stringMatching(/scan time limit of 60s reached; some files were not scanned/)]);
  });

  it("scans everything when the deadline is in the future", () => {
    const files = [1, 2].map((i) => ({ path: `svc${i}/Dockerfile`, content: "FROM alpine:3.20\n" }));
    const result = scan(files, DEFAULT_CONFIG, { now: NOW, deadline: Date.now() + 60_000 });
    expect(result.files.map((f) => f.status)).toEqual(["analyzed", "analyzed"]);
    expect(result.errors).toEqual([]);
  });
});

describe("findings at scale", () => {
  it("returns 200,000 findings from one file without overflowing the call stack", () => {
    const reports = 200_000;
    const handler: FileKindHandler<{ n: number }> = {
      kind: "dockerfile",
      parseErrorRuleId: "dockerfile/parse-error",
      parse: () => ({ model: { n: reports }, problems: [] }),
      rules: [
        {
          meta: { ...allRules()[0].meta, id: "toy/many", kind: "dockerfile", severity: "warning" },
          check: (model) => Array.from({ length: model.n }, (_, i) => ({ range: { line: 1, column: 1, endLine: 1, endColumn: 2 }, message: "m", fingerprintKey: String(i) })),
        },
      ],
    };
    const result = scan([{ path: "Dockerfile", content: "FROM x\n" }], { ...DEFAULT_CONFIG, allowSuppressions: false }, { now: NOW, handlers: [handler], crossRules: [] });
    expect(result.errors).toEqual([]);
    expect(result.findings).toHaveLength(reports);
  });
});
