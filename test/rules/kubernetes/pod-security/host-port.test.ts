import { ruleTester, type InvalidCase } from "../../../helpers/rule-tester.js";
import { WORKLOAD_KINDS, workload } from "./workloads.js";

const spec = `containers:
  - name: web
    ports:
      - containerPort: 8080
        hostPort: 80
`;

ruleTester("k8s/host-port", {
  valid: [
    { name: "no hostPort", code: workload("Pod", "containers:\n  - name: web\n    ports:\n      - containerPort: 8080\n").code },
    { name: "hostPort: 0 is allowed", code: workload("Pod", "containers:\n  - name: web\n    ports:\n      - containerPort: 8080\n        hostPort: 0\n").code },
    { name: "hostPort: null", code: workload("Pod", "containers:\n  - name: web\n    ports:\n      - {containerPort: 8080, hostPort: }\n").code },
    { name: "a Service's port is not a hostPort", code: "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 80, hostPort: 80}]\n" },
  ],
  invalid: [
    ...WORKLOAD_KINDS.map((kind): InvalidCase => {
      const w = workload(kind, spec);
      return {
        name: `${kind}: hostPort 80`,
        code: w.code,
        errors: [{ line: w.line(5), column: w.column(9), endColumn: w.column(21), resource: w.resource, container: "web", severity: "error", message: 'container "web" binds host port 80 (ports[].hostPort)' }],
      };
    }),
    {
      name: "every port of init and ephemeral containers",
      code: workload(
        "Pod",
        "initContainers:\n  - name: init\n    ports: [{containerPort: 53, hostPort: 53, protocol: UDP}]\nephemeralContainers:\n  - name: dbg\n    ports:\n      - {containerPort: 1, hostPort: 9001}\n      - {containerPort: 2, hostPort: 9002}\ncontainers: [{name: web}]\n",
      ).code,
      errors: [
        { line: 8, container: "init", message: 'init container "init" binds host port 53 (ports[].hostPort)' },
        { line: 12, column: 30, container: "dbg", message: 'ephemeral container "dbg" binds host port 9001 (ports[].hostPort)' },
        { line: 13, column: 30, container: "dbg", message: 'ephemeral container "dbg" binds host port 9002 (ports[].hostPort)' },
      ],
    },
  ],
});
