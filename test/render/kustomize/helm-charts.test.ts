/**
 * Kustomize's helmCharts: inflated by our Helm renderer from the repository (never pulled), then
 * transformed like any resource; origins reach the chart's values.yaml, its templates and the
 * kustomization's valuesInline lines; Helm's problems keep their own file and line.
 */
import { describe, expect, test } from "@jest/globals";
import { MemorySourceView } from "../../../src/source/view.js";
import { originAt } from "../../../src/render/provenance.js";
import { buildKustomization } from "../../../src/render/kustomize/index.js";
import type { RenderResult } from "../../../src/render/types.js";
import { DEFAULT_CONFIG } from "../../../src/config/schema.js";
import { scan } from "../../../src/engine/scan.js";
import { listFiles, planRenders, staticClosure } from "../../../src/render/discover.js";

const CHART_YAML = "apiVersion: v2\nname: web\nversion: 1.0.0\n";
const VALUES = `image:
  repository: nginx
  tag: "1.27"
replicas: 1
securityContext:
  privileged: false
`;
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-web
  namespace: {{ .Release.Namespace }}
spec:
  replicas: {{ .Values.replicas }}
  template:
    spec:
      containers:
      - name: web
        image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
        securityContext:
          privileged: {{ .Values.securityContext.privileged }}
`;
const KUSTOMIZATION = `namePrefix: prod-
resources:
- service.yaml
helmCharts:
- name: web
  releaseName: shop
  namespace: store
  valuesInline:
    replicas: 3
    securityContext:
      privileged: true
`;
const SERVICE = "apiVersion: v1\nkind: Service\nmetadata:\n  name: front\n";

function view(files: Record<string, string> = {}): MemorySourceView {
  return new MemorySourceView({
    "app/kustomization.yaml": KUSTOMIZATION,
    "app/service.yaml": SERVICE,
    "app/charts/web/Chart.yaml": CHART_YAML,
    "app/charts/web/values.yaml": VALUES,
    "app/charts/web/templates/deployment.yaml": DEPLOYMENT,
    ...files,
  });
}

function originOf(result: RenderResult, needle: string, delta = 0) {
  const at = result.text.indexOf(needle);
  expect(at).toBeGreaterThanOrEqual(0);
  return originAt(result.text, result.segments, at + delta);
}

const at = (file: string, line: number, column: number, endColumn: number) => ({ file, line, column, endLine: line, endColumn });

describe("kustomize helmCharts", () => {
  test("a chart with valuesInline and namePrefix: the output kustomize prints, after resources", async () => {
    const r = await buildKustomization(view(), "app");
    expect(r.problems).toEqual([]);
    expect(r.text).toBe(`apiVersion: v1
kind: Service
metadata:
  name: prod-front
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: prod-shop-web
  namespace: store
spec:
  replicas: 3
  template:
    spec:
      containers:
      - image: nginx:1.27
        name: web
        securityContext:
          privileged: true
`);
    expect(r.consumed).toEqual([
      "app/charts/web/Chart.yaml",
      "app/charts/web/templates/deployment.yaml",
      "app/charts/web/values.yaml",
      "app/kustomization.yaml",
      "app/service.yaml",
    ]);
  });

  test("provenance: valuesInline lines, values.yaml lines, template lines, the namePrefix line", async () => {
    const r = await buildKustomization(view(), "app");
    const k = "app/kustomization.yaml";
    expect(originOf(r, "replicas: 3", 10)).toEqual(at(k, 9, 15, 16));
    expect(originOf(r, "privileged: true", 12)).toEqual(at(k, 11, 19, 23));
    expect(originOf(r, "nginx:1.27")).toEqual(at("app/charts/web/values.yaml", 2, 15, 20));
    const tpl = "app/charts/web/templates/deployment.yaml";
    expect(originOf(r, "name: web", 6)).toEqual(at(tpl, 11, 15, 18));
    expect(originOf(r, "Deployment")).toEqual(at(tpl, 2, 7, 17));
    expect(originOf(r, "prod-shop-web")).toEqual(at(k, 1, 13, 18));
  });

  test("a value from the chart's values.yaml keeps its line there; valuesMerge: merge lets the file win", async () => {
    const k = KUSTOMIZATION.replace("  valuesInline:", "  valuesMerge: merge\n  valuesInline:");
    const r = await buildKustomization(view({ "app/kustomization.yaml": k }), "app");
    expect(r.problems).toEqual([]);
    expect(r.text).toContain("  replicas: 1\n");
    expect(r.text).toContain("privileged: false\n");
    expect(originOf(r, "replicas: 1", 10)).toEqual(at("app/charts/web/values.yaml", 4, 11, 12));
    expect(originOf(r, "privileged: false", 12)).toEqual(at("app/charts/web/values.yaml", 6, 15, 20));
  });

  test("valuesFile and additionalValuesFiles, relative to the kustomization, in order", async () => {
    const k = `helmCharts:
- name: web
  valuesFile: prod-values.yaml
  additionalValuesFiles:
  - extra/more.yaml
`;
    const r = await buildKustomization(
      view({ "app/kustomization.yaml": k, "app/prod-values.yaml": "replicas: 4\nimage:\n  tag: \"2.0\"\n", "app/extra/more.yaml": "replicas: 5\n" }),
      "app",
    );
    expect(r.problems).toEqual([]);
    expect(r.text).toContain("  name: release-name-web\n  namespace: default\n");
    expect(r.text).toContain("  replicas: 5\n");
    expect(r.text).toContain("image: nginx:2.0\n");
    expect(originOf(r, "replicas: 5", 10)).toEqual(at("app/extra/more.yaml", 1, 11, 12));
    expect(r.consumed).toContain("app/prod-values.yaml");
    expect(r.consumed).toContain("app/extra/more.yaml");
  });

  test("version and repo: the chart is looked for at <chartHome>/<name>-<version>/<name>", async () => {
    const k = `helmGlobals:
  chartHome: vendor
helmCharts:
- name: web
  version: 1.0.0
  repo: https://charts.example.com
`;
    const files = { "app/kustomization.yaml": k, "app/vendor/web-1.0.0/web/Chart.yaml": CHART_YAML, "app/vendor/web-1.0.0/web/templates/deployment.yaml": DEPLOYMENT, "app/vendor/web-1.0.0/web/values.yaml": VALUES };
    const r = await buildKustomization(new MemorySourceView(files), "app");
    expect(r.problems).toEqual([]);
    expect(r.text).toContain("name: release-name-web\n");
  });

  test("valuesInline written in flow style keeps its columns; one using an alias falls back to the block's first line", async () => {
    const flow = "helmCharts:\n- name: web\n  valuesInline: {replicas: 6, image: {tag: \"3.1\"}}\n";
    const r = await buildKustomization(view({ "app/kustomization.yaml": flow }), "app");
    expect(r.problems).toEqual([]);
    expect(r.text).toContain("  replicas: 6\n");
    expect(originOf(r, "replicas: 6", 10)).toEqual(at("app/kustomization.yaml", 3, 28, 29));
    const alias = "helmGlobals:\n  configHome: &n 8\nhelmCharts:\n- name: web\n  valuesInline:\n    replicas: *n\n";
    const a = await buildKustomization(view({ "app/kustomization.yaml": alias }), "app");
    expect(a.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(a.text).toContain("  replicas: 8\n");
    expect(originOf(a, "replicas: 8", 10)?.file).toBe("app/kustomization.yaml");
    expect(originOf(a, "replicas: 8", 10)?.line).toBe(6);
  });

  test("a chart not in the repository: an error on the entry's line, nothing downloaded", async () => {
    const k = `resources:
- service.yaml
helmCharts:
- name: web
  version: 2.0.0
  repo: https://charts.example.com
