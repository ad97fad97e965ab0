/**
 * `namePrefix:` / `nameSuffix:`: metadata.name becomes prefix + name + suffix on every resource but
 * Namespaces, CustomResourceDefinitions and APIServices (as kubectl kustomize v5.5 does). The previous name is
 * recorded so `fixNameReferences` can follow the rename. The new name carries the origin of the
 * `namePrefix:` value (of `nameSuffix:` when there is no prefix).
 */
import { mapGet, type Resource, type ScalarNode } from "../resource.js";
import { problemAt, recordAffix, recordPreviousName, resId, type TransformContext } from "./context.js";
import { setScalar } from "./namespace.js";

const SKIPPED = new Set(["Namespace", "CustomResourceDefinition", "APIService"]);

export function applyNamePrefixSuffix(resources: Resource[], prefix: ScalarNode | undefined, suffix: ScalarNode | undefined, ctx: TransformContext): void {
  const p = text(prefix, "namePrefix", ctx);
  const s = text(suffix, "nameSuffix", ctx);
  if (p === "" && s === "") return;
  const from = p !== "" ? prefix! : suffix!;
  for (const r of resources) {
    const id = resId(r.node);
    if (SKIPPED.has(id.kind)) continue;
    const meta = mapGet(r.node, "metadata");
    if (meta?.type !== "map" || id.name === "") continue;
    recordPreviousName(r, id.name, id.namespace);
    recordAffix(r, p, s);
    setScalar(meta, "name", `${p}${id.name}${s}`, from);
  }
}

function text(node: ScalarNode | undefined, field: string, ctx: TransformContext): string {
  if (!node) return "";
  if (node.type !== "scalar" || (node.value !== null && typeof node.value === "object")) {
    problemAt(ctx, node, `${field} must be a string`);
    return "";
  }
  return node.value === null ? "" : String(node.value);
}
