/**
 * `k8s/untrusted-registry` (only with `allowedRegistries` configured): a container image from a
 * registry outside the allow list. An image whose registry is a `${VAR}` placeholder cannot be
 * verified and is reported as a warning.
 */
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { containerReport, describeContainer } from "../../../src/engine/kubernetes/report.js";
import { isRegistryAllowed, parseImageReference } from "../../../src/engine/image-reference.js";
import type { Report, Rule } from "../../../src/engine/types.js";
import { shown } from "./support.js";

/** Whether the registry part of a reference (before the first `/`, or the whole of it) holds a variable. */
function registryIsVariable(image: string): boolean {
  const slash = image.indexOf("/");
  const head = slash < 0 ? image : image.slice(0, slash);
  return /\$/.test(head);
}

export const untrustedRegistry: Rule<KubernetesModel> = {
  meta: {
    id: "k8s/untrusted-registry",
    kind: "kubernetes",
    title: "Container image from a registry that is not allowed",
    severity: "error",
    rationale:
      "Images from registries outside your control can be changed, typo-squatted or removed by others, and skip your scanning and signing. An allow list of registries keeps every workload on images that went through your supply chain.",
    remediation:
      "Pull the image from an allowed registry (mirror it there), or add its registry to `allowedRegistries` in the configuration. Entries are registry hosts (`docker.io` for images written without one), `*.example.com` for its sub-domains (not `example.com` itself), a host with a path prefix (`ghcr.io/my-org` allows one organisation), or `\"*\"` for every registry.",
    references: [
      { title: "Kubernetes: Images", url: "https://kubernetes.io/docs/concepts/containers/images/" },
      { title: "NSA/CISA Kubernetes Hardening Guide", url: "https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF" },
    ],
    standards: ["nsa-hardening"],
    requiresConfig: "allowedRegistries",
    examples: {
      bad: "containers:\n  - name: web\n    image: someone/nginx:1.27",
      good: "containers:\n  - name: web\n    image: registry.example.com/nginx:1.27",
    },
  },
  check(model, context) {
    const allowed = context.config.allowedRegistries;
    if (!allowed) return [];
    const list = allowed.join(", ");
    const reports: Report[] = [];
    for (const pod of model.podSpecs) {
      for (const container of pod.containers) {
        const field = container.node.get("image");
        const image = field?.string?.trim();
        if (!field || image === undefined || image === "") continue;
        if (registryIsVariable(image)) {
          reports.push(
            containerReport(container, {
              field,
              severity: "warning",
              message: `${describeContainer(container)} image ${shown(image)} takes its registry from a variable, so it cannot be checked against the allowed registries (${list})`,
            }),
          );
          continue;
        }
        const ref = parseImageReference(image);
        if (!ref || isRegistryAllowed(ref, allowed)) continue;
        reports.push(
          containerReport(container, {
            field,
            message: `${describeContainer(container)} image ${shown(image)} comes from ${ref.registry}, which is not an allowed registry (${list})`,
          }),
        );
      }
    }
    return reports;
  },
};
