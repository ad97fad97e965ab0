/**
 * Chart values as Helm reads and merges them, with the origin of every key.
 *
 * Reading: a values file is YAML 1.1 (as Helm's YAML library reads it: `yes`/`on` are booleans,
 * every number is a float64, keys become strings); maps become `Map`s, sequences arrays, and each
 * key and item records where it was written (`setOrigin`): the scalar itself for a scalar value,
 * the key for a map or list value.
 *
 * Merging, as Helm documents it: a chart's defaults < its parent's values for it < `-f` files in
 * order < `--set` flags; maps merge key by key, anything else replaces; `null` from the user
 * deletes a key the chart sets; `global` flows from a parent into each subchart. The winner's
 * origin goes along with the value.
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode } from "yaml";
import { copyOrigin, getOrigin, setOrigin, type SourceRange } from "../../provenance.js";
import { formatValue, type GoValue } from "../template/values.js";
import { FastValuesReader } from "./values-fast.js";

export type Values = Map<string, GoValue>;

export class ValuesError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

/**
 * Values files parsed lately (by file and text): a chart is rendered again and again (the base and
 * head of a pull request, each ci values file) and its values.yaml is by far its largest YAML.
 * Callers get a copy; the cached tree is never handed out.
 */
const PARSED = new Map<string, Values>();
const PARSED_MAX = 64;

/** Parses a values file; an empty file is an empty map; anything but a map is an error. */
export function parseValues(text: string, file: string): Values {
  const key = `${file}\0${text}`;
  const hit = PARSED.get(key);
  if (hit) {
    PARSED.delete(key);
    PARSED.set(key, hit);
    return cloneValue(hit);
  }
  const parsed = parseValuesUncached(text, file);
  if (text.length <= 2 * 1024 * 1024) {
    if (PARSED.size >= PARSED_MAX) PARSED.delete(PARSED.keys().next().value!);
    PARSED.set(key, parsed);
    return cloneValue(parsed);
  }
  return parsed;
}

function parseValuesUncached(text: string, file: string): Values {
  const lines = lineStarts(text);
  return FastValuesReader.read(text, file, lines) ?? parseValuesWithYaml(text, file, lines);
}

/** The full reader: yaml's parser, then the conversion (values-fast.ts reads the common forms faster, with the same result). */
export function parseValuesWithYaml(text: string, file: string, lines = lineStarts(text)): Values {
  const doc = parseDocument(text, { version: "1.1", uniqueKeys: false, prettyErrors: true, keepSourceTokens: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = e.linePos?.[0];
    throw new ValuesError(e.message.split("\n")[0]!, pos?.line, pos?.col);
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === undefined))) return new Map();
  if (!isMap(root)) throw new ValuesError("values must be a map of keys to values", 1, 1);
  const converter = new Converter(text, file, lines, doc);
  return converter.map(root as YamlNode) as Values;
}

class Converter {
  private aliases = 0;
  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly lines: number[],
    private readonly doc: Document,
  ) {}

  range(node: { range?: [number, number, number] | null } | null | undefined): SourceRange | undefined {
    const r = node?.range;
    if (!r) return undefined;
    return rangeOf(this.file, this.lines, r[0], r[1]);
  }

  value(node: unknown, depth = 0): GoValue {
    if (depth > 1000) throw new ValuesError("values nest too deeply");
    if (node === null || node === undefined) return null;
    if (isMap(node)) return this.map(node as YamlNode, depth);
    if (isSeq(node)) {
      const out: GoValue[] = [];
      for (const item of node.items) {
        out.push(this.value(item, depth + 1));
        const origin = this.range(item as { range?: [number, number, number] });
        if (origin) setOrigin(out, out.length - 1, origin);
      }
      return out;
    }
    if (isScalar(node)) return scalarValue(node.value, this.text, node.range);
    if (isAlias(node)) {
      // An alias is a copy of its anchor's value (bounded: billion-laughs documents stop here).
      this.aliases += 1;
      if (this.aliases > 10_000) throw new ValuesError("too many YAML aliases");
      const target = node.resolve(this.doc);
      if (!target) throw new ValuesError(`unknown anchor ${node.source}`);
      return this.value(target, depth + 1);
    }
    return null;
  }

  map(node: YamlNode, depth = 0): Values {
    const out: Values = new Map();
    if (isAlias(node)) {
      const v = this.value(node, depth);
      return v instanceof Map ? v : out;
    }
    if (!isMap(node)) return out;
    for (const pair of node.items) {
      const keyNode = pair.key as unknown;
      let key: string;
      if (isScalar(keyNode) && typeof keyNode.value === "symbol") key = "<<";
      else if (isScalar(keyNode)) key = keyString(scalarValue(keyNode.value, this.text, keyNode.range));
      else if (keyNode === null || keyNode === undefined) key = "";
      else throw new ValuesError("a values key must be a scalar", this.range(keyNode as YamlNode)?.line);
      if (key === "<<" && (isMap(pair.value) || isSeq(pair.value) || isAlias(pair.value))) {
        // Merge key: entries of the merged maps that are not set here.
        const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
        for (const src of sources) {
          const merged = this.value(src, depth + 1);
          if (merged instanceof Map) {
            for (const [k, v] of merged) {
              if (!out.has(k)) {
                out.set(k, v);
                copyOrigin(merged, k, out, k);
              }
            }
          }
        }
        continue;
      }
      const valueNode = pair.value as unknown;
      const value = this.value(valueNode, depth + 1);
      out.set(key, value);
      const origin =
        valueNode && (isScalar(valueNode) || (!isMap(valueNode) && !isSeq(valueNode)))
          ? this.range(valueNode as YamlNode)
          : this.range(keyNode as YamlNode);
      const fallback = origin ?? this.range(keyNode as YamlNode);
      if (fallback) setOrigin(out, key, fallback);
    }
    return out;
  }
}

