/**
 * Go's text/template, interpreted with limits and provenance (see exec.ts), as Helm uses it:
 *
 *   const set = new TemplateSet({ funcs, missingKey: "zero", limits: { deadline } });
 *   set.parse("mychart/templates/deploy.yaml", text, { file: "charts/mychart/templates/deploy.yaml", line: 1, column: 1 });
 *   const { text, segments } = set.execute("mychart/templates/deploy.yaml", data);
 *
 * Every parsed text shares one namespace of templates (Helm's single template tree): a `define`
 * in any file can be called from any other; a later non-empty definition replaces an earlier one,
 * an empty one never replaces. Functions must be registered before parsing (Go checks function
 * names at parse time). `parse` and `execute` throw a `TemplateError` worded as Go words it.
 */
import type { Segment } from "../../provenance.js";
import { BUILTINS, type Val } from "./builtins.js";
import { TemplateError } from "./errors.js";
import { Executor, lookupTree, type MissingKey, type Namespace, type Shared } from "./exec.js";
import { functionSetKey, isEmptyTree, parseTemplate, type Tree } from "./parse.js";
import type { FuncMap, GoFunc, GoValue, TemplateLimits } from "./values.js";

export { TemplateError } from "./errors.js";
export type { TemplateErrorInfo } from "./errors.js";
export type { MissingKey } from "./exec.js";
export { sprint, sprintf, sprintln } from "./fmt.js";
export { goEq, goLt, htmlEscape, jsEscape, urlQueryEscape } from "./builtins.js";
export * from "./values.js";

export const DEFAULT_TEMPLATE_LIMITS: TemplateLimits = {
  maxDepth: 1000,
  maxOutputChars: 20_000_000,
  maxSteps: 10_000_000,
};

export interface TemplateSetOptions {
  funcs?: FuncMap;
  /** Go's missingkey option: "default"/"invalid" print `<no value>`, "zero" gives nil, "error" fails. */
  missingKey?: MissingKey;
  limits?: Partial<TemplateLimits>;
}

export interface ExecuteResult {
  text: string;
  segments: Segment[];
}

export class TemplateSet {
  private readonly funcs = new Map<string, GoFunc>();
  private readonly ns: Namespace = { trees: new Map() };
  /** Names the current function set, for the parse cache (see ParseOptions.functionSetKey). */
  private funcKey: string | undefined;
  missingKey: MissingKey;
  limits: TemplateLimits;

  constructor(options: TemplateSetOptions = {}) {
    if (options.funcs) this.addFuncs(options.funcs);
    this.missingKey = options.missingKey ?? "default";
    this.limits = { ...DEFAULT_TEMPLATE_LIMITS, ...options.limits };
  }

  /** Registers functions (they override Go's built-ins of the same name, as Go's Funcs do). */
  addFuncs(funcs: FuncMap): this {
    const entries = funcs instanceof Map ? [...funcs.entries()] : Object.entries(funcs as Record<string, GoFunc>);
    for (const [name, fn] of entries) this.funcs.set(name, fn);
    this.funcKey = undefined;
    return this;
  }

  private functionSetKey(): string {
    return (this.funcKey ??= functionSetKey(this.funcs.keys()));
  }

  hasFunction(name: string): boolean {
    return this.funcs.has(name) || BUILTINS.has(name);
  }

  /**
   * Parses `text` as the template `name` (and the templates it defines). `origin` is where the
   * text starts in the repository (a template file: line 1, column 1). Throws a TemplateError.
   */
  parse(name: string, text: string, origin: { file: string; line: number; column: number }): this {
    let trees: Map<string, Tree>;
    try {
      trees = parseTemplate(name, text, origin, { hasFunction: (n) => this.hasFunction(n), functionSetKey: this.functionSetKey() });
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      // Pathological nesting exhausted the host stack: a template error, never a crash.
      throw new TemplateError(`template: ${name}: nesting too deep to parse`, { kind: "limit", templateName: name, file: origin.file });
    }
    for (const [n, tree] of trees) {
      const old = this.ns.trees.get(n);
      if (old && isEmptyTree(tree.root) && !isEmptyTree(old.root)) continue;
      this.ns.trees.set(n, tree);
    }
    return this;
  }

  has(name: string): boolean {
    return lookupTree(this.ns, name) !== undefined;
  }

  /** Names of all templates (files and defines), sorted. */
  names(): string[] {
    return [...this.ns.trees.keys()].sort();
  }

  /** Runs the template `name` with `data` as dot. Throws a TemplateError. */
  execute(name: string, data: GoValue): ExecuteResult {
    const tree: Tree | undefined = lookupTree(this.ns, name);
    if (!tree) {
      throw new TemplateError(`template: no template ${JSON.stringify(name)} associated with template ${JSON.stringify(name)}`, {
        kind: "exec",
        templateName: name,
      });
    }
    const shared: Shared = { funcs: this.funcs, funcKey: this.functionSetKey(), missingKey: this.missingKey, limits: this.limits, steps: 0, written: 0 };
    const dot: Val = { v: data === null ? undefined : data };
    try {
      return new Executor(tree, this.ns, shared, 0, dot).run(dot);
    } catch (e) {
      if (e instanceof TemplateError) throw e;
      if (e instanceof RangeError) {
        // Deep recursion in the host (a pathological template): a template error, never a crash.
        throw new TemplateError(`template: ${name}: template calls nested too deeply (${e.message})`, {
          kind: "limit",
          templateName: name,
          file: tree.source.origin.file,
        });
      }
      throw e;
    }
  }
}
