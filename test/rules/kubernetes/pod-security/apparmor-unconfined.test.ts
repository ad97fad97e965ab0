import { ruleTester, type InvalidCase } from "../../../helpers/rule-tester.js";
import { WORKLOAD_KINDS, workload } from "./workloads.js";

const annotation = (container: string, value: string) => ["annotations:", `  container.apparmor.security.beta.kubernetes.io/${container}: ${value}`];

ruleTester("k8s/apparmor-unconfined", {
  valid: [
    { name: "RuntimeDefault and Localhost fields", code: workload("Pod", "securityContext:\n  appArmorProfile: {type: RuntimeDefault}\ncontainers:\n  - name: web\n    securityContext:\n      appArmorProfile:\n        type: Localhost\n        localhostProfile: k8s-nginx\n").code },
    { name: "annotation runtime/default", code: workload("Deployment", "containers: [{name: web}]\n", annotation("web", "runtime/default")).code },
    { name: "annotation localhost/<profile>", code: workload("Deployment", "containers: [{name: web}]\n", annotation("web", "localhost/k8s-nginx")).code },
    { name: "annotation empty", code: workload("Pod", "containers: [{name: web}]\n", annotation("web", '""')).code },
    { name: "unset", code: workload("Pod", "containers: [{name: web}]\n").code },
    {
      name: "a Deployment's own metadata annotation does not reach the pod",
      code: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/web: unconfined\nspec:\n  template:\n    spec:\n      containers: [{name: web}]\n",
    },
  ],
  invalid: [
    ...WORKLOAD_KINDS.map((kind): InvalidCase => {
      const w = workload(kind, "containers:\n  - name: web\n", annotation("web", "unconfined"));
      const annotationLine = w.code.split("\n").findIndex((l) => l.includes("container.apparmor")) + 1;
      return {
        name: `${kind}: annotation unconfined on the pod template`,
        code: w.code,
        errors: [{ line: annotationLine, resource: w.resource, container: "web", severity: "error", message: 'AppArmor annotation for container "web" is "unconfined"; only runtime/default or localhost/<profile> are allowed' }],
      };
    }),
    ...WORKLOAD_KINDS.map((kind): InvalidCase => {
      const w = workload(kind, "containers:\n  - name: web\n    securityContext:\n      appArmorProfile:\n        type: Unconfined\n");
      return {
        name: `${kind}: container appArmorProfile Unconfined`,
        code: w.code,
        errors: [{ line: w.line(5), column: w.column(9), endColumn: w.column(25), resource: w.resource, container: "web", message: 'container "web" runs without AppArmor confinement (securityContext.appArmorProfile.type: Unconfined)' }],
      };
    }),
    {
      name: "pod-level Unconfined is reported once on the pod, even when a container overrides it",
      code: workload("Pod", "securityContext:\n  appArmorProfile: {type: Unconfined}\ncontainers:\n  - name: a\n  - name: b\n    securityContext:\n      appArmorProfile: {type: RuntimeDefault}\n").code,
      errors: [{ line: 7, column: 23, endColumn: 39, resource: "Pod/app", message: "the pod runs without AppArmor confinement (securityContext.appArmorProfile.type: Unconfined)" }],
    },
    {
      name: "pod RuntimeDefault, container overrides with Unconfined; init and ephemeral containers; other values",
      code: workload(
        "Pod",
        "securityContext:\n  appArmorProfile: {type: RuntimeDefault}\ninitContainers:\n  - name: init\n    securityContext: {appArmorProfile: {type: Unconfined}}\nephemeralContainers:\n  - name: dbg\n    securityContext: {appArmorProfile: {type: unconfined}}\ncontainers:\n  - name: web\n",
      ).code,
      errors: [
        { line: 10, container: "init", message: 'init container "init" runs without AppArmor confinement (securityContext.appArmorProfile.type: Unconfined)' },
        { line: 13, container: "dbg", message: 'ephemeral container "dbg" sets AppArmor profile type "unconfined"; only RuntimeDefault or Localhost are allowed (securityContext.appArmorProfile.type)' },
      ],
    },
    {
      name: "annotation for a container that does not exist, and a bare profile name",
      code: workload("Pod", "containers: [{name: web}]\n", ["annotations:", "  container.apparmor.security.beta.kubernetes.io/ghost: unconfined", "  container.apparmor.security.beta.kubernetes.io/web: my-profile"]).code,
      errors: [
        { line: 6, column: 5, resource: "Pod/app", message: 'AppArmor annotation for container "ghost" is "unconfined"; only runtime/default or localhost/<profile> are allowed' },
        { line: 7, container: "web", message: 'AppArmor annotation for container "web" is "my-profile"; only runtime/default or localhost/<profile> are allowed' },
      ],
    },
    {
      name: "a comment above the annotation suppresses it",
      code: workload("Pod", "containers: [{name: web}]\n", ["annotations:", "  # container-review ignore=k8s/apparmor-unconfined profile loaded by the operator", "  container.apparmor.security.beta.kubernetes.io/web: unconfined"]).code,
      errors: [{ line: 7, suppressed: true }],
    },
  ],
});
