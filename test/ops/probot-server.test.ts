/**
 * The operations routes on a real Probot 14 `Server` (the same server `probot run` starts), mounted
 * by an app function exactly as src/app.ts will do it, next to Probot's webhook route.
 */
import { afterEach, describe, expect, it } from "@jest/globals";
import { Writable } from "node:stream";
import { pino } from "pino";
import { Probot, Server, type ApplicationFunctionOptions } from "probot";
import { mountOperationsRoutes } from "../../src/ops/operations.js";
import { scansCompleted } from "../../src/ops/metrics.js";
import { freePort, httpGet } from "./http.js";
import { rsaPrivateKeyPem } from "./keys.js";

const quietLog = pino(
  { level: "silent" },
  new Writable({
    write(_chunk, _enc, done) {
      done();
    },
  }),
);

let server: Server | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function startProbotServer(appPrivateKey: string, probeKey: string | undefined): Promise<{ url: string; mounted: boolean[] }> {
  const mounted: boolean[] = [];
  const port = await freePort();
  server = new Server({
    host: "127.0.0.1",
    port,
    log: quietLog,
    Probot: Probot.defaults({ appId: 1, privateKey: appPrivateKey, secret: "test-webhook-secret", log: quietLog }),
  });
  await server.load((_app: Probot, options: ApplicationFunctionOptions) => {
    mounted.push(mountOperationsRoutes(options, { privateKey: probeKey }));
  });
  await server.start();
  return { url: `http://127.0.0.1:${server.port}`, mounted };
}

describe("operations routes on a Probot Server", () => {
  it("answers /healthz, /readyz and /metrics, and leaves webhooks and unknown paths to Probot", async () => {
    const key = rsaPrivateKeyPem();
    const { url, mounted } = await startProbotServer(key, key);
    expect(mounted).toEqual([true]);

    expect(await httpGet(`${url}/healthz`)).toMatchObject({ status: 200, body: "ok\n" });
    expect(await httpGet(`${url}/readyz`)).toMatchObject({ status: 200, body: "ready\n" });

    scansCompleted.inc({ conclusion: "success" });
    const metrics = await httpGet(`${url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.body).toMatch(/^container_review_scans_total\{conclusion="success"\} [1-9]\d*$/m);

    // Probot's own routes still work: /ping, the webhook route (rejects an unsigned delivery) and 404.
    expect(await httpGet(`${url}/ping`)).toMatchObject({ status: 200, body: "PONG" });
    const unsigned = await fetch(`${url}/api/github/webhooks`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": "ping", "x-github-delivery": "1" },
      body: "{}",
    });
    expect(unsigned.status).toBe(400);
    expect((await httpGet(`${url}/no-such-route`)).status).toBe(404);
  });

  it("reports not ready when the probe's key cannot sign", async () => {
    const { url } = await startProbotServer(rsaPrivateKeyPem(), "garbage");
    expect(await httpGet(`${url}/readyz`)).toMatchObject({ status: 503 });
    expect((await httpGet(`${url}/healthz`)).status).toBe(200);
  });
});

describe("mountOperationsRoutes without an HTTP server", () => {
  it("mounts nothing when the app is loaded with probot.load (as app tests do)", async () => {
    const probot = new Probot({ appId: 1, privateKey: rsaPrivateKeyPem(), secret: "s", log: quietLog });
    const mounted: boolean[] = [];
    await probot.load((_app, options) => {
      mounted.push(mountOperationsRoutes(options, { privateKey: undefined }));
    });
    expect(mounted).toEqual([false]);
  });

  it("rethrows any other failure of addHandler", () => {
    const addHandler = () => {
      throw new Error("disk on fire");
    };
    expect(() => mountOperationsRoutes({ addHandler }, { privateKey: undefined })).toThrow("disk on fire");
  });
});
