/** Kubernetes RBAC rules. */
import type { Rule } from "../../../src/engine/types.js";
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { rbacWildcard } from "./rbac-wildcard.js";
import { rbacClusterAdmin } from "./rbac-cluster-admin.js";
import { rbacPrivilegeEscalation } from "./rbac-privilege-escalation.js";
import { rbacSecretsAccess } from "./rbac-secrets-access.js";

export const rbacRules: readonly Rule<KubernetesModel>[] = [rbacWildcard, rbacClusterAdmin, rbacPrivilegeEscalation, rbacSecretsAccess];
