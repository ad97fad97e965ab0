import { describe, expect, it } from "@jest/globals";
import { MemorySourceView } from "../../../../src/source/view.js";
import { getOrigin } from "../../../../src/render/provenance.js";
import type { RenderProblem } from "../../../../src/render/types.js";
import { processDependencies, renderValues } from "../../../../src/render/helm/chart/dependencies.js";
import { DEFAULT_LOAD_LIMITS, loadChartDir, resolveMissingDependencies, type Chart } from "../../../../src/render/helm/chart/loader.js";
import { originOfPath, parseValues, mergeInto, type Values } from "../../../../src/render/helm/chart/values.js";
import { parseSet } from "../../../../src/render/helm/chart/strvals.js";

function plain(v: unknown): unknown {
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [k, plain(x)]));
  if (Array.isArray(v)) return v.map(plain);
  return v;
}

async function load(files: Record<string, string>, dir = "chart"): Promise<{ chart: Chart; problems: RenderProblem[] }> {
  const problems: RenderProblem[] = [];
  const ctx = { view: new MemorySourceView(files), limits: DEFAULT_LOAD_LIMITS, problems, consumed: new Set<string>(), fileCount: 0 };
  const chart = await loadChartDir(ctx, dir);
  if (!chart) throw new Error(JSON.stringify(problems));
  await resolveMissingDependencies(ctx, chart);
  return { chart, problems };
}

async function coalesced(files: Record<string, string>, user: Values = new Map()): Promise<{ values: Values; chart: Chart; problems: RenderProblem[] }> {
  const { chart, problems } = await load(files);
  processDependencies(chart, user, problems);
  return { values: renderValues(chart, user), chart, problems };
}

