/**
 * Writes resources as `kustomize build` prints them, recording provenance segments.
 *
 * Kustomize turns each resource into JSON and back into YAML (sigs.k8s.io/yaml over go-yaml v2), so
 * what it prints follows go-yaml v2's emitter: map keys sorted, two-space indentation, sequences
 * inside maps not indented, strings plain when they read back as strings, double-quoted when they
 * would read as something else (YAML 1.1: `"yes"`, `"on"`, `"1.10"`), single-quoted when plain is
 * impossible (`'*x'`, `'a: b'`), literal blocks for multi-line text, long plain lines folded past 80
 * columns, numbers as Go formats them. The rules below were written from observed `kubectl
 * kustomize` (v5.5.0) output. One segment per map key (its keyOrigin) and per scalar (its origin).
 */
import { Document, LineCounter, Pair, Scalar, YAMLMap, YAMLSeq, type Node as YamlNode } from "yaml";
import { lineCounterOf } from "../../engine/yaml/block-scanner.js";
import { coreSchema as schema, corePlainScalar, ENGINE_PARSE_OPTIONS, UnresolvedScalar } from "../../engine/yaml/core-scalars.js";
import { TextWithOrigins, type SourceRange } from "../provenance.js";
import type { MapNode, Node, ScalarNode, SeqNode } from "./resource.js";

const BEST_WIDTH = 80;

/** The parse options of the engine's YAML reader (src/engine/yaml/documents.ts), for the AST built here. */
const PARSE_OPTIONS = ENGINE_PARSE_OPTIONS;

/** What yaml's parser makes of a plain scalar (src/engine/yaml/core-scalars.ts); AstUnavailable when it would report an error. */
function plainScalar(text: string, atKey: boolean): Scalar {
  try {
    return corePlainScalar(text, atKey);
  } catch (error) {
    if (error instanceof UnresolvedScalar) throw new AstUnavailable();
    throw error;
  }
}

/** The emitter met a shape whose parsed AST it does not reproduce: the engine parses the text. */
class AstUnavailable extends Error {}

/** yaml's AST of the rendered text, as parseAllDocuments would give it (see RenderResult.documents). */
export interface EmittedDocuments {
  docs: Document.Parsed[];
  lineCounter: LineCounter;
}

export class Emitter {
  readonly out = new TextWithOrigins();
  private column = 0;
  private docs: Document.Parsed[] | undefined = [];
  private docStart = 0;

  constructor(private readonly maxChars = Number.POSITIVE_INFINITY) {}

  /**
   * The documents written so far as yaml's parser reads them back (node ranges are offsets in the
   * text), or undefined when a document used a form the builder does not reproduce.
   */
  documents(): EmittedDocuments | undefined {
    if (!this.docs) return undefined;
    return { docs: this.docs, lineCounter: lineCounterOf(this.out.text) };
  }

  private scalarNode(text: string, v: ScalarNode, start: number): Scalar {
    const value = v.value;
    let scalar: Scalar;
    if (typeof value !== "string") scalar = plainScalar(text, false);
    else scalar = stringScalar(text, value, false);
    scalar.source = typeof value === "string" ? value : text;
    const end = start + text.length;
    scalar.range = scalar.type === Scalar.BLOCK_LITERAL ? [start, end + 1, end + 1] : [start, end, end + 1];
    return scalar;
  }

  get size(): number {
    return this.out.size;
  }

  private write(text: string, origin?: SourceRange): void {
    this.out.append(text, origin);
    const nl = text.lastIndexOf("\n");
    this.column = nl < 0 ? this.column + text.length : text.length - nl - 1;
    if (this.out.size > this.maxChars) throw new OutputTooLarge();
  }

  /** One resource (a top-level map), without the `---` separator. */
  document(node: MapNode): void {
    const docStart = this.docs && this.docs.length > 0 ? this.docStart : this.size;
    let contents: YAMLMap;
    if (node.entries.length === 0) {
      const at = this.size;
      this.write("{}\n");
      contents = new YAMLMap();
      contents.flow = true;
      contents.range = [at, at + 2, at + 3];
    } else contents = this.map(node, 0, false);
    if (this.docs) {
      const doc = new Document(undefined, { ...PARSE_OPTIONS, schema: schema() }) as unknown as Document.Parsed;
      doc.contents = contents as unknown as Document.Parsed["contents"];
      const end = contents.range![2];
      doc.range = [docStart, end, end];
      this.docs.push(doc);
    }
  }

