/**
 * Go's predefined template functions: and, or, not, len, index, slice, print, printf, println,
 * html, js, urlquery, call, eq, ne, lt, le, gt, ge; with Go's comparison rules and messages.
 * They receive evaluated arguments as `Val` (a missing value is `undefined`, Go's invalid
 * reflect.Value; nil is `null`) and throw an Error with Go's message on failure, which the
 * executor reports as `error calling NAME: MESSAGE`.
 */
import type { SourceRange } from "../../provenance.js";
import { getOrigin } from "../../provenance.js";
import { printArg, sprint, sprintf, sprintln } from "./fmt.js";
import { compareGoStrings, goTypeName, isTruthy, TracedString, type GoValue } from "./values.js";

/** An evaluated value with its origin; `iface`: its static Go type is interface{} (from a map or slice). */
export interface Val {
  v: GoValue;
  origin?: SourceRange | undefined;
  iface?: boolean;
  /** The origin is a literal of the template (not data). */
  literal?: boolean;
}

export interface Builtin {
  /** Fixed parameters; `variadic`: more allowed. */
  arity: number;
  variadic: boolean;
  fn: (args: Val[]) => Val;
}

const utf8 = new TextEncoder();

function plain(v: Val): GoValue {
  return v.v instanceof TracedString ? v.v.text : v.v;
}

/** Go's indirectInterface: nil interface -> invalid. */
function ind(v: Val): GoValue {
  return v.v === null ? undefined : plain(v);
}

function typeOf(v: GoValue): string {
  return goTypeName(v);
}

type Kind = "bool" | "int" | "float" | "string" | "invalid" | "other";

function basicKind(v: GoValue): Kind {
  if (v === undefined || v === null) return "invalid";
  switch (typeof v) {
    case "boolean":
      return "bool";
    case "bigint":
      return "int";
    case "number":
      return "float";
    case "string":
      return "string";
    default:
      return "other";
  }
}

function comparable(v: GoValue): boolean {
  return !(v instanceof Map || Array.isArray(v) || v instanceof Uint8Array || typeof v === "function");
}

export function goEq(arg1: GoValue, rest: GoValue[]): boolean {
  if (rest.length === 0) throw new Error("missing argument for comparison");
  const k1 = basicKind(arg1);
  for (const arg of rest) {
    const k2 = basicKind(arg);
    let truth = false;
    if (k1 !== k2) {
      if (arg1 !== undefined && arg1 !== null && arg !== undefined && arg !== null) throw new Error("incompatible types for comparison");
    } else {
      switch (k1) {
        case "bool":
        case "int":
        case "float":
        case "string":
          truth = arg1 === arg;
          break;
        case "invalid":
          truth = true;
          break;
        default:
          if (typeOf(arg1) !== typeOf(arg)) {
            throw new Error(`non-comparable types ${printArg(arg1, "v")}: ${typeOf(arg1)}, ${typeOf(arg)}: ${printArg(arg, "v")}`);
          }
          if (!comparable(arg)) throw new Error(`non-comparable type ${printArg(arg, "v")}: ${typeOf(arg)}`);
          truth = arg1 === arg;
      }
    }
    if (truth) return true;
  }
  return false;
}

export function goLt(a: GoValue, b: GoValue): boolean {
  const k1 = basicKind(a);
  if (k1 === "invalid" || k1 === "other") throw new Error("invalid type for comparison");
  const k2 = basicKind(b);
  if (k2 === "invalid" || k2 === "other") throw new Error("invalid type for comparison");
  if (k1 !== k2) throw new Error("incompatible types for comparison");
  switch (k1) {
    case "bool":
      throw new Error("invalid type for comparison");
    case "string":
      return compareGoStrings(a as string, b as string) < 0;
    default:
      return (a as number | bigint) < (b as number | bigint);
  }
}

function indexArg(index: GoValue, cap: number): number {
  if (index === undefined || index === null) throw new Error("cannot index slice/array with nil");
  if (typeof index !== "bigint") throw new Error(`cannot index slice/array with type ${typeOf(index)}`);
  if (index < 0n || index > BigInt(cap)) throw new Error(`index out of range: ${index}`);
  return Number(index);
}

