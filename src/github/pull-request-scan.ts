/**
 * One scan of a pull request, from the in-progress check run to its completion:
 *
 *   check run (in_progress) -> config from the base branch -> changed files -> head and base
 *   contents -> engine on both -> new / pre-existing / fixed -> one review with the new findings on
 *   diff lines (deduplicated by marker) -> earlier comments whose finding is gone marked fixed ->
 *   check run completed with summary and annotations.
 *
 * A typical PR costs three writes (check create, review, check completion). Whatever fails after the
 * check run exists, it is completed with an explanation: it is never left in progress.
 */
import type { Logger } from "probot";
import { classifyFindings } from "../engine/baseline.js";
import { compareFindings, isBlocking, scan as engineScan, type ScanInputFile, type ScanOptions } from "../engine/scan.js";
import type { Finding, RuleMeta, ScanResult } from "../engine/types.js";
import type { ResolvedConfig } from "../config/schema.js";
import { ruleById } from "../../rules/index.js";
import { findingsReported, scanDuration, scansCompleted } from "../ops/metrics.js";
import { parsePatch, type FileDiff } from "./diff.js";
import { markerKey } from "./markers.js";
import {
  completeCheckRun,
  completeCheckRunWithError,
  createInProgressCheckRun,
  type CheckConclusion,
} from "./check-run.js";
import { commentsForGoneFindings, listBotReviewComments, markCommentFixed, openCommentKeys } from "./comment-lifecycle.js";
import { describeError, type GitHubClient, type RepoRef } from "./github-client.js";
import { fetchFileContents, listChangedFiles, selectContainerFiles, type ChangedFile, type FetchedContent, type FetchRequest } from "./pull-request-files.js";
import { CONFIG_PATH, loadRepositoryConfig } from "./repo-config.js";
import { listContextFiles, needsCrossFileContext } from "./cross-file-context.js";
import { planReview, renderReviewBody, type ReviewFile, type ReviewPlan } from "./review.js";
import { renderPullRequest, type PullRequestRenders } from "./pull-request-renders.js";
import { defaultRenderers } from "../render/renderers.js";
import type { Renderers } from "../render/run.js";
import { buildAnnotation, MAX_ANNOTATIONS_PER_RUN, renderCheckOutput, selectAnnotated, severityCounts, type CheckReport } from "./summary.js";

export type ScanFunction = (files: readonly ScanInputFile[], config: ResolvedConfig, options: ScanOptions) => ScanResult;

export interface ScanDependencies {
  scan: ScanFunction;
  now: () => Date;
  /** Content requests in flight at once. */
  contentConcurrency: number;
  /** Earlier comments edited as fixed per scan at most (each costs two writes). */
  maxFixedCommentUpdates: number;
  ruleMeta: (ruleId: string) => RuleMeta | undefined;
  /** Kustomize and Helm renderers (tests may pass their own). */
  renderers: Renderers;
}

export const DEFAULT_SCAN_DEPENDENCIES: ScanDependencies = {
  scan: engineScan,
  now: () => new Date(),
  contentConcurrency: 8,
  maxFixedCommentUpdates: 20,
  ruleMeta: ruleById,
  renderers: defaultRenderers(),
};

export interface PullRequestTarget {
  repo: RepoRef;
  number: number;
  headSha: string;
  /** The base branch's commit as the event saw it (fallback when the merge base is unknown). */
  baseSha: string;
  /** The base branch name: the configuration is read there. */
  baseRef: string;
}

export interface ScanOutcome {
  /** "cancelled": interrupted, check run completed as cancelled; "handed-back": interrupted, left in progress for the queue's next attempt. */
  conclusion: CheckConclusion | "error" | "cancelled" | "handed-back";
  checkRunId: number;
  reviewComments: number;
  fixedComments: number;
  /** True when a newer head arrived during the scan and nothing was written for the PR itself. */
  stale: boolean;
}

