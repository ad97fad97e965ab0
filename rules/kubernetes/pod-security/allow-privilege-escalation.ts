/**
 * `k8s/allow-privilege-escalation` (PSS restricted "Privilege Escalation"): every container must set
 * `allowPrivilegeEscalation: false` explicitly. Windows pods are exempt (policy 1.25).
 */
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { containerReport, describeContainer } from "../../../src/engine/kubernetes/report.js";
import { replaceScalarFix } from "../../../src/engine/kubernetes/yaml-field.js";
import type { Report, Rule } from "../../../src/engine/types.js";
import { PSS_REFERENCE, SECURITY_CONTEXT_REFERENCE, show } from "./pss.js";

export const allowPrivilegeEscalation: Rule<KubernetesModel> = {
  meta: {
    id: "k8s/allow-privilege-escalation",
    kind: "kubernetes",
    title: "Container may gain more privileges than its parent process",
    severity: "warning",
    rationale:
      "Unless `allowPrivilegeEscalation` is false, the container runs without the no_new_privs flag, so a setuid binary or file capability " +
      "in the image can raise a compromised process to root. Kubernetes defaults it to true, so the restricted level requires it to be set to false " +
      "explicitly on every container (Windows pods are exempt). An explicit `true` is reported as an error, a missing value as a warning.",
    remediation: "Add `allowPrivilegeEscalation: false` to the securityContext of every container, init container and ephemeral container.",
    references: [PSS_REFERENCE, SECURITY_CONTEXT_REFERENCE],
    standards: ["pss-restricted"],
    profile: "restricted",
    fixable: true,
    examples: {
      bad: "containers:\n  - name: web\n    image: nginx:1.27",
      good: "containers:\n  - name: web\n    image: nginx:1.27\n    securityContext:\n      allowPrivilegeEscalation: false",
    },
  },
  check(model, context) {
    const reports: Report[] = [];
    for (const pod of model.podSpecs) {
      if (pod.windows) continue;
      for (const container of pod.containers) {
        const field = container.setting("allowPrivilegeEscalation");
        if (field?.boolean === false) continue;
        if (!field || field.isNull) {
          reports.push(
            containerReport(container, {
              missingPath: `${container.node.path}.securityContext.allowPrivilegeEscalation`,
              message: `${describeContainer(container)} may escalate privileges: securityContext.allowPrivilegeEscalation is not set to false`,
            }),
          );
          continue;
        }
        const fix = field.boolean === true ? replaceScalarFix(context.file, field, "false", "Forbid privilege escalation") : undefined;
        reports.push(
          containerReport(container, {
            field,
            severity: "error",
            message: `${describeContainer(container)} allows privilege escalation (securityContext.allowPrivilegeEscalation: ${show(field.value ?? "(not a boolean)")})`,
            ...(fix ? { fix } : {}),
          }),
        );
      }
    }
    return reports;
  },
};
