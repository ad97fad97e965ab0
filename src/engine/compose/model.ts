/**
 * The compose model: the services of a compose file, each a read-only view over its YAML mapping
 * with exact positions, `<<` merge keys and aliases resolved the way Docker Compose resolves them.
 *
 * Naming: a service's findings carry `resource: "service/<name>"` (e.g. "service/web") and their
 * fingerprint key is the field path "services.<name>.<field>" (e.g. "services.web.privileged"), so
 * findings survive line shifts.
 *
 * Positions: a field the service writes itself points at its own `key: value`. A field the service
 * inherits through a merge key (`<<: *defaults`) or an alias (`volumes: *common`) points at the line
 * in the service that brings it in (the `<<:` line or the aliased key), because that is the line a
 * reviewer can change for this service and the line a suppression comment goes above. `via` tells
 * rules that this happened (no mechanical fix then: editing the shared anchor changes other
 * services too).
 *
 * `extends:` naming a service of the same file is followed like Docker Compose does: a field the
 * service does not set comes from the extended service, and list fields (`cap_add`, `volumes`,
 * `security_opt`, ...) are the union of both. Such values point at the `extends:` line.
 * `extends` with `file:` names another file and is not followed.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair, type YAMLMap } from "yaml";
import type { Fix, Range, TextFile } from "../types.js";
import { isMergeKey, nodeRange, offsetsToRange, pairRange, replaceScalarOnLine, resolveNode } from "../yaml/documents.js";

export type ComposeScalar = string | number | boolean | null;

/** The YAML document a node belongs to. */
export interface ComposeSource {
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

/** How a value reached the service when it is not written in the service's own mapping. */
export interface ComposeVia {
  how: "merge" | "alias" | "extends";
  /** The `<<:`, aliased key's or `extends:` line in the service: where findings about the value point. */
  range: Range;
  /** For `extends`: the service the value comes from. */
  from?: string;
}

/** The `<<` merge key (compose files are parsed with merges on); re-exported for the compose rules. */
export { isMergeKey };


interface RawEntry {
  key: string;
  pair: Pair<Node, Node>;
  /** The merge key pair of the mapping being read, when the entry came through it. */
  mergePair?: Pair<Node, Node>;
}

/**
 * Entries of a mapping with merge keys expanded as YAML 1.1 defines them: the mapping's own keys
 * win, then the merged mappings in order (an earlier source wins over a later one). Cycles and
 * absurd depth are cut off.
 */
/**
 * Each mapping's expanded entries, computed once. Without this, a chain of merge keys in which
 * every level merges the previous one twice expands exponentially (an alias bomb that stays under
 * the alias count limit); with it, the work is linear in the document.
 */
const expandedEntries = new WeakMap<Node, RawEntry[]>();

function expandEntries(doc: Document.Parsed, map: Node | undefined, depth = 0, seen?: Set<Node>): RawEntry[] {
  if (!map || !isMap(map) || depth > 16) return [];
  // A mapping being expanded is not cached yet: the cycle check below still sees it.
  const known = expandedEntries.get(map);
  if (known) return known;
  seen ??= new Set<Node>();
  if (seen.has(map)) return [];
  seen.add(map);
  const own: RawEntry[] = [];
  const merged: RawEntry[] = [];
  for (const item of (map as YAMLMap<Node, Node>).items) {
    if (isMergeKey(item.key)) {
      const value = resolveNode(doc, item.value);
      const sources = isSeq(value) ? value.items.map((i) => resolveNode(doc, i)) : [value];
      for (const source of sources) {
        for (const e of expandEntries(doc, source, depth + 1, seen)) merged.push({ key: e.key, pair: e.pair, mergePair: item });
      }
      continue;
    }
    if (!isScalar(item.key) || item.key.value === null || typeof item.key.value === "symbol") continue;
    own.push({ key: String(item.key.value), pair: item });
  }
  seen.delete(map);
  const out = [...own];
  const taken = new Set(own.map((e) => e.key));
  for (const e of merged) {
    if (taken.has(e.key)) continue;
    taken.add(e.key);
    out.push(e);
  }
  expandedEntries.set(map, out);
  return out;
}

function joinPath(base: string, key: string): string {
  const part = /^[A-Za-z_][\w-]*$/.test(key) ? key : `[${JSON.stringify(key)}]`;
  if (base === "") return part;
  return part.startsWith("[") ? `${base}${part}` : `${base}.${part}`;
}

/**
 * A view over one YAML value of a compose file: its value, its position, its field path, and how
 * it reached the service (`via`) when it was not written there.
 */
export class ComposeNode {
  /** The path as given, or how to make it: most nodes are read and never named in a message. */
  private pathOrParts: string | { parent: ComposeNode; key: string | number };

