/**
 * The operations endpoints against a real node:http server on 127.0.0.1 that uses only
 * operationsHandler (falling through to a 404 the way Probot's not-found handler does).
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Registry, Counter } from "prom-client";
import { operationsHandler, type OperationsOptions } from "../../src/ops/operations.js";
import {
  findingsReported,
  githubRequests,
  jobLatency,
  jobRetries,
  jobsInterrupted,
  redeliveries,
  scanDuration,
  scansCompleted,
  setQueueDepthSource,
  webhooksReceived,
} from "../../src/ops/metrics.js";
import { httpGet } from "./http.js";
import { rsaPrivateKeyPem } from "./keys.js";

interface Running {
  server: Server;
  url: string;
}

async function serve(options: OperationsOptions): Promise<Running> {
  const handle = operationsHandler(options);
  const server = createServer((req, res) => {
    void handle(req, res).then((answered) => {
      if (!answered) res.writeHead(404).end("not ours\n");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}

async function close(running: Running | undefined): Promise<void> {
  if (!running) return;
  await new Promise<void>((resolve, reject) => running.server.close((err) => (err ? reject(err) : resolve())));
}

describe("with a valid private key", () => {
  let running: Running | undefined;
  beforeAll(async () => {
    running = await serve({ privateKey: rsaPrivateKeyPem() });
  });
  afterAll(() => close(running));

  it("answers /healthz with 200", async () => {
    expect(await httpGet(`${running!.url}/healthz`)).toEqual({ status: 200, contentType: "text/plain; charset=utf-8", body: "ok\n" });
  });

  it("answers /readyz with 200", async () => {
    expect(await httpGet(`${running!.url}/readyz`)).toEqual({ status: 200, contentType: "text/plain; charset=utf-8", body: "ready\n" });
  });

  it("ignores the query string", async () => {
    expect((await httpGet(`${running!.url}/readyz?verbose=1`)).status).toBe(200);
  });

  it("answers HEAD with the status and no body", async () => {
    expect(await httpGet(`${running!.url}/healthz`, "HEAD")).toMatchObject({ status: 200, body: "" });
  });

  it("refuses other methods on its paths with 405", async () => {
    const answer = await httpGet(`${running!.url}/metrics`, "POST");
    expect(answer.status).toBe(405);
  });

  it("leaves every other path to the next handler", async () => {
    expect(await httpGet(`${running!.url}/api/github/webhooks`)).toMatchObject({ status: 404, body: "not ours\n" });
    expect(await httpGet(`${running!.url}/healthzz`)).toMatchObject({ status: 404 });
  });

  it("exposes every app metric at /metrics after it was recorded", async () => {
    webhooksReceived.inc({ event: "pull_request", action: "opened" });
    scansCompleted.inc({ conclusion: "failure" });
    scanDuration.observe(0.42);
    githubRequests.inc({ method: "POST", outcome: "error" });
    findingsReported.inc({ rule: "dockerfile/root-user" }, 3);

    const answer = await httpGet(`${running!.url}/metrics`);
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(answer.body).toMatch(/^container_review_webhooks_received_total\{event="pull_request",action="opened"\} [1-9]\d*$/m);
    expect(answer.body).toMatch(/^container_review_scans_total\{conclusion="failure"\} [1-9]\d*$/m);
    expect(answer.body).toMatch(/^container_review_scan_duration_seconds_bucket\{le="0\.5"\} [1-9]\d*$/m);
    expect(answer.body).toMatch(/^container_review_scan_duration_seconds_count [1-9]\d*$/m);
    expect(answer.body).toMatch(/^container_review_github_requests_total\{method="POST",outcome="error"\} [1-9]\d*$/m);
    expect(answer.body).toMatch(/^container_review_findings_total\{rule="dockerfile\/root-user"\} ([3-9]|\d{2,})$/m);
    // Default process metrics are collected with the app's prefix.
    expect(answer.body).toMatch(/^container_review_process_cpu_user_seconds_total /m);
  });
});

describe("readiness without a usable key", () => {
  it.each([
    ["missing", undefined, "no private key configured"],
    ["garbage", "-----BEGIN PRIVATE KEY-----\nnot base64 at all\n-----END PRIVATE KEY-----\n", "the private key cannot be parsed as a PEM private key"],
  ])("answers /readyz with 503 when the key is %s, while /healthz stays 200", async (_name, privateKey, reason) => {
    const running = await serve({ privateKey });
    try {
      expect(await httpGet(`${running.url}/readyz`)).toEqual({
        status: 503,
        contentType: "text/plain; charset=utf-8",
        body: `not ready: ${reason}\n`,
      });
      expect((await httpGet(`${running.url}/healthz`)).status).toBe(200);
    } finally {
      await close(running);
    }
  });
});

describe("readiness while shutting down", () => {
  it("answers /readyz with 503 once draining, while /healthz stays 200", async () => {
    let draining = false;
    const running = await serve({ privateKey: rsaPrivateKeyPem(), isDraining: () => draining });
    try {
      expect((await httpGet(`${running.url}/readyz`)).status).toBe(200);
      draining = true;
      expect(await httpGet(`${running.url}/readyz`)).toEqual({ status: 503, contentType: "text/plain; charset=utf-8", body: "not ready: shutting down\n" });
      expect((await httpGet(`${running.url}/healthz`)).status).toBe(200);
    } finally {
      await close(running);
    }
  });
});

describe("queue metrics", () => {
  it("exposes queue depth from the registered source, job latency, retries, interruptions and redeliveries", async () => {
    setQueueDepthSource(async () => 7);
    jobLatency.observe(2.5);
    jobRetries.inc();
    jobsInterrupted.inc({ reason: "shutdown", outcome: "cancelled" });
    redeliveries.inc({ outcome: "requested" });
    const running = await serve({ privateKey: rsaPrivateKeyPem() });
    try {
      const body = (await httpGet(`${running.url}/metrics`)).body;
      expect(body).toContain("container_review_queue_depth 7\n");
      expect(body).toMatch(/container_review_job_latency_seconds_bucket\{le="3"\} [1-9]/);
      expect(body).toMatch(/container_review_job_retries_total [1-9]/);
      expect(body).toMatch(/container_review_jobs_interrupted_total\{reason="shutdown",outcome="cancelled"\} [1-9]/);
      expect(body).toMatch(/container_review_redeliveries_total\{outcome="requested"\} [1-9]/);
    } finally {
      setQueueDepthSource(undefined);
      await close(running);
    }
  });
});

describe("metrics collection failure", () => {
  it("answers 500 without details when the registry cannot collect", async () => {
    const registry = new Registry();
    registry.metrics = async () => {
      throw new Error("collector exploded with secret details");
    };
    const running = await serve({ privateKey: undefined, registry });
    try {
      expect(await httpGet(`${running.url}/metrics`)).toEqual({ status: 500, contentType: "text/plain; charset=utf-8", body: "metrics collection failed\n" });
    } finally {
      await close(running);
    }
  });
});

describe("metrics from another registry", () => {
  it("serves the registry it is given", async () => {
    const registry = new Registry();
    new Counter({ name: "only_in_this_registry_total", help: "test", registers: [registry] }).inc();
    const running = await serve({ privateKey: undefined, registry });
    try {
      const answer = await httpGet(`${running.url}/metrics`);
      expect(answer.body).toContain("only_in_this_registry_total 1");
      expect(answer.body).not.toContain("container_review_scans_total");
    } finally {
      await close(running);
    }
  });
});
