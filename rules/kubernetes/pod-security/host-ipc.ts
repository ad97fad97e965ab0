/** `k8s/host-ipc` (PSS baseline "Host Namespaces"): `spec.hostIPC` must be false or unset. */
import { hostNamespaceRule } from "./host-namespace.js";

export const hostIpc = hostNamespaceRule({
  id: "k8s/host-ipc",
  field: "hostIPC",
  title: "Pod uses the host's IPC namespace",
  effect: "shares the host's IPC namespace",
  rationale:
    "With hostIPC the containers can read and write the shared memory segments, semaphores and message queues of every process on the node. " +
    "The baseline level forbids it.",
  remediation: "Remove `hostIPC: true` (or set it to false). Containers of one pod already share an IPC namespace with each other.",
});
