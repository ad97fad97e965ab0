import { ruleTester } from "../../../helpers/rule-tester.js";

/** A ClusterRole (or Role) with one rule on lines 5-8. */
function role(apiGroups: string, resources: string, verbs: string, extra = "", kind = "ClusterRole"): string {
  return [
    "apiVersion: rbac.authorization.k8s.io/v1", // 1
    `kind: ${kind}`, // 2
    "metadata:", // 3
    kind === "Role" ? "  name: app\n  namespace: shop" : "  name: app", // 4 (5)
    "rules:",
    `  - apiGroups: ${apiGroups}`,
    `    resources: ${resources}`,
    `    verbs: ${verbs}`,
    ...(extra ? [extra] : []),
  ].join("\n") + "\n";
}

ruleTester("k8s/rbac-wildcard", {
  valid: [
    { code: role('["apps"]', '["deployments"]', '["get", "list", "watch"]') },
    { name: "not RBAC", code: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  verbs: \"*\"\n" },
    { name: "nonResourceURLs are not judged", code: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: d\nrules:\n  - nonResourceURLs: [\"*\"]\n    verbs: [\"get\"]\n" },
  ],
  invalid: [
    {
      code: role('["*"]', '["*"]', '["*"]'),
      errors: [
        {
          line: 6,
          column: 17,
          endColumn: 20,
          severity: "error",
          resource: "ClusterRole/app",
          message: 'ClusterRole "app" rules[0] uses "*" in apiGroups, resources and verbs: it grants every verb on every resource: full control, like cluster-admin',
        },
      ],
    },
    {
      code: role('["apps"]', "\n      - deployments\n      - \"*\"", '["get"]'),
      errors: [{ line: 9, column: 9, severity: "warning", message: 'ClusterRole "app" rules[0] uses "*" in resources: it grants more than it can name; list exactly what is needed' }],
    },
    {
      name: "suppressed above the object",
      code: "# container-review ignore=k8s/rbac-wildcard the operator manages arbitrary CRDs\n" + role('[""]', '["pods"]', '["*"]'),
      errors: [{ line: 9, suppressed: true }],
    },
  ],
});

ruleTester("k8s/rbac-privilege-escalation", {
  valid: [
    { code: role('[""]', '["pods", "pods/log"]', '["get", "list", "watch"]') },
    { name: "pods of another API group (metrics)", code: role('["metrics.k8s.io"]', '["pods"]', '["create"]') },
    { name: "wildcards are left to rbac-wildcard", code: role('[""]', '["*"]', '["*"]') },
  ],
  invalid: [
    {
      code: role('["rbac.authorization.k8s.io"]', '["clusterroles"]', '["bind", "escalate"]'),
      errors: [
        {
          line: 8,
          column: 13,
          endColumn: 19,
          severity: "error",
          resource: "ClusterRole/app",
          message: 'ClusterRole "app" grants bind in every namespace (wherever it is bound with a ClusterRoleBinding): it lets the holder bind any role, cluster-admin included, to itself',
        },
        { line: 8, column: 21, message: /^ClusterRole "app" grants escalate .*: it lets the holder edit roles to include permissions it does not have$/ },
      ],
    },
    {
      code: role('[""]', '["pods", "pods/exec"]', '["get", "create"]', "", "Role"),
      errors: [
        { line: 8, column: 17, resource: "Role/shop/app", message: 'Role "app" grants create on pods in namespace "shop": the holder can start a pod with any service account (and its token) and any image' },
        { line: 8, column: 25, message: 'Role "app" grants get, create on pods/exec in namespace "shop": the holder can run commands in other pods and read their secrets and tokens' },
      ],
    },
    {
      code: role('["", "authentication.k8s.io"]', '["users", "groups", "serviceaccounts"]', '["impersonate"]'),
      errors: [{ line: 8, message: /grants impersonate .*: it lets the holder act as any user, group or service account$/ }],
    },
  ],
});

ruleTester("k8s/rbac-secrets-access", {
  valid: [
    { code: role('[""]', '["configmaps"]', '["get", "list"]') },
    { name: "write-only access", code: role('[""]', '["secrets"]', '["create", "update"]') },
    { name: "secrets of another API group", code: role('["example.com"]', '["secrets"]', '["list"]') },
  ],
  invalid: [
    {
      code: role('[""]', '["secrets"]', '["get", "list", "watch"]'),
      errors: [
        {
          line: 7,
          column: 17,
          endColumn: 26,
          severity: "warning",
          resource: "ClusterRole/app",
          message: 'ClusterRole "app" can get, list, watch Secrets in every namespace (wherever it is bound with a ClusterRoleBinding): their values, not just their names',
        },
      ],
    },
    {
      name: "one named Secret: info",
      code: role('[""]', '["secrets"]', '["get"]', '    resourceNames: ["app-tls"]', "Role"),
      errors: [{ line: 8, severity: "info", message: 'Role "app" can read the Secrets app-tls in namespace "shop"' }],
    },
  ],
});

const binding = (kind: string, subjects: string) =>
  [
    "apiVersion: rbac.authorization.k8s.io/v1",
    `kind: ${kind}`,
    "metadata:",
    "  name: ci-admin",
    ...(kind === "RoleBinding" ? ["  namespace: tools"] : []),
    "roleRef:",
    "  apiGroup: rbac.authorization.k8s.io",
    "  kind: ClusterRole",
    "  name: cluster-admin",
    "subjects:",
    subjects,
  ].join("\n") + "\n";

ruleTester("k8s/rbac-cluster-admin", {
  valid: [
    { name: "the bootstrap binding to system:masters", code: binding("ClusterRoleBinding", "  - kind: Group\n    name: system:masters\n    apiGroup: rbac.authorization.k8s.io") },
    { name: "another role", code: binding("ClusterRoleBinding", "  - kind: ServiceAccount\n    name: ci\n    namespace: tools").replace("name: cluster-admin", "name: view") },
  ],
  invalid: [
    {
      code: binding("ClusterRoleBinding", "  - kind: ServiceAccount\n    name: ci\n    namespace: tools"),
      errors: [
        {
          line: 8,
          column: 3,
          endColumn: 22,
          severity: "error",
          resource: "ClusterRoleBinding/ci-admin",
          message: 'ClusterRoleBinding "ci-admin" gives cluster-admin (full control of the cluster) to ServiceAccount tools/ci',
        },
      ],
    },
    {
      code: binding("RoleBinding", "  - kind: User\n    name: jane@example.com"),
      errors: [{ line: 9, severity: "warning", resource: "RoleBinding/tools/ci-admin", message: 'RoleBinding "ci-admin" gives cluster-admin (full control of namespace "tools") to User jane@example.com' }],
    },
    {
      code: binding("ClusterRoleBinding", "  - kind: Group\n    name: system:masters\n  - kind: Group\n    name: system:authenticated"),
      errors: [{ line: 8, severity: "error", message: 'ClusterRoleBinding "ci-admin" gives cluster-admin (full control of the cluster) to Group system:masters, Group system:authenticated: that is every client of the API server' }],
    },
  ],
});
