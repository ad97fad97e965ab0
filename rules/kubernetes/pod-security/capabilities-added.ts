/**
 * `k8s/capabilities-added` (PSS baseline "Capabilities"): capabilities added beyond the default set
 * container runtimes grant anyway. Names are compared exactly, as Pod Security admission does.
 */
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { containerReport, describeContainer } from "../../../src/engine/kubernetes/report.js";
import type { Report, Rule } from "../../../src/engine/types.js";
import { PSS_REFERENCE, SECURITY_CONTEXT_REFERENCE } from "./pss.js";
import { BASELINE_CAPABILITIES } from "../../data/capabilities.js";


export const capabilitiesAdded: Rule<KubernetesModel> = {
  meta: {
    id: "k8s/capabilities-added",
    kind: "kubernetes",
    title: "Container adds a capability beyond the baseline set",
    severity: "error",
    rationale:
      "Capabilities such as SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE or NET_RAW hand a container large parts of root's power over the kernel " +
      "and are the usual steps of container escapes. The baseline level allows adding only the runtime's default set: " +
      `${[...BASELINE_CAPABILITIES].join(", ")}. Names are compared exactly (CAP_SYS_ADMIN or lower case are not in the list either).`,
    remediation:
      "Remove the capability from `securityContext.capabilities.add`. If the workload really needs it, find a narrower mechanism " +
      "(a device plugin, a sidecar with the privilege, a node-level agent) or run it in a namespace exempted from Pod Security admission, with a suppression that says why.",
    references: [PSS_REFERENCE, SECURITY_CONTEXT_REFERENCE, { title: "capabilities(7)", url: "https://man7.org/linux/man-pages/man7/capabilities.7.html" }],
    standards: ["pss-baseline"],
    profile: "baseline",
    examples: {
      bad: "securityContext:\n  capabilities:\n    add: [SYS_ADMIN]",
      good: "securityContext:\n  capabilities:\n    drop: [ALL]\n    add: [NET_BIND_SERVICE]",
    },
  },
  check(model) {
    const reports: Report[] = [];
    for (const pod of model.podSpecs) {
      for (const container of pod.containers) {
        for (const item of container.setting("capabilities")?.get("add")?.items() ?? []) {
          const name = item.value;
          if (typeof name === "string" && BASELINE_CAPABILITIES.has(name)) continue;
          if (name === null || name === undefined) continue;
          reports.push(
            containerReport(container, {
              field: item,
              fingerprintKey: `${item.path.replace(/\[\d+\]$/, "")}[${String(name)}]`,
              message: `${describeContainer(container)} adds capability ${String(name)}, which is beyond the baseline set (securityContext.capabilities.add)`,
            }),
          );
        }
      }
    }
    return reports;
  },
};
