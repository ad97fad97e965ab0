/**
 * `k8s/rbac-privilege-escalation`: grants that let the holder gain permissions it was not given:
 * the verbs escalate, bind and impersonate; create on pods (run as any service account of the
 * namespace); create or get on pods/exec and pods/attach (commands in other pods); update or patch
 * on pods/ephemeralcontainers (a debug container in any pod). `*` is left to `k8s/rbac-wildcard`.
 */
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { objectReport } from "../../../src/engine/kubernetes/report.js";
import type { Report, Rule } from "../../../src/engine/types.js";
import { RBAC_GOOD_PRACTICES, RBAC_REFERENCE, coversCoreGroup, policyRules, scopeOf } from "./policy-rules.js";

const ESCALATING_VERBS: Record<string, string> = {
  escalate: "lets the holder edit roles to include permissions it does not have",
  bind: "lets the holder bind any role, cluster-admin included, to itself",
  impersonate: "lets the holder act as any user, group or service account",
};

/** Core-group resources and the verbs on them that hand over other identities. */
const POD_GRANTS: { resource: string; verbs: string[]; effect: string }[] = [
  { resource: "pods", verbs: ["create"], effect: "start a pod with any service account (and its token) and any image" },
  { resource: "pods/exec", verbs: ["create", "get"], effect: "run commands in other pods and read their secrets and tokens" },
  { resource: "pods/attach", verbs: ["create", "get"], effect: "attach to the processes of other pods" },
  { resource: "pods/ephemeralcontainers", verbs: ["update", "patch"], effect: "add a debug container to any pod and act with its identity" },
];

export const rbacPrivilegeEscalation: Rule<KubernetesModel> = {
  meta: {
    id: "k8s/rbac-privilege-escalation",
    kind: "kubernetes",
    title: "RBAC rule allows privilege escalation",
    severity: "error",
    rationale:
      "Some permissions are worth more than they look: escalate and bind let a subject grant itself any role, impersonate lets it act as anyone, creating pods lets it run as any service account of the namespace (and mount its token), and exec or attach reaches into other pods' processes and secrets. Each is a path from a small role to a large one.",
    remediation:
      "Remove the grant. Let a controller with a narrow role create pods for you (Deployments, Jobs), and give debugging access (exec, ephemeral containers) only to people, through a time-limited mechanism.",
    references: [
      { title: "Kubernetes: RBAC good practices (privilege escalation risks)", url: "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks" },
      { title: "Kubernetes: Privilege escalation prevention and bootstrapping", url: "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping" },
      RBAC_GOOD_PRACTICES,
      RBAC_REFERENCE,
    ],
    standards: ["cis-kubernetes-5.1.4", "cis-kubernetes-5.1.8", "nsa-hardening"],
    examples: {
      bad: "rules:\n  - apiGroups: [\"\"]\n    resources: [\"pods/exec\"]\n    verbs: [\"create\"]",
      good: "rules:\n  - apiGroups: [\"\"]\n    resources: [\"pods\"]\n    verbs: [\"get\", \"list\"]",
    },
  },
  check(model) {
    const reports: Report[] = [];
    for (const rule of policyRules(model)) {
      const role = `${rule.role.kind} "${rule.role.name ?? ""}"`;
      const scope = scopeOf(rule.role);
      for (const verb of rule.verbs) {
        const effect = ESCALATING_VERBS[verb.value.toLowerCase()];
        if (!effect) continue;
        reports.push(objectReport(rule.role, { field: verb.field, message: `${role} grants ${verb.value} ${scope}: it ${effect}` }));
      }
      if (!coversCoreGroup(rule)) continue;
      for (const resource of rule.resources) {
        const grant = POD_GRANTS.find((g) => g.resource === resource.value.toLowerCase());
        if (!grant) continue;
        const verbs = rule.verbs.filter((v) => grant.verbs.includes(v.value.toLowerCase())).map((v) => v.value);
        if (verbs.length === 0) continue;
        reports.push(
          objectReport(rule.role, {
            field: resource.field,
            message: `${role} grants ${verbs.join(", ")} on ${resource.value} ${scope}: the holder can ${grant.effect}`,
          }),
        );
      }
    }
    return reports;
  },
};
