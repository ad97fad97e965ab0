/**
 * The renderers the CLI and the app use by default. Kept in one place so that the engine's
 * callers never import a renderer directly and tests can pass their own.
 */
import { buildKustomization } from "./kustomize/index.js";
import type { Renderers } from "./run.js";

export function defaultRenderers(): Renderers {
  return {
    kustomize: (view, dir, limits) => buildKustomization(view, dir, limits),
  };
}
