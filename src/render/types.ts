/**
 * What every renderer hands to the engine: the text the real tool would print, the provenance of
 * that text, which repository files the render read, and what went wrong (per file and line).
 */
import type { Document, LineCounter } from "yaml";
import type { Segment } from "./provenance.js";

export type RendererKind = "kustomize" | "helm";

export interface RenderProblem {
  /** Repository path of the file at fault (the kustomization, the patch, the template...). */
  file: string;
  /** 1-based, when known. */
  line?: number;
  column?: number;
  message: string;
  /**
   * "error": the render failed (no output, or output known to be incomplete);
   * "warning": it went on without something (a remote resource not fetched, a missing dependency).
   */
  severity: "error" | "warning";
}

export interface RenderResult {
  kind: RendererKind;
  /** The build root: the kustomization folder or the chart folder (repository path). */
  root: string;
  /** Exactly what `kustomize build ROOT` / `helm template ROOT` prints (multi-document YAML). */
  text: string;
  /** Provenance of `text`, sorted by start, non-overlapping (see provenance.ts). */
  segments: Segment[];
  /** Every repository path the render read (kustomizations, resources, patches, values, templates). */
  consumed: string[];
  problems: RenderProblem[];
  /**
   * Optional: `text` already read as YAML, exactly as yaml's `parseAllDocuments(text, { lineCounter,
   * uniqueKeys: false, merge: false, strict: false })` would give it (node ranges are offsets in
   * `text`, the line counter holds its line starts). A renderer that builds the text knows every
   * offset, so it can hand this over and the engine skips parsing the text again. Absent: the
   * engine parses `text`. The documents must not be modified by readers.
   */
  documents?: { docs: Document.Parsed[]; lineCounter: LineCounter };
}

/** Limits every renderer honours so that hostile input cannot exhaust the process. */
export interface RenderLimits {
  /** Absolute time (ms since epoch) after which rendering stops with an error. */
  deadline?: number;
  /** Largest rendered output in characters (default 20 MB). */
  maxOutputChars?: number;
  /** Largest file read from the source view in bytes (default 5 MB). */
  maxFileBytes?: number;
}
