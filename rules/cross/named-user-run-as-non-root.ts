/**
 * cross/named-user-run-as-non-root: a pod that asks for `runAsNonRoot: true` without a numeric
 * `runAsUser`, running an image built in this repository whose final USER is a name, never
 * starts: the kubelet refuses with "image has non-numeric user ... cannot verify user is
 * non-root". Neither file is wrong alone, so no single-file linter sees it.
 *
 * Images are tied to Dockerfiles through what the repository states: compose services with both
 * `image:` and `build:`, and skaffold `build.artifacts`. Failing that, a Dockerfile in a folder
 * named like the image's last path segment is taken as a guess (reported at warning level, and
 * saying so).
 */
import { posix } from "node:path";
import type { ComposeModel } from "../../src/engine/compose/model.js";
import { effectiveUser, type DockerfileModel, type UserSetting } from "../../src/engine/dockerfile/model.js";
import { parseImageReference } from "../../src/engine/image-reference.js";
import type { KubernetesModel } from "../../src/engine/kubernetes/model.js";
import { containerReport, describeContainer } from "../../src/engine/kubernetes/report.js";
import type { CrossFileReport, CrossFileRule, ParsedFile } from "../../src/engine/types.js";

interface NamedUserImage {
  dockerfile: string;
  user: UserSetting;
}

/** registry/repository, without tag or digest: the identity an image keeps across versions. */
function imageIdentity(image: string): string | undefined {
  const ref = parseImageReference(image);
  if (!ref || ref.hasVariables) return undefined;
  return `${ref.registry}/${ref.repository}`;
}

function lastSegment(image: string): string | undefined {
  const ref = parseImageReference(image);
  if (!ref || ref.hasVariables) return undefined;
  return ref.repository.split("/").pop();
}

function dockerfilePath(baseFile: string, context: string | undefined, dockerfile: string | undefined): string {
  const dir = posix.dirname(baseFile);
  const ctx = posix.join(dir, context ?? ".");
  return posix.normalize(dockerfile && dockerfile.startsWith("/") ? dockerfile : posix.join(ctx, dockerfile ?? "Dockerfile"));
}

/** The final user of each scanned Dockerfile, when it is a name (not numeric, not root). */
function namedUsers(files: readonly ParsedFile[]): Map<string, UserSetting> {
  const out = new Map<string, UserSetting>();
  for (const f of files) {
    if (f.kind !== "dockerfile") continue;
    const user = effectiveUser((f.model as DockerfileModel).finalStage);
    const name = user?.user;
    if (!user || name === undefined || name === "" || /^\d+$/.test(name) || name === "root" || /\$/.test(name)) continue;
    out.set(f.file.path, user);
  }
  return out;
}

/** image identity -> Dockerfile path, from compose `build:` entries and skaffold artifacts. */
function statedBuilds(files: readonly ParsedFile[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of files) {
    if (f.kind === "compose") {
      for (const service of (f.model as ComposeModel).services) {
        const image = service.field("image")?.text;
        const build = service.field("build");
        if (!image || !build) continue;
        const id = imageIdentity(image);
        if (!id) continue;
        const context = build.isMap ? build.get("context")?.text : build.text;
        const dockerfile = build.isMap ? build.get("dockerfile")?.text : undefined;
        out.set(id, dockerfilePath(f.file.path, context, dockerfile));
      }
    } else if (f.kind === "kubernetes") {
      for (const object of (f.model as KubernetesModel).objects) {
        if (!object.apiVersion.startsWith("skaffold/") || object.kind !== "Config") continue;
        for (const artifact of object.root.at("build", "artifacts")?.items() ?? []) {
          const image = artifact.get("image")?.string;
          const id = image ? imageIdentity(image) : undefined;
          if (!id) continue;
          out.set(id, dockerfilePath(f.file.path, artifact.get("context")?.string, artifact.at("docker", "dockerfile")?.string));
        }
      }
    }
  }
  return out;
}

