import { expect, it } from "@jest/globals";
import { readFileSync } from "node:fs";
import { renderRulesTable, withRulesTable } from "../../tools/readme/rules-table.js";
import { allRules } from "../../rules/index.js";

it("the README lists every rule with its severity and level (run `npm run docs` when this fails)", () => {
  const readme = readFileSync("README.md", "utf8");
  const table = renderRulesTable(allRules().map((r) => r.meta));
  expect(readme).toBe(withRulesTable(readme, table));
  for (const r of allRules()) expect(readme).toContain(`[\`${r.meta.id}\`]`);
});
