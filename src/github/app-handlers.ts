/**
 * Event wiring of the GitHub App. Handlers only validate the event, work out which pull request to
 * scan and enqueue a scan job (src/queue) keyed by (repository, PR, head SHA); workers run the scans.
 * Commands are answered here.
 *
 *   pull_request opened / synchronize / reopened / ready_for_review -> scan job
 *   check_run rerequested, check_suite rerequested (the Re-run buttons)  -> scan job for the PR's head
 *   issue_comment created with /container-review rescan | help           -> command (rescan: scan job)
 *
 * The default queue is inline (the job runs inside the handler): tests and `probot receive`. The
 * server (src/github/server.ts) passes the in-process or the Redis queue.
 */
import type { ApplicationFunction, Context, Logger, Probot } from "probot";
import { githubRequests, jobsEnqueued, setQueueDepthSource, webhooksReceived } from "../ops/metrics.js";
import { InlineScanQueue } from "../queue/memory-queue.js";
import type { ScanJob, ScanQueue } from "../queue/job.js";
import { createScanProcessor } from "../queue/scan-worker.js";
import { paceWrites, type WritePacer } from "./write-pacer.js";
import { CHECK_RUN_NAME } from "./check-run.js";
import { memoryDeliveryGuard, type DeliveryGuard } from "./delivery-guard.js";
import { describeError, type GitHubClient, type RepoRef } from "./github-client.js";
import { DEFAULT_SCAN_DEPENDENCIES, type ScanDependencies } from "./pull-request-scan.js";
import { canRunCommands, HELP_TEXT, isBotUser, parseSlashCommand } from "./slash-commands.js";

export const PULL_REQUEST_EVENTS = [
  "pull_request.opened",
  "pull_request.synchronize",
  "pull_request.reopened",
  "pull_request.ready_for_review",
] as const;

export interface AppOptions extends Partial<ScanDependencies> {
  /** Deliveries remembered for redelivery detection (in-memory guard). */
  deliveryMemory?: number;
  /** Where scan jobs go; default: inline (run inside the webhook handler). */
  queue?: ScanQueue;
  /** The redelivery guard; default: in memory. Redis mode shares it across replicas. */
  deliveryGuard?: DeliveryGuard;
  /** True once the process is shutting down: webhooks are refused (GitHub records a failed delivery, redelivered later). */
  isDraining?: () => boolean;
  /** Paces each installation's writes on arrival (the server's GITHUB_WRITE_INTERVAL_SECONDS); default: Probot's throttling alone. */
  writePacer?: WritePacer;
  /** Called with the Probot instance once the handlers are registered (the server starts the redelivery sweep). */
  onLoad?: (app: Probot) => void;
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
  const guard = options.deliveryGuard ?? memoryDeliveryGuard(options.deliveryMemory ?? 1000);
  const queue = options.queue ?? new InlineScanQueue();

  /** Handles a delivery once: a redelivery of the same id is skipped; a failed one is forgotten. */
  async function once(context: Context, log: Logger, work: () => Promise<void>): Promise<void> {
    if (options.isDraining?.()) {
      // Answered with an error status: GitHub records the delivery as failed and the redelivery sweep
      // (of another replica, or of this app after its restart) asks for it again.
      throw new Error("container-review is shutting down and takes no new webhooks");
    }
    if (!(await guard.begin(context.id))) {
      log.info("redelivery of a delivery already handled; skipped");
      return;
    }
    try {
      await work();
      await guard.succeeded(context.id);
    } catch (error) {
      await guard.failed(context.id);
      throw error;
    }
  }

  function installationOf(context: Context): number | undefined {
    const id = (context.payload as { installation?: { id?: unknown } }).installation?.id;
    return typeof id === "number" ? id : undefined;
  }

  async function enqueue(context: Context, log: Logger, job: Omit<ScanJob, "deliveryId" | "enqueuedAt" | "installationId">): Promise<void> {
    const installationId = installationOf(context);
    if (installationId === undefined) {
      log.warn("event without an installation; ignored");
      return;
    }
    const { added } = await queue.enqueue({ ...job, installationId, deliveryId: context.id, enqueuedAt: Date.now() });
    jobsEnqueued.inc({ outcome: added ? "added" : "collapsed" });
    if (!added) log.info({ pullNumber: job.pullNumber, headSha: job.headSha }, "a scan of this head is already queued or running");
  }

