/**
 * Reading RBAC objects: the policy rules of Roles and ClusterRoles, with each listed value and
 * its position, and the subjects of bindings.
 */
import type { K8sObject, KubernetesModel, YamlField } from "../../../src/engine/kubernetes/model.js";
import type { RuleReference } from "../../../src/engine/types.js";

export const RBAC_REFERENCE: RuleReference = { title: "Kubernetes: Using RBAC Authorization", url: "https://kubernetes.io/docs/reference/access-authn-authz/rbac/" };
export const RBAC_GOOD_PRACTICES: RuleReference = { title: "Kubernetes: Role Based Access Control Good Practices", url: "https://kubernetes.io/docs/concepts/security/rbac-good-practices/" };

export interface ListedValue {
  value: string;
  field: YamlField;
}

export interface PolicyRule {
  role: K8sObject;
  /** 0-based index in `rules`. */
  index: number;
  item: YamlField;
  apiGroups: ListedValue[];
  /** Whether `apiGroups` is written at all (absent is read as the core group). */
  hasApiGroups: boolean;
  resources: ListedValue[];
  verbs: ListedValue[];
  resourceNames: ListedValue[];
}

function listed(field: YamlField | undefined): ListedValue[] {
  return (field?.items() ?? []).flatMap((item) => {
    const v = item.value;
    return typeof v === "string" ? [{ value: v, field: item }] : [];
  });
}

export function isRole(object: K8sObject): boolean {
  return (object.kind === "Role" || object.kind === "ClusterRole") && object.apiVersion.startsWith("rbac.authorization.k8s.io/");
}

export function isBinding(object: K8sObject): boolean {
  return (object.kind === "RoleBinding" || object.kind === "ClusterRoleBinding") && object.apiVersion.startsWith("rbac.authorization.k8s.io/");
}

/** Every policy rule of every Role and ClusterRole of the file. */
export function policyRules(model: KubernetesModel): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const role of model.objects) {
    if (!isRole(role)) continue;
    role.root.get("rules")?.items().forEach((item, index) => {
      if (!item.isMap) return;
      const apiGroupsField = item.get("apiGroups");
      out.push({
        role,
        index,
        item,
        apiGroups: listed(apiGroupsField),
        hasApiGroups: apiGroupsField !== undefined && !apiGroupsField.isNull,
        resources: listed(item.get("resources")),
        verbs: listed(item.get("verbs")),
        resourceNames: listed(item.get("resourceNames")),
      });
    });
  }
  return out;
}

/** Whether the rule applies to the core API group ("" or "*"; an absent list is read as core). */
export function coversCoreGroup(rule: PolicyRule): boolean {
  if (!rule.hasApiGroups) return true;
  return rule.apiGroups.some((g) => g.value === "" || g.value === "*");
}

/** "ClusterRole "x"" / "Role "x" in namespace "y"" scope words for messages. */
export function scopeOf(role: K8sObject): string {
  if (role.kind === "ClusterRole") return "in every namespace (wherever it is bound with a ClusterRoleBinding)";
  return role.namespace ? `in namespace "${role.namespace}"` : "in its namespace";
}
