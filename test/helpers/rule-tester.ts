/**
 * A RuleTester in ESLint's style: a table of valid inputs (the rule must stay quiet) and invalid
 * inputs with the exact findings expected. It runs the real engine (detection, parsing, config,
 * suppression) and looks only at the rule under test.
 */
import { describe, expect, it } from "@jest/globals";
import { resolveConfig } from "../../src/config/load.js";
import type { UserConfig } from "../../src/config/schema.js";
import { scan } from "../../src/engine/scan.js";
import type { Finding, Severity } from "../../src/engine/types.js";

export interface RuleCase {
  /** Shown in the test name; defaults to the first line of the code. */
  name?: string;
  code: string;
  /** File path, which decides the kind; default from the rule's family. */
  path?: string;
  config?: UserConfig;
  /** Date for date-based rules. Default 2026-11-30. */
  now?: Date;
}

export interface ExpectedFinding {
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** Exact text, or a pattern it must match. */
  message?: string | RegExp;
  severity?: Severity;
  resource?: string;
  container?: string;
  suppressed?: boolean;
  /** Expected fix replacement text (exact), when the rule offers one. */
  fix?: string;
}

export interface InvalidCase extends RuleCase {
  errors: ExpectedFinding[];
}

function defaultPath(ruleId: string): string {
  if (ruleId.startsWith("dockerfile/")) return "Dockerfile";
  if (ruleId.startsWith("compose/")) return "compose.yaml";
  return "manifest.yaml";
}

export const DEFAULT_NOW = new Date("2026-11-30T00:00:00Z");

/** Runs the engine on one file and returns the findings of one rule. */
export function findingsFor(ruleId: string, c: RuleCase): Finding[] {
  const { config, errors } = resolveConfig(c.config ?? {}, "test config");
  if (errors.length > 0) throw new Error(errors.join("\n"));
  const result = scan([{ path: c.path ?? defaultPath(ruleId), content: c.code }], config, { now: c.now ?? DEFAULT_NOW });
  if (result.errors.length > 0) throw new Error(`scan errors: ${JSON.stringify(result.errors)}`);
  return result.findings.filter((f) => f.ruleId === ruleId);
}

function title(c: RuleCase): string {
  return c.name ?? c.code.split("\n").find((l) => l.trim() !== "")?.trim().slice(0, 80) ?? "(empty)";
}

export function ruleTester(ruleId: string, cases: { valid: RuleCase[]; invalid: InvalidCase[] }): void {
  describe(ruleId, () => {
    describe("valid", () => {
      for (const c of cases.valid) {
        it(title(c), () => {
          expect(findingsFor(ruleId, c).map((f) => `${f.line}: ${f.message}`)).toEqual([]);
        });
      }
    });
    describe("invalid", () => {
      for (const c of cases.invalid) {
        it(title(c), () => {
          const found = findingsFor(ruleId, c);
          const actual = found.map((f, i) => {
            const e = c.errors[i] ?? ({ line: -1 } as ExpectedFinding);
            const shaped: Record<string, unknown> = { line: f.line };
            if (e.column !== undefined) shaped.column = f.column;
            if (e.endLine !== undefined) shaped.endLine = f.endLine;
            if (e.endColumn !== undefined) shaped.endColumn = f.endColumn;
            if (e.severity !== undefined) shaped.severity = f.severity;
            if (e.resource !== undefined) shaped.resource = f.resource;
            if (e.container !== undefined) shaped.container = f.container;
            if (e.suppressed !== undefined) shaped.suppressed = f.suppressed !== undefined;
            if (e.fix !== undefined) shaped.fix = f.fix?.replacement;
            if (e.message !== undefined) shaped.message = typeof e.message === "string" ? f.message : e.message.test(f.message) ? e.message : f.message;
            return shaped;
          });
          const expected = c.errors.map((e) => {
            const shaped: Record<string, unknown> = { ...e };
            if (e.message instanceof RegExp) shaped.message = e.message;
            return shaped;
          });
          expect(actual).toEqual(expected);
        });
      }
    });
  });
}
