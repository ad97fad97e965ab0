import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { ruleDocUrl } from "../../src/report/rule-docs.js";
import { renderMarker } from "../../src/github/markers.js";
import { BASE_SHA, HEAD_SHA, pullRequestEvent } from "../fixtures/github/payloads.js";
import { addedPatch, CHECK_RUN_ID, createTestProbot, FakeGitHub, REPO_PATH, setUpNock, tearDownNock } from "./harness.js";
import { toyScan } from "./toy-engine.js";

const MERGE_BASE = "b".repeat(40);
const CHECK_RUNS = `${REPO_PATH}/check-runs`;
const CHECK_RUN = `${REPO_PATH}/check-runs/${CHECK_RUN_ID}`;
const REVIEWS = `${REPO_PATH}/pulls/2/reviews`;

beforeEach(setUpNock);
afterEach(tearDownNock);

function marker(ruleId: string, file: string, fingerprint: string): string {
  return renderMarker({ ruleId, file, fingerprint, state: "open" });
}

describe("a pull request scan (opened)", () => {
  it("creates the check in progress, posts one review on the diff lines and completes the check: three writes", async () => {
    const dockerfile = "FROM node:20\nBAD toy/root-user fp1 error\nRUN echo hi\nBAD toy/latest fp2 warning\n";
    const github = new FakeGitHub()
      .createCheckRun()
      .noConfig()
      .files([[{ filename: "Dockerfile", status: "added", patch: addedPatch(dockerfile) }, { filename: "README.md", status: "modified", patch: "@@ -1 +1 @@\n-a\n+b" }]])
      .content("Dockerfile", HEAD_SHA, dockerfile)
      .pull(HEAD_SHA)
      .reviewComments([[]])
      .createReview()
      .updateCheckRun();
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "d-1", name: "pull_request", payload: pullRequestEvent("opened") } as any);
    github.done();

    expect(github.writes()).toStrictEqual([
      { method: "POST", path: CHECK_RUNS },
      { method: "POST", path: REVIEWS },
      { method: "PATCH", path: CHECK_RUN },
    ]);
    expect(github.callsTo("POST", CHECK_RUNS)[0].body).toStrictEqual({
      name: "container-review",
      head_sha: HEAD_SHA,
      status: "in_progress",
      external_id: "2",
      started_at: "2026-06-01T12:00:00.000Z",
      output: { title: "Scanning container files…", summary: "container-review is scanning the files this pull request changes." },
    });

    const review = github.callsTo("POST", REVIEWS)[0].body;
    expect(review.commit_id).toBe(HEAD_SHA);
    expect(review.event).toBe("COMMENT");
    expect(review.body).toContain("found 2 new problems on lines this pull request changes");
    expect(review.comments.map((c: any) => ({ path: c.path, line: c.line, side: c.side, start_line: c.start_line }))).toStrictEqual([
      { path: "Dockerfile", line: 2, side: "RIGHT", start_line: undefined },
      { path: "Dockerfile", line: 4, side: "RIGHT", start_line: undefined },
    ]);
    const first = review.comments[0].body as string;
    expect(first.startsWith("**Error** `toy/root-user`: toy/root-user problem (fp1)\n")).toBe(true);
    expect(first).toContain(`[Rule documentation](${ruleDocUrl("toy/root-user")})`);
    expect(first.endsWith(marker("toy/root-user", "Dockerfile", "fp1"))).toBe(true);

    const completion = github.callsTo("PATCH", CHECK_RUN)[0].body;
    expect(completion.status).toBe("completed");
    expect(completion.conclusion).toBe("failure");
    expect(completion.completed_at).toBe("2026-06-01T12:00:00.000Z");
    expect(completion.output.title).toBe("2 new problems, 1 blocking");
    expect(completion.output.annotations).toStrictEqual([
      { path: "Dockerfile", start_line: 2, end_line: 2, start_column: 1, end_column: 28, annotation_level: "failure", title: "toy/root-user", message: "toy/root-user problem (fp1)" },
      { path: "Dockerfile", start_line: 4, end_line: 4, start_column: 1, end_column: 27, annotation_level: "warning", title: "toy/latest", message: "toy/latest problem (fp2)" },
    ]);
    const summary = completion.output.summary as string;
    expect(summary).toContain("Scanned 1 container file changed by this pull request.");
    expect(summary).toContain("| error | 1 | 0 | 0 |");
    expect(summary).toContain("| warning | 1 | 0 | 0 |");
    expect(summary).toContain("| `Dockerfile` | 1 | 1 | 0 |");
    expect(summary).toContain(`| error | [toy/root-user](${ruleDocUrl("toy/root-user")}) | \`Dockerfile\` | 2 | toy/root-user problem (fp1) |`);
  });
});

