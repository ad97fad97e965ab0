/**
 * Unified diffs the way GitHub shows them in a pull request's `files[].patch`: hunks with 3 lines of
 * context, `@@ -a,b +c,d @@` headers and `\ No newline at end of file` markers; and the reverse, the
 * set of lines a review comment may sit on (inside a hunk, per side).
 */

export interface PatchResult {
  /** Absent when GitHub would omit it: binary files and very large diffs. */
  patch: string | undefined;
  additions: number;
  deletions: number;
  binary: boolean;
  /** True when the diff was too large to compute or to show. */
  tooLarge: boolean;
}

export interface DiffLimits {
  /** A patch with more lines than this is omitted (GitHub drops `patch` for big per-file diffs). */
  maxPatchLines: number;
  /** Above this many cells the line-by-line comparison is not attempted: the patch is omitted. */
  maxDiffCells: number;
}

export const DEFAULT_DIFF_LIMITS: DiffLimits = { maxPatchLines: 3000, maxDiffCells: 25_000_000 };

const CONTEXT = 3;

export function isBinary(content: Buffer): boolean {
  const n = Math.min(content.length, 8000);
  for (let i = 0; i < n; i++) if (content[i] === 0) return true;
  return false;
}

interface SplitText {
  lines: string[];
  finalNewline: boolean;
}

function splitLines(text: string): SplitText {
  if (text === "") return { lines: [], finalNewline: true };
  const lines = text.split("\n");
  const finalNewline = lines[lines.length - 1] === "";
  if (finalNewline) lines.pop();
  return { lines, finalNewline };
}

type Op = { kind: " " | "-" | "+"; text: string; oldNo: number; newNo: number };

/** Line operations turning `a` into `b`: common prefix/suffix trimmed, then an LCS table on the middle. */
function diffLines(a: string[], b: string[], maxCells: number): Op[] | undefined {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const ops: Op[] = [];
  for (let i = 0; i < start; i++) ops.push({ kind: " ", text: a[i], oldNo: i + 1, newNo: i + 1 });
  const n = midA.length;
  const m = midB.length;
  if (n > 0 && m > 0) {
    if (n * m > maxCells) return undefined;
    // lcs[i][j] = LCS length of midA[i..] and midB[j..], stored row-major in one typed array.
    const width = m + 1;
    const lcs = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * width + j] =
          midA[i] === midB[j]
            ? lcs[(i + 1) * width + j + 1] + 1
            : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (midA[i] === midB[j]) {
        ops.push({ kind: " ", text: midA[i], oldNo: start + i + 1, newNo: start + j + 1 });
        i++;
        j++;
      } else if (lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
        ops.push({ kind: "-", text: midA[i], oldNo: start + i + 1, newNo: 0 });
        i++;
      } else {
        ops.push({ kind: "+", text: midB[j], oldNo: 0, newNo: start + j + 1 });
        j++;
      }
    }
    for (; i < n; i++) ops.push({ kind: "-", text: midA[i], oldNo: start + i + 1, newNo: 0 });
    for (; j < m; j++) ops.push({ kind: "+", text: midB[j], oldNo: 0, newNo: start + j + 1 });
  } else {
    for (let i = 0; i < n; i++) ops.push({ kind: "-", text: midA[i], oldNo: start + i + 1, newNo: 0 });
    for (let j = 0; j < m; j++) ops.push({ kind: "+", text: midB[j], oldNo: 0, newNo: start + j + 1 });
  }
  const delta = endB - endA;
  for (let i = endA; i < a.length; i++) ops.push({ kind: " ", text: a[i], oldNo: i + 1, newNo: i + 1 + delta });
  return ops;
}

/**
 * The patch GitHub would show for a file going from `before` to `after` (either may be undefined: added or
 * removed file).
 */
