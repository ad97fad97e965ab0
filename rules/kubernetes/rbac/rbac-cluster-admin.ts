/**
 * `k8s/rbac-cluster-admin`: a RoleBinding or ClusterRoleBinding to the `cluster-admin` ClusterRole.
 *
 * Decision: the only exemption is Kubernetes' own bootstrap binding, whose subjects are all the
 * Group `system:masters`. Every other subject is reported, including `system:` users and groups:
 * binding cluster-admin to `system:authenticated`, `system:unauthenticated` or `system:anonymous`
 * hands the cluster to every client of the API server, which is the worst case, not an exception.
 */
import type { KubernetesModel, YamlField } from "../../../src/engine/kubernetes/model.js";
import { objectReport } from "../../../src/engine/kubernetes/report.js";
import type { Report, Rule } from "../../../src/engine/types.js";
import { RBAC_GOOD_PRACTICES, RBAC_REFERENCE, isBinding } from "./policy-rules.js";

const EVERYONE = new Set(["system:authenticated", "system:unauthenticated", "system:anonymous"]);

interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}

function subjectsOf(field: YamlField | undefined): Subject[] {
  return (field?.items() ?? []).map((item) => {
    const subject: Subject = { kind: item.get("kind")?.string ?? "", name: item.get("name")?.string ?? "" };
    const namespace = item.get("namespace")?.string;
    if (namespace) subject.namespace = namespace;
    return subject;
  });
}

function describeSubject(s: Subject): string {
  return `${s.kind || "subject"} ${s.namespace ? `${s.namespace}/` : ""}${s.name}`;
}

export const rbacClusterAdmin: Rule<KubernetesModel> = {
  meta: {
    id: "k8s/rbac-cluster-admin",
    kind: "kubernetes",
    title: "Binding grants cluster-admin",
    severity: "error",
    rationale:
      "cluster-admin can do anything to any resource, including reading every Secret and running privileged pods on every node. A workload or person bound to it turns any compromise of theirs into a compromise of the whole cluster. In a RoleBinding it still gives full control of the namespace, its Secrets and its service accounts.",
    remediation:
      "Bind a Role or ClusterRole that lists only what the subject needs. For break-glass human access, use a separate, audited mechanism instead of a standing binding.",
    references: [
      { title: "Kubernetes: RBAC user-facing roles (cluster-admin)", url: "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles" },
      RBAC_GOOD_PRACTICES,
      RBAC_REFERENCE,
    ],
    standards: ["cis-kubernetes-5.1.1", "nsa-hardening"],
    examples: {
      bad: "kind: ClusterRoleBinding\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\nsubjects:\n  - kind: ServiceAccount\n    name: ci\n    namespace: tools",
      good: "kind: RoleBinding\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: deployer\nsubjects:\n  - kind: ServiceAccount\n    name: ci\n    namespace: tools",
    },
  },
  check(model) {
    const reports: Report[] = [];
    for (const binding of model.objects) {
      if (!isBinding(binding)) continue;
      const roleRef = binding.root.get("roleRef");
      const nameField = roleRef?.get("name");
      if (!nameField || nameField.string !== "cluster-admin" || roleRef?.get("kind")?.string !== "ClusterRole") continue;
      const subjects = subjectsOf(binding.root.get("subjects"));
      if (subjects.length > 0 && subjects.every((s) => s.kind === "Group" && s.name === "system:masters")) continue;
      const who = subjects.length === 0 ? "no subject yet" : subjects.map(describeSubject).join(", ");
      const everyone = subjects.some((s) => EVERYONE.has(s.name));
      const scope = binding.kind === "ClusterRoleBinding" ? "full control of the cluster" : `full control of namespace "${binding.namespace ?? "default"}"`;
      reports.push(
        objectReport(binding, {
          field: nameField,
          severity: binding.kind === "RoleBinding" && !everyone ? "warning" : undefined,
          message: `${binding.kind} "${binding.name ?? ""}" gives cluster-admin (${scope}) to ${who}${everyone ? ": that is every client of the API server" : ""}`,
        }),
      );
    }
    return reports;
  },
};
