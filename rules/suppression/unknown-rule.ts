import type { Rule } from "../../src/engine/types.js";

/** Reported by the engine when a suppression comment names a rule that does not exist. */
export const suppressionUnknownRule: Rule<unknown> = {
  meta: {
    id: "suppression/unknown-rule",
    kind: "scan",
    title: "Suppression names an unknown rule",
    severity: "warning",
    rationale:
      "A misspelt rule ID in a suppression waives nothing, so the author believes a finding is handled while it is not (or the comment is stale after a rename).",
    remediation: "Use the exact rule ID as shown in the finding, e.g. `dockerfile/root-user` or `k8s/privileged`.",
    references: [],
    standards: [],
    examples: {
      bad: "# container-review ignore=dockerfile/rootuser runs as root on purpose\nUSER root",
      good: "# container-review ignore=dockerfile/root-user the entrypoint drops to uid 10001 with gosu\nUSER root",
    },
  },
  check: () => [],
};
