/**
 * `kustomize build DIR` on a SourceView, with provenance.
 *
 * The pipeline follows Kustomize v5.5 for each kustomization: accumulate `resources` (files and
 * folders, nested kustomizations built recursively), run the generators, apply `components`, then
 * the builtin transformers in Kustomize's order: patchesStrategicMerge, patches, namespace,
 * namePrefix/nameSuffix, labels/commonLabels, commonAnnotations, patchesJson6902, replicas, images,
 * replacements; `vars` are collected per level. For the top kustomization only, after the whole
 * accumulation: hash suffixes of generated objects, name-reference fixes, vars resolution, then the
 * legacy resource order (or `sortOptions`), and the output as Kustomize prints it.
 *
 * Nothing throws out of `buildKustomization`: every failure is a RenderProblem (severity error)
 * naming the file and line at fault, and the text is then "". Remote resources are not fetched: a
 * warning says so and the build goes on without them.
 */
import { dirnameOf, joinPath, normalizePath, type SourceView } from "../../source/view.js";
import type { SourceRange } from "../provenance.js";
import type { RenderLimits, RenderProblem, RenderResult } from "../types.js";
import { Emitter, OutputTooLarge } from "./emit.js";
import { inflateHelmCharts, type HelmChartsHost } from "./helm-charts.js";
import { applyOps, readOps } from "./json6902.js";
import { findKustomizationFile, KUSTOMIZATION_FIELDS, KUSTOMIZATION_FILES, listField, validateKustomization } from "./kustomization.js";
import { rootType } from "./merge-keys.js";
import { cloneNode, mapGet, type MapNode, type Node, type Resource, type ScalarNode } from "./resource.js";
import { compileTarget, readTarget, SelectorError, type Identity } from "./selector.js";
import { mergeResource, PatchError } from "./smp.js";
import * as T from "./transformers/index.js";
import { readYamlDocuments, YamlReadError, type ReadOptions } from "./yaml-read.js";

/** Limits of a Kustomize build: the common render limits plus Kustomize's own. */
export interface KustomizeLimits extends RenderLimits {
  /** Most resources a build may hold (default 10,000). */
  maxResources?: number;
  /** Deepest chain of kustomizations (resources, components) (default 50). */
  maxKustomizationDepth?: number;
  /** Deepest YAML nesting in a file (default 200). */
  maxYamlDepth?: number;
  /** Most YAML nodes one file may expand to, aliases included (default 500,000). */
  maxYamlNodes?: number;
  /** The clock for the deadline (default Date.now). */
  now?: () => number;
}

const DEFAULTS = {
  maxOutputChars: 20 * 1024 * 1024,
  maxFileBytes: 5 * 1024 * 1024,
  maxResources: 10_000,
  maxKustomizationDepth: 50,
};

class BuildFailed extends Error {}

interface Kustomization {
  file: string;
  dir: string;
  root: MapNode;
  text: string;
}

class BuildState {
  readonly problems: RenderProblem[] = [];
  readonly consumed = new Set<string>();
  readonly vars: T.VarDecl[] = [];
  /** Transformer configurations (`configurations:` files) per kustomization file, bases' included. */
  readonly configs = new Map<string, T.TransformerConfig>();
  readonly now: () => number;
  /** Kustomization folders being built, outermost first (cycle detection). */
  readonly stack: string[] = [];
  resourceCount = 0;

  constructor(
    readonly view: SourceView,
    readonly limits: KustomizeLimits,
  ) {
    this.now = limits.now ?? Date.now;
  }

  fail(file: string, message: string, at?: { line?: number; column?: number } | SourceRange): never {
    this.problems.push({ file, ...(at?.line ? { line: at.line } : {}), ...(at?.column ? { column: at.column } : {}), message, severity: "error" });
    throw new BuildFailed(message);
  }

  warn(file: string, message: string, at?: { line?: number; column?: number }): void {
    this.problems.push({ file, ...(at?.line ? { line: at.line } : {}), ...(at?.column ? { column: at.column } : {}), message, severity: "warning" });
  }

  checkDeadline(file: string): void {
    if (this.limits.deadline !== undefined && this.now() > this.limits.deadline) {
      this.fail(file, "rendering stopped: deadline exceeded");
    }
  }

  async readText(path: string, referrer: string, at?: SourceRange): Promise<string | undefined> {
    this.checkDeadline(referrer);
    const bytes = await this.view.readFile(path);
    if (!bytes) return undefined;
    const max = this.limits.maxFileBytes ?? DEFAULTS.maxFileBytes;
    if (bytes.byteLength > max) this.fail(path, `file too large to render (${bytes.byteLength} bytes, limit ${max})`, at ? undefined : undefined);
    this.consumed.add(path);
    return new TextDecoder().decode(bytes);
  }

