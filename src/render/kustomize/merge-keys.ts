/**
 * Strategic-merge keys of the built-in Kubernetes kinds Kustomize patches with a schema.
 *
 * Written by hand from the Kubernetes API reference (the `x-kubernetes-patch-merge-key` and
 * `x-kubernetes-patch-strategy` extensions of the OpenAPI definitions). No well-kept npm package
 * carries Kubernetes' OpenAPI with these extensions: `kubernetes-client` ships swagger 1.10-1.13
 * only and is no longer maintained; `@kubernetes/client-node`, `kubernetes-types` and
 * `kubernetes-models` carry types without the patch extensions.
 *
 * Only what changes how a list merges is listed: a list with a merge key merges item by item
 * (items matched on that key); a list of scalars with the merge strategy is a union; every other
 * list is replaced by the patch's list (as for custom resources, which have no schema).
 *
 * What Kustomize v5.5 (kyaml merge2) does with directives, observed with `kubectl kustomize`:
 * `$patch: delete` and `$patch: replace` work on maps, list items and whole resources; null deletes
 * a field; `$setElementOrder/...`, `$deleteFromPrimitiveList/...` and `$retainKeys` are NOT
 * interpreted and stay in the output as ordinary fields. Merged lists put the patch's items first
 * (in the patch's order), then the original items the patch did not name.
 *
 * Lists with several list-map keys (container ports by containerPort+protocol,
 * topologySpreadConstraints by topologyKey+whenUnsatisfiable) follow observed rules (see smp.ts);
 * a random differential run (fixtures/smp-random) matches kubectl kustomize in 39 of 40 cases.
 */

export interface ListField {
  /**
   * Merge key of a list of maps; several fields when the API declares list-map keys
   * (`x-kubernetes-list-map-keys`), which Kustomize matches on together.
   */
  key?: string | readonly string[];
  /** A list of scalars merged as a set. */
  primitiveMerge?: boolean;
  /** Schema type of the list's items. */
  items?: string;
}
export interface TypeField {
  /** Schema type of a map field. */
  type: string;
}
export type FieldSchema = ListField | TypeField;

export const SCHEMA: Readonly<Record<string, Readonly<Record<string, FieldSchema>>>> = {
  ObjectMeta: {
    finalizers: { primitiveMerge: true },
    ownerReferences: { key: "uid" },
  },
  PodTemplateSpec: { metadata: { type: "ObjectMeta" }, spec: { type: "PodSpec" } },
  PodSpec: {
    containers: { key: "name", items: "Container" },
    initContainers: { key: "name", items: "Container" },
    ephemeralContainers: { key: "name", items: "Container" },
    volumes: { key: "name" },
    imagePullSecrets: { key: "name" },
    hostAliases: { key: "ip" },
    topologySpreadConstraints: { key: ["topologyKey", "whenUnsatisfiable"] },
    resourceClaims: { key: "name" },
    schedulingGates: { key: "name" },
  },
  Container: {
    env: { key: "name" },
    ports: { key: ["containerPort", "protocol"] },
    volumeMounts: { key: "mountPath" },
    volumeDevices: { key: "devicePath" },
  },
  WorkloadSpec: { template: { type: "PodTemplateSpec" }, volumeClaimTemplates: { items: "PersistentVolumeClaim" } },
  PersistentVolumeClaim: { metadata: { type: "ObjectMeta" } },
  CronJobSpec: { jobTemplate: { type: "JobTemplateSpec" } },
  JobTemplateSpec: { metadata: { type: "ObjectMeta" }, spec: { type: "WorkloadSpec" } },
  // Service ports merge on port alone in Kustomize's schema (observed), unlike container ports.
  ServiceSpec: { ports: { key: "port" } },
  // Root types.
  Workload: { metadata: { type: "ObjectMeta" }, spec: { type: "WorkloadSpec" } },
  CronJob: { metadata: { type: "ObjectMeta" }, spec: { type: "CronJobSpec" } },
  Pod: { metadata: { type: "ObjectMeta" }, spec: { type: "PodSpec" } },
  PodTemplate: { metadata: { type: "ObjectMeta" }, template: { type: "PodTemplateSpec" } },
  Service: { metadata: { type: "ObjectMeta" }, spec: { type: "ServiceSpec" } },
  // imagePullSecrets of a ServiceAccount is replaced, not merged (observed).
  ServiceAccount: { metadata: { type: "ObjectMeta" }, secrets: { key: "name" } },
  Object: { metadata: { type: "ObjectMeta" } },
};

const CORE_ROOTS: Record<string, string> = {
  Pod: "Pod",
  PodTemplate: "PodTemplate",
  ReplicationController: "Workload",
  Service: "Service",
  ServiceAccount: "ServiceAccount",
};
const APPS_ROOTS: Record<string, string> = { Deployment: "Workload", StatefulSet: "Workload", DaemonSet: "Workload", ReplicaSet: "Workload" };
const BATCH_ROOTS: Record<string, string> = { Job: "Workload", CronJob: "CronJob" };

/** Groups of the built-in API (Kustomize knows their schema; other groups are custom resources). */
const BUILTIN_GROUPS = new Set([
  "", "apps", "batch", "extensions", "policy", "rbac.authorization.k8s.io", "networking.k8s.io", "storage.k8s.io",
  "autoscaling", "admissionregistration.k8s.io", "apiextensions.k8s.io", "scheduling.k8s.io", "coordination.k8s.io",
  "certificates.k8s.io", "discovery.k8s.io", "node.k8s.io", "events.k8s.io", "flowcontrol.apiserver.k8s.io",
]);

/** Schema type of a resource root, or undefined for a kind without schema (custom resources). */
export function rootType(group: string, kind: string): string | undefined {
  if (group === "") return CORE_ROOTS[kind] ?? "Object";
  if (group === "apps" || group === "extensions") return APPS_ROOTS[kind] ?? (BUILTIN_GROUPS.has(group) ? "Object" : undefined);
  if (group === "batch") return BATCH_ROOTS[kind] ?? "Object";
  return BUILTIN_GROUPS.has(group) ? "Object" : undefined;
}

export function fieldSchema(type: string | undefined, key: string): FieldSchema | undefined {
  if (!type) return undefined;
  return SCHEMA[type]?.[key];
}
