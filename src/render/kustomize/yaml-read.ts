/**
 * Reads YAML text into Kustomize's node model (resource.ts) with origins: every scalar's origin is
 * its own source range, every map key's keyOrigin the key's range. Plain scalars are resolved as
 * Kustomize does (kyaml reads with YAML 1.2 rules plus Go's integer syntax, then the resource goes
 * through JSON): `0755` is 493, `1.0` is 1, `yes` stays a string, an unquoted date becomes an
 * RFC 3339 timestamp string. Aliases are expanded within a node budget (alias bombs), `<<` merge
 * keys are honoured.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Document,
  type Node as YNode,
  type Scalar as YScalar,
} from "yaml";
import type { SourceRange } from "../provenance.js";
import { cloneNode, type MapNode, type Node, type ScalarNode, type Scalar } from "./resource.js";
import { readYamlDocumentsFast } from "./yaml-fast.js";

export class YamlReadError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

export interface ReadOptions {
  /** Largest number of nodes a file may expand to (aliases included). */
  maxNodes?: number;
  /** Deepest nesting accepted. */
  maxDepth?: number;
  /** Line and column offsets (0-based) added to every origin: text embedded in a block scalar. */
  lineOffset?: number;
  /** Column offset for every line of the text (the block scalar's indentation). */
  columnOffset?: number;
}

export interface ReadDocument {
  /** The document's root; undefined for an empty document. */
  node: Node | undefined;
  /** 1-based line where the document starts (for messages). */
  line: number;
}

const DEFAULT_MAX_NODES = 500_000;
const DEFAULT_MAX_DEPTH = 200;

/**
 * Every document of a YAML stream, as nodes with origins. Throws YamlReadError on bad YAML. The
 * common forms are read by yaml-fast.ts (same result, several times faster); the rest by yaml.
 */
export function readYamlDocuments(text: string, file: string, options: ReadOptions = {}): ReadDocument[] {
  return readYamlDocumentsFast(text, file, options) ?? readYamlDocumentsWithYaml(text, file, options);
}

