/**
 * The pull request review: one inline comment per new finding that sits on a line of the diff,
 * all batched into a single `createReview` (one write), each with a hidden marker so a rescan
 * never posts the same comment twice. A finding with a mechanical fix whose lines are all inside
 * one hunk gets a ```suggestion block on exactly those lines. Findings below `review.minSeverity`
 * stay in the check run; when more remain than `review.maxComments`, blocking findings, then errors,
 * then warnings get the comments.
 */
import { SEVERITY_RANK, type Finding, type RuleMeta, type Severity } from "../engine/types.js";
import { ruleDocUrl } from "../report/rule-docs.js";
import { isCommentable, isRangeInOneHunk, type FileDiff } from "./diff.js";
import { markerKey, renderMarker } from "./markers.js";
import { severityCounts } from "./summary.js";
import { COMMENT_BODY_MAX_CHARS, truncateText } from "./text-limits.js";

export interface ReviewCommentDraft {
  path: string;
  body: string;
  line: number;
  side: "RIGHT";
  start_line?: number;
  start_side?: "RIGHT";
}

export interface ReviewFile {
  /** Parsed hunks; null when GitHub sent no patch (file too large or binary): no comments. */
  diff: FileDiff | null;
  /** The head file's line ending, so suggestions keep it. */
  eol: "\n" | "\r\n";
}

export interface ReviewPlan {
  comments: ReviewCommentDraft[];
  /** Findings whose comment an earlier scan already posted (left as they are). */
  alreadyPosted: Finding[];
  /** Findings on lines outside the diff (check run only). */
  outsideDiff: Finding[];
  /** Findings that would have been commented but exceeded review.maxComments (the least severe). */
  overCap: Finding[];
  /** Findings below review.minSeverity: check run only. */
  belowMinSeverity: Finding[];
}

const SEVERITY_LABEL: Record<Severity, string> = { error: "Error", warning: "Warning", info: "Info" };

/** A fence longer than any run of backticks in the content. */
function fenceFor(content: string): string {
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  return "`".repeat(Math.max(3, longestRun + 1));
}

/** A ```suggestion block whose content replaces exactly the commented lines. */
export function renderSuggestion(replacement: string, eol: "\n" | "\r\n"): string {
  const lines = replacement.replace(/\r\n/g, "\n").split("\n");
  const fence = fenceFor(replacement);
  return [`${fence}suggestion`, ...lines, fence].join(eol);
}

/**
 * Messages quote file contents (image names, users, paths). An "@name" there must not notify
 * anyone: a zero-width space after the "@" keeps the text readable and mention-free.
 */
export function withoutMentions(text: string): string {
  return text.replace(/@(?=[A-Za-z0-9])/g, "@\u200b");
}

/** Text quoted into Markdown: "<uid>" or "<digest>" must show, not vanish as an unknown HTML tag. */
function plainText(text: string): string {
  return withoutMentions(text).replace(/&/g, "&amp;").replace(/</g, "&lt;");
}

/** Messages longer than this are cut in the comment (the check run keeps them whole). */
export const COMMENT_MESSAGE_MAX_CHARS = 360;

/**
 * One review comment, short enough to read in passing:
 *
 *   **Error** `rule/id`: the message (one sentence)
 *   ```suggestion ... ``` (when there is a one-click fix)
 *   <details> why it matters / how to fix </details>
 *   <sub>object and container · rule documentation link</sub>
 *   <!-- marker -->
 *
 * The rule's rationale and remediation, several sentences each, stay collapsed.
 */
export function renderCommentBody(finding: Finding, meta: RuleMeta | undefined, suggestion?: { block: string; description: string }): string {
  const message = plainText(truncateText(finding.message.replace(/\s+/g, " ").trim(), COMMENT_MESSAGE_MAX_CHARS, "…"));
  const parts = [`**${SEVERITY_LABEL[finding.severity]}** \`${finding.ruleId}\`: ${message}`];
  if (suggestion) parts.push("", `Suggested fix: ${plainText(suggestion.description)}`, "", suggestion.block);
  if (meta?.rationale || meta?.remediation) {
    parts.push("", "<details>", "<summary>Why it matters, how to fix</summary>", "");
    if (meta.rationale) parts.push(`**Why it matters:** ${meta.rationale}`, "");
    if (meta.remediation) parts.push(`**How to fix:** ${meta.remediation}`, "");
    parts.push("</details>");
  }
  const where = [finding.resource, finding.container ? `container \`${finding.container}\`` : undefined].filter(Boolean).join(", ");
  parts.push("", `<sub>${where ? `${plainText(where)} · ` : ""}[Rule documentation](${ruleDocUrl(finding.ruleId)})</sub>`);
  const marker = renderMarker({ ruleId: finding.ruleId, file: finding.file, fingerprint: finding.fingerprint, state: "open" });
  const text = truncateText(parts.join("\n"), COMMENT_BODY_MAX_CHARS - marker.length - 2);
  return `${text}\n\n${marker}`;
}

/**
 * What a reader sees of a comment while its `<details>` stay closed: the text without Markdown
 * syntax, link targets, HTML tags and the hidden marker. Review comments are kept short by this
 * measure (about 600 characters, more only for a long suggestion).
 */
