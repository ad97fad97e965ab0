/**
 * `replacements:` as Kustomize v5.5 runs them (checked against kubectl kustomize):
 * - an entry is inline (`source` + `targets`) or `path: file.yaml` holding one replacement or a
 *   list of them (read through ctx.readYaml, relative to the kustomization);
 * - `source` selects exactly one resource by group, version, kind, name (current or earlier name,
 *   so a base's name still works after a prefix) and namespace; `fieldPath` defaults to
 *   metadata.name; options.delimiter + options.index take one part of the value;
 * - each target's `select` picks resources (also by labelSelector / annotationSelector, equality
 *   forms), minus any `reject`; each of its `fieldPaths` is set; options.create makes missing maps;
 *   options.delimiter + index replace one part of the existing string;
 * - field paths: dot-separated keys, `[key.with.dots]`, `[name=value]` to pick a list item, a
 *   number for a list index, `*` for every item.
 * Errors as kustomize: a source that selects nothing or several resources, a source field that is
 * missing, a target field that is missing without create. Each becomes a problem at the entry's line.
 *
 * A scalar written into a target that held a string stays a string; anywhere else its text is typed
 * as YAML reads it ("3" into spec.replicas is 3), as kubectl kustomize prints it.
 *
 * Origins: the value written is a copy of the source node and keeps the source's origin (the line
 * that really sets it); a value built with a delimiter keeps the source scalar's origin too.
 */
import { joinPath } from "../../../source/view.js";
import { cloneNode, mapGet, type MapNode, type Node, type Resource, type ScalarNode } from "../resource.js";
import { pastDeadline, previousNames, problemAt, resId, str, type TransformContext } from "./context.js";

const REPLACEMENT_FIELDS = new Set(["source", "targets", "path"]);
const SOURCE_FIELDS = new Set(["group", "version", "kind", "name", "namespace", "fieldPath", "options"]);
const SELECT_FIELDS = new Set(["group", "version", "kind", "name", "namespace", "labelSelector", "annotationSelector"]);
const TARGET_FIELDS = new Set(["select", "reject", "fieldPaths", "options"]);
const OPTION_FIELDS = new Set(["delimiter", "index", "create"]);

export async function applyReplacements(resources: Resource[], replacements: Node, ctx: TransformContext): Promise<void> {
  if (replacements.type === "scalar" && replacements.value === null) return;
  if (replacements.type !== "seq") {
    problemAt(ctx, replacements, "replacements must be a list");
    return;
  }
  for (const item of replacements.items) {
    if (pastDeadline(ctx)) {
      problemAt(ctx, item, "replacements: time limit reached; stopped here");
      return;
    }
    if (item.type !== "map") {
      problemAt(ctx, item, "a replacements entry must be a map (source and targets, or path)");
      continue;
    }
    const path = mapGet(item, "path");
    if (path) {
      for (const r of await loadFile(path, ctx)) runOne(resources, r.node, { ...ctx, file: r.file });
      continue;
    }
    runOne(resources, item, ctx);
  }
}

async function loadFile(pathNode: Node, ctx: TransformContext): Promise<{ node: MapNode; file: string }[]> {
  const rel = str(pathNode);
  const path = rel === undefined ? undefined : joinPath(ctx.dir, rel);
  if (path === undefined) {
    problemAt(ctx, pathNode, "replacements: path must be a file inside the repository");
    return [];
  }
  if (!ctx.readYaml) {
    problemAt(ctx, pathNode, `replacements: cannot read "${rel}" (no YAML reader)`);
    return [];
  }
  const docs = await ctx.readYaml(path);
  if (!docs) {
    problemAt(ctx, pathNode, `replacements: file "${rel}" not found`);
    return [];
  }
  const out: { node: MapNode; file: string }[] = [];
  for (const d of docs) {
    if (d.type === "map") out.push({ node: d, file: path });
    else if (d.type === "seq") for (const x of d.items) {
      if (x.type === "map") out.push({ node: x, file: path });
      else problemAt({ ...ctx, file: path }, x, "a replacement must be a map (source, targets)");
    }
  }
  return out;
}

interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labels?: Req[];
  annotations?: Req[];
}

interface Req {
  key: string;
  op: "=" | "!=" | "exists" | "!exists";
  value?: string;
}

interface Options {
  delimiter?: string;
  index: number;
  create: boolean;
}

