/**
 * The GitHub Action (action.yml) and the pre-commit hook (.pre-commit-hooks.yaml): they parse, carry
 * the keys their hosts require, use only CLI flags the CLI documents, and the exact command line the
 * action builds really runs. The copy-paste snippets in docs/integrations.md are checked the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { main, type CliIo } from "../../src/cli/main.js";
import { detectKindByPath } from "../../src/engine/detect.js";

interface ActionStep {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  shell?: string;
  if?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}
interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files: string;
  description?: string;
}

const action = parse(readFileSync("action.yml", "utf8")) as Action;
const hooks = parse(readFileSync(".pre-commit-hooks.yaml", "utf8")) as Hook[];
const integrationsDoc = readFileSync("docs/integrations.md", "utf8");

function captureIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd: process.cwd(), color: false, now: new Date("2026-11-30T00:00:00Z") };
}

let documentedFlags: Set<string>;
beforeAll(async () => {
  const io = captureIo();
  expect(await main(["--help"], io)).toBe(0);
  documentedFlags = new Set(io.out.join("").match(/--[a-z][a-z-]*/g) ?? []);
});

/** The `--flags` of every `container-review scan ...` command in a text (continuation lines joined). */
function scanFlags(text: string): string[] {
  const commands = text.replace(/\\\n\s*/g, " ").split("\n").filter((l) => /container-review scan\b/.test(l));
  return commands.flatMap((c) => c.slice(c.indexOf("container-review scan")).match(/(?<=\s)--[a-z][a-z-]*/g) ?? []);
}

