import type { ComposeModel } from "../../src/engine/compose/model.js";
import type { Report, Rule } from "../../src/engine/types.js";
import { isRootUser } from "../data/users.js";
import { composeText, inheritedNote, quoted, serviceReport } from "./support.js";

/** `user: root`, `0`, `root:<group>`, `0:<gid>` (also as a variable's default). */
export const composeRootUser: Rule<ComposeModel> = {
  meta: {
    id: "compose/root-user",
    kind: "compose",
    title: "Service runs as root",
    severity: "warning",
    rationale:
      "Root in a container is root on the host's kernel: with any capability, mount or runtime bug the step to the host is short, and files it writes to bind mounts belong to root. Setting `user: root` also overrides an image that was built to run as an unprivileged user.",
    remediation: "Run as an unprivileged numeric user, e.g. `user: \"1000:1000\"`, or drop the `user:` override so the image's own non-root user applies.",
    references: [
      { title: "Compose file reference: user", url: "https://docs.docker.com/reference/compose-file/services/#user" },
      { title: "Docker: rootless mode and user namespaces", url: "https://docs.docker.com/engine/security/userns-remap/" },
    ],
    standards: ["cis-docker-4.1"],
    examples: { bad: "services:\n  app:\n    image: app:1.4\n    user: root\n", good: "services:\n  app:\n    image: app:1.4\n    user: \"10001:10001\"\n" },
  },
  check(model) {
    const reports: Report[] = [];
    for (const service of model.services) {
      const field = service.field("user");
      const value = composeText(field);
      if (!field || value === undefined || !isRootUser(value)) continue;
      reports.push(serviceReport(service, field, `user ${quoted(value.trim())} runs the service as root${inheritedNote(field)}`));
    }
    return reports;
  },
};
