/**
 * Bad input never crashes a function: every function, called with every mix of argument kinds
 * (including none, nil, and wrong types), returns a Go value or throws an Error carrying Go's
 * wording, never a JavaScript TypeError/RangeError from inside our code.
 */
import { describe, expect, test } from "@jest/globals";
import fc from "fast-check";
import { helmFuncMap } from "../../../../src/render/helm/funcs/index.js";
import { Traced, TracedString, type GoValue } from "../../../../src/render/helm/template/values.js";
import { CTX } from "./harness.js";

const SLOW = new Set(["derivePassword", "bcrypt", "htpasswd"]);
const F = helmFuncMap();

const scalar = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.string({ maxLength: 12 }),
  fc.constantFrom("", "a: 1\nb: [x]", "{\"a\":1}", "1.2.3", ">=1.0", "2006-01-02", "[a-z]+", "(", "$1", "x\ny", "-05:00", "1h", "a=1", "http://u:p@h:1/p?q#f"),
  fc.bigInt({ min: -20n, max: 20n }),
  fc.constantFrom(0n, -1n, 1n << 62n, -(1n << 63n)),
  fc.double({ noNaN: false }),
);
const value: fc.Arbitrary<GoValue> = fc.letrec<{ v: GoValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    scalar,
    fc.array(tie("v"), { maxLength: 3 }),
    fc.array(fc.tuple(fc.string({ maxLength: 4 }), tie("v")), { maxLength: 3 }).map((kv) => new Map(kv)),
    fc.string({ maxLength: 8 }).map((s) => new TracedString(s, [])),
  ),
})).v;

function isGoValue(v: unknown): boolean {
  return v === null || ["boolean", "string", "bigint", "number", "object"].includes(typeof v);
}

describe("no function crashes on bad input", () => {
  test.each(Object.keys(F).filter((n) => !SLOW.has(n)).sort())("%s", (name) => {
    const f = F[name]!;
    fc.assert(
      fc.property(fc.array(value, { maxLength: 4 }), (args) => {
        try {
          const out = f.traced ? f(CTX, ...args.map((a) => new Traced(a))) : f(CTX, ...args);
          expect(isGoValue(out instanceof Traced ? out.value : out)).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(Error);
          const err = e as Error;
          if (err instanceof TypeError || err instanceof RangeError || err instanceof SyntaxError || /undefined|is not a function|Cannot read/.test(err.message)) {
            throw new Error(`${name}(${args.map((a) => String(a)).join(", ")}) crashed: ${err.constructor.name}: ${err.message}`);
          }
        }
      }),
      { numRuns: 150, seed: 42 },
    );
  });
});
