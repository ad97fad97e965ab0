import { describe, expect, it } from "@jest/globals";
import { gzipSync } from "node:zlib";
import { MemorySourceView } from "../../../../src/source/view.js";
import { originAt } from "../../../../src/render/provenance.js";
import { renderChart } from "../../../../src/render/helm/index.js";
import { writeTar } from "../../../../src/render/helm/chart/archive.js";

const CHART = "apiVersion: v2\nname: demo\nversion: 0.1.0\nappVersion: \"1.2.3\"\n";

describe("renderChart", () => {
  it("prints documents as helm template does, in install order, with origins", async () => {
    const view = new MemorySourceView({
      "charts/demo/Chart.yaml": CHART,
      "charts/demo/values.yaml": "replicas: 2\ncontainerSecurityContext:\n  privileged: false\n  runAsNonRoot: true\n",
      "charts/demo/templates/_helpers.tpl": '{{- define "demo.name" -}}{{ .Release.Name }}-{{ .Chart.Name }}{{- end -}}\n',
      "charts/demo/templates/deployment.yaml": [
        "apiVersion: apps/v1",
        "kind: Deployment",
        "metadata:",
        '  name: {{ include "demo.name" . }}',
        "spec:",
        "  replicas: {{ .Values.replicas }}",
        "  template:",
        "    spec:",
        "      containers:",
        "        - name: app",
        '          image: "nginx:{{ .Chart.AppVersion }}"',
        "          securityContext:",
        "            {{- toYaml .Values.containerSecurityContext | nindent 12 }}",
        "",
      ].join("\n"),
      "charts/demo/templates/service.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n  namespace: {{ .Release.Namespace }}\n  labels:\n    missing: \"{{ .Values.nothing }}\"\n",
      "charts/demo/templates/empty.yaml": "{{- if .Values.nothing }}\nkind: ConfigMap\n{{- end }}\n",
      "charts/demo/templates/NOTES.txt": "Installed {{ .Release.Name }}\n",
      "charts/demo/templates/tests/test-connection.yaml": 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: t\n  annotations:\n    "helm.sh/hook": test\n',
    });
    const result = await renderChart(view, "charts/demo", { releaseName: "rel", namespace: "prod" });
    expect(result.problems).toStrictEqual([]);
    expect(result.text).toBe(
      [
        "---",
        "# Source: demo/templates/service.yaml",
        "apiVersion: v1",
        "kind: Service",
        "metadata:",
        "  name: rel",
        "  namespace: prod",
        "  labels:",
        '    missing: ""',
        "---",
        "# Source: demo/templates/deployment.yaml",
        "apiVersion: apps/v1",
        "kind: Deployment",
        "metadata:",
        "  name: rel-demo",
        "spec:",
        "  replicas: 2",
        "  template:",
        "    spec:",
        "      containers:",
        "        - name: app",
        '          image: "nginx:1.2.3"',
        "          securityContext:",
        "            privileged: false",
        "            runAsNonRoot: true",
        "---",
        "# Source: demo/templates/tests/test-connection.yaml",
        "apiVersion: v1",
        "kind: Pod",
        "metadata:",
        "  name: t",
        "  annotations:",
        '    "helm.sh/hook": test',
        "",
      ].join("\n"),
    );
    // The privileged value maps to its values.yaml line, the template text to its template line.
    const at = result.text.indexOf("privileged: false") + "privileged: ".length;
    expect(originAt(result.text, result.segments, at)).toMatchObject({ file: "charts/demo/values.yaml", line: 3 });
    const kind = result.text.indexOf("kind: Deployment");
    expect(originAt(result.text, result.segments, kind)).toMatchObject({ file: "charts/demo/templates/deployment.yaml", line: 2, column: 1 });
    const replicas = result.text.indexOf("replicas: 2") + "replicas: ".length;
    expect(originAt(result.text, result.segments, replicas)).toMatchObject({ file: "charts/demo/values.yaml", line: 1 });
    expect(result.consumed).toContain("charts/demo/templates/deployment.yaml");
    expect(result.consumed).toContain("charts/demo/values.yaml");

    const noTests = await renderChart(view, "charts/demo", { skipTests: true, showOnly: ["templates/deployment.yaml"] });
    expect(noTests.text.split("\n").slice(0, 3)).toStrictEqual(["---", "# Source: demo/templates/deployment.yaml", "apiVersion: apps/v1"]);
    expect(noTests.text).not.toContain("kind: Service");
    const missing = await renderChart(view, "charts/demo", { showOnly: ["templates/nope.yaml"] });
    expect(missing.problems.map((p) => p.message)).toStrictEqual(["could not find template templates/nope.yaml in chart"]);
  });

  it("reports a template error at the template's file and line, and renders nothing", async () => {
    const view = new MemorySourceView({
      "c/Chart.yaml": CHART,
      "c/templates/a.yaml": "kind: ConfigMap\n",
      "c/templates/b.yaml": "kind: Secret\ndata:\n  x: {{ required \"x is required\" .Values.x }}\n",
    });
    const result = await renderChart(view, "c", {});
    expect(result.text).toBe("");
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ file: "c/templates/b.yaml", line: 3, severity: "error" });
    expect(result.problems[0]!.message).toMatch(/^template: demo\/templates\/b\.yaml:3:\d+: executing "demo\/templates\/b\.yaml" at <required .x is required. \.Values\.x>: error calling required: x is required$/);
  });

  it("reports invalid YAML produced by a template at the template line", async () => {
    const view = new MemorySourceView({
      "c/Chart.yaml": CHART,
      "c/templates/bad.yaml": "kind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: [unclosed\n",
    });
    const result = await renderChart(view, "c", {});
    expect(result.text).toBe("");
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ file: "c/templates/bad.yaml", severity: "error" });
    expect(result.problems[0]!.message).toMatch(/^YAML parse error on demo\/templates\/bad\.yaml: /);
    expect(result.problems[0]!.line).toBeGreaterThanOrEqual(5);
  });

  it("renders subcharts from folders and archives, library partials, CRDs on request, and refuses a traversal archive", async () => {
    const sub = gzipSync(
      writeTar([
        { name: "sub/Chart.yaml", data: "apiVersion: v2\nname: sub\nversion: 1.0.0\n" },
        { name: "sub/values.yaml", data: "port: 80\n" },
        { name: "sub/templates/svc.yaml", data: "kind: Service\nport: {{ .Values.port }}\nglobal: {{ .Values.global.env }}\nlib: {{ include \"lib.hello\" . }}\n" },
      ]),
    );
    const files: Record<string, string | Uint8Array> = {
      "p/Chart.yaml": "apiVersion: v2\nname: parent\nversion: 1.0.0\ndependencies:\n  - name: sub\n  - name: lib\n",
      "p/values.yaml": "global:\n  env: prod\nsub:\n  port: 8080\n",
      "p/charts/sub-1.0.0.tgz": sub,
      "p/charts/lib/Chart.yaml": "apiVersion: v2\nname: lib\nversion: 1.0.0\ntype: library\n",
      "p/charts/lib/templates/_hello.tpl": '{{- define "lib.hello" -}}hello {{ .Chart.Name }}{{- end -}}\n',
      "p/charts/lib/templates/cm.yaml": "kind: ConfigMap\n",
      "p/crds/crd.yaml": "kind: CustomResourceDefinition\nmetadata:\n  name: things.example.com\n",
    };
    const result = await renderChart(new MemorySourceView(files), "p", { includeCrds: true });
    expect(result.problems).toStrictEqual([]);
    expect(result.text).toBe(
      "---\n# Source: parent/crds/crd.yaml\nkind: CustomResourceDefinition\nmetadata:\n  name: things.example.com\n\n" +
        "---\n# Source: parent/charts/sub/templates/svc.yaml\nkind: Service\nport: 8080\nglobal: prod\nlib: hello sub\n",
    );
    const bad = gzipSync(writeTar([{ name: "sub/../../../x", data: "x" }]));
    const refused = await renderChart(new MemorySourceView({ ...files, "p/charts/sub-1.0.0.tgz": bad }), "p", {});
    expect(refused.problems[0]).toMatchObject({ file: "p/charts/sub-1.0.0.tgz", severity: "error" });
    expect(refused.problems[0]!.message).toContain("outside the base directory");
  });

  it("never throws: a missing chart, a bad values file and a bad --set are problems", async () => {
    const view = new MemorySourceView({ "c/Chart.yaml": CHART, "c/templates/a.yaml": "kind: A\n", "bad.yaml": "a: [\n" });
    expect((await renderChart(view, "nowhere", {})).problems[0]).toMatchObject({ severity: "error" });
    expect((await renderChart(view, "c", { valuesFiles: ["bad.yaml"] })).problems[0]).toMatchObject({ file: "bad.yaml", severity: "error" });
    expect((await renderChart(view, "c", { set: ["a[x]=1"] })).problems[0]!.message).toBe('failed parsing --set data: failed to parse index: "x" is not a number');
  });
});

