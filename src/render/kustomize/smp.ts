/**
 * Strategic merge patches as Kustomize v5.5 applies them (see merge-keys.ts for the observed
 * semantics). The patch's nodes keep their origins, so a value a patch sets points at the patch.
 */
import { fieldSchema, type ListField } from "./merge-keys.js";
import { cloneNode, mapGet, type MapNode, type Node, type SeqNode } from "./resource.js";
import { toPlain } from "./resource.js";

export class PatchError extends Error {
  constructor(
    message: string,
    readonly node?: Node,
  ) {
    super(message);
  }
}

const PATCH = "$patch";

function directive(n: Node): string | undefined {
  const d = mapGet(n, PATCH);
  return d?.type === "scalar" && typeof d.value === "string" ? d.value : undefined;
}

/** A copy of a patch node without `$patch` keys (what a new field gets). */
function strip(n: Node): Node {
  if (n.type === "map") {
    return { ...n, entries: n.entries.filter((e) => e.key !== PATCH).map((e) => ({ ...e, value: strip(e.value) })) };
  }
  if (n.type === "seq") {
    return { ...n, items: n.items.filter((i) => !(i.type === "map" && directive(i) !== undefined && i.entries.length === 1)).map(strip) };
  }
  return { ...n };
}

/**
 * Merges `patch` into `target` (both resource roots). Returns undefined when the patch deletes the
 * resource (`$patch: delete`).
 */
export function mergeResource(target: MapNode, patch: MapNode, rootType: string | undefined): MapNode | undefined {
  const d = directive(patch);
  if (d === "delete") return undefined;
  if (d === "replace") return strip(patch) as MapNode;
  return mergeMap(target, patch, rootType);
}

function mergeMap(target: MapNode, patch: MapNode, type: string | undefined): MapNode {
  const d = directive(patch);
  if (d === "replace") return strip(patch) as MapNode;
  if (d === "delete") return { ...target, entries: [] };
  const out: MapNode = { ...target, entries: target.entries.map((e) => ({ ...e })) };
  for (const pe of patch.entries) {
    if (pe.key === PATCH) continue;
    const idx = out.entries.findIndex((e) => e.key === pe.key);
    const pv = pe.value;
    if (pv.type === "scalar" && pv.value === null) {
      if (idx >= 0) out.entries.splice(idx, 1);
      continue;
    }
    if (idx < 0) {
      if (pv.type === "map" && directive(pv) === "delete") continue;
      out.entries.push({ ...pe, value: strip(pv) });
      continue;
    }
    const cur = out.entries[idx]!;
    const schema = fieldSchema(type, pe.key);
    if (cur.value.type === "map" && pv.type === "map") {
      if (directive(pv) === "delete") {
        out.entries.splice(idx, 1);
        continue;
      }
      cur.value = mergeMap(cur.value, pv, schema && "type" in schema ? schema.type : undefined);
    } else if (cur.value.type === "seq" && pv.type === "seq") {
      cur.value = mergeList(cur.value, pv, schema && !("type" in schema) ? schema : undefined);
    } else {
      cur.value = strip(pv);
    }
  }
  return out;
}

function mergeList(target: SeqNode, patch: SeqNode, schema: ListField | undefined): SeqNode {
  const replaceAll = patch.items.some((i) => i.type === "map" && directive(i) === "replace" && i.entries.length === 1);
  if (replaceAll) {
    return { ...patch, items: patch.items.filter((i) => !(i.type === "map" && directive(i) !== undefined && i.entries.length === 1)).map(strip) };
  }
  if (schema?.primitiveMerge) {
    const seen = new Set<string>();
    const items: Node[] = [];
    for (const i of patch.items) {
      const k = JSON.stringify(toPlain(i));
      if (!seen.has(k)) {
        seen.add(k);
        items.push(strip(i));
      }
    }
    for (const i of target.items) {
      const k = JSON.stringify(toPlain(i));
      if (!seen.has(k)) {
        seen.add(k);
        items.push(i);
      }
    }
    return { ...target, items };
  }
  const key = schema?.key;
  if (!key) return strip(patch) as SeqNode;
  const keys = typeof key === "string" ? [key] : key;
  const tuple = (n: Node): (string | number | boolean | null | undefined)[] =>
    keys.map((k) => {
      const v = mapGet(n, k);
      return v?.type === "scalar" ? v.value : undefined;
    });
  const same = (a: unknown[], b: unknown[]): boolean => a[0] !== undefined && a.every((v, i) => v === b[i]);
  // Several list-map keys (ports by containerPort+protocol): a patch item that differs from an
  // existing item only by naming a key the other lacks is dropped, as Kustomize does.
  const conflicting = (a: unknown[], b: unknown[]): boolean =>
    keys.length > 1 && a[0] !== undefined && a[0] === b[0] && !same(a, b) && a.every((v, i) => v === b[i] || v === undefined || b[i] === undefined);
  // Several keys (ports by containerPort+protocol), observed: when some patch item names every
  // key, new items come first (in the patch's order) and matched items merge in place; otherwise
  // the list merges as with one key (the patch's items first). Either way a patch item that
  // differs from an existing one only by naming a key the other lacks is dropped.
  const full = (n: Node): boolean => tuple(n).every((v) => v !== undefined);
  const isDirectiveOnly = (n: Node): boolean => n.type === "map" && directive(n) !== undefined && n.entries.length === 1;
  if (keys.length > 1 && patch.items.some((pi) => pi.type === "map" && !isDirectiveOnly(pi) && full(pi))) {
    const result: (Node | undefined)[] = [...target.items];
    const front: Node[] = [];
    for (const pi of patch.items) {
      if (pi.type !== "map") continue;
      const t = tuple(pi);
      const d = directive(pi);
      const at = result.findIndex((x) => x !== undefined && same(t, tuple(x)));
      if (at >= 0) {
        const orig = result[at]!;
        if (d === "delete") result[at] = undefined;
        else if (d !== "replace" && orig.type === "map") result[at] = mergeMap(orig, pi, schema.items);
        continue;
      }
      if (d === "delete" || target.items.some((x) => conflicting(t, tuple(x)))) continue;
      front.push(strip(pi));
    }
    return { ...target, items: [...front, ...result.filter((x): x is Node => x !== undefined)] };
  }
  const remaining = [...target.items];
  const items: Node[] = [];
  for (const pi of patch.items) {
    if (pi.type !== "map") {
      items.push(strip(pi));
      continue;
    }
    const t = tuple(pi);
    const d = directive(pi);
    const at = remaining.findIndex((x) => same(t, tuple(x)));
    if (d === "delete") {
      if (at >= 0) remaining.splice(at, 1);
      continue;
    }
    if (at >= 0) {
      const orig = remaining.splice(at, 1)[0]!;
      if (d === "replace") items.push(orig);
      else if (orig.type === "map") items.push(mergeMap(orig, pi, schema.items));
      else items.push(strip(pi));
    } else if (!target.items.some((x) => conflicting(t, tuple(x)))) {
      items.push(strip(pi));
    }
  }
  return { ...target, items: [...items, ...remaining] };
}

export { cloneNode };
