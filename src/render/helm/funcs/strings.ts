/**
 * Sprig's string functions (https://masterminds.github.io/sprig/strings.html), with Go's byte
 * semantics where Sprig slices strings (substr, trunc and abbrev count UTF-8 bytes).
 * Subject-last argument order as in Sprig: `trunc 63 "text"`, `trimSuffix "-" "text"`.
 */
import type { Segment } from "../../provenance.js";
import { Traced, TracedString, tracedFunc, type GoFunc, type GoValue } from "../template/values.js";
import {
  argInt,
  argIntNumber,
  argString,
  fail,
  goQuote,
  isString,
  plain,
  strval,
} from "./convert.js";
import { type Random } from "./random.js";
import { cutSegments, originOf, segmentsOf, subjectFunc, traced, unwrapArg, withOrigin } from "./trace.js";

/** unicode.IsSpace. */
const SPACE = "\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const LEADING_SPACE = new RegExp(`^[${SPACE}]+`);
const TRAILING_SPACE = new RegExp(`[${SPACE}]+$`);
export const IS_SPACE = new RegExp(`^[${SPACE}]$`);

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function isAscii(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(s);
}

/** Length of s in UTF-8 bytes (Go's len). */
export function byteLength(s: string): number {
  return isAscii(s) ? s.length : encoder.encode(s).length;
}

/** s[from:to] in UTF-8 bytes, as Go slices a string. */
export function byteSlice(s: string, from: number, to?: number): string {
  if (isAscii(s)) return s.slice(from, to);
  return decodeBytes(encoder.encode(s).subarray(from, to));
}

/**
 * UTF-8 bytes to a string as Go reads them: a byte that does not start a valid sequence is one
 * U+FFFD (a cut character gives one U+FFFD per byte, where TextDecoder would give one in all).
 */
export function decodeBytes(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 1) {
      out += String.fromCharCode(b);
      i += 1;
      continue;
    }
    if (len > 0 && i + len <= bytes.length) {
      let ok = true;
      for (let k = 1; k < len; k += 1) if ((bytes[i + k]! & 0xc0) !== 0x80) ok = false;
      if (ok) {
        const piece = decoder.decode(bytes.subarray(i, i + len));
        if (!piece.includes("\ufffd")) {
          out += piece;
          i += len;
          continue;
        }
      }
    }
    out += "\ufffd";
    i += 1;
  }
  return out;
}

/** strings.ToUpper / ToLower per code point (no multi-character mappings, as in Go). */
export function goUpper(s: string): string {
  let out = "";
  for (const ch of s) {
    const u = ch.toUpperCase();
    out += [...u].length === 1 ? u : ch;
  }
  return out;
}

export function goLower(s: string): string {
  let out = "";
  for (const ch of s) {
    if (ch === "\u0130") {
      out += "i"; // Go's unicode.ToLower maps İ to i (JavaScript adds a combining dot)
      continue;
    }
    const l = ch.toLowerCase();
    out += [...l].length === 1 ? l : ch;
  }
  return out;
}

/** strings.TrimSpace, with the segments of a traced subject kept. */
function trimTraced(arg: Traced): GoValue | Traced {
  const s = argString(unwrapArg(arg));
  const lead = LEADING_SPACE.exec(s)?.[0].length ?? 0;
  const rest = s.slice(lead);
  const trail = TRAILING_SPACE.exec(rest)?.[0].length ?? 0;
  const end = s.length - trail;
  return keepSlice(arg, s, lead, end);
}

/** s[from:to] keeping the segments of a traced argument (or its origin). */
function keepSlice(arg: Traced, s: string, from: number, to: number): GoValue | Traced {
  const out = s.slice(from, Math.max(from, to));
  const segs = segmentsOf(arg);
  if (arg.value instanceof TracedString || segs.length === 0) return traced(out, cutSegments(s, segs, from, to, -from));
  return withOrigin(out, arg.origin);
}

/** strings.Trim(s, cutset). */
function trimCutset(s: string, cutset: string): string {
  const set = new Set(cutset);
  const chars = [...s];
  let a = 0;
  let b = chars.length;
  while (a < b && set.has(chars[a]!)) a += 1;
  while (b > a && set.has(chars[b - 1]!)) b -= 1;
  return chars.slice(a, b).join("");
}

/** strings.Title: upper-cases the first letter of each word. */
function title(s: string): string {
  let out = "";
  let prev = " ";
  for (const ch of s) {
    out += isSeparator(prev) ? titleCase(ch) : ch;
    prev = ch;
  }
  return out;
}

