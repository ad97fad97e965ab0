/**
 * Rendering a set of build roots from one source view, with the renderers injected (so tests and
 * the app can count or replace them), and reading the source text the findings will land in.
 * Never throws: a renderer that throws becomes a `render/failed` problem of its root.
 */
import type { RenderedInput } from "../engine/rendered.js";
import { joinPath, type SourceView } from "../source/view.js";
import type { RenderLimits, RenderResult } from "./types.js";

export interface HelmRenderRequest {
  /** The chart folder. */
  dir: string;
  /** Values files (repository paths) on top of the chart's defaults, in order; [] for defaults. */
  valuesFiles: string[];
  /** `helm template` options given on the command line (`container-review render`). */
  options?: HelmCliOptions;
}

/** The `helm template` options `container-review render` accepts. */
export interface HelmCliOptions {
  releaseName?: string;
  namespace?: string;
  /** `-f FILE` values files read by the CLI (they may lie outside the source view), in order. */
  values?: { path: string; text: string }[];
  set?: string[];
  setString?: string[];
  /** `--set-file key=path`: the file's content as the value (path inside the source view). */
  setFile?: { key: string; path: string }[];
  kubeVersion?: string;
  apiVersions?: string[];
  showOnly?: string[];
  skipTests?: boolean;
  includeCrds?: boolean;
}

export interface Renderers {
  kustomize?: (view: SourceView, dir: string, limits: RenderLimits) => Promise<RenderResult>;
  helm?: (view: SourceView, chart: HelmRenderRequest, limits: RenderLimits) => Promise<RenderResult>;
}

export interface RenderRequests {
  kustomize: string[];
  helm: HelmRenderRequest[];
}

/** The label of a Helm render: the chart folder, plus the values files when there are some. */
export function helmRootLabel(request: HelmRenderRequest): string {
  const dir = request.dir === "" ? "." : request.dir;
  return request.valuesFiles.length === 0 ? dir : `${dir} -f ${request.valuesFiles.join(" -f ")}`;
}

function failed(kind: RenderResult["kind"], root: string, file: string, message: string): RenderResult {
  return { kind, root, text: "", segments: [], consumed: [file], problems: [{ file, message, severity: "error" }] };
}

async function guarded(kind: RenderResult["kind"], root: string, file: string, run: () => Promise<RenderResult>): Promise<RenderResult> {
  try {
    return await run();
  } catch (err) {
    return failed(kind, root, file, `internal renderer error: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`);
  }
}

/** Decoded text of the files, by path (files that cannot be read or decoded are left out). */
export async function readSources(view: SourceView, paths: Iterable<string>, maxBytes = 5 * 1024 * 1024): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for (const path of new Set(paths)) {
    try {
      const bytes = await view.readFile(path);
      if (!bytes || bytes.byteLength > maxBytes) continue;
      out.set(path, decoder.decode(bytes));
    } catch {
      /* not decodable: suppression comments in it are not read */
    }
  }
  return out;
}

/** Renders every requested root (Kustomize roots first, then charts), in the order given. */
export async function renderRoots(view: SourceView, requests: RenderRequests, renderers: Renderers, limits: RenderLimits): Promise<RenderedInput[]> {
  const results: RenderResult[] = [];
  for (const dir of requests.kustomize) {
    const file = joinPath(dir, "kustomization.yaml") ?? "kustomization.yaml";
    if (!renderers.kustomize) continue;
    results.push(await guarded("kustomize", dir, file, () => renderers.kustomize!(view, dir, limits)));
  }
  for (const chart of requests.helm) {
    const file = joinPath(chart.dir, "Chart.yaml") ?? "Chart.yaml";
    if (!renderers.helm) continue;
    const label = helmRootLabel(chart);
    results.push(await guarded("helm", label, file, async () => ({ ...(await renderers.helm!(view, chart, limits)), root: label })));
  }
  const inputs: RenderedInput[] = [];
  for (const result of results) {
    const wanted = new Set<string>();
    for (const s of result.segments) wanted.add(s.origin.file);
    for (const p of result.problems) wanted.add(p.file);
    inputs.push({ result, sources: await readSources(view, wanted) });
  }
  return inputs;
}
