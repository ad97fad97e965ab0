/**
 * The engine's fast AST builder (fast-documents.ts) against yaml's parser with the engine's options:
 * where it answers, every node (type, value, format, source, range, flow), every document's range
 * and the line starts must be the parser's, on hand-made cases, on every YAML file of the shared
 * corpus and trees, and on mutated files.
 */
import { describe, expect, it } from "@jest/globals";
import { readFileSync } from "node:fs";
import { LineCounter, parseAllDocuments, type Document } from "yaml";
import { ENGINE_PARSE_OPTIONS } from "../../../src/engine/yaml/core-scalars.js";
import { fastDocuments } from "../../../src/engine/yaml/fast-documents.js";
import { corpusPath, corpusPresent } from "../../helpers/corpus.js";
import { mutate, prng, structure, yamlFiles } from "../../helpers/yaml-differential.js";
import { HAVE_TREES, TREES } from "../../render/helm/chart/trees.js";

function parsed(text: string, merge = false): string {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { ...ENGINE_PARSE_OPTIONS, merge, lineCounter: lc }) as Document.Parsed[];
  return JSON.stringify([docs.map(structure), lc.lineStarts]);
}

function built(text: string, merge = false): string | undefined {
  const lc = new LineCounter();
  const docs = fastDocuments(text, lc, merge, 1000);
  return docs === undefined ? undefined : JSON.stringify([docs.map(structure), lc.lineStarts]);
}

const HANDLED = [
  "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels:\n    app: web\ndata:\n  a: \"1\"\n  b: 'it''s'\n  c: 0755\n  d: 1.50\n  e: true\n  f:\n  g: ~\n  h: 0x1F\n  i: 1e3  # note\n  j: -.inf\n",
  "spec:\n  containers:\n  - name: x\n    image: busybox\n    command: [\"sh\", \"-c\", 'echo hi']\n    args: []\n    ports: [ 80 , 443 ]\n    env:\n    - name: A\n      value: b\n    -\n  volumes: {}\nstatus:\n",
  "a: |\n  line\n    more\n\n  last\nb: |-\n  x\n\n\nc: >\n\n  a\n  b\n\n  c\nd: |\ne: 1\n",
  "- op: replace\n  path: /spec/replicas\n  value: 3\n- op: add\n  path: /x\n  value:\n    k: v\n",
  "\n\na: 1\n---\nb: 2\n---\n---\nc:\n  - 1\n  - [a, 'b']\n---\n",
  "---\nkind: A\n---\n\n",
  "a: 1\n\n\n---\nb: 2\n\n",
  "  indented: root\n  other: 1\n",
  "\"quoted key\" : 1\n'k2': x\nk3:    spaced\n1: one\ntrue: yes\nnull: x\ndup: 1\ndup: 2\n",
  "k: |\n  x\n\n",
];

describe("the fast AST builder", () => {
  it.each(HANDLED.map((t) => [t]))("builds %j as the parser does", (text) => {
    const got = built(text);
    expect(got).not.toBeUndefined();
    expect(got).toStrictEqual(parsed(text));
    expect(built(text, true)).toStrictEqual(parsed(text, true));
  });

  it.each(["# c\na: 1\n", "a: &x 1\nb: *x\n", "a: !!str 1\n", "<<: {a: 1}\n", "a: {b: 1}\n", "a: b\n  c\n", 'a: "x\\ty"\n', "a: |+\n  k\n", "a: 1", "a: {{ .x }}\n", "%YAML 1.2\n---\na: 1\n", "a: b: c\n"].map((t) => [t]))(
    "leaves %j to the parser",
    (text) => {
      expect(built(text)).toBeUndefined();
    },
  );

  it("leaves a stream of more documents than the limit to the stream reader, which stops and reports", () => {
    expect(fastDocuments("a: 1\n---\nb: 2\n---\nc: 3\n", new LineCounter(), false, 2)).toBeUndefined();
  });
});

function compareAll(files: string[], merge = false): { read: number; left: number; mismatches: string[] } {
  let read = 0;
  let left = 0;
  const mismatches: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const got = built(text, merge);
    if (got === undefined) left += 1;
    else {
      read += 1;
      if (got !== parsed(text, merge)) mismatches.push(file);
    }
  }
  return { read, left, mismatches };
}

(corpusPresent() ? describe : describe.skip)("the fast AST builder on the corpus", () => {
  it("builds the parser's AST for every YAML file it reads (manifests and compose files)", () => {
    const k8s = compareAll(yamlFiles(corpusPath("k8s")));
    const compose = compareAll(yamlFiles(corpusPath("compose")), true);
    process.stderr.write(`fast AST builder on the corpus: k8s ${k8s.read} read, ${k8s.left} parsed; compose ${compose.read} read, ${compose.left} parsed\n`);
    expect(k8s.mismatches).toStrictEqual([]);
    expect(compose.mismatches).toStrictEqual([]);
    expect(k8s.read).toBeGreaterThan(0);
  });
});

(HAVE_TREES ? describe : describe.skip)("the fast AST builder on ../shared/trees", () => {
  it("builds the parser's AST for every YAML file it reads", () => {
    const all = compareAll(yamlFiles(TREES));
    expect(all.mismatches).toStrictEqual([]);
  });
});

const INSERTS = [":", " ", "-", "'", '"', "[", "]", "|", ">", "|-", "&a", "*a", "!", "? ", ": ", "- ", ",", "{", "}", "~", "---", "\\", "yes", "0755", "1.50", "0x1F", ".inf"];

(corpusPresent() ? describe : describe.skip)("the fast AST builder on mutated manifests and compose files", () => {
  it("never disagrees with the parser: the same AST, or it leaves the text to the parser", () => {
    // Files the builder reads as they are, cut to their first screens, mutated.
    const sources = [...yamlFiles(corpusPath("k8s")), ...yamlFiles(corpusPath("compose"))]
      .map((f) => readFileSync(f, "utf8"))
      .filter((t) => built(t) !== undefined)
      .slice(0, 400)
      .map((t) => t.split("\n").slice(0, 120));
    const failures: string[] = [];
    let read = 0;
    for (let seed = 1; seed <= 3000; seed += 1) {
      const r = prng(seed);
      const text = mutate(sources[seed % sources.length]!, r, INSERTS);
      const merge = seed % 2 === 0;
      const got = built(text, merge);
      if (got === undefined) continue;
      read += 1;
      if (got !== parsed(text, merge)) failures.push(`seed ${seed}`);
    }
    expect(failures).toStrictEqual([]);
    expect(read).toBeGreaterThan(1000);
  });
});
