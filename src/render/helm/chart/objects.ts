/**
 * The built-in objects a Helm template sees besides `.Values` (Helm docs, "Built-in Objects"):
 * `.Release`, `.Chart`, `.Capabilities`, `.Files`, `.Template`, `.Subcharts`, as Go objects of
 * the template value model (exported fields, methods as functions).
 */
import picomatch from "picomatch";
import { GO_TYPE, type GoObject, type GoValue } from "../template/values.js";
import type { Chart, ChartFile } from "./loader.js";

export interface ReleaseOptions {
  name: string;
  namespace: string;
}

/** `.Release` is a map in Helm (chartutil.Values). */
export function releaseObject(o: ReleaseOptions): Map<string, GoValue> {
  return new Map<string, GoValue>([
    ["Name", o.name],
    ["Namespace", o.namespace],
    ["IsUpgrade", false],
    ["IsInstall", true],
    ["Revision", 1n],
    ["Service", "Helm"],
  ]);
}

/** Kubernetes version `helm template` assumes without --kube-version. */
export const DEFAULT_KUBE_VERSION = "v1.31.0";
/** The Helm version the renderer stands for (`.Capabilities.HelmVersion`). */
export const HELM_VERSION = "v3.16.0";

/**
 * The API versions `helm template` assumes offline: the group/versions (and group/version/Kind)
 * Helm's Kubernetes client library knows, as of Kubernetes 1.31.
 */
const KNOWN_APIS: Record<string, string[]> = {
  v1: [
    "Binding", "ComponentStatus", "ConfigMap", "Endpoints", "Event", "LimitRange", "Namespace", "Node",
    "PersistentVolume", "PersistentVolumeClaim", "Pod", "PodTemplate", "ReplicationController", "ResourceQuota",
    "Secret", "Service", "ServiceAccount",
  ],
  "admissionregistration.k8s.io/v1": ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding"],
  "admissionregistration.k8s.io/v1alpha1": [],
  "admissionregistration.k8s.io/v1beta1": ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding"],
  "apiextensions.k8s.io/v1": ["CustomResourceDefinition"],
  "apiextensions.k8s.io/v1beta1": ["CustomResourceDefinition"],
  "apps/v1": ["ControllerRevision", "DaemonSet", "Deployment", "ReplicaSet", "StatefulSet"],
  "apps/v1beta1": ["ControllerRevision", "Deployment", "StatefulSet"],
  "apps/v1beta2": ["ControllerRevision", "DaemonSet", "Deployment", "ReplicaSet", "StatefulSet"],
  "authentication.k8s.io/v1": ["SelfSubjectReview", "TokenRequest", "TokenReview"],
  "authentication.k8s.io/v1alpha1": ["SelfSubjectReview"],
  "authentication.k8s.io/v1beta1": ["SelfSubjectReview", "TokenReview"],
  "authorization.k8s.io/v1": ["LocalSubjectAccessReview", "SelfSubjectAccessReview", "SelfSubjectRulesReview", "SubjectAccessReview"],
  "authorization.k8s.io/v1beta1": ["LocalSubjectAccessReview", "SelfSubjectAccessReview", "SelfSubjectRulesReview", "SubjectAccessReview"],
  "autoscaling/v1": ["HorizontalPodAutoscaler", "Scale"],
  "autoscaling/v2": ["HorizontalPodAutoscaler"],
  "autoscaling/v2beta1": ["HorizontalPodAutoscaler"],
  "autoscaling/v2beta2": ["HorizontalPodAutoscaler"],
  "batch/v1": ["CronJob", "Job"],
  "batch/v1beta1": ["CronJob"],
  "certificates.k8s.io/v1": ["CertificateSigningRequest"],
  "certificates.k8s.io/v1alpha1": ["ClusterTrustBundle"],
  "certificates.k8s.io/v1beta1": ["CertificateSigningRequest"],
  "coordination.k8s.io/v1": ["Lease"],
  "coordination.k8s.io/v1beta1": ["Lease"],
  "discovery.k8s.io/v1": ["EndpointSlice"],
  "discovery.k8s.io/v1beta1": ["EndpointSlice"],
  "events.k8s.io/v1": ["Event"],
  "events.k8s.io/v1beta1": ["Event"],
  "extensions/v1beta1": ["DaemonSet", "Deployment", "Ingress", "NetworkPolicy", "ReplicaSet"],
  "flowcontrol.apiserver.k8s.io/v1": ["FlowSchema", "PriorityLevelConfiguration"],
  "flowcontrol.apiserver.k8s.io/v1beta1": ["FlowSchema", "PriorityLevelConfiguration"],
  "flowcontrol.apiserver.k8s.io/v1beta2": ["FlowSchema", "PriorityLevelConfiguration"],
  "flowcontrol.apiserver.k8s.io/v1beta3": ["FlowSchema", "PriorityLevelConfiguration"],
  "networking.k8s.io/v1": ["Ingress", "IngressClass", "NetworkPolicy"],
  "networking.k8s.io/v1alpha1": ["IPAddress", "ServiceCIDR"],
  "networking.k8s.io/v1beta1": ["Ingress", "IngressClass"],
  "node.k8s.io/v1": ["RuntimeClass"],
  "node.k8s.io/v1alpha1": ["RuntimeClass"],
  "node.k8s.io/v1beta1": ["RuntimeClass"],
  "policy/v1": ["Eviction", "PodDisruptionBudget"],
  "policy/v1beta1": ["Eviction", "PodDisruptionBudget"],
  "rbac.authorization.k8s.io/v1": ["ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"],
  "rbac.authorization.k8s.io/v1alpha1": ["ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"],
  "rbac.authorization.k8s.io/v1beta1": ["ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"],
  "resource.k8s.io/v1alpha3": ["DeviceClass", "ResourceClaim", "ResourceClaimTemplate", "ResourceSlice"],
  "scheduling.k8s.io/v1": ["PriorityClass"],
  "scheduling.k8s.io/v1alpha1": ["PriorityClass"],
  "scheduling.k8s.io/v1beta1": ["PriorityClass"],
  "storage.k8s.io/v1": ["CSIDriver", "CSINode", "CSIStorageCapacity", "StorageClass", "VolumeAttachment"],
  "storage.k8s.io/v1alpha1": ["CSIStorageCapacity", "VolumeAttachment", "VolumeAttributesClass"],
  "storage.k8s.io/v1beta1": ["CSIDriver", "CSINode", "CSIStorageCapacity", "StorageClass", "VolumeAttachment", "VolumeAttributesClass"],
  "storagemigration.k8s.io/v1alpha1": ["StorageVersionMigration"],
};

