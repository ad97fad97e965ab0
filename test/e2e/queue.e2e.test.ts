/**
 * End to end, dependability (issue 14): the built app as a child process against the GitHub simulator.
 *
 * - a burst of 30 PRs from 30 installations: every check run completes, and no installation is
 *   written to faster than once a second (Probot's throttling per installation);
 * - SIGTERM during a 200-file scan: with a short grace period the check run is completed as
 *   cancelled (never left in progress), and after a restart a Re-run scans it once; with the
 *   default grace period the scan finishes before the process exits;
 * - the app down while a PR is opened: GitHub records a failed delivery; the app, once started,
 *   asks for it to be redelivered, exactly once, and the PR gets its check;
 * - Redis mode: two app processes on one Redis, 100 PRs from 20 installations, one process killed
 *   (SIGKILL) mid-run: every PR ends with exactly one completed check run on its head and no
 *   duplicate review comments.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ensureBuilt } from "./build.js";
import { redisAvailable, startRedis, type TestRedis } from "../helpers/redis-server.js";
import {
  checkRunRerequestedEvent,
  deliverWebhook,
  freePort,
  generateAppKeys,
  pullRequestEvent,
  startApp,
  startGitHubSimulator,
  type GitHubSimulator,
  type PullState,
  type RepoState,
  type RunningApp,
  type StartAppOptions,
} from "../../tools/github-simulator/index.js";

const ROOT = process.cwd();
const APP_ID = 4114;
const keys = generateAppKeys();
const webhookSecret = randomBytes(24).toString("hex");
/**
 * GitHub's pacing, measured on arrival at the simulator: an installation's next write starts only
 * a second after the previous one was answered (src/github/write-pacer.ts), so no jitter between
 * release and send can bring two arrivals closer than this. (Bottleneck alone, which spaces
 * starts, let 0.93 s gaps through under CPU load; without any pacing the gaps are ~20 ms.)
 */
const MIN_ARRIVAL_GAP_MS = 1000;
const DOCKERFILE = "FROM node:latest\nUSER root\nRUN sudo apt-get install -y curl\n";

let sim: GitHubSimulator | undefined;
const apps: RunningApp[] = [];

beforeAll(() => ensureBuilt(ROOT), 300_000);

afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop();
  await sim?.close();
  sim = undefined;
});

async function simulator(): Promise<GitHubSimulator> {
  sim = await startGitHubSimulator({ appId: APP_ID, appPublicKey: keys.publicKeyPem });
  return sim;
}

async function app(s: GitHubSimulator, extraEnv: Record<string, string> = {}, options: Partial<StartAppOptions> = {}): Promise<RunningApp> {
  const running = await startApp({
    cwd: ROOT,
    appId: APP_ID,
    privateKeyPem: keys.privateKeyPem,
    webhookSecret,
    gheHost: s.host,
    logLevel: "info",
    command: [process.execPath, "lib/src/github/server.js"],
    extraEnv: { REDELIVERY_INTERVAL_SECONDS: "0", ...extraEnv },
    ...options,
  });
  apps.push(running);
  return running;
}

const repoKey = (repo: RepoState) => `${repo.owner}/${repo.name}`;

function runsOn(s: GitHubSimulator, repo: RepoState, headSha: string) {
  return s.state.checkRuns.filter((r) => r.repo === repoKey(repo) && r.headSha === headSha && r.name === "container-review");
}

/** Gaps in ms between consecutive writes of each installation (token requests are the app's, not the installation's). */
function writeGapsByInstallation(s: GitHubSimulator, repos: readonly RepoState[]): Map<number, number[]> {
  const gaps = new Map<number, number[]>();
  for (const installationId of new Set(repos.map((r) => r.installationId))) {
    const prefixes = repos.filter((r) => r.installationId === installationId).map((r) => `/repos/${repoKey(r)}/`);
    const times = s.state.requests
      .filter((r) => r.method !== "GET" && r.auth === "installation-token" && prefixes.some((p) => r.path.startsWith(p)))
      .map((r) => r.receivedAt ?? r.at)
      .sort((a, b) => a - b);
    gaps.set(installationId, times.slice(1).map((t, i) => t - times[i]!));
  }
  return gaps;
}

