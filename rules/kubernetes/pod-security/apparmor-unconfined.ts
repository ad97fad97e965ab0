/**
 * `k8s/apparmor-unconfined` (PSS baseline "AppArmor"): the AppArmor profile may only be the runtime
 * default or a profile loaded on the node, in both the `appArmorProfile` field (pod and container)
 * and the older `container.apparmor.security.beta.kubernetes.io/<container>` annotation.
 */
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { describeContainer, podReport, containerReport } from "../../../src/engine/kubernetes/report.js";
import type { Report, Rule } from "../../../src/engine/types.js";
import { PSS_REFERENCE, reportAt, show, subject, writtenSettings } from "./pss.js";

/** Allowed `appArmorProfile.type` values (unset is allowed too). */
export const ALLOWED_APPARMOR_TYPES: ReadonlySet<string> = new Set(["RuntimeDefault", "Localhost"]);
/** Annotation key prefix; the rest of the key is the container name. */
export const APPARMOR_ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";

/** Allowed annotation values: empty, `runtime/default`, `localhost/<profile>`. */
export function isAllowedAppArmorAnnotation(value: string): boolean {
  return value === "" || value === "runtime/default" || value.startsWith("localhost/");
}

export const apparmorUnconfined: Rule<KubernetesModel> = {
  meta: {
    id: "k8s/apparmor-unconfined",
    kind: "kubernetes",
    title: "AppArmor profile is unconfined or not allowed",
    severity: "error",
    rationale:
      "AppArmor confines what a container may do to files, mounts and the network even as root; `Unconfined` removes that layer. " +
      "The baseline level allows only the runtime's default profile or a profile loaded on the node (field: RuntimeDefault, Localhost or unset; " +
      "annotation: runtime/default, localhost/<profile> or empty), at pod and container level.",
    remediation:
      "Remove the override or set `securityContext.appArmorProfile.type: RuntimeDefault` (or `Localhost` with `localhostProfile`). " +
      "Replace the deprecated `container.apparmor.security.beta.kubernetes.io/*` annotations with the `appArmorProfile` field.",
    references: [PSS_REFERENCE, { title: "Kubernetes: Restrict a Container's Access to Resources with AppArmor", url: "https://kubernetes.io/docs/tutorials/security/apparmor/" }],
    standards: ["pss-baseline"],
    profile: "baseline",
    examples: {
      bad: "securityContext:\n  appArmorProfile:\n    type: Unconfined",
      good: "securityContext:\n  appArmorProfile:\n    type: RuntimeDefault",
    },
  },
  check(model) {
    const reports: Report[] = [];
    for (const pod of model.podSpecs) {
      for (const annotation of pod.podAnnotations) {
        if (!annotation.key.startsWith(APPARMOR_ANNOTATION_PREFIX) || isAllowedAppArmorAnnotation(annotation.value)) continue;
        const name = annotation.key.slice(APPARMOR_ANNOTATION_PREFIX.length);
        const container = pod.containers.find((c) => c.name === name);
        const details = {
          range: annotation.range,
          fingerprintKey: `annotations[${annotation.key}]`,
          message: `AppArmor annotation for container "${name}" is ${show(annotation.value)}; only runtime/default or localhost/<profile> are allowed`,
        };
        reports.push(container ? containerReport(container, details) : podReport(pod, details));
      }
      for (const { field, container } of writtenSettings(pod, ["appArmorProfile", "type"])) {
        const type = field.value;
        if (typeof type === "string" && ALLOWED_APPARMOR_TYPES.has(type)) continue;
        const who = subject(container, describeContainer);
        reports.push(
          reportAt(pod, container, {
            field,
            message:
              type === "Unconfined"
                ? `${who} runs without AppArmor confinement (securityContext.appArmorProfile.type: Unconfined)`
                : `${who} sets AppArmor profile type ${show(type)}; only RuntimeDefault or Localhost are allowed (securityContext.appArmorProfile.type)`,
          }),
        );
      }
    }
    return reports;
  },
};
