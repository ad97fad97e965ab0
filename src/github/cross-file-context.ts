/**
 * Context files for cross-file rules. `cross/named-user-run-as-non-root` joins a pod in a changed
 * manifest with the Dockerfile its image is built from, which the PR may not touch, and
 * `k8s/image-latest-tag` leaves alone the images a skaffold config builds (skaffold deploys them
 * digest-pinned). So when a PR
 * changes YAML that may hold Kubernetes objects, the app also reads, from the head commit, the
 * repository's Dockerfiles, compose files and skaffold configs (the files that say how images are
 * built). They are scanned as context only: findings in them are dropped, because they are not
 * part of the PR. The same context goes into the base scan, so a finding is new only when the PR's
 * own change causes it.
 */
import picomatch from "picomatch";
import type { ResolvedConfig } from "../config/schema.js";
import { basename, detectKindByPath } from "../engine/detect.js";
import { effectiveSeverity } from "../engine/scan.js";
import { crossFileRules, ruleById } from "../../rules/index.js";
import { httpStatus, type GitHubClient, type RepoRef } from "./github-client.js";
import type { ChangedFile } from "./pull-request-files.js";

/** Context files read per scan at most. */
export const MAX_CONTEXT_FILES = 40;

const SKAFFOLD_NAME = /^skaffold(?:[.-][\w.-]+)?\.ya?ml$/i;

/** Per-file rules that read the images skaffold builds (RuleContext.buildImages). */
const RULES_READING_BUILD_IMAGES = ["k8s/image-latest-tag"];

/**
 * Whether a rule that joins manifests with build descriptions (the `cross/` family, or a rule that
 * leaves images built by skaffold alone) is on, and a changed file may hold Kubernetes objects.
 */
export function needsCrossFileContext(selected: readonly ChangedFile[], config: ResolvedConfig): boolean {
  const joinsBuilds = [
    ...crossFileRules().filter((rule) => rule.meta.id.startsWith("cross/")),
    ...RULES_READING_BUILD_IMAGES.flatMap((id) => ruleById(id) ?? []).map((meta) => ({ meta })),
  ];
  if (!joinsBuilds.some((rule) => effectiveSeverity(rule.meta, config) !== null)) return false;
  return selected.some((file) => detectKindByPath(file.filename) === "yaml");
}

/** Is this path a file that says how an image is built (Dockerfile, compose file, skaffold config)? */
export function isBuildDescription(path: string): boolean {
  const kind = detectKindByPath(path);
  return kind === "dockerfile" || kind === "compose" || SKAFFOLD_NAME.test(basename(path));
}

/**
 * Paths of build descriptions at `commitSha`, other than the PR's own files, allowed by
 * `paths.include` / `paths.exclude`, at most MAX_CONTEXT_FILES. Empty when the tree cannot be read (never throws
 * for a missing tree; other errors propagate to the caller, which treats them as non-fatal).
 */
export async function listContextFiles(
  octokit: GitHubClient,
  repo: RepoRef,
  commitSha: string,
  changedPaths: ReadonlySet<string>,
  config: ResolvedConfig,
): Promise<{ paths: string[]; truncated: boolean }> {
  let tree: { path?: string; type?: string }[];
  let truncated: boolean;
  try {
    const { data } = await octokit.rest.git.getTree({ ...repo, tree_sha: commitSha, recursive: "1" });
    tree = data.tree;
    truncated = data.truncated;
  } catch (error) {
    if (httpStatus(error) === 404 || httpStatus(error) === 409) return { paths: [], truncated: false };
    throw error;
  }
  const matcher = (globs: string[]) => globs.map((glob) => picomatch(glob, { dot: true, matchBase: !glob.includes("/") }));
  const included = matcher(config.paths.include);
  const excluded = matcher(config.paths.exclude);
  const allowed = (path: string) => (included.length === 0 || included.some((m) => m(path))) && !excluded.some((m) => m(path));
  const paths = tree
    .filter((entry) => entry.type === "blob" && typeof entry.path === "string")
    .map((entry) => entry.path as string)
    .filter((path) => !changedPaths.has(path) && isBuildDescription(path) && allowed(path))
    .sort();
  return { paths: paths.slice(0, MAX_CONTEXT_FILES), truncated: truncated || paths.length > MAX_CONTEXT_FILES };
}
