/**
 * Executor of parsed templates, following the semantics of Go's text/template: pipelines,
 * variables and scopes, if/else, range (slices, maps in sorted key order, integers), with,
 * template/block calls, break/continue, field and method access, function calls, the
 * missingkey option, Go's truth and Go's error messages. Every printed part of the output keeps
 * where it came from (see ../../provenance.ts): template text is a verbatim segment of the
 * template file, a printed value has the origin of the values scalar it came from (carried
 * through variables, pipelines, index and functions), a TracedString its own segments, anything
 * else the origin of the action that printed it. Limits (call depth, output size, steps, a
 * deadline) turn a runaway template into a template error.
 */
import { TextWithOrigins, getOrigin, type Segment, type SourceRange } from "../../provenance.js";
import { BUILTINS, type Val } from "./builtins.js";
import { TemplateError } from "./errors.js";
import { printArg } from "./fmt.js";
import {
  nodeString,
  parseTemplate,
  type ArgNode,
  type BranchNode,
  type ChainNode,
  type CommandNode,
  type FieldNode,
  type IdentifierNode,
  type Node,
  type ParsedSource,
  type PipeNode,
  type TemplateNode,
  type Tree,
  type VariableNode,
} from "./parse.js";
import {
  Traced,
  TracedString,
  formatValue,
  goTypeName,
  isTruthy,
  sortedKeys,
  type FuncContext,
  type GoFields,
  type GoFunc,
  type GoMethod,
  type GoValue,
  type TemplateLimits,
} from "./values.js";

export type MissingKey = "default" | "invalid" | "zero" | "error";

/** Template names to trees; an overlay (tpl's text) falls back to its parent. */
export interface Namespace {
  trees: Map<string, Tree>;
  parent?: Namespace;
}

export function lookupTree(ns: Namespace | undefined, name: string): Tree | undefined {
  for (let n = ns; n; n = n.parent) {
    const t = n.trees.get(name);
    if (t) return t;
  }
  return undefined;
}

/** State shared by one top-level execute and every nested template call. */
export interface Shared {
  funcs: ReadonlyMap<string, GoFunc>;
  /** Names `funcs` for the parse cache (ParseOptions.functionSetKey); no caching without it. */
  funcKey?: string;
  missingKey: MissingKey;
  limits: TemplateLimits;
  steps: number;
  /** Characters written into all buffers (nested executions included). */
  written: number;
}

const MISSING: Val = Object.freeze({ v: undefined }) as Val;

class BreakSignal {}
class ContinueSignal {}
const BREAK = new BreakSignal();
const CONTINUE = new ContinueSignal();

interface Var {
  name: string;
  val: Val;
}

type AtNode = ArgNode | CommandNode | Node;

/** Line (1-based), Go column (0-based byte offset in the line) and character column of `pos`. */
export function positionOf(source: ParsedSource, pos: number, bytes = true): { line: number; byteCol: number; charCol: number } {
  const starts = source.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  const lineStart = starts[lo]!;
  const byteCol = bytes ? new TextEncoder().encode(source.text.slice(lineStart, pos)).length : 0;
  return { line: lo + 1, byteCol, charCol: pos - lineStart };
}

/** The repository range of text positions [start, end) of a parsed source. */
export function rangeOf(source: ParsedSource, start: number, end: number): SourceRange {
  const a = positionOf(source, start, false);
  const b = end <= start ? a : positionOf(source, end, false);
  const o = source.origin;
  const col = (p: { line: number; charCol: number }): number => (p.line === 1 ? o.column + p.charCol : p.charCol + 1);
  return { file: o.file, line: o.line + a.line - 1, column: col(a), endLine: o.line + b.line - 1, endColumn: col(b) };
}

/**
 * Source ranges of nodes, computed once per node and parsed source (the parse cache shares one
 * node between the sources of equal texts, e.g. each chart's copy of a library chart).
 */
function nodeRange(source: ParsedSource, node: object, start: number, end: number): SourceRange {
  const ranges = (source.nodeRanges ??= new WeakMap());
  let r = ranges.get(node);
  if (!r) {
    r = rangeOf(source, start, end);
    ranges.set(node, r);
  }
  return r;
}

export class Executor {
  private vars: Var[];
  private at: AtNode | undefined;
  private readonly out = new TextWithOrigins();
  /** The action being printed (its origin is the fallback for printed values). */
  private actionOrigin: SourceRange | undefined;

