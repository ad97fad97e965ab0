import type { Rule } from "../../src/engine/types.js";
import type { DockerfileModel } from "../../src/engine/dockerfile/model.js";
import { DOCKERFILE_REFERENCE_URL } from "./support.js";

/**
 * Reported by the Dockerfile handler itself (see src/engine/dockerfile/model.ts): an empty or
 * comment-only file, no FROM, an unknown instruction keyword, an instruction before the first FROM,
 * a USER or FROM without an argument, an unterminated heredoc. The first three leave nothing to
 * analyze; for the others the rest of the rules still run.
 */
export const parseError: Rule<DockerfileModel> = {
  meta: {
    id: "dockerfile/parse-error",
    kind: "dockerfile",
    title: "Dockerfile cannot be read",
    severity: "error",
    rationale:
      "A file that is not a valid Dockerfile cannot be checked, and silently passing it would hide every problem in it. Docker would refuse to build most of these files too.",
    remediation:
      "Fix the reported line: use a known instruction keyword, start the build with FROM, close every heredoc with its delimiter on a line of its own.",
    references: [{ title: "Dockerfile reference", url: DOCKERFILE_REFERENCE_URL }],
    standards: [],
    examples: { bad: "FROM alpine:3.20\nRUNN echo hi\n", good: "FROM alpine:3.20\nRUN echo hi\n" },
  },
  check: () => [],
};
