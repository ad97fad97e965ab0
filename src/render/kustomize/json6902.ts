/**
 * JSON patches (RFC 6902) on the node model: add, remove, replace, move, copy and test with JSON
 * pointers (RFC 6901: `~0`, `~1`, `-` for the end of a list). A value an op adds keeps the origins
 * of the op's `value:` node, so the rendered value points at the patch line. Errors carry the op's
 * node so the caller can name the patch file and line; messages follow Kustomize's wording.
 */
import { cloneNode, mapGet, toPlain, type MapNode, type Node } from "./resource.js";
import { PatchError } from "./smp.js";

export interface Op {
  op: string;
  path: string;
  from?: string;
  value?: Node;
  node: MapNode;
}

/** Reads the ops of a JSON patch document (a list of maps). */
export function readOps(doc: Node): Op[] {
  if (doc.type !== "seq") throw new PatchError("a JSON patch must be a list of operations", doc);
  const ops: Op[] = [];
  for (const item of doc.items) {
    if (item.type !== "map") throw new PatchError("a JSON patch operation must be a map", item);
    const op = scalarString(mapGet(item, "op"));
    const path = scalarString(mapGet(item, "path"));
    if (op === undefined) throw new PatchError("JSON patch operation without op", item);
    if (path === undefined) throw new PatchError(`JSON patch operation ${op} without path`, item);
    const from = scalarString(mapGet(item, "from"));
    const value = mapGet(item, "value");
    ops.push({ op, path, node: item, ...(from !== undefined ? { from } : {}), ...(value ? { value } : {}) });
  }
  return ops;
}

function scalarString(n: Node | undefined): string | undefined {
  return n?.type === "scalar" && n.value !== null ? String(n.value) : undefined;
}

function parsePointer(p: string, op: Op): string[] {
  if (p === "") return [];
  if (!p.startsWith("/")) throw new PatchError(`invalid JSON pointer "${p}"`, op.node);
  return p
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

type Container = { parent: Node; key: string };

function locate(root: Node, parts: string[], op: Op, path: string): Container {
  let cur: Node | undefined = root;
  for (let i = 0; i < parts.length - 1; i += 1) {
    cur = child(cur, parts[i]!);
    if (cur === undefined) throw missing(op, path);
  }
  if (cur.type === "scalar") throw missing(op, path);
  return { parent: cur, key: parts[parts.length - 1]! };
}

function child(n: Node, key: string): Node | undefined {
  if (n.type === "map") return mapGet(n, key);
  if (n.type === "seq") {
    if (!/^(0|[1-9][0-9]*)$/.test(key)) return undefined;
    return n.items[Number(key)];
  }
  return undefined;
}

function missing(op: Op, path: string): PatchError {
  return new PatchError(`${op.op} operation does not apply: doc is missing path: ${path}: missing value`, op.node);
}

function get(root: Node, path: string, op: Op): Node {
  const parts = parsePointer(path, op);
  let cur: Node | undefined = root;
  for (const p of parts) {
    cur = cur === undefined ? undefined : child(cur, p);
    if (cur === undefined) throw missing(op, path);
  }
  return cur;
}

function remove(root: Node, path: string, op: Op): Node {
  const parts = parsePointer(path, op);
  if (parts.length === 0) throw new PatchError(`${op.op}: cannot remove the whole document`, op.node);
  const { parent, key } = locate(root, parts, op, path);
  if (parent.type === "map") {
    const i = parent.entries.findIndex((e) => e.key === key);
    if (i < 0) throw missing(op, path);
    return parent.entries.splice(i, 1)[0]!.value;
  }
  if (parent.type !== "seq") throw missing(op, path);
  const idx = /^(0|[1-9][0-9]*)$/.test(key) ? Number(key) : -1;
  if (idx < 0 || idx >= parent.items.length) throw missing(op, path);
  return parent.items.splice(idx, 1)[0]!;
}

function add(root: Node, path: string, value: Node, op: Op, replace: boolean): Node {
  const parts = parsePointer(path, op);
  if (parts.length === 0) return value;
  const { parent, key } = locate(root, parts, op, path);
  const keyOrigin = mapGet(op.node, "value") ? op.node.entries.find((e) => e.key === "value")?.keyOrigin : undefined;
  if (parent.type === "map") {
    const e = parent.entries.find((x) => x.key === key);
    if (replace && !e) throw missing(op, path);
    if (e) e.value = value;
    else parent.entries.push({ key, value, ...(keyOrigin ? { keyOrigin } : {}) });
    return root;
  }
  if (parent.type !== "seq") throw missing(op, path);
  if (key === "-") {
    if (replace) throw missing(op, path);
    parent.items.push(value);
    return root;
  }
  const idx = /^(0|[1-9][0-9]*)$/.test(key) ? Number(key) : -1;
  if (replace) {
    if (idx < 0 || idx >= parent.items.length) throw missing(op, path);
    parent.items[idx] = value;
    return root;
  }
  if (idx < 0 || idx > parent.items.length) {
    throw new PatchError(`add operation does not apply: doc is missing path: ${path}: invalid index`, op.node);
  }
  parent.items.splice(idx, 0, value);
  return root;
}

/** Applies the ops to a copy of `doc`; throws PatchError (with the op's node) on failure. */
export function applyOps(doc: MapNode, ops: Op[]): MapNode {
  let root: Node = cloneNode(doc);
  for (const op of ops) {
    switch (op.op) {
      case "add":
      case "replace": {
        if (!op.value) throw new PatchError(`${op.op} operation without value`, op.node);
        root = add(root, op.path, cloneNode(op.value), op, op.op === "replace");
        break;
      }
      case "remove":
        remove(root, op.path, op);
        break;
      case "move": {
        if (op.from === undefined) throw new PatchError("move operation without from", op.node);
        const v = remove(root, op.from, { ...op, path: op.from });
        root = add(root, op.path, v, op, false);
        break;
      }
      case "copy": {
        if (op.from === undefined) throw new PatchError("copy operation without from", op.node);
        const v = cloneNode(get(root, op.from, op));
        root = add(root, op.path, v, op, false);
        break;
      }
      case "test": {
        const v = get(root, op.path, op);
        const want = op.value ? toPlain(op.value) : null;
        if (JSON.stringify(canonical(toPlain(v))) !== JSON.stringify(canonical(want))) {
          throw new PatchError(`testing value ${op.path} failed: test failed`, op.node);
        }
        break;
      }
      default:
        throw new PatchError(`unexpected JSON patch operation "${op.op}"`, op.node);
    }
  }
  if (root.type !== "map") throw new PatchError("the JSON patch made the resource something other than a map");
  return root;
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = canonical((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}
