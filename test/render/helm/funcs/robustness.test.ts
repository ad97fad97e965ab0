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

describe("limits", () => {
  test("repeat refuses output beyond the render's output limit", () => {
    const ctx = { ...CTX, limits: { ...CTX.limits, maxOutputChars: 1000 } };
    expect(F.repeat!(ctx, ...[new Traced(100n), new Traced("0123456789")])).toEqual("0123456789".repeat(100));
    expect(() => F.repeat!(ctx, ...[new Traced(101n), new Traced("0123456789")])).toThrow("repeat: 1010 characters is more than the render allows (1000)");
  });

  test("until and untilStep refuse more than a million items", () => {
    expect(() => F.until!(CTX, 2_000_000n)).toThrow("untilStep: more than 1000000 items");
    expect(() => F.untilStep!(CTX, 0n, 10n ** 12n, 1n)).toThrow("untilStep: more than 1000000 items");
  });

  const nest = (levels: number): GoValue => {
    let v: GoValue = "leaf";
    for (let i = 0; i < levels; i += 1) v = new Map([["k", v]]);
    return v;
  };

  test("values nested 900 deep are walked; 5000 deep give up cleanly, never overflowing the stack", () => {
    const ok = nest(900);
    expect(String(F.toYaml!(CTX, ok)).split("\n")).toHaveLength(900);
    expect(String(F.toJson!(CTX, ok)).length).toBe(900 * 6 + 6);
    expect(F.deepCopy!(CTX, ok)).toBeInstanceOf(Map);
    const deep = nest(5000);
    expect(F.toYaml!(CTX, deep)).toEqual(new TracedString(""));
    expect(F.toJson!(CTX, deep)).toBe("");
    expect(() => F.mustToJson!(CTX, deep)).toThrow("json: value nested deeper than 1000 levels");
    expect(() => F.deepCopy!(CTX, deep)).toThrow("deepCopy: value nested deeper than 1000 levels");
    expect(() => F.deepEqual!(CTX, deep, deep)).toThrow("deepEqual: values nested deeper than 1000 levels");
    const text = `${"[".repeat(5000)}${"]".repeat(5000)}`;
    expect(F.fromJsonArray!(CTX, text)).toEqual(["exceeded max depth"]);
  });

  test("toYaml of a large map is linear enough (50k entries)", () => {
    const big = new Map<string, GoValue>();
    for (let i = 0; i < 50_000; i += 1) big.set(`key${i}`, i % 2 ? `value ${i}` : BigInt(i));
    const out = String(F.toYaml!(CTX, big));
    expect(out.split("\n")).toHaveLength(50_000);
  });
});
