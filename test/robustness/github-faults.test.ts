/**
 * GitHub faults, through nock, with the real engine and Probot's retry and throttling plugins ON
 * (production behaviour), only their waits scaled from seconds to milliseconds: 500, 502, a 403
 * secondary rate limit with retry-after, a 404 for a file removed between listing and fetching, and
 * a network timeout. Each scan must end with a completed check run whose summary says what
 * happened, and every retry loop must stop (plugin-retry's default of 3 retries for 5xx; no retry
 * for a secondary rate limit, as Probot configures it).
 */
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import Bottleneck from "bottleneck";
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import { createContainerReviewApp } from "../../src/github/app-handlers.js";
import { HEAD_SHA, pullRequestEvent } from "../fixtures/github/payloads.js";
import { addedPatch, CHECK_RUN_ID, FakeGitHub, FIXED_NOW, REPO_PATH, setUpNock, tearDownNock } from "../github/harness.js";

const CHECK_RUNS = `${REPO_PATH}/check-runs`;
const CHECK_RUN = `${REPO_PATH}/check-runs/${CHECK_RUN_ID}`;
const FILES = `${REPO_PATH}/pulls/2/files`;
const DOCKERFILE = "FROM alpine:3.20\nUSER 10001\nCMD [\"true\"]\n";
const WORKER = "FROM alpine:3.20\nUSER 10001\nCMD [\"sleep\", \"1\"]\n";

beforeEach(setUpNock);
afterEach(tearDownNock);

/**
 * Probot as production builds it (retry and throttling on, Probot's own rate-limit handlers), with
 * the waits shrunk: retry-after and backoff count milliseconds instead of seconds, and no 1 s gap
 * between writes.
 */
async function faultTolerantProbot(): Promise<Probot> {
  const probot = new Probot({
    githubToken: "test-token",
    logLevel: "fatal",
    Octokit: ProbotOctokit.defaults((instanceOptions: any) => ({
      ...instanceOptions,
      retry: { ...instanceOptions.retry, enabled: true, retryAfterBaseValue: 1 },
      throttle: {
        ...instanceOptions.throttle,
        enabled: true,
        retryAfterBaseValue: 1,
        fallbackSecondaryRateRetryAfter: 1,
        write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
        global: new Bottleneck.Group({ maxConcurrent: 10, minTime: 0 }),
      },
    })),
  });
  await probot.load(createContainerReviewApp({ now: () => FIXED_NOW }));
  return probot;
}

async function deliver(id: string): Promise<void> {
  const probot = await faultTolerantProbot();
  try {
    await probot.receive({ id, name: "pull_request", payload: pullRequestEvent("opened") } as any);
  } catch {
    // Probot rethrows handler errors as an AggregateError; what matters is what reached GitHub.
  }
}

/** The start of every scan: check run created, no configuration anywhere. */
function start(github: FakeGitHub): FakeGitHub {
  return github.createCheckRun().noConfig();
}

/** The end of a scan that got through: head check, review comments, maybe a review, completion. */
function finish(github: FakeGitHub): FakeGitHub {
  github.pull(HEAD_SHA).reviewComments([[]]).updateCheckRun();
  github.scope.post(`${REPO_PATH}/pulls/2/reviews`).optionally().reply(200, { id: 1 });
  return github;
}

function completion(github: FakeGitHub): any {
  const updates = github.callsTo("PATCH", CHECK_RUN).map((c) => c.body);
  expect(updates.length).toBeGreaterThanOrEqual(1);
  const last = updates[updates.length - 1];
  expect(last.status).toBe("completed");
  expect(typeof last.conclusion).toBe("string");
  expect(last.output.title.length).toBeGreaterThan(0);
  expect(last.output.summary.length).toBeGreaterThan(0);
  return last;
}

function expectErrorCompletion(last: any, detail: RegExp): void {
  expect(last.conclusion).toBe("failure");
  expect(last.output.title).toBe("container-review could not complete the scan");
  expect(last.output.summary).toMatch(/^The scan stopped with an error, so this pull request was not fully reviewed:/);
  expect(last.output.summary).toMatch(detail);
  expect(last.output.summary).toMatch(/Re-run this check, or comment `\/container-review rescan`/);
}

