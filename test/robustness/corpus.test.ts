/**
 * The whole-corpus invariant: every file of ../shared/corpus (3,682 real Dockerfiles, manifests and
 * compose files, Helm templates among them) goes through one scan with the default configuration.
 * Nothing may throw, no rule may fail, every file ends analyzed / parse-error / not-applicable /
 * skipped (too large), and every finding points inside its file.
 *
 * Per-kind corpus tests (expected findings) belong to the rule families; this one is only about
 * soundness at scale, including the cross-file rules that see all files at once.
 */
import { describe, expect, it } from "@jest/globals";
import { scan } from "../../src/engine/scan.js";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import { corpusDir, corpusExists, loadCorpus } from "../../bench/corpus.js";
import { violations } from "./invariants.js";
import { corpusPresent } from "../helpers/corpus.js";

const dir = corpusDir();
const present = corpusExists(dir);
const maybe = present ? describe : describe.skip;

if (!present) corpusPresent();

maybe("the whole corpus", () => {
  it("scans every file without exceptions or rule failures, and every finding lies inside its file", () => {
    const corpus = loadCorpus(dir);
    expect(corpus.length).toBeGreaterThan(1000);
    const inputs = corpus.map((f) => ({ path: f.path, content: f.content as Uint8Array, size: f.size }));
    const now = new Date("2026-01-15T00:00:00Z");
    // The corpus has more files than one PR may (limits.maxFiles, 3000): raise that limit only.
    const config = { ...DEFAULT_CONFIG, limits: { ...DEFAULT_CONFIG.limits, maxFiles: 100_000 } };

    let result: ReturnType<typeof scan> | undefined;
    expect(() => {
      result = scan(inputs, config, { now });
    }).not.toThrow();
    if (!result) throw new Error("no result");

    expect(violations(inputs, result)).toEqual([]);

    // Files larger than the limit are skipped with an info finding, never read.
    const tooLarge = corpus.filter((f) => f.size > DEFAULT_CONFIG.limits.maxFileBytes).map((f) => f.path);
    expect(tooLarge.length).toBeGreaterThan(0);
    const skipped = result.files.filter((f) => f.status === "skipped").map((f) => f.path);
    expect(skipped.sort()).toEqual([...tooLarge].sort());
    for (const path of tooLarge) {
      expect(result.findings.some((f) => f.file === path && f.ruleId === "scan/file-too-large")).toBe(true);
    }

    // Every Dockerfile of the corpus is recognised as one by its repository path.
    const kindOf = new Map(result.files.map((f) => [f.path, f.kind]));
    const misdetected = corpus.filter((f) => f.kind === "dockerfiles" && kindOf.get(f.path) !== "dockerfile").map((f) => f.path);
    expect(misdetected).toEqual([]);

    const counts: Record<string, number> = {};
    for (const f of result.files) counts[`${f.kind ?? "none"}:${f.status}`] = (counts[`${f.kind ?? "none"}:${f.status}`] ?? 0) + 1;
    console.log(`corpus: ${corpus.length} files, ${result.findings.length} findings; ${JSON.stringify(counts)}`);
  }, 180_000);
});
