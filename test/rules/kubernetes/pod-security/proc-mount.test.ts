import { ruleTester, type InvalidCase } from "../../../helpers/rule-tester.js";
import { WORKLOAD_KINDS, workload } from "./workloads.js";

const unmasked = "containers:\n  - name: web\n    securityContext:\n      procMount: Unmasked\n";

ruleTester("k8s/proc-mount", {
  valid: [
    { name: "Default", code: workload("Pod", "containers:\n  - name: web\n    securityContext:\n      procMount: Default\n").code },
    { name: "unset", code: workload("Pod", "containers:\n  - name: web\n").code },
    { name: "hostUsers: false allows any value under the baseline profile (policy 1.35)", config: { profile: "baseline" }, code: workload("Pod", `hostUsers: false\n${unmasked}`).code },
  ],
  invalid: [
    ...WORKLOAD_KINDS.map((kind): InvalidCase => {
      const w = workload(kind, unmasked);
      return {
        name: `${kind}: Unmasked`,
        code: w.code,
        errors: [{ line: w.line(4), column: w.column(7), endColumn: w.column(26), resource: w.resource, container: "web", severity: "error", message: 'container "web" sets procMount: "Unmasked"; only Default is allowed' }],
      };
    }),
    {
      name: "hostUsers: false does not relax it under the restricted profile",
      code: workload("Pod", `hostUsers: false\n${unmasked}`).code,
      errors: [{ line: 10, message: 'container "web" sets procMount: "Unmasked"; only Default is allowed; hostUsers: false relaxes this only under the baseline profile' }],
    },
    {
      name: "hostUsers: true is no relaxation under baseline; init and ephemeral containers",
      config: { profile: "baseline" },
      code: workload("Pod", "hostUsers: true\ninitContainers:\n  - name: init\n    securityContext: {procMount: Unmasked}\nephemeralContainers:\n  - name: dbg\n    securityContext: {procMount: unmasked}\ncontainers: [{name: web}]\n").code,
      errors: [
        { line: 9, container: "init", message: 'init container "init" sets procMount: "Unmasked"; only Default is allowed' },
        { line: 12, container: "dbg", message: 'ephemeral container "dbg" sets procMount: "unmasked"; only Default is allowed' },
      ],
    },
  ],
});
