/**
 * Kustomize's resource model with provenance: a YAML tree whose every node and map key knows the
 * source range that set it. Loading a resource file gives nodes whose origins are its own lines;
 * a patch that sets a field replaces the node (and so its origin) with the patch's node; a
 * transformer that writes a value (images, namespace, namePrefix) gives that value the range of its
 * own entry in kustomization.yaml. The serializer writes the tree as `kustomize build` prints it
 * and records one segment per key and per scalar (see ../provenance.ts).
 */
import type { SourceRange } from "../provenance.js";

export type Scalar = string | number | boolean | null;

export interface ScalarNode {
  type: "scalar";
  value: Scalar;
  /**
   * How the scalar was written in its source ("plain", "single", "double", "block"...), kept so the
   * serializer can quote as kustomize does; absent for values a transformer made.
   */
  style?: string;
  /** Original text of a number as written (e.g. "0755", "1.0") when it matters for printing. */
  source?: string;
  origin?: SourceRange;
}

export interface MapEntry {
  key: string;
  /** Where the key was written (the line a missing-field finding about this map can point at). */
  keyOrigin?: SourceRange;
  value: Node;
}

export interface MapNode {
  type: "map";
  entries: MapEntry[];
  origin?: SourceRange;
}

export interface SeqNode {
  type: "seq";
  items: Node[];
  origin?: SourceRange;
}

export type Node = ScalarNode | MapNode | SeqNode;

/** One resource of the build: its tree, plus where it came from (for messages and roots). */
export interface Resource {
  node: MapNode;
  /** Repository path of the file the resource was read from (or the generator's kustomization). */
  file: string;
}

export function mapGet(node: Node | undefined, key: string): Node | undefined {
  if (!node || node.type !== "map") return undefined;
  for (const e of node.entries) if (e.key === key) return e.value;
  return undefined;
}

export function mapSet(node: MapNode, key: string, value: Node, keyOrigin?: SourceRange): void {
  for (const e of node.entries) {
    if (e.key === key) {
      e.value = value;
      if (keyOrigin && !e.keyOrigin) e.keyOrigin = keyOrigin;
      return;
    }
  }
  node.entries.push({ key, value, ...(keyOrigin ? { keyOrigin } : {}) });
}

export function mapDelete(node: MapNode, key: string): void {
  node.entries = node.entries.filter((e) => e.key !== key);
}

export function scalar(value: Scalar, origin?: SourceRange): ScalarNode {
  return { type: "scalar", value, ...(origin ? { origin } : {}) };
}

export function stringAt(node: Node | undefined, ...path: string[]): string | undefined {
  let cur = node;
  for (const key of path) cur = mapGet(cur, key);
  return cur?.type === "scalar" && typeof cur.value === "string" ? cur.value : undefined;
}

/** A deep copy (origins are shared: they are immutable). */
export function cloneNode<T extends Node>(node: T): T {
  if (node.type === "scalar") return { ...node };
  if (node.type === "seq") return { ...node, items: node.items.map(cloneNode) } as T;
  return { ...node, entries: node.entries.map((e) => ({ ...e, value: cloneNode(e.value) })) } as T;
}

/** Plain JavaScript value of a node (for comparisons, hashing and tests). */
export function toPlain(node: Node): unknown {
  if (node.type === "scalar") return node.value;
  if (node.type === "seq") return node.items.map(toPlain);
  const out: Record<string, unknown> = {};
  for (const e of node.entries) out[e.key] = toPlain(e.value);
  return out;
}