describe("base versus head", () => {
  const base = ["FROM node:20", "BAD toy/root-user fp1 error", "BAD toy/curl fp3 error", "RUN a", "RUN b", ""].join("\n");
  // fp1 moved from line 2 to line 5; fp3 removed (fixed); fp2 added on line 6.
  const head = ["FROM node:20", "RUN a", "RUN b", "RUN c", "BAD toy/root-user fp1 error", "BAD toy/latest fp2 error", ""].join("\n");
  const patch = [
    "@@ -1,5 +1,6 @@",
    " FROM node:20",
    "-BAD toy/root-user fp1 error",
    "-BAD toy/curl fp3 error",
    " RUN a",
    " RUN b",
    "+RUN c",
    "+BAD toy/root-user fp1 error",
    "+BAD toy/latest fp2 error",
  ].join("\n");

  function scenario(headText = head) {
    return new FakeGitHub()
      .createCheckRun()
      .noConfig()
      .files([[{ filename: "Dockerfile", status: "modified", patch }]])
      .mergeBase(MERGE_BASE, BASE_SHA, HEAD_SHA)
      .content("Dockerfile", HEAD_SHA, headText)
      .content("Dockerfile", MERGE_BASE, base)
      .pull(HEAD_SHA)
      .reviewComments([[]]);
  }

  it("comments only the new finding, lists the moved one as pre-existing and the removed one as fixed", async () => {
    const github = scenario().createReview().updateCheckRun();
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "d-2", name: "pull_request", payload: pullRequestEvent("synchronize") } as any);
    github.done();

    const review = github.callsTo("POST", REVIEWS)[0].body;
    expect(review.comments.map((c: any) => [c.path, c.line])).toStrictEqual([["Dockerfile", 6]]);
    expect(review.comments[0].body).toContain(marker("toy/latest", "Dockerfile", "fp2"));

    const completion = github.callsTo("PATCH", CHECK_RUN)[0].body;
    expect(completion.conclusion).toBe("failure");
    expect(completion.output.title).toBe("1 new problem, 1 blocking, 1 pre-existing, 1 fixed");
    expect(completion.output.annotations.map((a: any) => [a.title, a.start_line])).toStrictEqual([["toy/latest", 6]]);
    const summary = completion.output.summary as string;
    expect(summary).toContain("| error | 1 | 1 | 1 |");
    expect(summary).toContain("<summary>Pre-existing findings (1): already in the base branch, not counted</summary>");
    const details = summary.slice(summary.indexOf("<details>"), summary.indexOf("</details>"));
    expect(details).toContain("| `Dockerfile` | 5 | toy/root-user problem (fp1) |");
    expect(summary).toContain("### Fixed by this pull request (1)\n\n- `toy/curl` in `Dockerfile`: toy/curl problem (fp3)");
  });

  it("passes when the only blocking-severity finding is pre-existing (failOn scope new)", async () => {
    const headWithWarning = head.replace("BAD toy/latest fp2 error", "BAD toy/latest fp2 warning");
    const github = scenario(headWithWarning).createReview().updateCheckRun();
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "d-3", name: "pull_request", payload: pullRequestEvent("synchronize") } as any);
    github.done();
    const completion = github.callsTo("PATCH", CHECK_RUN)[0].body;
    expect(completion.conclusion).toBe("success");
    expect(completion.output.title).toBe("1 new problem, 1 pre-existing, 1 fixed");
  });

  it("fails on the pre-existing finding and annotates it under failOn scope all", async () => {
    const headWithWarning = head.replace("BAD toy/latest fp2 error", "BAD toy/latest fp2 warning");
    const github = new FakeGitHub()
      .createCheckRun()
      .config("failOn:\n  scope: all\n")
      .files([[{ filename: "Dockerfile", status: "modified", patch }]])
      .mergeBase(MERGE_BASE, BASE_SHA, HEAD_SHA)
      .content("Dockerfile", HEAD_SHA, headWithWarning)
      .content("Dockerfile", MERGE_BASE, base)
      .pull(HEAD_SHA)
      .reviewComments([[]])
      .createReview()
      .updateCheckRun();
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "d-4", name: "pull_request", payload: pullRequestEvent("synchronize") } as any);
    github.done();
    const review = github.callsTo("POST", REVIEWS)[0].body;
    expect(review.comments.map((c: any) => c.line)).toStrictEqual([6]);
    const completion = github.callsTo("PATCH", CHECK_RUN)[0].body;
    expect(completion.conclusion).toBe("failure");
    expect(completion.output.annotations.map((a: any) => [a.title, a.start_line, a.annotation_level])).toStrictEqual([
      ["toy/root-user", 5, "failure"],
      ["toy/latest", 6, "warning"],
    ]);
  });

  it("compares a renamed file with its previous path at the merge base: nothing new, no review", async () => {
    const text = "FROM node:20\nBAD toy/root-user fp1 error\n";
    const github = new FakeGitHub()
      .createCheckRun()
      .noConfig()
      .files([[{ filename: "app/Dockerfile", previous_filename: "Dockerfile", status: "renamed" }]])
      .mergeBase(MERGE_BASE, BASE_SHA, HEAD_SHA)
      .content("app/Dockerfile", HEAD_SHA, text)
      .content("Dockerfile", MERGE_BASE, text)
      .pull(HEAD_SHA)
      .reviewComments([[]])
      .updateCheckRun();
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "d-5", name: "pull_request", payload: pullRequestEvent("opened") } as any);
    github.done();
    expect(github.writes()).toStrictEqual([
      { method: "POST", path: CHECK_RUNS },
      { method: "PATCH", path: CHECK_RUN },
    ]);
    const completion = github.callsTo("PATCH", CHECK_RUN)[0].body;
    expect(completion.conclusion).toBe("success");
    expect(completion.output.title).toBe("No new problems, 1 pre-existing");
    expect(completion.output.annotations).toBeUndefined();
  });

  it("treats a renamed file whose new version adds a problem as having one new finding", async () => {
    const github = new FakeGitHub()
      .createCheckRun()
      .noConfig()
      .files([[{ filename: "app/Dockerfile", previous_filename: "Dockerfile", status: "renamed", patch: "@@ -1,2 +1,3 @@\n FROM node:20\n BAD toy/root-user fp1 error\n+BAD toy/new fp9 error" }]])
      .mergeBase(MERGE_BASE, BASE_SHA, HEAD_SHA)
      .content("app/Dockerfile", HEAD_SHA, "FROM node:20\nBAD toy/root-user fp1 error\nBAD toy/new fp9 error\n")
      .content("Dockerfile", MERGE_BASE, "FROM node:20\nBAD toy/root-user fp1 error\n")
      .pull(HEAD_SHA)
      .reviewComments([[]])
      .createReview()
      .updateCheckRun();
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "d-6", name: "pull_request", payload: pullRequestEvent("opened") } as any);
    github.done();
    const review = github.callsTo("POST", REVIEWS)[0].body;
    expect(review.comments.map((c: any) => [c.path, c.line])).toStrictEqual([["app/Dockerfile", 3]]);
  });
});

