import { describe, expect, it } from "@jest/globals";
import { DEFAULT_CONFIG, type ResolvedConfig } from "../../../src/config/schema.js";
import { kubernetesHandler, objectAtLine } from "../../../src/engine/kubernetes/handler.js";
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { replaceScalarFix } from "../../../src/engine/kubernetes/yaml-field.js";
import { containerReport, podReport } from "../../../src/engine/kubernetes/report.js";
import type { TextFile } from "../../../src/engine/types.js";

function textFile(text: string, path = "manifest.yaml"): TextFile {
  return { path, text, lines: text.split("\n"), eol: "\n" };
}

function parse(text: string, config: ResolvedConfig = DEFAULT_CONFIG) {
  return kubernetesHandler.parse(textFile(text), config);
}

function model(text: string): KubernetesModel {
  const outcome = parse(text);
  if (!outcome.model) throw new Error(`no model: ${JSON.stringify(outcome)}`);
  return outcome.model;
}

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: prod
  annotations:
    ignore.container-review.dev/privileged: "needs raw sockets"
spec:
  template:
    metadata:
      annotations:
        container.apparmor.security.beta.kubernetes.io/web: runtime/default
    spec:
      hostUsers: false
      securityContext:
        runAsNonRoot: true
        runAsUser: 1000
        windowsOptions:
          runAsUserName: pod-user
      initContainers:
        - name: setup
          image: busybox
      containers:
        - name: web
          image: nginx
          securityContext:
            runAsUser: 0
            privileged: true # needed
            windowsOptions:
              hostProcess: false
`;

describe("objects", () => {
  it("reads kind, name, namespace, resource, kind range, line span and annotations from both metadata levels", () => {
    const m = model(deployment);
    expect(m.objects).toHaveLength(1);
    const o = m.objects[0];
    expect([o.kind, o.apiVersion, o.name, o.namespace, o.resource]).toEqual(["Deployment", "apps/v1", "web", "prod", "Deployment/prod/web"]);
    expect(o.kindRange).toEqual({ line: 2, column: 1, endLine: 2, endColumn: 5 });
    expect([o.startLine, o.endLine]).toEqual([1, 30]);
    expect(o.annotations.map((a) => [a.key, a.value, a.where, a.range.line])).toEqual([
      ["ignore.container-review.dev/privileged", "needs raw sockets", "object", 7],
      ["container.apparmor.security.beta.kubernetes.io/web", "runtime/default", "pod-template", 12],
    ]);
  });

  it("gives line numbers of later documents in a multi-document stream", () => {
    const m = model("# leading comment\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: a\n---\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\nspec:\n  containers:\n    - name: c\n      image: x\n");
    expect(m.objects.map((o) => [o.resource, o.startLine, o.kindRange.line, o.documentIndex])).toEqual([
      ["Service/a", 3, 4, 0],
      ["Pod/b", 9, 10, 2],
    ]);
    expect(m.podSpecs[0].containers.map((c) => [c.name, c.line, c.nameRange.line, c.nameRange.column])).toEqual([["c", 15, 15, 7]]);
  });

  it("reads JSON manifests with positions", () => {
    const json = '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "j"},\n  "spec": {\n    "containers": [\n      {"name": "app", "image": "x", "securityContext": {"privileged": true}}\n    ]\n  }\n}\n';
    const m = kubernetesHandler.parse(textFile(json, "pod.json"), DEFAULT_CONFIG).model!;
    const c = m.podSpecs[0].containers[0];
    expect(c.name).toBe("app");
    const privileged = c.setting("privileged")!;
    expect(privileged.boolean).toBe(true);
    expect(privileged.range).toEqual({ line: 7, column: 57, endLine: 7, endColumn: 75 });
    expect(privileged.path).toBe("spec.containers[app].securityContext.privileged");
  });

  it("expands List and typed *List items, taking kind from the list type when an item has none", () => {
    const m = model(`apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: one}
    spec:
      containers: [{name: a, image: x}]
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: cfg}
---
apiVersion: v1
kind: PodList
items:
  - metadata: {name: two}
    spec:
      containers: [{name: b, image: x}]
