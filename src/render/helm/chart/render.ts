/**
 * `helm template CHART`, as Helm documents and prints it: load the chart and its dependencies,
 * merge values, validate them against the charts' schemas, run every template of the chart and its
 * subcharts in one template set, split the output into documents, drop empty ones, order them by
 * Helm's install order and print each as `---\n# Source: CHART/templates/FILE\n<document>`, hooks
 * after the manifests. Every piece of printed text keeps its origin (template line, values line).
 *
 * Nothing throws out of `renderChartWith`: every failure is a RenderProblem naming its file.
 */
import type { SourceView } from "../../../source/view.js";
import { normalizePath } from "../../../source/view.js";
import picomatch from "picomatch";
import type { Document } from "yaml";
import { lineCounterOf } from "../../../engine/yaml/block-scanner.js";
import { getOrigin, originAt, TextWithOrigins, type Segment, type SourceRange } from "../../provenance.js";
import type { RenderLimits, RenderProblem, RenderResult } from "../../types.js";
import { TemplateError } from "../template/errors.js";
import { TracedString, type FuncMap, type GoValue, type TemplateLimits } from "../template/values.js";
import { chartYamlOf, processDependencies, renderValues } from "./dependencies.js";
import { DEFAULT_LOAD_LIMITS, inDir, loadChartDir, resolveMissingDependencies, text, type Chart, type LoadContext } from "./loader.js";
import { capabilitiesObject, chartObject, filesObject, releaseObject, templateObject, type YamlMarshal } from "./objects.js";
import { isTestHook, placeDocument, sortManifests, type ManifestDoc } from "./order.js";
import { validateSchemas } from "./schema.js";
import { satisfies } from "../funcs/semver.js";
import { DEFAULT_KUBE_VERSION, parseKubeVersion } from "./objects.js";
import { parseSet, StrvalsError } from "./strvals.js";
import { mergeInto, parseValues, ValuesError, type Values } from "./values.js";

export interface HelmRenderOptions {
  /** `.Release.Name` (default "release-name"). */
  releaseName?: string;
  /** `.Release.Namespace` (default "default"). */
  namespace?: string;
  /** `-f` files in order: repository paths, or already-read files (CLI). */
  valuesFiles?: (string | { path: string; text: string })[];
  /**
   * `--set` flags (strvals syntax). Values set by flags have no place in the repository: their
   * origin is the pseudo-path `--set[i]` (`--set-string[i]`, `--set-file[i]`), line 1.
   */
  set?: string[];
  /** `--set-string` flags. */
  setString?: string[];
  /** `--set-file` flags (`key=path`, the path read from the view). */
  setFile?: string[];
  /** `--kube-version` (default v1.31.0). */
  kubeVersion?: string;
  /** `--api-versions`, added to the default set. */
  apiVersions?: string[];
  /** `--show-only` globs, relative to the chart (`templates/deployment.yaml`). */
  showOnly?: string[];
  /** `--skip-tests`: leave out test hooks. */
  skipTests?: boolean;
  /** `--include-crds`: print the files of crds/ first. */
  includeCrds?: boolean;
  limits?: RenderLimits;
}

/** A template set: parse named texts, execute one by name (the engine of ../template). */
export interface TemplateSetLike {
  /** Parses `text` as template `name` (and its `define`s); throws a TemplateError. */
  parse(name: string, text: string, origin: SourceRange): void;
  /** Executes template `name` with `data`; throws a TemplateError. */
  execute(name: string, data: GoValue): TracedString;
}

export interface EngineBindings {
  newTemplateSet(funcs: FuncMap, limits: TemplateLimits): TemplateSetLike;
  funcs(): FuncMap;
  toYaml: YamlMarshal;
}

const NO_VALUE = "<no value>";

export async function renderChartWith(
  engine: EngineBindings,
  view: SourceView,
  chartDir: string,
  options: HelmRenderOptions = {},
): Promise<RenderResult> {
  const root = normalizePath(chartDir) ?? chartDir;
  const problems: RenderProblem[] = [];
  const consumed = new Set<string>();
  const result = (out?: { text: string; segments: Segment[]; documents?: RenderResult["documents"] }): RenderResult => ({
    kind: "helm",
    root,
    text: out?.text ?? "",
    segments: out?.segments ?? [],
    consumed: [...consumed].sort(),
    problems,
    ...(out?.documents ? { documents: out.documents } : {}),
  });
  try {
    const out = await run(engine, view, root, options, problems, consumed);
    return result(out);
  } catch (error) {
    problems.push({ file: inDir(root, "Chart.yaml"), message: `internal error while rendering the chart: ${(error as Error).message}`, severity: "error" });
    return result();
  }
}

