/**
 * `container-review`: the engine on a laptop, in a pre-commit hook or in any CI.
 *
 *   container-review scan [options] PATH...
 *   container-review rules [--format text|json]
 *
 * Exit codes: 0 nothing at or above the fail threshold; 1 blocking findings; 2 usage, config or
 * internal error.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { parseConfigText, resolveConfig } from "../config/load.js";
import type { ResolvedConfig } from "../config/schema.js";
import { classifyFindings } from "../engine/baseline.js";
import { applyFixes } from "../engine/fixes.js";
import { isBlocking, scan, type ScanInputFile } from "../engine/scan.js";
import type { Finding, ScanError, ScanResult, Severity } from "../engine/types.js";
import { formatJson, parseJsonReport } from "../report/json.js";
import { formatSarif } from "../report/sarif.js";
import { plural } from "../report/summary.js";
import { formatText } from "../report/text.js";
import { allRules, knownRuleIds } from "../../rules/index.js";
import { collectFiles } from "./walk.js";
import { UsageError } from "./usage-error.js";
import { DiskSourceView } from "../source/disk.js";
import { gitSourceView } from "../source/git.js";
import type { SourceView } from "../source/view.js";
import { prepareRenders, type PreparedRenders } from "../render/prepare.js";
import { defaultRenderers } from "../render/renderers.js";
import type { Renderers } from "../render/run.js";
import { runRender, RENDER_USAGE } from "./render-command.js";
import { relative as relativePath, isAbsolute, resolve as resolvePath, sep as pathSep } from "node:path";
import { readGitBaseline, validateRef } from "./git-baseline.js";

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** Colour the text output (a TTY without NO_COLOR). */
  color: boolean;
  now?: Date;
  /** Renderers for Kustomize and Helm (tests may pass their own); default: the built-in ones. */
  renderers?: Renderers;
}

const defaultIo = (): CliIo => ({
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== "dumb",
});

export const DEFAULT_CONFIG_PATH = ".github/container-review.yml";

const USAGE = `Usage:
  container-review scan [options] PATH...   review Dockerfiles, Kubernetes manifests and compose files
  container-review render [options] PATH     print what a kustomization or a chart deploys
  container-review rules [--format text|json] list every rule
  container-review --version | --help

Scan options:
  -f, --format text|json|sarif      output format (default: text)
  -c, --config FILE                 configuration file (default: ${DEFAULT_CONFIG_PATH} if present)
      --profile baseline|restricted Pod Security Standards level to enforce (default: restricted)
      --fail-on error|warning|info|none  lowest severity that fails the run (default: error)
      --baseline REF                report only findings that are new since a git revision
      --baseline-file FILE          report only findings not in a saved JSON report
      --fix                         apply the mechanical fixes in place, then report what is left
  -o, --output FILE                 write the report to a file instead of standard output
      --show-suppressed             list suppressed findings too (text format)
      --no-color                    plain text output

Kustomize overlays (folders with kustomization.yaml) and Helm charts (Chart.yaml) under the
scanned paths are rendered, and what they deploy is judged; each finding names the source line
that produced it (base, patch, kustomization entry, values or template line). Files that a
kustomization or chart uses are judged only through it.

Exit status: 0 no blocking findings, 1 blocking findings, 2 usage, configuration or internal error.

${RENDER_USAGE}`;

function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i += 1) {
    const candidate = join(dir, "package.json");
    if (existsSync(candidate)) {
      try {
        const pkg = JSON.parse(readFileSync(candidate, "utf8")) as { name?: string; version?: string };
        if (pkg.name === "container-review" && pkg.version) return pkg.version;
      } catch {
        /* keep looking */
      }
    }
    dir = dirname(dir);
  }
  return "0.0.0";
}


function loadConfig(values: Record<string, unknown>, io: CliIo): ResolvedConfig {
  const explicit = typeof values.config === "string" ? values.config : undefined;
  const path = explicit ?? (existsSync(join(io.cwd, DEFAULT_CONFIG_PATH)) ? DEFAULT_CONFIG_PATH : undefined);
  let config: ResolvedConfig;
  if (path) {
    let text: string;
    try {
      text = readFileSync(join(path.startsWith("/") ? "" : io.cwd, path), "utf8");
    } catch {
      throw new UsageError(`${path}: cannot read the configuration file`);
    }
    const outcome = parseConfigText(text, path, knownRuleIds());
    if (outcome.errors.length > 0) throw new UsageError(outcome.errors.join("\n"));
    config = outcome.config;
  } else {
    config = resolveConfig({}).config;
  }
  if (values.profile !== undefined) {
    if (values.profile !== "baseline" && values.profile !== "restricted") throw new UsageError(`--profile must be baseline or restricted`);
    config.profile = values.profile;
  }
  if (values["fail-on"] !== undefined) {
    const v = values["fail-on"];
    if (v !== "error" && v !== "warning" && v !== "info" && v !== "none") throw new UsageError(`--fail-on must be error, warning, info or none`);
    config.failOn.severity = v as Severity | "none";
  }
  return config;
}

