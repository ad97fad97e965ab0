/**
 * Missed deliveries. GitHub does not retry a webhook delivery that failed (the app was down, a
 * rolling update refused it, a 5xx); it keeps the deliveries of the app's webhook for a few days and
 * lets the app ask for a redelivery. At start and then every few minutes the app lists its recent
 * deliveries (`GET /app/hook/deliveries`, newest first, paginated with a cursor, bounded look-back)
 * and redelivers (`POST /app/hook/deliveries/{delivery_id}/attempts`) each event (GUID) that has no
 * successful attempt (status code 200-399) and fewer than `maxAttempts` attempts in all. The
 * redelivery goes through the normal webhook path: the delivery guard and the job key make it
 * idempotent. With Redis, a lock lets one replica sweep per interval.
 *
 * This follows GitHub's documented procedure "Automatically redelivering failed deliveries for a
 * GitHub App webhook".
 */
import type { Logger } from "probot";
import { redeliveries } from "../ops/metrics.js";
import { describeError, type GitHubClient } from "../github/github-client.js";

export interface RedeliveryOptions {
  /** Deliveries older than this are not looked at (default 6 h; GitHub keeps them 3 days). */
  lookbackMs?: number;
  /** Pages of 100 deliveries read at most per sweep (default 10). */
  maxPages?: number;
  /** Attempts (the first delivery included) after which an event is given up (default 3). */
  maxAttempts?: number;
  /** Redeliveries requested per sweep at most (default 100). */
  maxRedeliveries?: number;
}

export interface DeliverySummary {
  id: number;
  guid: string;
  delivered_at: string;
  redelivery: boolean;
  status_code: number;
  event: string;
  action?: string | null;
}

export interface SweepResult {
  /** Deliveries read. */
  read: number;
  /** Delivery ids whose redelivery was requested. */
  redelivered: number[];
  /** Events given up (too many failed attempts). */
  givenUp: number;
}

const ok = (d: DeliverySummary) => d.status_code >= 200 && d.status_code < 400;

/** The failed events to redeliver: per GUID the newest failed attempt, unless one attempt succeeded. */
export function deliveriesToRedeliver(deliveries: readonly DeliverySummary[], maxAttempts: number): { redeliver: DeliverySummary[]; givenUp: number } {
  const byGuid = new Map<string, DeliverySummary[]>();
  for (const d of deliveries) byGuid.set(d.guid, [...(byGuid.get(d.guid) ?? []), d]);
  const redeliver: DeliverySummary[] = [];
  let givenUp = 0;
  for (const attempts of byGuid.values()) {
    if (attempts.some(ok)) continue;
    if (attempts.length >= maxAttempts) {
      givenUp += 1;
      continue;
    }
    const newest = attempts.reduce((a, b) => (Date.parse(b.delivered_at) > Date.parse(a.delivered_at) || (b.delivered_at === a.delivered_at && b.id > a.id) ? b : a));
    redeliver.push(newest);
  }
  return { redeliver: redeliver.sort((a, b) => a.id - b.id), givenUp };
}

/** One sweep with the app's (JWT) client. */
export async function redeliverFailedDeliveries(appOctokit: GitHubClient, log: Pick<Logger, "info" | "warn">, options: RedeliveryOptions = {}, now = Date.now()): Promise<SweepResult> {
  const since = now - (options.lookbackMs ?? 6 * 3600_000);
  const maxPages = options.maxPages ?? 10;
  const deliveries: DeliverySummary[] = [];
  let pages = 0;
  for await (const page of appOctokit.paginate.iterator(appOctokit.rest.apps.listWebhookDeliveries, { per_page: 100 })) {
    pages += 1;
    const items = page.data as DeliverySummary[];
    deliveries.push(...items.filter((d) => Date.parse(d.delivered_at) >= since));
    // Newest first: a page that reaches past the look-back is the last one needed.
    if (items.length === 0 || items.some((d) => Date.parse(d.delivered_at) < since) || pages >= maxPages) break;
  }
  const { redeliver, givenUp } = deliveriesToRedeliver(deliveries, options.maxAttempts ?? 3);
  const redelivered: number[] = [];
  for (const delivery of redeliver.slice(0, options.maxRedeliveries ?? 100)) {
    try {
      await appOctokit.rest.apps.redeliverWebhookDelivery({ delivery_id: delivery.id });
      redelivered.push(delivery.id);
      redeliveries.inc({ outcome: "requested" });
      log.info({ deliveryId: delivery.guid, event: delivery.event, action: delivery.action, statusCode: delivery.status_code }, "failed webhook delivery redelivered");
    } catch (error) {
      redeliveries.inc({ outcome: "error" });
      log.warn({ deliveryId: delivery.guid, err: describeError(error) }, "could not redeliver a failed webhook delivery");
    }
  }
  if (givenUp > 0) log.warn({ events: givenUp }, "failed webhook deliveries given up after repeated failures");
  return { read: deliveries.length, redelivered, givenUp };
}

export interface SweeperOptions extends RedeliveryOptions {
  /** Between sweeps (default 5 min). */
  intervalMs?: number;
  /** Takes the sweep lock for `ttlMs`; false when another replica holds it. Default: always true (one process). */
  tryLock?: (ttlMs: number) => Promise<boolean>;
}

/** Sweeps at start, then every interval; stop() ends it. */
export function startRedeliverySweeper(getAppOctokit: () => Promise<GitHubClient>, log: Pick<Logger, "info" | "warn">, options: SweeperOptions = {}): { stop(): void; sweepNow(): Promise<SweepResult | undefined> } {
  const intervalMs = options.intervalMs ?? 5 * 60_000;
  let stopped = false;
  let running: Promise<SweepResult | undefined> | undefined;
  const sweep = async (): Promise<SweepResult | undefined> => {
    if (stopped) return undefined;
    try {
      if (options.tryLock && !(await options.tryLock(Math.max(1000, intervalMs - 1000)))) return undefined;
      return await redeliverFailedDeliveries(await getAppOctokit(), log, options);
    } catch (error) {
      log.warn({ err: describeError(error) }, "the sweep for failed webhook deliveries failed");
      return undefined;
    }
  };
  const sweepNow = () => (running ??= sweep().finally(() => (running = undefined)));
  void sweepNow();
  const timer = setInterval(() => void sweepNow(), intervalMs);
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
    sweepNow,
  };
}
