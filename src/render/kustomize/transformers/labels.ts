import type { Node, Resource } from "../resource.js";
import type { TransformContext } from "./context.js";

export function applyLabels(_resources: Resource[], _labels: Node | undefined, _commonLabels: Node | undefined, _ctx: TransformContext): void {}
export function applyAnnotations(_resources: Resource[], _commonAnnotations: Node | undefined, _ctx: TransformContext): void {}
