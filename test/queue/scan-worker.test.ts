/**
 * The job client's interruption: once the job's signal aborts, requests in flight are aborted and
 * not retried, new requests are refused, and only a check run's completion still goes out.
 */
import { afterEach, describe, expect, it } from "@jest/globals";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ProbotOctokit } from "probot";
import { JobInterrupted } from "../../src/queue/job.js";
import { interruptibleClient } from "../../src/queue/scan-worker.js";
import type { GitHubClient } from "../../src/github/github-client.js";

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
});

/** A GitHub stand-in that never answers GET /repos/o/r/pulls/1 (a hung connection) and counts the attempts. */
async function hangingGitHub(): Promise<{ base: string; pullRequests: () => number }> {
  let pulls = 0;
  server = createServer((req, res) => {
    if (req.method === "GET" && req.url === "/repos/o/r/pulls/1") {
      pulls += 1;
      return; // never answered
    }
    if (req.method === "PATCH" && req.url === "/repos/o/r/check-runs/5") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: 5, status: "completed" }));
      return;
    }
    res.writeHead(500).end();
  });
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, pullRequests: () => pulls };
}

describe("interruptibleClient", () => {
  it("aborts the request in flight without retrying it, refuses later requests, lets the check-run completion through", async () => {
    // Retries on (as in production) and fast, so that a retry would show up within the test.
    const github = await hangingGitHub();
    let fetches = 0;
    const countingFetch: typeof fetch = (input, init) => {
      fetches += 1;
      return fetch(input, init);
    };
    const octokit = new ProbotOctokit({
      auth: { token: "t" },
      baseUrl: github.base,
      request: { fetch: countingFetch },
      throttle: { enabled: false },
      retry: { retryAfterBaseValue: 10 },
    }) as unknown as GitHubClient;
    const controller = new AbortController();
    const client = interruptibleClient(octokit, controller.signal);

    const inFlight = client.rest.pulls.get({ owner: "o", repo: "r", pull_number: 1 });
    while (github.pullRequests() === 0) await new Promise((r) => setTimeout(r, 10));
    controller.abort(new JobInterrupted("shutdown", "the app was shutting down"));
    await expect(inFlight).rejects.toThrow("the app was shutting down");
    // With retries left in place, the retry plugin would send it again after 10 ms, 40 ms, 90 ms.
    await new Promise((r) => setTimeout(r, 300));
    expect(github.pullRequests()).toBe(1);
    // One attempt: no retry of the aborted request (each would fail at once, but only after the
    // retry plugin's delays of 1, 4 and 9 s in production).
    expect(fetches).toBe(1);

    await expect(client.rest.issues.createComment({ owner: "o", repo: "r", issue_number: 1, body: "x" })).rejects.toThrow("the app was shutting down");
    const completed = await client.rest.checks.update({ owner: "o", repo: "r", check_run_id: 5, status: "completed", conclusion: "cancelled" });
    expect(completed.data).toStrictEqual({ id: 5, status: "completed" });
  });
});