  readOptions(): ReadOptions {
    return {
      ...(this.limits.maxYamlNodes !== undefined ? { maxNodes: this.limits.maxYamlNodes } : {}),
      ...(this.limits.maxYamlDepth !== undefined ? { maxDepth: this.limits.maxYamlDepth } : {}),
    };
  }

  parseYaml(text: string, file: string, extra: ReadOptions = {}): ReturnType<typeof readYamlDocuments> {
    try {
      return readYamlDocuments(text, file, { ...this.readOptions(), ...extra });
    } catch (e) {
      if (e instanceof YamlReadError) this.fail(e.file, e.message, { ...(e.line ? { line: e.line } : {}), ...(e.column ? { column: e.column } : {}) });
      throw e;
    }
  }

  /** The view the transformers read through: what they read is recorded as consumed. */
  private get recordingView(): SourceView {
    const view = this.view;
    const consumed = this.consumed;
    return {
      label: view.label,
      async readFile(path: string) {
        const bytes = await view.readFile(path);
        const p = normalizePath(path);
        if (bytes && p !== undefined) consumed.add(p);
        return bytes;
      },
      stat: (path: string) => view.stat(path),
      list: (path: string) => view.list(path),
    };
  }

  ctx(k: Kustomization): T.TransformContext {
    return {
      file: k.file,
      dir: k.dir,
      view: this.recordingView,
      problems: this.problems,
      ...(this.limits.deadline !== undefined ? { deadline: this.limits.deadline } : {}),
      now: this.now,
      config: this.configs.get(k.file) ?? T.emptyConfig(),
      readYaml: async (path: string) => {
        const text = await this.readText(path, k.file);
        if (text === undefined) return undefined;
        return this.parseYaml(text, path).flatMap((d) => (d.node ? [d.node] : []));
      },
    };
  }
}

/** Builds the kustomization in `dir` as `kustomize build dir` would. Never throws. */
export async function buildKustomization(view: SourceView, dir: string, limits: KustomizeLimits = {}): Promise<RenderResult> {
  const root = normalizePath(dir) ?? dir;
  const state = new BuildState(view, limits);
  const result = (text: string, segments: RenderResult["segments"], documents?: RenderResult["documents"]): RenderResult => ({
    kind: "kustomize",
    root,
    text,
    segments,
    consumed: [...state.consumed].sort(),
    problems: state.problems,
    ...(documents ? { documents } : {}),
  });
  try {
    if (normalizePath(dir) === undefined) state.fail(dir, `build folder ${dir} is outside the repository`);
    const top = await loadKustomization(state, root, "Kustomization", root);
    const resources = await buildTarget(state, top, []);
    const ctx = state.ctx(top);
    await runStep(state, top, () => T.applyHashSuffixes(resources));
    await runStep(state, top, () => T.fixNameReferences(resources, (state.configs.get(top.file) ?? T.emptyConfig()).nameReference));
    await runStep(state, top, () => T.resolveVars(resources, state.vars, ctx));
    const sorted = sortResources(state, top, resources);
    const emitter = new Emitter(limits.maxOutputChars ?? DEFAULTS.maxOutputChars);
    let first = true;
    for (const r of sorted) {
      state.checkDeadline(top.file);
      if (!first) emitter.separator();
      first = false;
      emitter.document(cleanForOutput(r.node));
    }
    const { text, segments } = emitter.out.toResult();
    return result(text, segments, emitter.documents());
  } catch (e) {
    if (e instanceof OutputTooLarge) {
      state.problems.push({ file: root, message: `rendered output larger than ${limits.maxOutputChars ?? DEFAULTS.maxOutputChars} characters`, severity: "error" });
    } else if (!(e instanceof BuildFailed)) {
      state.problems.push({ file: root, message: `kustomize build failed: ${(e as Error)?.message ?? String(e)}`, severity: "error" });
    }
    return result("", []);
  }
}

async function runStep(state: BuildState, k: Kustomization, step: () => unknown): Promise<void> {
  const before = state.problems.filter((p) => p.severity === "error").length;
  try {
    await step();
  } catch (e) {
    if (e instanceof BuildFailed) throw e;
    state.fail(k.file, `transformer failed: ${(e as Error)?.message ?? String(e)}`);
  }
  const after = state.problems.filter((p) => p.severity === "error").length;
  if (after > before) throw new BuildFailed("a transformer reported an error");
}