/** Each finding is commented once per PR: the rule marker at most once per path and line. */
function duplicateComments(s: GitHubSimulator, repo: RepoState, pull: PullState): string[] {
  const seen = new Map<string, number>();
  for (const c of s.state.reviewComments.filter((c) => c.repo === repoKey(repo) && c.pullNumber === pull.number)) {
    const marker = /container-review:finding rule=\S+ file=\S+ fp=\S+/.exec(c.body)?.[0] ?? c.body.split("\n")[0];
    const key = `${c.path}:${c.originalLine ?? c.line}:${marker}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([k, n]) => `${k} x${n}`);
}

function expectNoProtocolErrors(s: GitHubSimulator): void {
  expect(s.state.violations).toStrictEqual([]);
  expect(s.state.refusals).toStrictEqual([]);
}

describe("a burst of pull requests from many installations", () => {
  it("completes 30 PRs from 30 installations in parallel, pacing each installation's writes at least 1 s apart", async () => {
    const s = await simulator();
    const running = await app(s);
    s.configureWebhook({ url: running.webhookUrl, secret: webhookSecret });
    const prs = Array.from({ length: 30 }, (_, i) => {
      const repo = s.createRepository({ owner: "burst-org", name: `svc-${i}`, installationId: 7000 + i, files: { "README.md": "# svc\n" } });
      const pull = s.createPullRequest(repo, { head: { Dockerfile: DOCKERFILE } });
      return { repo, pull };
    });
    const deliveries = await Promise.all(prs.map(({ repo, pull }) => s.deliver("pull_request", pullRequestEvent(s, repo, pull, "opened"))));
    expect(deliveries.map((d) => d.statusCode)).toStrictEqual(prs.map(() => 200));
    // The bar: every check completed within 20 s of the burst (7 s measured on 2 shared cores).
    await s.waitFor(() => prs.every(({ repo, pull }) => runsOn(s, repo, pull.headSha).some((r) => r.status === "completed")), 20_000, "30 completed check runs");
    for (const { repo, pull } of prs) {
      const runs = runsOn(s, repo, pull.headSha);
      expect(runs.map((r) => [r.status, r.conclusion])).toStrictEqual([["completed", "failure"]]);
    }
    const gaps = writeGapsByInstallation(s, prs.map((p) => p.repo));
    expect(gaps.size).toBe(30);
    for (const [, list] of gaps) {
      // check run created, review, check run completed: three writes, each at least a second after the previous answer.
      expect(list).toHaveLength(2);
      for (const gap of list) expect(gap).toBeGreaterThanOrEqual(MIN_ARRIVAL_GAP_MS);
    }
    expectNoProtocolErrors(s);
  }, 60_000);
});

describe("graceful shutdown", () => {
  // One insecure Dockerfile among 199 hardened ones: 200 files to fetch, a handful of findings to write.
  const HARDENED = readFileSync(join(ROOT, "examples", "hardened", "Dockerfile"), "utf8");
  const files = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`services/svc-${String(i).padStart(3, "0")}/Dockerfile`, i === 0 ? DOCKERFILE : HARDENED]));

  it("SIGTERM during a 200-file scan with a short grace period: the run is completed as cancelled; after a restart, Re-run scans it once", async () => {
    const s = await simulator();
    const first = await app(s, { SHUTDOWN_GRACE_SECONDS: "0.2" });
    const repo = s.createRepository({ owner: "term-org", name: "big", installationId: 7100, files: { "README.md": "# big\n" } });
    const pull = s.createPullRequest(repo, { head: files });
    s.setLatency(30); // a slow GitHub: 400 content reads take seconds
    const status = (await deliverWebhook({ url: first.webhookUrl, secret: webhookSecret, event: "pull_request", payload: pullRequestEvent(s, repo, pull, "opened") })).status;
    expect(status).toBe(200);
    await s.waitFor(() => runsOn(s, repo, pull.headSha).length > 0, 20_000, "the check run in progress");
    await s.waitFor(() => s.state.requests.filter((r) => r.path.startsWith(`/repos/${repoKey(repo)}/contents/`)).length >= 10, 20_000, "the scan reading contents");
    await first.stop(30_000); // SIGTERM to the process group; resolves when the app exited
    if (first.exited()?.code !== 0) console.log(first.output().slice(-6000));
    expect(first.exited()).toStrictEqual({ code: 0, signal: null });
    const [interrupted] = runsOn(s, repo, pull.headSha);
    expect(runsOn(s, repo, pull.headSha)).toHaveLength(1);
    expect([interrupted!.status, interrupted!.conclusion]).toStrictEqual(["completed", "cancelled"]);
    expect(interrupted!.output.title).toBe("container-review was interrupted");
    expect(interrupted!.output.summary).toContain("The scan was interrupted before it finished (the app was shutting down (a deployment or a restart))");
    expect(interrupted!.output.summary).toContain("use **Re-run** on this check, or comment `/container-review rescan`");
    expect(s.state.reviewComments.filter((c) => c.repo === repoKey(repo))).toStrictEqual([]);

    s.setLatency(0);
    const second = await app(s);
    expect((await deliverWebhook({ url: second.webhookUrl, secret: webhookSecret, event: "check_run", payload: checkRunRerequestedEvent(s, repo, interrupted!) })).status).toBe(200);
    const rerun = await s.waitFor(() => runsOn(s, repo, pull.headSha).find((r) => r.id !== interrupted!.id && r.status === "completed"), 30_000, "the re-run completed");
    expect(rerun.conclusion).toBe("failure");
    expect(runsOn(s, repo, pull.headSha).filter((r) => r.status !== "completed")).toStrictEqual([]);
    const comments = s.state.reviewComments.filter((c) => c.repo === repoKey(repo));
    expect(comments.length).toBeGreaterThan(0);
    expect(duplicateComments(s, repo, pull)).toStrictEqual([]);
    expectNoProtocolErrors(s);
  }, 90_000);

  it("SIGTERM with the default grace period: /readyz 503, new webhooks refused, the running scan finishes, then the process exits 0", async () => {
    const s = await simulator();
    const running = await app(s);
    const repo = s.createRepository({ owner: "term-org", name: "drain", installationId: 7101, files: { "README.md": "# drain\n" } });
    const pull = s.createPullRequest(repo, { head: Object.fromEntries(Object.entries(files).slice(0, 40)) });
    s.setLatency(20);
    await deliverWebhook({ url: running.webhookUrl, secret: webhookSecret, event: "pull_request", payload: pullRequestEvent(s, repo, pull, "opened") });
    await s.waitFor(() => runsOn(s, repo, pull.headSha).length > 0, 20_000, "the check run in progress");
    process.kill(-running.pid, "SIGTERM");
    // Draining: not ready, and a new webhook is refused (GitHub records it as failed; the sweep redelivers it later).
    await s.waitFor(() => running.output().includes("shutting down: no new webhooks"), 10_000, "the drain to start");
    expect((await fetch(`http://127.0.0.1:${running.port}/readyz`)).status).toBe(503);
    const other = s.createPullRequest(repo, { head: { Dockerfile: DOCKERFILE } });
    const refused = await deliverWebhook({ url: running.webhookUrl, secret: webhookSecret, event: "pull_request", payload: pullRequestEvent(s, repo, other, "opened") });
    expect(refused.status).toBeGreaterThanOrEqual(500);
    await running.stop(30_000);
    expect(running.exited()).toStrictEqual({ code: 0, signal: null });
    expect(runsOn(s, repo, pull.headSha).map((r) => [r.status, r.conclusion])).toStrictEqual([["completed", "failure"]]);
    expect(runsOn(s, repo, other.headSha)).toStrictEqual([]);
    expectNoProtocolErrors(s);
  }, 90_000);
});