function runOne(resources: Resource[], entry: MapNode, ctx: TransformContext): void {
  for (const e of entry.entries) if (!REPLACEMENT_FIELDS.has(e.key)) problemAt(ctx, e.keyOrigin ?? entry, `unknown field "${e.key}" in a replacement (expected source, targets)`);
  const sourceNode = mapGet(entry, "source");
  if (sourceNode?.type !== "map") {
    problemAt(ctx, sourceNode ?? entry, "a replacement needs a source map (kind, name, fieldPath...)");
    return;
  }
  for (const e of sourceNode.entries) if (!SOURCE_FIELDS.has(e.key)) problemAt(ctx, e.keyOrigin ?? sourceNode, `unknown field "${e.key}" in a replacement source`);
  const sel = readSelector(sourceNode, ctx);
  const fieldPath = str(mapGet(sourceNode, "fieldPath")) ?? "metadata.name";
  const sourceOptions = readOptions(mapGet(sourceNode, "options"), ctx);
  const matches = resources.filter((r) => selects(sel, r));
  if (matches.length !== 1) {
    problemAt(ctx, sourceNode, matches.length === 0 ? `replacement source ${describe(sel)} selects no resource` : `replacement source ${describe(sel)} selects ${matches.length} resources; it must select one`);
    return;
  }
  const found = resolve(matches[0]!.node, parsePath(fieldPath), false);
  if (!found.ok || found.slots.length === 0) {
    problemAt(ctx, mapGet(sourceNode, "fieldPath") ?? sourceNode, `replacement source ${describe(sel)}: field "${fieldPath}" is missing`);
    return;
  }
  let value: Node = found.slots[0]!.get();
  if (sourceOptions.delimiter !== undefined) {
    if (value.type !== "scalar") {
      problemAt(ctx, sourceNode, `replacement source ${describe(sel)}: options.delimiter needs a string value at "${fieldPath}"`);
      return;
    }
    const parts = scalarText(value).split(sourceOptions.delimiter);
    const part = parts[sourceOptions.index];
    if (part === undefined) {
      problemAt(ctx, sourceNode, `replacement source ${describe(sel)}: options.index ${sourceOptions.index} is out of range`);
      return;
    }
    value = { type: "scalar", value: part, ...(value.origin ? { origin: value.origin } : {}) };
  }

  const targets = mapGet(entry, "targets");
  if (targets?.type !== "seq") {
    problemAt(ctx, targets ?? entry, "a replacement needs a list of targets");
    return;
  }
  for (const t of targets.items) {
    if (t.type !== "map") {
      problemAt(ctx, t, "a replacement target must be a map (select, reject, fieldPaths, options)");
      continue;
    }
    for (const e of t.entries) if (!TARGET_FIELDS.has(e.key)) problemAt(ctx, e.keyOrigin ?? t, `unknown field "${e.key}" in a replacement target`);
    const selectNode = mapGet(t, "select");
    if (selectNode?.type !== "map") {
      problemAt(ctx, selectNode ?? t, "a replacement target needs a select map");
      continue;
    }
    const select = readSelector(selectNode, ctx);
    const rejectNode = mapGet(t, "reject");
    const rejects = rejectNode?.type === "seq" ? rejectNode.items.filter((x): x is MapNode => x.type === "map").map((x) => readSelector(x, ctx)) : [];
    const options = readOptions(mapGet(t, "options"), ctx);
    const paths = mapGet(t, "fieldPaths");
    const pathList = paths?.type === "seq" ? paths.items.map((p) => ({ node: p, text: str(p) })) : [];
    if (pathList.length === 0) {
      problemAt(ctx, paths ?? t, "a replacement target needs fieldPaths");
      continue;
    }
    for (const r of resources) {
      if (!selects(select, r) || rejects.some((x) => selects(x, r))) continue;
      for (const p of pathList) {
        if (!p.text) {
          problemAt(ctx, p.node, "a field path must be a string");
          continue;
        }
        const res = resolve(r.node, parsePath(p.text), options.create);
        if (!res.ok || res.slots.length === 0) {
          problemAt(ctx, p.node, `replacement target ${resId(r.node).kind}/${resId(r.node).name}: field "${p.text}" not found (set options.create to make it)`);
          continue;
        }
        for (const slot of res.slots) {
          if (options.delimiter !== undefined) {
            const current = slot.get();
            if (current && current.type !== "scalar") {
              problemAt(ctx, p.node, `replacement target: options.delimiter needs a string at "${p.text}"`);
              continue;
            }
            const parts = current ? scalarText(current).split(options.delimiter) : [""];
            if (options.index < 0 || options.index > parts.length) {
              problemAt(ctx, p.node, `replacement target: options.index ${options.index} is out of range`);
              continue;
            }
            parts[options.index] = value.type === "scalar" ? scalarText(value) : "";
            slot.set(typedLike(current, parts.join(options.delimiter), value.origin));
          } else if (value.type === "scalar") slot.set(typedLike(slot.get(), scalarText(value), value.origin));
          else slot.set(cloneNode(value));
        }
      }
    }
  }
}

