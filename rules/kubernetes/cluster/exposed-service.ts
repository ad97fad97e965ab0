/**
 * `k8s/exposed-service`: a Service reachable from outside the cluster: type NodePort (a port on
 * every node), type LoadBalancer (a cloud load balancer, public unless annotated internal), or
 * `externalIPs`. A LoadBalancer limited by `loadBalancerSourceRanges` is reported at info level;
 * one annotated as internal for its cloud is not reported.
 */
import type { K8sObject, KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { objectReport } from "../../../src/engine/kubernetes/report.js";
import type { Report, Rule } from "../../../src/engine/types.js";

/** Cloud annotations that make a LoadBalancer internal (private network only), with the value that does it. */
const INTERNAL_LB_ANNOTATIONS: { key: string; internal: (value: string) => boolean }[] = [
  { key: "service.beta.kubernetes.io/aws-load-balancer-internal", internal: (v) => v !== "" && v.toLowerCase() !== "false" },
  { key: "service.beta.kubernetes.io/aws-load-balancer-scheme", internal: (v) => v.toLowerCase() === "internal" },
  { key: "networking.gke.io/load-balancer-type", internal: (v) => v.toLowerCase() === "internal" },
  { key: "cloud.google.com/load-balancer-type", internal: (v) => v.toLowerCase() === "internal" },
  { key: "service.beta.kubernetes.io/azure-load-balancer-internal", internal: (v) => v.toLowerCase() === "true" },
  { key: "service.beta.kubernetes.io/oci-load-balancer-internal", internal: (v) => v.toLowerCase() === "true" },
  { key: "service.beta.kubernetes.io/openstack-internal-load-balancer", internal: (v) => v.toLowerCase() === "true" },
  { key: "service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type", internal: (v) => v.toLowerCase() === "private" },
];

function isInternalLoadBalancer(service: K8sObject): boolean {
  return service.annotations.some((a) => a.where === "object" && INTERNAL_LB_ANNOTATIONS.some((i) => i.key === a.key && i.internal(a.value.trim())));
}

function portList(service: K8sObject): string {
  const ports = (service.root.at("spec", "ports")?.items() ?? [])
    .map((p) => p.get("nodePort")?.value ?? p.get("port")?.value)
    .filter((p): p is string | number => typeof p === "number" || typeof p === "string");
  return ports.length > 0 ? ` (port${ports.length > 1 ? "s" : ""} ${ports.join(", ")})` : "";
}

export const exposedService: Rule<KubernetesModel> = {
  meta: {
    id: "k8s/exposed-service",
    kind: "kubernetes",
    title: "Service is exposed outside the cluster",
    severity: "warning",
    rationale:
      "A NodePort opens the port on every node's address, a LoadBalancer usually gets a public address, and externalIPs make nodes answer for addresses you name (and were abused to intercept traffic, CVE-2020-8554). Each bypasses the Ingress or gateway where TLS, authentication and rate limits normally live, and is easy to expose by accident.",
    remediation:
      "Use a ClusterIP Service behind an Ingress or Gateway. If the Service must be reachable directly, make the load balancer internal with your cloud's annotation or restrict it with `loadBalancerSourceRanges`, and avoid externalIPs.",
    references: [
      { title: "Kubernetes: Service types", url: "https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types" },
      { title: "Kubernetes: External IPs", url: "https://kubernetes.io/docs/concepts/services-networking/service/#external-ips" },
      { title: "CVE-2020-8554: man in the middle using LoadBalancer or ExternalIPs", url: "https://github.com/kubernetes/kubernetes/issues/97076" },
    ],
    standards: ["nsa-hardening"],
    examples: {
      bad: "kind: Service\nspec:\n  type: LoadBalancer\n  ports:\n    - port: 80",
      good: "kind: Service\nspec:\n  type: ClusterIP\n  ports:\n    - port: 80",
    },
  },
  check(model) {
    const reports: Report[] = [];
    for (const service of model.objects) {
      if (service.kind !== "Service" || service.apiVersion !== "v1") continue;
      const name = `Service "${service.name ?? ""}"`;
      const typeField = service.root.at("spec", "type");
      const type = typeField?.string;
      if (typeField && type === "NodePort") {
        reports.push(objectReport(service, { field: typeField, message: `${name} is a NodePort: it listens on every node's address${portList(service)}, outside any Ingress` }));
      } else if (typeField && type === "LoadBalancer" && !isInternalLoadBalancer(service)) {
        const ranges = (service.root.at("spec", "loadBalancerSourceRanges")?.items() ?? []).map((r) => r.string).filter((r): r is string => !!r);
        const open = ranges.length === 0 || ranges.some((r) => r.trim() === "0.0.0.0/0" || r.trim() === "::/0");
        reports.push(
          objectReport(service, {
            field: typeField,
            severity: open ? undefined : "info",
            message: open
              ? `${name} is a LoadBalancer without an internal annotation or source ranges: it gets an address reachable from outside the cluster${portList(service)}`
              : `${name} is a LoadBalancer reachable from ${ranges.join(", ")}${portList(service)}`,
          }),
        );
      }
      const externalIPs = service.root.at("spec", "externalIPs");
      const ips = (externalIPs?.items() ?? []).map((i) => i.string).filter((i): i is string => !!i);
      if (externalIPs && ips.length > 0) {
        reports.push(objectReport(service, { field: externalIPs, message: `${name} claims externalIPs ${ips.join(", ")}: every node answers for them` }));
      }
    }
    return reports;
  },
};
