import { ruleTester, type InvalidCase } from "../../../helpers/rule-tester.js";
import { WORKLOAD_KINDS, workload } from "./workloads.js";

const spec = `containers:
  - name: web
    volumeMounts: [{name: sock, mountPath: /var/run/docker.sock}]
volumes:
  - name: sock
    hostPath:
      path: /var/run/docker.sock
      type: Socket
`;

ruleTester("k8s/host-path", {
  valid: [
    { name: "emptyDir, configMap, PVC", code: workload("Pod", "containers: [{name: web}]\nvolumes:\n  - name: a\n    emptyDir: {}\n  - name: b\n    configMap: {name: c}\n  - name: d\n    persistentVolumeClaim: {claimName: d}\n").code },
    { name: "hostPath: null is unset", code: workload("Pod", "containers: [{name: web}]\nvolumes:\n  - name: a\n    hostPath:\n").code },
    { name: "a PersistentVolume's hostPath is not a pod volume", code: "apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv}\nspec:\n  hostPath: {path: /data}\n" },
  ],
  invalid: [
    ...WORKLOAD_KINDS.map((kind): InvalidCase => {
      const w = workload(kind, spec);
      return {
        name: `${kind}: hostPath volume`,
        code: w.code,
        errors: [{ line: w.line(6), column: w.column(5), endColumn: w.column(13), resource: w.resource, severity: "error", message: 'volume "sock" mounts the host path "/var/run/docker.sock" (hostPath)' }],
      };
    }),
    {
      name: "every hostPath volume once, also in flow style and without a path",
      code: workload("Pod", "containers: [{name: web}]\nvolumes:\n  - {name: logs, hostPath: {path: /var/log}}\n  - name: odd\n    hostPath: {}\n").code,
      errors: [
        { line: 8, column: 20, message: 'volume "logs" mounts the host path "/var/log" (hostPath)' },
        { line: 10, column: 7, message: 'volume "odd" mounts a host path (hostPath)' },
      ],
    },
    {
      name: "reported under the baseline profile, and once under restricted (volume-types leaves hostPath alone)",
      config: { profile: "baseline" },
      code: workload("Pod", spec).code,
      errors: [{ line: 11 }],
    },
    {
      name: "an annotation on the pod waives it",
      code: workload("Pod", spec, ["annotations:", '  ignore.container-review.dev/host-path: "reads container logs"']).code,
      errors: [{ line: 13, suppressed: true }],
    },
  ],
});
