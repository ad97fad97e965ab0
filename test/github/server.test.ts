import { describe, expect, it } from "@jest/globals";
import { generateKeyPairSync } from "node:crypto";
import { request } from "node:http";
import { runtimeSettings, startServer, startupProblems } from "../../src/github/server.js";

const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const goodEnv = { APP_ID: "123", PRIVATE_KEY: privateKey, WEBHOOK_SECRET: "a-long-random-webhook-secret-42" };

describe("startupProblems", () => {
  it("accepts a complete environment, including GHE_HOST with a port and GHE_PROTOCOL=http", () => {
    expect(startupProblems({ ...goodEnv, GHE_HOST: "127.0.0.1:3222", GHE_PROTOCOL: "http" })).toStrictEqual([]);
  });

  it("refuses a missing webhook secret, Probot's 'development' fallback and short secrets", () => {
    expect(startupProblems({ ...goodEnv, WEBHOOK_SECRET: undefined })).toStrictEqual([
      "WEBHOOK_SECRET is not set: webhook signatures could not be checked. Set it to the secret configured for the GitHub App.",
    ]);
    expect(startupProblems({ ...goodEnv, WEBHOOK_SECRET: "development" })).toStrictEqual([
      "WEBHOOK_SECRET is a placeholder value; set it to a random secret (at least 16 characters).",
    ]);
    expect(startupProblems({ ...goodEnv, WEBHOOK_SECRET: "s3cret" })).toStrictEqual(["WEBHOOK_SECRET is shorter than 16 characters; use a long random secret."]);
  });

  it("names every other problem: app id, key, GHE host with a scheme, protocol", () => {
    expect(startupProblems({ WEBHOOK_SECRET: goodEnv.WEBHOOK_SECRET, APP_ID: "abc", GHE_HOST: "https://ghe.example.com", GHE_PROTOCOL: "ftp" })).toStrictEqual([
      "APP_ID must be the numeric ID of the GitHub App.",
      "PRIVATE_KEY or PRIVATE_KEY_PATH must give the GitHub App's private key.",
      "GHE_HOST must be a host name (optionally with :port), without scheme or path.",
      'GHE_PROTOCOL must be "http" or "https".',
    ]);
  });
});

describe("runtimeSettings", () => {
  it("paces each installation's writes 1 s apart by default; GITHUB_WRITE_INTERVAL_SECONDS changes it, 0 turns the pacer off", () => {
    expect(runtimeSettings({}).writeIntervalMs).toBe(1000);
    expect(runtimeSettings({ GITHUB_WRITE_INTERVAL_SECONDS: "1.5" }).writeIntervalMs).toBe(1500);
    expect(runtimeSettings({ GITHUB_WRITE_INTERVAL_SECONDS: "0" }).writeIntervalMs).toBe(0);
    expect(startupProblems({ ...goodEnv, GITHUB_WRITE_INTERVAL_SECONDS: "-1" })).toStrictEqual(['GITHUB_WRITE_INTERVAL_SECONDS must be a number of seconds (got "-1").']);
  });
});

function get(host: string, port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path, method: "GET" }, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("startServer", () => {
  it("refuses to start without a real secret, before listening", async () => {
    await expect(startServer({ ...goodEnv, WEBHOOK_SECRET: "development" })).rejects.toThrow(
      "container-review cannot start:\n- WEBHOOK_SECRET is a placeholder value",
    );
  });

  it("listens on HOST and PORT and answers Probot's /ping", async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const server = await startServer({ ...goodEnv, HOST: "127.0.0.1", PORT: String(port), LOG_LEVEL: "fatal", REDELIVERY_INTERVAL_SECONDS: "0" } as NodeJS.ProcessEnv);
    try {
      expect(await get("127.0.0.1", port, "/ping")).toStrictEqual({ status: 200, body: "PONG" });
    } finally {
      await server.stop();
    }
  });
});
