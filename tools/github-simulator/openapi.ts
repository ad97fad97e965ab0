/**
 * Request validation against GitHub's official OpenAPI description (npm `@octokit/openapi`).
 *
 * For every request the simulator receives it finds the documented operation (method + path template),
 * then checks the query string against the operation's declared query parameters and the JSON body against
 * the operation's request-body schema with ajv. GitHub's schemas rarely say `additionalProperties: false`,
 * so a misspelt field (`annotation`, `conclusions`, `lines`) would pass a plain schema check; this module
 * also refuses, recursively, any property that the schema does not declare.
 *
 * The spec file is read once per process (13 MB, about 0.2 s) and `$ref`s are resolved lazily, only for the
 * operations that are actually called.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";

export type SpecName = "api.github.com" | "ghes-3.19" | "ghes-3.18" | "ghes-3.17" | "ghec";

type JsonSchema = Record<string, any>;

interface Parameter {
  name: string;
  in: "query" | "path" | "header" | "cookie";
  required?: boolean;
  schema?: JsonSchema;
  "x-multi-segment"?: boolean;
}

export interface Operation {
  method: string;
  template: string;
  operationId: string;
  documentationUrl: string;
  parameters: Parameter[];
  bodySchema: JsonSchema | undefined;
  bodyRequired: boolean;
}

interface CompiledTemplate {
  template: string;
  segments: { literal?: string; param?: string }[];
  multiSegmentLast: boolean;
  literalCount: number;
}

export interface RouteMatch {
  operation: Operation;
  params: Record<string, string>;
}

/** One problem found with a request, in the shape GitHub uses inside `errors[]`. */
export interface ValidationProblem {
  resource: string;
  field: string;
  code: "missing_field" | "invalid" | "unprocessable" | "custom" | "missing";
  message: string;
}

const specCache = new Map<string, OpenApiDescription>();

export class OpenApiDescription {
  readonly specName: SpecName;
  private readonly spec: any;
  private readonly templatesByMethod = new Map<string, CompiledTemplate[]>();
  private readonly operations = new Map<string, Operation>();
  private readonly resolvedRefs = new Map<string, JsonSchema>();
  private readonly ajv: Ajv;
  private readonly bodyValidators = new Map<string, ValidateFunction>();
  private readonly paramValidators = new Map<string, ValidateFunction>();

  static load(specName: SpecName = "api.github.com"): OpenApiDescription {
    let description = specCache.get(specName);
    if (!description) {
      description = new OpenApiDescription(specName);
      specCache.set(specName, description);
    }
    return description;
  }

