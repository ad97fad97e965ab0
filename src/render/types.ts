/**
 * What every renderer hands to the engine: the text the real tool would print, the provenance of
 * that text, which repository files the render read, and what went wrong (per file and line).
 */
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
