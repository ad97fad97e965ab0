import { describe, expect, test } from "@jest/globals";
import { toPlain } from "../../../../src/render/kustomize/resource.js";
import {
  applyHashSuffixes,
  applyNamePrefixSuffix,
  applyReplacements,
  collectVars,
  fixNameReferences,
  isGenerated,
  kustomizeHash,
  previousNames,
  resolveVars,
  runGenerators,
} from "../../../../src/render/kustomize/transformers/index.js";
import type { ScalarNode } from "../../../../src/render/kustomize/resource.js";
import { at, field, kustomization, resources } from "./nodes.js";

describe("configMapGenerator / secretGenerator", () => {
  // The suffixes are the ones kubectl kustomize v5.5 prints for the same kustomization.
  test("output, hash suffix and origins of every written value", async () => {
    const { k, ctx } = kustomization(
      "configMapGenerator:\n- name: cm\n  literals:\n  - b=2\n  - a=\"1\"\n  envs: [app.env]\nsecretGenerator:\n- name: s\n  literals: [p=hunter2]\n",
      { "overlay/app.env": "# c\nK=v\n" },
    );
    const rs = resources("apiVersion: v1\nkind: Service\nmetadata: {name: svc}\n");
    await runGenerators(rs, k, ctx);
    expect(ctx.problems).toEqual([]);
    expect(rs.map((r) => isGenerated(r))).toEqual([false, true, true]);
    applyHashSuffixes(rs);
    expect(toPlain(rs[1]!.node)).toEqual({ apiVersion: "v1", kind: "ConfigMap", data: { K: "v", a: "1", b: "2" }, metadata: { name: "cm-fg6hm96fc2" } });
    expect(toPlain(rs[2]!.node)).toEqual({ apiVersion: "v1", kind: "Secret", data: { p: "aHVudGVyMg==" }, metadata: { name: "s-9k2gdm59fk" }, type: "Opaque" });
    const cm = rs[1]!.node;
    expect(at(cm, "data", "b").origin).toMatchObject({ file: "overlay/kustomization.yaml", line: 4, column: 5 });
    expect(at(cm, "data", "a").origin).toMatchObject({ file: "overlay/kustomization.yaml", line: 5 });
    expect(at(cm, "data", "K").origin).toEqual({ file: "overlay/app.env", line: 2, column: 1, endLine: 2, endColumn: 4 });
    expect(at(cm, "metadata", "name").origin).toMatchObject({ file: "overlay/kustomization.yaml", line: 2, column: 9 });
    expect(at(rs[2]!.node, "data", "p").origin).toMatchObject({ line: 9 });
    expect(previousNames(rs[1]!)).toEqual([{ name: "cm", namespace: "" }]);
    // Hashing twice does not add a second suffix.
    applyHashSuffixes(rs);
    expect(at(cm, "metadata", "name")).toMatchObject({ value: "cm-fg6hm96fc2" });
  });

  test("kustomizeHash: name, labels and immutable do not count; data and secret type do", () => {
    const cm = (name: string, extra: string) => resources(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\n${extra}`)[0]!.node;
    expect(kustomizeHash(cm("cm", "data: {a: b}\n"))).toBe("4h2mbtbbt6");
    expect(kustomizeHash(cm("other", "data: {a: b}\nimmutable: true\n"))).toBe("4h2mbtbbt6");
    expect(kustomizeHash(cm("cm", 'data: {a: "<b>&", c: " spaced ", d: q, e: s}\n'))).toBe("f9m6t7hcdh");
    const secret = (type: string) => resources(`apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: ${type}\ndata: {x: eQ==}\n`)[0]!.node;
    expect(kustomizeHash(secret("Opaque"))).toBe("t86b282gdf");
    expect(kustomizeHash(secret("kubernetes.io/tls"))).not.toBe("t86b282gdf");
  });

  test("bad input: each a problem at the entry's line, the other entries still generated", async () => {
    const { k, ctx } = kustomization(
      [
        "configMapGenerator:",
        "- name: a", //                 2
        "  literal: [x=1]", //          3 unknown field
        "- name: b", //                 4
        "  literals: [novalue, =c]", // 5
        "- name: c", //                 6
        "  files: [../../etc/passwd, nope.txt]", // 7
        "- name: d", //                 8
        "  literals: [k=1, k=2]", //    9
        "- name: e", //                 10
        "  behavior: merge", //         11
        "  literals: [x=1]",
        "- name: f", //                 13
        "  behavior: upsert", //        14
        "- literals: [x=1]", //         15 no name
        "- name: big", //               16
        "  files: [big.txt]",
        "- name: ok",
        "  literals: [x=1]",
        "generatorOptions: {labels: {a: b}, hash: false}", // 20
        "",
      ].join("\n"),
      { "overlay/big.txt": "x".repeat(2048) },
    );
    ctx.maxGeneratorBytes = 1024;
    const rs = resources("apiVersion: v1\nkind: Service\nmetadata: {name: svc}\n");
    await runGenerators(rs, k, ctx);
    expect(ctx.problems.map((p) => [p.line, p.message])).toEqual([
      [20, 'unknown field "hash" in generatorOptions'],
      [3, 'unknown field "literal" in a configMapGenerator entry'],
      [5, 'configMapGenerator "b": literal "novalue" is not of the form key=value'],
      [5, 'configMapGenerator "b": literal "=c" is not of the form key=value'],
      [7, 'configMapGenerator "c": "../../etc/passwd" is outside the kustomization\'s folder (kustomize\'s load restrictor forbids it)'],
      [7, 'configMapGenerator "c": file "nope.txt" not found'],
      [9, 'configmap d repeats the key "k"'],
      [10, 'configMapGenerator "e": behavior merge needs a ConfigMap "e" from a base, and there is none'],
      [14, 'configMapGenerator "f": behavior must be create, merge or replace, not "upsert"'],
      [15, "a configMapGenerator entry needs a name"],
      [16, 'configMapGenerator "big": input larger than 1024 bytes (Kubernetes\' limit for one object); not generated'],
    ]);
    expect(ctx.problems.every((p) => p.file === "overlay/kustomization.yaml" && p.severity === "error")).toBe(true);
    expect(rs.map((r) => toPlain(at(r.node, "metadata", "name")))).toEqual(["svc", "a", "b", "c", "d", "ok"]);
    expect(toPlain(at(rs[5]!.node, "metadata"))).toEqual({ name: "ok", labels: { a: "b" } });
  });

  test("past the deadline the generators stop with a problem; kvSources is a warning", async () => {
    const { k, ctx } = kustomization("configMapGenerator:\n- name: a\n  kvSources: [{name: x}]\n  literals: [x=1]\n");
    const rs: Parameters<typeof runGenerators>[0] = [];
    await runGenerators(rs, k, ctx);
    expect(ctx.problems).toEqual([
      { file: "overlay/kustomization.yaml", line: 3, column: 3, severity: "warning", message: "configMapGenerator: kvSources (generator plugins) are not supported; the entry is generated without them" },
    ]);
    expect(rs).toHaveLength(1);
    const late = kustomization("configMapGenerator:\n- name: a\n  literals: [x=1]\n");
    late.ctx.deadline = 1000;
    late.ctx.now = () => 2000;
    const none: Parameters<typeof runGenerators>[0] = [];
    await runGenerators(none, late.k, late.ctx);
    expect(none).toEqual([]);
    expect(late.ctx.problems.map((p) => [p.line, p.message])).toEqual([[2, "configMapGenerator: time limit reached; generators stopped here"]]);
  });

  test("create over an existing one is a problem; replace keeps the current name", async () => {
    const base = kustomization("configMapGenerator:\n- name: cm\n  literals: [a=1]\n", {}, "base/kustomization.yaml");
    const rs = resources("apiVersion: v1\nkind: Service\nmetadata: {name: svc}\n");
    await runGenerators(rs, base.k, base.ctx);
    applyNamePrefixSuffix(rs, { type: "scalar", value: "b-" }, undefined, base.ctx);
    const ov = kustomization("configMapGenerator:\n- name: cm\n  literals: [b=1]\n- name: cm\n  behavior: replace\n  literals: [c=1]\n");
    await runGenerators(rs, ov.k, ov.ctx);
    expect(ov.ctx.problems.map((p) => [p.line, p.message])).toEqual([[2, 'configMapGenerator "cm": a ConfigMap with this name already exists (use behavior: merge or replace)']]);
    applyHashSuffixes(rs);
    expect(toPlain(rs[1]!.node)).toEqual({ apiVersion: "v1", kind: "ConfigMap", data: { c: "1" }, metadata: { name: `b-cm-${kustomizeHash(rs[1]!.node)}` } });
    expect(at(rs[1]!.node, "data", "c").origin?.line).toBe(6);
  });
});

describe("name references", () => {
  const TREE = `apiVersion: v1
kind: ConfigMap
metadata: {name: cm}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: d, namespace: other}
spec:
  template:
    spec:
      containers:
      - name: c
        envFrom: [{configMapRef: {name: cm}}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: e}
spec:
  template:
    spec:
      containers:
      - name: c
        envFrom: [{configMapRef: {name: cm}}, {configMapRef: {name: unknown}}]
        env: [{name: X, value: cm}]
      volumes:
      - {name: v, csi: {driver: x, nodePublishSecretRef: {name: cm}}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: h}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: StatefulSet, name: e}
`;
  test("same-namespace references follow the rename with the origin of the prefix; others stay", () => {
    const rs = resources(TREE);
    const { k, ctx } = kustomization("namePrefix: p-\n");
    applyNamePrefixSuffix(rs, field(k, "namePrefix") as ScalarNode, undefined, ctx);
    fixNameReferences(rs);
    expect(toPlain(at(rs[1]!.node, "spec", "template", "spec", "containers", 0, "envFrom"))).toEqual([{ configMapRef: { name: "cm" } }]);
    const e = at(rs[2]!.node, "spec", "template", "spec");
    expect(toPlain(e)).toEqual({
      containers: [{ name: "c", envFrom: [{ configMapRef: { name: "p-cm" } }, { configMapRef: { name: "unknown" } }], env: [{ name: "X", value: "cm" }] }],
      volumes: [{ name: "v", csi: { driver: "x", nodePublishSecretRef: { name: "cm" } } }],
    });
    expect(at(e, "containers", 0, "envFrom", 0, "configMapRef", "name").origin).toMatchObject({ file: "overlay/kustomization.yaml", line: 1, column: 13 });
    // kustomize renames the HPA target whatever kind it names.
    expect(toPlain(at(rs[3]!.node, "spec", "scaleTargetRef", "name"))).toBe("p-e");
  });
});

describe("replacements", () => {
  const TREE = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: src}\ndata:\n  tag: '1.2'\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      containers:\n      - {name: c, image: 'nginx:1.0'}\n";
  test("the value written keeps the origin of the source field", async () => {
    const rs = resources(TREE);
    const { k, ctx } = kustomization(
      "replacements:\n- source: {kind: ConfigMap, name: src, fieldPath: data.tag}\n  targets:\n  - select: {kind: Deployment}\n    fieldPaths: ['spec.template.spec.containers.[name=c].image']\n    options: {delimiter: ':', index: 1}\n",
    );
    await applyReplacements(rs, field(k, "replacements"), ctx);
    expect(ctx.problems).toEqual([]);
    const image = at(rs[1]!.node, "spec", "template", "spec", "containers", 0, "image");
    expect(image).toMatchObject({ value: "nginx:1.2", origin: { file: "base/r.yaml", line: 5, column: 8 } });
  });

  test("bad replacements are problems at their line; the good ones still apply", async () => {
    const rs = resources(TREE);
    const { k, ctx } = kustomization(
      [
        "replacements:",
        "- source: {kind: ConfigMap, name: nope}", // 2
        "  targets: [{select: {kind: Deployment}, fieldPaths: [metadata.name]}]",
        "- source: {kind: ConfigMap, name: src, fieldPath: data.missing}", // 4
        "  targets: [{select: {kind: Deployment}, fieldPaths: [metadata.name]}]",
        "- source: {kind: ConfigMap, name: src, fieldPath: data.tag}", // 6
        "  targets:",
        "  - select: {kind: Deployment}",
        "    fieldPaths:",
        "    - spec.replicas", // 10
        "    - metadata.labels.tag", // 11
        "    options: {create: true, delimiter: 1, strict: true}", // 12
        "  - select: {kind: Deployment}",
        "    fieldPaths: [spec.paused]", // 14
        "- path: missing.yaml", // 15
        "",
      ].join("\n"),
    );
    await applyReplacements(rs, field(k, "replacements"), ctx);
    expect(ctx.problems.map((p) => [p.line, p.message])).toEqual([
      [2, "replacement source ConfigMap/nope selects no resource"],
      [4, 'replacement source ConfigMap/src: field "data.missing" is missing'],
      [12, 'unknown field "strict" in replacement options'],
      [14, 'replacement target Deployment/d: field "spec.paused" not found (set options.create to make it)'],
      [15, 'replacements: file "missing.yaml" not found'],
    ]);
    // Created fields get the text typed as YAML reads it, as kubectl kustomize prints them.
    expect(toPlain(rs[1]!.node)).toMatchObject({ metadata: { name: "d", labels: { tag: 1.2 } }, spec: { replicas: 1.2 } });
  });
});

describe("vars", () => {
  test("a whole $(VAR) becomes a copy of the field with its origin; inside a string it is substituted", () => {
    const rs = resources(
      "apiVersion: v1\nkind: Service\nmetadata: {name: svc}\nspec:\n  ports: [{port: 8080}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    args: ['$(PORT)', 'http://$(SVC):$(PORT)', '$$(SVC)', '$(NOPE)']\n",
    );
    const { k, ctx } = kustomization(
      "vars:\n- name: SVC\n  objref: {kind: Service, name: svc, apiVersion: v1}\n- name: PORT\n  objref: {kind: Service, name: svc}\n  fieldref: {fieldPath: 'spec.ports[0].port'}\n- name: GONE\n  objref: {kind: Service, name: gone}\n",
    );
    const vars = collectVars(field(k, "vars"), ctx);
    resolveVars(rs, vars, ctx);
    const args = at(rs[1]!.node, "spec", "containers", 0, "args");
    expect(toPlain(args)).toEqual([8080, "http://svc:8080", "$(SVC)", "$(NOPE)"]);
    expect(at(args, 0).origin).toMatchObject({ file: "base/r.yaml", line: 5, column: 18 });
    expect(at(args, 1).origin).toMatchObject({ file: "base/r.yaml", line: 13 });
    expect(ctx.problems.map((p) => [p.line, p.message])).toEqual([[7, 'var "GONE": objref Service/gone matches no resource']]);
  });
});
