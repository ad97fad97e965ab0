import type { Node, Resource } from "../resource.js";
import type { TransformContext } from "./context.js";

export function applyReplicas(_resources: Resource[], _replicas: Node, _ctx: TransformContext): void {}
