import { hostNamespaceRule } from "./host-namespace.js";

/** `network_mode: host` (not `service:db`, `container:x`, `bridge` or `none`). */
export const composeHostNetwork = hostNamespaceRule(
  {
    id: "compose/host-network",
    kind: "compose",
    title: "Service uses the host's network",
    severity: "warning",
    rationale:
      "With the host's network namespace the container sees every host interface, can bind any host port, reach services listening on localhost only, and sniff traffic with NET_RAW. Port mappings and network isolation no longer apply.",
    remediation: "Remove `network_mode: host` and publish the ports the service needs with `ports:`.",
    references: [
      { title: "Compose file reference: network_mode", url: "https://docs.docker.com/reference/compose-file/services/#network_mode" },
      { title: "Docker: host network driver", url: "https://docs.docker.com/engine/network/drivers/host/" },
    ],
    standards: ["cis-docker-5.9"],
    examples: {
      bad: "services:\n  web:\n    image: nginx:1.27\n    network_mode: host\n",
      good: "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - \"8080:80\"\n",
    },
  },
  "network_mode",
  "network_mode: host shares the host's network stack: every host interface, localhost-only services and any host port",
);
