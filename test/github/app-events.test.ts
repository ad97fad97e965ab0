import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { HELP_TEXT } from "../../src/github/slash-commands.js";
import { githubRequests, scansCompleted, webhooksReceived } from "../../src/ops/metrics.js";
import {
  checkRunRerequestedEvent,
  checkSuiteRerequestedEvent,
  HEAD_SHA,
  issueCommentEvent,
  pullRequestEvent,
  type PullRequestAction,
} from "../fixtures/github/payloads.js";
import { CHECK_RUN_ID, createTestProbot, FakeGitHub, REPO_PATH, setUpNock, tearDownNock } from "./harness.js";
import { toyScan } from "./toy-engine.js";

const CHECK_RUNS = `${REPO_PATH}/check-runs`;
const CHECK_RUN = `${REPO_PATH}/check-runs/${CHECK_RUN_ID}`;
const ISSUE_COMMENTS = `${REPO_PATH}/issues/2/comments`;
const COMMENT_ID = 492700400; // the example payload's comment

beforeEach(setUpNock);
afterEach(tearDownNock);

/** A PR whose only change is a docs file: the cheapest complete scan (check created and completed). */
function emptyScan(github: FakeGitHub, headSha = HEAD_SHA): FakeGitHub {
  return github
    .createCheckRun()
    .noConfig()
    .files([[{ filename: "README.md", status: "modified", patch: "@@ -1 +1 @@\n-a\n+b" }]])
    .pull(headSha)
    .updateCheckRun();
}

function expectCompletedScan(github: FakeGitHub, headSha = HEAD_SHA): void {
  expect(github.callsTo("POST", CHECK_RUNS).map((c) => [c.body.head_sha, c.body.external_id, c.body.status])).toStrictEqual([[headSha, "2", "in_progress"]]);
  expect(github.callsTo("PATCH", CHECK_RUN).map((c) => [c.body.status, c.body.conclusion, c.body.output.title])).toStrictEqual([
    ["completed", "success", "No container files changed"],
  ]);
}

describe("pull_request events", () => {
  it.each<PullRequestAction>(["opened", "synchronize", "reopened", "ready_for_review"])("scans on %s", async (action) => {
    const github = emptyScan(new FakeGitHub());
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: `pr-${action}`, name: "pull_request", payload: pullRequestEvent(action) } as any);
    github.done();
    expectCompletedScan(github);
  });

  it("ignores events for a closed pull request", async () => {
    const github = new FakeGitHub();
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "pr-closed", name: "pull_request", payload: pullRequestEvent("reopened", { state: "closed" }) } as any);
    expect(github.calls).toStrictEqual([]);
  });

  it("handles a redelivery (same X-GitHub-Delivery id) only once", async () => {
    const github = emptyScan(new FakeGitHub());
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "same-id", name: "pull_request", payload: pullRequestEvent("opened") } as any);
    await probot.receive({ id: "same-id", name: "pull_request", payload: pullRequestEvent("opened") } as any);
    github.done();
    expect(github.writes()).toHaveLength(2);
  });

  it("retries a redelivery whose first attempt failed before the check run existed", async () => {
    const github = new FakeGitHub().write("POST", CHECK_RUNS, 500, { message: "boom" });
    emptyScan(github);
    const probot = await createTestProbot({ scan: toyScan });
    await expect(probot.receive({ id: "flaky", name: "pull_request", payload: pullRequestEvent("opened") } as any)).rejects.toThrow();
    await probot.receive({ id: "flaky", name: "pull_request", payload: pullRequestEvent("opened") } as any);
    github.done();
    expect(github.callsTo("POST", CHECK_RUNS)).toHaveLength(2);
    expect(github.callsTo("PATCH", CHECK_RUN)).toHaveLength(1);
  });
});

describe("metrics", () => {
  async function value(metric: { get(): Promise<{ values: { value: number; labels: Record<string, unknown> }[] }> }, labels: Record<string, string>) {
    const { values } = await metric.get();
    return values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value ?? 0;
  }

  it("counts the webhook, the GitHub requests and the completed scan", async () => {
    const before = {
      webhooks: await value(webhooksReceived, { event: "pull_request", action: "reopened" }),
      scans: await value(scansCompleted, { conclusion: "success" }),
      posts: await value(githubRequests, { method: "POST", outcome: "ok" }),
      patches: await value(githubRequests, { method: "PATCH", outcome: "ok" }),
    };
    const github = emptyScan(new FakeGitHub());
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "metrics-1", name: "pull_request", payload: pullRequestEvent("reopened") } as any);
    github.done();
    expect(await value(webhooksReceived, { event: "pull_request", action: "reopened" })).toBe(before.webhooks + 1);
    expect(await value(scansCompleted, { conclusion: "success" })).toBe(before.scans + 1);
    expect(await value(githubRequests, { method: "POST", outcome: "ok" })).toBe(before.posts + 1);
    expect(await value(githubRequests, { method: "PATCH", outcome: "ok" })).toBe(before.patches + 1);
  });
});