function goIndex(item: Val, indexes: Val[]): Val {
  let cur: Val = { v: ind(item), origin: item.origin };
  if (cur.v === undefined) throw new Error("index of untyped nil");
  for (const ix of indexes) {
    const index = ind(ix);
    const v = cur.v;
    if (v === null || v === undefined) throw new Error("index of nil pointer");
    if (typeof v === "string") {
      const bytes = utf8.encode(v);
      const x = indexArg(index, bytes.length);
      if (x === bytes.length) throw new Error("reflect: string index out of range");
      cur = { v: BigInt(bytes[x]!) };
    } else if (v instanceof Uint8Array) {
      const x = indexArg(index, v.length);
      if (x === v.length) throw new Error("reflect: slice index out of range");
      cur = { v: BigInt(v[x]!) };
    } else if (Array.isArray(v)) {
      const x = indexArg(index, v.length);
      if (x === v.length) throw new Error("reflect: slice index out of range");
      cur = { v: v[x] ?? null, origin: getOrigin(v, x), iface: true };
    } else if (v instanceof Map) {
      if (index === undefined || index === null) throw new Error("value is nil; should be of type string");
      if (typeof index !== "string") throw new Error(`value has type ${typeOf(index)}; should be string`);
      cur = v.has(index) ? { v: v.get(index) ?? null, origin: getOrigin(v, index), iface: true } : { v: null, iface: true };
    } else {
      throw new Error(`can't index item of type ${typeOf(v)}`);
    }
  }
  return cur;
}

function goSlice(item: Val, indexes: Val[]): Val {
  const v = ind(item);
  if (v === undefined) throw new Error("slice of untyped nil");
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  let len: number;
  let bytes: Uint8Array | undefined;
  if (typeof v === "string") {
    if (indexes.length === 3) throw new Error("cannot 3-index slice a string");
    bytes = utf8.encode(v);
    len = bytes.length;
  } else if (Array.isArray(v) || v instanceof Uint8Array) {
    len = v.length;
  } else throw new Error(`can't slice item of type ${typeOf(v)}`);
  const idx = [0, len, len];
  indexes.forEach((ix, i) => {
    idx[i] = indexArg(ind(ix), len);
  });
  if (idx[0]! > idx[1]!) throw new Error(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1]! > idx[2]!) throw new Error(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (bytes) return { v: new TextDecoder().decode(bytes.subarray(idx[0], idx[1])) };
  if (v instanceof Uint8Array) return { v: v.slice(idx[0], idx[1]) };
  return { v: (v as GoValue[]).slice(idx[0], idx[1]) };
}

function goLen(item: Val): Val {
  const v = item.v;
  if (v === undefined) throw new Error("reflect: call of reflect.Value.Type on zero Value");
  if (v === null) throw new Error("len of nil pointer");
  if (typeof v === "string") return { v: BigInt(utf8.encode(v).length) };
  if (v instanceof TracedString) return { v: BigInt(utf8.encode(v.text).length) };
  if (Array.isArray(v) || v instanceof Uint8Array) return { v: BigInt(v.length) };
  if (v instanceof Map) return { v: BigInt(v.size) };
  throw new Error(`len of type ${typeOf(v)}`);
}

/** Go's evalArgs for html/js/urlquery: one string as is, else fmt.Sprint of printable values. */
function evalArgs(args: Val[]): string {
  if (args.length === 1) {
    const v = plain(args[0]!);
    if (typeof v === "string") return v;
  }
  return sprint(args.map((a) => (a.v === undefined || a.v === null ? "<no value>" : plain(a))));
}