function scalarValue(v: unknown, text: string, range: [number, number, number] | null | undefined): GoValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "boolean" || typeof v === "string") return v;
  if (typeof v === "number") return v; // every number of a values file is a float64
  if (typeof v === "bigint") return Number(v);
  if (v instanceof Date) return range ? text.slice(range[0], range[1]) : v.toISOString();
  return String(v);
}

function keyString(v: GoValue): string {
  if (v === null) return "null";
  if (typeof v === "number") return String(v);
  return String(v);
}

export function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) === 10) out.push(i + 1);
  return out;
}

export function rangeOf(file: string, lines: number[], start: number, end: number): SourceRange {
  const a = position(lines, start);
  const b = position(lines, end);
  // A multi-line value keeps its first line.
  if (b.line !== a.line) return { file, line: a.line, column: a.column, endLine: a.line, endColumn: a.column + 1 };
  return { file, line: a.line, column: a.column, endLine: b.line, endColumn: Math.max(b.column, a.column + 1) };
}

function position(lines: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lines[lo]! + 1 };
}

// ---------------------------------------------------------------------------------------------
// Copying and merging

export function isTable(v: unknown): v is Values {
  return v instanceof Map;
}

/** A deep copy of maps and lists that keeps every origin. */
export function cloneValue<T extends GoValue>(v: T): T {
  if (v instanceof Map) {
    const out: Values = new Map();
    for (const [k, x] of v as Values) {
      out.set(k, cloneValue(x));
      copyOrigin(v, k, out, k);
    }
    return out as T;
  }
  if (Array.isArray(v)) {
    const out = (v as GoValue[]).map((x) => cloneValue(x));
    for (let i = 0; i < v.length; i += 1) copyOrigin(v, i, out, i);
    return out as T;
  }
  return v;
}

/**
 * Helm's MergeTables / user values merge: `src` over `dst` (in place on dst), maps merged key by
 * key, nulls kept (they delete later, when coalesced with chart defaults).
 */
export function mergeInto(dst: Values, src: Values): Values {
  for (const [k, v] of src) {
    const d = dst.get(k);
    if (v instanceof Map && d instanceof Map) {
      mergeInto(d, v);
      continue;
    }
    dst.set(k, cloneValue(v));
    copyOrigin(src, k, dst, k);
  }
  return dst;
}

/**
 * Helm's coalesceTables: fills `dst` (higher priority) with what `src` (lower priority) has and
 * `dst` lacks. With `merge` false a null in `dst` deletes the key.
 */
/** A merge warning (Helm logs them): the message, and the map and key of the value that won. */
export type CoalesceWarn = (message: string, container: Values, key: string) => void;

export function coalesceTables(dst: Values, src: Values, merge: boolean, warn?: CoalesceWarn, prefix = ""): Values {
  for (const [k, v] of src) {
    const has = dst.has(k);
    const d = dst.get(k);
    if (has && d === null && !merge) {
      dst.delete(k);
    } else if (!has) {
      dst.set(k, cloneValue(v));
      copyOrigin(src, k, dst, k);
    } else if (v instanceof Map) {
      if (d instanceof Map) coalesceTables(d, v, merge, warn, `${prefix}${k}.`);
      else warn?.(`warning: cannot overwrite table with non table for ${prefix}${k} (${describe(v)})`, dst, k);
    } else if (d instanceof Map && v !== null) {
      warn?.(`warning: destination for ${prefix}${k} is a table. Ignoring non-table value (${describe(v)})`, dst, k);
    }
  }
  return dst;
}

/** Go's %v of a value, shortened for a message. */
function describe(v: GoValue): string {
  const s = formatValue(v);
  return s.length > 80 ? `${s.slice(0, 80)}...` : s;
}

/** The value at a dotted path (`a.b.c`) of a values tree, or undefined. */
export function pathValue(values: Values, path: string): GoValue | undefined {
  let cur: GoValue | undefined = values;
  for (const part of path.split(".")) {
    if (part === "") continue;
    if (!(cur instanceof Map)) return undefined;
    cur = cur.get(part);
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** The table at a dotted path, or undefined when missing or not a table. */
export function tableAt(values: Values, path: string): Values | undefined {
  const v = pathValue(values, path);
  return v instanceof Map ? v : undefined;
}

/** `parent` path as nested maps holding `table` (Helm's pathToMap); "." or "" is the table itself. */
export function pathToMap(path: string, table: Values, origin?: SourceRange): Values {
  if (path === "." || path === "") return table;
  const parts = path.split(".").filter((p) => p !== "");
  let out: Values = table;
  for (let i = parts.length - 1; i >= 0; i -= 1) {
    const wrap: Values = new Map([[parts[i]!, out]]);
    if (origin) setOrigin(wrap, parts[i]!, origin);
    out = wrap;
  }
  return out;
}

/** Where a value at a dotted path was set (its container's origin for the last key). */
export function originOfPath(values: Values, path: string): SourceRange | undefined {
  const parts = path.split(".").filter((p) => p !== "");
  let cur: GoValue | undefined = values;
  for (let i = 0; i < parts.length - 1; i += 1) {
    if (!(cur instanceof Map)) return undefined;
    cur = cur.get(parts[i]!);
  }
  return cur instanceof Map ? getOrigin(cur, parts[parts.length - 1]!) : undefined;
}
