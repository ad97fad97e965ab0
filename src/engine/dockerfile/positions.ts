/**
 * The one place where positions are converted. dockerfile-ast speaks LSP (0-based line and
 * character); the engine speaks 1-based lines and columns with an exclusive end column. The shell
 * reader works on absolute character offsets into the (LF-normalised) file text.
 */
import type { Range } from "../types.js";

export interface LspPosition {
  line: number;
  character: number;
}

export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}

export class PositionIndex {
  /** Offset of the first character of each 0-based line. */
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    this.lineStarts = [0];
    for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  /** Absolute offset of an LSP position (clamped to the text). */
  offsetOf(p: LspPosition): number {
    const line = Math.min(Math.max(0, p.line), this.lineStarts.length - 1);
    return Math.min(this.lineStarts[line] + Math.max(0, p.character), this.text.length);
  }

  /** 1-based line and column of an absolute offset. */
  positionAt(offset: number): { line: number; column: number } {
    const o = Math.min(Math.max(0, offset), this.text.length);
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.lineStarts[lo] + 1 };
  }

  /** The engine range covering absolute offsets [start, end). */
  rangeOfOffsets(start: number, end: number): Range {
    const a = this.positionAt(start);
    const b = this.positionAt(Math.max(start, end));
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }

  /** Converts a dockerfile-ast (LSP, 0-based) range to an engine range (1-based). */
  fromLsp(r: LspRange): Range {
    return {
      line: r.start.line + 1,
      column: r.start.character + 1,
      endLine: r.end.line + 1,
      endColumn: r.end.character + 1,
    };
  }

  /** The whole of 1-based line `line`, from its first non-blank character to its end. */
  lineRange(line: number): Range {
    const index = Math.min(Math.max(1, line), this.lineStarts.length) - 1;
    const start = this.lineStarts[index];
    const end = index + 1 < this.lineStarts.length ? this.lineStarts[index + 1] - 1 : this.text.length;
    const text = this.text.slice(start, end);
    const indent = text.length - text.trimStart().length;
    return { line: index + 1, column: indent + 1, endLine: index + 1, endColumn: text.trimEnd().length + 1 };
  }
}
