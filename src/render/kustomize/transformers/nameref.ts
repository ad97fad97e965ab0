import type { Resource } from "../resource.js";

export const NAME_REFERENCES: readonly unknown[] = [];
export function fixNameReferences(_resources: Resource[]): void {}