`);
    expect(m.objects.map((o) => [o.resource, o.listIndex, o.startLine, o.endLine])).toEqual([
      ["Pod/one", 0, 4, 8],
      ["ConfigMap/cfg", 1, 9, 11],
      ["Pod/two", 0, 16, 18],
    ]);
    expect(m.podSpecs.map((p) => p.spec.path)).toEqual(["items[0].spec", "items[0].spec"]);
    expect(objectAtLine(m, 7)?.resource).toBe("Pod/one");
    expect(objectAtLine(m, 10)?.resource).toBe("ConfigMap/cfg");
  });

  it("skips documents without apiVersion and kind, and reports a file without objects as not applicable", () => {
    const m = model("replicaCount: 1\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n");
    expect(m.objects.map((o) => o.resource)).toEqual(["Namespace/ns"]);
    const none = parse("name: build\non: push\napiVersion: 1\n");
    expect(none.model).toBeUndefined();
    expect(none.problems).toEqual([]);
    expect(none.notApplicable).toMatch(/no Kubernetes objects/);
  });

  it("names objects without a name <unnamed> and uses generateName when set", () => {
    const m = model("apiVersion: v1\nkind: Pod\nspec: {containers: []}\n---\napiVersion: batch/v1\nkind: Job\nmetadata: {generateName: run-}\nspec: {template: {spec: {containers: []}}}\n");
    expect(m.objects.map((o) => o.resource)).toEqual(["Pod/<unnamed>", "Job/run-"]);
  });
});

describe("pod specs of every workload kind", () => {
  const container = "containers: [{name: c, image: x}]";
  const cases: [string, string, string][] = [
    ["Pod", `spec: {${container}}`, "spec"],
    ["Deployment", `spec: {template: {spec: {${container}}}}`, "spec.template.spec"],
    ["StatefulSet", `spec: {template: {spec: {${container}}}}`, "spec.template.spec"],
    ["DaemonSet", `spec: {template: {spec: {${container}}}}`, "spec.template.spec"],
    ["ReplicaSet", `spec: {template: {spec: {${container}}}}`, "spec.template.spec"],
    ["ReplicationController", `spec: {template: {spec: {${container}}}}`, "spec.template.spec"],
    ["Job", `spec: {template: {spec: {${container}}}}`, "spec.template.spec"],
    ["PodTemplate", `template: {spec: {${container}}}`, "template.spec"],
    ["CronJob", `spec: {jobTemplate: {spec: {template: {spec: {${container}}}}}}`, "spec.jobTemplate.spec.template.spec"],
    ["Rollout", `spec: {template: {spec: {${container}}}}`, "spec.template.spec"],
  ];
  for (const [kind, body, path] of cases) {
    it(`${kind}: ${path}`, () => {
      const m = model(`apiVersion: x/v1\nkind: ${kind}\nmetadata: {name: w}\n${body}\n`);
      expect(m.podSpecs.map((p) => [p.object.kind, p.spec.path, p.containers.map((c) => c.node.path)])).toEqual([[kind, path, [`${path}.containers[c]`]]]);
    });
  }

  it("ignores a custom resource whose spec.template.spec holds no containers", () => {
    const m = model("apiVersion: x/v1\nkind: Widget\nmetadata: {name: w}\nspec: {template: {spec: {replicas: 2}}}\n");
    expect(m.podSpecs).toEqual([]);
    expect(m.objects.map((o) => o.resource)).toEqual(["Widget/w"]);
  });

  it("lists containers, then init, then ephemeral containers, skipping non-mapping items", () => {
    const m = model(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  ephemeralContainers:
    - name: debug
  containers:
    - name: app
    - "not a container"
    - image: unnamed
  initContainers:
    - name: init
`);
    expect(m.podSpecs[0].containers.map((c) => [c.list, c.name, c.index, c.line])).toEqual([
      ["containers", "app", 0, 8],
      ["containers", "", 2, 10],
      ["initContainers", "init", 0, 12],
      ["ephemeralContainers", "debug", 0, 6],
    ]);
  });
});