function titleCase(ch: string): string {
  const u = ch.toUpperCase();
  return [...u].length === 1 ? u : ch;
}

function isSeparator(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  if (c <= 0x7f) return !/[0-9A-Za-z_]/.test(ch);
  if (/[\p{L}\p{Nd}]/u.test(ch)) return false;
  return IS_SPACE.test(ch);
}

/** Sprig's untitle: lower-cases the first letter of each space-separated word. */
function untitle(s: string): string {
  let out = "";
  let start = true;
  for (const ch of s) {
    if (IS_SPACE.test(ch)) {
      start = true;
      out += ch;
    } else if (start) {
      out += goLower(ch);
      start = false;
    } else out += ch;
  }
  return out;
}

function swapcase(s: string): string {
  let out = "";
  for (const ch of s) {
    const u = ch.toUpperCase();
    const l = ch.toLowerCase();
    if (ch === u && ch !== l) out += goLower(ch);
    else if (ch === l && ch !== u) out += [...u].length === 1 ? u : ch;
    else out += ch;
  }
  return out;
}

function repeat(count: number, s: string, limit: number): string {
  if (count < 0) fail("strings: negative Repeat count");
  if (s.length * count > limit) fail(`repeat: ${s.length * count} characters is more than the render allows (${limit})`);
  return s.repeat(count);
}

function substr(start: number, end: number, s: string): string {
  const n = byteLength(s);
  if (start < 0) return sliceChecked(s, 0, end, n);
  if (end < 0 || end > n) return sliceChecked(s, start, n, n);
  return sliceChecked(s, start, end, n);
}

function sliceChecked(s: string, from: number, to: number, n: number): string {
  if (to > n || to < 0) fail(`runtime error: slice bounds out of range [:${to}] with length ${n}`);
  if (from > to) fail(`runtime error: slice bounds out of range [${from}:${to}]`);
  return byteSlice(s, from, to);
}

function trunc(c: number, s: string): string {
  const n = byteLength(s);
  if (c < 0 && n + c > 0) return byteSlice(s, n + c);
  if (c >= 0 && n > c) return byteSlice(s, 0, c);
  return s;
}

/** goutils.AbbreviateFull (Apache commons-lang StringUtils.abbreviate). */
function abbreviateFull(s: string, offset: number, maxWidth: number): string | undefined {
  if (s === "") return "";
  if (maxWidth < 4) return undefined;
  const n = byteLength(s);
  if (n <= maxWidth) return s;
  if (offset > n) offset = n;
  if (n - offset < maxWidth - 3) offset = n - (maxWidth - 3);
  if (offset <= 4) return `${byteSlice(s, 0, maxWidth - 3)}...`;
  if (maxWidth < 7) return undefined;
  if (offset + maxWidth - 3 < n) return `...${abbreviateFull(byteSlice(s, offset), 0, maxWidth - 3) ?? ""}`;
  return `...${byteSlice(s, n - (maxWidth - 3))}`;
}

/**
 * goutils works on bytes: each UTF-8 byte is taken as the code point of the same number (so a
 * non-ASCII letter comes out as Latin-1 mojibake, as in Helm) and tested with unicode.IsSpace.
 */
function bytesAsRunes(s: string): string[] {
  return Array.from(encoder.encode(s), (b) => String.fromCharCode(b));
}

function initials(s: string): string {
  let out = "";
  let start = true;
  for (const ch of bytesAsRunes(s)) {
    if (IS_SPACE.test(ch)) start = true;
    else if (start) {
      out += ch;
      start = false;
    }
  }
  return out;
}

function deleteWhiteSpace(s: string): string {
  const bytes = bytesAsRunes(s);
  const kept = bytes.filter((ch) => !IS_SPACE.test(ch));
  return kept.length === bytes.length ? s : kept.join("");
}