describe("reading values files", () => {
  it("reads YAML 1.1 as Helm does: numbers are float64, yes/on are booleans, keys are strings", () => {
    const v = parseValues("replicas: 3\nratio: 1.5\nflag: yes\nother: on\n1: one\ntag: '1.0'\nempty:\nlist: [a, 2]\n", "values.yaml");
    expect(plain(v)).toStrictEqual({ replicas: 3, ratio: 1.5, flag: true, other: true, "1": "one", tag: "1.0", empty: null, list: ["a", 2] });
  });

  it("records the line of every scalar and the key of every table", () => {
    const v = parseValues("image:\n  repository: nginx\n  tag: \"1.25\"\nports:\n  - 80\n  - 443\n", "c/values.yaml");
    expect(originOfPath(v, "image.tag")).toStrictEqual({ file: "c/values.yaml", line: 3, column: 8, endLine: 3, endColumn: 14 });
    expect(getOrigin(v, "image")).toStrictEqual({ file: "c/values.yaml", line: 1, column: 1, endLine: 1, endColumn: 6 });
    expect(getOrigin(v.get("ports") as object, 1)).toStrictEqual({ file: "c/values.yaml", line: 6, column: 5, endLine: 6, endColumn: 8 });
  });

  it("expands anchors and merge keys, and stops alias bombs", () => {
    const v = parseValues("base: &b {a: 1, b: 2}\nderived:\n  <<: *b\n  b: 3\n", "values.yaml");
    expect(plain(v.get("derived"))).toStrictEqual({ a: 1, b: 3 });
    const lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 8; i += 1) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(", ")}]`);
    expect(() => parseValues(lines.join("\n"), "values.yaml")).toThrow("too many YAML aliases");
  });

  it("refuses a file that is not a map, with the line of a syntax error", () => {
    expect(() => parseValues("- a\n", "values.yaml")).toThrow("values must be a map");
    try {
      parseValues("a: 1\nb: [\n", "values.yaml");
      throw new Error("no error");
    } catch (error) {
      expect((error as { line?: number }).line).toBeGreaterThanOrEqual(2);
    }
  });
});

const parentChart = {
  "chart/Chart.yaml": "apiVersion: v2\nname: parent\nversion: 1.0.0\ndependencies:\n  - name: sub\n    version: 1.x\n    condition: sub.enabled\n",
  "chart/values.yaml": "global:\n  registry: docker.io\nsecurityContext:\n  privileged: false\n  runAsUser: 1000\nsub:\n  replicas: 2\n",
  "chart/charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 1.2.0\n",
  "chart/charts/sub/values.yaml": "enabled: true\nreplicas: 1\nimage: sub\nglobal:\n  registry: quay.io\n  pullPolicy: Always\n",
};

describe("coalescing values as Helm does", () => {
  it("keeps each winning value's origin: chart defaults < parent < -f < --set", async () => {
    const user = parseValues("securityContext:\n  runAsUser: 0\n", "prod.yaml");
    parseSet("sub.image=custom", user, "typed", { file: "--set[0]", line: 1, column: 1, endLine: 1, endColumn: 2 });
    const { values } = await coalesced(parentChart, user);
    expect(plain(values)).toStrictEqual({
      global: { registry: "docker.io" },
      securityContext: { privileged: false, runAsUser: 0 },
      sub: { enabled: true, replicas: 2, image: "custom", global: { registry: "docker.io", pullPolicy: "Always" } },
    });
    expect(originOfPath(values, "securityContext.privileged")).toMatchObject({ file: "chart/values.yaml", line: 4 });
    expect(originOfPath(values, "securityContext.runAsUser")).toMatchObject({ file: "prod.yaml", line: 2 });
    expect(originOfPath(values, "sub.replicas")).toMatchObject({ file: "chart/values.yaml", line: 7 });
    expect(originOfPath(values, "sub.enabled")).toMatchObject({ file: "chart/charts/sub/values.yaml", line: 1 });
    expect(originOfPath(values, "sub.image")).toMatchObject({ file: "--set[0]" });
    expect(originOfPath(values, "sub.global.registry")).toMatchObject({ file: "chart/values.yaml", line: 2 });
    expect(originOfPath(values, "sub.global.pullPolicy")).toMatchObject({ file: "chart/charts/sub/values.yaml", line: 6 });
  });

  it("deletes a key the user sets to null, and keeps a null the chart does not set", async () => {
    const user = parseValues("securityContext:\n  privileged: null\nextra: null\n", "u.yaml");
    const { values } = await coalesced(parentChart, user);
    expect(plain(values.get("securityContext"))).toStrictEqual({ runAsUser: 1000 });
    expect(values.get("extra")).toBeNull();
  });

  it("merges -f files in order, maps key by key", () => {
    const user: Values = new Map();
    mergeInto(user, parseValues("a: {x: 1, z: 2}\nl: [1, 2]\n", "one.yaml"));
    mergeInto(user, parseValues("a: {z: 3}\nl: [9]\n", "two.yaml"));
    expect(plain(user)).toStrictEqual({ a: { x: 1, z: 3 }, l: [9] });
    expect(originOfPath(user, "a.x")).toMatchObject({ file: "one.yaml" });
    expect(originOfPath(user, "a.z")).toMatchObject({ file: "two.yaml" });
  });
});

describe("dependencies", () => {
  it("disables a dependency by its condition", async () => {
    const user = parseValues("sub:\n  enabled: false\n", "u.yaml");
    const { chart, values } = await coalesced(parentChart, user);
    expect(chart.dependencies.map((d) => d.metadata.name)).toStrictEqual([]);
    expect(plain(values.get("sub"))).toStrictEqual({ enabled: false, replicas: 2 });
  });

  const tagged = (condition: string): Record<string, string> => ({
    "c/Chart.yaml": `apiVersion: v2\nname: c\nversion: 1.0.0\ndependencies:\n  - name: a\n    version: "*"\n    tags: [front, back]\n${condition}  - name: b\n    version: "*"\n    tags: [back]\n`,
    "c/values.yaml": "tags:\n  front: true\n  back: false\n",
    "c/charts/a/Chart.yaml": "name: a\nversion: 1.0.0\n",
    "c/charts/b/Chart.yaml": "name: b\nversion: 1.0.0\n",
  });

  it("enables by tags (any true tag enables) and lets a condition override tags", async () => {
    const load1 = await load(tagged(""), "c");
    processDependencies(load1.chart, new Map(), load1.problems);
    expect(load1.chart.dependencies.map((d) => d.metadata.name)).toStrictEqual(["a"]);
    const load2 = await load(tagged("    condition: a.enabled\n"), "c");
    processDependencies(load2.chart, parseValues("a:\n  enabled: false\n", "u.yaml"), load2.problems);
    expect(load2.chart.dependencies.map((d) => d.metadata.name)).toStrictEqual([]);
  });

  it("renames an aliased dependency and can use one chart twice", async () => {
    const { chart, values } = await coalesced({
      "chart/Chart.yaml": "apiVersion: v2\nname: c\nversion: 1.0.0\ndependencies:\n  - name: db\n    alias: primary\n  - name: db\n    alias: replica\n",
      "chart/values.yaml": "replica:\n  role: replica\n",
      "chart/charts/db/Chart.yaml": "name: db\nversion: 1.0.0\n",
      "chart/charts/db/values.yaml": "role: primary\n",
    });
    expect(chart.dependencies.map((d) => d.metadata.name)).toStrictEqual(["primary", "replica"]);
    expect(plain(values.get("primary"))).toStrictEqual({ role: "primary", global: {} });
    expect(plain(values.get("replica"))).toStrictEqual({ role: "replica", global: {} });
  });

  it("imports values in both forms; the parent's own values win", async () => {
    const { values } = await coalesced({
      "chart/Chart.yaml":
        "apiVersion: v2\nname: p\nversion: 1.0.0\ndependencies:\n  - name: sub\n    import-values:\n      - data\n      - child: settings\n        parent: imported.settings\n",
      "chart/values.yaml": "mine: 1\nimported:\n  settings:\n    b: parent\n",
      "chart/charts/sub/Chart.yaml": "name: sub\nversion: 1.0.0\n",
      "chart/charts/sub/values.yaml": "exports:\n  data:\n    mine: 2\n    fromChild: yes\nsettings:\n  a: child\n  b: child\n",
    });
    expect(values.get("mine")).toBe(1);
    expect(values.get("fromChild")).toBe(true);
    expect(plain(values.get("imported"))).toStrictEqual({ settings: { a: "child", b: "parent" } });
    expect(originOfPath(values, "imported.settings.a")).toMatchObject({ file: "chart/charts/sub/values.yaml", line: 6 });
  });

  it("finds a dependency that is not vendored beside the chart, or warns and renders without it", async () => {
    const found = await load({
      "bitnami/app/Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: common\n    repository: oci://registry-1.docker.io/bitnamicharts\n    version: 2.x.x\n  - name: missing\n    repository: https://example.com/charts\n",
      "bitnami/common/Chart.yaml": "apiVersion: v2\nname: common\nversion: 2.0.0\ntype: library\n",
      "bitnami/common/templates/_names.tpl": "{{- define \"common.names.name\" -}}x{{- end -}}\n",
      "local/Chart.yaml": "name: local\nversion: 1.0.0\n",
    }, "bitnami/app");
    expect(found.chart.dependencies.map((d) => [d.metadata.name, d.dir])).toStrictEqual([["common", "bitnami/common"]]);
    expect(found.problems).toStrictEqual([
      {
        file: "bitnami/app/Chart.yaml",
        message: 'dependency "missing" (https://example.com/charts) is not in charts/ nor in this repository; rendered without it',
        severity: "warning",
      },
    ]);
    const fileRepo = await load({
      "a/chart/Chart.yaml": "apiVersion: v2\nname: c\nversion: 1.0.0\ndependencies:\n  - name: lib\n    repository: file://../../libs/lib\n",
      "libs/lib/Chart.yaml": "name: lib\nversion: 1.0.0\n",
    }, "a/chart");
    expect(fileRepo.chart.dependencies.map((d) => d.dir)).toStrictEqual(["libs/lib"]);
  });

  it("reads requirements.yaml for apiVersion v1 charts and .helmignore", async () => {
    const { chart } = await load({
      "chart/Chart.yaml": "apiVersion: v1\nname: old\nversion: 1.0.0\n",
      "chart/requirements.yaml": "dependencies:\n  - name: sub\n    condition: sub.enabled\n",
      "chart/.helmignore": "*.md\nsecret/\n",
      "chart/README.md": "x",
      "chart/secret/key": "x",
      "chart/files/a.txt": "x",
      "chart/templates/.hidden.yaml": "x",
      "chart/templates/cm.yaml": "x",
      "chart/charts/sub/Chart.yaml": "name: sub\nversion: 1.0.0\n",
    });
    expect(chart.metadata.dependencies.map((d) => [d.name, d.condition])).toStrictEqual([["sub", "sub.enabled"]]);
    expect(chart.files.map((f) => f.name)).toStrictEqual([".helmignore", "files/a.txt"]);
    expect(chart.templates.map((f) => f.name)).toStrictEqual(["templates/cm.yaml"]);
  });
});