describe("effective securityContext (kubelet inheritance)", () => {
  const m = model(deployment);
  const pod = m.podSpecs[0];
  const [web, setup] = [pod.containers.find((c) => c.name === "web")!, pod.containers.find((c) => c.name === "setup")!];

  it("container values win over pod values, and the origin is reported", () => {
    const user = web.effective("runAsUser")!;
    expect([user.origin, user.field.value, user.field.line]).toEqual(["container", 0, 27]);
    const inherited = setup.effective("runAsUser")!;
    expect([inherited.origin, inherited.field.value, inherited.field.line]).toEqual(["pod", 1000, 17]);
    expect(web.effective("runAsNonRoot")?.origin).toBe("pod");
    expect(web.effective("seccompProfile")).toBeUndefined();
  });

  it("merges windowsOptions per field", () => {
    expect(web.effectiveWindowsOption("hostProcess")).toMatchObject({ origin: "container" });
    expect(web.effectiveWindowsOption("hostProcess")?.field.value).toBe(false);
    expect(web.effectiveWindowsOption("runAsUserName")?.field.value).toBe("pod-user");
    expect(web.effectiveWindowsOption("runAsUserName")?.origin).toBe("pod");
  });

  it("treats null values as unset so the pod value applies", () => {
    const m2 = model("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {runAsNonRoot: true}\n  containers:\n    - name: a\n      securityContext:\n        runAsNonRoot:\n");
    expect(m2.podSpecs[0].containers[0].effective("runAsNonRoot")?.origin).toBe("pod");
  });

  it("exposes hostUsers: false, Windows pods, pod fields and anchor lines", () => {
    expect(pod.userNamespaced).toBe(true);
    expect(pod.windows).toBe(false);
    expect(pod.field("hostUsers")?.range).toEqual({ line: 14, column: 7, endLine: 14, endColumn: 23 });
    expect(web.anchorLines).toEqual([24, 1]);
    const win = model("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {os: {name: windows}, containers: []}\n");
    expect(win.podSpecs[0].windows).toBe(true);
    expect(win.podSpecs[0].userNamespaced).toBe(false);
  });

  it("builds container and pod reports with resource, container, anchors and field-path fingerprints", () => {
    const privileged = web.setting("privileged")!;
    expect(containerReport(web, { message: "m", field: privileged })).toEqual({
      range: { line: 28, column: 13, endLine: 28, endColumn: 29 },
      message: "m",
      fingerprintKey: "spec.template.spec.containers[web].securityContext.privileged",
      resource: "Deployment/prod/web",
      container: "web",
      anchorLines: [24, 1],
    });
    expect(podReport(pod, { message: "p", missingPath: "spec.template.spec.securityContext.seccompProfile" })).toEqual({
      range: { line: 2, column: 1, endLine: 2, endColumn: 5 },
      message: "p",
      fingerprintKey: "spec.template.spec.securityContext.seccompProfile",
      resource: "Deployment/prod/web",
      anchorLines: [1],
    });
  });
});

describe("YamlField paths", () => {
  it("quotes keys that are not plain identifiers and labels sequence items by name or index", () => {
    const m = model(deployment);
    const o = m.objects[0];
    expect(o.root.at("metadata", "annotations", "ignore.container-review.dev/privileged")?.path).toBe('metadata.annotations["ignore.container-review.dev/privileged"]');
    expect(o.podSpec?.containers.map((c) => c.node.path)).toEqual(["spec.template.spec.containers[web]", "spec.template.spec.initContainers[setup]"]);
    expect(o.root.at("spec", "template", "spec", "containers")?.items().map((i) => i.path)).toEqual(["spec.template.spec.containers[0]"]);
    expect(o.root.get("spec")?.entries().map((e) => e.key)).toEqual(["template"]);
    expect(o.root.at("spec", "nope", "deeper")).toBeUndefined();
  });
});

describe("replaceScalarFix", () => {
  it("replaces only the value, keeping indentation, key, comment and quoting", () => {
    const m = model(deployment);
    const web = m.podSpecs[0].containers.find((c) => c.name === "web")!;
    expect(replaceScalarFix(m.file, web.setting("privileged")!, "false", "d")).toEqual({
      description: "d",
      startLine: 28,
      endLine: 28,
      replacement: "            privileged: false # needed",
    });
    const quoted = model("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostNetwork: 'true'  # q\n");
    expect(replaceScalarFix(quoted.file, quoted.podSpecs[0].field("hostNetwork")!, "false", "d")?.replacement).toBe("  hostNetwork: 'false'  # q");
  });

  it("keeps JSON commas and refuses block values", () => {
    const json = '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},\n "spec": {"hostPID": true,\n  "containers": []}}\n';
    const m = kubernetesHandler.parse(textFile(json, "p.json"), DEFAULT_CONFIG).model!;
    expect(replaceScalarFix(m.file, m.podSpecs[0].field("hostPID")!, "false", "d")?.replacement).toBe(' "spec": {"hostPID": false,');
    expect(replaceScalarFix(m.file, m.podSpecs[0].field("containers")!, "x", "d")).toBeUndefined();
  });
});