async function loadKustomization(
  state: BuildState,
  dir: string,
  kind: "Kustomization" | "Component",
  referrer: string,
  at?: SourceRange,
): Promise<Kustomization> {
  const found = await findKustomizationFile(state.view, dir);
  const where = at ? { line: at.line, column: at.column } : undefined;
  if (found === undefined) {
    state.fail(
      at ? at.file : referrer || dir,
      `unable to find one of ${KUSTOMIZATION_FILES.map((n) => `'${n}'`).join(", ")} in directory '${dir || "."}'`,
      where,
    );
  }
  if ("error" in found) state.fail(at ? at.file : dir, found.error, where);
  const file = found.path;
  const text = await state.readText(file, referrer);
  if (text === undefined) state.fail(file, "cannot read the kustomization");
  const docs = state.parseYaml(text, file).filter((d) => d.node !== undefined);
  if (docs.length === 0) {
    // An empty kustomization builds nothing.
    return { file, dir, root: { type: "map", entries: [] }, text };
  }
  if (docs.length > 1) state.fail(file, "a kustomization file must hold a single YAML document", { line: docs[1]!.line });
  const node = docs[0]!.node!;
  if (node.type !== "map") state.fail(file, "a kustomization must be a YAML map", node.origin);
  canonicalFieldNames(node);
  const problems = validateKustomization(node, kind);
  if (problems.length > 0) {
    for (const p of problems) {
      const o = p.node?.origin;
      state.problems.push({
        file,
        ...(p.line ?? o?.line ? { line: (p.line ?? o?.line)! } : {}),
        ...(p.column ?? o?.column ? { column: (p.column ?? o?.column)! } : {}),
        message: p.message,
        severity: "error",
      });
    }
    throw new BuildFailed("invalid kustomization");
  }
  return { file, dir, root: node, text };
}

/** Kustomize reads its file through Go's JSON decoding, which matches field names case-insensitively. */
function canonicalFieldNames(node: MapNode): void {
  const byLower = new Map(Object.keys(KUSTOMIZATION_FIELDS).map((f) => [f.toLowerCase(), f]));
  for (const e of node.entries) {
    if (KUSTOMIZATION_FIELDS[e.key]) continue;
    const canonical = byLower.get(e.key.toLowerCase());
    if (canonical && !node.entries.some((x) => x.key === canonical)) e.key = canonical;
  }
}

const REMOTE = /^(https?:\/\/|git@|ssh:\/\/|git::|github\.com\/|gitlab\.com\/|bitbucket\.org\/)|\?ref=|\/\/.*\?/;

function entryString(state: BuildState, k: Kustomization, field: string, item: Node): string {
  if (item.type !== "scalar" || item.value === null) state.fail(k.file, `${field} entries must be strings`, item.origin);
  return String(item.value);
}

/** One kustomization's build: its resources, generators, components and transformers. */
async function buildTarget(state: BuildState, k: Kustomization, input: Resource[]): Promise<Resource[]> {
  if (state.stack.includes(k.dir)) {
    const cycle = [...state.stack.slice(state.stack.indexOf(k.dir)), k.dir].map((d) => d || ".").join(" -> ");
    state.fail(k.file, `cycle detected in kustomizations: ${cycle}`);
  }
  const maxDepth = state.limits.maxKustomizationDepth ?? DEFAULTS.maxKustomizationDepth;
  if (state.stack.length >= maxDepth) state.fail(k.file, `kustomizations nested deeper than ${maxDepth} levels`);
  state.stack.push(k.dir);
  try {
    let resources = input;
    const configs: T.TransformerConfig[] = [];
    for (const field of ["resources", "bases"]) {
      if (field === "bases" && listField(k.root, "bases").length > 0) state.warn(k.file, "'bases' is deprecated; use 'resources'", keyAt(k.root, "bases"));
      for (const item of listField(k.root, field)) {
        state.checkDeadline(k.file);
        const entry = entryString(state, k, field, item);
        await accumulate(state, k, entry, item, resources, configs);
      }
    }
    // Files named by configurations: (custom field specs for the transformers) and crds: must
    // exist, as Kustomize fails otherwise; crds: contents are not interpreted.
    for (const field of ["configurations", "crds"]) {
      for (const item of listField(k.root, field)) {
        const entry = entryString(state, k, field, item);
        if (REMOTE.test(entry)) continue;
        const path = joinPath(k.dir, entry);
        if (path === undefined || (await state.view.stat(path)) !== "file") state.fail(k.file, `${field} file ${entry} not found`, item.origin);
        if (field === "crds") {
          state.consumed.add(path);
          continue;
        }
        const text = await state.readText(path, k.file, item.origin);
        const doc = text === undefined ? undefined : state.parseYaml(text, path).find((d) => d.node)?.node;
        if (!doc) continue;
        const confCtx = { ...state.ctx(k), file: path };
        await runStep(state, k, () => configs.push(T.readTransformerConfig(doc, confCtx)));
      }
    }
    state.configs.set(k.file, T.mergeConfigs(...configs));
    const ctx = state.ctx(k);
    if (listField(k.root, "configMapGenerator").length > 0 || listField(k.root, "secretGenerator").length > 0) {
      await runStep(state, k, () => T.runGenerators(resources, k.root, ctx));
    }
    if (listField(k.root, "helmCharts").length > 0 || listField(k.root, "helmChartInflationGenerator").length > 0) {
      for (const chart of await inflateHelmCharts(helmHost(state, k))) {
        countResources(state, chart.resources.length);
        addResources(state, resources, chart.resources, k, chart.at);
      }
    }
    for (const field of ["generators", "transformers", "validators", "buildMetadata", "imageTags"]) {
      if (listField(k.root, field).length > 0) state.warn(k.file, `${field} is not supported by this renderer and was skipped`, keyAt(k.root, field));
    }
    // `openapi:` (a custom schema for patches) is accepted and ignored: patches use the built-in
    // merge keys of merge-keys.ts. `crds:` is accepted; its name-reference configuration is ignored.
    for (const item of listField(k.root, "components")) {
      state.checkDeadline(k.file);
      const entry = entryString(state, k, "components", item);
      if (REMOTE.test(entry)) {
        state.warn(k.file, `remote component ${entry} was not fetched; the build goes on without it`, item.origin);
        continue;
      }
      const path = joinPath(k.dir, entry);
      if (path === undefined) state.fail(k.file, `component ${entry} is outside the repository`, item.origin);
      const type = await state.view.stat(path);
      if (type !== "dir") state.fail(k.file, `component ${entry} ${type === "file" ? "must be a folder holding a kustomization" : "not found"}`, item.origin);
      const comp = await loadKustomization(state, path, "Component", k.file, item.origin);
      resources = await buildTarget(state, comp, resources);
      const compConfig = state.configs.get(comp.file);
      if (compConfig) state.configs.set(k.file, T.mergeConfigs(state.configs.get(k.file), compConfig));
    }
    await applyTransformers(state, k, resources);
    const vars = mapGet(k.root, "vars");
    if (vars && vars.type === "seq" && vars.items.length > 0) {
      await runStep(state, k, () => {
        state.vars.push(...T.collectVars(vars, ctx));
      });
    }
    return resources;
  } finally {
    state.stack.pop();
  }
}