async function run(
  engine: EngineBindings,
  view: SourceView,
  root: string,
  options: HelmRenderOptions,
  problems: RenderProblem[],
  consumed: Set<string>,
): Promise<{ text: string; segments: Segment[]; documents?: RenderResult["documents"] } | undefined> {
  const limits = options.limits ?? {};
  const ctx: LoadContext = {
    view,
    limits: {
      ...DEFAULT_LOAD_LIMITS,
      ...(limits.maxFileBytes ? { maxFileBytes: limits.maxFileBytes } : {}),
      ...(limits.deadline !== undefined ? { deadline: limits.deadline } : {}),
    },
    problems,
    consumed,
    fileCount: 0,
  };
  const top = await loadChartDir(ctx, root);
  if (!top) return undefined;
  if (top.metadata.type === "library") {
    problems.push({ file: chartYamlOf(top), message: "library charts are not installable", severity: "error" });
    return undefined;
  }
  const kubeConstraint = top.metadata.raw.get("kubeVersion");
  if (typeof kubeConstraint === "string" && kubeConstraint.trim() !== "") {
    const kube = (parseKubeVersion(options.kubeVersion ?? DEFAULT_KUBE_VERSION) ?? parseKubeVersion(DEFAULT_KUBE_VERSION)!).version;
    let ok = true;
    try {
      ok = satisfies(kubeConstraint, kube);
    } catch {
      ok = true; // an unreadable constraint is not checked
    }
    if (!ok) {
      problems.push({ file: chartYamlOf(top), message: `chart requires kubeVersion: ${kubeConstraint} which is incompatible with Kubernetes ${kube}`, severity: "error" });
      return undefined;
    }
  }
  await resolveMissingDependencies(ctx, top);
  if (problems.some((p) => p.severity === "error")) return undefined;

  // User values: -f files in order, then --set, --set-string, --set-file.
  const user: Values = new Map();
  for (const entry of options.valuesFiles ?? []) {
    const path = typeof entry === "string" ? entry : entry.path;
    let source: string | undefined;
    if (typeof entry === "string") {
      const data = await view.readFile(entry);
      if (!data) {
        problems.push({ file: path, message: `values file ${path} not found`, severity: "error" });
        return undefined;
      }
      consumed.add(path);
      source = text(data);
    } else source = entry.text;
    try {
      mergeInto(user, parseValues(source, path));
    } catch (error) {
      const e = error as ValuesError;
      problems.push({ file: path, ...(e.line ? { line: e.line } : {}), ...(e.column ? { column: e.column } : {}), message: `cannot read values file: ${e.message}`, severity: "error" });
      return undefined;
    }
  }
  const flagOrigin = (flag: string, i: number): SourceRange => ({ file: `${flag}[${i}]`, line: 1, column: 1, endLine: 1, endColumn: 2 });
  try {
    (options.set ?? []).forEach((s, i) => parseSet(s, user, "typed", flagOrigin("--set", i)));
    (options.setString ?? []).forEach((s, i) => parseSet(s, user, "string", flagOrigin("--set-string", i)));
    for (const [i, s] of (options.setFile ?? []).entries()) {
      const files = new Map<string, string>();
      const names: string[] = [];
      parseSet(s, new Map(), "string", undefined, (name) => {
        names.push(name);
        return "";
      });
      for (const name of names) {
        const data = await view.readFile(name);
        if (!data) throw new StrvalsError(`--set-file: file ${name} not found`);
        consumed.add(name);
        files.set(name, text(data));
      }
      parseSet(s, user, "string", flagOrigin("--set-file", i), (name) => files.get(name) ?? "");
    }
  } catch (error) {
    problems.push({ file: inDir(root, "Chart.yaml"), message: `failed parsing --set data: ${(error as Error).message}`, severity: "error" });
    return undefined;
  }

  processDependencies(top, user, problems);
  // Helm logs merge conflicts (a table set to a scalar or the reverse) and goes on; so do we, as
  // warnings at the line of the value that won.
  const warned = new Set<string>();
  const values = renderValues(top, user, (message, container, key) => {
    if (warned.has(message) || warned.size >= 50) return;
    warned.add(message);
    const at = getOrigin(container, key);
    problems.push({ file: at?.file ?? inDir(root, "values.yaml"), ...(at ? { line: at.line, column: at.column } : {}), message, severity: "warning" });
  });
  const schemaFailure = validateSchemas(top, values);
  if (schemaFailure) {
    // The problem points at the first offending value's line when it is known, else at the schema.
    const at = schemaFailure.origin;
    problems.push({
      file: at?.file ?? schemaFailure.file,
      ...(at ? { line: at.line, column: at.column } : {}),
      message: schemaFailure.message.trimEnd(),
      severity: "error",
    });
    return undefined;
  }

  const rendered = renderTemplates(engine, top, values, options, problems, consumed, limits);
  if (!rendered) return undefined;
  return assemble(top, rendered, options, problems, consumed, limits);
}

