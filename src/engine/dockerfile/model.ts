/**
 * The Dockerfile model every Dockerfile rule reads: stages (with `AS` names, `FROM <stage>`
 * parents, `--platform`), the final stage (or the configured `target`), ARG/ENV values resolved
 * where Docker resolves them, USER settings, and a shell-level reading of RUN, CMD and ENTRYPOINT
 * with package installs and removals. Built on dockerfile-ast; every position is converted to the
 * engine's 1-based form here (through PositionIndex) so rules never see 0-based ranges.
 */
import {
  DockerfileParser,
  type Arg,
  type Copy,
  type Dockerfile,
  type Env,
  type Flag,
  type From,
  type Healthcheck,
  type Heredoc,
  type Instruction,
  type JSONArgument,
  type Onbuild,
  type Run,
} from "dockerfile-ast";
import type { ResolvedConfig } from "../../config/schema.js";
import { parseImageReference, type ImageReference } from "../image-reference.js";
import type { HandlerReport, Range, TextFile } from "../types.js";
import { packageOperation, remainingInstalls, type PackageName, type PackageOperation } from "./packages.js";
import { withParseDeadline } from "./argument-cache.js";
import { checkDeadline, type Deadline } from "../deadline.js";
import { PositionIndex } from "./positions.js";
import { execFormScript, isShellName, makeWord, parseShell, readsScriptFromStdin, sourceFromFile, type ShellScript, type ShellWord, type SourceText } from "./shell.js";
import { expandVariables, hasVariable, type VariableScope } from "./variables.js";

export const PARSE_ERROR_RULE_ID = "dockerfile/parse-error";

/** Every instruction keyword Docker knows. */
export const DOCKERFILE_KEYWORDS: ReadonlySet<string> = new Set([
  "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER",
  "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
]);

export interface DockerInstruction {
  /** Upper-case keyword (`from` is reported as `FROM`). */
  keyword: string;
  /** The dockerfile-ast node, for details a rule needs (convert its ranges with `model.positions.fromLsp`). */
  node: Instruction;
  /** The whole instruction, continuation lines and heredoc bodies included. */
  range: Range;
  keywordRange: Range;
  /** The stage it belongs to; undefined for ARGs before the first FROM. */
  stage: Stage | undefined;
  /** The instruction's text with continuations joined and whitespace collapsed (a stable identity). */
  normalizedText: string;
  /** Build variables (ARG, ENV) visible to this instruction. */
  scope: VariableScope;
  /** Set on an ONBUILD trigger (the instruction inside ONBUILD): the ONBUILD instruction holding it. */
  onbuild?: DockerInstruction;
}

/**
 * An `ONBUILD <instruction>`: the instruction does not run in this image; it runs at the start of
 * every build that uses this image (or this stage) as its base.
 */
export interface OnbuildTrigger {
  /** The ONBUILD instruction. */
  onbuild: DockerInstruction;
  /** The triggered instruction: its own keyword and ranges, `onbuild` set. */
  instruction: DockerInstruction;
  /** A RUN trigger, read like any RUN (with the ENV values the child image inherits). */
  run?: RunInstruction;
  /** A USER trigger. */
  user?: UserSetting;
}

export interface BaseImage {
  instruction: DockerInstruction;
  /** The image as written (`${BASE}`, `node:20`). */
  written: string;
  /** Range of the image token; the FROM keyword's line when the image is missing. */
  imageRange: Range;
  /** The image after ARG substitution; undefined when a variable has no known value. */
  resolved: string | undefined;
  unresolvedVariables: string[];
  /** True when the image was written with variables that resolved. */
  viaVariables: boolean;
  /** Parsed external image reference; null for scratch, stage references and unresolved text. */
  reference: ImageReference | null;
  /** The earlier stage this FROM builds on. */
  stage: Stage | undefined;
  isScratch: boolean;
  platform: string | undefined;
}

