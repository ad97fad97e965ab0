/**
 * The engine: files in, findings out. Pure apart from the date, which is passed in.
 *
 * For each file: decide its kind, decode it, parse it once into the kind's model, run every enabled
 * rule, then apply suppressions, severities from the config, fingerprints, and clamp positions to
 * the file (no finding ever points outside it). No rule failure or odd input escapes as an
 * exception: it becomes a parse-error finding or a scan error, and the other files still complete.
 */
import picomatch from "picomatch";
import { DEFAULT_CONFIG, type ResolvedConfig } from "../config/schema.js";
import { decodeFile } from "./decode.js";
import { detectKindByContent, detectKindByPath, detectYamlKind } from "./detect.js";
import { commentsAbove, parseSuppressionComments } from "./suppressions.js";
import { collectBuildImages, type BuildImages } from "./build-images.js";
import { deadlineAt, TimeLimitReached, type Deadline } from "./deadline.js";
import {
  SEVERITY_RANK,
  type FileKind,
  type FileKindHandler,
  type Finding,
  type CrossFileRule,
  type HandlerReport,
  type ParsedFile,
  type InputFile,
  type Range,
  type Report,
  type Rule,
  type RuleContext,
  type RuleMeta,
  type ScanError,
  type ScannedFile,
  type ScanResult,
  type Severity,
  type TextFile,
} from "./types.js";
import { crossFileRules, fileKindHandlers, rulesById } from "../../rules/index.js";
import { suppressionMissingReason } from "../../rules/suppression/missing-reason.js";
import { suppressionUnknownRule } from "../../rules/suppression/unknown-rule.js";
import { fileTooLarge } from "../../rules/scan/file-too-large.js";
import { renderedKubernetesHandler } from "./kubernetes/handler.js";
import { finalizeRendered, mergeAcrossRoots, renderedFileEntries, renderedTextFile, renderProblemFindings, type RenderedInput } from "./rendered.js";
import { fingerprintHash, normaliseWhitespace } from "./fingerprint.js";

export interface ScanInputFile extends InputFile {
  /** Size in bytes when known without reading (the CLI passes it so huge files are never read). */
  size?: number;
  /**
   * Named explicitly (a file on the command line, not found by a folder walk): when its name does
   * not tell its kind, its content does, and a file that is no container file is reported as a
   * scan error instead of being passed over.
   */
  explicit?: boolean;
}

export interface ScanOptions {
  /** Today's date for date-based rules; defaults to the current date. */
  now?: Date;
  /**
   * Absolute time (ms since epoch) after which no further file is started; a file being read when
   * it passes is abandoned (checked between instructions, shell words, YAML documents and rules)
   * and reported as skipped.
   */
  deadline?: number;
  /** The clock read against `deadline` (ms since epoch); default Date.now. Tests inject one. */
  clock?: () => number;
  /** The handlers to use (tests may pass their own); default: every registered kind. */
  handlers?: readonly FileKindHandler<any>[];
  /** The cross-file rules to use; default: every registered one. */
  crossRules?: readonly CrossFileRule[];
  /**
   * False when the files are only part of the repository (a pull request's changes): rules whose
   * meta says `needsWholeRepository` are then skipped instead of guessing. Default true.
   */
  wholeRepository?: boolean;
  /**
   * Rendered Kustomize overlays and Helm charts: their output is judged by the Kubernetes rules and
   * every finding is moved to the source line that produced it (see rendered.ts). The files they
   * consumed should not also be passed as plain files.
   */
  rendered?: readonly RenderedInput[];
}

const PARSE_ERROR_RULE: Record<FileKind, string> = {
  dockerfile: "dockerfile/parse-error",
  kubernetes: "k8s/parse-error",
  compose: "compose/parse-error",
};

/** Is the rule on under this config, and at what severity? `null` when off. */
export function effectiveSeverity(meta: RuleMeta, config: ResolvedConfig, reported?: Severity): Severity | null {
  const setting = config.rules[meta.id];
  if (setting === "off" || setting === false) return null;
  const explicitlyOn = setting !== undefined;
  if (!explicitlyOn) {
    if (meta.profile === "restricted" && config.profile === "baseline") return null;
    if (meta.requiresConfig === "allowedRegistries" && config.allowedRegistries === null) return null;
  }
  if (setting === "error" || setting === "warning" || setting === "info") return setting;
  return reported ?? meta.severity;
}