interface Comparison {
  newFindings: Set<Finding>;
  existingCount: number;
  fixed: Finding[];
}

async function compareWithGit(
  ref: string,
  config: ResolvedConfig,
  head: Finding[],
  absolute: Map<string, string>,
  scopes: readonly string[],
  renderers: Renderers,
  io: CliIo,
): Promise<Comparison> {
  const invalid = validateRef(ref);
  if (invalid) throw new UsageError(invalid);
  let baseline;
  try {
    baseline = readGitBaseline(ref, absolute, io.cwd);
  } catch (err) {
    throw new UsageError(`--baseline ${ref}: ${err instanceof Error ? err.message.split("\n")[0] : String(err)} (is this a git repository with that revision?)`);
  }
  // The overlays and charts as they were at REF, rendered from the revision itself.
  let prepared: PreparedRenders | undefined;
  if (scopes.length > 0) {
    try {
      const view = await gitSourceView(io.cwd, ref, config.limits.maxFileBytes * 20);
      prepared = await prepareRenders(view, scopes, config, renderers, { deadline: Date.now() + config.limits.scanSeconds * 1000 });
    } catch (err) {
      throw new UsageError(`--baseline ${ref}: cannot read the revision (${err instanceof Error ? err.message.split("\n")[0] : String(err)})`);
    }
  }
  const baseFiles: ScanInputFile[] = [];
  // Judged like the head files: a Dockerfile named oddly is read by its content in both versions.
  for (const [path, content] of baseline.contents) if (content && !prepared?.consumed.has(path)) baseFiles.push({ path, content, explicit: true });
  const base = scan(baseFiles, config, { now: io.now, ...(prepared ? { rendered: prepared.rendered } : {}) });
  const c = classifyFindings(head, base.findings, baseline.headToBase);
  return { newFindings: new Set(c.newFindings), existingCount: c.existing.length, fixed: c.fixed };
}

/** The paths of the command line that lie inside the working folder, as source-view paths. */
function viewScopes(positionals: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  for (const p of positionals) {
    const rel = relativePath(cwd, resolvePath(cwd, p));
    if (rel.startsWith("..") || isAbsolute(rel)) continue;
    out.push(rel.split(pathSep).join("/"));
  }
  return out;
}

interface ScanRun {
  result: ScanResult;
  walked: ReturnType<typeof collectFiles>;
  notes: string[];
}

/** Walks the paths, renders the overlays and charts under them, and scans what is left plus the renders. */
async function scanPaths(positionals: readonly string[], config: ResolvedConfig, renderers: Renderers, io: CliIo): Promise<ScanRun> {
  const deadline = Date.now() + config.limits.scanSeconds * 1000;
  const walked = collectFiles(positionals, io.cwd, config.limits.maxFileBytes);
  const scopes = viewScopes(positionals, io.cwd);
  const view: SourceView = new DiskSourceView(io.cwd, config.limits.maxFileBytes * 20);
  const prepared = await prepareRenders(view, scopes, config, renderers, { deadline });
  const files = walked.files.filter((f) => !prepared.consumed.has(f.path));
  const result = scan(files, config, { now: io.now, deadline, rendered: prepared.rendered });
  return { result, walked, notes: prepared.notes };
}