  constructor(
    private tree: Tree,
    private readonly ns: Namespace,
    private readonly shared: Shared,
    private readonly depth: number,
    dot: Val,
  ) {
    this.vars = [{ name: "$", val: dot }];
  }

  run(dot: Val): { text: string; segments: Segment[] } {
    this.walk(dot, this.tree.root);
    return this.out.toResult();
  }

  // ------------------------------------------------------------------------------------------
  // errors and limits

  errorf(message: string, inner?: unknown): never {
    const name = this.tree.name;
    const node = this.at;
    if (!node) {
      throw new TemplateError(`template: ${name}: ${message}`, { kind: "exec", templateName: name, file: this.tree.source.origin.file });
    }
    const source = this.tree.source;
    const p = positionOf(source, node.pos);
    const r = rangeOf(source, node.pos, node.pos);
    const context = nodeString(node);
    throw new TemplateError(`template: ${source.parseName}:${p.line}:${p.byteCol}: executing "${name}" at <${context}>: ${message}`, {
      kind: "exec",
      templateName: name,
      file: r.file,
      line: r.line,
      column: r.column,
      ...(inner instanceof TemplateError ? { inner } : {}),
    });
  }

  private limitError(message: string): never {
    try {
      this.errorf(message);
    } catch (e) {
      const t = e as TemplateError;
      throw new TemplateError(t.message, { kind: "limit", templateName: t.templateName, file: t.file, line: t.line, column: t.column });
    }
  }

  /** Limit errors pass through function calls unwrapped; a host stack overflow becomes one. */
  private rethrowLimit(e: unknown): void {
    if (e instanceof TemplateError && e.kind === "limit") throw e;
    if (e instanceof RangeError) this.limitError(`template calls nested too deeply (depth ${this.depth})`);
  }

  private step(): void {
    const s = this.shared;
    s.steps += 1;
    if (s.steps > s.limits.maxSteps) this.limitError(`execution exceeds the limit of ${s.limits.maxSteps} steps`);
    if ((s.steps & 255) === 0 && s.limits.deadline !== undefined) {
      const now = (s.limits.now ?? Date.now)();
      if (now > s.limits.deadline) this.limitError("execution deadline exceeded");
    }
  }

  private write(text: string, origin: SourceRange | undefined, verbatim = false): void {
    this.account(text.length);
    this.out.append(text, origin, verbatim);
  }

  private account(n: number): void {
    const s = this.shared;
    s.written += n;
    if (this.out.size + n > s.limits.maxOutputChars || s.written > s.limits.maxOutputChars * 8) {
      this.limitError(`output exceeds the limit of ${s.limits.maxOutputChars} characters`);
    }
  }

  // ------------------------------------------------------------------------------------------
  // variables

  private mark(): number {
    return this.vars.length;
  }

  private pop(mark: number): void {
    this.vars.length = mark;
  }

  private push(name: string, val: Val): void {
    this.vars.push({ name, val });
  }

