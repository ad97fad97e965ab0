/**
 * values.schema.json validation, as Helm validates the merged values of each chart (and of each
 * enabled subchart with its own section) before rendering. Validation uses ajv; errors are worded
 * as Helm words them:
 *
 *   values don't meet the specifications of the schema(s) in the following chart(s):
 *   CHART:
 *   - field: message
 */
import { Validator } from "@cfworker/json-schema";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { Ajv2019 } from "ajv/dist/2019.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { GoValue } from "../template/values.js";
import { TracedString } from "../template/values.js";
import type { Chart } from "./loader.js";
import { getOrigin, type SourceRange } from "../../provenance.js";

export interface SchemaFailure {
  /** The combined message, as Helm prints it. */
  message: string;
  /** The schema file of the first chart that failed (for the problem's file). */
  file: string;
  /** Where the first offending value was set (a values file line), when it is known. */
  origin?: SourceRange;
}

const CACHE = new Map<string, ValidateFunction | string>();
const CACHE_MAX = 64;

// Code optimisation halves the compile time of large schemas (bitnami: 100 KB) and is not needed here.
const AJV_OPTIONS = { allErrors: true, verbose: true, strict: false, validateFormats: false, logger: false as const, code: { optimize: false } };
type Draft = "07" | "2019" | "2020";

function newAjv(draft: Draft, options: typeof AJV_OPTIONS & { validateSchema?: boolean }): Ajv | Ajv2019 | Ajv2020 {
  return draft === "2020" ? new Ajv2020(options) : draft === "2019" ? new Ajv2019(options) : new Ajv(options);
}

const META_CHECKERS = new Map<Draft, Ajv | Ajv2019 | Ajv2020>();

function metaChecker(draft: Draft): Ajv | Ajv2019 | Ajv2020 {
  let ajv = META_CHECKERS.get(draft);
  if (!ajv) {
    ajv = newAjv(draft, AJV_OPTIONS);
    META_CHECKERS.set(draft, ajv);
  }
  return ajv;
}

function draftOf(schema: Record<string, unknown>): Draft {
  const declared = typeof schema.$schema === "string" ? schema.$schema : "";
  const draft = declared.includes("2020-12") ? "2020" : declared.includes("2019-09") ? "2019" : "07";
  // draft-04/06/07 and "http://json-schema.org/schema#" are read as draft-07.
  if (draft === "07") delete schema.$schema;
  return draft;
}

const QUICK = new Map<string, Validator | null>();
const INTERPRETER_DRAFT = { "07": "7", "2019": "2019-09", "2020": "2020-12" } as const;

/**
 * The interpreter for a schema: null when the schema is not a JSON object, fails its meta-schema
 * or cannot be read by the interpreter (ajv then reports it as before).
 */
function quickValidator(text: string): Validator | null {
  const cached = QUICK.get(text);
  if (cached !== undefined) return cached;
  let result: Validator | null = null;
  try {
    const schema = JSON.parse(text) as unknown;
    if (typeof schema === "object" && schema !== null && !Array.isArray(schema)) {
      const draft = draftOf(schema as Record<string, unknown>);
      if (metaChecker(draft).validateSchema(schema as Record<string, unknown>) === true) result = new Validator(schema as Record<string, unknown>, INTERPRETER_DRAFT[draft], true);
    }
  } catch {
    result = null;
  }
  if (QUICK.size >= CACHE_MAX) QUICK.delete(QUICK.keys().next().value!);
  QUICK.set(text, result);
  return result;
}

/** True when the interpreter accepts the data (ajv would too); false means "ask ajv". */
function quicklyValid(text: string, data: unknown): boolean {
  const validator = quickValidator(text);
  if (validator === null) return false;
  try {
    return validator.validate(data).valid;
  } catch {
    return false; // an unresolvable $ref, for one: ajv words it
  }
}

function compile(text: string): ValidateFunction | string {
  const cached = CACHE.get(text);
  if (cached) return cached;
  let result: ValidateFunction | string;
  try {
    const schema = JSON.parse(text) as Record<string, unknown>;
    if (typeof schema !== "object" || schema === null || Array.isArray(schema)) throw new Error("the schema is not a JSON object");
    const draft = draftOf(schema);
    // The schema is checked against its meta-schema by one instance per draft (compiling the
    // meta-schema once per process, not once per chart; same check and message as ajv.compile's),
    // then compiled by a fresh instance (schemas' $ids must not meet each other).
    metaChecker(draft).validateSchema(schema, true);
    result = newAjv(draft, { ...AJV_OPTIONS, validateSchema: false }).compile(schema);
  } catch (error) {
    result = `invalid values.schema.json: ${(error as Error).message}`;
  }
  if (CACHE.size >= CACHE_MAX) CACHE.delete(CACHE.keys().next().value!);
  CACHE.set(text, result);
  return result;
}

/** Go values as JSON data (what Helm's validator sees). */
export function toJson(v: GoValue, depth = 0): unknown {
  if (depth > 200) return null;
  if (v === undefined || v === null) return null;
  if (typeof v === "bigint") return Number(v);
  if (v instanceof TracedString) return v.text;
  if (v instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of v) out[k] = toJson(x, depth + 1);
    return out;
  }
  if (Array.isArray(v)) return v.map((x) => toJson(x, depth + 1));
  if (v instanceof Uint8Array) return Buffer.from(v).toString("base64");
  if (typeof v === "object") return null;
  return v;
}

