/**
 * The overlays and charts a pull request affects, rendered at its head and at the merge base.
 *
 * The repository is read as a source view at each commit (one tree listing, then only the blobs a
 * render needs, shared by SHA between the two commits). The kustomization files are read to know,
 * without rendering, which roots use which files; only the roots whose inputs the PR changed are
 * rendered, at head and (when they existed there) at the merge base, so the app can keep only the
 * findings the PR introduces and comment on the patch, values or template line that holds them.
 */
import type { ResolvedConfig } from "../config/schema.js";
import type { RenderedInput } from "../engine/rendered.js";
import { detectKindByPath } from "../engine/detect.js";
import { chartRootsOf, planRenders, staticClosure, type RenderPlan } from "../render/discover.js";
import { capRequests, requestsFor, staticallyConsumed, withAvailableRenderers } from "../render/prepare.js";
import { renderRoots, type Renderers } from "../render/run.js";
import type { RenderLimits } from "../render/types.js";
import { describeError, type GitHubClient, type RepoRef } from "./github-client.js";
import type { ChangedFile } from "./pull-request-files.js";
import { repositoryView, type BlobCache, type RepositoryViewStats } from "./repository-view.js";

export interface PullRequestRenders {
  head: RenderedInput[];
  base: RenderedInput[];
  /** Files that are build inputs at head / at the merge base: never judged on their own. */
  consumedHead: Set<string>;
  consumedBase: Set<string>;
  /** Roots rendered (for the summary). */
  roots: string[];
  notes: string[];
  stats: RepositoryViewStats;
  /** The head commit's file list when it was read (the cross-file context reuses it). */
  headTree?: { paths: string[]; truncated: boolean };
}

const EMPTY = (): PullRequestRenders => ({ head: [], base: [], consumedHead: new Set(), consumedBase: new Set(), roots: [], notes: [], stats: { treeRequests: 0, blobRequests: 0 } });

/**
 * Whether a PR may touch a build at all: Dockerfiles and compose files never are build inputs of a
 * kustomization or chart, everything else might be (YAML patches, values, templates, generator
 * inputs), so only PRs changing nothing but those skip the tree listing.
 */
export function mayAffectRenders(changed: readonly ChangedFile[], config: ResolvedConfig, renderers: Renderers): boolean {
  if (!(config.render.kustomize && renderers.kustomize) && !(config.render.helm && renderers.helm)) return false;
  return changed.some((file) => [file.filename, file.previousFilename ?? ""].some(isPossibleBuildInput));
}

/**
 * Files whose change can alter what an overlay or chart deploys in a way worth a review: YAML and
 * JSON (resources, patches, values, templates), Go templates (`_helpers.tpl`), vendored chart
 * archives, `Kustomization` and `.helmignore`. Other generator inputs (`.properties`, `.env`) only
 * change ConfigMap data, so a PR touching nothing else is not rendered.
 */
function isPossibleBuildInput(path: string): boolean {
  if (path === "") return false;
  const name = path.slice(path.lastIndexOf("/") + 1);
  return detectKindByPath(path) === "yaml" || /\.(tpl|tgz)$/.test(name) || name === "Kustomization" || name === ".helmignore" || path.includes("/templates/");
}

function affectedRoots(plan: RenderPlan, changedPaths: readonly string[]): { kustomize: Set<string>; charts: Set<string> } {
  const kustomize = new Set<string>();
  for (const root of plan.kustomizeRoots) {
    const closure = staticClosure(plan, root);
    if (changedPaths.some((p) => closure.has(p))) kustomize.add(root);
  }
  const charts = new Set<string>();
  for (const path of changedPaths) for (const root of chartRootsOf(plan, path)) charts.add(root);
  return { kustomize, charts };
}

export async function renderPullRequest(
  octokit: GitHubClient,
  repo: RepoRef,
  headSha: string,
  mergeBase: () => Promise<string>,
  changed: readonly ChangedFile[],
  config: ResolvedConfig,
  renderers: Renderers,
  limits: RenderLimits,
): Promise<PullRequestRenders> {
  const out = EMPTY();
  if (!mayAffectRenders(changed, config, renderers)) return out;
  const effective = withAvailableRenderers(config, renderers);
  const cache: BlobCache = new Map();
  const viewOptions = { concurrency: 8, maxFileBytes: config.limits.maxFileBytes * 20 };
  const head = await repositoryView(octokit, repo, headSha, cache, out.stats, viewOptions);
  if (head.truncated) out.notes.push("The repository tree is larger than GitHub lists in one request; overlays and charts past the cut were not rendered.");
  const headPaths = head.view.paths();
  out.headTree = { paths: headPaths, truncated: head.truncated };
  if (!headPaths.some((p) => /(^|\/)(kustomization\.ya?ml|Kustomization|Chart\.yaml)$/.test(p))) return out;

  const headPlan = await planRenders(head.view, headPaths);
  const changedPaths = changed.flatMap((f) => [f.filename, ...(f.previousFilename ? [f.previousFilename] : [])]);
  const affected = affectedRoots(headPlan, changedPaths);
  out.consumedHead = staticallyConsumed(headPlan, headPaths, effective);
  if (affected.kustomize.size === 0 && affected.charts.size === 0) return out;

  const headRequests = capRequests(requestsFor(headPlan, effective, affected), effective, out.notes);
  out.head = await renderRoots(head.view, headRequests, renderers, limits);
  out.roots = [...headRequests.kustomize, ...headRequests.helm.map((h) => h.dir)];
  for (const input of out.head) for (const path of input.result.consumed) out.consumedHead.add(path);

  // The same roots at the merge base, where they existed.
  try {
    const baseSha = await mergeBase();
    const base = await repositoryView(octokit, repo, baseSha, cache, out.stats, viewOptions);
    const basePaths = base.view.paths();
    const basePlan = await planRenders(base.view, basePaths);
    out.consumedBase = staticallyConsumed(basePlan, basePaths, effective);
    const baseRequests = requestsFor(basePlan, effective, {
      kustomize: new Set(headRequests.kustomize),
      charts: new Set(headRequests.helm.map((h) => h.dir)),
    });
    out.base = await renderRoots(base.view, baseRequests, renderers, limits);
    for (const input of out.base) for (const path of input.result.consumed) out.consumedBase.add(path);
  } catch (error) {
    out.notes.push(`The overlays and charts could not be rendered at the merge base (${describeError(error)}); every finding in them is treated as new.`);
  }
  return out;
}