  separator(): void {
    this.docStart = this.size;
    this.write("---\n");
  }

  private map(node: MapNode, indent: number, inline: boolean): YAMLMap {
    const entries = [...node.entries].sort((a, b) => compareKeys(a.key, b.key));
    const map = new YAMLMap<YamlNode, YamlNode>();
    let first = true;
    let start = 0;
    for (const e of entries) {
      if (!(first && inline)) this.write(" ".repeat(indent));
      if (first) start = this.size;
      first = false;
      const keyStart = this.size;
      let keyText: string;
      if (Buffer.byteLength(e.key, "utf8") > 128) {
        // go-yaml writes keys longer than 128 bytes as explicit "? key" / ": value" pairs.
        this.docs = undefined;
        this.write("? ");
        this.write((keyText = renderString(e.key, false, indent + 2, this.column).text), e.keyOrigin);
        this.write(`\n${" ".repeat(indent)}:`);
      } else {
        this.write((keyText = renderString(e.key, true, 0, 0).text), e.keyOrigin);
        this.write(":");
      }
      const value = this.value(e.value, indent, true);
      if (this.docs) {
        const key = stringScalar(keyText, e.key, true);
        key.source = e.key;
        key.range = [keyStart, keyStart + keyText.length, keyStart + keyText.length];
        map.items.push(new Pair<YamlNode, YamlNode>(key, value));
      }
    }
    map.range = [start, this.size, this.size];
    return map;
  }

  private seq(node: SeqNode, indent: number, inline: boolean): YAMLSeq {
    const seq = new YAMLSeq<YamlNode>();
    let first = true;
    let start = 0;
    for (const item of node.items) {
      if (!(first && inline)) this.write(" ".repeat(indent));
      if (first) start = this.size;
      first = false;
      this.write("-");
      const value = this.value(item, indent, false);
      if (this.docs) seq.items.push(value);
    }
    seq.range = [start, this.size, this.size];
    return seq;
  }

  /** The value after `key:` (inMap) or `-`; writes the line end. */
  private value(v: Node, indent: number, inMap: boolean): YamlNode {
    if (v.type === "map") {
      if (v.entries.length === 0) {
        const at = this.size + 1;
        this.write(" {}\n", undefined);
        const map = new YAMLMap();
        map.flow = true;
        map.range = [at, at + 2, at + 3];
        return map;
      }
      if (inMap) {
        this.write("\n");
        return this.map(v, indent + 2, false);
      }
      this.write(" ");
      return this.map(v, indent + 2, true);
    }
    if (v.type === "seq") {
      if (v.items.length === 0) {
        const at = this.size + 1;
        this.write(" []\n");
        const seq = new YAMLSeq();
        seq.flow = true;
        seq.range = [at, at + 2, at + 3];
        return seq;
      }
      if (inMap) {
        this.write("\n");
        return this.seq(v, indent, false);
      }
      this.write(" ");
      return this.seq(v, indent + 2, true);
    }
    this.write(" ");
    const start = this.size;
    const text = scalarText(v, indent + 2, this.column);
    this.write(text, v.origin);
    this.write("\n");
    if (!this.docs) return undefined as unknown as YamlNode;
    try {
      return this.scalarNode(text, v, start);
    } catch (e) {
      if (!(e instanceof AstUnavailable)) throw e;
      this.docs = undefined;
      return undefined as unknown as YamlNode;
    }
  }
}

