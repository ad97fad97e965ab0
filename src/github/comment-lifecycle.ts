/**
 * The app's earlier review comments on a pull request: found by their hidden markers (only
 * comments written by a bot account count, so a human's comment or reply is never touched), used
 * to avoid duplicates, and, when their finding is gone, edited to say "fixed in <sha>" and
 * minimized as OUTDATED through GraphQL (which the pull-request permission allows).
 */
import { markerKey, parseMarker, replaceMarker, type FindingMarker } from "./markers.js";
import { COMMENT_BODY_MAX_CHARS, truncateText } from "./text-limits.js";
import type { GitHubClient, RepoRef } from "./github-client.js";

export interface BotReviewComment {
  id: number;
  nodeId: string;
  path: string;
  body: string;
  marker: FindingMarker;
  /** GitHub marks a comment outdated (position null) when a later push changed its line. */
  outdated: boolean;
}

function isBotAccount(user: { type?: string; login?: string } | null | undefined): boolean {
  if (!user) return false;
  return user.type === "Bot" || (typeof user.login === "string" && user.login.endsWith("[bot]"));
}

/** Lists the PR's review comments (100 per page) and keeps the app's own, marked ones. */
export async function listBotReviewComments(octokit: GitHubClient, repo: RepoRef, pullNumber: number): Promise<BotReviewComment[]> {
  const comments = await octokit.paginate(octokit.rest.pulls.listReviewComments, { ...repo, pull_number: pullNumber, per_page: 100 });
  const result: BotReviewComment[] = [];
  for (const comment of comments) {
    if (!isBotAccount(comment.user)) continue;
    const marker = parseMarker(comment.body);
    if (!marker) continue;
    result.push({ id: comment.id, nodeId: comment.node_id, path: comment.path, body: comment.body, marker, outdated: comment.position === null });
  }
  return result;
}

/**
 * Keys of findings that already have a visible, open comment. A comment marked fixed, or one GitHub
 * shows as outdated (its line changed since), does not stop a new comment on the finding's line.
 */
export function openCommentKeys(comments: readonly BotReviewComment[]): Set<string> {
  return new Set(comments.filter((c) => c.marker.state === "open" && !c.outdated).map((c) => markerKey(c.marker)));
}

/**
 * Open comments whose finding no longer occurs. Only comments on files that were scanned in full
 * this time are considered (`scannedFiles`); `currentKeys` are the keys of all current,
 * unsuppressed head findings.
 */
export function commentsForGoneFindings(
  comments: readonly BotReviewComment[],
  currentKeys: ReadonlySet<string>,
  scannedFiles: ReadonlySet<string>,
): BotReviewComment[] {
  return comments.filter(
    (c) => c.marker.state === "open" && scannedFiles.has(c.marker.file) && !currentKeys.has(markerKey(c.marker)),
  );
}

export function fixedCommentBody(body: string, marker: FindingMarker, headSha: string): string {
  const note = `> [!NOTE]\n> Fixed in ${headSha}: container-review no longer finds this problem.\n\n`;
  const updated = replaceMarker(body, { ...marker, state: "fixed" });
  if (note.length + updated.length <= COMMENT_BODY_MAX_CHARS) return note + updated;
  return truncateText(note + updated, COMMENT_BODY_MAX_CHARS);
}

const MINIMIZE_COMMENT = `mutation ($subjectId: ID!) {
  minimizeComment(input: { subjectId: $subjectId, classifier: OUTDATED }) {
    minimizedComment { isMinimized }
  }
}`;

/** Edits one earlier comment to say it is fixed, then hides it as outdated. */
export async function markCommentFixed(octokit: GitHubClient, repo: RepoRef, comment: BotReviewComment, headSha: string): Promise<void> {
  await octokit.rest.pulls.updateReviewComment({
    ...repo,
    comment_id: comment.id,
    body: fixedCommentBody(comment.body, comment.marker, headSha),
  });
  await octokit.graphql(MINIMIZE_COMMENT, { subjectId: comment.nodeId });
}