describe("which files are scanned", () => {
  it("completes with success and writes nothing else when no container file changed (removed Dockerfile, docs)", async () => {
    const github = new FakeGitHub()
      .createCheckRun()
      .noConfig()
      .files([[
        { filename: "Dockerfile", status: "removed", patch: "@@ -1 +0,0 @@\n-FROM x" },
        { filename: "docs/guide.md", status: "modified", patch: "@@ -1 +1 @@\n-a\n+b" },
        { filename: "logo.png", status: "added" },
      ]])
      .pull(HEAD_SHA)
      .updateCheckRun();
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "d-10", name: "pull_request", payload: pullRequestEvent("opened") } as any);
    github.done();
    expect(github.writes()).toStrictEqual([
      { method: "POST", path: CHECK_RUNS },
      { method: "PATCH", path: CHECK_RUN },
    ]);
    const completion = github.callsTo("PATCH", CHECK_RUN)[0].body;
    expect(completion).toStrictEqual({
      status: "completed",
      conclusion: "success",
      completed_at: "2026-06-01T12:00:00.000Z",
      output: {
        title: "No container files changed",
        summary: "This pull request changes no Dockerfiles, Kubernetes manifests or compose files.",
      },
    });
  });

  it("follows the pagination of the changed files (per_page 100, Link rel=next)", async () => {
    const docs = Array.from({ length: 100 }, (_, i) => ({ filename: `docs/page-${i}.md`, status: "added" as const, patch: "@@ -0,0 +1 @@\n+x" }));
    const dockerfile = "FROM node:20\nBAD toy/root-user fp1 error\n";
    const github = new FakeGitHub()
      .createCheckRun()
      .noConfig()
      .files([docs, [{ filename: "svc/Dockerfile", status: "added", patch: addedPatch(dockerfile) }]])
      .content("svc/Dockerfile", HEAD_SHA, dockerfile)
      .pull(HEAD_SHA)
      .reviewComments([[]])
      .createReview()
      .updateCheckRun();
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "d-11", name: "pull_request", payload: pullRequestEvent("opened") } as any);
    github.done();
    expect(github.callsTo("GET", `${REPO_PATH}/pulls/2/files`).map((c) => c.query)).toStrictEqual([{ per_page: "100" }, { per_page: "100", page: "2" }]);
    expect(github.callsTo("POST", REVIEWS)[0].body.comments.map((c: any) => [c.path, c.line])).toStrictEqual([["svc/Dockerfile", 2]]);
  });

  it("annotates but never comments a file GitHub sends without a patch (too large)", async () => {
    const dockerfile = "FROM node:20\nBAD toy/root-user fp1 error\n";
    const github = new FakeGitHub()
      .createCheckRun()
      .noConfig()
      .files([[{ filename: "Dockerfile", status: "added" }]])
      .content("Dockerfile", HEAD_SHA, dockerfile)
      .pull(HEAD_SHA)
      .reviewComments([[]])
      .updateCheckRun();
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "d-12", name: "pull_request", payload: pullRequestEvent("opened") } as any);
    github.done();
    expect(github.callsTo("POST", REVIEWS)).toStrictEqual([]);
    const completion = github.callsTo("PATCH", CHECK_RUN)[0].body;
    expect(completion.conclusion).toBe("failure");
    expect(completion.output.annotations.map((a: any) => [a.path, a.start_line])).toStrictEqual([["Dockerfile", 2]]);
    expect(completion.output.summary).toContain("- `Dockerfile`: GitHub shows no diff for it (too large or binary); its findings are annotations only.");
    expect(completion.output.summary).toContain("- 1 new finding outside the lines this pull request changes appear as annotations only.");
  });

  it("skips files excluded by paths.exclude without downloading them", async () => {
    const github = new FakeGitHub()
      .createCheckRun()
      .config("paths:\n  exclude: ['vendor/**']\n")
      .files([[{ filename: "vendor/Dockerfile", status: "added", patch: "@@ -0,0 +1 @@\n+BAD toy/x fp error" }]])
      .pull(HEAD_SHA)
      .updateCheckRun();
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "d-13", name: "pull_request", payload: pullRequestEvent("opened") } as any);
    github.done();
    expect(github.callsTo("PATCH", CHECK_RUN)[0].body.output.title).toBe("No container files changed");
  });
});

