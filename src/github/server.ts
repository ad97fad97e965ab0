/**
 * Starts the app's HTTP server (`npm start`): Probot's server with the usual environment (APP_ID,
 * PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET, PORT, HOST, GHE_HOST, GHE_PROTOCOL,
 * WEBHOOK_PATH, LOG_LEVEL, REDIS_URL), after checking the settings that Probot would otherwise paper
 * over: it refuses to start without a real webhook secret (Probot falls back to "development").
 *
 * Runtime (src/queue): webhook handlers enqueue scan jobs; workers run them. Without REDIS_URL the
 * queue lives in this process; with it, BullMQ on Redis (shared by every replica), Probot's
 * Redis-backed throttling, the delivery guard and the redelivery sweep lock are in Redis too.
 * SIGTERM/SIGINT drain: /readyz turns 503, webhooks are refused, running scans get the grace period.
 */
import { pathToFileURL } from "node:url";
import { Redis } from "ioredis";
import { ProbotOctokit, run, type ApplicationFunction, type Probot } from "probot";
import { mountOperationsRoutes } from "../ops/operations.js";
import { readPrivateKeyFromEnvironment } from "../ops/signing-key.js";
import type { ScanQueue } from "../queue/job.js";
import { MemoryScanQueue } from "../queue/memory-queue.js";
import { RedisScanQueue } from "../queue/redis-queue.js";
import { startRedeliverySweeper } from "../queue/redeliver.js";
import { createContainerReviewApp } from "./app-handlers.js";
import { WritePacer } from "./write-pacer.js";
import { memoryDeliveryGuard, redisDeliveryGuard, type DeliveryGuard } from "./delivery-guard.js";
import type { GitHubClient } from "./github-client.js";

/** Secrets that are placeholders, not secrets. */
const PLACEHOLDER_SECRETS = new Set(["development", "secret", "changeme", "change-me", "test"]);
const MIN_SECRET_LENGTH = 16;

/** Runtime settings from the environment (seconds in the environment, milliseconds here). */
export interface RuntimeSettings {
  redisUrl: string | undefined;
  /** SHUTDOWN_GRACE_SECONDS (25): running scans get this long after SIGTERM. Keep it below the pod's terminationGracePeriodSeconds (30). */
  graceMs: number;
  /** SCAN_CONCURRENCY (16): jobs run at once per process. Jobs mostly wait on GitHub (writes are paced 1 s apart per installation); the engine runs on the one event loop, so CPU use stays bounded by one core. */
  concurrency: number;
  /** SCAN_ATTEMPTS (3): attempts per job. */
  attempts: number;
  /** SCAN_DEADLINE_SECONDS (120): a job's deadline; its check run is then completed as cancelled. */
  deadlineMs: number;
  /** GITHUB_REQUEST_TIMEOUT_SECONDS (20): every GitHub request (tokens included) is aborted after this. */
  requestTimeoutMs: number;
  /** QUEUE_LOCK_SECONDS (30): Redis mode, a dead worker's job is taken over after this. */
  lockMs: number;
  /** REDELIVERY_INTERVAL_SECONDS (300): between sweeps for failed deliveries; 0 disables the sweep. */
  redeliveryIntervalMs: number;
  /** REDELIVERY_LOOKBACK_HOURS (6): how far back the sweep looks. */
  redeliveryLookbackMs: number;
  /** GITHUB_WRITE_INTERVAL_SECONDS (1): an installation's next mutating request starts this long after the previous one was answered; 0 leaves pacing to Probot's throttling alone. */
  writeIntervalMs: number;
}

function seconds(env: NodeJS.ProcessEnv, name: string, fallback: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback * 1000;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    problems.push(`${name} must be a number of seconds (got "${raw}").`);
    return fallback * 1000;
  }
  return value * 1000;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    problems.push(`${name} must be a positive integer (got "${raw}").`);
    return fallback;
  }
  return value;
}

