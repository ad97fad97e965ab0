import type { Report, Rule } from "../../src/engine/types.js";
import { stageChain, type DockerfileModel } from "../../src/engine/dockerfile/model.js";
import { expandVariables, hasVariable } from "../../src/engine/dockerfile/variables.js";
import { cisDocker, dockerfileReference, reportIn } from "./support.js";

/** Ports of remote-administration services that have no business being published by an application image. */
export const ADMIN_PORTS: ReadonlyMap<number, string> = new Map([
  [22, "SSH"],
  [23, "telnet"],
  [2375, "the Docker daemon API (plain HTTP)"],
  [2376, "the Docker daemon API (TLS)"],
  [3389, "RDP"],
  [5900, "VNC"],
  [6443, "the Kubernetes API server"],
  [10250, "the kubelet API"],
  [10255, "the kubelet read-only API"],
]);

const PORT_SPEC = /^(\d{1,5})(?:-(\d{1,5}))?(?:\/(tcp|udp|sctp))?$/i;

export const exposedAdminPort: Rule<DockerfileModel> = {
  meta: {
    id: "dockerfile/exposed-admin-port",
    kind: "dockerfile",
    title: "Remote-administration port exposed",
    severity: "warning",
    rationale:
      "EXPOSE documents the ports the image serves and tools publish them automatically (`docker run -P`, some platforms). SSH, telnet, RDP, VNC, the Docker daemon API and the Kubernetes/kubelet APIs give whoever reaches them control of the container or the host; an application image should not offer them.",
    remediation: "Remove the port from EXPOSE and the service from the image; use `docker exec`/`kubectl exec` for administration.",
    references: [
      cisDocker("5.6", "Ensure sshd is not run within containers"),
      cisDocker("5.8", "Ensure that only needed ports are open on the container"),
      dockerfileReference("EXPOSE"),
    ],
    standards: ["cis-docker-5.6", "cis-docker-5.8"],
    examples: { bad: "FROM alpine:3.20\nEXPOSE 8080 22\n", good: "FROM alpine:3.20\nEXPOSE 8080\n" },
  },
  check(model): Report[] {
    const reports: Report[] = [];
    for (const stage of stageChain(model.finalStage)) {
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== "EXPOSE") continue;
        for (const arg of instruction.node.getArguments()) {
          let text = arg.getValue();
          if (hasVariable(text)) {
            const e = expandVariables(text, instruction.scope, model.escapeCharacter);
            if (e.unresolved.length > 0) continue;
            text = e.value;
          }
          for (const spec of text.split(/\s+/)) {
            const m = PORT_SPEC.exec(spec);
            if (!m) continue;
            const low = Number(m[1]);
            const high = m[2] !== undefined ? Number(m[2]) : low;
            const hits = [...ADMIN_PORTS].filter(([port]) => port >= low && port <= high);
            if (hits.length === 0) continue;
            const names = hits.map(([port, what]) => `${what} (${port})`).join(", ");
            const verb = low === high ? "publishes" : "includes";
            reports.push(
              reportIn(
                instruction,
                model.positions.fromLsp(arg.getRange()),
                `EXPOSE ${arg.getValue()} ${verb} ${names}: remote-administration services give whoever reaches them control; remove the port and the service`,
                spec,
              ),
            );
          }
        }
      }
    }
    return reports;
  },
};