describe("limits", () => {
  it("sends 120 annotations in three requests of 50, 50 and 20, completing with the last, and caps review comments at 50", async () => {
    const lines = ["FROM node:20", ...Array.from({ length: 120 }, (_, i) => `BAD toy/rule fp${i} error`)];
    const dockerfile = `${lines.join("\n")}\n`;
    const github = new FakeGitHub()
      .createCheckRun()
      .noConfig()
      .files([[{ filename: "Dockerfile", status: "added", patch: addedPatch(dockerfile) }]])
      .content("Dockerfile", HEAD_SHA, dockerfile)
      .pull(HEAD_SHA)
      .reviewComments([[]])
      .createReview()
      .updateCheckRun(3);
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "d-20", name: "pull_request", payload: pullRequestEvent("opened") } as any);
    github.done();

    expect(github.writes()).toStrictEqual([
      { method: "POST", path: CHECK_RUNS },
      { method: "POST", path: REVIEWS },
      { method: "PATCH", path: CHECK_RUN },
      { method: "PATCH", path: CHECK_RUN },
      { method: "PATCH", path: CHECK_RUN },
    ]);
    const updates = github.callsTo("PATCH", CHECK_RUN).map((c) => c.body);
    expect(updates.map((u) => u.output.annotations.length)).toStrictEqual([50, 50, 20]);
    expect(updates.map((u) => [u.status, u.conclusion])).toStrictEqual([
      [undefined, undefined],
      [undefined, undefined],
      ["completed", "failure"],
    ]);
    expect(updates.flatMap((u) => u.output.annotations.map((a: any) => a.start_line))).toStrictEqual(Array.from({ length: 120 }, (_, i) => i + 2));

    const review = github.callsTo("POST", REVIEWS)[0].body;
    expect(review.comments).toHaveLength(50);
    expect(review.comments.at(-1).line).toBe(51);
    expect(review.body).toContain("70 more new findings are not commented here (70 errors): at most 50 comments per review (`review.maxComments`), the most severe first.");
    expect(review.body).toContain("The [container-review check](https://github.com/Codertocat/Hello-World/runs/4242) has the full report.");
    expect(updates[2].output.summary).toContain("- 70 new findings on changed lines got no review comment: at most 50 comments per review (`review.maxComments`), the most severe first.");
  });

  it("keeps the summary within 65,535 characters with a note when the findings table is huge", async () => {
    const lines = ["FROM node:20", ...Array.from({ length: 3000 }, (_, i) => `BAD toy/a-rather-long-rule-identifier-${i % 7} fingerprint-${i}-${"x".repeat(40)} info`)];
    const dockerfile = `${lines.join("\n")}\n`;
    const github = new FakeGitHub()
      .createCheckRun()
      .noConfig()
      .files([[{ filename: "Dockerfile", status: "added" }]])
      .content("Dockerfile", HEAD_SHA, dockerfile)
      .pull(HEAD_SHA)
      .reviewComments([[]])
      .updateCheckRun(20);
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "d-21", name: "pull_request", payload: pullRequestEvent("opened") } as any);
    github.done();
    const updates = github.callsTo("PATCH", CHECK_RUN).map((c) => c.body);
    // 3000 findings: annotations are capped at 1000, i.e. 20 requests of 50.
    expect(updates.map((u) => u.output.annotations.length)).toStrictEqual(Array(20).fill(50));
    for (const update of updates) expect(update.output.summary.length).toBeLessThanOrEqual(65535);
    const last = updates[19];
    expect(last.conclusion).toBe("success");
    expect(last.output.summary).toMatch(/\n… and \d+ more\.\n/);
    expect(last.output.summary).toContain("- 1000 findings are annotated, every file's most severe first; 2000 more (2000 info) are not");
  });
});

