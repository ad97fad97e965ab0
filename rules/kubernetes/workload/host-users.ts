/**
 * `k8s/host-users` (info): the pod shares the node's user namespace because it does not set
 * `hostUsers: false`. With a user namespace, root in the container maps to an unprivileged user on
 * the node, which defuses most container escapes (and relaxes some restricted checks in the PSS).
 */
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { podReport } from "../../../src/engine/kubernetes/report.js";
import { replaceScalarFix } from "../../../src/engine/kubernetes/yaml-field.js";
import type { Report, Rule } from "../../../src/engine/types.js";
import { shown } from "./support.js";

const HOST_NAMESPACES = ["hostNetwork", "hostPID", "hostIPC"];

export const hostUsers: Rule<KubernetesModel> = {
  meta: {
    id: "k8s/host-users",
    kind: "kubernetes",
    title: "Pod does not use a user namespace",
    severity: "info",
    rationale:
      "Without `hostUsers: false` the pod shares the node's user namespace: UID 0 in a container is UID 0 on the node, so any escape (a kernel bug, a writable hostPath, a leaked capability) lands as root. In its own user namespace the pod's root maps to an unprivileged, per-pod range of node UIDs. The Pod Security Standards relax runAsNonRoot, runAsUser and procMount for such pods.",
    remediation:
      "Set `spec.hostUsers: false` (Kubernetes 1.33+ enables user namespaces by default; the node needs Linux 6.3+ and a runtime that supports idmapped mounts). It cannot be combined with hostNetwork, hostPID or hostIPC.",
    references: [
      { title: "Kubernetes: User Namespaces", url: "https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/" },
      { title: "Kubernetes: Pod Security Standards", url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/" },
    ],
    standards: ["nsa-hardening"],
    fixable: true,
    examples: {
      bad: "spec:\n  containers:\n    - name: web\n      image: nginx:1.27",
      good: "spec:\n  hostUsers: false\n  containers:\n    - name: web\n      image: nginx:1.27",
    },
  },
  check(model, context) {
    const reports: Report[] = [];
    for (const pod of model.podSpecs) {
      // User namespaces are a Linux feature.
      if (pod.windows) continue;
      const field = pod.field("hostUsers");
      if (field?.boolean === false) continue;
      const sharesHostNamespace = HOST_NAMESPACES.some((key) => pod.field(key)?.boolean === true);
      const caveat = sharesHostNamespace ? " (it also uses a host namespace, which a user-namespaced pod cannot)" : "";
      if (!field || field.isNull) {
        reports.push(
          podReport(pod, {
            missingPath: `${pod.spec.path}.hostUsers`,
            message: `the pod shares the node's user namespace, so root in a container is root on the node: hostUsers is not set to false${caveat}`,
          }),
        );
        continue;
      }
      const fix = field.boolean === true && !sharesHostNamespace ? replaceScalarFix(context.file, field, "false", "Run the pod in its own user namespace") : undefined;
      reports.push(
        podReport(pod, {
          field,
          message: `the pod shares the node's user namespace, so root in a container is root on the node (hostUsers: ${shown(field.value)})${caveat}`,
          ...(fix ? { fix } : {}),
        }),
      );
    }
    return reports;
  },
};
