import { ruleTester, type InvalidCase } from "../../../helpers/rule-tester.js";
import { WORKLOAD_KINDS, workload } from "./workloads.js";

ruleTester("k8s/seccomp-unconfined", {
  valid: [
    { name: "RuntimeDefault on the pod, Localhost on a container", code: workload("Pod", "securityContext:\n  seccompProfile: {type: RuntimeDefault}\ncontainers:\n  - name: web\n    securityContext:\n      seccompProfile: {type: Localhost, localhostProfile: profiles/web.json}\n").code },
    { name: "unset (that is k8s/seccomp-missing's concern)", code: workload("Pod", "containers: [{name: web}]\n").code },
  ],
  invalid: [
    ...WORKLOAD_KINDS.map((kind): InvalidCase => {
      const w = workload(kind, "containers:\n  - name: web\n    securityContext:\n      seccompProfile:\n        type: Unconfined\n");
      return {
        name: `${kind}: container Unconfined`,
        code: w.code,
        errors: [{ line: w.line(5), column: w.column(9), endColumn: w.column(25), resource: w.resource, container: "web", severity: "error", message: 'container "web" disables seccomp (securityContext.seccompProfile.type: Unconfined)' }],
      };
    }),
    {
      name: "pod RuntimeDefault, container overrides with Unconfined",
      code: workload("Pod", "securityContext:\n  seccompProfile:\n    type: RuntimeDefault\ncontainers:\n  - name: web\n    securityContext:\n      seccompProfile:\n        type: Unconfined\n  - name: sidecar\n").code,
      errors: [{ line: 13, container: "web", message: 'container "web" disables seccomp (securityContext.seccompProfile.type: Unconfined)' }],
    },
    {
      name: "pod Unconfined is reported once on the pod, not once per inheriting container",
      code: workload("Deployment", "securityContext:\n  seccompProfile:\n    type: Unconfined\ncontainers:\n  - name: a\n  - name: b\n    securityContext:\n      seccompProfile: {type: RuntimeDefault}\n").code,
      errors: [{ line: 12, column: 11, endColumn: 27, resource: "Deployment/app", message: "the pod disables seccomp (securityContext.seccompProfile.type: Unconfined)" }],
    },
    {
      name: "init and ephemeral containers; other types and a profile without a type",
      code: workload(
        "Pod",
        "initContainers:\n  - name: init\n    securityContext: {seccompProfile: {type: unconfined}}\nephemeralContainers:\n  - name: dbg\n    securityContext:\n      seccompProfile: {}\ncontainers: [{name: web}]\n",
      ).code,
      errors: [
        { line: 8, container: "init", message: 'init container "init" sets seccomp profile type "unconfined"; only RuntimeDefault or Localhost are allowed (securityContext.seccompProfile.type)' },
        { line: 12, column: 9, container: "dbg", message: 'ephemeral container "dbg" sets a seccomp profile without a type; use RuntimeDefault or Localhost (securityContext.seccompProfile)' },
      ],
    },
    {
      name: "Windows pods are not exempt from the baseline check",
      code: workload("Pod", "os: {name: windows}\nsecurityContext: {seccompProfile: {type: Unconfined}}\ncontainers: [{name: web}]\n").code,
      errors: [{ line: 7 }],
    },
  ],
});