function helmHost(state: BuildState, k: Kustomization): HelmChartsHost {
  return {
    view: state.view,
    file: k.file,
    dir: k.dir,
    text: k.text,
    root: k.root,
    limits: state.limits,
    readOptions: state.readOptions(),
    problems: state.problems,
    consumed: state.consumed,
    fail: (file, message, at) => state.fail(file, message, at),
    warn: (file, message, at) => state.warn(file, message, at),
    abort: () => {
      throw new BuildFailed("a helm chart failed to render");
    },
  };
}

function keyAt(map: MapNode, key: string): { line: number; column: number } | undefined {
  const e = map.entries.find((x) => x.key === key);
  return e?.keyOrigin ? { line: e.keyOrigin.line, column: e.keyOrigin.column } : undefined;
}

async function accumulate(
  state: BuildState,
  k: Kustomization,
  entry: string,
  item: Node,
  resources: Resource[],
  configs: T.TransformerConfig[],
): Promise<void> {
  if (REMOTE.test(entry)) {
    state.warn(k.file, `remote resource ${entry} was not fetched; the build goes on without it`, item.origin);
    return;
  }
  const path = joinPath(k.dir, entry);
  if (path === undefined) state.fail(k.file, `resource ${entry} is outside the repository`, item.origin);
  const type = await state.view.stat(path);
  if (type === undefined) state.fail(k.file, `resource ${entry} not found`, item.origin);
  if (type === "file") {
    if (!isUnder(path, k.dir)) {
      state.fail(k.file, `security; file '${path}' is not in or below '${k.dir || "."}'`, item.origin);
    }
    const loaded = await loadResourceFile(state, path, k.file, item.origin);
    addResources(state, resources, loaded, k, item.origin);
    return;
  }
  const sub = await loadKustomization(state, path, "Kustomization", k.file, item.origin);
  const built = await buildTarget(state, sub, []);
  const subConfig = state.configs.get(sub.file);
  if (subConfig) configs.push(subConfig);
  addResources(state, resources, built, k, item.origin);
}

function isUnder(path: string, dir: string): boolean {
  return dir === "" || path.startsWith(`${dir}/`);
}

export function idOf(node: MapNode): Identity {
  const t = T.resId(node);
  return t;
}

export function idString(id: Identity): string {
  return `${id.kind}.${id.version}.${id.group || "[noGrp]"}/${id.name}.${id.namespace || "[noNs]"}`;
}

function idKey(id: Identity): string {
  return `${id.kind}|${id.group}|${id.version}|${id.name}|${id.namespace || "default"}`;
}

