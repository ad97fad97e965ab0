import { ruleTester, type InvalidCase } from "../../../helpers/rule-tester.js";
import { WORKLOAD_KINDS, workload } from "./workloads.js";

ruleTester("k8s/run-as-user-root", {
  valid: [
    { name: "non-zero at both levels", code: workload("Pod", "securityContext: {runAsUser: 1000}\ncontainers:\n  - name: web\n    securityContext: {runAsUser: 10001}\n").code },
    { name: "unset", code: workload("Pod", "containers: [{name: web}]\n").code },
    { name: "runAsGroup 0 is not runAsUser", code: workload("Pod", "securityContext: {runAsGroup: 0}\ncontainers: [{name: web}]\n").code },
    { name: "hostUsers: false exempts the pod (policy 1.35)", code: workload("Pod", "hostUsers: false\nsecurityContext: {runAsUser: 0}\ncontainers:\n  - name: web\n    securityContext: {runAsUser: 0}\n").code },
    { name: "off under the baseline profile", config: { profile: "baseline" }, code: workload("Pod", "securityContext: {runAsUser: 0}\ncontainers: [{name: web}]\n").code },
  ],
  invalid: [
    ...WORKLOAD_KINDS.map((kind): InvalidCase => {
      const w = workload(kind, "containers:\n  - name: web\n    securityContext:\n      runAsUser: 0\n");
      return {
        name: `${kind}: container runAsUser 0`,
        code: w.code,
        errors: [{ line: w.line(4), column: w.column(7), endColumn: w.column(19), resource: w.resource, container: "web", severity: "error", message: 'container "web" runs as root (securityContext.runAsUser: 0)' }],
      };
    }),
    {
      name: "pod runAsNonRoot true + container runAsUser 0: reported, and the message says the kubelet refuses it",
      code: workload("Pod", "securityContext:\n  runAsNonRoot: true\n  runAsUser: 1000\ncontainers:\n  - name: web\n    securityContext:\n      runAsUser: 0\n").code,
      errors: [{ line: 12, column: 9, container: "web", message: 'container "web" runs as root (securityContext.runAsUser: 0); runAsNonRoot: true on the pod makes the kubelet refuse to start it' }],
    },
    {
      name: "pod runAsUser 0 reported once on the pod; a container overriding it does not hide it",
      code: workload("Pod", "securityContext:\n  runAsUser: 0\ncontainers:\n  - name: a\n  - name: b\n    securityContext: {runAsUser: 1000, runAsNonRoot: true}\n").code,
      errors: [{ line: 7, column: 5, endColumn: 17, resource: "Pod/app", message: "the pod runs its containers as root by default (securityContext.runAsUser: 0)" }],
    },
    {
      name: "init and ephemeral containers, Windows pods are not exempt",
      code: workload("Pod", "os: {name: windows}\ninitContainers:\n  - name: init\n    securityContext: {runAsUser: 0, runAsNonRoot: true}\nephemeralContainers:\n  - name: dbg\n    securityContext: {runAsUser: 0}\ncontainers: [{name: web}]\n").code,
      errors: [
        { line: 9, container: "init", message: 'init container "init" runs as root (securityContext.runAsUser: 0); runAsNonRoot: true on the container makes the kubelet refuse to start it' },
        { line: 12, container: "dbg", message: 'ephemeral container "dbg" runs as root (securityContext.runAsUser: 0)' },
      ],
    },
  ],
});
