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
import { BlockScanner, COLON, DASH, DOUBLE_QUOTE, HASH, INDICATOR_START, NEWLINE, SINGLE_QUOTE, SPACE, UNSUPPORTED } from "../../../engine/yaml/block-scanner.js";
import { setOrigin, type SourceRange } from "../../provenance.js";
import type { GoValue } from "../template/values.js";

type Values = Map<string, GoValue>;

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

export class FastValuesReader extends BlockScanner {
  private constructor(
    text: string,
    private readonly file: string,
    lines: number[],
  ) {
    super(text, lines);
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

  /** The next line at or after `l` with content (not blank, not a comment), or -1: values files have comment lines. */
  protected override nextContent(l: number, limit = this.count): number {
    for (; l < limit; l += 1) {
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
    const k = this.keyAt(at, lineEnd);
    const keyEnd = k.end;
    const colon = k.colon;
    const keyValue: unknown = k.quote === 0 ? resolvePlain(k.text, true) : k.text;
    const key = keyString(goScalar(keyValue, text, at, keyEnd));
    if (key === "<<") throw UNSUPPORTED;
    const keyRange = (): SourceRange => this.range(at, keyEnd);
    this.value(out, key, colon + 1, lineEnd, indent, depth, keyRange);
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
      const s = this.blockScalarText(p, indent);
      this.set(container, key, s.value, this.range(p, s.end));
      return;
    }
    let scanned: Scanned;
    if (c === SINGLE_QUOTE || c === DOUBLE_QUOTE) {
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
      this.noMoreIndented(indent, this.count);
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
    this.noMoreIndented(indent, this.count);
  }

  /** `- key: value` and the entries below it: a mapping indented at the key's column. */
  private compactMap(list: GoValue[], index: number, at: number, depth: number): void {
    const column = at - this.starts[this.line]!;
    const map = this.map(column, at, depth + 1);
    this.set(list, index, map, this.range(at, at + 1));
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
    const flow = this.flowItems(at, lineEnd);
    const out: GoValue[] = [];
    for (const item of flow.items) {
      out.push(item.quote === 0 ? goScalar(resolvePlain(item.value, false), this.text, item.start, item.end) : item.value);
      setOrigin(out, out.length - 1, this.range(item.start, item.end));
    }
    return { value: out, end: flow.end };
  }
}
