/**
 * `labels:`, legacy `commonLabels:` and `commonAnnotations:`, with the field lists Kustomize v5.5
 * uses (checked against kubectl kustomize):
 * - metadata.labels / metadata.annotations of every resource (made when missing);
 * - selectors (commonLabels, or labels with includeSelectors: true): Service spec.selector and
 *   ReplicationController spec.selector (made), spec.selector.matchLabels of Deployment,
 *   ReplicaSet, DaemonSet, StatefulSet (made), of Job, CronJob's job template and
 *   PodDisruptionBudget (only when present), NetworkPolicy pod selectors (only when present);
 * - templates (commonLabels, includeSelectors or includeTemplates; always for annotations):
 *   spec.template.metadata of workloads, CronJob's jobTemplate metadata and its pod template, and
 *   for labels StatefulSet volumeClaimTemplates metadata.
 * Field specs from `configurations:` (ctx.config) add places for commonLabels/includeSelectors and
 * commonAnnotations. A written key carries the origin of the key in the kustomization, a written value the origin of
 * the value there.
 */
import type { SourceRange } from "../../provenance.js";
import { mapGet, type MapEntry, type MapNode, type Node, type Resource, type ScalarNode } from "../resource.js";
import { problemAt, resId, str, type TransformContext } from "./context.js";
import { specMatches, splitPath, walkPath, type FieldSpec } from "./fields.js";

export const METADATA_LABELS: readonly FieldSpec[] = [{ path: "metadata/labels", create: true }];

export const SELECTOR_FIELDS: readonly FieldSpec[] = [
  { kind: "Service", path: "spec/selector", create: true },
  { kind: "ReplicationController", path: "spec/selector", create: true },
  { kind: "Deployment", path: "spec/selector/matchLabels", create: true },
  { kind: "ReplicaSet", path: "spec/selector/matchLabels", create: true },
  { kind: "DaemonSet", path: "spec/selector/matchLabels", create: true },
  { kind: "StatefulSet", path: "spec/selector/matchLabels", create: true },
  { kind: "Job", path: "spec/selector/matchLabels" },
  { kind: "CronJob", path: "spec/jobTemplate/spec/selector/matchLabels" },
  { kind: "PodDisruptionBudget", path: "spec/selector/matchLabels" },
  { kind: "NetworkPolicy", path: "spec/podSelector/matchLabels" },
  { kind: "NetworkPolicy", path: "spec/ingress/from/podSelector/matchLabels" },
  { kind: "NetworkPolicy", path: "spec/egress/to/podSelector/matchLabels" },
];

const TEMPLATE_METADATA: readonly FieldSpec[] = [
  { kind: "Deployment", path: "spec/template/metadata", create: true },
  { kind: "ReplicaSet", path: "spec/template/metadata", create: true },
  { kind: "DaemonSet", path: "spec/template/metadata", create: true },
  { kind: "StatefulSet", path: "spec/template/metadata", create: true },
  { kind: "Job", path: "spec/template/metadata", create: true },
  { kind: "ReplicationController", path: "spec/template/metadata", create: true },
  { kind: "CronJob", path: "spec/jobTemplate/metadata", create: true },
  { kind: "CronJob", path: "spec/jobTemplate/spec/template/metadata", create: true },
];

export const TEMPLATE_LABELS: readonly FieldSpec[] = [
  ...TEMPLATE_METADATA.map((f) => ({ ...f, path: `${f.path}/labels` })),
  { kind: "StatefulSet", path: "spec/volumeClaimTemplates/metadata/labels", create: true },
];

export const TEMPLATE_ANNOTATIONS: readonly FieldSpec[] = [
  { path: "metadata/annotations", create: true },
  ...TEMPLATE_METADATA.map((f) => ({ ...f, path: `${f.path}/annotations` })),
];

interface Pair {
  key: string;
  keyOrigin?: SourceRange;
  value: ScalarNode;
}

export function applyLabels(resources: Resource[], labels: Node | undefined, commonLabels: Node | undefined, ctx: TransformContext): void {
  if (commonLabels !== undefined) {
    const pairs = readPairs(commonLabels, "commonLabels", ctx);
    if (pairs.length > 0) apply(resources, pairs, [...METADATA_LABELS, ...SELECTOR_FIELDS, ...TEMPLATE_LABELS, ...(ctx.config?.commonLabels ?? [])]);
  }
  if (labels === undefined || (labels.type === "scalar" && labels.value === null)) return;
  if (labels.type !== "seq") {
    problemAt(ctx, labels, "labels must be a list of entries with pairs, includeSelectors, includeTemplates, fields");
    return;
  }
  for (const item of labels.items) {
    if (item.type !== "map") {
      problemAt(ctx, item, "a labels entry must be a map (pairs, includeSelectors, includeTemplates, fields)");
      continue;
    }
    let pairs: Pair[] = [];
    let selectors = false;
    let templates = false;
    const extra: FieldSpec[] = [];
    for (const e of item.entries) {
      if (e.key === "pairs") pairs = readPairs(e.value, "labels pairs", ctx);
      else if (e.key === "includeSelectors") selectors = readBool(e, ctx);
      else if (e.key === "includeTemplates") templates = readBool(e, ctx);
      else if (e.key === "fields") extra.push(...readFieldSpecs(e.value, ctx));
      else problemAt(ctx, e.keyOrigin ?? item, `unknown field "${e.key}" in a labels entry (expected pairs, includeSelectors, includeTemplates, fields)`);
    }
    if (pairs.length === 0) continue;
    const specs: FieldSpec[] = [...METADATA_LABELS];
    if (selectors) specs.push(...SELECTOR_FIELDS, ...TEMPLATE_LABELS, ...(ctx.config?.commonLabels ?? []));
    else if (templates) specs.push(...TEMPLATE_LABELS);
    specs.push(...extra);
    apply(resources, pairs, specs);
  }
}

