/**
 * Loads a chart from a SourceView as Helm loads a chart folder: Chart.yaml (apiVersion v1 or v2;
 * v1 lists its dependencies in requirements.yaml), values.yaml, values.schema.json, templates/,
 * charts/ (folders and `.tgz` archives), and every other file as `.Files`, all filtered by
 * `.helmignore`. Bad input never throws out of here: a chart that cannot be loaded is a problem
 * naming its file; a subchart that cannot be loaded is left out with a problem.
 */
import { parseDocument } from "yaml";
import type { SourceView } from "../../../source/view.js";
import { dirnameOf, joinPath } from "../../../source/view.js";
import type { RenderProblem } from "../../types.js";
import { ArchiveError, readChartArchive } from "./archive.js";
import { HelmIgnore } from "./helmignore.js";
import { parseValues, ValuesError, type Values } from "./values.js";

export interface ChartFile {
  /** Path relative to the chart folder (`templates/x.yaml`). */
  name: string;
  data: Uint8Array;
  /** Where the file lives for provenance: a repository path, or `ARCHIVE.tgz/inner/path`. */
  source: string;
}

export interface Dependency {
  name: string;
  version?: string;
  repository?: string;
  condition?: string;
  tags: string[];
  enabled: boolean;
  importValues: unknown[];
  alias?: string;
}

export interface ChartMetadata {
  apiVersion: string;
  name: string;
  version: string;
  type: string;
  raw: Map<string, unknown>;
  dependencies: Dependency[];
}

export interface Chart {
  metadata: ChartMetadata;
  /** Repository folder of the chart (or the archive path for an archived chart). */
  dir: string;
  values: Values;
  valuesSource?: string;
  schema?: { text: string; source: string };
  templates: ChartFile[];
  files: ChartFile[];
  /** Subcharts found in charts/ (or resolved beside the chart), before conditions. */
  dependencies: Chart[];
  parent?: Chart;
}

export interface LoadLimits {
  maxFileBytes: number;
  maxFiles: number;
  maxArchiveBytes: number;
  maxDepth: number;
  /** Absolute time (ms since the epoch) after which loading stops with an error. */
  deadline?: number;
}

export const DEFAULT_LOAD_LIMITS: LoadLimits = {
  maxFileBytes: 5 * 1024 * 1024,
  maxFiles: 20_000,
  maxArchiveBytes: 100 * 1024 * 1024,
  maxDepth: 20,
};

export interface LoadContext {
  view: SourceView;
  limits: LoadLimits;
  problems: RenderProblem[];
  consumed: Set<string>;
  fileCount: number;
}

const decoder = new TextDecoder();

/** `name` inside folder `dir` of the view ("" is the root). */
export function inDir(dir: string, name: string): string {
  return dir === "" ? name : `${dir}/${name}`;
}

const DECODED = new WeakMap<Uint8Array, string>();

/** A file's text (decoded once per byte array: views hand out the same bytes again). */
export function text(data: Uint8Array): string {
  let s = DECODED.get(data);
  if (s === undefined) DECODED.set(data, (s = decoder.decode(data)));
  return s;
}

