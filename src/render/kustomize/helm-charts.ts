/**
 * Kustomize's `helmCharts:` (and the legacy `helmChartInflationGenerator:`), as
 * `kustomize build --enable-helm` inflates them, rendered by our own Helm renderer (../helm) from
 * the source view: charts are never pulled, a chart missing from the repository is an error on its
 * entry.
 *
 * Observed with kubectl kustomize v5.5 (a stand-in helm command printing its arguments):
 * - the chart is `<chartHome>/<name>`, or `<chartHome>/<name>-<version>/<name>` when both
 *   `version` and `repo` are given; `chartHome` (helmGlobals) defaults to `charts`, relative to
 *   the kustomization folder;
 * - `valuesFile` (default: the chart's values.yaml) and `valuesInline` are merged into one values
 *   file: `override` (default) inline wins, `merge` the file wins (maps merged key by key),
 *   `replace` inline only; then `additionalValuesFiles` in order; paths relative to the
 *   kustomization folder;
 * - `helm template NAME CHART --namespace NS --name-template T -f ... --api-versions ...
 *   --kube-version V --include-crds --skip-tests --no-hooks`; without `releaseName` the release is
 *   `release-name` (kustomize passes --generate-name, which `helm template` ignores);
 * - the inflated resources come after `resources:` and the configMap/secret generators, then go
 *   through the kustomization's transformers; `# Source:` comments are not printed.
 *
 * Provenance: `valuesInline` is handed to Helm as a values "file" that is the kustomization itself
 * with everything but the inline block blanked out, so each inline value keeps its own line and
 * column there; the Helm output is read into Kustomize's nodes and each node takes the origin of
 * the Helm segment its text lies in (a values.yaml line, a template line, a valuesInline line).
 */
import { joinPath, type SourceView } from "../../source/view.js";
import { renderChart } from "../helm/index.js";
import { helmFuncMap } from "../helm/funcs/index.js";
import { TemplateSet } from "../helm/template/index.js";
import { originAt, type Segment, type SourceRange } from "../provenance.js";
import type { RenderLimits, RenderProblem } from "../types.js";
import { listField } from "./kustomization.js";
import { mapGet, toPlain, type MapNode, type Node, type Resource } from "./resource.js";
import { readYamlDocuments, YamlReadError, type ReadOptions } from "./yaml-read.js";

type At = { line?: number; column?: number } | SourceRange | undefined;

/** What the build lends the inflater: its view, its kustomization, its problem list. */
export interface HelmChartsHost {
  view: SourceView;
  /** The kustomization file, its folder, text and parsed root. */
  file: string;
  dir: string;
  text: string;
  root: MapNode;
  limits: RenderLimits;
  readOptions: ReadOptions;
  problems: RenderProblem[];
  consumed: Set<string>;
  /** Records an error problem and stops the build. */
  fail(file: string, message: string, at?: At): never;
  warn(file: string, message: string, at?: At): void;
  /** Stops the build (the problems are already recorded). */
  abort(): never;
}

/** The resources of one chart entry, with the entry's position (for duplicate-id messages). */
export interface InflatedChart {
  resources: Resource[];
  at: SourceRange | undefined;
}

interface ChartEntry {
  node: MapNode;
  name: string;
  version?: string;
  repo?: string;
  releaseName?: string;
  nameTemplate?: string;
  namespace?: string;
  chartHome: string;
  valuesFile?: { value: string; node: Node };
  valuesInline?: MapNode;
  valuesMerge: "override" | "merge" | "replace";
  additionalValuesFiles: { value: string; node: Node }[];
  includeCRDs: boolean;
  skipTests: boolean;
  skipHooks: boolean;
  apiVersions: string[];
  kubeVersion?: string;
}

const ENTRY_FIELDS = new Set([
  "name", "version", "repo", "releaseName", "namespace", "nameTemplate", "valuesFile", "valuesInline", "valuesMerge",
  "additionalValuesFiles", "includeCRDs", "skipTests", "skipHooks", "apiVersions", "kubeVersion", "skipSchemaValidation", "devel", "debug",
]);

/** Inflates every chart of the kustomization, in order. Fails the build on any error. */
export async function inflateHelmCharts(host: HelmChartsHost): Promise<InflatedChart[]> {
  const globals = mapGet(host.root, "helmGlobals");
  const chartHome = scalarString(host, mapGet(globals, "chartHome"), "helmGlobals.chartHome") ?? "charts";
  const entries: ChartEntry[] = [];
  for (const item of listField(host.root, "helmCharts")) entries.push(readEntry(host, item, chartHome));
  for (const item of listField(host.root, "helmChartInflationGenerator")) entries.push(readLegacyEntry(host, item, chartHome));
  const out: InflatedChart[] = [];
  for (const entry of entries) out.push({ resources: await inflate(host, entry), at: entry.node.origin });
  return out;
}

