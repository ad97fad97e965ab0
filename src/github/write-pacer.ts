/**
 * GitHub's pacing of mutating requests, per installation, measured where GitHub measures it: on
 * arrival. Probot's throttling (Bottleneck, `minTime` 1 s) spaces the *starts* of writes, so when
 * the event loop is busy a write that started on time can arrive late and the next one early (gaps
 * of 0.93 s were measured under CPU load). The pacer starts an installation's next write only once
 * the previous one has been answered and the interval has passed since, so consecutive writes arrive
 * at least the interval apart whatever the jitter. It runs in front of Probot's throttling, which
 * still paces replicas against each other in Redis mode.
 */
import type { GitHubClient } from "./github-client.js";

export class WritePacer {
  /** Per key: settles when the key's last write was answered and the interval has passed since. */
  private readonly tails = new Map<string, Promise<void>>();

  constructor(readonly intervalMs: number) {}

  /** Runs `write` once every earlier write of `key` was answered at least `intervalMs` ago. */
  async run<T>(key: string, write: () => Promise<T>): Promise<T> {
    if (this.intervalMs <= 0) return write();
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    this.tails.set(key, mine);
    await previous;
    try {
      return await write();
    } finally {
      setTimeout(() => {
        if (this.tails.get(key) === mine) this.tails.delete(key);
        release();
      }, this.intervalMs);
    }
  }

  /** Keys with a write in flight or within its interval (for tests and metrics). */
  get pending(): number {
    return this.tails.size;
  }
}

const paced = new WeakSet<object>();

/**
 * Sends every mutating request that this client makes as the installation (not the app's own
 * `/app/...` requests) through the pacer under the installation's key; once per client.
 */
export function paceWrites(octokit: GitHubClient, key: string, pacer: WritePacer): GitHubClient {
  if (paced.has(octokit)) return octokit;
  paced.add(octokit);
  octokit.hook.wrap("request", (request, options) => {
    const method = String(options.method ?? "GET").toUpperCase();
    // The installation token itself (POST /app/installations/{id}/access_tokens) is requested through
    // this client's hooks from inside a write's authentication: it is the app's request, not the
    // installation's, and pacing it behind the write that needs it would wait forever.
    if (method === "GET" || method === "HEAD" || String(options.url).startsWith("/app/")) return request(options);
    return pacer.run(key, async () => request(options));
  });
  return octokit;
}
