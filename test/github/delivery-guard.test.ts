import { describe, expect, it } from "@jest/globals";
import { KeyedSerialQueue, RecentDeliveries } from "../../src/github/delivery-guard.js";

describe("RecentDeliveries", () => {
  it("lets a delivery id through once, forgets failed ones, and evicts the oldest beyond its capacity", () => {
    const deliveries = new RecentDeliveries(2);
    expect(deliveries.begin("a")).toBe(true);
    expect(deliveries.begin("a")).toBe(false);
    deliveries.failed("a");
    expect(deliveries.begin("a")).toBe(true);
    deliveries.succeeded("a");
    expect(deliveries.begin("b")).toBe(true);
    expect(deliveries.begin("c")).toBe(true);
    expect(deliveries.size).toBe(2);
    expect(deliveries.begin("a")).toBe(true); // evicted
    expect(deliveries.begin("c")).toBe(false);
  });
});

describe("KeyedSerialQueue", () => {
  it("runs tasks of one key one after another, other keys in parallel, and survives a failing task", async () => {
    const queue = new KeyedSerialQueue();
    const events: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = queue.run("pr-1", async () => {
      events.push("first:start");
      await gate;
      events.push("first:end");
      throw new Error("first failed");
    });
    const second = queue.run("pr-1", async () => {
      events.push("second");
      return 2;
    });
    const other = queue.run("pr-2", async () => {
      events.push("other");
      return 3;
    });
    expect(await other).toBe(3);
    release();
    await expect(first).rejects.toThrow("first failed");
    expect(await second).toBe(2);
    expect(events).toStrictEqual(["first:start", "other", "first:end", "second"]);
  });
});
