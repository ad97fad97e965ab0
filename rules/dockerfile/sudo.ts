import type { Report, Rule } from "../../src/engine/types.js";
import { installedPackages, type DockerfileModel } from "../../src/engine/dockerfile/model.js";
import { baseName } from "../../src/engine/dockerfile/shell.js";
import { cisDocker, dockerfileReference, finalTriggers, reportIn, TRIGGER_NOTE, triggerInstalls } from "./support.js";

const SUDO_PROGRAMS = new Set(["sudo", "doas"]);

export const sudo: Rule<DockerfileModel> = {
  meta: {
    id: "dockerfile/sudo",
    kind: "dockerfile",
    title: "sudo in a Dockerfile",
    severity: "error",
    rationale:
      "RUN already executes as the current USER; sudo in a build means the Dockerfile expects to switch users back and forth, and sudo left in the final image lets any process that can run it become root, undoing USER. Its setuid binary and configuration are attack surface of their own. Instructions inside `ONBUILD` are judged too, as triggers: they run in every image built FROM this one.",
    remediation:
      "Run the privileged steps before switching to the unprivileged USER (or switch with `USER root` ... `USER 10001` around them) and do not install sudo in the final image. Use gosu/su-exec or setpriv in an entrypoint when privileges must be dropped at start-up.",
    references: [cisDocker("4.1", "Ensure that a user for the container has been created"), dockerfileReference("USER")],
    standards: ["cis-docker-4.1"],
    examples: {
      bad: "FROM ubuntu:24.04\nUSER 10001\nRUN sudo apt-get update\n",
      good: "FROM ubuntu:24.04\nRUN apt-get update\nUSER 10001\n",
    },
  },
  check(model): Report[] {
    const reports: Report[] = [];
    for (const run of model.runs) {
      for (const command of run.script.commands) {
        for (const prefix of command.prefixes) {
          const name = baseName(prefix.value);
          if (!SUDO_PROGRAMS.has(name)) continue;
          const what = command.program ? ` to run ${command.name}` : "";
          reports.push(reportIn(run.instruction, prefix.range, `RUN uses ${name}${what}: run privileged steps before USER switches to an unprivileged user instead`, `${name} ${command.name}`));
        }
      }
    }
    const seen = new Set<string>();
    for (const p of installedPackages(model.finalStage)) {
      if (p.name !== "sudo" && p.name !== "doas") continue;
      const instruction = p.operation.run.instruction;
      const key = `${instruction.range.line}\u0000${p.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      reports.push(reportIn(instruction, p.word.range, `the final image installs ${p.name}: any process that can run it can become root, which undoes USER`, `install ${p.name}`));
    }
    for (const trigger of finalTriggers(model)) {
      for (const command of trigger.run?.script.commands ?? []) {
        for (const prefix of command.prefixes) {
          const name = baseName(prefix.value);
          if (!SUDO_PROGRAMS.has(name)) continue;
          const what = command.program ? ` to run ${command.name}` : "";
          reports.push(reportIn(trigger.instruction, prefix.range, `ONBUILD RUN uses ${name}${what} (${TRIGGER_NOTE}): run privileged steps before USER switches to an unprivileged user instead`, `${name} ${command.name}`));
        }
      }
      for (const p of triggerInstalls(trigger)) {
        if (p.name !== "sudo" && p.name !== "doas") continue;
        reports.push(reportIn(trigger.instruction, p.word.range, `ONBUILD RUN installs ${p.name} (${TRIGGER_NOTE}): in those images any process that can run it can become root, which undoes USER`, `install ${p.name}`));
      }
    }
    return reports;
  },
};
