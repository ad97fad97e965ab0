/**
 * A shell-level reading of RUN, CMD and ENTRYPOINT: enough of POSIX sh to find the commands a
 * script runs and where each of their words is in the file. It splits on `&&`, `||`, `;`, `&`,
 * `|` and newlines, understands quotes, escapes, `$(...)`, backticks, `<(...)`, redirections and
 * heredoc markers, unwraps `sh -c '...'`, and looks through `sudo`, `exec`, `env`, `tini`,
 * `dumb-init` and similar runners to the program really started.
 *
 * It is a reader, not an interpreter: control flow (`if`, `for`, `case`) is flattened and every
 * simple command found is reported. It never throws: unbalanced quotes run to the end of the text.
 */
import type { Range } from "../types.js";
import type { PositionIndex } from "./positions.js";
import { TimeLimitReached, type Deadline } from "../deadline.js";

/** Text with the absolute file offset of each of its characters. */
export interface SourceText {
  text: string;
  offsets: number[];
}

export function sourceFromFile(fileText: string, start: number, end: number): SourceText {
  const offsets = new Array<number>(Math.max(0, end - start));
  for (let i = 0; i < offsets.length; i += 1) offsets[i] = start + i;
  return { text: fileText.slice(start, end), offsets };
}

export interface ShellWord {
  /** The word after quote removal (substitutions kept as written). */
  value: string;
  /** Where the word is written in the file. */
  range: Range;
  /** Absolute file offset of each character of `value`. */
  valueOffsets: number[];
  quoted: boolean;
  /** Scripts inside `$(...)`, backticks and `<(...)`/`>(...)` in this word. */
  substitutions: ShellScript[];
  /** True for a process substitution word such as `<(curl ...)`. */
  processSubstitution: boolean;
}

export interface Redirect {
  operator: string;
  target: ShellWord | undefined;
}

export type CommandOrigin = "shell" | "exec-form" | "sh-c" | "substitution";

export interface ShellCommand {
  /** Every word as written, prefixes and assignments included. */
  words: ShellWord[];
  /** Leading `NAME=value` assignments (also those after `env`/`sudo`). */
  assignments: ShellWord[];
  /** Runner words looked through: sudo, exec, command, env, nohup, tini, dumb-init, gosu, ... */
  prefixes: ShellWord[];
  /** The program started, or undefined for a bare assignment or redirection. */
  program: ShellWord | undefined;
  /** The program's base name (`/usr/bin/curl` -> `curl`), "" when there is none. */
  name: string;
  args: ShellWord[];
  redirects: Redirect[];
  /** The commands of the pipeline this command is part of, in order (itself included). */
  pipeline: ShellCommand[];
  /** The operator that joins this command's pipeline to the previous one. */
  connector: "start" | "&&" | "||" | ";" | "&";
  origin: CommandOrigin;
  /** The command whose script (`sh -c`) or word (`$(...)`) this command came from. */
  parent: ShellCommand | undefined;
}

export interface ShellScript {
  /** Every simple command, in source order, nested ones (`sh -c`, `$(...)`) right after their parent. */
  commands: ShellCommand[];
}

const SHELLS = new Set(["sh", "bash", "ash", "dash", "zsh", "ksh", "mksh"]);
export function isShellName(name: string): boolean {
  return SHELLS.has(name);
}

export function baseName(value: string): string {
  const i = value.lastIndexOf("/");
  return i >= 0 ? value.slice(i + 1) : value;
}

const MAX_DEPTH = 12;
const OPERATOR_CHARS = new Set([";", "&", "|", "(", ")", "<", ">", "\n"]);

/**
 * Characters that end a run of plain word characters in readWord: blanks, operators, and the
 * characters with a meaning of their own (escape, quotes, `$`, backtick). Indexed by char code.
 */
