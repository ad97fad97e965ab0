import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main, type CliIo } from "../../src/cli/main.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "cr-cli-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(rel: string, text: string): void {
  mkdirSync(join(dir, rel, ".."), { recursive: true });
  writeFileSync(join(dir, rel), text);
}

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd: dir, color: false, now: new Date("2026-11-30T00:00:00Z") };
  const code = await main(args, io);
  return { code, out, err };
}

const ROOT_DOCKERFILE = "FROM debian:12.8@sha256:" + "a".repeat(64) + "\nRUN echo hi\nHEALTHCHECK CMD true\n";
const PRIVILEGED = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
      securityContext:
        privileged: true
`;

describe("usage", () => {
  it("explains itself and exits 2 without a command or paths", async () => {
    expect((await run()).code).toBe(2);
    const noPath = await run("scan");
    expect(noPath.code).toBe(2);
    expect(noPath.err).toContain("scan needs at least one PATH");
    const badFormat = await run("scan", "--format", "xml", ".");
    expect(badFormat.code).toBe(2);
    expect(badFormat.err).toContain("--format must be text, json or sarif");
    const unknownFlag = await run("scan", "--frmat", "json", ".");
    expect(unknownFlag.code).toBe(2);
  });

  it("reports a missing path, still scans the others, and exits 2", async () => {
    write("Dockerfile", ROOT_DOCKERFILE);
    const r = await run("scan", "--format", "json", "Dockerfile", "does-not-exist");
    expect(r.code).toBe(2);
    expect(r.err).toContain("does-not-exist: no such file or directory");
    const report = JSON.parse(r.out);
    expect(report.findings.map((f: { ruleId: string; line: number }) => [f.ruleId, f.line])).toContainEqual(["dockerfile/root-user", 1]);
  });

  it("refuses an invalid configuration with a message naming the file and key", async () => {
    write("cr.yml", "failOn: sometimes\nunknownKey: 1\n");
    const r = await run("scan", "--config", "cr.yml", ".");
    expect(r.code).toBe(2);
    expect(r.err).toContain('cr.yml: unknown key "unknownKey"');
    expect(r.err).toContain("cr.yml: failOn: must be one of");
  });
});

describe("formats and exit codes", () => {
  it("exits 1 on blocking findings and 0 when the threshold is above them", async () => {
    write("Dockerfile", ROOT_DOCKERFILE);
    expect((await run("scan", ".")).code).toBe(1);
    expect((await run("scan", "--fail-on", "none", ".")).code).toBe(0);
  });

  it("prints JSON version 1 with exact positions", async () => {
    write("app/Dockerfile", ROOT_DOCKERFILE);
    const r = await run("scan", "--format", "json", ".");
    const report = JSON.parse(r.out);
    expect(report.version).toBe(1);
    expect(report.errors).toEqual([]);
    const root = report.findings.find((f: { ruleId: string }) => f.ruleId === "dockerfile/root-user");
    expect(root).toMatchObject({ file: "app/Dockerfile", line: 1, column: 1, severity: "error" });
    expect(typeof root.fingerprint).toBe("string");
  });

  it("prints SARIF 2.1.0 with rule metadata and regions", async () => {
    write("pod.yaml", PRIVILEGED);
    const r = await run("scan", "--format", "sarif", "pod.yaml");
    const sarif = JSON.parse(r.out);
    expect(sarif.version).toBe("2.1.0");
    const run0 = sarif.runs[0];
    const ruleIds = run0.tool.driver.rules.map((x: { id: string }) => x.id);
    expect(ruleIds).toContain("k8s/privileged");
    const result = run0.results.find((x: { ruleId: string }) => x.ruleId === "k8s/privileged");
    expect(result.level).toBe("error");
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "pod.yaml", uriBaseId: "%SRCROOT%" },
      region: expect.objectContaining({ startLine: 10 }),
    });
    expect(run0.tool.driver.rules[result.ruleIndex].id).toBe("k8s/privileged");
    expect(run0.tool.driver.rules[result.ruleIndex].helpUri).toMatch(/docs\/rules\/k8s\/privileged\.md$/);
  });

  it("groups text output per file and per object", async () => {
    write("pod.yaml", PRIVILEGED);
    const r = await run("scan", "pod.yaml");
    const lines = r.out.split("\n");
    expect(lines[0]).toBe("pod.yaml");
    expect(lines[1]).toBe("  Pod/web");
    expect(r.out).toMatch(/ {4}10:\d+ +error +k8s\/privileged +/);
    expect(r.out).toMatch(/\d+ problems? \(\d+ errors?, \d+ warnings?, \d+ info\)\./);
  });

  it("lists the rules", async () => {
    const r = await run("rules", "--format", "json");
    const ids = JSON.parse(r.out).map((m: { id: string }) => m.id);
    expect(ids).toEqual(expect.arrayContaining(["dockerfile/root-user", "k8s/privileged", "compose/privileged", "suppression/missing-reason"]));
  });
});

describe("--fix", () => {
  it("applies the mechanical fix in place and the file re-scans clean for that rule", async () => {
    write("pod.yaml", PRIVILEGED.replace(/\n/g, "\r\n"));
    const r = await run("scan", "--fix", "--format", "json", "pod.yaml");
    const fixed = readFileSync(join(dir, "pod.yaml"), "utf8");
    expect(fixed).toContain("        privileged: false\r\n");
    expect(fixed.split("\r\n").length).toBe(PRIVILEGED.split("\n").length);
    const report = JSON.parse(r.out);
    expect(report.findings.filter((f: { ruleId: string }) => f.ruleId === "k8s/privileged")).toEqual([]);
  });
});

describe("baselines", () => {
  function git(...args: string[]): void {
    execFileSync("git", args, { cwd: dir, stdio: "ignore", env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@t", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@t" } });
  }

  it("--baseline REF reports only what changed since the revision, across a rename and moved lines", async () => {
    write("svc/Dockerfile", ROOT_DOCKERFILE);
    git("init", "-q");
    git("add", ".");
    git("commit", "-qm", "base");
    // Rename the file, push the FROM down two lines, and add a privileged Pod.
    rmSync(join(dir, "svc"), { recursive: true });
    write("service/Dockerfile", "# syntax=docker/dockerfile:1\n\n" + ROOT_DOCKERFILE);
    git("add", "-A");
    write("pod.yaml", PRIVILEGED);
    const r = await run("scan", "--format", "json", "--baseline", "HEAD", ".");
    const report = JSON.parse(r.out);
    const root = report.findings.find((f: { ruleId: string }) => f.ruleId === "dockerfile/root-user");
    expect(root).toMatchObject({ file: "service/Dockerfile", line: 3, baseline: "existing" });
    const priv = report.findings.find((f: { ruleId: string }) => f.ruleId === "k8s/privileged");
    expect(priv).toMatchObject({ file: "pod.yaml", baseline: "new" });
    expect(r.code).toBe(1); // the new privileged pod blocks

    const text = await run("scan", "--baseline", "HEAD", "service");
    expect(text.code).toBe(0); // only pre-existing findings there
    expect(text.out).toMatch(/0 new findings, \d+ pre-existing not shown, 0 fixed\./);
  });

  it("--baseline refuses an option-looking revision", async () => {
    write("Dockerfile", ROOT_DOCKERFILE);
    const r = await run("scan", "--baseline=--output=/tmp/x", ".");
    expect(r.code).toBe(2);
    expect(r.err).toContain("is not a git revision");
  });

  it("--baseline-file compares with a saved JSON report and lists fixed findings", async () => {
    write("Dockerfile", ROOT_DOCKERFILE);
    const saved = await run("scan", "--format", "json", "--output", "baseline.json", ".");
    expect(saved.code).toBe(1);
    write("Dockerfile", ROOT_DOCKERFILE.replace("RUN echo hi", "RUN echo hi\nUSER 10001"));
    const r = await run("scan", "--format", "json", "--baseline-file", "baseline.json", ".");
    const report = JSON.parse(r.out);
    expect(report.fixed.map((f: { ruleId: string }) => f.ruleId)).toContain("dockerfile/root-user");
    expect(report.findings.filter((f: { baseline: string }) => f.baseline === "new")).toEqual([]);
    expect(r.code).toBe(0);
  });
});

describe("files named on the command line", () => {
  it("judges an oddly named Dockerfile by its content (FROM, ARG or a parser directive first)", async () => {
    write("some/path/worker_Dockerfile", "# build the worker\n\nFROM debian:12.8\nRUN apt-get install -y curl\n");
    write("images/base.txt", "# syntax=docker/dockerfile:1\nFROM node:22\n");
    write("images/argfirst", "ARG BASE=alpine:3.20\nFROM ${BASE}\nUSER root\n");
    const r = await run("scan", "--format", "json", "some/path/worker_Dockerfile", "images/base.txt", "images/argfirst");
    const report = JSON.parse(r.out);
    expect(report.errors).toStrictEqual([]);
    const rootUser = report.findings.filter((f: { ruleId: string }) => f.ruleId === "dockerfile/root-user").map((f: { file: string; line: number }) => `${f.file}:${f.line}`);
    expect(rootUser).toStrictEqual(["images/argfirst:3", "images/base.txt:2", "some/path/worker_Dockerfile:3"]);
    expect(report.findings.map((f: { ruleId: string; file: string }) => `${f.file} ${f.ruleId}`)).toContain("some/path/worker_Dockerfile dockerfile/unneeded-tooling");
    expect(r.code).toBe(1);
  });

  it("judges an oddly named manifest by its content", async () => {
    write("deploy/web.k8s", PRIVILEGED);
    const r = await run("scan", "--format", "json", "deploy/web.k8s");
    const report = JSON.parse(r.out);
    expect(report.findings.map((f: { ruleId: string; line: number }) => `${f.ruleId}:${f.line}`)).toContain("k8s/privileged:10");
  });

  it("reports a named file that is no container file, in JSON errors and on stderr in text, and exits 2", async () => {
    write("notes/worker_Dockerfile", "This folder holds the worker's image notes.\nRUN it with care.\n");
    write("Dockerfile", ROOT_DOCKERFILE);
    const json = await run("scan", "--format", "json", "notes/worker_Dockerfile", "Dockerfile");
    expect(json.code).toBe(2);
    expect(JSON.parse(json.out).errors).toStrictEqual([
      {
        file: "notes/worker_Dockerfile",
        message:
          "not a container file: neither its name nor its content says Dockerfile (first instruction FROM or ARG), Kubernetes manifest (apiVersion and kind) or compose file (services:)",
        code: "not-a-container-file",
      },
    ]);
    const text = await run("scan", "notes/worker_Dockerfile", "Dockerfile");
    expect(text.code).toBe(2);
    expect(text.err).toBe("container-review: notes/worker_Dockerfile: not a container file: neither its name nor its content says Dockerfile (first instruction FROM or ARG), Kubernetes manifest (apiVersion and kind) or compose file (services:)\n");
    expect(text.out).toContain("Dockerfile\n  1:1");
    expect(text.out).not.toContain("notes/worker_Dockerfile");
  });

  it("keeps name-based detection in folder walks (an oddly named Dockerfile inside a folder is not read)", async () => {
    write("svc/worker_Dockerfile", "FROM debian:12.8\n");
    write("svc/README.txt", "hello\n");
    const r = await run("scan", "--format", "json", "svc");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ findings: [], errors: [] });
  });

  it("leaves YAML without Kubernetes objects or services alone, as pre-commit passes every YAML file", async () => {
    write(".github/workflows/ci.yml", "on: push\njobs: {}\n");
    const r = await run("scan", "--format", "json", ".github/workflows/ci.yml");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ findings: [], errors: [] });
  });
});

describe("--baseline in JSON, text and the exit code", () => {
  it("JSON keeps pre-existing findings marked existing; text shows only new ones; the exit code follows the new ones in every format", async () => {
    const git = (...args: string[]) =>
      execFileSync("git", args, { cwd: dir, stdio: "ignore", env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@t", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@t" } });
    write("Dockerfile", ROOT_DOCKERFILE);
    git("init", "-q");
    git("add", ".");
    git("commit", "-qm", "base");
    write("Dockerfile", `${ROOT_DOCKERFILE}EXPOSE 22\n`);
    const json = await run("scan", "--format", "json", "--baseline", "HEAD", "Dockerfile");
    const findings = JSON.parse(json.out).findings as { ruleId: string; baseline: string; severity: string }[];
    expect(findings.map((f) => `${f.ruleId} ${f.severity} ${f.baseline}`)).toStrictEqual([
      "dockerfile/root-user error existing",
      "dockerfile/exposed-admin-port warning new",
    ]);
    const text = await run("scan", "--baseline", "HEAD", "Dockerfile");
    expect(text.out).toContain("dockerfile/exposed-admin-port");
    expect(text.out).not.toContain("dockerfile/root-user");
    expect(text.out).toContain("Compared with HEAD: 1 new finding, 1 pre-existing not shown, 0 fixed.");
    // The pre-existing error does not fail the run; the new warning does at --fail-on warning.
    expect([json.code, text.code]).toStrictEqual([0, 0]);
    const strictJson = await run("scan", "--format", "json", "--fail-on", "warning", "--baseline", "HEAD", "Dockerfile");
    const strictText = await run("scan", "--fail-on", "warning", "--baseline", "HEAD", "Dockerfile");
    expect([strictJson.code, strictText.code]).toStrictEqual([1, 1]);
  });
});
