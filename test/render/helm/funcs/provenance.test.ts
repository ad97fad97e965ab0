/**
 * Origins travel through the functions: toYaml gives each key and scalar the origin recorded in
 * its container; indent/nindent/trim/quote/toString/default keep a traced argument's segments
 * (moved to where the text lands); merge, dict, list, append, pick, deepCopy copy entry origins;
 * include and tpl return what the engine ran.
 */
import { describe, expect, test } from "@jest/globals";
import { getOrigin, setOrigin, type Segment, type SourceRange } from "../../../../src/render/provenance.js";
import { helmFuncMap } from "../../../../src/render/helm/funcs/index.js";
import { Traced, TracedString, type FuncContext, type GoValue } from "../../../../src/render/helm/template/values.js";
import { CTX } from "./harness.js";

const F = helmFuncMap();
const at = (line: number, column = 1, endColumn = column + 3): SourceRange => ({ file: "values.yaml", line, column, endLine: line, endColumn });

/** Calls a function with traced arguments, as the engine does. */
function call(name: string, args: (GoValue | Traced)[], ctx: FuncContext = CTX): GoValue | Traced {
  const f = F[name]!;
  if (f.traced) return f(ctx, ...args.map((a) => (a instanceof Traced ? a : new Traced(a))));
  return f(ctx, ...args.map((a) => (a instanceof Traced ? a.value : a)));
}

/** The text under each segment with its origin line (readable assertions). */
function pieces(v: GoValue | Traced): [string, number, boolean?][] {
  const t = v instanceof Traced ? v.value : v;
  if (!(t instanceof TracedString)) throw new Error(`not a traced string: ${String(t)}`);
  return t.segments.map((s: Segment) => (s.verbatim ? [t.text.slice(s.start, s.end), s.origin.line, true] : [t.text.slice(s.start, s.end), s.origin.line]));
}

describe("toYaml carries origins", () => {
  test("each key and scalar gets the origin recorded in its container", () => {
    const labels = new Map<string, GoValue>([["app", "web"]]);
    setOrigin(labels, "app", at(4));
    const ports = [80n, 443n];
    setOrigin(ports, 1, at(7));
    const values = new Map<string, GoValue>([["replicas", 3], ["labels", labels], ["ports", ports], ["name", "x"]]);
    setOrigin(values, "replicas", at(1));
    setOrigin(values, "labels", at(3));
    const out = call("toYaml", [values]);
    expect(out).toBeInstanceOf(TracedString);
    expect((out as TracedString).text).toBe("labels:\n  app: web\nname: x\nports:\n- 80\n- 443\nreplicas: 3");
    expect(pieces(out)).toEqual([
      ["labels", 3],
      ["app", 4],
      ["web", 4],
      ["443", 7],
      ["replicas", 1],
      ["3", 1],
    ]);
  });

  test("a traced string value keeps its own segments when written plain", () => {
    const inner = new TracedString("my-release-web", [
      { start: 0, end: 10, origin: at(1) },
      { start: 10, end: 14, origin: at(2, 1, 20), verbatim: true },
    ]);
    const out = call("toYaml", [new Map<string, GoValue>([["name", inner]])]);
    expect((out as TracedString).text).toBe("name: my-release-web");
    expect(pieces(out)).toEqual([
      ["my-release", 1],
      ["-web", 2, true],
    ]);
  });

  test("a quoted or block scalar gets its origin over the whole scalar", () => {
    const m = new Map<string, GoValue>([["a", "yes"], ["b", "x\ny"]]);
    setOrigin(m, "a", at(1));
    setOrigin(m, "b", at(2));
    const out = call("toYaml", [m]);
    expect((out as TracedString).text).toBe('a: "yes"\nb: |-\n  x\n  y');
    expect(pieces(out)).toEqual([
      ["a", 1],
      ['"yes"', 1],
      ["b", 2],
      ["|-\n  x\n  y", 2],
    ]);
  });
});

