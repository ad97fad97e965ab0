/**
 * Go conversions the Sprig functions rely on, written from Go's and spf13/cast's documented
 * behaviour: the argument checks text/template makes for typed parameters (`string`, `int`,
 * `bool`), cast's ToInt64/ToFloat64 (Sprig ignores their errors: a value that does not convert
 * is 0), Sprig's `strval` (toString) and Go's `%q` quoting.
 */
import {
  GO_TYPE,
  TracedString,
  formatFloatV,
  formatValue,
  goTypeName,
  type FuncContext,
  type GoObject,
  type GoValue,
} from "../template/values.js";

/** Go's strconv.FormatFloat(f, 'g', -1, 64). */
export function formatFloatG(f: number): string {
  return formatFloatV(f);
}

/**
 * How deep a value may nest before the functions that walk it (toYaml, toJson, deepCopy, merge,
 * deepEqual...) give up with a clear message instead of exhausting the stack. Go has no such
 * limit; no chart's values come near it.
 */
export const MAX_DEPTH = 1000;

/** A function's failure, worded as the Go function (or text/template's argument check) words it. */
export class FuncError extends Error {}

export function fail(message: string): never {
  throw new FuncError(message);
}

/**
 * An argument text/template itself refuses before the call (wrong type for a typed parameter,
 * wrong number of arguments). Go reports it as `executing "T" at <CALL>: MESSAGE`, without the
 * "error calling NAME:" of a failure inside the function: the engine can tell them apart by class.
 */
export class ArgumentError extends FuncError {}

function refuse(message: string): never {
  throw new ArgumentError(message);
}

/** Unwraps a TracedString to its text; other values unchanged. */
export function plain(v: GoValue): GoValue {
  return v instanceof TracedString ? v.text : v;
}

export function isString(v: GoValue): v is string | TracedString {
  return typeof v === "string" || v instanceof TracedString;
}

/**
 * The reflect.Kind name Go prints for a value (kindOf, and the `%s` of `reflect.TypeOf(x).Kind()`
 * in Sprig's error messages). Every Go integer is a bigint here, reported as "int".
 */
export function kindName(v: GoValue): string {
  if (v === null || v === undefined) return "invalid";
  switch (typeof v) {
    case "boolean":
      return "bool";
    case "string":
      return "string";
    case "bigint":
      return "int";
    case "number":
      return "float64";
    default:
      break;
  }
  if (v instanceof TracedString) return "string";
  if (Array.isArray(v) || v instanceof Uint8Array) return "slice";
  if (v instanceof Map) return "map";
  if (v instanceof GoTime) return "struct";
  const named = (v as unknown as GoObject)[GO_TYPE];
  if (typeof named === "string" && named.startsWith("*")) return "ptr";
  return "struct";
}

/** The Go type name (`%T`). */
export function typeName(v: GoValue): string {
  if (v instanceof GoTime) return "time.Time";
  return goTypeName(v);
}

/**
 * A nil for a typed parameter: in Helm (missingkey=zero) a missing or null value is a nil
 * interface{}, which text/template refuses with this message.
 */
const NIL_ARG = (type: string): string => `wrong type for value; expected ${type}; got interface {}`;

/** A Go `string` parameter: text/template refuses anything else. */
export function argString(v: GoValue): string {
  if (typeof v === "string") return v;
  if (v instanceof TracedString) return v.text;
  if (v === null || v === undefined) refuse(NIL_ARG("string"));
  return refuse(`wrong type for value; expected string; got ${typeName(v)}`);
}

/** A Go `int` parameter. */
export function argInt(v: GoValue): bigint {
  if (typeof v === "bigint") return v;
  if (v === null || v === undefined) refuse(NIL_ARG("int"));
  return refuse(`wrong type for value; expected int; got ${typeName(v)}`);
}

/** A Go `int` parameter as a JavaScript number (lengths, counts). */
export function argIntNumber(v: GoValue): number {
  return Number(BigInt.asIntN(64, argInt(v)));
}

export function argBool(v: GoValue): boolean {
  if (typeof v === "boolean") return v;
  if (v === null || v === undefined) refuse(NIL_ARG("bool"));
  return refuse(`wrong type for value; expected bool; got ${typeName(v)}`);
}

export function argFloat(v: GoValue): number {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return refuse("wrong type for value; expected float64; got int");
  if (v === null || v === undefined) refuse(NIL_ARG("float64"));
  return refuse(`wrong type for value; expected float64; got ${typeName(v)}`);
}

/** A Go `map[string]interface{}` parameter. */
export function argMap(v: GoValue): Map<string, GoValue> {
  if (v instanceof Map) return v;
  if (v === null || v === undefined) refuse(NIL_ARG("map[string]interface {}"));
  return refuse(`wrong type for value; expected map[string]interface {}; got ${typeName(v)}`);
}