/**
 * The scalar written into a target, typed as kubectl kustomize does: a target that held a string
 * stays a string; otherwise the text is read again as YAML would read it (so "3" copied from a
 * ConfigMap into spec.replicas is the number 3, "true" into spec.paused the boolean).
 */
function typedLike(current: Node | undefined, text: string, origin: ScalarNode["origin"]): ScalarNode {
  const o = origin ? { origin } : {};
  if (current?.type === "scalar" && typeof current.value === "string") return { type: "scalar", value: text, ...o };
  if (/^[-+]?(0|[1-9][0-9]*)$/.test(text)) return { type: "scalar", value: Number(text), source: text, ...o };
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(text)) return { type: "scalar", value: Number(text), source: text, ...o };
  if (text === "true" || text === "false") return { type: "scalar", value: text === "true", ...o };
  if (text === "null" || text === "~") return { type: "scalar", value: null, ...o };
  return { type: "scalar", value: text, ...o };
}

function scalarText(n: Node): string {
  return n.type === "scalar" && n.value !== null ? String((n as ScalarNode).source ?? n.value) : "";
}

function readSelector(node: MapNode, ctx: TransformContext): Selector {
  const out: Selector = {};
  for (const e of node.entries) {
    if (e.key === "fieldPath" || e.key === "options") continue;
    if (!SELECT_FIELDS.has(e.key)) {
      if (!SOURCE_FIELDS.has(e.key)) problemAt(ctx, e.keyOrigin ?? node, `unknown field "${e.key}" in a replacement selector`);
      continue;
    }
    const v = str(e.value);
    if (v === undefined) continue;
    if (e.key === "labelSelector") out.labels = parseSelector(v);
    else if (e.key === "annotationSelector") out.annotations = parseSelector(v);
    else out[e.key as "group" | "version" | "kind" | "name" | "namespace"] = v;
  }
  return out;
}

function parseSelector(text: string): Req[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s): Req => {
      const ne = s.indexOf("!=");
      if (ne > 0) return { key: s.slice(0, ne).trim(), op: "!=", value: s.slice(ne + 2).trim() };
      const eq = s.indexOf("=");
      if (eq > 0) return { key: s.slice(0, eq).trim(), op: "=", value: s.slice(eq + 1).replace(/^=/, "").trim() };
      if (s.startsWith("!")) return { key: s.slice(1).trim(), op: "!exists" };
      return { key: s, op: "exists" };
    });
}

function selects(sel: Selector, r: Resource): boolean {
  const id = resId(r.node);
  if (sel.kind !== undefined && sel.kind !== id.kind) return false;
  if (sel.group !== undefined && sel.group !== id.group) return false;
  if (sel.version !== undefined && sel.version !== id.version) return false;
  if (sel.name !== undefined && sel.name !== id.name && !previousNames(r).some((p) => p.name === sel.name)) return false;
  if (sel.namespace !== undefined && sel.namespace !== id.namespace && !previousNames(r).some((p) => p.namespace === sel.namespace)) return false;
  const meta = mapGet(r.node, "metadata");
  if (sel.labels && !matchReqs(sel.labels, mapGet(meta, "labels"))) return false;
  if (sel.annotations && !matchReqs(sel.annotations, mapGet(meta, "annotations"))) return false;
  return true;
}

function matchReqs(reqs: Req[], map: Node | undefined): boolean {
  return reqs.every((q) => {
    const v = str(mapGet(map, q.key));
    if (q.op === "exists") return v !== undefined;
    if (q.op === "!exists") return v === undefined;
    if (q.op === "=") return v === q.value;
    return v !== q.value;
  });
}

function describe(sel: Selector): string {
  return `${sel.kind ?? "*"}/${sel.name ?? "*"}${sel.namespace ? ` in ${sel.namespace}` : ""}`;
}

