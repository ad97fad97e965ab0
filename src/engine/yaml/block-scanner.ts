/**
 * The line scanning shared by the fast readers of comment-free block YAML (fast-documents.ts for
 * the engine's AST, src/render/kustomize/yaml-fast.ts for Kustomize's nodes): lines and their
 * indentation, keys, quoted scalars, block scalars and one-line flow lists, each exactly as yaml's
 * parser reads them. Anything a reader does not reproduce throws UNSUPPORTED, and the reader
 * leaves the text to yaml.
 */
import { LineCounter } from "yaml";

export class Unsupported extends Error {}
export const UNSUPPORTED = new Unsupported();

export const SPACE = 32;
export const HASH = 35;
export const COLON = 58;
export const DASH = 45;
export const NEWLINE = 10;
export const SINGLE_QUOTE = 39;
export const DOUBLE_QUOTE = 34;

/** Characters that cannot start a plain scalar here (or start forms left to yaml). */
export const INDICATOR_START = new Set([..."?:,[]{}#&*!|>'\"%@`-"].map((c) => c.charCodeAt(0)));

/** Texts a fast reader may take at all: not empty, ending with a newline, no tabs, CRs, BOM, comment lines, directives or `...`. */
export function scannable(text: string): boolean {
  if (text.length === 0 || text.charCodeAt(text.length - 1) !== NEWLINE) return false;
  return !/[\t\r\uFEFF]/.test(text) && !/^[ ]*#|^(?:\.\.\.|%)/m.test(text);
}

/** Offsets where each line starts, and one at the text's end (the text ends with a newline). */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** A LineCounter filled as yaml's parser fills it for `text` (for ASTs built without the parser). */
export function lineCounterOf(text: string, starts: readonly number[] = lineStartsOf(text)): LineCounter {
  const lineCounter = new LineCounter();
  for (const s of starts) lineCounter.addNewLine(s);
  return lineCounter;
}

/** One item of a one-line flow list: its value, where it starts and ends, and where the spaces after it end. */
export interface FlowItem {
  quote: 0 | typeof SINGLE_QUOTE | typeof DOUBLE_QUOTE;
  /** The unquoted value, or the plain text. */
  value: string;
  start: number;
  end: number;
  after: number;
}

export class BlockScanner {
  /** The line being read. */
  protected line = 0;
  protected readonly count: number;

  constructor(
    protected readonly text: string,
    protected readonly starts: number[],
  ) {
    this.count = starts.length - 1;
  }

  protected lineEnd(l: number): number {
    return this.starts[l + 1]! - 1;
  }

  protected indentOf(l: number): number {
    const start = this.starts[l]!;
    let i = start;
    while (this.text.charCodeAt(i) === SPACE) i += 1;
    return i - start;
  }

  protected isBlank(l: number): boolean {
    return this.text.charCodeAt(this.starts[l]! + this.indentOf(l)) === NEWLINE;
  }

  /** A `---` line (nothing after the marker but spaces; `--- value` is left to yaml). */
  protected isMarker(l: number): boolean {
    const s = this.starts[l]!;
    if (!this.text.startsWith("---", s)) return false;
    let i = s + 3;
    while (this.text.charCodeAt(i) === SPACE) i += 1;
    if (this.text.charCodeAt(i) !== NEWLINE) throw UNSUPPORTED;
    return true;
  }

  /** The next non-blank line at or after `l` before `limit`, or -1. */
  protected nextContent(l: number, limit: number): number {
    for (; l < limit; l += 1) if (!this.isBlank(l)) return l;
    return -1;
  }

  protected isSeqEntry(at: number): boolean {
    if (this.text.charCodeAt(at) !== DASH) return false;
    const next = this.text.charCodeAt(at + 1);
    return next === SPACE || next === NEWLINE;
  }