/** Appends resources, refusing an id already in the build (Kustomize's "already registered id"). */
function addResources(state: BuildState, resources: Resource[], added: Resource[], k: Kustomization, at: SourceRange | undefined): void {
  const seen = new Set(resources.map((r) => idKey(idOf(r.node))));
  const max = state.limits.maxResources ?? DEFAULTS.maxResources;
  for (const r of added) {
    const id = idOf(r.node);
    const key = idKey(id);
    if (seen.has(key)) state.fail(k.file, `may not add resource with an already registered id: ${idString(id)}`, at);
    seen.add(key);
    resources.push(r);
  }
  // Resources read from files, over the whole build (generated ones are bounded by their inputs).
  if (state.resourceCount > max) state.fail(k.file, `more than ${max} resources in the build`, at);
}

function countResources(state: BuildState, n: number): void {
  state.resourceCount += n;
}

async function loadResourceFile(state: BuildState, path: string, referrer: string, at?: SourceRange): Promise<Resource[]> {
  const text = await state.readText(path, referrer, at);
  if (text === undefined) state.fail(referrer, `resource ${path} cannot be read`, at);
  const out: Resource[] = [];
  for (const doc of state.parseYaml(text, path)) {
    state.checkDeadline(path);
    if (!doc.node || (doc.node.type === "scalar" && doc.node.value === null)) continue;
    if (doc.node.type !== "map") state.fail(path, "a resource must be a YAML map (this document is not an object)", { line: doc.node.origin?.line ?? doc.line });
    const items = listItems(doc.node);
    for (const node of items ?? [doc.node]) {
      if (node.type !== "map") state.fail(path, "a List item must be a map", node.origin);
      checkResource(state, path, node);
      out.push({ node, file: path });
      countResources(state, 1);
    }
  }
  return out;
}

/** The items of a `kind: ...List` document, which Kustomize flattens into resources. */
function listItems(node: MapNode): Node[] | undefined {
  const kind = mapGet(node, "kind");
  const items = mapGet(node, "items");
  if (kind?.type === "scalar" && typeof kind.value === "string" && kind.value.endsWith("List") && items?.type === "seq") return items.items;
  return undefined;
}

function checkResource(state: BuildState, path: string, node: MapNode): void {
  const kind = mapGet(node, "kind");
  if (!kind || kind.type !== "scalar" || kind.value === null || kind.value === "") {
    state.fail(path, "missing kind in resource", node.origin);
  }
  const name = mapGet(mapGet(node, "metadata"), "name");
  if (!name || name.type !== "scalar" || name.value === null || name.value === "") {
    state.fail(path, "missing metadata.name in resource", node.origin);
  }
}

// ---------------------------------------------------------------------------------------------
// Transformers, in Kustomize's order.

async function applyTransformers(state: BuildState, k: Kustomization, resources: Resource[]): Promise<void> {
  const ctx = state.ctx(k);
  const field = (name: string): Node | undefined => {
    const v = mapGet(k.root, name);
    return v && !(v.type === "scalar" && v.value === null) ? v : undefined;
  };
  await patchesStrategicMerge(state, k, resources);
  await patches(state, k, resources);
  const ns = field("namespace");
  if (ns) await runStep(state, k, () => T.applyNamespace(resources, ns as ScalarNode, ctx));
  const prefix = field("namePrefix") as ScalarNode | undefined;
  const suffix = field("nameSuffix") as ScalarNode | undefined;
  if (prefix || suffix) await runStep(state, k, () => T.applyNamePrefixSuffix(resources, prefix, suffix, ctx));
  const labels = field("labels");
  const commonLabels = field("commonLabels");
  if (labels || commonLabels) await runStep(state, k, () => T.applyLabels(resources, labels, commonLabels, ctx));
  const annotations = field("commonAnnotations");
  if (annotations) await runStep(state, k, () => T.applyAnnotations(resources, annotations, ctx));
  await patchesJson6902(state, k, resources);
  const replicas = field("replicas");
  if (replicas) await runStep(state, k, () => T.applyReplicas(resources, replicas, ctx));
  const images = field("images");
  if (images) await runStep(state, k, () => T.applyImages(resources, images, ctx));
  const replacements = field("replacements");
  if (replacements) await runStep(state, k, () => T.applyReplacements(resources, replacements, ctx));
}

interface PatchDoc {
  node: Node;
  /** File that holds the patch (the patch file, or the kustomization for inline patches). */
  file: string;
}

/** Reads a patch given as a file path or as inline text (with origins inside the host file). */
async function readPatch(state: BuildState, k: Kustomization, spec: { path?: Node; patch?: Node }): Promise<PatchDoc[]> {
  if (spec.path && spec.path.type === "scalar" && spec.path.value !== null) {
    const rel = String(spec.path.value);
    const path = joinPath(k.dir, rel);
    if (path === undefined) state.fail(k.file, `patch ${rel} is outside the repository`, spec.path.origin);
    if (!isUnder(path, k.dir)) state.fail(k.file, `security; file '${path}' is not in or below '${k.dir || "."}'`, spec.path.origin);
    const text = await state.readText(path, k.file, spec.path.origin);
    if (text === undefined) state.fail(k.file, `patch file ${rel} not found`, spec.path.origin);
    return state.parseYaml(text, path).flatMap((d) => (d.node ? [{ node: d.node, file: path }] : []));
  }
  if (spec.patch && spec.patch.type === "scalar" && typeof spec.patch.value === "string") {
    return inlinePatch(state, k, spec.patch);
  }
  state.fail(k.file, "a patch needs a path or a patch", (spec.path ?? spec.patch)?.origin);
}

