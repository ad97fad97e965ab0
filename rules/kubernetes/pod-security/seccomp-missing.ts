/**
 * `k8s/seccomp-missing` (PSS restricted "Seccomp"): every container must have a seccomp profile,
 * its own or inherited from the pod. Profiles with a forbidden type are `k8s/seccomp-unconfined`'s;
 * this rule reports only the absence. Windows pods are exempt (policy 1.25).
 */
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { containerReport, describeContainer } from "../../../src/engine/kubernetes/report.js";
import type { Report, Rule } from "../../../src/engine/types.js";
import { PSS_REFERENCE } from "./pss.js";

export const seccompMissing: Rule<KubernetesModel> = {
  meta: {
    id: "k8s/seccomp-missing",
    kind: "kubernetes",
    title: "No seccomp profile",
    severity: "warning",
    rationale:
      "Without a seccomp profile Kubernetes runs containers Unconfined unless the kubelet's seccomp-default feature is on, so every system call is " +
      "reachable. The restricted level requires `seccompProfile.type` RuntimeDefault or Localhost on the pod or on each container (containers inherit the pod's); " +
      "Windows pods are exempt.",
    remediation: "Set `securityContext.seccompProfile.type: RuntimeDefault` on the pod spec; every container inherits it.",
    references: [PSS_REFERENCE, { title: "Kubernetes: Restrict a Container's Syscalls with seccomp", url: "https://kubernetes.io/docs/tutorials/security/seccomp/" }],
    standards: ["pss-restricted"],
    profile: "restricted",
    examples: {
      bad: "spec:\n  containers:\n    - name: web\n      image: nginx:1.27",
      good: "spec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n    - name: web\n      image: nginx:1.27",
    },
  },
  check(model) {
    const reports: Report[] = [];
    for (const pod of model.podSpecs) {
      if (pod.windows) continue;
      for (const container of pod.containers) {
        if (container.effective("seccompProfile")) continue;
        reports.push(
          containerReport(container, {
            missingPath: `${container.node.path}.securityContext.seccompProfile`,
            message: `${describeContainer(container)} has no seccomp profile: seccompProfile is not set on the container or the pod`,
          }),
        );
      }
    }
    return reports;
  },
};
