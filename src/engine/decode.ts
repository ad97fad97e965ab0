/**
 * Bytes to text, refusing what is not a text file: NUL bytes (binary), invalid UTF-8. A BOM is
 * dropped; CRLF is normalised to LF (and remembered so fixes can write it back).
 */
import type { TextFile } from "./types.js";

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

export type DecodeResult = { ok: true; file: TextFile } | { ok: false; reason: string };

export function decodeFile(path: string, content: string | Uint8Array): DecodeResult {
  let text: string;
  if (typeof content === "string") {
    text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  } else {
    if (content.indexOf(0) !== -1) return { ok: false, reason: "binary file (contains NUL bytes), not analyzed" };
    try {
      text = utf8.decode(content);
    } catch {
      return { ok: false, reason: "not valid UTF-8 text, not analyzed" };
    }
  }
  if (text.includes("\u0000")) return { ok: false, reason: "binary file (contains NUL bytes), not analyzed" };
  const crlf = text.includes("\r\n");
  if (crlf) text = text.replace(/\r\n/g, "\n");
  return { ok: true, file: toTextFile(path, text, crlf ? "\r\n" : "\n") };
}

export function toTextFile(path: string, text: string, eol: "\n" | "\r\n" = "\n"): TextFile {
  return { path, text, lines: text.split("\n"), eol };
}