describe("rescans: dedupe and comment lifecycle", () => {
  const dockerfile = "FROM node:20\nBAD toy/root-user fp1 error\nBAD toy/latest fp2 error\n";
  const botUser = { login: "container-review[bot]", type: "Bot" };

  it("leaves its own earlier comment, ignores a human's copy of the marker, marks a gone finding fixed and hides it", async () => {
    const earlierOnFp1 = { id: 11, node_id: "PRRC_11", path: "Dockerfile", body: `old text\n\n${marker("toy/root-user", "Dockerfile", "fp1")}`, user: botUser };
    const humanQuotingFp2 = { id: 12, node_id: "PRRC_12", path: "Dockerfile", body: `I agree\n${marker("toy/latest", "Dockerfile", "fp2")}`, user: { login: "octocat", type: "User" } };
    const earlierOnGone = { id: 13, node_id: "PRRC_13", path: "Dockerfile", body: `gone finding\n\n${marker("toy/curl", "Dockerfile", "fp0")}`, user: botUser };
    const humanOnGone = { id: 14, node_id: "PRRC_14", path: "Dockerfile", body: `please fix\n${marker("toy/curl", "Dockerfile", "fp0")}`, user: { login: "octocat", type: "User" } };
    const github = new FakeGitHub()
      .createCheckRun()
      .noConfig()
      .files([[{ filename: "Dockerfile", status: "added", patch: addedPatch(dockerfile) }]])
      .content("Dockerfile", HEAD_SHA, dockerfile)
      .pull(HEAD_SHA)
      .reviewComments([[earlierOnFp1, humanQuotingFp2], [earlierOnGone, humanOnGone]])
      .createReview()
      .write("PATCH", `${REPO_PATH}/pulls/comments/13`, 200, { id: 13 })
      .write("POST", "/graphql", 200, { data: { minimizeComment: { minimizedComment: { isMinimized: true } } } })
      .updateCheckRun();
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "d-30", name: "pull_request", payload: pullRequestEvent("synchronize") } as any);
    github.done();

    expect(github.callsTo("GET", `${REPO_PATH}/pulls/2/comments`).map((c) => c.query)).toStrictEqual([{ per_page: "100" }, { per_page: "100", page: "2" }]);
    const review = github.callsTo("POST", REVIEWS)[0].body;
    expect(review.comments.map((c: any) => [c.line, c.body.includes(marker("toy/latest", "Dockerfile", "fp2"))])).toStrictEqual([[3, true]]);

    const edit = github.callsTo("PATCH", `${REPO_PATH}/pulls/comments/13`)[0].body;
    expect(edit).toStrictEqual({
      body:
        `> [!NOTE]\n> Fixed in ${HEAD_SHA}: container-review no longer finds this problem.\n\n` +
        `gone finding\n\n${renderMarker({ ruleId: "toy/curl", file: "Dockerfile", fingerprint: "fp0", state: "fixed" })}`,
    });
    const minimize = github.callsTo("POST", "/graphql")[0].body;
    expect(minimize.variables).toStrictEqual({ subjectId: "PRRC_13" });
    expect(minimize.query).toContain("minimizeComment(input: { subjectId: $subjectId, classifier: OUTDATED })");
    // Human comments are never edited.
    expect(github.calls.filter((c) => c.path.includes("/pulls/comments/12") || c.path.includes("/pulls/comments/14"))).toStrictEqual([]);
    expect(github.callsTo("PATCH", CHECK_RUN)[0].body.output.summary).toContain("- 1 finding already had a review comment from an earlier scan.");
  });

  it("posts nothing new when every finding already has its comment (a redelivered or repeated scan)", async () => {
    const existing = [
      { id: 21, node_id: "PRRC_21", path: "Dockerfile", body: marker("toy/root-user", "Dockerfile", "fp1"), user: botUser },
      { id: 22, node_id: "PRRC_22", path: "Dockerfile", body: marker("toy/latest", "Dockerfile", "fp2"), user: botUser },
    ];
    const github = new FakeGitHub()
      .createCheckRun()
      .noConfig()
      .files([[{ filename: "Dockerfile", status: "added", patch: addedPatch(dockerfile) }]])
      .content("Dockerfile", HEAD_SHA, dockerfile)
      .pull(HEAD_SHA)
      .reviewComments([existing])
      .updateCheckRun();
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "d-31", name: "pull_request", payload: pullRequestEvent("synchronize") } as any);
    github.done();
    expect(github.writes()).toStrictEqual([
      { method: "POST", path: CHECK_RUNS },
      { method: "PATCH", path: CHECK_RUN },
    ]);
    expect(github.callsTo("PATCH", CHECK_RUN)[0].body.conclusion).toBe("failure");
  });

  it("comments again on a finding whose earlier comment was marked fixed (it came back)", async () => {
    const fixedEarlier = { id: 31, node_id: "PRRC_31", path: "Dockerfile", body: renderMarker({ ruleId: "toy/root-user", file: "Dockerfile", fingerprint: "fp1", state: "fixed" }), user: botUser };
    const github = new FakeGitHub()
      .createCheckRun()
      .noConfig()
      .files([[{ filename: "Dockerfile", status: "added", patch: addedPatch(dockerfile) }]])
      .content("Dockerfile", HEAD_SHA, dockerfile)
      .pull(HEAD_SHA)
      .reviewComments([[fixedEarlier]])
      .createReview()
      .updateCheckRun();
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "d-32", name: "pull_request", payload: pullRequestEvent("synchronize") } as any);
    github.done();
    expect(github.callsTo("POST", REVIEWS)[0].body.comments.map((c: any) => c.line)).toStrictEqual([2, 3]);
  });
});

describe("outdated comments", () => {
  it("comments again when its earlier comment on the finding is outdated (the line changed since)", async () => {
    const dockerfile = "FROM node:20\nBAD toy/root-user fp1 error\n";
    const outdated = { id: 41, node_id: "PRRC_41", path: "Dockerfile", position: null, body: marker("toy/root-user", "Dockerfile", "fp1"), user: { login: "container-review[bot]", type: "Bot" } };
    const github = new FakeGitHub()
      .createCheckRun()
      .noConfig()
      .files([[{ filename: "Dockerfile", status: "added", patch: addedPatch(dockerfile) }]])
      .content("Dockerfile", HEAD_SHA, dockerfile)
      .pull(HEAD_SHA)
      .reviewComments([[outdated]])
      .createReview()
      .updateCheckRun();
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "d-35", name: "pull_request", payload: pullRequestEvent("synchronize") } as any);
    github.done();
    expect(github.callsTo("POST", REVIEWS)[0].body.comments.map((c: any) => c.line)).toStrictEqual([2]);
    expect(github.calls.filter((c) => c.path.endsWith("/pulls/comments/41"))).toStrictEqual([]);
  });
});

