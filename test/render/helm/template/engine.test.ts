import { describe, expect, test } from "@jest/globals";
import { originAt, setOrigin, type SourceRange } from "../../../../src/render/provenance.js";
import {
  GO_TYPE,
  TemplateError,
  TemplateSet,
  TracedString,
  Traced,
  toGoString,
  tracedFunc,
  withArity,
  type GoFunc,
  type GoValue,
} from "../../../../src/render/helm/template/index.js";

const FILE = { file: "charts/app/templates/x.yaml", line: 1, column: 1 };

function range(file: string, line: number, column: number, endColumn: number): SourceRange {
  return { file, line, column, endLine: line, endColumn };
}

const include: GoFunc = (ctx, name, data) => ctx.executeTemplate(toGoString(name), data ?? null);
const tpl = tracedFunc((ctx, text, data) => ctx.executeText(toGoString(text.value), data.value, "charts/app/templates/x.yaml", text.origin));

function values(): { data: Map<string, GoValue>; tag: SourceRange; repo: SourceRange; name: SourceRange; greeting: SourceRange } {
  const image = new Map<string, GoValue>([
    ["repository", "nginx"],
    ["tag", "1.25"],
  ]);
  const vals = new Map<string, GoValue>([
    ["image", image],
    ["name", "bob"],
    ["greeting", "hello {{ .Values.name }}"],
  ]);
  const repo = range("charts/app/values.yaml", 2, 15, 20);
  const tag = range("charts/app/values.yaml", 3, 8, 12);
  const name = range("charts/app/values.yaml", 4, 7, 10);
  const greeting = range("charts/app/values.yaml", 5, 11, 35);
  setOrigin(image, "repository", repo);
  setOrigin(image, "tag", tag);
  setOrigin(vals, "name", name);
  setOrigin(vals, "greeting", greeting);
  return { data: new Map<string, GoValue>([["Values", vals]]), tag, repo, name, greeting };
}

function render(text: string, data: GoValue, set = new TemplateSet({ funcs: { include, tpl } })) {
  set.parse("x", text, FILE);
  return set.execute("x", data);
}

function originOf(r: { text: string; segments: readonly import("../../../../src/render/provenance.js").Segment[] }, needle: string) {
  const at = r.text.indexOf(needle);
  expect(at).toBeGreaterThanOrEqual(0);
  return originAt(r.text, r.segments, at);
}