export interface UserSetting {
  instruction: DockerInstruction;
  /** As written, e.g. `${APP_UID}:app`. */
  written: string;
  /** After variable substitution; undefined when it cannot be resolved. */
  resolved: string | undefined;
  /** The user part (before `:`) of the resolved value. */
  user: string | undefined;
  group: string | undefined;
  /** Range of the argument text. */
  valueRange: Range;
}

export interface Mount {
  type: string | undefined;
  /** `from=<stage or image>` with the range of its value. */
  from: { value: string; range: Range } | undefined;
}

export interface StagePackageOperation extends PackageOperation {
  run: RunInstruction;
}

export interface RunInstruction {
  instruction: DockerInstruction;
  form: "shell" | "exec";
  script: ShellScript;
  mounts: Mount[];
  packageOperations: StagePackageOperation[];
}

export interface CommandInstruction {
  instruction: DockerInstruction;
  form: "shell" | "exec";
  script: ShellScript;
}

export interface HealthcheckInstruction {
  instruction: DockerInstruction;
  /** `HEALTHCHECK NONE` disables any inherited check. */
  disabled: boolean;
}

export interface Stage {
  index: number;
  /** `AS` name, lower-cased (stage names are case-insensitive); undefined when unnamed. */
  name: string | undefined;
  from: BaseImage;
  /** The earlier stage named in FROM, whose filesystem and settings this stage inherits. */
  parent: Stage | undefined;
  isFinal: boolean;
  /** This stage's instructions, its FROM first. */
  instructions: DockerInstruction[];
  runs: RunInstruction[];
  users: UserSetting[];
  entrypoints: CommandInstruction[];
  cmds: CommandInstruction[];
  healthchecks: HealthcheckInstruction[];
  /** The RUN shell from SHELL, when set (`["/bin/bash", "-c"]`); undefined means `/bin/sh -c`. */
  shell: string[] | undefined;
  /** ENV values at the end of the stage (inherited by stages built on it). */
  environment: ReadonlyMap<string, string | null>;
  /** The stage builds on a Windows image: RUN is cmd/PowerShell, users are ContainerAdministrator/ContainerUser. */
  windows: boolean;
  /** ONBUILD triggers set in this stage (they run in builds based on it, not in it). */
  triggers: OnbuildTrigger[];
}

export interface DockerfileModel {
  file: TextFile;
  positions: PositionIndex;
  dockerfile: Dockerfile;
  /** Parser directives at the top of the file (`# syntax=...`, `# escape=...`, `# check=...`). */
  directives: { name: string; value: string; range: Range }[];
  /** The line-continuation character: `\\` unless `# escape=\`` says otherwise. */
  escapeCharacter: string;
  instructions: DockerInstruction[];
  /** ARGs before the first FROM, usable in FROM lines. */
  globalScope: VariableScope;
  stages: Stage[];
  /** The stage that becomes the image: `config.target` when it names a stage, else the last one. */
  finalStage: Stage;
  runs: RunInstruction[];
}

export interface BuildOutcome {
  model?: DockerfileModel;
  problems: HandlerReport[];
}

/** Windows base images (Server Core, Nano Server, the Windows images and what is built on them by Microsoft). */
export function isWindowsImage(ref: ImageReference | null): boolean {
  if (!ref) return false;
  const text = `${ref.registry}/${ref.repository}:${ref.tag ?? ""}`.toLowerCase();
  return /mcr\.microsoft\.com\/windows(?:\/|$)|nanoserver|windowsservercore|servercore|windows-ltsc|:ltsc20\d\d/.test(text);
}

/** The stage and the stages it builds on through `FROM <stage>`, oldest first. */
export function stageChain(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  const seen = new Set<Stage>();
  for (let s: Stage | undefined = stage; s && !seen.has(s); s = s.parent) {
    seen.add(s);
    chain.unshift(s);
  }
  return chain;
}

