/**
 * Sprig's regular expression functions. Go's regexp is RE2; its syntax is translated to a
 * JavaScript RegExp (flag groups `(?i)`, `(?P<name>`, `\A`, `\z`, `\Q...\E`, POSIX classes
 * `[[:alpha:]]`, escaped punctuation). RE2 has no backreferences or lookaround: a pattern with
 * them is refused as Go refuses it. Replacement templates follow Go's Regexp.Expand (`$1`,
 * `${1}`, `$name`; `$1x` names the group "1x").
 */
import type { GoFunc, GoValue } from "../template/values.js";
import { argIntNumber, argString, fail } from "./convert.js";

const POSIX: Record<string, string> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\\x00-\\x7F",
  blank: "\\t ",
  cntrl: "\\x00-\\x1F\\x7F",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-\\/:-@\\[-`{-~",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};

const cache = new Map<string, RegExp>();

function escapeLiteral(ch: string): string {
  return /[0-9A-Za-z]/.test(ch) ? ch : `\\u{${ch.codePointAt(0)!.toString(16)}}`;
}

/** Compiles a Go (RE2) pattern; throws Go's wording of a syntax error. */
export function compileGoRegex(pattern: string): RegExp {
  const hit = cache.get(pattern);
  if (hit) return new RegExp(hit.source, hit.flags);
  let flags = "gu";
  let out = "";
  let i = 0;
  let inClass = false;
  const chars = [...pattern];
  const bad = (what: string): never => fail(`error parsing regexp: ${what}: \`${pattern}\``);
  while (i < chars.length) {
    const ch = chars[i]!;
    if (ch === "\\") {
      const next = chars[i + 1];
      if (next === undefined) bad("trailing backslash at end of expression");
      if (next === "Q") {
        const end = pattern.indexOf("\\E", chars.slice(0, i + 2).join("").length);
        const lit = end < 0 ? chars.slice(i + 2).join("") : pattern.slice(chars.slice(0, i + 2).join("").length, end);
        out += [...lit].map(escapeLiteral).join("");
        if (end < 0) break;
        i = [...pattern.slice(0, end + 2)].length;
        continue;
      }
      if (!inClass && next === "A") out += "(?<![\\s\\S])";
      else if (!inClass && next === "z") out += "(?![\\s\\S])";
      else if (/[1-9]/.test(next!)) bad(`invalid escape sequence: \`\\${next}\``);
      else if (next === "p" || next === "P") {
        if (chars[i + 2] === "{") {
          const close = chars.indexOf("}", i + 2);
          out += `\\${next}{${chars.slice(i + 3, close).join("")}}`;
          i = close + 1;
          continue;
        }
        out += `\\${next}{${chars[i + 2]}}`;
        i += 3;
        continue;
      } else if (/[dDsSwWbBnrtfvx0-7]/.test(next!)) {
        if (next === "s") out += inClass ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]";
        else if (next === "S") out += inClass ? bad("unsupported \\S in class") : "[^\\t\\n\\f\\r ]";
        else if (next === "v") out += "\\x0B";
        else if (/[0-7]/.test(next!)) {
          let j = i + 1;
          let oct = "";
          while (j < chars.length && oct.length < 3 && /[0-7]/.test(chars[j]!)) oct += chars[j++]!;
          out += escapeLiteral(String.fromCodePoint(parseInt(oct, 8)));
          i = j;
          continue;
        } else if (next === "x" && chars[i + 2] === "{") {
          const close = chars.indexOf("}", i + 2);
          out += `\\u{${chars.slice(i + 3, close).join("")}}`;
          i = close + 1;
          continue;
        } else out += `\\${next}`;
      } else if (/[A-Za-z]/.test(next!)) bad(`invalid escape sequence: \`\\${next}\``);
      else out += escapeLiteral(next!);
      i += 2;
      continue;
    }
    if (inClass) {
      if (ch === "[" && chars[i + 1] === ":") {
        const close = pattern.indexOf(":]", chars.slice(0, i).join("").length);
        if (close >= 0) {
          const name = pattern.slice(chars.slice(0, i + 2).join("").length, close);
          const neg = name.startsWith("^");
          const cls = POSIX[neg ? name.slice(1) : name];
          if (!cls) bad(`invalid character class range: \`[:${name}:]\``);
          if (neg) bad("negated POSIX class inside a class is not supported");
          out += cls;
          i = [...pattern.slice(0, close + 2)].length;
          continue;
        }
      }
      if (ch === "]") inClass = false;
      if (ch === "[") out += "\\[";
      else out += ch;
      i += 1;
      continue;
    }
    if (ch === "[") {
      inClass = true;
      out += "[";
      i += 1;
      if (chars[i] === "^") {
        out += "^";
        i += 1;
      }
      if (chars[i] === "]") {
        out += "\\]";
        i += 1;
      }
      continue;
    }
    if (ch === "(" && chars[i + 1] === "?") {
      const rest = chars.slice(i).join("");
      const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
      if (named) {
        out += `(?<${named[1]}>`;
        i += [...named[0]].length;
        continue;
      }
      const flagGroup = /^\(\?([imsU-]*)(\)|:)/.exec(rest);
      if (flagGroup) {
        const set = flagGroup[1]!.split("-")[0]!;
        if (flagGroup[2] === ")" && (out === "" || out === "^")) {
          if (set.includes("i")) flags += "i";
          if (set.includes("m")) flags += "m";
          if (set.includes("s")) flags += "s";
          if (set.includes("U")) bad("ungreedy flag is not supported");
          i += [...flagGroup[0]].length;
          continue;
        }
        if (flagGroup[2] === ":") {
          const mods = set.replace(/[^ims]/g, "");
          out += mods ? `(?${mods}:` : "(?:";
          i += [...flagGroup[0]].length;
          continue;
        }
        bad(`invalid or unsupported Perl syntax: \`${rest.slice(0, 3)}\``);
      }
      bad(`invalid or unsupported Perl syntax: \`${rest.slice(0, 3)}\``);
    }
    if (ch === "$" && !flags.includes("m")) {
      out += "(?![\\s\\S])";
      i += 1;
      continue;
    }
    if (ch === "{" && !/^\{\d+(,\d*)?\}/.test(chars.slice(i).join(""))) {
      out += "\\{";
      i += 1;
      continue;
    }
    if (ch === "}") {
      const before = out.lastIndexOf("{");
      if (before < 0 || out[before - 1] === "\\") {
        out += "\\}";
        i += 1;
        continue;
      }
    }
    out += ch;
    i += 1;
  }
  if (inClass) fail(`error parsing regexp: missing closing ]: \`${pattern.slice(pattern.lastIndexOf("["))}\``);
  let re: RegExp;
  try {
    re = new RegExp(out, [...new Set(flags)].join(""));
  } catch {
    let depth = 0;
    for (const m of out.matchAll(/\\.|\[(?:\\.|[^\]])*\]|[()]/g)) {
      if (m[0] === "(") depth += 1;
      else if (m[0] === ")") depth -= 1;
      if (depth < 0) bad("unexpected )");
    }
    if (depth > 0) bad("missing closing )");
    return bad("invalid nested repetition operator");
  }
  if (cache.size > 500) cache.clear();
  cache.set(pattern, re);
  return new RegExp(re.source, re.flags);
}

