import type { Rule } from "../../src/engine/types.js";
import type { ComposeModel } from "../../src/engine/compose/model.js";

export const composeRules: readonly Rule<ComposeModel>[] = [];