type ScanLogger = Pick<Logger, "info" | "warn" | "error" | "debug">;

/** How a queued scan runs (src/queue/scan-worker.ts); all optional. */
export interface ScanRunOptions {
  /** Aborted when the scan must stop (shutdown, deadline): requests fail from then on. */
  signal?: AbortSignal;
  /** Complete this in-progress check run (left by an interrupted attempt) instead of creating one. */
  checkRunId?: number;
  /** An interrupted scan: "cancel" completes the check run as cancelled; "hand-back" leaves it for the next attempt. */
  onInterrupt?: "cancel" | "hand-back";
}

/** The summary of a check run whose scan was interrupted. */
export function interruptedSummary(reason: string): string {
  return [
    `The scan was interrupted before it finished (${reason}), so this pull request was not fully reviewed.`,
    "",
    "To scan it again, use **Re-run** on this check, or comment `/container-review rescan` on the pull request.",
  ].join("\n");
}

function interruptionReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason.message : "the scan was stopped";
}

/** The commit the PR's diff is computed against (merge base), or the base SHA when unknown. */
async function findMergeBase(octokit: GitHubClient, target: PullRequestTarget, log: ScanLogger): Promise<string> {
  try {
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
      ...target.repo,
      basehead: `${target.baseSha}...${target.headSha}`,
      per_page: 1,
    });
    return data.merge_base_commit?.sha ?? target.baseSha;
  } catch (error) {
    log.warn({ err: describeError(error) }, "merge base unknown; comparing with the base SHA");
    return target.baseSha;
  }
}

function toScanInput(path: string, fetched: FetchedContent, maxBytes: number, notes: string[]): ScanInputFile | undefined {
  if (fetched.kind === "file") return { path, content: fetched.bytes, size: fetched.size };
  if (fetched.kind === "too-large") {
    // The engine reports files over limits.maxFileBytes itself; a file it would accept but the
    // contents API does not return inline (over 1 MB) is skipped with a note.
    if (fetched.size > maxBytes) return { path, content: new Uint8Array(0), size: fetched.size };
    notes.push(`\`${path}\` was not scanned: ${fetched.size} bytes is more than GitHub returns inline.`);
    return undefined;
  }
  notes.push(`\`${path}\` was not scanned: ${fetched.reason}.`);
  return undefined;
}

function detectEol(content: FetchedContent | undefined): "\n" | "\r\n" {
  if (content?.kind !== "file") return "\n";
  const firstNewline = content.bytes.indexOf(0x0a);
  return firstNewline > 0 && content.bytes[firstNewline - 1] === 0x0d ? "\r\n" : "\n";
}

/** Suppressed head findings whose waiver this PR adds. */
function suppressionsAddedByPullRequest(
  headFindings: readonly Finding[],
  baseFindings: readonly Finding[],
  filesByPath: ReadonlyMap<string, { file: ChangedFile; diff: FileDiff; basePath: string | null }>,
): Finding[] {
  const suppressedInBase = new Set(baseFindings.filter((f) => f.suppressed).map((f) => markerKey(f)));
  return headFindings.filter((finding) => {
    if (!finding.suppressed) return false;
    const entry = filesByPath.get(finding.file);
    if (!entry || entry.basePath === null) return true;
    if (entry.file.patch !== undefined) return entry.diff.addedLines.has(finding.suppressed.line);
    // No patch (diff too large): added unless the base already waived the same finding.
    return !suppressedInBase.has(markerKey({ ...finding, file: entry.basePath }));
  });
}

/** Drops what the engine reports about context files: they are not part of the PR. */
function withoutContext(result: ScanResult, contextPaths: ReadonlySet<string>): ScanResult {
  if (contextPaths.size === 0) return result;
  return {
    findings: result.findings.filter((f) => !contextPaths.has(f.file)),
    errors: result.errors.filter((e) => e.file === undefined || !contextPaths.has(e.file)),
    files: result.files.filter((f) => !contextPaths.has(f.path)),
  };
}

