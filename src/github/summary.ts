/**
 * The check run's text: title, Markdown summary (counts per severity and per file, the findings
 * table, collapsed pre-existing findings, findings fixed by the PR, suppressions the PR adds) and
 * the annotations. Everything is kept within GitHub's size limits.
 */
import { SEVERITIES, SEVERITY_RANK, type Finding, type Severity } from "../engine/types.js";
import type { ResolvedConfig } from "../config/schema.js";
import { ruleDocUrl } from "../report/rule-docs.js";
import {
  ANNOTATION_MESSAGE_MAX_CHARS,
  ANNOTATION_TITLE_MAX_CHARS,
  CHECK_OUTPUT_MAX_CHARS,
  inlineCode,
  tableCell,
  truncateText,
} from "./text-limits.js";

export interface CheckReport {
  /** Container files of the PR that the engine analyzed or tried to. */
  scannedFiles: string[];
  newFindings: Finding[];
  existing: Finding[];
  fixed: Finding[];
  suppressionsAdded: Finding[];
  blocking: Finding[];
  failOn: ResolvedConfig["failOn"];
  review: {
    commented: number;
    alreadyPosted: number;
    outsideDiff: number;
    overCap: number;
    maxComments: number;
    /** New findings below review.minSeverity (check run only). */
    belowMinSeverity?: number;
    minSeverity?: Severity;
    /** Why no review was posted at all (stale head, API error), if so. */
    skipped?: string;
  };
  /** Findings left without an annotation because of the per-run annotation cap. */
  annotationsDropped: number;
  /** Their counts by severity ("3 warnings, 40 info"), when some were dropped. */
  annotationsDroppedBySeverity?: string;
  /** Further notes for the reader (files without a patch, skipped files, scan errors). */
  notes: string[];
}

export interface CheckOutput {
  title: string;
  summary: string;
}

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: "failure" | "warning" | "notice";
  title: string;
  message: string;
}

/** Annotations sent per check run at most (20 update requests). */
export const MAX_ANNOTATIONS_PER_RUN = 1000;

/** Rounds of the fair share: every file gets up to this many before any file gets more. */
export const ANNOTATION_ROUNDS_PER_FILE = 9;

/**
 * The findings that get an annotation when there are more than `max`: each file's findings from
 * most to least severe, dealt round-robin (every file's most severe finding, then every file's
 * second, ...; each round most severe first) for ANNOTATION_ROUNDS_PER_FILE rounds, then the rest
 * by severity (round-robin again within a severity). So a PR's last files are never left without
 * an annotation because its first files have many, and errors go before notes.
 */
export function selectAnnotated(findings: readonly Finding[], max: number = MAX_ANNOTATIONS_PER_RUN): Finding[] {
  if (findings.length <= max) return [...findings];
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  const ranked: { finding: Finding; round: number; fileIndex: number }[] = [];
  let fileIndex = 0;
  for (const list of byFile.values()) {
    // Stable: findings of equal severity keep their order (line order).
    const sorted = [...list].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
    sorted.forEach((finding, round) => ranked.push({ finding, round, fileIndex }));
    fileIndex += 1;
  }
  const early = (r: { round: number }) => r.round < ANNOTATION_ROUNDS_PER_FILE;
  ranked.sort(
    (a, b) =>
      Number(early(b)) - Number(early(a)) ||
      (early(a) ? a.round - b.round : 0) ||
      SEVERITY_RANK[b.finding.severity] - SEVERITY_RANK[a.finding.severity] ||
      a.round - b.round ||
      a.fileIndex - b.fileIndex,
  );
  return ranked.slice(0, max).map((r) => r.finding);
}

/** "3 errors, 1 warning, 12 info" (severities with a count only). */
export function severityCounts(findings: readonly Finding[]): string {
  const parts: string[] = [];
  for (const severity of SEVERITIES) {
    const n = findings.filter((f) => f.severity === severity).length;
    if (n > 0) parts.push(severity === "info" ? `${n} info` : plural(n, severity));
  }
  return parts.join(", ");
}

const ANNOTATION_LEVEL: Record<Severity, CheckAnnotation["annotation_level"]> = {
  error: "failure",
  warning: "warning",
  info: "notice",
};

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

