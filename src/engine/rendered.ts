/**
 * Judging rendered output (Kustomize overlays, Helm charts) and moving every finding to the source
 * line that produced it.
 *
 * A renderer hands over the text the real tool prints plus provenance segments (see
 * src/render/provenance.ts). Here that text is read by the ordinary Kubernetes model and rules, as
 * if it were a manifest file; then each report's position in the rendered text is looked up in the
 * segments and replaced by its origin: the patch line, the `newTag:` entry, the values.yaml line,
 * the template line. Suppression comments are read in the source file the finding lands in.
 * A problem reached through several build roots is reported once, naming all of them.
 */
import type { ResolvedConfig } from "../config/schema.js";
import { originAt, type SourceRange } from "../render/provenance.js";
import type { RenderResult } from "../render/types.js";
import { renderFailed, renderIncomplete } from "../../rules/render/index.js";
import { attachParsedDocuments } from "./yaml/documents.js";
import { commentsAbove, parseSuppressionComments, type SuppressionComment } from "./suppressions.js";
import type { Finding, FileKindHandler, Range, Report, RuleMeta, ScanError, ScannedFile, Severity, TextFile } from "./types.js";
import { fingerprintHash, normaliseWhitespace } from "./fingerprint.js";

/** A render result with the source files it read (decoded text), for suppression comments. */
export interface RenderedInput {
  result: RenderResult;
  /** Text of the source files the render read, by repository path (at least those findings land in). */
  sources: ReadonlyMap<string, string>;
}

/** One collected report of a rule over a rendered text (what scan.ts collects for any file). */
export interface RenderedReport {
  ruleId: string;
  meta: RuleMeta | undefined;
  report: Report;
}

type SeverityOf = (meta: RuleMeta | undefined, reported: Severity | undefined) => Severity | null;

/** The virtual path under which a rendered text is parsed (never a real file: it has a space and a #). */
export function renderedPath(result: RenderResult): string {
  return `${result.root === "" ? "." : result.root} #${result.kind}`;
}

/** A TextFile for the rendered text, parsed by the Kubernetes handler like any manifest. */
export function renderedTextFile(result: RenderResult): TextFile {
  const file: TextFile = { path: renderedPath(result), text: result.text, lines: result.text.split("\n"), eol: "\n" };
  // The renderer's own AST of its output (Kustomize, Helm): the Kubernetes handler reads it instead of parsing the text.
  if (result.documents) attachParsedDocuments(file, result.documents);
  return file;
}

function lineOffsets(text: string): number[] {
  const offsets = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) offsets.push(i + 1);
  return offsets;
}



const sourceFiles = new WeakMap<ReadonlyMap<string, string>, Map<string, { file: TextFile; comments: Map<number, SuppressionComment> }>>();

function sourceFile(input: RenderedInput, path: string): { file: TextFile; comments: Map<number, SuppressionComment> } | undefined {
  let cache = sourceFiles.get(input.sources);
  if (!cache) sourceFiles.set(input.sources, (cache = new Map()));
  const hit = cache.get(path);
  if (hit) return hit;
  const text = input.sources.get(path);
  if (text === undefined) return undefined;
  const normalised = text.replace(/\r\n/g, "\n");
  const file: TextFile = { path, text: normalised, lines: normalised.split("\n"), eol: "\n" };
  const entry = { file, comments: parseSuppressionComments(file) };
  cache.set(path, entry);
  return entry;
}

