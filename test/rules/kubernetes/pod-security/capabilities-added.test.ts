import { ruleTester, type InvalidCase } from "../../../helpers/rule-tester.js";
import { WORKLOAD_KINDS, workload } from "./workloads.js";

const baselineSet = ["AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"];

ruleTester("k8s/capabilities-added", {
  valid: [
    { name: "every capability of the baseline set", code: workload("Pod", `containers:\n  - name: web\n    securityContext:\n      capabilities:\n        add: [${baselineSet.join(", ")}]\n`).code },
    { name: "dropping anything is fine", code: workload("Pod", "containers:\n  - name: web\n    securityContext:\n      capabilities:\n        drop: [ALL, SYS_ADMIN]\n").code },
    { name: "empty add list", code: workload("Pod", "containers:\n  - name: web\n    securityContext:\n      capabilities: {add: []}\n").code },
  ],
  invalid: [
    ...WORKLOAD_KINDS.map((kind): InvalidCase => {
      const w = workload(kind, "containers:\n  - name: web\n    securityContext:\n      capabilities:\n        add:\n          - NET_ADMIN\n");
      return {
        name: `${kind}: NET_ADMIN`,
        code: w.code,
        errors: [{ line: w.line(6), column: w.column(13), endColumn: w.column(22), resource: w.resource, container: "web", severity: "error", message: 'container "web" adds capability NET_ADMIN, which is beyond the baseline set (securityContext.capabilities.add)' }],
      };
    }),
    {
      name: "one finding per capability outside the set; names compare exactly (CAP_ prefix and lower case are not in the set)",
      code: workload("Pod", "containers:\n  - name: web\n    securityContext:\n      capabilities:\n        add: [SYS_ADMIN, CHOWN, CAP_CHOWN, chown, NET_RAW]\n").code,
      errors: [
        { line: 10, column: 17, endColumn: 26, message: /adds capability SYS_ADMIN,/ },
        { line: 10, column: 35, message: /adds capability CAP_CHOWN,/ },
        { line: 10, column: 46, message: /adds capability chown,/ },
        { line: 10, column: 53, message: /adds capability NET_RAW,/ },
      ],
    },
    {
      name: "init and ephemeral containers",
      code: workload("Pod", "initContainers:\n  - name: net\n    securityContext: {capabilities: {add: [NET_ADMIN]}}\nephemeralContainers:\n  - name: dbg\n    securityContext: {capabilities: {add: [SYS_PTRACE]}}\ncontainers: [{name: web}]\n").code,
      errors: [
        { line: 8, container: "net", message: 'init container "net" adds capability NET_ADMIN, which is beyond the baseline set (securityContext.capabilities.add)' },
        { line: 11, container: "dbg", message: 'ephemeral container "dbg" adds capability SYS_PTRACE, which is beyond the baseline set (securityContext.capabilities.add)' },
      ],
    },
    {
      name: "reported under the baseline profile, suppressible per container",
      config: { profile: "baseline" },
      code: workload("Pod", "containers:\n  # container-review ignore=k8s/capabilities-added VPN needs it\n  - name: vpn\n    securityContext: {capabilities: {add: [NET_ADMIN]}}\n  - name: web\n    securityContext: {capabilities: {add: [SYS_TIME]}}\n").code,
      errors: [
        { line: 9, container: "vpn", suppressed: true },
        { line: 11, container: "web", suppressed: false },
      ],
    },
  ],
});