export function applyAnnotations(resources: Resource[], commonAnnotations: Node | undefined, ctx: TransformContext): void {
  if (commonAnnotations === undefined) return;
  const pairs = readPairs(commonAnnotations, "commonAnnotations", ctx);
  if (pairs.length > 0) apply(resources, pairs, [...TEMPLATE_ANNOTATIONS, ...(ctx.config?.commonAnnotations ?? [])]);
}

function apply(resources: Resource[], pairs: Pair[], specs: readonly FieldSpec[]): void {
  const origin = pairs[0]!.keyOrigin ?? pairs[0]!.value.origin;
  const compiled = specs.map((spec) => ({ spec, parts: splitPath(spec.path) }));
  for (const r of resources) {
    const id = resId(r.node);
    for (const { spec, parts } of compiled) {
      if (!specMatches(spec, id)) continue;
      walkPath(r.node, parts, spec.create === true, origin, (parent, key) => {
        let target = parent.entries.find((e) => e.key === key);
        if (!target || (target.value.type === "scalar" && target.value.value === null)) {
          const map: MapNode = { type: "map", entries: [], ...(origin ? { origin } : {}) };
          if (target) target.value = map;
          else parent.entries.push((target = { key, value: map, ...(origin ? { keyOrigin: origin } : {}) }));
        }
        if (target.value.type !== "map") return;
        setPairs(target.value, pairs);
      });
    }
  }
}

function setPairs(map: MapNode, pairs: Pair[]): void {
  for (const p of pairs) {
    const value: ScalarNode = { type: "scalar", value: scalarText(p.value), ...(p.value.origin ? { origin: p.value.origin } : {}) };
    const entry = map.entries.find((e) => e.key === p.key);
    if (entry) entry.value = value;
    else map.entries.push({ key: p.key, value, ...(p.keyOrigin ? { keyOrigin: p.keyOrigin } : {}) });
  }
}

function scalarText(node: ScalarNode): string {
  return node.value === null ? "" : String(node.value);
}

/** A map of string to string (labels, annotations). Non-string values become a problem (kustomize rejects them). */
export function readPairs(node: Node, field: string, ctx: TransformContext): Pair[] {
  if (node.type === "scalar" && node.value === null) return [];
  if (node.type !== "map") {
    problemAt(ctx, node, `${field} must be a map of names to string values`);
    return [];
  }
  const out: Pair[] = [];
  for (const e of node.entries) {
    if (e.value.type !== "scalar") {
      problemAt(ctx, e.value, `${field}: the value of "${e.key}" must be a string`);
      continue;
    }
    if (e.value.value !== null && typeof e.value.value !== "string") {
      problemAt(ctx, e.value, `${field}: the value of "${e.key}" must be a string; quote it ("${String(e.value.value)}")`);
    }
    out.push({ key: e.key, ...(e.keyOrigin ? { keyOrigin: e.keyOrigin } : {}), value: e.value });
  }
  return out;
}

function readBool(e: MapEntry, ctx: TransformContext): boolean {
  if (e.value.type === "scalar" && typeof e.value.value === "boolean") return e.value.value;
  problemAt(ctx, e.value, `${e.key} must be true or false`);
  return false;
}

/** `fields:` / `fieldSpecs`-like entries: path, kind, group, create. */
export function readFieldSpecs(node: Node, ctx: TransformContext): FieldSpec[] {
  if (node.type !== "seq") {
    problemAt(ctx, node, "fields must be a list of {path, kind, group, create}");
    return [];
  }
  const out: FieldSpec[] = [];
  for (const item of node.items) {
    const path = str(mapGet(item, "path"));
    if (item.type !== "map" || !path) {
      problemAt(ctx, item, "a field spec needs a path");
      continue;
    }
    const kind = str(mapGet(item, "kind"));
    const group = str(mapGet(item, "group"));
    const create = mapGet(item, "create");
    out.push({
      path: path.replace(/^\/+/, ""),
      ...(kind !== undefined ? { kind } : {}),
      ...(group !== undefined ? { group } : {}),
      create: create?.type === "scalar" && create.value === true,
    });
  }
  return out;
}