/** Parses a patch written inline in the kustomization; origins point at its lines there. */
function inlinePatch(state: BuildState, k: Kustomization, scalar: ScalarNode): PatchDoc[] {
  const text = String(scalar.value);
  const o = scalar.origin;
  let extra: ReadOptions = {};
  if (o && (scalar.style === "literal" || scalar.style === "folded")) {
    // Block scalar: content starts on the line after the indicator, indented by a fixed amount.
    const lines = k.text.split("\n");
    let indent = 0;
    for (let i = o.line; i < lines.length; i += 1) {
      const l = lines[i]!;
      if (l.trim() === "") continue;
      indent = l.length - l.trimStart().length;
      break;
    }
    extra = { lineOffset: o.line, columnOffset: indent };
  }
  let docs: ReturnType<typeof readYamlDocuments>;
  try {
    docs = readYamlDocuments(text, k.file, { ...state.readOptions(), ...extra });
  } catch (e) {
    if (e instanceof YamlReadError) {
      state.fail(k.file, `invalid inline patch: ${e.message}`, e.line ? { line: e.line, ...(e.column ? { column: e.column } : {}) } : o);
    }
    throw e;
  }
  const out: PatchDoc[] = [];
  for (const d of docs) {
    if (!d.node) continue;
    if (!extra.lineOffset && o) withOrigin(d.node, o);
    out.push({ node: d.node, file: k.file });
  }
  return out;
}

/** Gives every node of an inline patch written as a quoted string the origin of that string. */
function withOrigin(n: Node, o: SourceRange): void {
  n.origin = o;
  if (n.type === "map") {
    for (const e of n.entries) {
      e.keyOrigin = o;
      withOrigin(e.value, o);
    }
  } else if (n.type === "seq") for (const i of n.items) withOrigin(i, o);
}

async function patchesStrategicMerge(state: BuildState, k: Kustomization, resources: Resource[]): Promise<void> {
  const items = listField(k.root, "patchesStrategicMerge");
  if (items.length === 0) return;
  for (const item of items) {
    state.checkDeadline(k.file);
    if (item.type !== "scalar" || typeof item.value !== "string") state.fail(k.file, "patchesStrategicMerge entries must be strings", item.origin);
    const s = item.value;
    const inline = s.includes("\n") || /^\s*(apiVersion|kind|metadata)\s*:/.test(s);
    const docs = inline ? inlinePatch(state, k, item) : await readPatch(state, k, { path: item });
    for (const d of docs) applySmpByName(state, k, resources, legacyNullLabels(d), item.origin);
  }
}

/**
 * Kustomize reads legacy patchesStrategicMerge patches as objects whose labels and annotations
 * are string maps, so `label: null` there sets the string "null" instead of deleting the label
 * (observed with kubectl kustomize v5.5; `patches:` deletes it).
 */
function legacyNullLabels(d: PatchDoc): PatchDoc {
  const meta = mapGet(d.node, "metadata");
  for (const key of ["labels", "annotations"]) {
    const m = mapGet(meta, key);
    if (m?.type !== "map") continue;
    for (const e of m.entries) {
      if (e.value.type === "scalar" && e.value.value === null) e.value = { ...e.value, value: "null" };
    }
  }
  return d;
}

async function patches(state: BuildState, k: Kustomization, resources: Resource[]): Promise<void> {
  for (const item of listField(k.root, "patches")) {
    state.checkDeadline(k.file);
    if (item.type !== "map") state.fail(k.file, "patches entries must be maps (path or patch, target, options)", item.origin);
    for (const e of item.entries) {
      if (!["path", "patch", "target", "options"].includes(e.key)) state.fail(k.file, `unknown field "${e.key}" in a patches entry`, e.keyOrigin);
    }
    const path = mapGet(item, "path");
    const patch = mapGet(item, "patch");
    if (path && patch && !(patch.type === "scalar" && patch.value === null)) state.fail(k.file, "a patch cannot have both path and patch", item.origin);
    const docs = await readPatch(state, k, { ...(path ? { path } : {}), ...(patch ? { patch } : {}) });
    const targetNode = mapGet(item, "target");
    const options = mapGet(item, "options");
    const allowNameChange = boolOption(options, "allowNameChange");
    const allowKindChange = boolOption(options, "allowKindChange");
    if (docs.length === 0) state.fail(k.file, "the patch is empty", item.origin);
    const isJson = docs[0]!.node.type === "seq";
    if (!targetNode || (targetNode.type === "scalar" && targetNode.value === null)) {
      if (isJson) state.fail(k.file, "a JSON 6902 patch must have a target", item.origin);
      for (const d of docs) applySmpByName(state, k, resources, d, item.origin);
      continue;
    }
    const target = compileTargetAt(state, k, targetNode);
    const matched = resources.filter((r) => target.matches(idOf(r.node), r.node, T.previousNames(r)));
    if (isJson) {
      for (const r of matched) applyJson(state, r, docs[0]!);
      continue;
    }
    for (const d of docs) {
      if (d.node.type !== "map") state.fail(d.file, "a strategic merge patch must be a map", d.node.origin);
      for (const r of matched) {
        const p = cloneNode(d.node);
        const id = idOf(r.node);
        const meta = mapGet(p, "metadata");
        const pid = idOf(p);
        if (!allowNameChange || !pid.name) setMetaName(p, meta, id.name);
        if (!allowKindChange || !pid.kind) setKind(p, id.kind);
        applySmp(state, resources, r, p, d.file);
      }
    }
  }
}