describe("text functions keep segments", () => {
  const yaml = new TracedString("a: 1\nb: 2", [
    { start: 0, end: 4, origin: at(1) },
    { start: 5, end: 9, origin: at(2) },
  ]);

  test("nindent moves each line's segments by the added newline and indentation", () => {
    const out = call("nindent", [4n, yaml]);
    expect((out as TracedString).text).toBe("\n    a: 1\n    b: 2");
    expect(pieces(out)).toEqual([
      ["a: 1", 1],
      ["b: 2", 2],
    ]);
  });

  test("indent splits a verbatim segment at line ends and advances its origin", () => {
    const verbatim = new TracedString("x: 1\ny: 2", [{ start: 0, end: 9, origin: { file: "t.yaml", line: 10, column: 3, endLine: 11, endColumn: 7 }, verbatim: true }]);
    const out = call("indent", [2n, verbatim]) as TracedString;
    expect(out.text).toBe("  x: 1\n  y: 2");
    expect(out.segments).toEqual([
      { start: 2, end: 7, origin: { file: "t.yaml", line: 10, column: 3, endLine: 11, endColumn: 7 }, verbatim: true },
      { start: 9, end: 13, origin: { file: "t.yaml", line: 11, column: 1, endLine: 11, endColumn: 7 }, verbatim: true },
    ]);
  });

  test("trim and trimSuffix cut the segments with the text", () => {
    const padded = new TracedString("  web-\n", [{ start: 2, end: 6, origin: at(5) }]);
    const trimmed = call("trim", [padded]) as TracedString;
    expect(trimmed.text).toBe("web-");
    expect(pieces(trimmed)).toEqual([["web-", 5]]);
    const cut = call("trimSuffix", ["-", trimmed]) as TracedString;
    expect(cut.text).toBe("web");
    expect(pieces(cut)).toEqual([["web", 5]]);
  });

  test("quote keeps the segments inside the quotes; a scalar's origin covers the quoted text", () => {
    expect(pieces(call("quote", [new Traced("web", at(3))]))).toEqual([["web", 3]]);
    expect((call("quote", [new Traced("web", at(3))]) as TracedString).text).toBe('"web"');
    // Escapes change the length: the whole quoted text takes the origin.
    expect(pieces(call("quote", [new Traced('a"b', at(3))]))).toEqual([['"a\\"b"', 3]]);
    expect(call("quote", ["plain"])).toBe('"plain"');
  });

  test("toString of a traced string returns it; of a scalar, the scalar's origin", () => {
    expect(call("toString", [yaml])).toBe(yaml);
    const out = call("toString", [new Traced(8080n, at(9))]);
    expect(out).toEqual(new Traced("8080", at(9)));
  });

  test("default returns the chosen argument with its origin", () => {
    expect(call("default", [new Traced("nginx", at(1)), new Traced("", at(2))])).toEqual(new Traced("nginx", at(1)));
    expect(call("default", [new Traced("nginx", at(1)), new Traced("busybox", at(2))])).toEqual(new Traced("busybox", at(2)));
    expect(call("default", [new Traced("nginx", at(1))])).toEqual(new Traced("nginx", at(1)));
    expect(call("default", ["nginx", null])).toBe("nginx");
  });

  test("a transformed subject keeps its origin (upper, trunc, replace)", () => {
    expect(call("upper", [new Traced("web", at(3))])).toEqual(new Traced("WEB", at(3)));
    expect(call("trunc", [3n, new Traced("website", at(4))])).toEqual(new Traced("web", at(4)));
    expect(call("replace", ["_", "-", new Traced("a_b", at(5))])).toEqual(new Traced("a-b", at(5)));
  });
});

