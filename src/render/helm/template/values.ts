/**
 * The value model of our Go text/template interpreter: how Go values (as Helm hands them to its
 * templates) are represented in JavaScript. Every part of the Helm renderer (the template engine,
 * Sprig and Helm's functions, the chart loader) builds and reads values through this mapping:
 *
 * | Go                                   | JavaScript                                             |
 * |--------------------------------------|--------------------------------------------------------|
 * | nil                                  | `null`                                                 |
 * | missing map key (invalid reflect.Value) | `undefined` (internal only: printed `<no value>`; a function receives `null`) |
 * | bool                                 | `boolean`                                              |
 * | string                               | `string`, or a `TracedString` (string with provenance) |
 * | int, int64 (every Go integer)        | `bigint`; arithmetic wraps with `wrapInt64`            |
 * | float64                              | `number` (Helm decodes every number of values files and JSON as float64) |
 * | []byte                               | `Uint8Array`                                           |
 * | []interface{}                        | JavaScript array                                       |
 * | map[string]interface{}               | `Map<string, GoValue>` (never a plain object)          |
 * | struct / object with methods         | plain object or class instance (`GoObject`): exported fields are properties, methods are functions taking Go values |
 *
 * Scalars have no identity in JavaScript, so the origin of a value held in a Map or an array lives
 * in the side table of `../../provenance.ts` (`getOrigin(map, key)`); a string produced from traced
 * text (`include`, `tpl`, `toYaml`, `nindent`...) is a `TracedString` carrying its segments.
 */
import type { Segment, SourceRange } from "../../provenance.js";

/** A Go value (see the table above). */
export type GoValue =
  | null
  | undefined
  | boolean
  | string
  | TracedString
  | bigint
  | number
  | Uint8Array
  | GoValue[]
  | Map<string, GoValue>
  | GoObject
  /** A class instance (struct) without an index signature: read as a GoObject. */
  | object;

/**
 * A Go struct or an object with methods (.Release, .Chart, .Capabilities, .Files, .Template).
 * Properties whose name starts with an upper-case letter are the exported fields; a property
 * holding a function is a method, called with Go values (`.Files.Get "x"` calls `Get("x")`) and
 * returning a Go value or throwing an Error (its message becomes the template error).
 * `[GO_TYPE]` names the type for `%T` and error messages (e.g. "*chart.Metadata").
 */
export interface GoObject {
  readonly [GO_TYPE]?: string;
  readonly [field: string]: GoValue | GoMethod;
}

/** A GoObject seen as its properties. */
export type GoFields = GoObject;

export type GoMethod = (...args: GoValue[]) => GoValue;

/** Optional property of a GoObject naming its Go type for `%T` and errors. */
export const GO_TYPE: unique symbol = Symbol.for("container-review.goType");

/**
 * A Go string together with the provenance of its text: what `include`, `tpl`, `toYaml`,
 * `nindent`... return when their input is traced, so a value from values.yaml keeps its origin
 * through helpers into the rendered manifest. `segments` are sorted, non-overlapping ranges of
 * `text` (as `TextWithOrigins` makes them). Everywhere Go sees a string, it is `text`.
 */
export class TracedString {
  constructor(
    readonly text: string,
    readonly segments: readonly Segment[] = [],
  ) {}

  /** The whole text with one origin (or none). */
  static of(text: string, origin?: SourceRange, verbatim = false): TracedString {
    if (!origin || text.length === 0) return new TracedString(text, []);
    return new TracedString(text, [{ start: 0, end: text.length, origin, ...(verbatim ? { verbatim: true } : {}) }]);
  }

  get length(): number {
    return this.text.length;
  }

  toString(): string {
    return this.text;
  }
}

/**
 * An argument of a function registered with `traced: true`: the Go value and, when known, where
 * it came from (a values.yaml scalar, a literal in a template). Any function may also return a
 * `Traced` to give its result an origin (e.g. `default` returning the chosen argument).
 */
export class Traced {
  constructor(
    readonly value: GoValue,
    readonly origin?: SourceRange,
  ) {}
}

/** Limits every template execution honours (every breach is a template error). */
export interface TemplateLimits {
  /** Maximum nesting of `template`/`include`/`tpl` calls (Helm: 1000 for include). */
  maxDepth: number;
  /** Maximum characters of output of one `execute` (and of all nested executions). */
  maxOutputChars: number;
  /** Maximum evaluation steps (actions, loop iterations) of one `execute`. */
  maxSteps: number;
  /** Absolute time in ms since the epoch after which execution stops; checked in loops. */
  deadline?: number;
  /** The clock used for the deadline (defaults to Date.now); the engine reads no other clock. */
  now?: () => number;
}

