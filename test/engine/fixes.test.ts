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

it("keeps a finding but drops a fix that would replace lines the file does not have (lone CR line breaks)", async () => {
  const { scan } = await import("../../src/engine/scan.js");
  const lf = scan([{ path: "Dockerfile", content: "FROM ubuntu:24.04\nUSER root\n" }]).findings.find((f) => f.ruleId === "dockerfile/root-user");
  expect(lf?.fix).toMatchObject({ startLine: 2, endLine: 2, replacement: "USER 10001" });
  // dockerfile-ast breaks lines at a lone CR; the engine's file (like Docker) does not.
  const cr = scan([{ path: "Dockerfile", content: "FROM ubuntu:24.04\rUSER root\r" }]).findings.find((f) => f.ruleId === "dockerfile/root-user");
  expect(cr).toMatchObject({ line: 1 });
  expect(cr?.fix).toBeUndefined();
});
