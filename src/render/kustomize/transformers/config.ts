/**
 * `configurations:` files: Kustomize's transformer configurations that teach the builtin
 * transformers about custom resources. Supported sections (each a list of field specs
 * `{path, kind, group, version, create}`, paths with "/" separators):
 *   commonLabels       more places commonLabels (and labels with includeSelectors) write
 *   commonAnnotations  more places commonAnnotations write
 *   images             more image fields (the path leads to the image string itself)
 *   nameReference      `{kind, group, fieldSpecs}`: fields that refer to a resource of that kind by name
 *   varReference       more fields where $(VAR) is substituted
 * Other sections (namePrefix, nameSuffix, namespace, replicas, templateLabels...) are reported as a
 * warning and skipped. The pipeline reads each kustomization's files with `readTransformerConfig`,
 * merges them with `mergeConfigs` (a base's configuration also applies to what includes it, as in
 * kustomize) and passes the result as `ctx.config`; `fixNameReferences` takes its nameReference.
 */
import { mapGet, type Node } from "../resource.js";
import { problemAt, str, type TransformContext } from "./context.js";
import type { FieldSpec } from "./fields.js";
import type { NameReference } from "./nameref.js";

export interface TransformerConfig {
  commonLabels: FieldSpec[];
  commonAnnotations: FieldSpec[];
  images: FieldSpec[];
  nameReference: NameReference[];
  varReference: FieldSpec[];
}

export function emptyConfig(): TransformerConfig {
  return { commonLabels: [], commonAnnotations: [], images: [], nameReference: [], varReference: [] };
}

const SPEC_SECTIONS = new Set(["commonLabels", "commonAnnotations", "images", "varReference"]);
const IGNORED = new Set(["namePrefix", "nameSuffix", "namespace", "replicas", "templateLabels", "nameSuffixes", "prefix", "suffix"]);

/** Reads one configurations file (its first document); problems name `ctx.file` (set it to the file). */
export function readTransformerConfig(doc: Node, ctx: TransformContext): TransformerConfig {
  const out = emptyConfig();
  if (doc.type !== "map") {
    problemAt(ctx, doc, "a transformer configuration must be a map (commonLabels, nameReference, varReference, images...)");
    return out;
  }
  for (const e of doc.entries) {
    if (SPEC_SECTIONS.has(e.key)) out[e.key as "commonLabels" | "commonAnnotations" | "images" | "varReference"] = readSpecs(e.value, e.key, ctx);
    else if (e.key === "nameReference") out.nameReference = readNameReferences(e.value, ctx);
    else if (IGNORED.has(e.key)) problemAt(ctx, e.keyOrigin ?? doc, `transformer configuration "${e.key}" is not supported and was skipped`, "warning");
    else problemAt(ctx, e.keyOrigin ?? doc, `unknown section "${e.key}" in a transformer configuration`);
  }
  return out;
}

export function mergeConfigs(...configs: (TransformerConfig | undefined)[]): TransformerConfig {
  const out = emptyConfig();
  for (const c of configs) {
    if (!c) continue;
    out.commonLabels.push(...c.commonLabels);
    out.commonAnnotations.push(...c.commonAnnotations);
    out.images.push(...c.images);
    out.nameReference.push(...c.nameReference);
    out.varReference.push(...c.varReference);
  }
  return out;
}

function readSpecs(node: Node, section: string, ctx: TransformContext): FieldSpec[] {
  if (node.type === "scalar" && node.value === null) return [];
  if (node.type !== "seq") {
    problemAt(ctx, node, `${section} must be a list of field specs (path, kind, group, create)`);
    return [];
  }
  const out: FieldSpec[] = [];
  for (const item of node.items) {
    const path = str(mapGet(item, "path"));
    if (item.type !== "map" || !path) {
      problemAt(ctx, item, `${section}: a field spec needs a path`);
      continue;
    }
    for (const e of item.entries) {
      if (!["path", "kind", "group", "version", "create"].includes(e.key)) problemAt(ctx, e.keyOrigin ?? item, `unknown field "${e.key}" in a ${section} field spec`);
    }
    const kind = str(mapGet(item, "kind"));
    const group = str(mapGet(item, "group"));
    const create = mapGet(item, "create");
    out.push({
      path,
      ...(kind !== undefined ? { kind } : {}),
      ...(group !== undefined ? { group } : {}),
      create: create?.type === "scalar" && create.value === true,
    });
  }
  return out;
}

function readNameReferences(node: Node, ctx: TransformContext): NameReference[] {
  if (node.type !== "seq") {
    problemAt(ctx, node, "nameReference must be a list of {kind, fieldSpecs}");
    return [];
  }
  const out: NameReference[] = [];
  for (const item of node.items) {
    const kind = str(mapGet(item, "kind"));
    const specs = mapGet(item, "fieldSpecs");
    if (item.type !== "map" || !kind || !specs) {
      problemAt(ctx, item, "a nameReference entry needs a kind and fieldSpecs");
      continue;
    }
    out.push({ referents: [kind], referrers: readSpecs(specs, "nameReference fieldSpecs", ctx) });
  }
  return out;
}
