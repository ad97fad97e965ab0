/**
 * Event wiring of the GitHub App. Each handler only works out which pull request to scan (or which
 * command to answer) and hands over to small, separately tested functions.
 *
 *   pull_request opened / synchronize / reopened / ready_for_review -> scan
 *   check_run rerequested, check_suite rerequested (the Re-run buttons)  -> scan the PR's head
 *   issue_comment created with /container-review rescan | help           -> command
 */
import type { ApplicationFunction, Context, Logger, Probot } from "probot";
import { scanLogger } from "../ops/logging.js";
import { githubRequests, webhooksReceived } from "../ops/metrics.js";
import { CHECK_RUN_NAME } from "./check-run.js";
import { RecentDeliveries, KeyedSerialQueue } from "./delivery-guard.js";
import { describeError, type GitHubClient, type RepoRef } from "./github-client.js";
import { DEFAULT_SCAN_DEPENDENCIES, scanPullRequest, type PullRequestTarget, type ScanDependencies } from "./pull-request-scan.js";
import { canRunCommands, HELP_TEXT, isBotUser, parseSlashCommand } from "./slash-commands.js";

export const PULL_REQUEST_EVENTS = [
  "pull_request.opened",
  "pull_request.synchronize",
  "pull_request.reopened",
  "pull_request.ready_for_review",
] as const;

export interface AppOptions extends Partial<ScanDependencies> {
  /** Deliveries remembered for redelivery detection. */
  deliveryMemory?: number;
}

interface PullRequestLike {
  number: number;
  state: string;
  head: { sha: string };
  base: { sha: string; ref: string };
}

function targetOf(repo: RepoRef, pull: PullRequestLike): PullRequestTarget {
  return { repo, number: pull.number, headSha: pull.head.sha, baseSha: pull.base.sha, baseRef: pull.base.ref };
}

const instrumented = new WeakSet<object>();

/** Counts the app's GitHub requests by method and outcome (once per Octokit instance). */
function instrumentOctokit(octokit: GitHubClient): void {
  if (instrumented.has(octokit)) return;
  instrumented.add(octokit);
  octokit.hook.after("request", (_response, options) => {
    githubRequests.inc({ method: String(options.method), outcome: "ok" });
  });
  octokit.hook.error("request", (error, options) => {
    githubRequests.inc({ method: String(options.method), outcome: "error" });
    throw error;
  });
}