/**
 * A map parameter at position `index`: a nil Go passes as an invalid value (a nil variable, a
 * `nil` literal: ctx.invalidArgs) becomes a nil map, which reads as empty; a nil taken from a map
 * is an interface{} that text/template refuses (argMap's message).
 */
export function mapParam(ctx: FuncContext, index: number, v: GoValue): Map<string, GoValue> {
  if ((v === null || v === undefined) && ctx.invalidArgs?.[index]) return new Map();
  return argMap(v);
}

/** A Go `[]interface{}` parameter (text/template accepts only that slice type). */
export function argList(v: GoValue): GoValue[] {
  if (Array.isArray(v)) return v;
  if (v === null || v === undefined) return [];
  return refuse(`wrong type for value; expected []interface {}; got ${typeName(v)}`);
}

/** Sprig's strval: strings as they are, []byte as text, everything else as `%v`. */
export function strval(v: GoValue): string {
  if (typeof v === "string") return v;
  if (v instanceof TracedString) return v.text;
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  if (v instanceof GoTime) return v.toString();
  return formatValue(v === undefined ? null : v);
}

/** Go's `%v` (with time.Time printed as Go prints it). */
export function sprint(v: GoValue): string {
  return strval(v);
}

/** Go's strconv.ParseInt(s, 0, 64): base prefixes 0x, 0o, 0b, a leading 0 for octal, underscores. */
export function parseGoInt(s: string): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO]?[0-7_]+|[1-9][0-9_]*|0)$/.exec(s);
  if (m && /^0[oO]?_*$|^0[xXbB]_*$/.test(m[2]!) && m[2] !== "0") return undefined;
  if (!m) return undefined;
  const sign = m[1] === "-" ? -1n : 1n;
  let body = m[2]!;
  const prefixed = body.length > 1 && body[0] === "0";
  if (body.includes("_")) {
    // Base 0 allows underscores between digits (and after a base prefix).
    if (/__|_$|^_/.test(body) || (!prefixed && /^0_/.test(body))) return undefined;
    body = body.replace(/_/g, "");
  }
  let n: bigint;
  if (/^0[xX]/.test(body)) n = BigInt(`0x${body.slice(2)}`);
  else if (/^0[bB]/.test(body)) n = BigInt(`0b${body.slice(2)}`);
  else if (/^0[oO]/.test(body)) n = BigInt(`0o${body.slice(2)}`);
  else if (body.length > 1 && body[0] === "0") n = BigInt(`0o${body.slice(1)}`);
  else n = BigInt(body);
  const v = sign * n;
  if (v > 0x7fffffffffffffffn || v < -0x8000000000000000n) return undefined;
  return v;
}

/** Go's strconv.ParseFloat(s, 64) (decimal and hex floats, Inf, NaN, underscores); undefined on error. */
export function parseGoFloat(s: string): number | undefined {
  const t = s;
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith("-") ? -Infinity : Infinity;
  if (/^nan$/i.test(t)) return NaN;
  if (/^[+-]?(\d[\d_]*\.?[\d_]*|\.\d[\d_]*)([eE][+-]?\d+)?$/.test(t)) {
    if (t.includes("_")) return undefined; // base 10 floats take no underscores
    const v = Number(t);
    if (!Number.isFinite(v)) return undefined; // out of range is an error in Go
    return v;
  }
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/.exec(t);
  if (hex && (hex[2]!.length > 0 || hex[3]!.length > 0)) {
    const mant = parseInt(`${hex[2] || "0"}${hex[3]}`, 16) / 16 ** hex[3]!.length;
    const v = mant * 2 ** Number(hex[4]);
    return hex[1] === "-" ? -v : v;
  }
  return undefined;
}

function truncToInt64(f: number): bigint {
  if (Number.isNaN(f)) return -0x8000000000000000n;
  if (!Number.isFinite(f) || Math.abs(f) >= 2 ** 63) return -0x8000000000000000n;
  return BigInt(Math.trunc(f));
}

/** spf13/cast ToInt64 (errors give 0): floats truncate, strings parse with base prefixes. */
export function toInt64(v: GoValue): bigint {
  v = plain(v);
  if (typeof v === "bigint") return BigInt.asIntN(64, v);
  if (typeof v === "number") return truncToInt64(v);
  if (typeof v === "boolean") return v ? 1n : 0n;
  if (typeof v === "string") {
    // cast drops a trailing ".0..." before parsing ("5.00" is 5).
    const trimmed = /^[^.]*\.0+$/.test(v) && v.length > 1 ? v.replace(/\.0+$/, "") : v;
    return parseGoInt(trimmed) ?? 0n;
  }
  return 0n;
}

/** cast.ToInt (Go int is 64 bits on the platforms Helm ships for). */
export const toInt = toInt64;

/** spf13/cast ToFloat64 (errors give 0). */
export function toFloat64(v: GoValue): number {
  v = plain(v);
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string") return parseGoFloat(v) ?? 0;
  return 0;
}

