import type { ComposeModel } from "../../src/engine/compose/model.js";
import type { Report, Rule } from "../../src/engine/types.js";
import { parseImageReference, usesLatestTag } from "../../src/engine/image-reference.js";
import { inheritedNote, interpolateDefaults, quoted, serviceReport } from "./support.js";

/**
 * `image:` without a tag or with `:latest`, judged on variable defaults (`app:${TAG:-latest}` is
 * latest unless TAG is set). Not for images pinned by digest, not when a variable without a
 * default decides the tag, and not for services with `build:`: their `image:` names the image
 * built here, not one pulled from a registry.
 */
export const composeImageLatestTag: Rule<ComposeModel> = {
  meta: {
    id: "compose/image-latest-tag",
    kind: "compose",
    title: "Service image uses the latest tag",
    severity: "warning",
    rationale:
      "`latest` (or no tag, which means latest) is whatever was pushed last: two `docker compose pull` runs can start different software, a compromised or broken release is picked up silently, and a rollback has nothing to go back to.",
    remediation: "Pin a version tag (`postgres:16.4`), or better a digest (`postgres:16.4@sha256:...`) updated by a bot such as Renovate or Dependabot.",
    references: [
      { title: "Compose file reference: image", url: "https://docs.docker.com/reference/compose-file/services/#image" },
      { title: "Docker: image tags and digests", url: "https://docs.docker.com/reference/cli/docker/image/pull/#pull-an-image-by-digest-immutable-identifier" },
    ],
    standards: ["cis-docker-4.2"],
    examples: { bad: "services:\n  db:\n    image: postgres\n", good: "services:\n  db:\n    image: postgres:16.4\n" },
  },
  check(model) {
    const reports: Report[] = [];
    for (const service of model.services) {
      if (service.field("build") !== undefined) continue;
      const field = service.field("image");
      const raw = field?.text;
      if (!field || raw === undefined) continue;
      const { text, unresolved } = interpolateDefaults(raw);
      if (unresolved) continue;
      const ref = parseImageReference(text);
      if (!ref || !usesLatestTag(ref)) continue;
      const what = ref.tag === "latest" ? "uses the latest tag" : "has no tag, so it pulls latest";
      const fromDefault = text !== raw ? " (with the variables' defaults)" : "";
      reports.push(serviceReport(service, field, `image ${quoted(raw.trim())} ${what}${fromDefault}; pin a version or a digest${inheritedNote(field)}`));
    }
    return reports;
  },
};
