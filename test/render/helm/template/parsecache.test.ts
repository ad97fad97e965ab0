/**
 * The parse cache (parse.ts): a text parsed once is reused under any name and origin, so results
 * must be the same whether the cache is cold or warm: names in error messages, origins of the
 * output, defines, and the function set the text was checked against.
 */
import { beforeEach, describe, expect, it } from "@jest/globals";
import { MemorySourceView } from "../../../../src/source/view.js";
import { renderChart } from "../../../../src/render/helm/index.js";
import { clearParseCache } from "../../../../src/render/helm/template/parse.js";
import { TemplateSet, TemplateError } from "../../../../src/render/helm/template/index.js";
import type { RenderResult } from "../../../../src/render/types.js";

const LIB_CHART = "apiVersion: v2\nname: common\nversion: 2.0.0\ntype: library\n";
const LIB_HELPERS = [
  '{{- define "common.names.fullname" -}}',
  "{{- printf \"%s-%s\" .Release.Name .Chart.Name | trunc 63 | trimSuffix \"-\" -}}",
  "{{- end -}}",
  '{{- define "common.labels" -}}',
  "app.kubernetes.io/name: {{ .Chart.Name }}",
  "app.kubernetes.io/instance: {{ .Release.Name }}",
  "{{- end -}}",
  '{{- define "common.tplvalues.render" -}}',
  "{{- tpl (toYaml .value) .context }}",
  "{{- end -}}",
  "",
].join("\n");

function chart(name: string): Record<string, string> {
  return {
    [`charts/${name}/Chart.yaml`]: `apiVersion: v2\nname: ${name}\nversion: 0.1.0\ndependencies:\n  - name: common\n    version: 2.x.x\n`,
    [`charts/${name}/values.yaml`]: "podLabels:\n  tier: \"{{ .Release.Name }}-web\"\n",
    [`charts/${name}/charts/common/Chart.yaml`]: LIB_CHART,
    [`charts/${name}/charts/common/templates/_helpers.tpl`]: LIB_HELPERS,
    [`charts/${name}/templates/cm.yaml`]: [
      "apiVersion: v1",
      "kind: ConfigMap",
      "metadata:",
      '  name: {{ include "common.names.fullname" . }}',
      "  labels:",
      '    {{- include "common.labels" . | nindent 4 }}',
      '    {{- include "common.tplvalues.render" (dict "value" .Values.podLabels "context" $) | nindent 4 }}',
      "",
    ].join("\n"),
  };
}

const view = new MemorySourceView({ ...chart("alpha"), ...chart("beta") });

function comparable(r: RenderResult): unknown {
  return { text: r.text, segments: r.segments, problems: r.problems, consumed: r.consumed };
}

describe("parse cache", () => {
  beforeEach(() => clearParseCache());

  it("two charts sharing a library render identically with a cold or a warm cache", async () => {
    const alphaCold = await renderChart(view, "charts/alpha");
    const betaWarm = await renderChart(view, "charts/beta");
    clearParseCache();
    const betaCold = await renderChart(view, "charts/beta");
    const alphaWarm = await renderChart(view, "charts/alpha");
    expect(alphaCold.problems).toStrictEqual([]);
    expect(alphaCold.text).toContain("  name: release-name-alpha\n  labels:\n    app.kubernetes.io/name: alpha\n");
    expect(alphaCold.text).toContain("    tier: 'release-name-web'\n");
    expect(betaCold.text).toContain("  name: release-name-beta\n");
    expect(comparable(betaWarm)).toStrictEqual(comparable(betaCold));
    expect(comparable(alphaWarm)).toStrictEqual(comparable(alphaCold));
    // Origins point into each chart's own copy of the library, warm or cold.
    const files = (r: RenderResult): string[] => [...new Set(r.segments.map((s) => s.origin.file))].sort();
    expect(files(betaWarm)).toStrictEqual(["charts/beta/charts/common/templates/_helpers.tpl", "charts/beta/templates/cm.yaml", "charts/beta/values.yaml"]);
  });

  it("a cached text reports errors under the name and origin it is parsed under now", () => {
    const text = '{{ define "x" }}ok{{ end }}line 1\n{{ index .a 5 }}';
    const run = (name: string, file: string): string => {
      const set = new TemplateSet();
      set.parse(name, text, { file, line: 3, column: 1 });
      try {
        set.execute(name, new Map([["a", [1n]]]));
      } catch (e) {
        const err = e as TemplateError;
        return `${err.message} @ ${err.file}:${err.line}`;
      }
      return "no error";
    };
    const first = run("one.yaml", "a/one.yaml");
    const second = run("two.yaml", "b/two.yaml");
    expect(first).toBe('template: one.yaml:2:3: executing "one.yaml" at <index .a 5>: error calling index: index out of range: 5 @ a/one.yaml:4');
    expect(second).toBe('template: two.yaml:2:3: executing "two.yaml" at <index .a 5>: error calling index: index out of range: 5 @ b/two.yaml:4');
  });

  it("a text parsed with a function is not reused for a set without it", () => {
    const text = "{{ shout . }}";
    const withFn = new TemplateSet({ funcs: { shout: (_c, s) => `${String(s)}!` } });
    withFn.parse("t", text, { file: "t", line: 1, column: 1 });
    expect(withFn.execute("t", "hi").text).toBe("hi!");
    const without = new TemplateSet();
    expect(() => without.parse("t", text, { file: "t", line: 1, column: 1 })).toThrow('template: t:1: function "shout" not defined');
  });

  it("a file named like one of its defines is checked afresh under each name", () => {
    const text = '{{ define "same" }}inner{{ end }}outer';
    const parse = (name: string): string[] => {
      const set = new TemplateSet();
      set.parse(name, text, { file: name, line: 1, column: 1 });
      return set.names();
    };
    expect(parse("other")).toStrictEqual(["other", "same"]);
    expect(() => parse("same")).toThrow('template: same:1: template: multiple definition of template "same"');
    expect(parse("other2")).toStrictEqual(["other2", "same"]);
    expect(() => parse("same")).toThrow('template: same:1: template: multiple definition of template "same"');
  });

  it("defines of a cached text are all registered again", () => {
    const text = '{{ define "a" }}A{{ end }}{{ block "b" . }}B{{ end }}{{ define "c" }}{{ end }}';
    for (let i = 0; i < 2; i++) {
      const set = new TemplateSet();
      set.parse(`f${i}`, text, { file: "f", line: 1, column: 1 });
      expect(set.names()).toStrictEqual(["a", "b", "c", `f${i}`]);
      expect(set.execute(`f${i}`, null).text).toBe("B");
      expect(set.execute("a", null).text).toBe("A");
    }
  });
});
