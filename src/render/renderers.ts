/**
 * The renderers the CLI and the app use by default. Kept in one place so that the engine's
 * callers never import a renderer directly and tests can pass their own.
 */
import type { Renderers } from "./run.js";

export function defaultRenderers(): Renderers {
  return {};
}
