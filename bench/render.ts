/**
 * Helm rendering of the shared trees' charts (../shared/trees), then a scan of each rendered text,
 * all in one process: per chart the render and scan CPU times (median of the repetitions; CPU
 * time, not wall time, because the bench machine is shared), and the total of one pass.
 * The first pass is cold (nothing parsed yet in this process); the later ones are warm.
 *
 *   npm run build && node lib/bench/render.js [--reps=5]     (or: npm run bench -- --only=render)
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { MemorySourceView } from "../src/source/view.js";
import { renderChart } from "../src/render/helm/index.js";
import { scan } from "../src/engine/scan.js";
import { BENCH_CONFIG, NOW } from "./engine.js";

export const TREES =
  process.env.TREES_DIR ?? [resolve("../shared/trees"), resolve("../../shared/trees")].find((p) => existsSync(p)) ?? resolve("../shared/trees");

function viewOf(base: string, roots: string[]): MemorySourceView {
  const view = new MemorySourceView({}, `trees ${base}`);
  const walk = (rel: string): void => {
    const full = join(base, rel);
    const st = statSync(full);
    if (st.isDirectory()) {
      for (const name of readdirSync(full)) walk(rel === "" ? name : `${rel}/${name}`);
    } else if (st.isFile()) view.set(rel, readFileSync(full));
  };
  for (const r of roots) walk(r);
  return view;
}

export interface ChartTiming {
  chart: string;
  renderMs: number;
  scanMs: number;
  bytes: number;
  findings: number;
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** One cold pass then `reps - 1` warm passes; per chart the cold times and the medians of the warm ones. */
export async function benchRender(reps = 5): Promise<{ cold: ChartTiming[]; warm: ChartTiming[] } | undefined> {
  if (!existsSync(join(TREES, "bitnami_charts"))) {
    console.warn(`trees not found at ${TREES}; set TREES_DIR`);
    return undefined;
  }
  const bitnami = viewOf(join(TREES, "bitnami_charts"), ["bitnami"]);
  const prometheus = viewOf(join(TREES, "prometheus-community_helm-charts"), ["charts"]);
  const ingress = viewOf(join(TREES, "kubernetes_ingress-nginx"), ["charts"]);
  const charts: [string, MemorySourceView, string][] = [
    ...["nginx", "redis", "postgresql", "mariadb", "memcached", "wordpress"].map((c): [string, MemorySourceView, string] => [`bitnami/${c}`, bitnami, `bitnami/${c}`]),
    ["prometheus", prometheus, "charts/prometheus"],
    ["ingress-nginx", ingress, "charts/ingress-nginx"],
  ];
  const runs: ChartTiming[][] = [];
  for (let r = 0; r < reps; r++) {
    const pass: ChartTiming[] = [];
    for (const [label, view, dir] of charts) {
      const t0 = cpuMs();
      const result = await renderChart(view, dir);
      const t1 = cpuMs();
      const scanned = scan([{ path: `${dir}/rendered.yaml`, content: result.text }], BENCH_CONFIG, { now: NOW });
      const t2 = cpuMs();
      pass.push({ chart: label, renderMs: t1 - t0, scanMs: t2 - t1, bytes: result.text.length, findings: scanned.findings.length });
    }
    runs.push(pass);
  }
  const med = (xs: number[]): number => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length === 0 ? 0 : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  const warmRuns = runs.slice(1);
  const warm = charts.map(([label], i) => ({
    chart: label,
    renderMs: med(warmRuns.map((p) => p[i]!.renderMs)),
    scanMs: med(warmRuns.map((p) => p[i]!.scanMs)),
    bytes: runs[0]![i]!.bytes,
    findings: runs[0]![i]!.findings,
  }));
  return { cold: runs[0]!, warm };
}

export function printRender(res: { cold: ChartTiming[]; warm: ChartTiming[] }): void {
  const f = (n: number): string => n.toFixed(0).padStart(6);
  console.log("chart                 cold render  scan | warm render  scan (CPU ms)");
  for (let i = 0; i < res.cold.length; i++) {
    const c = res.cold[i]!;
    const w = res.warm[i]!;
    console.log(`${c.chart.padEnd(20)} ${f(c.renderMs)}      ${f(c.scanMs)} | ${f(w.renderMs)}      ${f(w.scanMs)}`);
  }
  const sum = (xs: ChartTiming[]): number => xs.reduce((a, t) => a + t.renderMs + t.scanMs, 0);
  console.log(`total (render + scan)  cold ${sum(res.cold).toFixed(0)} ms, warm ${sum(res.warm).toFixed(0)} ms`);
}

if (process.argv[1]?.endsWith("render.js")) {
  const reps = Number(process.argv.find((a) => a.startsWith("--reps="))?.slice(7) ?? 5);
  const res = await benchRender(reps);
  if (res) printRender(res);
}
