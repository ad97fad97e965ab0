/** The engine's public API, for the CLI, the GitHub app and anyone embedding container-review. */
export { scan, isBlocking, effectiveSeverity, compareFindings } from "./engine/scan.js";
export type { ScanInputFile, ScanOptions } from "./engine/scan.js";
export * from "./engine/types.js";
export { detectKind, detectKindByPath } from "./engine/detect.js";
export { resolveConfig, parseConfigText } from "./config/load.js";
export { DEFAULT_CONFIG } from "./config/schema.js";
export type { ResolvedConfig, UserConfig } from "./config/schema.js";
export { allRules, knownRuleIds, ruleById } from "../rules/index.js";
