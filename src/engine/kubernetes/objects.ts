/**
 * Builds the Kubernetes model from a parsed YAML stream: objects (documents and List items), their
 * pod specs and containers, and the kubelet's securityContext inheritance.
 */
import type { TextFile } from "../types.js";
import { checkDeadline, type Deadline } from "../deadline.js";
import type { YamlStream } from "../yaml/documents.js";
import type {
  Annotation,
  Container,
  ContainerListName,
  EffectiveSetting,
  InheritedSecurityField,
  K8sObject,
  KubernetesModel,
  PodSpec,
  WindowsOptionField,
} from "./model.js";
import { YamlField, type YamlSource } from "./yaml-field.js";

/** Kinds whose pod template sits at `spec.template` even when the template has no containers yet. */
const TEMPLATE_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job"]);
const CONTAINER_LISTS: readonly ContainerListName[] = ["containers", "initContainers", "ephemeralContainers"];

/** Builds the model from a YAML stream; never throws on odd shapes (they are simply not objects). */
export function buildModel(file: TextFile, stream: YamlStream, deadline?: Deadline): KubernetesModel {
  const objects: K8sObject[] = [];
  for (const document of stream.documents) {
    checkDeadline(deadline, document.startLine);
    const source: YamlSource = { doc: document.doc, lineCounter: stream.lineCounter };
    const contents = document.doc.contents;
    if (!contents) continue;
    const root = new YamlField(source, contents, "");
    const object = readObject(root, document.index);
    if (!object) continue;
    const items = root.get("items");
    if (isListKind(object.kind) && items?.isSeq) {
      const itemKind = object.kind === "List" ? undefined : object.kind.slice(0, -"List".length);
      items.items().forEach((item, listIndex) => {
        const listed = readObject(item, document.index, { kind: itemKind, apiVersion: object.apiVersion, listIndex });
        if (listed) objects.push(listed);
      });
      continue;
    }
    objects.push(object);
  }
  const podSpecs = objects.flatMap((o) => (o.podSpec ? [o.podSpec] : []));
  return { file, lineCounter: stream.lineCounter, objects, podSpecs };
}

function isListKind(kind: string): boolean {
  return kind.endsWith("List") && kind.length >= "List".length;
}

function readObject(
  root: YamlField,
  documentIndex: number,
  listDefaults?: { kind?: string; apiVersion: string; listIndex: number },
): K8sObject | undefined {
  if (!root.isMap) return undefined;
  const kindField = root.get("kind");
  const kind = kindField?.string ?? listDefaults?.kind;
  const apiVersion = root.get("apiVersion")?.string ?? listDefaults?.apiVersion;
  if (!kind || !apiVersion) return undefined;
  const metadata = root.get("metadata");
  const metadataMap = metadata?.isMap ? metadata : undefined;
  const name = nonEmpty(metadataMap?.get("name")?.value) ?? nonEmpty(metadataMap?.get("generateName")?.value);
  const namespace = nonEmpty(metadataMap?.get("namespace")?.value);
  const { startLine, endLine } = root.lineSpan;
  const kindRange = kindField ? kindField.keyRange : root.range;
  const object: K8sObject = {
    kind,
    apiVersion,
    ...(name !== undefined ? { name } : {}),
    ...(namespace !== undefined ? { namespace } : {}),
    resource: namespace !== undefined ? `${kind}/${namespace}/${name ?? "<unnamed>"}` : `${kind}/${name ?? "<unnamed>"}`,
    root,
    kindRange,
    startLine,
    endLine,
    ...(metadataMap ? { metadata: metadataMap } : {}),
    annotations: readAnnotations(metadataMap, "object"),
    documentIndex,
    ...(listDefaults ? { listIndex: listDefaults.listIndex } : {}),
  };
  const podSpec = readPodSpec(object);
  if (podSpec) {
    object.podSpec = podSpec;
    if (podSpec.podMetadata && podSpec.podMetadata !== metadataMap) object.annotations.push(...podSpec.podAnnotations);
  }
  return object;
}

function nonEmpty(v: unknown): string | undefined {
  if (typeof v === "string" && v !== "") return v;
  if (typeof v === "number") return String(v);
  return undefined;
}

