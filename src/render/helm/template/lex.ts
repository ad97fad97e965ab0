/**
 * Lexer of Go's text/template language (written from the package documentation and observed
 * behaviour): text, `{{ }}` actions with trim markers `{{- ` / ` -}}`, comments (slash-star to star-slash in delimiters),
 * and inside actions: fields, variables, identifiers, keywords, strings, raw strings, characters,
 * numbers, `:=`, `=`, `|`, `(`, `)`, `,`. Positions are UTF-16 offsets into the template text.
 */

export type ItemType =
  | "error"
  | "eof"
  | "text"
  | "comment"
  | "leftDelim"
  | "rightDelim"
  | "space"
  | "field"
  | "variable"
  | "identifier"
  | "dot"
  | "bool"
  | "nil"
  | "number"
  | "charConstant"
  | "string"
  | "rawString"
  | "declare"
  | "assign"
  | "pipe"
  | "leftParen"
  | "rightParen"
  | "char"
  // keywords
  | "block"
  | "break"
  | "continue"
  | "define"
  | "else"
  | "end"
  | "if"
  | "range"
  | "template"
  | "with";

export const KEYWORDS: ReadonlySet<ItemType> = new Set<ItemType>([
  "block",
  "break",
  "continue",
  "define",
  "else",
  "end",
  "if",
  "range",
  "template",
  "with",
]);

const KEYWORD_OF: ReadonlyMap<string, ItemType> = new Map<string, ItemType>(Object.entries({
  block: "block",
  break: "break",
  continue: "continue",
  define: "define",
  else: "else",
  end: "end",
  if: "if",
  range: "range",
  template: "template",
  with: "with",
  nil: "nil",
  true: "bool",
  false: "bool",
}) as [string, ItemType][]);

export interface Item {
  type: ItemType;
  /** Offset of the item in the text. */
  pos: number;
  val: string;
  /** 1-based line of the item's start. */
  line: number;
}

/** Go's item.String(), as parse errors print tokens. */
export function itemString(i: Item): string {
  if (i.type === "eof") return "EOF";
  if (i.type === "error") return i.val;
  if (KEYWORDS.has(i.type)) return `<${i.val}>`;
  if (i.type === "nil") return `<nil>`;
  if (i.val.length > 10) return `${goQuote(i.val.slice(0, 10))}...`;
  return goQuote(i.val);
}

