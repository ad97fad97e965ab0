/**
 * Helm's YAML functions.
 *
 * `toYaml` is sigs.k8s.io/yaml's Marshal, which its documentation describes as "JSON first":
 * the value is encoded as JSON (so structs use their field names, []byte becomes base64, a
 * float64 that is whole becomes an integer), the JSON is read back by go-yaml v2 (numbers get
 * their YAML type) and go-yaml v2 writes it: keys in go-yaml's natural order (digits compared as
 * numbers, non-letters before letters), sequences not indented under their key, strings quoted
 * when YAML 1.1 would read them as something else (true, yes, n, ~, 1_000, 0x1F, 1:20,
 * 2024-01-01...), single-quoted when they hold indicators, double-quoted with escapes when they
 * hold control characters, multi-line strings as literal blocks (|, |-, |+, with an indentation
 * indicator when they start with a space), long plain and quoted scalars folded at spaces past
 * column 80. Helm trims the final newline.
 *
 * `toYamlPretty` is go-yaml v3 with an indent of 2 on the Go value directly: sequences indented
 * under their key, no folding, floats in Go's %g form (1e+06).
 *
 * Both return a TracedString: each scalar (and each key) carries the origin recorded for it in
 * its container (provenance side table), and a traced string value keeps its own segments when it
 * is written as it is.
 */
import { Document, parseAllDocuments, type ParseOptions, type DocumentOptions, type SchemaOptions } from "yaml";
import { getOrigin, TextWithOrigins, type Segment, type SourceRange } from "../../provenance.js";
import { TracedString, structFields, type GoObject, type GoValue } from "../template/values.js";
import { GoTime, MAX_DEPTH, formatFloatG, plain } from "./convert.js";
import { formatRFC3339Nano } from "./dates.js";
import { jsonFloat, jsonMarshalError } from "./json.js";

// ---- the JSON-shaped tree that go-yaml writes -----------------------------------------------

type YNode =
  | { k: "null" }
  | { k: "bool"; v: boolean }
  | { k: "num"; text: string }
  | { k: "str"; v: string; segs: readonly Segment[] }
  | { k: "seq"; items: YNode[]; origins: (SourceRange | undefined)[] }
  | { k: "map"; entries: { key: string; value: YNode; origin?: SourceRange }[] };

class YamlLimit extends Error {}

/** Characters JSON leaves as they are but go-yaml v2 refuses to read: toYaml gives "". */
const UNREADABLE = /[\x7f-\x84\x86-\x9f\ufffe\uffff]/;

/**
 * A string after the JSON round trip: go-yaml reads the JSON string as a double-quoted YAML
 * scalar, where U+0085 (NEL) is a line break that folds to a space (two of them to a newline).
 */
function viaJsonString(s: string): string {
  if (UNREADABLE.test(s)) throw new YamlLimit("string not readable by go-yaml");
  if (!s.includes("\u0085")) return s;
  return s.replace(/[ \t]*\u0085(?:[ \t]*\u0085)*[ \t]*/g, (run) => {
    const breaks = (run.match(/\u0085/g) ?? []).length;
    return breaks === 1 ? " " : "\n".repeat(breaks - 1);
  });
}

function str(s: string, segs: readonly Segment[], viaJson: boolean): YNode {
  if (!viaJson) return { k: "str", v: s, segs };
  const converted = viaJsonString(s);
  return { k: "str", v: converted, segs: converted === s ? segs : [] };
}

