/**
 * What `helm template` does with the rendered templates: split each file into YAML documents,
 * read each document's head (kind, annotations), set hooks apart, and order the rest by Helm's
 * install order of kinds (stable: files by name, documents in file order; unknown kinds last,
 * alphabetically by kind among themselves).
 */
import { isCollection, isMap, isPair, isScalar, isSeq, parseDocument, Scalar, type Document } from "yaml";

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
  /**
   * yaml's AST of `content + "\n"`, read with the engine's options, when this document was parsed
   * for its head (not when the head came from the cache). Offsets are relative to `content`; the
   * output builder moves them to the printed text and hands them to the engine (see
   * RenderResult.documents), which then need not parse the output again. Each is used once.
   */
  parsed?: Document.Parsed;
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
      const { head, parsed } = readHead(doc.content);
      if ("error" in head) {
        errors.push({ name, offset: doc.offset, line: head.line, message: head.error });
        continue;
      }
      const entry: ManifestDoc = { name, content: doc.content, offset: doc.offset, kind: head.kind, hooks: head.hooks, ...(parsed ? { parsed } : {}) };
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
 * Documents read lately: a chart renders the same documents for the base and the head of a pull
 * request, for each values file, and as a subchart of a chart beside it, and parsing them is a good
 * part of a render. The head is kept, and the AST handed out for the document (while the ASTs kept
 * stay under a budget of source characters: an AST takes several times its text). The AST is moved
 * to where it is printed and then belongs to that output, so a later use gets a copy (cloning costs
 * a fraction of parsing) and moves the copy from where the first one was placed.
 */
const HEADS = new Map<string, { head: Head; parsed?: Document.Parsed }>();
const HEADS_MAX = 2000;
const AST_BUDGET_CHARS = 2 * 1024 * 1024;
let astChars = 0;

function forget(content: string): void {
  if (HEADS.get(content)?.parsed) astChars -= content.length;
  HEADS.delete(content);
}

function readHead(content: string): { head: Head; parsed?: Document.Parsed } {
  if (content.length > 64 * 1024) return readHeadUncached(content);
  const hit = HEADS.get(content);
  if (hit) return hit.parsed ? { head: hit.head, parsed: copyDocument(hit.parsed) } : { head: hit.head };
  const read = readHeadUncached(content);
  if (HEADS.size >= HEADS_MAX) forget(HEADS.keys().next().value!);
  const keep = read.parsed !== undefined && astChars + content.length <= AST_BUDGET_CHARS;
  if (keep) astChars += content.length;
  HEADS.set(content, keep ? read : { head: read.head });
  return read;
}

/** Where a document's AST was moved: its `---` and its content, and whether it had content. */
interface Placement {
  marker: number;
  content: number;
  /** A document of comments alone, given the empty scalar the stream parse gives it. */
  empty: boolean;
}

const PLACED = new WeakMap<Document.Parsed, Placement>();

function copyDocument(doc: Document.Parsed): Document.Parsed {
  const copy = doc.clone() as Document.Parsed;
  const at = PLACED.get(doc);
  if (at) PLACED.set(copy, at);
  return copy;
}

/**
 * Moves a document's AST (see ManifestDoc.parsed) to where it is printed: its content at
 * `contentStart`, its `---` at `markerStart` (where the stream parse starts the document). Works
 * from where it was (offset 0 when parsed alone, or where a copy's original was placed).
 */
export function placeDocument(doc: Document.Parsed, markerStart: number, contentStart: number): Document.Parsed {
  const from = PLACED.get(doc) ?? { marker: 0, content: 0, empty: doc.contents === null };
  const delta = contentStart - from.content;
  const shift = (node: unknown): void => {
    if (node === null || typeof node !== "object") return;
    if (isPair(node)) {
      shift(node.key);
      shift(node.value);
      return;
    }
    const n = node as { range?: [number, number, number] | null };
    if (n.range) n.range = [n.range[0] + delta, n.range[1] + delta, n.range[2] + delta];
    if (isCollection(node)) for (const item of node.items) shift(item);
  };
  const end = doc.range[2] + delta;
  if (from.empty) {
    // A document of comments alone: in the stream, yaml gives it an empty plain scalar from the marker's end.
    const empty = new Scalar(null);
    empty.range = [markerStart + 3, markerStart + 3, end];
    empty.source = "";
    empty.type = Scalar.PLAIN;
    doc.contents = empty as unknown as Document.Parsed["contents"];
  } else shift(doc.contents);
  for (const w of doc.warnings) w.pos = [w.pos[0] + delta, w.pos[1] + delta];
  doc.range = [markerStart, doc.range[1] + delta, end];
  PLACED.set(doc, { marker: markerStart, content: contentStart, empty: from.empty });
  return doc;
}

/** The options of the engine's YAML reader (src/engine/yaml/documents.ts) for Kubernetes files. */
const ENGINE_PARSE = { uniqueKeys: false, merge: false, prettyErrors: false, strict: false } as const;

/** Directives and document markers read differently inside the printed stream than alone. */
const STREAM_SENSITIVE = /^(?:%|---|\.\.\.)/m;

function readHeadUncached(content: string): { head: Head; parsed?: Document.Parsed } {
  // Parsed as the engine will read it in the printed output: followed by the newline Helm prints.
  const doc = parseDocument(`${content}\n`, ENGINE_PARSE);
  if (doc.errors.length > 0) {
    // The message as Helm's users know it: yaml's, with the line and column.
    const pretty = parseDocument(content, { version: "1.1", uniqueKeys: false, prettyErrors: true });
    const e = pretty.errors[0] ?? doc.errors[0]!;
    const line = e.linePos?.[0]?.line;
    return { head: { error: e.message.split("\n")[0]!, ...(line ? { line } : {}) } };
  }
  // Read the head from the document tree (no conversion of the whole document to JavaScript).
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === undefined))) return { head: { kind: "", hooks: [] }, parsed: doc };
  if (!isMap(root)) return { head: { error: `cannot unmarshal ${isSeq(root) ? "array" : "string"} into a Kubernetes object`, line: 1 } };
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
  return { head: { kind, hooks }, ...(STREAM_SENSITIVE.test(content) ? {} : { parsed: doc }) };
}

export function isTestHook(doc: ManifestDoc): boolean {
  return doc.hooks.some((h) => h === "test" || h === "test-success" || h === "test-failure");
}

export function compareStrings(a: string, b: string): number {
  // Go compares strings bytewise; for the paths and kinds here UTF-16 order matches for ASCII.
  return a < b ? -1 : a > b ? 1 : 0;
}
