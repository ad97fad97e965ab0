/**
 * Reading a pull request: its changed files (paginated, up to GitHub's 3000-file cap) and the
 * contents of the container files at the head and base commits, with bounded concurrency.
 */
import picomatch from "picomatch";
import type { ResolvedConfig } from "../config/schema.js";
import { detectKindByPath } from "../engine/detect.js";
import { httpStatus, mapWithConcurrency, type GitHubClient, type RepoRef } from "./github-client.js";

export type ChangedFileStatus = "added" | "removed" | "modified" | "renamed" | "copied" | "changed" | "unchanged";

export interface ChangedFile {
  filename: string;
  status: ChangedFileStatus;
  previousFilename?: string;
  /** The unified-diff hunks; absent for binary files and diffs GitHub finds too large. */
  patch?: string;
}

/** Lists the files of a pull request, 100 per page. */
export async function listChangedFiles(octokit: GitHubClient, repo: RepoRef, pullNumber: number): Promise<ChangedFile[]> {
  const entries = await octokit.paginate(octokit.rest.pulls.listFiles, { ...repo, pull_number: pullNumber, per_page: 100 });
  return entries.map((entry) => {
    const file: ChangedFile = { filename: entry.filename, status: entry.status };
    if (entry.previous_filename) file.previousFilename = entry.previous_filename;
    if (typeof entry.patch === "string") file.patch = entry.patch;
    return file;
  });
}

function compileGlobs(globs: readonly string[]): ((path: string) => boolean) | null {
  if (globs.length === 0) return null;
  const matchers = globs.map((glob) => picomatch(glob, { dot: true, matchBase: !glob.includes("/") }));
  return (path) => matchers.some((matches) => matches(path));
}

/**
 * The changed files worth fetching: not removed, named like a container file (or YAML/JSON that
 * may hold manifests), and allowed by `paths.include` / `paths.exclude` (the same matching as the
 * engine, so excluded files are not even downloaded).
 */
export function selectContainerFiles(files: readonly ChangedFile[], config: ResolvedConfig): ChangedFile[] {
  const include = compileGlobs(config.paths.include);
  const exclude = compileGlobs(config.paths.exclude);
  return files.filter((file) => {
    if (file.status === "removed" || file.status === "unchanged") return false;
    if (detectKindByPath(file.filename) === null) return false;
    if (include && !include(file.filename)) return false;
    if (exclude && exclude(file.filename)) return false;
    return true;
  });
}

export type FetchedContent =
  | { kind: "file"; bytes: Uint8Array; size: number }
  /** Larger than the contents API returns inline (over 1 MB): only the size is known. */
  | { kind: "too-large"; size: number }
  | { kind: "missing"; reason: string };

/** Reads one file at a commit through the contents API (base64 JSON). 404 and non-files are "missing". */
export async function fetchFileContent(octokit: GitHubClient, repo: RepoRef, path: string, ref: string, maxBytes: number): Promise<FetchedContent> {
  let data: unknown;
  try {
    ({ data } = await octokit.rest.repos.getContent({ ...repo, path, ref }));
  } catch (error) {
    if (httpStatus(error) === 404) return { kind: "missing", reason: "not found at this commit" };
    throw error;
  }
  if (Array.isArray(data) || typeof data !== "object" || data === null) return { kind: "missing", reason: "a directory, not a file" };
  const entry = data as { type?: string; encoding?: string; content?: string; size?: number };
  if (entry.type !== "file") return { kind: "missing", reason: `a ${entry.type ?? "non-file"}, not a file` };
  const size = typeof entry.size === "number" ? entry.size : 0;
  if (size > maxBytes || entry.encoding === "none" || typeof entry.content !== "string") return { kind: "too-large", size };
  const bytes = Buffer.from(entry.content, "base64");
  return { kind: "file", bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), size: bytes.byteLength };
}

export interface FetchRequest {
  path: string;
  ref: string;
}

/** Fetches several files, at most `concurrency` requests at a time. Any non-404 error rejects. */
export function fetchFileContents(
  octokit: GitHubClient,
  repo: RepoRef,
  requests: readonly FetchRequest[],
  maxBytes: number,
  concurrency = 8,
): Promise<FetchedContent[]> {
  return mapWithConcurrency(requests, concurrency, (request) => fetchFileContent(octokit, repo, request.path, request.ref, maxBytes));
}
