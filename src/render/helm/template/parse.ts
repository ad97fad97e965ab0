/**
 * Parser of Go's text/template language into a tree of nodes, with Go's parse-time checks
 * (undefined variables and functions, misplaced else/end/break/continue, pipelines whose later
 * stages are not executable) and Go's error wording: `template: NAME:LINE: MESSAGE`.
 */
import { goQuote, itemString, lex, type Item, type ItemType } from "./lex.js";
import { TemplateError } from "./errors.js";
import type { SourceRange } from "../../provenance.js";

export interface TextNode {
  type: "text";
  pos: number;
  text: string;
}
export interface CommentNode {
  type: "comment";
  pos: number;
}
export interface ActionNode {
  type: "action";
  pos: number;
  /** Offset just after the closing delimiter. */
  end: number;
  pipe: PipeNode;
}
export interface PipeNode {
  type: "pipe";
  pos: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}
export interface CommandNode {
  type: "command";
  pos: number;
  args: ArgNode[];
}
export interface FieldNode {
  type: "field";
  pos: number;
  ident: string[];
}
export interface VariableNode {
  type: "variable";
  pos: number;
  ident: string[];
}
export interface ChainNode {
  type: "chain";
  pos: number;
  node: ArgNode;
  field: string[];
}
export interface IdentifierNode {
  type: "identifier";
  pos: number;
  name: string;
}
export interface DotNode {
  type: "dot";
  pos: number;
}
export interface NilNode {
  type: "nil";
  pos: number;
}
export interface BoolNode {
  type: "bool";
  pos: number;
  value: boolean;
}
export interface NumberNode {
  type: "number";
  pos: number;
  text: string;
  /** The constant as a template argument: int (bigint), float64 (number), or an error message. */
  value: bigint | number | { error: string } | undefined;
}
export interface StringNode {
  type: "string";
  pos: number;
  quoted: string;
  text: string;
}
export type ArgNode =
  | FieldNode
  | VariableNode
  | ChainNode
  | IdentifierNode
  | DotNode
  | NilNode
  | BoolNode
  | NumberNode
  | StringNode
  | PipeNode;

export interface BranchNode {
  type: "if" | "range" | "with";
  pos: number;
  end: number;
  pipe: PipeNode;
  list: ListNode;
  elseList?: ListNode;
}
export interface TemplateNode {
  type: "template";
  pos: number;
  end: number;
  name: string;
  pipe?: PipeNode;
}
export interface BreakNode {
  type: "break" | "continue";
  pos: number;
}
export interface ListNode {
  type: "list";
  pos: number;
  nodes: Node[];
}
export type Node = TextNode | CommentNode | ActionNode | BranchNode | TemplateNode | BreakNode | ListNode;

/** Where a parsed text came from; shared by the top-level tree and the defines of one text. */
export interface ParsedSource {
  /** The name the text was parsed under (Go's ParseName: the file's template name). */
  parseName: string;
  text: string;
  /** Repository origin of the text's first character. */
  origin: { file: string; line: number; column: number };
  /** Offsets of line starts in `text` (for positions). */
  lineStarts: number[];
  /** Text nodes are verbatim copies of the origin (false for text that came from a YAML scalar). */
  verbatim?: boolean;
  /** Repository ranges of this source's nodes, filled in as execution needs them (exec.ts). */
  nodeRanges?: WeakMap<object, SourceRange>;
}

export interface Tree {
  name: string;
  source: ParsedSource;
  root: ListNode;
}

export interface ParseOptions {
  hasFunction(name: string): boolean;
  /**
   * Names the function set `hasFunction` answers for (see functionSetKey). When given, successful
   * parses are remembered by (text, verbatim, this key) and reused for any name and origin: a
   * library chart's helpers (bitnami/common) are parsed once per process, not once per chart.
   */
  functionSetKey?: string;
}

/** A successful parse, independent of the name and origin the text was parsed under. */
interface CachedParse {
  lineStarts: number[];
  /** The defined templates, in the order the parse added them. */
  defines: [string, ListNode][];
  root: ListNode;
}

