/**
 * A fast reader for the YAML that Kustomize inputs are mostly made of: block mappings and sequences
 * of plain, quoted and block scalars and one-line flow lists, without comment lines, in one or
 * several documents. It returns exactly what readYamlDocuments (yaml-read.ts) returns through yaml's
 * parser: the same nodes, values, styles and origins (yaml's node ranges, reproduced). For anything
 * else it returns undefined and yaml reads the text: comment lines (yaml attaches them to the ranges
 * of the nodes around them), anchors, aliases, tags, merge keys, escapes, multi-line plain or quoted
 * scalars, flow mappings with entries, `|+` and indentation indicators, tabs, directives, duplicate
 * keys, and every syntax error.
 *
 * Why: rendering spends about 40% of its time in yaml's parser reading the inputs, which is all the
 * parse floor of the benchmark measures. test/render/kustomize/yaml-fast.test.ts compares both
 * readers on every YAML file of the shared corpus and trees, and on mutated files.
 */
import { LineCounter } from "yaml";
import type { SourceRange } from "../provenance.js";
import type { MapNode, Node, ScalarNode, SeqNode } from "./resource.js";
import { resolvePlain, type ReadDocument, type ReadOptions } from "./yaml-read.js";

class Unsupported extends Error {}
const UNSUPPORTED = new Unsupported();

const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const NEWLINE = 10;

/** Characters that cannot start a plain scalar here (or start forms left to yaml). */
const INDICATOR_START = new Set([..."?:,[]{}#&*!|>'\"%@`-"].map((c) => c.charCodeAt(0)));

/** A node and where yaml says it ends (its range[2]: a parent collection's range[1] is its last item's). */
interface Read {
  node: Node;
  end: number;
}

