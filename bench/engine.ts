/**
 * Engine throughput against the parse floor, per kind, and where the YAML time goes.
 *
 * The floor is the same files only parsed: for Dockerfiles, dockerfile-ast as published
 * (DockerfileParser.parse, getInstructions() and getArguments() on every instruction: what any
 * model needs from the library; the engine's argument memo is switched off for it), yaml's
 * parseAllDocuments with a LineCounter for manifests and compose files, bytes decoded to a string
 * in both. For Dockerfiles the same parse with the engine's memo is timed as well: the stricter
 * comparison, the library at the speed the engine itself gets from it. Ours is scan() over the same files (detection,
 * decoding, parsing, models, every rule enabled by default, suppressions, fingerprints, cross-file
 * rules). Floor and ours alternate within each repetition so that load drift on the shared machine
 * hits both alike; the median of the repetitions is reported.
 */
import { DockerfileParser } from "dockerfile-ast";
import { Composer, LineCounter, Parser, parseAllDocuments } from "yaml";
import { scan, effectiveSeverity } from "../src/engine/scan.js";
import { DEFAULT_CONFIG, type ResolvedConfig } from "../src/config/schema.js";
import { toTextFile } from "../src/engine/decode.js";
import { parseYamlStream } from "../src/engine/yaml/documents.js";
import { kubernetesHandler } from "../src/engine/kubernetes/handler.js";
import { dockerfileHandler } from "../src/engine/dockerfile/handler.js";
import { composeHandler } from "../src/engine/compose/handler.js";
import { withStockDockerfileAst } from "../src/engine/dockerfile/argument-cache.js";
import type { FileKindHandler, Rule, TextFile } from "../src/engine/types.js";
import type { CorpusFile, CorpusKind } from "./corpus.js";
import { MB, median, round } from "./stats.js";

export const NOW = new Date("2026-01-15T00:00:00Z");

/** Every corpus file is analysed: the size, file-count and document limits are raised for the bench. */
export const BENCH_CONFIG: ResolvedConfig = {
  ...DEFAULT_CONFIG,
  limits: { ...DEFAULT_CONFIG.limits, maxFileBytes: 64 * MB, maxFiles: 1_000_000, maxDocumentsPerFile: 1_000_000 },
};

export interface Throughput {
  kind: string;
  files: number;
  bytes: number;
  floorMs: number;
  oursMs: number;
  floorFilesPerSec: number;
  oursFilesPerSec: number;
  floorMBPerSec: number;
  oursMBPerSec: number;
  /** ours / floor throughput (1 = as fast as parsing alone). */
  ratio: number;
  /** Dockerfiles only: dockerfile-ast parse + arguments with the engine's argument memo, and ours / that. */
  memoisedFloorMs?: number;
  ratioVsMemoisedFloor?: number;
  findings: number;
  statuses: Record<string, number>;
}

function parseWithArguments(content: Buffer): void {
  for (const instruction of DockerfileParser.parse(content.toString("utf8")).getInstructions()) instruction.getArguments();
}

function floorDockerfile(content: Buffer): void {
  withStockDockerfileAst(() => parseWithArguments(content));
}

function floorYaml(content: Buffer): void {
  const lineCounter = new LineCounter();
  parseAllDocuments(content.toString("utf8"), { lineCounter });
}

export function floorFor(kind: CorpusKind): (content: Buffer) => void {
  return kind === "dockerfiles" ? floorDockerfile : floorYaml;
}

function runFloor(files: readonly CorpusFile[]): void {
  for (const f of files) floorFor(f.kind)(f.content);
}

function runOurs(files: readonly CorpusFile[]): ReturnType<typeof scan> {
  return scan(
    files.map((f) => ({ path: f.path, content: f.content as Uint8Array })),
    BENCH_CONFIG,
    { now: NOW },
  );
}

