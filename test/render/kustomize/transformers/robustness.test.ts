/**
 * Bad input never throws: every transformer gets arbitrary node trees as its kustomization field
 * (and as resources), and must return with problems naming the kustomization file instead.
 */
import { describe, expect, test } from "@jest/globals";
import fc from "fast-check";
import type { MapNode, Node, Resource, ScalarNode } from "../../../../src/render/kustomize/resource.js";
import {
  applyAnnotations,
  applyHashSuffixes,
  applyImages,
  applyLabels,
  applyNamePrefixSuffix,
  applyNamespace,
  applyReplacements,
  applyReplicas,
  collectVars,
  fixNameReferences,
  readTransformerConfig,
  resolveVars,
  runGenerators,
} from "../../../../src/render/kustomize/transformers/index.js";
import { kustomization, resources } from "./nodes.js";

const KEYS = ["name", "kind", "path", "newTag", "newName", "digest", "count", "pairs", "includeSelectors", "literals", "files", "envs", "behavior", "options", "source", "targets", "select", "reject", "fieldPaths", "fieldPath", "objref", "fieldref", "metadata", "spec", "labels", "delimiter", "index", "create", "x"];

const scalarArb: fc.Arbitrary<ScalarNode> = fc
  .oneof(fc.constantFrom("a", "", "a=b", "cm", "nginx", "[name=c]", "spec.x", "../x", "app.env", "metadata.name", "*", "Deployment", "ConfigMap"), fc.integer({ min: -2, max: 5 }), fc.boolean(), fc.constant(null))
  .map((value) => ({ type: "scalar", value, origin: { file: "overlay/kustomization.yaml", line: 1, column: 1, endLine: 1, endColumn: 2 } }));

const { node: nodeArb } = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalarArb,
    fc.array(tie("node"), { maxLength: 3 }).map((items): Node => ({ type: "seq", items })),
    fc.array(fc.tuple(fc.constantFrom(...KEYS), tie("node")), { maxLength: 4 }).map((kv): Node => ({ type: "map", entries: kv.map(([key, value]) => ({ key, value })) })),
  ),
}));

const BASE = `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers: [{name: c, image: nginx, envFrom: [{configMapRef: {name: cm}}]}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cm}
data: {a: b}
`;

describe("transformers never throw on arbitrary input", () => {
  test("every entry point, arbitrary kustomization fields", async () => {
    await fc.assert(
      fc.asyncProperty(nodeArb, fc.array(nodeArb, { maxLength: 2 }), async (field, extra) => {
        const { ctx } = kustomization("a: 1\n", { "overlay/app.env": "A=1\n" });
        const rs: Resource[] = [...resources(BASE), ...extra.filter((n): n is MapNode => n.type === "map").map((node) => ({ node, file: "base/x.yaml" }))];
        const k: MapNode = { type: "map", entries: ["configMapGenerator", "secretGenerator", "generatorOptions"].map((key) => ({ key, value: field })) };
        await runGenerators(rs, k, ctx);
        applyNamespace(rs, field as ScalarNode, ctx);
        applyNamePrefixSuffix(rs, field as ScalarNode, field as ScalarNode, ctx);
        applyLabels(rs, field, field, ctx);
        applyAnnotations(rs, field, ctx);
        applyReplicas(rs, field, ctx);
        applyImages(rs, field, ctx);
        await applyReplacements(rs, field, ctx);
        const vars = collectVars(field, ctx);
        readTransformerConfig(field, ctx);
        applyHashSuffixes(rs);
        fixNameReferences(rs);
        resolveVars(rs, vars, ctx);
        expect(ctx.problems.every((p) => p.file.length > 0 && (p.severity === "error" || p.severity === "warning"))).toBe(true);
      }),
      { numRuns: 200, seed: 42 },
    );
  });
});
