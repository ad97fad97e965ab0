import type { Report, Rule } from "../../src/engine/types.js";
import { isPinnedByDigest } from "../../src/engine/image-reference.js";
import type { DockerfileModel } from "../../src/engine/dockerfile/model.js";
import { describeImage, externalImages } from "./latest-tag.js";
import { cisDocker, dockerfileReference, reportIn } from "./support.js";

export const unpinnedDigest: Rule<DockerfileModel> = {
  meta: {
    id: "dockerfile/unpinned-digest",
    kind: "dockerfile",
    title: "Base image not pinned by digest",
    severity: "info",
    rationale:
      "Tags are mutable: the publisher (or anyone who compromises the registry account) can point `node:22` at different content tomorrow. Only a `@sha256:` digest names exact content, which makes builds reproducible and reviewable. Update digests with a bot such as Renovate or Dependabot.",
    remediation: "Append the digest to the reference: `FROM node:22-alpine@sha256:<digest>` (keep the tag for readability).",
    references: [
      cisDocker("4.2", "Ensure that containers use only trusted base images"),
      { title: "Docker docs: pin base image versions", url: "https://docs.docker.com/build/building/best-practices/#pin-base-image-versions" },
      dockerfileReference("FROM"),
    ],
    standards: ["cis-docker-4.2"],
    examples: {
      bad: "FROM alpine:3.20\n",
      good: "FROM alpine:3.20@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d\n",
    },
  },
  check(model): Report[] {
    const reports: Report[] = [];
    for (const from of externalImages(model)) {
      if (isPinnedByDigest(from.reference)) continue;
      const why = from.reference.digest ? `has a digest that is not a sha256 digest` : "is not pinned by digest";
      reports.push(reportIn(from.instruction, from.imageRange, `base image ${describeImage(from)} ${why}: the tag can move to different content; append @sha256:<digest>`, from.resolved ?? from.written));
    }
    return reports;
  },
};
