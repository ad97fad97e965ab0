import { ruleTester, type InvalidCase } from "../../../helpers/rule-tester.js";
import { WORKLOAD_KINDS, workload } from "./workloads.js";

const privilegedSpec = `containers:
  - name: web
    image: nginx:1.27
    securityContext:
      privileged: true
`;

const everyKind: InvalidCase[] = WORKLOAD_KINDS.map((kind) => {
  const w = workload(kind, privilegedSpec);
  return {
    name: `${kind}: container runs privileged`,
    code: w.code,
    errors: [
      {
        line: w.line(5),
        column: w.column(7),
        endColumn: w.column(23),
        resource: w.resource,
        container: "web",
        message: 'container "web" runs privileged (securityContext.privileged: true)',
        severity: "error",
        fix: `${" ".repeat(w.column(7) - 1)}privileged: false`,
      },
    ],
  };
});

ruleTester("k8s/privileged", {
  valid: [
    { name: "privileged: false", code: workload("Pod", "containers:\n  - name: web\n    securityContext:\n      privileged: false\n").code },
    { name: "privileged unset", code: workload("Deployment", "containers:\n  - name: web\n    securityContext: {runAsNonRoot: true}\n").code },
    { name: "privileged: null", code: workload("Pod", "containers:\n  - name: web\n    securityContext:\n      privileged:\n").code },
    { name: "pod-level privileged key is not a Kubernetes field", code: workload("Pod", "securityContext:\n  privileged: true\ncontainers:\n  - name: web\n").code },
    { name: "not a pod-bearing object", code: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  privileged: \"true\"\n" },
    {
      name: "a suppression comment on an allowed value creates no finding",
      code: workload("Pod", "containers:\n  - name: web\n    securityContext:\n      privileged: false # container-review ignore=k8s/privileged\n").code,
    },
  ],
  invalid: [
    ...everyKind,
    {
      name: "init and ephemeral containers, in file order, with comments and quoting kept by the fix",
      code: workload(
        "Pod",
        `initContainers:
  - name: setup
    securityContext: {privileged: true}
ephemeralContainers:
  - name: debug
    securityContext:
      privileged: true   # for strace
containers:
  - name: web
`,
      ).code,
      errors: [
        { line: 8, column: 25, endColumn: 41, container: "setup", message: 'init container "setup" runs privileged (securityContext.privileged: true)', fix: "      securityContext: {privileged: false}" },
        { line: 12, column: 9, container: "debug", message: 'ephemeral container "debug" runs privileged (securityContext.privileged: true)', fix: "        privileged: false   # for strace" },
      ],
    },
    {
      name: "JSON manifest",
      path: "pod.json",
      code: '{\n  "apiVersion": "v1", "kind": "Pod", "metadata": {"name": "j", "namespace": "ns"},\n  "spec": {"containers": [\n    {"name": "app", "securityContext": {"privileged": true}}\n  ]}\n}\n',
      errors: [{ line: 4, column: 41, endColumn: 59, resource: "Pod/ns/j", container: "app", fix: '    {"name": "app", "securityContext": {"privileged": false}}' }],
    },
    {
      name: "a comment on the line before suppresses; the reason is kept",
      code: workload("Pod", "containers:\n  - name: web\n    securityContext:\n      # container-review ignore=k8s/privileged GPU driver installer\n      privileged: true\n").code,
      errors: [{ line: 10, suppressed: true }],
    },
    {
      name: "a comment before the container suppresses",
      code: workload("Pod", "containers:\n  # container-review ignore=k8s/privileged GPU driver installer\n  - name: web\n    securityContext:\n      privileged: true\n  - name: sidecar\n    securityContext:\n      privileged: true\n").code,
      errors: [
        { line: 10, container: "web", suppressed: true },
        { line: 13, container: "sidecar", suppressed: false },
      ],
    },
    {
      name: "a comment before the object suppresses every container of it",
      code: `# container-review ignore=k8s/privileged node agent\n${workload("Pod", "containers:\n  - name: a\n    securityContext:\n      privileged: true\n").code}`,
      errors: [{ line: 10, suppressed: true }],
    },
    {
      name: "an ignore annotation on the object waives the rule",
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  annotations:
    ignore.container-review.dev/privileged: "loads kernel modules on every node"
spec:
  template:
    spec:
      containers:
        - name: agent
          securityContext:
            privileged: true
`,
      errors: [{ line: 13, suppressed: true, resource: "DaemonSet/agent" }],
    },
    {
      name: "an ignore annotation on the pod template waives the rule, even without a reason",
      code: workload("Deployment", "containers:\n  - name: web\n    securityContext:\n      privileged: true\n", ["annotations:", '  ignore.container-review.dev/privileged: ""']).code,
      errors: [{ line: 15, suppressed: true }],
    },
    {
      name: "an annotation for another rule or on another object does not waive it",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: a
  annotations:
    ignore.container-review.dev/host-network: "x"
spec:
  containers:
    - name: web
      securityContext: {privileged: true}
---
apiVersion: v1
kind: Pod
metadata:
  name: b
spec:
  containers:
    - name: web
      securityContext: {privileged: true}
`,
      errors: [
        { line: 10, resource: "Pod/a", suppressed: false },
        { line: 19, resource: "Pod/b", suppressed: false },
      ],
    },
    {
      name: "still reported under the baseline profile",
      config: { profile: "baseline" },
      code: workload("Pod", "containers:\n  - name: web\n    securityContext: {privileged: true}\n").code,
      errors: [{ line: 8 }],
    },
  ],
});