/** goutils.WrapCustom (commons-lang WordUtils.wrap): wraps at spaces, byte widths. */
export function wrapCustom(s: string, width: number, newline: string, wrapLong: boolean): string {
  if (s === "") return "";
  if (newline === "") newline = "\n";
  if (width < 1) width = 1;
  const bytes = encoder.encode(s);
  const n = bytes.length;
  const sub = (a: number, b?: number): string => decodeBytes(bytes.subarray(a, b));
  let offset = 0;
  let out = "";
  while (n - offset > width) {
    if (bytes[offset] === 0x20) {
      offset += 1;
      continue;
    }
    const end = Math.min(width + offset + 1, n);
    let space = -1;
    for (let i = end - 1; i >= offset; i -= 1) {
      if (bytes[i] === 0x20) {
        space = i;
        break;
      }
    }
    if (space >= offset) {
      out += sub(offset, space) + newline;
      offset = space + 1;
    } else if (wrapLong) {
      out += sub(offset, width + offset) + newline;
      offset += width;
    } else {
      let next = -1;
      for (let i = width + offset; i < n; i += 1) {
        if (bytes[i] === 0x20) {
          next = i;
          break;
        }
      }
      if (next < 0) {
        out += sub(offset);
        offset = n;
      } else {
        out += sub(offset, next) + newline;
        offset = next + 1;
      }
    }
  }
  return out + sub(offset);
}

/** Sprig's indent with the segments of a traced subject moved line by line. */
function indentTraced(spacesArg: Traced, subject: Traced, leadingNewline: boolean): GoValue | Traced {
  const spaces = argIntNumber(unwrapArg(spacesArg));
  if (spaces < 0) fail("strings: negative Repeat count");
  const s = argString(unwrapArg(subject));
  const pad = " ".repeat(spaces);
  const head = (leadingNewline ? "\n" : "") + pad;
  const out = head + s.split("\n").join(`\n${pad}`);
  const segs = segmentsOf(subject);
  if (segs.length === 0) return out;
  const moved: Segment[] = [];
  let lineStart = 0;
  let line = 0;
  while (lineStart <= s.length) {
    const nl = s.indexOf("\n", lineStart);
    const lineEnd = nl < 0 ? s.length : nl + 1;
    moved.push(...cutSegments(s, segs, lineStart, lineEnd, head.length + line * spaces));
    if (nl < 0) break;
    lineStart = lineEnd;
    line += 1;
  }
  return traced(out, moved);
}

/** `%q` with the segments of a traced subject moved by the opening quote when nothing is escaped. */
function quoteTraced(args: Traced[], single: boolean): GoValue | Traced {
  const parts: string[] = [];
  const segs: Segment[] = [];
  let length = 0;
  let origin = undefined as ReturnType<typeof originOf>;
  for (const arg of args) {
    const v = unwrapArg(arg);
    if (v === null) continue;
    if (parts.length > 0) length += 1;
    const s = strval(v);
    const q = single ? `'${s}'` : goQuote(s);
    const own = segmentsOf(arg);
    if (own.length > 0 && q.length === s.length + 2) segs.push(...cutSegments(s, own, 0, s.length, length + 1));
    else if (own.length > 0 || arg.origin) segs.push({ start: length, end: length + q.length, origin: (originOf(arg) ?? arg.origin)! });
    origin ??= originOf(arg);
    parts.push(q);
    length += q.length;
  }
  const out = parts.join(" ");
  return segs.length > 0 ? traced(out, segs) : out;
}

function replaceAll(src: string, old: string, repl: string): string {
  if (old === "") {
    const chars = [...src];
    return repl + chars.map((c) => c + repl).join("");
  }
  return src.split(old).join(repl);
}

/** Sprig's strslice: a list's non-nil items as strings; a non-list is one item. */
export function strslice(v: GoValue): string[] {
  v = plain(v);
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v.filter((x) => x !== null && x !== undefined).map((x) => strval(x));
  return [strval(v)];
}

function splitMap(parts: string[]): Map<string, GoValue> {
  const m = new Map<string, GoValue>();
  parts.forEach((p, i) => m.set(`_${i}`, p));
  return m;
}

/** strings.Split (an empty separator splits into characters). */
export function goSplit(s: string, sep: string, n = -1): string[] {
  if (n === 0) return [];
  if (sep === "") {
    const chars = [...s];
    if (n < 0 || n >= chars.length) return chars;
    return [...chars.slice(0, n - 1), chars.slice(n - 1).join("")];
  }
  const parts = s.split(sep);
  if (n < 0 || parts.length <= n) return parts;
  return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}

/** Go's sort.Strings order (bytewise UTF-8). */
export function compareBytes(a: string, b: string): number {
  if (isAscii(a) && isAscii(b)) return a < b ? -1 : a > b ? 1 : 0;
  const ea = encoder.encode(a);
  const eb = encoder.encode(b);
  const n = Math.min(ea.length, eb.length);
  for (let i = 0; i < n; i += 1) if (ea[i] !== eb[i]) return ea[i]! - eb[i]!;
  return ea.length - eb.length;
}

// ---- xstrings case conversions --------------------------------------------------------------

