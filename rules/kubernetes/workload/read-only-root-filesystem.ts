/** `k8s/read-only-root-filesystem`: every container should set `readOnlyRootFilesystem: true`. */
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { containerReport, describeContainer } from "../../../src/engine/kubernetes/report.js";
import { replaceScalarFix } from "../../../src/engine/kubernetes/yaml-field.js";
import type { Report, Rule } from "../../../src/engine/types.js";
import { SECURITY_CONTEXT_DOCS, shown } from "./support.js";

export const readOnlyRootFilesystem: Rule<KubernetesModel> = {
  meta: {
    id: "k8s/read-only-root-filesystem",
    kind: "kubernetes",
    title: "Container's root filesystem is writable",
    severity: "warning",
    rationale:
      "A writable root filesystem lets an intruder drop tools, replace binaries and keep a foothold for the life of the container. With a read-only root filesystem the image content is immutable and writes go only to the volumes you mount (emptyDir for /tmp and caches).",
    remediation: "Set `securityContext.readOnlyRootFilesystem: true` on the container and mount an `emptyDir` where it needs to write.",
    references: [SECURITY_CONTEXT_DOCS, { title: "NSA/CISA Kubernetes Hardening Guide", url: "https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF" }],
    standards: ["cis-kubernetes-5.7.3", "nsa-hardening"],
    fixable: true,
    examples: {
      bad: "containers:\n  - name: web\n    image: nginx:1.27",
      good: "containers:\n  - name: web\n    image: nginx:1.27\n    securityContext:\n      readOnlyRootFilesystem: true",
    },
  },
  check(model, context) {
    const reports: Report[] = [];
    for (const pod of model.podSpecs) {
      // Windows containers do not support a read-only root filesystem.
      if (pod.windows) continue;
      for (const container of pod.containers) {
        const field = container.setting("readOnlyRootFilesystem");
        if (field?.boolean === true) continue;
        if (!field || field.isNull) {
          reports.push(
            containerReport(container, {
              missingPath: `${container.node.path}.securityContext.readOnlyRootFilesystem`,
              message: `${describeContainer(container)} has a writable root filesystem: securityContext.readOnlyRootFilesystem is not set to true`,
            }),
          );
          continue;
        }
        if (field.boolean === false) {
          const fix = replaceScalarFix(context.file, field, "true", "Make the root filesystem read-only");
          reports.push(
            containerReport(container, {
              field,
              message: `${describeContainer(container)} has a writable root filesystem (securityContext.readOnlyRootFilesystem: false)`,
              ...(fix ? { fix } : {}),
            }),
          );
          continue;
        }
        reports.push(
          containerReport(container, {
            field,
            message: `${describeContainer(container)} sets securityContext.readOnlyRootFilesystem to ${shown(field.value)}, which is not a boolean; Kubernetes rejects it, write true without quotes`,
          }),
        );
      }
    }
    return reports;
  },
};
