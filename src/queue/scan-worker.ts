/**
 * Runs a scan job: authenticates as the job's installation (so Probot's throttling paces writes
 * per installation, see docs/deploy.md "Throughput"), resolves the pull request when the event did
 * not carry it, and runs the scan with the job's abort signal.
 *
 * Interruption (shutdown, deadline): from the moment the job's signal aborts, the installation
 * client refuses every request except the completion of a check run (PATCH .../check-runs/{id}),
 * and requests in flight are aborted. The scan then either completes its check run as cancelled
 * with an explanation and how to re-run (in-process queue), or leaves it in progress and hands the
 * job back (Redis queue): the next attempt finds that run and completes it, so a head SHA never gets
 * two runs and never keeps one in progress.
 */
import type { Logger } from "probot";
import { scanLogger } from "../ops/logging.js";
import { jobLatency, jobsInterrupted } from "../ops/metrics.js";
import { CHECK_RUN_NAME } from "../github/check-run.js";
import { KeyedSerialQueue } from "../github/delivery-guard.js";
import type { GitHubClient, RepoRef } from "../github/github-client.js";
import { interruptedSummary, scanPullRequest, type PullRequestTarget, type ScanDependencies } from "../github/pull-request-scan.js";
import { JobInterrupted, type JobProcessor, type JobRun, type ScanJob } from "./job.js";

export interface ScanWorkerOptions {
  /** An installation client (Probot's `app.auth(installationId)`). */
  auth: (installationId: number) => Promise<GitHubClient>;
  log: Logger;
  deps: ScanDependencies;
  /** Instruments a client (request metrics); called once per job client. */
  instrument?: (octokit: GitHubClient) => void;
}

const COMPLETION_ROUTE = /^PATCH \/repos\/\{owner\}\/\{repo\}\/check-runs\/\{check_run_id\}$/;

/**
 * From the signal's abort on, refuses every request but a check run's completion, and aborts the
 * requests in flight (the completion keeps only its own timeout).
 */
export function interruptibleClient(octokit: GitHubClient, signal: AbortSignal): GitHubClient {
  // Requests in flight when the signal aborts: their retries are cancelled too (Probot's retry
  // plugin reads options.request.retries when a request fails, and would retry an aborted one).
  const inFlight = new Set<{ retries?: number }>();
  signal.addEventListener("abort", () => {
    for (const requestOptions of inFlight) requestOptions.retries = 0;
  });
  octokit.hook.wrap("request", async (request, options) => {
    const completion = COMPLETION_ROUTE.test(`${String(options.method)} ${String(options.url)}`);
    if (completion) return request(options);
    if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new JobInterrupted("shutdown", "the scan was stopped");
    const existing = (options.request ?? {}) as { signal?: AbortSignal; retries?: number };
    const requestOptions: { signal: AbortSignal; retries?: number } = { ...existing, signal: existing.signal ? AbortSignal.any([existing.signal, signal]) : signal };
    options.request = requestOptions;
    inFlight.add(requestOptions);
    try {
      return await request(options);
    } finally {
      inFlight.delete(requestOptions);
    }
  });
  return octokit;
}

/**
 * What an earlier attempt of this job left on the head: a run still in progress (to complete), or
 * a run completed since the job was enqueued (the work is done: the worker died before it could
 * say so).
 */
async function earlierAttempt(octokit: GitHubClient, repo: RepoRef, headSha: string, enqueuedAt: number): Promise<{ inProgress?: number; done: boolean }> {
  const { data } = await octokit.rest.checks.listForRef({ ...repo, ref: headSha, check_name: CHECK_RUN_NAME, filter: "all", per_page: 20 });
  const inProgress = data.check_runs.find((r) => r.status !== "completed");
  if (inProgress) return { inProgress: inProgress.id, done: false };
  const since = Math.floor(enqueuedAt / 1000) * 1000; // GitHub keeps whole seconds
  return { done: data.check_runs.some((r) => r.started_at !== null && r.started_at !== undefined && Date.parse(r.started_at) >= since) };
}

function reasonOf(signal: AbortSignal): { reason: "shutdown" | "deadline"; message: string } {
  const r: unknown = signal.reason;
  return r instanceof JobInterrupted ? { reason: r.reason, message: r.message } : { reason: "shutdown", message: "the scan was stopped" };
}

