import { ruleTester } from "../../../helpers/rule-tester.js";

/** The pod spec of each pod-bearing kind, with one container `app` whose `- name:` line is given. */
const KINDS: { kind: string; apiVersion: string; lead: string; indent: string; nameLine: number }[] = [
  { kind: "Pod", apiVersion: "v1", lead: "spec:\n", indent: "  ", nameLine: 7 },
  { kind: "StatefulSet", apiVersion: "apps/v1", lead: "spec:\n  template:\n    spec:\n", indent: "      ", nameLine: 9 },
  { kind: "DaemonSet", apiVersion: "apps/v1", lead: "spec:\n  template:\n    spec:\n", indent: "      ", nameLine: 9 },
  { kind: "ReplicaSet", apiVersion: "apps/v1", lead: "spec:\n  template:\n    spec:\n", indent: "      ", nameLine: 9 },
  { kind: "Job", apiVersion: "batch/v1", lead: "spec:\n  template:\n    spec:\n", indent: "      ", nameLine: 9 },
  { kind: "Rollout", apiVersion: "argoproj.io/v1alpha1", lead: "spec:\n  template:\n    spec:\n", indent: "      ", nameLine: 9 },
];

function manifest(k: (typeof KINDS)[number], containerBody: string): string {
  const body = containerBody
    .split("\n")
    .map((l) => `${k.indent}    ${l}`)
    .join("\n");
  return `apiVersion: ${k.apiVersion}\nkind: ${k.kind}\nmetadata:\n  name: w\n${k.lead}${k.indent}containers:\n${k.indent}  - name: app\n${k.indent}    image: app:1.0\n${body}\n`;
}

ruleTester("k8s/read-only-root-filesystem", {
  valid: KINDS.map((k) => ({ name: `${k.kind} with a read-only root filesystem`, code: manifest(k, "securityContext:\n  readOnlyRootFilesystem: true") })),
  invalid: [
    ...KINDS.map((k) => ({
      name: `${k.kind} without it`,
      code: manifest(k, "ports:\n  - containerPort: 80"),
      errors: [{ line: k.nameLine, resource: `${k.kind}/w`, container: "app" }],
    })),
    {
      name: "ephemeral containers of a Pod too",
      code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      image: app:1.0\n      securityContext:\n        readOnlyRootFilesystem: true\n  ephemeralContainers:\n    - name: debugger\n      image: busybox:1.36\n",
      errors: [{ line: 12, container: "debugger", message: 'ephemeral container "debugger" has a writable root filesystem: securityContext.readOnlyRootFilesystem is not set to true' }],
    },
    {
      name: "a JSON manifest points at the exact key",
      path: "pod.json",
      code: '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "p"},\n  "spec": {\n    "containers": [\n      {"name": "app", "image": "app:1.0", "securityContext": {"readOnlyRootFilesystem": false}}\n    ]\n  }\n}\n',
      errors: [{ line: 7, column: 63, resource: "Pod/p", container: "app", message: 'container "app" has a writable root filesystem (securityContext.readOnlyRootFilesystem: false)' }],
    },
  ],
});

ruleTester("k8s/secret-in-env", {
  valid: [],
  invalid: KINDS.map((k) => ({
    name: `${k.kind} with a literal password`,
    code: manifest(k, "env:\n  - name: ADMIN_PASSWORD\n    value: \"s3cure-Pa55\""),
    errors: [{ line: k.nameLine + 4, resource: `${k.kind}/w`, container: "app", message: /ADMIN_PASSWORD looks like a secret/ }],
  })),
});