interface Renderable {
  name: string;
  chart: Chart;
  text: string;
  source: string;
  data?: Map<string, GoValue>;
  isPartial: boolean;
}

/** Helm's template order: deepest paths first, then names in reverse (shallower `define`s win). */
function helmTemplateOrder(a: string, b: string): number {
  const da = a.split("/").length;
  const db = b.split("/").length;
  if (da !== db) return db - da;
  return a < b ? 1 : a > b ? -1 : 0;
}

function renderTemplates(
  engine: EngineBindings,
  top: Chart,
  values: Values,
  options: HelmRenderOptions,
  problems: RenderProblem[],
  consumed: Set<string>,
  limits: RenderLimits,
): Map<string, TracedString> | undefined {
  const release = releaseObject({ name: options.releaseName ?? "release-name", namespace: options.namespace ?? "default" });
  const capabilities = capabilitiesObject({
    ...(options.kubeVersion ? { kubeVersion: options.kubeVersion } : {}),
    ...(options.apiVersions ? { apiVersions: options.apiVersions } : {}),
  });
  const all: Renderable[] = [];
  const collect = (chart: Chart, path: string, chartValues: Values, depth: number): Map<string, GoValue> => {
    const subcharts = new Map<string, GoValue>();
    const data = new Map<string, GoValue>([
      ["Values", chartValues],
      ["Release", release],
      ["Chart", chartObject(chart, depth === 0)],
      ["Capabilities", capabilities],
      ["Files", filesObject(chart.files, engine.toYaml, (f) => consumed.add(f.source))],
      ["Subcharts", subcharts],
    ]);
    const library = chart.metadata.type === "library";
    for (const t of chart.templates) {
      const base = t.name.slice(t.name.lastIndexOf("/") + 1);
      const isPartial = base.startsWith("_");
      if (library && !isPartial) continue;
      consumed.add(t.source);
      all.push({ name: `${path}/${t.name}`, chart, text: text(t.data), source: t.source, data, isPartial });
    }
    if (depth < 50) {
      for (const sub of chart.dependencies) {
        const section = chartValues.get(sub.metadata.name);
        const subData = collect(sub, `${path}/charts/${sub.metadata.name}`, section instanceof Map ? section : new Map(), depth + 1);
        subcharts.set(sub.metadata.name, subData);
      }
    }
    return data;
  };
  collect(top, top.metadata.name, values, 0);
  all.sort((a, b) => helmTemplateOrder(a.name, b.name));
  const sourceOf = new Map(all.map((r) => [r.name, r.source]));

  const templateLimits: TemplateLimits = {
    maxDepth: 1000,
    maxOutputChars: limits.maxOutputChars ?? 20 * 1024 * 1024,
    maxSteps: 50_000_000,
    ...(limits.deadline !== undefined ? { deadline: limits.deadline } : {}),
  };
  const set = engine.newTemplateSet(engine.funcs(), templateLimits);
  let failed = false;
  for (const r of all) {
    try {
      set.parse(r.name, r.text, { file: r.source, line: 1, column: 1, endLine: 1, endColumn: 1 });
    } catch (error) {
      problems.push(templateProblem(error, r, sourceOf));
      failed = true;
    }
  }
  if (failed) return undefined;
  const out = new Map<string, TracedString>();
  for (const r of all) {
    if (r.isPartial) continue;
    if (limits.deadline !== undefined && Date.now() > limits.deadline) {
      problems.push({ file: r.source, message: "rendering stopped: the time limit was reached", severity: "error" });
      return undefined;
    }
    const basePath = `${r.name.slice(0, r.name.indexOf("/templates/") + "/templates".length)}`;
    // As in Helm, `.Template` is set on the chart's shared data (so `.Subcharts.x.Template` is the
    // subchart's last rendered template).
    const data = r.data!;
    data.set("Template", templateObject(r.name, basePath));
    try {
      const rendered = set.execute(r.name, data);
      out.set(r.name, removeNoValue(rendered));
    } catch (error) {
      problems.push(templateProblem(error, r, sourceOf));
      failed = true;
    }
  }
  return failed ? undefined : out;
}

