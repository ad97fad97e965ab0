import { describe, expect, it } from "@jest/globals";
import { parsePatch } from "../../src/github/diff.js";
import { markerKey, renderMarker } from "../../src/github/markers.js";
import { planReview, renderCommentBody, renderReviewBody, renderSuggestion, visibleText, withoutMentions, type ReviewFile } from "../../src/github/review.js";
import type { Finding, RuleMeta } from "../../src/engine/types.js";
import { ruleDocUrl } from "../../src/report/rule-docs.js";

const meta: RuleMeta = {
  id: "k8s/privileged",
  kind: "kubernetes",
  title: "Privileged container",
  severity: "error",
  rationale: "A privileged container can take over the node.",
  remediation: "Set privileged: false.",
  references: [],
  standards: [],
};

function finding(line: number, extra: Partial<Finding> = {}): Finding {
  return { ruleId: "k8s/privileged", severity: "error", file: "pod.yaml", line, column: 9, endLine: line, endColumn: 25, message: "runs privileged", fingerprint: `fp${line}`, ...extra };
}

const file: ReviewFile = { diff: parsePatch("@@ -1,3 +1,4 @@\n a\n+b\n c\n+d\n@@ -10,2 +11,2 @@\n x\n+y"), eol: "\n" };

describe("renderSuggestion", () => {
  it("uses a fence longer than any run of backticks in the replacement", () => {
    expect(renderSuggestion("RUN echo ```hi```", "\n")).toBe("````suggestion\nRUN echo ```hi```\n````");
    expect(renderSuggestion("a\nb", "\r\n")).toBe("```suggestion\r\na\r\nb\r\n```");
  });
});

describe("renderCommentBody", () => {
  it("puts severity, rule and message first, then the suggestion, the collapsed why/how, the object and the doc link, then the marker", () => {
    const body = renderCommentBody(finding(2, { resource: "Pod/web", container: "app" }), meta, { block: renderSuggestion("        privileged: false", "\n"), description: "Turn privileged mode off" });
    expect(body).toBe(
      [
        "**Error** `k8s/privileged`: runs privileged",
        "",
        "Suggested fix: Turn privileged mode off",
        "",
        "```suggestion\n        privileged: false\n```",
        "",
        "<details>",
        "<summary>Why it matters, how to fix</summary>",
        "",
        "**Why it matters:** A privileged container can take over the node.",
        "",
        "**How to fix:** Set privileged: false.",
        "",
        "</details>",
        "",
        `<sub>Pod/web, container \`app\` · [Rule documentation](${ruleDocUrl("k8s/privileged")})</sub>`,
        "",
        renderMarker({ ruleId: "k8s/privileged", file: "pod.yaml", fingerprint: "fp2", state: "open" }),
      ].join("\n"),
    );
    expect(visibleText(body)).toBe(
      [
        "Error k8s/privileged: runs privileged",
        "Suggested fix: Turn privileged mode off",
        "",
        "        privileged: false",
        "",
        "Why it matters, how to fix",
        "Pod/web, container app · Rule documentation",
      ].join("\n").replace(/\n\n/g, "\n"),
    );
  });

  it("keeps a long message to one line of at most 360 characters (the check run has it whole)", () => {
    const body = renderCommentBody(finding(2, { message: `first part\n  second ${"y".repeat(1000)}` }), meta);
    const firstLine = body.split("\n")[0];
    expect(firstLine.startsWith("**Error** `k8s/privileged`: first part second yyy")).toBe(true);
    expect(firstLine.endsWith("…")).toBe(true);
    expect(firstLine.length).toBe("**Error** `k8s/privileged`: ".length + 360);
  });

  it("never mentions anyone quoted from a file (no notification from '@org/team' in a message)", () => {
    expect(withoutMentions("image @acme/web and user@host, email a@b.c")).toBe("image @\u200bacme/web and user@\u200bhost, email a@\u200bb.c");
    const body = renderCommentBody(finding(2, { message: "USER @admins", resource: "Pod/@team" }), meta);
    expect(body).toContain("USER @\u200badmins");
    expect(body).toContain("<sub>Pod/@\u200bteam · [Rule documentation]");
  });

  it("stays within 65,536 characters and keeps the marker when the message is enormous", () => {
    const body = renderCommentBody(finding(2, { message: "x".repeat(100000) }), meta);
    expect(body.length).toBeLessThanOrEqual(65536);
    expect(body.endsWith(renderMarker({ ruleId: "k8s/privileged", file: "pod.yaml", fingerprint: "fp2", state: "open" }))).toBe(true);
  });
});

