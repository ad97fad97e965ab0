import type { Rule } from "../../src/engine/types.js";

/** Reported by the engine itself when a suppression comment or ignore annotation gives no reason. */
export const suppressionMissingReason: Rule<unknown> = {
  meta: {
    id: "suppression/missing-reason",
    kind: "scan",
    title: "Suppression without a reason",
    severity: "warning",
    rationale:
      "A waived security finding is a decision a reviewer must be able to check later. Without a reason nobody can tell an accepted risk from a silenced one.",
    remediation:
      "Write the reason after the rule list: `# container-review ignore=<rule-id> <why it does not apply>`, or give the ignore annotation a non-empty value.",
    references: [],
    standards: [],
    examples: {
      bad: "# container-review ignore=dockerfile/root-user\nUSER root",
      good: "# container-review ignore=dockerfile/root-user the entrypoint drops to uid 10001 with gosu\nUSER root",
    },
  },
  check: () => [],
};
