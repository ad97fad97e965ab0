import type { CrossFileRule } from "../../src/engine/types.js";
import { namedUserRunAsNonRoot } from "./named-user-run-as-non-root.js";

/** Rules that join files of different kinds (e.g. a Deployment and the Dockerfile of its image). */
export const crossRules: readonly CrossFileRule[] = [namedUserRunAsNonRoot];