describe("configuration", () => {
  it("fails the check naming the file and the errors when the base branch's config is invalid, and scans nothing", async () => {
    const github = new FakeGitHub().createCheckRun().config("failOn: sometimes\nreview:\n  maxComments: -1\n").updateCheckRun();
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "d-40", name: "pull_request", payload: pullRequestEvent("opened") } as any);
    github.done();
    const completion = github.callsTo("PATCH", CHECK_RUN)[0].body;
    expect(completion.conclusion).toBe("failure");
    expect(completion.output.title).toBe("Invalid configuration: .github/container-review.yml");
    expect(completion.output.summary).toContain("The configuration file `.github/container-review.yml` on the base branch `master` is invalid, so nothing was scanned.");
    expect(completion.output.summary).toContain("- .github/container-review.yml (branch master): failOn: must be one of");
    expect(completion.output.summary).toContain("- .github/container-review.yml (branch master): review.maxComments: must be >= 0");
  });

  it("fails the check with a message pointing at the file when it is not valid YAML", async () => {
    const github = new FakeGitHub().createCheckRun().config("failOn: [unclosed\n").updateCheckRun();
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "d-41", name: "pull_request", payload: pullRequestEvent("opened") } as any);
    github.done();
    const completion = github.callsTo("PATCH", CHECK_RUN)[0].body;
    expect(completion.conclusion).toBe("failure");
    expect(completion.output.summary).toContain("- .github/container-review.yml (branch master): cannot be read: ");
    expect(completion.output.summary).toContain("contents/.github%2Fcontainer-review.yml?ref=master (invalid YAML)");
  });

  it("follows _extends to an organisation-wide file, the repository's own keys winning", async () => {
    const dockerfile = "FROM node:20\nBAD toy/root-user fp1 error\nBAD toy/latest fp2 warning\n";
    const github = new FakeGitHub()
      .createCheckRun()
      .config("_extends: .github\nreview:\n  maxComments: 1\n")
      .get(`/repos/Codertocat/.github/contents/.github/container-review.yml`, {}, 200, "failOn: warning\nreview:\n  maxComments: 5\n  event: REQUEST_CHANGES\n", { "content-type": "text/plain; charset=utf-8" })
      .files([[{ filename: "Dockerfile", status: "added", patch: addedPatch(dockerfile) }]])
      .content("Dockerfile", HEAD_SHA, dockerfile)
      .pull(HEAD_SHA)
      .reviewComments([[]])
      .createReview()
      .updateCheckRun();
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "d-42", name: "pull_request", payload: pullRequestEvent("opened") } as any);
    github.done();
    const review = github.callsTo("POST", REVIEWS)[0].body;
    expect(review.event).toBe("REQUEST_CHANGES");
    expect(review.comments).toHaveLength(1);
    const completion = github.callsTo("PATCH", CHECK_RUN)[0].body;
    expect(completion.output.title).toBe("2 new problems, 2 blocking");
  });
});

describe("errors and races", () => {
  it("completes the check with an explanation when a content fetch fails with 500 mid-scan", async () => {
    const github = new FakeGitHub()
      .createCheckRun()
      .noConfig()
      .files([[{ filename: "Dockerfile", status: "added", patch: "@@ -0,0 +1 @@\n+FROM x" }]])
      .content("Dockerfile", HEAD_SHA, { status: 500 })
      .updateCheckRun();
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "d-50", name: "pull_request", payload: pullRequestEvent("opened") } as any);
    github.done();
    expect(github.writes()).toStrictEqual([
      { method: "POST", path: CHECK_RUNS },
      { method: "PATCH", path: CHECK_RUN },
    ]);
    const completion = github.callsTo("PATCH", CHECK_RUN)[0].body;
    expect(completion.status).toBe("completed");
    expect(completion.conclusion).toBe("failure");
    expect(completion.output.title).toBe("container-review could not complete the scan");
    expect(completion.output.summary).toMatch(/^The scan stopped with an error, so this pull request was not fully reviewed:\n\n> HTTP 500: /);
    expect(completion.output.summary).toContain("comment `/container-review rescan`");
  });

  it("still completes the check when the final update with annotations is refused once", async () => {
    const dockerfile = "FROM node:20\nBAD toy/root-user fp1 error\n";
    const github = new FakeGitHub()
      .createCheckRun()
      .noConfig()
      .files([[{ filename: "Dockerfile", status: "added" }]])
      .content("Dockerfile", HEAD_SHA, dockerfile)
      .pull(HEAD_SHA)
      .reviewComments([[]])
      .updateCheckRun(1, 502)
      .updateCheckRun(1, 200);
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "d-51", name: "pull_request", payload: pullRequestEvent("opened") } as any);
    github.done();
    const updates = github.callsTo("PATCH", CHECK_RUN).map((c) => c.body);
    expect(updates).toHaveLength(2);
    expect(updates[1].status).toBe("completed");
    expect(updates[1].conclusion).toBe("failure");
    expect(updates[1].output.title).toBe("container-review could not complete the scan");
  });

  it("writes no review for an older head: the newer head's own scan does that", async () => {
    const dockerfile = "FROM node:20\nBAD toy/root-user fp1 error\n";
    const newer = "c".repeat(40);
    const github = new FakeGitHub()
      .createCheckRun()
      .noConfig()
      .files([[{ filename: "Dockerfile", status: "added", patch: addedPatch(dockerfile) }]])
      .content("Dockerfile", HEAD_SHA, dockerfile)
      .pull(newer)
      .updateCheckRun();
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "d-52", name: "pull_request", payload: pullRequestEvent("synchronize") } as any);
    github.done();
    expect(github.writes()).toStrictEqual([
      { method: "POST", path: CHECK_RUNS },
      { method: "PATCH", path: CHECK_RUN },
    ]);
    expect(github.callsTo("POST", CHECK_RUNS)[0].body.head_sha).toBe(HEAD_SHA);
    const completion = github.callsTo("PATCH", CHECK_RUN)[0].body;
    expect(completion.output.summary).toContain(`- No review comments were posted: a newer commit (${newer}) was pushed while this scan ran; its own scan reviews it.`);
  });

  it("keeps the findings in the check when GitHub refuses the review with 422", async () => {
    const dockerfile = "FROM node:20\nBAD toy/root-user fp1 error\n";
    const github = new FakeGitHub()
      .createCheckRun()
      .noConfig()
      .files([[{ filename: "Dockerfile", status: "added", patch: addedPatch(dockerfile) }]])
      .content("Dockerfile", HEAD_SHA, dockerfile)
      .pull(HEAD_SHA)
      .reviewComments([[]])
      .createReview(422)
      .updateCheckRun();
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "d-53", name: "pull_request", payload: pullRequestEvent("opened") } as any);
    github.done();
    const completion = github.callsTo("PATCH", CHECK_RUN)[0].body;
    expect(completion.conclusion).toBe("failure");
    expect(completion.output.annotations).toHaveLength(1);
    expect(completion.output.summary).toContain("- No review comments were posted: GitHub refused the review (HTTP 422");
  });
});

