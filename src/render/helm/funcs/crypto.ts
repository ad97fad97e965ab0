/**
 * Sprig's cryptographic functions. Deterministic ones are computed: derivePassword (the Master
 * Password algorithm: scrypt then HMAC-SHA256, documented by its author), decryptAES (AES-256-CBC,
 * key = the password zero-padded to 32 bytes, input base64 of IV + ciphertext, PKCS#7 padding).
 * Random ones draw from the render's random source: bcrypt and htpasswd (bcrypt cost 10 with a
 * random salt), encryptAES (random IV), randBytes, uuidv4. Key and certificate generation
 * (genPrivateKey, genCA, genSelfSignedCert, genSignedCert and their *WithKey forms,
 * buildCustomCert) is not supported: it fails with a message that says so. getHostByName makes no
 * DNS lookup: it returns "" as Sprig does for a name that does not resolve.
 */
import { createCipheriv, createDecipheriv, createHmac, scryptSync } from "node:crypto";
import bcryptjs from "bcryptjs";
import type { GoFunc } from "../template/values.js";
import { argString, fail } from "./convert.js";
import type { Random } from "./random.js";

const encoder = new TextEncoder();

const TEMPLATES: Record<string, string[]> = {
  maximum: ["anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"],
  long: [
    "CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv", "CvccCvcvCvcvno",
    "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc", "CvcvCvcvnoCvcc", "CvcvCvcvCvccno",
    "CvccnoCvccCvcv", "CvccCvccnoCvcv", "CvccCvccCvcvno", "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno",
    "CvccnoCvcvCvcc", "CvccCvcvnoCvcc", "CvccCvcvCvccno",
  ],
  medium: ["CvcnoCvc", "CvcCvcno"],
  short: ["Cvcn"],
  basic: ["aaanaaan", "aannaaan", "aaannaaa"],
  pin: ["nnnn"],
};

const CHARS: Record<string, string> = {
  V: "AEIOU",
  C: "BCDFGHJKLMNPQRSTVWXYZ",
  v: "aeiou",
  c: "bcdfghjklmnpqrstvwxyz",
  A: "AEIOUBCDFGHJKLMNPQRSTVWXYZ",
  a: "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz",
  n: "0123456789",
  o: "@&%?,=[]_:-+*$#!'^~;()/.",
  x: "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()",
};

const SCOPE = "com.lyndir.masterpassword";

function be32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

export function derivePassword(counter: number, passwordType: string, password: string, user: string, site: string): string {
  const templates = TEMPLATES[passwordType];
  if (!templates) return `cannot find password template ${passwordType}`;
  const userBytes = Buffer.from(encoder.encode(user));
  const salt = Buffer.concat([Buffer.from(SCOPE), be32(userBytes.length), userBytes]);
  const key = scryptSync(Buffer.from(encoder.encode(password)), salt, 64, { N: 32768, r: 8, p: 2, maxmem: 128 * 1024 * 1024 });
  const siteBytes = Buffer.from(encoder.encode(site));
  const seed = createHmac("sha256", key).update(Buffer.concat([Buffer.from(SCOPE), be32(siteBytes.length), siteBytes, be32(counter)])).digest();
  const template = templates[seed[0]! % templates.length]!;
  let out = "";
  for (let i = 0; i < template.length; i += 1) {
    const chars = CHARS[template[i]!]!;
    out += chars[seed[i + 1]! % chars.length];
  }
  return out;
}

function bcrypt(password: string, random: Random): string {
  const salt = `$2a$10$${bcryptjs.encodeBase64(Array.from(random.bytes(16)), 16)}`;
  return bcryptjs.hashSync(password, salt);
}

function aesKey(password: string): Buffer {
  const key = Buffer.alloc(32);
  Buffer.from(encoder.encode(password)).copy(key, 0, 0, 32);
  return key;
}

export function encryptAES(password: string, plaintext: string, random: Random): string {
  const iv = Buffer.from(random.bytes(16));
  const cipher = createCipheriv("aes-256-cbc", aesKey(password), iv);
  const body = Buffer.concat([cipher.update(Buffer.from(encoder.encode(plaintext))), cipher.final()]);
  return Buffer.concat([iv, body]).toString("base64");
}

export function decryptAES(password: string, crypt64: string): string {
  const data = Buffer.from(crypt64, "base64");
  if (data.length < 16) fail("ciphertext too short");
  const iv = data.subarray(0, 16);
  const body = data.subarray(16);
  if (body.length % 16 !== 0) fail("crypto/cipher: input not full blocks");
  const decipher = createDecipheriv("aes-256-cbc", aesKey(password), iv);
  decipher.setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(body), decipher.final()]);
  const pad = plain[plain.length - 1] ?? 0;
  return new TextDecoder().decode(plain.subarray(0, Math.max(0, plain.length - pad)));
}

function uuidv4(random: Random): string {
  const b = random.bytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Buffer.from(b).toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const UNSUPPORTED = [
  "genPrivateKey",
  "genCA",
  "genCAWithKey",
  "genSelfSignedCert",
  "genSelfSignedCertWithKey",
  "genSignedCert",
  "genSignedCertWithKey",
  "buildCustomCert",
];

export function cryptoFuncs(random: Random): Record<string, GoFunc> {
  const s = argString;
  const out: Record<string, GoFunc> = {
    derivePassword: (_c, counter, type, password, user, site) => {
      const n = typeof counter === "bigint" ? Number(BigInt.asUintN(32, counter)) : fail(`wrong type for value; expected uint32; got ${typeof counter}`);
      return derivePassword(n, s(type!), s(password!), s(user!), s(site!));
    },
    bcrypt: (_c, v) => bcrypt(s(v!), random),
    htpasswd: (_c, user, password) => {
      const u = s(user!);
      if (u.includes(":")) return `invalid username: ${u}`;
      return `${u}:${bcrypt(s(password!), random)}`;
    },
    encryptAES: (_c, password, text) => encryptAES(s(password!), s(text!), random),
    decryptAES: (_c, password, text) => decryptAES(s(password!), s(text!)),
    randBytes: (_c, n) => {
      if (typeof n !== "bigint") fail("wrong type for value; expected int");
      return Buffer.from(random.bytes(Number(n))).toString("base64");
    },
    uuidv4: () => uuidv4(random),
    getHostByName: (_c, name) => {
      s(name!);
      return "";
    },
  };
  for (const name of UNSUPPORTED) {
    out[name] = () =>
      fail(`${name} is not supported: generating keys and certificates is random in Helm and is not done when reviewing a chart`);
  }
  return out;
}
