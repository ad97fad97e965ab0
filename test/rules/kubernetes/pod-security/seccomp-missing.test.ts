import { ruleTester, type InvalidCase } from "../../../helpers/rule-tester.js";
import { WORKLOAD_KINDS, workload } from "./workloads.js";

ruleTester("k8s/seccomp-missing", {
  valid: [
    { name: "pod RuntimeDefault is inherited", code: workload("Pod", "securityContext:\n  seccompProfile: {type: RuntimeDefault}\ninitContainers: [{name: init}]\nephemeralContainers: [{name: dbg}]\ncontainers: [{name: web}]\n").code },
    { name: "each container sets Localhost", code: workload("Pod", "containers:\n  - name: web\n    securityContext:\n      seccompProfile: {type: Localhost, localhostProfile: p.json}\n").code },
    { name: "Unconfined is set (k8s/seccomp-unconfined reports it)", code: workload("Pod", "securityContext: {seccompProfile: {type: Unconfined}}\ncontainers: [{name: web}]\n").code },
    { name: "Windows pods are exempt (policy 1.25)", code: workload("Pod", "os: {name: windows}\ncontainers: [{name: web}]\n").code },
    { name: "off under the baseline profile", config: { profile: "baseline" }, code: workload("Pod", "containers: [{name: web}]\n").code },
  ],
  invalid: [
    ...WORKLOAD_KINDS.map((kind): InvalidCase => {
      const w = workload(kind, "containers:\n  - name: web\n    image: nginx:1.27\n");
      return {
        name: `${kind}: no profile anywhere`,
        code: w.code,
        errors: [{ line: w.line(2), column: w.column(5), endColumn: w.column(9), resource: w.resource, container: "web", severity: "warning", message: 'container "web" has no seccomp profile: seccompProfile is not set on the container or the pod' }],
      };
    }),
    {
      name: "only the containers without their own profile, when the pod has none; seccompProfile: null is unset",
      code: workload("Pod", "initContainers:\n  - name: init\n    securityContext: {seccompProfile: {type: RuntimeDefault}}\nephemeralContainers:\n  - name: dbg\ncontainers:\n  - name: web\n    securityContext:\n      seccompProfile:\n").code,
      errors: [
        { line: 10, container: "dbg", message: 'ephemeral container "dbg" has no seccomp profile: seccompProfile is not set on the container or the pod' },
        { line: 12, container: "web", message: 'container "web" has no seccomp profile: seccompProfile is not set on the container or the pod' },
      ],
    },
    {
      name: "waived by an annotation on the pod template, with an empty reason",
      code: workload("Deployment", "containers: [{name: web}]\n", ["annotations:", "  ignore.container-review.dev/seccomp-missing: ''"]).code,
      errors: [{ line: 12, suppressed: true }],
    },
  ],
});