/**
 * What a function gets besides its arguments: a way to run another named template (`include`),
 * to parse and run text (`tpl`), the current template call depth, and the limits. Both run
 * methods throw a `TemplateError` (the Go-style error message) on failure.
 */
export interface FuncContext {
  executeTemplate(name: string, data: GoValue): TracedString;
  /** Parses `text` as a template named `name` (origin: where the text came from) and runs it. */
  executeText(text: string, data: GoValue, name: string, origin?: SourceRange): TracedString;
  /** Current depth of nested template calls (0 at the top-level execute). */
  readonly depth: number;
  readonly limits: TemplateLimits;
  /**
   * Per argument of this call: true when Go would pass an invalid value or a `nil` literal (a
   * variable or pipeline result that is nil, a missing key reached through a variable, `nil`
   * written in the template). Go turns those into the zero value of a typed parameter (a nil
   * map, which reads as empty), whereas a nil taken straight from a map (`.Values.missing` under
   * missingkey=zero) is an `interface {}` and fails a typed parameter with "wrong type for
   * value; expected map[string]interface {}; got interface {}". Both arrive as `null`.
   */
  readonly invalidArgs?: readonly boolean[];
}

/**
 * A template function (Go's FuncMap entry). It receives Go values (a missing key arrives as
 * `null`) and throws an Error to fail; the engine reports it as Go does:
 * `error calling NAME: MESSAGE`. It may return a `Traced` to give its result an origin.
 *
 * `traced: true` (set it with `tracedFunc`) makes the engine pass `Traced` wrappers
 * `{value, origin?}` instead of plain values. `arity` (with `variadic`) lets the engine check the
 * argument count as Go checks a function's signature: "wrong number of args for NAME: want 2 got 1"
 * (variadic: "want at least N got M"). Without `arity` the function checks its own arguments.
 * (One call signature, so that an arrow function in a `Record<string, GoFunc>` gets its
 * parameter types from the context.)
 */
export interface GoFunc {
  (ctx: FuncContext, ...args: GoValue[]): GoValue | Traced;
  traced?: boolean;
  arity?: number;
  variadic?: boolean;
}

/** A function that wants argument origins (see GoFunc). */
export type TracedGoFunc = GoFunc & { traced: true };
/** Kept for readability where a plain function is meant. */
export type PlainGoFunc = GoFunc;

export type FuncMap = ReadonlyMap<string, GoFunc> | Readonly<Record<string, GoFunc>>;

/** Marks a function as `traced`: it receives `Traced` arguments. */
export function tracedFunc(fn: (ctx: FuncContext, ...args: Traced[]) => GoValue | Traced): TracedGoFunc {
  return Object.assign(fn as unknown as GoFunc, { traced: true as const });
}

/** Declares the argument count Go would check for a function (see GoFunc). */
export function withArity<F extends GoFunc>(fn: F, arity: number, variadic = false): F {
  return Object.assign(fn, { arity, variadic });
}

// ---------------------------------------------------------------------------------------------
// Classification helpers

export function isGoMap(v: unknown): v is Map<string, GoValue> {
  return v instanceof Map;
}

export function isGoObject(v: unknown): v is GoObject {
  return (
    typeof v === "object" &&
    v !== null &&
    !(v instanceof Map) &&
    !Array.isArray(v) &&
    !(v instanceof Uint8Array) &&
    !(v instanceof TracedString) &&
    !(v instanceof Traced)
  );
}

export function isGoString(v: unknown): v is string | TracedString {
  return typeof v === "string" || v instanceof TracedString;
}

/** The Go string of a string value (a TracedString's text); `undefined` for other values. */
export function toGoString(v: unknown): string {
  if (typeof v === "string") return v;
  if (v instanceof TracedString) return v.text;
  return formatValue(v as GoValue);
}

