/**
 * The real-world corpus: every Dockerfile under ../shared/corpus/dockerfiles (1050 files from
 * docker-library, Kubernetes, Istio, devcontainers, ...) scanned in one call. The corpus stores
 * each file's original path with "/" written as "__"; it is restored so that kind detection sees
 * the real names (Dockerfile, Dockerfile.alpine, dev.Dockerfile, ...).
 *
 * Why a worker thread: jest runs tests inside a vm context where every global lookup is slow;
 * dockerfile-ast (through vscode-languageserver-textdocument) does millions of them, which makes
 * the corpus ~10x slower than in production. So the engine's real sources are compiled with SWC
 * (the same transform jest uses) and run in a worker, a plain Node.js context, as the CLI would.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { transformFileSync } from "@swc/core";
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { corpusPath, corpusPresent } from "../helpers/corpus.js";

interface CorpusFinding {
  ruleId: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

interface CorpusResult {
  fileCount: number;
  lineCounts: Record<string, number>;
  findings: CorpusFinding[];
  errors: { file?: string; message: string }[];
  statuses: Record<string, string>;
  kinds: Record<string, string | null>;
  millis: number;
}

const repo = process.cwd();
const corpus = corpusPath("dockerfiles");
const present = corpusPresent("dockerfiles");
const describeCorpus = present ? describe : describe.skip;
const build = join(repo, "node_modules", ".cache", `container-review-corpus-${process.pid}`);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith(".ts") && !name.endsWith(".d.ts") ? [path] : [];
  });
}

/** Compiles src/ and rules/ to ESM JavaScript next to node_modules, keeping relative imports valid. */
function compileEngine(): void {
  for (const file of [...sources(join(repo, "src")), ...sources(join(repo, "rules"))]) {
    let code: string;
    try {
      code = transformFileSync(file, {
        jsc: { parser: { syntax: "typescript" }, target: "es2022", experimental: { keepImportAttributes: true } },
        module: { type: "es6" },
        sourceMaps: false,
      }).code;
    } catch {
      // A file someone is editing may not parse; if the engine needs it, the import fails loudly.
      continue;
    }
    const out = join(build, relative(repo, file)).replace(/\.ts$/, ".js");
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, code);
  }
  writeFileSync(join(build, "package.json"), JSON.stringify({ type: "module" }));
}

const WORKER = `
import { parentPort, workerData } from "node:worker_threads";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
const { scan } = await import(workerData.scanModule);
function walk(dir) {
  return readdirSync(dir).flatMap((n) => { const p = join(dir, n); return statSync(p).isDirectory() ? walk(p) : [p]; });
}
const files = walk(workerData.corpus).map((p) => ({
  path: p.slice(workerData.corpus.length + 1).replace(/__/g, "/"),
  content: readFileSync(p),
}));
const started = Date.now();
const result = scan(files, undefined, { now: new Date("2026-11-30T00:00:00Z") });
const millis = Date.now() - started;
const lineCounts = {};
for (const f of files) lineCounts[f.path] = f.content.toString("utf8").replace(/\\r\\n/g, "\\n").split("\\n").length;
parentPort.postMessage({
  fileCount: files.length,
  lineCounts,
  findings: result.findings.map(({ ruleId, severity, file, line, column, endLine, endColumn, message }) => ({ ruleId, severity, file, line, column, endLine, endColumn, message })),
  errors: result.errors,
  statuses: Object.fromEntries(result.files.map((f) => [f.path, f.status])),
  kinds: Object.fromEntries(result.files.map((f) => [f.path, f.kind])),
  millis,
});
`;

let result: CorpusResult;

beforeAll(async () => {
  if (!present) return;
  compileEngine();
  const workerFile = join(build, "corpus-worker.mjs");
  writeFileSync(workerFile, WORKER);
  result = await new Promise<CorpusResult>((resolvePromise, reject) => {
    const worker = new Worker(workerFile, { workerData: { corpus, scanModule: pathToFileURL(join(build, "src/engine/scan.js")).href } });
    worker.once("message", (m: CorpusResult) => {
      resolvePromise(m);
      void worker.terminate();
    });
    worker.once("error", reject);
  });
}, 120_000);

afterAll(() => {
  rmSync(build, { recursive: true, force: true });
});

function findingsIn(file: string, ruleId?: string): string[] {
  return result.findings.filter((f) => f.file === file && (ruleId === undefined || f.ruleId === ruleId)).map((f) => `${f.line}:${f.column} ${f.ruleId}`);
}