export function defaultApiVersions(): string[] {
  const out: string[] = [];
  for (const [gv, kinds] of Object.entries(KNOWN_APIS)) {
    out.push(gv);
    for (const k of kinds) out.push(`${gv}/${k}`);
  }
  return out;
}

export interface CapabilitiesOptions {
  kubeVersion?: string;
  apiVersions?: string[];
}

/** Parses a --kube-version value ("1.29", "v1.29.3") into Helm's KubeVersion parts. */
export function parseKubeVersion(v: string): { version: string; major: string; minor: string } | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(.*)$/.exec(v.trim());
  if (!m) return undefined;
  const major = m[1]!;
  const minor = m[2] ?? "0";
  const patch = m[3] ?? "0";
  return { version: `v${major}.${minor}.${patch}${m[4] ?? ""}`, major, minor };
}

export function capabilitiesObject(o: CapabilitiesOptions): GoObject {
  const kv = parseKubeVersion(o.kubeVersion ?? DEFAULT_KUBE_VERSION) ?? parseKubeVersion(DEFAULT_KUBE_VERSION)!;
  const versions = [...defaultApiVersions(), ...(o.apiVersions ?? [])];
  const set = new Set(versions);
  const apiVersions: GoObject = {
    [GO_TYPE]: "chartutil.VersionSet",
    Has: (name: GoValue) => set.has(String(name ?? "")),
  };
  const kubeVersion: GoObject = {
    [GO_TYPE]: "chartutil.KubeVersion",
    Version: kv.version,
    Major: kv.major,
    Minor: kv.minor,
    GitVersion: () => kv.version,
    String: () => kv.version,
  };
  return {
    [GO_TYPE]: "*chartutil.Capabilities",
    APIVersions: apiVersions,
    KubeVersion: kubeVersion,
    HelmVersion: {
      [GO_TYPE]: "version.BuildInfo",
      Version: HELM_VERSION,
      GitCommit: "",
      GitTreeState: "",
      GoVersion: "go1.22",
    },
  };
}

