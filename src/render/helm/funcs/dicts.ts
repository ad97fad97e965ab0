/**
 * Sprig's dictionary functions (https://masterminds.github.io/sprig/dicts.html). Go maps are
 * JavaScript Maps; `keys` and `values` are unordered in Go (map iteration order is random): here
 * they come in sorted key order, a stable choice among Go's possible answers. `set` and `unset`
 * modify the map they are given, as in Go. Copies carry the origins of their entries.
 */
import { copyOrigin, setOrigin } from "../../provenance.js";
import { tracedFunc, type GoFunc, type GoValue } from "../template/values.js";
import { MAX_DEPTH, argMap, argString, fail, isEmpty, plain, strval, typeName } from "./convert.js";
import { unwrapArg } from "./trace.js";
import { compareBytes } from "./strings.js";

export function sortedMapKeys(m: Map<string, GoValue>): string[] {
  return [...m.keys()].sort(compareBytes);
}

/** Deep copy of maps and slices (copystructure), keeping origins. */
export function deepCopyValue(v: GoValue, depth = 0): GoValue {
  if (depth > MAX_DEPTH) fail(`deepCopy: value nested deeper than ${MAX_DEPTH} levels`);
  if (v instanceof Map) {
    const out = new Map<string, GoValue>();
    for (const [k, x] of v) {
      out.set(k, deepCopyValue(x, depth + 1));
      copyOrigin(v, k, out, k);
    }
    return out;
  }
  if (Array.isArray(v)) {
    const out = v.map((x) => deepCopyValue(x, depth + 1));
    v.forEach((_, i) => copyOrigin(v, i, out, i));
    return out;
  }
  if (v instanceof Uint8Array) return v.slice();
  return v;
}

/**
 * mergo.Merge (merge) and mergo.Merge with WithOverride (mergeOverwrite) on maps, as Sprig calls
 * them: nested maps merge key by key; a key missing from dst, or whose dst value is empty (nil,
 * "", 0, false, empty list or map), takes src's value; with override a non-empty src value
 * replaces dst's. Slices are replaced, never appended.
 */
export function mergeInto(dst: Map<string, GoValue>, src: Map<string, GoValue>, override: boolean, depth = 0): void {
  if (depth > MAX_DEPTH) fail(`merge: values nested deeper than ${MAX_DEPTH} levels`);
  const take = (k: string, v: GoValue): void => {
    dst.set(k, v);
    copyOrigin(src, k, dst, k);
  };
  for (const [k, raw] of src) {
    const sv = raw ?? null;
    const has = dst.has(k);
    const dv = dst.get(k) ?? null;
    const dstEmpty = !has || isEmpty(plain(dv));
    if (sv === null) {
      if (override) take(k, null);
    } else if (sv instanceof Map) {
      if (dv instanceof Map) mergeInto(dv, sv, override, depth + 1);
      else if (dstEmpty) take(k, sv);
    } else if (override || dstEmpty) take(k, sv);
  }
}

function dig(args: GoValue[]): GoValue {
  if (args.length < 3) fail("dig needs at least three arguments");
  let dict = args[args.length - 1]!;
  const def = args[args.length - 2]!;
  const keys = args.slice(0, -2).map((k) => {
    const p = plain(k);
    if (typeof p !== "string") fail(`interface conversion: interface {} is ${typeName(p)}, not string`);
    return p;
  });
  if (!(dict instanceof Map)) fail(`interface conversion: interface {} is ${typeName(dict)}, not map[string]interface {}`);
  for (let i = 0; i < keys.length; i += 1) {
    const m: Map<string, GoValue> = dict as Map<string, GoValue>;
    if (!m.has(keys[i]!)) return def;
    const step = m.get(keys[i]!) ?? null;
    if (i === keys.length - 1) return step;
    if (!(step instanceof Map)) fail(`interface conversion: interface {} is ${typeName(step)}, not map[string]interface {}`);
    dict = step;
  }
  return def;
}

