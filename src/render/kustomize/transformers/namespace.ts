/**
 * `namespace:` as Kustomize v5.5 applies it (checked against kubectl kustomize):
 * - every resource of a namespaced kind (custom resources included) gets metadata.namespace, made
 *   when missing, replaced when set;
 * - cluster-scoped kinds are left alone, except Namespace objects, which are renamed to the value;
 * - subjects of kind ServiceAccount in RoleBindings and ClusterRoleBindings get the namespace when
 *   they name a ServiceAccount of the build (same name, and the same namespace before the change,
 *   an unset namespace counting as "default" on both sides).
 * - the service of a webhook (Validating/MutatingWebhookConfiguration), an APIService or a CRD's
 *   conversion webhook follows when it names a Service of the build (same name and namespace).
 * Every namespace written carries the origin of the `namespace:` value.
 */
import { mapGet, type MapNode, type Resource, type ScalarNode } from "../resource.js";
import { problemAt, recordPreviousName, resId, str, type TransformContext } from "./context.js";
import { ensureMap, isClusterScoped, walkPath } from "./fields.js";

export function applyNamespace(resources: Resource[], value: ScalarNode, ctx: TransformContext): void {
  if (value.type !== "scalar" || value.value === null || typeof value.value === "object") {
    problemAt(ctx, value, "namespace must be a string");
    return;
  }
  const ns = String(value.value);
  if (ns === "") return;
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(ns)) {
    problemAt(ctx, value, `namespace "${ns}" is not a valid namespace name`, "warning");
  }
  const origin = value.origin;
  // ServiceAccounts of the build, by "namespace/name" before the change.
  const accounts = new Set<string>();
  for (const r of resources) {
    const id = resId(r.node);
    if (id.kind === "ServiceAccount" && id.group === "") accounts.add(`${normNs(id.namespace)}/${id.name}`);
  }
  const services = new Set<string>();
  for (const r of resources) {
    const id = resId(r.node);
    if (id.kind === "Service" && id.group === "") services.add(`${normNs(id.namespace)}/${id.name}`);
  }
  for (const r of resources) {
    const id = resId(r.node);
    for (const path of SERVICE_REFS[id.kind] ?? []) {
      walkPath(r.node, path, false, undefined, (parent, key) => {
        const ref = mapGet(parent, key);
        if (ref?.type !== "map") return;
        const name = str(mapGet(ref, "name")) ?? "";
        if (services.has(`${normNs(str(mapGet(ref, "namespace")) ?? "")}/${name}`)) setScalar(ref, "namespace", ns, value);
      });
    }
    const meta = ensureMap(r.node, "metadata", origin);
    if (!meta) continue;
    if (id.kind === "RoleBinding" || id.kind === "ClusterRoleBinding") updateSubjects(r.node, accounts, ns, value);
    if (id.kind === "Namespace" && id.group === "") {
      if (id.name !== ns) {
        recordPreviousName(r, id.name, id.namespace);
        setScalar(meta, "name", ns, value);
      }
      continue;
    }
    if (isClusterScoped(id.kind)) continue;
    if (id.namespace !== ns) recordPreviousName(r, id.name, id.namespace);
    setScalar(meta, "namespace", ns, value);
  }
}

/** Where cluster-scoped objects name a Service with its namespace. */
const SERVICE_REFS: Record<string, string[][]> = {
  ValidatingWebhookConfiguration: [["webhooks", "clientConfig", "service"]],
  MutatingWebhookConfiguration: [["webhooks", "clientConfig", "service"]],
  APIService: [["spec", "service"]],
  CustomResourceDefinition: [["spec", "conversion", "webhook", "clientConfig", "service"]],
};

function updateSubjects(node: MapNode, accounts: Set<string>, ns: string, value: ScalarNode): void {
  const subjects = mapGet(node, "subjects");
  if (subjects?.type !== "seq") return;
  for (const s of subjects.items) {
    if (s.type !== "map" || str(mapGet(s, "kind")) !== "ServiceAccount") continue;
    const name = str(mapGet(s, "name")) ?? "";
    const subjectNs = str(mapGet(s, "namespace")) ?? "";
    if (!accounts.has(`${normNs(subjectNs)}/${name}`)) continue;
    setScalar(s, "namespace", ns, value);
  }
}

function normNs(ns: string): string {
  return ns === "" ? "default" : ns;
}

/** Sets `map[key]` to a string scalar with the value's origin; a new key also carries that origin. */
export function setScalar(map: MapNode, key: string, text: string, from: ScalarNode): void {
  const node: ScalarNode = { type: "scalar", value: text, ...(from.origin ? { origin: from.origin } : {}) };
  const entry = map.entries.find((e) => e.key === key);
  if (entry) entry.value = node;
  else map.entries.push({ key, value: node, ...(from.origin ? { keyOrigin: from.origin } : {}) });
}