export function throughput(kind: string, files: readonly CorpusFile[], reps: number): Throughput {
  const bytes = files.reduce((n, f) => n + f.size, 0);
  // Warm-up on a slice of the files (JIT, module-level tables, regex compilation).
  const warm = files.filter((_, i) => i % 10 === 0);
  runFloor(warm);
  runOurs(warm);
  const floor: number[] = [];
  const ours: number[] = [];
  const memoised: number[] = [];
  const dockerfilesOnly = files.every((f) => f.kind === "dockerfiles");
  let last: ReturnType<typeof scan> | undefined;
  for (let r = 0; r < reps; r += 1) {
    const order = dockerfilesOnly ? ["floor", "memoised", "ours"] : ["floor", "ours"];
    if (r % 2 === 1) order.reverse();
    for (const which of order) {
      const start = performance.now();
      if (which === "floor") runFloor(files);
      else if (which === "memoised") for (const f of files) parseWithArguments(f.content);
      else last = runOurs(files);
      (which === "floor" ? floor : which === "memoised" ? memoised : ours).push(performance.now() - start);
    }
  }
  const floorMs = median(floor);
  const oursMs = median(ours);
  const memo = dockerfilesOnly ? { memoisedFloorMs: round(median(memoised)), ratioVsMemoisedFloor: round(median(memoised) / oursMs, 3) } : {};
  const statuses: Record<string, number> = {};
  for (const f of last?.files ?? []) statuses[`${f.kind ?? "none"}:${f.status}`] = (statuses[`${f.kind ?? "none"}:${f.status}`] ?? 0) + 1;
  return {
    kind,
    files: files.length,
    bytes,
    floorMs: round(floorMs),
    oursMs: round(oursMs),
    floorFilesPerSec: round((files.length / floorMs) * 1000),
    oursFilesPerSec: round((files.length / oursMs) * 1000),
    floorMBPerSec: round(bytes / MB / (floorMs / 1000)),
    oursMBPerSec: round(bytes / MB / (oursMs / 1000)),
    ratio: round(floorMs / oursMs, 3),
    ...memo,
    findings: last?.findings.length ?? 0,
    statuses,
  };
}

// -------------------------------------------------------------------------------------------------
// Where the YAML time goes

export interface YamlStage {
  stage: string;
  ms: number;
  MBPerSec: number;
  /** Relative to parseAllDocuments with a LineCounter (the floor). */
  vsFloor: number;
  note: string;
}