describe("limits", () => {
  const files = {
    "c/Chart.yaml": CHART,
    "c/values.yaml": "n: 3\n",
    "c/templates/_rec.tpl": '{{- define "rec" -}}x{{ include "rec" . }}{{- end -}}\n',
    "c/templates/big.yaml": "kind: ConfigMap\ndata:\n{{- range $i := until 2000 }}\n  k{{ $i }}: \"{{ repeat 50 \"v\" }}\"\n{{- end }}\n",
  };

  it("stops at the deadline with one error", async () => {
    const result = await renderChart(new MemorySourceView(files), "c", { limits: { deadline: Date.now() - 1 } });
    expect(result.text).toBe("");
    expect(result.problems).toStrictEqual([{ file: "c/Chart.yaml", message: "loading the chart stopped: the time limit was reached", severity: "error" }]);
  });

  it("stops when the output is larger than the limit", async () => {
    const result = await renderChart(new MemorySourceView(files), "c", { limits: { maxOutputChars: 10_000 } });
    expect(result.text).toBe("");
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ file: "c/templates/big.yaml", severity: "error" });
  });

  it("stops endless include recursion with an error at the include", async () => {
    const view = new MemorySourceView({ ...files, "c/templates/loop.yaml": 'kind: A\nv: {{ include "rec" . }}\n' });
    const result = await renderChart(view, "c", {});
    expect(result.text).toBe("");
    expect(result.problems.length).toBeGreaterThanOrEqual(1);
    expect(result.problems.map((p) => p.file)).toContain("c/templates/_rec.tpl");
    expect(result.problems.every((p) => p.severity === "error")).toBe(true);
  });
});

