import { jest } from "@jest/globals";
import { ProbotOctokit } from "probot";
import { paceWrites, WritePacer } from "../../src/github/write-pacer.js";
import type { GitHubClient } from "../../src/github/github-client.js";

/** A write that takes `ms` to be answered, recording when it started and ended on the fake clock. */
function timedWrite(log: string[], name: string, ms: number, fail = false): () => Promise<string> {
  return () =>
    new Promise((resolve, reject) => {
      log.push(`${name} start ${Date.now()}`);
      setTimeout(() => {
        log.push(`${name} end ${Date.now()}`);
        if (fail) reject(new Error(`${name} failed`));
        else resolve(name);
      }, ms);
    });
}

describe("WritePacer", () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it("starts a key's next write one interval after the previous write was answered, not after it started", async () => {
    const pacer = new WritePacer(1000);
    const log: string[] = [];
    const a = pacer.run("1", timedWrite(log, "a", 300));
    const b = pacer.run("1", timedWrite(log, "b", 50));
    const c = pacer.run("1", timedWrite(log, "c", 1));
    await jest.advanceTimersByTimeAsync(5000);
    await expect(Promise.all([a, b, c])).resolves.toStrictEqual(["a", "b", "c"]);
    expect(log).toStrictEqual(["a start 0", "a end 300", "b start 1300", "b end 1350", "c start 2350", "c end 2351"]);
    expect(pacer.pending).toBe(0);
  });

  it("paces keys independently: another installation's writes do not wait", async () => {
    const pacer = new WritePacer(1000);
    const log: string[] = [];
    const runs = [pacer.run("1", timedWrite(log, "1a", 100)), pacer.run("2", timedWrite(log, "2a", 100)), pacer.run("1", timedWrite(log, "1b", 100)), pacer.run("2", timedWrite(log, "2b", 100))];
    await jest.advanceTimersByTimeAsync(3000);
    await Promise.all(runs);
    expect(log.filter((l) => l.includes("start"))).toStrictEqual(["1a start 0", "2a start 0", "1b start 1100", "2b start 1100"]);
  });

  it("a failed write still holds the next one back for the interval, and the failure reaches its caller", async () => {
    const pacer = new WritePacer(1000);
    const log: string[] = [];
    const a = pacer.run("1", timedWrite(log, "a", 10, true));
    const rejected = expect(a).rejects.toThrow("a failed");
    const b = pacer.run("1", timedWrite(log, "b", 10));
    await jest.advanceTimersByTimeAsync(2000);
    await rejected;
    await expect(b).resolves.toBe("b");
    expect(log).toStrictEqual(["a start 0", "a end 10", "b start 1010", "b end 1020"]);
  });

  it("an interval of 0 does not pace at all", async () => {
    const pacer = new WritePacer(0);
    const log: string[] = [];
    const runs = [pacer.run("1", timedWrite(log, "a", 100)), pacer.run("1", timedWrite(log, "b", 100))];
    await jest.advanceTimersByTimeAsync(200);
    await Promise.all(runs);
    expect(log).toStrictEqual(["a start 0", "b start 0", "a end 100", "b end 100"]);
  });
});

describe("paceWrites", () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it("paces the installation's POST/PATCH and GraphQL requests, never GET nor the app's token request", async () => {
    jest.useFakeTimers({ now: 0 });
    const sent: string[] = [];
    const Octokit = ProbotOctokit.defaults((options: any) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } }));
    const octokit = new Octokit({
      auth: "test-token",
      request: {
        fetch: async (url: string, init: { method: string }) => {
          sent.push(`${init.method} ${new URL(url).pathname} ${Date.now()}`);
          return new Response(JSON.stringify({ ok: true }), { status: 200, headers: { "content-type": "application/json" } });
        },
      },
    }) as unknown as GitHubClient;
    const pacer = new WritePacer(1000);
    expect(paceWrites(octokit, "7", pacer)).toBe(octokit);
    paceWrites(octokit, "7", pacer); // twice: still wrapped once
    const requests = [
      octokit.request("POST /repos/{owner}/{repo}/check-runs", { owner: "o", repo: "r", name: "n", head_sha: "a".repeat(40) }),
      octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", { owner: "o", repo: "r", pull_number: 1 }),
      octokit.request("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", { owner: "o", repo: "r", check_run_id: 1 }),
      octokit.graphql("mutation { x }"),
      octokit.request("POST /app/installations/{installation_id}/access_tokens", { installation_id: 7 }),
    ];
    await jest.advanceTimersByTimeAsync(5000);
    await Promise.all(requests);
    expect(sent.sort((a, b) => Number(a.split(" ")[2]) - Number(b.split(" ")[2]) || a.localeCompare(b))).toStrictEqual(["GET /repos/o/r/pulls/1 0", "POST /app/installations/7/access_tokens 0", "POST /repos/o/r/check-runs 0", "PATCH /repos/o/r/check-runs/1 1000", "POST /graphql 2000"]);
  });
});