  private constructor(specName: SpecName) {
    this.specName = specName;
    const require = createRequire(import.meta.url);
    const file = require.resolve(`@octokit/openapi/generated/${specName}.json`);
    this.spec = JSON.parse(readFileSync(file, "utf8"));
    // Formats are checked loosely without ajv-formats: date-time by pattern, the rest accepted as strings.
    this.ajv = new Ajv({
      strict: false,
      allErrors: true,
      verbose: true,
      logger: false,
      formats: {
        "date-time": /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i,
        date: /^\d{4}-\d{2}-\d{2}$/,
        uri: true,
        "uri-template": true,
        email: true,
        hostname: true,
        int64: true,
        binary: true,
        "repo.nwo": true,
        uuid: true,
      },
    });
    for (const [template, item] of Object.entries<any>(this.spec.paths)) {
      for (const method of ["get", "post", "put", "patch", "delete"]) {
        const op = item[method];
        if (!op) continue;
        const key = `${method.toUpperCase()} ${template}`;
        const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(
          (p: any) => this.resolve(p) as Parameter,
        );
        const body = op.requestBody ? (this.resolve(op.requestBody) as any) : undefined;
        const jsonBody = body?.content?.["application/json"]?.schema;
        this.operations.set(key, {
          method: method.toUpperCase(),
          template,
          operationId: op.operationId,
          documentationUrl: op.externalDocs?.url ?? "https://docs.github.com/rest",
          parameters,
          bodySchema: jsonBody,
          bodyRequired: Boolean(body?.required),
        });
        const segments = template
          .split("/")
          .filter(Boolean)
          .map((s) => {
            const m = /^\{([^}]+)\}$/.exec(s);
            return m ? { param: m[1] } : { literal: s };
          });
        const last = segments[segments.length - 1];
        const multiSegmentLast = Boolean(
          last?.param && parameters.some((p) => p.name === last.param && p["x-multi-segment"]),
        );
        const list = this.templatesByMethod.get(method.toUpperCase()) ?? [];
        list.push({
          template,
          segments,
          multiSegmentLast,
          literalCount: segments.filter((s) => s.literal).length,
        });
        this.templatesByMethod.set(method.toUpperCase(), list);
      }
    }
    for (const list of this.templatesByMethod.values()) {
      // Prefer the most specific template: more literal segments first, then fewer segments.
      list.sort((a, b) => b.literalCount - a.literalCount || a.segments.length - b.segments.length);
    }
  }

  /** True when some documented operation has this path, whatever the method (a 404 vs a 405-ish answer). */
  hasPath(rawPath: string): boolean {
    for (const method of this.templatesByMethod.keys()) if (this.match(method, rawPath)) return true;
    return false;
  }

  /** Finds the documented operation for `method` and a raw (still percent-encoded) path below the API root. */
  match(method: string, rawPath: string): RouteMatch | undefined {
    const parts = rawPath.split("/").filter(Boolean);
    for (const t of this.templatesByMethod.get(method.toUpperCase()) ?? []) {
      const params = matchTemplate(t, parts);
      if (params) return { operation: this.operations.get(`${method.toUpperCase()} ${t.template}`)!, params };
    }
    return undefined;
  }

  operation(method: string, template: string): Operation | undefined {
    return this.operations.get(`${method.toUpperCase()} ${template}`);
  }

  /** Checks query parameters: undeclared ones are refused, declared ones must fit their schema. */
  validateQuery(operation: Operation, query: URLSearchParams): ValidationProblem[] {
    const problems: ValidationProblem[] = [];
    const declared = new Map(operation.parameters.filter((p) => p.in === "query").map((p) => [p.name, p]));
    for (const name of new Set(query.keys())) {
      const parameter = declared.get(name);
      if (!parameter) {
        problems.push({
          resource: operation.operationId,
          field: name,
          code: "invalid",
          message: `"${name}" is not a query parameter of ${operation.method} ${operation.template}.`,
        });
        continue;
      }
      const schema = parameter.schema ? this.deref(parameter.schema) : { type: "string" };
      const raw = query.get(name)!;
      const value = coerceQueryValue(raw, schema);
      const key = `${operation.operationId}?${name}`;
      let validate = this.paramValidators.get(key);
      if (!validate) {
        validate = this.ajv.compile(schema);
        this.paramValidators.set(key, validate);
      }
      if (!validate(value)) {
        problems.push({
          resource: operation.operationId,
          field: name,
          code: "invalid",
          message: `${JSON.stringify(raw)} is not a valid value for query parameter "${name}": ${this.ajv.errorsText(validate.errors)}.`,
        });
      }
    }
    for (const parameter of declared.values()) {
      if (parameter.required && !query.has(parameter.name)) {
        problems.push({
          resource: operation.operationId,
          field: parameter.name,
          code: "missing_field",
          message: `Query parameter "${parameter.name}" wasn't supplied.`,
        });
      }
    }
    return problems;
  }

  /**
   * Validates a parsed JSON body. `undefined` means no body was sent. Returns GitHub-style problems: schema
   * violations from ajv (types, enums, required, maxItems, maxLength) and undeclared properties at any depth.
   */
  validateBody(operation: Operation, body: unknown): ValidationProblem[] {
    if (!operation.bodySchema) {
      if (body === undefined || (isPlainObject(body) && Object.keys(body).length === 0)) return [];
      return [
        {
          resource: operation.operationId,
          field: "",
          code: "invalid",
          message: `${operation.method} ${operation.template} takes no JSON body.`,
        },
      ];
    }
    if (body === undefined) {
      if (!operation.bodyRequired) return [];
      return [{ resource: operation.operationId, field: "", code: "missing", message: "A JSON body is required." }];
    }
    const key = `${operation.method} ${operation.template}`;
    let validate = this.bodyValidators.get(key);
    const schema = this.deref(operation.bodySchema);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.bodyValidators.set(key, validate);
    }
    const problems: ValidationProblem[] = [];
    if (!validate(body)) {
      for (const error of validate.errors ?? []) problems.push(describeAjvError(operation, error));
    }
    for (const path of undeclaredProperties(body, schema, "")) {
      const field = path.slice(path.lastIndexOf("/") + 1);
      problems.push({
        resource: operation.operationId,
        field: path,
        code: "invalid",
        message: `"${field}" is not a permitted key.${path.includes("/") ? ` (at ${path})` : ""}`,
      });
    }
    return dedupeProblems(problems);
  }

  /** Resolves every `$ref` inside `node` (cycles become `{}`). */
  deref(node: JsonSchema, stack: string[] = []): JsonSchema {
    if (Array.isArray(node)) return node.map((n) => this.deref(n, stack)) as any;
    if (!node || typeof node !== "object") return node;
    if (typeof node.$ref === "string") {
      const ref = node.$ref;
      if (stack.includes(ref)) return {};
      const cached = this.resolvedRefs.get(ref);
      if (cached) return cached;
      const resolved = this.deref(this.lookup(ref), [...stack, ref]);
      this.resolvedRefs.set(ref, resolved);
      return resolved;
    }
    const out: JsonSchema = {};
    for (const [k, v] of Object.entries(node)) out[k] = typeof v === "object" && v !== null ? this.deref(v, stack) : v;
    return out;
  }

  private resolve(node: any): any {
    return node && typeof node.$ref === "string" ? this.resolve(this.lookup(node.$ref)) : node;
  }

  private lookup(ref: string): any {
    if (!ref.startsWith("#/")) throw new Error(`external $ref not supported: ${ref}`);
    let node = this.spec;
    for (const part of ref.slice(2).split("/")) node = node?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
    if (node === undefined) throw new Error(`unresolvable $ref ${ref}`);
    return node;
  }
}

