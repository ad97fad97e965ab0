/**
 * The limits hold inside one file (issue 15): a stream of many documents is read only up to
 * limits.maxDocumentsPerFile + 1, and the scan deadline is checked while a long file is read, so a
 * file that is still being read when the deadline passes is abandoned. The inputs are the ones the
 * fuzzing found: 250,000 empty YAML documents and a 1 MB RUN line. The deadlines are injected
 * (a counting clock), never timed.
 */
import { describe, expect, it } from "@jest/globals";
import { scan } from "../../src/engine/scan.js";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import { toTextFile } from "../../src/engine/decode.js";
import { parseYamlStream } from "../../src/engine/yaml/documents.js";
import { buildDockerfileModel } from "../../src/engine/dockerfile/model.js";
import { TimeLimitReached, type Deadline } from "../../src/engine/deadline.js";
import { violations } from "./invariants.js";

const NOW = new Date("2026-01-15T00:00:00Z");
const LIMIT = DEFAULT_CONFIG.limits.maxDocumentsPerFile; // 1000
const EMPTY_DOCUMENTS = "---\n".repeat(250_000); // 1,000,000 bytes, under limits.maxFileBytes
const RUN_LINE = `FROM alpine:3.20\nRUN ${"echo x && ".repeat(100_000)}true\n`; // about 1 MB, one line
const LONG_RUN_LINE = `FROM alpine:3.20\nRUN ${"echo x && ".repeat(10_000)}true\n`; // 100 kB: dockerfile-ast's own parse of the 1 MB line costs seconds

/** A deadline that passes at its `passAt`-th check (1-based); counts every check. */
function countingDeadline(passAt = Infinity): Deadline & { calls: number } {
  const d = {
    calls: 0,
    passed(): boolean {
      d.calls += 1;
      return d.calls >= passAt;
    },
  };
  return d;
}

/** A clock for scan({ deadline: 1 }): before the deadline (0) until its `passAt`-th reading, after it (2) from then on. */
function countingClock(passAt: number): (() => number) & { calls: number } {
  const clock = Object.assign(
    () => {
      clock.calls += 1;
      return clock.calls >= passAt ? 2 : 0;
    },
    { calls: 0 },
  );
  return clock;
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error("expected a throw");
}

describe("limits.maxDocumentsPerFile while the stream is read", () => {
  it("composes 250,000 empty documents only up to the limit + 1 and reports the first one over it", () => {
    const stream = parseYamlStream(toTextFile("docker-compose.yml", EMPTY_DOCUMENTS), { maxAliases: 0, maxDocuments: LIMIT, merge: true });
    expect(stream.documentsRead).toBe(LIMIT + 1);
    expect(stream.documents).toHaveLength(LIMIT);
    expect(stream.problems).toEqual([
      {
        range: { line: LIMIT + 1, column: 1, endLine: LIMIT + 1, endColumn: 1 },
        message: `more than ${LIMIT} documents in one file; the rest were not analyzed`,
        kind: "too-many-documents",
      },
    ]);
  });

  it("reads every document of a stream under the limit", () => {
    const stream = parseYamlStream(toTextFile("k.yaml", "---\n".repeat(5)), { maxAliases: 0, maxDocuments: 5, merge: false });
    expect(stream.documentsRead).toBe(5);
    expect(stream.documents.map((d) => d.startLine)).toEqual([1, 2, 3, 4, 5]);
    expect(stream.problems).toEqual([]);
  });

  it("reports the limit at the document where it is reached in a scanned manifest", () => {
    const pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n    securityContext:\n      privileged: true\n";
    const content = pod + EMPTY_DOCUMENTS.slice(0, 4 * 200_000);
    const files = [{ path: "deploy/pods.yaml", content }];
    const result = scan(files, DEFAULT_CONFIG, { now: NOW });
    expect(violations(files, result)).toEqual([]);
    const limit = result.findings.filter((f) => f.ruleId === "k8s/parse-error");
    // The pod is document 1 (lines 1-10); `---` lines 11.. open documents 2..; document LIMIT + 1 starts on line LIMIT + 10.
    expect(limit.map((f) => [f.line, f.column, f.message])).toEqual([[LIMIT + 10, 1, `more than ${LIMIT} documents in one file; the rest were not analyzed`]]);
    expect(result.findings.some((f) => f.ruleId === "k8s/privileged" && f.line === 10)).toBe(true);
    expect(result.files[0]).toMatchObject({ status: "parse-error" });
  });

  it("reports it in a compose file of 250,000 empty documents", () => {
    const result = scan([{ path: "docker-compose.yml", content: EMPTY_DOCUMENTS }], DEFAULT_CONFIG, { now: NOW });
    expect(result.findings.map((f) => [f.ruleId, f.line, f.message])).toEqual([
      ["compose/parse-error", LIMIT + 1, `more than ${LIMIT} documents in one file; the rest were not analyzed`],
    ]);
  });
});