describeCorpus("the Dockerfile corpus", () => {
  it("scans every file as a Dockerfile without an exception or a scan error", () => {
    expect(result.fileCount).toBe(1050);
    expect(result.errors).toEqual([]);
    expect(Object.values(result.kinds).every((k) => k === "dockerfile")).toBe(true);
    const notAnalyzed = Object.entries(result.statuses).filter(([, s]) => s !== "analyzed");
    // The one broken file is a docker/compose test fixture with a deliberate "WRONG DOCKERFILE" line.
    expect(notAnalyzed).toEqual([["docker_compose/pkg/e2e/fixtures/wrong-composefile/service1/Dockerfile", "parse-error"]]);
  });

  it("keeps every finding inside its file", () => {
    const outside = result.findings.filter((f) => {
      const lines = result.lineCounts[f.file];
      return f.line < 1 || f.column < 1 || f.endLine < f.line || f.endLine > lines || (f.line === f.endLine && f.endColumn < f.column);
    });
    expect(outside).toEqual([]);
  });

  it("reports the deliberate parse error and still analyzes the rest of that file", () => {
    const file = "docker_compose/pkg/e2e/fixtures/wrong-composefile/service1/Dockerfile";
    expect(result.findings.filter((f) => f.file === file && f.ruleId === "dockerfile/parse-error").map((f) => `${f.line}:${f.column} ${f.message}`)).toEqual([
      '17:1 unknown instruction "WRONG": not a Dockerfile instruction (the rest of the file is still analyzed)',
    ]);
    expect(findingsIn(file, "dockerfile/latest-tag")).toEqual(["15:6 dockerfile/latest-tag"]);
  });

  it("flags a final stage that ends as root at its FROM line, and not files with a numeric USER", () => {
    // FROM node:18-slim with no USER, tini as PID 1 (fine), node:18 past its end of life.
    expect(findingsIn("dockersamples_example-voting-app/result/Dockerfile", "dockerfile/root-user")).toEqual(["1:1 dockerfile/root-user"]);
    expect(findingsIn("dockersamples_example-voting-app/result/Dockerfile", "dockerfile/eol-base-image")).toEqual(["1:6 dockerfile/eol-base-image"]);
    expect(findingsIn("dockersamples_example-voting-app/result/Dockerfile", "dockerfile/supervisor-daemon")).toEqual([]);
    // FROM base AS final: the user is inherited from "base" (none), so the finding is at the final FROM.
    expect(findingsIn("dockersamples_example-voting-app/vote/Dockerfile", "dockerfile/root-user")).toEqual(["23:1 dockerfile/root-user"]);
    // USER 65534:65534 and USER 65534 in the final stages.
    expect(findingsIn("fluxcd_flux2/Dockerfile", "dockerfile/root-user")).toEqual([]);
    expect(findingsIn("fluxcd_flux2/Dockerfile", "dockerfile/non-numeric-user")).toEqual([]);
    expect(findingsIn("kubernetes-sigs_metrics-server/Dockerfile", "dockerfile/root-user")).toEqual([]);
  });

  it("points at the packages a test image installs, by word", () => {
    const file = "argoproj_argo-cd/test/remote/Dockerfile";
    expect(findingsIn(file, "dockerfile/supervisor-daemon")).toEqual(["18:5 dockerfile/supervisor-daemon"]);
    expect(findingsIn(file, "dockerfile/sudo")).toEqual(["27:5 dockerfile/sudo"]);
    // curl, git (written git=${GIT_APT_VERSION}), make, wget, gcc; the go tools stay in the "go" stage.
    expect(findingsIn(file, "dockerfile/unneeded-tooling")).toEqual([
      "17:5 dockerfile/unneeded-tooling",
      "21:5 dockerfile/unneeded-tooling",
      "24:5 dockerfile/unneeded-tooling",
      "25:5 dockerfile/unneeded-tooling",
      "26:5 dockerfile/unneeded-tooling",
    ]);
  });

  it("reports the Docker daemon ports of the dind image at their tokens", () => {
    expect(findingsIn("docker-library_docker/29/dind/Dockerfile", "dockerfile/exposed-admin-port")).toEqual(["105:8 dockerfile/exposed-admin-port", "105:13 dockerfile/exposed-admin-port"]);
  });

  it("stays fast on real files", () => {
    // About 4 s of CPU on an idle 2-core machine; the bound is loose because the machine is shared,
    // and only catches a quadratic blow-up.
    expect(result.millis).toBeLessThan(60_000);
  });
});