/** The value as sigs.k8s.io/yaml sees it after the JSON round trip (v2) or as it is (v3). */
function toNode(v: GoValue, viaJson: boolean, depth: number): YNode {
  if (depth > MAX_DEPTH) throw new YamlLimit("value nested too deeply");
  if (v instanceof TracedString) return str(v.text, v.segments, viaJson);
  v = plain(v);
  if (v === null || v === undefined) return { k: "null" };
  switch (typeof v) {
    case "boolean":
      return { k: "bool", v };
    case "string":
      return str(v, [], viaJson);
    case "bigint":
      return { k: "num", text: v.toString() };
    case "number":
      return { k: "num", text: viaJson ? yamlNumberFromJson(jsonFloat(v)) : v3Float(v) };
    default:
      break;
  }
  if (v instanceof Uint8Array) {
    return viaJson ? { k: "str", v: Buffer.from(v).toString("base64"), segs: [] } : { k: "seq", items: Array.from(v, (b) => ({ k: "num", text: String(b) }) as YNode), origins: [] };
  }
  if (v instanceof GoTime) return { k: "str", v: formatRFC3339Nano(v), segs: [] };
  if (Array.isArray(v)) {
    const arr = v;
    return { k: "seq", items: arr.map((x) => toNode(x, viaJson, depth + 1)), origins: arr.map((_, i) => getOrigin(arr, i)) };
  }
  if (v instanceof Map) {
    const m = v;
    return {
      k: "map",
      entries: sortKeys([...m.keys()], !viaJson).map((key) => ({
        key: viaJson ? viaJsonString(key) : key,
        value: toNode(m.get(key) ?? null, viaJson, depth + 1),
        origin: getOrigin(m, key),
      })),
    };
  }
  const fields = structFields(v as unknown as GoObject).filter(([k]) => /^[A-Z]/.test(k));
  return { k: "map", entries: sortKeys(fields.map(([k]) => k), !viaJson).map((key) => ({ key, value: toNode((v as unknown as GoObject)[key] as GoValue, viaJson, depth + 1) })) };
}

/** A JSON number as go-yaml v2 reads it back and writes it: an integer if it fits, else %g. */
function yamlNumberFromJson(text: string): string {
  if (/^-?\d+$/.test(text)) {
    const n = BigInt(text);
    if (n >= -(2n ** 63n) && n < 2n ** 64n) return n.toString();
  }
  return formatFloatG(Number(text));
}

function v3Float(f: number): string {
  if (Number.isNaN(f)) return ".nan";
  if (f === Infinity) return ".inf";
  if (f === -Infinity) return "-.inf";
  return formatFloatG(f);
}

/** go-yaml's key order: runs of digits compare as numbers, non-letters sort before letters. */
export function yamlKeyLess(a: string, b: string, v3 = false): boolean {
  const ar = [...a];
  const br = [...b];
  const isLetter = (c: string): boolean => /\p{L}/u.test(c);
  const isDigit = (c: string | undefined): boolean => c !== undefined && /\p{Nd}/u.test(c);
  const digit = (c: string): bigint => BigInt(Number(c) || 0);
  let digits = false;
  for (let i = 0; i < ar.length && i < br.length; i += 1) {
    if (ar[i] === br[i]) {
      digits = isDigit(ar[i]);
      continue;
    }
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
    // Non-letters sort first ("_x" < "B"); go-yaml v3 puts letters first right after a digit ("1a" < "1_").
    if (al || bl) return digits && v3 ? al : bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === "0" || br[i] === "0") {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j -= 1) {
        if (ar[j] !== "0") {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai += 1) an = an * 10n + digit(ar[ai]!);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi += 1) bn = bn * 10n + digit(br[bi]!);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
  }
  return ar.length < br.length;
}

function sortKeys(keys: string[], v3: boolean): string[] {
  return keys.sort((a, b) => (yamlKeyLess(a, b, v3) ? -1 : yamlKeyLess(b, a, v3) ? 1 : 0));
}

// ---- scalar analysis (libyaml's emitter rules) -----------------------------------------------

const YAML11_NULL = new Set(["", "~", "null", "Null", "NULL"]);
const YAML11_BOOL = new Set(
  "y Y yes Yes YES n N no No NO true True TRUE false False FALSE on On ON off Off OFF".split(" "),
);
const SPECIAL_FLOATS = new Set(
  ".inf .Inf .INF +.inf +.Inf +.INF -.inf -.Inf -.INF .nan .NaN .NAN".split(" "),
);

