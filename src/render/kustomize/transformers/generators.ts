/**
 * configMapGenerator / secretGenerator with generatorOptions, as Kustomize v5.5 does them (checked
 * against kubectl kustomize):
 * - sources: `literals` ("key=value"; one pair of matching outer quotes is removed from the value),
 *   `files` ("path", key = the file's base name, or "key=path"; paths must stay inside the
 *   kustomization's folder), `envs` (and legacy `env`: "KEY=VALUE" lines, blank and # lines skipped,
 *   leading blanks and a byte order mark removed, a line without "=" gives an empty value);
 *   a key given twice is an error;
 * - ConfigMap: text goes to data, bytes that are not UTF-8 go to binaryData (base64);
 *   Secret: every value base64 in data, `type` (default Opaque);
 * - `behavior`: create (default), merge (data, labels, annotations merged into the resource of the
 *   same kind and name made by a base, whatever prefix it got since), replace;
 * - `options` and the kustomization's `generatorOptions`: labels, annotations, immutable,
 *   disableNameSuffixHash.
 * The name suffix is a hash of the content (`kustomizeHash`), added once at the top of the build by
 * `applyHashSuffixes`, after overlays merged into generated resources.
 *
 * Origins: a data value made from a literal or a `files:` entry carries the origin of that line of
 * the kustomization; a value from an env file carries the origin of its line in the env file; the
 * name carries the origin of the entry's `name:` value.
 */
import { createHash } from "node:crypto";
import type { SourceRange } from "../../provenance.js";
import { joinPath } from "../../../source/view.js";
import { mapGet, type MapEntry, type MapNode, type Node, type Resource, type ScalarNode } from "../resource.js";
import { pastDeadline, previousNames, problemAt, recordPreviousName, resId, str, type TransformContext } from "./context.js";
import { readPairs } from "./labels.js";

const DEFAULT_MAX_BYTES = 1024 * 1024;

interface Generated {
  /** Whether applyHashSuffixes appends the content hash. */
  hash: boolean;
}

const GENERATED = new WeakMap<Resource, Generated>();

export function isGenerated(resource: Resource): boolean {
  return GENERATED.has(resource);
}

const ENTRY_FIELDS = new Set(["name", "namespace", "behavior", "literals", "files", "envs", "env", "options", "type", "kvSources"]);
const OPTION_FIELDS = new Set(["labels", "annotations", "disableNameSuffixHash", "immutable"]);

interface Options {
  labels: { key: string; keyOrigin?: SourceRange; value: ScalarNode }[];
  annotations: { key: string; keyOrigin?: SourceRange; value: ScalarNode }[];
  disableNameSuffixHash?: boolean;
  immutable?: ScalarNode;
}

interface Item {
  key: string;
  bytes: Uint8Array;
  /** Decoded text when the bytes are UTF-8. */
  text?: string;
  origin?: SourceRange;
}

/** Runs both generators of one kustomization: appends new resources, merges into or replaces existing ones. */
export async function runGenerators(resources: Resource[], kustomization: MapNode, ctx: TransformContext): Promise<void> {
  const globalNode = mapGet(kustomization, "generatorOptions");
  const global = globalNode ? readOptions(globalNode, "generatorOptions", ctx) : emptyOptions();
  for (const kind of ["ConfigMap", "Secret"] as const) {
    const field = kind === "ConfigMap" ? "configMapGenerator" : "secretGenerator";
    const list = mapGet(kustomization, field);
    if (!list || (list.type === "scalar" && list.value === null)) continue;
    if (list.type !== "seq") {
      problemAt(ctx, list, `${field} must be a list of generator entries`);
      continue;
    }
    for (const item of list.items) {
      if (pastDeadline(ctx)) {
        problemAt(ctx, item, `${field}: time limit reached; generators stopped here`);
        return;
      }
      if (item.type !== "map") {
        problemAt(ctx, item, `a ${field} entry must be a map`);
        continue;
      }
      await generateOne(resources, kind, field, item, global, ctx);
    }
  }
}

