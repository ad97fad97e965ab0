/**
 * Go's fmt for the template built-ins print, printf and println (written from the fmt package
 * documentation and observed behaviour): verbs %v %+v %#v %s %q %d %b %o %O %x %X %c %U %e %E
 * %f %F %g %G %t %T %%, width and precision (also `*`), flags `+ - # 0 space`, and Go's error
 * notes for bad verbs (`%!d(string=x)`), missing (`%!s(MISSING)`) and extra arguments
 * (`%!(EXTRA int=1)`).
 */
import {
  formatFloat,
  GO_TYPE,
  goTypeName,
  sortedKeys,
  structFields,
  TracedString,
  type GoFields,
  type GoValue,
} from "./values.js";

interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  wid?: number;
  prec?: number;
  /** %+v / %#v: set on the value, passed down to elements. */
  plusV: boolean;
  sharpV: boolean;
}

const NO_FLAGS: Flags = { plus: false, minus: false, sharp: false, space: false, zero: false, plusV: false, sharpV: false };

const utf8 = new TextEncoder();

function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) i += 1;
    n += 1;
  }
  return n;
}

function pad(s: string, f: Flags, zeroAllowed = true): string {
  if (f.wid === undefined) return s;
  const n = f.wid - runeCount(s);
  if (n <= 0) return s;
  if (f.minus) return s + " ".repeat(n);
  return (f.zero && zeroAllowed ? "0" : " ").repeat(n) + s;
}

function strOf(v: GoValue): string | undefined {
  if (typeof v === "string") return v;
  if (v instanceof TracedString) return v.text;
  return undefined;
}

function isPrintable(ch: string): boolean {
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch);
}

/** strconv.Quote (ascii: QuoteToASCII). */
export function quoteGo(s: string, ascii = false): string {
  let out = '"';
  for (const ch of s) out += quoteRuneBody(ch, '"', ascii);
  return out + '"';
}

function quoteRuneBody(ch: string, quote: string, ascii: boolean): string {
  const c = ch.codePointAt(0)!;
  if (ch === quote || ch === "\\") return `\\${ch}`;
  if (ascii ? c < 0x7f && c >= 0x20 : isPrintable(ch)) return ch;
  switch (ch) {
    case "\x07":
      return "\\a";
    case "\b":
      return "\\b";
    case "\f":
      return "\\f";
    case "\n":
      return "\\n";
    case "\r":
      return "\\r";
    case "\t":
      return "\\t";
    case "\v":
      return "\\v";
    default:
      break;
  }
  if (c === 0xfffd) return "\\ufffd";
  if (c < 0x20 || c === 0x7f) return `\\x${c.toString(16).padStart(2, "0")}`;
  if (c < 0x10000) return `\\u${c.toString(16).padStart(4, "0")}`;
  return `\\U${c.toString(16).padStart(8, "0")}`;
}

function quoteRune(c: number, ascii: boolean): string {
  const ch = c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff) || c < 0 ? "\ufffd" : String.fromCodePoint(c);
  return `'${quoteRuneBody(ch, "'", ascii)}'`;
}

