/**
 * Invariants every scan result must hold, whatever the input: used by the corpus test and the fuzz
 * tests. Returns a list of violations (empty when the result is sound) so that a failing test shows
 * every problem at once, with the file it belongs to.
 */
import type { ScanResult } from "../../src/engine/types.js";

const STATUSES = new Set(["analyzed", "parse-error", "not-applicable", "skipped"]);

/** The lines of a file as the engine numbers them: BOM dropped, CRLF folded, split on "\n". */
export function engineLines(content: string | Uint8Array): string[] | null {
  let text: string;
  if (typeof content === "string") text = content;
  else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(content);
    } catch {
      return null;
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.replace(/\r\n/g, "\n").split("\n");
}

export interface InputForCheck {
  path: string;
  content: string | Uint8Array;
}

export function violations(inputs: readonly InputForCheck[], result: ScanResult, opts: { allowErrors?: RegExp } = {}): string[] {
  const problems: string[] = [];
  const byPath = new Map(inputs.map((i) => [i.path.replace(/\\/g, "/"), i]));
  const linesCache = new Map<string, string[] | null>();
  const linesOf = (path: string): string[] | null => {
    if (!linesCache.has(path)) {
      const input = byPath.get(path);
      linesCache.set(path, input ? engineLines(input.content) : null);
    }
    return linesCache.get(path) ?? null;
  };

  for (const e of result.errors) {
    if (!opts.allowErrors || !opts.allowErrors.test(e.message)) problems.push(`scan error: ${e.file ?? "(no file)"}: ${e.message}`);
  }

  const seen = new Map<string, number>();
  for (const f of result.files) {
    seen.set(f.path, (seen.get(f.path) ?? 0) + 1);
    if (!byPath.has(f.path)) problems.push(`result names a file that was not scanned: ${f.path}`);
    if (!STATUSES.has(f.status)) problems.push(`${f.path}: unknown status ${String(f.status)}`);
    if (f.status === "skipped" && !/too large|time limit|limits\./.test(f.reason ?? "")) {
      problems.push(`${f.path}: skipped for an unexpected reason: ${f.reason ?? "(none)"}`);
    }
  }
  for (const path of byPath.keys()) {
    const n = seen.get(path) ?? 0;
    if (n !== 1) problems.push(`${path}: appears ${n} times in result.files (expected once)`);
  }

  for (const f of result.findings) {
    const where = `${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.ruleId}`;
    if (!byPath.has(f.file)) {
      problems.push(`finding for a file that was not scanned: ${where}`);
      continue;
    }
    for (const [name, v] of [
      ["line", f.line],
      ["column", f.column],
      ["endLine", f.endLine],
      ["endColumn", f.endColumn],
    ] as const) {
      if (!Number.isInteger(v) || v < 1) problems.push(`${where}: ${name} is not a positive integer (${v})`);
    }
    if (typeof f.message !== "string" || f.message.trim() === "") problems.push(`${where}: empty message`);
    if (!/^[a-z0-9-]+\/[a-z0-9-]+/.test(f.ruleId)) problems.push(`${where}: odd rule ID`);
    if (!["error", "warning", "info"].includes(f.severity)) problems.push(`${where}: odd severity ${f.severity}`);
    const lines = linesOf(f.file);
    // An undecodable file (invalid UTF-8) only gets a line-1 finding.
    const count = lines ? Math.max(1, lines.length) : 1;
    if (f.line > count || f.endLine > count) problems.push(`${where}: line outside the file (${count} lines)`);
    if (f.endLine < f.line) problems.push(`${where}: ends before it starts`);
    if (lines && f.line <= count && f.endLine <= count) {
      const len = (n: number) => (lines[n - 1] ?? "").length;
      if (f.column > len(f.line) + 1) problems.push(`${where}: column past the end of line ${f.line} (length ${len(f.line)})`);
      if (f.endColumn > len(f.endLine) + 1) problems.push(`${where}: endColumn past the end of line ${f.endLine} (length ${len(f.endLine)})`);
      if (f.endLine === f.line && f.endColumn < f.column) problems.push(`${where}: endColumn before column`);
    }
    if (f.fix) {
      if (f.fix.startLine < 1 || f.fix.endLine < f.fix.startLine || f.fix.endLine > count) {
        problems.push(`${where}: fix lines ${f.fix.startLine}-${f.fix.endLine} outside the file (${count} lines)`);
      }
    }
  }
  const prints = new Map<string, number>();
  for (const f of result.findings) {
    const key = `${f.file}\u0000${f.fingerprint}`;
    prints.set(key, (prints.get(key) ?? 0) + 1);
  }
  for (const [key, n] of prints) if (n > 1) problems.push(`fingerprint ${key.replace("\u0000", " ")} used ${n} times in one file`);
  return problems;
}
