import type { CrossFileRule, Rule } from "../../../src/engine/types.js";
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";

export const clusterRules: readonly Rule<KubernetesModel>[] = [];
export const clusterCrossFileRules: readonly CrossFileRule[] = [];
