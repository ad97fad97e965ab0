/**
 * `k8s/capabilities-not-dropped` (PSS restricted "Capabilities", policy 1.22): every container must
 * drop ALL capabilities and may add back only NET_BIND_SERVICE. Windows pods are exempt (1.25).
 *
 * An added capability outside the baseline set is reported by `k8s/capabilities-added` alone;
 * this rule reports the baseline-set ones the restricted level still forbids, so no capability is
 * reported twice.
 */
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { containerReport, describeContainer } from "../../../src/engine/kubernetes/report.js";
import type { Report, Rule } from "../../../src/engine/types.js";
import { BASELINE_CAPABILITIES } from "../../data/capabilities.js";
import { PSS_REFERENCE, SECURITY_CONTEXT_REFERENCE } from "./pss.js";

/** The only capability the restricted level lets a container add back. */
export const RESTRICTED_ADDABLE_CAPABILITIES: ReadonlySet<string> = new Set(["NET_BIND_SERVICE"]);

export const capabilitiesNotDropped: Rule<KubernetesModel> = {
  meta: {
    id: "k8s/capabilities-not-dropped",
    kind: "kubernetes",
    title: "Container does not drop all capabilities",
    severity: "warning",
    rationale:
      "Container runtimes grant a default set of capabilities (CHOWN, DAC_OVERRIDE, SETUID, NET_RAW...) that most applications never use and " +
      "attackers do. The restricted level requires `capabilities.drop` to include ALL and allows adding back only NET_BIND_SERVICE; Windows pods are exempt.",
    remediation: "Add `capabilities: {drop: [ALL]}` to every container's securityContext, and `add: [NET_BIND_SERVICE]` only when it binds a port below 1024.",
    references: [PSS_REFERENCE, SECURITY_CONTEXT_REFERENCE],
    standards: ["pss-restricted"],
    profile: "restricted",
    examples: {
      bad: "securityContext:\n  capabilities:\n    drop: [NET_RAW]",
      good: "securityContext:\n  capabilities:\n    drop: [ALL]\n    add: [NET_BIND_SERVICE]",
    },
  },
  check(model) {
    const reports: Report[] = [];
    for (const pod of model.podSpecs) {
      if (pod.windows) continue;
      for (const container of pod.containers) {
        const capabilities = container.setting("capabilities");
        const drop = capabilities?.get("drop");
        const dropsAll = (drop?.items() ?? []).some((item) => item.value === "ALL");
        if (!dropsAll) {
          reports.push(
            drop && !drop.isNull
              ? containerReport(container, { field: drop, message: `${describeContainer(container)} does not drop ALL capabilities (securityContext.capabilities.drop)` })
              : containerReport(container, {
                  missingPath: `${container.node.path}.securityContext.capabilities.drop`,
                  message: `${describeContainer(container)} does not drop ALL capabilities: securityContext.capabilities.drop is not set`,
                }),
          );
        }
        for (const item of capabilities?.get("add")?.items() ?? []) {
          const name = item.value;
          if (typeof name !== "string" || RESTRICTED_ADDABLE_CAPABILITIES.has(name) || !BASELINE_CAPABILITIES.has(name)) continue;
          reports.push(
            containerReport(container, {
              field: item,
              fingerprintKey: `${container.node.path}.securityContext.capabilities.add[${name}]`,
              message: `${describeContainer(container)} adds capability ${name}; the restricted profile allows adding only NET_BIND_SERVICE`,
            }),
          );
        }
      }
    }
    reports.sort((a, b) => a.range.line - b.range.line || a.range.column - b.range.column);
    return reports;
  },
};