export function visibleText(body: string): string {
  return body
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<details>[\s\S]*?<summary>([\s\S]*?)<\/summary>[\s\S]*?<\/details>/g, "$1")
    .replace(/<\/?(?:sub|details|summary)>/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\*\*|`{3,}suggestion|`+/g, "")
    .replace(/\n{2,}/g, "\n")
    .replace(/&lt;/g, "<")
    .replace(/&amp;/g, "&")
    .trim();
}

/** Places one finding on the diff, with a suggestion when its fix fits in one hunk; undefined when off-diff. */
export function placeComment(finding: Finding, file: ReviewFile, meta: RuleMeta | undefined): ReviewCommentDraft | undefined {
  const diff = file.diff;
  if (!diff) return undefined;
  const fix = finding.fix;
  if (fix && fix.startLine <= fix.endLine && isRangeInOneHunk(diff, fix.startLine, fix.endLine)) {
    const body = renderCommentBody(finding, meta, { block: renderSuggestion(fix.replacement, file.eol), description: fix.description });
    const draft: ReviewCommentDraft = { path: finding.file, body, line: fix.endLine, side: "RIGHT" };
    if (fix.startLine < fix.endLine) {
      draft.start_line = fix.startLine;
      draft.start_side = "RIGHT";
    }
    return draft;
  }
  if (!isCommentable(diff, finding.line)) return undefined;
  return { path: finding.file, body: renderCommentBody(finding, meta), line: finding.line, side: "RIGHT" };
}

export interface ReviewOptions {
  /** Comments per review at most (`review.maxComments`). */
  maxComments: number;
  /** Findings below this severity get no comment (`review.minSeverity`, default warning). */
  minSeverity?: Severity;
  /** Findings that fail the check (commented before anything else). Default: none. */
  isBlocking?: (finding: Finding) => boolean;
}

/** Comment priority: blocking findings, then other errors, then warnings, then info. */
function priority(finding: Finding, isBlocking: (finding: Finding) => boolean): number {
  return (isBlocking(finding) ? 10 : 0) + SEVERITY_RANK[finding.severity];
}

/**
 * Decides which findings get a comment in this review. `findings` are the new, unsuppressed
 * findings in report order; `postedKeys` the marker keys of the app's earlier, still-open comments.
 * Findings below `minSeverity` are left to the check run. When more findings could be commented
 * than the cap allows, the most important go first (blocking, then errors, then warnings; report
 * order within each), so a cap never hides an error behind notes.
 */
export function planReview(
  findings: readonly Finding[],
  files: ReadonlyMap<string, ReviewFile>,
  postedKeys: ReadonlySet<string>,
  options: ReviewOptions | number,
  metaOf: (ruleId: string) => RuleMeta | undefined,
): ReviewPlan {
  const { maxComments, minSeverity = "warning", isBlocking = () => false } = typeof options === "number" ? { maxComments: options } : options;
  const plan: ReviewPlan = { comments: [], alreadyPosted: [], outsideDiff: [], overCap: [], belowMinSeverity: [] };
  const candidates: { finding: Finding; draft: ReviewCommentDraft; rank: number; order: number }[] = [];
  findings.forEach((finding, order) => {
    if (postedKeys.has(markerKey(finding))) {
      plan.alreadyPosted.push(finding);
      return;
    }
    if (SEVERITY_RANK[finding.severity] < SEVERITY_RANK[minSeverity]) {
      plan.belowMinSeverity.push(finding);
      return;
    }
    const file = files.get(finding.file);
    const draft = file ? placeComment(finding, file, metaOf(finding.ruleId)) : undefined;
    if (!draft) {
      plan.outsideDiff.push(finding);
      return;
    }
    candidates.push({ finding, draft, rank: priority(finding, isBlocking), order });
  });
  candidates.sort((a, b) => b.rank - a.rank || a.order - b.order);
  const chosen = candidates.slice(0, Math.max(0, maxComments));
  plan.overCap = candidates.slice(chosen.length).sort((a, b) => a.order - b.order).map((c) => c.finding);
  // Comments keep report order (file, line): the review reads top to bottom.
  plan.comments = chosen.sort((a, b) => a.order - b.order).map((c) => c.draft);
  return plan;
}

/** The review's own body (required by GitHub for COMMENT and REQUEST_CHANGES). */
export function renderReviewBody(plan: ReviewPlan, maxComments: number, checkRunUrl?: string): string {
  const count = plan.comments.length;
  const lines = [
    `**container-review** found ${count} new problem${count === 1 ? "" : "s"} on lines this pull request changes.`,
  ];
  if (plan.overCap.length > 0) {
    lines.push(
      "",
      `${plan.overCap.length} more new finding${plan.overCap.length === 1 ? " is" : "s are"} not commented here (${severityCounts(plan.overCap)}): ` +
        `at most ${maxComments} comments per review (\`review.maxComments\`), the most severe first.`,
    );
  }
  if (plan.belowMinSeverity.length > 0) {
    lines.push("", `${severityCounts(plan.belowMinSeverity)} below \`review.minSeverity\` ${plan.belowMinSeverity.length === 1 ? "is" : "are"} listed in the check only.`);
  }
  lines.push("", checkRunUrl ? `The [container-review check](${checkRunUrl}) has the full report.` : "The container-review check has the full report.");
  return truncateText(lines.join("\n"), COMMENT_BODY_MAX_CHARS);
}