describe("missed deliveries", () => {
  it("a PR opened while the app is down: the failed delivery is redelivered once at start and the PR gets its check", async () => {
    const s = await simulator();
    const port = await freePort();
    s.configureWebhook({ url: `http://127.0.0.1:${port}/api/github/webhooks`, secret: webhookSecret });
    const repo = s.createRepository({ owner: "down-org", name: "svc", installationId: 7200, files: { "README.md": "# svc\n" } });
    const pull = s.createPullRequest(repo, { head: { Dockerfile: DOCKERFILE } });
    const missed = await s.deliver("pull_request", pullRequestEvent(s, repo, pull, "opened"));
    expect([missed.statusCode, missed.status]).toStrictEqual([502, "failed to connect to host"]);

    await app(s, { REDELIVERY_INTERVAL_SECONDS: "300" }, { port });
    const run = await s.waitFor(() => runsOn(s, repo, pull.headSha).find((r) => r.status === "completed"), 30_000, "the check run after the redelivery");
    expect(run.conclusion).toBe("failure");
    await s.settleDeliveries();
    const redeliveryRequests = s.state.requests.filter((r) => r.method === "POST" && r.path.startsWith("/app/hook/deliveries/"));
    expect(redeliveryRequests.map((r) => [r.path, r.status])).toStrictEqual([[`/app/hook/deliveries/${missed.id}/attempts`, 202]]);
    expect(s.state.deliveries.filter((d) => d.guid === missed.guid).map((d) => [d.redelivery, d.statusCode])).toStrictEqual([
      [false, 502],
      [true, 200],
    ]);
    expect(runsOn(s, repo, pull.headSha)).toHaveLength(1);
    expectNoProtocolErrors(s);
  }, 60_000);
});

