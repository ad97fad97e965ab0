/**
 * Applies findings' mechanical fixes to a file's text (the CLI's --fix). Pure: text in, text out.
 * Fixes are whole-line replacements; they are applied bottom-up so earlier line numbers stay
 * valid, and a fix that overlaps one already applied is skipped (the next run picks it up).
 */
import type { Finding } from "./types.js";

export interface FixOutcome {
  text: string;
  applied: Finding[];
  skipped: Finding[];
}

/** `text` is the file as on disk; its line ending (LF or CRLF) is kept. */
export function applyFixes(text: string, findings: readonly Finding[]): FixOutcome {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const lines = text.split(eol);
  const candidates = findings
    .filter((f) => f.fix && !f.suppressed)
    .sort((a, b) => b.fix!.startLine - a.fix!.startLine || b.fix!.endLine - a.fix!.endLine);
  const applied: Finding[] = [];
  const skipped: Finding[] = [];
  let lowestTouched = Number.POSITIVE_INFINITY;
  const seen = new Set<string>();
  for (const f of candidates) {
    const fix = f.fix!;
    const key = `${fix.startLine}:${fix.endLine}:${fix.replacement}`;
    if (seen.has(key)) {
      applied.push(f); // the same edit requested twice (two rules agreeing) is applied once
      continue;
    }
    if (fix.startLine < 1 || fix.endLine < fix.startLine || fix.endLine > lines.length || fix.endLine >= lowestTouched) {
      skipped.push(f);
      continue;
    }
    lines.splice(fix.startLine - 1, fix.endLine - fix.startLine + 1, ...fix.replacement.split("\n"));
    lowestTouched = fix.startLine;
    seen.add(key);
    applied.push(f);
  }
  return { text: lines.join(eol), applied, skipped };
}
