/**
 * `k8s/volume-types` (PSS restricted "Volume Types"): only the volume types the standard lists.
 * hostPath is left to `k8s/host-path` (baseline, error) so a hostPath volume is reported once.
 */
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { podReport } from "../../../src/engine/kubernetes/report.js";
import type { Report, Rule } from "../../../src/engine/types.js";
import { PSS_REFERENCE } from "./pss.js";

/** Volume sources the restricted level allows. */
export const ALLOWED_VOLUME_TYPES: ReadonlySet<string> = new Set([
  "configMap",
  "csi",
  "downwardAPI",
  "emptyDir",
  "ephemeral",
  "image",
  "persistentVolumeClaim",
  "projected",
  "secret",
]);

export const volumeTypes: Rule<KubernetesModel> = {
  meta: {
    id: "k8s/volume-types",
    kind: "kubernetes",
    title: "Volume type not allowed by the restricted profile",
    severity: "warning",
    rationale:
      "Volume types other than the standard's short list reach outside the pod's own storage (nfs, iscsi, cephfs, cloud disks mounted directly, gitRepo " +
      "which runs git on the node) and bypass the PersistentVolume access controls. The restricted level allows only " +
      `${[...ALLOWED_VOLUME_TYPES].join(", ")}. hostPath volumes are reported by k8s/host-path.`,
    remediation: "Mount storage through a PersistentVolumeClaim (the cluster admin defines the PersistentVolume), or use an allowed type; replace gitRepo with an init container that clones into an emptyDir.",
    references: [PSS_REFERENCE, { title: "Kubernetes: Volumes", url: "https://kubernetes.io/docs/concepts/storage/volumes/" }],
    standards: ["pss-restricted"],
    profile: "restricted",
    examples: {
      bad: "volumes:\n  - name: data\n    nfs:\n      server: nfs.example.com\n      path: /exports",
      good: "volumes:\n  - name: data\n    persistentVolumeClaim:\n      claimName: data",
    },
  },
  check(model) {
    const reports: Report[] = [];
    for (const pod of model.podSpecs) {
      for (const volume of pod.volumes) {
        const name = volume.get("name")?.string ?? "";
        for (const { key, field } of volume.entries()) {
          if (key === "name" || key === "hostPath" || ALLOWED_VOLUME_TYPES.has(key) || field.isNull) continue;
          reports.push(podReport(pod, { field, message: `volume "${name}" uses type ${key}, which the restricted profile does not allow` }));
        }
      }
    }
    return reports;
  },
};
