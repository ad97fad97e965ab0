/**
 * Calls template functions the way the engine does (traced functions get `Traced` wrappers), turns
 * a call into the Go template expression the oracle evaluates, and puts values in the typed form
 * the oracle prints (tools/go-oracle/sprig-oracle.go).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { helmFuncMap } from "../../../../src/render/helm/funcs/index.js";
import { GoTime, typeName } from "../../../../src/render/helm/funcs/convert.js";
import { Traced, TracedString, formatValue, type FuncContext, type GoFunc, type GoValue } from "../../../../src/render/helm/template/values.js";

export class Call {
  constructor(
    readonly fn: string,
    readonly args: Arg[],
  ) {}
}
export type Arg = GoValue | Call;

export const c = (fn: string, ...args: Arg[]): Call => new Call(fn, args);

export const FUNCS = helmFuncMap({ now: () => Date.UTC(2024, 2, 5, 12, 30, 45) });

export const CTX: FuncContext = {
  executeTemplate: () => {
    throw new Error("no templates here");
  },
  executeText: () => {
    throw new Error("no templates here");
  },
  depth: 0,
  limits: { maxDepth: 100, maxOutputChars: 1_000_000, maxSteps: 1_000_000 },
};

export function invoke(funcs: Record<string, GoFunc>, name: string, args: GoValue[], ctx: FuncContext = CTX): GoValue {
  const f = funcs[name];
  if (!f) throw new Error(`function "${name}" not defined`);
  const out = f.traced ? f(ctx, ...args.map((a) => new Traced(a))) : f(ctx, ...args);
  return out instanceof Traced ? out.value : out;
}

export function evaluate(arg: Arg, funcs: Record<string, GoFunc> = FUNCS): GoValue {
  if (arg instanceof Call) return invoke(funcs, arg.fn, arg.args.map((a) => evaluate(a, funcs)));
  return arg;
}

function goLiteral(v: Arg): string {
  if (v instanceof Call) return `(${goExpr(v)})`;
  if (v === null || v === undefined) return "nil";
  switch (typeof v) {
    case "boolean":
      return String(v);
    case "bigint":
      return v.toString();
    case "number": {
      const s = String(v);
      return /[.e]/.test(s) ? s : `${s}.0`;
    }
    case "string":
      return JSON.stringify(v);
    default:
      break;
  }
  if (v instanceof TracedString) return JSON.stringify(v.text);
  if (Array.isArray(v)) return `(list${v.map((x) => ` ${goLiteral(x)}`).join("")})`;
  if (v instanceof Map) return `(dict${[...v].map(([k, x]) => ` ${JSON.stringify(k)} ${goLiteral(x)}`).join("")})`;
  throw new Error(`no Go literal for ${typeof v}`);
}

export function goExpr(call: Call): string {
  return [call.fn, ...call.args.map(goLiteral)].join(" ");
}

/** The oracle's typed form of a value. */
export function typed(v: GoValue): unknown {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case "boolean":
    case "string":
      return v;
    case "bigint":
      return { int: v.toString() };
    case "number":
      return Number.isNaN(v) ? { float: "NaN" } : v === Infinity ? { float: "+Inf" } : v === -Infinity ? { float: "-Inf" } : { float: v };
    default:
      break;
  }
  if (v instanceof TracedString) return v.text;
  if (v instanceof Uint8Array) return { bytes: Buffer.from(v).toString("base64") };
  if (Array.isArray(v)) return v.map((x) => typed(x));
  if (v instanceof Map) return { map: [...v.keys()].sort().map((k) => [k, typed(v.get(k) ?? null)]) };
  if (v instanceof GoTime) return { other: v.toString(), type: "time.Time" };
  const str = (v as Record<string, unknown>).String;
  // The oracle prints what a pointer points to (its %T has no "*").
  return { other: typeof str === "function" ? String((str as () => string)()) : formatValue(v), type: typeName(v).replace(/^\*/, "") };
}

export interface OracleResult {
  out?: string;
  val?: unknown;
  err?: string;
}

export const GO = process.env.GO_BIN ?? "/usr/bin/go";
export const GOPATH = process.env.SPRIG_GOPATH ?? "/usr/share/gocode";
export const ORACLE = new URL("../../../../tools/go-oracle/sprig-oracle.go", import.meta.url).pathname;

export function oracleAvailable(): boolean {
  return existsSync(GO) && existsSync(`${GOPATH}/src/github.com/Masterminds/sprig`);
}

export function runOracle(exprs: string[]): OracleResult[] {
  const r = spawnSync(GO, ["run", ORACLE], {
    input: JSON.stringify(exprs.map((expr) => ({ expr }))),
    env: { ...process.env, GOPATH, GO111MODULE: "off", TZ: "UTC", GOFLAGS: "" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: 300_000,
  });
  if (r.status !== 0) throw new Error(`oracle failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as OracleResult[];
}

/** Our answer for a call in the oracle's form. */
export function ours(call: Call, funcs: Record<string, GoFunc> = FUNCS): OracleResult {
  try {
    return { val: typed(evaluate(call, funcs)) };
  } catch (e) {
    return { err: (e as Error).message };
  }
}

/**
 * text/template refuses an argument of the wrong type itself; for a literal (`upper 5`) it says
 * "expected string; found 5", for a value "wrong type for value; expected string; got int". Our
 * functions receive values, so they use the second wording: both are the same refusal.
 */
const TEMPLATE_ARG_ERROR = /^template: t:\d+:\d+: executing "t" at <[^>]*>: (expected \w+; found |cannot assign nil to |can't handle )/;
const OUR_ARG_ERROR = /^(wrong type for value; expected |invalid value; expected )/;

/** Whether our answer agrees with Go's (an error agrees when Go's message ends with ours). */
export function agrees(mine: OracleResult, go: OracleResult): boolean {
  if (go.err !== undefined || mine.err !== undefined) {
    if (go.err === undefined || mine.err === undefined) return false;
    if (TEMPLATE_ARG_ERROR.test(go.err) && OUR_ARG_ERROR.test(mine.err)) return true;
    return go.err === mine.err || go.err.endsWith(mine.err);
  }
  return JSON.stringify(mine.val) === JSON.stringify(go.val);
}
