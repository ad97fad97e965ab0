/**
 * A read-only view of a repository's files at one revision: the local disk (CLI), a git revision
 * (`--baseline REF`), or the repository on GitHub at a commit (the app). Everything that renders
 * (Kustomize, Helm) reads through this interface only, so renderers never touch the disk, git or
 * the network themselves.
 *
 * Paths are POSIX, relative to the view's root, without a leading "./" or "/" (the root itself is
 * ""). A path that leaves the root (`..` above it) is never readable: `normalizePath` returns
 * undefined for it and every method treats it as missing.
 */
export type EntryType = "file" | "dir";

export interface DirEntry {
  name: string;
  type: EntryType;
}

export interface SourceView {
  /** A short description for messages ("disk /repo", "git abc123", "github o/r@sha"). */
  readonly label: string;
  /**
   * The bytes of a file, or undefined when it does not exist or is not a file. Rejects when the
   * file exists but cannot be read (an I/O or API error, larger than the view's size limit): the
   * caller reports that as a problem of the file and goes on.
   */
  readFile(path: string): Promise<Uint8Array | undefined>;
  /** What a path is, or undefined when it does not exist. */
  stat(path: string): Promise<EntryType | undefined>;
  /** The entries of a folder in name order, or undefined when it is not a folder. */
  list(path: string): Promise<DirEntry[] | undefined>;
}

/**
 * Normalises a path relative to the view root: resolves "." and "..", drops empty segments and
 * leading "./" or "/". Undefined when the path climbs above the root.
 */
/** Paths that are already normal: no backslash, no leading or trailing "/", no "//", "." or ".." segment. */
const NEEDS_NORMALISING = /\\|^\/|\/$|\/\/|(?:^|\/)\.\.?(?:\/|$)/;

export function normalizePath(path: string): string | undefined {
  if (!NEEDS_NORMALISING.test(path)) return path;
  const out: string[] = [];
  for (const part of path.replace(/\\/g, "/").split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length === 0) return undefined;
      out.pop();
      continue;
    }
    out.push(part);
  }
  return out.join("/");
}

/** Joins a folder and a relative path inside the view; undefined when the result leaves the root. */
export function joinPath(dir: string, rel: string): string | undefined {
  if (rel.startsWith("/")) return undefined;
  return normalizePath(dir === "" ? rel : `${dir}/${rel}`);
}

/** The parent folder of a path ("" for a top-level entry). */
export function dirnameOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

/** An in-memory view, for tests and for content already fetched. Keys are file paths. */
export class MemorySourceView implements SourceView {
  private readonly files = new Map<string, Uint8Array>();
  private readonly dirs = new Set<string>([""]);

  constructor(
    files: Record<string, string | Uint8Array> = {},
    readonly label = "memory",
  ) {
    for (const [path, content] of Object.entries(files)) this.set(path, content);
  }

  set(path: string, content: string | Uint8Array): void {
    const p = normalizePath(path);
    if (p === undefined || p === "") throw new Error(`invalid path: ${path}`);
    this.files.set(p, typeof content === "string" ? new TextEncoder().encode(content) : content);
    for (let d = dirnameOf(p); ; d = dirnameOf(d)) {
      this.dirs.add(d);
      if (d === "") break;
    }
  }

  async readFile(path: string): Promise<Uint8Array | undefined> {
    const p = normalizePath(path);
    return p === undefined ? undefined : this.files.get(p);
  }

  async stat(path: string): Promise<EntryType | undefined> {
    const p = normalizePath(path);
    if (p === undefined) return undefined;
    if (this.files.has(p)) return "file";
    return this.dirs.has(p) ? "dir" : undefined;
  }

  async list(path: string): Promise<DirEntry[] | undefined> {
    const p = normalizePath(path);
    if (p === undefined || !this.dirs.has(p)) return undefined;
    const prefix = p === "" ? "" : `${p}/`;
    const names = new Map<string, EntryType>();
    for (const f of this.files.keys()) {
      if (!f.startsWith(prefix)) continue;
      const rest = f.slice(prefix.length);
      const slash = rest.indexOf("/");
      if (slash < 0) names.set(rest, "file");
      else names.set(rest.slice(0, slash), "dir");
    }
    return [...names].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, type]) => ({ name, type }));
  }

  /** Every file path, sorted (for tests and discovery). */
  paths(): string[] {
    return [...this.files.keys()].sort();
  }
}
