/**
 * `k8s/host-probes` (PSS baseline "Host Probes / Lifecycle Hooks", policy 1.34): probe and lifecycle
 * handlers (`httpGet`, `tcpSocket`) must not name a `host`; the kubelet would connect from the node
 * to any address, a server-side request forgery primitive.
 */
import type { Container, KubernetesModel, YamlField } from "../../../src/engine/kubernetes/model.js";
import { containerReport, describeContainer } from "../../../src/engine/kubernetes/report.js";
import type { Report, Rule } from "../../../src/engine/types.js";
import { PSS_REFERENCE, show } from "./pss.js";

const PROBES = ["livenessProbe", "readinessProbe", "startupProbe"] as const;
const HOOKS = ["postStart", "preStop"] as const;
const HANDLERS = ["httpGet", "tcpSocket"] as const;

function handlerOwners(container: Container): { label: string; field: YamlField | undefined }[] {
  const owners: { label: string; field: YamlField | undefined }[] = PROBES.map((probe) => ({ label: probe, field: container.node.get(probe) }));
  for (const hook of HOOKS) owners.push({ label: `lifecycle.${hook}`, field: container.node.at("lifecycle", hook) });
  return owners;
}

export const hostProbes: Rule<KubernetesModel> = {
  meta: {
    id: "k8s/host-probes",
    kind: "kubernetes",
    title: "Probe or lifecycle hook targets another host",
    severity: "error",
    rationale:
      "The kubelet runs httpGet and tcpSocket probes and lifecycle hooks from the node. With a `host` set, anyone who can create a pod can make the " +
      "node connect to any address it can reach (cloud metadata endpoints, the node's own services, other networks). The baseline level (policy 1.34) " +
      "allows only an empty or unset host, which means the pod's own IP.",
    remediation: "Remove `host` from the probe or hook; it then targets the pod's IP. To check another service, do it from inside the container with an exec probe.",
    references: [PSS_REFERENCE, { title: "Kubernetes: Configure Liveness, Readiness and Startup Probes", url: "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/" }],
    standards: ["pss-baseline"],
    profile: "baseline",
    examples: {
      bad: "livenessProbe:\n  httpGet:\n    host: 169.254.169.254\n    path: /latest/meta-data\n    port: 80",
      good: "livenessProbe:\n  httpGet:\n    path: /healthz\n    port: 8080",
    },
  },
  check(model) {
    const reports: Report[] = [];
    for (const pod of model.podSpecs) {
      for (const container of pod.containers) {
        for (const { label, field: owner } of handlerOwners(container)) {
          for (const handler of HANDLERS) {
            const host = owner?.at(handler, "host");
            if (!host || host.isNull || host.value === "") continue;
            reports.push(
              containerReport(container, {
                field: host,
                message: `${describeContainer(container)} points its ${label} at host ${show(host.value ?? "(not a string)")} (${label}.${handler}.host)`,
              }),
            );
          }
        }
      }
    }
    reports.sort((a, b) => a.range.line - b.range.line || a.range.column - b.range.column);
    return reports;
  },
};