/** Build descriptions from the head commit for cross-file rules; problems become notes, never errors. */
async function readCrossFileContext(
  octokit: GitHubClient,
  target: PullRequestTarget,
  changedFiles: readonly ChangedFile[],
  config: ResolvedConfig,
  deps: ScanDependencies,
  notes: string[],
  log: ScanLogger,
  listed?: { paths: readonly string[]; truncated: boolean },
): Promise<ScanInputFile[]> {
  try {
    const changedPaths = new Set(changedFiles.map((file) => file.filename));
    const { paths, truncated } = await listContextFiles(octokit, target.repo, target.headSha, changedPaths, config, listed);
    const requests = paths.map((path) => ({ path, ref: target.headSha }));
    const contents = await fetchFileContents(octokit, target.repo, requests, config.limits.maxFileBytes, deps.contentConcurrency);
    if (truncated) notes.push("Cross-file checks read only part of the repository's Dockerfiles, compose and skaffold files (too many).");
    return paths.flatMap((path, index) => {
      const content = contents[index];
      return content.kind === "file" ? [{ path, content: content.bytes, size: content.size }] : [];
    });
  } catch (error) {
    log.warn({ err: describeError(error) }, "cross-file context unavailable");
    notes.push(`Cross-file checks could not read the repository's other build files (${describeError(error)}).`);
    return [];
  }
}

