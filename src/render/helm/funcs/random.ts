/**
 * Randomness for randAlphaNum, randInt, uuidv4, shuffle... Helm draws from the system's random
 * source; a review must render the same text for the same input (base and head of a pull request
 * are compared), so the default source is a seeded generator. Callers may pass their own.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  string(length: number, kind: "alphanum" | "alpha" | "ascii" | "numeric"): string;
  int(min: number, max: number): number;
  shuffle<T>(items: T[]): T[];
  bytes(n: number): Uint8Array;
}

const ALPHA = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS = "0123456789";

/** mulberry32: small, fast, good enough for placeholders (never for secrets). */
export function seededRandom(seed = 0x5eed): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return fromSource(next);
}

export function fromSource(next: () => number): Random {
  const pick = (alphabet: string): string => alphabet[Math.floor(next() * alphabet.length)]!;
  return {
    next,
    string(length, kind) {
      if (length < 0) length = 0;
      length = Math.min(length, 1_000_000);
      let alphabet = ALPHA + DIGITS;
      if (kind === "alpha") alphabet = ALPHA;
      else if (kind === "numeric") alphabet = DIGITS;
      else if (kind === "ascii") {
        alphabet = "";
        for (let c = 32; c < 127; c += 1) alphabet += String.fromCharCode(c);
      }
      let out = "";
      for (let i = 0; i < length; i += 1) out += pick(alphabet);
      return out;
    },
    int(min, max) {
      return min + Math.floor(next() * (max - min));
    },
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i -= 1) {
        const j = Math.floor(next() * (i + 1));
        [items[i], items[j]] = [items[j]!, items[i]!];
      }
      return items;
    },
    bytes(n) {
      const out = new Uint8Array(Math.max(0, Math.min(n, 1_000_000)));
      for (let i = 0; i < out.length; i += 1) out[i] = Math.floor(next() * 256);
      return out;
    },
  };
}
