/**
 * References to renamed resources follow the rename (Kustomize's "name reference" step), run once
 * at the top of the build after prefixes, suffixes and hash suffixes. Covered (each checked against
 * kubectl kustomize v5.5; what it leaves alone is left alone here too):
 * - in pod specs (Pod, Deployment, ReplicaSet, DaemonSet, StatefulSet, Job, ReplicationController,
 *   CronJob, PodTemplate), containers and initContainers but not ephemeralContainers:
 *   ConfigMap: volumes[].configMap.name, volumes[].projected.sources[].configMap.name,
 *     env[].valueFrom.configMapKeyRef.name, envFrom[].configMapRef.name;
 *   Secret: volumes[].secret.secretName, volumes[].projected.sources[].secret.name,
 *     env[].valueFrom.secretKeyRef.name, envFrom[].secretRef.name, imagePullSecrets[].name
 *     (not csi/cephfs/rbd/azureFile/flexVolume secret references: kustomize leaves them);
 *   ServiceAccount: serviceAccountName (not the deprecated serviceAccount);
 *   PersistentVolumeClaim: volumes[].persistentVolumeClaim.claimName;
 *   PriorityClass: priorityClassName;
 * - ServiceAccount imagePullSecrets[].name (Secret; not `secrets`);
 * - RoleBinding/ClusterRoleBinding roleRef.name (Role or ClusterRole, by roleRef.kind) and
 *   subjects[].name of kind ServiceAccount (namespace: the subject's, else the binding's);
 * - Ingress (networking.k8s.io/v1 and the older extensions forms): rules[].http.paths[].backend
 *   .service.name / .serviceName, defaultBackend.service.name, backend.serviceName,
 *   tls[].secretName;
 * - StatefulSet serviceName (Service) and volumeClaimTemplates[].spec.storageClassName;
 * - PersistentVolumeClaim spec.volumeName (PersistentVolume), spec.storageClassName; PersistentVolume
 *   spec.storageClassName;
 * - HorizontalPodAutoscaler spec.scaleTargetRef.name (any of Deployment, ReplicaSet, StatefulSet,
 *   ReplicationController of that name, whatever scaleTargetRef.kind says, as kustomize does);
 * - Validating/MutatingWebhookConfiguration webhooks[].clientConfig.service.name and APIService
 *   spec.service.name (Service, in the namespace written beside the name).
 * Custom resources are followed only through `nameReference` entries of `configurations:` files,
 * passed as `extra` (see config.ts), as in kustomize.
 *
 * A reference is rewritten when it names an earlier name of a resource of the right kind in the
 * referrer's namespace (cluster-scoped referents: any), and no resource of that kind currently has
 * that name there; when several resources had that name (two bases with different prefixes), the
 * one that got the same prefixes and suffixes as the referrer. The new value carries the origin of the referent's current name (the
 * `namePrefix:` value, the generator's `name:`).
 */
import { mapGet, type MapNode, type Resource, type ScalarNode } from "../resource.js";
import { affixesOf, previousNames, resId, str } from "./context.js";
import { isClusterScoped, POD_TEMPLATE_PATHS, specMatches, splitPath, walkPath, type FieldSpec } from "./fields.js";

export interface NameReference {
  /** Kinds of the resource referred to. */
  referents: readonly string[];
  /** Where the reference sits. */
  referrers: readonly FieldSpec[];
  /** Ignore a `kind` written beside the name (HPA scaleTargetRef). */
  anyKind?: boolean;
}

const POD_CONFIGMAP = ["volumes/configMap/name", "volumes/projected/sources/configMap/name", "containers/env/valueFrom/configMapKeyRef/name", "initContainers/env/valueFrom/configMapKeyRef/name", "containers/envFrom/configMapRef/name", "initContainers/envFrom/configMapRef/name"];
const POD_SECRET = ["volumes/secret/secretName", "volumes/projected/sources/secret/name", "containers/env/valueFrom/secretKeyRef/name", "initContainers/env/valueFrom/secretKeyRef/name", "containers/envFrom/secretRef/name", "initContainers/envFrom/secretRef/name", "imagePullSecrets/name"];

function inPodSpecs(paths: string[]): FieldSpec[] {
  return POD_TEMPLATE_PATHS.flatMap((t) => paths.map((p) => ({ kind: t.kind!, path: `${t.path}/${p}` })));
}

const WORKLOADS = ["Deployment", "ReplicaSet", "StatefulSet", "ReplicationController"];

