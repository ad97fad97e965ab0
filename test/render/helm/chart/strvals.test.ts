import { describe, expect, it } from "@jest/globals";
import { getOrigin } from "../../../../src/render/provenance.js";
import { parseSet, StrvalsError } from "../../../../src/render/helm/chart/strvals.js";

function set(input: string, mode: "typed" | "string" = "typed"): Map<string, unknown> {
  const m = new Map<string, unknown>();
  parseSet(input, m, mode);
  return m;
}

/** Maps to plain objects (bigints stay bigints) for readable expectations. */
function plain(v: unknown): unknown {
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [k, plain(x)]));
  if (Array.isArray(v)) return v.map(plain);
  return v;
}

describe("--set (strvals)", () => {
  it.each<[string, unknown]>([
    ["name=value", { name: "value" }],
    ["a=b,c=d", { a: "b", c: "d" }],
    ["outer.inner=value", { outer: { inner: "value" } }],
    ["a.b.c=1,a.b.d=2", { a: { b: { c: 1n, d: 2n } } }],
    ["list={a,b,c}", { list: ["a", "b", "c"] }],
    ["list={}", { list: [] }],
    ["list[0]=x", { list: ["x"] }],
    ["list[2]=x", { list: [null, null, "x"] }],
    ["servers[0].port=80,servers[0].host=h", { servers: [{ port: 80n, host: "h" }] }],
    ["m[1][0]=z", { m: [null, ["z"]] }],
    ["name=value1\\,value2", { name: "value1,value2" }],
    ["nodeSelector.kubernetes\\.io/role=master", { nodeSelector: { "kubernetes.io/role": "master" } }],
    ["a=null", { a: null }],
    ["a=true,b=FALSE,c=True", { a: true, b: false, c: true }],
    ["a=0,b=007,c=-12,d=1.5,e=1e3", { a: 0n, b: "007", c: -12n, d: "1.5", e: "1e3" }],
    ["big=99999999999999999999", { big: "99999999999999999999" }],
    ["a=", { a: "" }],
    ["a=x=y", { a: "x=y" }],
  ])("%s", (input, expected) => {
    expect(plain(set(input))).toStrictEqual(expected);
  });

  it("keeps every value a string with --set-string", () => {
    expect(plain(set("a=1,b=true,c=null,d={1,2}", "string"))).toStrictEqual({ a: "1", b: "true", c: "null", d: ["1", "2"] });
  });

  it("merges successive flags key by key", () => {
    const m = new Map<string, unknown>();
    parseSet("a.b=1", m, "typed");
    parseSet("a.c=2", m, "typed");
    expect(plain(m)).toStrictEqual({ a: { b: 1n, c: 2n } });
  });

  it("reads --set-file values through the callback", () => {
    const m = new Map<string, unknown>();
    parseSet("cfg=conf/app.ini", m, "string", undefined, (name) => `text of ${name}`);
    expect(plain(m)).toStrictEqual({ cfg: "text of conf/app.ini" });
  });

  it("records the flag as the origin of each key set", () => {
    const origin = { file: "--set", line: 1, column: 1, endLine: 1, endColumn: 2 };
    const m = new Map<string, unknown>();
    parseSet("image.tag=1.2", m, "typed", origin);
    expect(getOrigin(m.get("image") as object, "tag")).toBe(origin);
  });

  it.each([
    ["a", 'key "a" has no value'],
    ["a,b=c", 'key "a" has no value (cannot end with ,)'],
    ["a[x]=1", 'failed to parse index: "x" is not a number'],
    ["a[70000]=1", "index of 70000 is greater than maximum supported index of 65536"],
    ["a={x,y", "list must terminate with '}'"],
  ])("refuses %s", (input, message) => {
    expect(() => set(input)).toThrow(StrvalsError);
    expect(() => set(input)).toThrow(message);
  });
});