describe("copies keep entry origins", () => {
  test("merge, mergeOverwrite, pick, omit, deepCopy", () => {
    const dst = new Map<string, GoValue>([["a", 1n]]);
    setOrigin(dst, "a", at(1));
    const src = new Map<string, GoValue>([["a", 2n], ["b", 3n]]);
    setOrigin(src, "a", at(2));
    setOrigin(src, "b", at(3));
    const merged = call("merge", [dst, src]) as Map<string, GoValue>;
    expect(merged).toBe(dst);
    expect([getOrigin(merged, "a")?.line, getOrigin(merged, "b")?.line]).toEqual([1, 3]);
    const over = call("mergeOverwrite", [new Map<string, GoValue>([["a", 1n]]), src]) as Map<string, GoValue>;
    expect(getOrigin(over, "a")?.line).toBe(2);
    expect(getOrigin(call("pick", [src, "b"]) as object, "b")?.line).toBe(3);
    expect(getOrigin(call("omit", [src, "a"]) as object, "b")?.line).toBe(3);
    const copy = call("deepCopy", [new Map<string, GoValue>([["n", src]])]) as Map<string, GoValue>;
    expect(copy.get("n")).not.toBe(src);
    expect(getOrigin(copy.get("n") as object, "b")?.line).toBe(3);
  });

  test("dict, set, list and append record the origins of their traced arguments", () => {
    const d = call("dict", [new Traced("k"), new Traced("v", at(6))]) as Map<string, GoValue>;
    expect(getOrigin(d, "k")?.line).toBe(6);
    call("set", [d, new Traced("k2"), new Traced(1n, at(7))]);
    expect(getOrigin(d, "k2")?.line).toBe(7);
    const l = call("list", [new Traced("a", at(8)), new Traced("b")]) as GoValue[];
    expect(getOrigin(l, 0)?.line).toBe(8);
    const l2 = call("append", [l, new Traced("c", at(9))]) as GoValue[];
    expect([getOrigin(l2, 0)?.line, getOrigin(l2, 2)?.line]).toEqual([8, 9]);
  });
});

describe("include, tpl, required, fail, lookup", () => {
  const ran: unknown[] = [];
  const ctx: FuncContext = {
    ...CTX,
    executeTemplate: (name, data) => {
      ran.push(["template", name, data]);
      return new TracedString(`<${name}>`, [{ start: 0, end: name.length + 2, origin: at(20) }]);
    },
    executeText: (text, data, name, origin) => {
      ran.push(["text", text, data, name, origin?.line]);
      return new TracedString(text.toUpperCase());
    },
  };

  test("include runs the named template and returns its traced text", () => {
    const out = call("include", ["chart.labels", new Map()], ctx);
    expect(out).toEqual(new TracedString("<chart.labels>", [{ start: 0, end: 14, origin: at(20) }]));
    expect(ran.at(-1)).toEqual(["template", "chart.labels", new Map()]);
  });

  test("tpl runs the text through the engine with the text's origin", () => {
    expect(call("tpl", [new Traced("{{ .x }}", at(12)), new Map()], ctx)).toEqual(new TracedString("{{ .X }}"));
    expect(ran.at(-1)).toEqual(["text", "{{ .x }}", new Map(), "tpl", 12]);
  });

  test("required fails with the given message on nil and empty strings only", () => {
    expect(() => call("required", ["image.tag is required", null])).toThrow(/^image\.tag is required$/);
    expect(() => call("required", ["image.tag is required", ""])).toThrow("image.tag is required");
    expect(call("required", ["m", new Traced(0n, at(2))])).toEqual(new Traced(0n, at(2)));
    expect(call("required", ["m", false])).toBe(false);
  });

  test("fail ends the template with its message; lookup finds nothing under helm template", () => {
    expect(() => call("fail", ["unsupported value"])).toThrow(/^unsupported value$/);
    expect(call("lookup", ["v1", "Secret", "ns", "name"])).toEqual(new Map());
    expect(() => call("lookup", ["v1", "Secret", "ns", null])).toThrow("wrong type for value; expected string; got interface {}");
  });
});