/** The scalar yaml reads back from a string written as `text` (see renderString for the style). */
function stringScalar(text: string, value: string, atKey: boolean): Scalar {
  const c = text[0];
  if (c === '"' || c === "'") {
    const scalar = new Scalar(value);
    scalar.type = c === '"' ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE;
    return scalar;
  }
  if (c === "|") {
    // A kept final line break ("|+") makes the parsed range run over the blank lines: not reproduced.
    if (text.slice(0, text.indexOf("\n")).includes("+")) throw new AstUnavailable();
    const scalar = new Scalar(value);
    scalar.type = Scalar.BLOCK_LITERAL;
    return scalar;
  }
  return plainScalar(value, atKey);
}

export class OutputTooLarge extends Error {
  constructor() {
    super("rendered output too large");
  }
}

/**
 * The order go-yaml v2 writes map keys in (a "natural" order, observed): characters compared one
 * by one; two letters by code point; a non-letter before a letter; runs of digits compared as
 * numbers ("k9" before "k10"), the shorter run first when equal. This order is not transitive for
 * some keys mixing leading zeros and letters ("x000a", "x9y", "x0009"); for those, Go's sort
 * (over a map in random order) decides and the output is not reproduced.
 */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  return keyLess(a, b) ? -1 : keyLess(b, a) ? 1 : 0;
}

const LETTER = /\p{L}/u;
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";

function keyLess(a: string, b: string): boolean {
  const ar = Array.from(a);
  const br = Array.from(b);
  for (let i = 0; i < ar.length && i < br.length; i += 1) {
    const x = ar[i]!;
    const y = br[i]!;
    if (x === y) continue;
    const xl = LETTER.test(x);
    const yl = LETTER.test(y);
    if (xl && yl) return x.codePointAt(0)! < y.codePointAt(0)!;
    if (xl || yl) return yl;
    let an = 0;
    let bn = 0;
    if (x === "0" || y === "0") {
      // Inside a number whose earlier digits are not all zeros, a zero digit counts as a digit.
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j -= 1) {
        if (ar[j] !== "0") {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai += 1) an = an * 10 + (ar[ai]!.charCodeAt(0) - 48);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi += 1) bn = bn * 10 + (br[bi]!.charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return x.codePointAt(0)! < y.codePointAt(0)!;
  }
  return ar.length < br.length;
}

function scalarText(v: ScalarNode, indent: number, column: number): string {
  const value = v.value;
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return formatNumber(value, v.source);
  return renderString(value, false, indent, column).text;
}

/** A number as Kustomize prints it after its JSON round trip. */
export function formatNumber(value: number, source?: string): string {
  if (source !== undefined && /^-?\d+$/.test(source)) {
    const big = BigInt(source);
    if (big >= -(2n ** 63n) && big < 2n ** 64n) return big.toString();
  }
  if (Number.isInteger(value) && Math.abs(value) < 1e21) {
    const big = BigInt(value);
    if (big >= -(2n ** 63n) && big < 2n ** 64n) return big.toString();
  }
  return goFloat(value);
}

/** Go's strconv.FormatFloat(f, 'g', -1, 64). */
export function goFloat(f: number): string {
  if (Number.isNaN(f)) return ".nan";
  if (!Number.isFinite(f)) return f > 0 ? "+Inf" : "-Inf";
  if (f === 0) return Object.is(f, -0) ? "-0" : "0";
  const [mant, expText] = f.toExponential().split("e") as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    // Go's shortest 'g' format switches to the exponent form from 1e6 on (and below 1e-4).
    const abs = Math.abs(exp);
    return `${mant}e${exp < 0 ? "-" : "+"}${abs < 10 ? `0${abs}` : abs}`;
  }
  const digits = mant.replace("-", "").replace(".", "");
  const neg = f < 0 ? "-" : "";
  // Plain decimal notation.
  if (exp < 0) return `${neg}0.${"0".repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${neg}${digits}${"0".repeat(exp + 1 - digits.length)}`;
  return `${neg}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

// ---------------------------------------------------------------------------------------------
// Strings: go-yaml v2's choice of style and its writers.

const BOOL_NULL_11 = new Set([
  "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
  "true", "True", "TRUE", "false", "False", "FALSE", "~", "null", "Null", "NULL", "",
  ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
]);
const V2_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const V2_BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const V2_TIMESTAMP = /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{2}:\d{2}(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::?\d{2})?))?)?$/;

/** Whether go-yaml v2 would read this plain text back as something other than a string. */
function resolvesNonString(s: string): boolean {
  if (BOOL_NULL_11.has(s)) return true;
  const c = s[0]!;
  if (!/[-+.0-9]/.test(c)) return false;
  const plain = s.replace(/_/g, "");
  if (/^[-+]?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.test(plain)) return true;
  if (/^[-+]?0[bB][01]+$/.test(plain)) return true;
  if (V2_FLOAT.test(plain)) return true;
  if (V2_TIMESTAMP.test(s)) return true;
  return false;
}

/** go-yaml v2's notion of printable: no NEL, nothing beyond the BMP (emoji are escaped). */
function isPrintable(cp: number): boolean {
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
}
const isBreak = (ch: string | undefined): boolean => ch === "\n" || ch === "\r" || ch === "\u0085" || ch === "\u2028" || ch === "\u2029";
const isBlankz = (ch: string | undefined): boolean => ch === undefined || ch === " " || ch === "\t" || isBreak(ch);

interface Analysis {
  blockPlain: boolean;
  singleQuoted: boolean;
  block: boolean;
  multiline: boolean;
}

function analyze(s: string): Analysis {
  let blockInd = false;
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
  if (s.startsWith("---") || s.startsWith("...")) {
    blockInd = true;
  }
  const chars = Array.from(s);
  let precededByWs = true;
  for (let i = 0; i < chars.length; i += 1) {
    const ch = chars[i]!;
    const followedByWs = isBlankz(chars[i + 1]);
    if (i === 0) {
      if ("#,[]{}&*!|>'\"%@`".includes(ch)) {
        blockInd = true;
      } else if (ch === "?" || ch === ":") {
        // (also a flow indicator; flow style is never used here)
        if (followedByWs) blockInd = true;
      } else if (ch === "-" && followedByWs) {
        blockInd = true;
      }
    } else if (ch === ":") {
      if (followedByWs) blockInd = true;
    } else if (ch === "#" && precededByWs) {
      blockInd = true;
    }
    const cp = ch.codePointAt(0)!;
    if (!isPrintable(cp) || cp === 0xfeff) special = true;
    if (ch === " ") {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreak(ch)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevBreak = true;
      prevSpace = false;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWs = isBlankz(ch);
  }
  let blockPlain = true;
  let singleQuoted = true;
  let block = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlain = false;
  if (trailingSpace) block = false;
  if (breakSpace) {
    blockPlain = false;
    singleQuoted = false;
  }
  if (spaceBreak || special) {
    blockPlain = false;
    singleQuoted = false;
    block = false;
  }
  if (lineBreaks) blockPlain = false;
  if (blockInd) blockPlain = false;
  return { blockPlain, singleQuoted, block, multiline: lineBreaks };
}

