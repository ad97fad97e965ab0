/**
 * The engine's contract: what goes in (files, config), what comes out (findings, errors), and the
 * shape every rule module has. Everything here is plain data so that the CLI, SARIF and the GitHub
 * app are thin adapters around it.
 *
 * Positions are 1-based lines and columns. `endColumn` is exclusive (the column just after the last
 * character), as in SARIF.
 */
import type { ResolvedConfig } from "../config/schema.js";
import type { Deadline } from "./deadline.js";

export type Severity = "error" | "warning" | "info";
export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];
/** Higher is more severe. */
export const SEVERITY_RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

export type FileKind = "dockerfile" | "kubernetes" | "compose";
export type RuleKind = FileKind | "cross" | "scan" | "render";

export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * A mechanical fix: lines `startLine..endLine` (1-based, inclusive) are replaced by `replacement`
 * (no trailing newline; may hold several lines joined by "\n"). This maps one-to-one onto a GitHub
 * ```suggestion block on those lines and onto `--fix` in the CLI.
 */
export interface Fix {
  description: string;
  startLine: number;
  endLine: number;
  replacement: string;
}

export interface Suppression {
  via: "comment" | "annotation";
  reason: string;
  /** Line of the comment or annotation that waived the finding. */
  line: number;
}

export interface Finding extends Range {
  ruleId: string;
  severity: Severity;
  file: string;
  message: string;
  /** The Kubernetes/compose object, e.g. "Deployment/web" or "Deployment/prod/web" (kind/namespace/name). */
  resource?: string;
  container?: string;
  /**
   * Stable identity of the finding that survives line shifts: a hash of the rule, object, container
   * and a rule-chosen key (not the line number, not the file name). Equal findings in one file get
   * an occurrence suffix so every fingerprint in a file is unique.
   */
  fingerprint: string;
  fix?: Fix;
  /** Present when an inline comment or annotation waived the finding; suppressed findings are kept. */
  suppressed?: Suppression;
  /**
   * For findings about rendered objects (Kustomize overlays, Helm charts): the build roots whose
   * output holds the problem, sorted. `file`/`line` are then the source line that produced it.
   */
  roots?: string[];
}

export interface ScanError {
  file?: string;
  message: string;
  /** `not-a-container-file`: a file named explicitly is neither a Dockerfile, a manifest nor a compose file. */
  code?: "not-a-container-file";
}

export type FileStatus = "analyzed" | "not-applicable" | "skipped" | "parse-error";

export interface ScannedFile {
  path: string;
  kind: FileKind | null;
  status: FileStatus;
  /** Why a file was skipped or not applicable (too large, excluded, no Kubernetes objects, ...). */
  reason?: string;
}

export interface ScanResult {
  findings: Finding[];
  errors: ScanError[];
  files: ScannedFile[];
}

/** A file handed to the engine. Bytes are decoded by the engine (binary and non-UTF-8 are reported). */
export interface InputFile {
  path: string;
  content: string | Uint8Array;
}

/** A decoded text file as rules and models see it. Line endings are normalised to "\n". */
export interface TextFile {
  path: string;
  text: string;
  /** `text.split("\n")`; `lines[0]` is line 1. */
  lines: string[];
  /** The file's original line ending, so fixes can write it back unchanged. */
  eol: "\n" | "\r\n";
}

export interface RuleReference {
  title: string;
  url: string;
}

export interface RuleMeta {
  /** Stable ID, `<family>/<name>`, e.g. "dockerfile/root-user". */
  id: string;
  kind: RuleKind;
  title: string;
  severity: Severity;
  /** Why it matters, a few sentences (used in review comments and docs). */
  rationale: string;
  /** How to fix it, a few sentences. */
  remediation: string;
  references: RuleReference[];
  /** Tags such as "pss-baseline", "pss-restricted", "cis-docker-4.1", "nsa-hardening". */
  standards: string[];
  /** The Pod Security level the rule belongs to; "restricted" rules are off under `profile: baseline`. */
  profile?: "baseline" | "restricted";
  /** The rule only runs when this configuration key is set (e.g. "allowedRegistries"). */
  requiresConfig?: "allowedRegistries";
  /** Docs examples: a bad and a good snippet. */
  examples?: { bad: string; good: string };
  /** The rule can offer a mechanical fix. */
  fixable?: boolean;
  /**
   * The rule's verdict needs every file of the repository (e.g. "no NetworkPolicy anywhere"), so
   * it is skipped when the engine sees only part of it (a pull request's changed files).
   */
  needsWholeRepository?: boolean;
}

/** What a rule returns for each problem; the engine adds rule ID, file, severity and fingerprint. */
export interface Report {
  range: Range;
  message: string;
  /** Overrides the rule's default severity for this report (e.g. "cannot verify" as a warning). */
  severity?: Severity;
  resource?: string;
  container?: string;
  /**
   * What identifies this problem apart from its line, e.g. the Dockerfile instruction's normalised
   * text or the YAML key path. Default: the trimmed text of the reported line.
   */
  fingerprintKey?: string;
  /**
   * Further lines whose directly preceding comment may suppress the finding (the start of a
   * multi-line instruction, the container's `- name:` line, the object's first line).
   */
  anchorLines?: number[];
  fix?: Fix;
}

export interface RuleContext {
  config: ResolvedConfig;
  /** Today's date, passed in so that date-based rules (end-of-life tables) are testable. */
  now: Date;
  file: TextFile;
  /**
   * Images that a build tool builds from the scanned files and rewrites at deploy time (skaffold
   * `build.artifacts[].image`), by identity (`registry/repository`); see src/engine/build-images.ts.
   * Rules that judge a tag or digest leave them alone. Absent when unknown.
   */
  buildImages?: ReadonlyMap<string, { tool: string; file: string; line: number }>;
}

export interface Rule<Model> {
  meta: RuleMeta;
  check(model: Model, context: RuleContext): Report[];
}

/** A report that carries its own rule ID (parse errors, limits), produced by a file-kind handler. */
export interface HandlerReport extends Report {
  ruleId: string;
}

export interface ParseOutcome<Model> {
  /** Absent when the file could not be read at all. */
  model?: Model;
  /** Parse errors and limit notes, reported with their own rule IDs. */
  problems: HandlerReport[];
  /** Set when the file holds nothing of this kind (e.g. a YAML file without Kubernetes objects). */
  notApplicable?: string;
}

/**
 * Everything the engine needs to know about one kind of file. Models and rules for a kind live
 * together; the engine only detects, decodes, calls `parse`, runs `rules`, and post-processes.
 */
export interface FileKindHandler<Model> {
  kind: FileKind;
  parseErrorRuleId: string;
  /**
   * `deadline`, when given, is checked while a long file is read; the handler lets
   * TimeLimitReached (src/engine/deadline.ts) propagate and the scan skips the file.
   */
  parse(file: TextFile, config: ResolvedConfig, deadline?: Deadline): ParseOutcome<Model>;
  rules: readonly Rule<Model>[];
  /** Waivers that live in the model rather than in comments (Kubernetes ignore annotations). */
  annotationSuppression?(model: Model, finding: Finding): AnnotationWaiver | undefined;
}

export interface AnnotationWaiver {
  /** Empty when the annotation gives no reason (itself reported). */
  reason: string;
  line: number;
  column: number;
  endColumn: number;
}

/** A parsed file as cross-file rules see it. */
export interface ParsedFile<Model = unknown> {
  file: TextFile;
  kind: FileKind;
  model: Model;
}

/** A report from a cross-file rule names the file it belongs to. */
export interface CrossFileReport extends Report {
  file: string;
}

/**
 * A rule that needs several files at once (a namespace without a NetworkPolicy, a pod that cannot
 * start because the image built in this repository runs as a named user). It runs after every file
 * has been parsed; its findings are suppressed and fingerprinted in the file they name.
 */
export interface CrossFileRule {
  meta: RuleMeta;
  check(files: readonly ParsedFile[], context: { config: ResolvedConfig; now: Date }): CrossFileReport[];
}
