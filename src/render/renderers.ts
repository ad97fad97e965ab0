/**
 * The renderers the CLI and the app use by default. Kept in one place so that the engine's
 * callers never import a renderer directly and tests can pass their own.
 */
import { renderChart } from "./helm/index.js";
import { buildKustomization } from "./kustomize/index.js";
import type { Renderers } from "./run.js";

export function defaultRenderers(): Renderers {
  return {
    kustomize: (view, dir, limits) => buildKustomization(view, dir, limits),
    helm: (view, chart, limits) => {
      const o = chart.options ?? {};
      return renderChart(view, chart.dir, {
        ...(o.releaseName !== undefined ? { releaseName: o.releaseName } : {}),
        ...(o.namespace !== undefined ? { namespace: o.namespace } : {}),
        valuesFiles: [...chart.valuesFiles, ...(o.values ?? [])],
        ...(o.set ? { set: o.set } : {}),
        ...(o.setString ? { setString: o.setString } : {}),
        ...(o.setFile ? { setFile: o.setFile.map((f) => `${f.key}=${f.path}`) } : {}),
        ...(o.kubeVersion !== undefined ? { kubeVersion: o.kubeVersion } : {}),
        ...(o.apiVersions ? { apiVersions: o.apiVersions } : {}),
        ...(o.showOnly ? { showOnly: o.showOnly } : {}),
        ...(o.skipTests ? { skipTests: true } : {}),
        ...(o.includeCrds ? { includeCrds: true } : {}),
        limits,
      });
    },
  };
}
