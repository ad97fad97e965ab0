import type { Node, Resource } from "../resource.js";
import type { TransformContext } from "./context.js";

export interface VarDecl { name: string }
export function collectVars(_vars: Node, _ctx: TransformContext): VarDecl[] { return []; }
export function resolveVars(_resources: Resource[], _vars: VarDecl[], _ctx: TransformContext): void {}
