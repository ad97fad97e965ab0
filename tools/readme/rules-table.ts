/**
 * The README's rule table, rendered from the rules' own metadata and written between the
 * `<!-- rules-table:start -->` / `<!-- rules-table:end -->` markers. A test fails when the README
 * is stale; `npm run docs` rewrites it.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import type { RuleMeta } from "../../src/engine/types.js";
import { allRules } from "../../rules/index.js";

const FAMILY: Record<string, string> = {
  dockerfile: "Dockerfile",
  kubernetes: "Kubernetes",
  compose: "Compose",
  cross: "Across files",
  scan: "Engine",
};

function level(meta: RuleMeta): string {
  if (meta.profile) return `PSS ${meta.profile}`;
  if (meta.requiresConfig) return `with \`${meta.requiresConfig}\``;
  if (meta.kind === "kubernetes") return "beyond PSS";
  return "";
}

export function renderRulesTable(metas: readonly RuleMeta[]): string {
  const lines = ["| family | rule | severity | level | what it finds |", "|---|---|---|---|---|"];
  for (const m of metas) {
    lines.push(
      `| ${FAMILY[m.kind] ?? m.kind} | [\`${m.id}\`](docs/rules/${m.id}.md) | ${m.severity} | ${level(m)} | ${m.title}${m.fixable ? " (one-click fix)" : ""} |`,
    );
  }
  return `${lines.join("\n")}\n`;
}

const START = "<!-- rules-table:start -->\n";
const END = "<!-- rules-table:end -->";

export function withRulesTable(readme: string, table: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error("README.md has no rules-table markers");
  return readme.slice(0, start + START.length) + table + readme.slice(end);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const path = "README.md";
  const next = withRulesTable(readFileSync(path, "utf8"), renderRulesTable(allRules().map((r) => r.meta)));
  writeFileSync(path, next);
  console.log(`README.md: rule table written (${allRules().length} rules)`);
}
