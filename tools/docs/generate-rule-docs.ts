/**
 * Writes docs/rules/<rule-id>.md for every registered rule and docs/rules/README.md (the index),
 * rendered from the rules' metadata by render-rule-docs.ts. Generated pages of rules that no longer
 * exist are deleted (only pages carrying the generated notice; hand-written files are left alone).
 *
 *   npm run docs                                          # build, then write the docs
 *   node lib/tools/docs/generate-rule-docs.js --check     # exit 1 when the docs are stale; writes nothing
 *
 * Run from the repository root.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { allRules } from "../../rules/index.js";
import { GENERATED_NOTICE, renderAllRuleDocs } from "./render-rule-docs.js";

const RULES_DIR = "docs/rules";

function listMarkdown(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listMarkdown(path);
    return entry.name.endsWith(".md") ? [path] : [];
  });
}

function main(args: string[]): number {
  const check = args.includes("--check");
  const metas = allRules().map((r) => r.meta);
  const ids = metas.map((m) => m.id);
  const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (duplicates.length > 0) {
    console.error(`duplicate rule IDs: ${[...new Set(duplicates)].join(", ")}`);
    return 1;
  }
  const wanted = renderAllRuleDocs(metas);
  const orphans = listMarkdown(RULES_DIR)
    .map((p) => relative(".", p).split("\\").join("/"))
    .filter((p) => !wanted.has(p) && readFileSync(p, "utf8").startsWith(GENERATED_NOTICE));

  const stale = [...wanted].filter(([path, text]) => !existsSync(path) || readFileSync(path, "utf8") !== text).map(([path]) => path);
  if (check) {
    for (const path of stale) console.error(`stale or missing: ${path}`);
    for (const path of orphans) console.error(`no such rule any more: ${path}`);
    if (stale.length + orphans.length > 0) {
      console.error("run `npm run docs` and commit docs/rules/");
      return 1;
    }
    console.log(`rule docs are up to date (${metas.length} rules)`);
    return 0;
  }
  for (const path of stale) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, wanted.get(path) ?? "");
  }
  for (const path of orphans) rmSync(path);
  console.log(`rule docs: ${metas.length} rules, ${stale.length} written, ${orphans.length} removed`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