/** strconv.Quote for the ASCII-mostly strings of error messages. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return out + '"';
}

const LEFT = "{{";
const RIGHT = "}}";

function isSpace(c: string | undefined): boolean {
  return c === " " || c === "\t" || c === "\r" || c === "\n";
}

const LETTER_OR_DIGIT = /[\p{L}\p{Nd}]/u;

function isAlphaNumeric(c: string | undefined): boolean {
  if (c === undefined) return false;
  const k = c.charCodeAt(0);
  // ASCII without the Unicode regex (most characters of a template).
  if (k < 128) return (k >= 97 && k <= 122) || (k >= 65 && k <= 90) || (k >= 48 && k <= 57) || k === 95;
  return LETTER_OR_DIGIT.test(c);
}

/** Lexes the whole text into items (the last one is `eof` or `error`). */
export function lex(input: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  let start = 0;
  let line = 1;
  let startLine = 1;
  let parenDepth = 0;
  /** Line where the current action started (for "unclosed action"). */

  const emit = (type: ItemType): void => {
    items.push({ type, pos: start, val: input.slice(start, pos), line: startLine });
    start = pos;
    startLine = line;
  };
  const advance = (n: number): void => {
    for (let i = 0; i < n; i += 1) if (input.charCodeAt(pos + i) === 10) line += 1;
    pos += n;
  };
  const ignore = (): void => {
    start = pos;
    startLine = line;
  };
  const error = (message: string): void => {
    items.push({ type: "error", pos: start, val: message, line: startLine });
  };
  const errorAtLine = (message: string, atLine: number): void => {
    items.push({ type: "error", pos: start, val: message, line: atLine });
  };

  const NO_DELIM = { delim: false, trim: false } as const;
  const DELIM = { delim: true, trim: false } as const;
  const TRIM_DELIM = { delim: true, trim: true } as const;
  const atRightDelim = (): { readonly delim: boolean; readonly trim: boolean } => {
    if (isSpace(input[pos]) && input[pos + 1] === "-" && input.startsWith(RIGHT, pos + 2)) return TRIM_DELIM;
    if (input.startsWith(RIGHT, pos)) return DELIM;
    return NO_DELIM;
  };

  // Text state
  for (;;) {
    const x = input.indexOf(LEFT, pos);
    if (x < 0) {
      advance(input.length - pos);
      if (pos > start) emit("text");
      items.push({ type: "eof", pos, val: "", line });
      return items;
    }
    const trimLeft = input[x + 2] === "-" && isSpace(input[x + 3]);
    let textEnd = x;
    if (trimLeft) {
      while (textEnd > start && isSpace(input[textEnd - 1])) textEnd -= 1;
    }
    advance(textEnd - pos);
    if (pos > start) emit("text");
    advance(x - pos);
    ignore();
    // Left delimiter
    const actionLine = line;
    const markerLen = trimLeft ? 4 : 2;
    // Comment? (no delimiter item: Go emits only the comment)
    if (input.startsWith("/*", pos + markerLen)) {
      advance(markerLen);
      ignore();
      const end = input.indexOf("*/", pos + 2);
      if (end < 0) {
        error("unclosed comment");
        return items;
      }
      advance(end + 2 - pos);
      const d = atRightDelim();
      if (!d.delim) {
        error("comment ends before closing delimiter");
        return items;
      }
      emit("comment");
      if (d.trim) advance(2);
      advance(2);
      ignore();
      if (d.trim) skipLeadingSpace();
      continue;
    }
    advance(2);
    emit("leftDelim");
    if (trimLeft) {
      advance(2);
      ignore();
    }
    parenDepth = 0;
    // Inside action
    let closed = false;
    while (!closed) {
      const d = atRightDelim();
      if (d.delim && parenDepth === 0) {
        if (d.trim) {
          advance(2);
          ignore();
        }
        advance(2);
        emit("rightDelim");
        if (d.trim) skipLeadingSpace();
        closed = true;
        break;
      }
      if (d.delim && parenDepth > 0) {
        // Go reports the unclosed paren when the delimiter comes.
        error("unclosed left paren");
        return items;
      }
      const c = input[pos];
      if (c === undefined) {
        errorAtLine(actionLine === line ? "unclosed action" : "unclosed action", line);
        items[items.length - 1]!.pos = pos;
        return items;
      }
      if (isSpace(c)) {
        let n = 0;
        while (isSpace(input[pos + n])) n += 1;
        // A space right before "-}}" belongs to the trim marker.
        if (input[pos + n] === "-" && input.startsWith(RIGHT, pos + n + 1)) {
          if (n === 1) continue; // handled by atRightDelim at this position next time
          advance(n - 1);
          emit("space");
          continue;
        }
        advance(n);
        emit("space");
        continue;
      }
      if (c === "=") {
        advance(1);
        emit("assign");
        continue;
      }
      if (c === ":") {
        if (input[pos + 1] !== "=") {
          advance(1);
          error("expected :=");
          return items;
        }
        advance(2);
        emit("declare");
        continue;
      }
      if (c === "|") {
        advance(1);
        emit("pipe");
        continue;
      }
      if (c === '"') {
        let i = pos + 1;
        let ok = false;
        for (; i < input.length; i += 1) {
          const ch = input[i];
          if (ch === "\\") {
            i += 1;
            if (input[i] === "\n" || i >= input.length) break;
            continue;
          }
          if (ch === "\n") break;
          if (ch === '"') {
            ok = true;
            break;
          }
        }
        if (!ok) {
          error("unterminated quoted string");
          return items;
        }
        advance(i + 1 - pos);
        emit("string");
        continue;
      }
      if (c === "`") {
        const end = input.indexOf("`", pos + 1);
        if (end < 0) {
          error("unterminated raw quoted string");
          return items;
        }
        advance(end + 1 - pos);
        emit("rawString");
        continue;
      }
      if (c === "'") {
        let i = pos + 1;
        let ok = false;
        for (; i < input.length; i += 1) {
          const ch = input[i];
          if (ch === "\\") {
            i += 1;
            if (input[i] === "\n" || i >= input.length) break;
            continue;
          }
          if (ch === "\n") break;
          if (ch === "'") {
            ok = true;
            break;
          }
        }
        if (!ok) {
          error("unterminated character constant");
          return items;
        }
        advance(i + 1 - pos);
        emit("charConstant");
        continue;
      }
      if (c === "$") {
        advance(1);
        lexFieldOrVariable("variable");
        if (items[items.length - 1]!.type === "error") return items;
        continue;
      }
      if (c === ".") {
        const n = input[pos + 1];
        if (n !== undefined && n >= "0" && n <= "9") {
          if (!lexNumber()) return items;
          continue;
        }
        advance(1);
        lexFieldOrVariable("field");
        if (items[items.length - 1]!.type === "error") return items;
        continue;
      }
      if (c === "+" || c === "-" || (c >= "0" && c <= "9")) {
        if (!lexNumber()) return items;
        continue;
      }
      if (isAlphaNumeric(c)) {
        let i = pos;
        while (isAlphaNumeric(input[i])) i += 1;
        advance(i - pos);
        if (!atTerminator()) {
          const bad = String.fromCodePoint(input.codePointAt(pos)!);
          advance(bad.length);
          error(`bad character ${goRuneDesc(bad)}`);
          return items;
        }
        const word = input.slice(start, pos);
        const kw = KEYWORD_OF.get(word);
        emit(kw ?? "identifier");
        continue;
      }
      if (c === "(") {
        advance(1);
        emit("leftParen");
        parenDepth += 1;
        continue;
      }
      if (c === ")") {
        advance(1);
        parenDepth -= 1;
        emit("rightParen");
        continue;
      }
      const code = input.charCodeAt(pos);
      if (code >= 0x20 && code < 0x7f) {
        // Other printable ASCII (",", "/", "@"...) is a char item; the parser decides.
        advance(1);
        emit("char");
        continue;
      }
      const ch = String.fromCodePoint(input.codePointAt(pos)!);
      advance(ch.length);
      error(`unrecognized character in action: ${goRuneDesc(ch)}`);
      return items;
    }
  }

  function skipLeadingSpace(): void {
    let n = 0;
    while (isSpace(input[pos + n])) n += 1;
    advance(n);
    ignore();
  }

  function atTerminator(): boolean {
    const c = input[pos];
    if (c === undefined || isSpace(c)) return true;
    if (c === "." || c === "," || c === "|" || c === ":" || c === ")" || c === "(") return true;
    return input.startsWith(RIGHT, pos);
  }

  function lexFieldOrVariable(type: "field" | "variable"): void {
    if (atTerminator()) {
      emit(type === "variable" ? "variable" : "dot");
      return;
    }
    let i = pos;
    while (isAlphaNumeric(input[i])) i += 1;
    advance(i - pos);
    if (!atTerminator()) {
      const bad = String.fromCodePoint(input.codePointAt(pos)!);
      advance(bad.length);
      error(`bad character ${goRuneDesc(bad)}`);
      return;
    }
    emit(type);
  }

  function lexNumber(): boolean {
    const end = scanNumber(pos);
    if (end < 0) return false;
    let i = end;
    if (input[i] === "+" || input[i] === "-") {
      // A complex constant (1+2i): no spaces, must end in "i".
      const end2 = scanNumber(i);
      if (end2 < 0) return false;
      if (input[end2 - 1] !== "i") {
        advance(end2 - pos);
        error(`bad number syntax: ${goQuote(input.slice(start, pos))}`);
        return false;
      }
      i = end2;
    }
    advance(i - pos);
    emit("number");
    return true;
  }

  /** Scans a number from `from`; returns its end, or -1 after reporting bad number syntax. */
  function scanNumber(from: number): number {
    let i = from;
    if (input[i] === "+" || input[i] === "-") i += 1;
    let digits = "0123456789_";
    if (input[i] === "0" && /[xXoObB]/.test(input[i + 1] ?? "")) {
      const p = input[i + 1]!.toLowerCase();
      i += 2;
      digits = p === "x" ? "0123456789abcdefABCDEF_" : p === "o" ? "01234567_" : "01_";
    }
    while (i < input.length && digits.includes(input[i]!)) i += 1;
    if (input[i] === ".") {
      i += 1;
      while (i < input.length && digits.includes(input[i]!)) i += 1;
    }
    const hex = digits.length > 11 && digits.includes("a");
    const expChars = hex ? "pP" : "eE";
    if (input[i] !== undefined && expChars.includes(input[i]!) && (digits.length === 11 || hex)) {
      i += 1;
      if (input[i] === "+" || input[i] === "-") i += 1;
      while (i < input.length && "0123456789_".includes(input[i]!)) i += 1;
    }
    if (input[i] === "i") i += 1;
    if (isAlphaNumeric(input[i])) {
      advance(i + 1 - pos);
      error(`bad number syntax: ${goQuote(input.slice(start, pos))}`);
      return -1;
    }
    return i;
  }
}

/** Go's %#U of a rune: U+0040 '@'. */
export function goRuneDesc(ch: string): string {
  const c = ch.codePointAt(0)!;
  const hex = c.toString(16).toUpperCase().padStart(4, "0");
  const printable = c >= 0x20 && c !== 0x7f && !(c >= 0x80 && c < 0xa0);
  return printable ? `U+${hex} '${ch}'` : `U+${hex}`;
}
