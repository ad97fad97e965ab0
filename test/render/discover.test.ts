/**
 * Finding build roots without rendering: kustomizations that no other kustomization uses,
 * components never roots, the files each root may read, application charts (not subcharts, not
 * library charts), and which roots a changed file affects.
 */
import { describe, expect, it } from "@jest/globals";
import { chartRootsOf, planRenders, staticClosure } from "../../src/render/discover.js";
import { MemorySourceView } from "../../src/source/view.js";

const repo = new MemorySourceView({
  "deploy/base/kustomization.yaml": "resources:\n  - deployment.yaml\n  - https://example.com/remote.yaml\nconfigMapGenerator:\n  - name: cfg\n    files: [app.properties, extra=conf/extra.ini]\n",
  "deploy/base/deployment.yaml": "kind: Deployment\n",
  "deploy/base/app.properties": "a=1\n",
  "deploy/base/conf/extra.ini": "[x]\n",
  "deploy/components/debug/kustomization.yaml": "kind: Component\npatches:\n  - path: patch.yaml\n",
  "deploy/components/debug/patch.yaml": "kind: Deployment\n",
  "deploy/overlays/prod/kustomization.yaml": "resources:\n  - ../../base\ncomponents:\n  - ../../components/debug\npatchesStrategicMerge:\n  - replicas.yaml\n",
  "deploy/overlays/prod/replicas.yaml": "kind: Deployment\n",
  "deploy/overlays/dev/Kustomization": "resources: [../../base]\n",
  "charts/app/Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.0.0\n",
  "charts/app/templates/pod.yaml": "kind: Pod\n",
  "charts/app/charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 1.0.0\n",
  "charts/app/charts/sub/values.yaml": "a: 1\n",
  "charts/common/Chart.yaml": "apiVersion: v2\nname: common\nversion: 1.0.0\ntype: library\n",
  "charts/common/templates/_helpers.tpl": "{{ define \"x\" }}{{ end }}\n",
  "broken/kustomization.yaml": "resources: [\n",
});

describe("planRenders", () => {
  it("finds roots, components and charts", async () => {
    const plan = await planRenders(repo, repo.paths());
    expect(plan.kustomizeRoots).toEqual(["broken", "deploy/overlays/dev", "deploy/overlays/prod"]);
    expect(plan.chartRoots).toEqual(["charts/app"]);
    expect(plan.kustomizations.get("broken")?.unreadable).toMatch(/./);
  });

  it("knows the files a root may read, through bases, components and generators", async () => {
    const plan = await planRenders(repo, repo.paths());
    expect([...staticClosure(plan, "deploy/overlays/prod")].sort()).toEqual([
      "deploy/base/app.properties",
      "deploy/base/conf/extra.ini",
      "deploy/base/deployment.yaml",
      "deploy/base/kustomization.yaml",
      "deploy/components/debug/kustomization.yaml",
      "deploy/components/debug/patch.yaml",
      "deploy/overlays/prod/kustomization.yaml",
      "deploy/overlays/prod/replicas.yaml",
    ]);
    expect([...staticClosure(plan, "deploy/overlays/dev")].sort()).toEqual([
      "deploy/base/app.properties",
      "deploy/base/conf/extra.ini",
      "deploy/base/deployment.yaml",
      "deploy/base/kustomization.yaml",
      "deploy/overlays/dev/Kustomization",
    ]);
  });

  it("maps a changed chart file to the charts whose render reads it", async () => {
    const plan = await planRenders(repo, repo.paths());
    expect(chartRootsOf(plan, "charts/app/templates/pod.yaml")).toEqual(["charts/app"]);
    expect(chartRootsOf(plan, "charts/app/charts/sub/values.yaml")).toEqual(["charts/app"]);
    // A library chart may be used by any chart of the repository (sibling dependencies).
    expect(chartRootsOf(plan, "charts/common/templates/_helpers.tpl")).toEqual(["charts/app"]);
    expect(chartRootsOf(plan, "README.md")).toEqual([]);
  });
});