describe("parse problems", () => {
  it("reports an alias bomb as k8s/parse-error and still analyzes the other documents", () => {
    const bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\napiVersion: v1\nkind: ConfigMap\n';
    const outcome = parse(`${bomb}---\napiVersion: v1\nkind: Pod\nmetadata: {name: ok}\nspec: {containers: [{name: c}]}\n`);
    expect(outcome.problems.map((p) => [p.ruleId, p.range.line, p.severity])).toEqual([["k8s/parse-error", 2, undefined]]);
    expect(outcome.problems[0].message).toMatch(/aliases/);
    expect(outcome.model?.objects.map((o) => o.resource)).toEqual(["Pod/ok"]);
  });

  it("reports a Helm template once at severity info and builds no model", () => {
    const outcome = parse("apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n{{- if .Values.x }}\nspec: {}\n{{- end }}\n");
    expect(outcome.model).toBeUndefined();
    expect(outcome.problems).toHaveLength(1);
    expect(outcome.problems[0]).toMatchObject({ ruleId: "k8s/parse-error", severity: "info", range: { line: 4, column: 9 } });
    expect(outcome.problems[0].message).toMatch(/^templated manifest.*not analyzed; render it first/);
  });

  it("reads template markers inside block and quoted scalars as text (a Jinja chat template in a ConfigMap)", () => {
    const outcome = parse(`apiVersion: v1
kind: ConfigMap
metadata: {name: chat}
data:
  template.jinja: |
    {{- bos_token }}
    {%- if tools %}{{- "tools" }}{%- endif %}
  note: "{{ not a template }}"
---
apiVersion: v1
kind: Pod
metadata: {name: llm}
spec:
  hostIPC: true
  containers: [{name: vllm}]
`);
    expect(outcome.problems).toEqual([]);
    expect(outcome.model?.objects.map((o) => o.resource)).toEqual(["ConfigMap/chat", "Pod/llm"]);
  });

  it("still treats a whole-line action outside a block scalar as a template", () => {
    const outcome = parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  a: |\n    text\n  {{- if .Values.b }}\n  b: x\n  {{- end }}\n");
    expect(outcome.problems.map((p) => [p.ruleId, p.severity, p.range.line])).toEqual([["k8s/parse-error", "info", 7]]);
    expect(outcome.model).toBeUndefined();
  });

  it("reports a syntax error in one document and keeps the others", () => {
    const outcome = parse("apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n bad: [\n---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\n");
    expect(outcome.problems.map((p) => [p.ruleId, p.severity])).toEqual([["k8s/parse-error", undefined]]);
    expect(outcome.model?.objects.map((o) => o.resource)).toEqual(["Service/s"]);
  });

  it("reports more documents than the limit", () => {
    const config: ResolvedConfig = { ...DEFAULT_CONFIG, limits: { ...DEFAULT_CONFIG.limits, maxDocumentsPerFile: 2 } };
    const doc = (n: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${n}}\n`;
    const outcome = parse([doc(1), doc(2), doc(3), doc(4)].join("---\n"), config);
    expect(outcome.problems.map((p) => [p.ruleId, p.range.line])).toEqual([["k8s/parse-error", 8]]);
    expect(outcome.problems[0].message).toMatch(/more than 2 documents/);
    expect(outcome.model?.objects.map((o) => o.resource)).toEqual(["ConfigMap/c1", "ConfigMap/c2"]);
  });

  it("never throws on odd shapes", () => {
    for (const text of ["apiVersion: v1\nkind: [x]\n", "- apiVersion: v1\n  kind: Pod\n", "apiVersion: v1\nkind: Pod\nspec: 3\n", "apiVersion: v1\nkind: List\nitems: 5\n", "apiVersion: v1\nkind: Pod\nspec:\n  containers: {a: 1}\n  volumes: [1, null]\n"]) {
      expect(() => parse(text)).not.toThrow();
    }
  });
});