  constructor(
    readonly source: ComposeSource,
    /** The value node (aliases resolved); null for `key:` with nothing after it. */
    readonly node: Node | null,
    /** Field path, e.g. "services.web.cap_add[0]" (or the parent and the key or index under it). */
    path: string | { parent: ComposeNode; key: string | number },
    /** The `key: value` pair holding the value, absent for sequence items and roots. */
    readonly pair?: Pair<Node, Node>,
    readonly via?: ComposeVia,
  ) {
    this.pathOrParts = path;
  }

  /** Field path, e.g. "services.web.cap_add[0]". */
  get path(): string {
    const p = this.pathOrParts;
    if (typeof p === "string") return p;
    const path = typeof p.key === "number" ? `${p.parent.path}[${p.key}]` : joinPath(p.parent.path, p.key);
    this.pathOrParts = path;
    return path;
  }

  /** The scalar value (null for an empty value), undefined for mappings and sequences. */
  get value(): ComposeScalar | undefined {
    if (this.node === null) return null;
    if (!isScalar(this.node)) return undefined;
    const v = this.node.value;
    if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
    if (typeof v === "bigint") return Number(v);
    return undefined;
  }

  /** The scalar as text (numbers and booleans as written by String()), undefined for collections and null. */
  get text(): string | undefined {
    const v = this.value;
    if (v === null || v === undefined) return undefined;
    return String(v);
  }

  get isMap(): boolean {
    return this.node !== null && isMap(this.node);
  }

  get isSeq(): boolean {
    return this.node !== null && isSeq(this.node);
  }

  /** Entries of a mapping (merge keys expanded, own keys first), [] for anything else. */
  entries(): { key: string; field: ComposeNode }[] {
    if (this.node === null) return [];
    return expandEntries(this.source.doc, this.node).map((e) => ({ key: e.key, field: this.child(e) }));
  }

  /** The value under `key` in a mapping, or undefined. */
  get(key: string): ComposeNode | undefined {
    if (this.node === null) return undefined;
    const e = expandEntries(this.source.doc, this.node).find((x) => x.key === key);
    return e ? this.child(e) : undefined;
  }

  /** Items of a sequence (aliases resolved), [] for anything else. */
  items(): ComposeNode[] {
    if (this.node === null || !isSeq(this.node)) return [];
    const out: ComposeNode[] = [];
    this.node.items.forEach((raw, index) => {
      const item = resolveNode(this.source.doc, raw);
      if (!item) return;
      let via = this.via;
      if (!via && isAlias(raw)) via = { how: "alias", range: nodeRange(this.source.lineCounter, raw as Node) };
      out.push(new ComposeNode(this.source, item, { parent: this, key: index }, undefined, via));
    });
    return out;
  }

  private child(e: RawEntry): ComposeNode {
    const lc = this.source.lineCounter;
    let via = this.via;
    if (!via && e.mergePair) via = { how: "merge", range: nodeRange(lc, e.mergePair) };
    const raw = e.pair.value;
    if (!via && isAlias(raw)) via = { how: "alias", range: nodeRange(lc, e.pair) };
    const value = raw === null || raw === undefined ? null : (resolveNode(this.source.doc, raw) ?? null);
    return new ComposeNode(this.source, value, { parent: this, key: e.key }, e.pair, via);
  }

  /** The same value seen from another service (through `extends`): new path, new position. */
  seenThrough(via: ComposeVia, path: string): ComposeNode {
    return new ComposeNode(this.source, this.node, path, this.pair, via);
  }

  /** Where a finding about this value points (see the file comment). */
  get range(): Range {
    if (this.via) return this.via.range;
    return this.ownRange;
  }

  /** The value's own position, even when inherited (`key: value` on the key's line, or the item). */
  get ownRange(): Range {
    const lc = this.source.lineCounter;
    if (this.pair) return pairRange(lc, this.pair);
    const r = nodeRange(lc, this.node);
    return r.endLine === r.line ? r : { line: r.line, column: r.column, endLine: r.line, endColumn: r.column + 1 };
  }

  /** The range of the key alone (or of `range` when there is no key or the value is inherited). */
  get keyRange(): Range {
    if (this.via || !this.pair) return this.range;
    return nodeRange(this.source.lineCounter, this.pair);
  }

