/**
 * The `container-review` check run on the PR's head SHA: created in_progress, then completed with
 * its annotations sent in batches of 50 (GitHub's per-request cap). For N annotations that is
 * ceil(N/50) update requests, the last of which also completes the run, so a typical scan costs
 * two check-run writes.
 */
import { describeError, type GitHubClient, type RepoRef } from "./github-client.js";
import type { CheckAnnotation, CheckOutput } from "./summary.js";
import { ANNOTATIONS_PER_REQUEST, CHECK_OUTPUT_MAX_CHARS, truncateText } from "./text-limits.js";

export const CHECK_RUN_NAME = "container-review";

export type CheckConclusion = "success" | "failure" | "neutral";

export interface CheckRunHandle {
  id: number;
  htmlUrl?: string;
}

export async function createInProgressCheckRun(
  octokit: GitHubClient,
  repo: RepoRef,
  headSha: string,
  pullNumber: number,
  startedAt: Date,
): Promise<CheckRunHandle> {
  const { data } = await octokit.rest.checks.create({
    ...repo,
    name: CHECK_RUN_NAME,
    head_sha: headSha,
    status: "in_progress",
    // Fork PRs come back from "Re-run" with an empty pull_requests list: remember the PR here.
    external_id: String(pullNumber),
    started_at: startedAt.toISOString(),
    output: { title: "Scanning container files…", summary: "container-review is scanning the files this pull request changes." },
  });
  return { id: data.id, ...(data.html_url ? { htmlUrl: data.html_url } : {}) };
}

/**
 * Sends the annotations in batches of 50 and completes the run with the last batch. Returns the
 * number of update requests made.
 */
export async function completeCheckRun(
  octokit: GitHubClient,
  repo: RepoRef,
  checkRunId: number,
  conclusion: CheckConclusion,
  output: CheckOutput,
  annotations: readonly CheckAnnotation[],
  completedAt: Date,
): Promise<number> {
  const batches: CheckAnnotation[][] = [];
  for (let start = 0; start < annotations.length; start += ANNOTATIONS_PER_REQUEST) {
    batches.push(annotations.slice(start, start + ANNOTATIONS_PER_REQUEST));
  }
  const safeOutput = {
    title: truncateText(output.title, 255, "…"),
    summary: truncateText(output.summary, CHECK_OUTPUT_MAX_CHARS),
  };
  // Every batch but the last goes with the run still in progress; the last one completes it.
  for (const batch of batches.slice(0, -1)) {
    await octokit.rest.checks.update({ ...repo, check_run_id: checkRunId, output: { ...safeOutput, annotations: batch } });
  }
  const last = batches.at(-1);
  await octokit.rest.checks.update({
    ...repo,
    check_run_id: checkRunId,
    status: "completed",
    conclusion,
    completed_at: completedAt.toISOString(),
    output: last ? { ...safeOutput, annotations: last } : safeOutput,
  });
  return Math.max(1, batches.length);
}

/** Completes a run after an error, explaining what went wrong. Never throws; returns success. */
export async function completeCheckRunWithError(
  octokit: GitHubClient,
  repo: RepoRef,
  checkRunId: number,
  title: string,
  explanation: string,
  completedAt: Date,
  conclusion: CheckConclusion = "failure",
): Promise<{ ok: true } | { ok: false; error: string }> {
  try {
    await octokit.rest.checks.update({
      ...repo,
      check_run_id: checkRunId,
      status: "completed",
      conclusion,
      completed_at: completedAt.toISOString(),
      output: { title: truncateText(title, 255, "…"), summary: truncateText(explanation, CHECK_OUTPUT_MAX_CHARS) },
    });
    return { ok: true };
  } catch (error) {
    return { ok: false, error: describeError(error) };
  }
}