export function buildAnnotation(finding: Finding): CheckAnnotation {
  const annotation: CheckAnnotation = {
    path: finding.file,
    start_line: finding.line,
    end_line: Math.max(finding.line, finding.endLine),
    annotation_level: ANNOTATION_LEVEL[finding.severity],
    title: truncateText(finding.ruleId, ANNOTATION_TITLE_MAX_CHARS, "…"),
    message: truncateText(finding.message, ANNOTATION_MESSAGE_MAX_CHARS, "…"),
  };
  // Columns are only allowed on single-line annotations.
  if (annotation.start_line === annotation.end_line && finding.endColumn > finding.column) {
    annotation.start_column = finding.column;
    annotation.end_column = finding.endColumn;
  }
  return annotation;
}

export function checkTitle(report: CheckReport): string {
  if (report.scannedFiles.length === 0) return "No container files changed";
  const blocking = report.blocking.length;
  const fresh = report.newFindings.length;
  const parts: string[] = [];
  if (fresh === 0) parts.push("No new problems");
  else parts.push(plural(fresh, "new problem"));
  if (blocking > 0) parts.push(`${blocking} blocking`);
  if (report.existing.length > 0) parts.push(`${report.existing.length} pre-existing`);
  if (report.fixed.length > 0) parts.push(`${report.fixed.length} fixed`);
  return parts.join(", ");
}

function findingsTable(findings: readonly Finding[], maxRows: number, moreNote: string): string[] {
  const rows = ["| Severity | Rule | File | Line | Message |", "| --- | --- | --- | --- | --- |"];
  for (const f of findings.slice(0, maxRows)) {
    rows.push(
      `| ${f.severity} | [${f.ruleId}](${ruleDocUrl(f.ruleId)}) | ${inlineCode(f.file)} | ${f.line} | ${tableCell(f.message)} |`,
    );
  }
  if (findings.length > maxRows) rows.push("", `… and ${findings.length - maxRows} more${moreNote}.`);
  return rows;
}

function countsBySeverity(report: CheckReport): string[] {
  const count = (list: readonly Finding[], severity: Severity) => list.filter((f) => f.severity === severity).length;
  const rows = ["| Severity | New | Pre-existing | Fixed by this PR |", "| --- | ---: | ---: | ---: |"];
  for (const severity of SEVERITIES) {
    rows.push(`| ${severity} | ${count(report.newFindings, severity)} | ${count(report.existing, severity)} | ${count(report.fixed, severity)} |`);
  }
  return rows;
}

function countsByFile(report: CheckReport, maxRows: number): string[] {
  const perFile = new Map<string, Record<Severity, number>>();
  const relevant = report.failOn.scope === "all" ? [...report.newFindings, ...report.existing] : report.newFindings;
  for (const f of relevant) {
    const counts = perFile.get(f.file) ?? { error: 0, warning: 0, info: 0 };
    counts[f.severity] += 1;
    perFile.set(f.file, counts);
  }
  if (perFile.size === 0) return [];
  const rows = ["| File | error | warning | info |", "| --- | ---: | ---: | ---: |"];
  const entries = [...perFile.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [file, c] of entries.slice(0, maxRows)) rows.push(`| ${inlineCode(file)} | ${c.error} | ${c.warning} | ${c.info} |`);
  if (entries.length > maxRows) rows.push("", `… and ${entries.length - maxRows} more files.`);
  return rows;
}

