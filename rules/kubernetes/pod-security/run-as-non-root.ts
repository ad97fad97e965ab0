/**
 * `k8s/run-as-non-root` (PSS restricted "Running as Non-root"): `runAsNonRoot` must be true, on the
 * container or inherited from the pod. A pod-level `false` is reported once on the pod; containers
 * that inherit it are covered by that finding. Pods with `hostUsers: false` are exempt (policy
 * 1.35): root in a user namespace is not root on the node.
 */
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { containerReport, describeContainer, podReport } from "../../../src/engine/kubernetes/report.js";
import type { Report, Rule } from "../../../src/engine/types.js";
import { PSS_REFERENCE, SECURITY_CONTEXT_REFERENCE, show } from "./pss.js";

export const runAsNonRoot: Rule<KubernetesModel> = {
  meta: {
    id: "k8s/run-as-non-root",
    kind: "kubernetes",
    title: "Container may run as root",
    severity: "warning",
    rationale:
      "With `runAsNonRoot: true` the kubelet refuses to start a container whose user is root, whatever the image says. Without it, an image that " +
      "runs as root (the default for most images) gets root in the container, one kernel bug away from root on the node. The restricted level requires " +
      "it on every container or on the pod (containers inherit it); from policy 1.35 pods with `hostUsers: false` are exempt. An explicit false is an error.",
    remediation:
      "Set `securityContext.runAsNonRoot: true` on the pod (and `runAsUser` to a non-zero UID if the image has no numeric USER), or on each container. " +
      "Alternatively run the pod in its own user namespace with `hostUsers: false`.",
    references: [PSS_REFERENCE, SECURITY_CONTEXT_REFERENCE],
    standards: ["pss-restricted"],
    profile: "restricted",
    examples: {
      bad: "spec:\n  containers:\n    - name: web\n      image: nginx:1.27",
      good: "spec:\n  securityContext:\n    runAsNonRoot: true\n    runAsUser: 10001\n  containers:\n    - name: web\n      image: nginxinc/nginx-unprivileged:1.27",
    },
  },
  check(model) {
    const reports: Report[] = [];
    for (const pod of model.podSpecs) {
      if (pod.userNamespaced) continue;
      const podField = pod.securityContext?.get("runAsNonRoot");
      const podSet = podField && !podField.isNull ? podField : undefined;
      if (podSet && podSet.boolean !== true) {
        reports.push(
          podReport(pod, {
            field: podSet,
            severity: "error",
            message: `the pod allows containers to run as root (securityContext.runAsNonRoot: ${show(podSet.value ?? "(not a boolean)")}); containers that do not set runAsNonRoot: true inherit it`,
          }),
        );
      }
      for (const container of pod.containers) {
        const effective = container.effective("runAsNonRoot");
        if (effective?.field.boolean === true) continue;
        if (effective?.origin === "pod") continue; // the pod-level value is reported above
        if (effective) {
          reports.push(
            containerReport(container, {
              field: effective.field,
              severity: "error",
              message: `${describeContainer(container)} may run as root (securityContext.runAsNonRoot: ${show(effective.field.value ?? "(not a boolean)")})`,
            }),
          );
          continue;
        }
        reports.push(
          containerReport(container, {
            missingPath: `${container.node.path}.securityContext.runAsNonRoot`,
            message: `${describeContainer(container)} may run as root: runAsNonRoot is not set on the container or the pod`,
          }),
        );
      }
    }
    return reports;
  },
};