async function generateOne(resources: Resource[], kind: "ConfigMap" | "Secret", field: string, entry: MapNode, global: Options, ctx: TransformContext): Promise<void> {
  for (const e of entry.entries) {
    if (!ENTRY_FIELDS.has(e.key) || (e.key === "type" && kind !== "Secret")) {
      problemAt(ctx, e.keyOrigin ?? entry, `unknown field "${e.key}" in a ${field} entry`);
    }
  }
  const kv = entry.entries.find((e) => e.key === "kvSources");
  if (kv) problemAt(ctx, kv.keyOrigin ?? entry, `${field}: kvSources (generator plugins) are not supported; the entry is generated without them`, "warning");
  const nameNode = mapGet(entry, "name");
  const name = str(nameNode);
  if (!name) {
    problemAt(ctx, entry, `a ${field} entry needs a name`);
    return;
  }
  const namespace = str(mapGet(entry, "namespace")) ?? "";
  const behaviorNode = mapGet(entry, "behavior");
  const behavior = str(behaviorNode) ?? "create";
  if (!["create", "merge", "replace"].includes(behavior)) {
    problemAt(ctx, behaviorNode, `${field} "${name}": behavior must be create, merge or replace, not "${behavior}"`);
    return;
  }
  const local = mapGet(entry, "options");
  const options = mergeOptions(global, local ? readOptions(local, `${field} "${name}" options`, ctx) : emptyOptions());

  const budget = { left: ctx.maxGeneratorBytes ?? DEFAULT_MAX_BYTES };
  const items: Item[] = [];
  const lits = mapGet(entry, "literals");
  if (lits) for (const s of strings(lits, `${field} "${name}" literals`, ctx)) {
    const eq = s.value.indexOf("=");
    if (eq <= 0) {
      problemAt(ctx, s.node, `${field} "${name}": literal "${s.value.slice(0, 40)}" is not of the form key=value`);
      continue;
    }
    const text = unquote(s.value.slice(eq + 1));
    const bytes = new TextEncoder().encode(text);
    budget.left -= bytes.length;
    items.push({ key: s.value.slice(0, eq), bytes, text, ...(s.node.origin ? { origin: s.node.origin } : {}) });
  }
  const files = mapGet(entry, "files");
  if (files) for (const s of strings(files, `${field} "${name}" files`, ctx)) {
    const eq = s.value.indexOf("=");
    const key = eq > 0 ? s.value.slice(0, eq) : s.value.slice(s.value.lastIndexOf("/") + 1);
    const rel = eq > 0 ? s.value.slice(eq + 1) : s.value;
    const bytes = await readInside(rel, s.node, `${field} "${name}"`, budget, ctx);
    if (!bytes) continue;
    const text = utf8(bytes);
    items.push({ key, bytes, ...(text !== undefined ? { text } : {}), ...(s.node.origin ? { origin: s.node.origin } : {}) });
  }
  for (const envField of ["envs", "env"]) {
    const envs = mapGet(entry, envField);
    if (!envs) continue;
    const list = envField === "env" && envs.type === "scalar" ? [{ value: str(envs) ?? "", node: envs }] : strings(envs, `${field} "${name}" ${envField}`, ctx);
    for (const s of list) {
      const bytes = await readInside(s.value, s.node, `${field} "${name}"`, budget, ctx);
      if (!bytes) continue;
      const path = joinPath(ctx.dir, s.value)!;
      items.push(...parseEnv(new TextDecoder().decode(bytes), path));
    }
  }
  if (budget.left < 0) {
    problemAt(ctx, entry, `${field} "${name}": input larger than ${ctx.maxGeneratorBytes ?? DEFAULT_MAX_BYTES} bytes (Kubernetes' limit for one object); not generated`);
    return;
  }
  // Duplicate keys are an error in kustomize.
  const seen = new Map<string, Item>();
  for (const it of items) {
    if (seen.has(it.key)) {
      problemAt(ctx, it.origin && it.origin.file === ctx.file ? it.origin : entry, `${kind.toLowerCase()} ${name} repeats the key "${it.key}"`);
      continue;
    }
    seen.set(it.key, it);
  }
  const unique = [...seen.values()];
  const typeNode = kind === "Secret" ? mapGet(entry, "type") : undefined;
  const node = buildNode(kind, name, nameNode as ScalarNode, namespace, entry, unique, options, typeNode);

  if (behavior === "create") {
    const clash = findExisting(resources, kind, name, namespace);
    if (clash) {
      problemAt(ctx, entry, `${field} "${name}": a ${kind} with this name already exists (use behavior: merge or replace)`);
      return;
    }
    const resource: Resource = { node, file: ctx.file };
    GENERATED.set(resource, { hash: options.disableNameSuffixHash !== true });
    resources.push(resource);
    return;
  }
  const existing = findExisting(resources, kind, name, namespace);
  if (!existing) {
    problemAt(ctx, entry, `${field} "${name}": behavior ${behavior} needs a ${kind} "${name}" from a base, and there is none`);
    return;
  }
  const before = GENERATED.get(existing);
  // Merging into (or replacing) a ConfigMap/Secret written as a plain resource adds no hash suffix.
  const hash = before ? (options.disableNameSuffixHash !== undefined ? !options.disableNameSuffixHash : before.hash) : false;
  if (behavior === "replace") {
    const currentName = mapGet(mapGet(existing.node, "metadata"), "name");
    const meta = mapGet(node, "metadata") as MapNode;
    if (currentName) meta.entries.find((e) => e.key === "name")!.value = currentName;
    existing.node = node;
  } else {
    mergeInto(existing.node, node);
  }
  GENERATED.set(existing, { hash });
}