export function createPatch(
  before: Buffer | undefined,
  after: Buffer | undefined,
  limits: DiffLimits = DEFAULT_DIFF_LIMITS,
): PatchResult {
  if ((before && isBinary(before)) || (after && isBinary(after))) {
    return { patch: undefined, additions: 0, deletions: 0, binary: true, tooLarge: false };
  }
  const a = splitLines(before ? before.toString("utf8") : "");
  const b = splitLines(after ? after.toString("utf8") : "");
  // A changed final newline changes the last line: compare the last lines with a marker appended.
  const aLines = [...a.lines];
  const bLines = [...b.lines];
  if (!a.finalNewline && aLines.length) aLines[aLines.length - 1] += "\u0000nonl";
  if (!b.finalNewline && bLines.length) bLines[bLines.length - 1] += "\u0000nonl";
  const ops = diffLines(aLines, bLines, limits.maxDiffCells);
  if (!ops) return { patch: undefined, additions: 0, deletions: 0, binary: false, tooLarge: true };
  const additions = ops.filter((o) => o.kind === "+").length;
  const deletions = ops.filter((o) => o.kind === "-").length;
  if (additions + deletions === 0) return { patch: undefined, additions, deletions, binary: false, tooLarge: false };

  const out: string[] = [];
  let i = 0;
  let patchLines = 0;
  while (i < ops.length) {
    while (i < ops.length && ops[i].kind === " ") i++;
    if (i >= ops.length) break;
    const hunkStart = Math.max(0, i - CONTEXT);
    // Extend the hunk while changes are within 2*CONTEXT lines of each other.
    let end = i;
    for (;;) {
      while (end < ops.length && ops[end].kind !== " ") end++;
      let next = end;
      while (next < ops.length && ops[next].kind === " ") next++;
      if (next < ops.length && next - end <= 2 * CONTEXT) {
        end = next;
        continue;
      }
      break;
    }
    const hunkEnd = Math.min(ops.length, end + CONTEXT);
    const slice = ops.slice(hunkStart, hunkEnd);
    const oldCount = slice.filter((o) => o.kind !== "+").length;
    const newCount = slice.filter((o) => o.kind !== "-").length;
    const firstOld = slice.find((o) => o.kind !== "+");
    const firstNew = slice.find((o) => o.kind !== "-");
    const oldStart = firstOld ? firstOld.oldNo : previousOldLine(ops, hunkStart);
    const newStart = firstNew ? firstNew.newNo : previousNewLine(ops, hunkStart);
    out.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`);
    for (const o of slice) {
      const noNewline = o.text.endsWith("\u0000nonl");
      out.push(`${o.kind}${noNewline ? o.text.slice(0, -"\u0000nonl".length) : o.text}`);
      if (noNewline) out.push("\\ No newline at end of file");
    }
    patchLines += slice.length + 1;
    i = hunkEnd;
  }
  if (patchLines > limits.maxPatchLines) {
    return { patch: undefined, additions, deletions, binary: false, tooLarge: true };
  }
  return { patch: out.join("\n"), additions, deletions, binary: false, tooLarge: false };
}

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${start},${count}`;
}

function previousOldLine(ops: Op[], index: number): number {
  for (let k = index - 1; k >= 0; k--) if (ops[k].kind !== "+") return ops[k].oldNo;
  return 0;
}

function previousNewLine(ops: Op[], index: number): number {
  for (let k = index - 1; k >= 0; k--) if (ops[k].kind !== "-") return ops[k].newNo;
  return 0;
}

export interface HunkLine {
  kind: " " | "-" | "+";
  oldNo: number;
  newNo: number;
  /** 1-based position of the line in the patch, counted from the first `@@` (the old `position`). */
  position: number;
}

export interface ParsedPatch {
  hunks: HunkLine[][];
  /** new-file line number -> hunk index, for `+` and context lines (side RIGHT). */
  right: Map<number, number>;
  /** old-file line number -> hunk index, for `-` and context lines (side LEFT). */
  left: Map<number, number>;
  /** position -> line, for position-based comments. */
  byPosition: Map<number, HunkLine & { hunk: number }>;
  /** The `diff_hunk` GitHub shows with a comment: the patch from the hunk header down to `position`. */
  patchLines: string[];
}

export function parsePatch(patch: string): ParsedPatch {
  const hunks: HunkLine[][] = [];
  const right = new Map<number, number>();
  const left = new Map<number, number>();
  const byPosition = new Map<number, HunkLine & { hunk: number }>();
  const patchLines = patch.split("\n");
  let oldNo = 0;
  let newNo = 0;
  let position = 0;
  for (let idx = 0; idx < patchLines.length; idx++) {
    const line = patchLines[idx];
    const header = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (header) {
      oldNo = Number(header[1]);
      newNo = Number(header[2]);
      hunks.push([]);
      if (idx > 0) position++;
      continue;
    }
    if (hunks.length === 0) continue;
    position++;
    const hunk = hunks.length - 1;
    const kind = line[0];
    if (kind === "+") {
      const h: HunkLine = { kind: "+", oldNo: 0, newNo, position };
      hunks[hunk].push(h);
      right.set(newNo, hunk);
      byPosition.set(position, { ...h, hunk });
      newNo++;
    } else if (kind === "-") {
      const h: HunkLine = { kind: "-", oldNo, newNo: 0, position };
      hunks[hunk].push(h);
      left.set(oldNo, hunk);
      byPosition.set(position, { ...h, hunk });
      oldNo++;
    } else if (kind === " ") {
      const h: HunkLine = { kind: " ", oldNo, newNo, position };
      hunks[hunk].push(h);
      right.set(newNo, hunk);
      left.set(oldNo, hunk);
      byPosition.set(position, { ...h, hunk });
      oldNo++;
      newNo++;
    }
    // "\ No newline at end of file" takes a position but is no line of either file.
  }
  return { hunks, right, left, byPosition, patchLines };
}

/** The `diff_hunk` text for a comment at `position`: from its hunk's header down to that line. */
export function diffHunkFor(patch: string, position: number): string {
  const lines = patch.split("\n");
  // position counts lines after the first header; index in `lines` is therefore `position`.
  const target = Math.min(position, lines.length - 1);
  let headerIndex = 0;
  for (let k = target; k >= 0; k--) {
    if (lines[k].startsWith("@@")) {
      headerIndex = k;
      break;
    }
  }
  return lines.slice(headerIndex, target + 1).join("\n");
}
