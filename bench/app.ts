/**
 * The app end to end on the project's GitHub simulator (tools/github-simulator): the built server
 * (lib/src/github/server.js, as `npm start` runs it, Probot's throttling and retries on, as in
 * production) against the simulator on 127.0.0.1, signed webhooks in, REST calls recorded.
 *
 * - latency: from sending the `pull_request.opened` webhook to the request that completed the check
 *   run (the simulator's timestamp), p50 and p95, for 10-file and 250-file PRs;
 * - GitHub requests per PR: reads (GET) and writes (everything else), token exchanges apart, against
 *   the budget of issue 7 (writes <= 3; reads <= ceil(files/100) + fetched files + 2);
 * - a burst of 50 concurrent PR webhooks (one installation each): errors (non-2xx deliveries, runs not completed, runs that
 *   end in an app error, simulator violations/refusals, error log lines, a crashed app) and the app
 *   process's peak RSS (VmHWM).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import type { CorpusFile } from "./corpus.js";
import { percentile, median, round } from "./stats.js";

export interface PrRun {
  files: number;
  latencyMs: number;
  reads: number;
  writes: number;
  tokenRequests: number;
  fetched: number;
  readBudget: number;
  conclusion: string | null;
  /** Webhook sent to the first write (the in-progress check run). */
  firstWriteMs: number;
  /** Gaps between consecutive writes (Probot's throttling spaces writes about 1 s apart). */
  writeGapsMs: number[];
}

export interface AppBenchResult {
  skipped?: string;
  pr10?: Summary;
  pr250?: Summary;
  burst?: { prs: number; completed: number; errors: number; errorDetails: string[]; wallMs: number; peakRssMB: number; p50Ms: number; p95Ms: number };
  budgets?: { check: string; value: string; met: boolean }[];
}

interface Summary {
  runs: PrRun[];
  p50Ms: number;
  p95Ms: number;
  readsMedian: number;
  writesMax: number;
  readBudget: number;
  writeBreakdown: Record<string, number>;
  firstWriteMsMedian: number;
  /** Median gap between consecutive writes of a PR. */
  writeGapMsMedian: number;
}

type Sim = import("../tools/github-simulator/index.js").GitHubSimulator;
type RepoState = import("../tools/github-simulator/index.js").RepoState;
type RecordedRequest = import("../tools/github-simulator/index.js").RecordedRequest;

const APP_ID = 4242;
const INSTALLATION_ID = 777;

function vmHwmMB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    return kb / 1024;
  } catch {
    return NaN;
  }
}

