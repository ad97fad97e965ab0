// Placeholder: replaced by the compose handler.
import type { FileKindHandler } from "../types.js";
import type { ComposeModel } from "./model.js";
import { composeRules } from "../../../rules/compose/index.js";

export const composeHandler: FileKindHandler<ComposeModel> = {
  kind: "compose",
  parseErrorRuleId: "compose/parse-error",
  parse: () => ({ problems: [], notApplicable: "compose support not built yet" }),
  rules: composeRules,
};