/** Runs a whole scan. Throws only when the check run itself cannot be created. */
export async function scanPullRequest(
  octokit: GitHubClient,
  log: ScanLogger,
  target: PullRequestTarget,
  deps: ScanDependencies = DEFAULT_SCAN_DEPENDENCIES,
  run: ScanRunOptions = {},
): Promise<ScanOutcome> {
  const startedAt = deps.now();
  const stopTimer = scanDuration.startTimer();
  const { repo } = target;
  const checkRun = run.checkRunId !== undefined ? { id: run.checkRunId, htmlUrl: undefined } : await createInProgressCheckRun(octokit, repo, target.headSha, target.number, startedAt);
  let completed = false;
  const outcome: ScanOutcome = { conclusion: "error", checkRunId: checkRun.id, reviewComments: 0, fixedComments: 0, stale: false };
  try {
    const repoConfig = await loadRepositoryConfig(octokit, repo, target.baseRef);
    if (repoConfig.errors.length > 0) {
      const summary = [
        `The configuration file \`${CONFIG_PATH}\` on the base branch \`${target.baseRef}\` is invalid, so nothing was scanned.`,
        "",
        ...repoConfig.errors.map((e) => `- ${e}`),
        "",
        "Fix the file on the base branch, then re-run this check.",
      ].join("\n");
      await completeCheckRun(octokit, repo, checkRun.id, "failure", { title: `Invalid configuration: ${CONFIG_PATH}`, summary }, [], deps.now());
      completed = true;
      outcome.conclusion = "failure";
      return outcome;
    }
    const config = repoConfig.config;
    const notes: string[] = [];

    const changedFiles = await listChangedFiles(octokit, repo, target.number);
    let mergeBasePromise: Promise<string> | undefined;
    const getMergeBase = () => (mergeBasePromise ??= findMergeBase(octokit, target, log));
    // The time budget runs on the real clock; `now` only dates rules (end-of-life tables).
    const deadline = Date.now() + config.limits.scanSeconds * 1000;
    let renders: PullRequestRenders | undefined;
    try {
      renders = await renderPullRequest(octokit, repo, target.headSha, getMergeBase, changedFiles, config, deps.renderers ?? {}, { deadline });
      notes.push(...renders.notes);
    } catch (error) {
      log.warn({ err: describeError(error) }, "overlays and charts could not be rendered");
      notes.push(`Overlays and charts were not rendered (${describeError(error)}); their files were judged one by one.`);
    }
    const consumedHead = renders?.consumedHead ?? new Set<string>();
    // Files that are inputs of a build are judged through the rendered output, never on their own.
    const candidates = selectContainerFiles(changedFiles, config).filter((file) => !consumedHead.has(file.filename));
    const selected = candidates.slice(0, config.limits.maxFiles);
    if (candidates.length > selected.length) {
      notes.push(`${candidates.length - selected.length} more container files were not scanned (\`limits.maxFiles\` is ${config.limits.maxFiles}).`);
    }
    const hasBase = (file: ChangedFile) => file.status !== "added" && file.status !== "copied";
    const mergeBase = selected.some(hasBase) ? await getMergeBase() : target.baseSha;

    const requests: FetchRequest[] = [
      ...selected.map((file) => ({ path: file.filename, ref: target.headSha })),
      ...selected.filter(hasBase).map((file) => ({ path: file.previousFilename ?? file.filename, ref: mergeBase })),
    ];
    const contents = await fetchFileContents(octokit, repo, requests, config.limits.maxFileBytes, deps.contentConcurrency);
    const headContents = contents.slice(0, selected.length);
    const baseContents = contents.slice(selected.length);

    const headInputs: ScanInputFile[] = [];
    const baseInputs: ScanInputFile[] = [];
    const filesByPath = new Map<string, { file: ChangedFile; diff: FileDiff; basePath: string | null }>();
    const reviewFiles = new Map<string, ReviewFile>();
    let baseIndex = 0;
    selected.forEach((file, index) => {
      const headInput = toScanInput(file.filename, headContents[index], config.limits.maxFileBytes, notes);
      let basePath: string | null = null;
      if (hasBase(file)) {
        const path = file.previousFilename ?? file.filename;
        const baseContent = baseContents[baseIndex];
        baseIndex += 1;
        const baseInput = toScanInput(path, baseContent, config.limits.maxFileBytes, []);
        if (baseInput) {
          baseInputs.push(baseInput);
          basePath = path;
        }
      }
      if (!headInput) return;
      headInputs.push(headInput);
      const diff = parsePatch(file.patch);
      filesByPath.set(file.filename, { file, diff, basePath });
      reviewFiles.set(file.filename, { diff: file.patch === undefined ? null : diff, eol: detectEol(headContents[index]) });
      if (file.patch === undefined) notes.push(`\`${file.filename}\`: GitHub shows no diff for it (too large or binary); its findings are annotations only.`);
    });
    // Build inputs the PR changed: rendered findings land on their lines.
    for (const file of changedFiles) {
      if (!consumedHead.has(file.filename) || file.status === "removed" || filesByPath.has(file.filename)) continue;
      const diff = parsePatch(file.patch);
      const basePath = hasBase(file) ? (file.previousFilename ?? file.filename) : null;
      filesByPath.set(file.filename, { file, diff, basePath });
      reviewFiles.set(file.filename, { diff: file.patch === undefined ? null : diff, eol: "\n" });
    }

    const contextInputs = needsCrossFileContext(selected, config)
      ? await readCrossFileContext(octokit, target, changedFiles, config, deps, notes, log, renders?.headTree)
      : [];
    const contextPaths = new Set(contextInputs.map((input) => input.path));

    const headRendered = renders?.head ?? [];
    const baseRendered = renders?.base ?? [];
    const head = withoutContext(
      deps.scan([...headInputs, ...contextInputs], config, { now: startedAt, deadline, wholeRepository: false, ...(headRendered.length > 0 ? { rendered: headRendered } : {}) }),
      contextPaths,
    );
    const base =
      baseInputs.length > 0 || baseRendered.length > 0
        ? withoutContext(
            deps.scan([...baseInputs, ...contextInputs], config, { now: startedAt, deadline, wholeRepository: false, ...(baseRendered.length > 0 ? { rendered: baseRendered } : {}) }),
            contextPaths,
          )
        : { findings: [], errors: [], files: [] };
    for (const error of head.errors) notes.push(`Scan error${error.file ? ` in \`${error.file}\`` : ""}: ${error.message}`);
    for (const file of head.files) {
      if (file.status === "skipped" && file.reason) notes.push(`\`${file.path}\` was skipped: ${file.reason}.`);
    }

    const headToBase = new Map([...filesByPath].map(([path, entry]) => [path, entry.basePath]));
    const classified = classifyFindings(head.findings, base.findings, headToBase);
    const newFindings = classified.newFindings.filter((f) => !f.suppressed).sort(compareFindings);
    const existing = classified.existing.filter((f) => !f.suppressed).sort(compareFindings);
    const counted = config.failOn.scope === "new" ? newFindings : [...newFindings, ...existing].sort(compareFindings);
    const blocking = counted.filter((f) => isBlocking(f, config));
    const conclusion: CheckConclusion = blocking.length > 0 ? "failure" : "success";

    // At most MAX_ANNOTATIONS_PER_RUN: every file's most severe findings first.
    const annotated = selectAnnotated(counted, MAX_ANNOTATIONS_PER_RUN);
    const report: CheckReport = {
      scannedFiles: head.files.filter((f) => f.status !== "not-applicable").map((f) => f.path),
      newFindings,
      existing,
      fixed: classified.fixed,
      suppressionsAdded: suppressionsAddedByPullRequest(head.findings, base.findings, filesByPath),
      blocking,
      failOn: config.failOn,
      review: { commented: 0, alreadyPosted: 0, outsideDiff: 0, overCap: 0, maxComments: config.review.maxComments, minSeverity: config.review.minSeverity },
      annotationsDropped: Math.max(0, counted.length - annotated.length),
      notes,
    };
    if (report.annotationsDropped > 0) {
      const kept = new Set(annotated);
      report.annotationsDroppedBySeverity = severityCounts(counted.filter((f) => !kept.has(f)));
    }

    // Nothing about the PR itself is written when a newer head exists: its own scan does that.
    const { data: current } = await octokit.rest.pulls.get({ ...repo, pull_number: target.number });
    if (current.head.sha !== target.headSha) {
      outcome.stale = true;
      report.review.skipped = `a newer commit (${current.head.sha}) was pushed while this scan ran; its own scan reviews it.`;
      log.info({ newerHeadSha: current.head.sha }, "head moved during the scan; review skipped");
    } else if (report.scannedFiles.length > 0) {
      try {
        await reviewAndTidyComments(octokit, log, target, deps, config, newFindings, [...newFindings, ...existing], head, reviewFiles, report, outcome, checkRun.htmlUrl);
      } catch (error) {
        // The findings are complete; losing the comments must not lose the check's result.
        report.review.skipped = `the earlier review comments could not be read (${describeError(error)}); the findings are in this check run.`;
        log.warn({ err: describeError(error) }, "review step failed");
      }
    }

    const annotations = annotated.map(buildAnnotation);
    await completeCheckRun(octokit, repo, checkRun.id, conclusion, renderCheckOutput(report), annotations, deps.now());
    completed = true;
    outcome.conclusion = conclusion;
    if (!outcome.stale) for (const f of newFindings) findingsReported.inc({ rule: f.ruleId });
    return outcome;
  } catch (error) {
    if (run.signal?.aborted) {
      const why = interruptionReason(run.signal);
      if (run.onInterrupt === "hand-back") {
        // Left in progress: the queue runs the job again and that attempt completes this run.
        log.warn({ reason: why, checkRunId: checkRun.id }, "scan interrupted; handed back to the queue");
        completed = true;
        outcome.conclusion = "handed-back";
        return outcome;
      }
      log.warn({ reason: why, checkRunId: checkRun.id }, "scan interrupted; completing the check run as cancelled");
      try {
        await octokit.rest.checks.update({
          ...repo,
          check_run_id: checkRun.id,
          status: "completed",
          conclusion: "cancelled",
          completed_at: deps.now().toISOString(),
          output: { title: "container-review was interrupted", summary: interruptedSummary(why) },
        });
        completed = true;
        outcome.conclusion = "cancelled";
      } catch (completionError) {
        log.error({ err: describeError(completionError), checkRunId: checkRun.id }, "could not complete the interrupted check run");
      }
      return outcome;
    }
    const reason = describeError(error);
    log.error({ err: reason, checkRunId: checkRun.id }, "scan failed; completing the check run with the error");
    const result = await completeCheckRunWithError(
      octokit,
      repo,
      checkRun.id,
      "container-review could not complete the scan",
      `The scan stopped with an error, so this pull request was not fully reviewed:\n\n> ${reason}\n\nRe-run this check, or comment \`/container-review rescan\` on the pull request.`,
      deps.now(),
    );
    completed = result.ok;
    if (!result.ok) log.error({ err: result.error, checkRunId: checkRun.id }, "could not complete the check run after an error");
    return outcome;
  } finally {
    if (!completed) {
      // Last resort (e.g. an exception thrown while handling the error): never leave it in progress.
      await completeCheckRunWithError(octokit, repo, checkRun.id, "container-review could not complete the scan", "The scan stopped unexpectedly. Re-run this check.", deps.now());
    }
    scansCompleted.inc({ conclusion: outcome.conclusion });
    stopTimer();
  }
}