function findExisting(resources: Resource[], kind: string, name: string, namespace: string): Resource | undefined {
  return resources.find((r) => {
    const id = resId(r.node);
    if (id.kind !== kind || id.group !== "") return false;
    const names = [{ name: id.name, namespace: id.namespace }, ...previousNames(r)];
    return names.some((n) => n.name === name && sameNs(n.namespace, namespace));
  });
}

function sameNs(a: string, b: string): boolean {
  return (a || "default") === (b || "default");
}

function mergeInto(target: MapNode, from: MapNode): void {
  for (const key of ["data", "binaryData"]) {
    const add = mapGet(from, key);
    if (add?.type !== "map") continue;
    let cur = mapGet(target, key);
    if (cur?.type !== "map") {
      cur = { type: "map", entries: [] };
      setEntry(target, key, cur);
    }
    for (const e of add.entries) setEntry(cur, e.key, e.value, e.keyOrigin);
    cur.entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
  const meta = mapGet(target, "metadata");
  const fromMeta = mapGet(from, "metadata");
  if (meta?.type === "map") {
    for (const key of ["labels", "annotations"]) {
      const add = mapGet(fromMeta, key);
      if (add?.type !== "map") continue;
      let cur = mapGet(meta, key);
      if (cur?.type !== "map") {
        cur = { type: "map", entries: [] };
        setEntry(meta, key, cur);
      }
      for (const e of add.entries) setEntry(cur, e.key, e.value, e.keyOrigin);
    }
  }
  const immutable = mapGet(from, "immutable");
  if (immutable) setEntry(target, "immutable", immutable);
}

function setEntry(map: MapNode, key: string, value: Node, keyOrigin?: SourceRange): void {
  const e = map.entries.find((x) => x.key === key);
  if (e) e.value = value;
  else map.entries.push({ key, value, ...(keyOrigin ? { keyOrigin } : {}) });
}

function buildNode(
  kind: "ConfigMap" | "Secret",
  name: string,
  nameNode: ScalarNode,
  namespace: string,
  entry: MapNode,
  items: Item[],
  options: Options,
  typeNode: Node | undefined,
): MapNode {
  const o = entry.origin;
  const s = (value: string | boolean, origin = o): ScalarNode => ({ type: "scalar", value, ...(origin ? { origin } : {}) });
  const kv = (key: string, value: Node, keyOrigin = o): MapEntry => ({ key, value, ...(keyOrigin ? { keyOrigin } : {}) });
  const meta: MapNode = { type: "map", entries: [kv("name", s(name, nameNode.origin))] };
  if (namespace) meta.entries.push(kv("namespace", s(namespace, mapGet(entry, "namespace")?.origin)));
  if (options.labels.length) meta.entries.push(kv("labels", pairsMap(options.labels)));
  if (options.annotations.length) meta.entries.push(kv("annotations", pairsMap(options.annotations)));
  const data: MapEntry[] = [];
  const binary: MapEntry[] = [];
  for (const it of [...items].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    if (kind === "Secret") data.push(kv(it.key, s(Buffer.from(it.bytes).toString("base64"), it.origin), it.origin));
    else if (it.text !== undefined) data.push(kv(it.key, s(it.text, it.origin), it.origin));
    else binary.push(kv(it.key, s(Buffer.from(it.bytes).toString("base64"), it.origin), it.origin));
  }
  const node: MapNode = { type: "map", entries: [kv("apiVersion", s("v1")), kv("kind", s(kind))], ...(o ? { origin: o } : {}) };
  if (binary.length) node.entries.push(kv("binaryData", { type: "map", entries: binary }));
  if (data.length) node.entries.push(kv("data", { type: "map", entries: data }));
  if (options.immutable) node.entries.push(kv("immutable", { ...options.immutable }));
  node.entries.push(kv("metadata", meta));
  if (kind === "Secret") {
    const t = typeNode && str(typeNode);
    node.entries.push(kv("type", t ? s(t, typeNode!.origin) : s("Opaque")));
  }
  return node;
}

function pairsMap(pairs: Options["labels"]): MapNode {
  return {
    type: "map",
    entries: pairs.map((p) => ({
      key: p.key,
      value: { type: "scalar", value: p.value.value === null ? "" : String(p.value.value), ...(p.value.origin ? { origin: p.value.origin } : {}) },
      ...(p.keyOrigin ? { keyOrigin: p.keyOrigin } : {}),
    })),
  };
}

function emptyOptions(): Options {
  return { labels: [], annotations: [] };
}

function readOptions(node: Node, where: string, ctx: TransformContext): Options {
  const out = emptyOptions();
  if (node.type !== "map") {
    if (!(node.type === "scalar" && node.value === null)) problemAt(ctx, node, `${where} must be a map (labels, annotations, disableNameSuffixHash, immutable)`);
    return out;
  }
  for (const e of node.entries) {
    if (!OPTION_FIELDS.has(e.key)) {
      problemAt(ctx, e.keyOrigin ?? node, `unknown field "${e.key}" in ${where}`);
      continue;
    }
    if (e.key === "labels" || e.key === "annotations") out[e.key] = readPairs(e.value, `${where} ${e.key}`, ctx);
    else if (e.value.type === "scalar" && typeof e.value.value === "boolean") {
      if (e.key === "disableNameSuffixHash") out.disableNameSuffixHash = e.value.value;
      else if (e.value.value) out.immutable = e.value;
    } else problemAt(ctx, e.value, `${where}: ${e.key} must be true or false`);
  }
  return out;
}

function mergeOptions(global: Options, local: Options): Options {
  const merge = (a: Options["labels"], b: Options["labels"]) => [...a.filter((x) => !b.some((y) => y.key === x.key)), ...b];
  const out: Options = { labels: merge(global.labels, local.labels), annotations: merge(global.annotations, local.annotations) };
  const disable = local.disableNameSuffixHash ?? global.disableNameSuffixHash;
  if (disable !== undefined) out.disableNameSuffixHash = disable;
  const immutable = local.immutable ?? global.immutable;
  if (immutable) out.immutable = immutable;
  return out;
}

function strings(node: Node, where: string, ctx: TransformContext): { value: string; node: Node }[] {
  if (node.type === "scalar" && node.value === null) return [];
  if (node.type !== "seq") {
    problemAt(ctx, node, `${where} must be a list of strings`);
    return [];
  }
  const out: { value: string; node: Node }[] = [];
  for (const item of node.items) {
    if (item.type !== "scalar" || item.value === null) problemAt(ctx, item, `${where}: each entry must be a string`);
    else out.push({ value: String(item.value), node: item });
  }
  return out;
}

/** Removes one pair of matching outer quotes, as kustomize does for literal values. */
function unquote(v: string): string {
  if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) return v.slice(1, -1);
  return v;
}

