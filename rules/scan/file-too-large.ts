import type { Rule } from "../../src/engine/types.js";

/** Reported by the engine for files over `limits.maxFileBytes`; they are never read whole. */
export const fileTooLarge: Rule<unknown> = {
  meta: {
    id: "scan/file-too-large",
    kind: "scan",
    title: "File too large to scan",
    severity: "info",
    rationale:
      "Very large files are skipped to keep reviews fast and the app safe from resource exhaustion; whatever they contain was not checked.",
    remediation: "Split the file, or raise `limits.maxFileBytes` in the configuration if it really must be scanned.",
    references: [],
    standards: [],
  },
  check: () => [],
};