/** Go's emptiness (Sprig's `empty`): zero numbers, false, "", empty slices and maps, nil. */
export function isEmpty(v: GoValue): boolean {
  if (v === null || v === undefined) return true;
  switch (typeof v) {
    case "boolean":
      return !v;
    case "string":
      return v.length === 0;
    case "bigint":
      return v === 0n;
    case "number":
      return v === 0;
    default:
      break;
  }
  if (v instanceof TracedString) return v.text.length === 0;
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length === 0;
  if (v instanceof Map) return v.size === 0;
  return false; // structs are never empty
}

/** reflect.DeepEqual over Go values. */
export function deepEqual(a: GoValue, b: GoValue, depth = 0): boolean {
  if (depth > MAX_DEPTH) fail(`deepEqual: values nested deeper than ${MAX_DEPTH} levels`);
  a = plain(a);
  b = plain(b);
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) {
    if (typeof a === "number" && typeof b === "number") return a === b; // NaN != NaN, as in Go
    return a === b;
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]!, depth + 1));
  }
  if (a instanceof Uint8Array) {
    if (!(b instanceof Uint8Array) || a.length !== b.length) return false;
    return a.every((x, i) => x === b[i]);
  }
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    for (const [k, x] of a) {
      if (!b.has(k) || !deepEqual(x, b.get(k)!, depth + 1)) return false;
    }
    return true;
  }
  if (a instanceof GoTime) return b instanceof GoTime && a.equals(b);
  if (Array.isArray(b) || b instanceof Map || b instanceof Uint8Array) return false;
  if (typeName(a) !== typeName(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  return ka.every((k) => k in bo && (typeof ao[k] === "function" ? ao[k] === bo[k] : deepEqual(ao[k] as GoValue, bo[k] as GoValue, depth + 1)));
}

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Go's strconv.Quote (`%q` of a string). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case "\\":
        out += "\\\\";
        continue;
      case "\x07":
        out += "\\a";
        continue;
      case "\b":
        out += "\\b";
        continue;
      case "\f":
        out += "\\f";
        continue;
      case "\n":
        out += "\\n";
        continue;
      case "\r":
        out += "\\r";
        continue;
      case "\t":
        out += "\\t";
        continue;
      case "\v":
        out += "\\v";
        continue;
      default:
        break;
    }
    if (c >= 0xd800 && c <= 0xdfff) out += "\\ufffd"; // a lone surrogate is invalid UTF-8 in Go
    else if (PRINTABLE.test(ch)) out += ch;
    else if (c < 0x80) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else if (c < 0x10000) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += `\\U${c.toString(16).padStart(8, "0")}`;
  }
  return `${out}"`;
}

/**
 * A Go time.Time: an instant (ms since the epoch plus nanoseconds within the millisecond) and the
 * zone it is shown in (an IANA name, "UTC" or "Local", with its offset at that instant).
 */
export class GoTime {
  readonly [GO_TYPE] = "time.Time";
  constructor(
    /** Milliseconds since the Unix epoch. */
    readonly ms: number,
    /** Nanoseconds beyond `ms` (0-999999). */
    readonly nanos: number,
    /** IANA zone name, "UTC", or "fixed:SECONDS" for a zone known only by its offset (parsed "-05:00"). */
    readonly zone: string,
  ) {}

  equals(other: GoTime): boolean {
    return this.ms === other.ms && this.nanos === other.nanos && this.zone === other.zone;
  }

  toString(): string {
    return formatGoTimeDefault(this);
  }

  // Methods templates may call on a time.Time (.String is what fmt prints, as for any Stringer).
  String(): string {
    return formatGoTimeDefault(this);
  }

  Unix(): bigint {
    return BigInt(Math.floor(this.ms / 1000));
  }

  UnixNano(): bigint {
    return BigInt(this.ms) * 1_000_000n + BigInt(this.nanos);
  }

  Format(layout: GoValue): string {
    return layoutFormatter(this, argString(layout));
  }

  UTC(): GoTime {
    return new GoTime(this.ms, this.nanos, "UTC");
  }

  Year(): bigint {
    return BigInt(Number(layoutFormatter(this, "2006")));
  }

  IsZero(): boolean {
    return this.ms === ZERO_MS && this.nanos === 0;
  }
}

const ZERO_MS = -62135596800000;

/** Set by dates.ts (it owns the layout formatter) so that convert.ts has no import cycle. */
let defaultTimeFormatter: (t: GoTime) => string = (t) => new Date(t.ms).toISOString();
let layoutFormatter: (t: GoTime, layout: string) => string = (t) => new Date(t.ms).toISOString();
export function setTimeFormatter(f: (t: GoTime) => string, withLayout: (t: GoTime, layout: string) => string): void {
  defaultTimeFormatter = f;
  layoutFormatter = withLayout;
}
function formatGoTimeDefault(t: GoTime): string {
  return defaultTimeFormatter(t);
}
