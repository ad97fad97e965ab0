/** Test keys, generated per run so no private key is ever committed. */
import { generateKeyPairSync } from "node:crypto";

export function rsaPrivateKeyPem(format: "pkcs8" | "pkcs1" = "pkcs8"): string {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return privateKey.export({ type: format, format: "pem" }).toString();
}

export function ecPrivateKeyPem(): string {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}