/**
 * A string as go-yaml v2 writes it. `indent` is the indentation of continuation lines (block
 * scalars, folded long lines); `column` where the scalar starts on its line. Keys never fold.
 */
export function renderString(s: string, isKey: boolean, indent: number, column: number): { text: string } {
  let style: "plain" | "single" | "double" | "literal";
  if (s.includes("\n")) style = "literal";
  else if (!resolvesNonString(s) && !V2_BASE60.test(s)) style = "plain";
  else style = "double";
  const a = analyze(s);
  if (style === "plain") {
    if (!a.blockPlain) style = "single";
    if (s.length === 0 && isKey) style = "single";
  }
  if (style === "single" && !a.singleQuoted) style = "double";
  if (style === "literal" && (!a.block || isKey)) style = "double";
  const allowBreaks = !isKey;
  switch (style) {
    case "plain":
      return { text: writePlain(s, allowBreaks, indent, column) };
    case "single":
      return { text: writeSingle(s, allowBreaks, indent, column) };
    case "double":
      return { text: writeDouble(s, allowBreaks, indent, column) };
    default:
      return { text: writeLiteral(s, indent) };
  }
}

function writePlain(s: string, allowBreaks: boolean, indent: number, column: number): string {
  let out = "";
  let col = column;
  let spaces = false;
  const chars = Array.from(s);
  for (let i = 0; i < chars.length; i += 1) {
    const ch = chars[i]!;
    if (ch === " ") {
      if (allowBreaks && !spaces && col > BEST_WIDTH && chars[i + 1] !== " ") {
        out += `\n${" ".repeat(indent)}`;
        col = indent;
      } else {
        out += ch;
        col += 1;
      }
      spaces = true;
    } else {
      out += ch;
      col += 1;
      spaces = false;
    }
  }
  return out;
}

