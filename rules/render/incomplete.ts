import type { Rule } from "../../src/engine/types.js";

/**
 * Reported by the engine when a render went on without something it could not read: a remote
 * Kustomize resource (never fetched), a chart dependency that is not in the repository.
 */
export const renderIncomplete: Rule<unknown> = {
  meta: {
    id: "render/incomplete",
    kind: "render",
    title: "Rendered without part of its input",
    severity: "info",
    rationale:
      "container-review never fetches anything from the network while reviewing: remote Kustomize resources and chart dependencies that are not vendored in the repository are left out of the render, so the objects they add were not checked.",
    remediation:
      "Vendor the dependency (`helm dependency build`, or a local copy of the remote base), or accept that those objects are reviewed where they are maintained.",
    references: [],
    standards: [],
  },
  check: () => [],
};
