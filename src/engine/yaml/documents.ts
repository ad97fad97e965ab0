/**
 * YAML reading shared by the Kubernetes and compose models: every document of a stream with exact
 * 1-based positions, templated-file detection (Helm / Go templates), alias limits (alias bombs) and
 * per-document error isolation, so one broken document never hides the others.
 */
import {
  Composer,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  Parser,
  visit,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
} from "yaml";
import type { Fix, Range, TextFile } from "../types.js";
import { TimeLimitReached, type Deadline } from "../deadline.js";
import { fastDocuments } from "./fast-documents.js";

export interface YamlDocument {
  /** 0-based position of the document in the stream. */
  index: number;
  doc: Document.Parsed;
  /** Lines the document spans (1-based). */
  startLine: number;
  endLine: number;
}

export interface YamlProblem {
  range: Range;
  message: string;
  kind: "syntax" | "aliases" | "too-many-documents" | "templated";
}

export interface YamlStream {
  file: TextFile;
  lineCounter: LineCounter;
  /** Documents that parsed cleanly and respect the limits; broken ones are in `problems`. */
  documents: YamlDocument[];
  problems: YamlProblem[];
  /** True when the file is a Go/Helm template rather than YAML; `documents` is then empty. */
  templated: boolean;
  /**
   * Documents composed from the text: at most `maxDocuments + 1`, because reading stops at the
   * first document over the limit (the rest of the stream is never parsed).
   */
  documentsRead: number;
}

export interface YamlLimits {
  maxAliases: number;
  maxDocuments: number;
  /** Whether `<<` merge keys are honoured (compose uses them; Kubernetes does not need them). */
  merge: boolean;
  /**
   * The text is the output of a renderer (Kustomize, Helm), never a template: `{{` in it is data
   * (a value that holds template text), so template detection is off.
   */
  rendered?: boolean;
}

