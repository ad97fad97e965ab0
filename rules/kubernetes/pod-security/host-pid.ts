/** `k8s/host-pid` (PSS baseline "Host Namespaces"): `spec.hostPID` must be false or unset. */
import { hostNamespaceRule } from "./host-namespace.js";

export const hostPid = hostNamespaceRule({
  id: "k8s/host-pid",
  field: "hostPID",
  title: "Pod uses the host's process namespace",
  effect: "shares the host's process ID namespace",
  rationale:
    "With hostPID the containers see every process of the node, can read their environment and command lines (often with secrets) and, " +
    "with enough privilege, signal or ptrace them. The baseline level forbids it.",
  remediation: "Remove `hostPID: true` (or set it to false). To share processes between the pod's own containers, use `shareProcessNamespace: true` instead.",
});
