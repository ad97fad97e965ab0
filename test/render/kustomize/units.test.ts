/**
 * Unit tables for the pieces of the Kustomize core: reading YAML with origins, strategic merge
 * (per merge key and directive), JSON 6902 ops and pointers, target selectors.
 */
import { describe, expect, test } from "@jest/globals";
import { applyOps, readOps } from "../../../src/render/kustomize/json6902.js";
import { rootType } from "../../../src/render/kustomize/merge-keys.js";
import { toPlain, type MapNode } from "../../../src/render/kustomize/resource.js";
import { compileTarget, parseSelector } from "../../../src/render/kustomize/selector.js";
import { mergeResource, PatchError } from "../../../src/render/kustomize/smp.js";
import { readYamlDocuments, YamlReadError } from "../../../src/render/kustomize/yaml-read.js";

const doc = (text: string): MapNode => readYamlDocuments(text, "t.yaml")[0]!.node as MapNode;

describe("readYamlDocuments", () => {
  test("origins of keys and scalars, several documents", () => {
    const docs = readYamlDocuments("a: 1\n---\nb:\n  c: 'x'\n", "f.yaml");
    expect(docs).toHaveLength(2);
    const second = docs[1]!.node as MapNode;
    const b = second.entries[0]!;
    expect(b.keyOrigin).toEqual({ file: "f.yaml", line: 3, column: 1, endLine: 3, endColumn: 2 });
    const c = (b.value as MapNode).entries[0]!;
    expect(c.value).toEqual({ type: "scalar", value: "x", style: "single", origin: { file: "f.yaml", line: 4, column: 6, endLine: 4, endColumn: 9 } });
  });

  test.each([
    ["0755", 493],
    ["0x1F", 31],
    ["1.0", 1],
    ["yes", "yes"],
    ["~", null],
    ["True", true],
    ["2020-01-01", "2020-01-01T00:00:00Z"],
    ["1e3", 1000],
    ["0789", 789],
  ])("plain %s reads as %j", (text, value) => {
    expect(toPlain(doc(`v: ${text}\n`))).toEqual({ v: value });
  });

  test("aliases and merge keys", () => {
    expect(toPlain(doc("base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\nl: *b\n"))).toEqual({ base: { x: 1, y: 2 }, m: { x: 1, y: 3 }, l: { x: 1, y: 2 } });
  });

  test("offsets for text embedded in a block scalar", () => {
    const [d] = readYamlDocuments("k: v\n", "h.yaml", { lineOffset: 10, columnOffset: 4 });
    expect((d!.node as MapNode).entries[0]!.value.origin).toEqual({ file: "h.yaml", line: 11, column: 8, endLine: 11, endColumn: 9 });
  });

  test("syntax errors name file and line", () => {
    expect(() => readYamlDocuments("a: 1\nb: [\n", "bad.yaml")).toThrow(YamlReadError);
    try {
      readYamlDocuments("a: 1\nb: \"open\n", "bad.yaml");
    } catch (e) {
      expect((e as YamlReadError).file).toBe("bad.yaml");
      expect((e as YamlReadError).line).toBe(2);
    }
  });

  test("duplicate keys are an error", () => {
    expect(() => readYamlDocuments("a: 1\na: 2\n", "dup.yaml")).toThrow(/invalid YAML/);
  });
});