function clampRange(r: Range, file: TextFile | undefined): Range {
  const lineCount = file ? Math.max(1, file.lines.length) : 1;
  const line = Math.min(Math.max(1, Math.trunc(r.line) || 1), lineCount);
  const endLine = Math.min(Math.max(line, Math.trunc(r.endLine) || line), lineCount);
  const lineLength = (n: number) => (file ? (file.lines[n - 1] ?? "").length : 0);
  const column = Math.min(Math.max(1, Math.trunc(r.column) || 1), lineLength(line) + 1);
  let endColumn = Math.min(Math.max(1, Math.trunc(r.endColumn) || 1), lineLength(endLine) + 1);
  if (endLine === line && endColumn < column) endColumn = column;
  return { line, column, endLine, endColumn };
}



interface Collected {
  ruleId: string;
  meta: RuleMeta | undefined;
  report: Report;
}

interface ParsedText {
  /** Set for the output of a renderer: findings are moved to their source lines. */
  rendered?: RenderedInput;
  file: TextFile;
  handler: FileKindHandler<any>;
  model: unknown;
  collected: Collected[];
  status: ScannedFile["status"];
  reason?: string;
}

/** Why a file the time limit interrupted was not analyzed. */
function timeLimitReason(err: TimeLimitReached): string {
  const where = err.line === undefined ? "" : ` at line ${err.line}`;
  return `scan time limit reached while analyzing it${where} (limits.scanSeconds); not analyzed`;
}

/**
 * Parses one decoded file with its handler (its rules run later, once every file is parsed). When
 * the deadline passes meanwhile, the file comes back as skipped.
 */
function parseText(file: TextFile, handler: FileKindHandler<any>, config: ResolvedConfig, deadline: Deadline | undefined): ParsedText {
  const collected: Collected[] = [];
  let outcome;
  try {
    outcome = handler.parse(file, config, deadline);
  } catch (err) {
    if (err instanceof TimeLimitReached) return { file, handler, model: undefined, collected: [], status: "skipped", reason: timeLimitReason(err) };
    outcome = {
      problems: [
        {
          ruleId: handler.parseErrorRuleId,
          range: { line: 1, column: 1, endLine: 1, endColumn: 1 },
          message: `cannot be analyzed: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`,
        } satisfies HandlerReport,
      ],
    };
  }
  for (const p of outcome.problems) collected.push({ ruleId: p.ruleId, meta: rulesById().get(p.ruleId), report: p });
  if (outcome.notApplicable && collected.length === 0) {
    return { file, handler, model: undefined, collected, status: "not-applicable", reason: outcome.notApplicable };
  }
  const status = collected.some((c) => c.ruleId === handler.parseErrorRuleId) ? "parse-error" : "analyzed";
  return { file, handler, model: outcome.model, collected, status };
}

