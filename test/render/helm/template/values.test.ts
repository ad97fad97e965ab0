import { describe, expect, test } from "@jest/globals";
import {
  GO_TYPE,
  TracedString,
  compareGoStrings,
  formatFloat,
  formatValue,
  goTypeName,
  isTruthy,
  sortedKeys,
  toGoString,
  wrapInt64,
  type GoValue,
} from "../../../../src/render/helm/template/values.js";

describe("value model helpers", () => {
  test("Go's truth", () => {
    const falsy: GoValue[] = [false, 0n, 0, -0, "", null, undefined, [], new Map(), new Uint8Array(0), new TracedString("")];
    const truthy: GoValue[] = [true, 1n, -1n, 0.5, Number.NaN, "x", [0], new Map([["a", null]]), new Uint8Array(1), new TracedString("x"), {}];
    expect(falsy.map((v) => isTruthy(v))).toEqual(falsy.map(() => false));
    expect(truthy.map((v) => isTruthy(v))).toEqual(truthy.map(() => true));
  });

  test("Go type names", () => {
    const vals: GoValue[] = ["s", new TracedString("t"), 1n, 1.5, true, null, undefined, [], new Map(), new Uint8Array(0), { [GO_TYPE]: "*chart.Metadata" }, {}];
    expect(vals.map((v) => goTypeName(v))).toEqual([
      "string",
      "string",
      "int",
      "float64",
      "bool",
      "<nil>",
      "<nil>",
      "[]interface {}",
      "map[string]interface {}",
      "[]uint8",
      "*chart.Metadata",
      "struct {}",
    ]);
  });

  test("%v formatting", () => {
    const m = new Map<string, GoValue>([
      ["b", 2],
      ["a", [1n, "x", null, 1e6]],
      ["c", new Map()],
    ]);
    expect(formatValue(m)).toBe("map[a:[1 x <nil> 1e+06] b:2 c:map[]]");
    expect(formatValue(undefined)).toBe("<no value>");
    expect(formatValue(new Uint8Array([104, 105]))).toBe("[104 105]");
    expect(formatValue(new TracedString("t"))).toBe("t");
    expect([1e6, 3.5, 100000, 1234567, 0.0001, 0.00001, 1e21, 123456789, -0, 2 ** 53].map((f) => formatValue(f))).toEqual([
      "1e+06",
      "3.5",
      "100000",
      "1.234567e+06",
      "0.0001",
      "1e-05",
      "1e+21",
      "1.23456789e+08",
      "-0",
      "9.007199254740992e+15",
    ]);
  });

  test("strconv.FormatFloat with precisions rounds half to even on the exact binary value", () => {
    expect(formatFloat(2.5, "f", 0)).toBe("2");
    expect(formatFloat(3.5, "f", 0)).toBe("4");
    expect(formatFloat(0.125, "f", 2)).toBe("0.12");
    expect(formatFloat(0.05, "f", 1)).toBe("0.1");
    expect(formatFloat(1e21, "f", 2)).toBe("1000000000000000000000.00");
    expect(formatFloat(9.995, "e", 2)).toBe("9.99e+00");
    expect(formatFloat(9.9999, "e", 2)).toBe("1.00e+01");
    expect(formatFloat(123456, "g", 3)).toBe("1.23e+05");
    expect(formatFloat(Number.POSITIVE_INFINITY, "g", -1)).toBe("+Inf");
    expect(formatFloat(Number.NaN, "f", 2)).toBe("NaN");
  });

  test("strings compare and sort in UTF-8 byte order; ints wrap at 64 bits", () => {
    expect(compareGoStrings("B", "a")).toBeLessThan(0);
    expect(compareGoStrings("\uffff", "\u{1F600}")).toBeLessThan(0);
    expect(sortedKeys(new Map([["b", 1], ["a", 1], ["é", 1], ["Z", 1]]))).toEqual(["Z", "a", "b", "é"]);
    expect(wrapInt64(2n ** 63n)).toBe(-(2n ** 63n));
    expect(toGoString(new TracedString("x"))).toBe("x");
  });
});
