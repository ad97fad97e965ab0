/**
 * Shared by the differential tests of the fast YAML readers (values-fast, Kustomize's yaml-fast,
 * the engine's fast-documents): the YAML files under a folder, a seeded PRNG, and line mutations.
 */
import { readdirSync, statSync } from "node:fs";
import { isAlias, isCollection, isPair, isScalar, type Document } from "yaml";
import { join } from "node:path";

/** Every YAML file under `dir` (flattened corpus names ending in `yaml` included). */
export function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) yamlFiles(path, out);
    else if (/\.ya?ml$/.test(name) || /__[^_]*ya?ml$/.test(name)) out.push(path);
  }
  return out;
}

/** A small deterministic PRNG (mulberry32), so a failure names a seed that reproduces it. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One to three random edits of `lines` (drop a line, indent or dedent one, insert a token, drop a
 * character), returned as a text ending with one newline.
 */
export function mutate(source: readonly string[], r: () => number, inserts: readonly string[]): string {
  const lines = [...source];
  const n = 1 + Math.floor(r() * 3);
  for (let k = 0; k < n; k += 1) {
    const i = Math.floor(r() * lines.length);
    const line = lines[i] ?? "";
    const kind = Math.floor(r() * 5);
    if (kind === 0) lines.splice(i, 1);
    else if (kind === 1) lines[i] = ` ${line}`;
    else if (kind === 2) lines[i] = line.replace(/^ {1,2}/, "");
    else if (kind === 3) {
      const at = Math.floor(r() * (line.length + 1));
      lines[i] = line.slice(0, at) + inserts[Math.floor(r() * inserts.length)]! + line.slice(at);
    } else {
      const at = Math.floor(r() * line.length);
      lines[i] = line.slice(0, at) + line.slice(at + 1);
    }
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

/** Every node of a yaml document, in order: where it is, what it is, its value, format, source, tag and anchor. */
export function structure(doc: Document.Parsed): unknown[] {
  const out: unknown[] = [["doc", doc.range, doc.errors.length, doc.warnings.length]];
  const walk = (node: unknown, path: string): void => {
    if (isPair(node)) {
      walk(node.key, `${path}.key`);
      walk(node.value, `${path}.value`);
      return;
    }
    if (node === null || node === undefined) {
      out.push([path, null]);
      return;
    }
    const n = node as { range?: unknown; type?: unknown; format?: unknown; minFractionDigits?: unknown; source?: unknown; tag?: unknown; anchor?: unknown };
    if (isScalar(node)) out.push([path, "scalar", n.range, n.type, typeof node.value === "bigint" ? `${node.value}n` : node.value, n.format, n.minFractionDigits, n.source, n.tag, n.anchor]);
    else if (isAlias(node)) out.push([path, "alias", n.range]);
    else if (isCollection(node)) {
      out.push([path, node.constructor.name, n.range, (node as { flow?: boolean }).flow ?? false, n.tag, n.anchor]);
      node.items.forEach((item, i) => walk(item, `${path}[${i}]`));
    }
  };
  walk(doc.contents, "$");
  return out;
}
