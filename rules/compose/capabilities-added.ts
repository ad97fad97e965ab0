import type { ComposeModel } from "../../src/engine/compose/model.js";
import type { Report, Rule } from "../../src/engine/types.js";
import { composeText, inheritedNote, serviceReport } from "./support.js";
import { BASELINE_CAPABILITIES } from "../data/capabilities.js";

/** Capabilities that alone let a root process escape the container or read the host's secrets. */
export const HOST_TAKEOVER_CAPABILITIES: ReadonlySet<string> = new Set([
  "ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_PTRACE", "SYS_RAWIO", "SYS_BOOT", "DAC_READ_SEARCH", "NET_ADMIN", "BPF",
  "PERFMON", "MAC_ADMIN", "MAC_OVERRIDE", "SYS_TIME", "SYSLOG", "CHECKPOINT_RESTORE",
]);

const WHY: Record<string, string> = {
  ALL: "every capability, as good as privileged",
  SYS_ADMIN: "mount filesystems, use namespaces and much more: a well-known container escape",
  SYS_MODULE: "load kernel modules: code in the host kernel",
  SYS_PTRACE: "trace and inject code into other processes",
  SYS_RAWIO: "raw access to devices and I/O ports",
  DAC_READ_SEARCH: "read any file by handle, a known escape to the host filesystem",
  NET_ADMIN: "reconfigure network interfaces, routes and firewall rules",
  BPF: "load eBPF programs into the kernel",
  NET_RAW: "craft raw packets (spoofing, sniffing on the container network)",
};

/** `CAP_SYS_ADMIN`, `sys_admin` -> `SYS_ADMIN`. */
export function normaliseCapability(name: string): string {
  return name.trim().toUpperCase().replace(/^CAP_/, "");
}

/** `cap_add` entries beyond the Pod Security Standards' baseline set. */
export const composeCapabilitiesAdded: Rule<ComposeModel> = {
  meta: {
    id: "compose/capabilities-added",
    kind: "compose",
    title: "Service adds capabilities beyond the baseline set",
    severity: "error",
    rationale:
      "Capabilities split root's power; each one added back widens what a compromised process can do to the kernel and the host. The Kubernetes Pod Security Standards (baseline) allow adding only AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID and SYS_CHROOT; ALL, SYS_ADMIN, SYS_PTRACE and similar are direct escape routes.",
    remediation:
      "Remove the capability, or find the single narrower one the service needs. Better still, `cap_drop: [ALL]` and add back only what is required.",
    references: [
      { title: "Compose file reference: cap_add", url: "https://docs.docker.com/reference/compose-file/services/#cap_add" },
      { title: "Pod Security Standards: capabilities (baseline)", url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline" },
      { title: "capabilities(7)", url: "https://man7.org/linux/man-pages/man7/capabilities.7.html" },
    ],
    standards: ["cis-docker-5.3", "pss-baseline"],
    examples: {
      bad: "services:\n  app:\n    image: app:1.4\n    cap_add:\n      - SYS_ADMIN\n",
      good: "services:\n  app:\n    image: app:1.4\n    cap_drop:\n      - ALL\n    cap_add:\n      - NET_BIND_SERVICE\n",
    },
  },
  check(model) {
    const reports: Report[] = [];
    for (const service of model.services) {
      for (const item of service.listItems("cap_add")) {
        const raw = composeText(item);
        if (raw === undefined || raw.trim() === "") continue;
        const capability = normaliseCapability(raw);
        if (BASELINE_CAPABILITIES.has(capability)) continue;
        const severe = HOST_TAKEOVER_CAPABILITIES.has(capability);
        const why = WHY[capability] ? `: ${WHY[capability]}` : "";
        reports.push(
          serviceReport(service, item, `cap_add ${capability} goes beyond the baseline capability set${why}${inheritedNote(item)}`, {
            severity: severe ? "error" : "warning",
            keySuffix: capability,
          }),
        );
      }
    }
    return reports;
  },
};