/** Go's Regexp.Expand of a replacement template for one match. */
export function expandTemplate(template: string, m: RegExpExecArray): string {
  let out = "";
  for (let i = 0; i < template.length; i += 1) {
    const ch = template[i]!;
    if (ch !== "$" || i + 1 >= template.length) {
      out += ch;
      continue;
    }
    const next = template[i + 1]!;
    if (next === "$") {
      out += "$";
      i += 1;
      continue;
    }
    let name: string | undefined;
    let len = 0;
    if (next === "{") {
      const close = template.indexOf("}", i + 2);
      const inner = close < 0 ? "" : template.slice(i + 2, close);
      if (close >= 0 && /^[A-Za-z0-9_]+$/.test(inner)) {
        name = inner;
        len = close - i + 1;
      }
    } else {
      const word = /^[A-Za-z0-9_]+/.exec(template.slice(i + 1));
      if (word) {
        name = word[0];
        len = word[0].length + 1;
      }
    }
    if (name === undefined) {
      out += ch;
      continue;
    }
    if (/^\d+$/.test(name)) out += m[Number(name)] ?? "";
    else out += m.groups?.[name] ?? "";
    i += len - 1;
  }
  return out;
}

/** All matches, at most n (n < 0: all), skipping an empty match right after a previous match. */
function findAll(re: RegExp, s: string, n: number): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  if (n === 0) return out;
  re.lastIndex = 0;
  let prevEnd = -1;
  for (;;) {
    const m = re.exec(s);
    if (!m) break;
    if (m[0].length === 0) {
      if (m.index === prevEnd) {
        re.lastIndex = m.index + (s.codePointAt(m.index)! > 0xffff ? 2 : 1);
        if (re.lastIndex > s.length) break;
        continue;
      }
      re.lastIndex = m.index + (m.index < s.length && s.codePointAt(m.index)! > 0xffff ? 2 : 1);
    }
    out.push(m);
    prevEnd = m.index + m[0].length;
    if (n > 0 && out.length >= n) break;
    if (re.lastIndex > s.length) break;
  }
  return out;
}

