/**
 * The base versions of files for `--baseline REF`: read with `git show REF:path` (no shell, no
 * checkout), renames found with `git diff -M --name-status REF`.
 */
import { execFileSync } from "node:child_process";
import { dirname, relative, sep } from "node:path";

export interface GitBaseline {
  /** Base content of a file by its display path, or null when the file is new since REF. */
  contents: Map<string, Buffer | null>;
  /** Display path in the working tree -> display path of its base version (renames). */
  headToBase: Map<string, string | null>;
}

function git(args: string[], cwd: string): Buffer {
  return execFileSync("git", args, { cwd, stdio: ["ignore", "pipe", "pipe"], maxBuffer: 256 * 1024 * 1024 });
}

export function validateRef(ref: string): string | undefined {
  if (ref.startsWith("-") || /[\s\0]/.test(ref) || ref.includes("..")) return `--baseline: "${ref}" is not a git revision`;
  return undefined;
}

/**
 * `files` maps display paths to absolute paths; display paths are relative to `cwd`.
 */
export function readGitBaseline(ref: string, files: ReadonlyMap<string, string>, cwd: string): GitBaseline {
  const anyFile = files.values().next().value as string | undefined;
  const top = git(["rev-parse", "--show-toplevel"], anyFile ? dirname(anyFile) : cwd).toString().trim();
  git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], top);
  const toRepo = (abs: string) => relative(top, abs).split(sep).join("/");
  const fromRepo = (repoPath: string) => relative(cwd, `${top}/${repoPath}`).split(sep).join("/");

  // Renames between REF and the working tree: R<score>\told\tnew
  const renamesToOld = new Map<string, string>();
  const diff = git(["diff", "-M", "--name-status", "-z", ref, "--"], top).toString().split("\0");
  for (let i = 0; i < diff.length; ) {
    const status = diff[i];
    if (!status) break;
    if (status.startsWith("R") || status.startsWith("C")) {
      if (status.startsWith("R")) renamesToOld.set(diff[i + 2], diff[i + 1]);
      i += 3;
    } else {
      i += 2;
    }
  }

  const contents = new Map<string, Buffer | null>();
  const headToBase = new Map<string, string | null>();
  for (const [shown, abs] of files) {
    const repoPath = toRepo(abs);
    const baseRepoPath = renamesToOld.get(repoPath) ?? repoPath;
    const baseShown = fromRepo(baseRepoPath);
    try {
      contents.set(baseShown, git(["show", `${ref}:${baseRepoPath}`], top));
      headToBase.set(shown, baseShown);
    } catch {
      headToBase.set(shown, null); // not in REF: the whole file is new
    }
  }
  return { contents, headToBase };
}
