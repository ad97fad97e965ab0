/**
 * A source view over a flat listing of a repository tree (a git revision, a GitHub commit): the
 * listing is read once, folders are derived from it, and file contents are fetched lazily through
 * `fetchBlob`, cached by blob SHA (the same blob at head and at the merge base is read once).
 */
import { normalizePath, type DirEntry, type EntryType, type SourceView } from "./view.js";

export interface TreeEntry {
  path: string;
  /** Blob SHA (the cache key). */
  sha: string;
  /** Size in bytes when the listing gives it. */
  size?: number;
}

export interface TreeListing {
  files: TreeEntry[];
}

/** Runs at most `limit` tasks at once. */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
    try {
      return await task();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}

export class TreeSourceView implements SourceView {
  private readonly files = new Map<string, TreeEntry>();
  private readonly dirs = new Map<string, Map<string, EntryType>>();
  private readonly semaphore: Semaphore;

  constructor(
    readonly label: string,
    listing: TreeListing,
    private readonly fetchBlob: (entry: TreeEntry) => Promise<Uint8Array>,
    private readonly cache: Map<string, Promise<Uint8Array>> = new Map(),
    options: { concurrency?: number; maxFileBytes?: number } = {},
  ) {
    this.semaphore = new Semaphore(options.concurrency ?? 8);
    this.maxFileBytes = options.maxFileBytes ?? 20 * 1024 * 1024;
    this.dirs.set("", new Map());
    for (const entry of listing.files) {
      const path = normalizePath(entry.path);
      if (!path) continue;
      this.files.set(path, { ...entry, path });
      const parts = path.split("/");
      for (let i = 0; i < parts.length; i += 1) {
        const dir = parts.slice(0, i).join("/");
        let children = this.dirs.get(dir);
        if (!children) this.dirs.set(dir, (children = new Map()));
        children.set(parts[i]!, i === parts.length - 1 ? "file" : "dir");
      }
    }
  }

  private readonly maxFileBytes: number;

  /** Every file path of the listing, sorted. */
  paths(): string[] {
    return [...this.files.keys()].sort();
  }

  /** The blob SHA of a file (to tell whether two revisions hold the same content). */
  blobSha(path: string): string | undefined {
    const p = normalizePath(path);
    return p === undefined ? undefined : this.files.get(p)?.sha;
  }

  async readFile(path: string): Promise<Uint8Array | undefined> {
    const p = normalizePath(path);
    const entry = p === undefined ? undefined : this.files.get(p);
    if (!entry) return undefined;
    if (entry.size !== undefined && entry.size > this.maxFileBytes) {
      throw new Error(`${entry.path}: ${entry.size} bytes is more than the ${this.maxFileBytes}-byte limit`);
    }
    let pending = this.cache.get(entry.sha);
    if (!pending) {
      pending = this.semaphore.run(() => this.fetchBlob(entry));
      this.cache.set(entry.sha, pending);
      pending.catch(() => this.cache.delete(entry.sha));
    }
    return pending;
  }

  async stat(path: string): Promise<EntryType | undefined> {
    const p = normalizePath(path);
    if (p === undefined) return undefined;
    if (this.files.has(p)) return "file";
    return this.dirs.has(p) ? "dir" : undefined;
  }

  async list(path: string): Promise<DirEntry[] | undefined> {
    const p = normalizePath(path);
    const children = p === undefined ? undefined : this.dirs.get(p);
    if (!children) return undefined;
    return [...children]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, type]) => ({ name, type }));
  }
}
