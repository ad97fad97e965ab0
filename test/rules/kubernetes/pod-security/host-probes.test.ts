import { ruleTester, type InvalidCase } from "../../../helpers/rule-tester.js";
import { WORKLOAD_KINDS, workload } from "./workloads.js";

ruleTester("k8s/host-probes", {
  valid: [
    {
      name: "probes and hooks without host, or with an empty host",
      code: workload(
        "Pod",
        'containers:\n  - name: web\n    livenessProbe: {httpGet: {path: /healthz, port: 8080}}\n    readinessProbe: {tcpSocket: {port: 8080, host: ""}}\n    startupProbe: {exec: {command: [true]}}\n    lifecycle:\n      preStop: {httpGet: {path: /drain, port: 8080}}\n',
      ).code,
    },
    { name: "a host header is not the host field", code: workload("Pod", "containers:\n  - name: web\n    livenessProbe:\n      httpGet:\n        port: 80\n        httpHeaders: [{name: Host, value: example.com}]\n").code },
  ],
  invalid: [
    ...WORKLOAD_KINDS.map((kind): InvalidCase => {
      const w = workload(kind, "containers:\n  - name: web\n    livenessProbe:\n      httpGet:\n        host: 169.254.169.254\n        port: 80\n");
      return {
        name: `${kind}: liveness probe httpGet host`,
        code: w.code,
        errors: [{ line: w.line(5), column: w.column(9), endColumn: w.column(30), resource: w.resource, container: "web", severity: "error", message: 'container "web" points its livenessProbe at host "169.254.169.254" (livenessProbe.httpGet.host)' }],
      };
    }),
    {
      name: "every probe and hook kind, tcpSocket and httpGet, init and ephemeral containers",
      code: workload(
        "Pod",
        "initContainers:\n  - name: init\n    startupProbe: {tcpSocket: {host: db, port: 5432}}\nephemeralContainers:\n  - name: dbg\n    readinessProbe: {httpGet: {host: 10.0.0.1, port: 80}}\ncontainers:\n  - name: web\n    lifecycle:\n      postStart: {httpGet: {host: a.example, port: 80}}\n      preStop:\n        tcpSocket:\n          host: b.example\n          port: 81\n",
      ).code,
      errors: [
        { line: 8, container: "init", message: 'init container "init" points its startupProbe at host "db" (startupProbe.tcpSocket.host)' },
        { line: 11, container: "dbg", message: 'ephemeral container "dbg" points its readinessProbe at host "10.0.0.1" (readinessProbe.httpGet.host)' },
        { line: 15, container: "web", message: 'container "web" points its lifecycle.postStart at host "a.example" (lifecycle.postStart.httpGet.host)' },
        { line: 18, column: 13, container: "web", message: 'container "web" points its lifecycle.preStop at host "b.example" (lifecycle.preStop.tcpSocket.host)' },
      ],
    },
  ],
});
