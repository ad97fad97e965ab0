/**
 * `k8s/service-account-token` (info): the pod gets a service account token mounted because neither
 * the pod nor its ServiceAccount (when that ServiceAccount is in the scanned file) sets
 * `automountServiceAccountToken: false`. The pod's own setting wins over the ServiceAccount's, as
 * in the API server.
 */
import type { K8sObject, KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { podReport } from "../../../src/engine/kubernetes/report.js";
import { replaceScalarFix } from "../../../src/engine/kubernetes/yaml-field.js";
import type { Report, Rule } from "../../../src/engine/types.js";

function findServiceAccount(objects: readonly K8sObject[], name: string, namespace: string | undefined): K8sObject | undefined {
  return objects.find((o) => o.kind === "ServiceAccount" && o.name === name && (o.namespace ?? "") === (namespace ?? ""));
}

export const serviceAccountToken: Rule<KubernetesModel> = {
  meta: {
    id: "k8s/service-account-token",
    kind: "kubernetes",
    title: "Pod mounts a service account token it may not need",
    severity: "info",
    rationale:
      "By default every pod gets a token for its service account mounted at /var/run/secrets/kubernetes.io/serviceaccount. Most applications never call the Kubernetes API; for them the token only helps an intruder move on to the API server with whatever RBAC the account has.",
    remediation:
      "Set `automountServiceAccountToken: false` in the pod spec (or on its ServiceAccount). Pods that do use the API can keep it, ideally with a dedicated ServiceAccount with minimal RBAC.",
    references: [
      { title: "Kubernetes: Configure Service Accounts for Pods (opt out of API credential automounting)", url: "https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting" },
      { title: "CIS Kubernetes Benchmark 5.1.6", url: "https://www.cisecurity.org/benchmark/kubernetes" },
    ],
    standards: ["cis-kubernetes-5.1.6", "nsa-hardening"],
    fixable: true,
    examples: {
      bad: "spec:\n  containers:\n    - name: web\n      image: nginx:1.27",
      good: "spec:\n  automountServiceAccountToken: false\n  containers:\n    - name: web\n      image: nginx:1.27",
    },
  },
  check(model, context) {
    const reports: Report[] = [];
    for (const pod of model.podSpecs) {
      const field = pod.field("automountServiceAccountToken");
      if (field?.boolean === false) continue;
      const accountName = pod.field("serviceAccountName")?.string || pod.field("serviceAccount")?.string || "default";
      if (!field || field.isNull) {
        const account = findServiceAccount(model.objects, accountName, pod.object.namespace);
        if (account?.root.get("automountServiceAccountToken")?.boolean === false) continue;
        reports.push(
          podReport(pod, {
            missingPath: `${pod.spec.path}.automountServiceAccountToken`,
            message: `the pod mounts a token of service account "${accountName}": automountServiceAccountToken is not set to false on the pod${account ? " or its ServiceAccount" : ""}`,
          }),
        );
        continue;
      }
      if (field.boolean !== true) continue;
      const fix = replaceScalarFix(context.file, field, "false", "Do not mount the service account token");
      reports.push(
        podReport(pod, {
          field,
          message: `the pod mounts a token of service account "${accountName}" (automountServiceAccountToken: true); set it to false unless the pod calls the Kubernetes API`,
          ...(fix ? { fix } : {}),
        }),
      );
    }
    return reports;
  },
};
