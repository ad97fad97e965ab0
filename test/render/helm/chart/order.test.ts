import { describe, expect, it } from "@jest/globals";
import { sortManifests, splitManifests } from "../../../../src/render/helm/chart/order.js";

describe("splitting rendered templates", () => {
  it("splits on --- lines and trims each document, keeping offsets", () => {
    const text = "\n# a comment\n---\nkind: A\n---   \n\nkind: B\n  \n";
    const docs = splitManifests(text);
    expect(docs.map((d) => d.content)).toStrictEqual(["# a comment", "kind: A", "kind: B"]);
    for (const d of docs) expect(text.slice(d.offset, d.offset + d.content.length)).toBe(d.content);
  });
});

describe("install order", () => {
  it("orders by kind as Helm installs, unknown kinds last by name, stable otherwise", () => {
    const files = new Map([
      ["c/templates/b.yaml", "kind: Deployment\nmetadata: {name: d}\n---\nkind: Zeta\n---\nkind: Service\n"],
      ["c/templates/a.yaml", "kind: Alpha\n---\nkind: ConfigMap\n---\nkind: Namespace\n---\nkind: Service\nmetadata: {name: first}\n"],
      ["c/templates/_helpers.tpl", "kind: Namespace\n"],
      ["c/templates/NOTES.txt", "kind: Namespace\n"],
      ["c/templates/empty.yaml", "\n  \n"],
      ["c/templates/hook.yaml", "kind: Pod\nmetadata:\n  annotations:\n    helm.sh/hook: test\n"],
    ]);
    const { manifests, hooks, errors } = sortManifests(files);
    expect(manifests.map((m) => `${m.name.slice(12)}:${m.kind}`)).toStrictEqual([
      "a.yaml:Namespace",
      "a.yaml:ConfigMap",
      "a.yaml:Service",
      "b.yaml:Service",
      "b.yaml:Deployment",
      "a.yaml:Alpha",
      "b.yaml:Zeta",
    ]);
    expect(hooks.map((h) => [h.name, h.hooks])).toStrictEqual([["c/templates/hook.yaml", ["test"]]]);
    expect(errors).toStrictEqual([]);
  });

  it("reports a document that is not YAML with its line", () => {
    const { errors } = sortManifests(new Map([["c/templates/x.yaml", "kind: A\n---\nkind: B\nmetadata:\n  name: [x\n"]]));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.name).toBe("c/templates/x.yaml");
    expect(errors[0]!.offset).toBe(12);
    expect(errors[0]!.line).toBeGreaterThanOrEqual(3);
  });
});