function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

async function readInside(rel: string, at: Node, where: string, budget: { left: number }, ctx: TransformContext): Promise<Uint8Array | undefined> {
  const path = joinPath(ctx.dir, rel);
  if (path === undefined || (ctx.dir !== "" && path !== ctx.dir && !path.startsWith(`${ctx.dir}/`))) {
    problemAt(ctx, at, `${where}: "${rel}" is outside the kustomization's folder (kustomize's load restrictor forbids it)`);
    return undefined;
  }
  if (budget.left < 0) return undefined;
  const bytes = await ctx.view.readFile(path);
  if (!bytes) {
    problemAt(ctx, at, `${where}: file "${rel}" not found`);
    return undefined;
  }
  budget.left -= bytes.length;
  // Over the budget: generateOne reports it once for the entry.
  return budget.left < 0 ? undefined : bytes;
}

/** KEY=VALUE lines of an env file, each with the origin of its line. */
export function parseEnv(text: string, file: string): Item[] {
  const out: Item[] = [];
  const lines = text.replace(/^\uFEFF/, "").split("\n");
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, "").replace(/^\s+/, "");
    if (line === "" || line.startsWith("#")) return;
    const eq = line.indexOf("=");
    const key = eq < 0 ? line : line.slice(0, eq);
    const value = eq < 0 ? "" : line.slice(eq + 1);
    const origin: SourceRange = { file, line: i + 1, column: raw.length - raw.replace(/^\s+/, "").length + 1, endLine: i + 1, endColumn: raw.replace(/\r$/, "").length + 1 };
    out.push({ key, bytes: new TextEncoder().encode(value), text: value, origin });
  });
  return out;
}