  /** The `:` that ends a plain key on this line (followed by a space or the line's end). */
  protected keyColon(at: number, lineEnd: number): number {
    const text = this.text;
    for (let i = at; i < lineEnd; i += 1) {
      const ch = text.charCodeAt(i);
      if (ch === COLON) {
        const next = text.charCodeAt(i + 1);
        if (next === SPACE || next === NEWLINE) return i;
      } else if (ch === HASH && text.charCodeAt(i - 1) === SPACE) break;
    }
    throw UNSUPPORTED;
  }

  /**
   * The key of a `key: value` entry at `at`: quoted (its value) or plain (its text, trailing spaces
   * trimmed), where it ends, and the offset of its `:`.
   */
  protected keyAt(at: number, lineEnd: number): { quote: 0 | typeof SINGLE_QUOTE | typeof DOUBLE_QUOTE; text: string; end: number; colon: number } {
    const text = this.text;
    const c = text.charCodeAt(at);
    if (c === SINGLE_QUOTE || c === DOUBLE_QUOTE) {
      const q = this.quoted(at, lineEnd);
      let colon = q.end;
      while (text.charCodeAt(colon) === SPACE) colon += 1;
      if (text.charCodeAt(colon) !== COLON) throw UNSUPPORTED;
      const after = text.charCodeAt(colon + 1);
      if (after !== SPACE && after !== NEWLINE) throw UNSUPPORTED;
      return { quote: c, text: q.value, end: q.end, colon };
    }
    if (INDICATOR_START.has(c)) throw UNSUPPORTED;
    const colon = this.keyColon(at, lineEnd);
    let end = colon;
    while (text.charCodeAt(end - 1) === SPACE) end -= 1;
    return { quote: 0, text: text.slice(at, end), end, colon };
  }

  /** A quoted scalar on one line at `at` (no escapes): its value and the offset after the closing quote. */
  protected quoted(at: number, lineEnd: number): { value: string; end: number } {
    const text = this.text;
    const quote = text.charCodeAt(at);
    let value = "";
    let i = at + 1;
    for (;;) {
      const close = text.indexOf(quote === SINGLE_QUOTE ? "'" : '"', i);
      if (close < 0 || close >= lineEnd) throw UNSUPPORTED;
      const part = text.slice(i, close);
      if (quote === DOUBLE_QUOTE && part.includes("\\")) throw UNSUPPORTED;
      value += part;
      if (quote === SINGLE_QUOTE && text.charCodeAt(close + 1) === SINGLE_QUOTE) {
        value += "'";
        i = close + 2;
        continue;
      }
      return { value, end: close + 1 };
    }
  }

  /** Only spaces or a ` #` comment may follow a value on its line. */
  protected restOfLine(from: number, lineEnd: number): void {
    let i = from;
    while (this.text.charCodeAt(i) === SPACE) i += 1;
    if (i < lineEnd && !(this.text.charCodeAt(i) === HASH && i > from)) throw UNSUPPORTED;
  }

  /** After a value on one line, no line may be indented more (a continuation, or an error). */
  protected noMoreIndented(indent: number, limit: number): void {
    const next = this.nextContent(this.line + 1, limit);
    if (next >= 0 && this.indentOf(next) > indent) throw UNSUPPORTED;
  }

  /**
   * The end of a plain scalar starting at `p` on this line (before a ` #` comment, trailing spaces
   * trimmed), or `colon` when a `: ` makes it the first key of a mapping.
   */
  protected plainEnd(p: number, lineEnd: number): { end: number; colon: boolean } {
    const text = this.text;
    let end = p;
    for (let i = p; i < lineEnd; i += 1) {
      const ch = text.charCodeAt(i);
      if (ch === HASH && text.charCodeAt(i - 1) === SPACE) break;
      if (ch === COLON) {
        const next = text.charCodeAt(i + 1);
        if (next === SPACE || next === NEWLINE) return { end, colon: true };
      }
      if (ch !== SPACE) end = i + 1;
    }
    return { end, colon: false };
  }

