/**
 * The pieces fingerprints are made of, shared by plain files (scan.ts) and rendered output
 * (rendered.ts) so both hash the same way.
 */
import * as crypto from "node:crypto";

/** A short, stable digest of the parts (sha256, first 16 hex digits). */
export function fingerprintHash(parts: (string | undefined)[]): string {
  const data = parts.map((p) => p ?? "").join("\u0000");
  // crypto.hash (Node >= 20.12) is the one-shot form: the same digest without a Hash object per call.
  const digest = typeof crypto.hash === "function" ? crypto.hash("sha256", data, "hex") : crypto.createHash("sha256").update(data).digest("hex");
  return digest.slice(0, 16);
}

/** Whitespace collapsed and trimmed: a line's identity apart from its indentation. */
export function normaliseWhitespace(text: string): string {
  return text.trim().replace(/\s+/g, " ");
}
