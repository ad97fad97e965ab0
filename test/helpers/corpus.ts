/**
 * Where the shared corpus is, and the `describe` to use for tests that read it: the corpus lives
 * beside the clone (`../shared/corpus`, or `$CORPUS_DIR`), which a fresh clone from GitHub does not
 * have. Without it those suites are skipped with one visible line instead of failing; CI
 * (`.ci/run`) sets CORPUS_DIR and refuses to run without the folder, so it never skips them.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { corpusDir } from "../../bench/corpus.js";

/** `$CORPUS_DIR`, else `../shared/corpus` from the working directory. */
export const CORPUS_DIR = corpusDir();

/** A sub-folder of the corpus (`dockerfiles`, `k8s`, `compose`) or the corpus itself. */
export function corpusPath(sub?: string): string {
  return sub ? join(CORPUS_DIR, sub) : CORPUS_DIR;
}

const warned = new Set<string>();

/** Whether the (sub-)folder exists; prints the one skip line once per folder when it does not. */
export function corpusPresent(sub?: string): boolean {
  const dir = corpusPath(sub);
  if (existsSync(dir)) return true;
  if (!warned.has(dir)) {
    warned.add(dir);
    // One plain line on stderr (console.warn would add a stack, and jest hides it for skipped suites).
    process.stderr.write(`corpus not found at ${dir}; set CORPUS_DIR (the tests that read it are skipped)\n`);
  }
  return false;
}