  /** `["a", b]` at `at`: plain and quoted items on one line, and the offset after `]`. */
  protected flowItems(at: number, lineEnd: number): { items: FlowItem[]; end: number } {
    const text = this.text;
    const items: FlowItem[] = [];
    let i = at + 1;
    for (;;) {
      while (text.charCodeAt(i) === SPACE) i += 1;
      const c = text.charCodeAt(i);
      if (c === 93 && items.length === 0) return { items, end: i + 1 };
      const start = i;
      let item: { quote: FlowItem["quote"]; value: string; end: number };
      if (c === SINGLE_QUOTE || c === DOUBLE_QUOTE) {
        const q = this.quoted(i, lineEnd);
        item = { quote: c, value: q.value, end: q.end };
      } else {
        if (INDICATOR_START.has(c) || c === NEWLINE) throw UNSUPPORTED;
        let end = i;
        for (let j = i; j < lineEnd; j += 1) {
          const ch = text.charCodeAt(j);
          if (ch === 44 || ch === 93) break;
          if (ch === 91 || ch === 123 || ch === 125 || ch === COLON || ch === HASH) throw UNSUPPORTED;
          if (ch !== SPACE) end = j + 1;
        }
        item = { quote: 0, value: text.slice(i, end), end };
      }
      i = item.end;
      while (text.charCodeAt(i) === SPACE) i += 1;
      items.push({ ...item, start, after: i });
      const sep = text.charCodeAt(i);
      if (sep === 93) return { items, end: i + 1 };
      if (sep !== 44) throw UNSUPPORTED;
      i += 1;
      while (text.charCodeAt(i) === SPACE) i += 1;
      if (text.charCodeAt(i) === 93) throw UNSUPPORTED; // a trailing comma
    }
  }

  /**
   * A literal (`|`, `|-`) or folded (`>`, `>-`) block scalar whose header is at `at`, for a node at
   * column `indent`: its value and where yaml ends it (the start of the line after its last
   * content line). Leaves `line` on its last content line.
   */
  protected blockScalarText(at: number, indent: number): { value: string; end: number; folded: boolean } {
    const text = this.text;
    const folded = text.charCodeAt(at) === 62;
    let p = at + 1;
    let strip = false;
    const h = text.charCodeAt(p);
    if (h === DASH) {
      strip = true;
      p += 1;
    } else if (h === 43 || (h >= 48 && h <= 57)) throw UNSUPPORTED; // `|+`, indentation indicators
    this.restOfLine(p, this.lineEnd(this.line));
    let blockIndent = -1;
    let lastContent = -1;
    let leadingBlankMax = 0;
    for (let l = this.line + 1; l < this.count; l += 1) {
      const ind = this.indentOf(l);
      const blank = this.isBlank(l);
      if (blockIndent < 0) {
        if (blank) {
          leadingBlankMax = Math.max(leadingBlankMax, ind);
          continue;
        }
        if (ind <= indent) break;
        blockIndent = ind;
        if (leadingBlankMax > blockIndent) throw UNSUPPORTED;
        lastContent = l;
        continue;
      }
      if (blank) {
        if (ind > blockIndent) throw UNSUPPORTED; // spaces kept in a blank line
        continue;
      }
      if (ind < blockIndent) break;
      lastContent = l;
    }
    if (blockIndent < 0) {
      if (leadingBlankMax > indent) throw UNSUPPORTED;
      return { value: "", end: this.starts[this.line + 1]!, folded };
    }
    const body: string[] = [];
    for (let k = this.line + 1; k <= lastContent; k += 1) body.push(this.isBlank(k) ? "" : text.slice(this.starts[k]! + blockIndent, this.lineEnd(k)));
    let value: string;
    if (folded) {
      value = "";
      for (let i = 0; i < body.length; i += 1) {
        const line = body[i]!;
        if (line.startsWith(" ")) throw UNSUPPORTED; // more-indented lines keep their breaks
        if (line === "") value += "\n";
        else value += i === 0 || body[i - 1] === "" ? line : ` ${line}`;
      }
    } else value = body.join("\n");
    if (!strip) value += "\n";
    this.line = lastContent;
    return { value, end: this.starts[lastContent + 1]!, folded };
  }
}
