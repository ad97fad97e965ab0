import type { Node, Resource } from "../resource.js";
import type { TransformContext } from "./context.js";

export async function applyReplacements(_resources: Resource[], _replacements: Node, _ctx: TransformContext): Promise<void> {}
