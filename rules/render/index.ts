import { renderFailed } from "./failed.js";
import { renderIncomplete } from "./incomplete.js";

/** Rules the engine reports about rendering itself (Kustomize overlays, Helm charts). */
export const renderRules = [renderFailed, renderIncomplete] as const;
export { renderFailed, renderIncomplete };
