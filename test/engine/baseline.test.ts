import { describe, expect, it } from "@jest/globals";
import { classifyFindings } from "../../src/engine/baseline.js";
import type { Finding } from "../../src/engine/types.js";

function finding(file: string, ruleId: string, fingerprint: string, line: number, extra: Partial<Finding> = {}): Finding {
  return { ruleId, severity: "error", file, line, column: 1, endLine: line, endColumn: 2, message: `${ruleId} at ${line}`, fingerprint, ...extra };
}

describe("classifyFindings", () => {
  it("treats a finding that only moved to another line as existing, not new", () => {
    const base = [finding("Dockerfile", "dockerfile/root-user", "aaa", 3)];
    const head = [finding("Dockerfile", "dockerfile/root-user", "aaa", 9)];
    const result = classifyFindings(head, base);
    expect(result).toStrictEqual({ newFindings: [], existing: [head[0]], fixed: [] });
  });

  it("reports a finding absent from the base as new and a base finding absent from the head as fixed", () => {
    const base = [finding("Dockerfile", "dockerfile/root-user", "aaa", 3), finding("Dockerfile", "dockerfile/latest-tag", "bbb", 1)];
    const head = [finding("Dockerfile", "dockerfile/root-user", "aaa", 3), finding("Dockerfile", "dockerfile/curl-pipe-sh", "ccc", 5)];
    const result = classifyFindings(head, base);
    expect(result.newFindings).toStrictEqual([head[1]]);
    expect(result.existing).toStrictEqual([head[0]]);
    expect(result.fixed).toStrictEqual([base[1]]);
  });

  it("compares a renamed file with its previous path", () => {
    const base = [finding("old/Dockerfile", "dockerfile/root-user", "aaa", 3)];
    const head = [finding("new/Dockerfile", "dockerfile/root-user", "aaa", 3)];
    expect(classifyFindings(head, base, new Map([["new/Dockerfile", "old/Dockerfile"]]))).toStrictEqual({
      newFindings: [],
      existing: [head[0]],
      fixed: [],
    });
    // Without the mapping the same findings look new and fixed.
    expect(classifyFindings(head, base)).toStrictEqual({ newFindings: [head[0]], existing: [], fixed: [base[0]] });
  });

  it("never matches fingerprints across different files", () => {
    const base = [finding("a/Dockerfile", "dockerfile/root-user", "aaa", 3)];
    const head = [finding("b/Dockerfile", "dockerfile/root-user", "aaa", 3)];
    const result = classifyFindings(head, base);
    expect(result.newFindings).toStrictEqual([head[0]]);
    expect(result.fixed).toStrictEqual([base[0]]);
  });

  it("treats every finding of a file mapped to null (added) as new, even if the same path existed in the base", () => {
    const base = [finding("Dockerfile", "dockerfile/root-user", "aaa", 3)];
    const head = [finding("Dockerfile", "dockerfile/root-user", "aaa", 3)];
    const result = classifyFindings(head, base, new Map([["Dockerfile", null]]));
    expect(result.newFindings).toStrictEqual([head[0]]);
    expect(result.fixed).toStrictEqual([base[0]]);
  });

  it("requires the same rule as well as the same fingerprint", () => {
    const base = [finding("Dockerfile", "dockerfile/root-user", "aaa", 3)];
    const head = [finding("Dockerfile", "dockerfile/latest-tag", "aaa", 3)];
    expect(classifyFindings(head, base).newFindings).toStrictEqual([head[0]]);
  });

  it("counts occurrence-suffixed fingerprints separately", () => {
    const base = [finding("k.yaml", "k8s/privileged", "fff", 10), finding("k.yaml", "k8s/privileged", "fff-2", 20)];
    const head = [finding("k.yaml", "k8s/privileged", "fff", 12)];
    const result = classifyFindings(head, base);
    expect(result.existing).toStrictEqual([head[0]]);
    expect(result.fixed).toStrictEqual([base[1]]);
  });

  it("treats a head finding whose base waiver was removed as new, and a newly suppressed one as neither new nor fixed", () => {
    const waived = { via: "comment" as const, reason: "needed for the build", line: 2 };
    const base = [
      finding("Dockerfile", "dockerfile/root-user", "aaa", 3, { suppressed: waived }),
      finding("Dockerfile", "dockerfile/latest-tag", "bbb", 1),
    ];
    const head = [
      finding("Dockerfile", "dockerfile/root-user", "aaa", 3),
      finding("Dockerfile", "dockerfile/latest-tag", "bbb", 2, { suppressed: { ...waived, line: 1 } }),
    ];
    const result = classifyFindings(head, base);
    expect(result.newFindings).toStrictEqual([head[0]]);
    expect(result.existing).toStrictEqual([head[1]]);
    expect(result.fixed).toStrictEqual([]);
  });

  it("does not report a suppressed base finding as fixed when it disappears", () => {
    const base = [finding("Dockerfile", "dockerfile/root-user", "aaa", 3, { suppressed: { via: "comment", reason: "x", line: 2 } })];
    expect(classifyFindings([], base).fixed).toStrictEqual([]);
  });
});