export function readYamlDocumentsFast(text: string, file: string, options: ReadOptions = {}): ReadDocument[] | undefined {
  if (text.length === 0 || text.charCodeAt(text.length - 1) !== NEWLINE) return undefined;
  if (/[\t\r\uFEFF]/.test(text) || /^[ ]*#|^(?:\.\.\.|%)/m.test(text)) return undefined;
  try {
    return new FastReader(text, file, options).documents();
  } catch {
    return undefined;
  }
}

class FastReader {
  private readonly starts: number[] = [0];
  private readonly lc = new LineCounter();
  private line = 0;
  private nodes: number;
  private readonly maxDepth: number;

  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly options: ReadOptions,
  ) {
    this.lc.addNewLine(0);
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) {
      this.starts.push(i + 1);
      this.lc.addNewLine(i + 1);
    }
    // Half the full reader's limits: near them, the full reader decides and words the error.
    this.nodes = (options.maxNodes ?? 500_000) / 2;
    this.maxDepth = (options.maxDepth ?? 200) / 2;
  }

  private pos(offset: number): { line: number; col: number } {
    const p = this.lc.linePos(offset);
    return { line: p.line + (this.options.lineOffset ?? 0), col: p.col + (this.options.columnOffset ?? 0) };
  }

  private range(start: number, end: number): SourceRange {
    const s = this.pos(start);
    const e = this.pos(Math.max(start, end));
    return { file: this.file, line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
  }

  private get lineCount(): number {
    return this.starts.length - 1;
  }

  private lineEnd(l: number): number {
    return this.starts[l + 1]! - 1;
  }

  private indentOf(l: number): number {
    const start = this.starts[l]!;
    let i = start;
    while (this.text.charCodeAt(i) === SPACE) i += 1;
    return i - start;
  }

  private isBlank(l: number): boolean {
    return this.text.charCodeAt(this.starts[l]! + this.indentOf(l)) === NEWLINE;
  }

  /** A `---` line (nothing after the marker but spaces). */
  private isMarker(l: number): boolean {
    const s = this.starts[l]!;
    if (!this.text.startsWith("---", s)) return false;
    let i = s + 3;
    while (this.text.charCodeAt(i) === SPACE) i += 1;
    if (this.text.charCodeAt(i) !== NEWLINE) throw UNSUPPORTED; // `--- value`
    return true;
  }

  /** The next non-blank line at or after `l` before `limit`, or -1. */
  private nextContent(l: number, limit: number): number {
    for (; l < limit; l += 1) if (!this.isBlank(l)) return l;
    return -1;
  }

  private count(): void {
    if (--this.nodes < 0) throw UNSUPPORTED; // the full reader words the limit
  }

  // -------------------------------------------------------------------------------------------
  // Documents

  documents(): ReadDocument[] {
    const out: ReadDocument[] = [];
    let l = 0;
    let markerAt = -1; // the offset of the `---` that opened the current document
    for (;;) {
      // The document's lines: up to the next marker.
      let endLine = l;
      while (endLine < this.lineCount && !this.isMarker(endLine)) endLine += 1;
      const content = this.nextContent(l, endLine);
      if (content >= 0) {
        this.line = content;
        const indent = this.indentOf(content);
        const at = this.starts[content]! + indent;
        const read = this.block(indent, at, endLine, 0);
        if (this.nextContent(this.line + 1, endLine) >= 0) throw UNSUPPORTED;
        out.push({ node: read.node, line: this.pos(markerAt >= 0 ? markerAt : at).line });
      } else if (markerAt >= 0) out.push({ node: undefined, line: this.pos(markerAt).line });
      // (Blank lines before a first `---` make no document.)
      if (endLine >= this.lineCount) break;
      markerAt = this.starts[endLine]!;
      l = endLine + 1;
      if (l >= this.lineCount) {
        // A `---` on the last line: yaml reads an empty document after it.
        out.push({ node: undefined, line: this.pos(markerAt).line });
        break;
      }
    }
    if (out.length === 0) throw UNSUPPORTED;
    return out;
  }

  /** A block collection starting at offset `at` on the current line, indented `indent`. */
  private block(indent: number, at: number, limit: number, depth: number): Read {
    if (depth > this.maxDepth) throw UNSUPPORTED;
    return this.isSeqEntry(at) ? this.seq(indent, limit, depth) : this.map(indent, at, limit, depth);
  }

  private isSeqEntry(at: number): boolean {
    if (this.text.charCodeAt(at) !== DASH) return false;
    const next = this.text.charCodeAt(at + 1);
    return next === SPACE || next === NEWLINE;
  }

  // -------------------------------------------------------------------------------------------
  // Collections

  private map(indent: number, at: number, limit: number, depth: number): Read {
    if (depth > this.maxDepth) throw UNSUPPORTED;
    this.count();
    const node: MapNode = { type: "map", entries: [] };
    const start = at;
    const keys = new Set<string>();
    let end: number;
    for (;;) {
      end = this.entry(node, keys, indent, at, limit, depth);
      const next = this.nextContent(this.line + 1, limit);
      if (next < 0) break;
      const nextIndent = this.indentOf(next);
      if (nextIndent < indent) break;
      if (nextIndent > indent) throw UNSUPPORTED;
      at = this.starts[next]! + nextIndent;
      if (this.isSeqEntry(at)) throw UNSUPPORTED;
      this.line = next;
    }
    node.origin = this.range(start, end);
    return { node, end };
  }

  /** One `key: value` entry at `at`; returns where its value ends (range[2]). */
  private entry(node: MapNode, keys: Set<string>, indent: number, at: number, limit: number, depth: number): number {
    const text = this.text;
    const lineEnd = this.lineEnd(this.line);
    let keyEnd: number;
    let colon: number;
    let key: string;
    const c = text.charCodeAt(at);
    if (c === 39 || c === 34) {
      const q = this.quoted(at, lineEnd);
      key = q.value;
      keyEnd = q.end;
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
      key = text.slice(at, keyEnd);
      if (key === "<<") throw UNSUPPORTED;
    }
    if (keys.has(key)) throw UNSUPPORTED; // duplicate keys are an error for the full reader
    keys.add(key);
    const keyOrigin = this.range(at, keyEnd);
    const read = this.value(colon + 1, lineEnd, indent, limit, depth, true);
    node.entries.push({ key, value: read.node, keyOrigin });
    return read.end;
  }

  private keyColon(at: number, lineEnd: number): number {
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

  private seq(indent: number, limit: number, depth: number): Read {
    if (depth > this.maxDepth) throw UNSUPPORTED;
    this.count();
    const items: Node[] = [];
    const start = this.starts[this.line]! + indent;
    let end: number;
    for (;;) {
      const at = this.starts[this.line]! + indent;
      let p = at + 1;
      while (this.text.charCodeAt(p) === SPACE) p += 1;
      if (this.isSeqEntry(p)) throw UNSUPPORTED; // `- - x`
      const read = this.value(at + 1, this.lineEnd(this.line), indent, limit, depth, false);
      items.push(read.node);
      end = read.end;
      const next = this.nextContent(this.line + 1, limit);
      if (next < 0) break;
      const nextIndent = this.indentOf(next);
      if (nextIndent < indent) break;
      const nextAt = this.starts[next]! + nextIndent;
      if (nextIndent > indent || !this.isSeqEntry(nextAt)) {
        if (nextIndent === indent) break; // the parent mapping's next key
        throw UNSUPPORTED;
      }
      this.line = next;
    }
    const node: SeqNode = { type: "seq", items, origin: this.range(start, end) };
    return { node, end };
  }

  /**
   * The value after `key:` or `- ` (from offset `from` on the current line). `inMap`: a mapping's
   * value, whose list may sit at the key's own indentation.
   */
  private value(from: number, lineEnd: number, indent: number, limit: number, depth: number, inMap: boolean): Read {
    const text = this.text;
    let p = from;
    while (text.charCodeAt(p) === SPACE) p += 1;
    const c = text.charCodeAt(p);
    if (c === NEWLINE || (c === HASH && p > from)) {
      const next = this.nextContent(this.line + 1, limit);
      const nextIndent = next < 0 ? -1 : this.indentOf(next);
      const nextAt = next < 0 ? -1 : this.starts[next]! + nextIndent;
      if (next >= 0 && (nextIndent > indent || (inMap && nextIndent === indent && this.isSeqEntry(nextAt)))) {
        if (c === HASH) throw UNSUPPORTED; // a comment before a nested block: yaml's ranges move
        this.line = next;
        return this.block(nextIndent, nextAt, limit, depth + 1);
      }
      // An empty value: yaml's empty scalar sits where the line's content would start.
      const end = c === HASH ? lineEnd + 1 : p;
      this.count();
      return { node: { type: "scalar", value: null, style: "plain", origin: this.range(p, p) }, end };
    }
    if (c === 124 || c === 62) return this.blockScalar(p, indent);
    if (c === 91 || (c === 123 && text.charCodeAt(p + 1) === 125)) {
      const flow = c === 91 ? this.flowSeq(p, lineEnd) : { node: { type: "map", entries: [] } as Node, end: p + 2 };
      if (c === 123) this.count();
      flow.node.origin = this.range(p, flow.end);
      this.restOfLine(flow.end, lineEnd);
      this.noMoreIndented(indent, limit);
      return { node: flow.node, end: lineEnd + 1 };
    }
    if (c === 39 || c === 34) {
      const q = this.quoted(p, lineEnd);
      let after = q.end;
      while (text.charCodeAt(after) === SPACE) after += 1;
      if (text.charCodeAt(after) === COLON) {
        if (inMap) throw UNSUPPORTED;
        return this.compactMap(p, limit, depth);
      }
      this.restOfLine(q.end, lineEnd);
      this.noMoreIndented(indent, limit);
      this.count();
      const node: ScalarNode = { type: "scalar", value: q.value, style: c === 39 ? "single" : "double", origin: this.range(p, q.end) };
      return { node, end: lineEnd + 1 };
    }
    if (INDICATOR_START.has(c) && !(c === DASH && text.charCodeAt(p + 1) !== SPACE && text.charCodeAt(p + 1) !== NEWLINE)) throw UNSUPPORTED;
    let end = p;
    for (let i = p; i < lineEnd; i += 1) {
      const ch = text.charCodeAt(i);
      if (ch === HASH && text.charCodeAt(i - 1) === SPACE) break;
      if (ch === COLON) {
        const next = text.charCodeAt(i + 1);
        if (next === SPACE || next === NEWLINE) {
          if (inMap) throw UNSUPPORTED;
          return this.compactMap(p, limit, depth);
        }
      }
      if (ch !== SPACE) end = i + 1;
    }
    this.noMoreIndented(indent, limit);
    return { node: this.plain(p, end), end: lineEnd + 1 };
  }

  private plain(start: number, end: number): ScalarNode {
    this.count();
    const r = resolvePlain(this.text.slice(start, end));
    const node: ScalarNode = { type: "scalar", value: r.value, style: "plain" };
    if (r.source !== undefined) node.source = r.source;
    node.origin = this.range(start, end);
    return node;
  }

  /** Only spaces or a ` #` comment may follow a value on its line. */
  private restOfLine(from: number, lineEnd: number): void {
    let i = from;
    while (this.text.charCodeAt(i) === SPACE) i += 1;
    if (i < lineEnd && !(this.text.charCodeAt(i) === HASH && i > from)) throw UNSUPPORTED;
  }

  /** `- key: value` and the entries under it: a mapping at the key's column. */
  private compactMap(at: number, limit: number, depth: number): Read {
    return this.map(at - this.starts[this.line]!, at, limit, depth + 1);
  }

  private noMoreIndented(indent: number, limit: number): void {
    const next = this.nextContent(this.line + 1, limit);
    if (next >= 0 && this.indentOf(next) > indent) throw UNSUPPORTED;
  }

  // -------------------------------------------------------------------------------------------
  // Scalars

  private quoted(at: number, lineEnd: number): { value: string; end: number } {
    const text = this.text;
    const quote = text.charCodeAt(at);
    let value = "";
    let i = at + 1;
    for (;;) {
      const close = text.indexOf(quote === 39 ? "'" : '"', i);
      if (close < 0 || close >= lineEnd) throw UNSUPPORTED;
      const part = text.slice(i, close);
      if (quote === 34 && part.includes("\\")) throw UNSUPPORTED;
      value += part;
      if (quote === 39 && text.charCodeAt(close + 1) === 39) {
        value += "'";
        i = close + 2;
        continue;
      }
      return { value, end: close + 1 };
    }
  }

  /** `["a", b]`: plain and quoted items on one line. */
  private flowSeq(at: number, lineEnd: number): { node: Node; end: number } {
    const text = this.text;
    this.count();
    const items: Node[] = [];
    let i = at + 1;
    for (;;) {
      while (text.charCodeAt(i) === SPACE) i += 1;
      const c = text.charCodeAt(i);
      if (c === 93 && items.length === 0) return { node: { type: "seq", items }, end: i + 1 };
      let itemEnd: number;
      if (c === 39 || c === 34) {
        const q = this.quoted(i, lineEnd);
        this.count();
        items.push({ type: "scalar", value: q.value, style: c === 39 ? "single" : "double", origin: this.range(i, q.end) });
        itemEnd = q.end;
      } else {
        if (INDICATOR_START.has(c) || c === NEWLINE) throw UNSUPPORTED;
        let end = i;
        let j = i;
        for (; j < lineEnd; j += 1) {
          const ch = text.charCodeAt(j);
          if (ch === 44 || ch === 93) break;
          if (ch === 91 || ch === 123 || ch === 125 || ch === COLON || ch === HASH) throw UNSUPPORTED;
          if (ch !== SPACE) end = j + 1;
        }
        items.push(this.plain(i, end));
        itemEnd = end;
      }
      i = itemEnd;
      while (text.charCodeAt(i) === SPACE) i += 1;
      const sep = text.charCodeAt(i);
      if (sep === 93) return { node: { type: "seq", items }, end: i + 1 };
      if (sep !== 44) throw UNSUPPORTED;
      i += 1;
      while (text.charCodeAt(i) === SPACE) i += 1;
      if (text.charCodeAt(i) === 93) throw UNSUPPORTED;
    }
  }

  /** `|`, `|-`, `>`, `>-` at `at`, for a node at column `indent`. */
  private blockScalar(at: number, indent: number): Read {
    const text = this.text;
    const folded = text.charCodeAt(at) === 62;
    let p = at + 1;
    let strip = false;
    const h = text.charCodeAt(p);
    if (h === DASH) {
      strip = true;
      p += 1;
    } else if (h === 43 || (h >= 48 && h <= 57)) throw UNSUPPORTED;
    this.restOfLine(p, this.lineEnd(this.line));
    let l = this.line + 1;
    let blockIndent = -1;
    let lastContent = -1;
    let leadingBlankMax = 0;
    for (; l < this.lineCount; l += 1) {
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
        if (ind > blockIndent) throw UNSUPPORTED;
        continue;
      }
      if (ind < blockIndent) break;
      lastContent = l;
    }
    this.count();
    const style = folded ? "folded" : "literal";
    if (blockIndent < 0) {
      if (leadingBlankMax > indent) throw UNSUPPORTED;
      const end = this.starts[this.line + 1]!;
      return { node: { type: "scalar", value: "", style, origin: this.range(at, end) }, end };
    }
    const body: string[] = [];
    for (let k = this.line + 1; k <= lastContent; k += 1) {
      const lineText = text.slice(this.starts[k]!, this.lineEnd(k));
      body.push(this.isBlank(k) ? "" : lineText.slice(blockIndent));
    }
    let value: string;
    if (folded) {
      value = "";
      for (let i = 0; i < body.length; i += 1) {
        const line = body[i]!;
        if (line.startsWith(" ")) throw UNSUPPORTED;
        if (line === "") value += "\n";
        else value += i === 0 || body[i - 1] === "" ? line : ` ${line}`;
      }
    } else value = body.join("\n");
    if (!strip) value += "\n";
    const end = this.starts[lastContent + 1]!;
    this.line = lastContent;
    return { node: { type: "scalar", value, style, origin: this.range(at, end) }, end };
  }
}