describe("the scan deadline inside a file", () => {
  it("stops composing YAML documents at the first check after the deadline", () => {
    const deadline = countingDeadline(11);
    const err = thrown(() => parseYamlStream(toTextFile("k.yaml", EMPTY_DOCUMENTS), { maxAliases: 0, maxDocuments: 1_000_000, merge: false }, deadline));
    expect(err).toBeInstanceOf(TimeLimitReached);
    expect((err as TimeLimitReached).line).toBe(11); // document 11 starts on line 11
    expect(deadline.calls).toBe(11); // one check per document: nothing was read after it
  });

  it("stops reading a 1 MB RUN line in the shell reader", () => {
    // The checks a two-instruction Dockerfile makes before its RUN is read as shell.
    const small = countingDeadline();
    buildDockerfileModel(toTextFile("Dockerfile", "FROM alpine:3.20\nRUN echo x\n"), DEFAULT_CONFIG, small);
    const before = small.calls;
    const deadline = countingDeadline(before + 1);
    const err = thrown(() => buildDockerfileModel(toTextFile("Dockerfile", RUN_LINE), DEFAULT_CONFIG, deadline));
    expect(err).toBeInstanceOf(TimeLimitReached);
    expect((err as TimeLimitReached).line).toBe(2);
    // The reader checks once per 1,024 words; the line has 200,000: it stopped at its first check.
    expect(deadline.calls).toBe(before + 1);
  }, 120_000); // a hang guard, not a measure: dockerfile-ast parses the 1 MB line before any check (seconds on a loaded machine)

  it("stops the dockerfile-ast parse of a long file at the first instruction after the deadline", () => {
    const many = `FROM alpine:3.20\n${"RUN echo x\n".repeat(50_000)}`;
    const deadline = countingDeadline(3);
    const err = thrown(() => buildDockerfileModel(toTextFile("Dockerfile", many), DEFAULT_CONFIG, deadline));
    expect(err).toBeInstanceOf(TimeLimitReached);
    expect((err as TimeLimitReached).line).toBe(3); // arguments of line 1 and 2 were read, line 3 was not
    expect(deadline.calls).toBe(3);
  });

  it("skips the file being read when the deadline passes, with the line it had reached, and the files after it", () => {
    const small = countingDeadline();
    buildDockerfileModel(toTextFile("Dockerfile", "FROM alpine:3.20\nRUN echo x\n"), DEFAULT_CONFIG, small);
    // Reading 1 is the check before the file; then the model's checks; the next one is in the shell reader.
    const clock = countingClock(1 + small.calls + 1);
    const files = [
      { path: "big/Dockerfile", content: LONG_RUN_LINE },
      { path: "next/Dockerfile", content: "FROM alpine:3.20\n" },
    ];
    const result = scan(files, DEFAULT_CONFIG, { now: NOW, deadline: 1, clock });
    expect(result.files).toEqual([
      { path: "big/Dockerfile", kind: "dockerfile", status: "skipped", reason: "scan time limit reached while analyzing it at line 2 (limits.scanSeconds); not analyzed" },
      { path: "next/Dockerfile", kind: "dockerfile", status: "skipped", reason: "scan time limit reached (limits.scanSeconds)" },
    ]);
    expect(result.findings).toEqual([]);
    expect(result.errors).toEqual([{ message: "scan time limit of 60s reached; some files were not scanned" }]);
    expect(clock.calls).toBe(1 + small.calls + 1); // the next file was skipped without another reading
  });

  it("checks between rules: a deadline passing after the parse stops the rules", () => {
    const content = "FROM alpine:3.20\nUSER root\n";
    const parse = countingDeadline();
    buildDockerfileModel(toTextFile("Dockerfile", content), DEFAULT_CONFIG, parse);
    const clock = countingClock(1 + parse.calls + 2); // the first rule runs, the second does not
    const result = scan([{ path: "Dockerfile", content }], DEFAULT_CONFIG, { now: NOW, deadline: 1, clock });
    expect(result.files).toEqual([
      { path: "Dockerfile", kind: "dockerfile", status: "skipped", reason: "scan time limit reached while analyzing it (limits.scanSeconds); not analyzed" },
    ]);
    expect(result.findings).toEqual([]);
    expect(clock.calls).toBe(1 + parse.calls + 2);
  });

  it("changes nothing when the deadline is not reached", () => {
    const clock = countingClock(Infinity);
    const files = [{ path: "Dockerfile", content: "FROM alpine:3.20\nUSER root\n" }];
    const withDeadline = scan(files, DEFAULT_CONFIG, { now: NOW, deadline: 1, clock });
    const without = scan(files, DEFAULT_CONFIG, { now: NOW });
    expect(withDeadline).toEqual(without);
    expect(without.findings.map((f) => f.ruleId)).toContain("dockerfile/root-user");
    expect(clock.calls).toBeGreaterThan(2);
  });
});