export function dictFuncs(): Record<string, GoFunc> {
  const s = argString;
  return {
    dict: tracedFunc((_c, ...args) => {
      const m = new Map<string, GoValue>();
      for (let i = 0; i < args.length; i += 2) {
        const key = strval(unwrapArg(args[i]!));
        if (i + 1 >= args.length) {
          m.set(key, "");
          break;
        }
        const arg = args[i + 1]!;
        m.set(key, unwrapArg(arg));
        if (arg.origin) setOrigin(m, key, arg.origin);
      }
      return m;
    }),
    get: (_c, d, k) => {
      const m = argMap(d!);
      const key = s(k!);
      return m.has(key) ? (m.get(key) ?? null) : "";
    },
    set: tracedFunc((_c, d, k, v) => {
      const m = argMap(unwrapArg(d!));
      const key = s(unwrapArg(k!));
      m.set(key, unwrapArg(v!));
      if (v!.origin) setOrigin(m, key, v!.origin);
      return m;
    }),
    unset: (_c, d, k) => {
      const m = argMap(d!);
      m.delete(s(k!));
      return m;
    },
    hasKey: (_c, d, k) => argMap(d!).has(s(k!)),
    pluck: (_c, name, ...dicts) => {
      const key = s(name!);
      const out: GoValue[] = [];
      for (const d of dicts) {
        const m = argMap(d);
        if (m.has(key)) {
          copyOrigin(m, key, out, out.length);
          out.push(m.get(key) ?? null);
        }
      }
      return out;
    },
    dig: (_c, ...args) => dig(args.map((a) => (a === undefined ? null : a))),
    merge: (_c, dst, ...srcs) => {
      const d = argMap(dst!);
      for (const src of srcs) mergeInto(d, argMap(src), false);
      return d;
    },
    mustMerge: (_c, dst, ...srcs) => {
      const d = argMap(dst!);
      for (const src of srcs) mergeInto(d, argMap(src), false);
      return d;
    },
    mergeOverwrite: (_c, dst, ...srcs) => {
      const d = argMap(dst!);
      for (const src of srcs) mergeInto(d, argMap(src), true);
      return d;
    },
    mustMergeOverwrite: (_c, dst, ...srcs) => {
      const d = argMap(dst!);
      for (const src of srcs) mergeInto(d, argMap(src), true);
      return d;
    },
    keys: (_c, ...dicts) => {
      const out: string[] = [];
      for (const d of dicts) out.push(...sortedMapKeys(argMap(d)));
      return out;
    },
    values: (_c, d) => {
      const m = argMap(d!);
      const out: GoValue[] = [];
      for (const k of sortedMapKeys(m)) {
        copyOrigin(m, k, out, out.length);
        out.push(m.get(k) ?? null);
      }
      return out;
    },
    pick: (_c, d, ...keys) => {
      const m = argMap(d!);
      const out = new Map<string, GoValue>();
      for (const k of keys) {
        const key = s(k);
        if (m.has(key)) {
          out.set(key, m.get(key) ?? null);
          copyOrigin(m, key, out, key);
        }
      }
      return out;
    },
    omit: (_c, d, ...keys) => {
      const m = argMap(d!);
      const drop = new Set(keys.map((k) => s(k)));
      const out = new Map<string, GoValue>();
      for (const [k, v] of m) {
        if (drop.has(k)) continue;
        out.set(k, v);
        copyOrigin(m, k, out, k);
      }
      return out;
    },
    deepCopy: (_c, v) => {
      if (v === null || v === undefined) fail("reflect: call of reflect.Value.Type on zero Value");
      return deepCopyValue(v);
    },
    mustDeepCopy: (_c, v) => {
      if (v === null || v === undefined) fail("reflect: call of reflect.Value.Type on zero Value");
      return deepCopyValue(v);
    },
  };
}
