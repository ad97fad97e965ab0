/** Kubernetes rules about cluster exposure and isolation. */
import type { CrossFileRule, Rule } from "../../../src/engine/types.js";
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { exposedService } from "./exposed-service.js";
import { missingNetworkPolicy } from "./missing-network-policy.js";

export const clusterRules: readonly Rule<KubernetesModel>[] = [exposedService];
export const clusterCrossFileRules: readonly CrossFileRule[] = [missingNetworkPolicy];
