import { hostNamespaceRule } from "./host-namespace.js";

/** `pid: host` (not `service:x` or `container:x`). */
export const composeHostPid = hostNamespaceRule(
  {
    id: "compose/host-pid",
    kind: "compose",
    title: "Service uses the host's process namespace",
    severity: "error",
    rationale:
      "With the host's PID namespace the container sees every process on the host, their command lines and environments; as root it can signal or trace them, which is a direct path to the host.",
    remediation: "Remove `pid: host`. To share processes with one other service, use `pid: \"service:<name>\"`.",
    references: [
      { title: "Compose file reference: pid", url: "https://docs.docker.com/reference/compose-file/services/#pid" },
      { title: "Docker run reference: PID settings", url: "https://docs.docker.com/engine/containers/run/#pid-settings---pid" },
    ],
    standards: ["cis-docker-5.15"],
    examples: { bad: "services:\n  agent:\n    image: agent:2.1\n    pid: host\n", good: "services:\n  agent:\n    image: agent:2.1\n" },
  },
  "pid",
  "pid: host lets the container see, signal and trace every process on the host",
);
