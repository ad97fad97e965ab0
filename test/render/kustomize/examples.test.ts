/**
 * Kustomize's documented examples as golden tests of buildKustomization.
 *
 * The inputs come from the Markdown (examples-loader.ts); the expected output of each build is
 * what `kubectl kustomize` (Kustomize v5.5.0) printed for those inputs, committed under
 * golden/examples/ (regenerate with `KUSTOMIZE_GOLDEN=update` on a machine with kubectl). The
 * Markdown's own "output" blocks are prose (reformatted, abridged), so they are not compared.
 */
import { describe, expect, test } from "@jest/globals";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { MemorySourceView } from "../../../src/source/view.js";
import { buildKustomization } from "../../../src/render/kustomize/index.js";
import { loadExamples, type ExampleCase } from "./examples-loader.js";

const TREES = process.env.TREES_DIR ?? resolve("../shared/trees");
const EXAMPLES = join(TREES, "kubernetes-sigs_kustomize/examples");
const GOLDEN = resolve("test/render/kustomize/golden/examples");
const UPDATE = process.env.KUSTOMIZE_GOLDEN === "update";

function goldenPath(c: ExampleCase): string {
  return join(GOLDEN, `${c.name.replace(/\.md#/, "-")}.yaml`);
}

function kubectlBuild(c: ExampleCase): string {
  const root = mkdtempSync(join(tmpdir(), "kex-"));
  try {
    for (const [p, t] of Object.entries(c.files)) {
      mkdirSync(dirname(join(root, p)), { recursive: true });
      writeFileSync(join(root, p), t);
    }
    try {
      return execFileSync("kubectl", ["kustomize", join(root, c.dir)], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch {
      return "# kustomize build fails\n";
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (!existsSync(EXAMPLES)) {
  console.warn(`kustomize examples not found at ${EXAMPLES}; set TREES_DIR`);
  test.skip("kustomize examples (trees missing)", () => {});
} else {
  const examples = loadExamples(EXAMPLES);
  describe("kustomize documented examples", () => {
    for (const ex of examples) {
      if (ex.skipped) {
        test.skip(`${ex.file}: skipped (${ex.skipped})`, () => {});
        continue;
      }
      for (const c of ex.cases) {
        test(c.name, async () => {
          const path = goldenPath(c);
          if (UPDATE) {
            mkdirSync(GOLDEN, { recursive: true });
            writeFileSync(path, kubectlBuild(c));
          }
          const expected = readFileSync(path, "utf8");
          const result = await buildKustomization(new MemorySourceView(c.files), c.dir);
          if (expected === "# kustomize build fails\n") {
            expect(result.text).toBe("");
            expect(result.problems.some((p) => p.severity === "error")).toBe(true);
          } else {
            expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
            expect(result.text).toBe(expected);
          }
        });
      }
    }
  });
}
