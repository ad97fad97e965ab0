/**
 * `k8s/rbac-wildcard`: a Role or ClusterRole rule with `*` in apiGroups, resources or verbs. One
 * finding per rule, at its first `*`; `*` in both resources and verbs is full control (error).
 */
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { objectReport } from "../../../src/engine/kubernetes/report.js";
import type { Report, Rule } from "../../../src/engine/types.js";
import { RBAC_GOOD_PRACTICES, RBAC_REFERENCE, policyRules, type ListedValue } from "./policy-rules.js";

export const rbacWildcard: Rule<KubernetesModel> = {
  meta: {
    id: "k8s/rbac-wildcard",
    kind: "kubernetes",
    title: "RBAC rule uses a wildcard",
    severity: "warning",
    rationale:
      "`*` grants everything that exists now and everything added later: new verbs, new resources, every CRD a future operator installs (secrets of a vault operator, certificates, ...). `*` on verbs includes escalate, bind and impersonate. Wildcards make a role impossible to review and tend to grant far more than the workload needs.",
    remediation: "List the API groups, resources and verbs the role really uses (`kubectl auth can-i --list` and the audit log show them).",
    references: [RBAC_GOOD_PRACTICES, RBAC_REFERENCE],
    standards: ["cis-kubernetes-5.1.3", "nsa-hardening"],
    examples: {
      bad: "rules:\n  - apiGroups: [\"*\"]\n    resources: [\"*\"]\n    verbs: [\"*\"]",
      good: "rules:\n  - apiGroups: [\"apps\"]\n    resources: [\"deployments\"]\n    verbs: [\"get\", \"list\", \"watch\"]",
    },
  },
  check(model) {
    const reports: Report[] = [];
    for (const rule of policyRules(model)) {
      const lists: [string, ListedValue[]][] = [
        ["apiGroups", rule.apiGroups],
        ["resources", rule.resources],
        ["verbs", rule.verbs],
      ];
      const wild = lists.filter(([, values]) => values.some((v) => v.value === "*"));
      if (wild.length === 0) continue;
      const first = wild[0][1].find((v) => v.value === "*") as ListedValue;
      const names = wild.map(([name]) => name);
      const listText = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
      const full = names.includes("resources") && names.includes("verbs");
      const what = full ? "every verb on every resource: full control, like cluster-admin" : "more than it can name; list exactly what is needed";
      reports.push(
        objectReport(rule.role, {
          field: first.field,
          fingerprintKey: rule.item.path,
          severity: full ? "error" : undefined,
          message: `${rule.role.kind} "${rule.role.name ?? ""}" rules[${rule.index}] uses "*" in ${listText}: it grants ${what}`,
        }),
      );
    }
    return reports;
  },
};
