import type { Rule } from "../../../src/engine/types.js";
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";

export const podSecurityRules: readonly Rule<KubernetesModel>[] = [];
