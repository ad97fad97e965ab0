/**
 * `k8s/image-latest-tag`: a container image without a tag or with `:latest` (digest-pinned images
 * are fine; references with unresolved `${VAR}` placeholders are not judged, nor are images a build
 * tool replaces at deploy time: skaffold artifacts and `ko://` references).
 */
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { containerReport, describeContainer } from "../../../src/engine/kubernetes/report.js";
import { parseImageReference, usesLatestTag } from "../../../src/engine/image-reference.js";
import type { Report, Rule } from "../../../src/engine/types.js";
import { shown } from "./support.js";
import { builtBy } from "../../../src/engine/build-images.js";

export const imageLatestTag: Rule<KubernetesModel> = {
  meta: {
    id: "k8s/image-latest-tag",
    kind: "kubernetes",
    title: "Container image uses the latest tag",
    severity: "warning",
    rationale:
      "`latest` (or no tag, which means latest) changes whenever someone pushes: pods of one Deployment can run different code after a reschedule, a bad or malicious push is picked up silently, and a rollback has nothing to return to. Kubernetes also defaults imagePullPolicy to Always for such images.",
    remediation:
      "Pin a version tag, or better a digest (`nginx:1.27.2@sha256:...`) kept current by Renovate or Dependabot. Images that a build tool replaces at deploy time are not reported: an image named as a build artifact in a Skaffold config of the repository (`apiVersion: skaffold/...`, `kind: Config`, `build.artifacts[].image`, also under `profiles`), which Skaffold rewrites in the manifests to the pushed, digest-pinned image, and `ko://` references, which ko builds and pins. The app reads the repository's Skaffold files even when a pull request does not change them; the CLI sees them when they are among the scanned paths (scan the repository root, not only the manifests folder).",
    references: [
      { title: "Kubernetes: Images (image names, tags and digests)", url: "https://kubernetes.io/docs/concepts/containers/images/#image-names" },
      { title: "Kubernetes: Configuration best practices (container images)", url: "https://kubernetes.io/docs/concepts/configuration/overview/#container-images" },
    ],
    standards: ["nsa-hardening"],
    examples: {
      bad: "containers:\n  - name: web\n    image: nginx",
      good: "containers:\n  - name: web\n    image: nginx:1.27.2",
    },
  },
  check(model, context) {
    const reports: Report[] = [];
    for (const pod of model.podSpecs) {
      for (const container of pod.containers) {
        const field = container.node.get("image");
        const image = field?.string;
        if (!field || image === undefined) continue;
        // Skaffold rewrites its artifacts' images to pushed, digest-pinned references; ko builds ko:// ones.
        if (builtBy(image, context.buildImages)) continue;
        const ref = parseImageReference(image);
        if (!ref || ref.hasVariables || !usesLatestTag(ref)) continue;
        const what = ref.tag === "latest" ? "uses the latest tag" : "has no tag, so it pulls latest";
        reports.push(containerReport(container, { field, message: `${describeContainer(container)} image ${shown(image.trim())} ${what}; pin a version or a digest` }));
      }
    }
    return reports;
  },
};