function readAnnotations(metadata: YamlField | undefined, where: Annotation["where"]): Annotation[] {
  const annotations = metadata?.get("annotations");
  if (!annotations?.isMap) return [];
  return annotations.entries().map(({ key, field }) => ({
    key,
    value: field.value === null || field.value === undefined ? "" : String(field.value),
    range: field.range,
    keyRange: field.keyRange,
    where,
  }));
}

/** Where the pod template of this kind lives, if it bears pods. */
function locatePodTemplate(object: K8sObject): { spec: YamlField; metadata?: YamlField } | undefined {
  const root = object.root;
  if (object.kind === "Pod") {
    const spec = root.get("spec");
    return spec?.isMap ? { spec, ...(object.metadata ? { metadata: object.metadata } : {}) } : undefined;
  }
  let template: YamlField | undefined;
  if (object.kind === "PodTemplate") template = root.get("template");
  else if (object.kind === "CronJob") template = root.at("spec", "jobTemplate", "spec", "template");
  else template = root.at("spec", "template");
  if (!template?.isMap) return undefined;
  const spec = template.get("spec");
  if (!spec?.isMap) return undefined;
  const known = object.kind === "PodTemplate" || object.kind === "CronJob" || TEMPLATE_KINDS.has(object.kind);
  if (!known && !CONTAINER_LISTS.some((list) => spec.get(list)?.isSeq)) return undefined;
  const metadata = template.get("metadata");
  return { spec, ...(metadata?.isMap ? { metadata } : {}) };
}

function readPodSpec(object: K8sObject): PodSpec | undefined {
  const located = locatePodTemplate(object);
  if (!located) return undefined;
  const { spec } = located;
  const securityContextField = spec.get("securityContext");
  const securityContext = securityContextField?.isMap ? securityContextField : undefined;
  const volumesField = spec.get("volumes");
  const pod: PodSpec = {
    object,
    spec,
    ...(located.metadata ? { podMetadata: located.metadata } : {}),
    podAnnotations: readAnnotations(located.metadata, object.kind === "Pod" ? "object" : "pod-template"),
    ...(securityContext ? { securityContext } : {}),
    field: (key) => spec.get(key),
    userNamespaced: spec.get("hostUsers")?.boolean === false,
    windows: spec.at("os", "name")?.string === "windows",
    volumes: volumesField?.isSeq ? volumesField.items("name") : [],
    containers: [],
    anchorLines: [object.startLine],
  };
  for (const list of CONTAINER_LISTS) {
    const listField = spec.get(list);
    if (!listField?.isSeq) continue;
    listField.items("name").forEach((node, index) => {
      if (node.isMap) pod.containers.push(readContainer(pod, list, index, node));
    });
  }
  return pod;
}

function readContainer(pod: PodSpec, list: ContainerListName, index: number, node: YamlField): Container {
  const nameField = node.get("name");
  const securityContextField = node.get("securityContext");
  const securityContext = securityContextField?.isMap ? securityContextField : undefined;
  const line = node.range.line;
  const podContext = pod.securityContext;
  const setField = (field: YamlField | undefined): YamlField | undefined => (field && !field.isNull ? field : undefined);
  return {
    pod,
    name: nameField?.value === null || nameField?.value === undefined ? "" : String(nameField.value),
    list,
    index,
    node,
    nameRange: nameField ? nameField.keyRange : node.range,
    line,
    ...(securityContext ? { securityContext } : {}),
    setting: (key) => securityContext?.get(key),
    effective(key: InheritedSecurityField): EffectiveSetting | undefined {
      const own = setField(securityContext?.get(key));
      if (own) return { field: own, origin: "container" };
      const inherited = setField(podContext?.get(key));
      return inherited ? { field: inherited, origin: "pod" } : undefined;
    },
    effectiveWindowsOption(key: WindowsOptionField): EffectiveSetting | undefined {
      const own = setField(securityContext?.at("windowsOptions", key));
      if (own) return { field: own, origin: "container" };
      const inherited = setField(podContext?.at("windowsOptions", key));
      return inherited ? { field: inherited, origin: "pod" } : undefined;
    },
    anchorLines: [line, pod.object.startLine],
  };
}
