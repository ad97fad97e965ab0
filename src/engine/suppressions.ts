/**
 * Inline suppression comments, the same form in Dockerfiles and YAML:
 *
 *     # container-review ignore=dockerfile/root-user,dockerfile/sudo the base image drops privileges itself
 *
 * A comment waives the listed rules for the instruction or key on the line right after the comment
 * block it belongs to (consecutive comment lines directly above). The reason is required; a
 * comment without one still applies but is itself reported.
 */
import type { TextFile } from "./types.js";

export interface SuppressionComment {
  /** 1-based line of the comment. */
  line: number;
  column: number;
  endColumn: number;
  ruleIds: string[];
  reason: string;
}

const COMMENT = /^(\s*)#\s*container-review\s+ignore\s*=\s*([^\s]*)\s*(.*)$/;
const ANY_COMMENT = /^\s*#/;

/** All suppression comments of a file, by line. */
export function parseSuppressionComments(file: TextFile): Map<number, SuppressionComment> {
  const out = new Map<number, SuppressionComment>();
  // Cheap skip: most files have none.
  if (!file.text.includes("container-review")) return out;
  file.lines.forEach((text, i) => {
    const m = COMMENT.exec(text);
    if (!m) return;
    const ruleIds = m[2].split(",").map((s) => s.trim()).filter(Boolean);
    out.set(i + 1, {
      line: i + 1,
      column: m[1].length + 1,
      endColumn: text.length + 1,
      ruleIds,
      reason: m[3].trim(),
    });
  });
  return out;
}

/**
 * The suppression comments that govern `line`: the block of comment lines directly above it.
 */
export function commentsAbove(file: TextFile, comments: Map<number, SuppressionComment>, line: number): SuppressionComment[] {
  const found: SuppressionComment[] = [];
  for (let l = line - 1; l >= 1; l -= 1) {
    const text = file.lines[l - 1] ?? "";
    if (!ANY_COMMENT.test(text)) break;
    const c = comments.get(l);
    if (c) found.push(c);
  }
  return found;
}
