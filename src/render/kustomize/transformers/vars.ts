/**
 * Legacy `vars:` (deprecated in Kustomize v5 but still common). Each kustomization's declarations
 * are collected (`collectVars`); once, at the top of the build after name references are fixed,
 * `resolveVars` replaces $(NAME) where kubectl kustomize v5.5 does (checked field by field):
 * container `command`, `args`, `env[].value` and `volumeMounts[].mountPath` of every pod template
 * (containers and initContainers; not probes, image, workingDir, subPath, volumes), and in
 * Ingresses the annotation values, rules[].host, tls[].hosts and tls[].secretName (not ConfigMap
 * data, not pod template annotations, not StatefulSet serviceName), plus the `varReference` field
 * specs of `configurations:` files (ctx.config):
 * - the value is the objref resource's field (fieldref.fieldPath, default metadata.name; the
 *   `spec.ports[0].port` form is accepted), read after renames (so a prefixed name is seen);
 * - a string that is exactly "$(NAME)" becomes a copy of the field (a number stays a number) with
 *   the field's origin; inside a longer string the text is substituted and the string keeps its
 *   own origin;
 * - "$$(NAME)" is an escape for a literal "$(NAME)"; an unknown $(NAME) is left as written.
 * A var whose objref matches no resource (or several), or whose field is missing, is a problem at
 * the declaration's line; a name declared twice too.
 */
import { cloneNode, mapGet, type MapNode, type Node, type Resource, type ScalarNode } from "../resource.js";
import { previousNames, problemAt, resId, str, type TransformContext } from "./context.js";
import { podSpecs, specMatches, splitPath, walkPath } from "./fields.js";
import { parsePath } from "./replacements.js";

export interface VarDecl {
  name: string;
  kind: string;
  objName: string;
  apiVersion?: string;
  namespace?: string;
  fieldPath: string;
  /** Where the declaration is, for problems. */
  file: string;
  node: Node;
}

const VAR_FIELDS = new Set(["name", "objref", "fieldref"]);

export function collectVars(vars: Node, ctx: TransformContext): VarDecl[] {
  if (vars.type === "scalar" && vars.value === null) return [];
  if (vars.type !== "seq") {
    problemAt(ctx, vars, "vars must be a list of {name, objref, fieldref}");
    return [];
  }
  const out: VarDecl[] = [];
  for (const item of vars.items) {
    if (item.type !== "map") {
      problemAt(ctx, item, "a vars entry must be a map (name, objref, fieldref)");
      continue;
    }
    for (const e of item.entries) if (!VAR_FIELDS.has(e.key)) problemAt(ctx, e.keyOrigin ?? item, `unknown field "${e.key}" in a vars entry (expected name, objref, fieldref)`);
    const name = str(mapGet(item, "name"));
    const objref = mapGet(item, "objref");
    const kind = str(mapGet(objref, "kind"));
    const objName = str(mapGet(objref, "name"));
    if (!name || !kind || !objName) {
      problemAt(ctx, item, "a vars entry needs a name and an objref with kind and name");
      continue;
    }
    const apiVersion = str(mapGet(objref, "apiVersion"));
    const namespace = str(mapGet(objref, "namespace"));
    out.push({
      name,
      kind,
      objName,
      ...(apiVersion ? { apiVersion } : {}),
      ...(namespace ? { namespace } : {}),
      // Kustomize reads the field case-insensitively ("fieldpath" is common in the wild).
      fieldPath: str(mapGet(mapGet(item, "fieldref"), "fieldPath")) ?? str(mapGet(mapGet(item, "fieldref"), "fieldpath")) ?? "metadata.name",
      file: ctx.file,
      node: item,
    });
  }
  return out;
}

