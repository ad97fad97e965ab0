import { hostNamespaceRule } from "./host-namespace.js";

/** `ipc: host` (not `shareable`, `private`, `service:x` or `container:x`). */
export const composeHostIpc = hostNamespaceRule(
  {
    id: "compose/host-ipc",
    kind: "compose",
    title: "Service uses the host's IPC namespace",
    severity: "warning",
    rationale:
      "With the host's IPC namespace the container can read and write the shared memory segments, semaphores and message queues of every host process, which often hold data of other applications.",
    remediation:
      "Remove `ipc: host`. To share memory with one other service, use `ipc: shareable` there and `ipc: \"service:<name>\"` here.",
    references: [
      { title: "Compose file reference: ipc", url: "https://docs.docker.com/reference/compose-file/services/#ipc" },
      { title: "Docker run reference: IPC settings", url: "https://docs.docker.com/engine/containers/run/#ipc-settings---ipc" },
    ],
    standards: ["cis-docker-5.16"],
    examples: { bad: "services:\n  app:\n    image: app:1.4\n    ipc: host\n", good: "services:\n  app:\n    image: app:1.4\n    ipc: private\n" },
  },
  "ipc",
  "ipc: host shares the host's shared memory, semaphores and message queues with the container",
);