type CharClass = "upper" | "lower" | "digit" | "sep" | "other" | "oletter" | "symbol";

function charClass(ch: string): CharClass {
  if (ch === "_" || ch === "-" || IS_SPACE.test(ch)) return "sep";
  if (/\p{Lu}/u.test(ch)) return "upper";
  if (/\p{Ll}/u.test(ch)) return "lower";
  if (/\p{L}/u.test(ch)) return "oletter"; // other letters (日本) start a word
  if (/[\p{S}\p{C}]/u.test(ch)) return "symbol"; // a symbol ($, 😀) or control is a word of its own
  if (/\p{Nd}/u.test(ch)) return "digit";
  return "other";
}

/**
 * xstrings.ToSnakeCase / ToKebabCase: every separator ("_", "-", spaces) becomes one delimiter
 * (runs and leading or trailing ones included: "__init__" -> __init__); inside a word a delimiter
 * goes at a lower-to-upper change, before the last upper of an upper run followed by a lower
 * ("HTTPServer" -> http_server), and before digits after letters when lower-case letters follow
 * the digits ("http2xx" -> http_2xx, but "Bld4Floor" -> bld4_floor); a word that starts with
 * digits keeps the lower-case letters after them ("2m3s").
 */
export function delimitedCase(s: string, delimiter: string): string {
  const chars = [...s];
  let out = "";
  let word = "";
  let digitLed = false;
  for (let i = 0; i < chars.length; i += 1) {
    const ch = chars[i]!;
    const cls = charClass(ch);
    if (cls === "sep") {
      out += word + delimiter;
      word = "";
      continue;
    }
    const prev = i > 0 ? charClass(chars[i - 1]!) : "sep";
    const next = i + 1 < chars.length ? charClass(chars[i + 1]!) : "sep";
    if (word !== "") {
      let split = false;
      if (cls === "upper" && (prev === "lower" || (prev === "upper" && next === "lower") || prev === "digit")) split = true;
      else if ((cls === "oletter" || cls === "symbol") && (prev === "lower" || prev === "upper" || prev === "digit")) split = true;
      else if (prev === "symbol" && cls !== "symbol") split = true;
      else if (cls === "digit" && (prev === "lower" || prev === "upper") && !digitLed) {
        let j = i;
        while (j < chars.length && charClass(chars[j]!) === "digit") j += 1;
        if (j < chars.length && charClass(chars[j]!) === "lower") split = true;
      }
      if (split) {
        out += word + delimiter;
        word = "";
      }
    }
    if (word === "" || cls === "upper") digitLed = cls === "digit";
    word += goLower(ch);
  }
  return out + word;
}

/**
 * xstrings.ToCamelCase: each word's first letter upper-cased and the rest lower-cased
 * ("IPv4Address" -> Ipv4address); the last separator of a run between words is dropped, the
 * others kept as they are ("a__b" -> A_B, "a  b" -> A B); leading and trailing separators are
 * kept.
 */
export function camelCase(s: string): string {
  const chars = [...s];
  let out = "";
  let i = 0;
  while (i < chars.length && isCamelSeparator(chars[i]!)) out += chars[i++]!;
  let upperNext = true;
  let run = "";
  // (A run of separators inside the text keeps all but its last character: "a\r\nb" -> A\rB.)
  for (; i < chars.length; i += 1) {
    const ch = chars[i]!;
    if (isCamelSeparator(ch)) {
      run += ch;
      upperNext = true;
      continue;
    }
    if (run !== "") out += [...run].slice(0, -1).join("");
    run = "";
    out += upperNext ? titleCase(ch) : goLower(ch);
    upperNext = false;
  }
  return out + run;
}

function isCamelSeparator(ch: string): boolean {
  return ch === "_" || ch === "-" || IS_SPACE.test(ch);
}