/** Wraps a bigint to Go's int64 (two's complement overflow, as Go arithmetic does). */
export function wrapInt64(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

/** Go's truth: false, 0, nil, empty string/slice/map (and a missing key) are false. */
export function isTruthy(v: GoValue | GoMethod): boolean {
  if (v === null || v === undefined) return false;
  switch (typeof v) {
    case "boolean":
      return v;
    case "string":
      return v.length > 0;
    case "bigint":
      return v !== 0n;
    case "number":
      return v !== 0; // NaN is true, as in Go
    case "function":
      return true;
    default:
      break;
  }
  if (v instanceof TracedString) return v.text.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Uint8Array) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  return true; // structs are always true
}

/** The Go type name, as `%T` prints it and as error messages name it. */
export function goTypeName(v: GoValue | GoMethod): string {
  if (v === null || v === undefined) return "<nil>";
  switch (typeof v) {
    case "boolean":
      return "bool";
    case "string":
      return "string";
    case "bigint":
      return "int";
    case "number":
      return "float64";
    case "function":
      return "func(...interface {}) interface {}";
    default:
      break;
  }
  if (v instanceof TracedString) return "string";
  if (Array.isArray(v)) return "[]interface {}";
  if (v instanceof Uint8Array) return "[]uint8";
  if (v instanceof Map) return "map[string]interface {}";
  const named = (v as GoFields)[GO_TYPE];
  if (typeof named === "string") return named;
  const ctor = (v as object).constructor;
  if (ctor && ctor !== Object && typeof ctor.name === "string" && ctor.name) return `*${ctor.name}`;
  return "struct {}";
}

/** Compares strings as Go does (byte order of UTF-8 = code point order). */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    // Surrogates (astral code points) sort after every BMP code point in UTF-8 order.
    const sa = ca >= 0xd800 && ca <= 0xdfff;
    const sb = cb >= 0xd800 && cb <= 0xdfff;
    if (sa !== sb) return sa ? 1 : -1;
    return ca < cb ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/** The keys of a Go map in the order Go prints and ranges over them (sorted). */
export function sortedKeys(m: ReadonlyMap<string, unknown>): string[] {
  return [...m.keys()].sort(compareGoStrings);
}