/** Whether go-yaml would read the plain scalar `s` as something other than a string. */
export function resolvesToNonString(s: string, v3: boolean): boolean {
  if (YAML11_NULL.has(s)) return true;
  if (v3 ? /^(true|True|TRUE|false|False|FALSE)$/.test(s) : YAML11_BOOL.has(s)) return true;
  if (SPECIAL_FLOATS.has(s)) return true;
  const c = s[0]!;
  if (!/[-+.0-9]/.test(c)) return false;
  const plainNum = s.replace(/_/g, "");
  if (/^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[0-9]+)$/.test(plainNum) && !/^[-+]?0[0-7]*[89]/.test(plainNum)) return true;
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(s)) return true;
  if (/^\d{4}-\d{1,2}-\d{1,2}(([Tt]|[ \t]+)\d{1,2}:\d{1,2}:\d{1,2}(\.\d*)?([ \t]*(Z|[-+]\d{1,2}(:\d{2})?))?)?$/.test(s)) return true;
  return false;
}

const BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const OLD_BOOL = YAML11_BOOL;

interface Analysis {
  multiline: boolean;
  blockPlain: boolean;
  flowPlain: boolean;
  single: boolean;
  block: boolean;
}

function isPrintable(c: number): boolean {
  return (
    c === 0x0a ||
    (c >= 0x20 && c <= 0x7e) ||
    c === 0x85 ||
    (c >= 0xa0 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff)
  ); // go-yaml's check stops at three-byte UTF-8: emoji and other astral characters are escaped
}

const isBreak = (c: number | undefined): boolean => c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
const isSpace = (c: number | undefined): boolean => c === 0x20;
const isBlankz = (c: number | undefined): boolean => c === undefined || c === 0x20 || c === 0x09 || isBreak(c) || c === 0;

