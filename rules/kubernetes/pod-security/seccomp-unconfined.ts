/**
 * `k8s/seccomp-unconfined` (PSS baseline "Seccomp"): a seccomp profile, where set, must be
 * `RuntimeDefault` or `Localhost` — at pod level and at container level. A profile that is not
 * set at all is the restricted level's concern (`k8s/seccomp-missing`).
 */
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { describeContainer } from "../../../src/engine/kubernetes/report.js";
import type { Report, Rule } from "../../../src/engine/types.js";
import { PSS_REFERENCE, reportAt, show, subject, writtenSettings } from "./pss.js";

/** The seccomp profile types both levels accept. */
export const ALLOWED_SECCOMP_TYPES: ReadonlySet<string> = new Set(["RuntimeDefault", "Localhost"]);

export const seccompUnconfined: Rule<KubernetesModel> = {
  meta: {
    id: "k8s/seccomp-unconfined",
    kind: "kubernetes",
    title: "Seccomp is disabled",
    severity: "error",
    rationale:
      "Seccomp filters the system calls a container may make; the runtime's default profile blocks dozens that are only useful to attackers " +
      "(keyctl, unshare, mount, kexec...). `Unconfined` turns the filter off. The baseline level allows a set profile only with type RuntimeDefault or Localhost, " +
      "at pod and container level; a pod-level Unconfined is reported once on the pod, as admission rejects the pod for it even when containers override it.",
    remediation: "Set `securityContext.seccompProfile.type: RuntimeDefault` (or `Localhost` with `localhostProfile` for a tailored profile), on the pod so every container inherits it.",
    references: [PSS_REFERENCE, { title: "Kubernetes: Restrict a Container's Syscalls with seccomp", url: "https://kubernetes.io/docs/tutorials/security/seccomp/" }],
    standards: ["pss-baseline"],
    profile: "baseline",
    examples: {
      bad: "securityContext:\n  seccompProfile:\n    type: Unconfined",
      good: "securityContext:\n  seccompProfile:\n    type: RuntimeDefault",
    },
  },
  check(model) {
    const reports: Report[] = [];
    for (const pod of model.podSpecs) {
      for (const { field: profile, container } of writtenSettings(pod, ["seccompProfile"])) {
        const typeField = profile.get("type");
        const type = typeField?.value;
        if (typeof type === "string" && ALLOWED_SECCOMP_TYPES.has(type)) continue;
        const who = subject(container, describeContainer);
        const message =
          type === "Unconfined"
            ? `${who} disables seccomp (securityContext.seccompProfile.type: Unconfined)`
            : type === undefined || type === null
              ? `${who} sets a seccomp profile without a type; use RuntimeDefault or Localhost (securityContext.seccompProfile)`
              : `${who} sets seccomp profile type ${show(type)}; only RuntimeDefault or Localhost are allowed (securityContext.seccompProfile.type)`;
        reports.push(reportAt(pod, container, { field: typeField ?? profile, message }));
      }
    }
    return reports;
  },
};