describe("provenance", () => {
  test("template text is verbatim; a printed value keeps the origin of its values scalar", () => {
    const v = values();
    const r = render('image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"\nname: {{ .Values.name }}\n', v.data);
    expect(r.text).toBe('image: "nginx:1.25"\nname: bob\n');
    expect(originOf(r, "nginx")).toEqual(v.repo);
    expect(originOf(r, "1.25")).toEqual(v.tag);
    expect(originOf(r, "bob")).toEqual(v.name);
    // "name:" on line 2 of the template, column 1 (verbatim).
    expect(originOf(r, "name:")).toEqual({ file: FILE.file, line: 2, column: 1, endLine: 2, endColumn: 7 });
    // The closing quote after the tag: template line 1, column 60.
    expect(originAt(r.text, r.segments, r.text.indexOf('"\n'))).toMatchObject({ file: FILE.file, line: 1, column: 63 });
  });

  test("origins travel through variables, pipelines, index, and/or, and functions that return or embed an argument", () => {
    const v = values();
    const cases: [string, string][] = [
      ["{{ $t := .Values.image.tag }}{{ $t }}", "1.25"],
      ['{{ .Values.image.tag | printf "%s" }}', "1.25"],
      ['{{ printf "v%s" .Values.image.tag }}', "v1.25"],
      ['{{ index .Values.image "tag" }}', "1.25"],
      ["{{ and true .Values.image.tag }}", "1.25"],
      ['{{ or "" .Values.image.tag }}', "1.25"],
      ["{{ with .Values.image }}{{ .tag }}{{ end }}", "1.25"],
      ["{{ range $k, $v := .Values.image }}{{ if eq $k \"tag\" }}{{ $v }}{{ end }}{{ end }}", "1.25"],
    ];
    for (const [text, out] of cases) {
      const r = render(text, v.data);
      expect(r.text).toBe(out);
      expect(originOf(r, out)).toEqual(v.tag);
    }
  });

  test("a value without data origin gets the origin of its action", () => {
    const r = render("a: {{ print 1 2 }}\n", values().data);
    expect(r.text).toBe("a: 1 2\n");
    expect(originOf(r, "1 2")).toEqual(range(FILE.file, 1, 4, 19));
    const l = render("\n  {{ len .Values.image.tag }}", values().data);
    expect(originOf(l, "4")).toEqual(range(FILE.file, 2, 3, 30));
  });

  test("include returns traced text: the values origin survives the helper", () => {
    const v = values();
    const r = render('{{ define "img" }}{{ .Values.image.repository }}:{{ .Values.image.tag }}{{ end }}image: {{ include "img" . }}', v.data);
    expect(r.text).toBe("image: nginx:1.25");
    expect(originOf(r, "nginx")).toEqual(v.repo);
    expect(originOf(r, "1.25")).toEqual(v.tag);
    // The ":" between them is template text of the define (column 50 of line 1).
    expect(originAt(r.text, r.segments, r.text.indexOf(":1.25"))).toMatchObject({ file: FILE.file, line: 1, column: 49 });
  });

  test("tpl text that came from a values scalar is attributed to that scalar", () => {
    const v = values();
    const r = render("greeting: {{ tpl .Values.greeting . }}", v.data);
    expect(r.text).toBe("greeting: hello bob");
    expect(originOf(r, "hello")).toMatchObject({ file: "charts/app/values.yaml", line: 5, column: 11 });
    expect(originOf(r, "bob")).toEqual(v.name);
  });

  test("a function returning a TracedString or a Traced keeps the origins it gives", () => {
    const o = range("charts/app/values.yaml", 9, 3, 6);
    const traced: GoFunc = () => new TracedString("abc", [{ start: 0, end: 3, origin: o }]);
    const chosen: GoFunc = () => new Traced("zzz", o);
    const set = new TemplateSet({ funcs: { traced, chosen } });
    const r = render("{{ traced }}-{{ chosen }}", null, set);
    expect(r.text).toBe("abc-zzz");
    expect(originOf(r, "abc")).toEqual(o);
    expect(originOf(r, "zzz")).toEqual(o);
  });

  test("a traced function receives the origins of its arguments", () => {
    const v = values();
    const seen: (SourceRange | undefined)[] = [];
    const spy = tracedFunc((_c, ...args) => {
      for (const a of args) seen.push(a.origin);
      return args[0]!.value;
    });
    render('{{ spy .Values.image.tag "lit" .Values.missing }}', v.data, new TemplateSet({ funcs: { spy } }));
    expect(seen).toEqual([v.tag, range(FILE.file, 1, 26, 31), undefined]);
  });
});

