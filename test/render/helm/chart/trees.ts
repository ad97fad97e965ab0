/** Test helper: a MemorySourceView of a folder of ../shared/trees (read once, small trees only). */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { MemorySourceView } from "../../../../src/source/view.js";

/** TREES_DIR, else ../shared/trees beside the checkout (or two levels up, for a worktree in /work/wt). */
export const TREES =
  process.env.TREES_DIR ?? [resolve("../shared/trees"), resolve("../../shared/trees")].find((p) => existsSync(p)) ?? resolve("../shared/trees");
export const HAVE_TREES = existsSync(join(TREES, "bitnami_charts"));

/** Every file under `roots` (paths relative to `base`), as a view rooted at `base`. */
export function viewOf(base: string, roots: string[]): MemorySourceView {
  const view = new MemorySourceView({}, `trees ${base}`);
  const walk = (rel: string): void => {
    const full = join(base, rel);
    const st = statSync(full);
    if (st.isDirectory()) {
      for (const name of readdirSync(full)) walk(rel === "" ? name : `${rel}/${name}`);
    } else if (st.isFile()) view.set(rel, readFileSync(full));
  };
  for (const r of roots) walk(r);
  return view;
}