  /** The range of the scalar value alone (or of `range` when inherited or not a scalar). */
  get valueRange(): Range {
    if (this.via || this.node === null) return this.range;
    return nodeRange(this.source.lineCounter, this.node);
  }

  get line(): number {
    return this.range.line;
  }

  /**
   * A fix that replaces this scalar value on its line with `newValue`, keeping indentation, key,
   * quoting and any trailing comment. Undefined when the value is inherited, not a one-line scalar,
   * or not on its key's line.
   */
  replaceValueFix(file: TextFile, newValue: string, description: string): Fix | undefined {
    if (this.via || !this.pair || this.node === null) return undefined;
    return replaceScalarOnLine(file, this.source.lineCounter, this.node, newValue, description);
  }

}

/** One service of a compose file. */
export interface ComposeService {
  name: string;
  /** "service/<name>". */
  resource: string;
  /** "services.<name>". */
  path: string;
  /** The service's mapping. */
  node: ComposeNode;
  /** Range of the service's key (`web:`): where findings about a missing field point. */
  keyRange: Range;
  /** The service key's line. */
  line: number;
  /** A field of the service (own, inherited through `<<`, or from the service it extends), undefined when absent. */
  field(key: string): ComposeNode | undefined;
  /**
   * The items of a list field: the service's own, then those of the service it extends (Compose
   * merges lists such as cap_add, security_opt and volumes). [] when absent or not a list.
   */
  listItems(key: string): ComposeNode[];
  /** Lines whose comment block may suppress any finding of the service (its key line). */
  anchorLines: number[];
}

/** The parsed compose file a rule receives. */
export interface ComposeModel {
  file: TextFile;
  /** Every service of every document, in file order (`x-` extension entries are not services). */
  services: ComposeService[];
}

/** The service named by `extends:` in the same file, with the position of the `extends` key. */
function extendedServiceName(field: ComposeNode): { name: string; via: ComposeVia } | undefined {
  const ext = field.get("extends");
  if (!ext) return undefined;
  let name: string | undefined;
  if (typeof ext.value === "string") name = ext.value;
  else if (ext.isMap && ext.get("file") === undefined) name = ext.get("service")?.text;
  if (!name) return undefined;
  return { name, via: { how: "extends", range: ext.keyRange, from: name } };
}

const MAX_EXTENDS_DEPTH = 8;

/** Builds the services of one document's `services:` mapping. */
export function servicesOf(source: ComposeSource, servicesNode: Node, servicesPair?: Pair<Node, Node>): ComposeService[] {
  const root = new ComposeNode(source, servicesNode, "services", servicesPair);
  const byName = new Map<string, ComposeService>();
  const out: ComposeService[] = [];
  for (const { key, field } of root.entries()) {
    if (key.startsWith("x-") || !field.isMap) continue;
    const keyNode = field.pair?.key;
    const keyRange = keyNode?.range ? offsetsToRange(source.lineCounter, keyNode.range[0], keyNode.range[1]) : field.range;
    const extended = extendedServiceName(field);
    const lookup = (k: string, depth: number): ComposeNode | undefined => {
      const own = field.get(k);
      if (own || !extended || depth >= MAX_EXTENDS_DEPTH || k === "extends") return own;
      const base = byName.get(extended.name) as (ComposeService & { lookupAt?: typeof lookup }) | undefined;
      const inherited = base?.lookupAt?.(k, depth + 1);
      return inherited?.seenThrough(extended.via, `${field.path}.${k}`);
    };
    const list = (k: string, depth: number): ComposeNode[] => {
      const own = field.get(k)?.items() ?? [];
      if (!extended || depth >= MAX_EXTENDS_DEPTH) return own;
      const base = byName.get(extended.name) as (ComposeService & { listAt?: typeof list }) | undefined;
      const inherited = (base?.listAt?.(k, depth + 1) ?? []).map((item, i) => item.seenThrough(extended.via, `${field.path}.${k}[extends:${i}]`));
      return [...own, ...inherited];
    };
    const service: ComposeService & { lookupAt: typeof lookup; listAt: typeof list } = {
      name: key,
      resource: `service/${key}`,
      path: field.path,
      node: field,
      keyRange,
      line: keyRange.line,
      field: (k) => lookup(k, 0),
      listItems: (k) => list(k, 0),
      anchorLines: [keyRange.line],
      lookupAt: lookup,
      listAt: list,
    };
    byName.set(key, service);
    out.push(service);
  }
  return out;
}