describe("functions, methods and structs", () => {
  test("functions get Go values; a missing key arrives as null; an error is Go's 'error calling'", () => {
    const got: GoValue[] = [];
    const f: GoFunc = (_c, ...args) => {
      got.push(...args);
      return "ok";
    };
    const boom: GoFunc = () => {
      throw new Error("boom");
    };
    const set = new TemplateSet({ funcs: { f, boom } });
    expect(render("{{ f .a 1 1.5 \"s\" nil }}", new Map([["a", "A"]]), set).text).toBe("ok");
    expect(got).toEqual(["A", 1n, 1.5, "s", null]);
    got.length = 0;
    render("{{ f .missing }}", new Map(), new TemplateSet({ funcs: { f } }));
    expect(got).toEqual([null]);
    expect(() => render("x\n  {{ boom 1 }}", null, new TemplateSet({ funcs: { boom } }))).toThrow(
      'template: x:2:5: executing "x" at <boom 1>: error calling boom: boom',
    );
  });

  test("functions learn which arguments were Go's invalid value or a nil literal (zero for typed parameters)", () => {
    const seen: (readonly boolean[] | undefined)[] = [];
    const f: GoFunc = (ctx) => {
      seen.push(ctx.invalidArgs);
      return "";
    };
    const data = new Map<string, GoValue>([
      ["m", new Map()],
      ["n", null],
    ]);
    const set = new TemplateSet({ funcs: { f }, missingKey: "zero" });
    render('{{ $v := .m.x }}{{ f .m.x $v nil .n "s" }}{{ .m.x | f }}{{ f (.m.x) }}', data, set);
    expect(seen).toEqual([[false, true, true, false, false], [true], [true]]);
  });

  test("declared arity is checked as Go checks a signature", () => {
    const two = withArity<GoFunc>(() => "x", 2);
    const many = withArity<GoFunc>(() => "x", 1, true);
    const set = new TemplateSet({ funcs: { two, many } });
    expect(() => render("{{ two 1 }}", null, set)).toThrow('template: x:1:3: executing "x" at <two>: wrong number of args for two: want 2 got 1');
    const set2 = new TemplateSet({ funcs: { two, many } });
    expect(() => render("{{ many }}", null, set2)).toThrow("wrong number of args for many: want at least 1 got 0");
    expect(render("{{ 2 | two 1 }}", null, new TemplateSet({ funcs: { two, many } })).text).toBe("x");
  });

  test("functions named like Object.prototype members are ordinary functions", () => {
    const toString: GoFunc = (_c, v) => `<${toGoString(v)}>`;
    const constructor: GoFunc = () => "c";
    const set = new TemplateSet({ funcs: { toString, constructor } });
    expect(render("{{ (.tag | toString) }} {{ constructor }} {{ not (.tag | toString | eq \"x\") }}", new Map([["tag", "1.0"]]), set).text).toBe("<1.0> c true");
  });

  test("functions override built-ins of the same name", () => {
    const len: GoFunc = () => "mine";
    expect(render("{{ len 1 }}", null, new TemplateSet({ funcs: { len } })).text).toBe("mine");
  });

  test("structs: fields, methods with arguments, Stringers, unexported and unknown fields", () => {
    class Release {
      Name = "rel";
      Revision = 2n;
      secret = "hidden";
      IsUpgrade = false;
    }
    const chart = {
      [GO_TYPE]: "*chart.Metadata",
      Name: "app",
      Version: "1.0.0",
      Get(name: GoValue) {
        return `file:${toGoString(name)}`;
      },
    };
    const kube = { Version: "v1.29.0", String: () => "v1.29.0" };
    const data = new Map<string, GoValue>([
      ["Release", new Release()],
      ["Chart", chart],
      ["Capabilities", { KubeVersion: kube }],
    ]);
    expect(render('{{ .Release.Name }} {{ .Release.Revision }} {{ .Chart.Name }}-{{ .Chart.Version }} {{ .Chart.Get "a.txt" }} {{ .Capabilities.KubeVersion }} {{ .Chart.Get "b" | printf "%s!" }}', data).text).toBe(
      "rel 2 app-1.0.0 file:a.txt v1.29.0 file:b!",
    );
    expect(() => render("{{ .Chart.Missing }}", data)).toThrow('template: x:1:9: executing "x" at <.Chart.Missing>: can\'t evaluate field Missing in type interface {}');
    expect(() => render("{{ .Release.secret }}", data)).toThrow("secret is an unexported field of struct type interface {}");
    expect(() => render("{{ .Release.Name 1 }}", data)).toThrow("Name has arguments but cannot be invoked as function");
    const files = { Get: withArity((name: GoValue) => `got ${toGoString(name)}`, 1) };
    const withFiles = new Map<string, GoValue>([["Files", files]]);
    expect(render('{{ "a" | .Files.Get }}', withFiles).text).toBe("got a");
    expect(() => render("{{ .Files.Get }}", withFiles)).toThrow('template: x:1:9: executing "x" at <.Files.Get>: wrong number of args for Get: want 1 got 0');
    const direct = new TemplateSet();
    direct.parse("d", "{{ .secret }}", FILE);
    expect(() => direct.execute("d", new Release())).toThrow('template: d:1:3: executing "d" at <.secret>: secret is an unexported field of struct type *Release');
    expect(render("{{ printf \"%T %v %+v\" .Release .Release .Release }}", data).text).toBe("*Release &{rel 2 hidden false} &{Name:rel Revision:2 secret:hidden IsUpgrade:false}");
  });
});

