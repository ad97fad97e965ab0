/** Counting helpers shared by the reporters and the app's check-run summary. */
import type { Finding, Severity } from "../engine/types.js";

export interface SeverityCounts {
  error: number;
  warning: number;
  info: number;
  suppressed: number;
}

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0, suppressed: 0 };
  for (const f of findings) {
    if (f.suppressed) counts.suppressed += 1;
    else counts[f.severity] += 1;
  }
  return counts;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function describeCounts(c: SeverityCounts): string {
  const active = c.error + c.warning + c.info;
  const parts = [`${plural(active, "problem")} (${plural(c.error, "error")}, ${plural(c.warning, "warning")}, ${c.info} info)`];
  if (c.suppressed > 0) parts.push(`${c.suppressed} suppressed`);
  return parts.join(", ");
}

export const SEVERITY_ORDER: readonly Severity[] = ["error", "warning", "info"];
