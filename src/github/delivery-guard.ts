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
