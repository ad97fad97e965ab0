/**
 * Finding, reading and validating a kustomization file (kustomization.yaml, kustomization.yml or
 * Kustomization). Kustomize reads it strictly: an unknown field or a field of the wrong type stops
 * the build, and so does a YAML that is some other object (a Deployment saved as
 * kustomization.yaml). Problems name the file and the line of the offending key.
 */
import { joinPath, type SourceView } from "../../source/view.js";
import type { MapNode, Node } from "./resource.js";

export const KUSTOMIZATION_FILES = ["kustomization.yaml", "kustomization.yml", "Kustomization"] as const;

export type FieldType = "string" | "seq" | "map" | "bool";

/** Every field of Kustomize v5's Kustomization type, with the YAML shape it takes. */
export const KUSTOMIZATION_FIELDS: Readonly<Record<string, FieldType>> = {
  apiVersion: "string",
  kind: "string",
  metadata: "map",
  openapi: "map",
  namePrefix: "string",
  nameSuffix: "string",
  namespace: "string",
  commonLabels: "map",
  labels: "seq",
  commonAnnotations: "map",
  patchesStrategicMerge: "seq",
  patchesJson6902: "seq",
  patches: "seq",
  images: "seq",
  imageTags: "seq",
  replacements: "seq",
  replicas: "seq",
  vars: "seq",
  sortOptions: "map",
  resources: "seq",
  components: "seq",
  crds: "seq",
  bases: "seq",
  configMapGenerator: "seq",
  secretGenerator: "seq",
  helmGlobals: "map",
  helmCharts: "seq",
  helmChartInflationGenerator: "seq",
  generatorOptions: "map",
  configurations: "seq",
  generators: "seq",
  transformers: "seq",
  validators: "seq",
  buildMetadata: "seq",
};

export interface FieldProblem {
  message: string;
  node?: Node;
  line?: number;
  column?: number;
}

/** Which kustomization file a folder holds: a name, an error (several), or undefined (none). */
export async function findKustomizationFile(
  view: SourceView,
  dir: string,
): Promise<{ path: string } | { error: string } | undefined> {
  const found: string[] = [];
  for (const name of KUSTOMIZATION_FILES) {
    const p = joinPath(dir, name);
    if (p !== undefined && (await view.stat(p)) === "file") found.push(p);
  }
  if (found.length > 1) return { error: `found multiple kustomization files under '${dir || "."}': ${found.map((p) => p.slice(p.lastIndexOf("/") + 1)).join(", ")}` };
  if (found.length === 0) return undefined;
  return { path: found[0]! };
}

function typeOf(n: Node): FieldType | "null" | "number" {
  if (n.type === "map") return "map";
  if (n.type === "seq") return "seq";
  if (n.value === null) return "null";
  if (typeof n.value === "boolean") return "bool";
  if (typeof n.value === "number") return "number";
  return "string";
}

/**
 * Checks a kustomization's top-level shape. `expectedKind` is "Kustomization" for a build root or
 * a resource folder, "Component" for an entry of `components:`.
 */
export function validateKustomization(root: Node, expectedKind: "Kustomization" | "Component"): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (root.type !== "map") {
    problems.push({ message: "a kustomization must be a YAML map", node: root });
    return problems;
  }
  const kindNode = root.entries.find((e) => e.key === "kind");
  const kind = kindNode?.value.type === "scalar" ? kindNode.value.value : undefined;
  if (kindNode && kind !== "Kustomization" && kind !== "Component") {
    problems.push({
      message: `not a Kustomization: kind is ${JSON.stringify(kind)} (expected Kustomization or Component)`,
      node: kindNode.value,
    });
    return problems;
  }
  const actual = kind === "Component" ? "Component" : "Kustomization";
  if (actual !== expectedKind) {
    problems.push({
      message:
        expectedKind === "Component"
          ? `expected kind 'Component' for a components entry, got '${actual}'`
          : `expected kind 'Kustomization', got 'Component' (a Component belongs in components:, not resources:)`,
      node: kindNode?.value ?? root,
    });
  }
  for (const e of root.entries) {
    const want = KUSTOMIZATION_FIELDS[e.key];
    const at = { ...(e.keyOrigin ? { line: e.keyOrigin.line, column: e.keyOrigin.column } : {}) };
    if (!want) {
      problems.push({ message: `unknown field "${e.key}" in the kustomization`, ...at });
      continue;
    }
    const got = typeOf(e.value);
    if (got === "null") continue;
    if (want === "string" && (got === "number" || got === "bool")) continue;
    if (got !== want) {
      problems.push({ message: `field "${e.key}" must be a ${describe(want)}, not a ${describe(got)}`, ...at });
    }
  }
  return problems;
}

function describe(t: string): string {
  switch (t) {
    case "seq":
      return "list";
    case "map":
      return "map";
    case "bool":
      return "boolean";
    default:
      return t;
  }
}

/** The kustomization's value for `key`, as a list of items (empty when absent or null). */
export function listField(k: MapNode, key: string): Node[] {
  const e = k.entries.find((x) => x.key === key);
  if (!e || e.value.type !== "seq") return [];
  return e.value.items;
}
