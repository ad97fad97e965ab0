import { describe, expect, it } from "@jest/globals";
import { JobInterrupted, scanJobKey, type JobRun, type ScanJob } from "../../src/queue/job.js";
import { InlineScanQueue, MemoryScanQueue } from "../../src/queue/memory-queue.js";

function job(pullNumber: number, headSha = `sha${pullNumber}`): ScanJob {
  return { installationId: 1, owner: "o", repo: "r", pullNumber, headSha, baseSha: "base", baseRef: "main", deliveryId: `d${pullNumber}`, enqueuedAt: Date.now() };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("scanJobKey", () => {
  it("is (repository, PR, head SHA), without colons", () => {
    expect(scanJobKey(job(7, "abc"))).toBe("o/r#7@abc");
    expect(scanJobKey({ owner: "o", repo: "r", pullNumber: 7 })).toBe("o/r#7@head");
    expect(scanJobKey({ owner: "o", repo: "r", pullNumber: 0, checkSuiteId: 55 })).toBe("o/r#suite-55@head");
    expect(scanJobKey({ owner: "o:x", repo: "r", pullNumber: 1, headSha: "a" })).toBe("o_x/r#1@a");
  });
});

describe("MemoryScanQueue", () => {
  it("collapses a job with the same key while it is queued or running, and runs it again once finished", async () => {
    const queue = new MemoryScanQueue({ concurrency: 1 });
    const seen: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    queue.start(async (j) => {
      seen.push(j.deliveryId);
      await gate;
    });
    expect(await queue.enqueue(job(1))).toStrictEqual({ added: true });
    expect(await queue.enqueue({ ...job(1), deliveryId: "again" })).toStrictEqual({ added: false });
    expect(await queue.enqueue(job(2))).toStrictEqual({ added: true });
    expect(await queue.depth()).toBe(1);
    release();
    await sleep(20);
    expect(seen).toStrictEqual(["d1", "d2"]);
    expect(await queue.enqueue({ ...job(1), deliveryId: "later" })).toStrictEqual({ added: true });
    await sleep(20);
    expect(seen).toStrictEqual(["d1", "d2", "later"]);
  });

  it("runs at most `concurrency` jobs at once", async () => {
    const queue = new MemoryScanQueue({ concurrency: 3 });
    let running = 0;
    let peak = 0;
    queue.start(async () => {
      running += 1;
      peak = Math.max(peak, running);
      await sleep(30);
      running -= 1;
    });
    await Promise.all(Array.from({ length: 10 }, (_, i) => queue.enqueue(job(i + 1))));
    await sleep(200);
    expect(peak).toBe(3);
    expect(running).toBe(0);
  });

  it("retries a failing job with exponential backoff, then gives up after `attempts`", async () => {
    const failed: unknown[] = [];
    const queue = new MemoryScanQueue({ attempts: 3, backoffMs: 20, onFailed: (_j, e) => failed.push(e) });
    const attempts: [number, number][] = [];
    const t0 = Date.now();
    queue.start(async (_j, run) => {
      attempts.push([run.attempt, Date.now() - t0]);
      throw new Error(`boom ${run.attempt}`);
    });
    await queue.enqueue(job(1));
    await sleep(200);
    expect(attempts.map(([a]) => a)).toStrictEqual([1, 2, 3]);
    expect(attempts[1]![1] - attempts[0]![1]).toBeGreaterThanOrEqual(18);
    expect(attempts[2]![1] - attempts[1]![1]).toBeGreaterThanOrEqual(38);
    expect(failed.map((e) => (e as Error).message)).toStrictEqual(["boom 3"]);
  });

  it("aborts a job at its deadline with a JobInterrupted 'deadline', and does not retry it", async () => {
    const runs: JobRun[] = [];
    const failed: unknown[] = [];
    const q2 = new MemoryScanQueue({ deadlineMs: 30, attempts: 3, onFailed: (_j, e) => failed.push(e) });
    q2.start(async (_j, run) => {
      runs.push(run);
      await new Promise((_, reject) => run.signal.addEventListener("abort", () => reject(run.signal.reason)));
    });
    await q2.enqueue(job(1));
    await sleep(120);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.onInterrupt).toBe("cancel");
    expect(failed).toHaveLength(1);
    expect(failed[0]).toBeInstanceOf(JobInterrupted);
    expect((failed[0] as JobInterrupted).reason).toBe("deadline");
  });

  it("close(): running jobs get the grace period; then they are interrupted and queued ones start already interrupted", async () => {
    const queue = new MemoryScanQueue({ concurrency: 1 });
    const events: string[] = [];
    queue.start(async (j, run) => {
      if (run.signal.aborted) {
        events.push(`${j.deliveryId} never started: ${(run.signal.reason as JobInterrupted).reason}`);
        return;
      }
      events.push(`${j.deliveryId} started`);
      await new Promise<void>((resolve) => run.signal.addEventListener("abort", () => resolve()));
      events.push(`${j.deliveryId} interrupted: ${(run.signal.reason as JobInterrupted).message}`);
    });
    await queue.enqueue(job(1));
    await queue.enqueue(job(2));
    await sleep(10);
    const t0 = Date.now();
    await queue.close(100);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(95);
    expect(events.sort()).toStrictEqual(["d1 interrupted: the app was shutting down (a deployment or a restart)", "d1 started", "d2 never started: shutdown"]);
    await expect(queue.enqueue(job(3))).rejects.toThrow("the scan queue is shutting down");
  });

  it("close(): jobs that finish within the grace period are not interrupted", async () => {
    const queue = new MemoryScanQueue({ concurrency: 2 });
    const done: string[] = [];
    queue.start(async (j, run) => {
      await sleep(30);
      done.push(`${j.deliveryId} ${run.signal.aborted ? "aborted" : "ok"}`);
    });
    await queue.enqueue(job(1));
    await queue.enqueue(job(2));
    await queue.enqueue(job(3));
    await queue.close(5000);
    expect(done.sort()).toStrictEqual(["d1 ok", "d2 ok", "d3 ok"]);
  });
});

describe("InlineScanQueue", () => {
  it("runs the job inside enqueue and rethrows its error", async () => {
    const queue = new InlineScanQueue();
    const seen: number[] = [];
    queue.start(async (j) => {
      seen.push(j.pullNumber);
      if (j.pullNumber === 2) throw new Error("fails");
    });
    await queue.enqueue(job(1));
    expect(seen).toStrictEqual([1]);
    await expect(queue.enqueue(job(2))).rejects.toThrow("fails");
  });
});
