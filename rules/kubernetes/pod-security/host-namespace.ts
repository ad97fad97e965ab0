/**
 * The shared shape of the three PSS baseline "Host Namespaces" rules (`k8s/host-network`,
 * `k8s/host-pid`, `k8s/host-ipc`): a pod-level boolean that must be false or unset.
 */
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { podReport } from "../../../src/engine/kubernetes/report.js";
import { replaceScalarFix } from "../../../src/engine/kubernetes/yaml-field.js";
import type { Report, Rule, RuleMeta } from "../../../src/engine/types.js";
import { PSS_REFERENCE } from "./pss.js";

export interface HostNamespaceRule {
  id: string;
  field: "hostNetwork" | "hostPID" | "hostIPC";
  title: string;
  /** What sharing the namespace means, for the message: "shares the host's network namespace". */
  effect: string;
  rationale: string;
  remediation: string;
}

export function hostNamespaceRule(spec: HostNamespaceRule): Rule<KubernetesModel> {
  const meta: RuleMeta = {
    id: spec.id,
    kind: "kubernetes",
    title: spec.title,
    severity: "error",
    rationale: spec.rationale,
    remediation: spec.remediation,
    references: [PSS_REFERENCE, { title: "Kubernetes API: PodSpec", url: "https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#PodSpec" }],
    standards: ["pss-baseline"],
    profile: "baseline",
    fixable: true,
    examples: {
      bad: `spec:\n  ${spec.field}: true\n  containers:\n    - name: web\n      image: nginx:1.27`,
      good: `spec:\n  ${spec.field}: false\n  containers:\n    - name: web\n      image: nginx:1.27`,
    },
  };
  return {
    meta,
    check(model, context) {
      const reports: Report[] = [];
      for (const pod of model.podSpecs) {
        const field = pod.field(spec.field);
        if (field?.boolean !== true) continue;
        const fix = replaceScalarFix(context.file, field, "false", `Set ${spec.field} to false`);
        reports.push(podReport(pod, { field, message: `the pod ${spec.effect} (${spec.field}: true)`, ...(fix ? { fix } : {}) }));
      }
      return reports;
    },
  };
}
