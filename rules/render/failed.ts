import type { Rule } from "../../src/engine/types.js";

/**
 * Reported by the engine when a Kustomize overlay or a Helm chart cannot be rendered: what it would
 * deploy is unknown, so nothing it deploys was judged. The finding sits on the file and line the
 * renderer blames (the kustomization entry, the patch, the template line).
 */
export const renderFailed: Rule<unknown> = {
  meta: {
    id: "render/failed",
    kind: "render",
    title: "Overlay or chart does not render",
    severity: "warning",
    rationale:
      "container-review judges what a kustomization or a chart deploys, which it knows only by rendering it. When rendering fails, `kubectl apply -k` or `helm install` would most likely fail the same way, and none of the objects it would deploy was checked.",
    remediation:
      "Fix the error the message names (a missing file, an invalid patch, a template error), then run `container-review render DIR` to see the output.",
    references: [
      { title: "Kustomize: kustomization file reference", url: "https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/" },
      { title: "Helm: helm template", url: "https://helm.sh/docs/helm/helm_template/" },
    ],
    standards: [],
  },
  check: () => [],
};
