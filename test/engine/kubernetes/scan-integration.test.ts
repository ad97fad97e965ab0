/**
 * The Kubernetes handler inside the real engine: parse errors as findings, ignore annotations
 * (with and without a reason), the baseline/restricted profile switch, fingerprints that survive
 * line shifts, and the Pod Security rules' metadata.
 */
import { describe, expect, it } from "@jest/globals";
import { resolveConfig } from "../../../src/config/load.js";
import type { UserConfig } from "../../../src/config/schema.js";
import { scan } from "../../../src/engine/scan.js";
import { podSecurityRules } from "../../../rules/kubernetes/pod-security/index.js";
import { k8sParseError } from "../../../rules/kubernetes/parse-error.js";
import { ruleTester } from "../../helpers/rule-tester.js";

function run(code: string, user: UserConfig = {}, path = "manifest.yaml") {
  const { config, errors } = resolveConfig(user);
  expect(errors).toEqual([]);
  return scan([{ path, content: code }], config, { now: new Date("2026-11-30T00:00:00Z") });
}

const insecurePod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  hostNetwork: true
  containers:
    - name: web
      image: nginx:1.27
      securityContext:
        privileged: true
`;

ruleTester("k8s/parse-error", {
  valid: [
    { name: "a clean manifest", code: insecurePod },
    { name: "a Helm values file is not a manifest", path: "values.yaml", code: "image:\n  repository: nginx\n  tag: \"{{ .Chart.AppVersion }}\"\n" },
  ],
  invalid: [
    {
      name: "a syntax error, at its position, while the next document is still analyzed",
      code: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels: [x\n---\n${insecurePod}`,
      errors: [{ line: 6, severity: "error" }],
    },
    {
      name: "an alias in a manifest (alias limit 0 by default)",
      code: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  a: &v hello\n  b: *v\n",
      errors: [{ line: 6, column: 6, severity: "error", message: /YAML aliases/ }],
    },
    {
      name: "a Helm template, once, at severity info",
      code: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include \"app.fullname\" . }}\nspec:\n  {{- if .Values.replicas }}\n  replicas: {{ .Values.replicas }}\n  {{- end }}\n",
      errors: [{ line: 4, column: 9, severity: "info", message: /^templated manifest .*not analyzed; render it first/ }],
    },
    {
      name: "can be turned down like any rule",
      config: { rules: { "k8s/parse-error": "warning" } },
      code: "apiVersion: v1\nkind: Pod\nmetadata: {name: a\n",
      errors: [{ line: 4, severity: "warning" }],
    },
  ],
});