export function createContainerReviewApp(options: AppOptions = {}): ApplicationFunction {
  const deps: ScanDependencies = { ...DEFAULT_SCAN_DEPENDENCIES, ...options };
  const deliveries = new RecentDeliveries(options.deliveryMemory ?? 1000);
  const perPullRequest = new KeyedSerialQueue();

  /** Runs a delivery's work once: a redelivery of the same id is skipped. */
  async function once(context: Context, log: Logger, work: () => Promise<void>): Promise<void> {
    if (!deliveries.begin(context.id)) {
      log.info("redelivery of a delivery already handled; skipped");
      return;
    }
    try {
      await work();
      deliveries.succeeded(context.id);
    } catch (error) {
      deliveries.failed(context.id);
      throw error;
    }
  }

  async function scanTarget(context: Context, target: PullRequestTarget): Promise<void> {
    const key = `${target.repo.owner}/${target.repo.repo}#${target.number}`;
    // Every line of a scan carries delivery, repository, PR and head SHA; content fields are redacted.
    const scanLog = scanLogger(context.log, {
      deliveryId: context.id,
      repository: `${target.repo.owner}/${target.repo.repo}`,
      pullNumber: target.number,
      headSha: target.headSha,
    });
    await perPullRequest.run(key, async () => {
      const outcome = await scanPullRequest(context.octokit, scanLog, target, deps);
      scanLog.info(
        { conclusion: outcome.conclusion, checkRunId: outcome.checkRunId, reviewComments: outcome.reviewComments, fixedComments: outcome.fixedComments, stale: outcome.stale },
        "scan finished",
      );
    });
  }

  /** Fetches the PR and scans its current head, unless it is closed. */
  async function scanPullRequestByNumber(context: Context, repo: RepoRef, pullNumber: number): Promise<"scanned" | "closed"> {
    const { data: pull } = await context.octokit.rest.pulls.get({ ...repo, pull_number: pullNumber });
    if (pull.state !== "open") return "closed";
    await scanTarget(context, targetOf(repo, pull));
    return "scanned";
  }

  function eventLog(context: Context, repo: RepoRef): Logger {
    return context.log.child({ deliveryId: context.id, event: context.name, repository: `${repo.owner}/${repo.repo}` });
  }

  return (app: Probot) => {
    app.onAny(async (context) => {
      const action = (context.payload as { action?: unknown }).action;
      webhooksReceived.inc({ event: context.name, action: typeof action === "string" ? action : "" });
    });

    app.on([...PULL_REQUEST_EVENTS], async (context) => {
      instrumentOctokit(context.octokit);
      const repo = context.repo();
      const log = eventLog(context, repo);
      const pull = context.payload.pull_request;
      if (pull.state !== "open") return;
      await once(context, log, () => scanTarget(context, targetOf(repo, pull)));
    });

    app.on("check_run.rerequested", async (context) => {
      const run = context.payload.check_run;
      if (run.name !== CHECK_RUN_NAME) return;
      instrumentOctokit(context.octokit);
      const repo = context.repo();
      const log = eventLog(context, repo);
      // Fork PRs: pull_requests is empty, the PR number was kept in external_id.
      const pullNumber = run.pull_requests?.[0]?.number ?? Number.parseInt(run.external_id ?? "", 10);
      if (!Number.isInteger(pullNumber) || pullNumber <= 0) {
        log.warn({ checkRunId: run.id }, "re-run of a check run with no pull request; ignored");
        return;
      }
      await once(context, log, async () => {
        await scanPullRequestByNumber(context, repo, pullNumber);
      });
    });

    app.on("check_suite.rerequested", async (context) => {
      instrumentOctokit(context.octokit);
      const suite = context.payload.check_suite;
      const repo = context.repo();
      const log = eventLog(context, repo);
      await once(context, log, async () => {
        let pullNumber: number | undefined = suite.pull_requests?.[0]?.number;
        if (pullNumber === undefined) {
          // Fork PRs again: find our earlier run in the suite and read the PR from its external_id.
          const { data } = await context.octokit.rest.checks.listForSuite({ ...repo, check_suite_id: suite.id, check_name: CHECK_RUN_NAME, per_page: 100 });
          const fromRun = data.check_runs.map((r) => Number.parseInt(r.external_id ?? "", 10)).find((n) => Number.isInteger(n) && n > 0);
          pullNumber = fromRun;
        }
        if (pullNumber === undefined) {
          log.info({ checkSuiteId: suite.id }, "re-run of a check suite with no pull request; ignored");
          return;
        }
        await scanPullRequestByNumber(context, repo, pullNumber);
      });
    });

    app.on("issue_comment.created", async (context) => {
      const { issue, comment, sender } = context.payload;
      if (!issue.pull_request) return;
      // Bots (this app included) never run commands: no loops.
      if (isBotUser(sender) || isBotUser(comment.user)) return;
      const command = parseSlashCommand(comment.body);
      if (!command) return;
      instrumentOctokit(context.octokit);
      const repo = context.repo();
      const log = eventLog(context, repo).child({ pr: issue.number, command: command.name });
      const reply = (body: string) => context.octokit.rest.issues.createComment({ ...repo, issue_number: issue.number, body });
      await once(context, log, async () => {
        if (command.name !== "rescan") {
          const intro = command.name === "unknown" ? `@${sender.login} I do not know that command.\n\n` : "";
          await reply(intro + HELP_TEXT);
          return;
        }
        if (!(await canRunCommands(context.octokit, repo, sender.login))) {
          log.info({ user: sender.login }, "rescan refused: no write permission");
          await reply(`@${sender.login} only people with write, maintain or admin permission on this repository can run \`/container-review rescan\`.`);
          return;
        }
        try {
          await context.octokit.rest.reactions.createForIssueComment({ ...repo, comment_id: comment.id, content: "eyes" });
        } catch (error) {
          log.warn({ err: describeError(error) }, "could not add the eyes reaction");
        }
        const result = await scanPullRequestByNumber(context, repo, issue.number);
        if (result === "closed") await reply(`@${sender.login} this pull request is closed; there is nothing to rescan.`);
      });
    });
  };
}
