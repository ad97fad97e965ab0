/** A read-only SourceView over a folder on disk, for tests over the shared trees. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { normalizePath, type DirEntry, type EntryType, type SourceView } from "../../../src/source/view.js";

export class DiskSourceView implements SourceView {
  constructor(readonly root: string, readonly label = `disk ${root}`) {}

  private abs(path: string): string | undefined {
    const p = normalizePath(path);
    return p === undefined ? undefined : join(this.root, p);
  }

  async readFile(path: string): Promise<Uint8Array | undefined> {
    const p = this.abs(path);
    try {
      return p !== undefined && statSync(p).isFile() ? readFileSync(p) : undefined;
    } catch {
      return undefined;
    }
  }

  async stat(path: string): Promise<EntryType | undefined> {
    const p = this.abs(path);
    try {
      if (p === undefined) return undefined;
      const s = statSync(p);
      return s.isFile() ? "file" : s.isDirectory() ? "dir" : undefined;
    } catch {
      return undefined;
    }
  }

  async list(path: string): Promise<DirEntry[] | undefined> {
    const p = this.abs(path);
    try {
      if (p === undefined) return undefined;
      return readdirSync(p, { withFileTypes: true })
        .filter((d) => d.isFile() || d.isDirectory())
        .map((d) => ({ name: d.name, type: d.isFile() ? ("file" as const) : ("dir" as const) }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      return undefined;
    }
  }
}
