/**
 * `k8s/run-as-user-root` (PSS restricted "Running as Non-root user", policy 1.23): `runAsUser` must
 * not be 0, at pod or container level. Pods with `hostUsers: false` are exempt (policy 1.35).
 */
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { describeContainer } from "../../../src/engine/kubernetes/report.js";
import type { Report, Rule } from "../../../src/engine/types.js";
import { PSS_REFERENCE, SECURITY_CONTEXT_REFERENCE, reportAt, writtenSettings } from "./pss.js";

export const runAsUserRoot: Rule<KubernetesModel> = {
  meta: {
    id: "k8s/run-as-user-root",
    kind: "kubernetes",
    title: "Container runs as UID 0",
    severity: "error",
    rationale:
      "`runAsUser: 0` runs the container's processes as root, overriding the image's USER. The restricted level forbids UID 0 at pod and container level " +
      "(policy 1.23); from policy 1.35 pods with `hostUsers: false` are exempt, as UID 0 there maps to an unprivileged user on the node. " +
      "Combined with `runAsNonRoot: true` the kubelet refuses to start the container.",
    remediation: "Set `runAsUser` to a non-zero UID the image supports (e.g. 10001), or remove it and give the image a numeric non-root USER.",
    references: [PSS_REFERENCE, SECURITY_CONTEXT_REFERENCE],
    standards: ["pss-restricted"],
    profile: "restricted",
    examples: {
      bad: "securityContext:\n  runAsUser: 0",
      good: "securityContext:\n  runAsUser: 10001\n  runAsNonRoot: true",
    },
  },
  check(model) {
    const reports: Report[] = [];
    for (const pod of model.podSpecs) {
      if (pod.userNamespaced) continue;
      for (const { field, container } of writtenSettings(pod, ["runAsUser"])) {
        if (field.value !== 0) continue;
        if (!container) {
          reports.push(reportAt(pod, undefined, { field, message: "the pod runs its containers as root by default (securityContext.runAsUser: 0)" }));
          continue;
        }
        const nonRoot = container.effective("runAsNonRoot");
        const clash =
          nonRoot?.field.boolean === true
            ? `; runAsNonRoot: true ${nonRoot.origin === "pod" ? "on the pod" : "on the container"} makes the kubelet refuse to start it`
            : "";
        reports.push(reportAt(pod, container, { field, message: `${describeContainer(container)} runs as root (securityContext.runAsUser: 0)${clash}` }));
      }
    }
    return reports;
  },
};