describe("TemplateSet", () => {
  test("parse errors carry the repository file and line (offset by the origin)", () => {
    const set = new TemplateSet();
    let err: TemplateError | undefined;
    try {
      set.parse("app/templates/t.yaml", "a\nb\n{{ foo }}", { file: "charts/app/templates/t.yaml", line: 10, column: 1 });
    } catch (e) {
      err = e as TemplateError;
    }
    expect(err).toBeInstanceOf(TemplateError);
    expect(err!.message).toBe('template: app/templates/t.yaml:3: function "foo" not defined');
    expect([err!.kind, err!.file, err!.line]).toEqual(["parse", "charts/app/templates/t.yaml", 12]);
  });

  test("execution errors carry file, line and column; include wraps the inner error as Go does", () => {
    const set = new TemplateSet({ funcs: { include } });
    set.parse("x", '{{define "bad"}}{{.x.y}}{{end}}{{include "bad" .}}', FILE);
    let err: TemplateError | undefined;
    try {
      set.execute("x", new Map([["x", "s"]]));
    } catch (e) {
      err = e as TemplateError;
    }
    expect(err!.message).toBe(
      'template: x:1:33: executing "x" at <include "bad" .>: error calling include: template: x:1:20: executing "bad" at <.x.y>: can\'t evaluate field y in type interface {}',
    );
    expect([err!.kind, err!.file, err!.line, err!.column]).toEqual(["exec", FILE.file, 1, 34]);
    const inner = err!.innermost();
    expect(inner.message).toBe('template: x:1:20: executing "bad" at <.x.y>: can\'t evaluate field y in type interface {}');
    expect([inner.templateName, inner.line, inner.column]).toEqual(["bad", 1, 21]);
  });

  test("defines from every file share one namespace; later non-empty definitions win", () => {
    const set = new TemplateSet();
    set.parse("a", '{{define "h"}}one{{end}}', FILE);
    set.parse("b", '{{define "h"}}two{{end}}', FILE);
    set.parse("c", '{{define "h"}}  {{end}}{{template "h"}}', FILE);
    expect(set.execute("c", null).text).toBe("two");
    expect(set.has("h")).toBe(true);
    expect(set.names()).toEqual(["a", "b", "c", "h"]);
    expect(() => set.execute("nope", null)).toThrow('template: no template "nope" associated with template "nope"');
  });

  test("missingkey=zero (Helm's option) and a failed include of an unknown template", () => {
    const set = new TemplateSet({ funcs: { include }, missingKey: "zero" });
    expect(render("[{{ .a }}]", new Map(), set).text).toBe("[<no value>]");
    expect(() => render('{{ include "nope" . }}', null, new TemplateSet({ funcs: { include } }))).toThrow(
      'error calling include: template: no template "nope" associated with template "x"',
    );
  });
});

describe("limits", () => {
  const limitOf = (fn: () => unknown): TemplateError => {
    try {
      fn();
    } catch (e) {
      return e as TemplateError;
    }
    throw new Error("no error");
  };

  test("template recursion stops at the call depth", () => {
    const set = new TemplateSet({ limits: { maxDepth: 50 } });
    const e = limitOf(() => render('{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}', null, set));
    expect(e.kind).toBe("limit");
    expect(e.message).toBe('template: x:1:25: executing "r" at <{{template "r" .}}>: exceeded maximum template depth (50)');
  });

  test("include recursion at Helm's depth is a template error, never a stack overflow", () => {
    const set = new TemplateSet({ funcs: { include } });
    const e = limitOf(() => render('{{define "r"}}{{include "r" .}}{{end}}{{include "r" .}}', null, set));
    expect(e).toBeInstanceOf(TemplateError);
    expect(e.kind).toBe("limit");
    expect(e.message).toMatch(/exceeded maximum template depth \(1000\)|template calls nested too deeply \(depth \d+\)$/);
  });

  test("output size, step budget (a huge range) and the deadline", () => {
    const out = limitOf(() => render("{{range 100000}}xxxxxxxxxx{{end}}", null, new TemplateSet({ limits: { maxOutputChars: 1000 } })));
    expect(out.message).toBe('template: x:1:16: executing "x" at <xxxxxxxxxx>: output exceeds the limit of 1000 characters');
    const steps = limitOf(() => render("{{range 1000000000000}}{{end}}", null, new TemplateSet({ limits: { maxSteps: 10000 } })));
    expect(steps.message).toBe('template: x:1:8: executing "x" at <1000000000000>: execution exceeds the limit of 10000 steps');
    let clock = 0;
    const late = limitOf(() => render("{{range 1000000}}{{end}}", null, new TemplateSet({ limits: { deadline: 100, now: () => (clock += 1) } })));
    expect(late.message).toMatch(/execution deadline exceeded$/);
    expect(late.kind).toBe("limit");
  });

  test("pathologically nested parentheses are a parse error, not a crash", () => {
    const deep = `{{${"(".repeat(100000)}1${")".repeat(100000)}}}`;
    const e = limitOf(() => new TemplateSet().parse("x", deep, FILE));
    expect(e).toBeInstanceOf(TemplateError);
  });
});