const NOT_PLAIN = new Uint8Array(128);
for (const c of [" ", "\t", "\r", ...OPERATOR_CHARS, "\\", "'", '"', "$", "`"]) NOT_PLAIN[c.charCodeAt(0)] = 1;

interface RawCommand {
  words: ShellWord[];
  redirects: Redirect[];
}

interface RawPipeline {
  connector: ShellCommand["connector"];
  commands: RawCommand[];
}

/** The deadline is checked once every this many words (a 1 MB RUN line has about 200,000). */
const WORDS_PER_DEADLINE_CHECK = 1024;

class Reader {
  private i = 0;
  private readonly text: string;
  private readonly n: number;
  private words = 0;

  constructor(
    private readonly src: SourceText,
    private readonly positions: PositionIndex,
    private readonly depth: number,
    private readonly deadline?: Deadline,
  ) {
    this.text = src.text;
    this.n = src.text.length;
  }

  /** Reads a command list; with `closing`, stops after the matching `)` and returns its index. */
  readList(start: number, closing: boolean): { pipelines: RawPipeline[]; end: number } {
    this.i = start;
    const pipelines: RawPipeline[] = [];
    let pipeline: RawPipeline = { connector: "start", commands: [] };
    let command: RawCommand = { words: [], redirects: [] };
    const endCommand = () => {
      if (command.words.length > 0 || command.redirects.length > 0) pipeline.commands.push(command);
      command = { words: [], redirects: [] };
    };
    const endPipeline = (next: ShellCommand["connector"]) => {
      endCommand();
      if (pipeline.commands.length > 0) pipelines.push(pipeline);
      pipeline = { connector: pipeline.commands.length > 0 || pipelines.length > 0 ? next : "start", commands: [] };
    };
    const t = this.text;
    while (this.i < this.n) {
      const c = t[this.i];
      if (c === " " || c === "\t" || c === "\r") {
        this.i += 1;
        continue;
      }
      if (c === "\\" && t[this.i + 1] === "\n") {
        this.i += 2;
        continue;
      }
      if (closing && c === ")") {
        endPipeline(";");
        return { pipelines, end: this.i };
      }
      if (c === "\n" || c === ";") {
        this.i += t[this.i + 1] === ";" && c === ";" ? 2 : 1;
        endPipeline(";");
        continue;
      }
      if (c === "&") {
        if (t[this.i + 1] === "&") {
          this.i += 2;
          endPipeline("&&");
        } else if (t[this.i + 1] === ">") {
          this.readRedirect(command);
        } else {
          this.i += 1;
          endPipeline("&");
        }
        continue;
      }
      if (c === "|") {
        if (t[this.i + 1] === "|") {
          this.i += 2;
          endPipeline("||");
        } else {
          this.i += t[this.i + 1] === "&" ? 2 : 1;
          endCommand();
        }
        continue;
      }
      if (c === "(" || c === ")") {
        this.i += 1;
        endPipeline(";");
        continue;
      }
      if ((c === "<" || c === ">") && t[this.i + 1] !== "(") {
        this.readRedirect(command);
        continue;
      }
      if (c === "#") {
        while (this.i < this.n && t[this.i] !== "\n") this.i += 1;
        continue;
      }
      this.words += 1;
      if (this.words % WORDS_PER_DEADLINE_CHECK === 0 && this.deadline?.passed()) {
        throw new TimeLimitReached(this.positions.positionAt(this.src.offsets[this.i] ?? 0).line);
      }
      const word = this.readWord();
      if (word === null) {
        this.i += 1;
        continue;
      }
      const next = t[this.i];
      if (!word.quoted && /^\d+$/.test(word.value) && (next === ">" || next === "<")) {
        this.readRedirect(command);
        continue;
      }
      command.words.push(word);
    }
    endPipeline(";");
    return { pipelines, end: this.n };
  }

