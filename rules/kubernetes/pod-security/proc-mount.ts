/**
 * `k8s/proc-mount` (PSS baseline "/proc Mount Type"): `procMount` must be unset or `Default`.
 * Since policy 1.35 the baseline level allows any value in a pod with `hostUsers: false` (the pod
 * has its own user namespace); the restricted level does not, so with `profile: restricted` the
 * relaxation does not apply.
 */
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { containerReport, describeContainer } from "../../../src/engine/kubernetes/report.js";
import type { Report, Rule } from "../../../src/engine/types.js";
import { PSS_REFERENCE, SECURITY_CONTEXT_REFERENCE, show } from "./pss.js";

export const procMount: Rule<KubernetesModel> = {
  meta: {
    id: "k8s/proc-mount",
    kind: "kubernetes",
    title: "Container unmasks /proc",
    severity: "error",
    rationale:
      "The default /proc mount masks and makes read-only the paths that leak host information or let a process reconfigure the kernel " +
      "(/proc/sys, /proc/kcore, /proc/sysrq-trigger...). `procMount: Unmasked` removes that. The baseline level allows only `Default`; " +
      "from policy 1.35 it allows any value in pods with `hostUsers: false`, which the restricted level does not.",
    remediation: "Remove `procMount` or set it to `Default`. Nested container runtimes that need an unmasked /proc should run in a user-namespaced pod (`hostUsers: false`) under the baseline profile.",
    references: [PSS_REFERENCE, SECURITY_CONTEXT_REFERENCE],
    standards: ["pss-baseline", "pss-restricted"],
    profile: "baseline",
    examples: {
      bad: "securityContext:\n  procMount: Unmasked",
      good: "securityContext:\n  procMount: Default",
    },
  },
  check(model, context) {
    const reports: Report[] = [];
    for (const pod of model.podSpecs) {
      const relaxed = pod.userNamespaced && context.config.profile === "baseline";
      if (relaxed) continue;
      for (const container of pod.containers) {
        const field = container.setting("procMount");
        if (!field || field.isNull || field.value === "Default") continue;
        const why = pod.userNamespaced ? "; hostUsers: false relaxes this only under the baseline profile" : "";
        reports.push(
          containerReport(container, { field, message: `${describeContainer(container)} sets procMount: ${show(field.value ?? "(not a string)")}; only Default is allowed${why}` }),
        );
      }
    }
    return reports;
  },
};
