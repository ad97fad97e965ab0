/**
 * Sprig's encoding and hash functions: base64 and base32 (standard alphabets, padded; a decoding
 * error is returned as the result text, as Sprig does), sha1sum, sha256sum (hex) and adler32sum
 * (decimal). Strings are their UTF-8 bytes.
 */
import { createHash } from "node:crypto";
import type { GoFunc } from "../template/values.js";
import { argString } from "./convert.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const B64 = /^[A-Za-z0-9+/]*$/;

export function base32Encode(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 5) {
    const chunk = bytes.subarray(i, i + 5);
    let bits = 0n;
    for (let j = 0; j < 5; j += 1) bits = (bits << 8n) | BigInt(chunk[j] ?? 0);
    const chars = Math.ceil((chunk.length * 8) / 5);
    for (let j = 0; j < 8; j += 1) out += j < chars ? B32[Number((bits >> BigInt(35 - j * 5)) & 31n)] : "=";
  }
  return out;
}

/** base32.StdEncoding.DecodeString; throws Go's CorruptInputError text. */
export function base32Decode(s: string): Uint8Array {
  const clean = s.replace(/[\r\n]/g, "");
  if (clean.length % 8 !== 0) throw new Error(`illegal base32 data at input byte ${Math.floor(clean.length / 8) * 8}`);
  const out: number[] = [];
  for (let i = 0; i < clean.length; i += 8) {
    const block = clean.slice(i, i + 8);
    const pad = /=*$/.exec(block)![0].length;
    if (![0, 1, 3, 4, 6].includes(pad)) throw new Error(`illegal base32 data at input byte ${i + 8 - pad}`);
    let bits = 0n;
    for (let j = 0; j < 8; j += 1) {
      const ch = block[j]!;
      const v = ch === "=" ? 0 : B32.indexOf(ch);
      if (v < 0 || (ch === "=" && j < 8 - pad)) throw new Error(`illegal base32 data at input byte ${i + j}`);
      bits = (bits << 5n) | BigInt(v);
    }
    const n = [5, 4, -1, 3, 2, -1, 1][pad] ?? 5;
    for (let j = 0; j < n; j += 1) out.push(Number((bits >> BigInt(32 - j * 8)) & 255n));
    if (pad > 0 && i + 8 < clean.length) throw new Error(`illegal base32 data at input byte ${i + 8}`);
  }
  return Uint8Array.from(out);
}

/** base64.StdEncoding.DecodeString (padding required); throws Go's CorruptInputError text. */
export function base64Decode(s: string): Uint8Array {
  const clean = s.replace(/[\r\n]/g, "");
  for (let i = 0; i < clean.length; i += 1) {
    const ch = clean[i]!;
    if (ch === "=") {
      const rest = clean.slice(i);
      if (!/^={1,2}$/.test(rest) || clean.length % 4 !== 0 || (rest.length === 2 && i % 4 !== 2) || (rest.length === 1 && i % 4 !== 3)) {
        throw new Error(`illegal base64 data at input byte ${i}`);
      }
      break;
    }
    if (!B64.test(ch)) throw new Error(`illegal base64 data at input byte ${i}`);
  }
  if (clean.length % 4 !== 0) {
    const complete = clean.length - (clean.length % 4);
    throw new Error(`illegal base64 data at input byte ${complete}`);
  }
  return new Uint8Array(Buffer.from(clean, "base64"));
}

export function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const x of bytes) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

export function encodingFuncs(): Record<string, GoFunc> {
  const bytes = (v: Parameters<typeof argString>[0]): Uint8Array => encoder.encode(argString(v));
  return {
    b64enc: (_c, v) => Buffer.from(bytes(v!)).toString("base64"),
    b64dec: (_c, v) => {
      try {
        return decoder.decode(base64Decode(argString(v!)));
      } catch (e) {
        return (e as Error).message;
      }
    },
    b32enc: (_c, v) => base32Encode(bytes(v!)),
    b32dec: (_c, v) => {
      try {
        return decoder.decode(base32Decode(argString(v!)));
      } catch (e) {
        return (e as Error).message;
      }
    },
    sha1sum: (_c, v) => createHash("sha1").update(bytes(v!)).digest("hex"),
    sha256sum: (_c, v) => createHash("sha256").update(bytes(v!)).digest("hex"),
    adler32sum: (_c, v) => String(adler32(bytes(v!))),
  };
}
