/** `k8s/host-network` (PSS baseline "Host Namespaces"): `spec.hostNetwork` must be false or unset. */
import { hostNamespaceRule } from "./host-namespace.js";

export const hostNetwork = hostNamespaceRule({
  id: "k8s/host-network",
  field: "hostNetwork",
  title: "Pod uses the host's network namespace",
  effect: "shares the host's network namespace",
  rationale:
    "With hostNetwork the pod sees every interface of the node, can bind any host port, reach services listening on localhost " +
    "(the kubelet, cloud metadata proxies) and sniff traffic, and NetworkPolicies no longer apply to it. The baseline level forbids it.",
  remediation: "Remove `hostNetwork: true` (or set it to false) and expose the pod through a Service; use a hostPort-free design or a CNI feature for node-level networking.",
});
