import { ruleTester, type InvalidCase } from "../../../helpers/rule-tester.js";
import { WORKLOAD_KINDS, workload } from "./workloads.js";

ruleTester("k8s/windows-host-process", {
  valid: [
    { name: "hostProcess false at both levels", code: workload("Pod", "os: {name: windows}\nsecurityContext:\n  windowsOptions: {hostProcess: false}\ncontainers:\n  - name: web\n    securityContext:\n      windowsOptions:\n        hostProcess: false\n").code },
    { name: "windowsOptions without hostProcess", code: workload("Pod", "securityContext:\n  windowsOptions: {runAsUserName: ContainerUser}\ncontainers: [{name: web}]\n").code },
  ],
  invalid: [
    ...WORKLOAD_KINDS.map((kind): InvalidCase => {
      const w = workload(kind, "os: {name: windows}\ncontainers:\n  - name: web\n    securityContext:\n      windowsOptions:\n        hostProcess: true\n");
      return {
        name: `${kind}: container hostProcess`,
        code: w.code,
        errors: [
          {
            line: w.line(6),
            column: w.column(9),
            endColumn: w.column(26),
            resource: w.resource,
            container: "web",
            severity: "error",
            message: 'container "web" runs as a Windows HostProcess container (securityContext.windowsOptions.hostProcess: true)',
            fix: `${" ".repeat(w.column(9) - 1)}hostProcess: false`,
          },
        ],
      };
    }),
    {
      name: "pod-level hostProcess reported once on the pod; a container repeating it is reported where it writes it",
      code: workload("Pod", "hostNetwork: true\nsecurityContext:\n  windowsOptions:\n    hostProcess: true\n    runAsUserName: \"NT AUTHORITY\\\\SYSTEM\"\ncontainers:\n  - name: a\n  - name: b\n    securityContext: {windowsOptions: {hostProcess: true}}\ninitContainers:\n  - name: init\n    securityContext: {windowsOptions: {hostProcess: true}}\n").code,
      errors: [
        { line: 9, column: 7, resource: "Pod/app", message: "the pod runs as a Windows HostProcess container (securityContext.windowsOptions.hostProcess: true)", fix: "      hostProcess: false" },
        { line: 14, container: "b", fix: "      securityContext: {windowsOptions: {hostProcess: false}}" },
        { line: 17, container: "init", message: /^init container "init" runs as a Windows HostProcess/ },
      ],
    },
  ],
});
