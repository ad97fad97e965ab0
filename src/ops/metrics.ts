/**
 * Prometheus metrics of the app (prom-client), one registry for the process. The app and the scan
 * pipeline record into these; `/metrics` exposes them.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

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