/** Validates `values` against the chart's schema and each subchart's against its section. */
export function validateSchemas(chart: Chart, values: Map<string, GoValue>): SchemaFailure | undefined {
  const parts: string[] = [];
  let file: string | undefined;
  let origin: SourceRange | undefined;
  const visit = (c: Chart, v: Map<string, GoValue>, depth: number): void => {
    if (depth > 50) return;
    if (c.schema) {
      const result = validateWithPaths(c.schema.text, v);
      if (result) {
        parts.push(`${c.metadata.name}:\n${result.lines}`);
        if (file === undefined) {
          file = c.schema.source;
          origin = result.firstPath === undefined ? undefined : originOfPointer(v, result.firstPath);
        }
      }
    }
    for (const sub of c.dependencies) {
      const section = v.get(sub.metadata.name);
      visit(sub, section instanceof Map ? section : new Map(), depth + 1);
    }
  };
  visit(chart, values, 0);
  if (parts.length === 0) return undefined;
  return {
    message: `values don't meet the specifications of the schema(s) in the following chart(s):\n${parts.join("")}`,
    file: file!,
    ...(origin ? { origin } : {}),
  };
}

/** The origin of the value at a JSON pointer (`/image/tag`, `/ports/0`) of a values tree. */
function originOfPointer(values: Map<string, GoValue>, pointer: string): SourceRange | undefined {
  if (pointer === "") return undefined;
  const parts = pointer
    .slice(1)
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  let container: GoValue = values;
  let found: SourceRange | undefined;
  for (const part of parts) {
    if (container instanceof Map) {
      found = getOrigin(container, part) ?? found;
      container = container.get(part) ?? null;
    } else if (Array.isArray(container)) {
      const i = Number(part);
      found = getOrigin(container, i) ?? found;
      container = container[i] ?? null;
    } else break;
  }
  return found;
}

/** The error lines (each `- field: message\n`) or undefined when valid. */
export function validateOne(schemaText: string, values: Map<string, GoValue>): string | undefined {
  return validateWithPaths(schemaText, values)?.lines;
}

function validateWithPaths(schemaText: string, values: Map<string, GoValue>): { lines: string; firstPath?: string } | undefined {
  const data = toJson(values);
  if (quicklyValid(schemaText, data)) return undefined;
  const validate = compile(schemaText);
  if (typeof validate === "string") return { lines: `- (root): ${validate}\n` };
  if (validate(data)) return undefined;
  const errors = (validate.errors ?? []).filter((e) => !isWrapper(e));
  const lines = errors.map((e) => `- ${describe(e)}\n`);
  return {
    lines: lines.length > 0 ? lines.join("") : "- (root): does not match the schema\n",
    ...(errors[0] ? { firstPath: errors[0].instancePath } : {}),
  };
}

/** anyOf/oneOf report their branches' errors too; keep the summary line as gojsonschema does. */
function isWrapper(e: ErrorObject): boolean {
  return e.keyword === "if" || e.keyword === "$ref";
}

function field(pointer: string): string {
  if (pointer === "") return "(root)";
  return pointer
    .slice(1)
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .join(".");
}

function jsonType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function describe(e: ErrorObject): string {
  const f = field(e.instancePath);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "type": {
      const expected = Array.isArray(p.type) ? (p.type as string[]).join("/") : String(p.type);
      return `${f}: Invalid type. Expected: ${expected}, given: ${jsonType(e.data)}`;
    }
    case "required":
      return `${f}: ${String(p.missingProperty)} is required`;
    case "additionalProperties":
      return `${f}: Additional property ${String(p.additionalProperty)} is not allowed`;
    case "enum":
      return `${f}: ${f} must be one of the following: ${((p.allowedValues as unknown[]) ?? []).map((x) => JSON.stringify(x)).join(", ")}`;
    case "const":
      return `${f}: ${f} does not match: ${JSON.stringify(p.allowedValue)}`;
    case "minimum":
      return `${f}: Must be greater than or equal to ${String(p.limit)}`;
    case "maximum":
      return `${f}: Must be less than or equal to ${String(p.limit)}`;
    case "exclusiveMinimum":
      return `${f}: Must be greater than ${String(p.limit)}`;
    case "exclusiveMaximum":
      return `${f}: Must be less than ${String(p.limit)}`;
    case "minLength":
      return `${f}: String length must be greater than or equal to ${String(p.limit)}`;
    case "maxLength":
      return `${f}: String length must be less than or equal to ${String(p.limit)}`;
    case "pattern":
      return `${f}: Does not match pattern '${String(p.pattern)}'`;
    case "format":
      return `${f}: Does not match format '${String(p.format)}'`;
    case "minItems":
      return `${f}: Array must have at least ${String(p.limit)} items`;
    case "maxItems":
      return `${f}: Array must have at most ${String(p.limit)} items`;
    case "uniqueItems":
      return `${f}: array items[${String(p.j)},${String(p.i)}] must be unique`;
    case "multipleOf":
      return `${f}: Must be a multiple of ${String(p.multipleOf)}`;
    case "anyOf":
      return `${f}: Must validate at least one schema (anyOf)`;
    case "oneOf":
      return `${f}: Must validate one and only one schema (oneOf)`;
    case "allOf":
      return `${f}: Must validate all the schemas (allOf)`;
    case "not":
      return `${f}: Must not validate the schema (not)`;
    case "minProperties":
      return `${f}: Must have at least ${String(p.limit)} properties`;
    case "maxProperties":
      return `${f}: Must have at most ${String(p.limit)} properties`;
    default:
      return `${f}: ${e.message ?? e.keyword}`;
  }
}
