/**
 * The 50-PR burst (issue 14) in both queue modes: 50 PRs of 10 corpus files, each in its own
 * installation, their `pull_request.opened` webhooks sent at once to the built server
 * (lib/src/github/server.js) on the GitHub simulator.
 *
 * - memory: one app process, the in-process queue;
 * - redis: two app processes on one redis-server (started on a free loopback port), webhooks
 *   alternating between them as a load balancer would; skipped when redis-server is missing.
 *
 * Reported per mode: time from sending the burst to each PR's completed check run (p50, p90, max),
 * the smallest gap between two writes of one installation (arrival at the simulator), errors
 * (non-2xx answers, runs not completed, simulator violations and refusals).
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { CorpusFile } from "./corpus.js";
import { prFiles } from "./app.js";
import { percentile, round } from "./stats.js";

export interface BurstResult {
  mode: "memory" | "redis";
  replicas: number;
  prs: number;
  completed: number;
  errors: string[];
  p50Ms: number;
  p90Ms: number;
  maxMs: number;
  /** Smallest gap between two writes of one installation, as they arrived at the simulator. */
  minWriteGapMs: number;
}

export interface QueueBenchResult {
  skipped?: string;
  memory?: BurstResult;
  redis?: BurstResult | { skipped: string };
}

const APP_ID = 4343;

export async function benchQueue(root: string, corpus: readonly CorpusFile[], opts: { prs: number }): Promise<QueueBenchResult> {
  const server = join(root, "lib", "src", "github", "server.js");
  if (!existsSync(server)) return { skipped: `the app is not built (${server}); run npm run build` };
  const simulator = (await import("../tools/github-simulator/index.js")) as typeof import("../tools/github-simulator/index.js");
  const redisTools = (await import("../tools/redis/redis-server.js")) as typeof import("../tools/redis/redis-server.js");
  const keys = simulator.generateAppKeys();
  const secret = randomBytes(24).toString("hex");

  const burst = async (mode: "memory" | "redis", redisUrl?: string): Promise<BurstResult> => {
    const sim = await simulator.startGitHubSimulator({ appId: APP_ID, appPublicKey: keys.publicKeyPem, log: () => undefined });
    const env: Record<string, string> = { REDELIVERY_INTERVAL_SECONDS: "0", ...(redisUrl ? { REDIS_URL: redisUrl } : {}) };
    const start = () =>
      simulator.startApp({ cwd: root, appId: APP_ID, privateKeyPem: keys.privateKeyPem, webhookSecret: secret, gheHost: sim.host, logLevel: "warn", command: [process.execPath, server], extraEnv: env });
    const apps = mode === "redis" ? await Promise.all([start(), start()]) : [await start()];
    try {
      const prs = Array.from({ length: opts.prs }, (_, i) => {
        const repo = sim.createRepository({ owner: `burst-${mode}`, name: `svc-${i}`, installationId: 9000 + i, files: { "README.md": "# service\n" } });
        const pull = sim.createPullRequest(repo, { head: prFiles(corpus, 10, 300 + i), title: "Add container files" });
        return { repo, pull };
      });
      const t0 = Date.now();
      const statuses = await Promise.all(
        prs.map(({ repo, pull }, i) =>
          simulator
            .deliverWebhook({ url: apps[i % apps.length]!.webhookUrl, secret, event: "pull_request", payload: simulator.pullRequestEvent(sim, repo, pull, "opened") })
            .then((r) => r.status)
            .catch(() => 0),
        ),
      );
      const completedAt = (repo: (typeof prs)[number]["repo"], headSha: string) =>
        sim.state.checkRuns.find((c) => c.repo === `${repo.owner}/${repo.name}` && c.headSha === headSha && c.status === "completed")?.completedAt;
      const doneAt = new Map<number, number>();
      try {
        await sim.waitFor(() => {
          prs.forEach(({ repo, pull }, i) => {
            if (!doneAt.has(i) && completedAt(repo, pull.headSha)) doneAt.set(i, Date.now());
          });
          return doneAt.size === prs.length;
        }, 300_000, "every burst check run completed");
      } catch {
        /* reported below */
      }
      const latencies = [...doneAt.values()].map((t) => t - t0);
      let minGap = Infinity;
      for (const { repo } of prs) {
        const times = sim.state.requests
          .filter((r) => r.method !== "GET" && r.auth === "installation-token" && r.path.startsWith(`/repos/${repo.owner}/${repo.name}/`))
          .map((r) => r.receivedAt ?? r.at)
          .sort((a, b) => a - b);
        for (let i = 1; i < times.length; i++) minGap = Math.min(minGap, times[i]! - times[i - 1]!);
      }
      const errors: string[] = [];
      const bad = statuses.filter((s) => s < 200 || s >= 300).length;
      if (bad) errors.push(`${bad} webhooks not answered 2xx`);
      if (doneAt.size < prs.length) errors.push(`${prs.length - doneAt.size} check runs not completed`);
      if (sim.state.violations.length) errors.push(`${sim.state.violations.length} OpenAPI violations`);
      if (sim.state.refusals.length) errors.push(`${sim.state.refusals.length} refused requests`);
      return {
        mode,
        replicas: apps.length,
        prs: prs.length,
        completed: doneAt.size,
        errors,
        p50Ms: round(percentile(latencies, 50)),
        p90Ms: round(percentile(latencies, 90)),
        maxMs: round(Math.max(...latencies)),
        minWriteGapMs: round(minGap),
      };
    } finally {
      for (const app of apps) await app.stop();
      await sim.close();
    }
  };

  const result: QueueBenchResult = { memory: await burst("memory") };
  if (!redisTools.redisServerBinary()) {
    result.redis = { skipped: "redis-server not found" };
  } else {
    const redis = await redisTools.startRedis();
    try {
      result.redis = await burst("redis", redis.url);
    } finally {
      await redis.stop();
    }
  }
  return result;
}
