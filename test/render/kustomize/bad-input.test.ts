/**
 * Hostile and broken input: every failure is a RenderProblem naming the file (and line when there
 * is one); buildKustomization never throws and never hangs; the text is "" when the build fails.
 */
import { describe, expect, test } from "@jest/globals";
import { MemorySourceView, type SourceView } from "../../../src/source/view.js";
import { buildKustomization } from "../../../src/render/kustomize/index.js";
import type { RenderResult } from "../../../src/render/types.js";

const CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n";
const K = "resources:\n- cm.yaml\n";

function onlyError(result: RenderResult) {
  expect(result.text).toBe("");
  const errors = result.problems.filter((p) => p.severity === "error");
  expect(errors).toHaveLength(1);
  return errors[0]!;
}

describe("kustomize bad input", () => {
  test("alias bomb: a problem naming the file, no expansion blow-up", async () => {
    const lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 12; i += 1) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(", ")}]`);
    const bomb = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n  ${lines.join("\n  ")}\n`;
    const result = await buildKustomization(new MemorySourceView({ "kustomization.yaml": "resources:\n- bomb.yaml\n", "bomb.yaml": bomb }), "");
    expect(onlyError(result)).toMatchObject({ file: "bomb.yaml", message: "YAML expands to too many nodes (aliases?)" });
  });

  test("a file larger than maxFileBytes", async () => {
    const big = `${CM}data:\n  k: "${"x".repeat(2000)}"\n`;
    const result = await buildKustomization(new MemorySourceView({ "kustomization.yaml": K, "cm.yaml": big }), "", { maxFileBytes: 1000 });
    expect(onlyError(result)).toEqual({ file: "cm.yaml", message: `file too large to render (${big.length} bytes, limit 1000)`, severity: "error" });
  });

  test("a deadline already passed stops the build", async () => {
    const result = await buildKustomization(new MemorySourceView({ "kustomization.yaml": K, "cm.yaml": CM }), "", { deadline: 1000, now: () => 2000 });
    // The deadline is checked before the first read: the problem names the build folder.
    expect(onlyError(result)).toEqual({ file: "", message: "rendering stopped: deadline exceeded", severity: "error" });
  });

  test("output larger than maxOutputChars", async () => {
    const result = await buildKustomization(new MemorySourceView({ "kustomization.yaml": K, "cm.yaml": CM }), "", { maxOutputChars: 20 });
    expect(onlyError(result)).toEqual({ file: "", message: "rendered output larger than 20 characters", severity: "error" });
  });

  test("too many resources", async () => {
    const many = Array.from({ length: 5 }, (_, i) => CM.replace("name: cm", `name: cm${i}`)).join("---\n");
    const result = await buildKustomization(new MemorySourceView({ "kustomization.yaml": K, "cm.yaml": many }), "", { maxResources: 3 });
    expect(onlyError(result)).toEqual({ file: "kustomization.yaml", line: 2, column: 3, message: "more than 3 resources in the build", severity: "error" });
  });

  test("kustomizations nested deeper than the limit", async () => {
    const files: Record<string, string> = { "k0/kustomization.yaml": "resources: []\n" };
    for (let i = 1; i <= 10; i += 1) files[`k${i}/kustomization.yaml`] = `resources:\n- ../k${i - 1}\n`;
    const result = await buildKustomization(new MemorySourceView(files), "k10", { maxKustomizationDepth: 5 });
    expect(onlyError(result)).toEqual({ file: "k5/kustomization.yaml", message: "kustomizations nested deeper than 5 levels", severity: "error" });
  });

  test("YAML nested deeper than the limit", async () => {
    const deep = `${CM}data:\n  k: ${"[".repeat(300)}${"]".repeat(300)}\n`;
    const result = await buildKustomization(new MemorySourceView({ "kustomization.yaml": K, "cm.yaml": deep }), "");
    expect(onlyError(result)).toMatchObject({ file: "cm.yaml", line: 6, message: "YAML nested deeper than 200 levels" });
  });

  test("a document that is not an object names file and line", async () => {
    const result = await buildKustomization(new MemorySourceView({ "kustomization.yaml": K, "cm.yaml": `${CM}---\n- just\n- a list\n` }), "");
    expect(onlyError(result)).toEqual({ file: "cm.yaml", line: 6, message: "a resource must be a YAML map (this document is not an object)", severity: "error" });
  });

  test("several kustomization files in one folder", async () => {
    const result = await buildKustomization(new MemorySourceView({ "a/kustomization.yaml": K, "a/kustomization.yml": K }), "a");
    expect(onlyError(result)).toMatchObject({ file: "a", message: "found multiple kustomization files under 'a': kustomization.yaml, kustomization.yml" });
  });

  test("a folder without kustomization", async () => {
    const result = await buildKustomization(new MemorySourceView({ "a/x.yaml": CM }), "a");
    expect(onlyError(result)).toMatchObject({ file: "a", message: "unable to find one of 'kustomization.yaml', 'kustomization.yml', 'Kustomization' in directory 'a'" });
  });

  test("a resource folder without kustomization names the referring line", async () => {
    const result = await buildKustomization(new MemorySourceView({ "kustomization.yaml": "resources:\n- sub\n", "sub/x.yaml": CM }), "");
    expect(onlyError(result)).toMatchObject({ file: "kustomization.yaml", line: 2, column: 3 });
  });

  test("remote resources are not fetched: a warning, and the build goes on", async () => {
    const k = "resources:\n- cm.yaml\n- https://github.com/org/repo//deploy?ref=v1\n- github.com/org/repo/base?ref=main\n";
    const result = await buildKustomization(new MemorySourceView({ "kustomization.yaml": k, "cm.yaml": CM }), "");
    expect(result.text).toBe("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n");
    expect(result.problems).toEqual([
      { file: "kustomization.yaml", line: 3, column: 3, message: "remote resource https://github.com/org/repo//deploy?ref=v1 was not fetched; the build goes on without it", severity: "warning" },
      { file: "kustomization.yaml", line: 4, column: 3, message: "remote resource github.com/org/repo/base?ref=main was not fetched; the build goes on without it", severity: "warning" },
    ]);
  });

  test("helmCharts naming a chart that is not in the repository: an error on its entry (charts are never pulled)", async () => {
    const k = `${K}helmCharts:\n- name: x\n  repo: https://charts.example.com\n`;
    const result = await buildKustomization(new MemorySourceView({ "kustomization.yaml": k, "cm.yaml": CM }), "");
    expect(result.text).toBe("");
    expect(onlyError(result)).toEqual({
      file: "kustomization.yaml",
      line: 4,
      column: 9,
      message: "chart x from https://charts.example.com is not in the repository at 'charts/x' (charts are never downloaded; vendor it there to have it reviewed)",
      severity: "error",
    });
  });

  test("a path that leaves the repository", async () => {
    const result = await buildKustomization(new MemorySourceView({ "a/kustomization.yaml": "resources:\n- ../../etc/passwd\n" }), "a");
    expect(onlyError(result)).toEqual({ file: "a/kustomization.yaml", line: 2, column: 3, message: "resource ../../etc/passwd is outside the repository", severity: "error" });
  });

  test("a file outside the kustomization folder (Kustomize's load restrictions)", async () => {
    const result = await buildKustomization(new MemorySourceView({ "a/kustomization.yaml": "resources:\n- ../cm.yaml\n", "cm.yaml": CM }), "a");
    expect(onlyError(result)).toMatchObject({ file: "a/kustomization.yaml", line: 2, message: "security; file 'cm.yaml' is not in or below 'a'" });
  });

  test("invalid YAML in the kustomization", async () => {
    const result = await buildKustomization(new MemorySourceView({ "kustomization.yaml": "resources:\n- a\n  b: [\n" }), "");
    expect(onlyError(result)).toMatchObject({ file: "kustomization.yaml", line: 2, message: expect.stringMatching(/^invalid YAML: /) });
  });

  test("a field of the wrong type", async () => {
    const result = await buildKustomization(new MemorySourceView({ "kustomization.yaml": "resources: cm.yaml\n", "cm.yaml": CM }), "");
    expect(onlyError(result)).toEqual({ file: "kustomization.yaml", line: 1, column: 1, message: 'field "resources" must be a list, not a string', severity: "error" });
  });

  test("a JSON patch without target", async () => {
    const k = `${K}patches:\n- patch: |-\n    - op: remove\n      path: /data\n`;
    const result = await buildKustomization(new MemorySourceView({ "kustomization.yaml": k, "cm.yaml": CM }), "");
    expect(onlyError(result)).toMatchObject({ file: "kustomization.yaml", line: 4, message: "a JSON 6902 patch must have a target" });
  });

  test("a bad target regular expression", async () => {
    const k = `${K}patches:\n- target:\n    name: "a("\n  patch: |-\n    - op: remove\n      path: /data\n`;
    const result = await buildKustomization(new MemorySourceView({ "kustomization.yaml": k, "cm.yaml": CM }), "");
    expect(onlyError(result)).toMatchObject({ file: "kustomization.yaml", line: 5, message: 'invalid regular expression "a(" in target' });
  });

  test("a source view that throws becomes a problem", async () => {
    const broken: SourceView = {
      label: "broken",
      readFile: async () => {
        throw new Error("disk on fire");
      },
      stat: async (p) => (p === "kustomization.yaml" ? "file" : undefined),
      list: async () => [],
    };
    const result = await buildKustomization(broken, "");
    expect(onlyError(result)).toEqual({ file: "", message: "kustomize build failed: disk on fire", severity: "error" });
  });

  test("a huge number of documents finishes with a deadline problem, not a hang", async () => {
    const docs = Array.from({ length: 3000 }, (_, i) => CM.replace("name: cm", `name: cm${i}`)).join("---\n");
    let t = 0;
    const result = await buildKustomization(new MemorySourceView({ "kustomization.yaml": K, "cm.yaml": docs }), "", {
      deadline: 100,
      now: () => (t += 1),
    });
    expect(onlyError(result)).toMatchObject({ message: "rendering stopped: deadline exceeded" });
  });
});