/** Chart.yaml's fields under Helm's Go names, plus IsRoot. */
export function chartObject(chart: Chart, isRoot: boolean): GoObject {
  const raw = chart.metadata.raw;
  const s = (k: string): string => {
    const v = raw.get(k);
    return v === undefined || v === null ? "" : String(v);
  };
  const list = (k: string): GoValue[] => {
    const v = raw.get(k);
    return Array.isArray(v) ? v.map((x) => (x === null || x === undefined ? "" : String(x))) : [];
  };
  const maintainers = raw.get("maintainers");
  const annotations = raw.get("annotations");
  const annotationMap = new Map<string, GoValue>();
  if (annotations instanceof Map) for (const [k, v] of annotations) annotationMap.set(String(k), v === null ? "" : String(v));
  return {
    [GO_TYPE]: "*chart.Metadata",
    Name: chart.metadata.name,
    Home: s("home"),
    Sources: list("sources"),
    Version: s("version"),
    Description: s("description"),
    Keywords: list("keywords"),
    Maintainers: Array.isArray(maintainers)
      ? maintainers.map((m) => {
          const get = (k: string): string => (m instanceof Map && m.get(k) !== undefined && m.get(k) !== null ? String(m.get(k)) : "");
          return { [GO_TYPE]: "*chart.Maintainer", Name: get("name"), Email: get("email"), URL: get("url") } as GoObject;
        })
      : [],
    Icon: s("icon"),
    APIVersion: s("apiVersion"),
    Condition: s("condition"),
    Tags: s("tags"),
    AppVersion: s("appVersion"),
    Deprecated: raw.get("deprecated") === true,
    Annotations: annotationMap,
    KubeVersion: s("kubeVersion"),
    Dependencies: chart.metadata.dependencies.map(
      (d) =>
        ({
          [GO_TYPE]: "*chart.Dependency",
          Name: d.name,
          Version: d.version ?? "",
          Repository: d.repository ?? "",
          Condition: d.condition ?? "",
          Tags: d.tags,
          Enabled: d.enabled,
          ImportValues: [],
          Alias: d.alias ?? "",
        }) as GoObject,
    ),
    Type: s("type"),
    IsRoot: isRoot,
  };
}

/** `.Template` is a map in Helm. */
export function templateObject(name: string, basePath: string): Map<string, GoValue> {
  return new Map<string, GoValue>([
    ["Name", name],
    ["BasePath", basePath],
  ]);
}

const decoder = new TextDecoder();

export type YamlMarshal = (v: Map<string, GoValue>) => string;

/**
 * `.Files`: the chart's non-template files. As in Helm, a map of file name to bytes (so templates
 * can `range $path, $bytes := .Files.Glob "..."`) that also has the methods Get, GetBytes, Glob,
 * Lines, AsConfig and AsSecrets.
 */
export class FilesMap extends Map<string, GoValue> {
  constructor(
    private readonly files: ChartFile[],
    private readonly toYaml: YamlMarshal,
    private readonly onRead?: (f: ChartFile) => void,
  ) {
    super(files.map((f) => [f.name, new Uint8Array(f.data)] as [string, GoValue]));
  }

  private read(name: GoValue): ChartFile | undefined {
    const wanted = String(name ?? "");
    const f = this.files.find((x) => x.name === wanted);
    if (f) this.onRead?.(f);
    return f;
  }

  private asMap(encode: (f: ChartFile) => string): Map<string, GoValue> {
    const out = new Map<string, GoValue>();
    for (const f of this.files) {
      this.onRead?.(f);
      out.set(f.name.slice(f.name.lastIndexOf("/") + 1), encode(f));
    }
    return out;
  }

  Get = (name: GoValue): GoValue => {
    const f = this.read(name);
    return f ? decoder.decode(f.data) : "";
  };

  GetBytes = (name: GoValue): GoValue => {
    const f = this.read(name);
    return f ? new Uint8Array(f.data) : new Uint8Array();
  };

  Lines = (name: GoValue): GoValue => {
    const f = this.read(name);
    return f ? decoder.decode(f.data).split("\n") : [];
  };

  Glob = (pattern: GoValue): GoValue => {
    const match = picomatch(String(pattern ?? ""), { dot: true });
    return new FilesMap(
      this.files.filter((f) => match(f.name)),
      this.toYaml,
      this.onRead,
    );
  };

  AsConfig = (): GoValue => (this.files.length === 0 ? "" : this.toYaml(this.asMap((f) => decoder.decode(f.data))));

  AsSecrets = (): GoValue => (this.files.length === 0 ? "" : this.toYaml(this.asMap((f) => Buffer.from(f.data).toString("base64"))));
}

export function filesObject(files: ChartFile[], toYaml: YamlMarshal, onRead?: (f: ChartFile) => void): GoValue {
  return new FilesMap(files, toYaml, onRead);
}
