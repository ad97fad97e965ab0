/** Machine-readable output: `{"version":1,"findings":[...],"errors":[...]}`. Stable across releases. */
import type { Finding, ScanError } from "../engine/types.js";

export interface JsonReport {
  version: 1;
  findings: (Finding & { baseline?: "new" | "existing" })[];
  errors: ScanError[];
  /** Present with --baseline / --baseline-file: findings of the baseline that are gone. */
  fixed?: Finding[];
}

export function formatJson(report: Omit<JsonReport, "version">): string {
  const out: JsonReport = { version: 1, findings: report.findings, errors: report.errors };
  if (report.fixed) out.fixed = report.fixed;
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** Reads a saved JSON report (for --baseline-file); throws with a clear message when it is not one. */
export function parseJsonReport(text: string, source: string): JsonReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`${source}: not JSON`);
  }
  const r = data as Partial<JsonReport> | null;
  if (!r || r.version !== 1 || !Array.isArray(r.findings)) {
    throw new Error(`${source}: not a container-review JSON report (expected {"version":1,"findings":[...]})`);
  }
  for (const f of r.findings) {
    if (typeof f !== "object" || f === null || typeof f.ruleId !== "string" || typeof f.file !== "string" || typeof f.fingerprint !== "string") {
      throw new Error(`${source}: a finding lacks ruleId, file or fingerprint`);
    }
  }
  return { version: 1, findings: r.findings as Finding[], errors: Array.isArray(r.errors) ? r.errors : [] };
}
