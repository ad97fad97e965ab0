/**
 * Finding what to render in a source view: Kustomize build roots and Helm charts, and which files
 * each of them consumes, read statically from the kustomization files (no render needed), so that
 *  - the CLI and the app know which YAML files are parts of a build and must not be judged alone;
 *  - the app knows which roots a pull request's changed files affect, and renders only those.
 *
 * A kustomization that another kustomization uses (as a resource, a base or a component) is not a
 * root: it is judged through the roots that use it. A chart inside another chart's `charts/`
 * folder, or a library chart, is not a root either: it is rendered as part of its parents.
 */
import { parse as parseYaml } from "yaml";
import { dirnameOf, joinPath, type SourceView } from "../source/view.js";

export const KUSTOMIZATION_NAMES = ["kustomization.yaml", "kustomization.yml", "Kustomization"] as const;
const SKIPPED_DIRS = new Set([".git", "node_modules", ".terraform", "vendor"]);

export function isKustomizationFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf("/") + 1);
  return (KUSTOMIZATION_NAMES as readonly string[]).includes(name);
}

export function isChartFile(path: string): boolean {
  return path === "Chart.yaml" || path.endsWith("/Chart.yaml");
}

/** Every file path of a view below `dir` (folders such as .git and node_modules skipped), sorted. */
export async function listFiles(view: SourceView, dir = "", maxFiles = 200_000): Promise<string[]> {
  const out: string[] = [];
  const walk = async (path: string): Promise<void> => {
    const entries = await view.list(path);
    if (!entries) return;
    for (const entry of entries) {
      if (out.length >= maxFiles) return;
      const child = path === "" ? entry.name : `${path}/${entry.name}`;
      if (entry.type === "dir") {
        if (!SKIPPED_DIRS.has(entry.name)) await walk(child);
      } else out.push(child);
    }
  };
  await walk(dir);
  return out.sort();
}

export interface KustomizationNode {
  /** The kustomization's folder. */
  dir: string;
  /** The kustomization file itself. */
  file: string;
  /** kind: Component. */
  component: boolean;
  /** Folders of other kustomizations it uses (resources, bases, components). */
  children: string[];
  /** Files it names (resources, patches, generator inputs, replacement sources, crds). */
  files: string[];
  /** Set when the file could not be read or parsed (the render reports it properly). */
  unreadable?: string;
}

export interface ChartNode {
  dir: string;
  library: boolean;
  /** Inside another chart's charts/ folder. */
  subchart: boolean;
}

export interface RenderPlan {
  kustomizations: Map<string, KustomizationNode>;
  charts: Map<string, ChartNode>;
  /** Kustomization folders no other kustomization uses, sorted. */
  kustomizeRoots: string[];
  /** Application charts that are not subcharts, sorted. */
  chartRoots: string[];
}

const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/|gitlab\.com\/|bitbucket\.org\/)/i;

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

/** Reads the paths a kustomization names; never throws (an unreadable file is marked). */
async function readKustomization(view: SourceView, file: string, allFiles: ReadonlySet<string>, dirs: ReadonlySet<string>): Promise<KustomizationNode> {
  const dir = dirnameOf(file);
  const node: KustomizationNode = { dir, file, component: false, children: [], files: [] };
  let doc: unknown;
  try {
    const bytes = await view.readFile(file);
    if (!bytes) throw new Error("cannot be read");
    doc = parseYaml(new TextDecoder().decode(bytes), { maxAliasCount: 100, uniqueKeys: false });
  } catch (err) {
    node.unreadable = err instanceof Error ? err.message.split("\n")[0] : String(err);
    return node;
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) return node;
  const k = doc as Record<string, unknown>;
  node.component = k.kind === "Component";
  const refer = (entry: string) => {
    if (REMOTE.test(entry)) return;
    const target = joinPath(dir, entry.split("?")[0]!);
    if (target === undefined) return;
    if (dirs.has(target)) node.children.push(target);
    else if (allFiles.has(target)) node.files.push(target);
  };
  for (const field of ["resources", "bases", "components", "crds"]) for (const entry of strings(k[field])) refer(entry);
  for (const entry of strings(k.patchesStrategicMerge)) if (!entry.includes("\n")) refer(entry);
  for (const list of ["patches", "patchesJson6902", "replacements"]) {
    const items = Array.isArray(k[list]) ? (k[list] as unknown[]) : [];
    for (const item of items) if (item && typeof item === "object" && typeof (item as { path?: unknown }).path === "string") refer((item as { path: string }).path);
  }
  for (const list of ["configMapGenerator", "secretGenerator"]) {
    const items = Array.isArray(k[list]) ? (k[list] as unknown[]) : [];
    for (const item of items) {
      if (!item || typeof item !== "object") continue;
      const g = item as Record<string, unknown>;
      for (const entry of [...strings(g.files), ...strings(g.envs), ...strings(g.env)]) refer(entry.includes("=") ? entry.slice(entry.indexOf("=") + 1) : entry);
    }
  }
  // helmCharts: the chart folder (where Kustomize looks for it) and the values files.
  const globals = k.helmGlobals && typeof k.helmGlobals === "object" ? (k.helmGlobals as Record<string, unknown>) : {};
  for (const field of ["helmCharts", "helmChartInflationGenerator"]) {
    for (const item of Array.isArray(k[field]) ? (k[field] as unknown[]) : []) {
      if (!item || typeof item !== "object") continue;
      const c = item as Record<string, unknown>;
      const name = c.name ?? c.chartName;
      const version = c.version ?? c.chartVersion;
      const repo = c.repo ?? c.chartRepoUrl;
      const home = joinPath(dir, String(c.chartHome ?? globals.chartHome ?? "charts"));
      if (typeof name !== "string" || home === undefined) continue;
      const chartDir = joinPath(home, version && repo ? `${name}-${String(version)}/${name}` : name);
      if (chartDir !== undefined) for (const f of allFiles) if (f.startsWith(`${chartDir}/`)) node.files.push(f);
      for (const entry of [...strings(c.valuesFile), ...strings(c.values), ...strings(c.additionalValuesFiles)]) refer(entry);
    }
  }
  return node;
}

