import type { MapNode, Resource } from "../resource.js";
import type { TransformContext } from "./context.js";

/** Appends generated resources to `resources` (or merges/replaces existing ones per `behavior`). */
export async function runGenerators(_resources: Resource[], _kustomization: MapNode, _ctx: TransformContext): Promise<void> {}
/** Adds the content hash suffix to every generated resource that wants one; records the previous names. */
export function applyHashSuffixes(_resources: Resource[]): void {}
export function kustomizeHash(_node: MapNode): string { return ""; }
export function isGenerated(_resource: Resource): boolean { return false; }