function replaceAllWith(re: RegExp, s: string, repl: (m: RegExpExecArray) => string): string {
  let out = "";
  let last = 0;
  for (const m of findAll(re, s, -1)) {
    out += s.slice(last, m.index) + repl(m);
    last = m.index + m[0].length;
  }
  return out + s.slice(last);
}

/** Regexp.Split. */
function split(re: RegExp, s: string, n: number, patternLength: number): string[] {
  if (n === 0) return [];
  if (patternLength > 0 && s.length === 0) return [""];
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of findAll(re, s, n)) {
    if (n > 0 && out.length === n - 1) break;
    end = m.index;
    if (m.index + m[0].length !== 0) out.push(s.slice(beg, end));
    beg = m.index + m[0].length;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

/** regexp.QuoteMeta. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, "\\$&");
}

export function regexFuncs(): Record<string, GoFunc> {
  const s = argString;
  const lenient = <T>(fn: () => T, fallback: T): T => {
    try {
      return fn();
    } catch {
      return fallback;
    }
  };
  const match = (re: GoValue, v: GoValue): boolean => {
    const r = compileGoRegex(s(re));
    return r.test(s(v));
  };
  const findAllStrings = (re: GoValue, v: GoValue, n: GoValue): string[] =>
    findAll(compileGoRegex(s(re)), s(v), argIntNumber(n)).map((m) => m[0]);
  const find = (re: GoValue, v: GoValue): string => findAll(compileGoRegex(s(re)), s(v), 1)[0]?.[0] ?? "";
  const replace = (re: GoValue, v: GoValue, repl: GoValue): string => {
    const template = s(repl);
    return replaceAllWith(compileGoRegex(s(re)), s(v), (m) => expandTemplate(template, m));
  };
  const replaceLiteral = (re: GoValue, v: GoValue, repl: GoValue): string => {
    const literal = s(repl);
    return replaceAllWith(compileGoRegex(s(re)), s(v), () => literal);
  };
  const splitFn = (re: GoValue, v: GoValue, n: GoValue): string[] => split(compileGoRegex(s(re)), s(v), argIntNumber(n), s(re).length);
  return {
    regexMatch: (_c, re, v) => {
      s(re!);
      s(v!);
      return lenient(() => match(re!, v!), false);
    },
    mustRegexMatch: (_c, re, v) => match(re!, v!),
    regexFindAll: (_c, re, v, n) => {
      s(re!);
      s(v!);
      argIntNumber(n!);
      return lenient(() => findAllStrings(re!, v!, n!), []);
    },
    mustRegexFindAll: (_c, re, v, n) => findAllStrings(re!, v!, n!),
    regexFind: (_c, re, v) => {
      s(re!);
      s(v!);
      return lenient(() => find(re!, v!), "");
    },
    mustRegexFind: (_c, re, v) => find(re!, v!),
    regexReplaceAll: (_c, re, v, repl) => {
      s(re!);
      s(v!);
      s(repl!);
      return lenient(() => replace(re!, v!, repl!), s(v!));
    },
    mustRegexReplaceAll: (_c, re, v, repl) => replace(re!, v!, repl!),
    regexReplaceAllLiteral: (_c, re, v, repl) => {
      s(re!);
      s(v!);
      s(repl!);
      return lenient(() => replaceLiteral(re!, v!, repl!), s(v!));
    },
    mustRegexReplaceAllLiteral: (_c, re, v, repl) => replaceLiteral(re!, v!, repl!),
    regexSplit: (_c, re, v, n) => {
      s(re!);
      s(v!);
      argIntNumber(n!);
      return lenient(() => splitFn(re!, v!, n!), []);
    },
    mustRegexSplit: (_c, re, v, n) => splitFn(re!, v!, n!),
    regexQuoteMeta: (_c, v) => quoteMeta(s(v!)),
  };
}
