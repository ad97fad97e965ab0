/**
 * Collects the files to scan from the paths on the command line: folders are walked (skipping
 * .git, node_modules and symlinked folders), and only files whose names the engine may recognise
 * are read. Files over the size limit are stat-ed, never read.
 */
import { lstatSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { detectKindByPath } from "../engine/detect.js";
import type { ScanInputFile } from "../engine/scan.js";

const SKIPPED_DIRS = new Set([".git", "node_modules", ".hg", ".svn"]);

export interface WalkResult {
  files: ScanInputFile[];
  /** Absolute path of every collected file, by the path used in findings. */
  absolute: Map<string, string>;
  errors: string[];
}

function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  const shown = rel === "" || rel.startsWith("..") ? abs : rel;
  return shown.split(sep).join("/");
}

export function collectFiles(paths: readonly string[], cwd: string, maxFileBytes: number): WalkResult {
  const out: WalkResult = { files: [], absolute: new Map(), errors: [] };
  const seen = new Set<string>();
  const add = (abs: string, explicit: boolean) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    const shown = displayPath(abs, cwd);
    // Explicitly named files are always handed to the engine, which judges a file whose name does
    // not tell by its content and reports one that is no container file.
    if (!explicit && detectKindByPath(shown) === null) return;
    try {
      const size = statSync(abs).size;
      const content = size > maxFileBytes ? "" : readFileSync(abs);
      out.files.push(explicit ? { path: shown, content, size, explicit } : { path: shown, content, size });
      out.absolute.set(shown, abs);
    } catch (err) {
      out.errors.push(`${shown}: cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
  };
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      out.errors.push(`${displayPath(dir, cwd)}: cannot be listed (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const abs = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name)) walk(abs);
      } else if (e.isFile()) {
        add(abs, false);
      } else if (e.isSymbolicLink()) {
        // Follow links to files, never to folders (loops).
        try {
          if (statSync(abs).isFile()) add(abs, false);
        } catch {
          /* dangling link: nothing to scan */
        }
      }
    }
  };
  for (const p of paths) {
    const abs = join(p.startsWith("/") ? "" : cwd, p);
    let st;
    try {
      st = lstatSync(abs).isSymbolicLink() ? statSync(abs) : lstatSync(abs);
    } catch {
      out.errors.push(`${p}: no such file or directory`);
      continue;
    }
    if (st.isDirectory()) walk(abs);
    else add(abs, true);
  }
  return out;
}