describe("built-in objects", () => {
  it("gives templates .Release, .Chart, .Capabilities, .Files, .Template and .Subcharts as helm template does", async () => {
    const view = new MemorySourceView({
      "c/Chart.yaml": "apiVersion: v2\nname: demo\nversion: 0.1.0\nappVersion: \"2.0\"\ndescription: A demo\nannotations:\n  team: web\n",
      "c/files/a.txt": "one\ntwo\n",
      "c/files/b.conf": "x=1\n",
      "c/other/c.txt": "no\n",
      "c/charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 1.0.0\n",
      "c/charts/sub/values.yaml": "port: 8080\n",
      "c/charts/sub/templates/_x.tpl": '{{- define "sub.template" -}}{{ .Chart.Name }} root={{ .Chart.IsRoot }}{{- end -}}\n',
      "c/templates/cm.yaml": [
        "kind: ConfigMap",
        "data:",
        "  template: {{ .Template.Name }} {{ .Template.BasePath }}",
        "  chart: {{ .Chart.Name }}-{{ .Chart.Version }} {{ .Chart.AppVersion }} {{ .Chart.Description }} {{ .Chart.APIVersion }} {{ .Chart.Annotations.team }} root={{ .Chart.IsRoot }}",
        "  kube: {{ .Capabilities.KubeVersion.Version }} {{ .Capabilities.KubeVersion.Major }} {{ .Capabilities.KubeVersion.Minor }} {{ .Capabilities.KubeVersion.GitVersion }}",
        '  apis: {{ .Capabilities.APIVersions.Has "apps/v1" }} {{ .Capabilities.APIVersions.Has "apps/v1/Deployment" }} {{ .Capabilities.APIVersions.Has "example.com/v1" }} {{ .Capabilities.APIVersions.Has "nope/v1" }}',
        "  release: {{ .Release.Name }} {{ .Release.Namespace }} {{ .Release.IsInstall }} {{ .Release.IsUpgrade }} {{ .Release.Revision }} {{ .Release.Service }}",
        '  file: {{ .Files.Get "files/a.txt" | quote }}',
        '  missing: {{ .Files.Get "missing" | quote }}',
        '  counts: {{ len (.Files.Lines "files/a.txt") }} {{ .Files.GetBytes "files/b.conf" | len }}',
        "  sub: {{ .Subcharts.sub.Values.port }} {{ .Values.sub.port }}",
        '  include: {{ include "sub.template" .Subcharts.sub }}',
        "conf:",
        '{{ (.Files.Glob "files/*").AsConfig | indent 2 }}',
        "",
      ].join("\n"),
    });
    const result = await renderChart(view, "c", { kubeVersion: "1.29", apiVersions: ["example.com/v1"], releaseName: "r", namespace: "ns" });
    expect(result.problems).toStrictEqual([]);
    expect(result.text).toBe(
      [
        "---",
        "# Source: demo/templates/cm.yaml",
        "kind: ConfigMap",
        "data:",
        "  template: demo/templates/cm.yaml demo/templates",
        "  chart: demo-0.1.0 2.0 A demo v2 web root=true",
        "  kube: v1.29.0 1 29 v1.29.0",
        "  apis: true true true false",
        "  release: r ns true false 1 Helm",
        '  file: "one\\ntwo\\n"',
        '  missing: ""',
        "  counts: 3 4",
        "  sub: 8080 8080",
        "  include: sub root=false",
        "conf:",
        "  a.txt: |",
        "    one",
        "    two",
        "  b.conf: |",
        "    x=1",
        "",
      ].join("\n"),
    );
    expect(result.consumed).toContain("c/files/a.txt");
    expect(result.consumed).not.toContain("c/other/c.txt");
  });

  it("refuses a chart whose kubeVersion excludes the Kubernetes version", async () => {
    const view = new MemorySourceView({ "c/Chart.yaml": 'apiVersion: v2\nname: demo\nversion: 0.1.0\nkubeVersion: ">=1.32.0-0"\n', "c/templates/a.yaml": "kind: A\n" });
    const result = await renderChart(view, "c", {});
    expect(result.problems).toStrictEqual([
      { file: "c/Chart.yaml", message: "chart requires kubeVersion: >=1.32.0-0 which is incompatible with Kubernetes v1.31.0", severity: "error" },
    ]);
    expect((await renderChart(view, "c", { kubeVersion: "v1.33.1" })).problems).toStrictEqual([]);
  });
});

