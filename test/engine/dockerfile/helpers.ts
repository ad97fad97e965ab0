import { DEFAULT_CONFIG, type ResolvedConfig } from "../../../src/config/schema.js";
import { toTextFile } from "../../../src/engine/decode.js";
import { buildDockerfileModel, type BuildOutcome, type DockerfileModel } from "../../../src/engine/dockerfile/model.js";
import type { ShellCommand, ShellWord } from "../../../src/engine/dockerfile/shell.js";

export function build(code: string, config: Partial<ResolvedConfig> = {}): BuildOutcome {
  return buildDockerfileModel(toTextFile("Dockerfile", code), { ...DEFAULT_CONFIG, ...config });
}

export function model(code: string, config: Partial<ResolvedConfig> = {}): DockerfileModel {
  const outcome = build(code, config);
  if (!outcome.model) throw new Error(`no model: ${outcome.problems.map((p) => p.message).join("; ")}`);
  return outcome.model;
}

/** `line:column-endColumn` of a word. */
export function at(word: ShellWord | undefined): string {
  if (!word) return "(none)";
  const r = word.range;
  return r.line === r.endLine ? `${r.line}:${r.column}-${r.endColumn}` : `${r.line}:${r.column}-${r.endLine}:${r.endColumn}`;
}

/** A compact view of a command: its program name, its arguments, where the program is. */
export function describe(c: ShellCommand): string {
  return [c.name, ...c.args.map((a) => a.value)].join(" ") + ` @${at(c.program)}`;
}

/** Commands of the first RUN of a one-stage Dockerfile. */
export function runCommands(script: string, index = 0): ShellCommand[] {
  const m = model(`FROM alpine:3.20\n${script}`);
  return m.runs[index].script.commands;
}
