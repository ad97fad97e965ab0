/**
 * Go's encoding/json for Go values, as documented: map keys sorted, HTML characters escaped as
 * \u003c \u003e \u0026 (unless raw), U+2028/U+2029 escaped, []byte as base64, floats in the
 * shortest form with an exponent below 1e-6 and from 1e21 on, NaN and infinities refused. And
 * decoding: every number becomes a float64, objects Maps, arrays arrays.
 */
import { GoTime, MAX_DEPTH, plain } from "./convert.js";
import { TracedString, structFields, type GoObject, type GoValue } from "../template/values.js";
import { compareBytes } from "./strings.js";
import { formatRFC3339Nano } from "./dates.js";

class Unsupported extends Error {}

/** Go's strconv-based float encoding of encoding/json. */
export function jsonFloat(f: number): string {
  if (!Number.isFinite(f)) throw new Unsupported(`json: unsupported value: ${Number.isNaN(f) ? "NaN" : f > 0 ? "+Inf" : "-Inf"}`);
  if (Object.is(f, -0)) return "-0";
  return String(f);
}

export function jsonString(s: string, escapeHTML = true): string {
  let out = '"';
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    const ch = s[i]!;
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += "\\\\";
    else if (c < 0x20) {
      if (c === 0x0a) out += "\\n";
      else if (c === 0x0d) out += "\\r";
      else if (c === 0x09) out += "\\t";
      else if (c === 0x08) out += "\\b";
      else if (c === 0x0c) out += "\\f";
      else out += `\\u00${c.toString(16).padStart(2, "0")}`;
    } else if (escapeHTML && (c === 0x3c || c === 0x3e || c === 0x26)) out += `\\u00${c.toString(16)}`;
    else if (c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16)}`;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += ch + s[i + 1]!;
        i += 1;
      } else out += "\\ufffd";
    } else if (c >= 0xdc00 && c <= 0xdfff) out += "\\ufffd";
    else out += ch;
  }
  return `${out}"`;
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64");
}

function encode(v: GoValue, escapeHTML: boolean, indent: string | undefined, level: number): string {
  if (level > MAX_DEPTH) throw new Unsupported(`json: value nested deeper than ${MAX_DEPTH} levels`);
  v = plain(v);
  if (v === null || v === undefined) return "null";
  switch (typeof v) {
    case "boolean":
      return v ? "true" : "false";
    case "string":
      return jsonString(v, escapeHTML);
    case "bigint":
      return v.toString();
    case "number":
      return jsonFloat(v);
    default:
      break;
  }
  if (v instanceof TracedString) return jsonString(v.text, escapeHTML);
  if (v instanceof Uint8Array) return `"${base64(v)}"`;
  if (v instanceof GoTime) return jsonString(formatRFC3339Nano(v), escapeHTML);
  const nl = indent === undefined ? "" : `\n${indent.repeat(level + 1)}`;
  const close = indent === undefined ? "" : `\n${indent.repeat(level)}`;
  const colon = indent === undefined ? ":" : ": ";
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    return `[${v.map((x) => nl + encode(x, escapeHTML, indent, level + 1)).join(",")}${close}]`;
  }
  let entries: [string, GoValue][];
  if (v instanceof Map) entries = [...v.keys()].sort(compareBytes).map((k) => [k, v.get(k) ?? null]);
  else entries = structFields(v as GoObject).filter(([k]) => /^[A-Z]/.test(k));
  if (entries.length === 0) return "{}";
  return `{${entries.map(([k, x]) => `${nl}${jsonString(k, escapeHTML)}${colon}${encode(x, escapeHTML, indent, level + 1)}`).join(",")}${close}}`;
}

