/**
 * The repository's configuration, `.github/container-review.yml`, read from the pull request's
 * BASE branch (a PR must not be able to switch off its own review), with Probot's config plugin so
 * that `_extends` (an organisation-wide file) and the `<owner>/.github` fallback work.
 */
import { resolveConfig } from "../config/load.js";
import type { ResolvedConfig } from "../config/schema.js";
import { knownRuleIds } from "../../rules/index.js";
import { describeError, type GitHubClient, type RepoRef } from "./github-client.js";

export const CONFIG_PATH = ".github/container-review.yml";

export interface RepositoryConfig {
  config: ResolvedConfig;
  /** Clear sentences naming the file; non-empty means the check must fail. */
  errors: string[];
  /** Where the configuration came from, for the summary ("defaults" when no file exists). */
  sources: string[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Deep merge of config objects: later wins; lists are replaced, not concatenated. */
export function mergeConfigLayers(layers: readonly unknown[]): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const layer of layers) {
    if (!isPlainObject(layer)) continue;
    for (const [key, value] of Object.entries(layer)) {
      const previous = merged[key];
      merged[key] = isPlainObject(previous) && isPlainObject(value) ? mergeConfigLayers([previous, value]) : value;
    }
  }
  return merged;
}

/** Loads and validates the configuration at `ref` (the base branch). Never throws. */
export async function loadRepositoryConfig(octokit: GitHubClient, repo: RepoRef, ref: string): Promise<RepositoryConfig> {
  const source = `${CONFIG_PATH} (branch ${ref})`;
  let files: { owner: string; repo: string; path: string; config: Record<string, unknown> | null }[];
  try {
    ({ files } = await octokit.config.get({ ...repo, path: CONFIG_PATH, branch: ref }));
  } catch (error) {
    const reason = describeError(error).replace(/^\[@probot\/octokit-plugin-config\]\s*/, "");
    return { config: resolveConfig(undefined).config, errors: [`${source}: cannot be read: ${reason}`], sources: [] };
  }
  const present = files.filter((file) => file.config !== null);
  if (present.length === 0) return { config: resolveConfig(undefined).config, errors: [], sources: [] };
  const sources = present.map((file) => `${file.owner}/${file.repo}:${file.path}`);
  for (const file of present) {
    if (!isPlainObject(file.config)) {
      return { config: resolveConfig(undefined).config, errors: [`${file.owner}/${file.repo}:${file.path}: must be a mapping of keys to values`], sources };
    }
  }
  // files[0] is the repository's own file; later entries are what it extends. Extended files go first.
  const merged = mergeConfigLayers(present.map((file) => file.config).reverse());
  delete merged._extends;
  const label = sources.length > 1 ? `${source} (with ${sources.slice(1).join(", ")})` : source;
  const outcome = resolveConfig(merged, label, knownRuleIds());
  return { config: outcome.config, errors: outcome.errors, sources };
}
