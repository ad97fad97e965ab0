/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF consumers: every rule's metadata with help
 * text and a documentation link, results with exact regions, stable partial fingerprints, and
 * in-source suppressions with their justification.
 */
import type { Finding, RuleMeta, ScanError, Severity } from "../engine/types.js";
import { ruleDocUrl } from "./rule-docs.js";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };
/** GitHub code scanning ranks security alerts by this number (0.1-10). */
const SECURITY_SEVERITY: Record<Severity, string> = { error: "8.0", warning: "5.5", info: "2.0" };

export interface SarifOptions {
  version: string;
  rules: readonly RuleMeta[];
}

function ruleDescriptor(meta: RuleMeta) {
  const help = `${meta.rationale}\n\nFix: ${meta.remediation}`;
  const refs = meta.references.map((r) => `- [${r.title}](${r.url})`).join("\n");
  return {
    id: meta.id,
    name: meta.title.replace(/[^A-Za-z0-9]+(.)?/g, (_m, ch: string | undefined) => (ch ? ch.toUpperCase() : "")),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.rationale },
    helpUri: ruleDocUrl(meta.id),
    help: {
      text: help,
      markdown: `**${meta.title}**\n\n${meta.rationale}\n\n**Fix:** ${meta.remediation}${refs ? `\n\n**References**\n${refs}` : ""}\n\n[Rule documentation](${ruleDocUrl(meta.id)})`,
    },
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: {
      tags: ["security", meta.kind, ...meta.standards],
      precision: "high",
      "security-severity": SECURITY_SEVERITY[meta.severity],
    },
  };
}

function uri(path: string): string {
  return path
    .replace(/\\/g, "/")
    .replace(/^\.\//, "")
    .split("/")
    .map((p) => encodeURIComponent(p))
    .join("/");
}

export function toSarif(findings: readonly Finding[], errors: readonly ScanError[], options: SarifOptions) {
  const rules = options.rules.map(ruleDescriptor);
  const index = new Map(options.rules.map((r, i) => [r.id, i]));
  const results = findings.map((f) => {
    const objectText = [f.resource, f.container ? `container ${f.container}` : undefined].filter(Boolean).join(", ");
    const result: Record<string, unknown> = {
      ruleId: f.ruleId,
      level: LEVEL[f.severity],
      message: { text: objectText ? `${f.message} (${objectText})` : f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: uri(f.file), uriBaseId: "%SRCROOT%" },
            region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: Math.max(f.endColumn, f.line === f.endLine ? f.column + 1 : 1) },
          },
        },
      ],
      partialFingerprints: { "containerReviewFingerprint/v1": f.fingerprint },
    };
    const i = index.get(f.ruleId);
    if (i !== undefined) result.ruleIndex = i;
    if (f.suppressed) {
      result.suppressions = [{ kind: "inSource", justification: f.suppressed.reason || "(no reason given)" }];
    }
    if (f.resource || f.container || f.roots) {
      result.properties = {
        ...(f.resource ? { resource: f.resource } : {}),
        ...(f.container ? { container: f.container } : {}),
        ...(f.roots ? { roots: f.roots } : {}),
      };
    }
    return result;
  });
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "container-review",
            informationUri: "https://github.com/container-review/container-review",
            semanticVersion: options.version,
            version: options.version,
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: errors.map((e) => ({
              level: "error",
              message: { text: e.file ? `${e.file}: ${e.message}` : e.message },
              ...(e.file ? { locations: [{ physicalLocation: { artifactLocation: { uri: uri(e.file), uriBaseId: "%SRCROOT%" } } }] } : {}),
            })),
          },
        ],
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
}

export function formatSarif(findings: readonly Finding[], errors: readonly ScanError[], options: SarifOptions): string {
  return `${JSON.stringify(toSarif(findings, errors, options), null, 2)}\n`;
}
