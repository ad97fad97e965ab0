/**
 * The local disk as a source view (the CLI): a folder is the root, nothing above it is readable,
 * and a symbolic link is followed only when its target stays inside the root.
 */
import { lstat, readFile, readdir, realpath, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { normalizePath, type DirEntry, type EntryType, type SourceView } from "./view.js";

export class DiskSourceView implements SourceView {
  readonly label: string;
  private realRoot: Promise<string>;

  constructor(
    readonly root: string,
    private readonly maxFileBytes = 20 * 1024 * 1024,
  ) {
    this.label = `disk ${root}`;
    this.realRoot = realpath(root).catch(() => root);
  }

  /** The absolute path of a view path, or undefined when it leaves the root (also through links). */
  private async resolve(path: string): Promise<string | undefined> {
    const p = normalizePath(path);
    if (p === undefined) return undefined;
    const absolute = join(this.root, p);
    try {
      const info = await lstat(absolute);
      if (!info.isSymbolicLink()) return absolute;
      const target = await realpath(absolute);
      const rel = relative(await this.realRoot, target);
      return rel.startsWith("..") || rel.split(sep).includes("..") || rel.startsWith(sep) ? undefined : target;
    } catch {
      return undefined;
    }
  }

  async readFile(path: string): Promise<Uint8Array | undefined> {
    const absolute = await this.resolve(path);
    if (absolute === undefined) return undefined;
    const info = await stat(absolute).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    if (info.size > this.maxFileBytes) throw new Error(`${path}: ${info.size} bytes is more than the ${this.maxFileBytes}-byte limit`);
    return new Uint8Array(await readFile(absolute));
  }

  async stat(path: string): Promise<EntryType | undefined> {
    const absolute = await this.resolve(path);
    if (absolute === undefined) return undefined;
    const info = await stat(absolute).catch(() => undefined);
    if (!info) return undefined;
    return info.isDirectory() ? "dir" : info.isFile() ? "file" : undefined;
  }

  async list(path: string): Promise<DirEntry[] | undefined> {
    const absolute = await this.resolve(path);
    if (absolute === undefined) return undefined;
    const entries = await readdir(absolute, { withFileTypes: true }).catch(() => undefined);
    if (!entries) return undefined;
    const out: DirEntry[] = [];
    for (const e of entries) {
      if (e.isDirectory()) out.push({ name: e.name, type: "dir" });
      else if (e.isFile()) out.push({ name: e.name, type: "file" });
      else if (e.isSymbolicLink()) {
        const type = await this.stat(path === "" ? e.name : `${path}/${e.name}`);
        if (type) out.push({ name: e.name, type });
      }
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}
