/**
 * Golden cases for the template engine (test/render/helm/template/golden/*.json): a template
 * named "x" (plus other named templates in `more`), data, and the expected output or error
 * message. Data is JSON as Helm decodes values (numbers are float64), with {"$int": "5"} for a Go
 * int and {"$bytes": "hi"} for a []byte. Cases marked `oracleExempt` use Go features newer than
 * the Go of the differential oracle (tools/go-oracle) and are checked only against `expect`.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { TemplateSet, type GoValue, type MissingKey } from "../../../../src/render/helm/template/index.js";

export interface GoldenCase {
  name: string;
  template: string;
  more?: Record<string, string>;
  data?: unknown;
  missingkey?: MissingKey;
  expect?: string;
  error?: string;
  oracleExempt?: string;
}

const HERE = dirname(fileURLToPath(import.meta.url));

export function loadGolden(file: string): GoldenCase[] {
  return JSON.parse(readFileSync(resolve(HERE, "golden", file), "utf8")) as GoldenCase[];
}

/** JSON data as Go values (objects become Maps, numbers float64). */
export function toGo(v: unknown): GoValue {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map(toGo);
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && typeof o.$int === "string") return BigInt(o.$int);
    if (keys.length === 1 && typeof o.$bytes === "string") return new TextEncoder().encode(o.$bytes);
    return new Map(keys.map((k) => [k, toGo(o[k])]));
  }
  return v as GoValue;
}

/** Runs a case through our engine: the output, or the error message. */
export function runCase(c: GoldenCase): { out?: string; err?: string } {
  const set = new TemplateSet(c.missingkey ? { missingKey: c.missingkey } : {});
  try {
    set.parse("x", c.template, { file: "templates/x.yaml", line: 1, column: 1 });
    for (const [name, text] of Object.entries(c.more ?? {})) set.parse(name, text, { file: `templates/${name}.yaml`, line: 1, column: 1 });
    return { out: set.execute("x", c.data === undefined ? null : toGo(c.data)).text };
  } catch (e) {
    return { err: (e as Error).message };
  }
}
