/**
 * Feature cases (fixtures/cases/<name>/in): the expected output, or the fact that the build fails,
 * is what `kubectl kustomize` (Kustomize v5.5.0) did with the same input, recorded by
 * tools/kustomize/make-cases.py. For failures, the problem this renderer reports is asserted
 * exactly (file, line, message).
 */
import { describe, expect, test } from "@jest/globals";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { MemorySourceView } from "../../../src/source/view.js";
import { buildKustomization } from "../../../src/render/kustomize/index.js";
import type { RenderProblem } from "../../../src/render/types.js";

const CASES = resolve("test/render/kustomize/fixtures/cases");

function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, "utf8");
    }
  };
  walk(dir);
  return out;
}

async function build(name: string) {
  const dir = join(CASES, name);
  const files = readTree(join(dir, "in"));
  const buildDir = readFileSync(join(dir, "build-dir.txt"), "utf8").trim();
  return buildKustomization(new MemorySourceView(files), buildDir);
}

/** The error each failing case must report (Kustomize's own message is in expected-error.txt). */
const ERRORS: Record<string, Omit<RenderProblem, "severity" | "message"> & { message: RegExp }> = {
  "json6902-missing-path": { file: "ops.yaml", line: 1, column: 3, message: /^replace operation does not apply: doc is missing path: \/spec\/template\/spec\/missing\/x: missing value$/ },
  "json6902-test-fails": { file: "kustomization.yaml", line: 7, column: 7, message: /^testing value \/spec\/replicas failed: test failed$/ },
  "smp-no-match": { file: "patch.yaml", line: 1, column: 1, message: /no matches for Id Deployment\.v1\.apps\/nope\.\[noNs\]; failed to find unique target/ },
  "smp-namespace-mismatch": { file: "patch.yaml", line: 1, column: 1, message: /no matches for Id ConfigMap\.v1\.\[noGrp\]\/c\.\[noNs\]/ },
  cycle: { file: "a/kustomization.yaml", message: /^cycle detected in kustomizations: a -> b -> a$/ },
  "missing-resource": { file: "kustomization.yaml", line: 3, column: 3, message: /^resource missing\.yaml not found$/ },
  "not-a-kustomization": { file: "kustomization.yaml", line: 2, column: 7, message: /^not a Kustomization: kind is "Deployment"/ },
  "unknown-field": { file: "kustomization.yaml", line: 3, column: 1, message: /^unknown field "namePrefx" in the kustomization$/ },
  "component-as-resource": { file: "comp/kustomization.yaml", line: 2, column: 7, message: /expected kind 'Kustomization', got 'Component'/ },
  "invalid-patch": { file: "patch.yaml", line: 5, message: /^invalid YAML/ },
  "duplicate-id": { file: "kustomization.yaml", line: 3, column: 3, message: /^may not add resource with an already registered id: Service\.v1\.\[noGrp\]\/web\.\[noNs\]$/ },
};

describe("kustomize feature cases (expected from kubectl kustomize)", () => {
  if (!existsSync(CASES)) throw new Error(`fixtures missing at ${CASES}`);
  for (const name of readdirSync(CASES).sort()) {
    const dir = join(CASES, name);
    if (existsSync(join(dir, "expected.yaml"))) {
      test(`${name}: same output as kubectl kustomize`, async () => {
        const result = await build(name);
        expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
        expect(result.text).toBe(readFileSync(join(dir, "expected.yaml"), "utf8"));
      });
    } else {
      test(`${name}: fails as kubectl kustomize does, naming file and line`, async () => {
        const result = await build(name);
        expect(result.text).toBe("");
        expect(result.segments).toEqual([]);
        const errors = result.problems.filter((p) => p.severity === "error");
        expect(errors).toHaveLength(1);
        const want = ERRORS[name];
        expect(want).toBeDefined();
        const { message, ...where } = want!;
        expect(errors[0]).toMatchObject(where);
        expect(errors[0]!.message).toMatch(message);
      });
    }
  }
});
