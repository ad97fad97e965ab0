/**
 * Provenance helpers for the template functions: a function that transforms one "subject"
 * argument (`trunc 63 .Values.name`, `upper .Values.x`) gives its result the subject's origin;
 * functions that keep text (indent, trim, quote...) move the subject's segments with it.
 */
import type { Segment, SourceRange } from "../../provenance.js";
import {
  Traced,
  TracedString,
  tracedFunc,
  type FuncContext,
  type GoValue,
  type TracedGoFunc,
} from "../template/values.js";

/** The origin of an argument: its own, or the first segment of a traced string. */
export function originOf(arg: Traced | undefined): SourceRange | undefined {
  if (!arg) return undefined;
  if (arg.origin) return arg.origin;
  if (arg.value instanceof TracedString && arg.value.segments.length > 0) return arg.value.segments[0]!.origin;
  return undefined;
}

/** The result with an origin when there is one. */
export function withOrigin(result: GoValue, origin: SourceRange | undefined): GoValue | Traced {
  if (!origin || result instanceof TracedString) return result;
  return new Traced(result, origin);
}

/**
 * A traced function built from a plain one: `subject` is the index of the argument whose origin
 * the result takes (-1: the last argument).
 */
export function subjectFunc(fn: (ctx: FuncContext, ...args: GoValue[]) => GoValue, subject = -1): TracedGoFunc {
  return tracedFunc((ctx, ...args) => {
    const result = fn(ctx, ...args.map((a) => unwrapArg(a)));
    const index = subject < 0 ? args.length + subject : subject;
    return withOrigin(result, originOf(args[index]));
  });
}

/** The Go value of a traced argument (a missing key arrives as null). */
export function unwrapArg(a: Traced | GoValue): GoValue {
  const v = a instanceof Traced ? a.value : a;
  return v === undefined ? null : v;
}

/** Segments of `s` (a TracedString) or, for a plain string with an origin, one segment over it. */
export function segmentsOf(arg: Traced | undefined): readonly Segment[] {
  if (!arg) return [];
  const v = arg.value;
  if (v instanceof TracedString && v.segments.length > 0) return v.segments;
  const text = typeof v === "string" ? v : v instanceof TracedString ? v.text : undefined;
  if (text !== undefined && arg.origin && text.length > 0) return [{ start: 0, end: text.length, origin: arg.origin }];
  return [];
}

/** Segments restricted to [from, to) of the old text and moved by `shift`. */
export function sliceSegments(segments: readonly Segment[], from: number, to: number, shift: number): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    const start = Math.max(s.start, from);
    const end = Math.min(s.end, to);
    if (start >= end) continue;
    let origin = s.origin;
    if (s.verbatim && start > s.start) origin = advanceOrigin(origin, segmentText(s, start));
    out.push({ start: start + shift, end: end + shift, origin, ...(s.verbatim ? { verbatim: true } : {}) });
  }
  return out;
}

// Advancing a verbatim origin needs the segment's text; the callers that cut verbatim segments
// register it here first (see `cutText`).
let currentText = "";
function segmentText(s: Segment, upTo: number): string {
  return currentText.slice(s.start, upTo);
}

function advanceOrigin(origin: SourceRange, skipped: string): SourceRange {
  let line = origin.line;
  let column = origin.column;
  for (let i = 0; i < skipped.length; i += 1) {
    if (skipped.charCodeAt(i) === 10) {
      line += 1;
      column = 1;
    } else column += 1;
  }
  const pastEnd = line > origin.endLine || (line === origin.endLine && column > origin.endColumn);
  return pastEnd ? { ...origin, line, column, endLine: line, endColumn: column } : { ...origin, line, column };
}

/** Segments of text[from, to) moved by `shift`, with verbatim origins advanced to the cut. */
export function cutSegments(text: string, segments: readonly Segment[], from: number, to: number, shift: number): Segment[] {
  currentText = text;
  try {
    return sliceSegments(segments, from, to, shift);
  } finally {
    currentText = "";
  }
}

/** A TracedString, or the plain string when it has no segments. */
export function traced(text: string, segments: Segment[]): GoValue {
  return segments.length > 0 ? new TracedString(text, segments) : text;
}

/** Re-bases the segments of `arg`'s text after adding `prefix` characters in front (quote, nindent). */
export function shifted(arg: Traced, text: string, newText: string, prefixLength: number): GoValue {
  const segs = segmentsOf(arg);
  if (segs.length === 0) return newText;
  return traced(newText, cutSegments(text, segs, 0, text.length, prefixLength));
}
