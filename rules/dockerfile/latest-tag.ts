import type { Report, Rule } from "../../src/engine/types.js";
import { usesLatestTag } from "../../src/engine/image-reference.js";
import type { BaseImage, DockerfileModel } from "../../src/engine/dockerfile/model.js";
import { cisDocker, dockerfileReference, reportIn } from "./support.js";

/** FROM lines naming an external image whose reference is known (not scratch, a stage, or unresolved). */
export function externalImages(model: DockerfileModel): (BaseImage & { reference: NonNullable<BaseImage["reference"]> })[] {
  return model.stages.map((s) => s.from).filter((f): f is BaseImage & { reference: NonNullable<BaseImage["reference"]> } => f.reference !== null && !f.stage && !f.isScratch);
}

/** `${BASE}` (= node:20): how an image is named in messages. */
export function describeImage(from: BaseImage): string {
  return from.viaVariables && from.resolved !== undefined ? `${from.written} (= ${from.resolved})` : from.written;
}

export const latestTag: Rule<DockerfileModel> = {
  meta: {
    id: "dockerfile/latest-tag",
    kind: "dockerfile",
    title: "Base image without a version tag",
    severity: "warning",
    rationale:
      "An image without a tag, or tagged `latest`, is whatever was pushed last: builds stop being reproducible and a new major version (or a compromised push) slips in unnoticed. `scratch`, earlier stages and digest-pinned references are exact and never reported; `FROM ${ARG}` is judged on the ARG's default.",
    remediation: "Name a specific version tag, e.g. `FROM node:22.11-alpine3.20`, ideally with its digest (`@sha256:...`).",
    references: [cisDocker("4.2", "Ensure that containers use only trusted base images"), dockerfileReference("FROM")],
    standards: ["cis-docker-4.2"],
    examples: { bad: "FROM nginx\n", good: "FROM nginx:1.27-alpine\n" },
  },
  check(model): Report[] {
    const reports: Report[] = [];
    for (const from of externalImages(model)) {
      if (!usesLatestTag(from.reference)) continue;
      const what = from.reference.tag === "latest" ? 'uses the "latest" tag' : 'has no tag, so Docker pulls "latest"';
      reports.push(
        reportIn(
          from.instruction,
          from.imageRange,
          `base image ${describeImage(from)} ${what}, which changes without notice; pin a version tag (and a digest)`,
          from.resolved ?? from.written,
        ),
      );
    }
    return reports;
  },
};
