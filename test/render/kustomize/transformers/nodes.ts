/**
 * Test helper: YAML text to the node model with origins (1-based line/column of each scalar and
 * key), so transformer tests can build inputs and check provenance without the core reader.
 */
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node as YamlNode } from "yaml";
import type { SourceRange } from "../../../../src/render/provenance.js";
import type { MapNode, Node, Resource } from "../../../../src/render/kustomize/resource.js";
import type { TransformContext } from "../../../../src/render/kustomize/transformers/index.js";
import { MemorySourceView } from "../../../../src/source/view.js";

export function parseNodes(text: string, file: string): Node[] {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc });
  if (!Array.isArray(docs)) return [];
  const range = (n: YamlNode | null | undefined): SourceRange | undefined => {
    if (!n?.range) return undefined;
    const a = lc.linePos(n.range[0]);
    const b = lc.linePos(n.range[1]);
    return { file, line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  };
  const conv = (n: unknown): Node => {
    if (isMap(n)) {
      return {
        type: "map",
        entries: n.items.map((p) => {
          const key = p.key as YamlNode;
          const keyOrigin = range(key);
          return { key: String(isScalar(key) ? key.value : key), ...(keyOrigin ? { keyOrigin } : {}), value: conv(p.value) };
        }),
        ...(range(n) ? { origin: range(n)! } : {}),
      };
    }
    if (isSeq(n)) return { type: "seq", items: n.items.map(conv), ...(range(n) ? { origin: range(n)! } : {}) };
    if (isScalar(n)) {
      const v = n.value;
      const value = v === undefined ? null : (v as string | number | boolean | null);
      return { type: "scalar", value, ...(n.source !== undefined && typeof v === "number" ? { source: n.source } : {}), ...(range(n) ? { origin: range(n)! } : {}) };
    }
    return { type: "scalar", value: null };
  };
  return docs.map((d) => conv(d.contents)).filter((n) => !(n.type === "scalar" && n.value === null));
}

export function resources(text: string, file = "base/r.yaml"): Resource[] {
  return parseNodes(text, file).map((node) => ({ node: node as MapNode, file }));
}

/** The kustomization as a map node and a context on it. */
export function kustomization(text: string, files: Record<string, string> = {}, file = "overlay/kustomization.yaml"): { k: MapNode; ctx: TransformContext } {
  const k = parseNodes(text, file)[0] as MapNode;
  const view = new MemorySourceView({ [file]: text, ...files });
  const ctx: TransformContext = {
    file,
    dir: file.includes("/") ? file.slice(0, file.lastIndexOf("/")) : "",
    view,
    problems: [],
    readYaml: async (path) => {
      const bytes = await view.readFile(path);
      return bytes ? parseNodes(new TextDecoder().decode(bytes), path) : undefined;
    },
  };
  return { k, ctx };
}

export function field(k: MapNode, key: string): Node {
  const e = k.entries.find((x) => x.key === key);
  if (!e) throw new Error(`no ${key}`);
  return e.value;
}

/** Finds the scalar at a path of keys and indexes. */
export function at(node: Node, ...path: (string | number)[]): Node {
  let cur: Node | undefined = node;
  for (const p of path) {
    if (!cur) break;
    if (typeof p === "number") cur = cur.type === "seq" ? cur.items[p] : undefined;
    else cur = cur.type === "map" ? cur.entries.find((e) => e.key === p)?.value : undefined;
  }
  if (!cur) throw new Error(`nothing at ${path.join(".")}`);
  return cur;
}

export function lineOf(node: Node): string | undefined {
  return node.origin ? `${node.origin.file}:${node.origin.line}` : undefined;
}
