/**
 * The whole stack as `npm start` runs it: the real server (src/github/server.ts) with GitHub
 * Enterprise settings (GHE_HOST + GHE_PROTOCOL=http, so /api/v3), a signed webhook over HTTP,
 * installation-token exchange with the app's JWT, the real engine, and Probot's own throttling.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createHmac, generateKeyPairSync } from "node:crypto";
import { request } from "node:http";
import nock from "nock";
import { startServer } from "../../src/github/server.js";
import { HEAD_SHA, pullRequestEvent } from "../fixtures/github/payloads.js";
import { CHECK_RUN_ID, FakeGitHub, REPO_PATH } from "./harness.js";

const SECRET = "a-long-random-webhook-secret-42";
const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const port = 20000 + Math.floor(Math.random() * 20000);
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
  server = await startServer({
    APP_ID: "123",
    PRIVATE_KEY: privateKey,
    WEBHOOK_SECRET: SECRET,
    HOST: "127.0.0.1",
    PORT: String(port),
    GHE_HOST: "ghe.example.test",
    GHE_PROTOCOL: "http",
    LOG_LEVEL: "fatal",
    // No sweep for failed deliveries here (test/e2e covers it against the simulator).
    REDELIVERY_INTERVAL_SECONDS: "0",
  } as NodeJS.ProcessEnv);
});

afterAll(async () => {
  await server.stop();
  nock.cleanAll();
  nock.enableNetConnect();
});

function deliver(event: string, deliveryId: string, payload: unknown, secret = SECRET): Promise<{ status: number; body: string }> {
  const body = JSON.stringify(payload);
  const signature = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: "/api/github/webhooks",
        method: "POST",
        headers: { "content-type": "application/json", "x-github-event": event, "x-github-delivery": deliveryId, "x-hub-signature-256": signature },
      },
      (res) => {
        let text = "";
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("the app server against GitHub Enterprise", () => {
  it("rejects a webhook signed with another secret, touching no API", async () => {
    const github = new FakeGitHub("http://ghe.example.test", "/api/v3");
    const reply = await deliver("pull_request", "bad-signature", pullRequestEvent("opened"), "wrong-secret-wrong-secret");
    expect(reply.status).toBe(400);
    expect(github.calls).toStrictEqual([]);
  });

  it("scans a pull request end to end with the real engine over /api/v3", async () => {
    const dockerfile = "FROM node:20\nUSER root\n";
    const github = new FakeGitHub("http://ghe.example.test", "/api/v3")
      .write("POST", "/app/installations/1/access_tokens", 201, { token: "ghs_installation", expires_at: "2999-01-01T00:00:00Z" })
      .createCheckRun()
      .noConfig()
      .files([[{ filename: "Dockerfile", status: "added", patch: "@@ -0,0 +1,2 @@\n+FROM node:20\n+USER root" }]])
      .content("Dockerfile", HEAD_SHA, dockerfile)
      .pull(HEAD_SHA)
      .reviewComments([[]]);
    // Whether the real rules find something here depends on the rules present; accept both paths.
    github.scope.post((uri) => uri === `/api/v3${REPO_PATH}/pulls/2/reviews`).optionally().reply(200, { id: 1 });
    github.updateCheckRun(1);
    const reply = await deliver("pull_request", "good-delivery", pullRequestEvent("opened"));
    // The handler only enqueues: the answer comes before the scan, which a worker then runs.
    expect(reply.status).toBe(200);
    const deadline = Date.now() + 20_000;
    while (github.callsTo("PATCH", `${REPO_PATH}/check-runs/${CHECK_RUN_ID}`).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    github.done();
    const tokenRequest = github.callsTo("POST", "/app/installations/1/access_tokens");
    expect(tokenRequest).toHaveLength(1);
    const completion = github.callsTo("PATCH", `${REPO_PATH}/check-runs/${CHECK_RUN_ID}`)[0].body;
    expect(completion.status).toBe("completed");
    expect(["success", "failure"]).toContain(completion.conclusion);
    expect(completion.output.summary).toContain("Scanned 1 container file changed by this pull request.");
  }, 30000);
});
