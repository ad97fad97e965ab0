/**
 * The fast values reader (values-fast.ts) against the full one (yaml's parser + conversion): where
 * the fast reader answers, it must give the same values, key order, types and origins, on hand-made
 * cases and on every YAML file of the shared corpus and trees.
 */
import { describe, expect, it } from "@jest/globals";
import { readFileSync } from "node:fs";
import { getOrigin } from "../../../../src/render/provenance.js";
import { FastValuesReader } from "../../../../src/render/helm/chart/values-fast.js";
import { lineStarts, parseValuesWithYaml } from "../../../../src/render/helm/chart/values.js";
import type { GoValue } from "../../../../src/render/helm/template/values.js";
import { corpusPath, corpusPresent } from "../../../helpers/corpus.js";
import { mutate, prng, yamlFiles } from "../../../helpers/yaml-differential.js";
import { HAVE_TREES, TREES } from "./trees.js";

/** Values with every origin written inline, for a readable deep comparison. */
function dump(v: GoValue): unknown {
  if (v instanceof Map) return [...v].map(([k, x]) => [k, dump(x), getOrigin(v, k)]);
  if (Array.isArray(v)) return { list: v.map((x, i) => [dump(x), getOrigin(v, i)]) };
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : Number.isNaN(v) ? "NaN" : v;
  return v;
}

function full(text: string): unknown {
  try {
    return dump(parseValuesWithYaml(text, "v.yaml"));
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function fast(text: string): unknown {
  const v = FastValuesReader.read(text, "v.yaml", lineStarts(text));
  return v === undefined ? undefined : dump(v);
}

const HANDLED = [
  "a: 1\nb: two\nc: 'it''s'  # note\nd: \"x y\"\ne:\nf: ~\ng: yes\nh: 0x1F\ni: 1:20\nj: 2001-12-14\nk: 1.50\nl: -3\nm: .inf\nn: b#c\n",
  "# only comments\n\n",
  "outer:\n  inner:\n    deep: true\n  # a comment\n  list:\n    - a\n    - 2\n    -\n    - key: v\n      other: w\n    - nested:\n        x: 1\n  after: 1\n",
  "k:\n- a\n- b: 1\n  c: 2\nz: 1\n",
  "lit: |\n  line one\n    indented\n\n  last\nstrip: |-\n  x\n\n\nfold: >\n\n  a\n  b\n\n  c\nempty: |\nnext: 1\n",
  "flows: []\nmaps: {}\nl:\n  - []\n  - {}\n",
  "a: [1, 2]\n",
  'drop: ["ALL"]\nmixed: [ a, \'b c\' , 1, yes, "" ]  # c\nl:\n  - [x]\n  - [ ]\n',
  "\"quoted key\" : 1\n'single': 2\n1.0: float key\ntrue: bool key\nnull: null key\n",
  "dup: 1\nother: 2\ndup: 3\n",
  "   indented: root\n   second: 2\n",
  "a:   \nb: 1   \n- x\n".replace("- x\n", "c: -1\nd: --flag\ne: a:b\n"),
  "list:\n  -   # comment\n  - \n",
  "k: v\n   # more indented comment\nz: 1\n",
];

const LEFT_TO_YAML = [
  "a: &x 1\nb: *x\n",
  "a: !!str 1\n",
  "a: {b: 1}\n",
  "a: [b, [c]]\n",
  "a: [b,]\n",
  "a: [b: 1]\n",
  "a: [b\n",
  "a: [b, c\n  ]\n",
  "a: multi\n  line\n",
  "a: 'multi\n  line'\n",
  'a: "esc\\n"\n',
  "a:\tb\n",
  "---\na: 1\n",
  "a: |+\n  keep\n\n",
  "a: |2\n   x\n",
  "? complex\n: key\n",
  "<<: {a: 1}\n",
  "- a\n- b\n",
  "scalar\n",
  "a: 1",
  "a: 1\n  b: 2\n",
  "k: x\n- a\n",
  "a: b: c\n",
  "a: >\n  x\n    more\n",
];

describe("the fast values reader", () => {
  it.each(HANDLED.map((t) => [t]))("reads %j as the full reader does", (text) => {
    const got = fast(text);
    expect(got).not.toBeUndefined();
    expect(got).toStrictEqual(full(text));
  });

  it.each(LEFT_TO_YAML.map((t) => [t]))("leaves %j to the full reader", (text) => {
    expect(fast(text)).toBeUndefined();
  });
});

function compareAll(files: string[]): { read: number; left: number; mismatches: string[] } {
  let read = 0;
  let left = 0;
  const mismatches: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const got = fast(text);
    if (got === undefined) {
      left += 1;
      continue;
    }
    read += 1;
    const want = full(text);
    if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(file);
  }
  return { read, left, mismatches };
}

(HAVE_TREES ? describe : describe.skip)("the fast values reader on ../shared/trees", () => {
  it("gives the full reader's values and origins for every YAML file it reads, and reads most values.yaml files", () => {
    const files = yamlFiles(TREES);
    const all = compareAll(files);
    expect(all.mismatches).toStrictEqual([]);
    const values = compareAll(files.filter((f) => f.endsWith("/values.yaml")));
    process.stderr.write(`fast values reader on trees: ${all.read} read, ${all.left} left to yaml; values.yaml: ${values.read} read, ${values.left} left\n`);
    expect(values.read).toBeGreaterThanOrEqual(values.left * 3);
  });
});

(corpusPresent() ? describe : describe.skip)("the fast values reader on the corpus", () => {
  it("gives the full reader's values and origins for every YAML file it reads", () => {
    const all = compareAll(yamlFiles(corpusPath()));
    process.stderr.write(`fast values reader on the corpus: ${all.read} read, ${all.left} left to yaml\n`);
    expect(all.mismatches).toStrictEqual([]);
    expect(all.read).toBeGreaterThan(0);
  });
});

const INSERTS = [":", " ", "-", "#", "'", '"', "[", "]", "|", ">", "&a", "*a", "!", "? ", ": ", "- ", ",", "{", "}", "~", "yes", "0x1", "\\\\"];

(HAVE_TREES ? describe : describe.skip)("the fast values reader on mutated values files", () => {
  it("never disagrees with the full reader: same values and origins, or it leaves the text (and its errors) to yaml", () => {
    const sources = yamlFiles(TREES)
      .filter((f) => f.endsWith("/values.yaml"))
      .map((f) => readFileSync(f, "utf8").split("\n").slice(0, 160)); // the first screens: fast enough for 3,000 cases
    const failures: string[] = [];
    let read = 0;
    for (let seed = 1; seed <= 3000; seed += 1) {
      const r = prng(seed);
      const text = mutate(sources[seed % sources.length]!, r, INSERTS);
      const got = fast(text);
      if (got === undefined) continue;
      read += 1;
      if (JSON.stringify(got) !== JSON.stringify(full(text))) failures.push(`seed ${seed}`);
    }
    expect(failures).toStrictEqual([]);
    expect(read).toBeGreaterThan(1000);
  });
});