describe("Re-run buttons", () => {
  it("check_run.rerequested from a fork PR (no pull_requests) finds the PR through external_id and scans its head", async () => {
    const github = emptyScan(new FakeGitHub().pull(HEAD_SHA));
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "cr-1", name: "check_run", payload: checkRunRerequestedEvent({ externalId: "2", pullNumbers: [] }) } as any);
    github.done();
    expectCompletedScan(github);
  });

  it("check_run.rerequested uses pull_requests when present", async () => {
    const github = emptyScan(new FakeGitHub().pull(HEAD_SHA));
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "cr-2", name: "check_run", payload: checkRunRerequestedEvent({ externalId: "", pullNumbers: [2] }) } as any);
    github.done();
    expectCompletedScan(github);
  });

  it("ignores re-runs of other apps' check runs and of runs without a pull request", async () => {
    const github = new FakeGitHub();
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "cr-3", name: "check_run", payload: checkRunRerequestedEvent({ name: "other-ci" }) } as any);
    await probot.receive({ id: "cr-4", name: "check_run", payload: checkRunRerequestedEvent({ externalId: "", pullNumbers: [] }) } as any);
    expect(github.calls).toStrictEqual([]);
  });

  it("does not scan a closed pull request on re-run", async () => {
    const github = new FakeGitHub().pull(HEAD_SHA, "closed");
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "cr-5", name: "check_run", payload: checkRunRerequestedEvent() } as any);
    github.done();
    expect(github.writes()).toStrictEqual([]);
  });

  it("check_suite.rerequested scans the suite's pull request", async () => {
    const github = emptyScan(new FakeGitHub().pull(HEAD_SHA));
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "cs-1", name: "check_suite", payload: checkSuiteRerequestedEvent() } as any);
    github.done();
    expectCompletedScan(github);
  });

  it("check_suite.rerequested from a fork reads the PR number from the earlier run's external_id", async () => {
    const payload = checkSuiteRerequestedEvent({ pullNumbers: [] });
    const github = emptyScan(
      new FakeGitHub()
        .get(`${REPO_PATH}/check-suites/${payload.check_suite.id}/check-runs`, { check_name: "container-review", per_page: "100" }, 200, {
          total_count: 1,
          check_runs: [{ id: 1, name: "container-review", external_id: "2" }],
        })
        .pull(HEAD_SHA),
    );
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "cs-2", name: "check_suite", payload } as any);
    github.done();
    expectCompletedScan(github);
  });
});

