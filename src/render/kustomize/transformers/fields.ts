/**
 * Field specs as Kustomize's builtin configurations describe them: a path of map keys (sequences
 * on the way are walked item by item), the kinds it applies to, and whether missing maps are made.
 */
import type { SourceRange } from "../../provenance.js";
import type { MapNode, Node } from "../resource.js";
import type { ResId } from "./context.js";

export interface FieldSpec {
  /** Kind the spec applies to; absent for every kind. */
  kind?: string;
  /** API group; absent for any group. */
  group?: string;
  path: string;
  create?: boolean;
}

export function specMatches(spec: FieldSpec, id: ResId): boolean {
  if (spec.kind !== undefined && spec.kind !== id.kind) return false;
  if (spec.group !== undefined && spec.group !== id.group) return false;
  return true;
}

/**
 * Calls `visit(parent, key)` for every place `path` leads to in `root`. Missing maps on the way (and
 * the final map, when `createLeafMap`) are created when `create` is set, their keys carrying
 * `origin`. Without `create`, `visit` is only called where the last key exists.
 */
export function walkPath(
  root: MapNode,
  path: readonly string[],
  create: boolean,
  origin: SourceRange | undefined,
  visit: (parent: MapNode, key: string) => void,
): void {
  walk(root, path, 0, create, origin, visit);
}

function walk(node: MapNode, path: readonly string[], i: number, create: boolean, origin: SourceRange | undefined, visit: (parent: MapNode, key: string) => void): void {
  const key = path[i]!;
  if (i === path.length - 1) {
    if (create || node.entries.some((e) => e.key === key)) visit(node, key);
    return;
  }
  let entry = node.entries.find((e) => e.key === key);
  if (!entry || isNull(entry.value)) {
    if (!create) return;
    const child: MapNode = { type: "map", entries: [], ...(origin ? { origin } : {}) };
    if (entry) entry.value = child;
    else {
      entry = { key, value: child, ...(origin ? { keyOrigin: origin } : {}) };
      node.entries.push(entry);
    }
  }
  const value = entry.value;
  if (value.type === "map") walk(value, path, i + 1, create, origin, visit);
  else if (value.type === "seq") {
    for (const item of value.items) if (item.type === "map") walk(item, path, i + 1, create, origin, visit);
  }
}

/**
 * The keys of a field spec path: "/" separates them, "\/" is a slash inside a key (annotation
 * names), and a "[]" after a key (kustomize's mark for a list) is dropped: lists are walked anyway.
 */
export function splitPath(path: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < path.length; i += 1) {
    const c = path[i]!;
    if (c === "\\" && path[i + 1] === "/") {
      cur += "/";
      i += 1;
    } else if (c === "/") {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out.map((k) => (k.endsWith("[]") ? k.slice(0, -2) : k)).filter((k) => k !== "");
}

function isNull(node: Node): boolean {
  return node.type === "scalar" && node.value === null;
}

/** The map at `parent[key]`, made (with `origin`) when missing or null; undefined when it is not a map. */
export function ensureMap(parent: MapNode, key: string, origin: SourceRange | undefined): MapNode | undefined {
  const entry = parent.entries.find((e) => e.key === key);
  if (entry && entry.value.type === "map") return entry.value;
  if (entry && !isNull(entry.value)) return undefined;
  const child: MapNode = { type: "map", entries: [], ...(origin ? { origin } : {}) };
  if (entry) entry.value = child;
  else parent.entries.push({ key, value: child, ...(origin ? { keyOrigin: origin } : {}) });
  return child;
}

/** Kinds whose pod template sits at spec.template (or spec.jobTemplate.spec.template for CronJob). */
export const POD_TEMPLATE_PATHS: readonly FieldSpec[] = [
  { kind: "Pod", path: "spec" },
  { kind: "Deployment", path: "spec/template/spec" },
  { kind: "ReplicaSet", path: "spec/template/spec" },
  { kind: "DaemonSet", path: "spec/template/spec" },
  { kind: "StatefulSet", path: "spec/template/spec" },
  { kind: "Job", path: "spec/template/spec" },
  { kind: "ReplicationController", path: "spec/template/spec" },
  { kind: "PodTemplate", path: "template/spec" },
  { kind: "CronJob", path: "spec/jobTemplate/spec/template/spec" },
];

/** Every pod spec map of a resource (by kind). */
export function podSpecs(root: MapNode, id: ResId): MapNode[] {
  const out: MapNode[] = [];
  for (const spec of POD_TEMPLATE_PATHS) {
    if (!specMatches(spec, id)) continue;
    const parts = splitPath(spec.path);
    walkPath(root, parts, false, undefined, (parent, key) => {
      const v = parent.entries.find((e) => e.key === key)?.value;
      if (v?.type === "map") out.push(v);
    });
  }
  return out;
}

/** Builtin cluster-scoped kinds (Kustomize treats unknown kinds, custom resources included, as namespaced). */
export const CLUSTER_SCOPED = new Set([
  "APIService",
  "CertificateSigningRequest",
  "ClusterRole",
  "ClusterRoleBinding",
  "ClusterTrustBundle",
  "ComponentStatus",
  "CSIDriver",
  "CSINode",
  "CustomResourceDefinition",
  "FlowSchema",
  "IngressClass",
  "MutatingWebhookConfiguration",
  "MutatingAdmissionPolicy",
  "MutatingAdmissionPolicyBinding",
  "Namespace",
  "Node",
  "PersistentVolume",
  "PodSecurityPolicy",
  "PriorityClass",
  "PriorityLevelConfiguration",
  "RuntimeClass",
  "SelfSubjectAccessReview",
  "SelfSubjectRulesReview",
  "SelfSubjectReview",
  "StorageClass",
  "StorageVersion",
  "SubjectAccessReview",
  "TokenReview",
  "ValidatingAdmissionPolicy",
  "ValidatingAdmissionPolicyBinding",
  "ValidatingWebhookConfiguration",
  "VolumeAttachment",
]);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}
