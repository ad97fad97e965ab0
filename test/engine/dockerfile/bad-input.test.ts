import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { scan } from "../../../src/engine/scan.js";
import type { ScanResult } from "../../../src/engine/types.js";

const NOW = new Date("2026-11-30T00:00:00Z");
const run = (content: string | Uint8Array, path = "Dockerfile"): ScanResult => scan([{ path, content }], undefined, { now: NOW });
const summary = (r: ScanResult) => r.findings.map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`);

describe("bad input never crashes the Dockerfile handler", () => {
  it("binary content is a parse error", () => {
    const r = run(new Uint8Array([0x46, 0x52, 0x4f, 0x4d, 0x00, 0x01, 0xff]));
    expect(r.errors).toEqual([]);
    expect(r.files.map((f) => f.status)).toEqual(["parse-error"]);
    expect(summary(r)).toEqual(["1:1 dockerfile/parse-error binary file (contains NUL bytes), not analyzed"]);
  });

  it("non-UTF-8 content is a parse error", () => {
    const r = run(new Uint8Array([0x46, 0x52, 0x4f, 0x4d, 0x20, 0xc3, 0x28, 0xff, 0xfe]));
    expect(summary(r)).toEqual(["1:1 dockerfile/parse-error not valid UTF-8 text, not analyzed"]);
  });

  it("an empty file is a parse error and nothing else", () => {
    expect(summary(run(""))).toEqual(["1:1 dockerfile/parse-error the file is empty: no Dockerfile instructions to analyze"]);
    expect(summary(run("\n\n   \n"))).toEqual(["1:1 dockerfile/parse-error the file is empty: no Dockerfile instructions to analyze"]);
  });

  it("a 50 MB file is skipped as too large without being parsed", () => {
    const big = "FROM alpine:3.20\n" + "RUN echo ".padEnd(80, "x").concat("\n").repeat((50 * 1024 * 1024) / 81);
    const started = Date.now();
    const r = run(big);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.files.map((f) => [f.status, f.reason])).toEqual([["skipped", "too large"]]);
    expect(r.findings.map((f) => f.ruleId)).toEqual(["scan/file-too-large"]);
  });

  it("CRLF files are analyzed with the same positions as LF files", () => {
    const lf = "FROM alpine:3.20\nRUN apk add \\\n    curl\nUSER root\n";
    const crlf = lf.replace(/\n/g, "\r\n");
    const positions = (r: ScanResult) => r.findings.map((f) => `${f.ruleId}@${f.line}:${f.column}-${f.endColumn}`);
    expect(positions(run(crlf))).toEqual(positions(run(lf)));
    expect(positions(run(crlf))).toContain("dockerfile/unneeded-tooling@3:5-9");
    expect(run(crlf).findings.find((f) => f.ruleId === "dockerfile/root-user")?.fix?.replacement).toBe("USER 10001");
  });

  it("an unterminated heredoc is a parse error, and the rules still run", () => {
    const r = run("FROM alpine:3.20\nUSER root\nRUN <<EOF\napk add curl\n");
    expect(r.errors).toEqual([]);
    expect(r.files.map((f) => f.status)).toEqual(["parse-error"]);
    expect(summary(r).filter((s) => s.includes("parse-error") || s.includes("root-user") || s.includes("unneeded-tooling"))).toEqual([
      "2:6 dockerfile/root-user the final image runs as root: USER root; switch to an unprivileged numeric user, e.g. USER 10001",
      '3:5 dockerfile/parse-error heredoc <<EOF is never closed: no line "EOF" ends it, so the rest of the file is read as its body',
      "4:9 dockerfile/unneeded-tooling curl (a download tool) stays in the final image: a running service rarely needs it and an intruder would; install it in a builder stage or remove it after use",
    ]);
  });

  it("odd but valid text: lone CR, tabs, BOM, huge lines, unbalanced quotes", () => {
    for (const code of [
      "\ufeffFROM alpine:3.20\rRUN echo\r",
      "FROM\talpine:3.20\n\tRUN\t\"unbalanced && curl 'x | sh\n",
      `FROM alpine:3.20\nRUN ${"a ".repeat(5_000)}\n`,
      "FROM alpine:3.20\nRUN \\\n",
      "FROM alpine:3.20\nUSER\nEXPOSE 99999999999999999999 -1 abc/tcp\nADD\nENV\nARG =\nFROM\n",
      'FROM alpine:3.20\nCMD ["unterminated\nENTRYPOINT [\nHEALTHCHECK\nSHELL []\n',
    ]) {
      const r = run(code);
      expect(r.errors).toEqual([]);
      expect(r.files[0].status === "analyzed" || r.files[0].status === "parse-error").toBe(true);
    }
  });

  it("any text: no exception, no scan error, every finding inside the file", () => {
    const token = fc.constantFrom(
      "FROM ", "FROM alpine:3.20", "scratch", " AS b", "RUN ", "USER ", "root", "ARG ", "ENV ", "EXPOSE 22", "COPY --from=", "ADD http://x ",
      "CMD ", "ENTRYPOINT ", "HEALTHCHECK NONE", "<<EOF", "EOF", "\\", "`", "\n", "\r\n", " ", "&&", "|", ";", "'", '"', "$(", ")", "${A:-", "}",
      "[", "]", ",", "sh -c ", "curl ", "apt-get install ", "apk add --virtual ", "sudo ", "# escape=`", "# container-review ignore=dockerfile/sudo",
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 40 }), (parts) => {
        const text = parts.join("");
        const r = run(text);
        expect(r.errors).toEqual([]);
        const lines = text.replace(/\r\n/g, "\n").split("\n");
        for (const f of r.findings) {
          expect(f.line).toBeGreaterThanOrEqual(1);
          expect(f.endLine).toBeLessThanOrEqual(Math.max(1, lines.length));
          expect(f.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 150 },
    );
  });
});