/** A template error as a problem at the template's file and line (from Helm's message form). */
function templateProblem(error: unknown, r: Renderable, sourceOf: Map<string, string>): RenderProblem {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof TemplateError && error.file) {
    return {
      file: error.file,
      ...(error.line ? { line: error.line } : {}),
      ...(error.column ? { column: error.column } : {}),
      message,
      severity: "error",
    };
  }
  // `template: CHART/templates/FILE:LINE:COL: executing ...` names the template at fault.
  const m = /^template: ([^:\s]+):(\d+)(?::(\d+))?:/.exec(message);
  if (m && sourceOf.has(m[1]!)) return { file: sourceOf.get(m[1]!)!, line: Number(m[2]), message, severity: "error" };
  return { file: r.source, message, severity: "error" };
}

/** Removes `<no value>` as Helm does after rendering, moving segments with the text. */
export function removeNoValue(s: TracedString): TracedString {
  if (!s.text.includes(NO_VALUE)) return s;
  const b = new TextWithOrigins();
  let i = 0;
  let seg = 0;
  const segs = s.segments;
  const copy = (from: number, to: number): void => {
    let pos = from;
    while (pos < to) {
      while (seg < segs.length && segs[seg]!.end <= pos) seg += 1;
      const cur = segs[seg];
      if (!cur || cur.start >= to) {
        b.append(s.text.slice(pos, to));
        return;
      }
      if (cur.start > pos) {
        b.append(s.text.slice(pos, cur.start));
        pos = cur.start;
        continue;
      }
      const end = Math.min(cur.end, to);
      b.append(s.text.slice(pos, end), shiftOrigin(s.text, cur, pos), cur.verbatim ?? false);
      pos = end;
    }
  };
  for (let at = s.text.indexOf(NO_VALUE); at >= 0; at = s.text.indexOf(NO_VALUE, i)) {
    copy(i, at);
    i = at + NO_VALUE.length;
  }
  copy(i, s.text.length);
  return new TracedString(b.text, b.segments);
}

/** The origin of position `pos` inside segment `seg` (verbatim segments move along). */
function shiftOrigin(text: string, seg: Segment, pos: number): SourceRange {
  if (!seg.verbatim || pos === seg.start) return seg.origin;
  return originAt(text, [seg], pos) ?? seg.origin;
}

/** Segments of `s` within [from, from+length), shifted to start at 0. */
function sliceSegments(s: TracedString, from: number, length: number): Segment[] {
  const out: Segment[] = [];
  const to = from + length;
  for (const seg of s.segments) {
    if (seg.end <= from || seg.start >= to) continue;
    const start = Math.max(seg.start, from);
    const end = Math.min(seg.end, to);
    const origin = start === seg.start ? seg.origin : shiftOrigin(s.text, seg, start);
    out.push({ start: start - from, end: end - from, origin, ...(seg.verbatim ? { verbatim: true } : {}) });
  }
  return out;
}