/** Reads every file of a chart folder from the view (helmignore applied). */
async function readFolder(ctx: LoadContext, dir: string): Promise<ChartFile[] | undefined> {
  const ignoreData = await ctx.view.readFile(joinPath(dir, ".helmignore") ?? "");
  const ignore = new HelmIgnore(ignoreData ? text(ignoreData) : "");
  const out: ChartFile[] = [];
  const walk = async (rel: string, depth: number): Promise<void> => {
    if (depth > 30) return;
    const full = rel === "" ? dir : `${dir === "" ? "" : `${dir}/`}${rel}`;
    const entries = await ctx.view.list(full);
    if (!entries) return;
    for (const e of entries) {
      const childRel = rel === "" ? e.name : `${rel}/${e.name}`;
      if (ignore.ignored(childRel, e.type === "dir")) continue;
      if (e.type === "dir") {
        await walk(childRel, depth + 1);
        continue;
      }
      ctx.fileCount += 1;
      if (ctx.fileCount > ctx.limits.maxFiles) throw new LoadError(`more than ${ctx.limits.maxFiles} files in the chart`);
      if (ctx.limits.deadline !== undefined && Date.now() > ctx.limits.deadline) throw new LoadError("loading the chart stopped: the time limit was reached");
      const path = `${dir === "" ? "" : `${dir}/`}${childRel}`;
      const data = await ctx.view.readFile(path);
      if (!data) continue;
      if (data.length > ctx.limits.maxFileBytes) {
        ctx.problems.push({ file: path, message: `file is larger than the limit of ${ctx.limits.maxFileBytes} bytes; left out of the chart`, severity: "warning" });
        continue;
      }
      out.push({ name: childRel, data, source: path });
    }
  };
  if ((await ctx.view.stat(dir)) !== "dir") return undefined;
  await walk("", 0);
  return out;
}

export class LoadError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

/** Loads the chart in folder `dir` of the view (undefined with a problem when it is no chart). */
export async function loadChartDir(ctx: LoadContext, dir: string, depth = 0): Promise<Chart | undefined> {
  let files: ChartFile[] | undefined;
  try {
    files = await readFolder(ctx, dir);
  } catch (error) {
    ctx.problems.push({ file: inDir(dir, "Chart.yaml"), message: (error as Error).message, severity: "error" });
    return undefined;
  }
  if (!files) {
    ctx.problems.push({ file: dir, message: `chart folder ${dir} not found`, severity: "error" });
    return undefined;
  }
  return buildChart(ctx, files, dir, depth);
}

/** Builds a chart from its files (a folder's or an archive's). */
export async function buildChart(ctx: LoadContext, files: ChartFile[], dir: string, depth: number): Promise<Chart | undefined> {
  const byName = new Map(files.map((f) => [f.name, f]));
  const chartFile = byName.get("Chart.yaml");
  const chartYamlPath = chartFile?.source ?? inDir(dir, "Chart.yaml");
  if (!chartFile) {
    ctx.problems.push({ file: chartYamlPath, message: "Chart.yaml file is missing", severity: "error" });
    return undefined;
  }
  ctx.consumed.add(chartFile.source);
  let metadata: ChartMetadata;
  try {
    metadata = parseMetadata(text(chartFile.data), chartFile.source);
    const req = byName.get("requirements.yaml");
    if (req && metadata.apiVersion === "v1") {
      ctx.consumed.add(req.source);
      metadata.dependencies = parseDependencies(readYamlMap(text(req.data), req.source).get("dependencies"), req.source);
    }
  } catch (error) {
    const e = error as LoadError;
    ctx.problems.push({ file: e.file ?? chartFile.source, ...(e.line ? { line: e.line } : {}), message: e.message, severity: "error" });
    return undefined;
  }
  const chart: Chart = { metadata, dir, values: new Map(), templates: [], files: [], dependencies: [] };
  const valuesFile = byName.get("values.yaml");
  if (valuesFile) {
    ctx.consumed.add(valuesFile.source);
    chart.valuesSource = valuesFile.source;
    try {
      chart.values = parseValues(text(valuesFile.data), valuesFile.source);
    } catch (error) {
      const e = error as ValuesError;
      ctx.problems.push({
        file: valuesFile.source,
        ...(e.line ? { line: e.line } : {}),
        ...(e.column ? { column: e.column } : {}),
        message: `cannot load values.yaml: ${e.message}`,
        severity: "error",
      });
      return undefined;
    }
  }
  const schema = byName.get("values.schema.json");
  if (schema) {
    ctx.consumed.add(schema.source);
    chart.schema = { text: text(schema.data), source: schema.source };
  }
  const subArchives: ChartFile[] = [];
  const subDirs = new Map<string, ChartFile[]>();
  for (const f of files) {
    if (["Chart.yaml", "Chart.lock", "requirements.yaml", "requirements.lock", "values.yaml", "values.schema.json"].includes(f.name)) continue;
    if (f.name.startsWith("templates/")) {
      chart.templates.push(f);
      continue;
    }
    if (f.name.startsWith("charts/")) {
      const rest = f.name.slice("charts/".length);
      const slash = rest.indexOf("/");
      if (slash < 0) {
        if (rest.endsWith(".tgz") || rest.endsWith(".tar.gz")) subArchives.push(f);
        continue;
      }
      const sub = rest.slice(0, slash);
      let list = subDirs.get(sub);
      if (!list) subDirs.set(sub, (list = []));
      list.push({ ...f, name: rest.slice(slash + 1) });
      continue;
    }
    chart.files.push(f);
  }
  if (depth >= ctx.limits.maxDepth) {
    if (subDirs.size + subArchives.length > 0) {
      ctx.problems.push({ file: chartFile.source, message: `subcharts nest deeper than ${ctx.limits.maxDepth} levels; the deeper ones are left out`, severity: "error" });
    }
    return chart;
  }
  // Charts in charts/, in name order (folders and archives together, as Helm reads the folder).
  const entries: { name: string; load: () => Promise<Chart | undefined> }[] = [];
  for (const [name, list] of subDirs) {
    entries.push({ name, load: () => buildChart(ctx, list, inDir(dir, `charts/${name}`), depth + 1) });
  }
  for (const f of subArchives) {
    entries.push({ name: f.name.slice("charts/".length), load: () => loadArchive(ctx, f, depth + 1) });
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const sub = await entry.load();
    if (!sub) continue;
    sub.parent = chart;
    chart.dependencies.push(sub);
  }
  return chart;
}

