/**
 * The Redis queue (REDIS_URL set): BullMQ, so every replica takes jobs from one queue.
 *
 * - The job id is the job key (repository, PR, head SHA): BullMQ ignores an add whose id exists, so
 *   duplicate deliveries collapse while the job is waiting, delayed or running. Finished jobs are
 *   removed, so a later Re-run of the same head is a new job.
 * - Retries: `attempts` with exponential backoff.
 * - A worker that dies (crash, SIGKILL, lost node) stops renewing its job's lock; after
 *   `lockMs` another replica's stalled-job check moves the job back to the queue and runs it again
 *   (`attemptsStarted` > 1: the scan completes the check run the dead worker left in progress).
 * - Shutdown: the worker stops taking jobs; running ones get the grace period; a job still running
 *   then is interrupted and moved back to the queue without spending an attempt.
 */
import { DelayedError, Queue, Worker, type Job } from "bullmq";
import { Redis } from "ioredis";
import type { Logger } from "probot";
import { jobRetries } from "../ops/metrics.js";
import { JobInterrupted, scanJobKey, type JobProcessor, type ScanJob, type ScanQueue } from "./job.js";
import { armDeadline } from "./memory-queue.js";

export interface RedisQueueOptions {
  url: string;
  /** The BullMQ queue name (default "container-review-scans"). */
  name?: string;
  concurrency?: number;
  attempts?: number;
  backoffMs?: number;
  deadlineMs?: number;
  /** How long a job's lock lasts without renewal before another replica takes the job (default 30 s). */
  lockMs?: number;
  log?: Pick<Logger, "warn" | "error" | "info">;
}

export class RedisScanQueue implements ScanQueue {
  readonly mode = "redis" as const;
  private readonly connection: Redis;
  private readonly queue: Queue<ScanJob>;
  private worker: Worker<ScanJob> | undefined;
  private workerConnection: Redis | undefined;
  private readonly running = new Map<string, AbortController>();
  private closed = false;

  constructor(private readonly options: RedisQueueOptions) {
    this.connection = new Redis(options.url, { maxRetriesPerRequest: null });
    this.connection.on("error", (error) => options.log?.warn({ err: error.message }, "Redis connection error (queue)"));
    this.queue = new Queue<ScanJob>(options.name ?? "container-review-scans", {
      connection: this.connection,
      defaultJobOptions: {
        attempts: Math.max(1, options.attempts ?? 3),
        backoff: { type: "exponential", delay: options.backoffMs ?? 1000 },
        removeOnComplete: true,
        removeOnFail: true,
      },
    });
  }

  async enqueue(job: ScanJob): Promise<{ added: boolean }> {
    if (this.closed) throw new Error("the scan queue is shutting down");
    const key = scanJobKey(job);
    const existing = await this.queue.getJob(key);
    if (existing) return { added: false };
    await this.queue.add("scan", job, { jobId: key });
    return { added: true };
  }

  start(processor: JobProcessor): void {
    const lockMs = this.options.lockMs ?? 30_000;
    const deadlineMs = this.options.deadlineMs ?? 120_000;
    this.workerConnection = this.connection.duplicate({ maxRetriesPerRequest: null });
    this.worker = new Worker<ScanJob>(
      this.queue.name,
      async (job: Job<ScanJob>, token?: string) => {
        const controller = new AbortController();
        const disarm = armDeadline(controller, deadlineMs);
        this.running.set(job.id ?? "", controller);
        const attempt = Math.max(1, job.attemptsStarted, job.attemptsMade + 1);
        try {
          await processor(job.data, { signal: controller.signal, attempt, onInterrupt: "hand-back" });
        } catch (error) {
          const reason: unknown = controller.signal.reason;
          if (reason instanceof JobInterrupted && reason.reason === "shutdown") {
            // Back to the queue for another replica (or this one after its restart), no attempt spent.
            await job.moveToDelayed(Date.now() + 500, token);
            throw new DelayedError();
          }
          if (job.attemptsMade + 1 < (job.opts.attempts ?? 1)) jobRetries.inc();
          throw error;
        } finally {
          disarm();
          this.running.delete(job.id ?? "");
        }
      },
      {
        connection: this.workerConnection,
        concurrency: Math.max(1, this.options.concurrency ?? 4),
        lockDuration: lockMs,
        stalledInterval: Math.max(1000, Math.floor(lockMs / 2)),
        maxStalledCount: 2,
      },
    );
    this.worker.on("failed", (job, error) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) this.options.log?.error({ err: error.message, jobId: job.id }, "scan job failed its last attempt");
    });
    this.worker.on("error", (error) => this.options.log?.warn({ err: error.message }, "scan worker error"));
  }

  async depth(): Promise<number> {
    const counts = await this.queue.getJobCounts("waiting", "delayed", "prioritized");
    return Object.values(counts).reduce((a, b) => a + b, 0);
  }

  async close(graceMs: number): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.worker) {
      const closing = this.worker.close();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([closing, new Promise((r) => (timer = setTimeout(r, graceMs)))]);
      clearTimeout(timer);
      for (const controller of this.running.values()) {
        controller.abort(new JobInterrupted("shutdown", "the app was shutting down (a deployment or a restart)"));
      }
      await closing;
    }
    await this.queue.close();
    this.workerConnection?.disconnect();
    this.connection.disconnect();
  }
}