function assemble(
  top: Chart,
  rendered: Map<string, TracedString>,
  options: HelmRenderOptions,
  problems: RenderProblem[],
  consumed: Set<string>,
  limits: RenderLimits,
): { text: string; segments: Segment[]; documents?: RenderResult["documents"] } | undefined {
  const sources = new Map<string, string>();
  const collectSources = (chart: Chart, path: string): void => {
    for (const t of chart.templates) sources.set(`${path}/${t.name}`, t.source);
    for (const sub of chart.dependencies) collectSources(sub, `${path}/charts/${sub.metadata.name}`);
  };
  collectSources(top, top.metadata.name);

  const texts = new Map<string, string>();
  for (const [name, s] of rendered) if (!name.endsWith("NOTES.txt")) texts.set(name, s.text);
  const { manifests, hooks, errors } = sortManifests(texts);
  if (errors.length > 0) {
    for (const e of errors) {
      const s = rendered.get(e.name)!;
      let origin: SourceRange | undefined;
      if (e.line !== undefined) {
        let offset = e.offset;
        for (let l = 1; l < e.line; l += 1) {
          const nl = s.text.indexOf("\n", offset);
          if (nl < 0) break;
          offset = nl + 1;
        }
        origin = originAt(s.text, s.segments, offset);
      }
      problems.push({
        file: origin?.file ?? sources.get(e.name) ?? e.name,
        ...(origin ? { line: origin.line } : {}),
        message: `YAML parse error on ${e.name}: ${e.message}`,
        severity: "error",
      });
    }
    return undefined;
  }

  const b = new TextWithOrigins();
  const maxOutput = limits.maxOutputChars ?? 20 * 1024 * 1024;
  const docs: { name: string; text: TextWithOrigins; parsed: Document.Parsed | undefined }[] = [];
  const addDoc = (name: string, content: string, segments: Segment[], parsed?: Document.Parsed): void => {
    const d = new TextWithOrigins();
    d.append(`# Source: ${name}\n`);
    d.appendTracked({ text: content, segments });
    docs.push({ name, text: d, parsed });
  };
  if (options.includeCrds) {
    const crds = (chart: Chart, path: string): void => {
      for (const f of chart.files) {
        if (!f.name.startsWith("crds/") || !/\.(ya?ml|json)$/.test(f.name)) continue;
        consumed.add(f.source);
        const content = text(f.data);
        addDoc(`${path}/${f.name}`, content, content.length > 0 ? [{ start: 0, end: content.length, origin: { file: f.source, line: 1, column: 1, endLine: 1, endColumn: 2 }, verbatim: true }] : []);
      }
      for (const sub of chart.dependencies) crds(sub, `${path}/charts/${sub.metadata.name}`);
    };
    crds(top, top.metadata.name);
  }
  const fromDoc = (m: ManifestDoc): void => {
    const s = rendered.get(m.name)!;
    addDoc(m.name, m.content, sliceSegments(s, m.offset, m.content.length), m.parsed);
  };
  for (const m of manifests) fromDoc(m);
  const manifestCount = docs.length;
  for (const h of hooks) {
    if (options.skipTests && isTestHook(h)) continue;
    fromDoc(h);
  }

  let selected = docs.map((d, i) => ({ ...d, hook: i >= manifestCount }));
  if (options.showOnly && options.showOnly.length > 0) {
    const picked: typeof selected = [];
    for (const pattern of options.showOnly) {
      const match = picomatch(pattern.replace(/\\/g, "/"), { dot: true, noglobstar: true });
      const hits = selected.filter((d) => match(d.name.slice(d.name.indexOf("/") + 1)));
      if (hits.length === 0) {
        problems.push({ file: inDir(top.dir, "Chart.yaml"), message: `could not find template ${pattern} in chart`, severity: "error" });
        return undefined;
      }
      picked.push(...hits);
    }
    selected = picked;
  }
  // Manifests: `---\n# Source: ...\n<doc>\n` each; the whole trimmed and ended by one newline.
  // The documents parsed for their heads move to where they are printed (when every one was).
  const placed: Document.Parsed[] | undefined = selected.every((d) => d.parsed !== undefined) ? [] : undefined;
  for (const d of selected) {
    const start = b.size;
    b.append("---\n");
    if (placed) placed.push(placeDocument(d.parsed!, start, start + 4 + `# Source: ${d.name}\n`.length));
    b.appendTracked(d.text.toResult());
    b.append("\n");
    if (b.size > maxOutput) {
      problems.push({ file: inDir(top.dir, "Chart.yaml"), message: `rendered output is larger than the limit of ${maxOutput} characters`, severity: "error" });
      return undefined;
    }
  }
  const out = b.toResult();
  if (out.text.length === 0) return { text: "\n", segments: [] };
  // CRD files printed raw may end with blank lines: trim the very end as Helm does.
  const trimmed = out.text.replace(/\s+$/, "");
  if (trimmed.length === out.text.length - 1) return placed && placed.length > 0 ? { ...out, documents: { docs: placed, lineCounter: lineCounterOf(out.text) } } : out;
  const segments = out.segments.filter((s) => s.start < trimmed.length).map((s) => (s.end > trimmed.length ? { ...s, end: trimmed.length } : s));
  return { text: `${trimmed}\n`, segments };
}
