/**
 * From "these paths of a source view" to "these plain files and these rendered roots": finds the
 * Kustomize roots and charts under the scanned paths, renders them (as configured), and tells which
 * files are parts of a build, so they are judged through their roots and never on their own.
 * Shared by the CLI (disk, git baseline) and the app (GitHub at a commit).
 */
import type { ResolvedConfig } from "../config/schema.js";
import type { RenderedInput } from "../engine/rendered.js";
import { normalizePath, type SourceView } from "../source/view.js";
import { isChartFile, isKustomizationFile, listFiles, planRenders, staticClosure, chartOf, type RenderPlan } from "./discover.js";
import { renderRoots, type HelmRenderRequest, type Renderers, type RenderRequests } from "./run.js";
import type { RenderLimits } from "./types.js";
import { dirnameOf } from "../source/view.js";

export interface PreparedRenders {
  plan: RenderPlan;
  requests: RenderRequests;
  rendered: RenderedInput[];
  /** Files that are inputs of a build (judged through the rendered output, never on their own). */
  consumed: Set<string>;
  notes: string[];
}

/** The config with each renderer kind turned off when no renderer of that kind is available. */
export function withAvailableRenderers(config: ResolvedConfig, renderers: Renderers): ResolvedConfig {
  return { ...config, render: { ...config.render, kustomize: config.render.kustomize && !!renderers.kustomize, helm: config.render.helm && !!renderers.helm } };
}

/** At most `render.maxRoots` roots (Kustomize first); a note says how many were left out. */
export function capRequests(requests: RenderRequests, config: ResolvedConfig, notes: string[]): RenderRequests {
  const max = config.render.maxRoots;
  const total = requests.kustomize.length + requests.helm.length;
  if (total <= max) return requests;
  notes.push(`${total - max} of ${total} build roots were not rendered (render.maxRoots is ${max}).`);
  const kustomize = requests.kustomize.slice(0, max);
  return { kustomize, helm: requests.helm.slice(0, Math.max(0, max - kustomize.length)) };
}

/** The render requests for the roots of a plan under the configuration (values files per chart). */
export function requestsFor(plan: RenderPlan, config: ResolvedConfig, only?: { kustomize?: ReadonlySet<string>; charts?: ReadonlySet<string> }): RenderRequests {
  const kustomize = config.render.kustomize ? plan.kustomizeRoots.filter((r) => !only?.kustomize || only.kustomize.has(r)) : [];
  const helm: HelmRenderRequest[] = [];
  if (config.render.helm) {
    for (const dir of plan.chartRoots) {
      if (only?.charts && !only.charts.has(dir)) continue;
      helm.push({ dir, valuesFiles: [] });
      const configured = config.helm.charts[dir === "" ? "." : dir]?.valuesFiles ?? config.helm.charts[dir]?.valuesFiles ?? [];
      for (const file of configured) {
        const path = normalizePath(dir === "" ? file : `${dir}/${file}`);
        if (path !== undefined) helm.push({ dir, valuesFiles: [path] });
      }
    }
  }
  return { kustomize, helm };
}

/** Files that belong to a build statically: every kustomization's inputs and every chart's files. */
export function staticallyConsumed(plan: RenderPlan, paths: readonly string[], config: ResolvedConfig): Set<string> {
  const consumed = new Set<string>();
  if (config.render.kustomize) {
    for (const dir of plan.kustomizations.keys()) for (const path of staticClosure(plan, dir)) consumed.add(path);
  }
  if (config.render.helm) for (const path of paths) if (chartOf(plan, path) !== undefined) consumed.add(path);
  return consumed;
}

/**
 * Plans and renders what lies under `scopes` (folders or files of the view; "" is everything).
 * A scope that is a kustomization file or a Chart.yaml stands for its folder.
 */
export async function prepareRenders(
  view: SourceView,
  scopes: readonly string[],
  config: ResolvedConfig,
  renderers: Renderers,
  limits: RenderLimits,
  options: { allPaths?: readonly string[] } = {},
): Promise<PreparedRenders> {
  const notes: string[] = [];
  // A kind without a renderer is judged file by file, as before rendering existed.
  config = withAvailableRenderers(config, renderers);
  const paths = new Set<string>();
  for (const scope of scopes) {
    const kind = await view.stat(scope);
    if (kind === "dir") {
      for (const p of options.allPaths?.filter((x) => scope === "" || x.startsWith(`${scope}/`)) ?? (await listFiles(view, scope))) paths.add(p);
    } else if (kind === "file") {
      const chart = isChartFile(scope) ? dirnameOf(scope) : await enclosingChart(view, scope);
      if (isKustomizationFile(scope) || chart !== undefined) {
        // A kustomization stands for its folder; a chart's file (a template, values.yaml) for its chart.
        for (const p of await listFiles(view, chart ?? dirnameOf(scope))) paths.add(p);
      } else paths.add(scope);
    }
  }
  const all = [...paths].sort();
  const plan = await planRenders(view, all);
  const requests = capRequests(requestsFor(plan, config), config, notes);
  const rendered = await renderRoots(view, requests, renderers, limits);
  const consumed = staticallyConsumed(plan, all, config);
  for (const input of rendered) for (const path of input.result.consumed) consumed.add(path);
  return { plan, requests, rendered, consumed, notes };
}

/** The nearest folder above a file that holds a Chart.yaml (a template named alone is judged through its chart). */
async function enclosingChart(view: SourceView, path: string): Promise<string | undefined> {
  for (let dir = dirnameOf(path); ; dir = dirnameOf(dir)) {
    if ((await view.stat(dir === "" ? "Chart.yaml" : `${dir}/Chart.yaml`)) === "file") return dir;
    if (dir === "") return undefined;
  }
}