/** The full reader: yaml's parser, then the conversion to nodes. */
export function readYamlDocumentsWithYaml(text: string, file: string, options: ReadOptions = {}): ReadDocument[] {
  const lc = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { lineCounter: lc, schema: "failsafe", uniqueKeys: true, strict: false });
  } catch (e) {
    throw new YamlReadError(`cannot parse YAML: ${(e as Error).message}`, file);
  }
  if (!Array.isArray(docs)) docs = [docs as unknown as Document.Parsed];
  const lineOffset = options.lineOffset ?? 0;
  const columnOffset = options.columnOffset ?? 0;
  const pos = (offset: number): { line: number; col: number } => {
    const p = lc.linePos(offset);
    return { line: p.line + lineOffset, col: p.col + columnOffset };
  };
  const out: ReadDocument[] = [];
  const budget = { nodes: options.maxNodes ?? DEFAULT_MAX_NODES };
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  for (const doc of docs) {
    const err = doc.errors[0];
    if (err) {
      // An error found at the end of the text (an unclosed bracket or quote) points at the last
      // written character rather than past it.
      let at = err.pos[0];
      while (at > 0 && at >= text.length - 1 && /\s/.test(text[Math.min(at, text.length - 1)] ?? "")) at -= 1;
      if (at >= text.length) at = Math.max(0, text.length - 1);
      const p = pos(at);
      throw new YamlReadError(`invalid YAML: ${err.message.split("\n")[0]}`, file, p.line, p.col);
    }
    const startLine = pos(doc.range[0]).line;
    const range = (n: { range?: [number, number, number] | null }): SourceRange | undefined => {
      if (!n.range) return undefined;
      const s = pos(n.range[0]);
      const e = pos(Math.max(n.range[0], n.range[1]));
      return { file, line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
    };
    const aliasTargets = new Map<unknown, unknown>();
    const aliasCache = new Map<unknown, { node: Node; size: number }>();
    const convert = (n: unknown, depth: number, seen: Set<unknown>): Node => {
      if (--budget.nodes < 0) {
        const r = range(n as YNode);
        throw new YamlReadError("YAML expands to too many nodes (aliases?)", file, r?.line, r?.column);
      }
      if (depth > maxDepth) {
        const r = range(n as YNode);
        throw new YamlReadError(`YAML nested deeper than ${maxDepth} levels`, file, r?.line, r?.column);
      }
      if (isAlias(n)) {
        // Alias.resolve searches the whole document: resolve each alias node once.
        let target = aliasTargets.get(n);
        if (target === undefined) {
          target = n.resolve(doc);
          aliasTargets.set(n, target);
        }
        if (!target) {
          const r = range(n);
          throw new YamlReadError(`unknown alias *${n.source}`, file, r?.line, r?.column);
        }
        if (seen.has(target)) {
          const r = range(n);
          throw new YamlReadError(`alias *${n.source} refers to itself`, file, r?.line, r?.column);
        }
        const cached = aliasCache.get(target);
        if (cached) {
          // Expanded before: a copy (nodes are mutated in place later) at the same node cost.
          budget.nodes -= cached.size;
          if (budget.nodes < 0) {
            const r = range(n);
            throw new YamlReadError("YAML expands to too many nodes (aliases?)", file, r?.line, r?.column);
          }
          return cloneNode(cached.node);
        }
        seen.add(target);
        const before = budget.nodes;
        const node = convert(target, depth, seen);
        seen.delete(target);
        aliasCache.set(target, { node: cloneNode(node), size: before - budget.nodes });
        return node;
      }
      if (isMap(n)) {
        const node: MapNode = { type: "map", entries: [] };
        const o = range(n);
        if (o) node.origin = o;
        const merges: MapNode[] = [];
        for (const pair of n.items) {
          const k = pair.key;
          let key: string;
          if (isScalar(k)) {
            key = typeof k.value === "string" ? k.value : String(k.value ?? "");
            if (k.type === "PLAIN" && k.source === "<<") {
              const v = pair.value === null ? undefined : convert(pair.value, depth + 1, seen);
              if (v?.type === "map") merges.push(v);
              else if (v?.type === "seq") for (const it of v.items) if (it.type === "map") merges.push(it);
              continue;
            }
          } else if (k === null || k === undefined) key = "";
          else {
            const r = range(k as YNode);
            throw new YamlReadError("map keys must be strings", file, r?.line, r?.column);
          }
          const keyOrigin = isScalar(k) || isAlias(k) ? range(k as YNode) : undefined;
          const value: Node = pair.value === null || pair.value === undefined ? nullNode(keyOrigin, pos, pair) : convert(pair.value, depth + 1, seen);
          const existing = node.entries.findIndex((e) => e.key === key);
          const entry = { key, value, ...(keyOrigin ? { keyOrigin } : {}) };
          if (existing >= 0) node.entries[existing] = entry;
          else node.entries.push(entry);
        }
        for (const m of merges) {
          for (const e of m.entries) if (!node.entries.some((x) => x.key === e.key)) node.entries.push(e);
        }
        return node;
      }
      if (isSeq(n)) {
        const o = range(n);
        const items = n.items.map((it) => (it === null || it === undefined ? { type: "scalar" as const, value: null } : convert(it, depth + 1, seen)));
        return { type: "seq", items, ...(o ? { origin: o } : {}) };
      }
      if (isScalar(n)) {
        const r = resolveScalar(n);
        const o = range(n);
        const node: ScalarNode = { type: "scalar", value: r.value, style: styleOf(n.type) };
        if (r.source !== undefined) node.source = r.source;
        if (o) node.origin = o;
        return node;
      }
      return { type: "scalar", value: null };
    };
    const contents = doc.contents;
    if (contents === null || contents === undefined) {
      out.push({ node: undefined, line: startLine });
      continue;
    }
    // An empty document holding only a null scalar (e.g. a file of comments) counts as empty.
    if (isScalar(contents) && contents.source === "" && contents.type === "PLAIN") {
      out.push({ node: undefined, line: startLine });
      continue;
    }
    out.push({ node: convert(contents, 0, new Set()), line: startLine });
  }
  return out;
}

function nullNode(
  keyOrigin: SourceRange | undefined,
  _pos: (o: number) => { line: number; col: number },
  _pair: unknown,
): ScalarNode {
  // A key with no value (`key:`) is null; its origin is the key's line.
  return keyOrigin ? { type: "scalar", value: null, origin: keyOrigin } : { type: "scalar", value: null };
}

