/**
 * `k8s/secret-in-env`: a container environment variable whose literal `value` is a secret: a
 * secret-like name with a real value, or a value in a well-known credential format under any name.
 * The value is never repeated in the message. `valueFrom` (secretKeyRef, configMapKeyRef, ...) and
 * `$(OTHER_VAR)` references are fine.
 */
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { containerReport, describeContainer } from "../../../src/engine/kubernetes/report.js";
import { describeCredential, isLiteralSecretAssignment } from "../../../src/engine/secrets.js";
import type { Report, Rule } from "../../../src/engine/types.js";

export const secretInEnv: Rule<KubernetesModel> = {
  meta: {
    id: "k8s/secret-in-env",
    kind: "kubernetes",
    title: "Secret written into a container's environment",
    severity: "error",
    rationale:
      "A literal secret in a manifest is in the repository's history forever, visible to everyone who can read the repository or `get` the workload, and printed by `kubectl describe`. Kubernetes Secrets at least keep it out of the code and under separate RBAC.",
    remediation:
      "Move the value into a Secret (or an external secret store) and reference it with `valueFrom.secretKeyRef`; rotate the leaked credential, because it is already in the history.",
    references: [
      { title: "Kubernetes: Secrets (using Secrets as environment variables)", url: "https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables" },
      { title: "Kubernetes: Good practices for Kubernetes Secrets", url: "https://kubernetes.io/docs/concepts/security/secrets-good-practices/" },
    ],
    standards: ["cis-kubernetes-5.4.1", "nsa-hardening"],
    examples: {
      bad: "env:\n  - name: DB_PASSWORD\n    value: hunter2-prod",
      good: "env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db\n        key: password",
    },
  },
  check(model) {
    const reports: Report[] = [];
    for (const pod of model.podSpecs) {
      for (const container of pod.containers) {
        for (const item of container.node.get("env")?.items("name") ?? []) {
          const name = item.get("name")?.string;
          const valueField = item.get("value");
          const raw = valueField?.value;
          if (!valueField || raw === null || raw === undefined) continue;
          const value = String(raw);
          const credential = describeCredential(value);
          const label = name ? `environment variable ${name}` : "an unnamed environment variable";
          if (credential) {
            reports.push(
              containerReport(container, {
                field: valueField,
                message: `${describeContainer(container)} ${label} holds ${credential} in plain text; reference a Secret with valueFrom.secretKeyRef`,
              }),
            );
            continue;
          }
          if (name && typeof raw === "string" && isLiteralSecretAssignment(name, value)) {
            reports.push(
              containerReport(container, {
                field: valueField,
                message: `${describeContainer(container)} ${label} looks like a secret and is set to a literal value; reference a Secret with valueFrom.secretKeyRef`,
              }),
            );
          }
        }
      }
    }
    return reports;
  },
};
