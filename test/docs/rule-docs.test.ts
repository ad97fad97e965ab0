/**
 * Every registered rule has a generated doc page, and the committed pages equal a fresh rendering of
 * the rules' metadata. When this fails: `npm run docs`, then commit docs/rules/.
 */
import { describe, expect, it } from "@jest/globals";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { allRules } from "../../rules/index.js";
import type { RuleMeta } from "../../src/engine/types.js";
import { ruleDocPath, ruleDocUrl } from "../../src/report/rule-docs.js";
import { GENERATED_NOTICE, describeStandard, renderRuleDoc, renderRuleIndex } from "../../tools/docs/render-rule-docs.js";

const metas = allRules().map((r) => r.meta);

function committed(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}

function markdownUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? markdownUnder(join(dir, e.name)) : e.name.endsWith(".md") ? [relative(".", join(dir, e.name)).split("\\").join("/")] : [],
  );
}

describe("committed rule docs", () => {
  it("has rules to document, each with a unique ID", () => {
    expect(metas.length).toBeGreaterThan(0);
    const ids = metas.map((m) => m.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it.each(metas.map((m) => [m.id, m] as const))("%s has an up-to-date page (else run `npm run docs`)", (_id, meta) => {
    const path = ruleDocPath(meta.id);
    const text = committed(path);
    expect({ path, exists: text !== undefined }).toEqual({ path, exists: true });
    expect(text).toBe(renderRuleDoc(meta));
  });

  it("has an up-to-date index docs/rules/README.md", () => {
    expect(committed("docs/rules/README.md")).toBe(renderRuleIndex(metas));
  });

  it("has no generated page for a rule that no longer exists", () => {
    const wanted = new Set([...metas.map((m) => ruleDocPath(m.id)), "docs/rules/README.md"]);
    const orphans = markdownUnder("docs/rules").filter((p) => !wanted.has(p) && readFileSync(p, "utf8").startsWith(GENERATED_NOTICE));
    expect(orphans).toEqual([]);
  });

  it("gives every rule the text its page needs (title, rationale, remediation)", () => {
    const incomplete = metas.filter((m) => !m.title.trim() || !m.rationale.trim() || !m.remediation.trim()).map((m) => m.id);
    expect(incomplete).toEqual([]);
  });

  it("points review comments and SARIF helpUri at the page that exists", () => {
    for (const meta of metas) {
      const url = ruleDocUrl(meta.id, "https://example.test/repo/blob/main/docs/rules/");
      expect(url.replace("https://example.test/repo/blob/main/", "")).toBe(ruleDocPath(meta.id));
    }
  });
});

const sample: RuleMeta = {
  id: "k8s/privileged",
  kind: "kubernetes",
  title: "Privileged container",
  severity: "error",
  rationale: "A privileged container has every capability and the host's devices.",
  remediation: "Remove `privileged: true`.",
  references: [{ title: "Pod Security Standards", url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/" }],
  standards: ["pss-baseline", "cis-k8s-5.2.1", "custom-tag"],
  profile: "baseline",
  examples: { bad: "securityContext:\n  privileged: true", good: "securityContext:\n  privileged: false" },
  fixable: true,
};

describe("renderRuleDoc", () => {
  const page = renderRuleDoc(sample);

  it("renders every section from the metadata, in order", () => {
    let inFence = false;
    const headings = page.split("\n").filter((l) => {
      if (l.startsWith("```")) inFence = !inFence;
      return !inFence && l.startsWith("#");
    });
    expect(headings).toEqual([
      "# Privileged container",
      "## What it checks",
      "## Why it matters",
      "## Example",
      "## How to fix",
      "## Suppressing a finding",
      "## References",
    ]);
    expect(page.startsWith(GENERATED_NOTICE)).toBe(true);
    expect(page).toContain("| Default severity | error |");
    expect(page).toContain("| Level | baseline (on in both profiles) |");
    expect(page).toContain("Pod Security Standards: Baseline (`pss-baseline`); CIS Kubernetes Benchmark 5.2.1 (`cis-k8s-5.2.1`); custom-tag (`custom-tag`)");
    expect(page).toContain("A privileged container has every capability and the host's devices.");
    expect(page).toContain("```yaml\nsecurityContext:\n  privileged: true\n```");
    expect(page).toContain("- [Pod Security Standards](https://kubernetes.io/docs/concepts/security/pod-security-standards/)");
    expect(page).toContain("    ignore.container-review.dev/privileged: \"<why this does not apply here>\"");
    expect(page).toContain("[All rules](../README.md)");
  });

  it("changes when the metadata changes, so stale docs are caught", () => {
    expect(renderRuleDoc({ ...sample, rationale: "Something else." })).not.toBe(page);
    expect(renderRuleDoc({ ...sample, severity: "warning" })).not.toBe(page);
    expect(renderRuleDoc({ ...sample, examples: { bad: "x: 1", good: "x: 2" } })).not.toBe(page);
  });

  it("uses a longer fence when an example contains backticks, and dockerfile fences for Dockerfile rules", () => {
    const df = renderRuleDoc({
      ...sample,
      id: "dockerfile/example",
      kind: "dockerfile",
      examples: { bad: "RUN echo ```", good: "RUN echo ok" },
    });
    expect(df).toContain("````dockerfile\nRUN echo ```\n````");
    expect(df).not.toContain("ignore.container-review.dev/");
  });

  it("leaves out sections without content", () => {
    const bare = renderRuleDoc({ ...sample, examples: undefined, references: [], standards: [] });
    expect(bare).not.toContain("## Example");
    expect(bare).not.toContain("## References");
    expect(bare).not.toContain("| Standards |");
  });
});

describe("renderRuleIndex", () => {
  it("lists every rule with a link to its page, grouped by family", () => {
    const index = renderRuleIndex([sample, { ...sample, id: "dockerfile/root-user", kind: "dockerfile", title: "Runs as root", profile: undefined, fixable: false }]);
    expect(index).toContain("2 rules: 2 error, 0 warning, 0 info by default.");
    expect(index.indexOf("## dockerfile")).toBeLessThan(index.indexOf("## k8s"));
    expect(index).toContain("| [`k8s/privileged`](k8s/privileged.md) | Privileged container | error | baseline |");
    expect(index).toContain("| [`dockerfile/root-user`](dockerfile/root-user.md) | Runs as root | error | always |");
  });
});

describe("describeStandard", () => {
  it.each([
    ["pss-restricted", "Pod Security Standards: Restricted"],
    ["cis-docker-4.1", "CIS Docker Benchmark 4.1"],
    ["nsa-hardening", "NSA/CISA Kubernetes Hardening Guidance"],
    ["something-new", "something-new"],
  ])("%s -> %s", (tag, text) => {
    expect(describeStandard(tag)).toBe(text);
  });
});
