import { describe, expect, it } from "@jest/globals";
import { toTextFile } from "../../src/engine/decode.js";
import { getNode, getPath, mapEntries, parseYamlStream, scalarValue } from "../../src/engine/yaml/documents.js";

const MERGE = "base: &base\n  privileged: true\n  user: root\nweb:\n  <<: *base\n  user: app\n";

describe("YAML merge keys", () => {
  it("are followed when the stream is parsed with merge, own keys first and winning", () => {
    const s = parseYamlStream(toTextFile("c.yaml", MERGE), { maxAliases: 10, maxDocuments: 10, merge: true });
    const doc = s.documents[0].doc;
    const web = getNode(doc, doc.contents, "web");
    expect(mapEntries(doc, web).map((e) => [e.key, scalarValue(doc, e.pair.value)])).toEqual([
      ["user", "app"],
      ["privileged", true],
    ]);
    expect(scalarValue(doc, getPath(doc, doc.contents, ["web", "privileged"]))).toBe(true);
  });

  it("are an ordinary key without merge (Kubernetes does not merge)", () => {
    const s = parseYamlStream(toTextFile("k.yaml", MERGE), { maxAliases: 10, maxDocuments: 10, merge: false });
    const doc = s.documents[0].doc;
    const web = getNode(doc, doc.contents, "web");
    expect(mapEntries(doc, web).map((e) => e.key)).toEqual(["<<", "user"]);
    expect(getPath(doc, doc.contents, ["web", "privileged"])).toBeUndefined();
  });
});

describe("limits and templates", () => {
  it("refuses aliases beyond the limit but keeps the other documents", () => {
    const text = "a: &x 1\nb: *x\n---\nkind: Pod\n";
    const s = parseYamlStream(toTextFile("f.yaml", text), { maxAliases: 0, maxDocuments: 10, merge: false });
    expect(s.problems.map((p) => [p.kind, p.range.line])).toEqual([["aliases", 2]]);
    expect(s.documents.map((d) => d.startLine)).toEqual([3]); // a document starts at its --- marker
  });

  it("marks Helm templates but not Go-template text inside strings", () => {
    const helm = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.name }}\n";
    expect(parseYamlStream(toTextFile("t.yaml", helm), { maxAliases: 0, maxDocuments: 10, merge: false }).templated).toBe(true);
    const alert = "apiVersion: v1\nkind: ConfigMap\ndata:\n  msg: \"{{ $labels.instance }} down\"\n";
    expect(parseYamlStream(toTextFile("a.yaml", alert), { maxAliases: 0, maxDocuments: 10, merge: false }).templated).toBe(false);
  });
});
