/**
 * Provenance: where each part of a rendered manifest came from.
 *
 * A renderer (Kustomize, Helm) returns the text it would print (exactly what `kustomize build` or
 * `helm template` prints) together with `segments`: byte ranges of that text, each tied to the
 * source range in the repository that produced it (a base resource line, a patch line, the
 * `newTag:` line of an `images:` entry, a values.yaml scalar, a template line). The engine parses
 * the rendered text with its ordinary models and rules, then moves every finding from the rendered
 * text to the origin of the segment it sits in. Rules never know rendering happened.
 *
 * Conventions: offsets are UTF-16 indexes into the rendered text (JavaScript string indexes);
 * source ranges are 1-based lines and columns with an exclusive end column, as `Range` in the
 * engine. A segment marked `verbatim` holds text copied unchanged from its origin (template text,
 * a scalar written as it stood), so a position inside it maps to the same character of the source.
 */
import type { Range } from "../engine/types.js";

export interface SourceRange extends Range {
  /** Repository path of the file (POSIX, relative to the repository root). */
  file: string;
}

export interface Segment {
  /** Start offset in the rendered text (inclusive). */
  start: number;
  /** End offset in the rendered text (exclusive). */
  end: number;
  origin: SourceRange;
  /** The segment's text is a verbatim copy of the source starting at `origin.line/column`. */
  verbatim?: boolean;
}

/** Builds rendered text and its segments together; segments stay sorted and never overlap. */
export class TextWithOrigins {
  private parts: string[] = [];
  private length = 0;
  readonly segments: Segment[] = [];

  /** Appends text; with an origin, records a segment over exactly that text. */
  append(text: string, origin?: SourceRange, verbatim = false): this {
    if (text.length === 0) return this;
    if (origin) {
      this.segments.push({ start: this.length, end: this.length + text.length, origin, ...(verbatim ? { verbatim: true } : {}) });
    }
    this.parts.push(text);
    this.length += text.length;
    return this;
  }

  /** Appends another builder's (or result's) text, shifting its segments. */
  appendTracked(other: { text: string; segments: readonly Segment[] }): this {
    const base = this.length;
    for (const s of other.segments) this.segments.push({ ...s, start: s.start + base, end: s.end + base });
    this.parts.push(other.text);
    this.length += other.text.length;
    return this;
  }

  get size(): number {
    return this.length;
  }

  get text(): string {
    if (this.parts.length > 1) this.parts = [this.parts.join("")];
    return this.parts[0] ?? "";
  }

  toResult(): { text: string; segments: Segment[] } {
    return { text: this.text, segments: this.segments };
  }
}

/**
 * The origin of a position of the rendered text: the segment that contains `offset`; when none
 * does (indentation, `- `, punctuation the serializer added), the first segment that starts later
 * on the same rendered line, else the last one that ended earlier on that line. For a verbatim
 * segment the position inside it is carried over character by character.
 * `segments` must be sorted by start (as `TextWithOrigins` makes them).
 */
export function originAt(text: string, segments: readonly Segment[], offset: number): SourceRange | undefined {
  const index = findSegment(segments, offset);
  if (index >= 0) return positionInside(text, segments[index]!, offset);
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  let lineEnd = text.indexOf("\n", offset);
  if (lineEnd < 0) lineEnd = text.length;
  const next = firstStartingAtOrAfter(segments, offset);
  if (next < segments.length && segments[next]!.start < lineEnd) return segments[next]!.origin;
  for (let i = next - 1; i >= 0; i -= 1) {
    const s = segments[i]!;
    if (s.end <= lineStart) break;
    return s.origin;
  }
  return undefined;
}

function findSegment(segments: readonly Segment[], offset: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segments[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

function firstStartingAtOrAfter(segments: readonly Segment[], offset: number): number {
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function positionInside(text: string, segment: Segment, offset: number): SourceRange {
  if (!segment.verbatim) return segment.origin;
  let line = segment.origin.line;
  let column = segment.origin.column;
  for (let i = segment.start; i < offset; i += 1) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      column = 1;
    } else column += 1;
  }
  // The rest of the rendered line inside the segment, mapped on the same source line.
  let end = offset;
  while (end < segment.end && text.charCodeAt(end) !== 10) end += 1;
  return { file: segment.origin.file, line, column, endLine: line, endColumn: column + (end - offset) };
}

/**
 * Where a value inside a Go map or slice (a JavaScript Map or array) was set: values files record
 * the origin of every key and item as they are read, and functions that copy values (merge, dict,
 * toYaml) carry the entries over. Scalars have no identity in JavaScript, so their origin lives
 * with the container that holds them.
 */
const ORIGINS = new WeakMap<object, Map<string | number, SourceRange>>();

export function setOrigin(container: object, key: string | number, origin: SourceRange): void {
  let table = ORIGINS.get(container);
  if (!table) ORIGINS.set(container, (table = new Map()));
  table.set(key, origin);
}

export function getOrigin(container: object, key: string | number): SourceRange | undefined {
  return ORIGINS.get(container)?.get(key);
}

/** Copies the origin of `from[fromKey]` to `to[toKey]` when it has one. */
export function copyOrigin(from: object, fromKey: string | number, to: object, toKey: string | number): void {
  const origin = getOrigin(from, fromKey);
  if (origin) setOrigin(to, toKey, origin);
}