function classify(reqs: RecordedRequest[]): { reads: number; writes: number; tokens: number; fetched: number; breakdown: Record<string, number> } {
  let reads = 0;
  let writes = 0;
  let tokens = 0;
  let fetched = 0;
  const breakdown: Record<string, number> = {};
  for (const r of reqs) {
    if (/\/app\/installations\/\d+\/access_tokens$/.test(r.path)) {
      tokens += 1;
      continue;
    }
    if (r.method === "GET" || r.method === "HEAD") {
      reads += 1;
      // Container files fetched (the configuration lookups are not "fetched files").
      if (/\/contents\/|\/git\/blobs\//.test(r.path) && !/container-review\.ya?ml$/.test(decodeURIComponent(r.path))) fetched += 1;
    } else {
      writes += 1;
      const key = `${r.method} ${r.operationId ?? r.path}`;
      breakdown[key] = (breakdown[key] ?? 0) + 1;
    }
  }
  return { reads, writes, tokens, fetched, breakdown };
}

/** PR head files: `count` corpus files (Dockerfiles, manifests, compose files mixed), at most 64 kB each. */
export function prFiles(corpus: readonly CorpusFile[], count: number, offset: number): Record<string, string> {
  const pool = corpus.filter((f) => f.size <= 64 * 1024 && !f.content.includes("{{"));
  const byKind = [pool.filter((f) => f.kind === "dockerfiles"), pool.filter((f) => f.kind === "k8s"), pool.filter((f) => f.kind === "compose")];
  const out: Record<string, string> = {};
  for (let i = 0; Object.keys(out).length < count; i += 1) {
    const list = byKind[i % 3];
    const f = list[(offset * 7 + Math.floor(i / 3) * 13) % list.length];
    out[f.path] = f.content.toString("utf8");
  }
  return out;
}

export async function benchApp(root: string, corpus: readonly CorpusFile[], opts: { runs10: number; runs250: number; burst: number }): Promise<AppBenchResult> {
  const server = join(root, "lib", "src", "github", "server.js");
  const simIndex = join(root, "lib", "tools", "github-simulator", "index.js");
  if (!existsSync(server) || !existsSync(simIndex)) {
    return { skipped: `the app or the simulator is not built (${server}, ${simIndex}); run npm run build` };
  }
  const simulator = (await import("../tools/github-simulator/index.js")) as typeof import("../tools/github-simulator/index.js");
  const keys = simulator.generateAppKeys();
  const secret = randomBytes(24).toString("hex");
  const sim: Sim = await simulator.startGitHubSimulator({ appId: APP_ID, appPublicKey: keys.publicKeyPem, log: () => undefined });
  const app = await simulator.startApp({
    cwd: root,
    appId: APP_ID,
    privateKeyPem: keys.privateKeyPem,
    webhookSecret: secret,
    gheHost: sim.host,
    logLevel: "warn",
    command: [process.execPath, server],
  });
  const errorsBefore = () => ({ violations: sim.state.violations.length, refusals: sim.state.refusals.length });
  let repoCounter = 0;

  const quiet = async (ms: number, maxMs = 30_000) => {
    const deadline = Date.now() + maxMs;
    while (Date.now() < deadline) {
      if (Date.now() - (sim.state.requests.at(-1)?.at ?? 0) >= ms) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const openPr = (files: Record<string, string>, installationId = INSTALLATION_ID) => {
    repoCounter += 1;
    const repo: RepoState = sim.createRepository({
      owner: "bench-org",
      name: `svc-${repoCounter}`,
      installationId,
      files: { "README.md": "# service\n" },
    });
    const pull = sim.createPullRequest(repo, { head: files, title: "Add container files" });
    return { repo, pull };
  };

  const completion = (repo: RepoState, headSha: string, since: number) =>
    sim.state.requests.find(
      (r) =>
        r.at >= since &&
        (r.path === `/repos/${repo.owner}/${repo.name}/check-runs` || r.path.startsWith(`/repos/${repo.owner}/${repo.name}/check-runs/`)) &&
        r.status < 300 &&
        (r.body as { status?: string; conclusion?: string } | null)?.conclusion !== undefined &&
        sim.state.checkRuns.some((c) => c.repo === `${repo.owner}/${repo.name}` && c.headSha === headSha && c.status === "completed"),
    );

  const onePr = async (count: number, offset: number): Promise<PrRun> => {
    const { repo, pull } = openPr(prFiles(corpus, count, offset));
    const from = sim.state.requests.length;
    const t0 = Date.now();
    const delivery = await simulator.deliverWebhook({ url: app.webhookUrl, secret, event: "pull_request", payload: simulator.pullRequestEvent(sim, repo, pull, "opened") });
    if (delivery.status >= 300) throw new Error(`webhook answered ${delivery.status}`);
    const done = await sim.waitFor(() => completion(repo, pull.headSha, t0), 120_000, `check run completed for ${repo.name}`);
    await quiet(1500);
    const c = classify(sim.state.requests.slice(from));
    const writeTimes = sim.state.requests
      .slice(from)
      .filter((r) => r.method !== "GET" && r.method !== "HEAD" && !/access_tokens$/.test(r.path))
      .map((r) => r.at);
    const run = sim.state.checkRuns.find((r) => r.repo === `${repo.owner}/${repo.name}` && r.headSha === pull.headSha);
    return {
      files: count,
      latencyMs: done.at - t0,
      reads: c.reads,
      writes: c.writes,
      tokenRequests: c.tokens,
      fetched: c.fetched,
      readBudget: Math.ceil(count / 100) + c.fetched + 2,
      conclusion: run?.conclusion ?? null,
      firstWriteMs: (writeTimes[0] ?? t0) - t0,
      writeGapsMs: writeTimes.slice(1).map((t, i) => t - writeTimes[i]),
    };
  };

  const summarise = (runs: PrRun[], breakdownFrom: number): Summary => {
    const c = classify(sim.state.requests.slice(breakdownFrom));
    return {
      runs,
      p50Ms: round(percentile(runs.map((r) => r.latencyMs), 50)),
      p95Ms: round(percentile(runs.map((r) => r.latencyMs), 95)),
      readsMedian: median(runs.map((r) => r.reads)),
      writesMax: Math.max(...runs.map((r) => r.writes)),
      readBudget: median(runs.map((r) => r.readBudget)),
      firstWriteMsMedian: round(median(runs.map((r) => r.firstWriteMs))),
      writeGapMsMedian: round(median(runs.flatMap((r) => r.writeGapsMs))),
      writeBreakdown: Object.fromEntries(Object.entries(c.breakdown).map(([k, v]) => [k, round(v / runs.length, 2)])),
    };
  };

  try {
    // Warm-up: the first PR pays for module loading and the token exchange.
    await onePr(10, 99);
    const s10 = sim.state.requests.length;
    const runs10: PrRun[] = [];
    for (let i = 0; i < opts.runs10; i += 1) runs10.push(await onePr(10, i));
    const pr10 = summarise(runs10, s10);
    const s250 = sim.state.requests.length;
    const runs250: PrRun[] = [];
    for (let i = 0; i < opts.runs250; i += 1) runs250.push(await onePr(250, i));
    const pr250 = summarise(runs250, s250);

    // Burst: N PR webhooks at once.
    const before = errorsBefore();
    const outputBefore = app.output().length;
    // Each burst PR in its own installation (50 customers at once): Probot's throttling spaces writes
    // per installation, so one installation's 50 PRs would measure that 1 s spacing, not the server.
    const prs = Array.from({ length: opts.burst }, (_, i) => openPr(prFiles(corpus, 10, 200 + i), INSTALLATION_ID + 1 + i));
    const t0 = Date.now();
    let peak = vmHwmMB(app.pid);
    const sampler = setInterval(() => {
      peak = Math.max(peak, vmHwmMB(app.pid));
    }, 100);
    const statuses = await Promise.all(
      prs.map(({ repo, pull }) =>
        simulator
          .deliverWebhook({ url: app.webhookUrl, secret, event: "pull_request", payload: simulator.pullRequestEvent(sim, repo, pull, "opened") })
          .then((r) => r.status)
          .catch(() => 0),
      ),
    );
    let completed = 0;
    try {
      await sim.waitFor(() => {
        completed = prs.filter(({ repo, pull }) => completion(repo, pull.headSha, t0)).length;
        return completed === prs.length;
      }, 300_000, "every burst check run completed");
    } catch {
      /* counted below */
    }
    const wallMs = Date.now() - t0;
    await quiet(1500);
    clearInterval(sampler);
    peak = Math.max(peak, vmHwmMB(app.pid));
    const latencies = prs.map(({ repo, pull }) => completion(repo, pull.headSha, t0)).filter((r) => r !== undefined).map((r) => r!.at - t0);
    const errorDetails: string[] = [];
    const bad = statuses.filter((s) => s < 200 || s >= 300).length;
    if (bad) errorDetails.push(`${bad} webhook deliveries not answered 2xx`);
    if (completed < prs.length) errorDetails.push(`${prs.length - completed} check runs not completed`);
    const failed = prs.filter(({ repo, pull }) =>
      sim.state.checkRuns.some((c) => c.repo === `${repo.owner}/${repo.name}` && c.headSha === pull.headSha && /error|could not|failed to/i.test(c.output.title ?? "")),
    ).length;
    if (failed) errorDetails.push(`${failed} check runs report an app error`);
    const after = errorsBefore();
    if (after.violations > before.violations) errorDetails.push(`${after.violations - before.violations} OpenAPI violations`);
    if (after.refusals > before.refusals) errorDetails.push(`${after.refusals - before.refusals} refused requests`);
    const errorLines = app
      .output()
      .slice(outputBefore)
      .split("\n")
      .filter((l) => /"level":\s*(50|60)|"level":"(error|fatal)"/.test(l));
    if (errorLines.length) errorDetails.push(`${errorLines.length} error log lines, e.g. ${errorLines[0].slice(0, 300)}`);
    if (app.exited()) errorDetails.push(`the app exited: ${JSON.stringify(app.exited())}`);
    const burst = {
      prs: prs.length,
      completed,
      errors: bad + (prs.length - completed) + failed + Math.max(0, after.violations - before.violations) + Math.max(0, after.refusals - before.refusals) + errorLines.length,
      errorDetails,
      wallMs,
      peakRssMB: round(peak, 1),
      p50Ms: round(percentile(latencies, 50)),
      p95Ms: round(percentile(latencies, 95)),
    };
    const budgets = [
      { check: "writes per 10-file PR <= 3", value: String(pr10.writesMax), met: pr10.writesMax <= 3 },
      { check: "reads per 10-file PR <= ceil(files/100) + fetched + 2", value: `${pr10.readsMedian} (budget ${pr10.readBudget})`, met: pr10.runs.every((r) => r.reads <= r.readBudget) },
      { check: "reads per 250-file PR within the same budget", value: `${pr250.readsMedian} (budget ${pr250.readBudget})`, met: pr250.runs.every((r) => r.reads <= r.readBudget) },
      { check: "p50 <= 1.5 s for 10 files (throttling on)", value: `${pr10.p50Ms} ms`, met: pr10.p50Ms <= 1500 },
      { check: `0 errors under a burst of ${burst.prs} PRs`, value: String(burst.errors), met: burst.errors === 0 },
      { check: "app RSS <= 300 MB under the burst", value: `${burst.peakRssMB} MB`, met: burst.peakRssMB <= 300 },
    ];
    return { pr10, pr250, burst, budgets };
  } finally {
    await app.stop();
    await sim.close();
  }
}
