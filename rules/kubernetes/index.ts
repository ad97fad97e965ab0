/** Every Kubernetes rule, by family. */
import type { CrossFileRule, Rule } from "../../src/engine/types.js";
import type { KubernetesModel } from "../../src/engine/kubernetes/model.js";
import { k8sParseError } from "./parse-error.js";
import { podSecurityRules } from "./pod-security/index.js";
import { workloadRules } from "./workload/index.js";
import { rbacRules } from "./rbac/index.js";
import { clusterRules, clusterCrossFileRules } from "./cluster/index.js";

export const kubernetesRules: readonly Rule<KubernetesModel>[] = [k8sParseError, ...podSecurityRules, ...workloadRules, ...rbacRules, ...clusterRules];
export const kubernetesCrossFileRules: readonly CrossFileRule[] = [...clusterCrossFileRules];
