/**
 * What `helm template` does with the rendered templates: split each file into YAML documents,
 * read each document's head (kind, annotations), set hooks apart, and order the rest by Helm's
 * install order of kinds (stable: files by name, documents in file order; unknown kinds last,
 * alphabetically by kind among themselves).
 */
import { isMap, isScalar, isSeq, parseDocument } from "yaml";

/** Helm 3's install order of kinds. */
export const INSTALL_ORDER: readonly string[] = [
  "Namespace",
  "NetworkPolicy",
  "ResourceQuota",
  "LimitRange",
  "PodSecurityPolicy",
  "PodDisruptionBudget",
  "ServiceAccount",
  "Secret",
  "SecretList",
  "ConfigMap",
  "StorageClass",
  "PersistentVolume",
  "PersistentVolumeClaim",
  "CustomResourceDefinition",
  "ClusterRole",
  "ClusterRoleList",
  "ClusterRoleBinding",
  "ClusterRoleBindingList",
  "Role",
  "RoleList",
  "RoleBinding",
  "RoleBindingList",
  "Service",
  "DaemonSet",
  "Pod",
  "ReplicationController",
  "ReplicaSet",
  "Deployment",
  "HorizontalPodAutoscaler",
  "StatefulSet",
  "Job",
  "CronJob",
  "IngressClass",
  "Ingress",
  "APIService",
  "MutatingWebhookConfiguration",
  "ValidatingWebhookConfiguration",
];

const RANK = new Map(INSTALL_ORDER.map((k, i) => [k, i]));

/** One document of one rendered template. */
export interface ManifestDoc {
  /** Helm's template name (`CHART/templates/x.yaml`). */
  name: string;
  /** The document, trimmed, as Helm prints it. */
  content: string;
  /** Offset of `content` inside the template's rendered output (to carry segments over). */
  offset: number;
  kind: string;
  /** Hook events (`helm.sh/hook`), empty for an ordinary manifest. */
  hooks: string[];
}

export interface ManifestError {
  name: string;
  /** Offset in the rendered output of the document that does not parse. */
  offset: number;
  /** 1-based line inside the document, when the YAML parser gave one. */
  line?: number;
  message: string;
}

const SEPARATOR = /(?:^|\s*\n)---\s*/g;

/** Splits a rendered template as Helm does (`---` separators), keeping each document's offset. */
export function splitManifests(text: string): { content: string; offset: number }[] {
  const out: { content: string; offset: number }[] = [];
  // Helm trims the whole file first, then splits on the separator and trims each document.
  const lead = text.length - text.trimStart().length;
  const body = text.trim();
  let last = 0;
  const push = (from: number, to: number): void => {
    const raw = body.slice(from, to);
    if (raw === "") return;
    const trimmedStart = raw.length - raw.trimStart().length;
    const content = raw.trim();
    out.push({ content, offset: lead + from + trimmedStart });
  };
  SEPARATOR.lastIndex = 0;
  for (let m = SEPARATOR.exec(body); m; m = SEPARATOR.exec(body)) {
    if (m[0] === "") {
      SEPARATOR.lastIndex += 1;
      continue;
    }
    push(last, m.index);
    last = m.index + m[0].length;
  }
  push(last, body.length);
  return out;
}

/** Reads kind and hook annotation of each document; documents that are not YAML are errors. */
export function sortManifests(files: Map<string, string>): { manifests: ManifestDoc[]; hooks: ManifestDoc[]; errors: ManifestError[] } {
  const manifests: ManifestDoc[] = [];
  const hooks: ManifestDoc[] = [];
  const errors: ManifestError[] = [];
  const names = [...files.keys()].sort(compareStrings);
  for (const name of names) {
    const base = name.slice(name.lastIndexOf("/") + 1);
    if (base.startsWith("_") || name.endsWith("NOTES.txt")) continue;
    const text = files.get(name)!;
    if (text.trim() === "") continue;
    for (const doc of splitManifests(text)) {
      const head = readHead(doc.content);
      if ("error" in head) {
        errors.push({ name, offset: doc.offset, line: head.line, message: head.error });
        continue;
      }
      const entry: ManifestDoc = { name, content: doc.content, offset: doc.offset, kind: head.kind, hooks: head.hooks };
      (head.hooks.length > 0 ? hooks : manifests).push(entry);
    }
  }
  return { manifests: sortByKind(manifests), hooks: sortByKind(hooks), errors };
}

export function sortByKind<T extends { kind: string }>(items: T[]): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => {
      const ra = RANK.get(a.item.kind);
      const rb = RANK.get(b.item.kind);
      if (ra === undefined && rb === undefined) {
        if (a.item.kind !== b.item.kind) return compareStrings(a.item.kind, b.item.kind);
        return a.index - b.index;
      }
      if (ra === undefined) return 1;
      if (rb === undefined) return -1;
      return ra - rb || a.index - b.index;
    })
    .map((x) => x.item);
}

type Head = { kind: string; hooks: string[] } | { error: string; line?: number };

/**
 * Heads of documents read lately: a chart renders the same documents for the base and the head of
 * a pull request and for each values file, and parsing them is a good part of a render.
 */
const HEADS = new Map<string, Head>();
const HEADS_MAX = 2000;

function readHead(content: string): Head {
  if (content.length > 64 * 1024) return readHeadUncached(content);
  const hit = HEADS.get(content);
  if (hit) return hit;
  const head = readHeadUncached(content);
  if (HEADS.size >= HEADS_MAX) HEADS.delete(HEADS.keys().next().value!);
  HEADS.set(content, head);
  return head;
}

function readHeadUncached(content: string): Head {
  const doc = parseDocument(content, { version: "1.1", uniqueKeys: false, prettyErrors: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = e.linePos?.[0]?.line;
    return { error: e.message.split("\n")[0]!, ...(line ? { line } : {}) };
  }
  // Read the head from the document tree (no conversion of the whole document to JavaScript).
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === undefined))) return { kind: "", hooks: [] };
  if (!isMap(root)) return { error: `cannot unmarshal ${isSeq(root) ? "array" : "string"} into a Kubernetes object`, line: 1 };
  const kindValue = doc.get("kind");
  const kind = typeof kindValue === "string" ? kindValue : "";
  const hook = doc.getIn(["metadata", "annotations", "helm.sh/hook"]);
  const hooks =
    typeof hook === "string"
      ? hook
          .split(",")
          .map((h) => h.trim())
          .filter((h) => h !== "")
      : [];
  return { kind, hooks };
}

export function isTestHook(doc: ManifestDoc): boolean {
  return doc.hooks.some((h) => h === "test" || h === "test-success" || h === "test-failure");
}

export function compareStrings(a: string, b: string): number {
  // Go compares strings bytewise; for the paths and kinds here UTF-16 order matches for ASCII.
  return a < b ? -1 : a > b ? 1 : 0;
}