  private readRedirect(command: RawCommand): void {
    const t = this.text;
    let op = "";
    while (this.i < this.n && /[<>&|-]/.test(t[this.i]) && op.length < 3) {
      // `<<-` is one operator, but `-` only continues a heredoc operator.
      if (t[this.i] === "-" && op !== "<<") break;
      if (t[this.i] === "|" && op !== ">") break;
      op += t[this.i];
      this.i += 1;
    }
    while (this.i < this.n && (t[this.i] === " " || t[this.i] === "\t")) this.i += 1;
    let target: ShellWord | undefined;
    if (this.i < this.n && !OPERATOR_CHARS.has(t[this.i])) target = this.readWord() ?? undefined;
    command.redirects.push({ operator: op, target });
  }

  private wordFrom(start: number, end: number, value: string, valueOffsets: number[], quoted: boolean, subs: ShellScript[], processSubstitution: boolean): ShellWord {
    const from = this.src.offsets[start] ?? 0;
    const last = this.src.offsets[Math.max(start, end - 1)] ?? from;
    return {
      value,
      valueOffsets,
      quoted,
      substitutions: subs,
      processSubstitution,
      range: this.positions.rangeOfOffsets(from, last + 1),
    };
  }

  /** Reads a nested `$(...)` list starting right after the `(`; returns the index of the `)`. */
  private nested(start: number, subs: ShellScript[]): number {
    if (this.depth >= MAX_DEPTH) {
      // Too deep to be a real script: skip to the matching parenthesis as plain text.
      let level = 1;
      let j = start;
      for (; j < this.n && level > 0; j += 1) {
        if (this.text[j] === "(") level += 1;
        else if (this.text[j] === ")") level -= 1;
      }
      return Math.max(start, j - 1);
    }
    const inner = new Reader(this.src, this.positions, this.depth + 1, this.deadline);
    const { pipelines, end } = inner.readList(start, true);
    subs.push(assemble(pipelines, "substitution", undefined, this.positions, this.depth + 1, this.deadline));
    return end;
  }

  private backtick(start: number, subs: ShellScript[]): number {
    // start is the index after the opening backtick
    let j = start;
    while (j < this.n && this.text[j] !== "`") j += this.text[j] === "\\" ? 2 : 1;
    if (this.depth < MAX_DEPTH && j > start) {
      const slice: SourceText = { text: this.text.slice(start, Math.min(j, this.n)), offsets: this.src.offsets.slice(start, Math.min(j, this.n)) };
      subs.push(parseShell(slice, this.positions, "substitution", undefined, this.depth + 1, this.deadline));
    }
    return Math.min(j, this.n);
  }

  private skipBraced(start: number): number {
    // start: index of `{` after `$`; returns index of the matching `}`
    let level = 0;
    let j = start;
    for (; j < this.n; j += 1) {
      const ch = this.text[j];
      if (ch === "\\") {
        j += 1;
        continue;
      }
      if (ch === "{") level += 1;
      else if (ch === "}") {
        level -= 1;
        if (level === 0) return j;
      }
    }
    return this.n - 1;
  }

  private skipArithmetic(start: number): number {
    // start: index of the first `(` of `$((`; returns the index of the last `)`
    let level = 0;
    let j = start;
    for (; j < this.n; j += 1) {
      if (this.text[j] === "(") level += 1;
      else if (this.text[j] === ")") {
        level -= 1;
        if (level === 0) return j;
      }
    }
    return this.n - 1;
  }