/** Parse trees are never modified after parsing, so texts share them. Bounded by total text size. */
const PARSE_CACHE = new Map<string, CachedParse>();
const PARSE_CACHE_MAX_CHARS = 32_000_000;
let parseCacheChars = 0;

/** Forgets every remembered parse (tests measure cold and warm parses). */
export function clearParseCache(): void {
  PARSE_CACHE.clear();
  parseCacheChars = 0;
}

/** A key naming a function set (the names of `funcs`; Go's built-ins are always present). */
export function functionSetKey(names: Iterable<string>): string {
  return [...names].sort().join(",");
}

function remember(key: string, entry: CachedParse, size: number): void {
  if (size > PARSE_CACHE_MAX_CHARS / 4) return;
  while (parseCacheChars + size > PARSE_CACHE_MAX_CHARS && PARSE_CACHE.size > 0) {
    const oldest = PARSE_CACHE.keys().next().value!;
    parseCacheChars -= oldest.length;
    PARSE_CACHE.delete(oldest);
  }
  PARSE_CACHE.set(key, entry);
  parseCacheChars += size;
}

interface EndNode {
  type: "end" | "else";
  pos: number;
  /** "else if"/"else with": the keyword following else, left for the caller. */
  chained?: boolean;
}

const EXECUTABLE_STARTS: ReadonlySet<string> = new Set(["bool", "dot", "nil", "number", "string"]);

/** Parses `text` (named `name`) into its top-level tree and the trees it defines. */
export function parseTemplate(
  name: string,
  text: string,
  origin: ParsedSource["origin"],
  options: ParseOptions,
  verbatim = true,
): Map<string, Tree> {
  const key = options.functionSetKey === undefined ? undefined : `${options.functionSetKey}\0${verbatim ? 1 : 0}\0${text}`;
  const cached = key === undefined ? undefined : PARSE_CACHE.get(key);
  if (cached && !cached.defines.some(([n]) => n === name)) {
    const source: ParsedSource = { parseName: name, text, origin, lineStarts: cached.lineStarts, verbatim };
    const trees = new Map<string, Tree>();
    for (const [n, root] of cached.defines) trees.set(n, { name: n, source, root });
    trees.set(name, { name, source, root: cached.root });
    return trees;
  }
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const source: ParsedSource = { parseName: name, text, origin, lineStarts, verbatim };
  const parser = new Parser(source, lex(text), options);
  const trees = parser.parse(name);
  if (key !== undefined && parser.defines.every(([n]) => n !== name)) {
    remember(key, { lineStarts, defines: parser.defines.map(([n]) => [n, trees.get(n)!.root]), root: trees.get(name)!.root }, key.length);
  }
  return trees;
}

class Parser {
  private index = 0;
  private lastLine = 1;
  private vars: string[] = ["$"];
  private rangeDepth = 0;
  private actionLine = 0;
  private readonly trees = new Map<string, Tree>();
  /** Names added by define/block, in order (a name may repeat when an empty definition is replaced). */
  readonly defines: [string, ListNode][] = [];

  constructor(
    private readonly source: ParsedSource,
    private readonly items: Item[],
    private readonly options: ParseOptions,
  ) {}

  private topRoot: ListNode | undefined;

  parse(name: string): Map<string, Tree> {
    const root: ListNode = { type: "list", pos: 0, nodes: [] };
    this.topRoot = root;
    while (this.peek().type !== "eof") {
      if (this.peek().type === "leftDelim") {
        const save = this.index;
        const delim = this.next();
        if (this.nextNonSpace().type === "define") {
          this.actionLine = delim.line;
          this.parseDefinition();
          this.actionLine = 0;
          continue;
        }
        this.index = save;
      }
      const n = this.textOrAction();
      if (n.type === "end" || n.type === "else") this.errorf(`unexpected ${n.type === "end" ? "{{end}}" : "{{else}}"}`);
      root.nodes.push(n as Node);
    }
    this.add({ name, source: this.source, root });
    return this.trees;
  }

