import type { CrossFileRule } from "../../src/engine/types.js";

/** Rules that join files of different kinds (e.g. a Deployment and the Dockerfile of its image). */
export const crossRules: readonly CrossFileRule[] = [];
