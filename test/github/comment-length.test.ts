/**
 * Every rule's comment, rendered from real findings of the rule's own documentation example: it
 * reads in passing (under 600 visible characters, the suggestion aside), starts with severity, rule
 * and message on one line, keeps the rule's reasoning and fix collapsed, and links the rule's page.
 */
import { describe, expect, it } from "@jest/globals";
import { renderMarker } from "../../src/github/markers.js";
import { renderCommentBody, renderSuggestion, visibleText } from "../../src/github/review.js";
import { ruleDocUrl } from "../../src/report/rule-docs.js";
import { allRules } from "../../rules/index.js";
import { exampleFindings } from "../helpers/rule-examples.js";

const VISIBLE_MAX = 600;
const LABEL = { error: "Error", warning: "Warning", info: "Info" } as const;
const examples = exampleFindings();

describe("review comments for every rule's example findings", () => {
  it("covers every rule", () => {
    const missing = [...examples].filter(([, findings]) => findings.length === 0).map(([meta]) => meta.id);
    expect(missing).toStrictEqual([]);
    expect(examples.size).toBe(allRules().length);
  });

  for (const [meta, findings] of examples) {
    it(`${meta.id}: short, in order, with the reasoning collapsed`, () => {
      for (const finding of findings) {
        const suggestion = finding.fix ? { block: renderSuggestion(finding.fix.replacement, "\n"), description: finding.fix.description } : undefined;
        const body = renderCommentBody(finding, meta, suggestion);
        const visible = visibleText(body);
        expect(visible.length - (suggestion ? suggestion.block.length : 0)).toBeLessThan(VISIBLE_MAX);

        const lines = body.split("\n");
        expect(lines[0]).toMatch(new RegExp(`^\\*\\*${LABEL[finding.severity]}\\*\\* \`${meta.id.replace(/\//g, "\\/")}\`: \\S`));
        // The message, on that one line, whitespace collapsed.
        expect(lines[0]).toContain(finding.message.replace(/\s+/g, " ").trim().slice(0, 40).replace(/</g, "&lt;"));
        let next = 2;
        if (suggestion) {
          expect(lines[2]).toBe(`Suggested fix: ${finding.fix?.description}`);
          expect(body).toContain(`\n\n${suggestion.block}\n\n<details>`);
          next = 4 + suggestion.block.split("\n").length + 1;
        }
        expect(lines.slice(next, next + 2)).toStrictEqual(["<details>", "<summary>Why it matters, how to fix</summary>"]);
        expect(body).toContain(`**Why it matters:** ${meta.rationale}\n\n**How to fix:** ${meta.remediation}\n\n</details>`);
        expect(lines.at(-3)).toMatch(new RegExp(`^<sub>.*\\[Rule documentation\\]\\(${ruleDocUrl(meta.id).replace(/[.?+]/g, "\\$&")}\\)</sub>$`));
        expect(lines.at(-1)).toBe(renderMarker({ ruleId: finding.ruleId, file: finding.file, fingerprint: finding.fingerprint, state: "open" }));
        // The rationale and remediation are not visible until the reader opens them.
        expect(visible).not.toContain(meta.rationale.slice(0, 60));
      }
    });
  }
});