/** The exported fields of a GoObject (its non-function properties), in declaration order. */
export function structFields(v: object): [string, GoValue][] {
  const out: [string, GoValue][] = [];
  for (const key of Object.keys(v)) {
    const value = (v as GoFields)[key];
    if (typeof value === "function") continue;
    out.push([key, value as GoValue]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// %v

/**
 * Formats a float64 as Go's strconv.FormatFloat(f, fmt, prec, 64). `prec < 0` means the shortest
 * representation that reads back exactly. Supported fmt: 'e', 'E', 'f', 'g', 'G'. Rounding with a
 * precision is exact and half-to-even on the binary value, as Go's.
 */
export function formatFloat(f: number, fmt: "e" | "E" | "f" | "g" | "G", prec: number): string {
  if (Number.isNaN(f)) return "NaN";
  if (f === Infinity) return "+Inf";
  if (f === -Infinity) return "-Inf";
  const neg = f < 0 || Object.is(f, -0);
  const a = Math.abs(f);
  let body: string;
  if (fmt === "f") {
    if (prec < 0) {
      const { digits, exp } = shortestDigits(a);
      body = plainForm(digits, exp);
    } else body = exactFixed(a, prec);
  } else if (fmt === "e" || fmt === "E") {
    const { digits, exp } = prec < 0 ? shortestDigits(a) : roundedDigits(a, prec + 1);
    body = expForm(digits, exp, prec < 0 ? digits.length - 1 : prec, fmt);
  } else {
    const shortest = prec < 0;
    const p = prec === 0 ? 1 : prec;
    const { digits, exp } = shortest ? shortestDigits(a) : roundedDigits(a, p);
    let eprec = shortest ? 6 : p;
    if (!shortest && eprec > digits.length && digits.length >= exp + 1) eprec = digits.length;
    if (exp < -4 || exp >= eprec) body = expForm(digits, exp, digits.length - 1, fmt === "G" ? "E" : "e");
    else body = plainForm(digits, exp);
  }
  return (neg ? "-" : "") + body;
}

/** Shortest round-tripping decimal digits (no trailing zeros) and exponent of a finite a >= 0. */
function shortestDigits(a: number): { digits: string; exp: number } {
  if (a === 0) return { digits: "0", exp: 0 };
  const [mant, e] = a.toExponential().split("e") as [string, string];
  return { digits: mant.replace(".", "").replace(/0+$/, "") || "0", exp: Number(e) };
}

/** The exact binary value of a finite a >= 0 as mantissa * 2^exp. */
function binaryParts(a: number): { mant: bigint; exp: number } {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, a);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const expBits = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (expBits === 0) return { mant, exp: -1074 };
  mant |= 1n << 52n;
  return { mant, exp: expBits - 1075 };
}

/** round-half-even(a * 10^scale) as a BigInt, exactly. */
function scaledRound(a: number, scale: number): bigint {
  const { mant, exp } = binaryParts(a);
  let num = mant;
  let den = 1n;
  if (exp >= 0) num <<= BigInt(exp);
  else den <<= BigInt(-exp);
  if (scale >= 0) num *= 10n ** BigInt(scale);
  else den *= 10n ** BigInt(-scale);
  const q = num / den;
  const r2 = (num - q * den) * 2n;
  return r2 > den || (r2 === den && (q & 1n) === 1n) ? q + 1n : q;
}

/** `n` significant digits of a finite a >= 0, rounded half-even, trailing zeros removed. */
function roundedDigits(a: number, n: number): { digits: string; exp: number } {
  if (a === 0) return { digits: "0", exp: 0 };
  let exp = Number(a.toExponential().split("e")[1]);
  let q = scaledRound(a, n - 1 - exp);
  let s = q.toString();
  if (s.length > n) {
    // Rounding carried into a new digit (9.99 -> 10.0).
    exp += 1;
    q = scaledRound(a, n - 1 - exp);
    s = q.toString();
  }
  return { digits: s.replace(/0+$/, "") || "0", exp };
}

function expForm(digits: string, exp: number, fracDigits: number, e: "e" | "E"): string {
  let frac = digits.slice(1, 1 + Math.max(fracDigits, 0));
  if (frac.length < fracDigits) frac += "0".repeat(fracDigits - frac.length);
  const mant = frac.length > 0 ? `${digits[0]}.${frac}` : digits[0]!;
  const sign = exp < 0 ? "-" : "+";
  const ax = Math.abs(exp);
  return `${mant}${e}${sign}${ax < 10 ? "0" : ""}${ax}`;
}

function plainForm(digits: string, exp: number): string {
  if (exp < 0) return `0.${"0".repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return digits + "0".repeat(exp + 1 - digits.length);
  return `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

/** a with exactly `prec` decimals, rounded half-even on the exact binary value. */
function exactFixed(a: number, prec: number): string {
  let s = scaledRound(a, prec).toString();
  if (prec === 0) return s;
  if (s.length <= prec) s = "0".repeat(prec - s.length + 1) + s;
  return `${s.slice(0, s.length - prec)}.${s.slice(s.length - prec)}`;
}

/** Go's `%v` of a float64: strconv 'g' shortest, e.g. 1e+06, 3.5, 100000, 1.234567e+06. */
export function formatFloatV(f: number): string {
  return formatFloat(f, "g", -1);
}

/**
 * A value as Go's `%v` prints it (and as a template prints an action's value): maps with sorted
 * keys `map[a:1 b:2]`, slices `[a b]`, nil `<nil>`, a missing key `<no value>`, floats in the
 * shortest 'g' form, []byte as its bytes `[104 105]`, structs `{f1 f2}` (`plus`: `{Name:f1}`).
 */
export function formatValue(v: GoValue | GoMethod, plus = false, depth = 0): string {
  if (v === undefined) return "<no value>";
  if (v === null) return "<nil>";
  switch (typeof v) {
    case "boolean":
      return v ? "true" : "false";
    case "string":
      return v;
    case "bigint":
      return v.toString();
    case "number":
      return formatFloatV(v);
    case "function":
      return "0x1";
    default:
      break;
  }
  if (v instanceof TracedString) return v.text;
  if (depth > 100) return "...";
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? "<nil>" : formatValue(x, plus, depth + 1))).join(" ")}]`;
  if (v instanceof Uint8Array) return `[${Array.from(v).join(" ")}]`;
  if (v instanceof Map) {
    return `map[${sortedKeys(v)
      .map((k) => `${k}:${formatValue(v.get(k) ?? null, plus, depth + 1)}`)
      .join(" ")}]`;
  }
  const fields = structFields(v as GoObject);
  const prefix = goTypeName(v).startsWith("*") ? "&" : "";
  return `${prefix}{${fields.map(([k, x]) => (plus ? `${k}:` : "") + formatValue(x ?? null, plus, depth + 1)).join(" ")}}`;
}
