import { ruleTester, type InvalidCase } from "../../../helpers/rule-tester.js";
import { WORKLOAD_KINDS, workload } from "./workloads.js";

const allowed = `containers: [{name: web}]
volumes:
  - name: a
    configMap: {name: a}
  - name: b
    csi: {driver: secrets-store.csi.k8s.io}
  - name: c
    downwardAPI: {items: []}
  - name: d
    emptyDir: {}
  - name: e
    ephemeral: {volumeClaimTemplate: {spec: {}}}
  - name: f
    image: {reference: registry.example.com/data:1}
  - name: g
    persistentVolumeClaim: {claimName: g}
  - name: h
    projected: {sources: []}
  - name: i
    secret: {secretName: i}
  - name: defaults-to-emptyDir
`;

ruleTester("k8s/volume-types", {
  valid: [
    { name: "every type the restricted level allows", code: workload("Pod", allowed).code },
    { name: "hostPath is left to k8s/host-path", code: workload("Pod", "containers: [{name: web}]\nvolumes:\n  - name: h\n    hostPath: {path: /tmp}\n").code },
    { name: "off under the baseline profile", config: { profile: "baseline" }, code: workload("Pod", "containers: [{name: web}]\nvolumes:\n  - name: n\n    nfs: {server: s, path: /}\n").code },
  ],
  invalid: [
    ...WORKLOAD_KINDS.map((kind): InvalidCase => {
      const w = workload(kind, "containers: [{name: web}]\nvolumes:\n  - name: share\n    nfs:\n      server: nfs.example.com\n      path: /exports\n");
      return {
        name: `${kind}: nfs volume`,
        code: w.code,
        errors: [{ line: w.line(4), column: w.column(5), endColumn: w.column(8), resource: w.resource, severity: "warning", message: 'volume "share" uses type nfs, which the restricted profile does not allow' }],
      };
    }),
    {
      name: "gitRepo, iscsi, cloud disks and unknown sources",
      code: workload(
        "Pod",
        "containers: [{name: web}]\nvolumes:\n  - name: src\n    gitRepo: {repository: https://example.com/r.git}\n  - name: disk\n    awsElasticBlockStore: {volumeID: vol-1}\n  - {name: lun, iscsi: {targetPortal: 1.2.3.4, iqn: x, lun: 0}}\n  - name: fc\n    fc: {}\n",
      ).code,
      errors: [
        { line: 9, message: 'volume "src" uses type gitRepo, which the restricted profile does not allow' },
        { line: 11, message: 'volume "disk" uses type awsElasticBlockStore, which the restricted profile does not allow' },
        { line: 12, column: 19, message: 'volume "lun" uses type iscsi, which the restricted profile does not allow' },
        { line: 14, message: 'volume "fc" uses type fc, which the restricted profile does not allow' },
      ],
    },
    {
      name: "explicitly on under the baseline profile",
      config: { profile: "baseline", rules: { "k8s/volume-types": "on" } },
      code: workload("Pod", "containers: [{name: web}]\nvolumes:\n  - name: n\n    cephfs: {monitors: []}\n").code,
      errors: [{ line: 9 }],
    },
  ],
});
