/**
 * Generated strings (fixed seed: ASCII punctuation, spaces and controls, accented and other-script
 * letters, digits, emoji) through Sprig's string functions, compared with Go. Runs when the Go
 * oracle is installed (skips with a visible line otherwise).
 */
import { describe, expect, test } from "@jest/globals";
import fc from "fast-check";
import { c, goExpr, oracleAvailable, ours, runOracle, type Call } from "./harness.js";

const piece = fc.oneof(
  fc.constantFrom("a", "B", "z", "Q", "0", "7", " ", "  ", "\t", "\n", "\r\n", "-", "_", ".", ",", "'", '"', "\\", "$", "%", "/", ":"),
  fc.constantFrom("é", "É", "ß", "İ", "ı", "ǅ", "Σ", "σ", "ς", "ﬀ", "日本", "한", "й", "Ж", "\u00a0", "\u2003", "\u200b", "\u0301", "😀", "\u0007", "\u007f", "\u0085", "\u2028"),
  fc.constantFrom("hello", "World", "HTTPServer", "my_var", "kebab-case", "x1y2", "ABC123def", "v2Beta"),
);
const str = fc.array(piece, { maxLength: 8 }).map((p) => p.join(""));

const UNARY = ["trim", "upper", "lower", "title", "untitle", "nospace", "initials", "snakecase", "camelcase", "kebabcase", "swapcase", "quote", "squote", "toString", "b64enc", "b32enc", "sha1sum", "adler32sum", "base", "dir", "ext", "clean", "regexQuoteMeta", "toJson", "toYaml"];

const KNOWN_STRING_DIFFERENCES = 60;

const run = oracleAvailable() ? describe : describe.skip;
if (!oracleAvailable()) console.warn("go or Sprig's source not found; generated string comparison skipped");

run("generated strings: Sprig's string functions agree with Go", () => {
  test("150 strings, fixed seed", () => {
    const strings = fc.sample(str, { numRuns: 150, seed: 11 });
    const calls: Call[] = strings.flatMap((s, i) => [
      ...UNARY.map((fn) => c(fn, s)),
      c("trunc", BigInt((i % 9) - 4), s),
      c("substr", BigInt(i % 3), BigInt((i % 7) - 1), s),
      c("abbrev", BigInt(4 + (i % 5)), s),
      c("wrap", BigInt(1 + (i % 6)), s),
      c("wrapWith", BigInt(1 + (i % 6)), "|", s),
      c("trimAll", " a-", s),
      c("replace", "a", "-", s),
      c("splitList", " ", s),
      c("indent", 2n, s),
      c("b64dec", c("b64enc", s)),
    ]);
    const go = runOracle(calls.map(goExpr));
    const differing: string[] = [];
    calls.forEach((call, i) => {
      const mine = ours(call);
      const theirs = go[i]!;
      const same = theirs.err !== undefined ? mine.err !== undefined : JSON.stringify(mine.val) === JSON.stringify(theirs.val);
      if (!same) differing.push(`${goExpr(call)}\n go:   ${JSON.stringify(theirs.val ?? theirs.err)}\n ours: ${JSON.stringify(mine.val ?? mine.err)}`);
    });
    console.log(`generated strings: ${calls.length - differing.length} of ${calls.length} calls identical to Go's`);
    if (process.env.SHOW_DIFF === "1") console.log(differing.join("\n"));
    // Known remaining differences for this seed (60 of 5250), all exotic: xstrings' case
    // conversions around combining marks, CJK after digits and "_" between punctuation; title
    // and swapcase of the title-case digraph ǅ; camelcase of a string made only of line breaks
    // (Go doubles it); toYaml of a string starting with U+0085. A change that breaks anything
    // else exceeds the bound.
    expect(differing.length).toBeLessThanOrEqual(KNOWN_STRING_DIFFERENCES);
  }, 300_000);
});