function analyze(s: string, v3: boolean): Analysis {
  if (s.length === 0) return { multiline: false, flowPlain: false, blockPlain: true, single: true, block: false };
  const cps = [...s].map((ch) => ch.codePointAt(0)!);
  let blockInd = false;
  let flowInd = false;
  if (s.startsWith("---") || s.startsWith("...")) blockInd = flowInd = true;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let prevSpace = false;
  let prevBreak = false;
  let lineBreaks = false;
  let special = false;
  let tab = false;
  let precededByWs = true;
  let followedByWs = isBlankz(cps[1]);
  for (let i = 0; i < cps.length; i += 1) {
    const c = cps[i]!;
    const ch = String.fromCodePoint(c);
    if (i === 0) {
      if ("#,[]{}&*!|>'\"%@`".includes(ch)) flowInd = blockInd = true;
      if (ch === "?" || ch === ":") {
        flowInd = true;
        if (followedByWs) blockInd = true;
      }
      if (ch === "-" && followedByWs) flowInd = blockInd = true;
    } else {
      if (",?[]{}".includes(ch)) flowInd = true;
      if (ch === ":") {
        flowInd = true;
        if (followedByWs) blockInd = true;
      }
      if (ch === "#" && precededByWs) flowInd = blockInd = true;
    }
    if (v3 && c === 0x09) tab = true; // go-yaml v3 keeps tabs in block scalars only
    else if (!isPrintable(c)) special = true;
    if (isBreak(c)) lineBreaks = true;
    if (isSpace(c)) {
      if (i === 0) leadingSpace = true;
      if (i === cps.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreak(c)) {
      if (i === 0) leadingBreak = true;
      if (i === cps.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = prevBreak = false;
    }
    precededByWs = isBlankz(c);
    followedByWs = isBlankz(cps[i + 2]);
  }
  const a: Analysis = { multiline: lineBreaks, flowPlain: true, blockPlain: true, single: true, block: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.flowPlain = a.blockPlain = false;
  if (trailingSpace) a.block = false;
  if (breakSpace) a.flowPlain = a.blockPlain = a.single = false;
  if (spaceBreak || special) a.flowPlain = a.blockPlain = a.single = a.block = false;
  if (lineBreaks) a.flowPlain = a.blockPlain = false;
  if (flowInd) a.flowPlain = false;
  if (blockInd) a.blockPlain = false;
  if (tab) a.flowPlain = a.blockPlain = a.single = false;
  return a;
}

type Style = "plain" | "single" | "double" | "literal";

function chooseStyle(s: string, v3: boolean, simpleKey: boolean): Style {
  let style: Style;
  if (s.includes("\n")) style = "literal";
  else if (!resolvesToNonString(s, v3) && !BASE60.test(s) && !(v3 && OLD_BOOL.has(s))) style = "plain";
  else style = "double";
  const a = analyze(s, v3);
  if (style === "plain") {
    if (!a.blockPlain) style = "single";
    if (s.length === 0 && simpleKey) style = "single";
  }
  if (style === "single" && !a.single) style = "double";
  if (style === "literal" && (!a.block || simpleKey)) style = "double";
  return style;
}

// ---- the writer -------------------------------------------------------------------------------

const BEST_WIDTH = 80;

class Writer {
  readonly out = new TextWithOrigins();
  column = 0;

  write(text: string, origin?: SourceRange): void {
    this.out.append(text, origin);
    const nl = text.lastIndexOf("\n");
    this.column = nl < 0 ? this.column + [...text].length : [...text.slice(nl + 1)].length;
  }

  newline(indent: number): void {
    this.write(`\n${" ".repeat(indent)}`);
  }
}

interface Options {
  v3: boolean;
  /** Fold long scalars at spaces past column 80 (go-yaml v2). */
  wrap: boolean;
  /** Indent of nested blocks (2). */
  indent: number;
}

function doubleEscape(c: number): string | undefined {
  switch (c) {
    case 0x00:
      return "\\0";
    case 0x07:
      return "\\a";
    case 0x08:
      return "\\b";
    case 0x09:
      return "\\t";
    case 0x0a:
      return "\\n";
    case 0x0b:
      return "\\v";
    case 0x0c:
      return "\\f";
    case 0x0d:
      return "\\r";
    case 0x1b:
      return "\\e";
    case 0x22:
      return '\\"';
    case 0x5c:
      return "\\\\";
    case 0x85:
      return "\\N";
    case 0x2028:
      return "\\L";
    case 0x2029:
      return "\\P";
    default:
      break;
  }
  if (!isPrintable(c) || c === 0xfeff) {
    if (c <= 0xff) return `\\x${c.toString(16).toUpperCase().padStart(2, "0")}`;
    if (c <= 0xffff) return `\\u${c.toString(16).toUpperCase().padStart(4, "0")}`;
    return `\\U${c.toString(16).toUpperCase().padStart(8, "0")}`;
  }
  return undefined;
}

/** Writes a string scalar at the current position; `indent` is where folded lines continue. */
function writeString(w: Writer, s: string, segs: readonly Segment[], origin: SourceRange | undefined, indent: number, simpleKey: boolean, o: Options): void {
  const style = chooseStyle(s, o.v3, simpleKey);
  const allowBreaks = o.wrap && !simpleKey;
  const whole = origin ?? segs[0]?.origin;
  if (style === "plain") {
    const chars = [...s];
    let spaces = false;
    let pending = "";
    let offset = 0;
    let pendingStart = 0;
    const flush = (): void => {
      if (pending === "") return;
      if (segs.length > 0) {
        w.out.appendTracked({ text: pending, segments: shiftSegs(segs, pendingStart, pendingStart + pending.length, 0) });
        w.column += [...pending].length;
      } else w.write(pending, whole);
      pending = "";
    };
    for (let i = 0; i < chars.length; i += 1) {
      const ch = chars[i]!;
      if (ch === " ") {
        if (allowBreaks && !spaces && w.column + [...pending].length > BEST_WIDTH && chars[i + 1] !== " ") {
          flush();
          w.newline(indent);
          offset += 1;
          pendingStart = offset;
          spaces = true;
          continue;
        }
        spaces = true;
      } else spaces = false;
      if (pending === "") pendingStart = offset;
      pending += ch;
      offset += ch.length;
    }
    flush();
    return;
  }
  if (style === "single") {
    const chars = [...s];
    let text = "'";
    let spaces = false;
    const start = w.out.size;
    for (let i = 0; i < chars.length; i += 1) {
      const ch = chars[i]!;
      if (ch === " ") {
        if (allowBreaks && !spaces && w.column + [...text].length > BEST_WIDTH && i > 0 && i < chars.length - 1 && chars[i + 1] !== " ") {
          w.write(text);
          text = "";
          w.newline(indent);
          spaces = true;
          continue;
        }
        spaces = true;
      } else spaces = false;
      text += ch === "'" ? "''" : ch;
    }
    w.write(`${text}'`);
    markWhole(w, start, whole);
    return;
  }
  if (style === "double") {
    const chars = [...s];
    let text = '"';
    let spaces = false;
    const start = w.out.size;
    for (let i = 0; i < chars.length; i += 1) {
      const ch = chars[i]!;
      const esc = doubleEscape(ch.codePointAt(0)!);
      if (esc !== undefined) {
        text += esc;
        spaces = false;
        continue;
      }
      if (ch === " ") {
        if (allowBreaks && !spaces && w.column + [...text].length > BEST_WIDTH && i !== 0 && i !== chars.length - 1) {
          w.write(text);
          text = "";
          w.newline(indent);
          if (chars[i + 1] === " ") text += "\\";
          spaces = true;
          continue;
        }
        spaces = true;
      } else spaces = false;
      text += ch;
    }
    w.write(`${text}"`);
    markWhole(w, start, whole);
    return;
  }
  // Literal block.
  const start = w.out.size;
  let header = "|";
  const first = s.codePointAt(0);
  if (isSpace(first) || isBreak(first)) header += String(o.indent);
  const last = s.charCodeAt(s.length - 1);
  if (!isBreak(last)) header += "-";
  else if (s.length === 1 || isBreak(s.charCodeAt(s.length - 2))) header += "+";
  w.write(header);
  const lines = s.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  // go-yaml v3 lets a leading line break end the header line; v2 writes it as an empty line.
  if (o.v3 && isBreak(first)) lines.shift();
  for (const line of lines) {
    w.write("\n");
    if (line !== "") w.write(" ".repeat(indent) + line);
  }
  markWhole(w, start, whole);
}

function shiftSegs(segs: readonly Segment[], from: number, to: number, at: number): Segment[] {
  const out: Segment[] = [];
  for (const s of segs) {
    const a = Math.max(s.start, from);
    const b = Math.min(s.end, to);
    if (a >= b) continue;
    out.push({ start: a - from + at, end: b - from + at, origin: s.origin, ...(s.verbatim && a === s.start ? { verbatim: true } : {}) });
  }
  return out;
}

/** Gives the text written since `start` one origin (quoted and block scalars). */
function markWhole(w: Writer, start: number, origin: SourceRange | undefined): void {
  if (!origin) return;
  const end = w.out.size;
  if (end > start) w.out.segments.push({ start, end, origin });
}

function writeScalar(w: Writer, n: YNode, origin: SourceRange | undefined, indent: number, o: Options): void {
  switch (n.k) {
    case "null":
      w.write("null", origin);
      return;
    case "bool":
      w.write(n.v ? "true" : "false", origin);
      return;
    case "num":
      w.write(n.text, origin);
      return;
    case "str":
      writeString(w, n.v, n.segs, origin, indent, false, o);
      return;
    default:
      break;
  }
}

function isEmptyCollection(n: YNode): boolean {
  return (n.k === "seq" && n.items.length === 0) || (n.k === "map" && n.entries.length === 0);
}

/** Writes a node at the current position (just after "key:" + " ", "- ", or at the start). */
function writeNode(w: Writer, n: YNode, origin: SourceRange | undefined, indent: number, o: Options, depth: number): void {
  if (depth > MAX_DEPTH) throw new YamlLimit("value nested too deeply");
  if (n.k === "map") {
    if (n.entries.length === 0) {
      w.write("{}", origin);
      return;
    }
    n.entries.forEach((e, i) => {
      if (i > 0) w.newline(indent);
      if (/[\n\r\u0085\u2028\u2029]/.test(e.key) || Buffer.byteLength(e.key) > 128) {
        // Not a simple key: go-yaml writes "? key", then ": value" on the next line with a
        // block collection starting on that line, as after "- ".
        w.write("? ");
        writeString(w, e.key, [], e.origin, indent + o.indent, false, o);
        w.newline(indent);
        w.write(": ");
        if (e.value.k === "map" || e.value.k === "seq") writeNode(w, e.value, e.origin, indent + o.indent, o, depth + 1);
        else writeScalar(w, e.value, e.origin, indent + o.indent, o);
        return;
      }
      writeString(w, e.key, [], e.origin, indent, true, o);
      w.write(":");
      writeValueAfterKey(w, e.value, e.origin, indent, o, depth);
    });
    return;
  }
  if (n.k === "seq") {
    if (n.items.length === 0) {
      w.write("[]", origin);
      return;
    }
    n.items.forEach((item, i) => {
      if (i > 0) w.newline(indent);
      w.write("-");
      const itemOrigin = n.origins[i];
      if (item.k === "map" || item.k === "seq") {
        if (isEmptyCollection(item)) {
          w.write(" ");
          writeNode(w, item, itemOrigin, indent + o.indent, o, depth + 1);
        } else {
          w.write(" ");
          writeNode(w, item, itemOrigin, indent + o.indent, o, depth + 1);
        }
      } else {
        w.write(" ");
        writeScalar(w, item, itemOrigin, indent + o.indent, o);
      }
    });
    return;
  }
  writeScalar(w, n, origin, indent + o.indent, o);
}

function writeValueAfterKey(w: Writer, v: YNode, origin: SourceRange | undefined, indent: number, o: Options, depth: number): void {
  if (v.k === "map" && v.entries.length > 0) {
    w.newline(indent + o.indent);
    writeNode(w, v, undefined, indent + o.indent, o, depth + 1);
  } else if (v.k === "seq" && v.items.length > 0) {
    const seqIndent = o.v3 ? indent + o.indent : indent;
    w.newline(seqIndent);
    writeNode(w, v, undefined, seqIndent, o, depth + 1);
  } else {
    w.write(" ");
    if (v.k === "map" || v.k === "seq") writeNode(w, v, origin, indent, o, depth + 1);
    else writeScalar(w, v, origin, indent + o.indent, o);
  }
}

function emit(v: GoValue, o: Options): TracedString {
  const node = toNode(v, !o.v3, 0);
  const w = new Writer();
  if (node.k === "str") writeString(w, node.v, node.segs, undefined, node.v.includes("\n") ? o.indent : 0, false, o);
  else writeNode(w, node, undefined, 0, o, 0);
  const { text, segments } = w.out.toResult();
  segments.sort((a, b) => a.start - b.start || b.end - a.end);
  return new TracedString(text, dropOverlaps(segments));
}

/** Keeps segments sorted and non-overlapping (an inner segment wins over the whole-scalar one). */
function dropOverlaps(segs: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segs) {
    const prev = out[out.length - 1];
    if (prev && s.start < prev.end) {
      // prev covers s (whole scalar then its pieces): keep the pieces, trim prev.
      if (prev.start < s.start) out[out.length - 1] = { ...prev, end: s.start };
      else out.pop();
      out.push(s);
      continue;
    }
    out.push(s);
  }
  return out;
}

/** Helm's toYaml: "" when Go's JSON encoding fails (NaN, infinities). */
export function toYaml(v: GoValue): TracedString {
  if (jsonMarshalError(v) !== undefined) return new TracedString("");
  try {
    return emit(v, { v3: false, wrap: true, indent: 2 });
  } catch (e) {
    if (e instanceof YamlLimit) return new TracedString("");
    throw e;
  }
}

/** Helm's toYamlPretty (go-yaml v3, indent 2). */
export function toYamlPretty(v: GoValue): TracedString {
  try {
    return emit(v, { v3: true, wrap: false, indent: 2 });
  } catch (e) {
    if (e instanceof YamlLimit) return new TracedString("");
    throw e;
  }
}

// ---- reading ----------------------------------------------------------------------------------

const PARSE: ParseOptions & DocumentOptions & SchemaOptions = {
  version: "1.1",
  schema: "yaml-1.1",
  merge: true,
  uniqueKeys: false,
  // go-yaml v2 reads timestamps into interface{} as strings, and has no sexagesimal (1:20) numbers.
  customTags: (tags) =>
    tags.filter(
      (t) => typeof t === "object" && t.tag !== "tag:yaml.org,2002:timestamp" && t.tag !== "tag:yaml.org,2002:binary" && (t as { format?: string }).format !== "TIME",
    ),
};

export class YamlError extends Error {}

/** Go value of what sigs.k8s.io/yaml.Unmarshal gives: numbers float64, keys strings. */
function fromJs(v: unknown, depth: number): GoValue {
  if (depth > MAX_DEPTH) throw new YamlError(`error converting YAML to JSON: value nested deeper than ${MAX_DEPTH} levels`);
  if (v === null || v === undefined) return null;
  if (typeof v === "boolean" || typeof v === "string") return v;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new YamlError(`error converting YAML to JSON: json: unsupported value: ${Number.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf"}`);
    return v;
  }
  if (typeof v === "bigint") return Number(v);
  if (Array.isArray(v)) return v.map((x) => fromJs(x, depth + 1));
  if (v instanceof Map) {
    const m = new Map<string, GoValue>();
    for (const [k, x] of v) m.set(keyString(k), fromJs(x, depth + 1));
    return m;
  }
  if (v instanceof Set) return [...v].map((x) => fromJs(x, depth + 1));
  if (typeof v === "object") {
    const m = new Map<string, GoValue>();
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) m.set(k, fromJs(x, depth + 1));
    return m;
  }
  return String(v);
}

