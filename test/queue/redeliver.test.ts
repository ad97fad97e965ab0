import { describe, expect, it } from "@jest/globals";
import { deliveriesToRedeliver, type DeliverySummary } from "../../src/queue/redeliver.js";

let nextId = 1;
function d(guid: string, status: number, at: string, redelivery = false): DeliverySummary {
  return { id: nextId++, guid, delivered_at: at, redelivery, status_code: status, event: "pull_request", action: "opened" };
}

describe("deliveriesToRedeliver", () => {
  it("redelivers the newest failed attempt of each event without a successful one, and gives up after maxAttempts", () => {
    const ok = d("a", 200, "2026-12-03T10:00:00Z");
    const failedOnce = d("b", 502, "2026-12-03T10:01:00Z");
    const failedThenOk = [d("c", 500, "2026-12-03T10:02:00Z"), d("c", 202, "2026-12-03T10:03:00Z", true)];
    const failedTwice = [d("e", 502, "2026-12-03T10:04:00Z"), d("e", 503, "2026-12-03T10:05:00Z", true)];
    const failedThrice = [d("f", 502, "2026-12-03T10:06:00Z"), d("f", 502, "2026-12-03T10:07:00Z", true), d("f", 502, "2026-12-03T10:08:00Z", true)];
    const redirect = d("g", 302, "2026-12-03T10:09:00Z");
    const result = deliveriesToRedeliver([ok, failedOnce, ...failedThenOk, ...failedTwice, ...failedThrice, redirect].reverse(), 3);
    expect(result.redeliver.map((x) => [x.guid, x.id])).toStrictEqual([
      ["b", failedOnce.id],
      ["e", failedTwice[1]!.id],
    ]);
    expect(result.givenUp).toBe(1);
  });
});