export function createScanProcessor(options: ScanWorkerOptions): JobProcessor {
  const perPullRequest = new KeyedSerialQueue();

  return async (job: ScanJob, run: JobRun) => {
    const repo: RepoRef = { owner: job.owner, repo: job.repo };
    const log = options.log.child({ deliveryId: job.deliveryId, repository: `${job.owner}/${job.repo}`, installationId: job.installationId, attempt: run.attempt });
    const raw = await options.auth(job.installationId);
    options.instrument?.(raw);

    if (run.signal.aborted) {
      // Never started (the app shut down first). Redis mode keeps it queued; here only a cancelled run is left.
      const { reason, message } = reasonOf(run.signal);
      if (run.onInterrupt === "hand-back" || job.headSha === undefined) {
        jobsInterrupted.inc({ reason, outcome: run.onInterrupt === "hand-back" ? "handed-back" : "dropped" });
        throw run.signal.reason;
      }
      await raw.rest.checks.create({
        ...repo,
        name: CHECK_RUN_NAME,
        head_sha: job.headSha,
        external_id: String(job.pullNumber),
        status: "completed",
        conclusion: "cancelled",
        completed_at: new Date().toISOString(),
        output: { title: "container-review was interrupted", summary: interruptedSummary(message) },
      });
      jobsInterrupted.inc({ reason, outcome: "cancelled" });
      log.warn({ pullNumber: job.pullNumber, headSha: job.headSha }, "scan never started before shutdown; check run cancelled");
      return;
    }

    const octokit = interruptibleClient(raw, run.signal);
    let pullNumber = job.pullNumber;
    if (pullNumber <= 0 && job.checkSuiteId !== undefined) {
      // Fork PRs: find our earlier run in the suite and read the PR from its external_id.
      const { data } = await octokit.rest.checks.listForSuite({ ...repo, check_suite_id: job.checkSuiteId, check_name: CHECK_RUN_NAME, per_page: 100 });
      pullNumber = data.check_runs.map((r) => Number.parseInt(r.external_id ?? "", 10)).find((n) => Number.isInteger(n) && n > 0) ?? 0;
      if (pullNumber <= 0) {
        log.info({ checkSuiteId: job.checkSuiteId }, "re-run of a check suite with no pull request; ignored");
        return;
      }
    }

    let target: PullRequestTarget;
    if (job.headSha !== undefined && job.baseSha !== undefined && job.baseRef !== undefined) {
      target = { repo, number: pullNumber, headSha: job.headSha, baseSha: job.baseSha, baseRef: job.baseRef };
    } else {
      const { data: pull } = await octokit.rest.pulls.get({ ...repo, pull_number: pullNumber });
      if (pull.state !== "open") {
        if (job.replyTo !== undefined) {
          await octokit.rest.issues.createComment({ ...repo, issue_number: pullNumber, body: `@${job.replyTo} this pull request is closed; there is nothing to rescan.` });
        }
        return;
      }
      target = { repo, number: pullNumber, headSha: pull.head.sha, baseSha: pull.base.sha, baseRef: pull.base.ref };
    }

    const scanLog = scanLogger(options.log, { deliveryId: job.deliveryId, repository: `${job.owner}/${job.repo}`, pullNumber, headSha: target.headSha });
    await perPullRequest.run(`${job.owner}/${job.repo}#${pullNumber}`, async () => {
      // A retry, or a job taken over from a worker that died: complete the run it left in progress.
      const earlier = run.attempt > 1 ? await earlierAttempt(octokit, repo, target.headSha, job.enqueuedAt) : { done: false };
      if (earlier.done) {
        scanLog.info("an earlier attempt of this job completed the check run; nothing left to do");
        return;
      }
      const checkRunId = earlier.inProgress;
      const outcome = await scanPullRequest(octokit, scanLog, target, options.deps, {
        signal: run.signal,
        // A scan past its deadline is cancelled (a retry would likely pass it again); one stopped by a shutdown follows the queue.
        get onInterrupt() {
          return reasonOf(run.signal).reason === "deadline" ? "cancel" : run.onInterrupt;
        },
        ...(checkRunId !== undefined ? { checkRunId } : {}),
      });
      scanLog.info(
        { conclusion: outcome.conclusion, checkRunId: outcome.checkRunId, reviewComments: outcome.reviewComments, fixedComments: outcome.fixedComments, stale: outcome.stale, reusedCheckRun: checkRunId !== undefined },
        "scan finished",
      );
      if (outcome.conclusion === "handed-back" || outcome.conclusion === "cancelled") {
        const { reason } = reasonOf(run.signal);
        jobsInterrupted.inc({ reason, outcome: outcome.conclusion });
        if (outcome.conclusion === "handed-back") throw run.signal.reason;
        return;
      }
      jobLatency.observe((Date.now() - job.enqueuedAt) / 1000);
    });
  };
}