function keyString(k: unknown): string {
  if (k === null || k === undefined) return "<nil>";
  if (typeof k === "number") return formatFloatG(k);
  if (typeof k === "object") return JSON.stringify(k);
  return String(k);
}

/** Parses one YAML document as sigs.k8s.io/yaml does; throws YamlError worded as Helm shows it. */
export function parseYaml(text: string): GoValue {
  const docs = parseAllDocuments(text, { ...PARSE, prettyErrors: true });
  const list = Array.isArray(docs) ? docs : [docs];
  const doc = list[0] as Document.Parsed | undefined;
  if (!doc) return null;
  const err = doc.errors[0];
  if (err) {
    const line = err.linePos?.[0]?.line;
    const msg = err.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    throw new YamlError(`error converting YAML to JSON: yaml: ${line !== undefined ? `line ${line}: ` : ""}${msg}`);
  }
  let js: unknown;
  try {
    js = doc.toJS({ mapAsMap: true, maxAliasCount: 10_000 });
  } catch (e) {
    throw new YamlError(`error converting YAML to JSON: yaml: ${(e as Error).message}`);
  }
  return fromJs(js, 0);
}

export function goTypeOfJson(v: GoValue): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (v instanceof Map) return "object";
  if (typeof v === "string") return "string";
  if (typeof v === "number") return "number";
  if (typeof v === "boolean") return "bool";
  return "value";
}
