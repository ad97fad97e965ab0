/**
 * Rendering in the benchmark: every Kustomize root and every chart in the shared trees, rendered
 * and scanned in one process, against the parse floor of the same files (yaml's parseAllDocuments
 * with a LineCounter over every file each render read, counted once per root that read it, as the
 * render reads it once per root). The trees are loaded into memory first, so disk time is not
 * counted on either side. Ours = render (source view reads, build, serialization with provenance)
 * + scan of the rendered output (parse, model, rules, moving findings to their sources).
 *
 *   npm run bench -- --only=render
 *   TREES_DIR=/path/to/trees   default ../shared/trees
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { LineCounter, parseAllDocuments } from "yaml";
import { scan } from "../src/engine/scan.js";
import type { RenderedInput } from "../src/engine/rendered.js";
import { listFiles, planRenders } from "../src/render/discover.js";
import { requestsFor } from "../src/render/prepare.js";
import { defaultRenderers } from "../src/render/renderers.js";
import { renderRoots, type Renderers, type RenderRequests } from "../src/render/run.js";
import { DiskSourceView } from "../src/source/disk.js";
import { MemorySourceView } from "../src/source/view.js";
import { BENCH_CONFIG, NOW } from "./engine.js";
import { median, round } from "./stats.js";

export function treesDir(root: string): string {
  return resolve(process.env.TREES_DIR ?? join(root, "..", "shared", "trees"));
}

export interface RootCost {
  root: string;
  kind: "kustomize" | "helm";
  files: number;
  bytes: number;
  renderMs: number;
  scanMs: number;
  floorMs: number;
  documents: number;
  findings: number;
  problems: number;
}

export interface RenderBenchResult {
  skipped?: string;
  roots?: RootCost[];
  totals?: Record<"kustomize" | "helm", { roots: number; renderMs: number; scanMs: number; floorMs: number; ratio: number }>;
}

async function memoryView(dir: string): Promise<MemorySourceView> {
  const disk = new DiskSourceView(dir);
  const view = new MemorySourceView({}, "trees in memory");
  for (const path of await listFiles(disk)) {
    const bytes = await disk.readFile(path).catch(() => undefined);
    if (bytes) view.set(path, bytes);
  }
  return view;
}

function floorMs(files: readonly string[], view: MemorySourceView, texts: Map<string, string>): number {
  const start = performance.now();
  for (const path of files) {
    const text = texts.get(path);
    if (text === undefined) continue;
    parseAllDocuments(text, { lineCounter: new LineCounter() });
  }
  void view;
  return performance.now() - start;
}

export async function benchRender(root: string, reps: number, renderers: Renderers = defaultRenderers()): Promise<RenderBenchResult> {
  const dir = treesDir(root);
  if (!existsSync(dir)) return { skipped: `trees not found at ${dir}; set TREES_DIR` };
  const view = await memoryView(dir);
  const texts = new Map<string, string>();
  for (const path of view.paths()) {
    if (/\.(ya?ml|json|tpl|txt)$|Kustomization$/.test(path)) texts.set(path, readFileSync(join(dir, path), "utf8"));
  }
  const plan = await planRenders(view, view.paths());
  const all = requestsFor(plan, BENCH_CONFIG);
  const requests: { kind: "kustomize" | "helm"; request: RenderRequests; label: string }[] = [
    ...all.kustomize.map((k) => ({ kind: "kustomize" as const, request: { kustomize: [k], helm: [] }, label: k })),
    ...all.helm.map((h) => ({ kind: "helm" as const, request: { kustomize: [], helm: [h] }, label: h.dir })),
  ].filter((r) => (r.kind === "kustomize" ? renderers.kustomize : renderers.helm));
  // One untimed pass first: the first renders would otherwise pay for compiling the code (JIT).
  for (const { request } of requests) scan([], BENCH_CONFIG, { now: NOW, rendered: await renderRoots(view, request, renderers, {}) });
  const roots: RootCost[] = [];
  for (const { kind, request, label } of requests) {
    const renderTimes: number[] = [];
    const scanTimes: number[] = [];
    const floorTimes: number[] = [];
    let inputs: RenderedInput[] = [];
    let findings = 0;
    for (let i = 0; i < reps; i += 1) {
      let t = performance.now();
      inputs = await renderRoots(view, request, renderers, {});
      renderTimes.push(performance.now() - t);
      t = performance.now();
      findings = scan([], BENCH_CONFIG, { now: NOW, rendered: inputs }).findings.length;
      scanTimes.push(performance.now() - t);
      // Helm's inputs are templates, not YAML: its goal is an absolute time, no parse floor.
      const consumed = kind === "kustomize" ? [...new Set(inputs.flatMap((x) => x.result.consumed))] : [];
      floorTimes.push(floorMs(consumed, view, texts));
    }
    const consumed = [...new Set(inputs.flatMap((x) => x.result.consumed))];
    roots.push({
      root: label,
      kind,
      files: consumed.length,
      bytes: consumed.reduce((n, p) => n + (texts.get(p)?.length ?? 0), 0),
      renderMs: round(median(renderTimes)),
      scanMs: round(median(scanTimes)),
      floorMs: round(median(floorTimes), 3),
      documents: inputs.reduce((n, x) => n + (x.result.text.match(/^---$/gm)?.length ?? 0) + (x.result.text.trim() ? 1 : 0), 0),
      findings,
      problems: inputs.reduce((n, x) => n + x.result.problems.filter((p) => p.severity === "error").length, 0),
    });
  }
  const total = (kind: "kustomize" | "helm") => {
    const rs = roots.filter((r) => r.kind === kind);
    const renderMs = rs.reduce((n, r) => n + r.renderMs, 0);
    const scanMs = rs.reduce((n, r) => n + r.scanMs, 0);
    const floor = rs.reduce((n, r) => n + r.floorMs, 0);
    return { roots: rs.length, renderMs: round(renderMs), scanMs: round(scanMs), floorMs: round(floor), ratio: round(floor / Math.max(1e-9, renderMs + scanMs), 3) };
  };
  return { roots, totals: { kustomize: total("kustomize"), helm: total("helm") } };
}
