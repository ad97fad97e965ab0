/**
 * The Redis mode against a real Redis (redis-server on a free loopback port, see
 * test/helpers/redis-server.ts): the BullMQ queue and the delivery guard.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { Redis } from "ioredis";
import { redisDeliveryGuard } from "../../src/github/delivery-guard.js";
import { JobInterrupted, type JobRun, type ScanJob } from "../../src/queue/job.js";
import { RedisScanQueue } from "../../src/queue/redis-queue.js";
import { redisAvailable, startRedis, type TestRedis } from "../helpers/redis-server.js";

const suite = redisAvailable("test/queue/redis.test.ts") ? describe : describe.skip;

function job(pullNumber: number, headSha = `sha${pullNumber}`): ScanJob {
  return { installationId: 1, owner: "o", repo: "r", pullNumber, headSha, baseSha: "base", baseRef: "main", deliveryId: `d${pullNumber}`, enqueuedAt: Date.now() };
}

async function until(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

suite("Redis mode", () => {
  let redis: TestRedis;
  let client: Redis;
  let queueNumber = 0;
  const queueName = () => `test-scans-${process.pid}-${++queueNumber}`;

  beforeAll(async () => {
    redis = await startRedis();
    client = new Redis(redis.url);
  }, 30_000);

  afterAll(async () => {
    client?.disconnect();
    await redis?.stop();
  });

  it("the delivery guard: a delivery is handled once across processes; a failed one can be handled again", async () => {
    const guardA = redisDeliveryGuard(client);
    const second = new Redis(redis.url);
    const guardB = redisDeliveryGuard(second);
    expect(await guardA.begin("guid-1")).toBe(true);
    expect(await guardB.begin("guid-1")).toBe(false);
    await guardA.succeeded("guid-1");
    expect(await guardB.begin("guid-1")).toBe(false);
    expect(await guardA.begin("guid-2")).toBe(true);
    await guardA.failed("guid-2");
    expect(await guardB.begin("guid-2")).toBe(true);
    expect(await client.pttl("container-review:delivery:guid-1")).toBeGreaterThan(2 * 24 * 3600_000);
    second.disconnect();
  });

  it("collapses duplicate jobs (repository, PR, head SHA) while one is waiting or running; two workers share the jobs", async () => {
    const name = queueName();
    const a = new RedisScanQueue({ url: redis.url, name, concurrency: 2 });
    const b = new RedisScanQueue({ url: redis.url, name, concurrency: 2 });
    const seen: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const processor = (who: string) => async (j: ScanJob) => {
      seen.push(`${who}:${j.pullNumber}`);
      await gate;
    };
    expect(await a.enqueue(job(1))).toStrictEqual({ added: true });
    expect(await b.enqueue({ ...job(1), deliveryId: "dup" })).toStrictEqual({ added: false });
    expect(await a.enqueue(job(1, "other-sha"))).toStrictEqual({ added: true });
    for (let i = 2; i <= 4; i++) await b.enqueue(job(i));
    expect(await a.depth()).toBe(5);
    a.start(processor("a"));
    b.start(processor("b"));
    await until(() => seen.length === 4);
    expect(await a.depth()).toBe(1);
    expect(new Set(seen.map((s) => s.split(":")[0]))).toStrictEqual(new Set(["a", "b"]));
    release();
    await until(() => seen.length === 5);
    await Promise.all([a.close(1000), b.close(1000)]);
    // Finished jobs are removed: the same head can be scanned again later (a Re-run).
    const c = new RedisScanQueue({ url: redis.url, name });
    expect(await c.enqueue(job(1))).toStrictEqual({ added: true });
    await c.close(0);
  }, 30_000);

  it("retries a failed job with backoff; the next attempt knows it is a retry", async () => {
    const name = queueName();
    const q = new RedisScanQueue({ url: redis.url, name, attempts: 3, backoffMs: 50 });
    const attempts: number[] = [];
    q.start(async (_j, run) => {
      attempts.push(run.attempt);
      if (run.attempt < 3) throw new Error("transient");
    });
    await q.enqueue(job(1));
    await until(() => attempts.length === 3);
    expect(attempts).toStrictEqual([1, 2, 3]);
    await q.close(1000);
  }, 30_000);

  it("shutdown: a job still running after the grace period is interrupted and handed back; another worker takes it as a retry", async () => {
    const name = queueName();
    const first = new RedisScanQueue({ url: redis.url, name, attempts: 1 });
    const runs: { who: string; run: JobRun }[] = [];
    first.start(async (_j, run) => {
      runs.push({ who: "first", run });
      await new Promise((_, reject) => run.signal.addEventListener("abort", () => reject(run.signal.reason)));
    });
    await first.enqueue(job(9));
    await until(() => runs.length === 1);
    expect(runs[0]!.run.onInterrupt).toBe("hand-back");
    await first.close(100);
    expect(runs[0]!.run.signal.reason).toBeInstanceOf(JobInterrupted);
    const second = new RedisScanQueue({ url: redis.url, name, attempts: 1 });
    second.start(async (j, run) => {
      runs.push({ who: `second:${j.pullNumber}`, run });
    });
    await until(() => runs.length === 2);
    expect(runs[1]!.who).toBe("second:9");
    expect(runs[1]!.run.attempt).toBe(2);
    await second.close(1000);
  }, 30_000);
});
