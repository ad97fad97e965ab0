/**
 * Scaling: 1, 10, 100 and 1,000 files, and one multi-document manifest of growing size (the corpus's
 * largest bundle's documents, one 1.25 MB chunk repeated 1, 2 and 4 times), each scanned in a fresh child process (lib/bench/scale-child.js)
 * so that peak RSS is that input's alone. Linear growth shows as a flat time per MB and a flat
 * memory per MB from one size to the next.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CorpusFile } from "./corpus.js";
import { MB, median, round } from "./stats.js";

export interface ScalePoint {
  label: string;
  files: number;
  MB: number;
  scanMs: number;
  cpuMs: number;
  msPerMB: number;
  peakRssMB: number;
  /** Peak RSS above the process's RSS just before the scan (inputs already loaded). */
  scanRssMB: number;
  findings: number;
}

const CHILD = fileURLToPath(new URL("./scale-child.js", import.meta.url));

interface ChildOut {
  files: number;
  bytes: number;
  scanMs: number;
  cpuMs: number;
  rssBeforeMB: number;
  peakRssMB: number;
  findings: number;
}

function child(args: string[]): ChildOut {
  const r = spawnSync(process.execPath, ["--max-old-space-size=4096", CHILD, ...args], { encoding: "utf8", timeout: 900_000, maxBuffer: 16 * MB });
  if (r.status !== 0) throw new Error(`scale child ${args.join(" ")} failed (${r.status}): ${r.stderr.slice(0, 800)}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as ChildOut;
}

function point(label: string, runs: ChildOut[]): ScalePoint {
  const pick = (f: (o: ChildOut) => number) => median(runs.map(f));
  const bytes = runs[0].bytes;
  const scanMs = pick((o) => o.scanMs);
  return {
    label,
    files: runs[0].files,
    MB: round(bytes / MB, 3),
    scanMs: round(scanMs),
    cpuMs: round(pick((o) => o.cpuMs)),
    msPerMB: round(scanMs / (bytes / MB)),
    peakRssMB: round(pick((o) => o.peakRssMB), 1),
    scanRssMB: round(pick((o) => o.peakRssMB - o.rssBeforeMB), 1),
    findings: runs[0].findings,
  };
}

/** A deterministic shuffle (LCG) so the N-file sets are nested and reproducible. */
function shuffled<T>(items: readonly T[], seed = 7): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export function scaleFiles(corpus: readonly CorpusFile[], corpusRoot: string, sizes: number[], reps: number): ScalePoint[] {
  const pool = shuffled(corpus.filter((f) => f.size <= 256 * 1024));
  const dir = mkdtempSync(join(tmpdir(), "cr-scale-"));
  try {
    return sizes.map((n) => {
      const list = pool.slice(0, n).map((f) => ({ path: f.path, file: join(corpusRoot, f.corpusPath) }));
      const listPath = join(dir, `list-${n}.json`);
      writeFileSync(listPath, JSON.stringify(list));
      const runs = Array.from({ length: reps }, () => child(["files", listPath]));
      return point(`${n} file${n === 1 ? "" : "s"}`, runs);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function scaleBundle(bundlePath: string, targetsMB: number[], reps: number): ScalePoint[] {
  return targetsMB.map((mb) => {
    const chunk = String(Math.round(Math.min(...targetsMB) * MB));
    const runs = Array.from({ length: reps }, () => child(["bundle", bundlePath, String(Math.round(mb * MB)), chunk]));
    return point(`one manifest, ${mb} MB`, runs);
  });
}
