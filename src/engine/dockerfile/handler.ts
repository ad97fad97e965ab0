/**
 * The Dockerfile kind: parse once into the model, then the engine runs `dockerfileRules` on it.
 * Files that cannot be read as a Dockerfile (empty, comments only, no FROM) get a
 * `dockerfile/parse-error` and no model; recoverable problems (an unknown instruction, an
 * unterminated heredoc, an instruction before FROM) are reported and the rules still run.
 */
import type { FileKindHandler } from "../types.js";
import { buildDockerfileModel, PARSE_ERROR_RULE_ID, type DockerfileModel } from "./model.js";
import { dockerfileRules } from "../../../rules/dockerfile/index.js";

export const dockerfileHandler: FileKindHandler<DockerfileModel> = {
  kind: "dockerfile",
  parseErrorRuleId: PARSE_ERROR_RULE_ID,
  parse: (file, config, deadline) => buildDockerfileModel(file, config, deadline),
  rules: dockerfileRules,
};
