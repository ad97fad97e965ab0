/**
 * Reading and validating configuration. Errors are returned as clear, located sentences; the
 * caller decides whether they are fatal (the CLI exits 2, the app fails the check pointing at the
 * file).
 */
import { Ajv, type ErrorObject } from "ajv";
import { parse as parseYaml } from "yaml";
import { configJsonSchema, DEFAULT_CONFIG, type ResolvedConfig, type UserConfig } from "./schema.js";

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const validateSchema = ajv.compile<UserConfig>(configJsonSchema);

export interface ConfigOutcome {
  config: ResolvedConfig;
  errors: string[];
}

function describeAjvError(source: string, e: ErrorObject): string {
  const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, ".") : "(top level)";
  switch (e.keyword) {
    case "additionalProperties":
      return `${source}: ${where === "(top level)" ? "" : `${where}: `}unknown key "${(e.params as { additionalProperty: string }).additionalProperty}"`;
    case "enum":
      return `${source}: ${where}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
    case "type":
      return `${source}: ${where}: must be ${(e.params as { type: string }).type}`;
    default:
      return `${source}: ${where}: ${e.message ?? "is invalid"}`;
  }
}

/**
 * Validates a parsed configuration object and merges it over the defaults.
 * `knownRuleIds`, when given, makes unknown rule IDs under `rules:` an error.
 */
export function resolveConfig(raw: unknown, source = "config", knownRuleIds?: ReadonlySet<string>): ConfigOutcome {
  if (raw === null || raw === undefined) return { config: structuredClone(DEFAULT_CONFIG), errors: [] };
  if (!validateSchema(raw)) {
    // anyOf failures produce one error per branch; keep the most specific, deduplicated.
    const seen = new Set<string>();
    const errors: string[] = [];
    for (const e of validateSchema.errors ?? []) {
      if (e.keyword === "anyOf") continue;
      const text = describeAjvError(source, e);
      if (!seen.has(text)) {
        seen.add(text);
        errors.push(text);
      }
    }
    if (errors.length === 0) errors.push(`${source}: invalid configuration`);
    return { config: structuredClone(DEFAULT_CONFIG), errors };
  }
  const user = raw;
  const errors: string[] = [];
  if (knownRuleIds && user.rules) {
    for (const id of Object.keys(user.rules)) {
      if (!knownRuleIds.has(id)) errors.push(`${source}: rules: unknown rule "${id}"`);
    }
  }
  const d = DEFAULT_CONFIG;
  let failOn = { ...d.failOn };
  if (typeof user.failOn === "string") {
    if (user.failOn === "new" || user.failOn === "all") failOn.scope = user.failOn;
    else failOn.severity = user.failOn;
  } else if (user.failOn) {
    failOn = { severity: user.failOn.severity ?? d.failOn.severity, scope: user.failOn.scope ?? d.failOn.scope };
  }
  const config: ResolvedConfig = {
    rules: { ...(user.rules ?? {}) },
    failOn,
    profile: user.profile ?? d.profile,
    allowedRegistries: user.allowedRegistries ?? null,
    nonRootBaseImages: user.nonRootBaseImages ?? [],
    extraTooling: user.extraTooling ?? [],
    extraDaemons: user.extraDaemons ?? [],
    target: user.target ?? null,
    paths: { include: user.paths?.include ?? [], exclude: user.paths?.exclude ?? [] },
    allowSuppressions: user.allowSuppressions ?? d.allowSuppressions,
    limits: {
      maxFileBytes: user.limits?.maxFileBytes ?? d.limits.maxFileBytes,
      maxDocumentsPerFile: user.limits?.maxDocumentsPerFile ?? d.limits.maxDocumentsPerFile,
      maxFiles: user.limits?.maxFiles ?? d.limits.maxFiles,
      yamlAliases: {
        kubernetes: user.limits?.yamlAliases?.kubernetes ?? d.limits.yamlAliases.kubernetes,
        compose: user.limits?.yamlAliases?.compose ?? d.limits.yamlAliases.compose,
      },
      scanSeconds: user.limits?.scanSeconds ?? d.limits.scanSeconds,
    },
    review: {
      event: user.review?.event ?? d.review.event,
      maxComments: user.review?.maxComments ?? d.review.maxComments,
      minSeverity: user.review?.minSeverity ?? d.review.minSeverity,
    },
    render: {
      kustomize: user.render?.kustomize ?? d.render.kustomize,
      helm: user.render?.helm ?? d.render.helm,
      maxRoots: user.render?.maxRoots ?? d.render.maxRoots,
    },
    helm: {
      charts: Object.fromEntries(
        Object.entries(user.helm?.charts ?? {}).map(([dir, chart]) => [dir.replace(/^\.\/|\/+$/g, ""), { valuesFiles: chart.valuesFiles ?? [] }]),
      ),
    },
  };
  return { config, errors };
}

/** Parses configuration YAML text (aliases refused: a config file has no need of them). */
export function parseConfigText(text: string, source: string, knownRuleIds?: ReadonlySet<string>): ConfigOutcome {
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: 0, uniqueKeys: true, prettyErrors: false });
  } catch (err) {
    const message = err instanceof Error ? err.message.split("\n")[0] : String(err);
    return { config: structuredClone(DEFAULT_CONFIG), errors: [`${source}: not valid YAML: ${message}`] };
  }
  if (raw !== null && raw !== undefined && (typeof raw !== "object" || Array.isArray(raw))) {
    return { config: structuredClone(DEFAULT_CONFIG), errors: [`${source}: must be a mapping of keys to values`] };
  }
  return resolveConfig(raw, source, knownRuleIds);
}