function scalarString(host: HelmChartsHost, n: Node | undefined, field: string): string | undefined {
  if (!n || (n.type === "scalar" && n.value === null)) return undefined;
  if (n.type !== "scalar") host.fail(host.file, `${field} must be a string`, n.origin);
  return String(n.value);
}

function bool(host: HelmChartsHost, n: Node | undefined, field: string): boolean {
  if (!n || (n.type === "scalar" && n.value === null)) return false;
  if (n.type !== "scalar" || typeof n.value !== "boolean") host.fail(host.file, `${field} must be true or false`, n.origin);
  return n.value;
}

function stringList(host: HelmChartsHost, n: Node | undefined, field: string): { value: string; node: Node }[] {
  if (!n || (n.type === "scalar" && n.value === null)) return [];
  if (n.type !== "seq") host.fail(host.file, `${field} must be a list of strings`, n.origin);
  return n.items.map((i) => ({ value: scalarString(host, i, field) ?? "", node: i }));
}

function readEntry(host: HelmChartsHost, item: Node, chartHome: string): ChartEntry {
  if (item.type !== "map") host.fail(host.file, "helmCharts entries must be maps", item.origin);
  for (const e of item.entries) {
    if (!ENTRY_FIELDS.has(e.key)) host.fail(host.file, `unknown field "${e.key}" in a helmCharts entry`, e.keyOrigin);
  }
  const str = (key: string): string | undefined => scalarString(host, mapGet(item, key), key);
  const name = str("name");
  if (!name) host.fail(host.file, "chart name cannot be empty", item.origin);
  const merge = str("valuesMerge") ?? "override";
  if (merge !== "override" && merge !== "merge" && merge !== "replace") {
    host.fail(host.file, "valuesMerge must be one of [merge override replace]", mapGet(item, "valuesMerge")?.origin);
  }
  const valuesFile = mapGet(item, "valuesFile");
  const inline = mapGet(item, "valuesInline");
  const entry: ChartEntry = {
    node: item,
    name,
    chartHome,
    valuesMerge: merge,
    additionalValuesFiles: stringList(host, mapGet(item, "additionalValuesFiles"), "additionalValuesFiles"),
    includeCRDs: bool(host, mapGet(item, "includeCRDs"), "includeCRDs"),
    skipTests: bool(host, mapGet(item, "skipTests"), "skipTests"),
    skipHooks: bool(host, mapGet(item, "skipHooks"), "skipHooks"),
    apiVersions: stringList(host, mapGet(item, "apiVersions"), "apiVersions").map((x) => x.value),
  };
  const optional = { version: str("version"), repo: str("repo"), releaseName: str("releaseName"), nameTemplate: str("nameTemplate"), namespace: str("namespace"), kubeVersion: str("kubeVersion") };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined && v !== "") (entry as unknown as Record<string, string>)[k] = v;
  const vf = scalarString(host, valuesFile, "valuesFile");
  if (vf) entry.valuesFile = { value: vf, node: valuesFile! };
  if (inline && !(inline.type === "scalar" && inline.value === null)) {
    if (inline.type !== "map") host.fail(host.file, "valuesInline must be a map", inline.origin);
    if (inline.entries.length > 0) entry.valuesInline = inline;
  }
  return entry;
}

/** The deprecated generator's fields, renamed to helmCharts' (chartName, chartVersion, ...). */
function readLegacyEntry(host: HelmChartsHost, item: Node, chartHome: string): ChartEntry {
  if (item.type !== "map") host.fail(host.file, "helmChartInflationGenerator entries must be maps", item.origin);
  const rename: Record<string, string> = {
    chartName: "name", chartVersion: "version", chartRepoUrl: "repo", releaseName: "releaseName", releaseNamespace: "namespace",
    values: "valuesFile", valuesLocal: "valuesInline", valuesMerge: "valuesMerge",
  };
  const node: MapNode = { type: "map", entries: [], ...(item.origin ? { origin: item.origin } : {}) };
  let home = chartHome;
  for (const e of item.entries) {
    if (e.key === "chartHome") home = scalarString(host, e.value, "chartHome") ?? chartHome;
    else if (rename[e.key]) node.entries.push({ ...e, key: rename[e.key]! });
    else if (e.key !== "extraArgs" && e.key !== "chartRelease" && e.key !== "helmBin" && e.key !== "helmHome") {
      host.fail(host.file, `unknown field "${e.key}" in a helmChartInflationGenerator entry`, e.keyOrigin);
    }
  }
  return readEntry(host, node, home);
}

