import type { ComposeModel } from "../../src/engine/compose/model.js";
import type { Report, Rule } from "../../src/engine/types.js";
import { composeText, inheritedNote, serviceReport } from "./support.js";

/** `security_opt` entries that switch a confinement off, with what that removes. */
const UNCONFINED: Record<string, string> = {
  "seccomp=unconfined": "turns seccomp off: every system call of the kernel is reachable",
  "apparmor=unconfined": "turns AppArmor off: the container runs without its mandatory access control profile",
  "label=disable": "turns SELinux labelling off: the container is no longer kept away from host files",
  "systempaths=unconfined": "unmasks /proc and /sys paths that Docker hides from containers",
};

/** `seccomp:unconfined` -> `seccomp=unconfined` (Docker accepts both separators), lower case, no spaces. */
function normaliseOption(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, "").replace(/^([a-z-]+):/, "$1=");
}

/** `security_opt` that disables seccomp, AppArmor, SELinux labelling or the masked system paths. */
export const composeSecurityOptUnconfined: Rule<ComposeModel> = {
  meta: {
    id: "compose/security-opt-unconfined",
    kind: "compose",
    title: "Service switches off seccomp, AppArmor or SELinux",
    severity: "error",
    rationale:
      "Docker's default seccomp profile blocks dangerous system calls (mount, kexec, bpf, keyctl...), and its AppArmor or SELinux profile keeps the container away from host files. `unconfined` removes those layers, so a kernel bug or a stray capability is enough to escape.",
    remediation:
      "Remove the option. If a program needs one blocked system call, write a custom seccomp profile that allows only it (`seccomp=./profile.json`).",
    references: [
      { title: "Docker: seccomp security profiles", url: "https://docs.docker.com/engine/security/seccomp/" },
      { title: "Docker: AppArmor security profiles", url: "https://docs.docker.com/engine/security/apparmor/" },
      { title: "Compose file reference: security_opt", url: "https://docs.docker.com/reference/compose-file/services/#security_opt" },
    ],
    standards: ["cis-docker-5.21", "cis-docker-5.1", "cis-docker-5.2"],
    examples: {
      bad: "services:\n  app:\n    image: app:1.4\n    security_opt:\n      - seccomp:unconfined\n",
      good: "services:\n  app:\n    image: app:1.4\n    security_opt:\n      - no-new-privileges:true\n",
    },
  },
  check(model) {
    const reports: Report[] = [];
    for (const service of model.services) {
      for (const item of service.listItems("security_opt")) {
        const raw = composeText(item);
        if (raw === undefined) continue;
        const option = normaliseOption(raw);
        const effect = UNCONFINED[option];
        if (!effect) continue;
        reports.push(serviceReport(service, item, `security_opt ${raw.trim()} ${effect}${inheritedNote(item)}`, { keySuffix: option }));
      }
    }
    return reports;
  },
};