  private setVar(name: string, val: Val): void {
    for (let i = this.vars.length - 1; i >= 0; i -= 1) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.val = val;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  private setTopVar(n: number, val: Val): void {
    this.vars[this.vars.length - n]!.val = val;
  }

  private varValue(name: string): Val {
    for (let i = this.vars.length - 1; i >= 0; i -= 1) if (this.vars[i]!.name === name) return this.vars[i]!.val;
    this.errorf(`undefined variable: ${name}`);
  }

  // ------------------------------------------------------------------------------------------
  // walking

  private walk(dot: Val, node: Node): void {
    this.at = node;
    this.step();
    switch (node.type) {
      case "action": {
        const saved = this.actionOrigin;
        this.actionOrigin = nodeRange(this.tree.source, node, node.pos, node.end);
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        this.actionOrigin = saved;
        return;
      }
      case "break":
        throw BREAK;
      case "continue":
        throw CONTINUE;
      case "comment":
        return;
      case "if":
      case "with":
        this.walkIfOrWith(dot, node);
        return;
      case "list":
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case "range":
        this.walkRange(dot, node);
        return;
      case "template":
        this.walkTemplate(dot, node);
        return;
      case "text": {
        const ranges = (this.tree.source.nodeRanges ??= new WeakMap());
        let r = ranges.get(node);
        if (!r) {
          const start = rangeOf(this.tree.source, node.pos, node.pos);
          r = { file: start.file, line: start.line, column: start.column, endLine: start.line, endColumn: start.column };
          ranges.set(node, r);
        }
        this.write(node.text, r, this.tree.source.verbatim !== false);
        return;
      }
    }
  }

  private walkIfOrWith(dot: Val, node: BranchNode): void {
    const mark = this.mark();
    try {
      const val = this.evalPipeline(dot, node.pipe);
      if (isTruthy(val.v)) {
        this.walk(node.type === "with" ? val : dot, node.list);
      } else if (node.elseList) {
        this.walk(dot, node.elseList);
      }
    } finally {
      this.pop(mark);
    }
  }

  private walkRange(dot: Val, node: BranchNode): void {
    this.at = node;
    const outer = this.mark();
    try {
      const val = this.evalPipeline(dot, node.pipe);
      const mark = this.mark();
      const decl = node.pipe.decl;
      const one = (index: Val, elem: Val): boolean => {
        this.at = node.pipe;
        this.step();
        if (decl.length > 0) {
          if (node.pipe.isAssign) this.setVar(decl[0]!.ident[0]!, decl.length > 1 ? index : elem);
          else this.setTopVar(1, elem);
        }
        if (decl.length > 1) {
          if (node.pipe.isAssign) this.setVar(decl[1]!.ident[0]!, elem);
          else this.setTopVar(2, index);
        }
        try {
          this.walk(elem, node.list);
        } catch (e) {
          if (e === BREAK) return false;
          if (e !== CONTINUE) throw e;
        } finally {
          this.pop(mark);
        }
        return true;
      };
      const v = val.v instanceof TracedString ? val.v.text : val.v;
      let empty = true;
      if (Array.isArray(v)) {
        empty = v.length === 0;
        for (let i = 0; i < v.length; i += 1) {
          if (!one({ v: BigInt(i) }, { v: v[i] ?? null, origin: getOrigin(v, i), iface: true })) break;
        }
      } else if (v instanceof Uint8Array) {
        empty = v.length === 0;
        for (let i = 0; i < v.length; i += 1) if (!one({ v: BigInt(i) }, { v: BigInt(v[i]!) })) break;
      } else if (v instanceof Map) {
        empty = v.size === 0;
        for (const k of sortedKeys(v)) {
          if (!one({ v: k, origin: val.origin }, { v: v.get(k) ?? null, origin: getOrigin(v, k), iface: true })) break;
        }
      } else if (typeof v === "bigint") {
        if (decl.length > 1) this.errorf(`can't use ${v} to iterate over more than one variable`);
        empty = v <= 0n;
        for (let i = 0n; i < v; i += 1n) if (!one({ v: i }, { v: i })) break;
      } else if (v === undefined || v === null) {
        empty = true;
      } else {
        this.errorf(`range can't iterate over ${formatValue(v)}`);
      }
      if (empty && node.elseList) this.walk(dot, node.elseList);
    } finally {
      this.pop(outer);
    }
  }

  private walkTemplate(dot: Val, node: TemplateNode): void {
    this.at = node;
    const tree = lookupTree(this.ns, node.name);
    if (!tree) this.errorf(`template ${JSON.stringify(node.name)} not defined`);
    if (this.depth + 1 > this.shared.limits.maxDepth) this.limitError(`exceeded maximum template depth (${this.shared.limits.maxDepth})`);
    const newDot = node.pipe ? this.evalPipeline(dot, node.pipe) : MISSING;
    const sub = new Executor(tree, this.ns, this.shared, this.depth + 1, newDot);
    let result: { text: string; segments: Segment[] };
    try {
      result = sub.run(newDot);
    } catch (e) {
      this.at = node;
      this.rethrowLimit(e);
      throw e;
    }
    this.out.appendTracked(result);
  }

  // ------------------------------------------------------------------------------------------
  // printing

  private printValue(node: AtNode, val: Val): void {
    this.at = node;
    const v = val.v;
    if (v instanceof TracedString) {
      this.appendTraced(v, val.origin ?? this.actionOrigin);
      return;
    }
    if (typeof v === "function") this.errorf(`can't print ${nodeString(node)} of type ${goTypeName(v)}`);
    const text = v === undefined ? "<no value>" : printArg(v, "v");
    this.write(text, val.origin ?? this.actionOrigin);
  }

  /** Appends traced text; the parts without segments get `fallback`. */
  private appendTraced(t: TracedString, fallback: SourceRange | undefined): void {
    this.account(t.text.length);
    let at = 0;
    const segs = [...t.segments].sort((a, b) => a.start - b.start);
    for (const s of segs) {
      if (s.start < at) continue;
      if (s.start > at) this.out.append(t.text.slice(at, s.start), fallback);
      this.out.append(t.text.slice(s.start, s.end), s.origin, s.verbatim === true);
      at = s.end;
    }
    if (at < t.text.length) this.out.append(t.text.slice(at), fallback);
  }

  // ------------------------------------------------------------------------------------------
  // evaluation

  private evalPipeline(dot: Val, pipe: PipeNode): Val {
    this.at = pipe;
    let value: Val = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      // An interface value is replaced by what it holds; a nil one becomes invalid.
      value = { ...value, v: value.v === null ? undefined : value.v, iface: false };
    }
    for (const d of pipe.decl) {
      if (pipe.isAssign) this.setVar(d.ident[0]!, value);
      else this.push(d.ident[0]!, value);
    }
    return value;
  }