  readWord(): ShellWord | null {
    const t = this.text;
    const off = this.src.offsets;
    const start = this.i;
    let value = "";
    const vo: number[] = [];
    const subs: ShellScript[] = [];
    let quoted = false;
    let processSubstitution = false;
    // Copies text[from, to) into the word a run at a time (one slice, not one string per character).
    const take = (from: number, to: number) => {
      const stop = Math.min(to, this.n);
      if (stop <= from) return;
      value += t.slice(from, stop);
      for (let k = from; k < stop; k += 1) vo.push(off[k]);
    };
    const dollar = (): boolean => {
      // at `$`: handles $( $(( ${ ; returns false when it is a plain `$`
      const next = t[this.i + 1];
      if (next === "(") {
        const close = t[this.i + 2] === "(" ? this.skipArithmetic(this.i + 1) : this.nested(this.i + 2, subs);
        take(this.i, close + 1);
        this.i = close + 1;
        return true;
      }
      if (next === "{") {
        const close = this.skipBraced(this.i + 1);
        take(this.i, close + 1);
        this.i = close + 1;
        return true;
      }
      return false;
    };
    while (this.i < this.n) {
      const c = t[this.i];
      if ((c === "<" || c === ">") && t[this.i + 1] === "(" && this.i === start) {
        const close = this.nested(this.i + 2, subs);
        take(this.i, close + 1);
        this.i = close + 1;
        processSubstitution = true;
        continue;
      }
      if (c === " " || c === "\t" || c === "\r" || OPERATOR_CHARS.has(c)) break;
      if (c === "\\") {
        if (t[this.i + 1] === "\n") this.i += 2;
        else {
          take(this.i + 1, this.i + 2);
          this.i += 2;
        }
        continue;
      }
      if (c === "'") {
        quoted = true;
        let j = t.indexOf("'", this.i + 1);
        if (j < 0) j = this.n;
        take(this.i + 1, j);
        this.i = j + 1;
        continue;
      }
      if (c === '"') {
        quoted = true;
        this.i += 1;
        while (this.i < this.n && t[this.i] !== '"') {
          const d = t[this.i];
          if (d === "\\" && this.i + 1 < this.n) {
            const e = t[this.i + 1];
            if (e === "\n") this.i += 2;
            else if (e === "$" || e === "`" || e === '"' || e === "\\") {
              take(this.i + 1, this.i + 2);
              this.i += 2;
            } else {
              take(this.i, this.i + 1);
              this.i += 1;
            }
            continue;
          }
          if (d === "$" && dollar()) continue;
          if (d === "`") {
            const close = this.backtick(this.i + 1, subs);
            take(this.i, close + 1);
            this.i = close + 1;
            continue;
          }
          take(this.i, this.i + 1);
          this.i += 1;
        }
        this.i += 1;
        continue;
      }
      if (c === "$" && dollar()) continue;
      if (c === "`") {
        const close = this.backtick(this.i + 1, subs);
        take(this.i, close + 1);
        this.i = close + 1;
        continue;
      }
      // A plain character (or a `$` that starts nothing): take it and every plain one after it.
      let j = this.i + 1;
      while (j < this.n) {
        const code = t.charCodeAt(j);
        if (code < 128 && NOT_PLAIN[code] === 1) break;
        j += 1;
      }
      take(this.i, j);
      this.i = j;
    }
    const end = Math.min(this.i, this.n);
    if (end === start) return null;
    return this.wordFrom(start, end, value, vo, quoted, subs, processSubstitution);
  }
}

/**
 * Parses shell text into its simple commands. With a `deadline`, a long script is read in steps
 * and TimeLimitReached is thrown once the deadline has passed.
 */
export function parseShell(
  src: SourceText,
  positions: PositionIndex,
  origin: CommandOrigin = "shell",
  parent?: ShellCommand,
  depth = 0,
  deadline?: Deadline,
): ShellScript {
  const reader = new Reader(src, positions, depth, deadline);
  const { pipelines } = reader.readList(0, false);
  return assemble(pipelines, origin, parent, positions, depth, deadline);
}

/** A command from exec-form (JSON) words: no shell splitting, but runners are still looked through. */
export function execFormScript(words: ShellWord[], positions: PositionIndex): ShellScript {
  if (words.length === 0) return { commands: [] };
  return assemble([{ connector: "start", commands: [{ words, redirects: [] }] }], "exec-form", undefined, positions, 0);
}

