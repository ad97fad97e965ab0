/**
 * Reads a chart archive (`charts/NAME-VERSION.tgz`): gunzip with node:zlib, then a small ustar
 * reader (with PAX and GNU long names). Hostile archives are refused, never expanded: the
 * decompressed size, each entry's size and the number of entries are bounded, and an entry or a
 * link that leaves the chart's folder is an error for that archive.
 *
 * A chart archive holds one top-level folder (the chart's name); the files come back relative to
 * it, as Helm loads them.
 */
import { gunzipSync } from "node:zlib";
import { normalizePath } from "../../../source/view.js";

export interface ArchiveLimits {
  /** Largest decompressed archive (default 100 MB, as Helm's default). */
  maxTotalBytes?: number;
  /** Largest single file in the archive (default 5 MB). */
  maxFileBytes?: number;
  /** Most entries (default 10,000). */
  maxEntries?: number;
}

export interface ArchiveFile {
  /** Path relative to the chart folder inside the archive (POSIX). */
  name: string;
  data: Uint8Array;
}

export class ArchiveError extends Error {}

const BLOCK = 512;

/** Files of a gzipped tar chart archive, relative to its top-level folder. Throws ArchiveError. */
export function readChartArchive(gz: Uint8Array, limits: ArchiveLimits = {}): ArchiveFile[] {
  const maxTotal = limits.maxTotalBytes ?? 100 * 1024 * 1024;
  const maxFile = limits.maxFileBytes ?? 5 * 1024 * 1024;
  const maxEntries = limits.maxEntries ?? 10_000;
  let tar: Buffer;
  try {
    tar = gunzipSync(gz, { maxOutputLength: maxTotal + BLOCK * 2 });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ERR_BUFFER_TOO_LARGE" || /Cannot create a Buffer larger|maxOutputLength|too large/i.test(String(error))) {
      throw new ArchiveError(`decompressed archive is larger than the limit of ${maxTotal} bytes`);
    }
    throw new ArchiveError(`not a gzip archive: ${(error as Error).message}`);
  }
  if (tar.length > maxTotal) throw new ArchiveError(`decompressed archive is larger than the limit of ${maxTotal} bytes`);
  const entries = readTar(tar, maxFile, maxEntries);
  return stripTopFolder(entries);
}

interface TarEntry {
  name: string;
  type: string;
  link: string;
  data: Uint8Array;
}

function readTar(tar: Buffer, maxFile: number, maxEntries: number): TarEntry[] {
  const out: TarEntry[] = [];
  let offset = 0;
  let longName: string | undefined;
  let paxPath: string | undefined;
  let paxLink: string | undefined;
  let count = 0;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    count += 1;
    if (count > maxEntries) throw new ArchiveError(`archive has more than ${maxEntries} entries`);
    if (!checksumOk(header)) throw new ArchiveError(`corrupt tar header at offset ${offset}`);
    const size = octal(header.subarray(124, 136));
    if (size === undefined) throw new ArchiveError(`corrupt tar entry size at offset ${offset}`);
    const type = String.fromCharCode(header[156] || 48);
    const dataStart = offset + BLOCK;
    const dataEnd = dataStart + size;
    if (dataEnd > tar.length) throw new ArchiveError("truncated tar archive");
    const data = tar.subarray(dataStart, dataEnd);
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "L") {
      longName = cstring(data);
      continue;
    }
    if (type === "x") {
      const pax = parsePax(data);
      paxPath = pax.get("path");
      paxLink = pax.get("linkpath");
      continue;
    }
    if (type === "g" || type === "K") continue;
    const prefix = cstring(header.subarray(345, 500));
    const magic = cstring(header.subarray(257, 263));
    let name = cstring(header.subarray(0, 100));
    if (magic.startsWith("ustar") && prefix) name = `${prefix}/${name}`;
    name = paxPath ?? longName ?? name;
    const link = paxLink ?? cstring(header.subarray(157, 257));
    longName = paxPath = paxLink = undefined;
    if ((type === "0" || type === "7") && size > maxFile) {
      throw new ArchiveError(`file ${name} is larger than the limit of ${maxFile} bytes`);
    }
    out.push({ name, type, link, data });
  }
  return out;
}

