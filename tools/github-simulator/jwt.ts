/**
 * Verification of a GitHub App's JSON Web Token (RS256), as GitHub does before it hands out an
 * installation access token: signature with the App's public key, `iss` = the App id, `exp` in the future
 * and no more than 10 minutes after `iat`.
 */
import { createPublicKey, sign, verify, type KeyObject } from "node:crypto";

export type JwtCheck = { ok: true; appId: string } | { ok: false; message: string };

function base64urlJson(part: string): any {
  return JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
}

export function verifyAppJwt(token: string, publicKey: KeyObject | string, expectedAppId: string | number): JwtCheck {
  const parts = token.split(".");
  if (parts.length !== 3) return { ok: false, message: "A JSON web token could not be decoded" };
  let header: any;
  let payload: any;
  try {
    header = base64urlJson(parts[0]);
    payload = base64urlJson(parts[1]);
  } catch {
    return { ok: false, message: "A JSON web token could not be decoded" };
  }
  if (header.alg !== "RS256") return { ok: false, message: "A JSON web token could not be decoded" };
  const key = typeof publicKey === "string" ? createPublicKey(publicKey) : publicKey;
  const signatureValid = verify(
    "RSA-SHA256",
    Buffer.from(`${parts[0]}.${parts[1]}`),
    key,
    Buffer.from(parts[2], "base64url"),
  );
  if (!signatureValid) return { ok: false, message: "A JSON web token could not be decoded" };
  if (String(payload.iss) !== String(expectedAppId)) {
    return { ok: false, message: `'Issuer' claim ('iss') must be an Integer or the App's client ID` };
  }
  const now = Math.floor(Date.now() / 1000);
  if (typeof payload.exp !== "number" || payload.exp < now) {
    return { ok: false, message: "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires" };
  }
  if (typeof payload.iat !== "number" || payload.iat > now + 60) {
    return { ok: false, message: "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued" };
  }
  if (payload.exp - payload.iat > 600 + 60) {
    return { ok: false, message: "'Expiration time' claim ('exp') is too far in the future" };
  }
  return { ok: true, appId: String(payload.iss) };
}

/** An App JWT as octokit signs it (RS256, iat 60 s in the past, 10 minutes lifetime). For tests. */
export function signAppJwt(appId: number | string, privateKeyPem: string, now = Math.floor(Date.now() / 1000)): string {
  const header = Buffer.from(JSON.stringify({ alg: "RS256", typ: "JWT" })).toString("base64url");
  const payload = Buffer.from(JSON.stringify({ iat: now - 60, exp: now + 540, iss: appId })).toString("base64url");
  const signature = sign("RSA-SHA256", Buffer.from(`${header}.${payload}`), privateKeyPem).toString("base64url");
  return `${header}.${payload}.${signature}`;
}
