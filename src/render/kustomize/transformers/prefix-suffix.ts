import type { Resource, ScalarNode } from "../resource.js";
import type { TransformContext } from "./context.js";

export function applyNamePrefixSuffix(_resources: Resource[], _prefix: ScalarNode | undefined, _suffix: ScalarNode | undefined, _ctx: TransformContext): void {}
