/**
 * The Kubernetes model: every object of a manifest file with positions, the pod spec of every
 * pod-bearing kind, its containers, and the effective securityContext as the kubelet resolves it.
 *
 * Rules never walk raw YAML: they read `model.objects`, `model.podSpecs` and the containers, each
 * a `YamlField` view (value + exact range + field path), and build reports with `./report.ts`.
 */
import type { LineCounter } from "yaml";
import type { Range, TextFile } from "../types.js";
import type { YamlField } from "./yaml-field.js";

export type { ScalarValue } from "./yaml-field.js";
export { YamlField, replaceScalarFix } from "./yaml-field.js";

/** The parsed manifest file a rule receives. */
export interface KubernetesModel {
  /** The decoded manifest file (lines for fixes and messages). */
  file: TextFile;
  /** Offsets-to-positions table of the file's YAML stream (all documents share it). */
  lineCounter: LineCounter;
  /** Every object with apiVersion + kind, in file order; `List` items replace their List. */
  objects: K8sObject[];
  /** The pod spec of every pod-bearing object, in file order (at most one per object). */
  podSpecs: PodSpec[];
}

/** One metadata annotation with its position. */
export interface Annotation {
  /** The annotation key, e.g. "ignore.container-review.dev/privileged". */
  key: string;
  /** The value as a string ("" for an empty or non-string value). */
  value: string;
  /** `key: value` on the annotation's line. */
  range: Range;
  /** Range of the annotation key alone. */
  keyRange: Range;
  /** Object metadata, or the pod template's metadata (`spec.template.metadata`, ...). */
  where: "object" | "pod-template";
}

/** One Kubernetes object (a document, or an item of a `List`). */
export interface K8sObject {
  /** `kind` (for items of a typed `XList` without their own kind: X). */
  kind: string;
  /** `apiVersion` (inherited from the List for list items without one). */
  apiVersion: string;
  /** `metadata.name` (or `generateName`); undefined when neither is set. */
  name?: string;
  namespace?: string;
  /** "Kind/name", or "Kind/namespace/name" when a namespace is set; "Kind/<unnamed>" without a name. */
  resource: string;
  /** The object's root mapping; `root.path` is "" (or "items[i]" inside a List). Use `root.get("spec")` etc. */
  root: YamlField;
  /** Range of the `kind:` key: where findings about a missing object- or pod-level field point. */
  kindRange: Range;
  /** First and last line of the object in the file (suppression anchors, annotation lookup). */
  startLine: number;
  endLine: number;
  /** `metadata` mapping when present. */
  metadata?: YamlField;
  /** Annotations of the object metadata, then of the pod template metadata (if any). */
  annotations: Annotation[];
  /** 0-based index of the YAML document in the file. */
  documentIndex: number;
  /** Index inside the enclosing List's `items`, when the object came from a List. */
  listIndex?: number;
  /** The object's pod spec when it bears pods. */
  podSpec?: PodSpec;
}

/** The pod spec lists that hold containers. */
export type ContainerListName = "containers" | "initContainers" | "ephemeralContainers";

/** Fields of a securityContext that exist at both pod and container level (container wins). */
export type InheritedSecurityField = "runAsUser" | "runAsGroup" | "runAsNonRoot" | "seLinuxOptions" | "seccompProfile" | "appArmorProfile";

/** Fields of `windowsOptions` (merged per field between pod and container, as the kubelet does). */
export type WindowsOptionField = "hostProcess" | "runAsUserName" | "gmsaCredentialSpec" | "gmsaCredentialSpecName";

/** An effective setting and where it comes from. */
export interface EffectiveSetting {
  /** The field that sets the value (pod-level or container-level securityContext). */
  field: YamlField;
  origin: "container" | "pod";
}

/** The pod spec of a pod-bearing object. */
export interface PodSpec {
  /** The object that bears the pod (Pod, Deployment, CronJob, Rollout, ...). */
  object: K8sObject;
  /** The pod spec mapping; `spec.path` is e.g. "spec", "spec.template.spec", "spec.jobTemplate.spec.template.spec". */
  spec: YamlField;
  /** The pod's own metadata: the object metadata for a Pod, the template metadata otherwise. */
  podMetadata?: YamlField;
  /** Annotations that apply to the pod itself (AppArmor annotations live here). */
  podAnnotations: Annotation[];
  /** `spec.securityContext` when set to a mapping. */
  securityContext?: YamlField;
  /** A pod-level spec field (hostNetwork, hostPID, hostIPC, hostUsers, volumes, serviceAccountName, ...). */
  field(key: string): YamlField | undefined;
  /** `hostUsers: false`: the pod runs in its own user namespace (PSS relaxes some restricted checks). */
  userNamespaced: boolean;
  /** `spec.os.name: windows` (PSS exempts Windows pods from some restricted checks). */
  windows: boolean;
  /** `spec.volumes` items (paths "…volumes[<name>]"). */
  volumes: YamlField[];
  /** Every container of every list, in file order: containers, initContainers, ephemeralContainers. */
  containers: Container[];
  /** Anchor lines for pod-level reports (object start). */
  anchorLines: number[];
}

/** One container of a pod spec. */
export interface Container {
  /** The pod spec the container belongs to. */
  pod: PodSpec;
  /** `name` ("" when missing). */
  name: string;
  list: ContainerListName;
  /** Index within its list. */
  index: number;
  /** The container mapping; `node.path` is e.g. "spec.containers[web]". */
  node: YamlField;
  /** Range of the container's `name:` key (first line of the item when it has no name). */
  nameRange: Range;
  /** The container's first line (the `- name:` line). */
  line: number;
  /** The container-level `securityContext` when set to a mapping. */
  securityContext?: YamlField;
  /** A container-only securityContext field (privileged, allowPrivilegeEscalation, capabilities, procMount, readOnlyRootFilesystem). */
  setting(key: string): YamlField | undefined;
  /** The effective value of a field that exists at both levels: the container's if set, else the pod's. */
  effective(key: InheritedSecurityField): EffectiveSetting | undefined;
  /** The effective `windowsOptions.<key>`, merged per field like the kubelet does. */
  effectiveWindowsOption(key: WindowsOptionField): EffectiveSetting | undefined;
  /** Anchor lines for suppression comments: the container's first line and the object's first line. */
  anchorLines: number[];
}