describe("suggestions and suppressions", () => {
  it("turns the real engine's fix for privileged: true into a suggestion on exactly that line", async () => {
    const pod = [
      "apiVersion: v1",
      "kind: Pod",
      "metadata:",
      "  name: web",
      "spec:",
      "  containers:",
      "    - name: app",
      "      image: nginx:1.27",
      "      securityContext:",
      "        privileged: true",
      "",
    ].join("\n");
    const podBefore = pod.replace("privileged: true", "privileged: false");
    const patch = "@@ -7,4 +7,4 @@ spec:\n     - name: app\n       image: nginx:1.27\n       securityContext:\n-        privileged: false\n+        privileged: true";
    const github = new FakeGitHub()
      .createCheckRun()
      .noConfig()
      .files([[{ filename: "k8s/pod.yaml", status: "modified", patch }]])
      .mergeBase(MERGE_BASE, BASE_SHA, HEAD_SHA)
      .content("k8s/pod.yaml", HEAD_SHA, pod)
      .content("k8s/pod.yaml", MERGE_BASE, podBefore)
      .tree(HEAD_SHA, ["k8s/pod.yaml", "README.md"])
      .pull(HEAD_SHA)
      .reviewComments([[]])
      .createReview()
      .updateCheckRun();
    const probot = await createTestProbot(); // the real engine
    await probot.receive({ id: "d-60", name: "pull_request", payload: pullRequestEvent("synchronize") } as any);
    github.done();

    const review = github.callsTo("POST", REVIEWS)[0].body;
    expect(review.comments).toHaveLength(1);
    const [comment] = review.comments;
    expect({ path: comment.path, line: comment.line, side: comment.side, start_line: comment.start_line }).toStrictEqual({
      path: "k8s/pod.yaml",
      line: 10,
      side: "RIGHT",
      start_line: undefined,
    });
    expect(comment.body).toContain("**Error** `k8s/privileged`: container \"app\" runs privileged (securityContext.privileged: true)\n");
    expect(comment.body).toContain("Suggested fix: Turn privileged mode off\n\n```suggestion\n        privileged: false\n```");
    const completion = github.callsTo("PATCH", CHECK_RUN)[0].body;
    // Every other finding of this pod already existed in the base version.
    expect(completion.output.annotations.map((a: any) => [a.title, a.start_line])).toStrictEqual([["k8s/privileged", 10]]);
    expect(completion.conclusion).toBe("failure");
    expect(completion.output.summary).toMatch(/<summary>Pre-existing findings \(\d+\): already in the base branch, not counted<\/summary>/);
  });

  it("puts a multi-line fix on start_line..line and keeps CRLF line endings in the suggestion", async () => {
    const dockerfile = "FROM node:20\r\nBADFIX toy/multi fp1 2\r\nBADFIX toy/second fp2 1\r\n";
    const github = new FakeGitHub()
      .createCheckRun()
      .noConfig()
      .files([[{ filename: "Dockerfile", status: "added", patch: "@@ -0,0 +1,3 @@\n+FROM node:20\r\n+BADFIX toy/multi fp1 2\r\n+BADFIX toy/second fp2 1\r" }]])
      .content("Dockerfile", HEAD_SHA, dockerfile)
      .pull(HEAD_SHA)
      .reviewComments([[]])
      .createReview()
      .updateCheckRun();
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "d-61", name: "pull_request", payload: pullRequestEvent("opened") } as any);
    github.done();
    const review = github.callsTo("POST", REVIEWS)[0].body;
    expect(review.comments.map((c: any) => ({ line: c.line, start_line: c.start_line, start_side: c.start_side }))).toStrictEqual([
      { line: 3, start_line: 2, start_side: "RIGHT" },
      { line: 3, start_line: undefined, start_side: undefined },
    ]);
    expect(review.comments[0].body).toContain("```suggestion\r\nGOOD toy/multi fp1 2\r\nGOOD toy/second fp2 1\r\n```");
  });

  it("comments without a suggestion when the fix reaches outside the hunk", async () => {
    const dockerfile = "FROM node:20\nBADFIX toy/multi fp1 2\nRUN x\n";
    const github = new FakeGitHub()
      .createCheckRun()
      .noConfig()
      .files([[{ filename: "Dockerfile", status: "modified", patch: "@@ -1,2 +1,2 @@\n FROM node:20\n-RUN y\n+BADFIX toy/multi fp1 2" }]])
      .mergeBase(MERGE_BASE, BASE_SHA, HEAD_SHA)
      .content("Dockerfile", HEAD_SHA, dockerfile)
      .content("Dockerfile", MERGE_BASE, "FROM node:20\nRUN y\nRUN x\n")
      .pull(HEAD_SHA)
      .reviewComments([[]])
      .createReview()
      .updateCheckRun();
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "d-62", name: "pull_request", payload: pullRequestEvent("synchronize") } as any);
    github.done();
    const [comment] = github.callsTo("POST", REVIEWS)[0].body.comments;
    expect([comment.line, comment.start_line]).toStrictEqual([2, undefined]);
    expect(comment.body).not.toContain("```suggestion");
  });

  it("lists a suppression added by the PR with its reason and line, but not one that was already there", async () => {
    const base = "FROM node:20\nWAIVED toy/old fp1 vendor image needs root\n";
    const head = "FROM node:20\nWAIVED toy/old fp1 vendor image needs root\nWAIVED toy/new fp2 temporary until the base image is fixed\n";
    const github = new FakeGitHub()
      .createCheckRun()
      .noConfig()
      .files([[{ filename: "Dockerfile", status: "modified", patch: "@@ -1,2 +1,3 @@\n FROM node:20\n WAIVED toy/old fp1 vendor image needs root\n+WAIVED toy/new fp2 temporary until the base image is fixed" }]])
      .mergeBase(MERGE_BASE, BASE_SHA, HEAD_SHA)
      .content("Dockerfile", HEAD_SHA, head)
      .content("Dockerfile", MERGE_BASE, base)
      .pull(HEAD_SHA)
      .reviewComments([[]])
      .updateCheckRun();
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "d-63", name: "pull_request", payload: pullRequestEvent("synchronize") } as any);
    github.done();
    const completion = github.callsTo("PATCH", CHECK_RUN)[0].body;
    expect(completion.conclusion).toBe("success");
    expect(completion.output.summary).toContain(
      "### Suppressions added by this pull request (1)\n\n| Rule | File | Line | Reason |\n| --- | --- | ---: | --- |\n" +
        "| `toy/new` | `Dockerfile` | 3 | temporary until the base image is fixed |",
    );
  });
});

