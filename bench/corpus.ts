/**
 * Loads ../shared/corpus (read-only) for the benchmark and the robustness tests.
 *
 * The corpus stores `<kind>/<owner>_<name>/<repo path with / replaced by __>`; the engine detects a
 * file's kind by its name, so each file is handed to the engine under its original repository path
 * (`<owner>_<name>/<repo path>`), which is what a pull request would show.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

export type CorpusKind = "dockerfiles" | "k8s" | "compose";
export const CORPUS_KINDS: readonly CorpusKind[] = ["dockerfiles", "k8s", "compose"];

export interface CorpusFile {
  /** The corpus directory the file came from. */
  kind: CorpusKind;
  /** Path inside the corpus, e.g. `k8s/argoproj_argo-cd/manifests__install.yaml`. */
  corpusPath: string;
  /** The path handed to the engine: `<owner>_<name>/<original repo path>`. */
  path: string;
  content: Buffer;
  /** Size in bytes. */
  size: number;
}

/** The corpus directory: $CORPUS_DIR, else ../shared/corpus from the working directory. */
export function corpusDir(cwd: string = process.cwd()): string {
  return process.env.CORPUS_DIR ? resolve(process.env.CORPUS_DIR) : resolve(cwd, "..", "shared", "corpus");
}

export function corpusExists(dir: string = corpusDir()): boolean {
  return existsSync(join(dir, "dockerfiles")) || existsSync(join(dir, "k8s")) || existsSync(join(dir, "compose"));
}

/** Corpus file name (flattened repo path) back to the repository path. */
export function originalPath(repoDir: string, flatName: string): string {
  return `${repoDir}/${flatName.split("__").join("/")}`;
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile()) out.push(full);
  }
}

/** Every corpus file, sorted by corpus path (deterministic order). */
export function loadCorpus(dir: string = corpusDir(), kinds: readonly CorpusKind[] = CORPUS_KINDS): CorpusFile[] {
  const files: CorpusFile[] = [];
  for (const kind of kinds) {
    const root = join(dir, kind);
    if (!existsSync(root)) continue;
    const all: string[] = [];
    walk(root, all);
    for (const full of all) {
      const rel = full.slice(root.length + 1);
      const slash = rel.indexOf("/");
      const repoDir = slash >= 0 ? rel.slice(0, slash) : "corpus";
      const flat = slash >= 0 ? rel.slice(slash + 1) : rel;
      const content = readFileSync(full);
      files.push({
        kind,
        corpusPath: `${kind}/${rel}`,
        path: originalPath(repoDir, flat),
        content,
        size: statSync(full).size,
      });
    }
  }
  files.sort((a, b) => (a.corpusPath < b.corpusPath ? -1 : a.corpusPath > b.corpusPath ? 1 : 0));
  return files;
}