describe("parse problems in the engine", () => {
  it("analyzes the documents after a broken one and marks the file parse-error", () => {
    const r = run(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels: [x\n---\n${insecurePod}`);
    expect(r.files.map((f) => [f.path, f.status])).toEqual([["manifest.yaml", "parse-error"]]);
    expect(r.findings.filter((f) => f.ruleId === "k8s/privileged").map((f) => f.line)).toEqual([17]);
  });

  it("reports a file with no Kubernetes objects as not applicable", () => {
    expect(run("apiVersion: example.com/v1\nkind: Widget\nmetadata: {}\n").files.map((f) => f.status)).toEqual(["analyzed"]);
    // apiVersion and kind must be strings to make an object.
    expect(run("apiVersion: 1\nkind: x\nmetadata: {}\n").files.map((f) => f.status)).toEqual(["not-applicable"]);
    const none = run("# apiVersion: v1\n# kind: Pod\nfoo: bar\n");
    expect(none.files.map((f) => [f.status, f.reason])).toEqual([["not-applicable", "no Kubernetes objects (no document has apiVersion and kind)"]]);
    expect(none.findings).toEqual([]);
  });
});

describe("ignore annotations", () => {
  it("waives with the reason recorded, and an empty reason is itself reported", () => {
    const code = `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    ignore.container-review.dev/host-network: "node-local DNS cache"
    ignore.container-review.dev/privileged: ""
spec:
  hostNetwork: true
  containers:
    - name: web
      securityContext:
        privileged: true
`;
    const r = run(code);
    const byRule = (id: string) => r.findings.filter((f) => f.ruleId === id);
    expect(byRule("k8s/host-network").map((f) => f.suppressed)).toEqual([{ via: "annotation", reason: "node-local DNS cache", line: 6 }]);
    expect(byRule("k8s/privileged").map((f) => f.suppressed)).toEqual([{ via: "annotation", reason: "", line: 7 }]);
    expect(byRule("suppression/missing-reason").map((f) => [f.line, f.column, f.message])).toEqual([
      [7, 5, "ignore annotation for k8s/privileged gives no reason; say why the finding does not apply"],
    ]);
  });

  it("applies to the List item that carries it, not to its neighbours", () => {
    const code = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata:
      name: waived
      annotations: {ignore.container-review.dev/host-pid: "process exporter"}
    spec: {hostPID: true, containers: [{name: a}]}
  - apiVersion: v1
    kind: Pod
    metadata: {name: other}
    spec: {hostPID: true, containers: [{name: a}]}
`;
    const r = run(code);
    expect(r.findings.filter((f) => f.ruleId === "k8s/host-pid").map((f) => [f.line, f.resource, f.suppressed?.via])).toEqual([
      [9, "Pod/waived", "annotation"],
      [13, "Pod/other", undefined],
    ]);
  });

  it("is ignored when the configuration disallows suppressions", () => {
    const code = insecurePod.replace("  name: p\n", '  name: p\n  annotations: {ignore.container-review.dev/privileged: "x"}\n');
    const r = run(code, { allowSuppressions: false });
    expect(r.findings.filter((f) => f.ruleId === "k8s/privileged").map((f) => f.suppressed)).toEqual([undefined]);
  });
});

describe("profiles", () => {
  const restrictedIds = podSecurityRules.filter((r) => r.meta.profile === "restricted").map((r) => r.meta.id).sort();

  it("restricted (the default) runs the restricted controls; baseline turns them off", () => {
    const found = (user: UserConfig) => new Set(run(insecurePod, user).findings.map((f) => f.ruleId));
    const restricted = found({});
    const baseline = found({ profile: "baseline" });
    for (const id of ["k8s/allow-privilege-escalation", "k8s/run-as-non-root", "k8s/seccomp-missing", "k8s/capabilities-not-dropped"]) {
      expect([id, restricted.has(id), baseline.has(id)]).toEqual([id, true, false]);
    }
    for (const id of ["k8s/privileged", "k8s/host-network"]) expect([id, restricted.has(id), baseline.has(id)]).toEqual([id, true, true]);
  });

  it("names exactly the six restricted controls", () => {
    expect(restrictedIds).toEqual([
      "k8s/allow-privilege-escalation",
      "k8s/capabilities-not-dropped",
      "k8s/run-as-non-root",
      "k8s/run-as-user-root",
      "k8s/seccomp-missing",
      "k8s/volume-types",
    ]);
  });
});

describe("fixes", () => {
  it("applied line by line, they clear the findings they were offered for and nothing else changes", () => {
    const code = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  hostNetwork: true
  hostPID: "true"
  hostIPC: true # legacy IPC
  containers:
    - name: web
      securityContext: {privileged: true, allowPrivilegeEscalation: true}
    - name: win
      securityContext:
        windowsOptions:
          hostProcess: true
`;
    const fixable = ["k8s/host-network", "k8s/host-ipc", "k8s/privileged", "k8s/allow-privilege-escalation", "k8s/windows-host-process"];
    const first = run(code).findings.filter((f) => fixable.includes(f.ruleId));
    expect(first.map((f) => [f.ruleId, f.line, f.fix?.startLine])).toEqual([
      ["k8s/host-network", 6, 6],
      ["k8s/host-ipc", 8, 8],
      ["k8s/privileged", 11, 11],
      ["k8s/allow-privilege-escalation", 11, 11],
      ["k8s/allow-privilege-escalation", 12, undefined], // missing field: nothing to replace
      ["k8s/windows-host-process", 15, 15],
    ]);
    // Two fixes on line 11: apply them one after the other, re-scanning in between, as --fix does.
    let text = code;
    for (let round = 0; round < 3; round += 1) {
      const lines = text.split("\n");
      const seen = new Set<number>();
      for (const f of run(text).findings) {
        if (!f.fix || seen.has(f.fix.startLine)) continue;
        seen.add(f.fix.startLine);
        lines.splice(f.fix.startLine - 1, 1, f.fix.replacement);
      }
      text = lines.join("\n");
    }
    expect(run(text).findings.filter((f) => fixable.includes(f.ruleId)).map((f) => [f.ruleId, f.line, f.fix])).toEqual([["k8s/allow-privilege-escalation", 12, undefined]]);
    expect(text).toContain("  hostIPC: false # legacy IPC\n");
    expect(text).toContain('  hostPID: "true"\n');
    expect(text).toContain("securityContext: {privileged: false, allowPrivilegeEscalation: false}");
  });
});

describe("fingerprints", () => {
  it("survive lines added above and are distinct per container and field", () => {
    const twoContainers = `${insecurePod}    - name: sidecar\n      securityContext:\n        privileged: true\n`;
    const before = run(twoContainers).findings.filter((f) => f.ruleId === "k8s/privileged");
    const after = run(twoContainers.replace("metadata:\n", "metadata:\n  labels:\n    app: web\n")).findings.filter((f) => f.ruleId === "k8s/privileged");
    expect(after.map((f) => f.line)).toEqual(before.map((f) => f.line + 2));
    expect(after.map((f) => f.fingerprint)).toEqual(before.map((f) => f.fingerprint));
    expect(new Set(before.map((f) => f.fingerprint)).size).toBe(2);
  });
});

describe("Pod Security rule metadata", () => {
  it.each(podSecurityRules.map((r) => [r.meta.id, r.meta] as const))("%s is complete", (id, meta) => {
    expect(id).toMatch(/^k8s\/[a-z-]+$/);
    expect(meta.kind).toBe("kubernetes");
    expect(meta.standards).toContain(meta.profile === "restricted" ? "pss-restricted" : "pss-baseline");
    expect(meta.references.map((r) => r.url)).toContain("https://kubernetes.io/docs/concepts/security/pod-security-standards/");
    expect(meta.rationale.length).toBeGreaterThan(80);
    expect(meta.remediation.length).toBeGreaterThan(40);
    expect(meta.examples?.bad).toBeTruthy();
    expect(meta.examples?.good).toBeTruthy();
  });

  it("has twenty controls with unique IDs, and the parse-error rule", () => {
    expect(new Set(podSecurityRules.map((r) => r.meta.id)).size).toBe(20);
    expect(k8sParseError.meta).toMatchObject({ id: "k8s/parse-error", kind: "kubernetes", severity: "error" });
  });
});
