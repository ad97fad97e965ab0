/**
 * A small, read-only view over one YAML node of a Kubernetes manifest: its value, where it sits in
 * the file, and the field path that names it ("spec.containers[web].securityContext.privileged").
 * Rules walk manifests through this view only, so they never touch yaml's node types, aliases or
 * offsets, and every finding can point at the exact key it is about.
 */
import { isMap, isSeq, type Document, type LineCounter, type Node, type Pair } from "yaml";
import type { Fix, Range, TextFile } from "../types.js";
import { mapEntries, nodeRange, offsetsToRange, pairRange, replaceScalarOnLine, resolveNode, scalarValue, seqItems } from "../yaml/documents.js";

/** A scalar as YAML gives it: `null` for `key:` or `key: null`. */
export type ScalarValue = string | number | boolean | null;

/** The YAML document and line counter a field belongs to. */
export interface YamlSource {
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

/** One node of a manifest with its value, position and field path; see the file comment. */
export class YamlField {
  /**
   * @param source the document and its line counter
   * @param node the value node (aliases already resolved)
   * @param path the field path, e.g. "spec.template.spec.containers[web].image"
   * @param pair the `key: value` pair holding the node, absent for sequence items and roots
   */
  constructor(
    readonly source: YamlSource,
    readonly node: Node,
    readonly path: string,
    readonly pair?: Pair<Node, Node>,
  ) {}

  /** The child under `key` of a mapping, or undefined (also when this is not a mapping). */
  get(key: string): YamlField | undefined {
    const hit = mapEntries(this.source.doc, this.node).find((e) => e.key === key);
    if (!hit) return undefined;
    const value = resolveNode(this.source.doc, hit.pair.value);
    if (value === undefined) {
      // `key:` with nothing after it: yaml gives no node; treat it as a null scalar at the key.
      return new YamlField(this.source, hit.pair.key, joinPath(this.path, key), hit.pair).asNullValue();
    }
    return new YamlField(this.source, value, joinPath(this.path, key), hit.pair);
  }

  /** The field at a path of mapping keys, e.g. `at("securityContext", "capabilities", "add")`. */
  at(...keys: string[]): YamlField | undefined {
    let current: YamlField | undefined = this as YamlField;
    for (const key of keys) {
      current = current?.get(key);
      if (!current) return undefined;
    }
    return current;
  }

  /** Every `key: value` of a mapping (scalar keys only), in file order. */
  entries(): { key: string; field: YamlField }[] {
    return mapEntries(this.source.doc, this.node).map(({ key, pair }) => {
      const value = resolveNode(this.source.doc, pair.value);
      const path = joinPath(this.path, key);
      const field = value === undefined ? new YamlField(this.source, pair.key, path, pair).asNullValue() : new YamlField(this.source, value, path, pair);
      return { key, field };
    });
  }

  /**
   * Items of a sequence ([] when this is not one). Paths use `[<labelKey value>]` when the item is a
   * mapping with a scalar under `labelKey` (containers by name), else `[<index>]`.
   */
  items(labelKey?: string): YamlField[] {
    return seqItems(this.source.doc, this.node).map((item, index) => {
      let label = String(index);
      if (labelKey !== undefined) {
        const v = scalarValue(this.source.doc, mapEntries(this.source.doc, item).find((e) => e.key === labelKey)?.pair.value);
        if (v !== undefined && v !== null && v !== "") label = String(v);
      }
      return new YamlField(this.source, item, `${this.path}[${label}]`);
    });
  }

  private nullValue = false;
  private asNullValue(): YamlField {
    this.nullValue = true;
    return this;
  }

  /** The scalar value (null for an empty value), undefined for mappings and sequences. */
  get value(): ScalarValue | undefined {
    if (this.nullValue) return null;
    return scalarValue(this.source.doc, this.node);
  }

  /** The value when it is a string, else undefined. */
  get string(): string | undefined {
    const v = this.value;
    return typeof v === "string" ? v : undefined;
  }

  /** The value when it is a boolean, else undefined (YAML 1.2: only true/false are booleans). */
  get boolean(): boolean | undefined {
    const v = this.value;
    return typeof v === "boolean" ? v : undefined;
  }

  /** The value when it is a number, else undefined. */
  get number(): number | undefined {
    const v = this.value;
    return typeof v === "number" ? v : undefined;
  }

  /** True for `key:` / `key: null` / `key: ~`: Kubernetes treats those as unset. */
  get isNull(): boolean {
    return this.value === null;
  }

  /** Whether the value is a mapping. */
  get isMap(): boolean {
    return !this.nullValue && isMap(this.node);
  }

  /** Whether the value is a sequence. */
  get isSeq(): boolean {
    return !this.nullValue && isSeq(this.node);
  }

  /**
   * Where a finding about this field points: `key: value` on the key's line for a mapping entry
   * (the key alone when the value is a block), the first line of a sequence item otherwise.
   */
  get range(): Range {
    const lc = this.source.lineCounter;
    if (this.pair) return pairRange(lc, this.pair);
    if (isMap(this.node)) {
      const first = this.node.items[0] as Pair<Node, Node> | undefined;
      if (first) return pairRange(lc, first);
    }
    const r = nodeRange(lc, this.node);
    return r.endLine === r.line ? r : { line: r.line, column: r.column, endLine: r.line, endColumn: r.column + 1 };
  }

  /** The range of the key alone (the value's own range when there is no key). */
  get keyRange(): Range {
    const lc = this.source.lineCounter;
    return this.pair ? nodeRange(lc, this.pair) : this.range;
  }

  /** The range of the value node alone. */
  get valueRange(): Range {
    return nodeRange(this.source.lineCounter, this.node);
  }

  /** The line a finding about this field goes to. */
  get line(): number {
    return this.range.line;
  }

  /** The first and last line the field spans (key through value). */
  get lineSpan(): { startLine: number; endLine: number } {
    const lc = this.source.lineCounter;
    const start = (this.pair?.key as Node | undefined)?.range?.[0] ?? this.node.range?.[0] ?? 0;
    const end = this.node.range?.[1] ?? start;
    return { startLine: lc.linePos(start).line, endLine: lc.linePos(Math.max(start, end - 1)).line };
  }
}

/** Appends a key to a field path: `a.b` for plain keys, `a["x.y/z"]` for keys with other characters. */
function joinPath(base: string, key: string): string {
  if (!/^[A-Za-z_][\w-]*$/.test(key)) return `${base}[${JSON.stringify(key)}]`;
  return base === "" ? key : `${base}.${key}`;
}

/**
 * A fix that replaces the scalar value of `field` on its line with `newValue`, keeping the line's
 * indentation, the key, any trailing comment or comma, and the value's quoting style (`"true"`
 * becomes `"false"`). Undefined when the value is not a one-line scalar.
 */
export function replaceScalarFix(file: TextFile, field: YamlField, newValue: string, description: string): Fix | undefined {
  if (!field.pair) return undefined;
  return replaceScalarOnLine(file, field.source.lineCounter, field.node, newValue, description);
}

/** Converts character offsets of a document to a 1-based range (re-exported for rule helpers). */
export { offsetsToRange };