async function loadArchive(ctx: LoadContext, file: ChartFile, depth: number): Promise<Chart | undefined> {
  ctx.consumed.add(file.source);
  let inner;
  try {
    inner = readChartArchive(file.data, { maxTotalBytes: ctx.limits.maxArchiveBytes, maxFileBytes: ctx.limits.maxFileBytes });
  } catch (error) {
    const message = error instanceof ArchiveError ? error.message : String(error);
    ctx.problems.push({ file: file.source, message: `cannot load chart archive: ${message}`, severity: "error" });
    return undefined;
  }
  ctx.fileCount += inner.length;
  if (ctx.fileCount > ctx.limits.maxFiles) {
    ctx.problems.push({ file: file.source, message: `more than ${ctx.limits.maxFiles} files in the chart`, severity: "error" });
    return undefined;
  }
  const ignoreFile = inner.find((f) => f.name === ".helmignore");
  const ignore = new HelmIgnore(ignoreFile ? text(ignoreFile.data) : "");
  const files = inner
    .filter((f) => !ignoredWithParents(ignore, f.name))
    .map((f) => ({ name: f.name, data: f.data, source: `${file.source}/${f.name}` }));
  return buildChart(ctx, files, file.source, depth);
}

function ignoredWithParents(ignore: HelmIgnore, name: string): boolean {
  const parts = name.split("/");
  for (let i = 1; i < parts.length; i += 1) if (ignore.ignored(parts.slice(0, i).join("/"), true)) return true;
  return ignore.ignored(name, false);
}