function renderSummary(report: CheckReport, maxRows: number): string {
  const out: string[] = [];
  if (report.scannedFiles.length === 0) {
    out.push("This pull request changes no Dockerfiles, Kubernetes manifests or compose files.");
    if (report.notes.length > 0) out.push("", "### Notes", ...report.notes.map((n) => `- ${n}`));
    return out.join("\n");
  }
  const threshold =
    report.failOn.severity === "none"
      ? "This check does not fail on findings (`failOn: none`)."
      : `This check fails on ${report.failOn.scope === "new" ? "new " : ""}findings of severity **${report.failOn.severity}** or above` +
        ` (\`failOn\`: ${report.failOn.severity}, scope ${report.failOn.scope}).`;
  out.push(
    `Scanned ${plural(report.scannedFiles.length, "container file")} changed by this pull request. ${threshold}`,
    "",
    report.blocking.length > 0 ? `**${plural(report.blocking.length, "blocking finding")}.**` : "**No blocking findings.**",
    "",
    ...countsBySeverity(report),
  );
  const byFile = countsByFile(report, maxRows);
  if (byFile.length > 0) out.push("", "### Findings per file", "", ...byFile);
  if (report.newFindings.length > 0) out.push("", "### New findings", "", ...findingsTable(report.newFindings, maxRows, report.annotationsDropped > 0 ? "" : " (see the annotations)"));
  if (report.existing.length > 0) {
    out.push(
      "",
      "<details>",
      `<summary>Pre-existing findings (${report.existing.length}): already in the base branch${report.failOn.scope === "new" ? ", not counted" : ""}</summary>`,
      "",
      ...findingsTable(report.existing, maxRows, report.failOn.scope === "all" && report.annotationsDropped === 0 ? " (see the annotations)" : ""),
      "",
      "</details>",
    );
  }
  if (report.fixed.length > 0) {
    out.push("", `### Fixed by this pull request (${report.fixed.length})`, "");
    for (const f of report.fixed.slice(0, maxRows)) out.push(`- ${inlineCode(f.ruleId)} in ${inlineCode(f.file)}: ${tableCell(f.message)}`);
    if (report.fixed.length > maxRows) out.push(`- … and ${report.fixed.length - maxRows} more`);
  }
  if (report.suppressionsAdded.length > 0) {
    out.push(
      "",
      `### Suppressions added by this pull request (${report.suppressionsAdded.length})`,
      "",
      "| Rule | File | Line | Reason |",
      "| --- | --- | ---: | --- |",
    );
    for (const f of report.suppressionsAdded.slice(0, maxRows)) {
      const s = f.suppressed;
      const reason = s?.reason ? tableCell(s.reason) : "_(no reason given)_";
      out.push(`| ${inlineCode(f.ruleId)} | ${inlineCode(f.file)} | ${s?.line ?? f.line} | ${reason} |`);
    }
    if (report.suppressionsAdded.length > maxRows) out.push("", `… and ${report.suppressionsAdded.length - maxRows} more.`);
  }
  const notes = [...report.notes];
  const r = report.review;
  if (r.skipped) notes.push(`No review comments were posted: ${r.skipped}`);
  if (r.overCap > 0) {
    notes.push(`${plural(r.overCap, "new finding")} on changed lines got no review comment: at most ${r.maxComments} comments per review (\`review.maxComments\`), the most severe first.`);
  }
  if (r.belowMinSeverity && r.belowMinSeverity > 0) {
    notes.push(`${plural(r.belowMinSeverity, "new finding")} below \`review.minSeverity\` (${r.minSeverity ?? "warning"}) ${r.belowMinSeverity === 1 ? "is" : "are"} listed here, not commented.`);
  }
  if (r.outsideDiff > 0) notes.push(`${plural(r.outsideDiff, "new finding")} outside the lines this pull request changes appear as annotations only.`);
  if (report.annotationsDropped > 0) {
    const which = report.annotationsDroppedBySeverity ? ` (${report.annotationsDroppedBySeverity})` : "";
    notes.push(
      `${MAX_ANNOTATIONS_PER_RUN} findings are annotated, every file's most severe first; ${report.annotationsDropped} more${which} are not (GitHub accepts annotations 50 per request, and each request is a write).`,
    );
  }
  if (r.alreadyPosted > 0) notes.push(`${plural(r.alreadyPosted, "finding")} already had a review comment from an earlier scan.`);
  if (notes.length > 0) out.push("", "### Notes", "", ...notes.map((n) => `- ${n}`));
  return out.join("\n");
}

/** Title and summary, shrinking tables until the summary fits GitHub's limit, then truncating. */
export function renderCheckOutput(report: CheckReport): CheckOutput {
  let summary = "";
  for (const maxRows of [Number.POSITIVE_INFINITY, 500, 200, 100, 50, 20, 5]) {
    summary = renderSummary(report, maxRows);
    if (summary.length <= CHECK_OUTPUT_MAX_CHARS) break;
  }
  return { title: checkTitle(report), summary: truncateText(summary, CHECK_OUTPUT_MAX_CHARS) };
}