describe("patterns of real charts", () => {
  // bitnami/common: `.tag | toString`; mariadb: `$secret := (lookup ...).data` then `hasKey $secret`
  // (a variable holding a missing key is Go's invalid value, which a map parameter takes as a nil map).
  it("renders toString, and hasKey on a variable set from a missing key", async () => {
    const view = new MemorySourceView({
      "c/Chart.yaml": CHART,
      "c/values.yaml": "image:\n  tag: 1.25\n",
      "c/templates/a.yaml": [
        "kind: ConfigMap",
        "data:",
        "  tag: {{ .Values.image.tag | toString | quote }}",
        '{{- $secret := (lookup "v1" "Secret" .Release.Namespace "x").data }}',
        '  exists: {{ hasKey $secret "password" | quote }}',
        "",
      ].join("\n"),
    });
    const result = await renderChart(view, "c", {});
    expect(result.problems).toStrictEqual([]);
    expect(result.text).toBe('---\n# Source: demo/templates/a.yaml\nkind: ConfigMap\ndata:\n  tag: "1.25"\n  exists: "false"\n');
  });
});

describe("a chart at the repository root", () => {
  it("renders with repository paths that have no leading slash", async () => {
    const view = new MemorySourceView({
      "Chart.yaml": CHART,
      "values.yaml": "name: x\n",
      "templates/cm.yaml": "kind: ConfigMap\nname: {{ .Values.name }}\n",
      "charts/sub/Chart.yaml": "name: sub\nversion: 1.0.0\n",
      "charts/sub/templates/s.yaml": "kind: Secret\n",
    });
    const result = await renderChart(view, ".", {});
    expect(result.root).toBe("");
    expect(result.problems).toStrictEqual([]);
    expect(result.text).toBe("---\n# Source: demo/charts/sub/templates/s.yaml\nkind: Secret\n---\n# Source: demo/templates/cm.yaml\nkind: ConfigMap\nname: x\n");
    expect(result.consumed).toStrictEqual(["Chart.yaml", "charts/sub/Chart.yaml", "charts/sub/templates/s.yaml", "templates/cm.yaml", "values.yaml"]);
    expect(originAt(result.text, result.segments, result.text.indexOf("name: x") + 6)).toMatchObject({ file: "values.yaml", line: 1 });
    const broken = await renderChart(new MemorySourceView({ "Chart.yaml": "version: 1.0.0\n" }), "", {});
    expect(broken.problems).toStrictEqual([{ file: "Chart.yaml", message: "validation: chart.metadata.name is required", severity: "error" }]);
  });
});

