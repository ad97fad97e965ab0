import { expect, it } from "@jest/globals";
import { applyFixes } from "../../src/engine/fixes.js";
import type { Finding } from "../../src/engine/types.js";

function finding(startLine: number, endLine: number, replacement: string, extra: Partial<Finding> = {}): Finding {
  return {
    ruleId: "test/rule", severity: "error", file: "f", line: startLine, column: 1, endLine, endColumn: 1, message: "m",
    fingerprint: `${startLine}-${replacement}`, fix: { description: "d", startLine, endLine, replacement }, ...extra,
  };
}

it("replaces whole lines bottom-up and keeps CRLF line endings", () => {
  const text = "a: 1\r\nb: true\r\nc: true\r\n";
  const out = applyFixes(text, [finding(2, 2, "b: false"), finding(3, 3, "c: false")]);
  expect(out.text).toBe("a: 1\r\nb: false\r\nc: false\r\n");
  expect(out.applied).toHaveLength(2);
  expect(out.skipped).toEqual([]);
});

it("skips overlapping and suppressed fixes, applies an identical edit once", () => {
  const text = "1\n2\n3\n4\n";
  const overlap = finding(2, 3, "x");
  const out = applyFixes(text, [
    finding(3, 3, "three"),
    overlap,
    finding(4, 4, "four"),
    finding(4, 4, "four", { ruleId: "other/rule" }),
    finding(1, 1, "one", { suppressed: { via: "comment", reason: "r", line: 1 } }),
  ]);
  expect(out.text).toBe("1\n2\nthree\nfour\n");
  expect(out.skipped).toEqual([overlap]);
  expect(out.applied).toHaveLength(3);
});

it("refuses fixes outside the file", () => {
  const out = applyFixes("only\n", [finding(5, 5, "x")]);
  expect(out.text).toBe("only\n");
  expect(out.skipped).toHaveLength(1);
});
