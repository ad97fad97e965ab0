import { ruleTester, type InvalidCase } from "../../../helpers/rule-tester.js";
import { WORKLOAD_KINDS, workload } from "./workloads.js";

const allowedTypes = "container_t, container_init_t, container_kvm_t, container_engine_t";

ruleTester("k8s/selinux-options", {
  valid: [
    ...["container_t", "container_init_t", "container_kvm_t", "container_engine_t", '""'].map((type) => ({
      name: `type ${type}`,
      code: workload("Pod", `securityContext:\n  seLinuxOptions: {type: ${type}}\ncontainers:\n  - name: web\n    securityContext:\n      seLinuxOptions:\n        type: ${type}\n`).code,
    })),
    { name: "level only (MCS categories are free)", code: workload("Pod", 'securityContext:\n  seLinuxOptions: {level: "s0:c123,c456"}\ncontainers: [{name: web}]\n').code },
    { name: "empty user and role", code: workload("Pod", 'containers:\n  - name: web\n    securityContext:\n      seLinuxOptions: {user: "", role: ""}\n').code },
  ],
  invalid: [
    ...WORKLOAD_KINDS.map((kind): InvalidCase => {
      const w = workload(kind, "containers:\n  - name: web\n    securityContext:\n      seLinuxOptions:\n        type: spc_t\n");
      return {
        name: `${kind}: container type spc_t`,
        code: w.code,
        errors: [{ line: w.line(5), column: w.column(9), endColumn: w.column(20), resource: w.resource, container: "web", severity: "error", message: `container "web" sets SELinux type "spc_t"; only ${allowedTypes} are allowed (securityContext.seLinuxOptions.type)` }],
      };
    }),
    {
      name: "pod-level user and role, each reported once on the pod",
      code: workload("Pod", "securityContext:\n  seLinuxOptions:\n    user: system_u\n    role: system_r\n    type: container_t\ncontainers: [{name: web}, {name: sidecar}]\n").code,
      errors: [
        { line: 8, column: 7, endColumn: 21, resource: "Pod/app", message: 'the pod sets a custom SELinux user "system_u" (securityContext.seLinuxOptions.user)' },
        { line: 9, message: 'the pod sets a custom SELinux role "system_r" (securityContext.seLinuxOptions.role)' },
      ],
    },
    {
      name: "container overrides an allowed pod type with a forbidden one; init and ephemeral containers",
      code: workload(
        "Pod",
        "securityContext:\n  seLinuxOptions: {type: container_t}\ninitContainers:\n  - name: init\n    securityContext: {seLinuxOptions: {type: unconfined_t}}\nephemeralContainers:\n  - name: dbg\n    securityContext: {seLinuxOptions: {role: sysadm_r}}\ncontainers: [{name: web}]\n",
      ).code,
      errors: [
        { line: 10, container: "init", message: `init container "init" sets SELinux type "unconfined_t"; only ${allowedTypes} are allowed (securityContext.seLinuxOptions.type)` },
        { line: 13, container: "dbg", message: 'ephemeral container "dbg" sets a custom SELinux role "sysadm_r" (securityContext.seLinuxOptions.role)' },
      ],
    },
  ],
});
