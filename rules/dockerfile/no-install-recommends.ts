import type { Report, Rule } from "../../src/engine/types.js";
import { stageChain, type DockerfileModel } from "../../src/engine/dockerfile/model.js";
import { cisDocker, finalTriggers, reportIn, TRIGGER_NOTE } from "./support.js";

const FLAG = "--no-install-recommends";

export const noInstallRecommends: Rule<DockerfileModel> = {
  meta: {
    id: "dockerfile/no-install-recommends",
    kind: "dockerfile",
    title: "apt-get install without --no-install-recommends",
    severity: "info",
    rationale:
      "By default apt also installs every package the requested ones merely recommend: software nobody asked for, reviewed or patches, and more attack surface in the final image. Builder stages are not judged. Instructions inside `ONBUILD` are judged too, as triggers: they run in every image built FROM this one.",
    remediation: "Add `--no-install-recommends` right after `install` (or set `APT::Install-Recommends \"false\"` in the apt configuration) and list what you really need.",
    references: [
      cisDocker("4.3", "Ensure that unnecessary packages are not installed in the container"),
      { title: "Docker docs: Dockerfile best practices, apt-get", url: "https://docs.docker.com/build/building/best-practices/#apt-get" },
    ],
    standards: ["cis-docker-4.3"],
    examples: {
      bad: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y ca-certificates\n",
      good: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates\n",
    },
    fixable: true,
  },
  check(model, ctx): Report[] {
    const reports: Report[] = [];
    const triggerRuns = finalTriggers(model).flatMap((t) => (t.run ? [t.run] : []));
    for (const runs of [...stageChain(model.finalStage).map((s) => s.runs), triggerRuns]) {
      for (const run of runs) {
        for (const op of run.packageOperations) {
          if (op.manager !== "apt" || op.action !== "install" || op.noInstallRecommends || op.command.name === "aptitude") continue;
          if (op.actionWord.value !== "install") continue;
          const r = op.actionWord.range;
          const report = reportIn(
            run.instruction,
            r,
            `${run.instruction.onbuild ? "ONBUILD RUN " : ""}${op.command.name} install without ${FLAG} also installs every recommended package${run.instruction.onbuild ? ` (${TRIGGER_NOTE})` : ""}: more software and attack surface than asked for; add ${FLAG}`,
            `${op.command.name} install ${op.packages.map((p) => p.name).join(" ")}`,
          );
          const line = ctx.file.lines[r.line - 1] ?? "";
          if (r.line === r.endLine && line.slice(r.column - 1, r.endColumn - 1) === "install") {
            report.fix = {
              description: `add ${FLAG}`,
              startLine: r.line,
              endLine: r.line,
              replacement: `${line.slice(0, r.endColumn - 1)} ${FLAG}${line.slice(r.endColumn - 1)}`,
            };
          }
          reports.push(report);
        }
      }
    }
    return reports;
  },
};