describe("GitHub Enterprise", () => {
  it("talks to GHE_HOST's /api/v3 for REST and /api/graphql for GraphQL", async () => {
    const dockerfile = "FROM node:20\nBAD toy/root-user fp1 error\n";
    const github = new FakeGitHub("http://ghe.example.test", "/api/v3")
      .createCheckRun()
      .noConfig()
      .files([[{ filename: "Dockerfile", status: "added", patch: addedPatch(dockerfile) }]])
      .content("Dockerfile", HEAD_SHA, dockerfile)
      .pull(HEAD_SHA)
      .reviewComments([[{ id: 5, node_id: "PRRC_5", path: "Dockerfile", body: marker("toy/gone", "Dockerfile", "x"), user: { login: "container-review[bot]", type: "Bot" } }]])
      .createReview()
      .write("PATCH", `${REPO_PATH}/pulls/comments/5`, 200, { id: 5 })
      .updateCheckRun();
    const graphql = new FakeGitHub("http://ghe.example.test").write("POST", "/api/graphql", 200, { data: { minimizeComment: { minimizedComment: { isMinimized: true } } } });
    const probot = await createTestProbot({ scan: toyScan }, "http://ghe.example.test/api/v3");
    await probot.receive({ id: "d-70", name: "pull_request", payload: pullRequestEvent("opened") } as any);
    github.done();
    graphql.done();
    expect(github.callsTo("POST", REVIEWS)[0].body.comments).toHaveLength(1);
    expect(graphql.calls[0].body.variables).toStrictEqual({ subjectId: "PRRC_5" });
  });
});

describe("a failing review step", () => {
  it("completes the check with its findings when the earlier comments cannot be listed", async () => {
    const dockerfile = "FROM node:20\nBAD toy/root-user fp1 error\n";
    const github = new FakeGitHub()
      .createCheckRun()
      .noConfig()
      .files([[{ filename: "Dockerfile", status: "added", patch: addedPatch(dockerfile) }]])
      .content("Dockerfile", HEAD_SHA, dockerfile)
      .pull(HEAD_SHA)
      .get(`${REPO_PATH}/pulls/2/comments`, { per_page: "100" }, 500, { message: "Server Error" })
      .updateCheckRun();
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "d-80", name: "pull_request", payload: pullRequestEvent("opened") } as any);
    github.done();
    expect(github.callsTo("POST", REVIEWS)).toStrictEqual([]);
    const completion = github.callsTo("PATCH", CHECK_RUN)[0].body;
    expect(completion.conclusion).toBe("failure");
    expect(completion.output.title).toBe("1 new problem, 1 blocking");
    expect(completion.output.summary).toContain("- No review comments were posted: the earlier review comments could not be read (HTTP 500: Server Error); the findings are in this check run.");
  });

  it("notes container files beyond limits.maxFiles", async () => {
    const github = new FakeGitHub()
      .createCheckRun()
      .config("limits:\n  maxFiles: 1\n")
      .files([[
        { filename: "a/Dockerfile", status: "added", patch: "@@ -0,0 +1 @@\n+FROM x" },
        { filename: "b/Dockerfile", status: "added", patch: "@@ -0,0 +1 @@\n+FROM x" },
      ]])
      .content("a/Dockerfile", HEAD_SHA, "FROM x\n")
      .pull(HEAD_SHA)
      .reviewComments([[]])
      .updateCheckRun();
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "d-81", name: "pull_request", payload: pullRequestEvent("opened") } as any);
    github.done();
    expect(github.callsTo("PATCH", CHECK_RUN)[0].body.output.summary).toContain("- 1 more container files were not scanned (`limits.maxFiles` is 1).");
  });
});
