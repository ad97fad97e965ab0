/**
 * Generated values (fixed seed) through toYaml, toYamlPretty and toJson, compared with Go: strings
 * built from YAML's special characters, numbers at the edges of the integer/float forms, nested
 * maps and lists. Runs when the Go oracle is installed (skips with a visible line otherwise).
 */
import { describe, expect, test } from "@jest/globals";
import fc from "fast-check";
import type { GoValue } from "../../../../src/render/helm/template/values.js";
import { c, goExpr, oracleAvailable, ours, runOracle } from "./harness.js";

const piece = fc.constantFrom(
  "a", "Z", "0", "1", "9", " ", "  ", "-", ":", ": ", "#", " #", "'", '"', "\\", "\n", "\t", "?", ",", "[", "]", "{", "}",
  "&", "*", "!", "|", ">", "%", "@", "`", ".", "e", "E", "x", "_", "+", "~", "yes", "no", "true", "null", "0x", "0o", "é", "ß", "日",
  "---", "...", "=", "/", "<<", "1.5", "1e3", "2024-01-01", "12:30", "\r",
);
const str = fc.array(piece, { maxLength: 8 }).map((p) => p.join(""));
const num = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => BigInt(n)),
  fc.constantFrom(0, -0.5, 1.5, 3, 1e6, 1e21, 1e20, 1e-7, 1e-6, 123456789.125, 0.1, 2 ** 53, -(2 ** 60), 1.7976931348623157e308),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const value: fc.Arbitrary<GoValue> = fc.letrec<{ v: GoValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    str,
    num,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("v"), { maxLength: 4 }),
    fc.array(fc.tuple(str, tie("v")), { maxLength: 4 }).map((kv) => new Map(kv)),
  ),
})).v;

const run = oracleAvailable() ? describe : describe.skip;
if (!oracleAvailable()) console.warn("go or Sprig's source not found; generated toYaml/toJson comparison skipped");

run("generated values: toYaml, toYamlPretty, toJson agree with Go", () => {
  test("300 values, fixed seed", () => {
    const values = fc.sample(fc.array(fc.tuple(str, value), { minLength: 1, maxLength: 4 }).map((kv) => new Map(kv)), { numRuns: 300, seed: 7 });
    const calls = values.flatMap((v) => ["toYaml", "toYamlPretty", "toJson"].map((fn) => c(fn, v)));
    const go = runOracle(calls.map(goExpr));
    const differing: string[] = [];
    calls.forEach((call, i) => {
      const mine = ours(call);
      if (JSON.stringify(mine.val) !== JSON.stringify(go[i]!.val)) differing.push(`${goExpr(call)}\n go:   ${JSON.stringify(go[i]!.val)}\n ours: ${JSON.stringify(mine.val)}`);
    });
    console.log(`generated values: ${calls.length - differing.length} of ${calls.length} conversions identical to Go's`);
    expect(differing.slice(0, 8)).toEqual([]);
  }, 300_000);
});
