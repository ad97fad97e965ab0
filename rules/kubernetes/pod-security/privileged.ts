/** `k8s/privileged` (PSS baseline "Privileged Containers"): no container may run privileged. */
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { containerReport, describeContainer } from "../../../src/engine/kubernetes/report.js";
import { replaceScalarFix } from "../../../src/engine/kubernetes/yaml-field.js";
import type { Report, Rule } from "../../../src/engine/types.js";
import { PSS_REFERENCE, SECURITY_CONTEXT_REFERENCE } from "./pss.js";

export const privileged: Rule<KubernetesModel> = {
  meta: {
    id: "k8s/privileged",
    kind: "kubernetes",
    title: "Container runs privileged",
    severity: "error",
    rationale:
      "A privileged container gets every capability, every host device and no seccomp or AppArmor confinement: root in it is root on the node. " +
      "The Pod Security Standards baseline level forbids it (allowed: false or unset), for containers, init containers and ephemeral containers.",
    remediation:
      "Set `securityContext.privileged: false` (or remove it) and grant only the specific capability the workload needs with `capabilities.add`. " +
      "Device access is better given through a device plugin than through privileged mode.",
    references: [PSS_REFERENCE, SECURITY_CONTEXT_REFERENCE],
    standards: ["pss-baseline"],
    profile: "baseline",
    fixable: true,
    examples: {
      bad: "containers:\n  - name: web\n    image: nginx:1.27\n    securityContext:\n      privileged: true",
      good: "containers:\n  - name: web\n    image: nginx:1.27\n    securityContext:\n      privileged: false",
    },
  },
  check(model, context) {
    const reports: Report[] = [];
    for (const pod of model.podSpecs) {
      for (const container of pod.containers) {
        const field = container.setting("privileged");
        if (field?.boolean !== true) continue;
        const fix = replaceScalarFix(context.file, field, "false", "Turn privileged mode off");
        reports.push(
          containerReport(container, {
            field,
            message: `${describeContainer(container)} runs privileged (securityContext.privileged: true)`,
            ...(fix ? { fix } : {}),
          }),
        );
      }
    }
    return reports;
  },
};