  // ------------------------------------------------------------------------------------------
  // tokens

  private peek(): Item {
    const it = this.items[this.index] ?? this.items[this.items.length - 1]!;
    this.lastLine = it.line;
    return it;
  }

  private next(): Item {
    const it = this.peek();
    if (this.index < this.items.length - 1 || it.type !== "eof") this.index += 1;
    if (this.index > this.items.length) this.index = this.items.length;
    this.lastLine = it.line;
    return it;
  }

  private backup(n = 1): void {
    this.index -= n;
  }

  private nextNonSpace(): Item {
    let it = this.next();
    while (it.type === "space") it = this.next();
    return it;
  }

  private peekNonSpace(): Item {
    const save = this.index;
    const it = this.nextNonSpace();
    this.index = save;
    return it;
  }

  private errorf(message: string, line = this.lastLine): never {
    throw new TemplateError(`template: ${this.source.parseName}:${line}: ${message}`, {
      kind: "parse",
      templateName: this.source.parseName,
      file: this.source.origin.file,
      line: this.source.origin.line + line - 1,
      column: line === 1 ? this.source.origin.column : 1,
    });
  }

  private unexpected(token: Item, context: string): never {
    if (token.type === "error") {
      let extra = "";
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.source.parseName}:${this.actionLine}`;
        if (token.val.endsWith(" action")) extra = extra.slice(" in action".length);
      }
      this.errorf(`${token.val}${extra}`, token.line);
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`, token.line);
  }

  private expect(type: ItemType, context: string): Item {
    const token = this.nextNonSpace();
    if (token.type !== type) this.unexpected(token, context);
    return token;
  }

  // ------------------------------------------------------------------------------------------
  // structure

  private add(tree: Tree): void {
    if (tree.root !== this.topRoot) this.defines.push([tree.name, tree.root]);
    const existing = this.trees.get(tree.name);
    if (!existing || isEmptyTree(existing.root)) {
      this.trees.set(tree.name, tree);
      return;
    }
    if (!isEmptyTree(tree.root)) this.errorf(`template: multiple definition of template ${goQuote(tree.name)}`);
  }

  private parseDefinition(): void {
    const context = "define clause";
    const nameItem = this.nextNonSpace();
    if (nameItem.type !== "string" && nameItem.type !== "rawString") this.unexpected(nameItem, context);
    const name = unquoteString(nameItem.val, (m) => this.errorf(m));
    this.expect("rightDelim", context);
    const savedVars = this.vars;
    this.vars = ["$"];
    const [list, end] = this.itemList();
    this.vars = savedVars;
    if (end.type !== "end") this.errorf(`unexpected {{else}} in ${context}`);
    this.add({ name, source: this.source, root: list });
  }

  private itemList(): [ListNode, EndNode] {
    const list: ListNode = { type: "list", pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().type !== "eof") {
      const n = this.textOrAction();
      if (n.type === "end" || n.type === "else") return [list, n as EndNode];
      list.nodes.push(n as Node);
    }
    this.errorf("unexpected EOF");
  }

  private textOrAction(): Node | EndNode {
    const token = this.nextNonSpace();
    switch (token.type) {
      case "text":
        return { type: "text", pos: token.pos, text: token.val };
      case "leftDelim": {
        const saved = this.actionLine;
        this.actionLine = token.line;
        try {
          return this.action(token);
        } finally {
          this.actionLine = saved;
        }
      }
      case "comment":
        return { type: "comment", pos: token.pos };
      default:
        this.unexpected(token, "input");
    }
  }

  private action(open: Item): Node | EndNode {
    const token = this.nextNonSpace();
    switch (token.type) {
      case "block":
        return this.blockControl(open);
      case "break":
      case "continue":
        return this.breakControl(token);
      case "else":
        return this.elseControl();
      case "end":
        return { type: "end", pos: this.expect("rightDelim", "end").pos };
      case "if":
        return this.branch("if", open);
      case "range":
        return this.branch("range", open);
      case "template":
        return this.templateControl(open);
      case "with":
        return this.branch("with", open);
      default:
        break;
    }
    this.backup();
    const pipe = this.pipeline("command", "rightDelim");
    return { type: "action", pos: open.pos, end: this.prevEnd(), pipe };
  }

  /** Offset just after the last token read (the closing delimiter). */
  private prevEnd(): number {
    const it = this.items[this.index - 1]!;
    return it.pos + it.val.length;
  }

  private breakControl(token: Item): Node {
    const word = token.type as "break" | "continue";
    const next = this.nextNonSpace();
    if (next.type !== "rightDelim") this.unexpected(next, `{{${word}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${word}}} outside {{range}}`);
    return { type: word, pos: token.pos };
  }

  private elseControl(): EndNode {
    const peek = this.peekNonSpace();
    if (peek.type === "if" || peek.type === "with") {
      // "{{else if ...": the if is parsed by the enclosing control as a nested one.
      return { type: "else", pos: peek.pos, chained: true };
    }
    const token = this.expect("rightDelim", "else");
    return { type: "else", pos: token.pos };
  }

  private branch(context: "if" | "range" | "with", _open: Item): BranchNode {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, "rightDelim");
      const end = this.prevEnd();
      if (context === "range") this.rangeDepth += 1;
      const [list, next] = this.itemList();
      if (context === "range") this.rangeDepth -= 1;
      let elseList: ListNode | undefined;
      if (next.type === "else") {
        const following = this.peekNonSpace();
        if (next.chained && context !== "range" && following.type === context) {
          // "else if" inside if, "else with" inside with: one {{end}} closes both.
          const kw = this.nextNonSpace();
          elseList = { type: "list", pos: next.pos, nodes: [this.branch(context, kw)] };
        } else {
          const [els, end2] = this.itemList();
          if (end2.type !== "end") this.errorf(`expected end; found {{else}}`);
          elseList = els;
        }
      }
      return { type: context, pos: pipe.pos, end, pipe, list, ...(elseList ? { elseList } : {}) } as BranchNode & { end: number };
    } finally {
      this.vars.length = mark;
    }
  }

  private parseTemplateName(token: Item, context: string): string {
    if (token.type === "string" || token.type === "rawString") return unquoteString(token.val, (m) => this.errorf(m));
    this.unexpected(token, context);
  }

  private templateControl(_open: Item): TemplateNode {
    const context = "template clause";
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().type !== "rightDelim") {
      this.backup();
      pipe = this.pipeline(context, "rightDelim");
    }
    return { type: "template", pos: token.pos, end: this.prevEnd(), name, ...(pipe ? { pipe } : {}) };
  }

  private blockControl(_open: Item): TemplateNode {
    const context = "block clause";
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    const pipe = this.pipeline(context, "rightDelim");
    const end = this.prevEnd();
    const savedVars = this.vars;
    const savedRange = this.rangeDepth;
    this.vars = ["$"];
    this.rangeDepth = 0;
    const [list, endNode] = this.itemList();
    this.vars = savedVars;
    this.rangeDepth = savedRange;
    if (endNode.type !== "end") this.errorf(`unexpected {{else}} in ${context}`);
    this.add({ name, source: this.source, root: list });
    return { type: "template", pos: token.pos, end, name, pipe };
  }

  // ------------------------------------------------------------------------------------------
  // pipelines

  private pipeline(context: string, end: "rightDelim" | "rightParen"): PipeNode {
    const first = this.peekNonSpace();
    const pipe: PipeNode = { type: "pipe", pos: first.pos, isAssign: false, decl: [], cmds: [] };
    // Declarations or assignments?
    for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== "variable") break;
      const save = this.index;
      this.nextNonSpace();
      const afterVar = this.peek();
      const next = this.peekNonSpace();
      if (next.type === "assign" || next.type === "declare") {
        pipe.isAssign = next.type === "assign";
        this.nextNonSpace();
        pipe.decl.push({ type: "variable", pos: v.pos, ident: [v.val] });
        this.vars.push(v.val);
        break;
      }
      if (next.type === "char" && next.val === ",") {
        this.nextNonSpace();
        pipe.decl.push({ type: "variable", pos: v.pos, ident: [v.val] });
        this.vars.push(v.val);
        if (context === "range" && pipe.decl.length < 2) {
          const t = this.peekNonSpace().type;
          if (t === "variable" || t === "rightDelim" || t === "rightParen") continue;
          this.errorf("range can only initialize variables");
        }
        this.errorf(`too many declarations in ${context}`);
      }
      void afterVar;
      this.index = save;
      break;
    }
    for (;;) {
      const token = this.nextNonSpace();
      if (token.type === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (token.type) {
        case "bool":
        case "charConstant":
        case "dot":
        case "field":
        case "identifier":
        case "number":
        case "nil":
        case "rawString":
        case "string":
        case "variable":
        case "leftParen":
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(token, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    for (let i = 1; i < pipe.cmds.length; i += 1) {
      const first = pipe.cmds[i]!.args[0]!;
      if (EXECUTABLE_STARTS.has(first.type)) this.errorf(`non executable command in pipeline stage ${i + 1}`);
    }
  }

  private command(): CommandNode {
    const cmd: CommandNode = { type: "command", pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.next();
      if (token.type === "space") continue;
      if (token.type === "rightDelim" || token.type === "rightParen") {
        this.backup();
      } else if (token.type !== "pipe") {
        this.unexpected(token, "operand");
      }
      break;
    }
    if (cmd.args.length === 0) this.errorf("empty command");
    return cmd;
  }

  private operand(): ArgNode | undefined {
    const node = this.term();
    if (!node) return undefined;
    if (this.peek().type === "field") {
      const fields: string[] = [];
      const pos = this.peek().pos;
      while (this.peek().type === "field") fields.push(this.next().val.slice(1));
      switch (node.type) {
        case "field":
          return { type: "field", pos, ident: [...node.ident, ...fields] };
        case "variable":
          return { type: "variable", pos, ident: [...node.ident, ...fields] };
        case "bool":
        case "string":
        case "number":
        case "nil":
        case "dot":
          this.errorf(`unexpected . after term ${goQuote(nodeString(node))}`);
        // falls through (errorf throws)
        default:
          return { type: "chain", pos, node, field: fields };
      }
    }
    return node;
  }

  private term(): ArgNode | undefined {
    const token = this.nextNonSpace();
    switch (token.type) {
      case "identifier":
        if (!this.options.hasFunction(token.val)) this.errorf(`function ${goQuote(token.val)} not defined`);
        return { type: "identifier", pos: token.pos, name: token.val };
      case "dot":
        return { type: "dot", pos: token.pos };
      case "nil":
        return { type: "nil", pos: token.pos };
      case "variable":
        return this.useVar(token);
      case "field":
        return { type: "field", pos: token.pos, ident: [token.val.slice(1)] };
      case "bool":
        return { type: "bool", pos: token.pos, value: token.val === "true" };
      case "charConstant":
      case "number":
        return this.newNumber(token);
      case "leftParen":
        return this.pipeline("parenthesized pipeline", "rightParen");
      case "string":
      case "rawString":
        return { type: "string", pos: token.pos, quoted: token.val, text: unquoteString(token.val, (m) => this.errorf(m)) };
      default:
        this.backup();
        return undefined;
    }
  }

  private useVar(token: Item): VariableNode {
    const ident = token.val.split(".");
    const name = ident[0]!;
    if (!this.vars.includes(name)) this.errorf(`undefined variable ${goQuote(name)}`);
    return { type: "variable", pos: token.pos, ident };
  }

  private newNumber(token: Item): NumberNode {
    if (token.type === "charConstant") {
      const bytes = unquoteBytes(token.val.slice(1, -1), "'", (m) => this.errorf(m));
      const text = new TextDecoder().decode(bytes);
      const cps = [...text];
      if (cps.length !== 1) this.errorf(`malformed character constant: ${token.val}`);
      return { type: "number", pos: token.pos, text: token.val, value: BigInt(cps[0]!.codePointAt(0)!) };
    }
    const value = numberConstant(token.val);
    if (value === null) this.errorf(`illegal number syntax: ${goQuote(token.val)}`);
    if (typeof value === "object" && "overflow" in value) this.errorf(`integer overflow: ${goQuote(token.val)}`);
    return { type: "number", pos: token.pos, text: token.val, value };
  }
}

/** A tree with only whitespace text and comments (does not replace an existing definition). */
export function isEmptyTree(n: Node): boolean {
  switch (n.type) {
    case "list":
      return n.nodes.every(isEmptyTree);
    case "text":
      return n.text.trim().length === 0;
    case "comment":
      return true;
    default:
      return false;
  }
}

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** strconv.ParseInt(s, 0, 64)-like: the integer value (unbounded) or null when not an integer. */
function parseGoInteger(text: string): bigint | null {
  let s = text;
  let neg = false;
  if (s.startsWith("+") || s.startsWith("-")) {
    neg = s.startsWith("-");
    s = s.slice(1);
  }
  let base = 10;
  let prefixed = false;
  if (/^0[xX]/.test(s)) {
    base = 16;
    s = s.slice(2);
    prefixed = true;
  } else if (/^0[oO]/.test(s)) {
    base = 8;
    s = s.slice(2);
    prefixed = true;
  } else if (/^0[bB]/.test(s)) {
    base = 2;
    s = s.slice(2);
    prefixed = true;
  } else if (s.length > 1 && s.startsWith("0")) {
    base = 8;
    s = s.slice(1);
    prefixed = true;
  }
  if (s.includes("_")) {
    // Underscores only between digits (or right after a base prefix).
    if (!/^_?[0-9a-fA-F]+(_[0-9a-fA-F]+)*$/.test(s)) return null;
    if (s.startsWith("_") && !prefixed) return null;
    s = s.replace(/_/g, "");
  }
  if (s.length === 0) return null;
  const valid = base === 16 ? /^[0-9a-fA-F]+$/ : base === 8 ? /^[0-7]+$/ : base === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!valid.test(s)) return null;
  let v = 0n;
  const b = BigInt(base);
  for (const c of s) v = v * b + BigInt(parseInt(c, base));
  return neg ? -v : v;
}

/**
 * The value Go gives a number constant used as a template argument: an int when the text is an
 * integer in int64 range, a float64 when it has a fraction or exponent, an error when it
 * overflows int; `null` for a syntax error.
 */
function numberConstant(text: string): bigint | number | { error: string } | { overflow: true } | undefined | null {
  if (text.endsWith("i")) {
    if (numberConstant(text.slice(0, -1)) === null) return null;
    return { error: "complex numbers are not supported" };
  }
  const int = parseGoInteger(text);
  if (int !== null) {
    if (int >= INT64_MIN && int <= INT64_MAX) return int;
    if (int >= 0n && int <= UINT64_MAX) return { error: `${text} overflows int` };
    // Too large for any integer: Go reads it as a float, then rejects an integer-looking one.
    if (/^[+-]?0[xXbBoO]/.test(text)) return null;
    return { overflow: true };
  }
  // A float: decimal with . or exponent, or hex float with p exponent.
  let f: number;
  const clean = text.replace(/_/g, "");
  if (/^[+-]?0[xX]/.test(clean)) {
    const m = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(clean);
    if (!m) return null;
    const mant = parseInt((m[2] ?? "") + (m[3] ?? ""), 16);
    f = mant * Math.pow(2, Number(m[4]) - 4 * (m[3] ?? "").length) * (m[1] === "-" ? -1 : 1);
  } else {
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(clean)) return null;
    f = Number(clean);
  }
  if (clean !== text && !/^[+-]?\d+(_\d+)*(\.(\d+(_\d+)*)?)?([eE][+-]?\d+(_\d+)*)?$/.test(text)) return null;
  if (/[.eEpP]/.test(text)) return f;
  return null;
}

