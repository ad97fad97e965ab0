/**
 * A fast reader for the values files that most charts have: block mappings and sequences of plain,
 * quoted and block scalars, with comments. It gives exactly what the full reader in values.ts gives
 * (yaml's parser, YAML 1.1, then the conversion to Go values with origins): the same values, keys,
 * types and origins. Plain scalars are resolved by yaml's own YAML 1.1 tags, so `yes`, `0x1F`,
 * `1:20` or `2001-12-14` mean the same on both paths.
 *
 * Why: a cold render of bitnami's charts spends a third of its time in yaml's parser reading
 * values.yaml (100 KB of comments and settings per chart). This reader reads them several times
 * faster and returns undefined for anything it does not handle (anchors, aliases, tags, flow
 * mappings with items, nested flow collections, multi-line plain or quoted scalars, escapes, tabs, documents markers,
 * complex keys, explicit indentation indicators, `|+`/`>+`, and every syntax error), which the full
 * reader then reads and reports. test/render/helm/chart/values-fast.test.ts compares both readers
 * on every YAML file of the shared corpus and trees.
 */
import { parseDocument, Scalar, type Document } from "yaml";
import { setOrigin, type SourceRange } from "../../provenance.js";
import type { GoValue } from "../template/values.js";

type Values = Map<string, GoValue>;

/** Returned by `read` helpers to give up; the caller then uses the full reader. */
class Unsupported extends Error {}
const UNSUPPORTED = new Unsupported();

const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const NEWLINE = 10;

/** Characters that cannot start a plain scalar or key here (or start forms this reader leaves to yaml). */
const INDICATOR_START = new Set([..."?:,[]{}#&*!|>'\"%@`-"].map((c) => c.charCodeAt(0)));

let schema11: Document["schema"] | undefined;
const tags = () => (schema11 ??= parseDocument("", { version: "1.1" }).schema).tags;

type Resolved = { value: unknown } | "str";
const resolvedCache = [new Map<string, Resolved>(), new Map<string, Resolved>()];
/** First characters of YAML 1.1's non-string plain scalars (null, booleans, numbers, dates, `<<`). */
const NON_STRING_START = /^[-+.0-9~nNyYtTfFoO<]/;

/** A plain scalar's value as yaml's composer resolves it with the YAML 1.1 schema. */
function resolvePlain(text: string, atKey: boolean): unknown {
  if (text !== "" && !NON_STRING_START.test(text)) return text;
  const cache = resolvedCache[atKey ? 1 : 0]!;
  let hit = cache.get(text);
  if (hit === undefined) {
    const tag = tags().find((t) => (t.default === true || (atKey && t.default === "key")) && !t.collection && t.test?.test(text));
    if (!tag || !("resolve" in tag) || !tag.resolve) hit = "str";
    else {
      let failed = false;
      const res = (tag.resolve as (v: string, onError: (m: string) => void, o: object) => unknown)(text, () => (failed = true), {});
      if (failed) throw UNSUPPORTED;
      hit = { value: res instanceof Scalar ? res.value : res };
    }
    if (cache.size > 10_000) cache.clear();
    cache.set(text, hit);
  }
  return hit === "str" ? text : hit.value;
}

/** A scalar as values.ts converts it (numbers are float64, dates keep their text). */
function goScalar(v: unknown, text: string, start: number, end: number): GoValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "boolean" || typeof v === "string" || typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (v instanceof Date) return text.slice(start, end);
  if (typeof v === "symbol") throw UNSUPPORTED; // a merge key: the full reader merges
  return String(v);
}

function keyString(v: GoValue): string {
  return v === null ? "null" : String(v);
}

interface Scanned {
  value: GoValue;
  start: number;
  end: number;
}

export class FastValuesReader {
  /** Offset where each line starts; a final entry at text.length. */
  private readonly starts: number[];
  private line = 0;