describe("strategic merge", () => {
  const deploy = doc(`apiVersion: apps/v1
kind: Deployment
metadata: {name: d, labels: {a: "1", b: "2"}}
spec:
  template:
    spec:
      containers:
      - {name: a, image: a, env: [{name: X, value: "1"}, {name: Y, value: "2"}], volumeMounts: [{name: v, mountPath: /m}]}
      - {name: b, image: b}
      initContainers: [{name: i, image: i}]
      volumes: [{name: v, emptyDir: {}}]
      tolerations: [{key: t}]
`);
  const merge = (patch: string) => {
    const out = mergeResource(deploy, doc(patch), rootType("apps", "Deployment"));
    return out && (toPlain(out) as Record<string, any>);
  };
  const podSpec = (p: Record<string, any> | undefined) => p!.spec.template.spec;
  const header = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n";

  test.each([
    ["containers merge by name, new ones first", "spec: {template: {spec: {containers: [{name: c, image: c}, {name: a, image: a2}]}}}", (s: any) => s.containers.map((c: any) => `${c.name}:${c.image}`), ["c:c", "a:a2", "b:b"]],
    ["env merges by name", "spec: {template: {spec: {containers: [{name: a, env: [{name: Y, value: '9'}]}]}}}", (s: any) => s.containers[0].env, [{ name: "Y", value: "9" }, { name: "X", value: "1" }]],
    ["volumeMounts merge by mountPath", "spec: {template: {spec: {containers: [{name: a, volumeMounts: [{name: v, mountPath: /m, readOnly: true}]}]}}}", (s: any) => s.containers[0].volumeMounts, [{ name: "v", mountPath: "/m", readOnly: true }]],
    ["initContainers merge by name", "spec: {template: {spec: {initContainers: [{name: j, image: j}]}}}", (s: any) => s.initContainers.map((c: any) => c.name), ["j", "i"]],
    ["volumes merge by name", "spec: {template: {spec: {volumes: [{name: v, secret: {secretName: s}}]}}}", (s: any) => s.volumes, [{ name: "v", emptyDir: {}, secret: { secretName: "s" } }]],
    ["tolerations (no merge key) are replaced", "spec: {template: {spec: {tolerations: [{key: u}]}}}", (s: any) => s.tolerations, [{ key: "u" }]],
    ["$patch: delete removes a list item", "spec: {template: {spec: {containers: [{name: b, $patch: delete}]}}}", (s: any) => s.containers.map((c: any) => c.name), ["a"]],
    ["$patch: replace as a list item replaces the list", "spec: {template: {spec: {containers: [{$patch: replace}, {name: z, image: z}]}}}", (s: any) => s.containers, [{ name: "z", image: "z" }]],
    ["$patch: replace on a map replaces it", "spec: {template: {spec: {containers: [{name: a, $patch: replace, image: q}]}}}", (s: any) => s.containers[0].image, "a"],
    ["$setElementOrder is kept as a field (Kustomize does not interpret it)", "spec: {template: {spec: {$setElementOrder/containers: [{name: b}, {name: a}]}}}", (s: any) => [s.containers.map((c: any) => c.name), s["$setElementOrder/containers"]], [["a", "b"], [{ name: "b" }, { name: "a" }]]],
  ])("%s", (_name, patch, pick, want) => {
    expect(pick(podSpec(merge(header + patch)))).toEqual(want);
  });

  test("null deletes a field; $patch: delete on the resource deletes it", () => {
    expect(merge(`${header.replace("{name: d}", "{name: d, labels: {a: null}}")}`)!.metadata.labels).toEqual({ b: "2" });
    expect(merge(`${header}$patch: delete\n`)).toBeUndefined();
  });

  test("$retainKeys and $deleteFromPrimitiveList stay as fields", () => {
    const out = merge(`${header}spec: {strategy: {$retainKeys: [type], type: Recreate}}\n`)!;
    expect(out.spec.strategy).toEqual({ $retainKeys: ["type"], type: "Recreate" });
  });

  test("a custom resource's lists are replaced", () => {
    const crd = doc("apiVersion: x.io/v1\nkind: W\nmetadata: {name: w}\nspec: {items: [{name: a, v: 1}, {name: b}]}\n");
    const out = mergeResource(crd, doc("apiVersion: x.io/v1\nkind: W\nmetadata: {name: w}\nspec: {items: [{name: a, v: 2}]}\n"), rootType("x.io", "W"));
    expect(toPlain(out!)).toMatchObject({ spec: { items: [{ name: "a", v: 2 }] } });
  });

  test("the patch's nodes (and origins) replace the target's", () => {
    const out = mergeResource(deploy, doc(`${header}spec: {replicas: 4}\n`), rootType("apps", "Deployment"))!;
    const replicas = (out.entries.find((e) => e.key === "spec")!.value as MapNode).entries.find((e) => e.key === "replicas")!;
    expect(replicas.value.origin).toMatchObject({ file: "t.yaml", line: 4 });
  });
});

