// Placeholder: replaced by the Dockerfile handler.
import type { FileKindHandler } from "../types.js";
import type { DockerfileModel } from "./model.js";
import { dockerfileRules } from "../../../rules/dockerfile/index.js";

export const dockerfileHandler: FileKindHandler<DockerfileModel> = {
  kind: "dockerfile",
  parseErrorRuleId: "dockerfile/parse-error",
  parse: () => ({ problems: [], notApplicable: "Dockerfile support not built yet" }),
  rules: dockerfileRules,
};