export function stringFuncs(random: Random): Record<string, GoFunc> {
  const s = argString;
  return {
    trim: tracedFunc((_ctx, subject) => trimTraced(subject!)),
    trimAll: subjectFunc((_c, cutset, v) => trimCutset(s(v!), s(cutset!))),
    trimall: subjectFunc((_c, cutset, v) => trimCutset(s(v!), s(cutset!))),
    trimPrefix: tracedFunc((_c, prefix, subject) => {
      const str = s(unwrapArg(subject!));
      const p = s(unwrapArg(prefix!));
      return str.startsWith(p) ? keepSlice(subject!, str, p.length, str.length) : keepSlice(subject!, str, 0, str.length);
    }),
    trimSuffix: tracedFunc((_c, suffix, subject) => {
      const str = s(unwrapArg(subject!));
      const x = s(unwrapArg(suffix!));
      return x !== "" && str.endsWith(x) ? keepSlice(subject!, str, 0, str.length - x.length) : keepSlice(subject!, str, 0, str.length);
    }),
    upper: subjectFunc((_c, v) => goUpper(s(v!))),
    lower: subjectFunc((_c, v) => goLower(s(v!))),
    title: subjectFunc((_c, v) => title(s(v!))),
    untitle: subjectFunc((_c, v) => untitle(s(v!))),
    repeat: subjectFunc((ctx, n, v) => repeat(argIntNumber(n!), s(v!), ctx.limits.maxOutputChars)),
    substr: subjectFunc((_c, a, b, v) => substr(argIntNumber(a!), argIntNumber(b!), s(v!))),
    nospace: subjectFunc((_c, v) => deleteWhiteSpace(s(v!))),
    trunc: subjectFunc((_c, n, v) => trunc(argIntNumber(n!), s(v!))),
    abbrev: subjectFunc((_c, w, v) => {
      const width = argIntNumber(w!);
      const str = s(v!);
      return width < 4 ? str : (abbreviateFull(str, 0, width) ?? "");
    }),
    abbrevboth: subjectFunc((_c, l, r, v) => {
      const left = argIntNumber(l!);
      const right = argIntNumber(r!);
      const str = s(v!);
      if (right < 4 || (left > 0 && right < 7)) return str;
      return abbreviateFull(str, left, right) ?? "";
    }),
    initials: subjectFunc((_c, v) => initials(s(v!))),
    randAlphaNum: (_c, n) => random.string(argIntNumber(n!), "alphanum"),
    randAlpha: (_c, n) => random.string(argIntNumber(n!), "alpha"),
    randAscii: (_c, n) => random.string(argIntNumber(n!), "ascii"),
    randNumeric: (_c, n) => random.string(argIntNumber(n!), "numeric"),
    swapcase: subjectFunc((_c, v) => swapcase(s(v!))),
    shuffle: subjectFunc((_c, v) => random.shuffle([...s(v!)]).join("")),
    snakecase: subjectFunc((_c, v) => delimitedCase(s(v!), "_")),
    camelcase: subjectFunc((_c, v) => camelCase(s(v!))),
    kebabcase: subjectFunc((_c, v) => delimitedCase(s(v!), "-")),
    wrap: subjectFunc((_c, n, v) => wrapCustom(s(v!), argIntNumber(n!), "", false)),
    wrapWith: subjectFunc((_c, n, sep, v) => wrapCustom(s(v!), argIntNumber(n!), s(sep!), true)),
    contains: (_c, sub, v) => s(v!).includes(s(sub!)),
    hasPrefix: (_c, p, v) => s(v!).startsWith(s(p!)),
    hasSuffix: (_c, x, v) => s(v!).endsWith(s(x!)),
    quote: tracedFunc((_c, ...args) => quoteTraced(args, false)),
    squote: tracedFunc((_c, ...args) => quoteTraced(args, true)),
    cat: (_c, ...args) => args
      .filter((a) => a !== null && a !== undefined)
      .map((a) => strval(a))
      .join(" "),
    indent: tracedFunc((_c, n, v) => indentTraced(n!, v!, false)),
    nindent: tracedFunc((_c, n, v) => indentTraced(n!, v!, true)),
    replace: subjectFunc((_c, old, repl, v) => replaceAll(s(v!), s(old!), s(repl!))),
    plural: (_c, one, many, n) => (argInt(n!) === 1n ? s(one!) : s(many!)),
    toString: tracedFunc((_c, v) => {
      const value = unwrapArg(v!);
      if (isString(value)) return value instanceof TracedString ? value : withOrigin(value, v!.origin);
      return withOrigin(strval(value), originOf(v));
    }),
    toStrings: (_c, v) => strslice(v!),
    join: (_c, sep, v) => strslice(v!).join(s(sep!)),
    sortAlpha: (_c, v) => {
      const items = plain(v!);
      if (!Array.isArray(items)) return [strval(items)];
      return strslice(items).sort(compareBytes);
    },
    split: (_c, sep, v) => splitMap(goSplit(s(v!), s(sep!))),
    splitList: (_c, sep, v) => goSplit(s(v!), s(sep!)),
    splitn: (_c, sep, n, v) => splitMap(goSplit(s(v!), s(sep!), argIntNumber(n!))),
  };
}