async function inflate(host: HelmChartsHost, entry: ChartEntry): Promise<Resource[]> {
  const at = mapGet(entry.node, "name")?.origin ?? entry.node.origin;
  const home = joinPath(host.dir, entry.chartHome);
  if (home === undefined) host.fail(host.file, `chartHome ${entry.chartHome} is outside the repository`, at);
  const base = entry.version && entry.repo ? joinPath(home, `${entry.name}-${entry.version}`) : home;
  const chartDir = base === undefined ? undefined : joinPath(base, entry.name);
  if (chartDir === undefined) host.fail(host.file, `chart ${entry.name} is outside the repository`, at);
  if ((await host.view.stat(chartDir)) !== "dir") {
    const message = entry.repo
      ? `chart ${entry.name}${entry.version ? ` ${entry.version}` : ""} from ${entry.repo} is not in the repository at '${chartDir}' (charts are never downloaded; vendor it there to have it reviewed)`
      : `no repo specified for pull, no chart found at '${chartDir}'`;
    host.fail(host.file, message, at);
  }

  // Values: valuesFile (or the chart's values.yaml) and valuesInline merged as valuesMerge says,
  // expressed as Helm's -f order (later files win, maps merged key by key), then the additional files.
  const valuesFiles: (string | { path: string; text: string })[] = [];
  let file: string | undefined;
  if (entry.valuesFile) {
    file = joinPath(host.dir, entry.valuesFile.value);
    if (file === undefined || (await host.view.stat(file)) !== "file") host.fail(host.file, `values file ${entry.valuesFile.value} not found`, entry.valuesFile.node.origin);
  } else {
    const own = joinPath(chartDir, "values.yaml")!;
    if ((await host.view.stat(own)) === "file") file = own;
  }
  const inline = entry.valuesInline ? inlineValues(host, entry.valuesInline) : undefined;
  if (!inline) {
    if (file) valuesFiles.push(file);
  } else if (entry.valuesMerge === "replace") valuesFiles.push(inline);
  else if (entry.valuesMerge === "merge") valuesFiles.push(inline, ...(file ? [file] : []));
  else valuesFiles.push(...(file ? [file] : []), inline);
  for (const extra of entry.additionalValuesFiles) {
    const path = joinPath(host.dir, extra.value);
    if (path === undefined || (await host.view.stat(path)) !== "file") host.fail(host.file, `could not load additionalValuesFile ${extra.value}`, extra.node.origin);
    valuesFiles.push(path);
  }

  if (entry.releaseName && entry.nameTemplate) host.fail(host.file, "cannot set --name-template and also specify a name", mapGet(entry.node, "nameTemplate")?.origin);
  const releaseName = entry.releaseName ?? (entry.nameTemplate ? templateName(host, entry) : "release-name");

  const result = await renderChart(host.view, chartDir, {
    releaseName,
    ...(entry.namespace ? { namespace: entry.namespace } : {}),
    valuesFiles,
    ...(entry.kubeVersion ? { kubeVersion: entry.kubeVersion } : {}),
    ...(entry.apiVersions.length > 0 ? { apiVersions: entry.apiVersions } : {}),
    includeCrds: entry.includeCRDs,
    skipTests: entry.skipTests,
    limits: host.limits,
  });
  for (const c of result.consumed) host.consumed.add(c);
  for (const p of result.problems) host.problems.push(p);
  if (result.problems.some((p) => p.severity === "error")) host.abort();
  return readOutput(host, entry, result.text, result.segments, chartDir);
}

/**
 * valuesInline as a values file whose positions are the kustomization's: its text with every
 * character outside the inline block turned into a space (line breaks kept). A block that cannot
 * be cut out so (it uses an alias) becomes JSON on the block's first line.
 */