async function reviewAndTidyComments(
  octokit: GitHubClient,
  log: ScanLogger,
  target: PullRequestTarget,
  deps: ScanDependencies,
  config: ResolvedConfig,
  newFindings: readonly Finding[],
  currentFindings: readonly Finding[],
  head: ScanResult,
  reviewFiles: ReadonlyMap<string, ReviewFile>,
  report: CheckReport,
  outcome: ScanOutcome,
  checkRunUrl: string | undefined,
): Promise<void> {
  const { repo } = target;
  const earlier = await listBotReviewComments(octokit, repo, target.number);
  const plan: ReviewPlan = planReview(
    newFindings,
    reviewFiles,
    openCommentKeys(earlier),
    { maxComments: config.review.maxComments, minSeverity: config.review.minSeverity, isBlocking: (f) => isBlocking(f, config) },
    deps.ruleMeta,
  );
  report.review.alreadyPosted = plan.alreadyPosted.length;
  report.review.belowMinSeverity = plan.belowMinSeverity.length;
  report.review.outsideDiff = plan.outsideDiff.length;
  report.review.overCap = plan.overCap.length;
  if (plan.comments.length > 0) {
    try {
      await octokit.rest.pulls.createReview({
        ...repo,
        pull_number: target.number,
        commit_id: target.headSha,
        event: config.review.event,
        body: renderReviewBody(plan, config.review.maxComments, checkRunUrl),
        comments: plan.comments,
      });
      report.review.commented = plan.comments.length;
      outcome.reviewComments = plan.comments.length;
    } catch (error) {
      // A refused review must not hide the findings: they are all in the check run.
      report.review.skipped = `GitHub refused the review (${describeError(error)}); the findings are in this check run.`;
      log.warn({ err: describeError(error) }, "review refused");
    }
  }

  const fullyScanned = new Set(head.files.filter((f) => f.status === "analyzed").map((f) => f.path));
  const currentKeys = new Set(currentFindings.map((f) => markerKey(f)));
  const gone = commentsForGoneFindings(earlier, currentKeys, fullyScanned);
  for (const comment of gone.slice(0, deps.maxFixedCommentUpdates)) {
    try {
      await markCommentFixed(octokit, repo, comment, target.headSha);
      outcome.fixedComments += 1;
    } catch (error) {
      log.warn({ err: describeError(error), commentId: comment.id }, "could not mark an earlier comment as fixed");
    }
  }
}
