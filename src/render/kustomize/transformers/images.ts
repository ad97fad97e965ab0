import type { Node, Resource } from "../resource.js";
import type { TransformContext } from "./context.js";

export function applyImages(_resources: Resource[], _images: Node, _ctx: TransformContext): void {}