  function eventLog(context: Context, repo: RepoRef): Logger {
    return context.log.child({ deliveryId: context.id, event: context.name, repository: `${repo.owner}/${repo.repo}` });
  }

  return (app: Probot) => {
    // Jobs authenticate as their installation: Probot then paces writes per installation. (The
    // event's context.octokit shares one throttling key across installations.)
    const auth = async (installationId: number) => {
      const octokit = (await app.auth(installationId)) as GitHubClient;
      instrumentOctokit(octokit);
      return options.writePacer ? paceWrites(octokit, String(installationId), options.writePacer) : octokit;
    };
    queue.start(createScanProcessor({ auth, log: app.log, deps }));
    setQueueDepthSource(() => queue.depth());

    app.onAny(async (context) => {
      const action = (context.payload as { action?: unknown }).action;
      webhooksReceived.inc({ event: context.name, action: typeof action === "string" ? action : "" });
    });

    app.on([...PULL_REQUEST_EVENTS], async (context) => {
      const repo = context.repo();
      const log = eventLog(context, repo);
      const pull = context.payload.pull_request;
      if (pull.state !== "open") return;
      await once(context, log, () =>
        enqueue(context, log, { ...repo, pullNumber: pull.number, headSha: pull.head.sha, baseSha: pull.base.sha, baseRef: pull.base.ref }),
      );
    });

    app.on("check_run.rerequested", async (context) => {
      const run = context.payload.check_run;
      if (run.name !== CHECK_RUN_NAME) return;
      const repo = context.repo();
      const log = eventLog(context, repo);
      // Fork PRs: pull_requests is empty, the PR number was kept in external_id.
      const pullNumber = run.pull_requests?.[0]?.number ?? Number.parseInt(run.external_id ?? "", 10);
      if (!Number.isInteger(pullNumber) || pullNumber <= 0) {
        log.warn({ checkRunId: run.id }, "re-run of a check run with no pull request; ignored");
        return;
      }
      // The PR's current head is scanned (it may have moved since this run).
      await once(context, log, () => enqueue(context, log, { ...repo, pullNumber }));
    });

    app.on("check_suite.rerequested", async (context) => {
      const suite = context.payload.check_suite;
      const repo = context.repo();
      const log = eventLog(context, repo);
      const pullNumber: number | undefined = suite.pull_requests?.[0]?.number;
      await once(context, log, () => enqueue(context, log, { ...repo, pullNumber: pullNumber ?? 0, ...(pullNumber === undefined ? { checkSuiteId: suite.id } : {}) }));
    });

    app.on("issue_comment.created", async (context) => {
      const { issue, comment, sender } = context.payload;
      if (!issue.pull_request) return;
      // Bots (this app included) never run commands: no loops.
      if (isBotUser(sender) || isBotUser(comment.user)) return;
      const command = parseSlashCommand(comment.body);
      if (!command) return;
      const repo = context.repo();
      const log = eventLog(context, repo).child({ pr: issue.number, command: command.name });
      const installationId = installationOf(context);
      if (installationId === undefined) return;
      await once(context, log, async () => {
        const octokit = await auth(installationId);
        const reply = (body: string) => octokit.rest.issues.createComment({ ...repo, issue_number: issue.number, body });
        if (command.name !== "rescan") {
          const intro = command.name === "unknown" ? `@${sender.login} I do not know that command.\n\n` : "";
          await reply(intro + HELP_TEXT);
          return;
        }
        if (!(await canRunCommands(octokit, repo, sender.login))) {
          log.info({ user: sender.login }, "rescan refused: no write permission");
          await reply(`@${sender.login} only people with write, maintain or admin permission on this repository can run \`/container-review rescan\`.`);
          return;
        }
        try {
          await octokit.rest.reactions.createForIssueComment({ ...repo, comment_id: comment.id, content: "eyes" });
        } catch (error) {
          log.warn({ err: describeError(error) }, "could not add the eyes reaction");
        }
        await enqueue(context, log, { ...repo, pullNumber: issue.number, replyTo: sender.login });
      });
    });

    options.onLoad?.(app);
  };
}
