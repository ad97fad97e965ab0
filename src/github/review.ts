/**
 * The pull request review: one inline comment per new finding that sits on a line of the diff,
 * all batched into a single `createReview` (one write), each with a hidden marker so a rescan
 * never posts the same comment twice. A finding with a mechanical fix whose lines are all inside
 * one hunk gets a ```suggestion block on exactly those lines.
 */
import type { Finding, RuleMeta, Severity } from "../engine/types.js";
import { ruleDocUrl } from "../report/rule-docs.js";
import { isCommentable, isRangeInOneHunk, type FileDiff } from "./diff.js";
import { markerKey, renderMarker } from "./markers.js";
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
  /** Findings that would have been commented but exceeded review.maxComments. */
  overCap: Finding[];
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

export function renderCommentBody(finding: Finding, meta: RuleMeta | undefined, suggestion?: { block: string; description: string }): string {
  const title = meta?.title ? ` · ${meta.title}` : "";
  const parts = [`**${SEVERITY_LABEL[finding.severity]}** · \`${finding.ruleId}\`${title}`, "", withoutMentions(finding.message)];
  if (finding.resource || finding.container) {
    const where = [finding.resource, finding.container ? `container \`${finding.container}\`` : undefined].filter(Boolean).join(", ");
    parts.push("", `<sub>In ${withoutMentions(where)}</sub>`);
  }
  if (meta?.rationale) parts.push("", `**Why it matters:** ${meta.rationale}`);
  if (meta?.remediation) parts.push("", `**How to fix:** ${meta.remediation}`);
  if (suggestion) parts.push("", `Suggested fix (${suggestion.description}):`, "", suggestion.block);
  parts.push("", `[Rule documentation](${ruleDocUrl(finding.ruleId)})`);
  const marker = renderMarker({ ruleId: finding.ruleId, file: finding.file, fingerprint: finding.fingerprint, state: "open" });
  const text = truncateText(parts.join("\n"), COMMENT_BODY_MAX_CHARS - marker.length - 2);
  return `${text}\n\n${marker}`;
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

/**
 * Decides which findings get a comment in this review. `findings` are the new, unsuppressed
 * findings in report order; `postedKeys` the marker keys of the app's earlier, still-open comments.
 */
export function planReview(
  findings: readonly Finding[],
  files: ReadonlyMap<string, ReviewFile>,
  postedKeys: ReadonlySet<string>,
  maxComments: number,
  metaOf: (ruleId: string) => RuleMeta | undefined,
): ReviewPlan {
  const plan: ReviewPlan = { comments: [], alreadyPosted: [], outsideDiff: [], overCap: [] };
  for (const finding of findings) {
    if (postedKeys.has(markerKey(finding))) {
      plan.alreadyPosted.push(finding);
      continue;
    }
    const file = files.get(finding.file);
    const draft = file ? placeComment(finding, file, metaOf(finding.ruleId)) : undefined;
    if (!draft) {
      plan.outsideDiff.push(finding);
      continue;
    }
    if (plan.comments.length >= maxComments) {
      plan.overCap.push(finding);
      continue;
    }
    plan.comments.push(draft);
  }
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
      `${plan.overCap.length} more new finding${plan.overCap.length === 1 ? " is" : "s are"} not commented here (at most ${maxComments} comments per review, \`review.maxComments\`).`,
    );
  }
  lines.push("", checkRunUrl ? `The [container-review check](${checkRunUrl}) has the full report.` : "The container-review check has the full report.");
  return truncateText(lines.join("\n"), COMMENT_BODY_MAX_CHARS);
}
