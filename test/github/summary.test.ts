import { describe, expect, it } from "@jest/globals";
import { buildAnnotation, checkTitle, renderCheckOutput, selectAnnotated, type CheckReport } from "../../src/github/summary.js";
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

describe("selectAnnotated", () => {
  const many = (file: string, count: number, severity: Finding["severity"], from = 1) =>
    Array.from({ length: count }, (_, i) => finding(from + i, { file, severity, fingerprint: `${file}-${from + i}` }));

  it("keeps every finding when they fit", () => {
    const all = [...many("a", 3, "info"), ...many("b", 2, "error")];
    expect(selectAnnotated(all, 5)).toStrictEqual(all);
  });

  it("gives every file its most severe findings before any file gets its tenth, errors before notes in each round", () => {
    // 250 files: the first 154 with 10 findings each (infos then one error at the end), the last 96 with 2 warnings.
    const findings = [
      ...Array.from({ length: 154 }, (_, f) => [...many(`big-${String(f).padStart(3, "0")}`, 9, "info"), ...many(`big-${String(f).padStart(3, "0")}`, 1, "error", 10)]).flat(),
      ...Array.from({ length: 96 }, (_, f) => many(`small-${String(f).padStart(2, "0")}`, 2, "warning")).flat(),
    ];
    const chosen = selectAnnotated(findings, 1000);
    expect(chosen).toHaveLength(1000);
    const files = new Set(findings.map((f) => f.file));
    const perFile = new Map<string, Finding[]>();
    for (const f of chosen) perFile.set(f.file, [...(perFile.get(f.file) ?? []), f]);
    expect(perFile.size).toBe(files.size);
    // Every big file's one error and every small file's two warnings are in.
    for (const file of files) {
      const own = perFile.get(file) ?? [];
      if (file.startsWith("big-")) expect(own.filter((f) => f.severity === "error")).toHaveLength(1);
      else expect(own).toHaveLength(2);
    }
    // Round 1 is everyone's most severe finding, errors first.
    expect(chosen.slice(0, 154).every((f) => f.severity === "error")).toBe(true);
    expect(chosen.slice(154, 250).every((f) => f.severity === "warning")).toBe(true);
    // 1000 - 154 errors - 192 warnings = 654 infos, dealt round-robin: no file gets a 6th info before all have 5.
    const infoCounts = [...perFile.values()].map((own) => own.filter((f) => f.severity === "info").length).filter((n) => n > 0);
    expect(Math.max(...infoCounts) - Math.min(...infoCounts)).toBeLessThanOrEqual(1);
  });

  it("after nine rounds, hands out the rest by severity", () => {
    const findings = [...many("a", 20, "error"), ...many("b", 15, "info")];
    const chosen = selectAnnotated(findings, 25);
    expect(chosen.filter((f) => f.file === "a")).toHaveLength(16);
    expect(chosen.filter((f) => f.file === "b")).toHaveLength(9);
  });
});
