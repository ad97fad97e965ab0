/**
 * The Kustomize emitter's AST of its output (RenderResult.documents) against yaml's parse of the
 * same text: node for node (kind, range, value, style, source) on unit cases and on every
 * kustomization of the shared trees, and the scan's findings with and without it must be identical.
 */
import { describe, expect, test } from "@jest/globals";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document } from "yaml";
import { DEFAULT_CONFIG } from "../../../src/config/schema.js";
import { scan } from "../../../src/engine/scan.js";
import { Emitter } from "../../../src/render/kustomize/emit.js";
import { buildKustomization } from "../../../src/render/kustomize/index.js";
import type { MapNode, Node } from "../../../src/render/kustomize/resource.js";
import type { RenderResult } from "../../../src/render/types.js";
import { DiskSourceView } from "./disk-view.js";

const TREES = process.env.TREES_DIR ?? resolve("../shared/trees");

/** A plain description of yaml nodes: what the engine reads of them. */
function describeNode(node: unknown): unknown {
  if (node === null || node === undefined) return null;
  if (isPair(node)) return { key: describeNode(node.key), value: describeNode(node.value) };
  if (isMap(node) || isSeq(node)) {
    return { kind: isMap(node) ? "map" : "seq", range: node.range, flow: node.flow ?? false, items: node.items.map(describeNode) };
  }
  if (isScalar(node)) {
    return { kind: "scalar", range: node.range, value: node.value, type: node.type, source: node.source, format: node.format ?? null, tag: node.tag ?? null, minFractionDigits: node.minFractionDigits ?? null };
  }
  return { other: String(node) };
}

function describeDocs(docs: readonly Document.Parsed[]): unknown {
  return docs.map((d) => ({ range: d.range, errors: d.errors.length, contents: describeNode(d.contents) }));
}

function parsed(text: string): { docs: Document.Parsed[]; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  const docs = Array.from(parseAllDocuments(text, { lineCounter, uniqueKeys: false, merge: false, prettyErrors: false, strict: false }) as ArrayLike<Document.Parsed>);
  return { docs, lineCounter };
}

function expectSameAsParse(documents: RenderResult["documents"], text: string): void {
  expect(documents).toBeDefined();
  const reference = parsed(text);
  expect(documents!.lineCounter.lineStarts).toEqual(reference.lineCounter.lineStarts);
  expect(describeDocs(documents!.docs)).toEqual(describeDocs(reference.docs));
}

const s = (value: string | number | boolean | null, source?: string): Node => ({ type: "scalar", value, ...(source ? { source } : {}) });
const m = (entries: Record<string, Node>): MapNode => ({ type: "map", entries: Object.entries(entries).map(([key, value]) => ({ key, value })) });
const q = (items: Node[]): Node => ({ type: "seq", items });

function emit(...docs: MapNode[]): { text: string; documents: RenderResult["documents"] } {
  const e = new Emitter();
  docs.forEach((d, i) => {
    if (i > 0) e.separator();
    e.document(d);
  });
  return { text: e.out.text, documents: e.documents() };
}

describe("Emitter.documents", () => {
  test("scalars of every style, nested maps and lists, empty collections, several documents", () => {
    const out = emit(
      m({
        apiVersion: s("v1"),
        kind: s("Pod"),
        metadata: m({ name: s("web"), labels: m({ a: s("yes"), b: s("1.10"), c: s("0o17"), d: s("*x"), e: s("it's: odd"), f: s("") }) }),
        spec: m({
          containers: q([m({ name: s("c"), args: q([s("line one\nline two"), s("  lead\n"), s(3), s(1.5), s("1.50"), s("0x1F"), s(".inf"), s(true), s(null), s(-0)]), ports: q([]) }), m({ x: m({}) })]),
          nested: q([q([s("a"), s("b")]), s("x".repeat(50) + " " + "y".repeat(50))]),
          "80": s("port key"),
          "true": s("bool key"),
          "with space": s("\u0001 control and \"quotes\""),
        }),
      }),
      m({}),
      m({ a: s(1), big: s(Number("12345678901234567890"), "12345678901234567890") }),
    );
    expect(out.text).toContain("---\n{}\n---\n");
    expectSameAsParse(out.documents, out.text);
    // The scalar values the engine reads, spelled out.
    const root = out.documents!.docs[0]!.contents;
    expect(isMap(root)).toBe(true);
    expect(JSON.stringify(out.documents!.docs[0]!.toJS().metadata.labels)).toBe('{"a":"yes","b":"1.10","c":15,"d":"*x","e":"it\'s: odd","f":""}');
  });

  test("forms it does not reproduce give no documents (the engine parses the text)", () => {
    expect(emit(m({ a: s("kept\n\n") })).documents).toBeUndefined();
    expect(emit(m({ ["k".repeat(130)]: s("v") })).documents).toBeUndefined();
    expect(emit(m({ a: s("ok\n") })).documents).toBeDefined();
  });
});

function kustomizationDirs(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (["kustomization.yaml", "kustomization.yml", "Kustomization"].includes(e.name)) out.push(dir);
    }
  };
  walk(root);
  return out.sort();
}

const haveTrees = existsSync(TREES);
if (!haveTrees) console.warn(`trees not found at ${TREES}; set TREES_DIR`);

(haveTrees ? describe : describe.skip)("every kustomization of the shared trees", () => {
  test("the AST is the parse of the text, and the findings are the same with and without it", async () => {
    const view = new DiskSourceView(TREES);
    let compared = 0;
    for (const dir of kustomizationDirs(TREES)) {
      const rel = relative(TREES, dir);
      const result = await buildKustomization(view, rel);
      if (result.text.trim() === "") continue;
      const sources = new Map(result.consumed.filter((p) => existsSync(join(TREES, p))).map((p) => [p, readFileSync(join(TREES, p), "utf8")]));
      if (result.documents) {
        expectSameAsParse(result.documents, result.text);
        compared += 1;
      }
      const { documents: _unused, ...withoutAst } = result;
      const now = new Date("2026-12-01T00:00:00Z");
      const withAst = scan([], DEFAULT_CONFIG, { now, rendered: [{ result, sources }] });
      const fromText = scan([], DEFAULT_CONFIG, { now, rendered: [{ result: withoutAst, sources }] });
      expect({ root: rel, findings: withAst.findings, errors: withAst.errors }).toEqual({ root: rel, findings: fromText.findings, errors: fromText.errors });
    }
    expect(compared).toBeGreaterThan(10);
  });
});