function inlineValues(host: HelmChartsHost, node: MapNode): { path: string; text: string } {
  const o = node.origin;
  if (o && o.endLine !== undefined && o.endColumn !== undefined) {
    const lines = host.text.split("\n");
    const offset = (line: number, column: number): number => {
      let at = 0;
      for (let i = 0; i < line - 1 && i < lines.length; i += 1) at += lines[i]!.length + 1;
      return at + column - 1;
    };
    const start = offset(o.line, o.column);
    const end = offset(o.endLine, o.endColumn);
    const src = host.text;
    if (start >= 0 && end <= src.length && start < end && !/(^|[\s,[{:])[&*][^\s]/.test(src.slice(start, end).replace(/"[^"]*"|'[^']*'|#.*$/gm, ""))) {
      const blank = (s: string): string => s.replace(/[^\n]/g, " ");
      return { path: host.file, text: blank(src.slice(0, start)) + src.slice(start, end) + blank(src.slice(end)) };
    }
  }
  const line = o?.line ?? 1;
  return { path: host.file, text: "\n".repeat(Math.max(0, line - 1)) + JSON.stringify(toPlain(node)) };
}

/** `--name-template`: a Go template with Helm's functions and no data. */
function templateName(host: HelmChartsHost, entry: ChartEntry): string {
  const text = entry.nameTemplate!;
  const at = mapGet(entry.node, "nameTemplate")?.origin;
  if (!text.includes("{{")) return text;
  try {
    const set = new TemplateSet({ funcs: helmFuncMap(), limits: { maxSteps: 100_000, maxOutputChars: 1000, maxDepth: 100 } });
    set.parse("name-template", text, { file: host.file, line: at?.line ?? 1, column: at?.column ?? 1 });
    return set.execute("name-template", null).text;
  } catch (e) {
    host.fail(host.file, `nameTemplate: ${(e as Error).message}`, at);
  }
}

/** Helm's output as resources; every node takes the origin of the Helm segment its text is in. */
function readOutput(host: HelmChartsHost, entry: ChartEntry, text: string, segments: Segment[], chartDir: string): Resource[] {
  const at = mapGet(entry.node, "name")?.origin ?? entry.node.origin;
  const PSEUDO = "\0helm-output";
  let docs: ReturnType<typeof readYamlDocuments>;
  try {
    docs = readYamlDocuments(text, PSEUDO, host.readOptions);
  } catch (e) {
    if (e instanceof YamlReadError) {
      const o = e.line ? originAt(text, segments, offsetOf(lineStarts(text), e.line, e.column ?? 1)) : undefined;
      host.fail(o?.file ?? host.file, `chart ${entry.name}: ${e.message}`, o ?? at);
    }
    throw e;
  }
  const starts = lineStarts(text);
  const fallback: SourceRange = at ?? { file: host.file, line: 1, column: 1, endLine: 1, endColumn: 1 };
  const map = (r: SourceRange | undefined): SourceRange => {
    if (!r || r.file !== PSEUDO) return r ?? fallback;
    return originAt(text, segments, offsetOf(starts, r.line, r.column)) ?? fallback;
  };
  // A scalar made of template text and a substituted value (`image: "{{ .repo }}:{{ .tag }}"`)
  // takes the first value's origin: the line a finding about it should point at.
  const scalarOrigin = (r: SourceRange | undefined): SourceRange => {
    if (r?.file === PSEUDO && r.endLine !== undefined && r.endColumn !== undefined) {
      const start = offsetOf(starts, r.line, r.column);
      const end = offsetOf(starts, r.endLine, r.endColumn);
      for (let i = firstEndingAfter(segments, start); i < segments.length && segments[i]!.start < end; i += 1) {
        if (!segments[i]!.verbatim) return segments[i]!.origin;
      }
    }
    return map(r);
  };
  const relocate = (n: Node): void => {
    n.origin = n.type === "scalar" ? scalarOrigin(n.origin) : map(n.origin);
    if (n.type === "map") {
      for (const e of n.entries) {
        if (e.keyOrigin) e.keyOrigin = map(e.keyOrigin);
        relocate(e.value);
      }
    } else if (n.type === "seq") n.items.forEach(relocate);
  };
  const out: Resource[] = [];
  for (const doc of docs) {
    if (!doc.node || (doc.node.type === "scalar" && doc.node.value === null)) continue;
    relocate(doc.node);
    const node = doc.node;
    if (node.type !== "map") host.fail(node.origin?.file ?? host.file, `chart ${entry.name}: a rendered document is not an object`, node.origin);
    if (entry.skipHooks && mapGet(mapGet(mapGet(node, "metadata"), "annotations"), "helm.sh/hook")) continue;
    const kind = mapGet(node, "kind");
    const name = mapGet(mapGet(node, "metadata"), "name");
    if (kind?.type !== "scalar" || kind.value === null || kind.value === "") host.fail(node.origin?.file ?? host.file, `chart ${entry.name}: missing kind in resource`, node.origin);
    if (name?.type !== "scalar" || name.value === null || name.value === "") host.fail(node.origin?.file ?? host.file, `chart ${entry.name}: missing metadata.name in resource`, node.origin);
    out.push({ node, file: kind.origin?.file ?? chartDir });
  }
  return out;
}

/** Index of the first segment that ends after `offset` (segments are sorted, non-overlapping). */
function firstEndingAfter(segments: Segment[], offset: number): number {
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) out.push(i + 1);
  return out;
}

function offsetOf(starts: number[], line: number, column: number): number {
  return (starts[line - 1] ?? 0) + column - 1;
}
