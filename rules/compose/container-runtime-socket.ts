import type { ComposeModel, ComposeNode } from "../../src/engine/compose/model.js";
import type { Report, Rule } from "../../src/engine/types.js";
import { describeExposure, runtimeSocketExposure } from "../data/runtime-sockets.js";
import { composeText, inheritedNote, interpolateDefaults, serviceReport } from "./support.js";

/** The host side of a short-syntax volume (`SRC:DST[:MODE]`), or undefined for an anonymous volume. */
export function shortVolumeSource(spec: string): string | undefined {
  const text = spec.trim();
  // Windows named pipes and drive letters carry their own colons or backslashes.
  const pipe = /^((?:\\\\|\/\/)\.[\\/]pipe[\\/][^:]+):/i.exec(text);
  if (pipe) return pipe[1];
  const drive = /^([A-Za-z]:[\\/][^:]*):/.exec(text);
  if (drive) return drive[1];
  // The first colon outside `${...}` (a variable's default may hold colons itself).
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === "$" && text[i + 1] === "{") {
      depth += 1;
      i += 1;
    } else if (text[i] === "}" && depth > 0) depth -= 1;
    else if (text[i] === ":" && depth === 0) return i > 0 ? text.slice(0, i) : undefined;
  }
  return undefined;
}

/** The host path a volume source names, judged on variable defaults; undefined for named volumes. */
function hostPathOf(source: string): string | undefined {
  const { text, unresolved } = interpolateDefaults(source);
  if (!unresolved) return /^(?:\/|\\\\|\/\/)/.test(text) ? text : undefined;
  // `${XDG_RUNTIME_DIR}/docker.sock`: the socket's name still tells what it is.
  const tail = text.replace(/^.*\}/, "");
  return tail.startsWith("/") ? tail : undefined;
}

function exposureReport(model: ComposeModel, serviceIndex: number, at: ComposeNode, source: string): Report | undefined {
  const service = model.services[serviceIndex];
  const hostPath = hostPathOf(source);
  if (hostPath === undefined) return undefined;
  const exposure = runtimeSocketExposure(hostPath);
  if (!exposure) return undefined;
  return serviceReport(service, at, `${describeExposure(exposure)}${inheritedNote(at)}`, exposure.what === "inside-data" ? { severity: "warning" } : {});
}

/** Volumes (short and long syntax) that bind-mount a container runtime socket or its folders. */
export const composeContainerRuntimeSocket: Rule<ComposeModel> = {
  meta: {
    id: "compose/container-runtime-socket",
    kind: "compose",
    title: "Service mounts the container runtime socket",
    severity: "error",
    rationale:
      "The Docker (or containerd, CRI-O, Podman) socket is the runtime's root API: anyone who can talk to it can start a privileged container with the host's disk mounted. Mounting the socket, the folder that holds it (/var/run, /run/containerd) or the runtime's data directory (/var/lib/docker) hands the host to this container; `:ro` does not help, because a socket is written to by connecting.",
    remediation:
      "Do not mount the socket. If the service really drives containers (CI runners, dev containers), isolate it: rootless Docker, a socket proxy that allows only the needed API calls, or Docker-in-Docker without host access.",
    references: [
      { title: "Docker: daemon attack surface", url: "https://docs.docker.com/engine/security/#docker-daemon-attack-surface" },
      { title: "Compose file reference: volumes", url: "https://docs.docker.com/reference/compose-file/services/#volumes" },
    ],
    standards: ["cis-docker-5.31", "cis-docker-5.5"],
    examples: {
      bad: "services:\n  ci:\n    image: runner:3.2\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n",
      good: "services:\n  ci:\n    image: runner:3.2\n    volumes:\n      - ./cache:/cache\n",
    },
  },
  check(model) {
    const reports: Report[] = [];
    model.services.forEach((service, index) => {
      for (const item of service.listItems("volumes")) {
        if (item.isMap) {
          const type = composeText(item.get("type"))?.trim().toLowerCase();
          if (type !== undefined && type !== "bind" && type !== "npipe") continue;
          const source = item.get("source");
          const text = source?.text;
          if (!source || text === undefined) continue;
          const report = exposureReport(model, index, source, text);
          if (report) reports.push(report);
          continue;
        }
        const spec = item.text;
        if (spec === undefined) continue;
        const source = shortVolumeSource(spec);
        if (source === undefined) continue;
        const report = exposureReport(model, index, item, source);
        if (report) reports.push(report);
      }
    });
    return reports;
  },
};