/** Converts a yaml node range (character offsets) to a 1-based line/column range. */
export function offsetsToRange(lc: LineCounter, start: number, end: number): Range {
  const s = lc.linePos(start);
  const e = lc.linePos(Math.max(start, end));
  return { line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
}

/** The range of a node (value) or of a pair's key. */
export function nodeRange(lc: LineCounter, node: Node | Pair | null | undefined, fallback?: Range): Range {
  const target = isPair(node) ? (node.key as Node | null) : node;
  const r = target && "range" in target ? target.range : undefined;
  if (!r) return fallback ?? { line: 1, column: 1, endLine: 1, endColumn: 1 };
  return offsetsToRange(lc, r[0], r[1]);
}

/** The range that covers a pair from its key to the end of its value on the key's line. */
export function pairRange(lc: LineCounter, pair: Pair): Range {
  const key = pair.key as Node | null;
  const value = pair.value as Node | null;
  const start = key?.range?.[0] ?? 0;
  let end = value?.range?.[1] ?? key?.range?.[1] ?? start;
  // Keep single-line for scalars; a block value would span many lines, so stop at the key.
  if (value && !isScalar(value) && !isAlias(value)) end = key?.range?.[1] ?? start;
  return offsetsToRange(lc, start, end);
}

const WHOLE_LINE_ACTION = /^\s*\{\{-?\s*(?:if|else|end|range|with|define|template|include|block|toYaml|\/\*|-)/m;

function firstErrorRange(lc: LineCounter, pos: [number, number]): Range {
  return offsetsToRange(lc, pos[0], pos[1]);
}

/** Documents already read from a text (a renderer's AST of its output), see RenderResult.documents. */
export interface ParsedDocuments {
  docs: Document.Parsed[];
  lineCounter: LineCounter;
}

const attached = new WeakMap<TextFile, ParsedDocuments>();

/**
 * Hands the documents of `file.text` to parseYamlStream, which then reads them instead of parsing
 * the text (for rendered output only: `limits.rendered`). They must be what parseAllDocuments gives.
 */
export function attachParsedDocuments(file: TextFile, documents: ParsedDocuments): void {
  attached.set(file, documents);
}

/**
 * Composes the documents of a stream one at a time (yaml's Parser and Composer driven as
 * parseAllDocuments drives them, with the same results) and stops at document `maxDocuments + 1`,
 * so a stream of a million empty documents costs no more than the limit. The deadline is checked
 * before each document is composed. `streamErrors` are the errors of a stream without documents.
 */
function composeDocuments(
  text: string,
  lc: LineCounter,
  merge: boolean,
  maxDocuments: number,
  deadline: Deadline | undefined,
): { docs: Document.Parsed[]; streamErrors: { pos: [number, number]; message: string }[] } {
  const options = { lineCounter: lc, uniqueKeys: false, merge, prettyErrors: false, strict: false };
  const composer = new Composer(options);
  const docs: Document.Parsed[] = [];
  const stopAt = maxDocuments + 1;
  for (const token of new Parser(lc.addNewLine).parse(text)) {
    if (deadline !== undefined && token.type === "document" && deadline.passed()) throw new TimeLimitReached(lc.linePos(token.offset).line);
    for (const doc of composer.next(token)) {
      docs.push(doc as Document.Parsed);
      if (docs.length >= stopAt) return { docs, streamErrors: [] };
    }
  }
  for (const doc of composer.end(false, text.length)) docs.push(doc as Document.Parsed);
  return { docs, streamErrors: docs.length === 0 ? composer.streamInfo().errors : [] };
}

/**
 * Parses a YAML (or JSON) stream. Never throws for bad input: any failure becomes a problem. (A
 * passed deadline is not bad input: TimeLimitReached propagates to the scan.) A renderer's output
 * may come with its AST already built (see attachParsedDocuments): it is then read, not parsed.
 */
export function parseYamlStream(file: TextFile, limits: YamlLimits, deadline?: Deadline): YamlStream {
  // The attached AST was built for `merge: false` (Kubernetes); other readers parse the text.
  const pre = limits.rendered && !limits.merge ? attached.get(file) : undefined;
  const lc = pre?.lineCounter ?? new LineCounter();
  const stream: YamlStream = { file, lineCounter: lc, documents: [], problems: [], templated: false, documentsRead: 0 };
  const hasTemplateMarkers = file.text.includes("{{");
  let docs: Document.Parsed[];
  if (pre) {
    docs = pre.docs.slice(0, limits.maxDocuments + 1);
    stream.documentsRead = docs.length;
  } else {
    // Comment-free block YAML gets its AST built directly (fast-documents.ts: what the parser gives).
    const fast = fastDocuments(file.text, lc, limits.merge, limits.maxDocuments);
    try {
      const composed = fast ? { docs: fast, streamErrors: [] } : composeDocuments(file.text, lc, limits.merge, limits.maxDocuments, deadline);
      docs = composed.docs;
      stream.documentsRead = docs.length;
      if (docs.length === 0 && composed.streamErrors.length > 0) {
        const e = composed.streamErrors[0];
        stream.problems.push({ range: firstErrorRange(lc, e.pos), message: e.message.split("\n")[0], kind: "syntax" });
        return stream;
      }
    } catch (err) {
      if (err instanceof TimeLimitReached) throw err;
      stream.problems.push({
        range: { line: 1, column: 1, endLine: 1, endColumn: 1 },
        message: `cannot be read as YAML: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`,
        kind: "syntax",
      });
      return stream;
    }
  }

  if (hasTemplateMarkers && !limits.rendered && looksTemplated(file.text, docs)) {
    stream.templated = true;
    const at = file.text.indexOf("{{");
    stream.problems.push({
      range: offsetsToRange(lc, at, at + 2),
      message: "templated manifest (Go/Helm template markers), not analyzed; render it first (e.g. `helm template`) and scan the output",
      kind: "templated",
    });
    return stream;
  }

  const mayHaveAliases = file.text.includes("*");
  docs.forEach((doc, index) => {
    if (index >= limits.maxDocuments) {
      if (index === limits.maxDocuments) {
        const r = doc.range ?? [0, 0, 0];
        stream.problems.push({
          range: offsetsToRange(lc, r[0], r[0]),
          message: `more than ${limits.maxDocuments} documents in one file; the rest were not analyzed`,
          kind: "too-many-documents",
        });
      }
      return;
    }
    const r = doc.range ?? [0, 0, 0];
    const startLine = lc.linePos(r[0]).line;
    const endLine = lc.linePos(Math.max(r[0], r[2] - 1)).line;
    if (doc.errors.length > 0) {
      const e = doc.errors[0];
      stream.problems.push({ range: firstErrorRange(lc, e.pos), message: e.message.split("\n")[0], kind: "syntax" });
      return;
    }
    let aliases = 0;
    let firstAlias: Node | undefined;
    // An alias is written `*name`: a file without `*` has none, and its documents need no walk.
    if (mayHaveAliases) {
      visit(doc, {
        Alias(_key, node) {
          aliases += 1;
          firstAlias ??= node;
        },
      });
    }
    if (aliases > limits.maxAliases) {
      stream.problems.push({
        range: nodeRange(lc, firstAlias),
        message:
          limits.maxAliases === 0
            ? "document uses YAML aliases, which are not allowed here (they can expand exponentially: alias bombs); the document was not analyzed"
            : `document uses ${aliases} YAML aliases, more than the limit of ${limits.maxAliases}; the document was not analyzed`,
        kind: "aliases",
      });
      return;
    }
    stream.documents.push({ index, doc, startLine, endLine });
  });
  return stream;
}

/**
 * Go template markers make a file a template when they sit where YAML structure goes: whole-line
 * actions, a `{{ ... }}` parsed as a flow mapping, or syntax errors next to markers. Markers inside
 * quoted strings or block scalars (Prometheus alert text, for example) are plain text.
 */
function looksTemplated(text: string, docs: Document.Parsed[]): boolean {
  if (hasWholeLineActionOutsideText(text, docs)) return true;
  for (const doc of docs) {
    if (doc.errors.length > 0) return true;
    let found = false;
    visit(doc, {
      Map(_key, node) {
        if (node.flow && node.range && text.startsWith("{{", node.range[0])) {
          found = true;
          return visit.BREAK;
        }
        return undefined;
      },
    });
    if (found) return true;
  }
  return false;
}

/**
 * A whole-line `{{- ... }}` action outside block and quoted scalars. Inside them (a Jinja chat
 * template in a ConfigMap, say) the markers are string content, and the YAML structure is intact.
 */
function hasWholeLineActionOutsideText(text: string, docs: Document.Parsed[]): boolean {
  if (!WHOLE_LINE_ACTION.test(text)) return false;
  const textRanges: [number, number][] = [];
  for (const doc of docs) {
    visit(doc, {
      Scalar(_key, node) {
        if (node.range && node.type !== "PLAIN") textRanges.push([node.range[0], node.range[1]]);
      },
    });
  }
  for (const match of text.matchAll(new RegExp(WHOLE_LINE_ACTION.source, "gm"))) {
    const at = (match.index ?? 0) + match[0].indexOf("{{");
    if (!textRanges.some(([start, end]) => at >= start && at < end)) return true;
  }
  return false;
}

/**
 * A `<<` merge key. With the `merge` option the yaml parser gives it as Symbol("<<"); without it,
 * `<<` is an ordinary key (Kubernetes does not merge), so only the symbol counts.
 */
export function isMergeKey(key: unknown): boolean {
  return isScalar(key) && typeof key.value === "symbol" && key.value.description === "<<";
}

/** Follows an alias to its target node (aliases are already bounded by the limits above). */
/**
 * What each alias resolved to. yaml's Alias.resolve walks the whole document on every call, and the
 * compose model resolves the same aliases again and again (every merge key, every field read through
 * an anchor): a third of a compose scan went there. Documents are never modified once read, so an
 * alias always resolves to the same node.
 */
const aliasTargets = new WeakMap<Node, Node | null>();

export function resolveNode(doc: Document.Parsed, node: unknown): Node | undefined {
  let current = node as Node | undefined;
  for (let hops = 0; hops < 16 && current && isAlias(current); hops += 1) {
    let target = aliasTargets.get(current);
    if (target === undefined) {
      target = (current.resolve(doc) as Node | undefined) ?? null;
      aliasTargets.set(current, target);
    }
    current = target ?? undefined;
  }
  return current ?? undefined;
}

/** The pair with a given scalar key in a mapping (merge keys `<<` are followed when present). */
export function findPair(doc: Document.Parsed, map: unknown, key: string): Pair<Node, Node> | undefined {
  const m = resolveNode(doc, map);
  if (!isMap(m)) return undefined;
  for (const item of (m as YAMLMap<Node, Node>).items) {
    const k = item.key;
    if (isScalar(k) && !isMergeKey(k) && String(k.value) === key) return item;
  }
  for (const item of (m as YAMLMap<Node, Node>).items) {
    if (isMergeKey(item.key)) {
      const v = resolveNode(doc, item.value);
      const sources = isSeq(v) ? v.items : [v];
      for (const s of sources) {
        const hit = findPair(doc, s, key);
        if (hit) return hit;
      }
    }
  }
  return undefined;
}

/** The value node under a key, aliases resolved. */
export function getNode(doc: Document.Parsed, map: unknown, key: string): Node | undefined {
  const pair = findPair(doc, map, key);
  return pair ? resolveNode(doc, pair.value) : undefined;
}

/** The value node at a path of keys (strings) and sequence indexes (numbers). */
export function getPath(doc: Document.Parsed, root: unknown, path: readonly (string | number)[]): Node | undefined {
  let current = resolveNode(doc, root);
  for (const step of path) {
    if (current === undefined) return undefined;
    if (typeof step === "number") {
      current = isSeq(current) ? resolveNode(doc, current.items[step]) : undefined;
    } else {
      current = getNode(doc, current, step);
    }
  }
  return current;
}

/** A scalar's JS value, or undefined for anything else. */
export function scalarValue(doc: Document.Parsed, node: unknown): string | number | boolean | null | undefined {
  const n = resolveNode(doc, node);
  if (isScalar(n)) {
    const v = n.value;
    if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
    if (typeof v === "bigint") return Number(v);
  }
  return undefined;
}

/** Items of a sequence node (aliases resolved); [] for anything else. */
export function seqItems(doc: Document.Parsed, node: unknown): Node[] {
  const n = resolveNode(doc, node);
  if (!isSeq(n)) return [];
  return n.items.map((i) => resolveNode(doc, i)).filter((i): i is Node => i !== undefined);
}

type MapEntry = { key: string; pair: Pair<Node, Node> };
/** Each mapping's entries, computed once, so merge-key chains cost linear, not exponential, time. */
const entriesByMap = new WeakMap<Node, MapEntry[]>();

/** Pairs of a mapping node with scalar keys (aliases resolved, merge keys expanded; own keys win). */
export function mapEntries(doc: Document.Parsed, node: unknown, depth = 0): MapEntry[] {
  const n = resolveNode(doc, node);
  if (!isMap(n) || depth > 16) return [];
  const known = entriesByMap.get(n);
  if (known) return known;
  const own: MapEntry[] = [];
  const merged: MapEntry[] = [];
  for (const item of (n as YAMLMap<Node, Node>).items) {
    if (!isScalar(item.key)) continue;
    if (isMergeKey(item.key)) {
      const v = resolveNode(doc, item.value);
      for (const s of isSeq(v) ? v.items : [v]) for (const e of mapEntries(doc, s, depth + 1)) merged.push(e);
    } else {
      own.push({ key: String(item.key.value), pair: item });
    }
  }
  const taken = new Set(own.map((e) => e.key));
  const out = [...own];
  for (const e of merged) {
    if (taken.has(e.key)) continue;
    taken.add(e.key);
    out.push(e);
  }
  entriesByMap.set(n, out);
  return out;
}

/**
 * A fix that replaces a one-line scalar value with `newValue`, keeping the line's indentation, the
 * key, any trailing comment or comma, and the value's quoting style (`"true"` becomes `"false"`).
 * Undefined when the node is not a scalar that starts and ends on one line. Shared by the
 * Kubernetes and compose models.
 */
export function replaceScalarOnLine(file: TextFile, lc: LineCounter, node: unknown, newValue: string, description: string): Fix | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  const [start, end] = node.range;
  const s = lc.linePos(start);
  const e = lc.linePos(end);
  if (s.line !== e.line) return undefined;
  const lineText = file.lines[s.line - 1];
  if (lineText === undefined) return undefined;
  const original = lineText.slice(s.col - 1, e.col - 1);
  const quote = original.startsWith('"') ? '"' : original.startsWith("'") ? "'" : "";
  const replacement = `${lineText.slice(0, s.col - 1)}${quote}${newValue}${quote}${lineText.slice(e.col - 1)}`;
  return { description, startLine: s.line, endLine: s.line, replacement };
}
