/** `k8s/host-port` (PSS baseline "Host Ports"): `ports[*].hostPort` must be unset or 0. */
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { containerReport, describeContainer } from "../../../src/engine/kubernetes/report.js";
import type { Report, Rule } from "../../../src/engine/types.js";
import { PSS_REFERENCE, show } from "./pss.js";

export const hostPort: Rule<KubernetesModel> = {
  meta: {
    id: "k8s/host-port",
    kind: "kubernetes",
    title: "Container binds a host port",
    severity: "error",
    rationale:
      "A hostPort opens a port on the node's own address, bypassing Services and often NetworkPolicies, exposing the container to everything " +
      "that can reach the node, and limiting scheduling to one such pod per node. The baseline level allows only an unset hostPort or 0.",
    remediation: "Remove `hostPort` and expose the container through a Service (ClusterIP behind an Ingress or Gateway, or a LoadBalancer when it must be public).",
    references: [PSS_REFERENCE, { title: "Kubernetes: Configuration best practices (hostPort)", url: "https://kubernetes.io/docs/concepts/configuration/overview/#services" }],
    standards: ["pss-baseline"],
    profile: "baseline",
    examples: {
      bad: "containers:\n  - name: web\n    image: nginx:1.27\n    ports:\n      - containerPort: 8080\n        hostPort: 80",
      good: "containers:\n  - name: web\n    image: nginx:1.27\n    ports:\n      - containerPort: 8080",
    },
  },
  check(model) {
    const reports: Report[] = [];
    for (const pod of model.podSpecs) {
      for (const container of pod.containers) {
        const ports = container.node.get("ports");
        for (const port of ports?.items() ?? []) {
          const field = port.get("hostPort");
          if (!field || field.isNull || field.value === 0 || field.value === "0") continue;
          reports.push(containerReport(container, { field, message: `${describeContainer(container)} binds host port ${show(field.value ?? "(not a number)")} (ports[].hostPort)` }));
        }
      }
    }
    return reports;
  },
};
