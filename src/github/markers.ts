/**
 * Hidden markers in the app's review comments. Each comment carries an HTML comment naming the
 * rule, the file and the finding's fingerprint, so a rescan recognises what it already posted
 * (no duplicates) and which earlier comments refer to findings that are gone (marked fixed).
 *
 * Format: `<!-- container-review:finding rule=<id> file=<path> fp=<fingerprint> state=open -->`.
 * Values are percent-encoded (and "-" before another "-" too) so no value can close the comment.
 */

export type MarkerState = "open" | "fixed";

export interface FindingMarker {
  ruleId: string;
  file: string;
  fingerprint: string;
  state: MarkerState;
}

const MARKER_PREFIX = "<!-- container-review:finding ";
const MARKER_PATTERN = /<!-- container-review:finding ((?:[a-z]+=[^\s>]*\s)+)-->/;

function encodeValue(value: string): string {
  return encodeURIComponent(value).replace(/-(?=-)/g, "%2D");
}

function decodeValue(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

export function renderMarker(marker: FindingMarker): string {
  return (
    `${MARKER_PREFIX}rule=${encodeValue(marker.ruleId)} file=${encodeValue(marker.file)} ` +
    `fp=${encodeValue(marker.fingerprint)} state=${marker.state} -->`
  );
}

/** Reads the marker out of a comment body; undefined when there is none or it is malformed. */
export function parseMarker(body: string | null | undefined): FindingMarker | undefined {
  if (!body) return undefined;
  const match = MARKER_PATTERN.exec(body);
  if (!match) return undefined;
  const fields = new Map<string, string>();
  for (const pair of match[1].trim().split(/\s+/)) {
    const eq = pair.indexOf("=");
    const value = decodeValue(pair.slice(eq + 1));
    if (value === undefined) return undefined;
    fields.set(pair.slice(0, eq), value);
  }
  const ruleId = fields.get("rule");
  const file = fields.get("file");
  const fingerprint = fields.get("fp");
  const state = fields.get("state");
  if (!ruleId || !file || !fingerprint || (state !== "open" && state !== "fixed")) return undefined;
  return { ruleId, file, fingerprint, state };
}

/** Replaces the marker in a body (used when an earlier comment is marked fixed). */
export function replaceMarker(body: string, marker: FindingMarker): string {
  return body.replace(MARKER_PATTERN, renderMarker(marker));
}

/** The identity of a finding within a pull request, as markers record it. */
export function markerKey(marker: Pick<FindingMarker, "ruleId" | "file" | "fingerprint">): string {
  return `${marker.file}\u0000${marker.ruleId}\u0000${marker.fingerprint}`;
}