describe("slash commands", () => {
  function permission(github: FakeGitHub, login: string, level: string, roleName = level): FakeGitHub {
    return github.get(`${REPO_PATH}/collaborators/${login}/permission`, undefined, 200, { permission: level, role_name: roleName, user: { login } });
  }

  it.each(["/container-review rescan", "/rescan", "Thanks!\n\n/container-review RESCAN\n"])("rescans on %j from a writer: eyes reaction, then a scan", async (body) => {
    const github = emptyScan(permission(new FakeGitHub(), "Codertocat", "write").write("POST", `${REPO_PATH}/issues/comments/${COMMENT_ID}/reactions`, 201, { id: 1 }).pull(HEAD_SHA));
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: `ic-${body.length}`, name: "issue_comment", payload: issueCommentEvent(body) } as any);
    github.done();
    expect(github.callsTo("POST", `${REPO_PATH}/issues/comments/${COMMENT_ID}/reactions`)[0].body).toStrictEqual({ content: "eyes" });
    expectCompletedScan(github);
    expect(github.writes()[0].path).toBe(`${REPO_PATH}/issues/comments/${COMMENT_ID}/reactions`);
  });

  it("accepts maintain (role_name) and admin", async () => {
    for (const [level, role] of [["write", "maintain"], ["admin", "admin"]]) {
      const github = emptyScan(permission(new FakeGitHub(), "Codertocat", level, role).write("POST", `${REPO_PATH}/issues/comments/${COMMENT_ID}/reactions`, 200, { id: 1 }).pull(HEAD_SHA));
      const probot = await createTestProbot({ scan: toyScan });
      await probot.receive({ id: `ic-${role}`, name: "issue_comment", payload: issueCommentEvent("/rescan") } as any);
      github.done();
      tearDownNock();
      setUpNock();
    }
  });

  it("refuses a rescan from a user with read permission, with a short reply and no scan", async () => {
    const github = permission(new FakeGitHub(), "drive-by", "read").write("POST", ISSUE_COMMENTS, 201, { id: 9 });
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "ic-read", name: "issue_comment", payload: issueCommentEvent("/container-review rescan", { login: "drive-by" }) } as any);
    github.done();
    expect(github.writes()).toStrictEqual([{ method: "POST", path: ISSUE_COMMENTS }]);
    expect(github.callsTo("POST", ISSUE_COMMENTS)[0].body).toStrictEqual({
      body: "@drive-by only people with write, maintain or admin permission on this repository can run `/container-review rescan`.",
    });
  });

  it("refuses a user who is not a collaborator at all (404)", async () => {
    const github = new FakeGitHub()
      .get(`${REPO_PATH}/collaborators/stranger/permission`, undefined, 404, { message: "Not Found" })
      .write("POST", ISSUE_COMMENTS, 201, { id: 9 });
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "ic-404", name: "issue_comment", payload: issueCommentEvent("/rescan", { login: "stranger" }) } as any);
    github.done();
    expect(github.callsTo("POST", ISSUE_COMMENTS)[0].body.body).toContain("@stranger only people with write");
  });

  it("answers /container-review help with the help text", async () => {
    const github = new FakeGitHub().write("POST", ISSUE_COMMENTS, 201, { id: 9 });
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "ic-help", name: "issue_comment", payload: issueCommentEvent("/container-review help") } as any);
    github.done();
    expect(github.callsTo("POST", ISSUE_COMMENTS)[0].body).toStrictEqual({ body: HELP_TEXT });
  });

  it("answers an unknown subcommand with a note and the help text", async () => {
    const github = new FakeGitHub().write("POST", ISSUE_COMMENTS, 201, { id: 9 });
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "ic-unknown", name: "issue_comment", payload: issueCommentEvent("/container-review deploy") } as any);
    github.done();
    expect(github.callsTo("POST", ISSUE_COMMENTS)[0].body).toStrictEqual({ body: `@Codertocat I do not know that command.\n\n${HELP_TEXT}` });
  });

  it("ignores comments by bots, including this app (no loops), even when they contain a command", async () => {
    const github = new FakeGitHub();
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "ic-bot1", name: "issue_comment", payload: issueCommentEvent("/rescan", { login: "container-review[bot]", type: "Bot" }) } as any);
    await probot.receive({ id: "ic-bot2", name: "issue_comment", payload: issueCommentEvent("/container-review help", { login: "renovate[bot]", type: "User" }) } as any);
    expect(github.calls).toStrictEqual([]);
  });

  it("ignores comments without a command, quoted commands and comments on issues", async () => {
    const github = new FakeGitHub();
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "ic-none", name: "issue_comment", payload: issueCommentEvent("please /rescan this later") } as any);
    await probot.receive({ id: "ic-quote", name: "issue_comment", payload: issueCommentEvent("> /rescan\nwhy did you do that?") } as any);
    await probot.receive({ id: "ic-issue", name: "issue_comment", payload: issueCommentEvent("/rescan", { onPullRequest: false }) } as any);
    expect(github.calls).toStrictEqual([]);
  });

  it("does not double-post on a redelivered command", async () => {
    const github = new FakeGitHub().write("POST", ISSUE_COMMENTS, 201, { id: 9 });
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "ic-twice", name: "issue_comment", payload: issueCommentEvent("/container-review help") } as any);
    await probot.receive({ id: "ic-twice", name: "issue_comment", payload: issueCommentEvent("/container-review help") } as any);
    github.done();
    expect(github.callsTo("POST", ISSUE_COMMENTS)).toHaveLength(1);
  });

  it("replies instead of scanning when the pull request is closed", async () => {
    const github = permission(new FakeGitHub(), "Codertocat", "admin")
      .write("POST", `${REPO_PATH}/issues/comments/${COMMENT_ID}/reactions`, 201, { id: 1 })
      .pull(HEAD_SHA, "closed")
      .write("POST", ISSUE_COMMENTS, 201, { id: 9 });
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "ic-closed", name: "issue_comment", payload: issueCommentEvent("/rescan") } as any);
    github.done();
    expect(github.callsTo("POST", ISSUE_COMMENTS)[0].body).toStrictEqual({ body: "@Codertocat this pull request is closed; there is nothing to rescan." });
  });
});
