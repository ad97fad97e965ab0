/**
 * Sprig's dictionary functions (https://masterminds.github.io/sprig/dicts.html). Go maps are
 * JavaScript Maps; `keys` and `values` are unordered in Go (map iteration order is random): here
 * they come in sorted key order, a stable choice among Go's possible answers. `set` and `unset`
 * modify the map they are given, as in Go. Copies carry the origins of their entries.
 */
import { copyOrigin, setOrigin } from "../../provenance.js";
import { tracedFunc, type GoFunc, type GoValue } from "../template/values.js";
import { MAX_DEPTH, argMap, argString, fail, isEmpty, mapParam, plain, strval, typeName } from "./convert.js";
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
    get: (ctx, d, k) => {
      const m = mapParam(ctx, 0, d!);
      const key = s(k!);
      return m.has(key) ? (m.get(key) ?? null) : "";
    },
    set: tracedFunc((ctx, d, k, v) => {
      const dv = unwrapArg(d!);
      if (dv === null && ctx.invalidArgs?.[0]) fail("assignment to entry in nil map");
      const m = argMap(dv);
      const key = s(unwrapArg(k!));
      m.set(key, unwrapArg(v!));
      if (v!.origin) setOrigin(m, key, v!.origin);
      return m;
    }),
    unset: (ctx, d, k) => {
      const m = mapParam(ctx, 0, d!);
      m.delete(s(k!));
      return m;
    },
    hasKey: (ctx, d, k) => mapParam(ctx, 0, d!).has(s(k!)),
    pluck: (ctx, name, ...dicts) => {
      const key = s(name!);
      const out: GoValue[] = [];
      for (const [i, d] of dicts.entries()) {
        const m = mapParam(ctx, i + 1, d);
        if (m.has(key)) {
          copyOrigin(m, key, out, out.length);
          out.push(m.get(key) ?? null);
        }
      }
      return out;
    },
    dig: (_c, ...args) => dig(args.map((a) => (a === undefined ? null : a))),
    merge: (ctx, dst, ...srcs) => {
      const d = mapParam(ctx, 0, dst!);
      for (const [i, src] of srcs.entries()) mergeInto(d, mapParam(ctx, i + 1, src), false);
      return d;
    },
    mustMerge: (ctx, dst, ...srcs) => {
      const d = mapParam(ctx, 0, dst!);
      for (const [i, src] of srcs.entries()) mergeInto(d, mapParam(ctx, i + 1, src), false);
      return d;
    },
    mergeOverwrite: (ctx, dst, ...srcs) => {
      const d = mapParam(ctx, 0, dst!);
      for (const [i, src] of srcs.entries()) mergeInto(d, mapParam(ctx, i + 1, src), true);
      return d;
    },
    mustMergeOverwrite: (ctx, dst, ...srcs) => {
      const d = mapParam(ctx, 0, dst!);
      for (const [i, src] of srcs.entries()) mergeInto(d, mapParam(ctx, i + 1, src), true);
      return d;
    },
    keys: (ctx, ...dicts) => {
      const out: string[] = [];
      for (const [i, d] of dicts.entries()) out.push(...sortedMapKeys(mapParam(ctx, i, d)));
      return out;
    },
    values: (ctx, d) => {
      const m = mapParam(ctx, 0, d!);
      const out: GoValue[] = [];
      for (const k of sortedMapKeys(m)) {
        copyOrigin(m, k, out, out.length);
        out.push(m.get(k) ?? null);
      }
      return out;
    },
    pick: (ctx, d, ...keys) => {
      const m = mapParam(ctx, 0, d!);
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
    omit: (ctx, d, ...keys) => {
      const m = mapParam(ctx, 0, d!);
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
