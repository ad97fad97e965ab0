/**
 * Base-versus-head classification: which findings a change introduced, which were already there,
 * and which it fixed. Pure, shared by the GitHub app (PR base vs head) and the CLI (--baseline).
 *
 * Fingerprints never include the line or the file name, so a finding that only moved keeps its
 * fingerprint, and a renamed file is compared with its previous path. Matching is done within a
 * pair of files (head path, base path), by rule and fingerprint.
 */
import type { Finding } from "./types.js";

export interface BaselineClassification {
  /** Head findings with no counterpart in the base (or whose base counterpart was suppressed). */
  newFindings: Finding[];
  /** Head findings already present in the base version of their file. */
  existing: Finding[];
  /** Unsuppressed base findings that no longer occur in the head. */
  fixed: Finding[];
}

/**
 * Maps each head path to the path of its base version: a string (the same path, or the previous
 * path of a renamed file) or null when the file has no base version (added in the change). A head
 * path missing from the map is compared with the same path in the base.
 */
export type HeadToBasePaths = ReadonlyMap<string, string | null>;

function key(file: string, ruleId: string, fingerprint: string): string {
  return `${file}\u0000${ruleId}\u0000${fingerprint}`;
}

/**
 * Classifies head findings against base findings. Pass base findings only for the files that were
 * compared: any unmatched, unsuppressed base finding is reported as fixed.
 *
 * A head finding whose base counterpart was suppressed while it is not is new: the change removed
 * the waiver. A head finding that is suppressed but matched stays "existing" (not fixed).
 */
export function classifyFindings(
  headFindings: readonly Finding[],
  baseFindings: readonly Finding[],
  headToBase: HeadToBasePaths = new Map(),
): BaselineClassification {
  const baseByKey = new Map<string, Finding>();
  for (const finding of baseFindings) baseByKey.set(key(finding.file, finding.ruleId, finding.fingerprint), finding);

  const matchedBaseKeys = new Set<string>();
  const newFindings: Finding[] = [];
  const existing: Finding[] = [];
  for (const finding of headFindings) {
    const basePath = headToBase.has(finding.file) ? headToBase.get(finding.file) : finding.file;
    const baseKey = basePath === null || basePath === undefined ? undefined : key(basePath, finding.ruleId, finding.fingerprint);
    const counterpart = baseKey === undefined ? undefined : baseByKey.get(baseKey);
    if (counterpart === undefined || baseKey === undefined) {
      newFindings.push(finding);
      continue;
    }
    matchedBaseKeys.add(baseKey);
    if (counterpart.suppressed && !finding.suppressed) newFindings.push(finding);
    else existing.push(finding);
  }

  const fixed = baseFindings.filter(
    (finding) => !finding.suppressed && !matchedBaseKeys.has(key(finding.file, finding.ruleId, finding.fingerprint)),
  );
  return { newFindings, existing, fixed };
}
