/**
 * The end-to-end tests run the built app (lib/), as production does. `npm ci` builds it (the prepare
 * script); this makes sure a stale or missing build is refreshed once before the suite starts, so that
 * `npm test` after editing a source file tests that edit.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const SOURCE_DIRECTORIES = ["src", "rules", "tools"];

function newestSourceMtime(root: string): number {
  let newest = 0;
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const d of SOURCE_DIRECTORIES) walk(join(root, d));
  return newest;
}

function oldestBuildMtime(root: string, outputs: string[]): number {
  let oldest = Infinity;
  for (const o of outputs) {
    const full = join(root, o);
    if (!existsSync(full)) return 0;
    oldest = Math.min(oldest, statSync(full).mtimeMs);
  }
  return oldest;
}

/** Runs `tsc -p tsconfig.json` when one of `outputs` is missing or older than a source file. */
export function ensureBuilt(root: string, outputs = ["lib/src/app.js", "lib/src/github/server.js"]): void {
  if (process.env.E2E_SKIP_BUILD === "1") return;
  if (oldestBuildMtime(root, outputs) >= newestSourceMtime(root)) return;
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  // tsc still emits when some file has a type error; the outputs' existence is what matters here.
  const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: root, encoding: "utf8", timeout: 240_000 });
  const missing = outputs.filter((o) => !existsSync(join(root, o)));
  if (missing.length > 0) {
    throw new Error(`building the app failed (missing ${missing.join(", ")}):\n${result.stdout}\n${result.stderr}`);
  }
}