function readYamlMap(source: string, file: string): Map<string, unknown> {
  const doc = parseDocument(source, { version: "1.1", uniqueKeys: false, prettyErrors: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new LoadError(e.message.split("\n")[0]!, file, e.linePos?.[0]?.line);
  }
  const value: unknown = doc.toJS({ maxAliasCount: 1000, mapAsMap: true });
  if (value === null || value === undefined) return new Map();
  if (!(value instanceof Map)) throw new LoadError(`${file.slice(file.lastIndexOf("/") + 1)} must be a map`, file, 1);
  return value as Map<string, unknown>;
}

export function parseMetadata(source: string, file: string): ChartMetadata {
  const raw = readYamlMap(source, file);
  const str = (k: string): string => {
    const v = raw.get(k);
    return v === undefined || v === null ? "" : String(v);
  };
  const name = str("name");
  if (name === "") throw new LoadError("validation: chart.metadata.name is required", file);
  if (str("version") === "") throw new LoadError("validation: chart.metadata.version is required", file);
  const apiVersion = str("apiVersion") || "v1";
  return {
    apiVersion,
    name,
    version: str("version"),
    type: str("type"),
    raw,
    dependencies: parseDependencies(raw.get("dependencies"), file),
  };
}

function parseDependencies(v: unknown, file: string): Dependency[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new LoadError("dependencies must be a list", file);
  const out: Dependency[] = [];
  for (const item of v) {
    if (!(item instanceof Map)) continue;
    const s = (k: string): string | undefined => {
      const x = item.get(k);
      return x === undefined || x === null || x === "" ? undefined : String(x);
    };
    const name = s("name");
    if (!name) continue;
    const tags = item.get("tags");
    const iv = item.get("import-values");
    out.push({
      name,
      ...(s("version") ? { version: s("version")! } : {}),
      ...(s("repository") ? { repository: s("repository")! } : {}),
      ...(s("condition") ? { condition: s("condition")! } : {}),
      tags: Array.isArray(tags) ? tags.map(String) : [],
      enabled: item.get("enabled") === false ? false : true,
      importValues: Array.isArray(iv) ? iv : [],
      ...(s("alias") ? { alias: s("alias")! } : {}),
    });
  }
  return out;
}

/**
 * Dependencies listed in Chart.yaml but not vendored in charts/: looked up in the same view, at a
 * `file://` repository path, else as a sibling folder of that name (`../NAME`, as bitnami's
 * charts sit beside `bitnami/common`). Missing ones are warnings and the chart renders without.
 */
export async function resolveMissingDependencies(ctx: LoadContext, chart: Chart, depth = 0): Promise<void> {
  const present = new Set(chart.dependencies.map((d) => d.metadata.name));
  for (const dep of chart.metadata.dependencies) {
    if (present.has(dep.name)) continue;
    const candidates: string[] = [];
    const inArchive = chart.dir.includes(".tgz");
    if (dep.repository?.startsWith("file://")) {
      const p = joinPath(chart.dir, dep.repository.slice("file://".length));
      if (p !== undefined && !inArchive) candidates.push(p);
    }
    const sibling = joinPath(dirnameOf(chart.dir), dep.name);
    if (sibling !== undefined && !inArchive && chart.dir !== "") candidates.push(sibling);
    let found: Chart | undefined;
    for (const dir of candidates) {
      if (dir === chart.dir || isAncestorChart(chart, dir)) continue;
      if ((await ctx.view.stat(joinPath(dir, "Chart.yaml") ?? "")) !== "file") continue;
      const before = ctx.problems.length;
      const sub = depth < ctx.limits.maxDepth ? await loadChartDir(ctx, dir, depth + 1) : undefined;
      if (sub && sub.metadata.name === dep.name) {
        found = sub;
        break;
      }
      ctx.problems.length = before;
    }
    const chartYaml = inDir(chart.dir, "Chart.yaml");
    if (!found) {
      ctx.problems.push({
        file: chartYaml,
        message: `dependency "${dep.name}"${dep.repository ? ` (${dep.repository})` : ""} is not in charts/ nor in this repository; rendered without it`,
        severity: "warning",
      });
      continue;
    }
    found.parent = chart;
    chart.dependencies.push(found);
    present.add(dep.name);
  }
  for (const sub of chart.dependencies) await resolveMissingDependencies(ctx, sub, depth + 1);
}

function isAncestorChart(chart: Chart, dir: string): boolean {
  for (let c: Chart | undefined = chart; c; c = c.parent) if (c.dir === dir) return true;
  return false;
}
