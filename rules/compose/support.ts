/**
 * Helpers shared by the compose rules: reports that name their service, compose's variable
 * interpolation (judged on the written default), and compose's lenient booleans.
 */
import type { ComposeNode, ComposeService } from "../../src/engine/compose/model.js";
import type { Fix, Range, Report, Severity } from "../../src/engine/types.js";

export interface ServiceReportOptions {
  fix?: Fix;
  severity?: Severity;
  /** Distinguishes several findings on one field (e.g. one per capability). */
  keySuffix?: string;
}

/**
 * A report about `service`, pointing at `at` (a field of the service) or, for a missing field, at
 * the service's key. The fingerprint key is the field path, not the line.
 */
export function serviceReport(service: ComposeService, at: ComposeNode | undefined, message: string, options: ServiceReportOptions = {}): Report {
  const range: Range = at ? at.range : service.keyRange;
  const base = at ? at.path : service.path;
  const report: Report = {
    range,
    message,
    resource: service.resource,
    fingerprintKey: options.keySuffix ? `${base}:${options.keySuffix}` : base,
    anchorLines: service.anchorLines,
  };
  if (options.fix) report.fix = options.fix;
  if (options.severity) report.severity = options.severity;
  return report;
}

/** Where an inherited value came from, for messages: "" for own values. */
export function inheritedNote(node: ComposeNode): string {
  if (!node.via) return "";
  if (node.via.how === "extends") return ` (inherited from service "${node.via.from ?? ""}" through extends)`;
  return node.via.how === "merge" ? " (inherited through the `<<` merge key)" : " (through a YAML alias)";
}

export interface Interpolated {
  /** The text with every `${VAR:-default}` / `${VAR-default}` replaced by its default and `$$` by `$`. */
  text: string;
  /** True when a variable without a default remains: the value cannot be judged statically. */
  unresolved: boolean;
}

const DEFAULTED = /\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^${}]*)\}/;
const ANY_VARIABLE = /\$(?:\{[^}]*\}?|[A-Za-z_][A-Za-z0-9_]*)/;

/**
 * Compose's interpolation with no environment: each variable takes the default written in the file
 * (that is what runs when nobody sets it). Variables without a default (`${TAG}`, `$TAG`,
 * `${TAG:?required}`, `${TAG:+alt}`) leave the value unresolved.
 */
export function interpolateDefaults(raw: string): Interpolated {
  const ESCAPED = "\u0000";
  let text = raw.replace(/\$\$/g, ESCAPED);
  // Innermost first, so `${A:-${B:-x}}` becomes `x`.
  for (let guard = 0; guard < 32; guard += 1) {
    const m = DEFAULTED.exec(text);
    if (!m) break;
    text = text.slice(0, m.index) + m[1] + text.slice(m.index + m[0].length);
  }
  const unresolved = ANY_VARIABLE.test(text);
  return { text: text.split(ESCAPED).join("$"), unresolved };
}

/**
 * A compose boolean: YAML true/false, or (as Docker Compose casts them) the strings
 * y/yes/true/on and n/no/false/off in any case, also as a variable's default. Undefined when
 * absent, unresolved or not a boolean.
 */
export function composeBoolean(node: ComposeNode | undefined): boolean | undefined {
  if (!node) return undefined;
  const v = node.value;
  if (typeof v === "boolean") return v;
  if (typeof v !== "string") return undefined;
  const { text, unresolved } = interpolateDefaults(v);
  if (unresolved) return undefined;
  const t = text.trim().toLowerCase();
  if (["y", "yes", "true", "on"].includes(t)) return true;
  if (["n", "no", "false", "off"].includes(t)) return false;
  return undefined;
}

/** A scalar's text after interpolation with defaults; undefined when unresolved or not a scalar. */
export function composeText(node: ComposeNode | undefined): string | undefined {
  const raw = node?.text;
  if (raw === undefined) return undefined;
  const { text, unresolved } = interpolateDefaults(raw);
  return unresolved ? undefined : text;
}

/** The written value quoted for a message (short values only; never used for secrets). */
export function quoted(text: string): string {
  const t = text.length > 100 ? `${text.slice(0, 97)}...` : text;
  return `"${t}"`;
}

/**
 * The text a fix writes in place of a boolean value: the new value, or, when the value is a single
 * variable with a default (`${PRIV:-true}`), the same variable with the new default, so the
 * variable keeps working.
 */
export function replacementKeepingVariable(raw: unknown, newValue: string): string {
  if (typeof raw !== "string") return newValue;
  const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(:?-)[^${}]*\}$/.exec(raw.trim());
  return m ? `\${${m[1]}${m[2]}${newValue}}` : newValue;
}