/** json.Marshal; undefined when Go returns an error (NaN, infinities). */
export function goJson(v: GoValue): string | undefined {
  try {
    return encode(v, true, undefined, 0);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

/** json.MarshalIndent(v, "", "  ") (pretty) or an Encoder without HTML escaping (raw). */
export function goJsonIndent(v: GoValue, pretty: boolean, escapeHTML = true): string | undefined {
  try {
    return encode(v, escapeHTML, pretty ? "  " : undefined, 0);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

/** The reason json.Marshal fails for v, or undefined. */
export function jsonMarshalError(v: GoValue): string | undefined {
  try {
    encode(v, true, undefined, 0);
    return undefined;
  } catch (e) {
    if (e instanceof Unsupported) return e.message;
    throw e;
  }
}

// ---- decoding --------------------------------------------------------------------------------

/** Go's json.Unmarshal into interface{}: the error text as Go words it. */
export class JsonSyntaxError extends Error {}

/** Parses JSON text as Go does into interface{} (numbers float64). */
export function parseGoJson(text: string): GoValue {
  let i = 0;
  const n = text.length;
  const ws = (): void => {
    while (i < n && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i += 1;
  };
  const err = (what: string): never => {
    throw new JsonSyntaxError(what);
  };
  const unexpected = (context: string): never => {
    if (i >= n) err("unexpected end of JSON input");
    const ch = text[i]!;
    const shown = ch === "'" ? "'\\''" : ch === "\n" ? "'\\n'" : `'${ch}'`;
    return err(`invalid character ${shown} ${context}`);
  };
  let depth = 0;
  const value = (): GoValue => {
    ws();
    if (i >= n) err("unexpected end of JSON input");
    const ch = text[i]!;
    if (ch === "{") {
      if (++depth > MAX_DEPTH) err("exceeded max depth");
      i += 1;
      const m = new Map<string, GoValue>();
      ws();
      if (text[i] === "}") {
        i += 1;
        depth -= 1;
        return m;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') unexpected("looking for beginning of object key string");
        const k = str();
        ws();
        if (text[i] !== ":") unexpected("after object key");
        i += 1;
        m.set(k, value());
        ws();
        if (text[i] === ",") {
          i += 1;
          continue;
        }
        if (text[i] === "}") {
          i += 1;
          depth -= 1;
          return m;
        }
        unexpected("after object key:value pair");
      }
    }
    if (ch === "[") {
      if (++depth > MAX_DEPTH) err("exceeded max depth");
      i += 1;
      const a: GoValue[] = [];
      ws();
      if (text[i] === "]") {
        i += 1;
        depth -= 1;
        return a;
      }
      for (;;) {
        a.push(value());
        ws();
        if (text[i] === ",") {
          i += 1;
          continue;
        }
        if (text[i] === "]") {
          i += 1;
          depth -= 1;
          return a;
        }
        unexpected("after array element");
      }
    }
    if (ch === '"') return str();
    if (text.startsWith("true", i)) {
      i += 4;
      return true;
    }
    if (text.startsWith("false", i)) {
      i += 5;
      return false;
    }
    if (text.startsWith("null", i)) {
      i += 4;
      return null;
    }
    const num = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (num && num[0] !== "-") {
      i += num[0].length;
      const f = Number(num[0]);
      if (!Number.isFinite(f)) err(`json: cannot unmarshal number ${num[0]} into Go value of type float64`);
      return f;
    }
    return unexpected("looking for beginning of value");
  };
  const str = (): string => {
    i += 1;
    let out = "";
    for (;;) {
      if (i >= n) err("unexpected end of JSON input");
      const ch = text[i]!;
      if (ch === '"') {
        i += 1;
        return out;
      }
      if (ch === "\\") {
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
        if (e !== undefined && simple[e] !== undefined) {
          out += simple[e];
          i += 2;
          continue;
        }
        if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
          continue;
        }
        i += 1;
        unexpected("in string escape code");
      }
      if (ch.charCodeAt(0) < 0x20) unexpected("in string literal");
      out += ch;
      i += 1;
    }
  };
  const v = value();
  ws();
  if (i < n) unexpected("after top-level value");
  return v;
}
