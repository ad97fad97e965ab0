/**
 * The registry: the only place that lists every rule and every file-kind handler.
 * Each family keeps its own list next to its rules (rules/<family>/index.ts).
 */
import type { CrossFileRule, FileKindHandler, Rule, RuleMeta } from "../src/engine/types.js";
import { dockerfileHandler } from "../src/engine/dockerfile/handler.js";
import { kubernetesHandler } from "../src/engine/kubernetes/handler.js";
import { composeHandler } from "../src/engine/compose/handler.js";
import { crossRules } from "./cross/index.js";
import { kubernetesCrossFileRules } from "./kubernetes/index.js";
import { suppressionMissingReason } from "./suppression/missing-reason.js";
import { suppressionUnknownRule } from "./suppression/unknown-rule.js";
import { fileTooLarge } from "./scan/file-too-large.js";
import { renderRules } from "./render/index.js";

export function fileKindHandlers(): readonly FileKindHandler<any>[] {
  return [dockerfileHandler, kubernetesHandler, composeHandler];
}

export function crossFileRules(): readonly CrossFileRule[] {
  return [...kubernetesCrossFileRules, ...crossRules];
}

/** Every rule's metadata carrier, in a stable order (docs, SARIF, config validation). */
export function allRules(): readonly { meta: RuleMeta }[] {
  const perFile: Rule<any>[] = fileKindHandlers().flatMap((h) => [...h.rules]);
  return [suppressionMissingReason, suppressionUnknownRule, fileTooLarge, ...renderRules, ...perFile, ...crossFileRules()];
}

let byId: ReadonlyMap<string, RuleMeta> | undefined;
/** Every rule's metadata by ID, built once (the registry does not change at run time). */
export function rulesById(): ReadonlyMap<string, RuleMeta> {
  byId ??= new Map(allRules().map((r) => [r.meta.id, r.meta]));
  return byId;
}

export function ruleById(id: string): RuleMeta | undefined {
  return rulesById().get(id);
}

export function knownRuleIds(): ReadonlySet<string> {
  return new Set(rulesById().keys());
}