/** strconv.Unquote for a string token ("..." or `...`). */
function unquoteString(token: string, fail: (m: string) => never): string {
  if (token.startsWith("`")) return token.slice(1, -1).replace(/\r/g, "");
  const body = token.slice(1, -1);
  if (!body.includes("\\")) return body;
  return new TextDecoder().decode(unquoteBytes(body, '"', fail));
}

/** Decodes Go escape sequences to UTF-8 bytes. */
export function unquoteBytes(body: string, quote: string, fail: (m: string) => never): Uint8Array {
  const out: number[] = [];
  const enc = new TextEncoder();
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i]!;
    if (c !== "\\") {
      const cp = body.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      for (const b of enc.encode(ch)) out.push(b);
      i += ch.length - 1;
      continue;
    }
    i += 1;
    const e = body[i];
    const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, "\\": 92 };
    if (e !== undefined && e in simple) {
      out.push(simple[e]!);
      continue;
    }
    if (e === quote) {
      out.push(quote.charCodeAt(0));
      continue;
    }
    if (e === "x") {
      const h = body.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) fail("invalid syntax");
      out.push(parseInt(h, 16));
      i += 2;
      continue;
    }
    if (e !== undefined && e >= "0" && e <= "7") {
      const o = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(o) || parseInt(o, 8) > 255) fail("invalid syntax");
      out.push(parseInt(o, 8));
      i += 2;
      continue;
    }
    if (e === "u" || e === "U") {
      const n = e === "u" ? 4 : 8;
      const h = body.slice(i + 1, i + 1 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(h)) fail("invalid syntax");
      const cp = parseInt(h, 16);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) fail("invalid syntax");
      for (const b of enc.encode(String.fromCodePoint(cp))) out.push(b);
      i += n;
      continue;
    }
    fail("invalid syntax");
  }
  return Uint8Array.from(out);
}

