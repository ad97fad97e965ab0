/**
 * `k8s/selinux-options` (PSS baseline "SELinux"): `seLinuxOptions.type` must be one of the container
 * types and `user` / `role` must not be set, at pod and container level. The MCS `level` is free.
 */
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { describeContainer } from "../../../src/engine/kubernetes/report.js";
import type { Report, Rule } from "../../../src/engine/types.js";
import { PSS_REFERENCE, SECURITY_CONTEXT_REFERENCE, reportAt, show, subject, writtenSettings } from "./pss.js";

/** Allowed `seLinuxOptions.type` values besides empty/unset (container_engine_t since policy 1.31). */
export const ALLOWED_SELINUX_TYPES: ReadonlySet<string> = new Set(["container_t", "container_init_t", "container_kvm_t", "container_engine_t"]);

export const selinuxOptions: Rule<KubernetesModel> = {
  meta: {
    id: "k8s/selinux-options",
    kind: "kubernetes",
    title: "Custom SELinux user, role or type",
    severity: "error",
    rationale:
      "SELinux labels decide what a container process may touch on the node. A custom type such as spc_t (super-privileged container) or unconfined_t, " +
      "or a custom SELinux user or role, can lift the container out of its confinement. The baseline level allows only the types " +
      `${[...ALLOWED_SELINUX_TYPES].join(", ")} (or none) and no user or role; the level (MCS categories) may be set.`,
    remediation: "Remove `seLinuxOptions.user` and `seLinuxOptions.role`, and use one of the container types for `seLinuxOptions.type` (or leave it to the runtime).",
    references: [PSS_REFERENCE, SECURITY_CONTEXT_REFERENCE],
    standards: ["pss-baseline"],
    profile: "baseline",
    examples: {
      bad: "securityContext:\n  seLinuxOptions:\n    type: spc_t",
      good: "securityContext:\n  seLinuxOptions:\n    level: \"s0:c123,c456\"",
    },
  },
  check(model) {
    const reports: Report[] = [];
    for (const pod of model.podSpecs) {
      const found = [
        ...writtenSettings(pod, ["seLinuxOptions", "type"]).map((w) => ({ ...w, key: "type" })),
        ...writtenSettings(pod, ["seLinuxOptions", "user"]).map((w) => ({ ...w, key: "user" })),
        ...writtenSettings(pod, ["seLinuxOptions", "role"]).map((w) => ({ ...w, key: "role" })),
      ];
      for (const { field, container, key } of found) {
        const value = field.value;
        if (value === "") continue;
        if (key === "type" && typeof value === "string" && ALLOWED_SELINUX_TYPES.has(value)) continue;
        const who = subject(container, describeContainer);
        reports.push(
          reportAt(pod, container, {
            field,
            message:
              key === "type"
                ? `${who} sets SELinux type ${show(value)}; only ${[...ALLOWED_SELINUX_TYPES].join(", ")} are allowed (securityContext.seLinuxOptions.type)`
                : `${who} sets a custom SELinux ${key} ${show(value)} (securityContext.seLinuxOptions.${key})`,
          }),
        );
      }
    }
    reports.sort((a, b) => a.range.line - b.range.line || a.range.column - b.range.column);
    return reports;
  },
};
