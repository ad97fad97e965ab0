/**
 * Helm charts rendered as `helm template` renders them, with provenance (see chart/render.ts).
 *
 *   const result = await renderChart(view, "charts/app", { releaseName: "web", valuesFiles: ["charts/app/prod.yaml"] });
 *   // result.text: what `helm template web charts/app -f charts/app/prod.yaml` prints
 *   // result.segments: where each part of it came from; result.problems: what went wrong (never throws)
 */
import type { SourceView } from "../../source/view.js";
import type { RenderResult } from "../types.js";
import { renderChartWith, type EngineBindings, type HelmRenderOptions } from "./chart/render.js";
import { helmFuncMap } from "./funcs/index.js";
import { toYaml } from "./funcs/yaml.js";
import { TemplateSet, TracedString } from "./template/index.js";

export type { HelmRenderOptions } from "./chart/render.js";
export { parseSet, StrvalsError } from "./chart/strvals.js";

const bindings: EngineBindings = {
  newTemplateSet(funcs, limits) {
    // Helm runs templates with missingkey=zero and then removes "<no value>" from the output.
    const set = new TemplateSet({ funcs, missingKey: "zero", limits });
    return {
      parse(name, text, origin) {
        set.parse(name, text, origin);
      },
      execute(name, data) {
        const out = set.execute(name, data);
        return new TracedString(out.text, out.segments);
      },
    };
  },
  funcs: () => helmFuncMap(),
  toYaml: (v) => toYaml(v).text,
};

/** Renders the chart in `chartDir` of `view` as `helm template` would. Never throws. */
export async function renderChart(view: SourceView, chartDir: string, options: HelmRenderOptions = {}): Promise<RenderResult> {
  return renderChartWith(bindings, view, chartDir, options);
}