function canBackquote(s: string): boolean {
  for (const ch of s) {
    if (ch === "`" || ch === "\ufeff") return false;
    const c = ch.codePointAt(0)!;
    if ((c < 0x20 && ch !== "\t") || c === 0x7f) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// integers

function fmtInteger(v: bigint, base: number, verb: string, f: Flags): string {
  const neg = v < 0n;
  const abs = neg ? -v : v;
  let digits = abs.toString(base);
  if (verb === "X") digits = digits.toUpperCase();
  let prec = f.prec;
  if (prec === undefined && f.zero && f.wid !== undefined && !f.minus) {
    prec = f.wid;
    if (neg || f.plus || f.space) prec -= 1;
  }
  if (f.prec === 0 && v === 0n) digits = "";
  if (prec !== undefined && digits.length < prec) digits = "0".repeat(prec - digits.length) + digits;
  let prefix = "";
  if (f.sharp) {
    if (base === 8 && !digits.startsWith("0")) prefix = "0";
    else if (base === 16) prefix = verb === "X" ? "0X" : "0x";
    else if (base === 2) prefix = "0b";
  }
  if (verb === "O") prefix = "0o";
  const sign = neg ? "-" : f.plus ? "+" : f.space ? " " : "";
  return pad(sign + prefix + digits, f, false);
}

// ---------------------------------------------------------------------------------------------
// floats

function fmtFloatVerb(v: number, verb: string, prec: number, f: Flags): string {
  const fv = verb === "F" ? "f" : verb;
  let num = formatFloat(v, fv as "e" | "E" | "f" | "g" | "G", f.prec ?? prec);
  if (f.sharp && (fv === "g" || fv === "G") && Number.isFinite(v)) num = sharpG(num, f.prec ?? -1);
  if (!num.startsWith("-") && !num.startsWith("+")) num = `+${num}`;
  if (f.space && num[0] === "+" && !f.plus) num = ` ${num.slice(1)}`;
  if (num[1] === "I" || num[1] === "N") {
    if (num[1] === "N" && !f.space && !f.plus) num = num.slice(1);
    return pad(num, f, false);
  }
  if (f.plus || num[0] !== "+") {
    if (f.zero && !f.minus && f.wid !== undefined && f.wid > num.length) {
      return num[0] + "0".repeat(f.wid - num.length) + num.slice(1);
    }
    return pad(num, f);
  }
  return pad(num.slice(1), f);
}

/** %#g: keep a decimal point and trailing zeros up to the precision (6 by default). */
function sharpG(num: string, prec: number): string {
  const digitsWanted = prec < 0 ? 6 : prec === 0 ? 1 : prec;
  const m = /^([+-]?)([0-9.]+)([eE].*)?$/.exec(num);
  if (!m) return num;
  let mant = m[2]!;
  const sig = mant.replace(".", "").replace(/^0+/, "").length || 1;
  if (!mant.includes(".")) mant += ".";
  if (sig < digitsWanted) mant += "0".repeat(digitsWanted - sig);
  return `${m[1]}${mant}${m[3] ?? ""}`;
}

/** %x / %X of a float64: hexadecimal mantissa and binary exponent (0x1.8p+00). */
function fmtHexFloat(v: number, verb: string, f: Flags): string {
  let body: string;
  if (!Number.isFinite(v)) body = Number.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf";
  else {
    const neg = v < 0 || Object.is(v, -0);
    let a = Math.abs(v);
    let exp = 0;
    if (a === 0) body = "0x0p+00";
    else {
      while (a >= 2) {
        a /= 2;
        exp += 1;
      }
      while (a < 1) {
        a *= 2;
        exp -= 1;
      }
      let frac = "";
      let x = a - 1;
      for (let i = 0; i < 13 && x > 0; i += 1) {
        x *= 16;
        const d = Math.floor(x);
        frac += d.toString(16);
        x -= d;
      }
      if (f.prec !== undefined) frac = frac.slice(0, f.prec).padEnd(f.prec, "0");
      const ae = Math.abs(exp);
      body = `0x1${frac ? `.${frac}` : ""}p${exp < 0 ? "-" : "+"}${ae < 10 ? "0" : ""}${ae}`;
    }
    body = (neg ? "-" : f.plus ? "+" : f.space ? " " : "") + body;
  }
  if (verb === "X") body = body.toUpperCase();
  return pad(body, f, false);
}

// ---------------------------------------------------------------------------------------------
// strings

function truncate(s: string, f: Flags): string {
  if (f.prec === undefined) return s;
  let n = 0;
  let i = 0;
  for (const ch of s) {
    if (n >= f.prec) break;
    n += 1;
    i += ch.length;
  }
  return s.slice(0, i);
}

function fmtHex(bytes: Uint8Array, verb: string, f: Flags): string {
  const upper = verb === "X";
  let n = bytes.length;
  if (f.prec !== undefined && f.prec < n) n = f.prec;
  const parts: string[] = [];
  for (let i = 0; i < n; i += 1) {
    let h = bytes[i]!.toString(16).padStart(2, "0");
    if (upper) h = h.toUpperCase();
    parts.push(h);
  }
  let out: string;
  const prefix = upper ? "0X" : "0x";
  if (f.space) out = parts.map((p) => (f.sharp ? prefix + p : p)).join(" ");
  else out = (f.sharp && n > 0 ? prefix : "") + parts.join("");
  return pad(out, f, false);
}

function fmtString(s: string, verb: string, f: Flags): string | undefined {
  switch (verb) {
    case "v":
      if (f.sharpV) return pad(quoteGo(s), f);
      return pad(truncate(s, f), f);
    case "s":
      return pad(truncate(s, f), f);
    case "q": {
      const t = truncate(s, f);
      if (f.sharp && canBackquote(t)) return pad(`\`${t}\``, f);
      return pad(quoteGo(t, f.plus), f);
    }
    case "x":
    case "X":
      return fmtHex(utf8.encode(s), verb, f);
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// values

function badVerb(verb: string, v: GoValue, f: Flags): string {
  if (v === null || v === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeName(v)}=${printArg(v, "v", { ...f, sharpV: false, plusV: false })})`;
}

function stringerOf(v: GoValue): string | undefined {
  if (typeof v !== "object" || v === null) return undefined;
  if (v instanceof Map || Array.isArray(v) || v instanceof Uint8Array || v instanceof TracedString) return undefined;
  const o = v as GoFields;
  for (const m of ["Error", "String"]) {
    const fn = o[m];
    if (typeof fn === "function") {
      const r = (fn as () => GoValue).call(o);
      const s = strOf(r);
      if (s !== undefined) return s;
    }
  }
  return undefined;
}

/** Formats one argument with a verb (Go's pp.printArg). */
export function printArg(v: GoValue, verb: string, f: Flags = NO_FLAGS, depth = 0): string {
  if (verb === "T") return pad(goTypeName(v), f);
  if (v === null || v === undefined) {
    // Inside a container a nil element prints as such whatever the verb (and unpadded).
    if (depth > 0) return f.sharpV ? "interface {}(nil)" : "<nil>";
    if (verb === "v") return pad("<nil>", f);
    return badVerb(verb, v, f);
  }
  if (depth > 50) return "...";
  const s = strOf(v);
  if (s !== undefined) return fmtString(s, verb, f) ?? badVerb(verb, v, f);
  switch (typeof v) {
    case "boolean":
      if (verb === "t" || verb === "v") return pad(v ? "true" : "false", f);
      return badVerb(verb, v, f);
    case "bigint":
      switch (verb) {
        case "v":
        case "d":
          return fmtInteger(v, 10, verb, f);
        case "b":
          return fmtInteger(v, 2, verb, f);
        case "o":
        case "O":
          return fmtInteger(v, 8, verb, f);
        case "x":
        case "X":
          return fmtInteger(v, 16, verb, f);
        case "c": {
          const c = Number(v);
          return pad(c > 0x10ffff || c < 0 || (c >= 0xd800 && c <= 0xdfff) ? "\ufffd" : String.fromCodePoint(c), f);
        }
        case "q":
          return pad(quoteRune(Number(v), f.plus), f);
        case "U": {
          const c = v < 0n ? BigInt.asUintN(64, v) : v;
          let out = `U+${c.toString(16).toUpperCase().padStart(f.prec ?? 4, "0")}`;
          if (f.sharp && c <= 0x10ffffn && isPrintable(String.fromCodePoint(Number(c)))) out += ` '${String.fromCodePoint(Number(c))}'`;
          return pad(out, f);
        }
        default:
          return badVerb(verb, v, f);
      }
    case "number":
      switch (verb) {
        case "v":
          return fmtFloatVerb(v, "g", -1, f);
        case "g":
        case "G":
          return fmtFloatVerb(v, verb, -1, f);
        case "e":
        case "E":
        case "f":
        case "F":
          return fmtFloatVerb(v, verb, 6, f);
        case "x":
        case "X":
          return fmtHexFloat(v, verb, f);
        default:
          return badVerb(verb, v, f);
      }
    default:
      break;
  }
  if (v instanceof Uint8Array) {
    if (verb === "s") return pad(truncate(new TextDecoder().decode(v), f), f);
    if (verb === "q") return fmtString(new TextDecoder().decode(v), "q", f)!;
    if (verb === "x" || verb === "X") return fmtHex(v, verb, f);
    if (f.sharpV) return `[]byte{${Array.from(v, (b) => `0x${b.toString(16)}`).join(", ")}}`;
    return `[${Array.from(v, (b) => printArg(BigInt(b), verb, f, depth + 1)).join(" ")}]`;
  }
  if (Array.isArray(v)) {
    if (f.sharpV) return `[]interface {}{${v.map((x) => printArg(x ?? null, verb, f, depth + 1)).join(", ")}}`;
    return `[${v.map((x) => printArg(x ?? null, verb, f, depth + 1)).join(" ")}]`;
  }
  if (v instanceof Map) {
    const keys = sortedKeys(v);
    if (f.sharpV) {
      return `map[string]interface {}{${keys.map((k) => `${quoteGo(k)}:${printArg(v.get(k) ?? null, verb, f, depth + 1)}`).join(", ")}}`;
    }
    return `map[${keys.map((k) => `${printArg(k, verb, f, depth + 1)}:${printArg(v.get(k) ?? null, verb, f, depth + 1)}`).join(" ")}]`;
  }
  if (typeof v === "function") return pad("0x1", f);
  // Struct: a Stringer/error prints its String()/Error() for %v %s %q %x %X.
  if (!f.sharpV && "vsqxX".includes(verb)) {
    const str = stringerOf(v);
    if (str !== undefined) return fmtString(str, verb === "v" ? "s" : verb, f) ?? str;
  }
  const typeName = (v as GoFields)[GO_TYPE] ?? goTypeName(v);
  const fields = structFields(v as object);
  const body = fields
    .map(([k, x]) => (f.plusV || f.sharpV ? `${k}:` : "") + printArg(x ?? null, verb, f, depth + 1))
    .join(f.sharpV ? ", " : " ");
  if (f.sharpV) return `${typeName}{${body}}`;
  return `${depth === 0 && typeName.startsWith("*") ? "&" : ""}{${body}}`;
}

function isStringArg(v: GoValue): boolean {
  return typeof v === "string" || v instanceof TracedString;
}

/** fmt.Sprint: operands formatted with %v, a space between two operands when neither is a string. */
export function sprint(args: readonly GoValue[]): string {
  let out = "";
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i] ?? null;
    if (i > 0 && !isStringArg(a) && !isStringArg(args[i - 1] ?? null)) out += " ";
    out += printArg(a, "v");
  }
  return out;
}

/** fmt.Sprintln: operands with %v, always separated by a space, and a newline. */
export function sprintln(args: readonly GoValue[]): string {
  return `${args.map((a) => printArg(a ?? null, "v")).join(" ")}\n`;
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: readonly GoValue[]): string {
  let out = "";
  let argNum = 0;
  let reordered = false;
  let i = 0;
  const n = format.length;
  while (i < n) {
    const pct = format.indexOf("%", i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const f: Flags = { ...NO_FLAGS };
    // flags
    for (; i < n; i += 1) {
      const c = format[i];
      if (c === "#") f.sharp = true;
      else if (c === "0") f.zero = !f.minus;
      else if (c === "+") f.plus = true;
      else if (c === "-") {
        f.minus = true;
        f.zero = false;
      } else if (c === " ") f.space = true;
      else break;
    }
    // explicit argument index [n]
    let badIndex = false;
    const argIndex = (): void => {
      if (format[i] !== "[") return;
      const m = /^\[(\d+)\]/.exec(format.slice(i));
      if (!m || Number(m[1]) < 1 || Number(m[1]) > args.length) {
        badIndex = true;
        const close = format.indexOf("]", i);
        i = close < 0 ? n : close + 1;
        return;
      }
      argNum = Number(m[1]) - 1;
      i += m[0].length;
      reordered = true;
    };
    argIndex();
    // width
    let badWidth = false;
    if (format[i] === "*") {
      i += 1;
      const a = args[argNum];
      argNum += 1;
      if (typeof a === "bigint" && a <= 1000000n && a >= -1000000n) {
        f.wid = Number(a);
        if (f.wid < 0) {
          f.minus = true;
          f.zero = false;
          f.wid = -f.wid;
        }
      } else badWidth = true;
    } else {
      const m = /^\d+/.exec(format.slice(i));
      if (m) {
        f.wid = Math.min(Number(m[0]), 1000000);
        i += m[0].length;
      }
    }
    if (badWidth) out += "%!(BADWIDTH)";
    // precision
    if (format[i] === ".") {
      i += 1;
      argIndex();
      if (format[i] === "*") {
        i += 1;
        const a = args[argNum];
        argNum += 1;
        if (typeof a === "bigint" && a >= 0n && a <= 1000000n) f.prec = Number(a);
        else {
          out += "%!(BADPREC)";
        }
      } else {
        const m = /^\d+/.exec(format.slice(i));
        f.prec = m ? Math.min(Number(m[0]), 1000000) : 0;
        if (m) i += m[0].length;
      }
    }
    argIndex();
    if (i >= n) {
      out += "%!(NOVERB)";
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === "%") {
      out += "%";
      continue;
    }
    if (badIndex) {
      out += `%!${verb}(BADINDEX)`;
      continue;
    }
    if (argNum >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const arg = args[argNum] ?? null;
    argNum += 1;
    if (verb === "v") {
      if (f.sharp) {
        f.sharp = false;
        f.sharpV = true;
      }
      if (f.plus) {
        f.plus = false;
        f.plusV = true;
      }
    }
    if (verb === "w") {
      out += badVerb(verb, arg, f);
      continue;
    }
    out += printArg(arg, verb, f);
  }
  if (!reordered && argNum < args.length) {
    out += "%!(EXTRA ";
    out += args
      .slice(argNum)
      .map((a) => (a === null || a === undefined ? "<nil>" : `${goTypeName(a)}=${printArg(a, "v")}`))
      .join(", ");
    out += ")";
  }
  return out;
}
