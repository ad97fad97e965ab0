/**
 * Which lines of a pull request file can carry a review comment.
 *
 * GitHub rejects a whole review (HTTP 422) when a single comment sits outside the diff, so the
 * app works out the commentable lines itself from each file's unified-diff `patch`: the RIGHT-side
 * (new file) lines that appear in a hunk, whether added (`+`) or context (` `). A multi-line
 * comment must also start and end in the same hunk.
 */

export interface DiffHunk {
  /** First new-file line covered by the hunk header (`+start,count`). */
  newStart: number;
  newCount: number;
  /** New-file lines shown in this hunk (added or context), in order. */
  rightLines: number[];
  /** New-file lines this hunk adds. */
  addedLines: number[];
}

export interface FileDiff {
  hunks: DiffHunk[];
  /** New-file line -> index of the hunk that shows it. */
  hunkOfLine: Map<number, number>;
  /** New-file lines the PR adds or changes. */
  addedLines: Set<number>;
}

const HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/** Parses a GitHub `patch` (the hunks of one file, without the `diff --git` header). Never throws. */
export function parsePatch(patch: string | null | undefined): FileDiff {
  const hunks: DiffHunk[] = [];
  const hunkOfLine = new Map<number, number>();
  const addedLines = new Set<number>();
  if (!patch) return { hunks, hunkOfLine, addedLines };
  let current: DiffHunk | undefined;
  let nextRightLine = 0;
  for (const rawLine of patch.split("\n")) {
    const line = rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine;
    const header = HUNK_HEADER.exec(line);
    if (header) {
      const newStart = Number(header[1]);
      const newCount = header[2] === undefined ? 1 : Number(header[2]);
      current = { newStart, newCount, rightLines: [], addedLines: [] };
      hunks.push(current);
      nextRightLine = newStart;
      continue;
    }
    if (!current) continue;
    const marker = line.charAt(0);
    const isContext = marker === " " || (line === "" && current.rightLines.length < current.newCount);
    if (marker === "+" || isContext) {
      // An empty line inside a hunk is a context line whose leading space a tool stripped.
      current.rightLines.push(nextRightLine);
      if (marker === "+") {
        current.addedLines.push(nextRightLine);
        addedLines.add(nextRightLine);
      }
      hunkOfLine.set(nextRightLine, hunks.length - 1);
      nextRightLine += 1;
    }
    // "-" lines live on the LEFT side; "\ No newline at end of file" is not a line.
  }
  return { hunks, hunkOfLine, addedLines };
}

/** Can a comment sit on this new-file line? */
export function isCommentable(diff: FileDiff, line: number): boolean {
  return diff.hunkOfLine.has(line);
}

/** Are all lines `start..end` shown in one and the same hunk (so a multi-line comment is valid)? */
export function isRangeInOneHunk(diff: FileDiff, start: number, end: number): boolean {
  if (end < start) return false;
  const hunk = diff.hunkOfLine.get(start);
  if (hunk === undefined) return false;
  for (let line = start + 1; line <= end; line += 1) {
    if (diff.hunkOfLine.get(line) !== hunk) return false;
  }
  return true;
}