function stripTopFolder(entries: TarEntry[]): ArchiveFile[] {
  const files: ArchiveFile[] = [];
  for (const e of entries) {
    const parts = safeParts(e.name);
    if (!parts) throw new ArchiveError(`chart illegally contains content outside the base directory: "${e.name}"`);
    if (e.type === "1" || e.type === "2") {
      // Links are never followed; one that points out of the chart is refused.
      const base = e.type === "2" ? parts.slice(0, -1) : [];
      const target = e.link.startsWith("/") ? undefined : safeParts([...base, e.link].join("/"));
      if (!target || target.length === 0) {
        throw new ArchiveError(`chart illegally contains a link outside the base directory: "${e.name}" -> "${e.link}"`);
      }
      continue;
    }
    if (e.type !== "0" && e.type !== "7") continue; // folders, devices, fifos
    if (parts.length < 2) continue; // a file beside the chart folder is not part of the chart
    files.push({ name: parts.slice(1).join("/"), data: new Uint8Array(e.data) });
  }
  return files;
}

/** Path segments, or undefined when the path is absolute or climbs out of the archive root. */
function safeParts(path: string): string[] | undefined {
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path)) return undefined;
  const normalized = normalizePath(path);
  if (normalized === undefined) return undefined;
  return normalized === "" ? [] : normalized.split("/");
}

function cstring(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return Buffer.from(end < 0 ? bytes : bytes.subarray(0, end)).toString("utf8");
}

function octal(bytes: Uint8Array): number | undefined {
  if (bytes[0]! & 0x80) {
    // base-256 (GNU) for large sizes
    let n = bytes[0]! & 0x7f;
    for (let i = 1; i < bytes.length; i += 1) n = n * 256 + bytes[i]!;
    return n;
  }
  const text = cstring(bytes).trim();
  if (text === "") return 0;
  if (!/^[0-7]+$/.test(text)) return undefined;
  return parseInt(text, 8);
}

function checksumOk(header: Uint8Array): boolean {
  const stored = octal(header.subarray(148, 156));
  if (stored === undefined) return false;
  let sum = 0;
  for (let i = 0; i < BLOCK; i += 1) sum += i >= 148 && i < 156 ? 32 : header[i]!;
  return sum === stored;
}

function parsePax(data: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  const text = Buffer.from(data).toString("utf8");
  let i = 0;
  while (i < text.length) {
    const space = text.indexOf(" ", i);
    if (space < 0) break;
    const length = parseInt(text.slice(i, space), 10);
    if (!(length > 0)) break;
    const record = text.slice(space + 1, i + length - 1);
    const eq = record.indexOf("=");
    if (eq > 0) out.set(record.slice(0, eq), record.slice(eq + 1));
    i += length;
  }
  return out;
}

/** Writes a ustar archive (tests build fixtures with it); `entries` may hold links and odd names. */
export function writeTar(entries: { name: string; data?: string | Uint8Array; type?: string; link?: string }[]): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const data = e.data === undefined ? Buffer.alloc(0) : Buffer.from(e.data);
    const header = Buffer.alloc(BLOCK);
    header.write(e.name.slice(0, 100), 0, "utf8");
    header.write("0000644\0", 100);
    header.write("0000000\0", 108);
    header.write("0000000\0", 116);
    header.write(data.length.toString(8).padStart(11, "0") + "\0", 124);
    header.write("00000000000\0", 136);
    header.write(e.type ?? "0", 156);
    if (e.link) header.write(e.link.slice(0, 100), 157);
    header.write("ustar\0", 257);
    header.write("00", 263);
    header.fill(32, 148, 156);
    let sum = 0;
    for (const b of header) sum += b;
    header.write(sum.toString(8).padStart(6, "0") + "\0 ", 148);
    blocks.push(header, data, Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK));
  }
  blocks.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(blocks);
}