/** Makes a word from already-unquoted text whose characters sit at known file offsets. */
export function makeWord(value: string, valueOffsets: number[], range: Range, quoted: boolean): ShellWord {
  return { value, valueOffsets, range, quoted, substitutions: [], processSubstitution: false };
}

function assemble(
  pipelines: RawPipeline[],
  origin: CommandOrigin,
  parent: ShellCommand | undefined,
  positions: PositionIndex,
  depth: number,
  deadline?: Deadline,
): ShellScript {
  const commands: ShellCommand[] = [];
  for (const p of pipelines) {
    const pipeline: ShellCommand[] = [];
    for (const raw of p.commands) {
      const command = interpret(raw, origin, parent, pipeline, p.connector);
      pipeline.push(command);
      commands.push(command);
      if (depth < MAX_DEPTH) {
        const script = shellScriptArgument(command);
        if (script) {
          const inner = parseShell({ text: script.value, offsets: script.valueOffsets }, positions, "sh-c", command, depth + 1, deadline);
          commands.push(...inner.commands);
        }
      }
      for (const w of command.words) {
        for (const s of w.substitutions) {
          for (const sc of s.commands) {
            if (sc.parent === undefined) sc.parent = command;
            commands.push(sc);
          }
        }
      }
      for (const r of command.redirects) {
        for (const s of r.target?.substitutions ?? []) commands.push(...s.commands);
      }
    }
  }
  return { commands };
}

/** Shell words that start a compound command or close one; the command proper follows. */
const RESERVED_PREFIX = new Set(["if", "then", "else", "elif", "do", "while", "until", "!", "{", "fi", "done", "esac", "}"]);
/** Reserved words whose whole command is not a program invocation. */
const RESERVED_SKIP = new Set(["for", "case", "select", "function"]);

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;

/** Runners and how many words they consume before the program (options handled separately). */
interface Runner {
  /** Options that take a value in the next word. */
  valueOptions: Set<string>;
  /** Fixed positional words before the program (e.g. gosu USER). */
  positional: number;
  /** Accepts NAME=value words before the program. */
  assignments: boolean;
}

const RUNNERS: Record<string, Runner> = {
  sudo: { valueOptions: new Set(["-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T", "-R", "--user", "--group", "--chdir", "--prompt"]), positional: 0, assignments: true },
  doas: { valueOptions: new Set(["-u", "-C"]), positional: 0, assignments: false },
  exec: { valueOptions: new Set(["-a"]), positional: 0, assignments: false },
  env: { valueOptions: new Set(["-u", "--unset", "-C", "--chdir", "-S", "--split-string"]), positional: 0, assignments: true },
  nohup: { valueOptions: new Set(), positional: 0, assignments: false },
  time: { valueOptions: new Set(["-f", "-o"]), positional: 0, assignments: false },
  nice: { valueOptions: new Set(["-n", "--adjustment"]), positional: 0, assignments: false },
  ionice: { valueOptions: new Set(["-c", "-n", "-p"]), positional: 0, assignments: false },
  timeout: { valueOptions: new Set(["-s", "--signal", "-k", "--kill-after"]), positional: 1, assignments: false },
  tini: { valueOptions: new Set(["-p", "-e"]), positional: 0, assignments: false },
  "tini-static": { valueOptions: new Set(["-p", "-e"]), positional: 0, assignments: false },
  "dumb-init": { valueOptions: new Set(["-r", "--rewrite"]), positional: 0, assignments: false },
  catatonit: { valueOptions: new Set(), positional: 0, assignments: false },
  gosu: { valueOptions: new Set(), positional: 1, assignments: false },
  "su-exec": { valueOptions: new Set(), positional: 1, assignments: false },
  "s6-setuidgid": { valueOptions: new Set(), positional: 1, assignments: false },
  chroot: { valueOptions: new Set(["--userspec", "--groups"]), positional: 1, assignments: false },
  xvfb_run: { valueOptions: new Set(), positional: 0, assignments: false },
};

