/**
 * The output format, scalar by scalar: fixtures/scalars/expected.yaml is what `kubectl kustomize`
 * (Kustomize v5.5.0) printed for fixtures/scalars (quoting, block scalars, folding past 80
 * columns, numbers after Kustomize's JSON round trip, key order, legacy resource order).
 */
import { describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { MemorySourceView } from "../../../src/source/view.js";
import { buildKustomization } from "../../../src/render/kustomize/index.js";
import { formatNumber, goFloat, renderString } from "../../../src/render/kustomize/emit.js";

const FIX = resolve("test/render/kustomize/fixtures/scalars");

describe("kustomize output format", () => {
  test("scalars, keys and order as kubectl kustomize prints them", async () => {
    const view = new MemorySourceView({
      "k/kustomization.yaml": readFileSync(`${FIX}/kustomization.yaml`, "utf8"),
      "k/a.yaml": readFileSync(`${FIX}/a.yaml`, "utf8"),
    });
    const result = await buildKustomization(view, "k");
    expect(result.problems).toEqual([]);
    expect(result.text).toBe(readFileSync(`${FIX}/expected.yaml`, "utf8"));
  });

  test.each([
    ["long-keys", "keys longer than 128 bytes, a keep-chomped block at the end"],
    ["key-order", "go-yaml's natural key order (digit runs as numbers, non-letters first)"],
    ["fuzz-strings", "400 random strings (indicators, quotes, tabs, CR, NEL, emoji, long lines)"],
    ["fuzz-tree", "random nested maps and lists of scalars, numbers and strings"],
  ])("%s: %s", async (name) => {
    const view = new MemorySourceView({
      "kustomization.yaml": `resources:\n- ${name}.yaml\n`,
      [`${name}.yaml`]: readFileSync(`${FIX}/${name}.yaml`, "utf8"),
    });
    const result = await buildKustomization(view, "");
    expect(result.problems).toEqual([]);
    expect(result.text).toBe(readFileSync(`${FIX}/${name}.expected.yaml`, "utf8"));
  });

  test.each([
    ["yes", '"yes"'],
    ["1.10", '"1.10"'],
    ["1:20", '"1:20"'],
    ["", '""'],
    ["a: b", "'a: b'"],
    ["*x", "'*x'"],
    ["it's", "it's"],
    [" x", "' x'"],
    ["x\ty", '"x\\ty"'],
    ["a\nb", "|-\n  a\n  b"],
  ])("string %j is written %s", (input, output) => {
    expect(renderString(input, false, 2, 4).text).toBe(output);
  });

  test.each([
    [493, "493"],
    [1, "1"],
    [1234567.5, "1.2345675e+06"],
    [0.0001, "0.0001"],
    [0.00001, "1e-05"],
    [1e21, "1e+21"],
    [123456.5, "123456.5"],
  ])("number %d is written %s", (n, text) => {
    expect(formatNumber(n)).toBe(text);
  });

  test("Go's float formatting", () => {
    expect(goFloat(3e-5)).toBe("3e-05");
    expect(goFloat(1e100)).toBe("1e+100");
    expect(goFloat(-2.5)).toBe("-2.5");
  });
});