function styleOf(t: string | undefined): string {
  switch (t) {
    case "QUOTE_DOUBLE":
      return "double";
    case "QUOTE_SINGLE":
      return "single";
    case "BLOCK_LITERAL":
      return "literal";
    case "BLOCK_FOLDED":
      return "folded";
    default:
      return "plain";
  }
}

const STR_TAG = "tag:yaml.org,2002:str";

/** Resolves a parsed scalar to its value as Kustomize sees it after its JSON round trip. */
function resolveScalar(n: YScalar): { value: Scalar; source?: string } {
  const text = typeof n.value === "string" ? n.value : String(n.value);
  const tag = n.tag;
  if (tag === STR_TAG || tag === "!!str") return { value: text };
  if (n.type !== "PLAIN" && !tag) return { value: text };
  if (tag === "tag:yaml.org,2002:binary") return { value: text };
  return resolvePlain(text);
}

const FLOAT_RE = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT_RE = /^[-+]?(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|[0-9][0-9_]*)$/;
const TS_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2}):(\d{2})(\.\d+)?(?:[ \t]*(Z|[-+]\d{1,2}(?::?\d{2})?))?)?$/;

/** YAML 1.2 core resolution with Go's integer syntax (what kyaml/yaml.v3 does). */
export function resolvePlain(text: string): { value: Scalar; source?: string } {
  switch (text) {
    case "":
    case "~":
    case "null":
    case "Null":
    case "NULL":
      return { value: null };
    case "true":
    case "True":
    case "TRUE":
      return { value: true };
    case "false":
    case "False":
    case "FALSE":
      return { value: false };
  }
  const c = text.charCodeAt(0);
  const digitLike = (c >= 48 && c <= 57) || text[0] === "-" || text[0] === "+" || text[0] === ".";
  if (!digitLike) return { value: text };
  if (INT_RE.test(text) && !/_$|__|^[-+]?_|[xXoObB]_/.test(text)) {
    const big = parseGoInt(text);
    if (big !== undefined) {
      if (big >= -(2n ** 63n) && big < 2n ** 64n) return { value: Number(big), source: big.toString() };
    }
  }
  if (FLOAT_RE.test(text)) {
    const f = Number(text);
    if (Number.isFinite(f)) return { value: f };
  }
  const ts = TS_RE.exec(text);
  if (ts) return { value: timestampString(ts) };
  return { value: text };
}

function parseGoInt(text: string): bigint | undefined {
  let s = text;
  let neg = false;
  if (s[0] === "+" || s[0] === "-") {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  const hasPrefix = /^0[xXoObB]/.test(s);
  if (s.includes("_") && !hasPrefix && !/^[1-9]/.test(s)) return undefined;
  s = s.replace(/_/g, "");
  let v: bigint;
  try {
    if (/^0[xX]/.test(s)) v = BigInt(`0x${s.slice(2)}`);
    else if (/^0[oO]/.test(s)) v = BigInt(`0o${s.slice(2)}`);
    else if (/^0[bB]/.test(s)) v = BigInt(`0b${s.slice(2)}`);
    else if (s.length > 1 && s[0] === "0") {
      if (!/^[0-7]+$/.test(s)) return undefined;
      v = BigInt(`0o${s.slice(1)}`);
    } else v = BigInt(s);
  } catch {
    return undefined;
  }
  return neg ? -v : v;
}

function timestampString(m: RegExpExecArray): string {
  const pad = (s: string | undefined, n: number): string => (s ?? "0").padStart(n, "0");
  const date = `${pad(m[1], 4)}-${pad(m[2], 2)}-${pad(m[3], 2)}`;
  if (m[4] === undefined) return `${date}T00:00:00Z`;
  let frac = m[7] ? m[7].replace(/0+$/, "") : "";
  if (frac === ".") frac = "";
  const time = `${pad(m[4], 2)}:${m[5]}:${m[6]}${frac}`;
  let zone = m[8];
  if (zone === undefined || zone === "Z") zone = "Z";
  else {
    const z = /^([-+])(\d{1,2}):?(\d{2})?$/.exec(zone)!;
    zone = `${z[1]}${pad(z[2], 2)}:${z[3] ?? "00"}`;
    if (zone === "+00:00" || zone === "-00:00") zone = "Z";
  }
  return `${date}T${time}${zone}`;
}
