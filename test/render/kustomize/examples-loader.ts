/**
 * Turns Kustomize's documented examples (examples/*.md: shell steps with heredocs) into build
 * cases: a tiny interpreter for the shell the examples use (variables, cd, heredocs written to
 * files, `kustomize build DIR`) snapshots the files at every build. Examples that need what cannot
 * be reproduced here (network downloads, `kustomize edit`, plugins, helm) are returned as skipped
 * with the reason.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface ExampleCase {
  /** "<file>#<n>": the n-th build of the example. */
  name: string;
  /** Repository-relative build folder inside `files`. */
  dir: string;
  files: Record<string, string>;
}

export interface ExampleFile {
  file: string;
  cases: ExampleCase[];
  skipped?: string;
}

const UNSUPPORTED: [RegExp, string][] = [
  [/\bkustomize edit\b/, "uses `kustomize edit`"],
  [/\bcurl\b|\bwget\b|\bgit clone\b/, "downloads its inputs"],
  [/--enable[-_]alpha[-_]plugins|--enable-helm|--helm-command/, "needs plugins or helm"],
  [/\bsed -i\b|\bmv \b|\bcp \b|\brm \b/, "edits files with shell commands the loader does not replay"],
  [/github\.com\/kubernetes-sigs\/kustomize\/|\?ref=|^- https?:\/\//m, "needs remote resources"],
  [/^openapi:/m, "uses a custom OpenAPI schema (openapi: is ignored by this renderer)"],
  [/^(transformers|generators|validators):/m, "configures plugins through transformers:/generators:"],
];

export function loadExamples(examplesDir: string): ExampleFile[] {
  const out: ExampleFile[] = [];
  for (const name of readdirSync(examplesDir).sort()) {
    if (!name.endsWith(".md") || name === "README.md") continue;
    out.push(loadExample(name, readFileSync(join(examplesDir, name), "utf8")));
  }
  return out;
}

/** The shell blocks of an example: fenced blocks without a language, or marked shell/sh/bash. */
function shellBlocks(md: string): string[] {
  const blocks: string[] = [];
  let current: string[] | undefined;
  let shell = false;
  for (const line of md.split("\n")) {
    const fence = /^\s*```\s*(\w*)\s*$/.exec(line);
    if (fence) {
      if (current === undefined) {
        current = [];
        shell = ["", "shell", "sh", "bash"].includes(fence[1]!);
      } else {
        if (shell) blocks.push(current.join("\n"));
        current = undefined;
      }
      continue;
    }
    current?.push(line);
  }
  return blocks;
}

export function loadExample(file: string, md: string): ExampleFile {
  const blocks = shellBlocks(md);
  const script = blocks.join("\n");
  for (const [re, reason] of UNSUPPORTED) {
    if (re.test(script)) return { file, cases: [], skipped: reason };
  }
  const vars = new Map<string, string>();
  const files = new Map<string, string>();
  let cwd = "/demo";
  const cases: ExampleCase[] = [];
  const expand = (s: string): string =>
    s.replace(/\\\$/g, "\uE000").replace(/\$\{(\w+)\}|\$(\w+)/g, (all, a: string | undefined, b: string | undefined) => {
      const v = vars.get((a ?? b)!);
      return v ?? all;
    }).replace(/\uE000/g, "$");
  const abs = (p: string): string => {
    const full = p.startsWith("/") ? p : `${cwd}/${p}`;
    const parts: string[] = [];
    for (const s of full.split("/")) {
      if (s === "" || s === ".") continue;
      if (s === "..") parts.pop();
      else parts.push(s);
    }
    return `/${parts.join("/")}`;
  };
  const lines = script.split("\n");
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!.trim();
    if (line === "" || line.startsWith("#")) continue;
    let m: RegExpExecArray | null;
    if ((m = /^(\w+)=\$\(mktemp -d\)$/.exec(line))) {
      vars.set(m[1]!, "/demo");
      continue;
    }
    if ((m = /^(?:export\s+)?(\w+)=("?)([^"\s]*)\2$/.exec(line))) {
      vars.set(m[1]!, expand(m[3]!));
      continue;
    }
    if ((m = /^cd\s+(\S+)$/.exec(line))) {
      cwd = abs(expand(m[1]!));
      continue;
    }
    if ((m = /^cat\s+(?:<<-?\s*(['"]?)(\w+)\1\s*(>>?)\s*(\S+)|(>>?)\s*(\S+)\s*<<-?\s*(['"]?)(\w+)\7)\s*$/.exec(line))) {
      const quoted = (m[1] ?? m[7]) !== "";
      const tag = (m[2] ?? m[8])!;
      const append = (m[3] ?? m[5]) === ">>";
      const target = abs(expand((m[4] ?? m[6])!));
      const body: string[] = [];
      for (i += 1; i < lines.length && lines[i] !== tag; i += 1) body.push(lines[i]!);
      const text = body.join("\n") + "\n";
      files.set(target, (append ? (files.get(target) ?? "") : "") + (quoted ? text : expand(text)));
      continue;
    }
    const builds = [...line.matchAll(/kustomize build((?:\s+--?[\w-]+(?:[= ]\S+)?)*)\s+([^\s|)>;]+)/g)];
    for (const b of builds) {
      const dir = abs(expand(b[2]!));
      const snapshot: Record<string, string> = {};
      for (const [p, t] of files) if (p.startsWith("/demo/")) snapshot[p.slice("/demo/".length)] = t;
      cases.push({ name: `${file}#${cases.length + 1}`, dir: dir === "/demo" ? "" : dir.slice("/demo/".length), files: snapshot });
    }
  }
  // The same build repeated without file changes in between is one case.
  const unique: ExampleCase[] = [];
  for (const c of cases) {
    const prev = unique[unique.length - 1];
    if (prev && prev.dir === c.dir && JSON.stringify(prev.files) === JSON.stringify(c.files)) continue;
    unique.push({ ...c, name: `${file}#${unique.length + 1}` });
  }
  if (unique.length === 0) return { file, cases: [], skipped: "no `kustomize build` the loader can replay" };
  return { file, cases: unique };
}
