/**
 * One cold pass, in a process of its own: every chart of the shared trees rendered (default
 * values) and the output scanned, timed from the first render to the last finding, as a CLI run of
 * `container-review scan` over the trees would spend it (the code not yet compiled by the JIT, no
 * parse or schema cache warm). Run by benchRender as a child process; prints one JSON line.
 *
 *   node lib/bench/render-cold.js TREES_DIR
 */
import { scan } from "../src/engine/scan.js";
import { planRenders } from "../src/render/discover.js";
import { defaultRenderers } from "../src/render/renderers.js";
import { renderRoots } from "../src/render/run.js";
import { BENCH_CONFIG, NOW } from "./engine.js";
import { memoryView } from "./render.js";

export interface ColdPass {
  charts: number;
  wallMs: number;
  cpuMs: number;
  findings: number;
  errors: number;
}

async function main(dir: string): Promise<ColdPass> {
  const view = await memoryView(dir);
  const plan = await planRenders(view, view.paths());
  const start = performance.now();
  const cpu = process.cpuUsage();
  const inputs = await renderRoots(view, { kustomize: [], helm: plan.chartRoots.map((d) => ({ dir: d, valuesFiles: [] })) }, defaultRenderers(), {});
  const findings = scan([], BENCH_CONFIG, { now: NOW, rendered: inputs }).findings.length;
  const used = process.cpuUsage(cpu);
  return {
    charts: plan.chartRoots.length,
    wallMs: Math.round(performance.now() - start),
    cpuMs: Math.round((used.user + used.system) / 1000),
    findings,
    errors: inputs.reduce((n, i) => n + i.result.problems.filter((p) => p.severity === "error").length, 0),
  };
}

if (process.argv[2]) {
  main(process.argv[2]).then(
    (r) => console.log(JSON.stringify(r)),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
