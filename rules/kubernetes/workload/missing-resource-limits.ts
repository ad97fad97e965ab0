/**
 * `k8s/missing-resource-limits` (info): a container without a memory limit or without a CPU limit.
 * One finding per missing limit, at the container's `resources.limits` (or `resources`, or its
 * `name:` when neither exists). Ephemeral containers cannot have resources and are skipped.
 */
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { containerReport, describeContainer } from "../../../src/engine/kubernetes/report.js";
import type { Report, Rule } from "../../../src/engine/types.js";

const WHY: Record<"memory" | "cpu", string> = {
  memory: "one leak or burst can exhaust the node's memory and get other pods evicted or OOM-killed",
  cpu: "it can take every core of the node away from other pods",
};

export const missingResourceLimits: Rule<KubernetesModel> = {
  meta: {
    id: "k8s/missing-resource-limits",
    kind: "kubernetes",
    title: "Container has no memory or CPU limit",
    severity: "info",
    rationale:
      "Without limits a single container can starve its node: a memory leak or a flood of requests takes memory and CPU from every other pod there, which turns one compromised or buggy workload into an outage of its neighbours. A LimitRange can set defaults per namespace; this rule cannot see it and only reads the manifest.",
    remediation:
      "Set `resources.limits.memory` (and requests) for every container. Set `resources.limits.cpu` as well unless you deliberately rely on CPU requests and shares alone; then suppress the CPU finding with a reason.",
    references: [
      { title: "Kubernetes: Resource Management for Pods and Containers", url: "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/" },
      { title: "Kubernetes: Limit Ranges", url: "https://kubernetes.io/docs/concepts/policy/limit-range/" },
    ],
    standards: ["nsa-hardening"],
    examples: {
      bad: "containers:\n  - name: web\n    image: nginx:1.27",
      good: "containers:\n  - name: web\n    image: nginx:1.27\n    resources:\n      limits:\n        memory: 256Mi\n        cpu: 500m",
    },
  },
  check(model) {
    const reports: Report[] = [];
    for (const pod of model.podSpecs) {
      for (const container of pod.containers) {
        if (container.list === "ephemeralContainers") continue;
        const resources = container.node.get("resources");
        const limits = resources?.get("limits");
        for (const kind of ["memory", "cpu"] as const) {
          const limit = limits?.get(kind);
          if (limit && !limit.isNull) continue;
          const at = limits?.isMap ? limits : resources?.isMap ? resources : undefined;
          reports.push(
            containerReport(container, {
              ...(at ? { range: at.keyRange } : {}),
              missingPath: `${container.node.path}.resources.limits.${kind}`,
              message: `${describeContainer(container)} has no ${kind} limit: ${WHY[kind]}`,
            }),
          );
        }
      }
    }
    return reports;
  },
};
