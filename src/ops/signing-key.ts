/**
 * Readiness of the GitHub App's credentials: is a private key loaded, and can it sign the RS256 JWT
 * that GitHub requires for app authentication? Checked locally with node:crypto (sign, then verify
 * with the public half), so a probe never calls GitHub and never depends on the network.
 *
 * Nothing here ever returns, logs or throws key material: failures are reported as fixed phrases.
 */
import { createPrivateKey, createPublicKey, createSign, createVerify, type KeyObject } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";

export type SigningKeyStatus = { ready: true } | { ready: false; reason: string };

const PEM_BLOCK = /-----BEGIN ((?:RSA )?PRIVATE KEY)-----([\s\S]*?)-----END \1-----/;

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString("base64url");
}

/** The header and claims of a minimal GitHub App JWT (issued a minute ago, valid for a minute). */
function jwtSigningInput(nowSeconds: number): string {
  const header = base64url(JSON.stringify({ alg: "RS256", typ: "JWT" }));
  const claims = base64url(JSON.stringify({ iat: nowSeconds - 60, exp: nowSeconds + 60, iss: "readiness-probe" }));
  return `${header}.${claims}`;
}

/**
 * Signs a tiny RS256 JWT with the key and verifies the signature with the key's public half.
 * Ready only when both succeed; an EC key, a truncated PEM or an empty value is "not ready".
 */
export function checkSigningKey(privateKey: string | undefined, now: Date = new Date()): SigningKeyStatus {
  if (privateKey === undefined || privateKey.trim() === "") return { ready: false, reason: "no private key configured" };
  let key: KeyObject;
  try {
    key = createPrivateKey(privateKey);
  } catch {
    return { ready: false, reason: "the private key cannot be parsed as a PEM private key" };
  }
  if (key.asymmetricKeyType !== "rsa") return { ready: false, reason: "the private key is not an RSA key (GitHub App JWTs use RS256)" };
  try {
    const input = jwtSigningInput(Math.floor(now.getTime() / 1000));
    const signature = createSign("RSA-SHA256").update(input).sign(key);
    const verified = createVerify("RSA-SHA256").update(input).verify(createPublicKey(key), signature);
    // The token itself is thrown away: it is never sent anywhere.
    if (!verified) return { ready: false, reason: "a JWT signed with the private key does not verify" };
  } catch {
    return { ready: false, reason: "the private key cannot sign an RS256 JWT" };
  }
  return { ready: true };
}

/**
 * Reads the private key the way Probot 14 does (`@probot/get-private-key`): `PRIVATE_KEY` (PEM,
 * possibly base64-encoded or with literal `\n` escapes, possibly on one line), else the file at
 * `PRIVATE_KEY_PATH`, else the only `*.pem` file in the working directory. Returns undefined when
 * none of these gives a key; the caller reports that as "not ready" rather than crashing.
 */
export function readPrivateKeyFromEnvironment(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string | undefined {
  const inline = env.PRIVATE_KEY;
  if (inline !== undefined && inline !== "") {
    let text = inline;
    if (!text.includes("-----BEGIN") && Buffer.from(text, "base64").toString("base64") === text) {
      text = Buffer.from(text, "base64").toString("utf8");
    }
    text = text.replace(/\\n/g, "\n");
    const block = PEM_BLOCK.exec(text);
    if (block && !text.includes("\n")) {
      const [, label, body] = block;
      text = `-----BEGIN ${label}-----\n${(body ?? "").trim().replace(/\s+/g, "\n")}\n-----END ${label}-----\n`;
    }
    return text;
  }
  const path = env.PRIVATE_KEY_PATH;
  if (path !== undefined && path !== "") {
    const file = resolve(cwd, path);
    return readIfPossible(file);
  }
  // Probot's last resort: exactly one *.pem file in the working directory.
  let pemFiles: string[] = [];
  try {
    pemFiles = readdirSync(cwd).filter((name) => name.endsWith(".pem"));
  } catch {
    return undefined;
  }
  return pemFiles.length === 1 ? readIfPossible(resolve(cwd, pemFiles[0] ?? "")) : undefined;
}

function readIfPossible(file: string): string | undefined {
  try {
    return existsSync(file) ? readFileSync(file, "utf8") : undefined;
  } catch {
    return undefined; // unreadable (permissions, a directory): reported by /readyz as not ready
  }
}
