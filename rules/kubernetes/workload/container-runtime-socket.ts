/**
 * `k8s/container-runtime-socket`: a hostPath volume that hands the container runtime to the pod
 * (its socket, the folder holding it, its data directory, or a parent such as `/` or `/var`).
 * `k8s/host-path` reports every hostPath; this rule says which ones are a direct host takeover.
 */
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { podReport } from "../../../src/engine/kubernetes/report.js";
import type { Report, Rule } from "../../../src/engine/types.js";
import { describeExposure, runtimeSocketExposure } from "../../data/runtime-sockets.js";

export const containerRuntimeSocket: Rule<KubernetesModel> = {
  meta: {
    id: "k8s/container-runtime-socket",
    kind: "kubernetes",
    title: "Pod mounts the container runtime socket",
    severity: "error",
    rationale:
      "The containerd, CRI-O or Docker socket is the node's root API: whoever can talk to it can start a privileged container with the node's disk mounted, outside Kubernetes' admission control and audit log. Mounting the socket, the folder that holds it (/var/run, /run/containerd) or the runtime's data directory (/var/lib/containerd, /var/lib/docker) hands the node to the pod; `readOnly: true` does not help, because a socket is used by connecting to it.",
    remediation:
      "Remove the hostPath volume. Build images with a daemonless builder (BuildKit rootless, kaniko) and read container metadata through the Kubernetes API or the kubelet's metrics instead of the runtime socket.",
    references: [
      { title: "Kubernetes: Volumes (hostPath)", url: "https://kubernetes.io/docs/concepts/storage/volumes/#hostpath" },
      { title: "Docker: daemon attack surface", url: "https://docs.docker.com/engine/security/#docker-daemon-attack-surface" },
    ],
    standards: ["cis-kubernetes-5.2", "nsa-hardening"],
    examples: {
      bad: "volumes:\n  - name: docker\n    hostPath:\n      path: /var/run/docker.sock",
      good: "volumes:\n  - name: cache\n    emptyDir: {}",
    },
  },
  check(model) {
    const reports: Report[] = [];
    for (const pod of model.podSpecs) {
      for (const volume of pod.volumes) {
        const pathField = volume.at("hostPath", "path");
        const path = pathField?.string;
        if (!pathField || path === undefined) continue;
        const exposure = runtimeSocketExposure(path);
        if (!exposure) continue;
        const name = volume.get("name")?.string ?? "";
        reports.push(
          podReport(pod, {
            field: pathField,
            message: `hostPath volume "${name}" ${describeExposure(exposure)}`,
            ...(exposure.what === "inside-data" ? { severity: "warning" as const } : {}),
          }),
        );
      }
    }
    return reports;
  },
};
