import { describe, expect, it } from "@jest/globals";
import { describeError, httpStatus, mapWithConcurrency } from "../../src/github/github-client.js";

describe("mapWithConcurrency", () => {
  it("never has more than the limit in flight and keeps the input order", async () => {
    let inFlight = 0;
    let peak = 0;
    const items = Array.from({ length: 30 }, (_, i) => i);
    const results = await mapWithConcurrency(items, 8, async (item) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, (item * 7) % 5));
      inFlight -= 1;
      return item * 2;
    });
    expect(peak).toBe(8);
    expect(results).toStrictEqual(items.map((i) => i * 2));
  });

  it("handles an empty list and rejects when a worker fails", async () => {
    expect(await mapWithConcurrency([], 8, async () => 1)).toStrictEqual([]);
    await expect(mapWithConcurrency([1, 2, 3], 2, async (i) => {
      if (i === 2) throw new Error("no");
      return i;
    })).rejects.toThrow("no");
  });
});

describe("error descriptions", () => {
  it("gives the status once and only the first line of the message", () => {
    const error = Object.assign(new Error("Server Error\nstack-ish detail"), { status: 500 });
    expect(httpStatus(error)).toBe(500);
    expect(describeError(error)).toBe("HTTP 500: Server Error");
    expect(describeError(Object.assign(new Error("HTTP 404 page"), { status: 404 }))).toBe("HTTP 404 page");
    expect(describeError("plain")).toBe("plain");
    expect(httpStatus(null)).toBeUndefined();
  });
});