function boolOption(options: Node | undefined, key: string): boolean {
  const v = mapGet(options, key);
  return v?.type === "scalar" && v.value === true;
}

function setMetaName(p: MapNode, meta: Node | undefined, name: string): void {
  if (meta?.type === "map") {
    const e = meta.entries.find((x) => x.key === "name");
    if (e) e.value = { type: "scalar", value: name, ...(e.value.origin ? { origin: e.value.origin } : {}) };
    else meta.entries.push({ key: "name", value: { type: "scalar", value: name } });
  } else {
    p.entries = p.entries.filter((e) => e.key !== "metadata");
    p.entries.push({ key: "metadata", value: { type: "map", entries: [{ key: "name", value: { type: "scalar", value: name } }] } });
  }
}

function setKind(p: MapNode, kind: string): void {
  const e = p.entries.find((x) => x.key === "kind");
  if (e) e.value = { type: "scalar", value: kind, ...(e.value.origin ? { origin: e.value.origin } : {}) };
  else p.entries.push({ key: "kind", value: { type: "scalar", value: kind } });
}

function compileTargetAt(state: BuildState, k: Kustomization, n: Node): ReturnType<typeof compileTarget> {
  try {
    return compileTarget(readTarget(n));
  } catch (e) {
    if (e instanceof SelectorError) state.fail(k.file, e.message, n.origin);
    throw e;
  }
}

/** A strategic merge patch without target: applied to the resource its id names. */
function applySmpByName(state: BuildState, k: Kustomization, resources: Resource[], d: PatchDoc, at: SourceRange | undefined): void {
  if (d.node.type !== "map") state.fail(d.file, "a strategic merge patch must be a map", d.node.origin ?? at);
  const pid = idOf(d.node);
  const matches = resources.filter((r) => {
    const id = idOf(r.node);
    if (id.kind !== pid.kind || id.group !== pid.group) return false;
    if (pid.version && id.version && pid.version !== id.version) return false;
    const names = [{ name: id.name, namespace: id.namespace }, ...T.previousNames(r)];
    // Any id the resource has had (before namespace, prefix or suffix changes) matches, with the
    // namespace compared too ("" and "default" are the same), as Kustomize does.
    return names.some((n) => n.name === pid.name && (n.namespace || "default") === (pid.namespace || "default"));
  });
  const shown = idString(pid);
  if (matches.length === 0) {
    state.fail(d.file, `no resource matches strategic merge patch "${shown}": no matches for Id ${shown}; failed to find unique target for patch ${shown}`, d.node.origin ?? at);
  }
  if (matches.length > 1) {
    state.fail(d.file, `multiple matches for Id ${shown}; failed to find unique target for patch ${shown}`, d.node.origin ?? at);
  }
  void k;
  // Matched through an earlier id: the patch must not bring the old name or namespace back.
  const target = matches[0]!;
  const cur = idOf(target.node);
  let patch = d.node;
  if (pid.name !== cur.name || (pid.namespace && pid.namespace !== cur.namespace)) {
    patch = cloneNode(d.node);
    const meta = mapGet(patch, "metadata");
    setMetaName(patch, meta, cur.name);
    const nsEntry = meta?.type === "map" ? meta.entries.find((e) => e.key === "namespace") : undefined;
    if (nsEntry && cur.namespace !== "") nsEntry.value = { type: "scalar", value: cur.namespace, ...(nsEntry.value.origin ? { origin: nsEntry.value.origin } : {}) };
  }
  applySmp(state, resources, target, patch, d.file);
}