export function runtimeSettings(env: NodeJS.ProcessEnv, problems: string[] = []): RuntimeSettings {
  const redisUrl = env.REDIS_URL?.trim() || undefined;
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) problems.push("REDIS_URL must start with redis:// or rediss://.");
  return {
    redisUrl,
    graceMs: seconds(env, "SHUTDOWN_GRACE_SECONDS", 25, problems),
    concurrency: positiveInteger(env, "SCAN_CONCURRENCY", 16, problems),
    attempts: positiveInteger(env, "SCAN_ATTEMPTS", 3, problems),
    deadlineMs: seconds(env, "SCAN_DEADLINE_SECONDS", 120, problems),
    requestTimeoutMs: seconds(env, "GITHUB_REQUEST_TIMEOUT_SECONDS", 20, problems),
    lockMs: seconds(env, "QUEUE_LOCK_SECONDS", 30, problems),
    redeliveryIntervalMs: seconds(env, "REDELIVERY_INTERVAL_SECONDS", 300, problems),
    redeliveryLookbackMs: seconds(env, "REDELIVERY_LOOKBACK_HOURS", 6 / 3600, problems) * 3600,
    writeIntervalMs: seconds(env, "GITHUB_WRITE_INTERVAL_SECONDS", 1, problems),
  };
}

