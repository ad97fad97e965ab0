/**
 * Slash commands in pull request comments: `/container-review rescan` (alias `/rescan`) and
 * `/container-review help`. Only people with write, maintain or admin permission may rescan.
 */
import { httpStatus, type GitHubClient, type RepoRef } from "./github-client.js";

export type SlashCommand = { name: "rescan" } | { name: "help" } | { name: "unknown"; text: string };

const COMMAND_LINE = /^\/(container-review|rescan)(?:\s+(\S+))?\s*$/i;

/**
 * Finds the first command line in a comment body. Quoted lines (`> ...`) and fenced code blocks
 * are ignored, so quoting an earlier command does not run it again.
 */
export function parseSlashCommand(body: string | null | undefined): SlashCommand | undefined {
  if (!body) return undefined;
  let inFence = false;
  for (const rawLine of body.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (/^(```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence || line.startsWith(">")) continue;
    const match = COMMAND_LINE.exec(line.replace(/^`(.*)`$/, "$1"));
    if (!match) continue;
    const word = match[1].toLowerCase();
    const argument = match[2]?.toLowerCase();
    if (word === "rescan") {
      if (argument === undefined) return { name: "rescan" };
      continue;
    }
    if (argument === "rescan") return { name: "rescan" };
    if (argument === undefined || argument === "help") return { name: "help" };
    return { name: "unknown", text: line };
  }
  return undefined;
}

export const HELP_TEXT = [
  "**container-review** commands (comment on the pull request, one per line):",
  "",
  "- `/container-review rescan` (or `/rescan`): scan the pull request again. Needs write, maintain or admin permission.",
  "- `/container-review help`: show this help.",
  "",
  "The configuration is read from `.github/container-review.yml` on the base branch.",
].join("\n");

const ALLOWED_PERMISSIONS = new Set(["admin", "maintain", "write"]);

/** Whether the user may run commands: repository permission write, maintain or admin. */
export async function canRunCommands(octokit: GitHubClient, repo: RepoRef, username: string): Promise<boolean> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username });
    return ALLOWED_PERMISSIONS.has(data.permission) || (typeof data.role_name === "string" && ALLOWED_PERMISSIONS.has(data.role_name));
  } catch (error) {
    if (httpStatus(error) === 404) return false;
    throw error;
  }
}

/** Bots, including this app, never trigger commands (no loops). */
export function isBotUser(user: { type?: string | null; login?: string | null } | null | undefined): boolean {
  if (!user) return true;
  return user.type === "Bot" || (typeof user.login === "string" && user.login.toLowerCase().endsWith("[bot]"));
}
