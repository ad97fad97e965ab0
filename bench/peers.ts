/**
 * The corpus Dockerfiles through the npm peer linters, each the fastest way it allows, next to ours.
 *
 * - dockerfilelint 1.8.0: its library in this process, `run(configDir, content)` per file (the way
 *   its CLI loops over files); regular expressions over lines, no AST.
 * - dockerlint 0.3.9: one file per process (its CLI reads a path and exits), on a sample; the per-file
 *   cost is extrapolated to files/s.
 * - dockerlinter: not installable here (its postinstall downloads a shellcheck binary, which fails
 *   without network), so it is reported as unavailable.
 * - ours: the engine in this process (scan() over all Dockerfiles), and the CLI as one process over
 *   a directory holding the same files (start-up included, and without it).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { CorpusFile } from "./corpus.js";
import { median, round } from "./stats.js";

const require = createRequire(import.meta.url);

export interface PeerResult {
  tool: string;
  mode: string;
  files: number;
  msPerFile: number;
  filesPerSec: number;
  note: string;
}

function result(tool: string, mode: string, files: number, totalMs: number, note: string): PeerResult {
  return { tool, mode, files, msPerFile: round(totalMs / files, 3), filesPerSec: round((files / totalMs) * 1000), note };
}

export function dockerfilelintInProcess(files: readonly CorpusFile[], reps: number): PeerResult {
  let lib: { run(configPath: string, content: string): unknown[] };
  try {
    lib = require("dockerfilelint");
  } catch (err) {
    return { tool: "dockerfilelint 1.8.0", mode: "library, one process", files: 0, msPerFile: NaN, filesPerSec: NaN, note: `not available: ${String(err)}` };
  }
  // An empty directory: no .dockerfilelintrc, default rules (it looks for one on every call).
  const configDir = mkdtempSync(join(tmpdir(), "dfl-"));
  try {
    const texts = files.map((f) => f.content.toString("utf8"));
    let items = 0;
    for (const t of texts.slice(0, 100)) lib.run(configDir, t);
    const times: number[] = [];
    for (let r = 0; r < reps; r += 1) {
      items = 0;
      const start = performance.now();
      for (const t of texts) {
        try {
          items += lib.run(configDir, t).length;
        } catch {
          /* dockerfilelint throws on some inputs; the time still counts */
        }
      }
      times.push(performance.now() - start);
    }
    return result("dockerfilelint 1.8.0", "library, one process", files.length, median(times), `${items} problems reported`);
  } finally {
    rmSync(configDir, { recursive: true, force: true });
  }
}

export function dockerlintPerProcess(files: readonly CorpusFile[], sample: number, root: string): PeerResult {
  let bin: string;
  try {
    bin = join(dirname(require.resolve("dockerlint/package.json")), "bin", "dockerlint.js");
  } catch (err) {
    return { tool: "dockerlint 0.3.9", mode: "one process per file", files: 0, msPerFile: NaN, filesPerSec: NaN, note: `not available: ${String(err)}` };
  }
  const dir = mkdtempSync(join(tmpdir(), "dl-"));
  try {
    const step = Math.max(1, Math.floor(files.length / sample));
    const picked = files.filter((_, i) => i % step === 0).slice(0, sample);
    const times: number[] = [];
    picked.forEach((f, i) => {
      const path = join(dir, `Dockerfile.${i}`);
      writeFileSync(path, f.content);
      const start = performance.now();
      spawnSync(process.execPath, [bin, path], { cwd: root, stdio: "ignore", timeout: 30_000 });
      times.push(performance.now() - start);
    });
    const per = median(times);
    return {
      tool: "dockerlint 0.3.9",
      mode: "one process per file",
      files: picked.length,
      msPerFile: round(per, 3),
      filesPerSec: round(1000 / per),
      note: `median of ${picked.length} files, extrapolated`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function dockerlinterUnavailable(): PeerResult {
  return {
    tool: "dockerlinter",
    mode: "one process per file",
    files: 0,
    msPerFile: NaN,
    filesPerSec: NaN,
    note: "not installed: its postinstall downloads a shellcheck binary, which fails without network",
  };
}

/** Our CLI as one process over a directory with every Dockerfile at its repository path. */
export function ourCli(files: readonly CorpusFile[], reps: number, root: string): PeerResult[] {
  const bin = join(root, "bin", "container-review.js");
  const dir = mkdtempSync(join(tmpdir(), "cr-cli-"));
  const empty = mkdtempSync(join(tmpdir(), "cr-empty-"));
  try {
    for (const f of files) {
      const path = join(dir, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.content);
    }
    const run = (target: string) => {
      const start = performance.now();
      const r = spawnSync(process.execPath, [bin, "scan", "--format", "json", "--fail-on", "none", target], {
        cwd: empty,
        encoding: "utf8",
        maxBuffer: 512 * 1024 * 1024,
        timeout: 600_000,
      });
      const ms = performance.now() - start;
      if (r.status !== 0) throw new Error(`CLI exited ${r.status}: ${(r.stderr ?? "").slice(0, 500)}`);
      return ms;
    };
    run(empty);
    const startup: number[] = [];
    const full: number[] = [];
    for (let r = 0; r < reps; r += 1) {
      startup.push(run(empty));
      full.push(run(dir));
    }
    const total = median(full);
    const boot = median(startup);
    return [
      result("container-review CLI", "one process, start-up included", files.length, total, `start-up alone ${round(boot)} ms`),
      result("container-review CLI", "one process, start-up subtracted", files.length, Math.max(1, total - boot), "walk, read, scan, JSON report"),
    ];
  } catch (err) {
    return [{ tool: "container-review CLI", mode: "one process", files: 0, msPerFile: NaN, filesPerSec: NaN, note: `failed: ${String(err).slice(0, 300)}` }];
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  }
}
