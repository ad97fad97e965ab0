/**
 * `k8s/missing-network-policy` (info, across files): a namespace that runs workloads while no
 * NetworkPolicy for it is among the scanned files. Reported once per namespace, at the `kind:` of
 * its first workload (file order, then line order); the namespace of an object without one is
 * "default". Counted as policies: `NetworkPolicy` of any API group (Kubernetes, Calico) and
 * `CiliumNetworkPolicy` in the namespace; cluster-wide policies (`CiliumClusterwideNetworkPolicy`,
 * Calico `GlobalNetworkPolicy`, `AdminNetworkPolicy`, `BaselineAdminNetworkPolicy`) count for
 * every namespace.
 */
import type { K8sObject, KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import type { CrossFileReport, CrossFileRule } from "../../../src/engine/types.js";

const NAMESPACED_POLICIES = new Set(["NetworkPolicy", "CiliumNetworkPolicy"]);
const CLUSTER_WIDE_POLICIES = new Set(["CiliumClusterwideNetworkPolicy", "GlobalNetworkPolicy", "AdminNetworkPolicy", "BaselineAdminNetworkPolicy"]);

interface FirstWorkload {
  file: string;
  object: K8sObject;
  count: number;
}

export const missingNetworkPolicy: CrossFileRule = {
  meta: {
    id: "k8s/missing-network-policy",
    kind: "kubernetes",
    title: "Namespace has workloads but no NetworkPolicy",
    severity: "info",
    // A NetworkPolicy often lives in a file a pull request does not touch.
    needsWholeRepository: true,
    rationale:
      "Without a NetworkPolicy every pod accepts connections from every other pod in the cluster, and can reach every other pod: one compromised workload can probe and attack all the others, databases included. A default-deny policy per namespace, plus policies that allow the expected traffic, contains an intrusion.",
    remediation:
      "Add a NetworkPolicy that selects every pod of the namespace (`podSelector: {}`) and denies ingress by default, then allow the traffic each workload needs. If policies live in another repository, suppress this finding with a reason.",
    references: [
      { title: "Kubernetes: Network Policies", url: "https://kubernetes.io/docs/concepts/services-networking/network-policies/" },
      { title: "Kubernetes: Default deny all ingress traffic", url: "https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-deny-all-ingress-traffic" },
    ],
    standards: ["cis-kubernetes-5.3.2", "nsa-hardening"],
    examples: {
      bad: "kind: Deployment\nmetadata:\n  name: web\n  namespace: shop",
      good: "kind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]",
    },
  },
  check(files) {
    const firstWorkload = new Map<string, FirstWorkload>();
    const covered = new Set<string>();
    let clusterWide = false;
    for (const parsed of files) {
      if (parsed.kind !== "kubernetes") continue;
      const model = parsed.model as KubernetesModel;
      for (const object of model.objects ?? []) {
        const namespace = object.namespace ?? "default";
        if (CLUSTER_WIDE_POLICIES.has(object.kind)) clusterWide = true;
        if (NAMESPACED_POLICIES.has(object.kind)) covered.add(namespace);
        if (!object.podSpec || object.kind === "PodTemplate") continue;
        const seen = firstWorkload.get(namespace);
        if (seen) seen.count += 1;
        else firstWorkload.set(namespace, { file: parsed.file.path, object, count: 1 });
      }
    }
    if (clusterWide) return [];
    const reports: CrossFileReport[] = [];
    for (const [namespace, { file, object, count }] of firstWorkload) {
      if (covered.has(namespace)) continue;
      const others = count > 1 ? ` and ${count - 1} more workload${count > 2 ? "s" : ""}` : "";
      reports.push({
        file,
        range: object.kindRange,
        resource: object.resource,
        fingerprintKey: `namespace:${namespace}`,
        anchorLines: [object.startLine],
        message: `namespace "${namespace}" runs ${object.resource}${others} but no NetworkPolicy for it is among the scanned files: its pods accept traffic from every pod in the cluster`,
      });
    }
    return reports;
  },
};
