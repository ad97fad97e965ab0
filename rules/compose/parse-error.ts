import type { ComposeModel } from "../../src/engine/compose/model.js";
import type { Rule } from "../../src/engine/types.js";

/** Reported by the compose handler: unreadable YAML, alias limits, templated files (info). */
export const composeParseError: Rule<ComposeModel> = {
  meta: {
    id: "compose/parse-error",
    kind: "compose",
    title: "Compose file could not be analyzed",
    severity: "error",
    rationale:
      "A compose file that cannot be read was not checked at all; passing silently would hide every problem in it. Templated files (Go or Jinja `{{ }}` markers) are reported at info level: render them and scan the result.",
    remediation:
      "Fix the YAML error at the reported position. For too many aliases, raise `limits.yamlAliases.compose` if the file is trusted. For templates, scan the rendered output.",
    references: [{ title: "Compose file reference", url: "https://docs.docker.com/reference/compose-file/" }],
    standards: [],
  },
  check: () => [],
};