function compareWithFile(file: string, head: Finding[], io: CliIo): Comparison {
  let text: string;
  try {
    text = readFileSync(join(file.startsWith("/") ? "" : io.cwd, file), "utf8");
  } catch {
    throw new UsageError(`--baseline-file ${file}: cannot be read`);
  }
  let report;
  try {
    report = parseJsonReport(text, file);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const c = classifyFindings(head, report.findings);
  return { newFindings: new Set(c.newFindings), existingCount: c.existing.length, fixed: c.fixed };
}

async function runScan(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: "string", short: "f", default: "text" },
      config: { type: "string", short: "c" },
      profile: { type: "string" },
      "fail-on": { type: "string" },
      baseline: { type: "string" },
      "baseline-file": { type: "string" },
      fix: { type: "boolean", default: false },
      output: { type: "string", short: "o" },
      "show-suppressed": { type: "boolean", default: false },
      color: { type: "boolean" },
      "no-color": { type: "boolean" },
    },
  });
  const format = values.format;
  if (format !== "text" && format !== "json" && format !== "sarif") throw new UsageError(`--format must be text, json or sarif`);
  if (positionals.length === 0) throw new UsageError("scan needs at least one PATH (a file or a folder)");
  if (values.baseline !== undefined && values["baseline-file"] !== undefined) throw new UsageError("use --baseline or --baseline-file, not both");
  const config = loadConfig(values, io);

  const renderers = io.renderers ?? defaultRenderers();
  const first = await scanPaths(positionals, config, renderers, io);
  const walked = first.walked;
  for (const e of walked.errors) io.stderr(`container-review: ${e}\n`);
  let result = first.result;

  const notes: string[] = [...first.notes];
  if (values.fix) {
    const byFile = new Map<string, Finding[]>();
    for (const f of result.findings) if (f.fix && !f.suppressed) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
    let appliedCount = 0;
    for (const [file, findings] of byFile) {
      const abs = walked.absolute.get(file);
      if (!abs) continue;
      const original = readFileSync(abs, "utf8");
      const outcome = applyFixes(original, findings);
      if (outcome.applied.length > 0 && outcome.text !== original) {
        writeFileSync(abs, outcome.text);
        appliedCount += outcome.applied.length;
      }
    }
    if (appliedCount > 0) {
      notes.push(`Fixed ${plural(appliedCount, "problem")} in ${plural(byFile.size, "file")}.`);
      result = (await scanPaths(positionals, config, renderers, io)).result;
    }
  }

  let comparison: Comparison | undefined;
  if (values.baseline !== undefined) {
    comparison = await compareWithGit(values.baseline, config, result.findings, walked.absolute, viewScopes(positionals, io.cwd), renderers, io);
  }
  else if (values["baseline-file"] !== undefined) comparison = compareWithFile(values["baseline-file"], result.findings, io);

  const isNew = (f: Finding) => !comparison || comparison.newFindings.has(f);
  const counts = (f: Finding) => config.failOn.scope === "all" || isNew(f);
  const blocking = result.findings.filter((f) => counts(f) && isBlocking(f, config));

  let output: string;
  if (format === "json") {
    const findings = comparison ? result.findings.map((f) => ({ ...f, baseline: isNew(f) ? ("new" as const) : ("existing" as const) })) : result.findings;
    output = formatJson({ findings, errors: result.errors, ...(comparison ? { fixed: comparison.fixed } : {}) });
  } else if (format === "sarif") {
    const shown = comparison ? result.findings.filter(isNew) : result.findings;
    output = formatSarif(shown, result.errors, { version: packageVersion(), rules: allRules().map((r) => r.meta) });
  } else {
    const shown = comparison ? result.findings.filter(isNew) : result.findings;
    if (comparison) {
      notes.push(
        `Compared with ${values.baseline ?? values["baseline-file"]}: ${plural(comparison.newFindings.size, "new finding")}, ${comparison.existingCount} pre-existing not shown, ${comparison.fixed.length} fixed.`,
      );
    }
    const color = values["no-color"] ? false : values.color ?? (io.color && values.output === undefined);
    // A file named on the command line that is no container file is said on stderr, like a path
    // that does not exist; the report itself lists the scan's own errors.
    for (const e of result.errors) if (e.code === "not-a-container-file") io.stderr(`container-review: ${e.file}: ${e.message}\n`);
    const reportErrors = result.errors.filter((e) => e.code !== "not-a-container-file");
    output = formatText({ findings: shown, errors: reportErrors }, { color, showSuppressed: values["show-suppressed"], footer: notes });
  }
  if (values.output !== undefined) {
    writeFileSync(join(values.output.startsWith("/") ? "" : io.cwd, values.output), output);
    if (format !== "text") io.stderr(`container-review: ${plural(blocking.length, "blocking finding")}; report written to ${values.output}\n`);
  } else {
    io.stdout(output);
  }
  if (walked.errors.length > 0 || result.errors.length > 0) return 2;
  return blocking.length > 0 ? 1 : 0;
}

function runRules(args: string[], io: CliIo): number {
  const { values } = parseArgs({ args, options: { format: { type: "string", short: "f", default: "text" } } });
  const metas = allRules().map((r) => r.meta);
  if (values.format === "json") {
    io.stdout(`${JSON.stringify(metas, null, 2)}\n`);
    return 0;
  }
  if (values.format !== "text") throw new UsageError("--format must be text or json");
  const width = Math.max(...metas.map((m) => m.id.length));
  for (const m of metas) {
    const level = m.profile ? ` [PSS ${m.profile}]` : m.requiresConfig ? ` [needs ${m.requiresConfig}]` : "";
    io.stdout(`${m.id.padEnd(width)}  ${m.severity.padEnd(7)}  ${m.title}${level}\n`);
  }
  return 0;
}

/** Runs the CLI; returns the exit code. Never throws. */
export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "scan":
        return await runScan(rest, io);
      case "render":
        return await runRender(rest, io.renderers ?? defaultRenderers(), io);
      case "rules":
        return runRules(rest, io);
      case "--version":
      case "-v":
      case "version":
        io.stdout(`${packageVersion()}\n`);
        return 0;
      case "--help":
      case "-h":
      case "help":
        io.stdout(USAGE);
        return 0;
      default:
        io.stderr(command === undefined ? USAGE : `container-review: unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      io.stderr(`container-review: ${(err as Error).message}\n`);
      return 2;
    }
    io.stderr(`container-review: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
}

export type { ScanError };