  private notAFunction(args: ArgNode[], final: Val): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0]!)}`);
  }

  private evalCommand(dot: Val, cmd: CommandNode, final: Val): Val {
    const first = cmd.args[0]!;
    switch (first.type) {
      case "field":
        return this.evalFieldNode(dot, first, cmd.args, final);
      case "chain":
        return this.evalChainNode(dot, first, cmd.args, final);
      case "identifier":
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case "pipe":
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case "variable":
        return this.evalVariableNode(dot, first, cmd.args, final);
      default:
        break;
    }
    this.at = first;
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case "bool":
        return { v: first.value };
      case "dot":
        return dot;
      case "nil":
        this.errorf("nil is not a command");
      // falls through (errorf throws)
      case "number":
        return this.numberValue(first);
      case "string":
        return this.literal(first.text, first, first.quoted.length);
    }
  }

  private literal(v: GoValue, node: ArgNode, len: number): Val {
    return { v, origin: nodeRange(this.tree.source, node, node.pos, node.pos + len), literal: true };
  }

  private numberValue(n: ArgNode & { type: "number" }): Val {
    this.at = n;
    const c = n.value;
    if (typeof c === "object" && c !== null) this.errorf(c.error);
    return this.literal(c, n, n.text.length);
  }

  private evalArg(dot: Val, n: ArgNode): Val {
    this.at = n;
    switch (n.type) {
      case "dot":
        return dot;
      case "nil":
        return { v: null };
      case "field":
        return this.evalFieldNode(dot, n, [n], MISSING);
      case "variable":
        return this.evalVariableNode(dot, n, [], MISSING);
      case "pipe":
        return this.evalPipeline(dot, n);
      case "identifier":
        return this.evalFunction(dot, n, n, [], MISSING);
      case "chain":
        return this.evalChainNode(dot, n, [], MISSING);
      case "bool":
        return { v: n.value };
      case "number":
        return this.numberValue(n);
      case "string":
        return this.literal(n.text, n, n.quoted.length);
    }
  }

  private evalFieldNode(dot: Val, field: FieldNode, args: ArgNode[], final: Val): Val {
    this.at = field;
    return this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  private evalChainNode(dot: Val, chain: ChainNode, args: ArgNode[], final: Val): Val {
    this.at = chain;
    if (chain.node.type === "nil") this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, chain.node);
    this.at = chain;
    return this.evalFieldChain(dot, pipe, chain, chain.field, args, final);
  }

  private evalVariableNode(dot: Val, variable: VariableNode, args: ArgNode[], final: Val): Val {
    this.at = variable;
    const value = this.varValue(variable.ident[0]!);
    if (variable.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, variable, variable.ident.slice(1), args, final);
  }

  private evalFieldChain(dot: Val, receiver: Val, node: AtNode, ident: string[], args: ArgNode[], final: Val): Val {
    let r = receiver;
    for (let i = 0; i < ident.length - 1; i += 1) r = this.evalField(dot, ident[i]!, node, [], MISSING, r);
    return this.evalField(dot, ident[ident.length - 1]!, node, args, final, r);
  }

  private evalField(dot: Val, name: string, node: AtNode, args: ArgNode[], final: Val, receiver: Val): Val {
    this.at = node;
    const rv = receiver.v;
    if (rv === undefined) {
      if (this.shared.missingKey === "error") this.errorf(`nil data; no entry for key ${JSON.stringify(name)}`);
      return MISSING;
    }
    const typ = receiver.iface || rv === null ? "interface {}" : goTypeName(rv);
    if (rv === null) this.errorf(`nil pointer evaluating ${typ}.${name}`);
    const hasArgs = args.length > 1 || final !== MISSING;
    if (rv instanceof Map) {
      // A Go map type with methods (Helm's Files is map[string][]byte with Get, Glob, AsConfig...):
      // an exported method of that name wins over a key, as in Go.
      const method = /^\p{Lu}/u.test(name) ? (rv as unknown as Record<string, unknown>)[name] : undefined;
      if (typeof method === "function") return this.evalCall(dot, method as GoMethod, rv as unknown as GoFields, node, name, args, final);
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
      if (rv.has(name)) return { v: rv.get(name) ?? null, origin: getOrigin(rv, name), iface: true };
      switch (this.shared.missingKey) {
        case "zero":
          return { v: null, iface: true };
        case "error":
          this.errorf(`map has no entry for key ${JSON.stringify(name)}`);
        // falls through (errorf throws)
        default:
          return MISSING;
      }
    }
    if (typeof rv === "object" && !Array.isArray(rv) && !(rv instanceof Uint8Array) && !(rv instanceof TracedString)) {
      const obj = rv as GoFields;
      const exported = /^\p{Lu}/u.test(name);
      const prop = name in obj ? obj[name] : undefined;
      if (exported && typeof prop === "function") {
        return this.evalCall(dot, prop as GoMethod, obj, node, name, args, final);
      }
      if (name in obj && typeof prop !== "function") {
        if (!exported) this.errorf(`${name} is an unexported field of struct type ${typ}`);
        if (hasArgs) this.errorf(`${name} has arguments but cannot be invoked as function`);
        return { v: (prop as GoValue) ?? null, origin: getOrigin(obj, name) };
      }
    }
    this.errorf(`can't evaluate field ${name} in type ${typ}`);
  }

  private evalFunction(dot: Val, node: IdentifierNode, cmd: AtNode, args: ArgNode[], final: Val): Val {
    this.at = node;
    const name = node.name;
    const fn = this.shared.funcs.get(name);
    if (fn) return this.evalCall(dot, fn, undefined, cmd, name, args, final);
    const builtin = BUILTINS.get(name);
    if (!builtin) this.errorf(`${JSON.stringify(name)} is not a defined function`);
    return this.evalBuiltin(dot, name, cmd, args, final);
  }

  private checkArity(name: string, arity: number | undefined, variadic: boolean | undefined, nArgs: number, final: Val): void {
    if (arity === undefined) return;
    const numIn = nArgs + (final !== MISSING ? 1 : 0);
    if (variadic) {
      if (numIn < arity) this.errorf(`wrong number of args for ${name}: want at least ${arity} got ${nArgs}`);
    } else if (numIn !== arity) this.errorf(`wrong number of args for ${name}: want ${arity} got ${numIn}`);
  }

  private evalBuiltin(dot: Val, name: string, cmd: AtNode, argNodes: ArgNode[], final: Val): Val {
    const b = BUILTINS.get(name)!;
    const args = argNodes.slice(1);
    this.checkArity(name, b.arity, b.variadic, args.length, final);
    if (name === "and" || name === "or") {
      let v: Val = MISSING;
      for (const a of args) {
        v = this.evalArg(dot, a);
        if (isTruthy(v.v) === (name === "or")) return v;
      }
      if (final !== MISSING) v = final;
      return v;
    }
    const vals = args.map((a) => this.evalArg(dot, a));
    if (final !== MISSING) vals.push(final);
    if (name === "printf") {
      this.at = args[0] ?? cmd;
      const f = vals[0]!.v;
      const n = args[0];
      if (n && (n.type === "number" || n.type === "bool")) this.errorf(`expected string; found ${nodeString(n)}`);
      if (n && n.type === "nil") this.errorf("cannot assign nil to string");
      if (f === undefined) this.errorf("invalid value; expected string");
      if (typeof f !== "string" && !(f instanceof TracedString)) this.errorf(`wrong type for value; expected string; got ${goTypeName(f)}`);
    }
    try {
      const r = b.fn(vals);
      return this.withOrigin(r.v, r.origin !== undefined ? r.origin : undefined, vals, r.iface);
    } catch (e) {
      this.at = cmd;
      this.rethrowLimit(e);
      this.errorf(`error calling ${name}: ${(e as Error).message}`, e);
    }
  }

  /** A function or method call; `self` is the receiver of a method. */
  private evalCall(dot: Val, fn: GoFunc | GoMethod, self: object | undefined, node: AtNode, name: string, argNodes: ArgNode[], final: Val): Val {
    const args = argNodes.length > 0 ? argNodes.slice(1) : [];
    // Functions and methods declare their Go signature's argument count with `arity` (withArity).
    this.checkArity(name, (fn as GoFunc).arity, (fn as GoFunc).variadic, args.length, final);
    const vals = args.map((a) => this.evalArg(dot, a));
    if (final !== MISSING) vals.push(final);
    this.at = node;
    let result: GoValue | Traced;
    try {
      if (self) {
        result = (fn as GoMethod).apply(self, vals.map((v) => (v.v === undefined ? null : v.v)));
      } else {
        const f = fn as GoFunc;
        const ctx = this.context(vals.map((v, i) => v.v === undefined || (i < args.length && args[i]!.type === "nil")));
        result = f.traced
          ? (f as unknown as (c: FuncContext, ...a: Traced[]) => GoValue | Traced)(ctx, ...vals.map((v) => new Traced(v.v === undefined ? null : v.v, v.origin)))
          : f(ctx, ...vals.map((v) => (v.v === undefined ? null : v.v)));
      }
    } catch (e) {
      this.at = node;
      this.rethrowLimit(e);
      this.errorf(`error calling ${name}: ${(e as Error).message}`, e);
    }
    if (result instanceof Traced) return { v: result.value === undefined ? null : result.value, origin: result.origin };
    return this.withOrigin(result === undefined ? null : result, undefined, vals, false);
  }

  /**
   * The origin of a function's result: its own, else the origin of an argument it returned
   * unchanged, else (one data argument) the origin of the argument its string result contains.
   */
  private withOrigin(v: GoValue, origin: SourceRange | undefined, args: Val[], iface?: boolean): Val {
    const out: Val = { v, ...(iface ? { iface } : {}) };
    if (origin) {
      out.origin = origin;
      return out;
    }
    if (v instanceof TracedString || v === null || v === undefined) return out;
    const prim = typeof v !== "object";
    for (const a of args) {
      if (a.origin && (a.v === v || (prim && a.v instanceof TracedString && a.v.text === v))) {
        out.origin = a.origin;
        if (a.literal) out.literal = true;
        return out;
      }
    }
    if (typeof v === "string") {
      const traced = args.filter((a) => a.origin && !a.literal);
      if (traced.length === 1) {
        const a = traced[0]!;
        const s = typeof a.v === "string" ? a.v : a.v instanceof TracedString ? a.v.text : typeof a.v === "object" ? undefined : formatValue(a.v);
        if (s !== undefined && s.length > 0 && v.includes(s)) out.origin = a.origin;
      }
    }
    return out;
  }

  private context(invalidArgs: boolean[]): FuncContext {
    const shared = this.shared;
    const depth = this.depth;
    const ns = this.ns;
    const checkDepth = (): void => {
      if (depth + 1 > shared.limits.maxDepth) this.limitError(`exceeded maximum template depth (${shared.limits.maxDepth})`);
    };
    return {
      depth,
      limits: shared.limits,
      invalidArgs,
      executeTemplate: (name: string, data: GoValue): TracedString => {
        checkDepth();
        const tree = lookupTree(ns, name);
        if (!tree) throw new Error(`template: no template ${JSON.stringify(name)} associated with template ${JSON.stringify(this.tree.name)}`);
        const dot: Val = { v: data === null ? undefined : data };
        const r = new Executor(tree, ns, shared, depth + 1, dot).run(dot);
        return new TracedString(r.text, r.segments);
      },
      executeText: (text: string, data: GoValue, name: string, origin?: SourceRange): TracedString => {
        checkDepth();
        const o = origin ?? this.actionOrigin ?? { file: this.tree.source.origin.file, line: 1, column: 1 };
        const trees = parseTemplate(name, text, { file: o.file, line: o.line, column: o.column }, { hasFunction: (n) => shared.funcs.has(n) || BUILTINS.has(n), ...(shared.funcKey === undefined ? {} : { functionSetKey: shared.funcKey }) }, false);
        const overlay: Namespace = { trees, parent: ns };
        const tree = trees.get(name)!;
        const dot: Val = { v: data === null ? undefined : data };
        const r = new Executor(tree, overlay, shared, depth + 1, dot).run(dot);
        return new TracedString(r.text, r.segments);
      },
    };
  }
}
