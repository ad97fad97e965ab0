/**
 * Differential test: every golden case (except those using Go features newer than the oracle's
 * Go) is run through Go's own text/template (tools/go-oracle/oracle.go) and through our engine;
 * both must agree with each other and with the table. Skips visibly when `go` is not installed.
 */
import { describe, expect, test } from "@jest/globals";
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadGolden, runCase, type GoldenCase } from "./golden.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
const GO = process.env.GO_BIN ?? "go";
const hasGo = spawnSync(GO, ["version"], { encoding: "utf8" }).status === 0;
if (!hasGo) console.warn(`go not found (${GO}); the Go oracle comparison is skipped; set GO_BIN`);

function runOracle(cases: GoldenCase[]): { out: string; err: string }[] {
  const input = cases.map((c) => ({
    templates: [{ name: "x", text: c.template }, ...Object.entries(c.more ?? {}).map(([name, text]) => ({ name, text }))],
    exec: "x",
    data: c.data ?? null,
    missingkey: c.missingkey ?? "",
  }));
  const cache = join(tmpdir(), "container-review-go-cache");
  mkdirSync(cache, { recursive: true });
  const r = spawnSync(GO, ["run", "tools/go-oracle/oracle.go"], {
    cwd: ROOT,
    input: JSON.stringify(input),
    encoding: "utf8",
    env: { ...process.env, GO111MODULE: "off", GOCACHE: process.env.GOCACHE ?? cache, GOFLAGS: "" },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`oracle failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { out: string; err: string }[];
}

(hasGo ? describe : describe.skip)("Go oracle agrees with the golden tables and the engine", () => {
  test("every case that Go can run", () => {
    const cases = ["core.json", "fmt.json", "docs.json", "edge.json"].flatMap((f) => loadGolden(f)).filter((c) => !c.oracleExempt);
    const results = runOracle(cases);
    const disagreements: string[] = [];
    let agree = 0;
    cases.forEach((c, i) => {
      const go = results[i]!;
      const goView = go.err ? { err: go.err } : { out: go.out };
      const table = c.error !== undefined ? { err: c.error } : { out: c.expect };
      const ours = runCase(c);
      if (JSON.stringify(goView) === JSON.stringify(table) && JSON.stringify(ours) === JSON.stringify(goView)) agree += 1;
      else disagreements.push(`${c.name}: go=${JSON.stringify(goView)} table=${JSON.stringify(table)} ours=${JSON.stringify(ours)}`);
    });
    console.log(`Go oracle: ${agree}/${cases.length} golden cases agree (Go = table = engine)`);
    expect(disagreements).toEqual([]);
  }, 180_000);
});
