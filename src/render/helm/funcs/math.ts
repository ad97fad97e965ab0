/**
 * Sprig's math functions (https://masterminds.github.io/sprig/math.html). Integer functions
 * convert every argument with cast.ToInt64 (floats truncate, strings parse, anything else is 0)
 * and compute in int64 with Go's wrap-around; the float functions (addf...) compute in float64
 * through decimal arithmetic as Sprig does (shopspring/decimal), which here is exact decimal
 * arithmetic on the shortest decimal form of each operand.
 */
import type { GoFunc, GoValue } from "../template/values.js";
import { argIntNumber, argString, fail, parseGoInt, toFloat64, toInt64 } from "./convert.js";
import type { Random } from "./random.js";

const w = (v: bigint): bigint => BigInt.asIntN(64, v);

/** Decimal value of a float64: its shortest round-tripping digits as a scaled bigint. */
interface Dec {
  n: bigint;
  scale: number;
}

function toDec(f: number): Dec {
  if (!Number.isFinite(f)) fail(`Cannot convert ${f} to decimal`);
  const [mant, e] = f.toExponential().split("e") as [string, string];
  const neg = mant.startsWith("-");
  const digits = mant.replace("-", "").replace(".", "");
  const exp = Number(e) - (digits.length - 1);
  const n = BigInt(digits) * (neg ? -1n : 1n);
  return exp >= 0 ? { n: n * 10n ** BigInt(exp), scale: 0 } : { n, scale: -exp };
}

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.n * 10n ** BigInt(scale - a.scale), b.n * 10n ** BigInt(scale - b.scale), scale];
}

function decToFloat(d: Dec): number {
  return Number(`${d.n}e-${d.scale}`);
}

function decAdd(a: Dec, b: Dec): Dec {
  const [x, y, scale] = align(a, b);
  return { n: x + y, scale };
}

function decSub(a: Dec, b: Dec): Dec {
  const [x, y, scale] = align(a, b);
  return { n: x - y, scale };
}

function decMul(a: Dec, b: Dec): Dec {
  return { n: a.n * b.n, scale: a.scale + b.scale };
}

/** shopspring/decimal Div: 16 digits after the point, rounded half away from zero. */
function decDiv(a: Dec, b: Dec): Dec {
  if (b.n === 0n) fail("decimal division by zero");
  const precision = 16;
  const [x, y] = align(a, b);
  const num = x * 10n ** BigInt(precision + 1);
  let q = num / y;
  const neg = q < 0n;
  if (neg) q = -q;
  const last = q % 10n;
  q = q / 10n + (last >= 5n ? 1n : 0n);
  return { n: neg ? -q : q, scale: precision };
}

function intDiv(a: bigint, b: bigint): bigint {
  if (b === 0n) fail("runtime error: integer divide by zero");
  return w(a / b);
}

function intMod(a: bigint, b: bigint): bigint {
  if (b === 0n) fail("runtime error: integer divide by zero");
  return w(a % b);
}

/** Sprig's round: half-up at `roundOn` (default .5) on the scaled value. */
function round(a: GoValue, p: number, roundOn: number): number {
  const val = toFloat64(a);
  const pow = 10 ** p;
  const digit = pow * val;
  const frac = digit - Math.trunc(digit);
  const r = frac >= roundOn ? Math.ceil(digit) : Math.floor(digit);
  return r / pow;
}

export function mathFuncs(random: Random): Record<string, GoFunc> {
  const floats = (vals: GoValue[]): Dec[] => vals.map((v) => toDec(toFloat64(v)));
  return {
    add: (_c, ...vals) => vals.reduce<bigint>((acc, v) => w(acc + toInt64(v)), 0n),
    add1: (_c, v) => w(toInt64(v!) + 1n),
    sub: (_c, a, b) => w(toInt64(a!) - toInt64(b!)),
    div: (_c, a, b) => intDiv(toInt64(a!), toInt64(b!)),
    mod: (_c, a, b) => intMod(toInt64(a!), toInt64(b!)),
    mul: (_c, a, ...vals) => vals.reduce<bigint>((acc, v) => w(acc * toInt64(v)), toInt64(a!)),
    max: (_c, a, ...vals) => vals.reduce<bigint>((acc, v) => (toInt64(v) > acc ? toInt64(v) : acc), toInt64(a!)),
    biggest: (_c, a, ...vals) => vals.reduce<bigint>((acc, v) => (toInt64(v) > acc ? toInt64(v) : acc), toInt64(a!)),
    min: (_c, a, ...vals) => vals.reduce<bigint>((acc, v) => (toInt64(v) < acc ? toInt64(v) : acc), toInt64(a!)),
    maxf: (_c, a, ...vals) => vals.reduce<number>((acc, v) => Math.max(acc, toFloat64(v)), toFloat64(a!)),
    minf: (_c, a, ...vals) => vals.reduce<number>((acc, v) => Math.min(acc, toFloat64(v)), toFloat64(a!)),
    addf: (_c, ...vals) => decToFloat(floats(vals).reduce(decAdd, { n: 0n, scale: 0 })),
    add1f: (_c, v) => decToFloat(decAdd(toDec(toFloat64(v!)), { n: 1n, scale: 0 })),
    subf: (_c, a, ...vals) => decToFloat(floats(vals).reduce(decSub, toDec(toFloat64(a!)))),
    divf: (_c, a, ...vals) => decToFloat(floats(vals).reduce(decDiv, toDec(toFloat64(a!)))),
    mulf: (_c, a, ...vals) => decToFloat(floats(vals).reduce(decMul, toDec(toFloat64(a!)))),
    floor: (_c, v) => Math.floor(toFloat64(v!)),
    ceil: (_c, v) => Math.ceil(toFloat64(v!)),
    round: (_c, a, p, ...rest) => round(a!, argIntNumber(p!), rest.length > 0 ? toFloat64(rest[0]!) : 0.5),
    int: (_c, v) => toInt64(v!),
    int64: (_c, v) => toInt64(v!),
    float64: (_c, v) => toFloat64(v!),
    atoi: (_c, v) => {
      const s = argString(v!);
      return /^[+-]?\d+$/.test(s) ? (parseGoInt(s.replace(/^([+-]?)0+(?=\d)/, "$1")) ?? 0n) : 0n;
    },
    toDecimal: (_c, v) => {
      // Sprig: strconv.ParseInt(toString(v), 8, 64), errors give 0.
      const s = typeof v === "string" ? v : String(v);
      if (!/^[+-]?[0-7]+$/.test(s)) return 0n;
      const n = BigInt(`0o${s.replace(/^[+-]/, "")}`) * (s.startsWith("-") ? -1n : 1n);
      return n > 0x7fffffffffffffffn || n < -0x8000000000000000n ? 0n : n;
    },
    randInt: (_c, a, b) => {
      const min = argIntNumber(a!);
      const max = argIntNumber(b!);
      if (max - min <= 0) fail("invalid argument to Intn");
      return BigInt(random.int(min, max));
    },
  };
}
