/**
 * `images:` as Kustomize v5.5 applies it (checked against kubectl kustomize): every `image` of an
 * item of a `containers` or `initContainers` list anywhere in a resource (custom resources
 * included; not ephemeralContainers) whose name, without tag and digest (or with its tag), equals
 * the entry's `name` is rewritten; entries apply in order, a later one seeing what an earlier one
 * wrote:
 *   newName replaces the name;
 *   newTag + digest  -> name:newTag@digest
 *   digest only      -> name@digest   (an existing tag is dropped)
 *   newTag only      -> name:newTag   (an existing digest is dropped)
 *   neither          -> the existing tag and digest are kept.
 * `images` field specs from `configurations:` (ctx.config) add image fields of custom resources.
 * The written image carries the origin of the entry's `newTag:` value, else `digest:`, else
 * `newName:`.
 */
import type { Node, Resource, ScalarNode } from "../resource.js";
import { problemAt, resId, type TransformContext } from "./context.js";
import { specMatches, splitPath, walkPath } from "./fields.js";

interface ImageEntry {
  name: string;
  newName?: ScalarNode;
  newTag?: ScalarNode;
  digest?: ScalarNode;
}

const FIELDS = new Set(["name", "newName", "newTag", "digest"]);

export function applyImages(resources: Resource[], images: Node, ctx: TransformContext): void {
  const entries = readEntries(images, ctx);
  if (entries.length === 0) return;
  const extra = ctx.config?.images ?? [];
  for (const r of resources) {
    visit(r.node, entries);
    if (extra.length === 0) continue;
    const id = resId(r.node);
    for (const spec of extra) {
      if (!specMatches(spec, id)) continue;
      walkPath(r.node, splitPath(spec.path), false, undefined, (parent, key) => rewrite(parent, entries, key));
    }
  }
}

function readEntries(images: Node, ctx: TransformContext): ImageEntry[] {
  if (images.type === "scalar" && images.value === null) return [];
  if (images.type !== "seq") {
    problemAt(ctx, images, "images must be a list of entries (name, newName, newTag, digest)");
    return [];
  }
  const out: ImageEntry[] = [];
  for (const item of images.items) {
    if (item.type !== "map") {
      problemAt(ctx, item, "an images entry must be a map (name, newName, newTag, digest)");
      continue;
    }
    const entry: Partial<ImageEntry> = {};
    let ok = true;
    for (const e of item.entries) {
      if (!FIELDS.has(e.key)) {
        problemAt(ctx, e.keyOrigin ?? item, `unknown field "${e.key}" in an images entry (expected name, newName, newTag, digest)`);
        ok = false;
        continue;
      }
      const v = e.value;
      if (v.type !== "scalar" || v.value === null) {
        problemAt(ctx, v.type === "scalar" ? (e.keyOrigin ?? item) : v, `images: ${e.key} must be a string`);
        ok = false;
        continue;
      }
      if (typeof v.value !== "string") {
        problemAt(ctx, v, `images: ${e.key} must be a string; quote it ("${v.source ?? String(v.value)}")`);
      }
      const text = v.source ?? String(v.value);
      const node: ScalarNode = { ...v, value: text };
      if (e.key === "name") entry.name = text;
      else entry[e.key as "newName" | "newTag" | "digest"] = node;
    }
    if (entry.name === undefined) {
      problemAt(ctx, item, "an images entry needs a name");
      continue;
    }
    if (ok) out.push(entry as ImageEntry);
  }
  return out;
}

function visit(node: Node, entries: ImageEntry[]): void {
  if (node.type === "seq") {
    for (const item of node.items) visit(item, entries);
    return;
  }
  if (node.type !== "map") return;
  for (const e of node.entries) {
    if ((e.key === "containers" || e.key === "initContainers") && e.value.type === "seq") {
      for (const c of e.value.items) if (c.type === "map") rewrite(c, entries);
    }
    visit(e.value, entries);
  }
}

function rewrite(container: Extract<Node, { type: "map" }>, entries: ImageEntry[], key = "image"): void {
  const slot = container.entries.find((e) => e.key === key);
  if (!slot || slot.value.type !== "scalar" || typeof slot.value.value !== "string") return;
  // Entries apply one after the other: a later entry sees what an earlier one wrote.
  for (const entry of entries) {
    if (slot.value.type !== "scalar" || typeof slot.value.value !== "string") return;
    const ref = parseImage(slot.value.value);
    const matches = entry.name === ref.name || (ref.tag !== undefined && entry.name === `${ref.name}:${ref.tag}`);
    if (!matches || (!entry.newName && !entry.newTag && !entry.digest)) continue;
    slot.value = rewritten(ref, entry);
  }
}

function rewritten(ref: { name: string; tag?: string; digest?: string }, entry: ImageEntry): ScalarNode {
  const name = entry.newName ? String(entry.newName.value) : ref.name;
  let rest: string;
  if (entry.newTag && entry.digest) rest = `:${entry.newTag.value}@${entry.digest.value}`;
  else if (entry.digest) rest = `@${entry.digest.value}`;
  else if (entry.newTag) rest = `:${entry.newTag.value}`;
  else rest = `${ref.tag !== undefined ? `:${ref.tag}` : ""}${ref.digest !== undefined ? `@${ref.digest}` : ""}`;
  const from = entry.newTag ?? entry.digest ?? entry.newName!;
  return { type: "scalar", value: `${name}${rest}`, ...(from.origin ? { origin: from.origin } : {}) };
}

/** Splits "registry:port/repo:tag@digest" into name, tag and digest. */
export function parseImage(image: string): { name: string; tag?: string; digest?: string } {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { name: rest, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}
