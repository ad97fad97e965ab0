/**
 * A git revision as a source view (`scan --baseline REF`): the tree is listed once with
 * `git ls-tree`, blobs are read with `git cat-file` when a renderer asks for them.
 * The revision must already be validated by the caller (see src/cli/git-baseline.ts).
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { TreeSourceView, type TreeEntry } from "./tree.js";

const run = promisify(execFile);
const MAX_BUFFER = 256 * 1024 * 1024;

/** Lists `rev` in the repository at `cwd`, relative to the folder `prefix` of the repository (or its top). */
export async function gitSourceView(cwd: string, rev: string, maxFileBytes = 20 * 1024 * 1024): Promise<TreeSourceView> {
  const { stdout } = await run("git", ["ls-tree", "-r", "-z", "--long", "--full-tree", rev], { cwd, maxBuffer: MAX_BUFFER, encoding: "utf8" });
  const { stdout: prefixOut } = await run("git", ["rev-parse", "--show-prefix"], { cwd, encoding: "utf8" });
  const prefix = prefixOut.trim();
  const files: TreeEntry[] = [];
  for (const record of stdout.split("\0")) {
    // <mode> SP <type> SP <sha> SP+ <size> TAB <path>
    const m = /^\d+ blob ([0-9a-f]+)\s+(\d+|-)\t(.*)$/s.exec(record);
    if (!m) continue;
    const path = m[3]!;
    if (prefix && !path.startsWith(prefix)) continue;
    files.push({ path: path.slice(prefix.length), sha: m[1]!, ...(m[2] !== "-" ? { size: Number(m[2]) } : {}) });
  }
  return new TreeSourceView(
    `git ${rev}`,
    { files },
    async (entry) => {
      const { stdout: blob } = await run("git", ["cat-file", "blob", entry.sha], { cwd, maxBuffer: MAX_BUFFER, encoding: "buffer" });
      return new Uint8Array(blob);
    },
    new Map(),
    { maxFileBytes },
  );
}