const withRedis = redisAvailable("the Redis-mode end-to-end test") ? describe : describe.skip;

withRedis("Redis mode: two replicas on one Redis", () => {
  let redis: TestRedis | undefined;
  beforeAll(async () => {
    redis = await startRedis();
  }, 30_000);
  afterAll(async () => {
    await redis?.stop();
  });

  it("100 PRs from 20 installations, one replica killed mid-run: exactly one completed check run per head, no duplicate comments", async () => {
    const s = await simulator();
    const env = { REDIS_URL: redis!.url, QUEUE_LOCK_SECONDS: "2", SCAN_CONCURRENCY: "16" };
    const [a, b] = await Promise.all([app(s, env), app(s, env)]);
    const prs = Array.from({ length: 100 }, (_, i) => {
      const repo = s.createRepository({ owner: "redis-org", name: `svc-${i}`, installationId: 7300 + (i % 20), files: { "README.md": "# svc\n" } });
      const pull = s.createPullRequest(repo, { head: { Dockerfile: DOCKERFILE } });
      return { repo, pull };
    });
    // A load balancer: deliveries alternate between the replicas.
    const statuses = await Promise.all(
      prs.map(({ repo, pull }, i) => deliverWebhook({ url: (i % 2 === 0 ? a : b)!.webhookUrl, secret: webhookSecret, event: "pull_request", payload: pullRequestEvent(s, repo, pull, "opened") }).then((r) => r.status)),
    );
    expect(statuses).toStrictEqual(prs.map(() => 200));
    const completed = () => prs.filter(({ repo, pull }) => runsOn(s, repo, pull.headSha).some((r) => r.status === "completed")).length;
    await s.waitFor(() => completed() >= 15, 60_000, "15 completed check runs");
    process.kill(-a!.pid, "SIGKILL");
    await s.waitFor(() => a!.exited(), 10_000, "replica A gone");
    // Jobs the dead replica held are taken over after QUEUE_LOCK_SECONDS; but a write slot it held in
    // an installation's clustered Bottleneck limiter is only freed when the job expires (60 s,
    // @octokit/plugin-throttling's fixed expiration in clustering mode), so that installation waits up to a minute.
    await s.waitFor(() => completed() === prs.length, 150_000, "100 completed check runs");
    await new Promise((r) => setTimeout(r, 3000)); // a job taken over late would show up now
    const problems: string[] = [];
    for (const { repo, pull } of prs) {
      const runs = runsOn(s, repo, pull.headSha).map((r) => `${r.status}/${r.conclusion}`);
      if (runs.length !== 1 || runs[0] !== "completed/failure") problems.push(`${repoKey(repo)}: ${runs.join(", ")}`);
      problems.push(...duplicateComments(s, repo, pull).map((d) => `${repoKey(repo)}: duplicate ${d}`));
    }
    expect(problems).toStrictEqual([]);
    // Writes paced across both replicas through Redis (Bottleneck clustering): at most one write per
    // second per installation on average. (Single gaps can be shorter in clustering mode: the plugin
    // spaces the release of each write 1 s apart, then the request waits for the clustered
    // concurrency limiter, which polls Redis; two paced releases can then leave within 100 ms.)
    for (const [installationId, list] of writeGapsByInstallation(s, prs.map((p) => p.repo))) {
      const average = list.reduce((a, b) => a + b, 0) / list.length;
      if (list.length < 14 || average < 950) problems.push(`installation ${installationId}: ${list.length + 1} writes, ${Math.round(average)} ms apart on average`);
    }
    expect(problems).toStrictEqual([]);
    expectNoProtocolErrors(s);
  }, 240_000);
});
