/**
 * Plain scalars as yaml's parser resolves them with the engine's options (YAML 1.2 core schema):
 * for code that builds yaml's AST itself instead of parsing text (Kustomize's emitter, the fast
 * reader of block YAML), so that what it builds is what the parser would have given.
 */
import { parseDocument, Scalar, type Document } from "yaml";

/** The parse options of the engine's YAML reader (documents.ts) for Kubernetes files. */
export const ENGINE_PARSE_OPTIONS = { uniqueKeys: false, merge: false, prettyErrors: false, strict: false } as const;

let schema: Document["schema"] | undefined;
export const coreSchema = (): Document["schema"] => (schema ??= parseDocument("", ENGINE_PARSE_OPTIONS).schema);

/** A plain scalar whose tag's resolver reports an error (the parser would record it): not built here. */
export class UnresolvedScalar extends Error {}

type Resolved = { value: unknown; format?: string; minFractionDigits?: number } | "str";

/** Plain texts resolved so far (keys and values repeat a lot): the value and format, or "str". */
const resolved = [new Map<string, Resolved>(), new Map<string, Resolved>()];
/** First characters of the core schema's non-string plain scalars (null, booleans, numbers). */
const NON_STRING_START = /^[-+.0-9~nNtTfF]/;

function resolvePlain(text: string, atKey: boolean): Resolved {
  const tag = coreSchema().tags.find((t) => (t.default === true || (atKey && t.default === "key")) && !t.collection && t.test?.test(text));
  if (!tag || !("resolve" in tag) || !tag.resolve) return "str";
  let failed = false;
  const res = (tag.resolve as (v: string, onError: (m: string) => void, o: object) => unknown)(text, () => (failed = true), {});
  if (failed) throw new UnresolvedScalar(text);
  // Floats come back as a Scalar (with minFractionDigits for "1.50"); keep what it carries.
  const extra = res instanceof Scalar && res.minFractionDigits !== undefined ? { minFractionDigits: res.minFractionDigits } : {};
  return { value: res instanceof Scalar ? res.value : res, ...(tag.format ? { format: tag.format } : {}), ...extra };
}

/**
 * What yaml's parser makes of a plain scalar: the core schema's tag whose test matches (null,
 * booleans, numbers), else a string, as its composer resolves it. Range and source are the caller's.
 */
export function corePlainScalar(text: string, atKey: boolean): Scalar {
  let hit: Resolved = "str";
  if (text === "" || NON_STRING_START.test(text)) {
    const cache = resolved[atKey ? 1 : 0]!;
    const cached = cache.get(text);
    if (cached !== undefined) hit = cached;
    else {
      hit = resolvePlain(text, atKey);
      if (cache.size > 10_000) cache.clear();
      cache.set(text, hit);
    }
  }
  const scalar = new Scalar(hit === "str" ? text : hit.value);
  if (hit !== "str" && hit.format) scalar.format = hit.format;
  if (hit !== "str" && hit.minFractionDigits !== undefined) scalar.minFractionDigits = hit.minFractionDigits;
  scalar.type = Scalar.PLAIN;
  return scalar;
}
