/**
 * The documents a chart render hands to the engine (RenderResult.documents: yaml's AST of each
 * printed document, parsed once for its head and moved to where it is printed) must be what the
 * engine's own parse of the printed text gives: same nodes, values, types and ranges.
 */
import { describe, expect, it } from "@jest/globals";
import { join } from "node:path";
import { LineCounter, parseAllDocuments, type Document } from "yaml";
import { renderChart } from "../../../../src/render/helm/index.js";
import type { RenderResult } from "../../../../src/render/types.js";
import { MemorySourceView } from "../../../../src/source/view.js";
import { HAVE_TREES, TREES, viewOf } from "./trees.js";
import { structure } from "../../../helpers/yaml-differential.js";

function expectEngineAst(result: RenderResult): void {
  expect(result.problems.filter((p) => p.severity === "error")).toStrictEqual([]);
  expect(result.documents).toBeDefined();
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(result.text, { lineCounter, uniqueKeys: false, merge: false, prettyErrors: false, strict: false }) as Document.Parsed[];
  expect(result.documents!.docs.map(structure)).toStrictEqual(parsed.map(structure));
  expect(result.documents!.lineCounter.lineStarts).toStrictEqual(lineCounter.lineStarts);
}

describe("a chart's documents as the engine reads them", () => {
  it("matches the parse of the printed text: several documents per template, hooks, block scalars at the end, aliases, comments, flow", async () => {
    const view = new MemorySourceView({
      "c/Chart.yaml": "apiVersion: v2\nname: c\nversion: 1.0.0\n",
      "c/values.yaml": "script: |\n  echo hi\n  exit 0\n",
      "c/templates/cm.yaml":
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a  # inline comment\ndata:\n  run.sh: |\n{{ .Values.script | indent 4 }}\n---\n# only a comment\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, labels: {x: \"1\"}}\ndata:\n  a: &v yes\n  b: *v\n  c: [1, 2.5, ~]\n  folded: >-\n    x\n    y\n",
      "c/templates/job.yaml":
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: hook\n  annotations:\n    helm.sh/hook: pre-install\nspec:\n  template:\n    spec:\n      containers:\n        - name: x\n          image: busybox\n          command: [\"sh\", \"-c\", 'echo \"hi\"']\n",
      "c/templates/sa.yaml": "\n\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\n\n\n",
      "c/templates/last.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  key: |\n    multi\n    line\n",
    });
    const result = await renderChart(view, "c");
    expectEngineAst(result);
    expect(result.documents!.docs).toHaveLength(6);
  });

  it("matches again when the same documents are printed by later renders, at other offsets (copies of the first AST moved again)", async () => {
    const files = {
      "lib/Chart.yaml": "apiVersion: v2\nname: lib\nversion: 1.0.0\n",
      "lib/templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: same\ndata:\n  a: |\n    x\n",
      "lib/templates/empty.yaml": "# nothing but a comment\n",
      "lib/templates/twice.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n",
      "top/Chart.yaml": "apiVersion: v2\nname: top-with-a-longer-name\nversion: 1.0.0\ndependencies:\n  - name: lib\n    version: 1.0.0\n    repository: file://../lib\n",
      "top/templates/sa.yaml": "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\n",
    };
    const view = new MemorySourceView(files);
    const first = await renderChart(view, "lib");
    expectEngineAst(first);
    const again = await renderChart(view, "lib", { releaseName: "other" });
    expectEngineAst(again);
    const nested = await renderChart(view, "top");
    expect(nested.text).toContain("# Source: top-with-a-longer-name/charts/lib/templates/cm.yaml");
    expectEngineAst(nested);
    expect(nested.documents!.docs).toHaveLength(5);
  });

  it("gives no documents when a printed document was not parsed by this render (a CRD printed raw)", async () => {
    const view = new MemorySourceView({
      "d/Chart.yaml": "apiVersion: v2\nname: d\nversion: 1.0.0\n",
      "d/crds/crd.yaml": "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: xs.example.com\n",
      "d/templates/sa.yaml": "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa2\n",
    });
    const result = await renderChart(view, "d", { includeCrds: true });
    expect(result.text).toContain("kind: CustomResourceDefinition");
    expect(result.documents).toBeUndefined();
  });
});

(HAVE_TREES ? describe : describe.skip)("the shared charts' documents as the engine reads them", () => {
  const charts: [string, string, string[]][] = [
    ["bitnami_charts", "bitnami/nginx", ["bitnami"]],
    ["bitnami_charts", "bitnami/redis", ["bitnami"]],
    ["bitnami_charts", "bitnami/wordpress", ["bitnami"]],
    ["prometheus-community_helm-charts", "charts/prometheus", ["charts"]],
    ["kubernetes_ingress-nginx", "charts/ingress-nginx", ["charts"]],
  ];
  it.each(charts)("%s %s matches the parse of its printed text", async (tree, dir, roots) => {
    expectEngineAst(await renderChart(viewOf(join(TREES, tree), roots), dir));
  });
});