/** Runs the kind's rules on a parsed file. */
function runRules(parsed: ParsedText, config: ResolvedConfig, now: Date, buildImages: BuildImages, errors: ScanError[], deadline: Deadline | undefined): void {
  if (parsed.model === undefined) return;
  const context: RuleContext = { config, now, file: parsed.file, buildImages };
  for (const rule of parsed.handler.rules as Rule<unknown>[]) {
    if (effectiveSeverity(rule.meta, config) === null) continue;
    if (deadline !== undefined && deadline.passed()) {
      // Partial results of an interrupted file are dropped: it is reported as not analyzed.
      parsed.model = undefined;
      parsed.collected = [];
      parsed.status = "skipped";
      parsed.reason = timeLimitReason(new TimeLimitReached());
      return;
    }
    try {
      for (const report of rule.check(parsed.model, context)) parsed.collected.push({ ruleId: rule.meta.id, meta: rule.meta, report });
    } catch (err) {
      errors.push({ file: parsed.file.path, message: `rule ${rule.meta.id} failed: ${describe(err)}` });
    }
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message.split("\n")[0] : String(err);
}

/** Turns a file's reports into findings: severity, position clamping, fingerprints, suppressions. */
function finalize(parsed: ParsedText, config: ResolvedConfig): Finding[] {
  const { file, handler, model, collected } = parsed;
  const comments = parseSuppressionComments(file);
  const findings: Finding[] = [];
  const occurrences = new Map<string, number>();
  for (const { ruleId, meta, report } of collected) {
    const severity = meta ? effectiveSeverity(meta, config, report.severity) : (report.severity ?? "error");
    if (severity === null) continue;
    const range = clampRange(report.range, file);
    const key = report.fingerprintKey ?? normaliseWhitespace(file.lines[range.line - 1] ?? "");
    const base = fingerprintHash([ruleId, report.resource, report.container, key]);
    const n = occurrences.get(base) ?? 0;
    occurrences.set(base, n + 1);
    const finding: Finding = {
      ruleId,
      severity,
      file: file.path,
      ...range,
      message: report.message,
      fingerprint: n === 0 ? base : `${base}-${n + 1}`,
    };
    if (report.resource !== undefined) finding.resource = report.resource;
    if (report.container !== undefined) finding.container = report.container;
    // A fix must replace lines of this file (a parser that breaks lines where we do not, e.g. at a
    // lone CR, could point past them): otherwise the finding stays, without the fix.
    if (report.fix && report.fix.startLine >= 1 && report.fix.startLine <= report.fix.endLine && report.fix.endLine <= file.lines.length) {
      finding.fix = report.fix;
    }

    if (config.allowSuppressions) {
      for (const line of [range.line, ...(report.anchorLines ?? [])]) {
        const hit = commentsAbove(file, comments, line).find((c) => c.ruleIds.includes(ruleId));
        if (hit) {
          finding.suppressed = { via: "comment", reason: hit.reason, line: hit.line };
          break;
        }
      }
      if (!finding.suppressed && handler.annotationSuppression && model !== undefined) {
        const waiver = handler.annotationSuppression(model, finding);
        if (waiver) {
          finding.suppressed = { via: "annotation", reason: waiver.reason, line: waiver.line };
          if (!waiver.reason) {
            findings.push(
              engineFinding(suppressionMissingReason.meta, config, file, {
                range: { line: waiver.line, column: waiver.column, endLine: waiver.line, endColumn: waiver.endColumn },
                message: `ignore annotation for ${ruleId} gives no reason; say why the finding does not apply`,
                fingerprintKey: `annotation:${ruleId}:${finding.resource ?? ""}`,
              }),
            );
          }
        }
      }
    }
    findings.push(finding);
  }

  // Suppression comments themselves: a reason is required, and the rules must exist.
  if (config.allowSuppressions) {
    for (const c of comments.values()) {
      const range = { line: c.line, column: c.column, endLine: c.line, endColumn: c.endColumn };
      if (!c.reason) {
        findings.push(
          engineFinding(suppressionMissingReason.meta, config, file, {
            range,
            message: `suppression of ${c.ruleIds.join(", ") || "nothing"} gives no reason; say why the finding does not apply`,
          }),
        );
      }
      const unknown = c.ruleIds.filter((id) => !rulesById().has(id));
      if (c.ruleIds.length === 0 || unknown.length > 0) {
        findings.push(
          engineFinding(suppressionUnknownRule.meta, config, file, {
            range,
            message:
              c.ruleIds.length === 0
                ? "suppression comment names no rule; write ignore=<rule-id>"
                : `suppression names unknown rule ${unknown.map((u) => `"${u}"`).join(", ")}`,
          }),
        );
      }
    }
  }
  return findings;
}

function engineFinding(meta: RuleMeta, config: ResolvedConfig, file: TextFile | { path: string }, report: Report): Finding {
  const severity = effectiveSeverity(meta, config, report.severity);
  const text = "lines" in file ? file : undefined;
  const range = clampRange(report.range, text);
  const finding: Finding = {
    ruleId: meta.id,
    severity: severity ?? meta.severity,
    file: file.path,
    ...range,
    message: report.message,
    fingerprint: fingerprintHash([meta.id, undefined, undefined, report.fingerprintKey ?? report.message]),
  };
  return finding;
}

/** The kind of an explicitly named file whose name does not tell, judged by its content. */
function kindOfExplicitFile(path: string, input: ScanInputFile, config: ResolvedConfig): FileKind | { notContainerFile: string } {
  const size = input.size ?? (typeof input.content === "string" ? Buffer.byteLength(input.content) : input.content.byteLength);
  if (size > config.limits.maxFileBytes) {
    return { notContainerFile: `not scanned: its name does not say it is a container file, and at ${size} bytes it is too large to read and tell (limits.maxFileBytes is ${config.limits.maxFileBytes})` };
  }
  const decoded = decodeFile(path, input.content);
  if (!decoded.ok) return { notContainerFile: `not a container file: ${decoded.reason}` };
  const kind = detectKindByContent(decoded.file.text);
  if (kind !== null) return kind;
  return {
    notContainerFile:
      "not a container file: neither its name nor its content says Dockerfile (first instruction FROM or ARG), Kubernetes manifest (apiVersion and kind) or compose file (services:)",
  };
}

function compileGlobs(globs: string[]): ((path: string) => boolean) | null {
  if (globs.length === 0) return null;
  const matchers = globs.map((g) => picomatch(g, { dot: true, matchBase: !g.includes("/") }));
  return (path) => matchers.some((m) => m(path));
}

/**
 * Scans files. Never throws for bad input; see the file comment.
 */
export function scan(files: readonly ScanInputFile[], config: ResolvedConfig = DEFAULT_CONFIG, options: ScanOptions = {}): ScanResult {
  const now = options.now ?? new Date();
  const deadline = deadlineAt(options.deadline, options.clock ?? Date.now);
  const handlers = new Map((options.handlers ?? fileKindHandlers()).map((h) => [h.kind, h]));
  const include = compileGlobs(config.paths.include);
  const exclude = compileGlobs(config.paths.exclude);
  const findings: Finding[] = [];
  const errors: ScanError[] = [];
  const scanned: ScannedFile[] = [];
  const parsedFiles: ParsedText[] = [];
  /** The scanned-file entry of each parsed plain file (updated when the time limit interrupts its rules). */
  const scannedEntry = new Map<ParsedText, ScannedFile>();
  let counted = 0;
  let timedOut = false;

  for (const input of files) {
    const path = input.path.replace(/\\/g, "/");
    let byPath = detectKindByPath(path);
    if (byPath === null && input.explicit) {
      const judged = kindOfExplicitFile(path, input, config);
      if (typeof judged === "string") byPath = judged;
      else {
        errors.push({ file: path, message: judged.notContainerFile, code: "not-a-container-file" });
        scanned.push({ path, kind: null, status: "not-applicable", reason: judged.notContainerFile });
        continue;
      }
    }
    if (byPath === null) {
      scanned.push({ path, kind: null, status: "not-applicable", reason: "not a Dockerfile, manifest or compose file" });
      continue;
    }
    if ((include && !include(path)) || (exclude && exclude(path))) {
      scanned.push({ path, kind: byPath === "yaml" ? null : byPath, status: "skipped", reason: "excluded by paths configuration" });
      continue;
    }
    if (counted >= config.limits.maxFiles) {
      scanned.push({ path, kind: byPath === "yaml" ? null : byPath, status: "skipped", reason: `more than ${config.limits.maxFiles} files (limits.maxFiles)` });
      continue;
    }
    if (timedOut || (deadline !== undefined && deadline.passed())) {
      timedOut = true;
      scanned.push({ path, kind: byPath === "yaml" ? null : byPath, status: "skipped", reason: "scan time limit reached (limits.scanSeconds)" });
      continue;
    }
    counted += 1;
    const size = input.size ?? (typeof input.content === "string" ? Buffer.byteLength(input.content) : input.content.byteLength);
    const guessKind: FileKind = byPath === "yaml" ? "kubernetes" : byPath;
    if (size > config.limits.maxFileBytes) {
      findings.push(
        engineFinding(fileTooLarge.meta, config, { path }, {
          range: { line: 1, column: 1, endLine: 1, endColumn: 1 },
          message: `skipped: file too large (${size} bytes; the limit is ${config.limits.maxFileBytes}, limits.maxFileBytes)`,
        }),
      );
      scanned.push({ path, kind: byPath === "yaml" ? null : byPath, status: "skipped", reason: "too large" });
      continue;
    }
    const decoded = decodeFile(path, input.content);
    if (!decoded.ok) {
      const handler = handlers.get(guessKind);
      const ruleId = handler?.parseErrorRuleId ?? PARSE_ERROR_RULE[guessKind];
      const meta = rulesById().get(ruleId);
      if (meta && effectiveSeverity(meta, config) !== null) {
        findings.push(
          engineFinding(meta, config, { path }, {
            range: { line: 1, column: 1, endLine: 1, endColumn: 1 },
            message: decoded.reason,
          }),
        );
      }
      scanned.push({ path, kind: guessKind, status: "parse-error", reason: decoded.reason });
      continue;
    }
    const kind = byPath === "yaml" ? detectYamlKind(decoded.file.text) : byPath;
    if (kind === null) {
      scanned.push({ path, kind: null, status: "not-applicable", reason: "no Kubernetes objects or compose services" });
      continue;
    }
    const handler = handlers.get(kind);
    if (!handler) {
      scanned.push({ path, kind, status: "skipped", reason: `no handler for ${kind} files` });
      continue;
    }
    const result = parseText(decoded.file, handler, config, deadline);
    if (result.status === "skipped") timedOut = true;
    else if (result.status !== "not-applicable") parsedFiles.push(result);
    scanned.push({ path, kind, status: result.status, ...(result.reason ? { reason: result.reason } : {}) });
    if (result.status !== "skipped" && result.status !== "not-applicable") scannedEntry.set(result, scanned[scanned.length - 1]!);
  }

  const severityOf = (meta: RuleMeta | undefined, reported: Severity | undefined): Severity | null =>
    meta ? effectiveSeverity(meta, config, reported) : (reported ?? "error");
  const renderedFindings: Finding[] = [];
  for (const input of options.rendered ?? []) {
    for (const finding of renderProblemFindings(input, severityOf)) renderedFindings.push(finding);
    if (input.result.text.trim() === "") continue;
    if (timedOut || (deadline !== undefined && deadline.passed())) {
      timedOut = true;
      errors.push({ file: input.result.root, message: "rendered output not judged: scan time limit reached (limits.scanSeconds)" });
      continue;
    }
    const handler = options.handlers?.find((h) => h.kind === "kubernetes") ?? renderedKubernetesHandler;
    const parsed = parseText(renderedTextFile(input.result), handler, config, deadline);
    if (parsed.status === "skipped") {
      timedOut = true;
      errors.push({ file: input.result.root, message: "rendered output not judged: scan time limit reached (limits.scanSeconds)" });
    } else if (parsed.status !== "not-applicable") parsedFiles.push({ ...parsed, rendered: input });
  }
  for (const entry of renderedFileEntries((options.rendered ?? []).map((r) => r.result))) scanned.push(entry);

  // What the files say together, for per-file rules: images a build tool (skaffold) builds here.
  const withModels = parsedFiles.filter((p) => p.model !== undefined);
  const buildImages = collectBuildImages(withModels.map((p) => ({ file: p.file, kind: p.handler.kind, model: p.model })));
  for (const parsed of parsedFiles) {
    runRules(parsed, config, now, buildImages, errors, deadline);
    if (parsed.status !== "skipped") continue;
    timedOut = true;
    const entry = scannedEntry.get(parsed);
    if (entry) {
      entry.status = "skipped";
      entry.reason = parsed.reason ?? "scan time limit reached";
    }
  }
  // Files the time limit interrupted give no findings at all (never half a file).
  for (let i = parsedFiles.length - 1; i >= 0; i -= 1) if (parsedFiles[i]!.status === "skipped") parsedFiles.splice(i, 1);

  const crossRules = (options.crossRules ?? crossFileRules()).filter((r) => options.wholeRepository !== false || !r.meta.needsWholeRepository);
  runCrossFileRules(parsedFiles, crossRules, config, now, errors);
  // A loop, not push(...array): a file with >100k findings would overflow the call stack.
  for (const parsed of parsedFiles) {
    if (parsed.rendered) {
      const moved = finalizeRendered(parsed.rendered, parsed.file, parsed.collected, parsed.handler, parsed.model, config, severityOf, errors);
      for (const finding of moved) renderedFindings.push(finding);
      continue;
    }
    for (const finding of finalize(parsed, config)) findings.push(finding);
  }
  for (const finding of mergeAcrossRoots(renderedFindings)) findings.push(finding);
  if (timedOut) errors.push({ message: `scan time limit of ${config.limits.scanSeconds}s reached; some files were not scanned` });

  findings.sort(compareFindings);
  return { findings, errors, files: scanned };
}

function runCrossFileRules(
  parsedFiles: ParsedText[],
  rules: readonly CrossFileRule[],
  config: ResolvedConfig,
  now: Date,
  errors: ScanError[],
): void {
  const withModels = parsedFiles.filter((p) => p.model !== undefined);
  if (rules.length === 0 || withModels.length === 0) return;
  const byPath = new Map(withModels.map((p) => [p.file.path, p]));
  const view: ParsedFile[] = withModels.map((p) => ({ file: p.file, kind: p.handler.kind, model: p.model }));
  for (const rule of rules) {
    if (effectiveSeverity(rule.meta, config) === null) continue;
    try {
      for (const report of rule.check(view, { config, now })) {
        const target = byPath.get(report.file);
        if (target) target.collected.push({ ruleId: rule.meta.id, meta: rule.meta, report });
      }
    } catch (err) {
      errors.push({ message: `rule ${rule.meta.id} failed: ${describe(err)}` });
    }
  }
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

/** Whether a finding blocks (counts toward a failing exit code or check) under the config. */
export function isBlocking(f: Finding, config: ResolvedConfig): boolean {
  if (f.suppressed) return false;
  if (config.failOn.severity === "none") return false;
  return SEVERITY_RANK[f.severity] >= SEVERITY_RANK[config.failOn.severity];
}

