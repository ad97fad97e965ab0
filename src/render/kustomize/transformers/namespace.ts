import type { Resource, ScalarNode } from "../resource.js";
import type { TransformContext } from "./context.js";

export function applyNamespace(_resources: Resource[], _value: ScalarNode, _ctx: TransformContext): void {}