  private constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly lines: number[],
  ) {
    this.starts = lines;
  }

  /** The values of `text`, or undefined when this reader does not handle it (see above). */
  static read(text: string, file: string, lines: number[]): Values | undefined {
    if (text.length === 0 || text.charCodeAt(text.length - 1) !== NEWLINE) return undefined;
    if (/[\t\r\uFEFF]/.test(text) || /^(?:---|\.\.\.|%)/m.test(text)) return undefined;
    try {
      return new FastValuesReader(text, file, lines).root();
    } catch {
      // UNSUPPORTED, or anything unforeseen: the full reader reads it (and words its errors).
      return undefined;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Lines

  private lineEnd(l: number): number {
    return this.starts[l + 1]! - 1; // the newline
  }

  private indentOf(l: number): number {
    const start = this.starts[l]!;
    let i = start;
    while (this.text.charCodeAt(i) === SPACE) i += 1;
    return i - start;
  }

  /** The next line at or after `l` with content (not blank, not a comment), or -1. */
  private nextContent(l: number): number {
    const count = this.starts.length - 1;
    for (; l < count; l += 1) {
      const c = this.text.charCodeAt(this.starts[l]! + this.indentOf(l));
      if (c !== NEWLINE && c !== HASH) return l;
    }
    return -1;
  }

  private range(start: number, end: number): SourceRange {
    const a = this.position(start);
    const b = this.position(end);
    if (b.line !== a.line) return { file: this.file, line: a.line, column: a.column, endLine: a.line, endColumn: a.column + 1 };
    return { file: this.file, line: a.line, column: a.column, endLine: b.line, endColumn: Math.max(b.column, a.column + 1) };
  }

  private position(offset: number): { line: number; column: number } {
    // Offsets are almost always on the current line or just before it.
    let l = Math.min(this.line, this.starts.length - 2);
    while (l > 0 && this.starts[l]! > offset) l -= 1;
    while (l + 1 < this.starts.length - 1 && this.starts[l + 1]! <= offset) l += 1;
    return { line: l + 1, column: offset - this.starts[l]! + 1 };
  }

  // -------------------------------------------------------------------------------------------
  // Structure

  private root(): Values {
    const first = this.nextContent(0);
    if (first < 0) return new Map();
    this.line = first;
    const indent = this.indentOf(first);
    const at = this.starts[first]! + indent;
    if (this.isSeqEntry(at)) throw UNSUPPORTED; // a list: the full reader words the error
    const map = this.map(indent, at, 0);
    if (this.nextContent(this.line + 1) >= 0) throw UNSUPPORTED;
    return map;
  }

  private isSeqEntry(at: number): boolean {
    if (this.text.charCodeAt(at) !== DASH) return false;
    const next = this.text.charCodeAt(at + 1);
    return next === SPACE || next === NEWLINE;
  }

  /**
   * A block mapping whose entries start at column `indent`; the first entry starts at offset
   * `at` on the current line (after `- ` for a mapping inside a list item).
   */
  private map(indent: number, at: number, depth: number): Values {
    if (depth > 100) throw UNSUPPORTED;
    const out: Values = new Map();
    for (;;) {
      this.entry(out, indent, at, depth);
      const next = this.nextContent(this.line + 1);
      if (next < 0) return out;
      const nextIndent = this.indentOf(next);
      if (nextIndent < indent) return out;
      if (nextIndent > indent) throw UNSUPPORTED;
      this.line = next;
      at = this.starts[next]! + nextIndent;
      if (this.isSeqEntry(at)) throw UNSUPPORTED; // a list item among keys: an error
    }
  }

  /** One `key: value` entry starting at `at`; leaves this.line on the entry's last line. */
  private entry(out: Values, indent: number, at: number, depth: number): void {
    const text = this.text;
    const lineEnd = this.lineEnd(this.line);
    let keyEnd: number;
    let colon: number;
    let keyValue: unknown;
    const c = text.charCodeAt(at);
    if (c === 39 /* ' */ || c === 34 /* " */) {
      const q = this.quoted(at, lineEnd);
      keyEnd = q.end;
      keyValue = q.value;
      colon = keyEnd;
      while (text.charCodeAt(colon) === SPACE) colon += 1;
      if (text.charCodeAt(colon) !== COLON) throw UNSUPPORTED;
      const after = text.charCodeAt(colon + 1);
      if (after !== SPACE && after !== NEWLINE) throw UNSUPPORTED;
    } else {
      if (INDICATOR_START.has(c)) throw UNSUPPORTED;
      colon = this.keyColon(at, lineEnd);
      keyEnd = colon;
      while (text.charCodeAt(keyEnd - 1) === SPACE) keyEnd -= 1;
      keyValue = resolvePlain(text.slice(at, keyEnd), true);
    }
    const key = keyString(goScalar(keyValue, text, at, keyEnd));
    if (key === "<<") throw UNSUPPORTED;
    const keyRange = (): SourceRange => this.range(at, keyEnd);
    this.value(out, key, colon + 1, lineEnd, indent, depth, keyRange);
  }

  /** The `:` that ends a plain key on this line (followed by a space or the line's end). */
  private keyColon(at: number, lineEnd: number): number {
    const text = this.text;
    for (let i = at; i < lineEnd; i += 1) {
      const ch = text.charCodeAt(i);
      if (ch === COLON) {
        const next = text.charCodeAt(i + 1);
        if (next === SPACE || next === NEWLINE) return i;
      } else if (ch === HASH && text.charCodeAt(i - 1) === SPACE) break;
    }
    throw UNSUPPORTED; // a multi-line key, a scalar document, or an error
  }

  /**
   * The value after an indicator (`key:` or `- `) ending at `from`, set into `container[key]`.
   * `indent` is the column of the key (or of the dash): nested blocks are indented more.
   */
  private value(container: Values | GoValue[], key: string | number, from: number, lineEnd: number, indent: number, depth: number, keyRange: (() => SourceRange) | undefined): void {
    const text = this.text;
    let p = from;
    while (text.charCodeAt(p) === SPACE) p += 1;
    const c = text.charCodeAt(p);
    if (c === NEWLINE || (c === HASH && p > from)) {
      // The value is on the following lines, or empty.
      const next = this.nextContent(this.line + 1);
      const nextIndent = next < 0 ? -1 : this.indentOf(next);
      const nextAt = next < 0 ? -1 : this.starts[next]! + nextIndent;
      if (next >= 0 && (nextIndent > indent || (nextIndent === indent && keyRange !== undefined && this.isSeqEntry(nextAt)))) {
        this.line = next;
        const nested: GoValue = this.isSeqEntry(nextAt) ? this.seq(nextIndent, depth + 1) : this.map(nextIndent, nextAt, depth + 1);
        this.set(container, key, nested, keyRange ? keyRange() : this.range(nextAt, nextAt + 1));
        return;
      }
      this.set(container, key, null, this.range(p, p));
      return;
    }
    if (c === 124 /* | */ || c === 62 /* > */) {
      const s = this.blockScalar(p, indent);
      this.set(container, key, s.value, this.range(s.start, s.end));
      return;
    }
    let scanned: Scanned;
    if (c === 39 || c === 34) {
      const q = this.quoted(p, lineEnd);
      scanned = { value: q.value, start: p, end: q.end };
      let after = q.end;
      while (text.charCodeAt(after) === SPACE) after += 1;
      const a = text.charCodeAt(after);
      if (a === COLON) {
        if (keyRange !== undefined) throw UNSUPPORTED; // `key: "k": v`
        return this.compactMap(container as GoValue[], key as number, p, depth);
      }
      if (a !== NEWLINE && !(a === HASH && after > q.end)) throw UNSUPPORTED;
    } else if (c === 91 /* [ */ || (c === 123 /* { */ && text.charCodeAt(p + 1) === 125)) {
      const flow = c === 91 ? this.flowSeq(p, lineEnd) : { value: new Map() as GoValue, end: p + 2 };
      let after = flow.end;
      while (text.charCodeAt(after) === SPACE) after += 1;
      const a = text.charCodeAt(after);
      if (a !== NEWLINE && !(a === HASH && after > flow.end)) throw UNSUPPORTED;
      this.set(container, key, flow.value, keyRange ? keyRange() : this.range(p, flow.end));
      this.noMoreIndented(indent);
      return;
    } else {
      if (INDICATOR_START.has(c) && !(c === DASH && text.charCodeAt(p + 1) !== SPACE && text.charCodeAt(p + 1) !== NEWLINE)) throw UNSUPPORTED;
      // A plain scalar to the end of the line or a ` #` comment; `: ` inside makes it a mapping.
      let end = p;
      for (let i = p; i < lineEnd; i += 1) {
        const ch = text.charCodeAt(i);
        if (ch === HASH && text.charCodeAt(i - 1) === SPACE) break;
        if (ch === COLON) {
          const next = text.charCodeAt(i + 1);
          if (next === SPACE || next === NEWLINE) {
            if (keyRange !== undefined) throw UNSUPPORTED; // `key: a: b` is an error
            return this.compactMap(container as GoValue[], key as number, p, depth);
          }
        }
        if (ch !== SPACE) end = i + 1;
      }
      scanned = { value: goScalar(resolvePlain(text.slice(p, end), false), text, p, end), start: p, end };
    }
    this.set(container, key, scanned.value, this.range(scanned.start, scanned.end));
    this.noMoreIndented(indent);
  }

  /** `- key: value` and the entries below it: a mapping indented at the key's column. */
  private compactMap(list: GoValue[], index: number, at: number, depth: number): void {
    const column = at - this.starts[this.line]!;
    const map = this.map(column, at, depth + 1);
    this.set(list, index, map, this.range(at, at + 1));
  }

  /** After a scalar on one line, no line may be indented more (a continuation, or an error). */
  private noMoreIndented(indent: number): void {
    const next = this.nextContent(this.line + 1);
    if (next >= 0 && this.indentOf(next) > indent) throw UNSUPPORTED;
  }

  /** A block sequence whose dashes are at column `indent`, starting on the current line. */
  private seq(indent: number, depth: number): GoValue[] {
    if (depth > 100) throw UNSUPPORTED;
    const out: GoValue[] = [];
    for (;;) {
      const at = this.starts[this.line]! + indent;
      if (this.text.charCodeAt(at + 1) === SPACE && this.isSeqEntry(this.firstNonSpace(at + 1))) throw UNSUPPORTED; // `- - x`
      out.push(null);
      this.value(out, out.length - 1, at + 1, this.lineEnd(this.line), indent, depth, undefined);
      const next = this.nextContent(this.line + 1);
      if (next < 0) return out;
      const nextIndent = this.indentOf(next);
      if (nextIndent < indent) return out;
      const nextAt = this.starts[next]! + nextIndent;
      if (nextIndent > indent || !this.isSeqEntry(nextAt)) {
        if (nextIndent === indent) return out; // the parent mapping's next key
        throw UNSUPPORTED;
      }
      this.line = next;
    }
  }

  private firstNonSpace(i: number): number {
    while (this.text.charCodeAt(i) === SPACE) i += 1;
    return i;
  }

  private set(container: Values | GoValue[], key: string | number, value: GoValue, origin: SourceRange): void {
    if (container instanceof Map) container.set(key as string, value);
    else container[key as number] = value;
    setOrigin(container, key, origin);
  }

  // -------------------------------------------------------------------------------------------
  // Scalars

  /**
   * A flow sequence of plain and quoted scalars on one line (`["ALL"]`, `[a, b]`) starting at `at`:
   * the list (each item with its origin) and the offset after `]`.
   */
  private flowSeq(at: number, lineEnd: number): { value: GoValue[]; end: number } {
    const text = this.text;
    const out: GoValue[] = [];
    let i = at + 1;
    for (;;) {
      while (text.charCodeAt(i) === SPACE) i += 1;
      const c = text.charCodeAt(i);
      if (c === 93 /* ] */ && out.length === 0) return { value: out, end: i + 1 };
      let item: Scanned;
      if (c === 39 || c === 34) {
        const q = this.quoted(i, lineEnd);
        item = { value: q.value, start: i, end: q.end };
      } else {
        if (INDICATOR_START.has(c) || c === NEWLINE) throw UNSUPPORTED;
        let end = i;
        let j = i;
        for (; j < lineEnd; j += 1) {
          const ch = text.charCodeAt(j);
          if (ch === 44 /* , */ || ch === 93 /* ] */) break;
          if (ch === 91 || ch === 123 || ch === 125 || ch === COLON || ch === HASH) throw UNSUPPORTED;
          if (ch !== SPACE) end = j + 1;
        }
        item = { value: goScalar(resolvePlain(text.slice(i, end), false), text, i, end), start: i, end };
      }
      out.push(item.value);
      setOrigin(out, out.length - 1, this.range(item.start, item.end));
      i = item.end;
      while (text.charCodeAt(i) === SPACE) i += 1;
      const sep = text.charCodeAt(i);
      if (sep === 93) return { value: out, end: i + 1 };
      if (sep !== 44) throw UNSUPPORTED;
      i += 1;
      while (text.charCodeAt(i) === SPACE) i += 1;
      if (text.charCodeAt(i) === 93) throw UNSUPPORTED; // a trailing comma: leave it to yaml
    }
  }

  /** A quoted scalar on one line starting at `at`: its value and the offset after the closing quote. */
  private quoted(at: number, lineEnd: number): { value: string; end: number } {
    const text = this.text;
    const quote = text.charCodeAt(at);
    let value = "";
    let i = at + 1;
    for (;;) {
      const close = text.indexOf(quote === 39 ? "'" : '"', i);
      if (close < 0 || close >= lineEnd) throw UNSUPPORTED; // multi-line
      const part = text.slice(i, close);
      if (quote === 34 && part.includes("\\")) throw UNSUPPORTED; // escapes: yaml resolves them
      value += part;
      if (quote === 39 && text.charCodeAt(close + 1) === 39) {
        value += "'";
        i = close + 2;
        continue;
      }
      return { value, end: close + 1 };
    }
  }

  /**
   * A literal (`|`) or folded (`>`) block scalar whose header is at `at`, for a node at column
   * `indent`: its value, and the range yaml gives it (header to the end of its last line).
   */
  private blockScalar(at: number, indent: number): Scanned {
    const text = this.text;
    const folded = text.charCodeAt(at) === 62;
    let p = at + 1;
    let chomp: "clip" | "strip" = "clip";
    const h = text.charCodeAt(p);
    if (h === DASH) {
      chomp = "strip";
      p += 1;
    } else if (h === 43 /* + */ || (h >= 48 && h <= 57)) throw UNSUPPORTED;
    const afterHeader = text.charCodeAt(p);
    if (afterHeader === SPACE) {
      while (text.charCodeAt(p) === SPACE) p += 1;
      if (text.charCodeAt(p) !== HASH && text.charCodeAt(p) !== NEWLINE) throw UNSUPPORTED;
    } else if (afterHeader !== NEWLINE) throw UNSUPPORTED;

    // Content lines: from the next line while blank or indented at least as the first content line.
    const count = this.starts.length - 1;
    let l = this.line + 1;
    let blockIndent = -1;
    const contentLines: number[] = [];
    let leadingBlankMax = 0;
    for (; l < count; l += 1) {
      const ind = this.indentOf(l);
      const blank = this.text.charCodeAt(this.starts[l]! + ind) === NEWLINE;
      if (blockIndent < 0) {
        if (blank) {
          leadingBlankMax = Math.max(leadingBlankMax, ind);
          contentLines.push(l);
          continue;
        }
        if (ind <= indent) break;
        blockIndent = ind;
        if (leadingBlankMax > blockIndent) throw UNSUPPORTED;
        contentLines.push(l);
        continue;
      }
      if (blank || ind >= blockIndent) {
        contentLines.push(l);
        continue;
      }
      break;
    }
    // Trailing blank lines belong to the scalar only as newlines that chomping removes.
    let last = contentLines.length - 1;
    const isBlank = (line: number) => this.text.charCodeAt(this.starts[line]! + this.indentOf(line)) === NEWLINE;
    while (last >= 0 && isBlank(contentLines[last]!)) last -= 1;
    if (blockIndent < 0) {
      // No content: an empty string; yaml's range ends at the header line's end.
      if (leadingBlankMax > indent) throw UNSUPPORTED;
      const end = this.starts[this.line + 1]!;
      return { value: "", start: at, end };
    }
    const body = contentLines.slice(0, last + 1).map((cl) => {
      const s = this.starts[cl]!;
      const lineText = text.slice(s, this.lineEnd(cl));
      if (lineText.trim() === "") {
        if (lineText.length > blockIndent) throw UNSUPPORTED; // spaces kept in a blank line: leave to yaml
        return "";
      }
      return lineText.slice(blockIndent);
    });
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
    if (chomp === "clip") value += "\n";
    const endLine = contentLines[contentLines.length - 1]!;
    this.line = endLine;
    return { value, start: at, end: this.starts[endLine + 1]! };
  }
}
