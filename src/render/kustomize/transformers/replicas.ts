/**
 * `replicas:` (entries of name and count): spec.replicas of the Deployment, ReplicaSet, StatefulSet
 * or ReplicationController with that name (made when missing), written as a number with the origin
 * of the entry's `count:` value. The name matches the current name or any earlier one (before a
 * prefix or suffix). An entry that matches no resource is an error, as in kubectl kustomize.
 */
import { mapGet, type Node, type Resource, type ScalarNode } from "../resource.js";
import { previousNames, problemAt, resId, str, type TransformContext } from "./context.js";
import { ensureMap } from "./fields.js";

const KINDS = new Set(["Deployment", "ReplicaSet", "StatefulSet", "ReplicationController"]);
const FIELDS = new Set(["name", "count"]);

export function applyReplicas(resources: Resource[], replicas: Node, ctx: TransformContext): void {
  if (replicas.type === "scalar" && replicas.value === null) return;
  if (replicas.type !== "seq") {
    problemAt(ctx, replicas, "replicas must be a list of entries (name, count)");
    return;
  }
  for (const item of replicas.items) {
    if (item.type !== "map") {
      problemAt(ctx, item, "a replicas entry must be a map (name, count)");
      continue;
    }
    const unknown = item.entries.find((e) => !FIELDS.has(e.key));
    if (unknown) {
      problemAt(ctx, unknown.keyOrigin ?? item, `unknown field "${unknown.key}" in a replicas entry (expected name, count)`);
      continue;
    }
    const name = str(mapGet(item, "name"));
    const count = mapGet(item, "count");
    if (!name) {
      problemAt(ctx, item, "a replicas entry needs a name");
      continue;
    }
    if (count?.type !== "scalar" || typeof count.value !== "number" || !Number.isInteger(count.value) || count.value < 0) {
      problemAt(ctx, count ?? item, `replicas: count of "${name}" must be a whole number`);
      continue;
    }
    let matched = false;
    for (const r of resources) {
      const id = resId(r.node);
      if (!KINDS.has(id.kind)) continue;
      if (id.name !== name && !previousNames(r).some((p) => p.name === name)) continue;
      matched = true;
      const spec = ensureMap(r.node, "spec", count.origin);
      if (!spec) continue;
      const value: ScalarNode = { type: "scalar", value: count.value, ...(count.origin ? { origin: count.origin } : {}) };
      const slot = spec.entries.find((e) => e.key === "replicas");
      if (slot) slot.value = value;
      else spec.entries.push({ key: "replicas", value, ...(count.origin ? { keyOrigin: count.origin } : {}) });
    }
    if (!matched) problemAt(ctx, item, `replicas: no Deployment, ReplicaSet, StatefulSet or ReplicationController named "${name}"`);
  }
}