export function htmlEscape(s: string): string {
  return s.replace(/[<>&'"\0]/g, (c) =>
    c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === "&" ? "&amp;" : c === "'" ? "&#39;" : c === '"' ? "&#34;" : "\uFFFD",
  );
}

export function jsEscape(s: string): string {
  let out = "";
  for (const ch of s) {
    switch (ch) {
      case "\\":
        out += "\\\\";
        break;
      case "'":
        out += "\\'";
        break;
      case '"':
        out += '\\"';
        break;
      case "<":
        out += "\\u003C";
        break;
      case ">":
        out += "\\u003E";
        break;
      case "&":
        out += "\\u0026";
        break;
      case "=":
        out += "\\u003D";
        break;
      default: {
        const c = ch.codePointAt(0)!;
        if (c < 0x80) {
          if (c < 0x20) out += `\\u${c.toString(16).toUpperCase().padStart(4, "0")}`;
          else out += ch;
        } else if (/^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch) || ch === " ") out += ch;
        else out += `\\u${c.toString(16).toUpperCase().padStart(4, "0")}`;
      }
    }
  }
  return out;
}

export function urlQueryEscape(s: string): string {
  let out = "";
  for (const b of utf8.encode(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === " ") out += "+";
    else out += `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

function toIface(a: Val): GoValue {
  return a.v === undefined ? null : a.v;
}

const bool = (b: boolean): Val => ({ v: b });

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  // and/or are evaluated lazily by the executor; these are used only for arity.
  ["and", { arity: 1, variadic: true, fn: (a) => a[a.length - 1]! }],
  ["or", { arity: 1, variadic: true, fn: (a) => a[a.length - 1]! }],
  ["not", { arity: 1, variadic: false, fn: (a) => bool(!isTruthy(a[0]!.v)) }],
  ["len", { arity: 1, variadic: false, fn: (a) => goLen(a[0]!) }],
  ["index", { arity: 1, variadic: true, fn: (a) => goIndex(a[0]!, a.slice(1)) }],
  ["slice", { arity: 1, variadic: true, fn: (a) => goSlice(a[0]!, a.slice(1)) }],
  ["print", { arity: 0, variadic: true, fn: (a) => ({ v: sprint(a.map(toIface)) }) }],
  ["println", { arity: 0, variadic: true, fn: (a) => ({ v: sprintln(a.map(toIface)) }) }],
  // printf's format is checked by the executor (it is a string parameter).
  ["printf", { arity: 1, variadic: true, fn: (a) => ({ v: sprintf(plain(a[0]!) as string, a.slice(1).map(toIface)) }) }],
  ["html", { arity: 0, variadic: true, fn: (a) => ({ v: htmlEscape(evalArgs(a)) }) }],
  ["js", { arity: 0, variadic: true, fn: (a) => ({ v: jsEscape(evalArgs(a)) }) }],
  ["urlquery", { arity: 0, variadic: true, fn: (a) => ({ v: urlQueryEscape(evalArgs(a)) }) }],
  [
    "call",
    {
      arity: 1,
      variadic: true,
      fn: (a) => {
        const f = ind(a[0]!);
        if (f === undefined) throw new Error("call of nil");
        if (typeof f !== "function") throw new Error(`non-function of type ${typeOf(f)}`);
        return { v: (f as (...x: GoValue[]) => GoValue)(...a.slice(1).map(toIface)) };
      },
    },
  ],
  ["eq", { arity: 1, variadic: true, fn: (a) => bool(goEq(ind(a[0]!), a.slice(1).map(ind))) }],
  ["ne", { arity: 2, variadic: false, fn: (a) => bool(!goEq(ind(a[0]!), [ind(a[1]!)])) }],
  ["lt", { arity: 2, variadic: false, fn: (a) => bool(goLt(ind(a[0]!), ind(a[1]!))) }],
  ["le", { arity: 2, variadic: false, fn: (a) => bool(goLt(ind(a[0]!), ind(a[1]!)) || goEq(ind(a[0]!), [ind(a[1]!)])) }],
  ["gt", { arity: 2, variadic: false, fn: (a) => bool(!(goLt(ind(a[0]!), ind(a[1]!)) || goEq(ind(a[0]!), [ind(a[1]!)]))) }],
  ["ge", { arity: 2, variadic: false, fn: (a) => bool(!goLt(ind(a[0]!), ind(a[1]!))) }],
]);