describe("GitHub faults end with a completed check run and bounded retries", () => {
  it("500 on every attempt to list the files: 1 try + 3 retries, then an error completion naming HTTP 500", async () => {
    const github = start(new FakeGitHub()).get(FILES, { per_page: "100" }, 500, { message: "Server Error" }, {}, 10).updateCheckRun();
    await deliver("fault-500");
    expect(github.callsTo("GET", FILES)).toHaveLength(4);
    expectErrorCompletion(completion(github), /HTTP 500|Server Error/);
    expect(github.callsTo("POST", CHECK_RUNS)).toHaveLength(1);
    expect(github.writes().filter((w) => w.path.endsWith("/reviews"))).toEqual([]);
  });

  it("502 once while fetching a file: retried, and the scan completes normally", async () => {
    const github = start(new FakeGitHub())
      .files([[{ filename: "Dockerfile", status: "added", patch: addedPatch(DOCKERFILE) }]])
      .get(`${REPO_PATH}/contents/Dockerfile`, { ref: HEAD_SHA }, 502, { message: "Bad Gateway" })
      .content("Dockerfile", HEAD_SHA, DOCKERFILE);
    finish(github);
    await deliver("fault-502");
    expect(github.callsTo("GET", `${REPO_PATH}/contents/Dockerfile`)).toHaveLength(2);
    const last = completion(github);
    expect(last.output.title).not.toMatch(/could not complete/);
    expect(last.output.summary).toContain("Scanned 1 container file");
    expect(github.scope.pendingMocks().filter((m) => !m.includes("/reviews"))).toEqual([]);
  });

  it("502 on every attempt to complete the check: bounded retries, and the check is still completed by the fallback", async () => {
    const github = start(new FakeGitHub())
      .files([[{ filename: "Dockerfile", status: "added", patch: addedPatch(DOCKERFILE) }]])
      .content("Dockerfile", HEAD_SHA, DOCKERFILE)
      .pull(HEAD_SHA)
      .reviewComments([[]])
      .updateCheckRun(4, 502)
      .updateCheckRun(1, 200);
    github.scope.post(`${REPO_PATH}/pulls/2/reviews`).optionally().reply(200, { id: 1 });
    await deliver("fault-502-complete");
    const patches = github.callsTo("PATCH", CHECK_RUN);
    expect(patches).toHaveLength(5); // the completion (1 + 3 retries), then the error completion
    expectErrorCompletion(completion(github), /502|Bad Gateway|error/i);
  });

  it("403 secondary rate limit with retry-after: not retried in a loop, and the check completes with the rate-limit message", async () => {
    const github = start(new FakeGitHub())
      .get(
        FILES,
        { per_page: "100" },
        403,
        { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", documentation_url: "https://docs.github.com/rest" },
        { "retry-after": "2" },
        10,
      )
      .updateCheckRun();
    await deliver("fault-403");
    const attempts = github.callsTo("GET", FILES).length;
    expect(attempts).toBeGreaterThanOrEqual(1);
    expect(attempts).toBeLessThanOrEqual(4);
    expectErrorCompletion(completion(github), /secondary rate limit/);
  });

  it("404 for a file removed between listing and fetching: the other files are scanned and the check completes normally", async () => {
    const github = start(new FakeGitHub())
      .files([
        [
          { filename: "Dockerfile", status: "added", patch: addedPatch(DOCKERFILE) },
          { filename: "worker/Dockerfile", status: "added", patch: addedPatch(WORKER) },
        ],
      ])
      .content("Dockerfile", HEAD_SHA, { status: 404 })
      .content("worker/Dockerfile", HEAD_SHA, WORKER);
    finish(github);
    await deliver("fault-404");
    expect(github.callsTo("GET", `${REPO_PATH}/contents/Dockerfile`)).toHaveLength(1); // 404 is never retried
    const last = completion(github);
    expect(last.output.title).not.toMatch(/could not complete/);
    expect(last.output.summary).toContain("worker/Dockerfile");
    expect(last.output.summary).toContain("`Dockerfile` was not scanned: not found at this commit.");
  });

  it("a network timeout on every attempt: bounded retries, then an error completion", async () => {
    const github = start(new FakeGitHub()).files([[{ filename: "Dockerfile", status: "added", patch: addedPatch(DOCKERFILE) }]]);
    let attempts = 0;
    // A scope of its own, so that its "request" events count only these attempts.
    nock(github.baseUrl)
      .get((uri) => uri.startsWith(`${REPO_PATH}/contents/Dockerfile`))
      .times(10)
      .replyWithError(Object.assign(new Error("connect ETIMEDOUT 140.82.112.6:443"), { code: "ETIMEDOUT" }))
      .on("request", () => (attempts += 1));
    github.updateCheckRun();
    await deliver("fault-timeout");
    expect(attempts).toBeGreaterThanOrEqual(1);
    expect(attempts).toBeLessThanOrEqual(4);
    expectErrorCompletion(completion(github), /ETIMEDOUT|fetch failed|timed? ?out|HTTP 500/i);
  });
});

// Keep nock's interceptors from leaking into other files if a test above fails midway.
afterEach(() => nock.abortPendingRequests());