export const namedUserRunAsNonRoot: CrossFileRule = {
  meta: {
    id: "cross/named-user-run-as-non-root",
    kind: "cross",
    title: "runAsNonRoot pod runs an image whose Dockerfile sets a named user",
    severity: "error",
    rationale:
      "With `runAsNonRoot: true` the kubelet checks the image's user before starting the container, and it can only prove that a numeric UID is not 0. When the pod sets no numeric `runAsUser` and the image (built from a Dockerfile in this repository) ends with `USER <name>`, the pod never starts: \"container has runAsNonRoot and image has non-numeric user, cannot verify user is non-root\". Each file looks fine alone; together they fail at deploy time.",
    remediation:
      "Set a numeric `runAsUser` (and `runAsGroup`) in the pod or container securityContext, or use the numeric UID in the Dockerfile's final `USER` (e.g. `USER 10001:10001`).",
    references: [
      { title: "Kubernetes: Configure a Security Context for a Pod or Container", url: "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/" },
      { title: "Pod Security Standards: Running as Non-root", url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/" },
    ],
    standards: ["pss-restricted"],
    examples: {
      bad: "# web/Dockerfile ends with: USER app\n# compose.yaml: services: { web: { image: shop/web, build: ./web } }\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: web\n      image: shop/web:1.0\n",
      good: "spec:\n  securityContext:\n    runAsNonRoot: true\n    runAsUser: 10001\n  containers:\n    - name: web\n      image: shop/web:1.0\n",
    },
  },
  check(files) {
    const users = namedUsers(files);
    if (users.size === 0) return [];
    const builds = statedBuilds(files);
    const dockerfilesByFolder = new Map<string, string[]>();
    for (const path of users.keys()) {
      const folder = posix.basename(posix.dirname(path));
      dockerfilesByFolder.set(folder, [...(dockerfilesByFolder.get(folder) ?? []), path]);
    }
    const reports: CrossFileReport[] = [];
    for (const f of files) {
      if (f.kind !== "kubernetes") continue;
      for (const pod of (f.model as KubernetesModel).podSpecs) {
        for (const container of pod.containers) {
          if (container.effective("runAsNonRoot")?.field.boolean !== true) continue;
          if (container.effective("runAsUser") !== undefined) continue;
          const imageField = container.node.get("image");
          const image = imageField?.string;
          if (!image) continue;
          const id = imageIdentity(image);
          let match: NamedUserImage | undefined;
          let guessed = false;
          const stated = id ? builds.get(id) : undefined;
          if (stated !== undefined) {
            const user = users.get(stated);
            if (user) match = { dockerfile: stated, user };
            else continue; // the repository says where the image comes from, and that Dockerfile is fine
          } else {
            const segment = lastSegment(image);
            const candidates = segment ? dockerfilesByFolder.get(segment) ?? [] : [];
            if (candidates.length === 1) {
              match = { dockerfile: candidates[0], user: users.get(candidates[0])! };
              guessed = true;
            }
          }
          if (!match) continue;
          const how = guessed
            ? `probably built from ${match.dockerfile} (a guess from the folder name; map it with a compose build: entry or a skaffold artifact to be sure)`
            : `built from ${match.dockerfile}`;
          const report = containerReport(container, {
            field: imageField,
            message: `${describeContainer(container)} sets runAsNonRoot without a numeric runAsUser, and its image "${image}" is ${how}, whose final USER "${match.user.user}" (line ${match.user.instruction.range.line}) is a name: the kubelet cannot verify a named user is non-root, so the pod will not start; set runAsUser to the numeric UID or use USER <uid> in the Dockerfile`,
            fingerprintKey: `${container.node.path}.image->${match.dockerfile}`,
            severity: guessed ? "warning" : undefined,
          });
          reports.push({ ...report, file: f.file.path });
        }
      }
    }
    return reports;
  },
};
