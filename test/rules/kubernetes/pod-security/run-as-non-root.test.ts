import { ruleTester, type InvalidCase } from "../../../helpers/rule-tester.js";
import { WORKLOAD_KINDS, workload } from "./workloads.js";

ruleTester("k8s/run-as-non-root", {
  valid: [
    { name: "pod-level true is inherited by every container", code: workload("Pod", "securityContext:\n  runAsNonRoot: true\ninitContainers: [{name: init}]\nephemeralContainers: [{name: dbg}]\ncontainers: [{name: web}]\n").code },
    { name: "container-level true", code: workload("Pod", "containers:\n  - name: web\n    securityContext: {runAsNonRoot: true}\n").code },
    { name: "true at both levels", code: workload("Pod", "securityContext: {runAsNonRoot: true}\ncontainers:\n  - name: web\n    securityContext: {runAsNonRoot: true}\n").code },
    { name: "hostUsers: false exempts the pod (policy 1.35)", code: workload("Pod", "hostUsers: false\nsecurityContext: {runAsNonRoot: false}\ncontainers: [{name: web}]\n").code },
    { name: "off under the baseline profile", config: { profile: "baseline" }, code: workload("Pod", "containers: [{name: web}]\n").code },
  ],
  invalid: [
    ...WORKLOAD_KINDS.map((kind): InvalidCase => {
      const w = workload(kind, "containers:\n  - name: web\n    image: nginx:1.27\n");
      return {
        name: `${kind}: not set anywhere`,
        code: w.code,
        errors: [{ line: w.line(2), column: w.column(5), endColumn: w.column(9), resource: w.resource, container: "web", severity: "warning", message: 'container "web" may run as root: runAsNonRoot is not set on the container or the pod' }],
      };
    }),
    {
      name: "pod false is reported once; inheriting containers are covered, an overriding true is fine, an explicit false is its own finding",
      code: workload("Pod", "securityContext:\n  runAsNonRoot: false\ncontainers:\n  - name: inherits\n  - name: overrides\n    securityContext: {runAsNonRoot: true}\n  - name: explicit\n    securityContext:\n      runAsNonRoot: false\n").code,
      errors: [
        { line: 7, column: 5, endColumn: 24, resource: "Pod/app", severity: "error", message: "the pod allows containers to run as root (securityContext.runAsNonRoot: false); containers that do not set runAsNonRoot: true inherit it" },
        { line: 14, column: 9, container: "explicit", severity: "error", message: 'container "explicit" may run as root (securityContext.runAsNonRoot: false)' },
      ],
    },
    {
      name: "container false overrides pod true",
      code: workload("Deployment", "securityContext:\n  runAsNonRoot: true\ncontainers:\n  - name: web\n    securityContext:\n      runAsNonRoot: false\n").code,
      errors: [{ line: 15, column: 13, container: "web", message: 'container "web" may run as root (securityContext.runAsNonRoot: false)' }],
    },
    {
      name: "runAsUser alone does not satisfy the control; init and ephemeral containers",
      code: workload("Pod", "securityContext:\n  runAsUser: 1000\ninitContainers:\n  - name: init\nephemeralContainers:\n  - name: dbg\ncontainers:\n  - name: web\n    securityContext: {runAsNonRoot: true}\n").code,
      errors: [
        { line: 9, container: "init", message: 'init container "init" may run as root: runAsNonRoot is not set on the container or the pod' },
        { line: 11, container: "dbg", message: 'ephemeral container "dbg" may run as root: runAsNonRoot is not set on the container or the pod' },
      ],
    },
    {
      name: "hostUsers: true is no exemption; Windows pods are not exempt",
      code: workload("Pod", "hostUsers: true\nos: {name: windows}\ncontainers:\n  - name: web\n").code,
      errors: [{ line: 9 }],
    },
    {
      name: "suppressed by a comment above the object, with the annotation on another rule ignored",
      code: `# container-review ignore=k8s/run-as-non-root image runs as a named user\n${workload("Pod", "containers: [{name: web}]\n", ["annotations:", '  ignore.container-review.dev/seccomp-missing: "x"']).code}`,
      errors: [{ line: 9, suppressed: true }],
    },
  ],
});
