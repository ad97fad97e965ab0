/** Shared cases for the three host-namespace rules (each has its own test file). */
import type { InvalidCase, RuleCase } from "../../../helpers/rule-tester.js";
import { WORKLOAD_KINDS, workload } from "./workloads.js";

export function hostNamespaceCases(field: "hostNetwork" | "hostPID" | "hostIPC", effect: string): { valid: RuleCase[]; invalid: InvalidCase[] } {
  const spec = `${field}: true\ncontainers:\n  - name: web\n    image: nginx:1.27\n`;
  return {
    valid: [
      { name: `${field}: false`, code: workload("Pod", `${field}: false\ncontainers:\n  - name: web\n`).code },
      { name: `${field} unset`, code: workload("Deployment", "containers:\n  - name: web\n").code },
      { name: `${field} in a container is not the pod field`, code: workload("Pod", `containers:\n  - name: web\n    ${field}: true\n`).code },
      { name: `${field}: "true" as a string is not the boolean`, code: workload("Pod", `${field}: "yes"\ncontainers:\n  - name: web\n`).code },
    ],
    invalid: [
      ...WORKLOAD_KINDS.map(
        (kind): InvalidCase => {
          const w = workload(kind, spec);
          return {
            name: `${kind}: ${field}: true`,
            code: w.code,
            errors: [
              {
                line: w.line(1),
                column: w.column(1),
                endColumn: w.column(1) + `${field}: true`.length,
                resource: w.resource,
                message: `the pod ${effect} (${field}: true)`,
                severity: "error",
                fix: `${" ".repeat(w.column(1) - 1)}${field}: false`,
              },
            ],
          };
        },
      ),
      {
        name: `${field} in flow style and JSON keep their shape in the fix`,
        path: "pod.json",
        code: `{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},\n "spec": {"${field}": true, "containers": [{"name": "a"}]}}\n`,
        errors: [{ line: 2, column: 11, fix: ` "spec": {"${field}": false, "containers": [{"name": "a"}]}}` }],
      },
      {
        name: `${field} suppressed by a comment above the object`,
        code: `# container-review ignore=k8s/${field === "hostNetwork" ? "host-network" : field === "hostPID" ? "host-pid" : "host-ipc"} node exporter\n${workload("Pod", spec).code}`,
        errors: [{ line: 7, suppressed: true }],
      },
      {
        name: `${field} reported under the baseline profile too`,
        config: { profile: "baseline" },
        code: workload("Pod", spec).code,
        errors: [{ line: 6 }],
      },
    ],
  };
}