describe("JSON 6902", () => {
  const base = () => doc("a: {b: [1, 2, 3], 'c/d': x, 'e~f': y}\n");
  const run = (ops: string) => toPlain(applyOps(base(), readOps(readYamlDocuments(ops, "ops.yaml")[0]!.node!)));
  test.each([
    ["add to the end with -", "- {op: add, path: /a/b/-, value: 4}", { a: { b: [1, 2, 3, 4], "c/d": "x", "e~f": "y" } }],
    ["add at an index inserts", "- {op: add, path: /a/b/0, value: 0}", { a: { b: [0, 1, 2, 3], "c/d": "x", "e~f": "y" } }],
    ["~1 and ~0 escapes", "- {op: replace, path: /a/c~1d, value: X}\n- {op: remove, path: /a/e~0f}", { a: { b: [1, 2, 3], "c/d": "X" } }],
    ["move", "- {op: move, from: /a/b, path: /moved}", { a: { "c/d": "x", "e~f": "y" }, moved: [1, 2, 3] }],
    ["copy", "- {op: copy, from: /a/b/1, path: /two}", { a: { b: [1, 2, 3], "c/d": "x", "e~f": "y" }, two: 2 }],
    ["test then remove", "- {op: test, path: /a/b, value: [1, 2, 3]}\n- {op: remove, path: /a/b/1}", { a: { b: [1, 3], "c/d": "x", "e~f": "y" } }],
  ])("%s", (_name, ops, want) => {
    expect(run(ops)).toEqual(want);
  });

  test.each([
    ["replace a missing path", "- {op: replace, path: /nope/x, value: 1}", "replace operation does not apply: doc is missing path: /nope/x: missing value"],
    ["remove a missing index", "- {op: remove, path: /a/b/7}", "remove operation does not apply: doc is missing path: /a/b/7: missing value"],
    ["add under a missing parent", "- {op: add, path: /x/y, value: 1}", "add operation does not apply: doc is missing path: /x/y: missing value"],
    ["a failing test", "- {op: test, path: /a/c~1d, value: z}", "testing value /a/c~1d failed: test failed"],
    ["an unknown op", "- {op: frobnicate, path: /a}", 'unexpected JSON patch operation "frobnicate"'],
  ])("%s is an error at the op's line", (_name, ops, message) => {
    try {
      run(`# ops\n${ops}`);
      throw new Error("no error");
    } catch (e) {
      expect(e).toBeInstanceOf(PatchError);
      expect((e as PatchError).message).toBe(message);
      expect((e as PatchError).node?.origin?.line).toBeGreaterThanOrEqual(2);
    }
  });
});

describe("target selectors", () => {
  const labels = (o: Record<string, string>) => new Map(Object.entries(o));
  test.each([
    ["a=b", { a: "b" }, true],
    ["a==b", { a: "c" }, false],
    ["a!=b", {}, true],
    ["a in (x, y)", { a: "y" }, true],
    ["a notin (x)", { a: "x" }, false],
    ["a", { a: "" }, true],
    ["!a", { a: "" }, false],
    ["a=b,c", { a: "b" }, false],
  ])("%s on %j is %s", (sel, l, want) => {
    expect(parseSelector(sel)(labels(l))).toBe(want);
  });

  test("name, kind and namespace are anchored regular expressions; previous names match", () => {
    const t = compileTarget({ kind: "Deploy", name: "web|api" });
    const id = { group: "apps", version: "v1", kind: "Deployment", name: "web", namespace: "" };
    const node = doc("kind: Deployment\n");
    expect(t.matches(id, node)).toBe(false);
    expect(compileTarget({ kind: "Deploy.*", name: "web|api" }).matches(id, node)).toBe(true);
    expect(compileTarget({ name: "we" }).matches(id, node)).toBe(false);
    expect(compileTarget({ name: "old" }).matches(id, node, [{ name: "old", namespace: "" }])).toBe(true);
  });
});
