import { describe, expect, it } from "@jest/globals";
import { Writable } from "node:stream";
import { pino } from "pino";
import type { Logger } from "probot";
import { redactLogRecord, scanLogger } from "../../src/ops/logging.js";

/** A real pino logger writing JSON lines into memory. */
function memoryLogger(): { log: Logger; lines: () => Record<string, unknown>[]; raw: () => string } {
  let raw = "";
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      raw += chunk.toString();
      done();
    },
  });
  const log = pino({ level: "debug" }, sink) as unknown as Logger;
  return {
    log,
    raw: () => raw,
    lines: () =>
      raw
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

const scan = { deliveryId: "d-7f3a", repository: "octo-org/demo", pullNumber: 42, headSha: "abc123def456" };
const FILE_CONTENT = "FROM node:20\nENV NPM_TOKEN=npm_SuperSecretValue123\nUSER root\n";
const PRIVATE_KEY = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n";

describe("scanLogger", () => {
  it("puts delivery ID, repository, PR number and head SHA on every line", () => {
    const memory = memoryLogger();
    const log = scanLogger(memory.log, scan);
    log.info("scan started");
    log.debug({ files: 3 }, "files listed");
    log.child({ phase: "report" }).warn("review comment skipped: line not in diff");
    const lines = memory.lines();
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatchObject(scan);
    expect(lines.map((l) => l.msg)).toEqual(["scan started", "files listed", "review comment skipped: line not in diff"]);
  });

  it("never writes file content or secrets, whatever object is logged", () => {
    const memory = memoryLogger();
    const log = scanLogger(memory.log, scan);
    log.info({ file: { path: "Dockerfile", content: FILE_CONTENT } }, "file fetched");
    log.info({ files: [{ path: "Dockerfile", text: FILE_CONTENT, lines: FILE_CONTENT.split("\n") }] }, "decoded");
    log.info({ request: { headers: { Authorization: "token ghs_abcdef" } }, privateKey: PRIVATE_KEY, token: "ghs_abcdef" }, "auth");
    log.child({ phase: "fetch" }).info({ patch: "@@ -1 +1 @@\n-USER app\n+USER root" }, "diff fetched");

    const raw = memory.raw();
    expect(raw).not.toContain("npm_SuperSecretValue123");
    expect(raw).not.toContain("USER root");
    expect(raw).not.toContain("ghs_abcdef");
    expect(raw).not.toContain("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC");
    // What is allowed through is still there: paths and the scan identity.
    const lines = memory.lines();
    expect(lines[0]).toMatchObject({ ...scan, file: { path: "Dockerfile", content: "[redacted]" } });
    expect(lines[1]).toMatchObject({ files: [{ path: "Dockerfile", text: "[redacted]", lines: "[redacted]" }] });
    expect(lines[2]).toMatchObject({ request: { headers: { Authorization: "[redacted]" } }, privateKey: "[redacted]", token: "[redacted]" });
    expect(lines).toHaveLength(4);
  });

  it("proves the redaction matters: the plain logger would have written the content", () => {
    const memory = memoryLogger();
    memory.log.info({ file: { path: "Dockerfile", content: FILE_CONTENT } }, "file fetched");
    expect(memory.raw()).toContain("npm_SuperSecretValue123");
  });

  it("keeps logging errors with their message", () => {
    const memory = memoryLogger();
    scanLogger(memory.log, scan).error({ err: new Error("rate limited") }, "scan failed");
    expect(memory.lines()[0]).toMatchObject({ ...scan, err: { message: "rate limited" }, msg: "scan failed" });
  });
});

describe("redactLogRecord", () => {
  it("survives cycles and deep nesting", () => {
    const cyclic: Record<string, unknown> = { path: "a" };
    cyclic.self = cyclic;
    let deep: Record<string, unknown> = { content: "x" };
    for (let i = 0; i < 20; i += 1) deep = { next: deep };
    const out = redactLogRecord({ cyclic, deep });
    expect(out.cyclic).toEqual({ path: "a", self: "[elided]" });
    expect(JSON.stringify(out)).not.toContain('"content":"x"');
  });
});
