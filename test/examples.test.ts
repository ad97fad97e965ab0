/**
 * The bundled examples are the README's first demonstration: the insecure ones must show the
 * problems they were written to show, and the hardened ones must pass at the restricted level.
 */
import { describe, expect, it } from "@jest/globals";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { scan } from "../src/engine/scan.js";
import { DEFAULT_CONFIG } from "../src/config/schema.js";

const now = new Date("2026-11-30T00:00:00Z");
function scanFolder(folder: string) {
  const dir = join(process.cwd(), "examples", folder);
  const files = readdirSync(dir).map((name) => ({ path: `${folder}/${name}`, content: readFileSync(join(dir, name)) }));
  return scan(files, DEFAULT_CONFIG, { now });
}

describe("examples", () => {
  it("insecure/ shows each problem at its line", () => {
    const r = scanFolder("insecure");
    expect(r.errors).toEqual([]);
    const got = new Set(r.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`));
    const expected = [
      "insecure/Dockerfile:2 dockerfile/root-user",
      "insecure/Dockerfile:2 dockerfile/eol-base-image",
      "insecure/Dockerfile:3 dockerfile/secret-in-env",
      "insecure/Dockerfile:4 dockerfile/unneeded-tooling",
      "insecure/Dockerfile:4 dockerfile/supervisor-daemon",
      "insecure/Dockerfile:4 dockerfile/sudo",
      "insecure/Dockerfile:5 dockerfile/pipe-to-shell",
      "insecure/Dockerfile:9 dockerfile/exposed-admin-port",
      "insecure/Dockerfile:10 dockerfile/supervisor-daemon",
      "insecure/deployment.yaml:14 k8s/host-network",
      "insecure/deployment.yaml:17 k8s/image-latest-tag",
      "insecure/deployment.yaml:19 k8s/privileged",
      "insecure/deployment.yaml:20 k8s/allow-privilege-escalation",
      "insecure/deployment.yaml:27 k8s/container-runtime-socket",
      "insecure/compose.yaml:5 compose/privileged",
      "insecure/compose.yaml:6 compose/root-user",
      "insecure/compose.yaml:7 compose/host-network",
      "insecure/compose.yaml:9 compose/container-runtime-socket",
    ];
    for (const e of expected) expect([e, got.has(e)]).toEqual([e, true]);
    // The secret is never echoed back.
    for (const f of r.findings) expect(f.message).not.toContain("ghp_abcdefghijklmnopqrstuvwxyz0123456789");
  });

  it("hardened/ has no finding above info at the restricted profile", () => {
    const r = scanFolder("hardened");
    expect(r.errors).toEqual([]);
    expect(r.findings.filter((f) => f.severity !== "info").map((f) => `${f.file}:${f.line} ${f.ruleId}: ${f.message}`)).toEqual([]);
  });
});