`;
    const r = await buildKustomization(view({ "app/kustomization.yaml": k }), "app");
    expect(r.text).toBe("");
    expect(r.problems).toEqual([
      {
        file: "app/kustomization.yaml",
        line: 4,
        column: 9,
        message:
          "chart web 2.0.0 from https://charts.example.com is not in the repository at 'app/charts/web-2.0.0/web' (charts are never downloaded; vendor it there to have it reviewed)",
        severity: "error",
      },
    ]);
    const noRepo = await buildKustomization(view({ "app/kustomization.yaml": "helmCharts:\n- name: nope\n" }), "app");
    expect(noRepo.problems).toEqual([
      { file: "app/kustomization.yaml", line: 2, column: 9, message: "no repo specified for pull, no chart found at 'app/charts/nope'", severity: "error" },
    ]);
  });

  test("a template error: the template's file and line", async () => {
    const broken = DEPLOYMENT.replace("{{ .Values.replicas }}", "{{ .Values.replicas | nosuchfunc }}");
    const r = await buildKustomization(view({ "app/charts/web/templates/deployment.yaml": broken }), "app");
    expect(r.text).toBe("");
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ file: "app/charts/web/templates/deployment.yaml", line: 7, severity: "error" });
    expect(r.problems[0]!.message).toContain("nosuchfunc");
  });

  test("bad entries: unknown field, bad valuesMerge, missing values file", async () => {
    const cases: [string, { line: number; message: string }][] = [
      ["helmCharts:\n- name: web\n  valuez: {}\n", { line: 3, message: 'unknown field "valuez" in a helmCharts entry' }],
      ["helmCharts:\n- name: web\n  valuesMerge: bogus\n  valuesInline: {a: 1}\n", { line: 3, message: "valuesMerge must be one of [merge override replace]" }],
      ["helmCharts:\n- name: web\n  valuesFile: nope.yaml\n", { line: 3, message: "values file nope.yaml not found" }],
    ];
    for (const [k, want] of cases) {
      const r = await buildKustomization(view({ "app/kustomization.yaml": k }), "app");
      expect(r.problems).toMatchObject([{ file: "app/kustomization.yaml", ...want, severity: "error" }]);
    }
  });

  test("skipHooks drops hooks; the legacy helmChartInflationGenerator is read with its field names", async () => {
    const hook = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n  annotations:\n    helm.sh/hook: pre-install\n";
    const files = { "app/charts/web/templates/hook.yaml": hook };
    const withHooks = await buildKustomization(view({ ...files, "app/kustomization.yaml": "helmCharts:\n- name: web\n" }), "app");
    expect(withHooks.text).toContain("kind: Job\n");
    const noHooks = await buildKustomization(view({ ...files, "app/kustomization.yaml": "helmCharts:\n- name: web\n  skipHooks: true\n" }), "app");
    expect(noHooks.problems).toEqual([]);
    expect(noHooks.text).not.toContain("kind: Job\n");
    const legacy = await buildKustomization(view({ "app/kustomization.yaml": "helmChartInflationGenerator:\n- chartName: web\n  releaseName: old\n  valuesLocal:\n    replicas: 7\n" }), "app");
    expect(legacy.problems).toEqual([]);
    expect(legacy.text).toContain("name: old-web\n");
    expect(legacy.text).toContain("replicas: 7\n");
  });
});

describe("the engine on a kustomization with a chart", () => {
  test("privileged: true set in valuesInline is reported on that kustomization line", async () => {
    const v = view();
    const result = await buildKustomization(v, "app");
    const sources = new Map<string, string>();
    for (const path of result.consumed) sources.set(path, new TextDecoder().decode((await v.readFile(path))!));
    const scanned = scan([], DEFAULT_CONFIG, { rendered: [{ result, sources }], now: new Date("2026-12-01") });
    const privileged = scanned.findings.filter((f) => f.ruleId === "k8s/privileged");
    expect(privileged).toHaveLength(1);
    expect(privileged[0]).toMatchObject({ file: "app/kustomization.yaml", line: 11, column: 19, roots: ["app"], resource: "Deployment/store/prod-shop-web", container: "web" });
  });
});

describe("the render plan of a kustomization with a chart", () => {
  test("the chart's files and the values files are part of the kustomization's closure", async () => {
    const k = `helmCharts:
- name: web
  valuesFile: prod-values.yaml
  additionalValuesFiles: [more.yaml]
`;
    const v = view({ "app/kustomization.yaml": k, "app/prod-values.yaml": "replicas: 2\n", "app/more.yaml": "{}\n", "app/unrelated.yaml": "a: 1\n" });
    const plan = await planRenders(v, await listFiles(v));
    expect([...staticClosure(plan, "app")].sort()).toEqual([
      "app/charts/web/Chart.yaml",
      "app/charts/web/templates/deployment.yaml",
      "app/charts/web/values.yaml",
      "app/kustomization.yaml",
      "app/more.yaml",
      "app/prod-values.yaml",
    ]);
  });
});
