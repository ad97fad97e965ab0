/** Reading a folder into the simulator's file map (for the demo PR and `--pr DIR`). */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

const SKIPPED_DIRECTORIES = new Set([".git", "node_modules", "lib", "coverage", ".cache"]);

/** Every file below `root`, keyed by its repository path (forward slashes); symlinks and skipped dirs ignored. */
export function readTree(root: string, maxFiles = 3000): Record<string, Buffer> {
  const files: Record<string, Buffer> = {};
  let count = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(full);
      } else if (entry.isFile()) {
        if (++count > maxFiles) throw new Error(`${root} has more than ${maxFiles} files (GitHub lists at most 3000 per pull request)`);
        files[relative(root, full).split(sep).join("/")] = readFileSync(full);
      }
    }
  };
  if (!statSync(root).isDirectory()) throw new Error(`${root} is not a directory`);
  walk(root);
  return files;
}
