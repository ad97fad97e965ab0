import { ruleTester, type InvalidCase } from "../../../helpers/rule-tester.js";
import { WORKLOAD_KINDS, workload } from "./workloads.js";

ruleTester("k8s/allow-privilege-escalation", {
  valid: [
    { name: "explicit false on every container", code: workload("Pod", "initContainers:\n  - name: init\n    securityContext: {allowPrivilegeEscalation: false}\ncontainers:\n  - name: web\n    securityContext:\n      allowPrivilegeEscalation: false\n").code },
    { name: "Windows pods are exempt (policy 1.25)", code: workload("Pod", "os:\n  name: windows\ncontainers:\n  - name: web\n").code },
    { name: "off under the baseline profile", config: { profile: "baseline" }, code: workload("Pod", "containers:\n  - name: web\n    securityContext: {allowPrivilegeEscalation: true}\n").code },
    { name: "a pod-level key is not a Kubernetes field, the container's false counts", code: workload("Pod", "securityContext: {allowPrivilegeEscalation: true}\ncontainers:\n  - name: web\n    securityContext: {allowPrivilegeEscalation: false}\n").code },
  ],
  invalid: [
    ...WORKLOAD_KINDS.map((kind): InvalidCase => {
      const w = workload(kind, "containers:\n  - name: web\n    image: nginx:1.27\n");
      return {
        name: `${kind}: not set`,
        code: w.code,
        errors: [{ line: w.line(2), column: w.column(5), endColumn: w.column(9), resource: w.resource, container: "web", severity: "warning", message: 'container "web" may escalate privileges: securityContext.allowPrivilegeEscalation is not set to false' }],
      };
    }),
    {
      name: "explicit true is an error at the field, with a fix; null counts as not set",
      code: workload("Pod", "containers:\n  - name: web\n    securityContext:\n      allowPrivilegeEscalation: true # legacy\n  - name: sidecar\n    securityContext:\n      allowPrivilegeEscalation:\n").code,
      errors: [
        { line: 9, column: 9, endColumn: 39, container: "web", severity: "error", message: 'container "web" allows privilege escalation (securityContext.allowPrivilegeEscalation: true)', fix: "        allowPrivilegeEscalation: false # legacy" },
        { line: 10, column: 7, container: "sidecar", severity: "warning", message: 'container "sidecar" may escalate privileges: securityContext.allowPrivilegeEscalation is not set to false' },
      ],
    },
    {
      name: "init and ephemeral containers",
      code: workload("Pod", "initContainers:\n  - name: init\nephemeralContainers:\n  - name: dbg\n    securityContext: {allowPrivilegeEscalation: true}\ncontainers:\n  - name: web\n    securityContext: {allowPrivilegeEscalation: false}\n").code,
      errors: [
        { line: 7, container: "init", message: 'init container "init" may escalate privileges: securityContext.allowPrivilegeEscalation is not set to false' },
        { line: 10, container: "dbg", severity: "error", fix: "      securityContext: {allowPrivilegeEscalation: false}" },
      ],
    },
    {
      name: "suppressed by a comment before the container (the finding is on its name line)",
      code: workload("Pod", "containers:\n  # container-review ignore=k8s/allow-privilege-escalation runs sudo by design, tracked in #12\n  - name: web\n").code,
      errors: [{ line: 8, suppressed: true }],
    },
  ],
});