/** The text Go prints for a node in error contexts (`executing "x" at <.a.b>`). */
export function nodeString(n: ArgNode | CommandNode | Node): string {
  switch (n.type) {
    case "field":
      return n.ident.map((f) => `.${f}`).join("");
    case "variable":
      return n.ident.join(".");
    case "chain": {
      const inner = n.node.type === "pipe" ? `(${nodeString(n.node)})` : nodeString(n.node);
      return inner + n.field.map((f) => `.${f}`).join("");
    }
    case "identifier":
      return n.name;
    case "dot":
      return ".";
    case "nil":
      return "nil";
    case "bool":
      return n.value ? "true" : "false";
    case "number":
      return n.text;
    case "string":
      return n.quoted;
    case "pipe": {
      let s = "";
      if (n.decl.length > 0) s = `${n.decl.map((d) => nodeString(d)).join(", ")} ${n.isAssign ? "=" : ":="} `;
      return s + n.cmds.map((c) => nodeString(c)).join(" | ");
    }
    case "command":
      return n.args.map((a) => (a.type === "pipe" ? `(${nodeString(a)})` : nodeString(a))).join(" ");
    case "action":
      return `{{${nodeString(n.pipe)}}}`;
    case "template":
      return n.pipe ? `{{template ${goQuote(n.name)} ${nodeString(n.pipe)}}}` : `{{template ${goQuote(n.name)}}}`;
    case "if":
    case "range":
    case "with":
      return `{{${n.type} ${nodeString(n.pipe)}}}`;
    case "break":
    case "continue":
      return `{{${n.type}}}`;
    case "text":
      return n.text;
    case "comment":
      return "{{/* */}}";
    case "list":
      return n.nodes.map((x) => nodeString(x)).join("");
  }
}
