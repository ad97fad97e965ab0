/**
 * GitHub's size limits on the text the app sends, and safe truncation to them.
 */

/** `output.summary` and `output.text` of a check run (422 above it). */
export const CHECK_OUTPUT_MAX_CHARS = 65535;
/** Issue, review and review-comment bodies. */
export const COMMENT_BODY_MAX_CHARS = 65536;
/** Check-run annotation `title`. */
export const ANNOTATION_TITLE_MAX_CHARS = 255;
/** Check-run annotation `message` (64 KB); kept well below it. */
export const ANNOTATION_MESSAGE_MAX_CHARS = 4000;
/** Annotations accepted per create/update request. */
export const ANNOTATIONS_PER_REQUEST = 50;

/**
 * Cuts `text` to at most `limit` characters (UTF-16 code units, as GitHub counts), at a line break
 * when one is near, and appends `note` so readers know something is missing.
 */
export function truncateText(text: string, limit: number, note = "\n\n… (truncated: too long for GitHub)"): string {
  if (text.length <= limit) return text;
  const room = Math.max(0, limit - note.length);
  let cut = text.slice(0, room);
  const lastBreak = cut.lastIndexOf("\n");
  if (lastBreak > room * 0.8) cut = cut.slice(0, lastBreak);
  // Never leave half of a surrogate pair at the end.
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return (cut + note).slice(0, limit);
}

/** A single line of text fit for a Markdown table cell. */
export function tableCell(text: string, max = 300): string {
  const flat = text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Inline code that survives backticks in the value. */
export function inlineCode(text: string): string {
  const flat = text.replace(/\r?\n/g, " ");
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`.replace(/\|/g, "\\|");
}