function applySmp(state: BuildState, resources: Resource[], r: Resource, patch: MapNode, file: string): void {
  const id = idOf(r.node);
  let merged: MapNode | undefined;
  try {
    merged = mergeResource(r.node, patch, rootType(id.group, id.kind));
  } catch (e) {
    if (e instanceof PatchError) state.fail(file, e.message, e.node?.origin ?? patch.origin);
    throw e;
  }
  if (merged === undefined) {
    const i = resources.indexOf(r);
    if (i >= 0) resources.splice(i, 1);
    return;
  }
  const newId = idOf(merged);
  if (newId.name !== id.name || newId.namespace !== id.namespace) T.recordPreviousName(r, id.name, id.namespace);
  r.node = merged;
}

function applyJson(state: BuildState, r: Resource, d: PatchDoc): void {
  try {
    const ops = readOps(d.node);
    const id = idOf(r.node);
    r.node = applyOps(r.node, ops);
    const newId = idOf(r.node);
    if (newId.name !== id.name || newId.namespace !== id.namespace) T.recordPreviousName(r, id.name, id.namespace);
  } catch (e) {
    if (e instanceof PatchError) state.fail(d.file, e.message, e.node?.origin ?? d.node.origin);
    throw e;
  }
}

async function patchesJson6902(state: BuildState, k: Kustomization, resources: Resource[]): Promise<void> {
  for (const item of listField(k.root, "patchesJson6902")) {
    state.checkDeadline(k.file);
    if (item.type !== "map") state.fail(k.file, "patchesJson6902 entries must be maps (target, path or patch)", item.origin);
    const targetNode = mapGet(item, "target");
    if (!targetNode) state.fail(k.file, "a patchesJson6902 entry needs a target", item.origin);
    const path = mapGet(item, "path");
    const patch = mapGet(item, "patch");
    const docs = await readPatch(state, k, { ...(path ? { path } : {}), ...(patch ? { patch } : {}) });
    if (docs.length === 0) continue;
    const target = compileTargetAt(state, k, targetNode);
    for (const r of resources.filter((x) => target.matches(idOf(x.node), x.node, T.previousNames(x)))) {
      const d = docs[0]!;
      // A JSON patch may also be written as YAML ops (a list) in a .yaml file; a map here is an
      // error, as in Kustomize.
      applyJson(state, r, d);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Output order and clean-up.

const ORDER_FIRST = [
  "Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition", "ServiceAccount", "PodSecurityPolicy",
  "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap", "Secret", "Endpoints", "Service",
  "LimitRange", "PriorityClass", "PersistentVolume", "PersistentVolumeClaim", "Deployment", "StatefulSet", "CronJob",
  "PodDisruptionBudget",
];
const ORDER_LAST = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"];

function stringList(n: Node | undefined): string[] | undefined {
  if (!n || n.type !== "seq") return undefined;
  return n.items.flatMap((i) => (i.type === "scalar" && i.value !== null ? [String(i.value)] : []));
}

function sortResources(state: BuildState, k: Kustomization, resources: Resource[]): Resource[] {
  const opts = mapGet(k.root, "sortOptions");
  const order = mapGet(opts, "order");
  const orderValue = order?.type === "scalar" ? order.value : undefined;
  if (orderValue === "fifo") return resources;
  if (orderValue !== undefined && orderValue !== null && orderValue !== "legacy") {
    state.fail(k.file, `sortOptions.order must be legacy or fifo, not ${String(orderValue)}`, order?.origin);
  }
  const legacy = mapGet(opts, "legacySortOptions");
  const first = stringList(mapGet(legacy, "orderFirst")) ?? ORDER_FIRST;
  const last = stringList(mapGet(legacy, "orderLast")) ?? ORDER_LAST;
  const rank = new Map<string, number>();
  first.forEach((kind, i) => rank.set(kind, i - first.length));
  last.forEach((kind, i) => rank.set(kind, i + 1));
  const keyed = resources.map((r) => {
    const id = idOf(r.node);
    const gvk = `${id.group || "~G"}_${id.version || "~V"}_${id.kind || "~K"}`;
    return { r, gvk, rank: rank.get(id.kind) ?? 0, full: `${gvk}|${id.namespace || "~X"}|${id.name || "~N"}` };
  });
  keyed.sort((a, b) => {
    if (a.gvk !== b.gvk) {
      if (a.rank !== b.rank) return a.rank - b.rank;
      return a.gvk < b.gvk ? -1 : 1;
    }
    return a.full < b.full ? -1 : a.full > b.full ? 1 : 0;
  });
  return keyed.map((x) => x.r);
}

/** What Kustomize drops before printing: empty metadata.annotations. */
function cleanForOutput(node: MapNode): MapNode {
  const meta = mapGet(node, "metadata");
  if (meta?.type === "map") {
    const ann = mapGet(meta, "annotations");
    if (ann?.type === "map" && ann.entries.length === 0) meta.entries = meta.entries.filter((e) => e.key !== "annotations");
  }
  return node;
}

export { dirnameOf };
