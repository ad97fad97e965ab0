import type { ComposeModel } from "../../src/engine/compose/model.js";
import type { Report, Rule } from "../../src/engine/types.js";
import { composeBoolean, inheritedNote, serviceReport, replacementKeepingVariable } from "./support.js";

/** `read_only` missing or not true. */
export const composeReadOnlyRootFilesystem: Rule<ComposeModel> = {
  meta: {
    id: "compose/read-only-root-filesystem",
    kind: "compose",
    title: "Service's root filesystem is writable",
    severity: "info",
    rationale:
      "A writable root filesystem lets an intruder drop tools, change binaries and persist across process restarts. A read-only one, with writable `tmpfs` or volumes only where the service writes, makes the container's content immutable.",
    remediation: "Set `read_only: true` and give the paths the service writes to (/tmp, caches) a `tmpfs:` or a volume.",
    references: [
      { title: "Compose file reference: read_only", url: "https://docs.docker.com/reference/compose-file/services/#read_only" },
    ],
    standards: ["cis-docker-5.12"],
    examples: {
      bad: "services:\n  app:\n    image: app:1.4\n",
      good: "services:\n  app:\n    image: app:1.4\n    read_only: true\n    tmpfs:\n      - /tmp\n",
    },
    fixable: true,
  },
  check(model, context) {
    const reports: Report[] = [];
    for (const service of model.services) {
      const field = service.field("read_only");
      const value = composeBoolean(field);
      if (value === true) continue;
      if (!field || field.value === null) {
        reports.push(serviceReport(service, undefined, "read_only is not set: the container's root filesystem is writable"));
        continue;
      }
      if (value === false) {
        const fix = field.replaceValueFix(context.file, replacementKeepingVariable(field.value, "true"), "Make the root filesystem read-only");
        reports.push(serviceReport(service, field, `read_only: false leaves the container's root filesystem writable${inheritedNote(field)}`, fix ? { fix } : {}));
      }
      // A variable without a default, or a value Compose would reject: not judged.
    }
    return reports;
  },
};
