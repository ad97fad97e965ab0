/**
 * Prometheus metrics of the app (prom-client), one registry for the process. The app and the scan
 * pipeline record into these; `/metrics` exposes them.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: "container_review_" });

export const webhooksReceived = new Counter({
  name: "container_review_webhooks_received_total",
  help: "Webhook deliveries received, by event and action",
  labelNames: ["event", "action"] as const,
  registers: [metricsRegistry],
});

export const scansCompleted = new Counter({
  name: "container_review_scans_total",
  help: "Pull request scans completed, by check-run conclusion",
  labelNames: ["conclusion"] as const,
  registers: [metricsRegistry],
});

export const scanDuration = new Histogram({
  name: "container_review_scan_duration_seconds",
  help: "Time from webhook to completed check run",
  buckets: [0.1, 0.25, 0.5, 1, 1.5, 2.5, 5, 10, 30, 60],
  registers: [metricsRegistry],
});

export const githubRequests = new Counter({
  name: "container_review_github_requests_total",
  help: "GitHub API requests made, by HTTP method and outcome (ok or error)",
  labelNames: ["method", "outcome"] as const,
  registers: [metricsRegistry],
});

export const findingsReported = new Counter({
  name: "container_review_findings_total",
  help: "Findings reported on pull requests, by rule",
  labelNames: ["rule"] as const,
  registers: [metricsRegistry],
});

// --- Scan queue (src/queue) ---

let depthSource: (() => Promise<number>) | undefined;

/** The queue whose waiting jobs `container_review_queue_depth` reports (set by the app at start). */
export function setQueueDepthSource(source: (() => Promise<number>) | undefined): void {
  depthSource = source;
}

export const queueDepth = new Gauge({
  name: "container_review_queue_depth",
  help: "Scan jobs waiting in the queue (in Redis mode: the shared queue of every replica)",
  registers: [metricsRegistry],
  async collect() {
    if (!depthSource) return;
    try {
      this.set(await depthSource());
    } catch {
      /* Redis unreachable: keep the last value */
    }
  },
});

export const jobsEnqueued = new Counter({
  name: "container_review_jobs_enqueued_total",
  help: "Scan jobs offered to the queue, by outcome (added, or collapsed into a job with the same repository, PR and head SHA)",
  labelNames: ["outcome"] as const,
  registers: [metricsRegistry],
});

export const jobLatency = new Histogram({
  name: "container_review_job_latency_seconds",
  help: "Time from the webhook's arrival (enqueue) to the completed check run",
  buckets: [0.5, 1, 2, 3, 5, 10, 20, 30, 60, 120, 300],
  registers: [metricsRegistry],
});

export const jobRetries = new Counter({
  name: "container_review_job_retries_total",
  help: "Scan jobs retried after a failed attempt",
  registers: [metricsRegistry],
});

export const jobsInterrupted = new Counter({
  name: "container_review_jobs_interrupted_total",
  help: "Scan jobs interrupted, by reason (shutdown, deadline) and outcome (cancelled: check run completed as cancelled; handed-back: left for the queue)",
  labelNames: ["reason", "outcome"] as const,
  registers: [metricsRegistry],
});

export const jobDeadlineExceeded = new Counter({
  name: "container_review_job_deadline_exceeded_total",
  help: "Scan jobs that passed their deadline",
  registers: [metricsRegistry],
});

export const redeliveries = new Counter({
  name: "container_review_redeliveries_total",
  help: "Failed webhook deliveries the app asked GitHub to redeliver, by outcome (requested, error)",
  labelNames: ["outcome"] as const,
  registers: [metricsRegistry],
});
