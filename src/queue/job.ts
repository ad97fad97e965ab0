/**
 * A scan job: which pull request to scan, for which installation, at which head. Webhook handlers
 * build one and enqueue it; workers (src/queue/scan-worker.ts) run it. Jobs are plain JSON so that
 * BullMQ can keep them in Redis.
 */
export interface ScanJob {
  installationId: number;
  owner: string;
  repo: string;
  /** 0 when only `checkSuiteId` is known (a Re-run of a fork PR's check suite). */
  pullNumber: number;
  /** The head the event saw; absent for `/container-review rescan` (the PR's current head). */
  headSha?: string;
  baseSha?: string;
  baseRef?: string;
  /** A check suite whose PR is found from our earlier run's external_id. */
  checkSuiteId?: number;
  /** The login of a `/container-review rescan` commenter, told when the PR turns out to be closed. */
  replyTo?: string;
  /** The `X-GitHub-Delivery` GUID of the webhook that asked for the scan (for the logs). */
  deliveryId: string;
  /** Epoch milliseconds when the webhook was received (job latency is measured from here). */
  enqueuedAt: number;
}

/**
 * The deduplication key: (repository, PR, head SHA). Two deliveries asking for the same scan while
 * the first is still queued or running collapse into one job. BullMQ refuses ":" in custom job ids,
 * so the key uses none.
 */
export function scanJobKey(job: Pick<ScanJob, "owner" | "repo" | "pullNumber" | "headSha" | "checkSuiteId">): string {
  const pr = job.pullNumber > 0 ? String(job.pullNumber) : `suite-${job.checkSuiteId ?? 0}`;
  return `${job.owner}/${job.repo}#${pr}@${job.headSha ?? "head"}`.replace(/:/g, "_");
}

/** What a processor receives besides the job. */
export interface JobRun {
  /** Aborted when the job must stop: its deadline passed, or the process is shutting down. */
  signal: AbortSignal;
  /** 1 for the first attempt; more for a retry or a job taken over from a dead worker. */
  attempt: number;
  /**
   * What an interrupted job does: "hand-back" leaves it for the queue to run again (Redis mode:
   * another replica takes it); "cancel" completes its check run as cancelled (in-process mode).
   */
  onInterrupt: "hand-back" | "cancel";
}

export type JobProcessor = (job: ScanJob, run: JobRun) => Promise<void>;

/** Why a job's signal was aborted. */
export class JobInterrupted extends Error {
  constructor(
    readonly reason: "shutdown" | "deadline",
    message: string,
  ) {
    super(message);
    this.name = "JobInterrupted";
  }
}

export interface ScanQueue {
  readonly mode: "inline" | "memory" | "redis";
  /** Adds a job unless one with the same key is queued or running. Resolves once stored. */
  enqueue(job: ScanJob): Promise<{ added: boolean }>;
  /** Starts taking jobs. */
  start(processor: JobProcessor): void;
  /** Jobs waiting (not running). */
  depth(): Promise<number>;
  /**
   * Stops taking jobs, lets running ones finish for up to `graceMs`, then aborts them (their
   * signal's reason is a JobInterrupted "shutdown") and waits for them to wind up.
   */
  close(graceMs: number): Promise<void>;
}
