/**
 * The repository on GitHub at one commit, as a read-only source view for the renderers: one
 * request lists the whole tree (`git/trees/{sha}?recursive=1`), and blobs are fetched only when a
 * renderer reads them (`git/blobs/{sha}`), cached by blob SHA so a file that is the same at the
 * head and at the merge base is read once, with bounded concurrency.
 *
 * Measured choice (bench/app.ts, "reads per PR"): for a one-overlay change a tree listing plus the
 * few blobs the affected roots read costs far fewer requests than a tarball would cost bytes, and
 * it needs no archive handling; a truncated tree (over GitHub's 100,000 entries / 7 MB) is
 * reported and the view holds what the listing gave.
 */
import { TreeSourceView, type TreeEntry } from "../source/tree.js";
import type { GitHubClient, RepoRef } from "./github-client.js";

export interface RepositoryViewStats {
  treeRequests: number;
  blobRequests: number;
}

export interface RepositoryView {
  view: TreeSourceView;
  /** True when GitHub cut the listing short: files past the cut are missing from the view. */
  truncated: boolean;
}

/** A shared blob cache for the views of one scan (head and merge base). */
export type BlobCache = Map<string, Promise<Uint8Array>>;

export async function repositoryView(
  octokit: GitHubClient,
  repo: RepoRef,
  commitSha: string,
  cache: BlobCache,
  stats: RepositoryViewStats,
  options: { concurrency?: number; maxFileBytes?: number } = {},
): Promise<RepositoryView> {
  stats.treeRequests += 1;
  const { data } = await octokit.rest.git.getTree({ ...repo, tree_sha: commitSha, recursive: "1" });
  const files: TreeEntry[] = [];
  for (const entry of data.tree) {
    if (entry.type !== "blob" || !entry.path || !entry.sha) continue;
    files.push({ path: entry.path, sha: entry.sha, ...(typeof entry.size === "number" ? { size: entry.size } : {}) });
  }
  const view = new TreeSourceView(
    `github ${repo.owner}/${repo.repo}@${commitSha.slice(0, 12)}`,
    { files },
    async (entry) => {
      stats.blobRequests += 1;
      const { data: blob } = await octokit.rest.git.getBlob({ ...repo, file_sha: entry.sha });
      const bytes = Buffer.from(blob.content ?? "", blob.encoding === "base64" ? "base64" : "utf8");
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    cache,
    options,
  );
  return { view, truncated: Boolean(data.truncated) };
}