describe("planReview", () => {
  const files = new Map([["pod.yaml", file]]);

  it("comments added and context lines, routes off-diff findings to the check, and skips ones already posted", () => {
    const onAdded = finding(2);
    const onContext = finding(3);
    const offDiff = finding(7);
    const posted = finding(4);
    const otherFile = finding(2, { file: "other.yaml" });
    const plan = planReview([onAdded, onContext, offDiff, posted, otherFile], files, new Set([markerKey(posted)]), 50, () => meta);
    expect(plan.comments.map((c) => [c.path, c.line])).toStrictEqual([["pod.yaml", 2], ["pod.yaml", 3]]);
    expect(plan.outsideDiff).toStrictEqual([offDiff, otherFile]);
    expect(plan.alreadyPosted).toStrictEqual([posted]);
    expect(plan.overCap).toStrictEqual([]);
  });

  it("never places a comment on a line outside every hunk, whatever the finding says", () => {
    for (let line = 1; line <= 20; line += 1) {
      const plan = planReview([finding(line)], files, new Set(), 50, () => meta);
      const expected = [1, 2, 3, 4, 11, 12].includes(line);
      expect(plan.comments.length === 1).toBe(expected);
    }
  });

  it("anchors a fix on its own lines when they share one hunk, and falls back to the finding's line otherwise", () => {
    const fixInHunk = finding(3, { fix: { description: "d", startLine: 3, endLine: 4, replacement: "c2\nd2" } });
    const fixAcrossHunks = finding(4, { fix: { description: "d", startLine: 4, endLine: 11, replacement: "z" } });
    const plan = planReview([fixInHunk, fixAcrossHunks], files, new Set(), 50, () => meta);
    expect(plan.comments.map((c) => ({ line: c.line, start_line: c.start_line, suggestion: c.body.includes("```suggestion") }))).toStrictEqual([
      { line: 4, start_line: 3, suggestion: true },
      { line: 4, start_line: undefined, suggestion: false },
    ]);
  });

  it("caps the comments and reports the rest by severity, and links the check run in the review body", () => {
    const plan = planReview([finding(1), finding(2), finding(3)], files, new Set(), 2, () => meta);
    expect(plan.comments.map((c) => c.line)).toStrictEqual([1, 2]);
    expect(plan.overCap.map((f) => f.line)).toStrictEqual([3]);
    expect(renderReviewBody(plan, 2, "https://github.com/o/r/runs/1")).toBe(
      "**container-review** found 2 new problems on lines this pull request changes.\n\n" +
        "1 more new finding is not commented here (1 error): at most 2 comments per review (`review.maxComments`), the most severe first.\n\n" +
        "The [container-review check](https://github.com/o/r/runs/1) has the full report.",
    );
  });

  it("gives the cap to blocking findings first, then errors, then warnings, and leaves info to the check run", () => {
    const twelve = new Map([["pod.yaml", { diff: parsePatch(`@@ -0,0 +1,12 @@\n${Array.from({ length: 12 }, (_, i) => `+l${i + 1}`).join("\n")}`), eol: "\n" as const }]]);
    const findings = [
      finding(1, { severity: "info", fingerprint: "i1" }),
      finding(2, { severity: "warning", fingerprint: "w2" }),
      finding(3, { severity: "info", fingerprint: "i3" }),
      finding(4, { severity: "warning", fingerprint: "w4" }),
      finding(5, { severity: "error", ruleId: "k8s/other", fingerprint: "e5" }),
      finding(6, { severity: "info", fingerprint: "i6" }),
      finding(7, { severity: "error", fingerprint: "b7" }),
      finding(8, { severity: "warning", fingerprint: "w8" }),
    ];
    // Only k8s/privileged blocks (say, through a severity override): it goes before the other error.
    const blocking = (f: Finding) => f.ruleId === "k8s/privileged" && f.severity === "error";
    const plan = planReview(findings, twelve, new Set(), { maxComments: 3, isBlocking: blocking }, () => meta);
    expect(plan.comments.map((c) => c.line)).toStrictEqual([2, 5, 7]);
    expect(plan.overCap.map((f) => f.line)).toStrictEqual([4, 8]);
    expect(plan.belowMinSeverity.map((f) => f.line)).toStrictEqual([1, 3, 6]);
    expect(renderReviewBody(plan, 3)).toBe(
      "**container-review** found 3 new problems on lines this pull request changes.\n\n" +
        "2 more new findings are not commented here (2 warnings): at most 3 comments per review (`review.maxComments`), the most severe first.\n\n" +
        "3 info below `review.minSeverity` are listed in the check only.\n\n" +
        "The container-review check has the full report.",
    );

    const withBlockingOnlyOne = planReview(findings, twelve, new Set(), { maxComments: 1, isBlocking: blocking }, () => meta);
    expect(withBlockingOnlyOne.comments.map((c) => c.line)).toStrictEqual([7]);

    const everything = planReview(findings, twelve, new Set(), { maxComments: 50, minSeverity: "info" }, () => meta);
    expect(everything.comments.map((c) => c.line)).toStrictEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const errorsOnly = planReview(findings, twelve, new Set(), { maxComments: 50, minSeverity: "error" }, () => meta);
    expect(errorsOnly.comments.map((c) => c.line)).toStrictEqual([5, 7]);
    expect(errorsOnly.belowMinSeverity.map((f) => f.line)).toStrictEqual([1, 2, 3, 4, 6, 8]);
  });

  it("makes no comments for a file without a patch", () => {
    const plan = planReview([finding(1)], new Map([["pod.yaml", { diff: null, eol: "\n" as const }]]), new Set(), 50, () => meta);
    expect(plan.comments).toStrictEqual([]);
    expect(plan.outsideDiff).toHaveLength(1);
  });
});
