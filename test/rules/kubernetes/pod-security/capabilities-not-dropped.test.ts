import { ruleTester, type InvalidCase } from "../../../helpers/rule-tester.js";
import { WORKLOAD_KINDS, workload } from "./workloads.js";

ruleTester("k8s/capabilities-not-dropped", {
  valid: [
    { name: "drop ALL", code: workload("Pod", "containers:\n  - name: web\n    securityContext:\n      capabilities:\n        drop: [ALL]\n").code },
    { name: "drop ALL and add NET_BIND_SERVICE", code: workload("Pod", "containers:\n  - name: web\n    securityContext:\n      capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}\n").code },
    { name: "capabilities outside the baseline set are k8s/capabilities-added's", code: workload("Pod", "containers:\n  - name: web\n    securityContext:\n      capabilities: {drop: [ALL], add: [SYS_ADMIN]}\n").code },
    { name: "Windows pods are exempt", code: workload("Pod", "os: {name: windows}\ncontainers:\n  - name: web\n").code },
    { name: "off under the baseline profile", config: { profile: "baseline" }, code: workload("Pod", "containers:\n  - name: web\n").code },
  ],
  invalid: [
    ...WORKLOAD_KINDS.map((kind): InvalidCase => {
      const w = workload(kind, "containers:\n  - name: web\n    image: nginx:1.27\n");
      return {
        name: `${kind}: no capabilities at all`,
        code: w.code,
        errors: [{ line: w.line(2), column: w.column(5), endColumn: w.column(9), resource: w.resource, container: "web", severity: "warning", message: 'container "web" does not drop ALL capabilities: securityContext.capabilities.drop is not set' }],
      };
    }),
    {
      name: "a drop list without ALL (lower case does not count), and baseline-set additions beyond NET_BIND_SERVICE",
      code: workload(
        "Pod",
        "containers:\n  - name: web\n    securityContext:\n      capabilities:\n        drop: [NET_RAW, all]\n        add: [NET_BIND_SERVICE, CHOWN, SETUID]\n",
      ).code,
      errors: [
        { line: 10, column: 11, endColumn: 15, message: 'container "web" does not drop ALL capabilities (securityContext.capabilities.drop)' },
        { line: 11, column: 35, endColumn: 40, message: 'container "web" adds capability CHOWN; the restricted profile allows adding only NET_BIND_SERVICE' },
        { line: 11, column: 42, message: 'container "web" adds capability SETUID; the restricted profile allows adding only NET_BIND_SERVICE' },
      ],
    },
    {
      name: "init and ephemeral containers need it too",
      code: workload("Pod", "initContainers:\n  - name: init\nephemeralContainers:\n  - name: dbg\ncontainers:\n  - name: web\n    securityContext: {capabilities: {drop: [ALL]}}\n").code,
      errors: [
        { line: 7, container: "init", message: 'init container "init" does not drop ALL capabilities: securityContext.capabilities.drop is not set' },
        { line: 9, container: "dbg", message: 'ephemeral container "dbg" does not drop ALL capabilities: securityContext.capabilities.drop is not set' },
      ],
    },
    {
      name: "a Linux pod (os.name linux) is not exempt",
      code: workload("Pod", "os: {name: linux}\ncontainers:\n  - name: web\n").code,
      errors: [{ line: 8 }],
    },
  ],
});
