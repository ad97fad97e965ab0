/**
 * The embedded queues (no setup):
 *
 * - `MemoryScanQueue`: jobs in this process's memory, `concurrency` at a time, retried with
 *   exponential backoff, each with a deadline. Jobs with the same key collapse while queued or
 *   running. What is queued is lost if the process dies: on a graceful shutdown, jobs that cannot
 *   finish within the grace period complete their check run as cancelled (see scan-worker.ts).
 * - `InlineScanQueue`: runs the job inside `enqueue` and rethrows its error (tests and
 *   `probot receive`: the webhook's handler resolves once the scan is done).
 */
import { JobInterrupted, scanJobKey, type JobProcessor, type ScanJob, type ScanQueue } from "./job.js";
import { jobDeadlineExceeded, jobRetries } from "../ops/metrics.js";

export interface MemoryQueueOptions {
  /** Jobs running at once (default 4). */
  concurrency?: number;
  /** Attempts per job, the first included (default 3). */
  attempts?: number;
  /** First retry delay; doubles per attempt (default 1000 ms). */
  backoffMs?: number;
  /** A job's deadline (default 120 s): its signal aborts with a JobInterrupted "deadline". */
  deadlineMs?: number;
  /** Called with errors of jobs that failed their last attempt. */
  onFailed?: (job: ScanJob, error: unknown) => void;
}

interface Entry {
  key: string;
  job: ScanJob;
  attempt: number;
  notBefore: number;
}

/** Aborts `controller` with a "deadline" JobInterrupted after `deadlineMs`; returns the canceller. */
export function armDeadline(controller: AbortController, deadlineMs: number): () => void {
  const timer = setTimeout(() => {
    jobDeadlineExceeded.inc();
    controller.abort(new JobInterrupted("deadline", `the scan passed its ${Math.round(deadlineMs / 1000)} s deadline`));
  }, deadlineMs);
  timer.unref();
  return () => clearTimeout(timer);
}

export function isInterruption(error: unknown, signal: AbortSignal): boolean {
  return error instanceof JobInterrupted || signal.aborted;
}

export class MemoryScanQueue implements ScanQueue {
  readonly mode = "memory" as const;
  private readonly waiting: Entry[] = [];
  private readonly keys = new Set<string>();
  private readonly running = new Map<Entry, { controller: AbortController; done: Promise<void> }>();
  private processor: JobProcessor | undefined;
  private closing = false;
  private wakeTimer: NodeJS.Timeout | undefined;
  private readonly concurrency: number;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly deadlineMs: number;

  constructor(private readonly options: MemoryQueueOptions = {}) {
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.attempts = Math.max(1, options.attempts ?? 3);
    this.backoffMs = options.backoffMs ?? 1000;
    this.deadlineMs = options.deadlineMs ?? 120_000;
  }

  async enqueue(job: ScanJob): Promise<{ added: boolean }> {
    if (this.closing) throw new Error("the scan queue is shutting down");
    const key = scanJobKey(job);
    if (this.keys.has(key)) return { added: false };
    this.keys.add(key);
    this.waiting.push({ key, job, attempt: 1, notBefore: 0 });
    this.pump();
    return { added: true };
  }

  start(processor: JobProcessor): void {
    this.processor = processor;
    this.pump();
  }

  async depth(): Promise<number> {
    return this.waiting.length;
  }

  /** Jobs running now (for tests and metrics). */
  get active(): number {
    return this.running.size;
  }

  private pump(): void {
    if (!this.processor || this.closing) return;
    const now = Date.now();
    while (this.running.size < this.concurrency) {
      const index = this.waiting.findIndex((e) => e.notBefore <= now);
      if (index < 0) break;
      const [entry] = this.waiting.splice(index, 1);
      this.run(entry!, false);
    }
    // Wake up for the earliest delayed retry.
    const next = Math.min(...this.waiting.map((e) => e.notBefore));
    if (Number.isFinite(next) && next > now && this.running.size < this.concurrency) {
      clearTimeout(this.wakeTimer);
      this.wakeTimer = setTimeout(() => this.pump(), next - now);
      this.wakeTimer.unref();
    }
  }

  private run(entry: Entry, alreadyInterrupted: boolean): void {
    const controller = new AbortController();
    if (alreadyInterrupted) controller.abort(new JobInterrupted("shutdown", "the app shut down before the scan could start"));
    const disarm = armDeadline(controller, this.deadlineMs);
    const processor = this.processor!;
    const done = (async () => {
      try {
        await processor(entry.job, { signal: controller.signal, attempt: entry.attempt, onInterrupt: "cancel" });
        this.keys.delete(entry.key);
      } catch (error) {
        if (!isInterruption(error, controller.signal) && entry.attempt < this.attempts && !this.closing) {
          jobRetries.inc();
          entry.notBefore = Date.now() + this.backoffMs * 2 ** (entry.attempt - 1);
          entry.attempt += 1;
          this.waiting.push(entry);
        } else {
          this.keys.delete(entry.key);
          this.options.onFailed?.(entry.job, error);
        }
      } finally {
        disarm();
        this.running.delete(entry);
        this.pump();
      }
    })();
    this.running.set(entry, { controller, done });
  }

  async close(graceMs: number): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    clearTimeout(this.wakeTimer);
    const deadline = Date.now() + graceMs;
    // Within the grace period, queued jobs still run as slots free up.
    while (Date.now() < deadline && (this.running.size > 0 || this.waiting.length > 0) && this.processor) {
      while (this.running.size < this.concurrency && this.waiting.length > 0) {
        const entry = this.waiting.shift()!;
        this.run(entry, false);
      }
      await Promise.race([...[...this.running.values()].map((r) => r.done), new Promise((r) => setTimeout(r, Math.max(0, Math.min(100, deadline - Date.now()))))]);
    }
    // Out of time: interrupt what runs; jobs that never started only get their check run cancelled.
    for (const { controller } of this.running.values()) {
      controller.abort(new JobInterrupted("shutdown", "the app was shutting down (a deployment or a restart)"));
    }
    if (this.processor) for (const entry of this.waiting.splice(0)) this.run(entry, true);
    await Promise.allSettled([...this.running.values()].map((r) => r.done));
  }
}

export class InlineScanQueue implements ScanQueue {
  readonly mode = "inline" as const;
  private processor: JobProcessor | undefined;

  constructor(private readonly deadlineMs = 120_000) {}

  async enqueue(job: ScanJob): Promise<{ added: boolean }> {
    if (!this.processor) throw new Error("the scan queue has no processor");
    const controller = new AbortController();
    const disarm = armDeadline(controller, this.deadlineMs);
    try {
      await this.processor(job, { signal: controller.signal, attempt: 1, onInterrupt: "cancel" });
    } finally {
      disarm();
    }
    return { added: true };
  }

  start(processor: JobProcessor): void {
    this.processor = processor;
  }

  async depth(): Promise<number> {
    return 0;
  }

  async close(): Promise<void> {
    /* nothing runs outside enqueue */
  }
}
