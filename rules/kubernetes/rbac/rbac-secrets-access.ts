/**
 * `k8s/rbac-secrets-access`: get, list or watch on Secrets (core group). Narrowed to named
 * Secrets with `resourceNames` and only `get`, it is reported at info level: that is the
 * least-privilege way to read one Secret. `*` is left to `k8s/rbac-wildcard`.
 */
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { objectReport } from "../../../src/engine/kubernetes/report.js";
import type { Report, Rule } from "../../../src/engine/types.js";
import { RBAC_GOOD_PRACTICES, RBAC_REFERENCE, coversCoreGroup, policyRules, scopeOf } from "./policy-rules.js";

const READ_VERBS = ["get", "list", "watch"];

export const rbacSecretsAccess: Rule<KubernetesModel> = {
  meta: {
    id: "k8s/rbac-secrets-access",
    kind: "kubernetes",
    title: "RBAC rule can read Secrets",
    severity: "warning",
    rationale:
      "Secrets hold passwords, API keys, TLS keys and service account tokens. list and watch return the content of every Secret in scope, not just their names, so a role that can list Secrets can usually become any service account in that scope.",
    remediation:
      "Mount the Secrets a workload needs instead of reading them through the API. If API access is needed, restrict it to `get` with `resourceNames` naming the Secrets, in a Role rather than a ClusterRole.",
    references: [
      { title: "Kubernetes: RBAC good practices (listing secrets)", url: "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets" },
      RBAC_GOOD_PRACTICES,
      RBAC_REFERENCE,
    ],
    standards: ["cis-kubernetes-5.1.2", "nsa-hardening"],
    examples: {
      bad: "rules:\n  - apiGroups: [\"\"]\n    resources: [\"secrets\"]\n    verbs: [\"get\", \"list\", \"watch\"]",
      good: "rules:\n  - apiGroups: [\"\"]\n    resources: [\"secrets\"]\n    resourceNames: [\"app-tls\"]\n    verbs: [\"get\"]",
    },
  },
  check(model) {
    const reports: Report[] = [];
    for (const rule of policyRules(model)) {
      if (!coversCoreGroup(rule)) continue;
      const secrets = rule.resources.find((r) => r.value.toLowerCase() === "secrets");
      if (!secrets) continue;
      const verbs = rule.verbs.filter((v) => READ_VERBS.includes(v.value.toLowerCase())).map((v) => v.value);
      if (verbs.length === 0) continue;
      const narrowed = rule.resourceNames.length > 0 && verbs.every((v) => v.toLowerCase() === "get");
      const role = `${rule.role.kind} "${rule.role.name ?? ""}"`;
      const names = rule.resourceNames.map((n) => n.value).join(", ");
      reports.push(
        objectReport(rule.role, {
          field: secrets.field,
          severity: narrowed ? "info" : undefined,
          message: narrowed
            ? `${role} can read the Secrets ${names} ${scopeOf(rule.role)}`
            : `${role} can ${verbs.join(", ")} Secrets ${scopeOf(rule.role)}: their values, not just their names`,
        }),
      );
    }
    return reports;
  },
};
