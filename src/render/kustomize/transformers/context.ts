/**
 * What every builtin transformer and generator receives, and the small helpers they share:
 * reporting a problem at a kustomization entry's line, reading a resource's identity, and the name
 * history that lets references be fixed after prefixes, suffixes and hash suffixes renamed things.
 */
import type { SourceView } from "../../../source/view.js";
import type { SourceRange } from "../../provenance.js";
import type { RenderProblem } from "../../types.js";
import { mapGet, type MapNode, type Node, type Resource } from "../resource.js";
import type { TransformerConfig } from "./config.js";

export interface TransformContext {
  /** Repository path of the kustomization file whose field is being applied (for problems). */
  file: string;
  /** Folder of that kustomization (paths in generators and replacements are relative to it). */
  dir: string;
  view: SourceView;
  /** Problems are appended here; transformers never throw on bad input. */
  problems: RenderProblem[];
  /** Absolute time (ms since epoch) after which work stops with an error problem. */
  deadline?: number;
  /** Current time in ms, for the deadline (the engine passes its clock; default Date.now). */
  now?: () => number;
  /**
   * Parses a repository YAML file into resource nodes with origins (the core's reader). Needed by
   * `replacements: - path: file.yaml`; without it such entries become a problem.
   */
  readYaml?: (path: string) => Promise<Node[] | undefined>;
  /** Largest total input of one generator (literals + files + envs) in bytes; default 1 MiB. */
  maxGeneratorBytes?: number;
  /** Field specs from `configurations:` files (this kustomization's merged with its bases'). */
  config?: TransformerConfig;
}

export function problemAt(ctx: TransformContext, at: Node | SourceRange | undefined, message: string, severity: "error" | "warning" = "error"): void {
  const origin = at && "type" in at ? at.origin : at;
  ctx.problems.push({
    file: ctx.file,
    ...(origin ? { line: origin.line, column: origin.column } : {}),
    message,
    severity,
  });
}

export function pastDeadline(ctx: TransformContext): boolean {
  if (ctx.deadline === undefined) return false;
  return (ctx.now ?? Date.now)() > ctx.deadline;
}

/** The identity Kustomize selects resources by. */
export interface ResId {
  group: string;
  version: string;
  kind: string;
  name: string;
  namespace: string;
}

export function resId(node: MapNode): ResId {
  const apiVersion = str(mapGet(node, "apiVersion")) ?? "";
  const slash = apiVersion.indexOf("/");
  const meta = mapGet(node, "metadata");
  return {
    group: slash < 0 ? "" : apiVersion.slice(0, slash),
    version: slash < 0 ? apiVersion : apiVersion.slice(slash + 1),
    kind: str(mapGet(node, "kind")) ?? "",
    name: str(mapGet(meta, "name")) ?? "",
    namespace: str(mapGet(meta, "namespace")) ?? "",
  };
}

export function str(node: Node | undefined): string | undefined {
  if (!node || node.type !== "scalar" || node.value === null) return undefined;
  return String(node.value);
}

/**
 * The names (and namespaces) a resource had before transformers renamed it, oldest first. Kept in
 * a side table keyed by the Resource object: the pipeline must keep the Resource wrapper when it
 * replaces `resource.node` (patches), or call `copyNameHistory`.
 */
export interface NameHistoryEntry {
  name: string;
  namespace: string;
}

const HISTORY = new WeakMap<Resource, NameHistoryEntry[]>();

export function recordPreviousName(resource: Resource, name: string, namespace: string): void {
  let list = HISTORY.get(resource);
  if (!list) HISTORY.set(resource, (list = []));
  const last = list[list.length - 1];
  if (!last || last.name !== name || last.namespace !== namespace) list.push({ name, namespace });
}

export function previousNames(resource: Resource): readonly NameHistoryEntry[] {
  return HISTORY.get(resource) ?? [];
}

export function copyNameHistory(from: Resource, to: Resource): void {
  const list = HISTORY.get(from);
  if (list) HISTORY.set(to, [...list]);
  const affixes = AFFIXES.get(from);
  if (affixes) AFFIXES.set(to, [...affixes]);
}

/**
 * The namePrefix/nameSuffix pairs applied to a resource, innermost first (hash suffixes are not
 * included). Name references use them to choose between resources that had the same name in
 * different bases: the one renamed like the referrer wins, as in kustomize.
 */
const AFFIXES = new WeakMap<Resource, string[]>();

export function recordAffix(resource: Resource, prefix: string, suffix: string): void {
  let list = AFFIXES.get(resource);
  if (!list) AFFIXES.set(resource, (list = []));
  list.push(`${prefix}\u0000${suffix}`);
}

export function affixesOf(resource: Resource): readonly string[] {
  return AFFIXES.get(resource) ?? [];
}
