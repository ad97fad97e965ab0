/**
 * The GitHub client the app's helpers take: Probot 14's installation Octokit (`.rest.*` only).
 */
import type { Context } from "probot";

export type GitHubClient = Context["octokit"];

export interface RepoRef {
  owner: string;
  repo: string;
}

/** Runs `worker` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, worker: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(Math.max(1, limit), items.length) }, async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await worker(items[index], index);
    }
  });
  await Promise.all(runners);
  return results;
}

/** The HTTP status of an Octokit error, if it has one. */
export function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

/** A one-line description of an error that never includes request bodies or tokens. */
export function describeError(error: unknown): string {
  const status = httpStatus(error);
  const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
  const short = message.length > 300 ? `${message.slice(0, 299)}…` : message;
  return status !== undefined && !short.includes(String(status)) ? `HTTP ${status}: ${short}` : short;
}