export function resolveVars(resources: Resource[], vars: VarDecl[], ctx: TransformContext): void {
  if (vars.length === 0) return;
  const values = new Map<string, Node>();
  for (const v of vars) {
    const at = { ...ctx, file: v.file };
    if (values.has(v.name)) {
      problemAt(at, v.node, `var "${v.name}" is declared more than once`);
      continue;
    }
    const matches = resources.filter((r) => {
      const id = resId(r.node);
      if (id.kind !== v.kind) return false;
      if (v.apiVersion !== undefined && v.apiVersion !== (id.group ? `${id.group}/${id.version}` : id.version)) return false;
      if (v.namespace !== undefined && v.namespace !== id.namespace && !previousNames(r).some((p) => p.namespace === v.namespace)) return false;
      return id.name === v.objName || previousNames(r).some((p) => p.name === v.objName);
    });
    if (matches.length !== 1) {
      problemAt(at, v.node, `var "${v.name}": objref ${v.kind}/${v.objName} matches ${matches.length === 0 ? "no resource" : `${matches.length} resources`}`);
      continue;
    }
    const field = get(matches[0]!.node, v.fieldPath.replace(/\[(\d+)\]/g, ".$1"));
    if (!field || field.type !== "scalar") {
      problemAt(at, v.node, `var "${v.name}": field "${v.fieldPath}" of ${v.kind}/${v.objName} is missing or not a scalar`);
      continue;
    }
    values.set(v.name, field);
  }
  for (const r of resources) {
    for (const spec of podSpecs(r.node, resId(r.node))) {
      for (const list of ["containers", "initContainers"]) {
        const cs = mapGet(spec, list);
        if (cs?.type !== "seq") continue;
        for (const c of cs.items) {
          if (c.type !== "map") continue;
          for (const key of ["command", "args"]) {
            const seq = mapGet(c, key);
            if (seq?.type === "seq") seq.items = seq.items.map((n) => expand(n, values));
          }
          for (const [listKey, key] of [["env", "value"], ["volumeMounts", "mountPath"]] as const) {
            const list = mapGet(c, listKey);
            if (list?.type !== "seq") continue;
            for (const e of list.items) {
              const slot = e.type === "map" ? e.entries.find((x) => x.key === key) : undefined;
              if (slot) slot.value = expand(slot.value, values);
            }
          }
        }
      }
    }
    const id = resId(r.node);
    if (id.kind === "Ingress") expandIngress(r.node, values);
    for (const spec of ctx.config?.varReference ?? []) {
      if (!specMatches(spec, id)) continue;
      walkPath(r.node, splitPath(spec.path), false, undefined, (parent, key) => {
        const slot = parent.entries.find((e) => e.key === key);
        if (!slot) return;
        if (slot.value.type === "seq") slot.value.items = slot.value.items.map((n) => expand(n, values));
        else slot.value = expand(slot.value, values);
      });
    }
  }
}

/** Ingress: annotation values, rules[].host, tls[].hosts[], tls[].secretName. */
function expandIngress(node: MapNode, values: Map<string, Node>): void {
  const annotations = mapGet(mapGet(node, "metadata"), "annotations");
  if (annotations?.type === "map") for (const e of annotations.entries) e.value = expand(e.value, values);
  const spec = mapGet(node, "spec");
  const rules = mapGet(spec, "rules");
  if (rules?.type === "seq") {
    for (const rule of rules.items) {
      const slot = rule.type === "map" ? rule.entries.find((x) => x.key === "host") : undefined;
      if (slot) slot.value = expand(slot.value, values);
    }
  }
  const tls = mapGet(spec, "tls");
  if (tls?.type !== "seq") return;
  for (const t of tls.items) {
    if (t.type !== "map") continue;
    for (const e of t.entries) {
      if (e.key === "secretName") e.value = expand(e.value, values);
      else if (e.key === "hosts" && e.value.type === "seq") e.value.items = e.value.items.map((h) => expand(h, values));
    }
  }
}

function get(node: Node, path: string): Node | undefined {
  let cur: Node | undefined = node;
  for (const seg of parsePath(path)) {
    if (!cur) return undefined;
    if ("key" in seg) cur = mapGet(cur, seg.key);
    else if ("index" in seg) cur = cur.type === "seq" ? cur.items[seg.index] : undefined;
    else return undefined;
  }
  return cur;
}

function text(n: ScalarNode): string {
  return n.value === null ? "" : String(n.source ?? n.value);
}

function expand(node: Node, values: Map<string, Node>): Node {
  if (node.type !== "scalar" || typeof node.value !== "string" || !node.value.includes("$(")) return node;
  const s = node.value;
  const whole = /^\$\(([A-Za-z_][A-Za-z0-9_]*)\)$/.exec(s);
  if (whole && values.has(whole[1]!)) return cloneNode(values.get(whole[1]!)!);
  const out = s.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name: string | undefined) => {
    if (m === "$$") return "$";
    const v = values.get(name!);
    return v && v.type === "scalar" ? text(v) : m;
  });
  return out === s ? node : { ...node, value: out };
}
