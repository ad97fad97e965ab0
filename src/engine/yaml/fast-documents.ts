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
import { BlockScanner, COLON, DASH, DOUBLE_QUOTE, HASH, INDICATOR_START, lineStartsOf, NEWLINE, scannable, SINGLE_QUOTE, SPACE, UNSUPPORTED } from "./block-scanner.js";
import { coreSchema, corePlainScalar, ENGINE_PARSE_OPTIONS } from "./core-scalars.js";

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
  if (text.length > 512 * 1024 || !scannable(text) || text.includes("{{")) return undefined;
  const starts = lineStartsOf(text);
  let docs: Document.Parsed[];
  try {
    docs = new Builder(text, starts, merge, maxDocuments).documents();
  } catch {
    return undefined;
  }
  for (const s of starts) lc.addNewLine(s); // the caller's counter: filled only when the AST is built
  return docs;
}

function quotedScalar(quote: number, value: string): Scalar {
  const scalar = new Scalar(value);
  scalar.type = quote === SINGLE_QUOTE ? Scalar.QUOTE_SINGLE : Scalar.QUOTE_DOUBLE;
  scalar.source = value;
  return scalar;
}

function plainScalar(source: string, atKey: boolean): Scalar {
  const scalar = corePlainScalar(source, atKey);
  scalar.source = source;
  return scalar;
}

class Builder extends BlockScanner {
  constructor(
    text: string,
    starts: number[],
    private readonly merge: boolean,
    private readonly maxDocuments: number,
  ) {
    super(text, starts);
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
    const lineEnd = this.lineEnd(this.line);
    const k = this.keyAt(at, lineEnd);
    if (k.quote === 0 && k.text === "<<") throw UNSUPPORTED; // a merge key: the parser merges
    const key = k.quote === 0 ? plainScalar(k.text, true) : quotedScalar(k.quote, k.text);
    const keyEnd = k.end;
    const colon = k.colon;
    key.range = [at, keyEnd, keyEnd];
    const value = this.value(colon + 1, lineEnd, indent, limit, depth, true);
    map.items.push(new Pair(key, value.node));
    return value.end;
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
        if (c === HASH) throw UNSUPPORTED; // a comment before a nested block: yaml's ranges move
        this.line = next;
        return this.block(nextIndent, nextAt, limit, depth + 1);
      }
      const end = c === HASH ? lineEnd + 1 : p;
      return { node: this.emptyScalar(p, end), end };
    }
    if (c === 124 || c === 62) {
      const block = this.blockScalarText(p, indent);
      const scalar = new Scalar(block.value);
      scalar.type = block.folded ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL;
      scalar.source = block.value;
      scalar.range = [p, block.end, block.end];
      return { node: scalar, end: block.end };
    }
    if (c === 91 || (c === 123 && text.charCodeAt(p + 1) === 125)) {
      let node: YAMLSeq | YAMLMap;
      let close: number;
      if (c === 91) {
        const flow = this.flowItems(p, lineEnd);
        node = new YAMLSeq();
        for (const item of flow.items) {
          const scalar = item.quote === 0 ? plainScalar(item.value, false) : quotedScalar(item.quote, item.value);
          scalar.range = [item.start, item.end, item.after];
          node.items.push(scalar);
        }
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
    if (c === SINGLE_QUOTE || c === DOUBLE_QUOTE) {
      const q = this.quoted(p, lineEnd);
      let after = q.end;
      while (text.charCodeAt(after) === SPACE) after += 1;
      if (text.charCodeAt(after) === COLON) {
        if (inMap) throw UNSUPPORTED;
        return this.map(p - this.starts[this.line]!, p, limit, depth + 1);
      }
      this.restOfLine(q.end, lineEnd);
      this.noMoreIndented(indent, limit);
      const scalar = quotedScalar(c, q.value);
      scalar.range = [p, q.end, lineEnd + 1];
      return { node: scalar, end: lineEnd + 1 };
    }
    if (INDICATOR_START.has(c) && !(c === DASH && text.charCodeAt(p + 1) !== SPACE && text.charCodeAt(p + 1) !== NEWLINE)) throw UNSUPPORTED;
    const plain = this.plainEnd(p, lineEnd);
    if (plain.colon) {
      if (inMap) throw UNSUPPORTED; // `key: a: b` is an error
      return this.map(p - this.starts[this.line]!, p, limit, depth + 1);
    }
    this.noMoreIndented(indent, limit);
    const scalar = plainScalar(text.slice(p, plain.end), false);
    scalar.range = [p, plain.end, lineEnd + 1];
    return { node: scalar, end: lineEnd + 1 };
  }
}