/** Builds the render plan of a view from its file list. */
export async function planRenders(view: SourceView, allPaths: readonly string[]): Promise<RenderPlan> {
  const allFiles = new Set(allPaths);
  const dirs = new Set<string>();
  for (const path of allPaths) if (isKustomizationFile(path)) dirs.add(dirnameOf(path));
  const kustomizations = new Map<string, KustomizationNode>();
  for (const path of allPaths) {
    if (!isKustomizationFile(path)) continue;
    const dir = dirnameOf(path);
    if (kustomizations.has(dir)) continue; // several names in one folder: the render reports it
    kustomizations.set(dir, await readKustomization(view, path, allFiles, dirs));
  }
  const used = new Set<string>();
  for (const node of kustomizations.values()) for (const child of node.children) used.add(child);
  const kustomizeRoots = [...kustomizations.values()]
    .filter((n) => !used.has(n.dir) && !n.component)
    .map((n) => n.dir)
    .sort();

  const chartDirs = allPaths.filter(isChartFile).map(dirnameOf);
  const chartSet = new Set(chartDirs);
  const charts = new Map<string, ChartNode>();
  for (const dir of chartDirs) {
    let subchart = false;
    for (let d = dirnameOf(dir); ; d = dirnameOf(d)) {
      if (d.endsWith("/charts") || d === "charts") {
        const parent = dirnameOf(d);
        if (chartSet.has(parent)) subchart = true;
      }
      if (d === "" || subchart) break;
    }
    let library = false;
    try {
      const bytes = await view.readFile(`${dir === "" ? "" : `${dir}/`}Chart.yaml`);
      const chart = bytes ? parseYaml(new TextDecoder().decode(bytes), { maxAliasCount: 100 }) : undefined;
      library = Boolean(chart && typeof chart === "object" && (chart as { type?: unknown }).type === "library");
    } catch {
      /* the render reports an unreadable Chart.yaml */
    }
    charts.set(dir, { dir, library, subchart });
  }
  const chartRoots = [...charts.values()].filter((c) => !c.subchart && !c.library).map((c) => c.dir).sort();
  return { kustomizations, charts, kustomizeRoots, chartRoots };
}

/** Every file a kustomization root may read, from the static plan (kustomization files included). */
export function staticClosure(plan: RenderPlan, root: string): Set<string> {
  const out = new Set<string>();
  const seen = new Set<string>();
  const visit = (dir: string) => {
    if (seen.has(dir)) return;
    seen.add(dir);
    const node = plan.kustomizations.get(dir);
    if (!node) return;
    out.add(node.file);
    for (const f of node.files) out.add(f);
    for (const child of node.children) visit(child);
  };
  visit(root);
  return out;
}

/** The chart folder (root or not) that holds a path, the innermost one. */
export function chartOf(plan: RenderPlan, path: string): string | undefined {
  for (let d = dirnameOf(path); ; d = dirnameOf(d)) {
    if (plan.charts.has(d)) return d;
    if (d === "") return undefined;
  }
}

/** The chart roots whose render reads `path` (a file of the chart or of one of its subcharts). */
export function chartRootsOf(plan: RenderPlan, path: string): string[] {
  const chart = chartOf(plan, path);
  if (chart === undefined) return [];
  const node = plan.charts.get(chart)!;
  if (!node.subchart && !node.library) return [chart];
  // A subchart folder or a library chart: every root that contains it, or (library/sibling
  // dependencies) every root in the repository, since any of them may depend on it.
  const containing = plan.chartRoots.filter((root) => root === "" || chart.startsWith(`${root}/`));
  return containing.length > 0 ? containing : [...plan.chartRoots];
}

/** Is the path part of a build (kustomization input or chart file) rather than a standalone file? */
export function consumedStatically(plan: RenderPlan, path: string, closures: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  if (chartOf(plan, path) !== undefined) return true;
  for (const closure of closures.values()) if (closure.has(path)) return true;
  return false;
}
