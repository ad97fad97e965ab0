import type { Arg, Env } from "dockerfile-ast";
import type { Report, Rule } from "../../src/engine/types.js";
import { describeCredential, isLiteralSecretAssignment } from "../../src/engine/secrets.js";
import type { DockerfileModel } from "../../src/engine/dockerfile/model.js";
import { cisDocker, dockerfileReference, reportIn } from "./support.js";

export const secretInEnv: Rule<DockerfileModel> = {
  meta: {
    id: "dockerfile/secret-in-env",
    kind: "dockerfile",
    title: "Secret in ENV or ARG",
    severity: "error",
    rationale:
      "ENV values are stored in the image configuration and ARG defaults in its history: anyone who can pull the image reads them with `docker inspect` or `docker history`, long after the build. `ARG GITHUB_TOKEN` without a default is not reported, but values passed with `--build-arg` still end up in the image history when a RUN uses them.",
    remediation:
      "Pass secrets at build time with `RUN --mount=type=secret,id=...` (BuildKit) and at run time through the orchestrator's secret store or a mounted file; rotate any credential that was committed.",
    references: [
      cisDocker("4.10", "Ensure secrets are not stored in Dockerfiles"),
      { title: "Docker docs: build secrets", url: "https://docs.docker.com/build/building/secrets/" },
      dockerfileReference("ENV"),
    ],
    standards: ["cis-docker-4.10"],
    examples: {
      bad: "FROM alpine:3.20\nENV DB_PASSWORD=s3cr3t-value\n",
      good: "FROM alpine:3.20\nRUN --mount=type=secret,id=db_password cat /run/secrets/db_password > /dev/null\n",
    },
  },
  check(model): Report[] {
    const reports: Report[] = [];
    for (const instruction of model.instructions) {
      if (instruction.keyword !== "ENV" && instruction.keyword !== "ARG") continue;
      const properties = (instruction.node as Env | Arg).getProperties();
      for (const p of properties) {
        const value = p.getValue();
        if (value === null) continue;
        const name = p.getName();
        const range = model.positions.fromLsp(p.getRange());
        const where = instruction.keyword === "ENV" ? "the image configuration (docker inspect)" : "the image history (docker history)";
        const credential = describeCredential(value);
        if (credential) {
          reports.push(reportIn(instruction, range, `${instruction.keyword} ${name} holds ${credential}, stored in ${where} for anyone who can pull the image; use a build secret or a runtime secret instead and rotate it`, `${instruction.keyword} ${name}`));
        } else if (isLiteralSecretAssignment(name, value)) {
          reports.push(reportIn(instruction, range, `${instruction.keyword} ${name} sets a literal value for a secret-like name, stored in ${where} for anyone who can pull the image; use a build secret or a runtime secret instead`, `${instruction.keyword} ${name}`));
        }
      }
    }
    return reports;
  },
};