/** Problems with the environment that must stop the server from starting; empty when fine. */
export function startupProblems(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  const secret = env.WEBHOOK_SECRET;
  if (!secret) {
    problems.push("WEBHOOK_SECRET is not set: webhook signatures could not be checked. Set it to the secret configured for the GitHub App.");
  } else if (PLACEHOLDER_SECRETS.has(secret.toLowerCase())) {
    problems.push(`WEBHOOK_SECRET is a placeholder value; set it to a random secret (at least ${MIN_SECRET_LENGTH} characters).`);
  } else if (secret.length < MIN_SECRET_LENGTH) {
    problems.push(`WEBHOOK_SECRET is shorter than ${MIN_SECRET_LENGTH} characters; use a long random secret.`);
  }
  if (!env.APP_ID || !/^\d+$/.test(env.APP_ID)) problems.push("APP_ID must be the numeric ID of the GitHub App.");
  if (!env.PRIVATE_KEY && !env.PRIVATE_KEY_PATH) problems.push("PRIVATE_KEY or PRIVATE_KEY_PATH must give the GitHub App's private key.");
  if (env.GHE_HOST && /^[a-z]+:\/\/|\//i.test(env.GHE_HOST)) problems.push("GHE_HOST must be a host name (optionally with :port), without scheme or path.");
  if (env.GHE_PROTOCOL && env.GHE_PROTOCOL !== "http" && env.GHE_PROTOCOL !== "https") problems.push('GHE_PROTOCOL must be "http" or "https".');
  runtimeSettings(env, problems);
  return problems;
}

/** A fetch that aborts after `timeoutMs` (connection, headers and body), combined with the caller's signal. */
export function fetchWithTimeout(timeoutMs: number, base: typeof fetch = globalThis.fetch): typeof fetch {
  return (input, init = {}) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    return base(input, { ...init, signal: init.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
  };
}

/**
 * Probot's Octokit with a timeout on every request: API requests (`request.fetch`) and the
 * installation-token requests that the app authentication strategy sends with its own `request`.
 */
export function octokitWithTimeouts(timeoutMs: number): typeof ProbotOctokit {
  const timedFetch = fetchWithTimeout(timeoutMs);
  return ProbotOctokit.defaults((instanceOptions: any) => {
    const auth = instanceOptions.auth;
    const authRequest = auth?.request;
    return {
      ...instanceOptions,
      request: { ...instanceOptions.request, fetch: timedFetch },
      ...(typeof authRequest?.defaults === "function" ? { auth: { ...auth, request: authRequest.defaults({ request: { fetch: timedFetch } }) } } : {}),
    };
  }) as typeof ProbotOctokit;
}

export interface RunningServer {
  /** Drains and stops as SIGTERM does, without exiting the process; resolves when done. */
  stop(): Promise<void>;
  readonly settings: RuntimeSettings;
}

export async function startServer(env: NodeJS.ProcessEnv = process.env, options: { exitOnShutdown?: boolean } = {}): Promise<RunningServer> {
  const problems = startupProblems(env);
  if (problems.length > 0) throw new Error(`container-review cannot start:\n- ${problems.join("\n- ")}`);
  const settings = runtimeSettings(env);

  let draining = false;
  const isDraining = () => draining;
  let redis: Redis | undefined;
  let queue: ScanQueue;
  let guard: DeliveryGuard;
  let probotApp: Probot | undefined;
  if (settings.redisUrl) {
    redis = new Redis(settings.redisUrl, { maxRetriesPerRequest: 3 });
    redis.on("error", (error) => probotApp?.log.warn({ err: error.message }, "Redis connection error"));
    const log = {
      warn: (fields: object, message: string) => probotApp?.log.warn(fields, message),
      error: (fields: object, message: string) => probotApp?.log.error(fields, message),
      info: (fields: object, message: string) => probotApp?.log.info(fields, message),
    };
    queue = new RedisScanQueue({ url: settings.redisUrl, concurrency: settings.concurrency, attempts: settings.attempts, deadlineMs: settings.deadlineMs, lockMs: settings.lockMs, log: log as any });
    guard = redisDeliveryGuard(redis);
  } else {
    queue = new MemoryScanQueue({
      concurrency: settings.concurrency,
      attempts: settings.attempts,
      deadlineMs: settings.deadlineMs,
      onFailed: (job, error) => probotApp?.log.error({ err: error instanceof Error ? error.message : String(error), deliveryId: job.deliveryId, repository: `${job.owner}/${job.repo}`, pullNumber: job.pullNumber }, "scan job failed its last attempt"),
    });
    guard = memoryDeliveryGuard();
  }

  const handlers = createContainerReviewApp({ queue, deliveryGuard: guard, writePacer: new WritePacer(settings.writeIntervalMs), isDraining, onLoad: (app) => (probotApp = app) });
  const appFunction: ApplicationFunction = async (app, appOptions) => {
    mountOperationsRoutes(appOptions, { privateKey: readPrivateKeyFromEnvironment(env), isDraining });
    await handlers(app, appOptions);
  };

  const sigintBefore = new Set(process.listeners("SIGINT"));
  // Probot's run() reads PORT, HOST (default localhost), GHE_HOST/GHE_PROTOCOL, REDIS_URL (throttling) and the rest from env.
  const server = await run(appFunction, { env, Octokit: octokitWithTimeouts(settings.requestTimeoutMs) });
  // run() installs a SIGINT handler that exits at once; this server drains instead.
  for (const listener of process.listeners("SIGINT")) if (!sigintBefore.has(listener)) process.removeListener("SIGINT", listener);

  const sweeper =
    settings.redeliveryIntervalMs > 0 && probotApp
      ? startRedeliverySweeper(async () => (await probotApp!.auth()) as GitHubClient, probotApp.log, {
          intervalMs: settings.redeliveryIntervalMs,
          lookbackMs: settings.redeliveryLookbackMs,
          ...(redis ? { tryLock: async (ttlMs: number) => (await redis!.set("container-review:redelivery-lock", String(process.pid), "PX", ttlMs, "NX")) === "OK" } : {}),
        })
      : undefined;

  let shuttingDown: Promise<void> | undefined;
  const shutdown = () =>
    (shuttingDown ??= (async () => {
      draining = true;
      probotApp?.log.info({ graceSeconds: settings.graceMs / 1000 }, "shutting down: no new webhooks; running scans get the grace period");
      sweeper?.stop();
      await queue.close(settings.graceMs);
      await server.stop().catch(() => undefined);
      redis?.disconnect();
      probotApp?.log.info("stopped");
    })());

  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      // A second Ctrl-C exits at once; a repeated SIGTERM (a process-group kill, npm forwarding it) changes nothing.
      if (signal === "SIGINT") process.exit(1);
      return;
    }
    // A drain that overruns the grace period by far exits anyway.
    const hardStop = setTimeout(() => process.exit(1), settings.graceMs + 4000);
    hardStop.unref();
    void shutdown().then(
      () => {
        if (options.exitOnShutdown !== false) process.exit(0);
      },
      (error: unknown) => {
        console.error(`shutdown after ${signal} failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  return {
    settings,
    stop: async () => {
      process.removeListener("SIGTERM", onSignal);
      process.removeListener("SIGINT", onSignal);
      await shutdown();
    },
  };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  startServer().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
