/**
 * A stand-in for the engine in app tests that need exact findings. Every line of a file of the form
 *   BAD <rule> <fingerprint> [severity]          -> a finding on that line
 *   BADFIX <rule> <fingerprint> [lines]          -> a finding with a fix of that line (and the next lines-1)
 *   WAIVED <rule> <fingerprint> <reason...>      -> a suppressed finding (suppression on that line)
 * Everything else is clean. It reports the same shapes as the real engine's scan().
 */
import type { ScanFunction } from "../../src/github/pull-request-scan.js";
import type { Finding, Severity } from "../../src/engine/types.js";

export const toyScan: ScanFunction = (files) => {
  const findings: Finding[] = [];
  for (const file of files) {
    const text = typeof file.content === "string" ? file.content : Buffer.from(file.content).toString("utf8");
    const lines = text.replace(/\r\n/g, "\n").split("\n");
    lines.forEach((line, index) => {
      const number = index + 1;
      const [word, ruleId, fingerprint, ...rest] = line.trim().split(/\s+/);
      if (!ruleId || !fingerprint) return;
      const base = { ruleId, file: file.path, line: number, column: 1, endLine: number, endColumn: line.length + 1, fingerprint };
      if (word === "BAD") {
        const severity = (rest[0] as Severity | undefined) ?? "error";
        findings.push({ ...base, severity, message: `${ruleId} problem (${fingerprint})` });
      } else if (word === "BADFIX") {
        const span = Number(rest[0] ?? "1");
        const replacement = lines
          .slice(index, index + span)
          .map((l) => l.replace("BADFIX", "GOOD"))
          .join("\n");
        findings.push({
          ...base,
          severity: "error",
          message: `${ruleId} problem (${fingerprint})`,
          fix: { description: "make it good", startLine: number, endLine: number + span - 1, replacement },
        });
      } else if (word === "WAIVED") {
        findings.push({ ...base, severity: "error", message: `${ruleId} problem (${fingerprint})`, suppressed: { via: "comment", reason: rest.join(" "), line: number } });
      }
    });
  }
  return {
    findings,
    errors: [],
    files: files.map((f) => ({ path: f.path, kind: "dockerfile" as const, status: "analyzed" as const })),
  };
};
