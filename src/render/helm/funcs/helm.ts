/**
 * Helm's own template functions (https://helm.sh/docs/chart_template_guide/function_list/ and
 * Helm's engine documentation): include, tpl, required, fail, the YAML/JSON/TOML converters and
 * lookup, which under `helm template` has no cluster to ask and returns an empty map.
 */
import {
  Traced,
  TracedString,
  tracedFunc,
  type GoFunc,
  type GoValue,
} from "../template/values.js";
import { argString, fail, isString } from "./convert.js";
import { JsonSyntaxError, parseGoJson } from "./json.js";
import { fromToml, toToml } from "./toml.js";
import { originOf, unwrapArg } from "./trace.js";
import { YamlError, parseYaml, toYaml, toYamlPretty } from "./yaml.js";

function typeForJson(v: GoValue): string {
  if (Array.isArray(v)) return "array";
  if (v instanceof Map) return "object";
  if (typeof v === "string") return "string";
  if (typeof v === "number") return "number";
  if (typeof v === "boolean") return "bool";
  return "null";
}

export function fromYaml(text: string): Map<string, GoValue> {
  try {
    const v = parseYaml(text);
    if (v === null) return new Map();
    if (!(v instanceof Map)) {
      return new Map<string, GoValue>([["Error", `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${typeForJson(v)} into Go value of type map[string]interface {}`]]);
    }
    return v;
  } catch (e) {
    if (e instanceof YamlError) return new Map<string, GoValue>([["Error", e.message]]);
    throw e;
  }
}

export function fromYamlArray(text: string): GoValue[] {
  try {
    const v = parseYaml(text);
    if (v === null) return [];
    if (!Array.isArray(v)) return [`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${typeForJson(v)} into Go value of type []interface {}`];
    return v;
  } catch (e) {
    if (e instanceof YamlError) return [e.message];
    throw e;
  }
}

export function fromJson(text: string): Map<string, GoValue> {
  try {
    const v = parseGoJson(text);
    if (v === null) return new Map();
    if (!(v instanceof Map)) return new Map<string, GoValue>([["Error", `json: cannot unmarshal ${typeForJson(v)} into Go value of type map[string]interface {}`]]);
    return v;
  } catch (e) {
    if (e instanceof JsonSyntaxError) return new Map<string, GoValue>([["Error", e.message]]);
    throw e;
  }
}

export function fromJsonArray(text: string): GoValue[] {
  try {
    const v = parseGoJson(text);
    if (v === null) return [];
    if (!Array.isArray(v)) return [`json: cannot unmarshal ${typeForJson(v)} into Go value of type []interface {}`];
    return v;
  } catch (e) {
    if (e instanceof JsonSyntaxError) return [e.message];
    throw e;
  }
}

/** Sprig's fromJson (mustFromJson errors; the lenient one gives nil on bad input). */
function sprigFromJson(text: string, strict: boolean): GoValue {
  try {
    return parseGoJson(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) return strict ? fail(e.message) : null;
    throw e;
  }
}

export function helmFuncs(): Record<string, GoFunc> {
  return {
    include: (ctx, name, data) => ctx.executeTemplate(argString(name!), data === undefined ? null : data),
    tpl: tracedFunc((ctx, text, data) => {
      const t = unwrapArg(text!);
      const s = argString(t);
      return ctx.executeText(s, unwrapArg(data!), "tpl", originOf(text));
    }),
    required: tracedFunc((_ctx, warn, value) => {
      const message = argString(unwrapArg(warn!));
      const v = unwrapArg(value!);
      if (v === null || (isString(v) && (v instanceof TracedString ? v.text : v) === "")) fail(message);
      return value!.origin ? new Traced(v, value!.origin) : v;
    }),
    fail: (_ctx, message) => fail(argString(message!)),
    toYaml: (_ctx, v) => toYaml(v ?? null),
    toYamlPretty: (_ctx, v) => toYamlPretty(v ?? null),
    fromYaml: (_ctx, s) => fromYaml(argString(s!)),
    fromYamlArray: (_ctx, s) => fromYamlArray(argString(s!)),
    fromJson: (_ctx, s) => fromJson(argString(s!)),
    fromJsonArray: (_ctx, s) => fromJsonArray(argString(s!)),
    mustFromJson: (_ctx, s) => sprigFromJson(argString(s!), true),
    toToml: (_ctx, v) => toToml(v ?? null),
    fromToml: (_ctx, s) => fromToml(argString(s!)),
    lookup: (_ctx, apiVersion, kind, namespace, name) => {
      for (const a of [apiVersion, kind, namespace, name]) argString(a ?? null);
      return new Map<string, GoValue>();
    },
  };
}
