/**
 * Kustomize renderer: `buildKustomization(view, dir, limits)` returns what `kustomize build dir`
 * prints, with provenance segments, the files it read and the problems it met (see build.ts).
 */
export { buildKustomization, type KustomizeLimits } from "./build.js";
export { readYamlDocuments, YamlReadError } from "./yaml-read.js";
export { Emitter } from "./emit.js";
