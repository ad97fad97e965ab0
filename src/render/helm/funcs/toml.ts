/**
 * Helm's toToml (BurntSushi/toml's encoder, as documented: keys sorted, plain keys before
 * sub-tables, sub-tables indented by two spaces per level, arrays of maps as [[tables]], floats
 * always with a decimal point, nil values left out) and fromToml (smol-toml's parser; numbers keep
 * their TOML type: integers int64, floats float64).
 */
import { parse as parseToml } from "smol-toml";
import { TracedString, structFields, type GoObject, type GoValue } from "../template/values.js";
import { GoTime, formatFloatG, plain } from "./convert.js";
import { formatRFC3339Nano } from "./dates.js";
import { compareBytes } from "./strings.js";

class TomlError extends Error {}

function key(k: string): string {
  return /^[A-Za-z0-9_-]+$/.test(k) ? k : tomlString(k);
}

function tomlString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (c < 0x20 || c === 0x7f) out += `\\u${c.toString(16).toUpperCase().padStart(4, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

function entriesOf(v: GoValue): [string, GoValue][] | undefined {
  if (v instanceof Map) return [...v.keys()].sort(compareBytes).map((k) => [k, v.get(k) ?? null]);
  if (typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof TracedString) && !(v instanceof GoTime)) {
    return structFields(v as GoObject).filter(([k]) => /^[A-Z]/.test(k));
  }
  return undefined;
}

function isTable(v: GoValue): boolean {
  return entriesOf(plain(v)) !== undefined;
}

function isTableArray(v: GoValue): boolean {
  v = plain(v);
  return Array.isArray(v) && v.length > 0 && v.every((x) => isTable(x));
}

function scalar(v: GoValue, depth: number): string {
  if (depth > 1000) throw new TomlError("toml: value nested too deeply");
  v = plain(v);
  if (v === null || v === undefined) throw new TomlError("toml: cannot encode a nil value");
  switch (typeof v) {
    case "boolean":
      return v ? "true" : "false";
    case "string":
      return tomlString(v);
    case "bigint":
      return v.toString();
    case "number": {
      if (Number.isNaN(v)) return "nan";
      if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
      const s = formatFloatG(v);
      return /[.eEn]/.test(s) ? s : `${s}.0`;
    }
    default:
      break;
  }
  if (v instanceof GoTime) return formatRFC3339Nano(v);
  if (v instanceof Uint8Array) return `[${Array.from(v).join(", ")}]`;
  if (Array.isArray(v)) return `[${v.map((x) => scalar(x, depth + 1)).join(", ")}]`;
  const e = entriesOf(v)!;
  return `{${e.filter(([, x]) => x !== null).map(([k, x]) => `${key(k)} = ${scalar(x, depth + 1)}`).join(", ")}}`;
}

function table(out: string[], path: string[], entries: [string, GoValue][], indent: string, depth: number): void {
  if (depth > 1000) throw new TomlError("toml: value nested too deeply");
  for (const [k, v] of entries) {
    if (v === null || isTable(v) || isTableArray(v)) continue;
    out.push(`${indent}${key(k)} = ${scalar(v, depth)}\n`);
  }
  for (const [k, v] of entries) {
    if (v === null) continue;
    const p = [...path, k];
    if (isTable(v)) {
      if (out.length > 0) out.push("\n");
      out.push(`${indent}[${p.map(key).join(".")}]\n`);
      table(out, p, entriesOf(plain(v))!, `${indent}  `, depth + 1);
    } else if (isTableArray(v)) {
      for (const item of plain(v) as GoValue[]) {
        if (out.length > 0) out.push("\n");
        out.push(`${indent}[[${p.map(key).join(".")}]]\n`);
        table(out, p, entriesOf(plain(item))!, `${indent}  `, depth + 1);
      }
    }
  }
}

/** toToml: the TOML text, or the encoder's error text (as Helm returns it). */
export function toToml(v: GoValue): string {
  const entries = entriesOf(plain(v));
  if (!entries) return "toml: top-level values must be Go maps or structs";
  const out: string[] = [];
  try {
    table(out, [], entries, "", 0);
  } catch (e) {
    if (e instanceof TomlError) return e.message;
    throw e;
  }
  return out.join("");
}

function fromJs(v: unknown, depth: number): GoValue {
  if (depth > 1000) throw new TomlError("toml: value nested too deeply");
  if (v === null || v === undefined) return null;
  if (typeof v === "bigint") return BigInt.asIntN(64, v);
  if (typeof v === "number") return v;
  if (typeof v === "boolean" || typeof v === "string") return v;
  if (v instanceof Date) return new GoTime(v.getTime(), 0, "UTC");
  if (Array.isArray(v)) return v.map((x) => fromJs(x, depth + 1));
  if (typeof v === "object") {
    const m = new Map<string, GoValue>();
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) m.set(k, fromJs(x, depth + 1));
    return m;
  }
  return String(v);
}

/** fromToml: a map, with an "Error" key when the text does not parse (as Helm does). */
export function fromToml(text: string): Map<string, GoValue> {
  try {
    const parsed = parseToml(text, { integersAsBigInt: true }) as unknown;
    const v = fromJs(parsed, 0);
    return v instanceof Map ? v : new Map();
  } catch (e) {
    const m = new Map<string, GoValue>();
    m.set("Error", `toml: ${(e as Error).message.split("\n")[0]}`);
    return m;
  }
}