function readOptions(node: Node | undefined, ctx: TransformContext): Options {
  const out: Options = { index: 0, create: false };
  if (!node) return out;
  if (node.type !== "map") {
    problemAt(ctx, node, "replacement options must be a map (delimiter, index, create)");
    return out;
  }
  for (const e of node.entries) {
    if (!OPTION_FIELDS.has(e.key)) {
      problemAt(ctx, e.keyOrigin ?? node, `unknown field "${e.key}" in replacement options`);
      continue;
    }
    const v = e.value;
    if (e.key === "delimiter") out.delimiter = str(v) ?? "";
    else if (e.key === "index") {
      if (v.type === "scalar" && typeof v.value === "number" && Number.isInteger(v.value)) out.index = v.value;
      else problemAt(ctx, v, "options.index must be a whole number");
    } else if (v.type === "scalar" && typeof v.value === "boolean") out.create = v.value;
    else problemAt(ctx, v, "options.create must be true or false");
  }
  return out;
}

type Segment = { key: string } | { match: string; value: string } | { index: number } | { all: true };

/** Splits a field path: dots separate segments except inside [ ]. */
export function parsePath(path: string): Segment[] {
  const raw: string[] = [];
  let cur = "";
  let depth = 0;
  for (const c of path) {
    if (c === "[") depth += 1;
    if (c === "]") depth = Math.max(0, depth - 1);
    if (c === "." && depth === 0) {
      raw.push(cur);
      cur = "";
    } else cur += c;
  }
  raw.push(cur);
  return raw
    .filter((s) => s !== "")
    .map((s): Segment => {
      if (s.startsWith("[") && s.endsWith("]")) {
        const inner = s.slice(1, -1);
        const eq = inner.indexOf("=");
        return eq > 0 ? { match: inner.slice(0, eq), value: inner.slice(eq + 1) } : { key: inner };
      }
      if (s === "*") return { all: true };
      if (/^\d+$/.test(s)) return { index: Number(s) };
      return { key: s };
    });
}

interface Slot {
  get(): Node;
  set(n: Node): void;
}

/** The places a path leads to; with create, missing map keys are made (not list items). */
function resolve(root: Node, path: Segment[], create: boolean): { ok: boolean; slots: Slot[] } {
  const slots: Slot[] = [];
  let ok = true;
  const walk = (node: Node, i: number, set: (n: Node) => void): void => {
    if (i === path.length) {
      let current = node;
      slots.push({ get: () => current, set: (n) => ((current = n), set(n)) });
      return;
    }
    const seg = path[i]!;
    if ("key" in seg) {
      if (node.type === "seq" && /^\d+$/.test(seg.key)) return walk(node, i, set);
      if (node.type !== "map") {
        if (create && node.type === "scalar" && node.value === null) {
          const made: MapNode = { type: "map", entries: [] };
          set(made);
          return walk(made, i, (n) => set(n));
        }
        ok = false;
        return;
      }
      const e = node.entries.find((x) => x.key === seg.key);
      if (!e) {
        if (!create) {
          ok = false;
          return;
        }
        const made: Node = i === path.length - 1 ? { type: "scalar", value: null } : { type: "map", entries: [] };
        const entry: { key: string; value: Node } = { key: seg.key, value: made };
        node.entries.push(entry);
        return walk(made, i + 1, (n) => (entry.value = n));
      }
      return walk(e.value, i + 1, (n) => (e.value = n));
    }
    if (node.type !== "seq") {
      if ("all" in seg && node.type === "map") {
        for (const e of node.entries) walk(e.value, i + 1, (n) => (e.value = n));
        return;
      }
      ok = false;
      return;
    }
    if ("index" in seg) {
      const idx = seg.index;
      if (idx >= node.items.length) {
        ok = false;
        return;
      }
      return walk(node.items[idx]!, i + 1, (n) => (node.items[idx] = n));
    }
    if ("all" in seg) {
      node.items.forEach((item, idx) => walk(item, i + 1, (n) => (node.items[idx] = n)));
      return;
    }
    let any = false;
    node.items.forEach((item, idx) => {
      if (str(mapGet(item, seg.match)) === seg.value) {
        any = true;
        walk(item, i + 1, (n) => (node.items[idx] = n));
      }
    });
    if (!any) ok = false;
  };
  walk(root, 0, () => undefined);
  return { ok, slots };
}
