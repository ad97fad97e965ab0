import { describe, expect, it } from "@jest/globals";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkSigningKey, readPrivateKeyFromEnvironment } from "../../src/ops/signing-key.js";
import { ecPrivateKeyPem, rsaPrivateKeyPem } from "./keys.js";

const pkcs8 = rsaPrivateKeyPem("pkcs8");
const pkcs1 = rsaPrivateKeyPem("pkcs1");

describe("checkSigningKey", () => {
  it("is ready with an RSA key in PKCS#8 or PKCS#1 PEM", () => {
    expect(checkSigningKey(pkcs8)).toEqual({ ready: true });
    expect(checkSigningKey(pkcs1)).toEqual({ ready: true });
  });

  it.each([
    ["missing", undefined, "no private key configured"],
    ["empty", "  \n", "no private key configured"],
    ["garbage", "not a key at all", "the private key cannot be parsed as a PEM private key"],
    ["truncated", pkcs8.slice(0, 200), "the private key cannot be parsed as a PEM private key"],
  ])("is not ready with a %s key", (_name, key, reason) => {
    expect(checkSigningKey(key)).toEqual({ ready: false, reason });
  });

  it("is not ready with an EC key, since GitHub App JWTs are RS256", () => {
    expect(checkSigningKey(ecPrivateKeyPem())).toEqual({
      ready: false,
      reason: "the private key is not an RSA key (GitHub App JWTs use RS256)",
    });
  });

  it("is not ready when the key parses but its signatures do not verify (corrupted modulus)", () => {
    const lines = pkcs8.split("\n");
    // PEM line 3 holds DER bytes 144..191, inside the 256-byte modulus of a 2048-bit PKCS#8 key;
    // signing uses the CRT primes, so the signature no longer matches the (corrupted) public half.
    lines[3] = "A".repeat((lines[3] ?? "").length);
    const status = checkSigningKey(lines.join("\n"));
    expect(status).toEqual({ ready: false, reason: "a JWT signed with the private key does not verify" });
  });
});

describe("readPrivateKeyFromEnvironment (the lookup of Probot 14: PRIVATE_KEY, PRIVATE_KEY_PATH, one *.pem)", () => {
  it("reads PRIVATE_KEY as PEM", () => {
    expect(readPrivateKeyFromEnvironment({ PRIVATE_KEY: pkcs8 })).toBe(pkcs8);
  });

  it("unescapes literal \\n sequences", () => {
    const escaped = pkcs8.replace(/\n/g, "\\n");
    expect(readPrivateKeyFromEnvironment({ PRIVATE_KEY: escaped })).toBe(pkcs8);
  });

  it("decodes a base64-encoded PEM", () => {
    const encoded = Buffer.from(pkcs1).toString("base64");
    expect(readPrivateKeyFromEnvironment({ PRIVATE_KEY: encoded })).toBe(pkcs1);
  });

  it("restores line breaks of a PEM pasted on one line, so it can sign", () => {
    const oneLine = pkcs8.trim().replace(/\n/g, " ");
    const key = readPrivateKeyFromEnvironment({ PRIVATE_KEY: oneLine });
    expect(key).toContain("\n");
    expect(checkSigningKey(key)).toEqual({ ready: true });
  });

  it("reads PRIVATE_KEY_PATH relative to the working directory", () => {
    const dir = mkdtempSync(join(tmpdir(), "cr-key-"));
    try {
      writeFileSync(join(dir, "app.pem"), pkcs8);
      expect(readPrivateKeyFromEnvironment({ PRIVATE_KEY_PATH: "app.pem" }, dir)).toBe(pkcs8);
      expect(readPrivateKeyFromEnvironment({ PRIVATE_KEY_PATH: "missing.pem" }, dir)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("falls back to the only *.pem file in the working directory, as Probot does", () => {
    const dir = mkdtempSync(join(tmpdir(), "cr-key-"));
    try {
      expect(readPrivateKeyFromEnvironment({}, dir)).toBeUndefined();
      writeFileSync(join(dir, "my-app.2026-11-30.private-key.pem"), pkcs1);
      expect(readPrivateKeyFromEnvironment({}, dir)).toBe(pkcs1);
      writeFileSync(join(dir, "other.pem"), pkcs8);
      expect(readPrivateKeyFromEnvironment({}, dir)).toBeUndefined(); // ambiguous: Probot refuses too
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