/** The last USER set in the stage or the stages it builds on; undefined when none is. */
export function effectiveUser(stage: Stage): UserSetting | undefined {
  const chain = stageChain(stage);
  for (let i = chain.length - 1; i >= 0; i -= 1) {
    const users = chain[i].users;
    if (users.length > 0) return users[users.length - 1];
  }
  return undefined;
}

/** The external image at the bottom of a stage's chain (its FROM may be scratch or unresolved). */
export function externalBase(stage: Stage): BaseImage {
  return stageChain(stage)[0].from;
}

/**
 * The ENTRYPOINT and CMD the stage's image runs with. Setting ENTRYPOINT in a stage resets a CMD
 * inherited from the stage it builds on, as Docker does.
 */
export function effectiveCommand(stage: Stage): { entrypoint?: CommandInstruction; cmd?: CommandInstruction } {
  const chain = stageChain(stage);
  let entrypoint: CommandInstruction | undefined;
  let entrypointDepth = -1;
  let cmd: CommandInstruction | undefined;
  let cmdDepth = -1;
  for (let i = chain.length - 1; i >= 0; i -= 1) {
    const s = chain[i];
    if (!entrypoint && s.entrypoints.length > 0) {
      entrypoint = s.entrypoints[s.entrypoints.length - 1];
      entrypointDepth = i;
    }
    if (!cmd && s.cmds.length > 0) {
      cmd = s.cmds[s.cmds.length - 1];
      cmdDepth = i;
    }
  }
  const result: { entrypoint?: CommandInstruction; cmd?: CommandInstruction } = {};
  if (entrypoint) result.entrypoint = entrypoint;
  if (cmd && !(entrypoint && cmdDepth < entrypointDepth)) result.cmd = cmd;
  return result;
}

/** The HEALTHCHECK in effect for the stage's image (possibly `NONE`), if any. */
export function effectiveHealthcheck(stage: Stage): HealthcheckInstruction | undefined {
  const chain = stageChain(stage);
  for (let i = chain.length - 1; i >= 0; i -= 1) {
    const h = chain[i].healthchecks;
    if (h.length > 0) return h[h.length - 1];
  }
  return undefined;
}

export interface InstalledPackage extends PackageName {
  operation: StagePackageOperation;
}

/** System packages installed in the stage's chain and not removed later in it. */
export function installedPackages(stage: Stage): InstalledPackage[] {
  const ops = stageChain(stage).flatMap((s) => s.runs.flatMap((r) => r.packageOperations));
  return remainingInstalls(ops) as InstalledPackage[];
}

/** Whether a stage name or earlier-stage reference (case-insensitive) names a stage of the file. */
export function findStage(model: DockerfileModel, name: string, before?: number): Stage | undefined {
  const n = name.toLowerCase();
  return model.stages.find((s) => s.name === n && (before === undefined || s.index < before));
}

/**
 * A JSON-form argument (`["sh", "-c", "a b"]`) as a word, decoded from the file text with the offset
 * of every character. (dockerfile-ast's getJSONValue() drops the spaces inside the string, so it
 * must not be used.)
 */
export function jsonArgumentWord(positions: PositionIndex, arg: JSONArgument): ShellWord {
  const r = arg.getRange();
  const start = positions.offsetOf(r.start);
  const end = positions.offsetOf(r.end);
  const raw = positions.text.slice(start, end);
  const escapes: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", "/": "/", "\\": "\\", '"': '"' };
  let value = "";
  const offsets: number[] = [];
  const first = raw.startsWith('"') ? 1 : 0;
  const last = raw.length > 1 && raw.endsWith('"') ? raw.length - 1 : raw.length;
  for (let i = first; i < last; i += 1) {
    const c = raw[i];
    if (c === "\\" && i + 1 < last) {
      const e = raw[i + 1];
      if (e === "u" && /^[0-9a-fA-F]{4}$/.test(raw.slice(i + 2, i + 6))) {
        value += String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16));
        offsets.push(start + i);
        i += 5;
        continue;
      }
      value += escapes[e] ?? e;
      offsets.push(start + i);
      i += 1;
      continue;
    }
    value += c;
    offsets.push(start + i);
  }
  return makeWord(value, offsets, positions.fromLsp(r), true);
}

