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
import {
  BlockScanner,
  COLON,
  DASH,
  DOUBLE_QUOTE,
  HASH,
  INDICATOR_START,
  lineCounterOf,
  lineStartsOf,
  NEWLINE,
  scannable,
  SINGLE_QUOTE,
  SPACE,
  UNSUPPORTED,
} from "../../engine/yaml/block-scanner.js";
import type { SourceRange } from "../provenance.js";
import type { MapNode, Node, ScalarNode, SeqNode } from "./resource.js";
import { resolvePlain, type ReadDocument, type ReadOptions } from "./yaml-read.js";

/** A node and where yaml says it ends (its range[2]: a parent collection's range[1] is its last item's). */
interface Read {
  node: Node;
  end: number;
}

export function readYamlDocumentsFast(text: string, file: string, options: ReadOptions = {}): ReadDocument[] | undefined {
  if (!scannable(text)) return undefined;
  try {
    return new FastReader(text, file, options).documents();
  } catch {
    return undefined;
  }
}

class FastReader extends BlockScanner {
  private readonly lc: LineCounter;
  private nodes: number;
  private readonly maxDepth: number;

  constructor(
    text: string,
    private readonly file: string,
    private readonly options: ReadOptions,
  ) {
    const starts = lineStartsOf(text);
    super(text, starts);
    this.lc = lineCounterOf(text, starts);
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

  /** One node more of the budget. */
  private spend(): void {
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
      while (endLine < this.count && !this.isMarker(endLine)) endLine += 1;
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
      if (endLine >= this.count) break;
      markerAt = this.starts[endLine]!;
      l = endLine + 1;
      if (l >= this.count) {
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

  // -------------------------------------------------------------------------------------------
  // Collections

  private map(indent: number, at: number, limit: number, depth: number): Read {
    if (depth > this.maxDepth) throw UNSUPPORTED;
    this.spend();
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
    const lineEnd = this.lineEnd(this.line);
    const k = this.keyAt(at, lineEnd);
    const key = k.text;
    const keyEnd = k.end;
    const colon = k.colon;
    if (k.quote === 0 && key === "<<") throw UNSUPPORTED;
    if (keys.has(key)) throw UNSUPPORTED; // duplicate keys are an error for the full reader
    keys.add(key);
    const keyOrigin = this.range(at, keyEnd);
    const read = this.value(colon + 1, lineEnd, indent, limit, depth, true);
    node.entries.push({ key, value: read.node, keyOrigin });
    return read.end;
  }

  private seq(indent: number, limit: number, depth: number): Read {
    if (depth > this.maxDepth) throw UNSUPPORTED;
    this.spend();
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
      this.spend();
      return { node: { type: "scalar", value: null, style: "plain", origin: this.range(p, p) }, end };
    }
    if (c === 124 || c === 62) {
      const block = this.blockScalarText(p, indent);
      this.spend();
      return { node: { type: "scalar", value: block.value, style: block.folded ? "folded" : "literal", origin: this.range(p, block.end) }, end: block.end };
    }
    if (c === 91 || (c === 123 && text.charCodeAt(p + 1) === 125)) {
      let node: Node;
      let close: number;
      this.spend();
      if (c === 91) {
        const flow = this.flowItems(p, lineEnd);
        const items: Node[] = flow.items.map((item) => (item.quote === 0 ? this.plain(item.start, item.end) : this.quotedNode(item.quote, item.value, item.start, item.end)));
        node = { type: "seq", items };
        close = flow.end;
      } else {
        node = { type: "map", entries: [] };
        close = p + 2;
      }
      node.origin = this.range(p, close);
      this.restOfLine(close, lineEnd);
      this.noMoreIndented(indent, limit);
      return { node, end: lineEnd + 1 };
    }
    if (c === SINGLE_QUOTE || c === DOUBLE_QUOTE) {
      const q = this.quoted(p, lineEnd);
      let after = q.end;
      while (text.charCodeAt(after) === SPACE) after += 1;
      if (text.charCodeAt(after) === COLON) {
        if (inMap) throw UNSUPPORTED; // `key: "k": v`
        return this.compactMap(p, limit, depth);
      }
      this.restOfLine(q.end, lineEnd);
      this.noMoreIndented(indent, limit);
      return { node: this.quotedNode(c, q.value, p, q.end), end: lineEnd + 1 };
    }
    if (INDICATOR_START.has(c) && !(c === DASH && text.charCodeAt(p + 1) !== SPACE && text.charCodeAt(p + 1) !== NEWLINE)) throw UNSUPPORTED;
    const plain = this.plainEnd(p, lineEnd);
    if (plain.colon) {
      if (inMap) throw UNSUPPORTED; // `key: a: b` is an error
      return this.compactMap(p, limit, depth);
    }
    this.noMoreIndented(indent, limit);
    return { node: this.plain(p, plain.end), end: lineEnd + 1 };
  }

  private quotedNode(quote: number, value: string, start: number, end: number): ScalarNode {
    this.spend();
    return { type: "scalar", value, style: quote === SINGLE_QUOTE ? "single" : "double", origin: this.range(start, end) };
  }

  private plain(start: number, end: number): ScalarNode {
    this.spend();
    const r = resolvePlain(this.text.slice(start, end));
    const node: ScalarNode = { type: "scalar", value: r.value, style: "plain" };
    if (r.source !== undefined) node.source = r.source;
    node.origin = this.range(start, end);
    return node;
  }

  /** `- key: value` and the entries under it: a mapping at the key's column. */
  private compactMap(at: number, limit: number, depth: number): Read {
    return this.map(at - this.starts[this.line]!, at, limit, depth + 1);
  }
}