function interpret(raw: RawCommand, origin: CommandOrigin, parent: ShellCommand | undefined, pipeline: ShellCommand[], connector: ShellCommand["connector"]): ShellCommand {
  const words = raw.words;
  const assignments: ShellWord[] = [];
  const prefixes: ShellWord[] = [];
  let i = 0;
  let skipWhole = false;
  // Reserved words and leading assignments, in any mix (`if FOO=1 cmd`).
  for (;;) {
    const w = words[i];
    if (w === undefined) break;
    if (!w.quoted && RESERVED_PREFIX.has(w.value)) {
      i += 1;
      continue;
    }
    if (!w.quoted && RESERVED_SKIP.has(w.value)) {
      skipWhole = true;
      break;
    }
    if (origin !== "exec-form" && ASSIGNMENT.test(w.value) && !w.value.startsWith("=")) {
      assignments.push(w);
      i += 1;
      continue;
    }
    break;
  }
  // Runners: sudo, exec, env, tini ... possibly chained (`exec gosu app tini -- cmd`).
  while (!skipWhole && i < words.length) {
    const name = baseName(words[i].value);
    if (name === "command" && !words[i].quoted) {
      const next = words[i + 1]?.value;
      if (next === "-v" || next === "-V") break; // `command -v x` asks, it does not run x
      prefixes.push(words[i]);
      i += 1;
      if (words[i]?.value === "-p") i += 1;
      continue;
    }
    const runner = RUNNERS[name];
    if (!runner) break;
    prefixes.push(words[i]);
    i += 1;
    let positional = runner.positional;
    while (i < words.length) {
      const v = words[i].value;
      if (v === "--") {
        i += 1;
        break;
      }
      if (v.startsWith("-") && v.length > 1) {
        i += runner.valueOptions.has(v) ? 2 : 1;
        continue;
      }
      if (runner.assignments && ASSIGNMENT.test(v)) {
        assignments.push(words[i]);
        i += 1;
        continue;
      }
      if (positional > 0) {
        positional -= 1;
        i += 1;
        continue;
      }
      break;
    }
  }
  const program = skipWhole ? undefined : words[i];
  return {
    words,
    assignments,
    prefixes,
    program,
    name: program ? baseName(program.value) : "",
    args: program ? words.slice(i + 1) : [],
    redirects: raw.redirects,
    pipeline,
    connector,
    origin,
    parent,
  };
}

/** For `sh -c 'script'` (also `bash -ec`, `/bin/sh -c`), the script word; otherwise undefined. */
export function shellScriptArgument(command: ShellCommand): ShellWord | undefined {
  if (!isShellName(command.name)) return undefined;
  const args = command.args;
  for (let k = 0; k < args.length; k += 1) {
    const v = args[k].value;
    if (v === "-o" || v === "+o" || v === "-O" || v === "+O" || v === "--rcfile" || v === "--init-file") {
      k += 1;
      continue;
    }
    if (/^-[A-Za-z]*c[A-Za-z]*$/.test(v)) return args[k + 1];
    if (!v.startsWith("-") && !v.startsWith("+")) return undefined;
  }
  return undefined;
}

/**
 * Whether a shell command reads its script from standard input (`sh`, `bash -e`, `bash -s`):
 * no `-c` and no script-file argument.
 */
export function readsScriptFromStdin(command: ShellCommand): boolean {
  if (!isShellName(command.name)) return false;
  for (let k = 0; k < command.args.length; k += 1) {
    const v = command.args[k].value;
    if (v === "-o" || v === "+o") {
      k += 1;
      continue;
    }
    if (v === "-s") return true;
    if (/^-[A-Za-z]*c[A-Za-z]*$/.test(v)) return false;
    if (v === "-" || v === "--") return true;
    if (!v.startsWith("-") && !v.startsWith("+")) return false;
  }
  return true;
}