// ---------------------------------------------------------------------------------------------

/** Continuations joined and whitespace collapsed: an instruction's stable identity. */
function normalizeInstructionText(text: string): string {
  return text.replace(/[\\`]\s*\n/g, " ").replace(/\s+/g, " ").trim();
}

/**
 * A DockerInstruction whose normalised text is computed on first use: only rules that report
 * read it (as part of a fingerprint key), so most instructions never need it.
 */
class ModelInstruction implements DockerInstruction {
  private normalized: string | undefined;

  constructor(
    readonly keyword: string,
    readonly node: Instruction,
    readonly range: Range,
    readonly keywordRange: Range,
    public stage: Stage | undefined,
    public scope: VariableScope,
    private readonly fileText: string,
    private readonly start: number,
    private readonly end: number,
  ) {}

  get normalizedText(): string {
    this.normalized ??= normalizeInstructionText(this.fileText.slice(this.start, this.end));
    return this.normalized;
  }
}

class ModelBuilder {
  readonly positions: PositionIndex;
  readonly problems: HandlerReport[] = [];
  private readonly text: string;

  constructor(
    readonly file: TextFile,
    readonly config: ResolvedConfig,
    private readonly deadline?: Deadline,
  ) {
    this.text = file.text;
    this.positions = new PositionIndex(file.text);
  }

  problem(range: Range, message: string, severity?: HandlerReport["severity"]): void {
    const report: HandlerReport = { ruleId: PARSE_ERROR_RULE_ID, range, message, fingerprintKey: message };
    if (severity) report.severity = severity;
    this.problems.push(report);
  }

  build(): BuildOutcome {
    const dockerfile = withParseDeadline(this.deadline, () => DockerfileParser.parse(this.text));
    const escape = dockerfile.getEscapeCharacter();
    this.escape = escape;
    const nodes = dockerfile.getInstructions();
    const firstLine = this.positions.lineRange(1);
    if (nodes.length === 0) {
      this.problem(firstLine, this.text.trim() === "" ? "the file is empty: no Dockerfile instructions to analyze" : "the file holds only comments: no Dockerfile instructions to analyze");
      return { problems: this.problems };
    }
    if (!nodes.some((n) => n.getKeyword().toUpperCase() === "FROM")) {
      this.problem(this.positions.fromLsp(nodes[0].getInstructionRange()), "no FROM instruction: this cannot be built as a Dockerfile");
      return { problems: this.problems };
    }

    const instructions: DockerInstruction[] = [];
    const stages: Stage[] = [];
    const runs: RunInstruction[] = [];
    const globalScope = new Map<string, string | null>();
    let scope: VariableScope = globalScope;
    let environment = new Map<string, string | null>();
    let stage: Stage | undefined;

    for (const node of nodes) {
      const keyword = node.getKeyword().toUpperCase();
      const lspRange = node.getRange();
      const range = this.positions.fromLsp(lspRange);
      const keywordRange = this.positions.fromLsp(node.getInstructionRange());
      checkDeadline(this.deadline, range.line);
      const instruction: DockerInstruction = new ModelInstruction(
        keyword,
        node,
        range,
        keywordRange,
        stage,
        scope,
        this.text,
        this.positions.offsetOf(lspRange.start),
        this.positions.offsetOf(lspRange.end),
      );
      if (!DOCKERFILE_KEYWORDS.has(keyword)) {
        this.problem(keywordRange, `unknown instruction "${node.getKeyword()}": not a Dockerfile instruction (the rest of the file is still analyzed)`);
        continue;
      }
      instructions.push(instruction);
      this.checkHeredocs(node, keyword);

      if (keyword === "FROM") {
        const from = this.baseImage(node as From, instruction, globalScope, stages);
        const parentEnv = from.stage ? from.stage.environment : new Map<string, string | null>();
        environment = new Map(parentEnv);
        scope = new Map(environment);
        const stageName = (node as From).getBuildStage();
        stage = {
          index: stages.length,
          name: stageName ? stageName.toLowerCase() : undefined,
          from,
          parent: from.stage,
          isFinal: false,
          instructions: [instruction],
          runs: [],
          users: [],
          entrypoints: [],
          cmds: [],
          healthchecks: [],
          shell: from.stage?.shell,
          environment,
          triggers: [],
          windows: from.stage ? from.stage.windows : isWindowsImage(from.reference),
        };
        instruction.stage = stage;
        instruction.scope = scope;
        stages.push(stage);
        continue;
      }
      if (!stage) {
        if (keyword === "ARG") {
          // Global ARGs live in globalScope itself so FROM lines see them.
          for (const [k, v] of this.declareArgs(node as Arg, globalScope, globalScope, true, escape)) globalScope.set(k, v);
        } else {
          this.problem(keywordRange, `${keyword} before the first FROM: only ARG may come before FROM, Docker refuses to build this`);
        }
        continue;
      }
      stage.instructions.push(instruction);
      switch (keyword) {
        case "ARG":
          scope = this.declareArgs(node as Arg, scope, globalScope, false, escape);
          break;
        case "ENV": {
          const next = new Map(scope);
          const env = new Map(environment);
          for (const p of (node as Env).getProperties()) {
            const raw = p.getValue();
            const value = raw === null ? null : this.expandOrNull(raw, scope, escape);
            next.set(p.getName(), value);
            env.set(p.getName(), value);
          }
          scope = next;
          environment = env;
          stage.environment = environment;
          break;
        }
        case "USER": {
          const setting = this.userSetting(node, instruction, scope, escape);
          if (setting.written === "") this.problem(keywordRange, "USER without a user: name a numeric UID such as USER 10001");
          else stage.users.push(setting);
          break;
        }
        case "RUN": {
          const run = this.runInstruction(node as Run, instruction, stage);
          stage.runs.push(run);
          runs.push(run);
          break;
        }
        case "CMD":
        case "ENTRYPOINT": {
          const command = this.commandInstruction(node as Run, instruction, stage);
          (keyword === "CMD" ? stage.cmds : stage.entrypoints).push(command);
          break;
        }
        case "HEALTHCHECK": {
          const sub = (node as Healthcheck).getSubcommand();
          stage.healthchecks.push({ instruction, disabled: sub?.getValue().toUpperCase() === "NONE" });
          break;
        }
        case "ONBUILD": {
          const trigger = this.onbuildTrigger(node as Onbuild, instruction, stage);
          if (trigger) stage.triggers.push(trigger);
          break;
        }
        case "SHELL": {
          const strings = (node as Run).getJSONStrings?.() ?? [];
          if (strings.length > 0) stage.shell = strings.map((s) => jsonArgumentWord(this.positions, s).value);
          break;
        }
        default:
          break;
      }
      instruction.scope = scope;
    }

    if (stages.length === 0) {
      // Every FROM was malformed or unknown; nothing to judge.
      return { problems: this.problems };
    }
    let finalStage = stages[stages.length - 1];
    if (this.config.target) {
      const wanted = stages.find((s) => s.name === this.config.target?.toLowerCase());
      if (wanted) finalStage = wanted;
    }
    finalStage.isFinal = true;
    const model: DockerfileModel = {
      file: this.file,
      positions: this.positions,
      dockerfile,
      directives: dockerfile.getDirectives().map((d) => ({ name: d.getName().toLowerCase(), value: d.getValue(), range: this.positions.fromLsp(d.getRange()) })),
      escapeCharacter: escape,
      instructions,
      globalScope,
      stages,
      finalStage,
      runs,
    };
    return { model, problems: this.problems };
  }

  /** The instruction inside ONBUILD, read as it will run in a child build (ARGs there are unknown; ENV is inherited). */
  private onbuildTrigger(node: Onbuild, onbuild: DockerInstruction, stage: Stage): OnbuildTrigger | undefined {
    const inner = node.getTriggerInstruction();
    if (!inner) return undefined;
    const keyword = inner.getKeyword().toUpperCase();
    const scope: VariableScope = new Map(stage.environment);
    const instruction: DockerInstruction = {
      keyword,
      node: inner,
      range: this.positions.fromLsp(inner.getRange()),
      keywordRange: this.positions.fromLsp(inner.getInstructionRange()),
      stage,
      normalizedText: onbuild.normalizedText,
      scope,
      onbuild,
    };
    const trigger: OnbuildTrigger = { onbuild, instruction };
    if (keyword === "RUN") trigger.run = this.runInstruction(inner as Run, instruction, stage);
    else if (keyword === "USER") {
      const setting = this.userSetting(inner, instruction, scope, this.escape);
      if (setting.written !== "") trigger.user = setting;
    }
    return trigger;
  }

  private expandOrNull(raw: string, scope: VariableScope, escape: string): string | null {
    if (!hasVariable(raw)) return raw;
    const e = expandVariables(raw, scope, escape);
    return e.unresolved.length > 0 ? null : e.value;
  }

  private declareArgs(node: Arg, scope: VariableScope, globalScope: VariableScope, isGlobal: boolean, escape: string): Map<string, string | null> {
    const next = new Map(scope);
    for (const p of node.getProperties()) {
      const name = p.getName();
      const raw = p.getValue();
      if (raw !== null) next.set(name, this.expandOrNull(raw, scope, escape));
      // `ARG NAME` in a stage takes the global default, if there is one.
      else if (isGlobal) next.set(name, scope.get(name) ?? null);
      else next.set(name, globalScope.get(name) ?? null);
    }
    return next;
  }

  private readonly heredocCache = new Map<Instruction, Heredoc[]>();

  /**
   * The instruction's heredocs, read once. dockerfile-ast scans the whole instruction for them on
   * every call; a heredoc needs an argument starting with `<<`, so text without `<` has none.
   */
  private heredocsOf(node: Instruction): Heredoc[] {
    let heredocs = this.heredocCache.get(node);
    if (heredocs === undefined) {
      const r = node.getRange();
      const source = this.text.slice(this.positions.offsetOf(r.start), this.positions.offsetOf(r.end));
      heredocs = source.includes("<") ? ((node as Run | Copy).getHeredocs?.() ?? []) : [];
      this.heredocCache.set(node, heredocs);
    }
    return heredocs;
  }

  private checkHeredocs(node: Instruction, keyword: string): void {
    if (keyword !== "RUN" && keyword !== "COPY") return;
    const heredocs = this.heredocsOf(node);
    for (const h of heredocs) {
      if (h.getDelimiterRange() === null) {
        this.problem(
          this.positions.fromLsp(h.getStartRange()),
          `heredoc <<${h.getName()} is never closed: no line "${h.getName()}" ends it, so the rest of the file is read as its body`,
        );
      }
    }
  }

  private baseImage(node: From, instruction: DockerInstruction, globalScope: VariableScope, stages: Stage[]): BaseImage {
    const escape = this.escape;
    const args = node.getArguments();
    const imageArg = args[0];
    const written = imageArg?.getValue() ?? "";
    const imageRange = imageArg ? this.positions.fromLsp(imageArg.getRange()) : instruction.keywordRange;
    if (!imageArg) this.problem(instruction.keywordRange, "FROM without an image: name a base image or `scratch`");
    let resolved: string | undefined = written;
    let unresolvedVariables: string[] = [];
    const viaVariables = hasVariable(written);
    if (viaVariables) {
      const e = expandVariables(written, globalScope, escape);
      unresolvedVariables = e.unresolved;
      resolved = e.unresolved.length > 0 ? undefined : e.value;
    }
    const parent = resolved !== undefined ? stages.find((s) => s.name === resolved?.toLowerCase()) : undefined;
    const isScratch = resolved?.toLowerCase() === "scratch";
    const reference = resolved !== undefined && !parent && !isScratch && resolved !== "" ? parseImageReference(resolved) : null;
    return {
      instruction,
      written,
      imageRange,
      resolved,
      unresolvedVariables,
      viaVariables,
      reference,
      stage: parent,
      isScratch,
      platform: node.getPlatformFlag()?.getValue() ?? undefined,
    };
  }

  private escape = "\\";

  private userSetting(node: Instruction, instruction: DockerInstruction, scope: VariableScope, escape: string): UserSetting {
    const argsRange = node.getArgumentsRange();
    const written = (node.getArgumentsContent() ?? "").trim();
    const valueRange = argsRange ? this.positions.fromLsp(argsRange) : instruction.keywordRange;
    let resolved: string | undefined = written;
    if (hasVariable(written)) {
      const e = expandVariables(written, scope, escape);
      resolved = e.unresolved.length > 0 ? undefined : e.value;
    }
    let user: string | undefined;
    let group: string | undefined;
    if (resolved !== undefined) {
      const colon = resolved.indexOf(":");
      user = colon >= 0 ? resolved.slice(0, colon) : resolved;
      group = colon >= 0 ? resolved.slice(colon + 1) : undefined;
    }
    return { instruction, written, resolved, user, group, valueRange };
  }

  /** The RUN's shell text (after its flags), continuations joined, heredoc bodies left out. */
  private commandLineSource(node: Instruction, heredocSpans: [number, number][]): SourceText {
    const args = node.getArguments();
    if (args.length === 0) return { text: "", offsets: [] };
    const start = this.positions.offsetOf(args[0].getRange().start);
    const end = this.positions.offsetOf(node.getRange().end);
    const escape = this.escape;
    const t = this.text;
    // Kept text is copied a run at a time (between escapes and heredoc bodies), not a character at a time.
    const pieces: string[] = [];
    const offsets: number[] = [];
    const spans = heredocSpans.length > 1 ? [...heredocSpans].sort((a, b) => a[0] - b[0]) : heredocSpans;
    let s = 0;
    let runStart = start;
    const flush = (to: number) => {
      if (to > runStart) {
        pieces.push(t.slice(runStart, to));
        for (let o = runStart; o < to; o += 1) offsets.push(o);
      }
    };
    let k = start;
    while (k < end) {
      // Spans that end before k are behind us.
      while (s < spans.length && spans[s][1] <= k) s += 1;
      if (s < spans.length && k >= spans[s][0]) {
        flush(k);
        k = spans[s][1];
        runStart = k;
        continue;
      }
      if (t[k] === escape) {
        let j = k + 1;
        while (j < end && (t[j] === " " || t[j] === "\t")) j += 1;
        if (j >= end || t[j] === "\n") {
          flush(k);
          k = j + 1;
          // Comment and blank lines inside a continued instruction are dropped by Docker.
          while (k < end) {
            const lineEnd = t.indexOf("\n", k);
            if (lineEnd < 0 || lineEnd >= end) break;
            if (!/^[ \t]*(?:#.*)?$/.test(t.slice(k, lineEnd))) break;
            k = lineEnd + 1;
          }
          runStart = k;
          continue;
        }
      }
      k += 1;
    }
    flush(Math.min(k, end));
    return { text: pieces.join(""), offsets };
  }

  private isExecForm(node: Run): boolean {
    return node.getOpeningBracket?.() != null && node.getClosingBracket?.() != null;
  }

  private posixShell(stage: Stage): boolean {
    if (!stage.shell || stage.shell.length === 0) return !stage.windows;
    const first = stage.shell[0].replace(/\\/g, "/");
    const name = first.slice(first.lastIndexOf("/") + 1).toLowerCase();
    return isShellName(name);
  }

  private runInstruction(node: Run, instruction: DockerInstruction, stage: Stage): RunInstruction {
    let form: "shell" | "exec" = "shell";
    let script: ShellScript = { commands: [] };
    if (this.isExecForm(node)) {
      form = "exec";
      script = execFormScript(node.getJSONStrings().map((s) => jsonArgumentWord(this.positions, s)), this.positions);
    } else if (this.posixShell(stage)) {
      const heredocs = this.heredocsOf(node);
      const spans: [number, number][] = [];
      const bodies: { name: string; start: number; end: number }[] = [];
      const instructionEnd = this.positions.offsetOf(node.getRange().end);
      for (const h of heredocs) {
        const content = h.getContentRange();
        const delimiter = h.getDelimiterRange();
        const bodyStart = content ? this.positions.offsetOf(content.start) : delimiter ? this.positions.offsetOf(delimiter.start) : instructionEnd;
        const bodyEnd = content ? this.positions.offsetOf(content.end) : bodyStart;
        const spanEnd = delimiter ? this.positions.offsetOf(delimiter.end) : instructionEnd;
        spans.push([bodyStart, spanEnd]);
        bodies.push({ name: h.getName(), start: bodyStart, end: bodyEnd });
      }
      script = parseShell(this.commandLineSource(node, spans), this.positions, "shell", undefined, 0, this.deadline);
      for (const body of bodies) {
        if (body.end <= body.start) continue;
        const owner = script.commands.find((c) => c.redirects.some((r) => r.operator.startsWith("<<") && r.operator !== "<<<" && r.target?.value === body.name));
        const isScript = owner === undefined ? script.commands.length === 0 : owner.program === undefined || readsScriptFromStdin(owner);
        if (!isScript) continue;
        const inner = parseShell(sourceFromFile(this.text, body.start, body.end), this.positions, "shell", undefined, 0, this.deadline);
        script = { commands: [...script.commands, ...inner.commands] };
      }
    }
    const run: RunInstruction = { instruction, form, script, mounts: this.mounts(node.getFlags()), packageOperations: [] };
    for (const command of script.commands) {
      const op = packageOperation(command);
      if (op) run.packageOperations.push({ ...op, run });
    }
    return run;
  }

  private mounts(flags: Flag[]): Mount[] {
    const mounts: Mount[] = [];
    for (const f of flags) {
      if (f.getName().toLowerCase() !== "mount") continue;
      const type = f.getOption("type")?.getValue() ?? undefined;
      const fromOption = f.getOption("from");
      const value = fromOption?.getValue();
      const valueRange = fromOption?.getValueRange();
      const mount: Mount = { type, from: undefined };
      if (value && valueRange) mount.from = { value, range: this.positions.fromLsp(valueRange) };
      mounts.push(mount);
    }
    return mounts;
  }

  private commandInstruction(node: Run, instruction: DockerInstruction, stage: Stage): CommandInstruction {
    if (this.isExecForm(node)) {
      return { instruction, form: "exec", script: execFormScript(node.getJSONStrings().map((s) => jsonArgumentWord(this.positions, s)), this.positions) };
    }
    const script = this.posixShell(stage) ? parseShell(this.commandLineSource(node, []), this.positions, "shell", undefined, 0, this.deadline) : { commands: [] };
    return { instruction, form: "shell", script };
  }
}

/**
 * Reads a Dockerfile into the model. Never throws for odd input; problems are parse-error reports.
 * With a `deadline`, throws TimeLimitReached once it has passed (checked per instruction and
 * while long shell scripts are read).
 */
export function buildDockerfileModel(file: TextFile, config: ResolvedConfig, deadline?: Deadline): BuildOutcome {
  return new ModelBuilder(file, config, deadline).build();
}