const K8S_DOC = /^(?:["']?apiVersion["']?)\s*:/m;
const K8S_KIND = /^(?:["']?kind["']?)\s*:/m;

/** Lexer + CST parser only: every token, no documents built. */
function parserOnly(text: string): number {
  const lc = new LineCounter();
  let n = 0;
  for (const _token of new Parser(lc.addNewLine).parse(text)) n += 1;
  return n;
}

/** Parser + Composer driven directly (what parseAllDocuments does inside). */
function parserComposer(text: string): number {
  const lc = new LineCounter();
  const composer = new Composer({});
  let docs = 0;
  for (const token of new Parser(lc.addNewLine).parse(text)) for (const _doc of composer.next(token)) docs += 1;
  for (const _doc of composer.end(false, text.length)) docs += 1;
  return docs;
}

/**
 * Parser for every token, but only documents whose own text has a top-level apiVersion and kind are
 * composed into a Document (positions stay exact: the LineCounter sees the whole stream).
 */
export function composeOnlyObjects(text: string): { docs: number; skipped: number } {
  const lc = new LineCounter();
  const tokens = [...new Parser(lc.addNewLine).parse(text)];
  const composer = new Composer({});
  let docs = 0;
  let skipped = 0;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (token.type === "document") {
      const end = i + 1 < tokens.length ? tokens[i + 1].offset : text.length;
      const source = text.slice(token.offset, end);
      if (!(K8S_DOC.test(source) && K8S_KIND.test(source))) {
        skipped += 1;
        continue;
      }
    }
    for (const _doc of composer.next(token)) docs += 1;
  }
  for (const _doc of composer.end(false, text.length)) docs += 1;
  return { docs, skipped };
}

function runRules(handler: FileKindHandler<any>, file: TextFile, config: ResolvedConfig): void {
  const outcome = handler.parse(file, config);
  if (outcome.model === undefined) return;
  const context = { config, now: NOW, file };
  for (const rule of handler.rules as Rule<unknown>[]) {
    if (effectiveSeverity(rule.meta, config) === null) continue;
    try {
      rule.check(outcome.model, context);
    } catch {
      /* counted by the robustness tests, not here */
    }
  }
}

export function yamlBreakdown(files: readonly CorpusFile[], reps: number, handlerKind: "kubernetes" | "compose"): YamlStage[] {
  const handler = handlerKind === "kubernetes" ? kubernetesHandler : composeHandler;
  const config = BENCH_CONFIG;
  const limits = {
    maxAliases: handlerKind === "kubernetes" ? config.limits.yamlAliases.kubernetes : config.limits.yamlAliases.compose,
    maxDocuments: config.limits.maxDocumentsPerFile,
    merge: handlerKind === "compose",
  };
  const texts = files.map((f) => ({ path: f.path, text: f.content.toString("utf8").replace(/\r\n/g, "\n") }));
  const textFiles = texts.map((t) => toTextFile(t.path, t.text));
  const bytes = files.reduce((n, f) => n + f.size, 0);
  let skippedDocs = 0;
  let composedDocs = 0;
  const stages: { stage: string; note: string; run: () => void }[] = [
    { stage: "lexer + CST parser only (yaml Parser)", note: "lower bound of any exact-position YAML reading with this library", run: () => texts.forEach((t) => parserOnly(t.text)) },
    { stage: "parseAllDocuments + LineCounter (floor)", note: "the floor", run: () => texts.forEach((t) => parseAllDocuments(t.text, { lineCounter: new LineCounter() })) },
    {
      stage: "parseAllDocuments with the engine's options (uniqueKeys: false, strict: false)",
      note: "duplicate-key checks cost a pass per mapping",
      run: () => texts.forEach((t) => parseAllDocuments(t.text, { lineCounter: new LineCounter(), uniqueKeys: false, strict: false, prettyErrors: false, merge: handlerKind === "compose" })),
    },
    { stage: "parseAllDocuments, keepSourceTokens: true", note: "keeps the CST on every node", run: () => texts.forEach((t) => parseAllDocuments(t.text, { lineCounter: new LineCounter(), keepSourceTokens: true })) },
    { stage: "Parser + Composer driven directly", note: "same work as parseAllDocuments, no wrapper", run: () => texts.forEach((t) => parserComposer(t.text)) },
    ...(handlerKind === "compose" ? [] : [{
      stage: "Parser + Composer, only documents with apiVersion and kind",
      note: "documents without them are lexed but never composed",
      run: () => {
        skippedDocs = 0;
        composedDocs = 0;
        for (const t of texts) {
          const r = composeOnlyObjects(t.text);
          skippedDocs += r.skipped;
          composedDocs += r.docs;
        }
      },
    }]),
    { stage: "engine YAML layer (parseYamlStream: limits, templates, aliases)", note: "src/engine/yaml/documents.ts", run: () => textFiles.forEach((f) => parseYamlStream(f, limits)) },
    { stage: `${handlerKind} handler.parse (YAML layer + model)`, note: "adds the object/service model", run: () => textFiles.forEach((f) => handler.parse(f, config)) },
    { stage: `${handlerKind} handler.parse + every default rule`, note: "adds the rules", run: () => textFiles.forEach((f) => runRules(handler, f, config)) },
    {
      stage: "scan() (decode, detect, all of the above, suppressions, fingerprints, cross-file rules)",
      note: "the whole engine",
      run: () => scan(files.map((f) => ({ path: f.path, content: f.content as Uint8Array })), config, { now: NOW }),
    },
  ];
  const warm = textFiles.filter((_, i) => i % 10 === 0);
  for (const f of warm) runRules(handler, f, config);
  const times = stages.map(() => [] as number[]);
  for (let r = 0; r < reps; r += 1) {
    // Alternate the order so that drift (load, heap growth) does not always favour the same stages.
    const order = stages.map((_, i) => i);
    if (r % 2 === 1) order.reverse();
    for (const i of order) {
      const start = performance.now();
      stages[i].run();
      times[i].push(performance.now() - start);
    }
  }
  const floorMs = median(times[1]); // stage 1 is the floor
  return stages.map((s, i) => {
    const ms = median(times[i]);
    const note = s.stage.startsWith("Parser + Composer, only") ? `${s.note} (${skippedDocs} of ${skippedDocs + composedDocs} documents skipped)` : s.note;
    return { stage: s.stage, ms: round(ms), MBPerSec: round(bytes / MB / (ms / 1000)), vsFloor: round(ms / floorMs, 3), note };
  });
}

/** One big file, floor against ours (the corpus's largest bundle). */
export function singleFile(file: CorpusFile, reps: number): { path: string; bytes: number; floorMs: number; oursMs: number; ratio: number } {
  const floor: number[] = [];
  const ours: number[] = [];
  runOurs([file]);
  for (let r = 0; r < reps; r += 1) {
    let start = performance.now();
    floorFor(file.kind)(file.content);
    floor.push(performance.now() - start);
    start = performance.now();
    runOurs([file]);
    ours.push(performance.now() - start);
  }
  const floorMs = median(floor);
  const oursMs = median(ours);
  return { path: file.path, bytes: file.size, floorMs: round(floorMs), oursMs: round(oursMs), ratio: round(floorMs / oursMs, 3) };
}

// -------------------------------------------------------------------------------------------------
// Per-kind stages and per-rule cost

export interface RuleCost {
  rule: string;
  ms: number;
  /** Share of the kind's rule time. */
  share: number;
}

export interface KindBreakdown {
  kind: string;
  floorMs: number;
  parseAndModelMs: number;
  rulesMs: number;
  scanMs: number;
  costliestRules: RuleCost[];
}

/** Floor, handler.parse (parse + model), every rule (timed one by one), whole scan, for one kind. */
export function kindBreakdown(kind: CorpusKind, files: readonly CorpusFile[], reps: number): KindBreakdown {
  const handler: FileKindHandler<any> = kind === "dockerfiles" ? dockerfileHandler : kind === "k8s" ? kubernetesHandler : composeHandler;
  const config = BENCH_CONFIG;
  const textFiles = files.map((f) => toTextFile(f.path, f.content.toString("utf8").replace(/\r\n/g, "\n")));
  const floor = floorFor(kind);
  const rules = (handler.rules as Rule<unknown>[]).filter((r) => effectiveSeverity(r.meta, config) !== null);
  const floorT: number[] = [];
  const parseT: number[] = [];
  const scanT: number[] = [];
  const perRule = new Map<string, number[]>(rules.map((r) => [r.meta.id, []]));
  for (let r = 0; r < reps + 1; r += 1) {
    let start = performance.now();
    for (const f of files) floor(f.content);
    const floorMs = performance.now() - start;
    start = performance.now();
    const models = textFiles.map((f) => ({ file: f, model: handler.parse(f, config).model }));
    const parseMs = performance.now() - start;
    const ruleMs = new Map<string, number>();
    for (const rule of rules) {
      const t0 = performance.now();
      for (const { file, model } of models) {
        if (model === undefined) continue;
        try {
          rule.check(model, { config, now: NOW, file });
        } catch {
          /* the robustness tests report rule failures */
        }
      }
      ruleMs.set(rule.meta.id, performance.now() - t0);
    }
    start = performance.now();
    scan(files.map((f) => ({ path: f.path, content: f.content as Uint8Array })), config, { now: NOW });
    const scanMs = performance.now() - start;
    if (r === 0) continue; // warm-up
    floorT.push(floorMs);
    parseT.push(parseMs);
    scanT.push(scanMs);
    for (const [id, ms] of ruleMs) perRule.get(id)!.push(ms);
  }
  const costs = [...perRule].map(([rule, t]) => ({ rule, ms: median(t) }));
  const rulesMs = costs.reduce((n, c) => n + c.ms, 0);
  return {
    kind,
    floorMs: round(median(floorT)),
    parseAndModelMs: round(median(parseT)),
    rulesMs: round(rulesMs),
    scanMs: round(median(scanT)),
    costliestRules: costs
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 6)
      .map((c) => ({ rule: c.rule, ms: round(c.ms), share: round(c.ms / rulesMs, 3) })),
  };
}

/**
 * dockerfile-ast alone: the parse as published, the parse plus getArguments() on every instruction
 * (the floor; computed lazily by the library, with a cost of its own, and recomputed on every
 * call), and the same with the engine's argument memo.
 */
export function dockerfileArgumentsFloor(
  files: readonly CorpusFile[],
  reps: number,
): { parseMs: number; parseAndArgumentsMs: number; memoisedParseAndArgumentsMs: number } {
  const texts = files.map((f) => f.content.toString("utf8"));
  const parse: number[] = [];
  const withArgs: number[] = [];
  const memoised: number[] = [];
  const time = (fn: () => void): number => {
    const start = performance.now();
    fn();
    return performance.now() - start;
  };
  for (let r = 0; r < reps + 1; r += 1) {
    const p = time(() => withStockDockerfileAst(() => texts.forEach((t) => DockerfileParser.parse(t).getInstructions())));
    const a = time(() => withStockDockerfileAst(() => texts.forEach((t) => DockerfileParser.parse(t).getInstructions().forEach((i) => i.getArguments()))));
    const m = time(() => texts.forEach((t) => DockerfileParser.parse(t).getInstructions().forEach((i) => i.getArguments())));
    if (r === 0) continue;
    parse.push(p);
    withArgs.push(a);
    memoised.push(m);
  }
  return { parseMs: round(median(parse)), parseAndArgumentsMs: round(median(withArgs)), memoisedParseAndArgumentsMs: round(median(memoised)) };
}
