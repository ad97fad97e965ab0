/**
 * Patch targets (`target:` of `patches:` and `patchesJson6902:`): group, version, kind, name and
 * namespace are anchored regular expressions (Kustomize wraps them in ^...$), labelSelector and
 * annotationSelector use Kubernetes' label selector syntax (`a=b`, `a==b`, `a!=b`, `a in (x,y)`,
 * `a notin (x)`, `a`, `!a`, comma-separated, all must hold).
 */
import { mapGet, type MapNode, type Node } from "./resource.js";

export interface Target {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

export interface Identity {
  group: string;
  version: string;
  kind: string;
  name: string;
  namespace: string;
}

export class SelectorError extends Error {}

export function readTarget(n: Node): Target {
  if (n.type !== "map") throw new SelectorError("target must be a map");
  const t: Target = {};
  for (const e of n.entries) {
    if (!["group", "version", "kind", "name", "namespace", "labelSelector", "annotationSelector"].includes(e.key)) {
      throw new SelectorError(`unknown field "${e.key}" in target`);
    }
    if (e.value.type !== "scalar") throw new SelectorError(`target ${e.key} must be a string`);
    if (e.value.value === null) continue;
    (t as Record<string, string>)[e.key] = String(e.value.value);
  }
  return t;
}

function anchored(re: string): RegExp {
  try {
    return new RegExp(`^(?:${re})$`);
  } catch {
    throw new SelectorError(`invalid regular expression "${re}" in target`);
  }
}

export interface CompiledTarget {
  matches(id: Identity, node: MapNode, previous?: readonly { name: string; namespace: string }[]): boolean;
}

export function compileTarget(t: Target): CompiledTarget {
  const res: [keyof Identity, RegExp][] = [];
  for (const k of ["group", "version", "kind", "name", "namespace"] as const) {
    const v = t[k];
    if (v !== undefined && v !== "") res.push([k, anchored(v)]);
  }
  const labels = t.labelSelector ? parseSelector(t.labelSelector) : undefined;
  const annotations = t.annotationSelector ? parseSelector(t.annotationSelector) : undefined;
  return {
    matches(id, node, previous = []) {
      for (const [k, re] of res) {
        if (k === "name" || k === "namespace") continue;
        if (!re.test(id[k])) return false;
      }
      const nameRe = res.find(([k]) => k === "name")?.[1];
      const nsRe = res.find(([k]) => k === "namespace")?.[1];
      const candidates = [{ name: id.name, namespace: id.namespace }, ...previous];
      if (!candidates.some((c) => (!nameRe || nameRe.test(c.name)) && (!nsRe || nsRe.test(c.namespace)))) return false;
      if (labels && !labels(stringMap(mapGet(mapGet(node, "metadata"), "labels")))) return false;
      if (annotations && !annotations(stringMap(mapGet(mapGet(node, "metadata"), "annotations")))) return false;
      return true;
    },
  };
}

function stringMap(n: Node | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (n?.type === "map") for (const e of n.entries) if (e.value.type === "scalar") out.set(e.key, String(e.value.value ?? ""));
  return out;
}

type Requirement = (m: Map<string, string>) => boolean;

/** Parses a Kubernetes label selector into a predicate; throws SelectorError when malformed. */
export function parseSelector(sel: string): (m: Map<string, string>) => boolean {
  const reqs: Requirement[] = [];
  // Split on commas outside parentheses.
  const parts: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of sel) {
    if (ch === "(") depth += 1;
    if (ch === ")") depth -= 1;
    if (ch === "," && depth === 0) {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  parts.push(cur);
  for (const raw of parts) {
    const p = raw.trim();
    if (p === "") continue;
    let m: RegExpExecArray | null;
    if ((m = /^([^\s!=()]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(p))) {
      const key = m[1]!;
      const set = new Set(m[3]!.split(",").map((s) => s.trim()).filter((s) => s !== ""));
      const neg = m[2] === "notin";
      reqs.push((l) => (neg ? !l.has(key) || !set.has(l.get(key)!) : l.has(key) && set.has(l.get(key)!)));
    } else if ((m = /^([^\s!=()]+)\s*!=\s*([^\s!=()]*)$/.exec(p))) {
      const [, key, value] = m as unknown as [string, string, string];
      reqs.push((l) => !l.has(key) || l.get(key) !== value);
    } else if ((m = /^([^\s!=()]+)\s*==?\s*([^\s!=()]*)$/.exec(p))) {
      const [, key, value] = m as unknown as [string, string, string];
      reqs.push((l) => l.get(key) === value);
    } else if ((m = /^!\s*([^\s!=()]+)$/.exec(p))) {
      const key = m[1]!;
      reqs.push((l) => !l.has(key));
    } else if ((m = /^([^\s!=()]+)$/.exec(p))) {
      const key = m[1]!;
      reqs.push((l) => l.has(key));
    } else {
      throw new SelectorError(`invalid selector "${sel}"`);
    }
  }
  return (m) => reqs.every((r) => r(m));
}
