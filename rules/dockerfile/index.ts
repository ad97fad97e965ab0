import type { Rule } from "../../src/engine/types.js";
import type { DockerfileModel } from "../../src/engine/dockerfile/model.js";

export const dockerfileRules: readonly Rule<DockerfileModel>[] = [];
