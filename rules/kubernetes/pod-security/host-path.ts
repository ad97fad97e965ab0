/**
 * `k8s/host-path` (PSS baseline "HostPath Volumes"): no `hostPath` volume.
 *
 * Under the restricted profile `k8s/volume-types` also forbids hostPath; to report a hostPath
 * volume once, `k8s/volume-types` leaves hostPath to this rule (the more specific one, which also
 * runs under the baseline profile).
 */
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { podReport } from "../../../src/engine/kubernetes/report.js";
import type { Report, Rule } from "../../../src/engine/types.js";
import { PSS_REFERENCE } from "./pss.js";

export const hostPath: Rule<KubernetesModel> = {
  meta: {
    id: "k8s/host-path",
    kind: "kubernetes",
    title: "Pod mounts a host path",
    severity: "error",
    rationale:
      "A hostPath volume gives the pod a directory or file of the node. Writable, it lets a container plant binaries, read other pods' data, " +
      "or take over the node through the container runtime socket or the kubelet's credentials; even read-only it exposes secrets on the node. " +
      "The baseline level forbids every hostPath volume. Under the restricted profile this rule also stands for hostPath in the volume-type check, so each volume is reported once.",
    remediation:
      "Use a volume type that does not reach into the node: emptyDir for scratch space, a PersistentVolumeClaim for data, configMap/secret/projected for configuration. " +
      "Node agents that truly need host files belong in a namespace exempted from Pod Security admission, with a suppression that says why.",
    references: [PSS_REFERENCE, { title: "Kubernetes: Volumes (hostPath)", url: "https://kubernetes.io/docs/concepts/storage/volumes/#hostpath" }],
    standards: ["pss-baseline"],
    profile: "baseline",
    examples: {
      bad: "volumes:\n  - name: docker\n    hostPath:\n      path: /var/run/docker.sock",
      good: "volumes:\n  - name: cache\n    emptyDir: {}",
    },
  },
  check(model) {
    const reports: Report[] = [];
    for (const pod of model.podSpecs) {
      for (const volume of pod.volumes) {
        const field = volume.get("hostPath");
        if (!field || field.isNull) continue;
        const name = volume.get("name")?.string ?? "";
        const path = field.get("path")?.string;
        reports.push(
          podReport(pod, {
            field,
            message: `volume "${name}" mounts ${path !== undefined ? `the host path ${JSON.stringify(path)}` : "a host path"} (hostPath)`,
          }),
        );
      }
    }
    return reports;
  },
};
