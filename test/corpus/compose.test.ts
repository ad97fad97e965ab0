/**
 * Every real compose file of the shared corpus goes through one scan: nothing may crash, no scan
 * error, every finding inside its file, and a few findings checked by hand against the files.
 */
import { beforeAll, describe, expect, it } from "@jest/globals";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { scan } from "../../src/engine/scan.js";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import type { ScanResult } from "../../src/engine/types.js";
import { corpusPath, corpusPresent } from "../helpers/corpus.js";

const CORPUS = corpusPath("compose");
const present = corpusPresent("compose");
const describeCorpus = present ? describe : describe.skip;

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

describeCorpus("compose corpus", () => {
  const inputs = (present ? listFiles(CORPUS) : []).map((full) => ({ path: relative(CORPUS, full), content: readFileSync(full) }));
  const lineCounts = new Map(inputs.map((i) => [i.path, i.content.toString("utf8").split("\n").length]));
  let result: ScanResult;

  beforeAll(() => {
    result = scan(
      inputs.map((i) => ({ path: i.path, content: new Uint8Array(i.content) })),
      DEFAULT_CONFIG,
      { now: new Date("2026-11-30T00:00:00Z") },
    );
  });

  it("scans every file without errors", () => {
    expect(inputs.length).toBeGreaterThan(200);
    expect(result.errors).toEqual([]);
    expect(result.files).toHaveLength(inputs.length);
    expect(result.files.filter((f) => f.status === "parse-error")).toEqual([]);
    expect(result.files.filter((f) => f.kind === "compose" && f.status === "analyzed").length).toBeGreaterThan(200);
  });

  it("keeps every finding inside its file and names its service", () => {
    for (const f of result.findings) {
      const lines = lineCounts.get(f.file) ?? 0;
      expect(f.line).toBeGreaterThanOrEqual(1);
      expect(f.endLine).toBeLessThanOrEqual(lines);
      if (f.ruleId.startsWith("compose/") && f.ruleId !== "compose/parse-error") expect(f.resource).toMatch(/^service\/./);
    }
  });

  const at = (file: string, ruleId: string) =>
    result.findings.filter((f) => f.file === file && f.ruleId === ruleId).map((f) => [f.line, f.column, f.resource, f.message]);

  it("finds the Docker socket of the docker-outside-of-docker dev container", () => {
    expect(at("devcontainers_templates/src__docker-outside-of-docker-compose__.devcontainer__docker-compose.yml", "compose/container-runtime-socket")).toEqual([
      [
        11,
        9,
        "service/app",
        "mounts the Docker socket (/var/run/docker.sock): whoever controls this container can start privileged containers and so controls the host, even through a read-only mount",
      ],
    ]);
  });

  it("reads netbox's merge keys: the workers inherit image and user from the netbox service", () => {
    const file = "netbox-community_netbox-docker/docker-compose.yml";
    expect(at(file, "compose/root-user")).toEqual([]);
    const readOnly = result.findings.filter((f) => f.file === file && f.ruleId === "compose/read-only-root-filesystem").map((f) => [f.line, f.resource]);
    expect(readOnly.slice(0, 3)).toEqual([
      [2, "service/netbox"],
      [20, "service/netbox-worker"],
      [34, "service/netbox-housekeeping"],
    ]);
    expect(at(file, "compose/image-latest-tag")).toEqual([]);
  });

  it("finds the eBPF profiler's host access in the OpenTelemetry demo", () => {
    const file = "open-telemetry_opentelemetry-demo/compose.profiling.yaml";
    const rules = ["compose/privileged", "compose/host-pid", "compose/container-runtime-socket"];
    const found = result.findings.filter((f) => f.file === file && rules.includes(f.ruleId)).map((f) => [f.ruleId, f.line, f.resource]);
    expect(found).toEqual([
      ["compose/privileged", 16, "service/otel-ebpf-profiler"],
      ["compose/host-pid", 17, "service/otel-ebpf-profiler"],
      ["compose/container-runtime-socket", 22, "service/otel-ebpf-profiler"],
    ]);
  });

  it("reports the untagged images of the voting app but not its build-only services", () => {
    expect(at("dockersamples_example-voting-app/docker-compose.images.yml", "compose/image-latest-tag").map(([line, , resource]) => [line, resource])).toEqual([
      [9, "service/vote"],
      [20, "service/result"],
      [31, "service/worker"],
    ]);
    expect(at("dockersamples_example-voting-app/docker-compose.yml", "compose/image-latest-tag").map(([, , resource]) => resource)).not.toContain("service/vote");
  });

  it("does not report shared namespaces of docker compose's own IPC test fixtures", () => {
    expect(at("docker_compose/pkg__e2e__testdata__TestIPC__compose.yaml", "compose/host-ipc")).toEqual([]);
    expect(at("docker_compose/pkg__e2e__testdata__TestNetworkModes__compose.yaml", "compose/host-network")).toEqual([]);
  });
});
