/**
 * Real values files (../shared/trees: bitnami, prometheus-community, ingress-nginx) read with
 * fromYaml and written back with toYaml, toYamlPretty and toJson, compared with what Go + Helm's
 * helpers produce for the same text. Needs the trees and the Go oracle; each missing one skips
 * with a visible line.
 */
import { describe, expect, test } from "@jest/globals";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { HAVE_TREES, TREES } from "../chart/trees.js";
import { c, goExpr, oracleAvailable, ours, runOracle } from "./harness.js";

function valuesFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) valuesFiles(path, out);
    else if (/^values.*\.ya?ml$/.test(name) && st.size < 400_000) out.push(path);
  }
  return out;
}

const run = HAVE_TREES && oracleAvailable() ? describe : describe.skip;
if (!HAVE_TREES) console.warn(`trees not found at ${TREES}; set TREES_DIR (fromYaml/toYaml on real values files skipped)`);
else if (!oracleAvailable()) console.warn("go or Sprig's source not found; fromYaml/toYaml on real values files skipped");

run("real values files: fromYaml then toYaml/toYamlPretty/toJson agree with Go", () => {
  test("every values file of the trees", () => {
    const files = valuesFiles(TREES).sort();
    expect(files.length).toBeGreaterThan(10);
    const calls = files.flatMap((f) => {
      const text = readFileSync(f, "utf8");
      return ["toYaml", "toYamlPretty", "toJson"].map((fn) => c(fn, c("fromYaml", text)));
    });
    // The files parse (no Error key) and produce real text.
    for (const call of calls.filter((x) => x.fn === "toJson")) {
      const out = ours(call).val as string;
      expect(out.startsWith('{"Error"')).toBe(false);
      expect(out.length).toBeGreaterThan(10);
    }
    const go = runOracle(calls.map(goExpr));
    const differing: string[] = [];
    calls.forEach((call, i) => {
      const mine = ours(call);
      if (JSON.stringify(mine.val) !== JSON.stringify(go[i]!.val)) differing.push(`${call.fn} ${relative(TREES, files[Math.floor(i / 3)]!)}`);
    });
    console.log(`real values files: ${calls.length - differing.length} of ${calls.length} conversions identical to Go's`);
    expect(differing).toEqual([]);
  }, 300_000);
});