function matchTemplate(t: CompiledTemplate, parts: string[]): Record<string, string> | undefined {
  const n = t.segments.length;
  if (t.multiSegmentLast ? parts.length < n : parts.length !== n) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    const segment = t.segments[i];
    const isLast = i === n - 1;
    if (segment.literal !== undefined) {
      if (parts[i] !== segment.literal) return undefined;
      continue;
    }
    const raw = isLast && t.multiSegmentLast ? parts.slice(i).join("/") : parts[i];
    try {
      params[segment.param!] = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
  }
  return params;
}

function coerceQueryValue(raw: string, schema: JsonSchema): unknown {
  const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes("integer") || types.includes("number")) {
    if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  }
  if (types.includes("boolean") && (raw === "true" || raw === "false")) return raw === "true";
  if (types.includes("array")) return raw.split(",");
  return raw;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** All schema alternatives that apply to a value: the schema itself plus its allOf/anyOf/oneOf branches. */
function flattenAlternatives(schema: JsonSchema | undefined, out: JsonSchema[] = []): JsonSchema[] {
  if (!schema || typeof schema !== "object") return out;
  out.push(schema);
  for (const key of ["allOf", "anyOf", "oneOf"]) {
    if (Array.isArray(schema[key])) for (const sub of schema[key]) flattenAlternatives(sub, out);
  }
  return out;
}

/**
 * JSON-pointer-like paths of properties that no applicable schema declares. An object schema that declares
 * no properties at all (a free-form map such as `inputs`) or allows `additionalProperties` accepts any key.
 */
export function undeclaredProperties(value: unknown, schema: JsonSchema | undefined, path: string): string[] {
  const alternatives = flattenAlternatives(schema);
  if (alternatives.length === 0) return [];
  if (Array.isArray(value)) {
    const itemSchemas = alternatives.map((s) => s.items).filter((s) => s && typeof s === "object");
    if (itemSchemas.length === 0) return [];
    const itemSchema = itemSchemas.length === 1 ? itemSchemas[0] : { anyOf: itemSchemas };
    return value.flatMap((item, i) => undeclaredProperties(item, itemSchema, `${path}/${i}`));
  }
  if (!isPlainObject(value)) return [];
  const declared = new Map<string, JsonSchema[]>();
  let open = false;
  let anyProperties = false;
  for (const [index, alt] of alternatives.entries()) {
    const extra = alt.additionalProperties;
    // A map schema (additionalProperties with a real schema) accepts any key. `true` or `{}` opens the
    // object only on the schema itself: inside anyOf/oneOf branches it is JSON Schema's idiom for "other
    // keys are governed by the parent", as in checks/update.
    if (isPlainObject(extra) && Object.keys(extra).length > 0) open = true;
    if (index === 0 && (extra === true || (isPlainObject(extra) && Object.keys(extra).length === 0))) open = true;
    if (isPlainObject(alt.properties)) {
      anyProperties = true;
      for (const [k, v] of Object.entries(alt.properties as Record<string, JsonSchema>)) {
        declared.set(k, [...(declared.get(k) ?? []), v]);
      }
    }
  }
  const problems: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const childSchemas = declared.get(key);
    if (!childSchemas) {
      if (anyProperties && !open) problems.push(`${path}/${key}`.replace(/^\//, ""));
      continue;
    }
    const childSchema = childSchemas.length === 1 ? childSchemas[0] : { anyOf: childSchemas };
    for (const p of undeclaredProperties(child, childSchema, `${path}/${key}`)) problems.push(p.replace(/^\//, ""));
  }
  return problems;
}

function describeAjvError(operation: Operation, e: ErrorObject): ValidationProblem {
  const where = e.instancePath.replace(/^\//, "") || "(body)";
  const base = { resource: operation.operationId, field: where };
  const p = e.params as Record<string, any>;
  switch (e.keyword) {
    case "required":
      return { ...base, field: p.missingProperty, code: "missing_field", message: `"${p.missingProperty}" wasn't supplied.` };
    case "maxItems":
      return {
        ...base,
        code: "invalid",
        message: `For '${where}', no more than ${p.limit} items are allowed; ${Array.isArray(e.data) ? e.data.length : "more"} were supplied.`,
      };
    case "maxLength":
      return {
        ...base,
        code: "invalid",
        message: `For '${where}', only ${p.limit} characters are allowed; ${typeof e.data === "string" ? e.data.length : "more"} were supplied.`,
      };
    case "enum":
      return {
        ...base,
        code: "invalid",
        message: `For '${where}', the value is not a member of [${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}].`,
      };
    case "additionalProperties":
      return { ...base, field: p.additionalProperty, code: "invalid", message: `"${p.additionalProperty}" is not a permitted key.` };
    default:
      return { ...base, code: "invalid", message: `For '${where}', ${e.message ?? "the value is invalid"}.` };
  }
}

function dedupeProblems(problems: ValidationProblem[]): ValidationProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.field}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
