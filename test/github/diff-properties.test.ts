/**
 * Property tests: whatever the patch and the findings, a planned review never puts a comment (or
 * the start of a multi-line comment) on a line outside the hunks, and a multi-line comment never
 * spans two hunks: the two mistakes that make GitHub reject a whole review with 422.
 */
import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { parsePatch } from "../../src/github/diff.js";
import { planReview } from "../../src/github/review.js";
import type { Finding } from "../../src/engine/types.js";

type DiffLine = { kind: "+" | "-" | " "; text: string };

/** Builds a well-formed unified patch from hunks of +/-/context lines, with consistent headers. */
function buildPatch(hunks: { gap: number; lines: DiffLine[] }[]): { patch: string; rightLines: Set<number>[] } {
  let oldLine = 1;
  let newLine = 1;
  const out: string[] = [];
  const rightLines: Set<number>[] = [];
  for (const hunk of hunks) {
    oldLine += hunk.gap;
    newLine += hunk.gap;
    const oldCount = hunk.lines.filter((l) => l.kind !== "+").length;
    const newCount = hunk.lines.filter((l) => l.kind !== "-").length;
    out.push(`@@ -${oldLine},${oldCount} +${newLine},${newCount} @@`);
    const right = new Set<number>();
    let n = newLine;
    for (const line of hunk.lines) {
      out.push(`${line.kind}${line.text}`);
      if (line.kind !== "-") right.add(n++);
    }
    rightLines.push(right);
    oldLine += oldCount;
    newLine += newCount;
  }
  return { patch: out.join("\n"), rightLines };
}

const diffLine = fc.record({ kind: fc.constantFrom<"+" | "-" | " ">("+", "-", " "), text: fc.string({ maxLength: 8 }).filter((t) => !t.includes("\n")) });
const hunkArb = fc.record({ gap: fc.integer({ min: 0, max: 5 }), lines: fc.array(diffLine, { minLength: 1, maxLength: 8 }) });

describe("review placement properties", () => {
  it("parsePatch finds exactly the right-side lines of every hunk", () => {
    fc.assert(
      fc.property(fc.array(hunkArb, { minLength: 1, maxLength: 5 }), (hunks) => {
        const { patch, rightLines } = buildPatch(hunks);
        const diff = parsePatch(patch);
        expect(diff.hunks.map((h) => new Set(h.rightLines))).toStrictEqual(rightLines);
      }),
    );
  });

  it("never comments outside the hunks and never spans two hunks", () => {
    const findingArb = fc.record({
      line: fc.integer({ min: 1, max: 80 }),
      fixStart: fc.integer({ min: 1, max: 80 }),
      fixSpan: fc.integer({ min: 0, max: 4 }),
      withFix: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(hunkArb, { minLength: 1, maxLength: 5 }), fc.array(findingArb, { maxLength: 20 }), (hunks, specs) => {
        const { patch, rightLines } = buildPatch(hunks);
        const diff = parsePatch(patch);
        const findings: Finding[] = specs.map((s, i) => ({
          ruleId: "r/x", severity: "error", file: "f", line: s.line, column: 1, endLine: s.line, endColumn: 2, message: "m", fingerprint: `fp${i}`,
          ...(s.withFix ? { fix: { description: "d", startLine: s.fixStart, endLine: s.fixStart + s.fixSpan, replacement: "x" } } : {}),
        }));
        const plan = planReview(findings, new Map([["f", { diff, eol: "\n" as const }]]), new Set(), 100, () => undefined);
        for (const comment of plan.comments) {
          const hunk = rightLines.findIndex((lines) => lines.has(comment.line));
          expect(hunk).toBeGreaterThanOrEqual(0);
          if (comment.start_line !== undefined) {
            expect(comment.start_line).toBeLessThan(comment.line);
            for (let l = comment.start_line; l <= comment.line; l += 1) expect(rightLines[hunk].has(l)).toBe(true);
          }
        }
        expect(plan.comments.length + plan.outsideDiff.length).toBe(findings.length);
      }),
      { numRuns: 300 },
    );
  });
});
