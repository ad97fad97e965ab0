/**
 * yaml's AST of comment-free block YAML, built without yaml's lexer, parser and composer: block
 * mappings and sequences of plain, quoted and block scalars and one-line flow lists, in one or
 * several documents. What it builds is what parseAllDocuments gives with the engine's options (same
 * nodes, values, types, formats and ranges, the documents' ranges and the line starts), so the
 * Kubernetes and compose readers use it unchanged. It returns undefined for anything else, and the
 * text is parsed: comment lines (yaml attaches them to the ranges around them), anchors, aliases,
 * tags, merge keys, escapes, multi-line plain or quoted scalars, flow mappings with entries, `|+` and
 * indentation indicators, tabs, directives, template markers, and every syntax error.
 *
 * Why: the engine's YAML path spends most of its time in the parse that the benchmark's floor
 * measures. test/engine/yaml/fast-documents.test.ts compares the ASTs node for node with the
 * parser's on every YAML file of the shared corpus and trees, and on mutated files.
 */
import { Document, LineCounter, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from "yaml";
import { coreSchema, corePlainScalar, ENGINE_PARSE_OPTIONS } from "./core-scalars.js";

class Unsupported extends Error {}
const UNSUPPORTED = new Unsupported();

const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const NEWLINE = 10;

const INDICATOR_START = new Set([..."?:,[]{}#&*!|>'\"%@`-"].map((c) => c.charCodeAt(0)));

/** A node and its range[2] (a parent collection ends where its last item does). */
interface Built {
  node: Node;
  end: number;
}

type Range3 = [number, number, number];

/**
 * The documents of `text` as parseAllDocuments reads them (with `lc` filled as the parser fills
 * it), or undefined when the text uses a form built here only by the parser. `merge`: the option
 * the parser would get (merge keys themselves are left to it).
 */
export function fastDocuments(text: string, lc: LineCounter, merge: boolean, maxDocuments: number): Document.Parsed[] | undefined {
  // Past half a megabyte the parser's own stream reader runs: it checks the deadline per document.
  if (text.length === 0 || text.length > 512 * 1024 || text.charCodeAt(text.length - 1) !== NEWLINE) return undefined;
  if (/[\t\r\uFEFF]/.test(text) || /^[ ]*#|^(?:\.\.\.|%)/m.test(text) || text.includes("{{")) return undefined;
  const starts: number[] = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  let docs: Document.Parsed[];
  try {
    docs = new Builder(text, starts, merge, maxDocuments).documents();
  } catch {
    return undefined;
  }
  for (const s of starts) lc.addNewLine(s);
  return docs;
}

class Builder {
  private line = 0;
  private readonly count: number;

  constructor(
    private readonly text: string,
    private readonly starts: number[],
    private readonly merge: boolean,
    private readonly maxDocuments: number,
  ) {
    this.count = starts.length - 1;
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

  private isMarker(l: number): boolean {
    const s = this.starts[l]!;
    if (!this.text.startsWith("---", s)) return false;
    let i = s + 3;
    while (this.text.charCodeAt(i) === SPACE) i += 1;
    if (this.text.charCodeAt(i) !== NEWLINE) throw UNSUPPORTED;
    return true;
  }

  private nextContent(l: number, limit: number): number {
    for (; l < limit; l += 1) if (!this.isBlank(l)) return l;
    return -1;
  }

  private newDocument(contents: Node, range: Range3, marker: boolean): Document.Parsed {
    const doc = new Document(undefined, { ...ENGINE_PARSE_OPTIONS, merge: this.merge, schema: coreSchema() }) as unknown as Document.Parsed;
    doc.contents = contents as Document.Parsed["contents"];
    doc.range = range;
    if (marker) doc.directives.docStart = true;
    return doc;
  }

  documents(): Document.Parsed[] {
    const out: Document.Parsed[] = [];
    let l = 0;
    let markerAt = -1;
    for (;;) {
      let endLine = l;
      while (endLine < this.count && !this.isMarker(endLine)) endLine += 1;
      const limitOffset = this.starts[endLine]!;
      const content = this.nextContent(l, endLine);
      if (content >= 0) {
        this.line = content;
        const indent = this.indentOf(content);
        const at = this.starts[content]! + indent;
        const built = this.block(indent, at, endLine, 0);
        if (this.nextContent(this.line + 1, endLine) >= 0) throw UNSUPPORTED;
        // The document runs over blank lines after its last line, not past a value cut short (`key:`).
        const docEnd = this.text.charCodeAt(built.end - 1) === NEWLINE ? limitOffset : built.end;
        out.push(this.newDocument(built.node, [markerAt >= 0 ? markerAt : this.starts[content]!, built.end, docEnd], markerAt >= 0));
      } else if (markerAt >= 0) {
        // A document of nothing after `---`: an empty plain scalar where the marker ends.
        const empty = this.emptyScalar(markerAt + 3, markerAt + 3);
        out.push(this.newDocument(empty, [markerAt, markerAt + 3, markerAt + 3], true));
      }
      if (out.length > this.maxDocuments) throw UNSUPPORTED; // the stream reader stops and reports
      if (endLine >= this.count) break;
      markerAt = this.starts[endLine]!;
      l = endLine + 1;
    }
    if (out.length === 0) throw UNSUPPORTED;
    return out;
  }

  private emptyScalar(at: number, end: number): Scalar {
    const scalar = corePlainScalar("", false);
    scalar.source = "";
    scalar.range = [at, at, end];
    return scalar;
  }

  private block(indent: number, at: number, limit: number, depth: number): Built {
    if (depth > 100) throw UNSUPPORTED;
    return this.isSeqEntry(at) ? this.seq(indent, limit, depth) : this.map(indent, at, limit, depth);
  }

  private isSeqEntry(at: number): boolean {
    if (this.text.charCodeAt(at) !== DASH) return false;
    const next = this.text.charCodeAt(at + 1);
    return next === SPACE || next === NEWLINE;
  }

  private map(indent: number, at: number, limit: number, depth: number): Built {
    if (depth > 100) throw UNSUPPORTED;
    const map = new YAMLMap();
    const start = at;
    let end: number;
    for (;;) {
      end = this.entry(map, indent, at, limit, depth);
      const next = this.nextContent(this.line + 1, limit);
      if (next < 0) break;
      const nextIndent = this.indentOf(next);
      if (nextIndent < indent) break;
      if (nextIndent > indent) throw UNSUPPORTED;
      at = this.starts[next]! + nextIndent;
      if (this.isSeqEntry(at)) throw UNSUPPORTED;
      this.line = next;
    }
    map.range = [start, end, end];
    return { node: map, end };
  }

  private entry(map: YAMLMap, indent: number, at: number, limit: number, depth: number): number {
    const text = this.text;
    const lineEnd = this.lineEnd(this.line);
    let keyEnd: number;
    let colon: number;
    let key: Scalar;
    const c = text.charCodeAt(at);
    if (c === 39 || c === 34) {
      const q = this.quoted(at, lineEnd);
      key = new Scalar(q.value);
      key.type = c === 39 ? Scalar.QUOTE_SINGLE : Scalar.QUOTE_DOUBLE;
      key.source = q.value;
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
      const source = text.slice(at, keyEnd);
      if (source === "<<") throw UNSUPPORTED;
      key = corePlainScalar(source, true);
      key.source = source;
    }
    key.range = [at, keyEnd, keyEnd];
    const value = this.value(colon + 1, lineEnd, indent, limit, depth, true);
    map.items.push(new Pair(key, value.node));
    return value.end;
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

  private seq(indent: number, limit: number, depth: number): Built {
    if (depth > 100) throw UNSUPPORTED;
    const seq = new YAMLSeq();
    const start = this.starts[this.line]! + indent;
    let end: number;
    for (;;) {
      const at = this.starts[this.line]! + indent;
      let p = at + 1;
      while (this.text.charCodeAt(p) === SPACE) p += 1;
      if (this.isSeqEntry(p)) throw UNSUPPORTED;
      const item = this.value(at + 1, this.lineEnd(this.line), indent, limit, depth, false);
      seq.items.push(item.node);
      end = item.end;
      const next = this.nextContent(this.line + 1, limit);
      if (next < 0) break;
      const nextIndent = this.indentOf(next);
      if (nextIndent < indent) break;
      const nextAt = this.starts[next]! + nextIndent;
      if (nextIndent > indent || !this.isSeqEntry(nextAt)) {
        if (nextIndent === indent) break;
        throw UNSUPPORTED;
      }
      this.line = next;
    }
    seq.range = [start, end, end];
    return { node: seq, end };
  }

  private value(from: number, lineEnd: number, indent: number, limit: number, depth: number, inMap: boolean): Built {
    const text = this.text;
    let p = from;
    while (text.charCodeAt(p) === SPACE) p += 1;
    const c = text.charCodeAt(p);
    if (c === NEWLINE || (c === HASH && p > from)) {
      const next = this.nextContent(this.line + 1, limit);
      const nextIndent = next < 0 ? -1 : this.indentOf(next);
      const nextAt = next < 0 ? -1 : this.starts[next]! + nextIndent;
      if (next >= 0 && (nextIndent > indent || (inMap && nextIndent === indent && this.isSeqEntry(nextAt)))) {
        if (c === HASH) throw UNSUPPORTED;
        this.line = next;
        return this.block(nextIndent, nextAt, limit, depth + 1);
      }
      const end = c === HASH ? lineEnd + 1 : p;
      return { node: this.emptyScalar(p, end), end };
    }
    if (c === 124 || c === 62) return this.blockScalar(p, indent);
    if (c === 91 || (c === 123 && text.charCodeAt(p + 1) === 125)) {
      let node: YAMLSeq | YAMLMap;
      let close: number;
      if (c === 91) {
        const flow = this.flowSeq(p, lineEnd);
        node = flow.seq;
        close = flow.end;
      } else {
        node = new YAMLMap();
        close = p + 2;
      }
      node.flow = true;
      this.restOfLine(close, lineEnd);
      this.noMoreIndented(indent, limit);
      node.range = [p, close, lineEnd + 1];
      return { node, end: lineEnd + 1 };
    }
    if (c === 39 || c === 34) {
      const q = this.quoted(p, lineEnd);
      let after = q.end;
      while (text.charCodeAt(after) === SPACE) after += 1;
      if (text.charCodeAt(after) === COLON) {
        if (inMap) throw UNSUPPORTED;
        return this.map(p - this.starts[this.line]!, p, limit, depth + 1);
      }
      this.restOfLine(q.end, lineEnd);
      this.noMoreIndented(indent, limit);
      const scalar = new Scalar(q.value);
      scalar.type = c === 39 ? Scalar.QUOTE_SINGLE : Scalar.QUOTE_DOUBLE;
      scalar.source = q.value;
      scalar.range = [p, q.end, lineEnd + 1];
      return { node: scalar, end: lineEnd + 1 };
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
          return this.map(p - this.starts[this.line]!, p, limit, depth + 1);
        }
      }
      if (ch !== SPACE) end = i + 1;
    }
    this.noMoreIndented(indent, limit);
    const source = text.slice(p, end);
    const scalar = corePlainScalar(source, false);
    scalar.source = source;
    scalar.range = [p, end, lineEnd + 1];
    return { node: scalar, end: lineEnd + 1 };
  }

  private restOfLine(from: number, lineEnd: number): void {
    let i = from;
    while (this.text.charCodeAt(i) === SPACE) i += 1;
    if (i < lineEnd && !(this.text.charCodeAt(i) === HASH && i > from)) throw UNSUPPORTED;
  }

  private noMoreIndented(indent: number, limit: number): void {
    const next = this.nextContent(this.line + 1, limit);
    if (next >= 0 && this.indentOf(next) > indent) throw UNSUPPORTED;
  }

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

  private flowSeq(at: number, lineEnd: number): { seq: YAMLSeq; end: number } {
    const text = this.text;
    const seq = new YAMLSeq();
    let i = at + 1;
    for (;;) {
      while (text.charCodeAt(i) === SPACE) i += 1;
      const c = text.charCodeAt(i);
      if (c === 93 && seq.items.length === 0) return { seq, end: i + 1 };
      let itemEnd: number;
      let scalar: Scalar;
      if (c === 39 || c === 34) {
        const q = this.quoted(i, lineEnd);
        scalar = new Scalar(q.value);
        scalar.type = c === 39 ? Scalar.QUOTE_SINGLE : Scalar.QUOTE_DOUBLE;
        scalar.source = q.value;
        itemEnd = q.end;
      } else {
        if (INDICATOR_START.has(c) || c === NEWLINE) throw UNSUPPORTED;
        let end = i;
        for (let j = i; j < lineEnd; j += 1) {
          const ch = text.charCodeAt(j);
          if (ch === 44 || ch === 93) break;
          if (ch === 91 || ch === 123 || ch === 125 || ch === COLON || ch === HASH) throw UNSUPPORTED;
          if (ch !== SPACE) end = j + 1;
        }
        const source = text.slice(i, end);
        scalar = corePlainScalar(source, false);
        scalar.source = source;
        itemEnd = end;
      }
      const itemStart = i;
      i = itemEnd;
      while (text.charCodeAt(i) === SPACE) i += 1;
      scalar.range = [itemStart, itemEnd, i];
      seq.items.push(scalar);
      const sep = text.charCodeAt(i);
      if (sep === 93) return { seq, end: i + 1 };
      if (sep !== 44) throw UNSUPPORTED;
      i += 1;
      while (text.charCodeAt(i) === SPACE) i += 1;
      if (text.charCodeAt(i) === 93) throw UNSUPPORTED;
    }
  }

  private blockScalar(at: number, indent: number): Built {
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
        if (ind > blockIndent) throw UNSUPPORTED;
        continue;
      }
      if (ind < blockIndent) break;
      lastContent = l;
    }
    let value: string;
    let end: number;
    if (blockIndent < 0) {
      if (leadingBlankMax > indent) throw UNSUPPORTED;
      value = "";
      end = this.starts[this.line + 1]!;
    } else {
      const body: string[] = [];
      for (let k = this.line + 1; k <= lastContent; k += 1) body.push(this.isBlank(k) ? "" : text.slice(this.starts[k]! + blockIndent, this.lineEnd(k)));
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
      end = this.starts[lastContent + 1]!;
      this.line = lastContent;
    }
    const scalar = new Scalar(value);
    scalar.type = folded ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL;
    scalar.source = value;
    scalar.range = [at, end, end];
    return { node: scalar, end };
  }
}