function writeSingle(s: string, allowBreaks: boolean, indent: number, column: number): string {
  let out = "'";
  let col = column + 1;
  let spaces = false;
  const chars = Array.from(s);
  for (let i = 0; i < chars.length; i += 1) {
    const ch = chars[i]!;
    if (ch === " ") {
      if (allowBreaks && !spaces && col > BEST_WIDTH && i !== 0 && i !== chars.length - 1 && chars[i + 1] !== " ") {
        out += `\n${" ".repeat(indent)}`;
        col = indent;
      } else {
        out += ch;
        col += 1;
      }
      spaces = true;
    } else {
      if (ch === "'") {
        out += "'";
        col += 1;
      }
      out += ch;
      col += 1;
      spaces = false;
    }
  }
  return `${out}'`;
}

const ESCAPES: Record<string, string> = {
  "\0": "\\0",
  "\x07": "\\a",
  "\b": "\\b",
  "\t": "\\t",
  "\n": "\\n",
  "\x0b": "\\v",
  "\f": "\\f",
  "\r": "\\r",
  "\x1b": "\\e",
  '"': '\\"',
  "\\": "\\\\",
  "\u0085": "\\N",
  "\u00a0": "\\_",
  "\u2028": "\\L",
  "\u2029": "\\P",
};

function writeDouble(s: string, allowBreaks: boolean, indent: number, column: number): string {
  let out = '"';
  let col = column + 1;
  let spaces = false;
  const chars = Array.from(s);
  for (let i = 0; i < chars.length; i += 1) {
    const ch = chars[i]!;
    const cp = ch.codePointAt(0)!;
    if (!isPrintable(cp) || cp === 0xfeff || isBreak(ch) || ch === '"' || ch === "\\") {
      let esc = ESCAPES[ch];
      if (esc === undefined) {
        if (cp <= 0xff) esc = `\\x${cp.toString(16).toUpperCase().padStart(2, "0")}`;
        else if (cp <= 0xffff) esc = `\\u${cp.toString(16).toUpperCase().padStart(4, "0")}`;
        else esc = `\\U${cp.toString(16).toUpperCase().padStart(8, "0")}`;
      }
      out += esc;
      col += esc.length;
      spaces = false;
    } else if (ch === " ") {
      if (allowBreaks && !spaces && col > BEST_WIDTH && i !== 0 && i !== chars.length - 1) {
        out += `\n${" ".repeat(indent)}`;
        col = indent;
        if (chars[i + 1] === " ") {
          out += "\\";
          col += 1;
        }
      } else {
        out += ch;
        col += 1;
      }
      spaces = true;
    } else {
      out += ch;
      col += 1;
      spaces = false;
    }
  }
  return `${out}"`;
}

function writeLiteral(s: string, indent: number): string {
  let hints = "";
  if (s[0] === " " || isBreak(s[0])) hints += "2";
  if (s.length === 0 || !isBreak(s[s.length - 1])) hints += "-";
  else if (s.length === 1) hints += "+";
  else if (isBreak(s[s.length - 2])) hints += "+";
  let out = `|${hints}\n`;
  const pad = " ".repeat(indent);
  let breaks = true;
  for (const ch of s) {
    if (isBreak(ch)) {
      out += "\n";
      breaks = true;
    } else {
      if (breaks) {
        out += pad;
        breaks = false;
      }
      out += ch;
    }
  }
  // The line break after the scalar is written by the caller: drop the last one written here.
  return out.endsWith("\n") ? out.slice(0, -1) : out;
}
