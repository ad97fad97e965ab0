/**
 * Human-readable output: findings grouped by file and, within a file, by object (Kubernetes
 * resource or compose service), each line `line:col  severity  rule  message`. Colour only when
 * asked (the CLI asks on a TTY without NO_COLOR).
 */
import type { Finding, ScanError, ScanResult } from "../engine/types.js";
import { countBySeverity, describeCounts } from "./summary.js";

const ANSI = {
  bold: (s: string) => `\u001b[1m${s}\u001b[22m`,
  dim: (s: string) => `\u001b[2m${s}\u001b[22m`,
  red: (s: string) => `\u001b[31m${s}\u001b[39m`,
  yellow: (s: string) => `\u001b[33m${s}\u001b[39m`,
  blue: (s: string) => `\u001b[34m${s}\u001b[39m`,
  underline: (s: string) => `\u001b[4m${s}\u001b[24m`,
};
const PLAIN = { bold: (s: string) => s, dim: (s: string) => s, red: (s: string) => s, yellow: (s: string) => s, blue: (s: string) => s, underline: (s: string) => s };

export interface TextOptions {
  color?: boolean;
  /** Show suppressed findings too (marked); default false. */
  showSuppressed?: boolean;
  /** Extra words after a finding, e.g. "(new)" from a baseline comparison. */
  tag?: (f: Finding) => string | undefined;
  /** A closing note, e.g. "12 pre-existing findings not shown". */
  footer?: string[];
}

export function formatText(result: Pick<ScanResult, "findings" | "errors">, options: TextOptions = {}): string {
  const c = options.color ? ANSI : PLAIN;
  const shown = options.showSuppressed ? result.findings : result.findings.filter((f) => !f.suppressed);
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of shown) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  const position = (f: Finding) => `${f.line}:${f.column}`;
  const posWidth = Math.max(0, ...shown.map((f) => position(f).length));
  const ruleWidth = Math.max(0, ...shown.map((f) => f.ruleId.length));
  const severityText = (f: Finding) => {
    const padded = f.severity.padEnd(7);
    return f.severity === "error" ? c.red(padded) : f.severity === "warning" ? c.yellow(padded) : c.blue(padded);
  };
  for (const [file, findings] of byFile) {
    out.push(c.underline(c.bold(file)));
    // Group per object, in order of first appearance; findings without an object come first.
    const groups = new Map<string, Finding[]>();
    for (const f of findings) {
      const key = f.resource ?? "";
      const g = groups.get(key) ?? [];
      g.push(f);
      groups.set(key, g);
    }
    const keys = [...groups.keys()].sort((a, b) => (a === "" ? -1 : b === "" ? 1 : 0));
    for (const key of keys) {
      const indent = key === "" ? "  " : "    ";
      if (key !== "") out.push(`  ${c.bold(key)}`);
      for (const f of groups.get(key)!) {
        const container = f.container ? `container "${f.container}": ` : "";
        const tag = options.tag?.(f);
        const suppressed = f.suppressed ? c.dim(` [suppressed: ${f.suppressed.reason || "no reason given"}]`) : "";
        out.push(
          `${indent}${c.dim(position(f).padEnd(posWidth))}  ${severityText(f)}  ${f.ruleId.padEnd(ruleWidth)}  ${messageWithContainer(container, f.message)}${tag ? ` ${tag}` : ""}${suppressed}`,
        );
        if (f.roots && f.roots.length > 0) {
          out.push(`${indent}${" ".repeat(posWidth)}  ${c.dim(`rendered through ${f.roots.join(", ")}`)}`);
        }
      }
    }
    out.push("");
  }
  for (const e of result.errors) out.push(formatError(e, c.red));
  const counts = countBySeverity(result.findings);
  const summary = describeCounts(counts);
  out.push(counts.error + counts.warning + counts.info === 0 ? `No problems found${counts.suppressed ? ` (${counts.suppressed} suppressed)` : ""}.` : `${summary}.`);
  for (const line of options.footer ?? []) out.push(line);
  return `${out.join("\n")}\n`;
}

/** Avoids "container \"web\": container \"web\" runs privileged" when the message names it already. */
function messageWithContainer(prefix: string, message: string): string {
  if (prefix === "" || message.includes(prefix.slice(0, -2))) return message;
  return `${prefix}${message}`;
}

function formatError(e: ScanError, red: (s: string) => string): string {
  return red(`error: ${e.file ? `${e.file}: ` : ""}${e.message}`);
}
