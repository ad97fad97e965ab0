/**
 * Sprig's list functions (https://masterminds.github.io/sprig/lists.html). A "list" argument is
 * any Go slice (a JavaScript array, or []byte); anything else fails with Sprig's message, which
 * the non-must variants raise as a panic and the must variants return as an error (both end the
 * template with that text). Copies keep the origins of their items (provenance side table).
 */
import { copyOrigin, setOrigin } from "../../provenance.js";
import { tracedFunc, type GoFunc, type GoValue } from "../template/values.js";
import { argInt, argIntNumber, deepEqual, fail, isEmpty, kindName, plain, toInt64 } from "./convert.js";
import { unwrapArg } from "./trace.js";

/** The items of a Go slice, or undefined for a non-slice. */
export function sliceItems(v: GoValue): GoValue[] | undefined {
  v = plain(v);
  if (Array.isArray(v)) return v;
  if (v instanceof Uint8Array) return Array.from(v, (b) => BigInt(b));
  return undefined;
}

/** Sprig names the kind of a nil list by dereferencing a nil type: a runtime panic. */
function kindFor(v: GoValue): string {
  if (v === null || v === undefined) fail("runtime error: invalid memory address or nil pointer dereference");
  return kindName(v);
}

function need(v: GoValue, what: string): GoValue[] {
  const items = sliceItems(v);
  if (!items) fail(`Cannot ${what} on type ${kindFor(v)}`);
  return items;
}