describe("provenance of values through toYaml", () => {
  it("maps privileged: false to the values.yaml line and column that set it (flow style)", async () => {
    const view = new MemorySourceView({
      "chart/Chart.yaml": CHART,
      "chart/values.yaml": "image: nginx\ncontainerSecurityContext: {privileged: false, runAsUser: 1000}\n",
      "chart/templates/pod.yaml": [
        "apiVersion: v1",
        "kind: Pod",
        "metadata:",
        "  name: p",
        "spec:",
        "  containers:",
        "    - name: app",
        "      image: {{ .Values.image }}",
        "      securityContext:",
        "        x: 1",
        "      {{- with .Values.containerSecurityContext }}",
        "      extra:",
        "            {{- toYaml . | nindent 12 }}",
        "      {{- end }}",
        "",
      ].join("\n"),
    });
    const result = await renderChart(view, "chart", {});
    expect(result.problems).toStrictEqual([]);
    expect(result.text).toContain("      extra:\n            privileged: false\n            runAsUser: 1000\n");
    const at = result.text.indexOf("privileged: false") + "privileged: ".length;
    expect(originAt(result.text, result.segments, at)).toMatchObject({ file: "chart/values.yaml", line: 2, column: 40 });
    const user = result.text.indexOf("runAsUser: 1000") + "runAsUser: ".length;
    expect(originAt(result.text, result.segments, user)).toMatchObject({ file: "chart/values.yaml", line: 2, column: 58 });
    const image = result.text.indexOf("image: nginx") + "image: ".length;
    expect(originAt(result.text, result.segments, image)).toMatchObject({ file: "chart/values.yaml", line: 1, column: 8 });
    const extra = result.text.indexOf("extra:");
    expect(originAt(result.text, result.segments, extra)).toMatchObject({ file: "chart/templates/pod.yaml", line: 12 });
  });
});

describe("merge conflicts", () => {
  it("warns as Helm does at the user's line when a default table is set to a scalar, and renders on", async () => {
    const view = new MemorySourceView({
      "c/Chart.yaml": CHART,
      "c/values.yaml": "securityContext:\n  runAsUser: 1000\n  capabilities:\n    drop: [ALL]\nlabels: x\n",
      "c/templates/a.yaml": "kind: A\nsc: {{ .Values.securityContext }}\nlabels: {{ .Values.labels }}\n",
      "prod.yaml": "securityContext:\n  capabilities: none\nlabels:\n  a: b\n",
    });
    const result = await renderChart(view, "c", { valuesFiles: ["prod.yaml"] });
    expect(result.problems).toStrictEqual([
      {
        file: "prod.yaml",
        line: 2,
        column: 17,
        message: "warning: cannot overwrite table with non table for demo.securityContext.capabilities (map[drop:[ALL]])",
        severity: "warning",
      },
      { file: "prod.yaml", line: 3, column: 1, message: "warning: skipped value for demo.labels: Not a table.", severity: "warning" },
    ]);
    expect(result.text).toBe("---\n# Source: demo/templates/a.yaml\nkind: A\nsc: map[capabilities:none runAsUser:1000]\nlabels: map[a:b]\n");
  });
});
