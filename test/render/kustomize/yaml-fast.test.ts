/**
 * The fast Kustomize input reader (yaml-fast.ts) against the full one (yaml's parser, yaml-read.ts):
 * where the fast reader answers, it must give the same documents, nodes, values, styles and
 * origins, on hand-made cases, on every YAML file of the shared corpus and trees, and on mutations.
 */
import { describe, expect, it } from "@jest/globals";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readYamlDocumentsFast } from "../../../src/render/kustomize/yaml-fast.js";
import { readYamlDocumentsWithYaml, type ReadOptions } from "../../../src/render/kustomize/yaml-read.js";
import { corpusPath, corpusPresent } from "../../helpers/corpus.js";
import { mutate, prng, yamlFiles } from "../../helpers/yaml-differential.js";
import { HAVE_TREES, TREES } from "../helm/chart/trees.js";

function full(text: string, options?: ReadOptions): string {
  try {
    return JSON.stringify(readYamlDocumentsWithYaml(text, "f.yaml", options));
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

function fast(text: string, options?: ReadOptions): string | undefined {
  const docs = readYamlDocumentsFast(text, "f.yaml", options);
  return docs === undefined ? undefined : JSON.stringify(docs);
}

const HANDLED = [
  "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels:\n    app: web\ndata:\n  a: \"1\"\n  b: 'it''s'\n  c: 0755\n  d: 1.0\n  e: true\n  f:\n  g: ~\n  h: 2001-12-14\n  i: yes  # note\n",
  "spec:\n  containers:\n  - name: x\n    image: busybox\n    command: [\"sh\", \"-c\", 'echo hi']\n    args: []\n    env:\n    - name: A\n      value: b\n    -\n  volumes: {}\nstatus:\n",
  "a: |\n  line\n    more\n\n  last\nb: |-\n  x\n\n\nc: >\n\n  a\n  b\n\n  c\nd: |\ne: 1\n",
  "- op: replace\n  path: /spec/replicas\n  value: 3\n- op: add\n  path: /x\n  value:\n    k: v\n",
  "\n\na: 1\n---\nb: 2\n---\n---\nc:\n  - 1\n  - [a, 'b']\n---\n",
  "---\nkind: A\n---\n\n",
  "  indented: root\n  other: 1\n",
  "\"quoted key\" : 1\n'k2': x\nk3:    spaced\n",
];

const LEFT_TO_YAML = [
  "# comment\na: 1\n",
  "a: 1\n  # indented comment\n",
  "a: &x 1\nb: *x\n",
  "a: !!str 1\n",
  "<<: {a: 1}\n",
  "a: {b: 1}\n",
  "a: multi\n  line\n",
  'a: "esc\\n"\n',
  "a: 1\na: 2\n",
  "a: |+\n  keep\n",
  "a:\tb\n",
  "a: 1",
  "--- a: 1\n",
  "a: b: c\n",
  "a: # comment\n  b: 1\n",
  "%YAML 1.2\n---\na: 1\n",
];

describe("the fast Kustomize input reader", () => {
  it.each(HANDLED.map((t) => [t]))("reads %j as the full reader does", (text) => {
    const got = fast(text);
    expect(got).not.toBeUndefined();
    expect(got).toStrictEqual(full(text));
  });

  it("applies the line and column offsets of text embedded in a block scalar", () => {
    const options = { lineOffset: 10, columnOffset: 4 };
    expect(fast("a:\n  b: [x]\n", options)).toStrictEqual(full("a:\n  b: [x]\n", options));
  });

  it.each(LEFT_TO_YAML.map((t) => [t]))("leaves %j to the full reader", (text) => {
    expect(fast(text)).toBeUndefined();
  });

  it("leaves what is past half the full reader's node and depth limits to it", () => {
    const deep = Array.from({ length: 120 }, (_, i) => `${" ".repeat(i * 2)}k${i}:`).join("\n") + " 1\n";
    expect(fast(deep)).toBeUndefined();
    expect(full(deep)).toMatch(/^\[\{"node":\{"type":"map"/); // the full reader still reads it: 120 levels are under its 200
    const wide = `l: [${Array.from({ length: 40 }, (_, i) => i).join(", ")}]\n`;
    expect(fast(wide, { maxNodes: 50 })).toBeUndefined();
    expect(full(wide, { maxNodes: 50 })).toMatch(/^\[\{"node":\{"type":"map"/); // 42 nodes: under the full reader's 50
  });
});

function compareAll(files: string[]): { read: number; left: number; mismatches: string[] } {
  let read = 0;
  let left = 0;
  const mismatches: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const got = fast(text);
    if (got === undefined) left += 1;
    else {
      read += 1;
      if (got !== full(text)) mismatches.push(file);
    }
  }
  return { read, left, mismatches };
}

(HAVE_TREES ? describe : describe.skip)("the fast Kustomize input reader on ../shared/trees", () => {
  it("gives the full reader's documents for every YAML file it reads, and reads most Kustomize inputs", () => {
    const all = compareAll(yamlFiles(TREES));
    expect(all.mismatches).toStrictEqual([]);
    const inputs = compareAll([...yamlFiles(join(TREES, "kubernetes-sigs_kustomize")), ...yamlFiles(join(TREES, "kubernetes_ingress-nginx", "hack"))]);
    process.stderr.write(`fast kustomize reader on trees: ${all.read} read, ${all.left} left to yaml; kustomize inputs: ${inputs.read} read, ${inputs.left} left\n`);
    expect(inputs.read).toBeGreaterThanOrEqual(inputs.left * 2);
  });
});

(corpusPresent() ? describe : describe.skip)("the fast Kustomize input reader on the corpus", () => {
  it("gives the full reader's documents for every YAML file it reads", () => {
    const all = compareAll(yamlFiles(corpusPath()));
    process.stderr.write(`fast kustomize reader on the corpus: ${all.read} read, ${all.left} left to yaml\n`);
    expect(all.mismatches).toStrictEqual([]);
    expect(all.read).toBeGreaterThan(0);
  });
});

const INSERTS = [":", " ", "-", "'", '"', "[", "]", "|", ">", "|-", "&a", "*a", "!", "? ", ": ", "- ", ",", "{", "}", "~", "---", "\\", "yes", "0755", "1.0"];

(HAVE_TREES ? describe : describe.skip)("the fast Kustomize input reader on mutated inputs", () => {
  it("never disagrees with the full reader: same documents, or it leaves the text (and its errors) to yaml", () => {
    const sources = [...yamlFiles(join(TREES, "kubernetes-sigs_kustomize")), ...yamlFiles(join(TREES, "kubernetes_ingress-nginx", "hack"))].map((f) => readFileSync(f, "utf8").split("\n"));
    const failures: string[] = [];
    let read = 0;
    for (let seed = 1; seed <= 4000; seed += 1) {
      const r = prng(seed);
      const text = mutate(sources[seed % sources.length]!, r, INSERTS);
      const got = fast(text);
      if (got === undefined) continue;
      read += 1;
      if (got !== full(text)) failures.push(`seed ${seed}`);
    }
    expect(failures).toStrictEqual([]);
    expect(read).toBeGreaterThan(1000);
  });
});
