/**
 * Every call of cases.ts against what Go + Sprig 3.2.3 (with Helm's documented helpers) answered:
 * the answers recorded in go-expected.json always; the live oracle too when go and Sprig's source
 * are installed (Debian: golang-go, golang-github-masterminds-sprig-dev), which also checks that
 * the recording is current. Known, explained differences are listed in KNOWN_DIFFERENCES.
 */
import { describe, expect, test } from "@jest/globals";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { ALL_CASES } from "./cases.js";
import { agrees, goExpr, oracleAvailable, ours, runOracle, type OracleResult } from "./harness.js";
import { KNOWN_DIFFERENCES } from "./known-differences.js";

const EXPECTED_FILE = new URL("./go-expected.json", import.meta.url).pathname;
const exprs = ALL_CASES.map(goExpr);

function loadExpected(): Record<string, OracleResult> {
  if (process.env.UPDATE_GO_EXPECTED === "1" && oracleAvailable()) {
    const results = runOracle(exprs);
    const record: Record<string, OracleResult> = {};
    exprs.forEach((e, i) => (record[e] = results[i]!));
    writeFileSync(EXPECTED_FILE, `${JSON.stringify(record, null, 1)}\n`);
  }
  return existsSync(EXPECTED_FILE) ? (JSON.parse(readFileSync(EXPECTED_FILE, "utf8")) as Record<string, OracleResult>) : {};
}

const expected = loadExpected();

describe("Sprig and Helm functions agree with Go (recorded answers)", () => {
  test("every case has a recorded Go answer", () => {
    expect(exprs.filter((e) => !(e in expected))).toEqual([]);
  });

  test("our answers match Go's, except the documented differences", () => {
    const disagreements: { expr: string; go: OracleResult; ours: OracleResult }[] = [];
    ALL_CASES.forEach((call, i) => {
      const expr = exprs[i]!;
      const go = expected[expr];
      if (!go) return;
      const mine = ours(call);
      if (!agrees(mine, go) && !(expr in KNOWN_DIFFERENCES)) disagreements.push({ expr, go: { val: go.val, err: go.err }, ours: mine });
    });
    const total = ALL_CASES.length;
    console.log(`helm funcs vs Go: ${total - disagreements.length - Object.keys(KNOWN_DIFFERENCES).length} of ${total} cases agree, ${Object.keys(KNOWN_DIFFERENCES).length} documented differences`);
    if (process.env.SHOW_DIFF === "1") for (const d of disagreements) console.log(`${d.expr}\n  go:   ${JSON.stringify(d.go)}\n  ours: ${JSON.stringify(d.ours)}`);
    expect(disagreements).toEqual([]);
  });

  test("documented differences still differ (else remove them from the list)", () => {
    const stale = Object.keys(KNOWN_DIFFERENCES).filter((expr) => {
      const i = exprs.indexOf(expr);
      const go = expected[expr];
      return i < 0 || !go || agrees(ours(ALL_CASES[i]!), go);
    });
    expect(stale).toEqual([]);
  });
});

const live = oracleAvailable() ? describe : describe.skip;
if (!oracleAvailable()) console.warn("go or Sprig's source not found (/usr/bin/go, /usr/share/gocode); the live Go oracle comparison is skipped");

live("the recorded answers are what Go answers now", () => {
  test("live oracle", () => {
    const results = runOracle(exprs);
    const changed = exprs.filter((e, i) => JSON.stringify(results[i]) !== JSON.stringify(expected[e]));
    expect(changed).toEqual([]);
  }, 300_000);
});