export const NAME_REFERENCES: readonly NameReference[] = [
  { referents: ["ConfigMap"], referrers: inPodSpecs(POD_CONFIGMAP) },
  {
    referents: ["Secret"],
    referrers: [
      ...inPodSpecs(POD_SECRET),
      { kind: "ServiceAccount", path: "imagePullSecrets/name" },
      { kind: "Ingress", path: "spec/tls/secretName" },
    ],
  },
  {
    referents: ["ServiceAccount"],
    referrers: [...inPodSpecs(["serviceAccountName"]), { kind: "RoleBinding", path: "subjects/name" }, { kind: "ClusterRoleBinding", path: "subjects/name" }],
  },
  { referents: ["PersistentVolumeClaim"], referrers: inPodSpecs(["volumes/persistentVolumeClaim/claimName"]) },
  { referents: ["PriorityClass"], referrers: inPodSpecs(["priorityClassName"]) },
  { referents: ["PersistentVolume"], referrers: [{ kind: "PersistentVolumeClaim", path: "spec/volumeName" }] },
  {
    referents: ["StorageClass"],
    referrers: [
      { kind: "PersistentVolumeClaim", path: "spec/storageClassName" },
      { kind: "PersistentVolume", path: "spec/storageClassName" },
      { kind: "StatefulSet", path: "spec/volumeClaimTemplates/spec/storageClassName" },
    ],
  },
  {
    referents: ["Service"],
    referrers: [
      { kind: "Ingress", path: "spec/rules/http/paths/backend/service/name" },
      { kind: "Ingress", path: "spec/rules/http/paths/backend/serviceName" },
      { kind: "Ingress", path: "spec/defaultBackend/service/name" },
      { kind: "Ingress", path: "spec/backend/serviceName" },
      { kind: "StatefulSet", path: "spec/serviceName" },
      { kind: "ValidatingWebhookConfiguration", path: "webhooks/clientConfig/service/name" },
      { kind: "MutatingWebhookConfiguration", path: "webhooks/clientConfig/service/name" },
      { kind: "APIService", path: "spec/service/name" },
    ],
  },
  { referents: ["Role"], referrers: [{ kind: "RoleBinding", path: "roleRef/name" }] },
  { referents: ["ClusterRole"], referrers: [{ kind: "RoleBinding", path: "roleRef/name" }, { kind: "ClusterRoleBinding", path: "roleRef/name" }] },
  { referents: WORKLOADS, referrers: [{ kind: "HorizontalPodAutoscaler", path: "spec/scaleTargetRef/name" }], anyKind: true },
];

interface Known {
  resource: Resource;
  kind: string;
  name: string;
  namespace: string;
  nameNode: ScalarNode | undefined;
  earlier: Set<string>;
  affixes: string;
}

/** Rewrites references to renamed resources (see the list above). */
export function fixNameReferences(resources: Resource[], extra: readonly NameReference[] = []): void {
  const references = extra.length > 0 ? [...NAME_REFERENCES, ...extra] : NAME_REFERENCES;
  const known: Known[] = resources.map((r) => {
    const id = resId(r.node);
    const nameNode = mapGet(mapGet(r.node, "metadata"), "name");
    return {
      resource: r,
      kind: id.kind,
      name: id.name,
      namespace: id.namespace,
      nameNode: nameNode?.type === "scalar" ? nameNode : undefined,
      earlier: new Set(previousNames(r).map((p) => p.name).filter((n) => n !== id.name)),
      affixes: affixesOf(r).join("\u0001"),
    };
  });
  if (!known.some((k) => k.earlier.size > 0)) return;
  const byKind = new Map<string, Known[]>();
  for (const k of known) {
    let list = byKind.get(k.kind);
    if (!list) byKind.set(k.kind, (list = []));
    list.push(k);
  }
  const specsByKind = referrerSpecs(references);
  const anyKind = specsByKind.get("") ?? [];
  for (const r of resources) {
    const id = resId(r.node);
    const specs = specsByKind.get(id.kind);
    if (!specs && anyKind.length === 0) continue;
    const affixes = affixesOf(r).join("\u0001");
    for (const { ref, spec, parts } of anyKind.length === 0 ? specs! : [...(specs ?? []), ...anyKind]) {
      if (!specMatches(spec, id)) continue;
      walkPath(r.node, parts, false, undefined, (parent, key) => rewrite(parent, key, ref, id.namespace, affixes, byKind));
    }
  }
}

type ReferrerSpec = { ref: NameReference; spec: FieldSpec; parts: string[] };

/** The built-in table's referrer specs, built once (a kustomization's own configurations add to a copy). */
let builtInSpecs: Map<string, ReferrerSpec[]> | undefined;

/** Referrer field specs by the kind they apply to ("" for every kind), paths split once. */
function referrerSpecs(references: readonly NameReference[]): Map<string, ReferrerSpec[]> {
  if (references === NAME_REFERENCES && builtInSpecs) return builtInSpecs;
  const specsByKind = new Map<string, ReferrerSpec[]>();
  for (const ref of references) {
    for (const spec of ref.referrers) {
      const kind = spec.kind ?? "";
      let list = specsByKind.get(kind);
      if (!list) specsByKind.set(kind, (list = []));
      list.push({ ref, spec, parts: splitPath(spec.path) });
    }
  }
  if (references === NAME_REFERENCES) builtInSpecs = specsByKind;
  return specsByKind;
}

function rewrite(parent: MapNode, key: string, ref: NameReference, referrerNs: string, referrerAffixes: string, byKind: Map<string, Known[]>): void {
  const slot = parent.entries.find((e) => e.key === key);
  if (!slot || slot.value.type !== "scalar" || typeof slot.value.value !== "string") return;
  const value = slot.value.value;
  const besideKind = str(mapGet(parent, "kind"));
  const kinds = !ref.anyKind && besideKind !== undefined ? ref.referents.filter((k) => k === besideKind) : ref.referents;
  if (kinds.length === 0) return;
  const ns = norm(str(mapGet(parent, "namespace")) ?? referrerNs);
  const known = kinds.flatMap((k) => byKind.get(k) ?? []);
  const inScope = (k: Known) => isClusterScoped(k.kind) || norm(k.namespace) === ns;
  if (known.some((k) => inScope(k) && k.name === value)) return;
  const candidates = known.filter((k) => inScope(k) && k.earlier.has(value));
  if (candidates.length === 0) return;
  // Several resources had that name (bases with different prefixes): the one renamed like the referrer.
  const target = (candidates.length > 1 ? candidates.find((k) => k.affixes === referrerAffixes) : undefined) ?? candidates[0]!;
  const origin = target.nameNode?.origin ?? slot.value.origin;
  slot.value = { type: "scalar", value: target.name, ...(origin ? { origin } : {}) };
}

function norm(ns: string): string {
  return ns === "" ? "default" : ns;
}
