import type { ComposeModel } from "../../src/engine/compose/model.js";
import type { Report, Rule } from "../../src/engine/types.js";
import { composeBoolean, inheritedNote, serviceReport, replacementKeepingVariable } from "./support.js";

/** `privileged: true` (also the strings compose casts to true, and a variable defaulting to true). */
export const composePrivileged: Rule<ComposeModel> = {
  meta: {
    id: "compose/privileged",
    kind: "compose",
    title: "Service runs privileged",
    severity: "error",
    rationale:
      "A privileged container gets every Linux capability, all host devices and no seccomp, AppArmor or SELinux confinement. Root in it is root on the host: mounting the host disk or loading a kernel module takes one command.",
    remediation:
      "Remove `privileged: true`. Grant only what the service needs: a single capability with `cap_add`, or one device with `devices:`.",
    references: [
      { title: "Compose file reference: privileged", url: "https://docs.docker.com/reference/compose-file/services/#privileged" },
      { title: "Docker: runtime privilege and Linux capabilities", url: "https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities" },
    ],
    standards: ["cis-docker-5.4"],
    examples: { bad: "services:\n  web:\n    image: nginx:1.27\n    privileged: true\n", good: "services:\n  web:\n    image: nginx:1.27\n" },
    fixable: true,
  },
  check(model, context) {
    const reports: Report[] = [];
    for (const service of model.services) {
      const field = service.field("privileged");
      if (composeBoolean(field) !== true || !field) continue;
      const fix = field.replaceValueFix(context.file, replacementKeepingVariable(field.value, "false"), "Turn privileged mode off");
      reports.push(
        serviceReport(
          service,
          field,
          `privileged: true gives the container every capability and all host devices; root in it is root on the host${inheritedNote(field)}`,
          fix ? { fix } : {},
        ),
      );
    }
    return reports;
  },
};
