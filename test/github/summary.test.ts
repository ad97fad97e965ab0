import { describe, expect, it } from "@jest/globals";
import { buildAnnotation, checkTitle, renderCheckOutput, type CheckReport } from "../../src/github/summary.js";
import { inlineCode, tableCell, truncateText } from "../../src/github/text-limits.js";
import type { Finding } from "../../src/engine/types.js";

function finding(line: number, extra: Partial<Finding> = {}): Finding {
  return { ruleId: "dockerfile/root-user", severity: "error", file: "Dockerfile", line, column: 1, endLine: line, endColumn: 10, message: "runs as root", fingerprint: `fp${line}`, ...extra };
}

function report(extra: Partial<CheckReport> = {}): CheckReport {
  return {
    scannedFiles: ["Dockerfile"],
    newFindings: [],
    existing: [],
    fixed: [],
    suppressionsAdded: [],
    blocking: [],
    failOn: { severity: "error", scope: "new" },
    review: { commented: 0, alreadyPosted: 0, outsideDiff: 0, overCap: 0, maxComments: 50 },
    annotationsDropped: 0,
    notes: [],
    ...extra,
  };
}

describe("buildAnnotation", () => {
  it("maps severities to annotation levels and only sends columns for single-line findings", () => {
    expect(buildAnnotation(finding(3, { severity: "info" }))).toStrictEqual({
      path: "Dockerfile", start_line: 3, end_line: 3, start_column: 1, end_column: 10, annotation_level: "notice", title: "dockerfile/root-user", message: "runs as root",
    });
    expect(buildAnnotation(finding(3, { endLine: 5, severity: "warning" }))).toStrictEqual({
      path: "Dockerfile", start_line: 3, end_line: 5, annotation_level: "warning", title: "dockerfile/root-user", message: "runs as root",
    });
  });
});

describe("checkTitle", () => {
  it("summarises new, blocking, pre-existing and fixed counts", () => {
    expect(checkTitle(report({ scannedFiles: [] }))).toBe("No container files changed");
    expect(checkTitle(report())).toBe("No new problems");
    expect(checkTitle(report({ newFindings: [finding(1)], blocking: [finding(1)], existing: [finding(2), finding(3)], fixed: [finding(4)] }))).toBe(
      "1 new problem, 1 blocking, 2 pre-existing, 1 fixed",
    );
  });
});

describe("renderCheckOutput", () => {
  it("escapes pipes and newlines in table cells", () => {
    const { summary } = renderCheckOutput(report({ newFindings: [finding(1, { message: "a | b\nc", file: "we|rd/Dockerfile" })] }));
    expect(summary).toContain("| `we\\|rd/Dockerfile` | 1 | a \\| b c |");
  });

  it("says when nothing blocks because failOn is none", () => {
    const { summary } = renderCheckOutput(report({ failOn: { severity: "none", scope: "new" } }));
    expect(summary).toContain("This check does not fail on findings (`failOn: none`).");
  });

  it("lists suppressions with no reason explicitly", () => {
    const waived = finding(2, { suppressed: { via: "annotation", reason: "", line: 7 } });
    const { summary } = renderCheckOutput(report({ suppressionsAdded: [waived] }));
    expect(summary).toContain("| `dockerfile/root-user` | `Dockerfile` | 7 | _(no reason given)_ |");
  });

  it("fits 65,535 characters whatever the number of findings", () => {
    const many = Array.from({ length: 20000 }, (_, i) => finding(i + 1, { message: "m".repeat(200) }));
    const { summary } = renderCheckOutput(report({ newFindings: many, existing: many, fixed: many, suppressionsAdded: many }));
    expect(summary.length).toBeLessThanOrEqual(65535);
  });
});

describe("text limits", () => {
  it("truncates at a line break with a note, never splitting a surrogate pair", () => {
    const text = `${"a".repeat(90)}\n${"b".repeat(20)}`;
    expect(truncateText(text, 100, " [cut]")).toBe(`${"a".repeat(90)} [cut]`);
    expect(truncateText("short", 100)).toBe("short");
    const emoji = "😀".repeat(10);
    const cut = truncateText(emoji, 7, "…");
    expect(cut).toBe("😀😀😀…");
  });

  it("makes safe table cells and inline code", () => {
    expect(tableCell("x".repeat(400), 10)).toBe(`${"x".repeat(9)}…`);
    expect(inlineCode("a`b")).toBe("``a`b``");
    expect(inlineCode("`x")).toBe("`` `x ``");
  });
});
