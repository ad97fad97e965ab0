/**
 * Webhook redeliveries carry the same `X-GitHub-Delivery` id. A small in-memory LRU remembers the
 * ids being handled or handled successfully, so a redelivery does not scan and post twice. A
 * delivery whose handling failed is forgotten, so redelivering it retries. The markers in review
 * comments cover the same ground across restarts.
 */
export class RecentDeliveries {
  private readonly seen = new Map<string, "running" | "done">();

  constructor(private readonly capacity = 1000) {}

  /** True when this delivery is new and should be handled; false for a redelivery. */
  begin(deliveryId: string): boolean {
    if (this.seen.has(deliveryId)) return false;
    this.seen.set(deliveryId, "running");
    while (this.seen.size > this.capacity) {
      const oldest = this.seen.keys().next().value;
      if (oldest === undefined) break;
      this.seen.delete(oldest);
    }
    return true;
  }

  succeeded(deliveryId: string): void {
    if (this.seen.has(deliveryId)) this.seen.set(deliveryId, "done");
  }

  failed(deliveryId: string): void {
    this.seen.delete(deliveryId);
  }

  get size(): number {
    return this.seen.size;
  }
}

/**
 * Runs tasks with the same key one after another (two events for one pull request never scan it
 * concurrently, so they cannot both post the same comment).
 */
export class KeyedSerialQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

/**
 * The redelivery guard as the app uses it: in memory (one process) or in Redis (every replica).
 * `begin` is true when the delivery is new; `failed` forgets it, so a redelivery is handled again.
 */
export interface DeliveryGuard {
  begin(deliveryId: string): Promise<boolean>;
  succeeded(deliveryId: string): Promise<void>;
  failed(deliveryId: string): Promise<void>;
}

export function memoryDeliveryGuard(capacity = 1000): DeliveryGuard {
  const recent = new RecentDeliveries(capacity);
  return {
    begin: async (id) => recent.begin(id),
    succeeded: async (id) => recent.succeeded(id),
    failed: async (id) => recent.failed(id),
  };
}

/** The subset of an ioredis client the Redis guard uses. */
export interface RedisLike {
  set(key: string, value: string, px: "PX", ms: number, nx: "NX"): Promise<"OK" | null>;
  set(key: string, value: string, px: "PX", ms: number): Promise<"OK" | null>;
  del(key: string): Promise<number>;
}

/**
 * Delivery ids in Redis (`SET NX` with an expiry), shared by every replica: a delivery being handled
 * expires after `runningMs` (its handler died), a handled one after `doneMs` (GitHub keeps
 * deliveries for 3 days; a redelivery after that is treated as new).
 */
export function redisDeliveryGuard(redis: RedisLike, options: { prefix?: string; runningMs?: number; doneMs?: number } = {}): DeliveryGuard {
  const prefix = options.prefix ?? "container-review:delivery:";
  const runningMs = options.runningMs ?? 10 * 60_000;
  const doneMs = options.doneMs ?? 3 * 24 * 3600_000;
  return {
    begin: async (id) => (await redis.set(prefix + id, "running", "PX", runningMs, "NX")) === "OK",
    succeeded: async (id) => {
      await redis.set(prefix + id, "done", "PX", doneMs);
    },
    failed: async (id) => {
      await redis.del(prefix + id);
    },
  };
}