/**
 * Kustomize's content hash of a generated ConfigMap or Secret (10 characters): SHA-256 of the JSON
 * object {kind, name: "", data[, binaryData]} (Secret: {kind, name: "", type, data} with data in
 * base64), keys sorted and <, >, & escaped as Go's encoder does; the first 10 hex digits, with
 * 0, 1, 3, a, e replaced by g, h, k, m, t. (Labels, annotations, immutable and the name do not count.)
 */
export function kustomizeHash(node: MapNode): string {
  const kind = str(mapGet(node, "kind")) ?? "";
  const obj: Record<string, unknown> = { kind, name: "" };
  const data = mapGet(node, "data");
  obj.data = data?.type === "map" ? plainStrings(data) : {};
  if (kind === "Secret") obj.type = str(mapGet(node, "type")) ?? "";
  else {
    const bin = mapGet(node, "binaryData");
    if (bin?.type === "map" && bin.entries.length > 0) obj.binaryData = plainStrings(bin);
  }
  const hex = createHash("sha256").update(goJson(obj)).digest("hex");
  const swap: Record<string, string> = { "0": "g", "1": "h", "3": "k", a: "m", e: "t" };
  return [...hex.slice(0, 10)].map((c) => swap[c] ?? c).join("");
}

function plainStrings(map: MapNode): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of map.entries) out[e.key] = e.value.type === "scalar" && e.value.value !== null ? String(e.value.value) : "";
  return out;
}

/**
 * A JSON string as Go's encoder (the one kubectl is built with) writes it: \n \r \t \b \f and
 * \" \\ as short escapes, other control
 * characters, <, >, &, U+2028 and U+2029 as \u00XX; everything else (non-ASCII too) as is.
 */
function goString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (c < 0x20 || ch === "<" || ch === ">" || ch === "&" || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += "\\ufffd";
    else out += ch;
  }
  return `${out}"`;
}

/** JSON with sorted keys and Go's HTML-safe escaping of strings. */
function goJson(v: unknown): string {
  if (typeof v === "string") return goString(v);
  if (v && typeof v === "object") {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${goJson(k)}:${goJson((v as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(v);
}

/**
 * Appends "-<hash>" to the name of every generated resource that wants it (once, at the top of the
 * build, after overlays merged). The previous name is recorded for `fixNameReferences`.
 */
export function applyHashSuffixes(resources: Resource[]): void {
  for (const r of resources) {
    const g = GENERATED.get(r);
    if (!g?.hash) continue;
    const meta = mapGet(r.node, "metadata");
    const slot = meta?.type === "map" ? meta.entries.find((e) => e.key === "name") : undefined;
    if (!slot || slot.value.type !== "scalar" || typeof slot.value.value !== "string") continue;
    const id = resId(r.node);
    recordPreviousName(r, id.name, id.namespace);
    slot.value = { ...slot.value, value: `${id.name}-${kustomizeHash(r.node)}` };
    g.hash = false;
  }
}