/** The file a render is anchored to when a position has no origin (the kustomization or Chart.yaml). */
function rootAnchor(result: RenderResult): SourceRange {
  const file = result.consumed[0] ?? (result.root === "" ? "." : result.root);
  return { file, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

/**
 * Some origins are not files of the repository: a value from `--set` (`--set[0]`), a template inside
 * a vendored `.tgz` subchart (`charts/x.tgz/x/templates/y.yaml`). Findings must name a real file
 * (GitHub refuses annotations elsewhere): the archive itself, or the root's own file.
 */
function repositoryOrigin(origin: SourceRange, anchor: SourceRange): SourceRange {
  const archive = /^(.*?\.tgz)\//.exec(origin.file);
  if (archive) return { file: archive[1]!, line: 1, column: 1, endLine: 1, endColumn: 1 };
  if (origin.file.startsWith("--") || origin.file.startsWith("(")) return anchor;
  return origin;
}

/**
 * Findings for the render's own problems: a failed render (`render/failed`) or one that went on
 * without part of its input (`render/incomplete`), on the file and line the renderer names.
 */
export function renderProblemFindings(input: RenderedInput, severityOf: SeverityOf): Finding[] {
  const out: Finding[] = [];
  const anchor = rootAnchor(input.result);
  for (const raw of input.result.problems) {
    const at = repositoryOrigin({ file: raw.file, line: raw.line ?? 1, column: raw.column ?? 1, endLine: raw.line ?? 1, endColumn: raw.column ?? 1 }, anchor);
    const problem = at.file === raw.file ? raw : { ...raw, file: at.file, line: at.line, column: at.column };
    const meta = problem.severity === "error" ? renderFailed.meta : renderIncomplete.meta;
    const severity = severityOf(meta, undefined);
    if (severity === null) continue;
    const line = Math.max(1, problem.line ?? 1);
    const column = Math.max(1, problem.column ?? 1);
    const source = sourceFile(input, problem.file);
    const lineText = source?.file.lines[line - 1];
    const endColumn = lineText !== undefined ? Math.max(column, lineText.length + 1) : column;
    out.push({
      ruleId: meta.id,
      severity,
      file: problem.file,
      line,
      column,
      endLine: line,
      endColumn,
      message: `${input.result.kind === "helm" ? "chart" : "kustomization"} ${input.result.root || "."}: ${problem.message}`,
      fingerprint: fingerprintHash([meta.id, input.result.root, problem.file, problem.message]),
      roots: [input.result.root],
    });
  }
  return out;
}

/**
 * Turns the reports of the Kubernetes rules over a rendered text into findings on source lines.
 * `model` is the handler's model of the rendered text (for annotation waivers).
 */
export function finalizeRendered(
  input: RenderedInput,
  rendered: TextFile,
  collected: readonly RenderedReport[],
  handler: FileKindHandler<any>,
  model: unknown,
  config: ResolvedConfig,
  severityOf: SeverityOf,
  errors: ScanError[],
): Finding[] {
  const { result } = input;
  const offsets = lineOffsets(result.text);
  const anchor = rootAnchor(result);
  const offsetOf = (line: number, column: number): number => {
    const start = offsets[Math.min(Math.max(1, line), offsets.length) - 1] ?? 0;
    const lineText = rendered.lines[line - 1] ?? "";
    return start + Math.min(Math.max(0, column - 1), lineText.length);
  };
  const locate = (line: number, column: number): SourceRange =>
    repositoryOrigin(originAt(result.text, result.segments, offsetOf(line, column)) ?? anchor, anchor);
  /**
   * Where a reported range came from. A report on `key: value` is about the value, so the last
   * segment that starts inside the range on its first line (the scalar) wins over the key's: an
   * image tag set by an overlay's `images:` entry lands on that entry, not on the base's `image:`.
   */
  const locateRange = (range: Range): SourceRange => {
    const start = offsetOf(range.line, range.column);
    const lineEnd = offsetOf(range.line, Number.MAX_SAFE_INTEGER);
    const end = range.endLine === range.line ? Math.min(offsetOf(range.line, range.endColumn), lineEnd) : lineEnd;
    const segments = result.segments;
    // The first segment that starts after the range's first character: the value of a pair.
    let lo = 0;
    let hi = segments.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (segments[mid]!.start <= start) lo = mid + 1;
      else hi = mid;
    }
    let last: number | undefined;
    for (let i = lo; i < segments.length && segments[i]!.start < end; i += 1) last = i;
    const first = locate(range.line, range.column);
    if (last === undefined) return first;
    const value = repositoryOrigin(originAt(result.text, segments, segments[last]!.start) ?? anchor, anchor);
    // Key and value written on one source line (a plain file, a patch): the whole pair, as for plain files.
    if (value.file === first.file && value.line === first.line && value.column >= first.column) {
      return { ...first, endLine: value.endLine, endColumn: value.endColumn };
    }
    return value;
  };
  const findings: Finding[] = [];
  const occurrences = new Map<string, number>();
  for (const { ruleId, meta, report } of collected) {
    const severity = severityOf(meta, report.severity);
    if (severity === null) continue;
    let origin: SourceRange;
    try {
      origin = locateRange(report.range);
    } catch (err) {
      errors.push({ file: anchor.file, message: `could not place a ${ruleId} finding: ${err instanceof Error ? err.message : String(err)}` });
      continue;
    }
    const key = report.fingerprintKey ?? normaliseWhitespace(rendered.lines[report.range.line - 1] ?? "");
    const base = fingerprintHash([ruleId, report.resource, report.container, key, origin.file]);
    const n = occurrences.get(base) ?? 0;
    occurrences.set(base, n + 1);
    const source = sourceFile(input, origin.file);
    const range = clampToSource(origin, source?.file);
    const finding: Finding = {
      ruleId,
      severity,
      file: origin.file,
      ...range,
      message: report.message,
      fingerprint: n === 0 ? base : `${base}-${n + 1}`,
      roots: [result.root],
    };
    if (report.resource !== undefined) finding.resource = report.resource;
    if (report.container !== undefined) finding.container = report.container;
    // Fixes rewrite lines of the rendered text; they do not map onto the sources, so none is offered.

    if (config.allowSuppressions) {
      const renderedFinding: Finding = { ...finding, file: rendered.path, ...report.range };
      const waiver = handler.annotationSuppression?.(model, renderedFinding);
      if (waiver) {
        const at = locate(waiver.line, waiver.column);
        finding.suppressed = { via: "annotation", reason: waiver.reason, line: at.file === finding.file ? at.line : finding.line };
      } else if (source) {
        const lines = [range.line];
        for (const anchorLine of report.anchorLines ?? []) {
          const at = locate(anchorLine, 1);
          if (at.file === origin.file) lines.push(at.line);
        }
        for (const line of lines) {
          const hit = commentsAbove(source.file, source.comments, line).find((c) => c.ruleIds.includes(ruleId));
          if (hit) {
            finding.suppressed = { via: "comment", reason: hit.reason, line: hit.line };
            break;
          }
        }
      }
    }
    findings.push(finding);
  }
  return findings;
}

function clampToSource(origin: SourceRange, file: TextFile | undefined): Range {
  const line = Math.max(1, origin.line);
  const endLine = Math.max(line, origin.endLine);
  if (!file) return { line, column: Math.max(1, origin.column), endLine, endColumn: Math.max(1, origin.endColumn) };
  const count = Math.max(1, file.lines.length);
  const l = Math.min(line, count);
  const el = Math.min(Math.max(l, endLine), count);
  const len = (n: number) => (file.lines[n - 1] ?? "").length;
  const column = Math.min(Math.max(1, origin.column), len(l) + 1);
  let endColumn = Math.min(Math.max(1, origin.endColumn), len(el) + 1);
  if (el === l && endColumn < column) endColumn = column;
  return { line: l, column, endLine: el, endColumn };
}

/**
 * One finding per problem and source position: the same base line reached from several overlays
 * (or a chart rendered with several values files) is reported once, with every root named.
 * Findings that differ only in the resource name the roots give it (namePrefix) are merged too.
 */
export function mergeAcrossRoots(findings: readonly Finding[]): Finding[] {
  const byKey = new Map<string, Finding>();
  const out: Finding[] = [];
  for (const f of findings) {
    const key = [f.ruleId, f.file, f.line, f.column, f.container ?? "", f.suppressed ? "s" : ""].join("\u0000");
    const seen = byKey.get(key);
    if (!seen) {
      const copy = { ...f, roots: [...(f.roots ?? [])] };
      byKey.set(key, copy);
      out.push(copy);
      continue;
    }
    for (const root of f.roots ?? []) if (!seen.roots!.includes(root)) seen.roots!.push(root);
  }
  for (const f of out) f.roots!.sort();
  return out;
}

/** Scanned-file entries for the sources a render read, so reports list them as analysed. */
export function renderedFileEntries(results: readonly RenderResult[]): ScannedFile[] {
  const byPath = new Map<string, Set<string>>();
  for (const r of results) {
    for (const path of r.consumed) {
      let roots = byPath.get(path);
      if (!roots) byPath.set(path, (roots = new Set()));
      roots.add(r.root === "" ? "." : r.root);
    }
  }
  return [...byPath]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, roots]) => ({ path, kind: "kubernetes" as const, status: "analyzed" as const, reason: `rendered through ${[...roots].sort().join(", ")}` }));
}