describe("action.yml", () => {
  it("is a composite action with a name, a description and the documented inputs", () => {
    expect(action.name).toBe("container-review");
    expect(action.description.length).toBeGreaterThan(20);
    expect(action.runs.using).toBe("composite");
    for (const input of ["paths", "config", "profile", "fail-on"]) {
      expect(action.inputs[input]).toEqual(expect.objectContaining({ description: expect.any(String), default: expect.any(String) }));
    }
    expect(action.inputs.profile?.default).toBe("restricted");
    expect(Object.keys(action.outputs).sort()).toEqual(["exit-code", "sarif-file"]);
  });

  it("sets up Node 20, runs the SARIF scan, and uploads it with codeql-action/upload-sarif", () => {
    const steps = action.runs.steps;
    const setupNode = steps.findIndex((s) => s.uses?.startsWith("actions/setup-node@"));
    const scanStep = steps.findIndex((s) => s.run?.includes("container-review scan --format sarif"));
    const upload = steps.findIndex((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"));
    expect([setupNode, scanStep, upload].every((i) => i >= 0)).toBe(true);
    expect(setupNode).toBeLessThan(scanStep);
    expect(scanStep).toBeLessThan(upload);
    expect(steps[setupNode]?.with?.["node-version"]).toBe("20");
    expect(steps[upload]?.with?.sarif_file).toBe("${{ steps.scan.outputs.sarif-file }}");
    // Uploaded even when the scan found problems; the job fails afterwards.
    expect(steps[upload]?.if).toContain("always()");
    for (const step of steps) if (step.run) expect(step.shell).toBe("bash");
  });

  it("pins every action it uses to a full commit SHA", () => {
    const uses = action.runs.steps.flatMap((s) => (s.uses ? [s.uses] : []));
    expect(uses.length).toBeGreaterThan(0);
    for (const ref of uses) expect(ref).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
  });

  it("never expands inputs inside a shell script (no script injection)", () => {
    for (const step of action.runs.steps) {
      if (step.run) expect(step.run).not.toMatch(/\$\{\{/);
    }
  });

  it("passes every input it scans with through the environment", () => {
    const scan = action.runs.steps.find((s) => s.id === "scan");
    expect(scan?.env).toEqual({
      CR_PATHS: "${{ inputs.paths }}",
      CR_CONFIG: "${{ inputs.config }}",
      CR_PROFILE: "${{ inputs.profile }}",
      CR_FAIL_ON: "${{ inputs.fail-on }}",
      CR_SARIF: "${{ inputs.sarif-file }}",
    });
  });

  it("uses only CLI flags that `container-review --help` documents", () => {
    // The whole scan script: the optional --config is assembled in an array before the command.
    const script = action.runs.steps.find((s) => s.id === "scan")?.run ?? "";
    const flags = script.match(/(?<=[\s(])--[a-z][a-z-]*/g) ?? [];
    expect(flags).toEqual(expect.arrayContaining(["--format", "--output", "--profile", "--fail-on", "--config"]));
    expect(flags.filter((f) => !documentedFlags.has(f))).toEqual([]);
  });
});

describe("the action's command line, run for real", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "cr-action-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes a SARIF 2.1.0 report of the repository's own deployment and exits 0", async () => {
    const sarifPath = join(dir, "container-review.sarif");
    const configPath = join(dir, "config.yml");
    writeFileSync(configPath, "profile: restricted\n");
    const io = captureIo();
    const code = await main(
      ["scan", "--format", "sarif", "--output", sarifPath, "--profile", "restricted", "--fail-on", "error", "--config", configPath, "--", "deploy/kubernetes"],
      io,
    );
    expect({ code, stderr: io.err.join("") }).toEqual({ code: 0, stderr: expect.stringContaining("0 blocking findings") });
    const sarif = JSON.parse(readFileSync(sarifPath, "utf8")) as { version: string; runs: { tool: { driver: { name: string } } }[] };
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0]?.tool.driver.name).toBe("container-review");
  });

  it("exits 1 when a scanned file has a finding at or above fail-on (so the action fails the job)", async () => {
    const manifest = join(dir, "pod.yaml");
    writeFileSync(manifest, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n");
    const io = captureIo();
    const code = await main(["scan", "--format", "sarif", "--output", join(dir, "bad.sarif"), "--profile", "restricted", "--fail-on", "error", "--", manifest], io);
    expect(code).toBe(1);
  });

  it("exits 2 on a bad profile value, which the action reports as an error, not as findings", async () => {
    const io = captureIo();
    expect(await main(["scan", "--format", "sarif", "--profile", "strict", "--", "deploy/kubernetes"], io)).toBe(2);
  });
});

describe(".pre-commit-hooks.yaml", () => {
  const hook = hooks[0];

  it("declares one node hook whose entry is `container-review scan`", () => {
    expect(hooks).toHaveLength(1);
    expect(hook).toEqual(
      expect.objectContaining({ id: "container-review", name: expect.any(String), entry: "container-review scan", language: "node", files: expect.any(String) }),
    );
  });

  it("names a bin the package provides", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { bin: Record<string, string> };
    expect(Object.keys(pkg.bin)).toContain(hook?.entry.split(" ")[0]);
  });

  /** pre-commit uses Python's re.search; the pattern starts with Python's inline (?i) flag. */
  function filesPattern(): RegExp {
    const source = hook?.files ?? "";
    expect(source.startsWith("(?i)")).toBe(true);
    return new RegExp(source.slice(4), "i");
  }

  it.each([
    "Dockerfile",
    "docker/Dockerfile.prod",
    "Containerfile",
    "build/api.dockerfile",
    "deploy/kubernetes/deployment.yaml",
    "k8s/app.yml",
    "compose.yaml",
    "docker-compose.override.yml",
    "manifests/list.json",
  ])("passes %s, which container-review scans", (path) => {
    expect(detectKindByPath(path)).not.toBeNull();
    expect(filesPattern().test(path)).toBe(true);
  });

  it.each(["README.md", "src/app.ts", "Makefile", "docs/Dockerfile-guide/index.html"])("does not pass %s", (path) => {
    expect(detectKindByPath(path)).toBeNull();
    expect(filesPattern().test(path)).toBe(false);
  });

  it("uses only documented CLI flags in its entry", () => {
    expect(scanFlags(hook?.entry ?? "").filter((f) => !documentedFlags.has(f))).toEqual([]);
  });
});

describe("docs/integrations.md", () => {
  const yamlBlocks = [...integrationsDoc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");

  it("has copy-paste snippets that parse as YAML", () => {
    expect(yamlBlocks.length).toBeGreaterThanOrEqual(2);
    for (const block of yamlBlocks) expect(() => parse(block)).not.toThrow();
  });

  it("has a workflow snippet that uses the action with existing inputs and the permission upload needs", () => {
    const workflow = yamlBlocks.map((b) => parse(b) as Record<string, any>).find((doc) => doc?.jobs !== undefined);
    expect(workflow).toBeDefined();
    const job = Object.values(workflow?.jobs ?? {})[0] as { permissions: Record<string, string>; steps: ActionStep[] };
    expect(job.permissions["security-events"]).toBe("write");
    const use = job.steps.find((s) => s.uses?.startsWith("container-review/container-review@"));
    expect(use).toBeDefined();
    for (const key of Object.keys(use?.with ?? {})) expect(Object.keys(action.inputs)).toContain(key);
  });

  it("has a .pre-commit-config.yaml snippet that names the hook", () => {
    const config = yamlBlocks.map((b) => parse(b) as Record<string, any>).find((doc) => Array.isArray(doc?.repos));
    const hookIds = (config?.repos ?? []).flatMap((r: { hooks: { id: string }[] }) => r.hooks.map((h) => h.id));
    expect(hookIds).toContain("container-review");
  });

  it("uses only documented CLI flags in its examples", () => {
    const flags = scanFlags(integrationsDoc);
    expect(flags.length).toBeGreaterThan(0);
    expect(flags.filter((f) => !documentedFlags.has(f))).toEqual([]);
  });
});
