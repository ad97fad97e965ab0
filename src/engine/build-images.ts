/**
 * Images that a build tool builds from this repository and rewrites in the manifests at deploy
 * time. Skaffold builds every `build.artifacts[].image` (also under `profiles[].build`) and, when
 * it deploys, replaces each manifest reference to that image (`image: adservice`) with the pushed,
 * digest-pinned one (`gcr.io/p/adservice:v1@sha256:...`). So a manifest's untagged `image: adservice`
 * is never what runs: rules that judge the tag or digest leave such images alone.
 *
 * Images are compared by identity (registry and repository, Docker Hub names normalised), so a
 * manifest's `adservice`, `adservice:latest` and `docker.io/library/adservice` all match an
 * artifact `adservice`.
 */
import { parseImageReference } from "./image-reference.js";
import type { KubernetesModel } from "./kubernetes/model.js";
import type { YamlField } from "./kubernetes/yaml-field.js";
import type { ParsedFile } from "./types.js";

/** Where an image is said to be built: the tool and the file. */
export interface BuiltImage {
  /** "skaffold" (the only one read from files today). */
  tool: string;
  file: string;
  line: number;
}

/** Image identity -> where it is built. */
export type BuildImages = ReadonlyMap<string, BuiltImage>;

/** `registry/repository` of an image reference, undefined for unparseable or templated ones. */
export function imageIdentity(image: string): string | undefined {
  const ref = parseImageReference(image);
  if (!ref || ref.hasVariables) return undefined;
  return `${ref.registry}/${ref.repository}`;
}

function artifactsOf(build: YamlField | undefined): YamlField[] {
  return build?.get("artifacts")?.items() ?? [];
}

/** Images built by the skaffold configs among the parsed files (`apiVersion: skaffold/...`, `kind: Config`). */
export function collectBuildImages(files: readonly ParsedFile[]): Map<string, BuiltImage> {
  const out = new Map<string, BuiltImage>();
  for (const f of files) {
    if (f.kind !== "kubernetes") continue;
    for (const object of (f.model as KubernetesModel).objects) {
      if (!object.apiVersion.startsWith("skaffold/") || object.kind !== "Config") continue;
      const builds = [object.root.get("build"), ...(object.root.get("profiles")?.items() ?? []).map((p) => p.get("build"))];
      for (const artifact of builds.flatMap(artifactsOf)) {
        const field = artifact.get("image");
        const image = field?.string;
        const id = image ? imageIdentity(image) : undefined;
        if (!field || !id || out.has(id)) continue;
        out.set(id, { tool: "skaffold", file: f.file.path, line: field.range.line });
      }
    }
  }
  return out;
}

/** The build tool that replaces this image at deploy time, if any (`ko://` references: ko). */
export function builtBy(image: string, buildImages: BuildImages | undefined): BuiltImage | { tool: "ko" } | undefined {
  if (/^ko:\/\//.test(image.trim())) return { tool: "ko" };
  const id = imageIdentity(image);
  return id ? buildImages?.get(id) : undefined;
}