/** A new list of `items` taken from `from` at `indexes`, with their origins. */
function pickItems(from: GoValue, indexes: number[]): GoValue[] {
  const src = plain(from);
  const out = indexes.map((i) => (sliceItems(src) as GoValue[])[i]!);
  if (Array.isArray(src)) indexes.forEach((i, j) => copyOrigin(src, i, out, j));
  return out;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function first(v: GoValue): GoValue {
  const items = need(v, "find first");
  return items.length === 0 ? null : items[0]!;
}

function last(v: GoValue): GoValue {
  const items = need(v, "find last");
  return items.length === 0 ? null : items[items.length - 1]!;
}

function rest(v: GoValue): GoValue {
  const items = need(v, "find rest");
  return pickItems(v, range(items.length).slice(1));
}

function initial(v: GoValue): GoValue {
  const items = need(v, "find initial");
  return pickItems(v, range(Math.max(0, items.length - 1)));
}

function push(list: GoValue, item: GoValue, what: string): GoValue[] {
  const items = sliceItems(list);
  if (!items) fail(`Cannot ${what} on type ${kindFor(list)}`);
  const out = pickItems(list, range(items.length));
  out.push(item);
  return out;
}

function prepend(list: GoValue, item: GoValue): GoValue[] {
  const items = sliceItems(list);
  if (!items) fail(`Cannot prepend on type ${kindFor(list)}`);
  const src = plain(list);
  const out = [item, ...items];
  if (Array.isArray(src)) items.forEach((_, i) => copyOrigin(src, i, out, i + 1));
  return out;
}

function reverse(v: GoValue): GoValue[] {
  const items = need(v, "find reverse");
  return pickItems(v, range(items.length).reverse());
}

function compact(v: GoValue): GoValue[] {
  const items = need(v, "compact");
  return pickItems(v, range(items.length).filter((i) => !isEmpty(items[i]!)));
}

function uniq(v: GoValue): GoValue[] {
  const items = need(v, "find uniq");
  const keep: number[] = [];
  items.forEach((x, i) => {
    if (!keep.some((j) => deepEqual(items[j]!, x))) keep.push(i);
  });
  return pickItems(v, keep);
}

function without(v: GoValue, omit: GoValue[]): GoValue[] {
  const items = need(v, "find without");
  return pickItems(v, range(items.length).filter((i) => !omit.some((o) => deepEqual(o, items[i]!))));
}

function has(needle: GoValue, haystack: GoValue): boolean {
  if (haystack === null || haystack === undefined) return false;
  const items = sliceItems(haystack);
  if (!items) fail(`Cannot find has on type ${kindFor(haystack)}`);
  return items.some((x) => deepEqual(x, needle));
}

function slice(list: GoValue, indices: GoValue[]): GoValue[] {
  const items = sliceItems(list);
  if (!items) fail(`list should be type of slice or array but ${kindFor(list)}`);
  const n = items.length;
  if (n === 0) return null as unknown as GoValue[];
  let start = 0;
  let end = n;
  if (indices.length > 0) start = Number(toInt64(indices[0]!));
  if (indices.length > 1) end = Number(toInt64(indices[1]!));
  if (start < 0 || end > n || start > end) fail("reflect.Value.Slice: slice index out of bounds");
  return pickItems(list, range(n).slice(start, end));
}

function chunk(size: number, list: GoValue): GoValue[] {
  const items = sliceItems(list);
  if (!items) fail(`Cannot chunk type ${kindFor(list)}`);
  if (size <= 0) fail("runtime error: integer divide by zero");
  const out: GoValue[] = [];
  for (let i = 0; i < items.length; i += size) out.push(pickItems(list, range(Math.min(size, items.length - i)).map((j) => i + j)));
  return out;
}

function concat(lists: GoValue[]): GoValue[] {
  const out: GoValue[] = [];
  for (const l of lists) {
    const items = sliceItems(l);
    if (!items) fail(`Cannot concat type ${kindFor(l)} as list`);
    const src = plain(l);
    items.forEach((x, i) => {
      if (Array.isArray(src)) copyOrigin(src, i, out, out.length);
      out.push(x);
    });
  }
  return out;
}

/** More items than any chart needs: a list this long is refused rather than exhausting memory. */
const MAX_ITEMS = 1_000_000;

/** Sprig's untilStep: Go ints from start towards stop (exclusive) by step; empty when it cannot reach. */
export function untilStep(start: bigint, stop: bigint, step: bigint): bigint[] {
  const out: bigint[] = [];
  if (step === 0n) return out;
  if (start < stop) {
    if (step < 0n) return out;
    for (let i = start; i < stop; i += step) {
      out.push(i);
      if (out.length > MAX_ITEMS) fail(`untilStep: more than ${MAX_ITEMS} items`);
    }
  } else {
    if (step > 0n) return out;
    for (let i = start; i > stop; i += step) {
      out.push(i);
      if (out.length > MAX_ITEMS) fail(`untilStep: more than ${MAX_ITEMS} items`);
    }
  }
  return out;
}

/** Sprig's seq, as the seq command: "seq 5", "seq 2 5", "seq 0 2 10" (space-separated). */
function seq(params: bigint[]): string {
  switch (params.length) {
    case 0:
      return "";
    case 1: {
      const end = params[0]!;
      return end >= 1n ? untilStep(1n, end + 1n, 1n).join(" ") : untilStep(1n, end - 1n, -1n).join(" ");
    }
    case 2: {
      const [start, end] = params as [bigint, bigint];
      return end >= start ? untilStep(start, end + 1n, 1n).join(" ") : untilStep(start, end - 1n, -1n).join(" ");
    }
    case 3: {
      const [start, step, end] = params as [bigint, bigint, bigint];
      if (end >= start) return step <= 0n ? "" : untilStep(start, end + 1n, step).join(" ");
      return step >= 0n ? "" : untilStep(start, end - 1n, step).join(" ");
    }
    default:
      return "";
  }
}

const panicking = (fn: (...a: GoValue[]) => GoValue): GoFunc => (_c, ...a) => fn(...a.map((x) => (x === undefined ? null : x)));

export function listFuncs(): Record<string, GoFunc> {
  const listFn = tracedFunc((_c, ...args) => {
    const out = args.map((a) => unwrapArg(a));
    args.forEach((a, i) => {
      if (a.origin) setOrigin(out, i, a.origin);
    });
    return out;
  });
  const pushFn = (what: string): GoFunc =>
    tracedFunc((_c, list, item) => {
      const out = push(unwrapArg(list!), unwrapArg(item!), what);
      if (item!.origin) setOrigin(out, out.length - 1, item!.origin);
      return out;
    });
  const prependFn = tracedFunc((_c, list, item) => {
    const out = prepend(unwrapArg(list!), unwrapArg(item!));
    if (item!.origin) setOrigin(out, 0, item!.origin);
    return out;
  });
  return {
    list: listFn,
    tuple: listFn,
    first: panicking((v) => first(v!)),
    mustFirst: panicking((v) => first(v!)),
    last: panicking((v) => last(v!)),
    mustLast: panicking((v) => last(v!)),
    rest: panicking((v) => rest(v!)),
    mustRest: panicking((v) => rest(v!)),
    initial: panicking((v) => initial(v!)),
    mustInitial: panicking((v) => initial(v!)),
    append: pushFn("push"),
    push: pushFn("push"),
    mustAppend: pushFn("push"),
    mustPush: pushFn("push"),
    prepend: prependFn,
    mustPrepend: prependFn,
    concat: panicking((...ls) => concat(ls)),
    reverse: panicking((v) => reverse(v!)),
    mustReverse: panicking((v) => reverse(v!)),
    uniq: panicking((v) => uniq(v!)),
    mustUniq: panicking((v) => uniq(v!)),
    without: panicking((v, ...omit) => without(v!, omit)),
    mustWithout: panicking((v, ...omit) => without(v!, omit)),
    has: panicking((needle, haystack) => has(needle!, haystack!)),
    mustHas: panicking((needle, haystack) => has(needle!, haystack!)),
    compact: panicking((v) => compact(v!)),
    mustCompact: panicking((v) => compact(v!)),
    slice: panicking((v, ...idx) => slice(v!, idx)),
    mustSlice: panicking((v, ...idx) => slice(v!, idx)),
    chunk: panicking((n, v) => chunk(argIntNumber(n!), v!)),
    mustChunk: panicking((n, v) => chunk(argIntNumber(n!), v!)),
    until: panicking((n) => {
      const count = argInt(n!);
      return untilStep(0n, count, count < 0n ? -1n : 1n);
    }),
    untilStep: panicking((a, b, c) => untilStep(argInt(a!), argInt(b!), argInt(c!))),
    seq: panicking((...params) => seq(params.map((p) => argInt(p)))),
  };
}
