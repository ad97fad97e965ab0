/**
 * Property-based robustness of the engine (fast-check, fixed seed, modest run counts).
 *
 * Whatever the bytes: scan() never throws, no rule fails (no scan `errors`), every finding lies
 * inside its file, and each input finishes within HANG_GUARD_MS of CPU time. The time guard is a
 * hang detector measured after each call, not a performance assertion (the benchmark measures
 * performance). It counts this process's CPU time rather than wall time because the test machine
 * is shared (wall time inflates several-fold under load, CPU time barely moves); a 60 s wall-time
 * backstop remains. The pathological inputs are sized so that an exponential or quadratic blow-up
 * shows up as seconds, not as a test run that never ends.
 *
 * To reproduce a failure, fast-check prints the seed and the shrunk counterexample; run again with
 * FUZZ_SEED=<seed> (and FUZZ_RUNS=<n> for a longer campaign).
 */
import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { scan } from "../../src/engine/scan.js";
import { DEFAULT_CONFIG, type ResolvedConfig } from "../../src/config/schema.js";
import type { Finding, ScanResult } from "../../src/engine/types.js";
import { corpusExists, loadCorpus } from "../../bench/corpus.js";
import { violations } from "./invariants.js";

const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const HANG_GUARD_MS = 2000;
const WALL_BACKSTOP_MS = 60_000;
const NOW = new Date("2026-01-15T00:00:00Z");
const FC = { seed: SEED, numRuns: RUNS, endOnFailure: true } as const;

interface Input {
  path: string;
  content: string | Uint8Array;
}

/** Scans and checks every invariant; throws a descriptive error on any violation. */
function checkedScan(inputs: Input[], label: string, config: ResolvedConfig = DEFAULT_CONFIG): ScanResult {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let result: ScanResult;
  try {
    result = scan(inputs, config, { now: NOW });
  } catch (err) {
    throw new Error(`${label}: scan threw: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const wallMs = performance.now() - start;
  if (cpuMs > HANG_GUARD_MS || wallMs > WALL_BACKSTOP_MS) {
    throw new Error(`${label}: one scan took ${cpuMs.toFixed(0)} ms of CPU, ${wallMs.toFixed(0)} ms wall (hang guard ${HANG_GUARD_MS} ms CPU)`);
  }
  const bad = violations(inputs, result);
  if (bad.length > 0) throw new Error(`${label}:\n  ${bad.slice(0, 20).join("\n  ")}`);
  return result;
}

const PATHS = ["Dockerfile", "build/Containerfile", "deploy/app.yaml", "k8s/list.json", "docker-compose.yml", "compose.yaml"] as const;

const dockerTokens = [
  "FROM ", "FROM ubuntu:latest", "FROM node:20 AS build", "FROM scratch", "FROM --platform=$BUILDPLATFORM x", "AS ", "RUN ", "USER ",
  "USER root", "USER 1000:1000", "COPY ", "ADD ", "ADD http://x/y.tgz /", "--from=build ", "--chown=0:0 ", "ENV ", "ARG ",
  "ARG A=1", "${A}", "$A", "${A:-x}", "EXPOSE 22", "HEALTHCHECK NONE", "HEALTHCHECK CMD true", "CMD ", "ENTRYPOINT ",
  '["sh","-c","x"]', '["', "WORKDIR /", "SHELL [\"bash\"]", "ONBUILD ", "LABEL a=b", "apt-get install -y curl",
  "apt-get update", "&& ", "| sh", "curl -fsSL https://x | bash", "sudo ", "chmod 777 /", "pip install x", "npm install",
  "apk add --no-cache x", "<<EOF", "<<-EOT", "EOF", "# syntax=docker/dockerfile:1", "# escape=`", "# container-review ignore=",
  "dockerfile/root-user reason", " --", "\\", "`", "#", " ", "  ", "\t", "\n", "\n", "\n", "\r\n", "\r", "'", '"', "=", ":",
  "@sha256:" + "a".repeat(64), "AWS_SECRET_ACCESS_KEY=abcd", "PASSWORD=hunter2", "--mount=type=secret,id=x ", "\u00e9", "\u{1F600}",
];

const yamlTokens = [
  "apiVersion: v1\n", "apiVersion: apps/v1\n", "kind: Pod\n", "kind: Deployment\n", "kind: List\n", "kind: Role\n",
  "kind: ClusterRoleBinding\n", "kind: NetworkPolicy\n", "metadata:\n", "  name: x\n", "  namespace: kube-system\n",
  "  annotations:\n", "    container-review.dev/ignore: x\n", "spec:\n", "  template:\n", "  hostNetwork: true\n",
  "  hostPID: true\n", "  containers:\n", "  initContainers:\n", "  - name: c\n", "    image: nginx\n", "    image: nginx:latest\n",
  "    securityContext:\n", "      privileged: true\n", "      runAsUser: 0\n", "      allowPrivilegeEscalation: true\n",
  "      capabilities: {add: [SYS_ADMIN, ALL]}\n", "    volumeMounts:\n", "  volumes:\n", "  - hostPath: {path: /}\n",
  "rules:\n", "- apiGroups: ['*']\n", "  resources: ['*']\n", "  verbs: ['*']\n", "items:\n", "services:\n", "  web:\n",
  "    privileged: true\n", "    network_mode: host\n", "    pid: host\n", "    user: root\n", "    volumes: [/var/run/docker.sock:/var/run/docker.sock]\n",
  "    cap_add: [ALL]\n", "    environment:\n", "      - PASSWORD=x\n", "x-common: &c\n", "  <<: *c\n", "*c", "&c ", "!!binary ",
  "!!str ", "!custom ", "? ", "- ", "-", ": ", "{", "}", "[", "]", ",", "'", '"', "|\n", ">-\n", "#", "# container-review ignore=",
  "---\n", "...\n", "%YAML 1.2\n", "{{ .Values.x }}", "{{- if .Values.y }}\n", "\t", " ", "  ", "    ", "\n", "\r\n", "\r", "\u0085",
  "\ufeff", "0x10", "1e400", "-.inf", ".nan", "null", "~", "true", "yes", "\u00e9", "\u{1F600}", "\\",
];

const soup = (tokens: string[]) => fc.array(fc.constantFrom(...tokens), { maxLength: 120 }).map((t) => t.join(""));

const corpusSample: { path: string; content: Buffer }[] = corpusExists()
  ? loadCorpus()
      .filter((f) => f.size > 0 && f.size <= 16 * 1024)
      .filter((_, i) => i % 7 === 0)
      .map((f) => ({ path: f.path, content: f.content }))
  : [
      { path: "Dockerfile", content: Buffer.from("FROM ubuntu\nUSER root\nRUN apt-get install -y curl \\\n  && rm -rf /var/lib/apt/lists/*\n") },
      { path: "pod.yaml", content: Buffer.from("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: x\n    securityContext:\n      privileged: true\n") },
      { path: "compose.yaml", content: Buffer.from("services:\n  web:\n    image: x\n    privileged: true\n") },
    ];

/** Findings reduced to what must not change when only line endings change. */
function shape(findings: Finding[]): string[] {
  return findings.map((f) => `${f.file} ${f.ruleId} ${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.severity}`).sort();
}

describe("fuzzing the engine (fast-check, fixed seed)", () => {
  it("random bytes under every kind of file name", () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), fc.uint8Array({ maxLength: 4096 }), (path, bytes) => {
        checkedScan([{ path, content: bytes }], `random bytes as ${path}`);
      }),
      FC,
    );
  });

  it("random strings of any code point (NUL, lone surrogates, control characters)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), fc.string({ unit: "binary", maxLength: 2048 }), (path, text) => {
        checkedScan([{ path, content: text }], `random string as ${path}`);
      }),
      FC,
    );
  });

  it("Dockerfile-shaped token soup", () => {
    fc.assert(
      fc.property(fc.constantFrom("Dockerfile", "app.Dockerfile"), soup(dockerTokens), (path, text) => {
        checkedScan([{ path, content: text }], `Dockerfile soup ${JSON.stringify(text.slice(0, 200))}`);
      }),
      { ...FC, numRuns: RUNS * 3 },
    );
  });

  it("manifest- and compose-shaped token soup", () => {
    fc.assert(
      fc.property(fc.constantFrom("deploy/app.yaml", "k8s/x.json", "docker-compose.yml"), soup(yamlTokens), (path, text) => {
        checkedScan([{ path, content: text }], `YAML soup as ${path} ${JSON.stringify(text.slice(0, 200))}`);
      }),
      { ...FC, numRuns: RUNS * 3 },
    );
  });

  it("truncated and byte-flipped corpus files", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: corpusSample.length - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        fc.boolean(),
        (index, cut, flips, asString) => {
          const source = corpusSample[index];
          const bytes = Uint8Array.from(source.content.subarray(0, Math.floor(source.content.length * cut)));
          for (const [at, value] of flips) if (bytes.length > 0) bytes[Math.min(bytes.length - 1, Math.floor(at * bytes.length))] = value;
          const content = asString ? Buffer.from(bytes).toString("utf8") : bytes;
          checkedScan([{ path: source.path, content }], `mutated ${source.path} (cut ${cut.toFixed(3)}, ${flips.length} flips)`);
        },
      ),
      { ...FC, numRuns: RUNS * 2 },
    );
  });

  it("CRLF files give the same findings as LF files, and a BOM changes nothing", () => {
    const texts = fc.oneof(
      fc.integer({ min: 0, max: corpusSample.length - 1 }).map((i) => ({ path: corpusSample[i].path, text: corpusSample[i].content.toString("utf8") })),
      soup(dockerTokens).map((text) => ({ path: "Dockerfile", text })),
      soup(yamlTokens).map((text) => ({ path: "deploy/app.yaml", text })),
    );
    fc.assert(
      fc.property(texts, ({ path, text }) => {
        const lf = text.replace(/\r\n?/g, "\n");
        if (lf.includes("\u0000")) return;
        const a = checkedScan([{ path, content: lf }], `LF ${path}`);
        const b = checkedScan([{ path, content: lf.replace(/\n/g, "\r\n") }], `CRLF ${path}`);
        const c = checkedScan([{ path, content: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lf)]) }], `BOM ${path}`);
        expect(shape(b.findings)).toEqual(shape(a.findings));
        expect(shape(c.findings)).toEqual(shape(a.findings));
        expect(b.files.map((f) => f.status)).toEqual(a.files.map((f) => f.status));
      }),
      { ...FC, numRuns: Math.max(20, Math.floor(RUNS / 2)) },
    );
  });

  it("mixed and lone-CR line endings", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: corpusSample.length - 1 }),
        fc.array(fc.constantFrom("\n", "\r\n", "\r", "\u2028", "\u0085"), { minLength: 1, maxLength: 4 }),
        (index, endings) => {
          const source = corpusSample[index];
          let i = 0;
          const text = source.content.toString("utf8").replace(/\r?\n/g, () => endings[i++ % endings.length]);
          checkedScan([{ path: source.path, content: text }], `${source.path} with endings ${JSON.stringify(endings)}`);
        },
      ),
      FC,
    );
  });

  it("is deterministic: the same input gives the same findings and fingerprints", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: corpusSample.length - 1 }), (index) => {
        const input = [{ path: corpusSample[index].path, content: corpusSample[index].content as Uint8Array }];
        const a = checkedScan(input, corpusSample[index].path);
        const b = checkedScan(input, corpusSample[index].path);
        expect(b.findings).toEqual(a.findings);
      }),
      { ...FC, numRuns: 20 },
    );
  });
});

/** Pathological inputs, each one scan under the hang guard. */
const lol = (width: number, levels: number, indent = ""): string => {
  let s = `${indent}l0: &l0 [${Array(width).fill('"lol"').join(", ")}]\n`;
  for (let i = 1; i < levels; i += 1) s += `${indent}l${i}: &l${i} [${Array(width).fill(`*l${i - 1}`).join(", ")}]\n`;
  return s;
};
const mergeChain = (levels: number, indent = ""): string => {
  let s = `${indent}m0: &m0 {a: 1, b: 2}\n`;
  for (let i = 1; i <= levels; i += 1) s += `${indent}m${i}: &m${i} {<<: [*m${i - 1}, *m${i - 1}], k${i}: ${i}}\n`;
  return s;
};
const pod = (i: number) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}}\nspec: {containers: [{name: c, image: "nginx:1.27"}]}\n`;
const MB = 1_000_000;

const pathological: [string, Input[], ResolvedConfig?][] = [
  ["YAML flow sequences nested 10k deep", [{ path: "deep.yaml", content: `apiVersion: v1\nkind: List\nitems: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n` }]],
  ["YAML flow mappings nested 10k deep", [{ path: "deep.yaml", content: `apiVersion: v1\nkind: Pod\nspec: ${"{a: ".repeat(10_000)}1${"}".repeat(10_000)}\n` }]],
  ["YAML block sequences nested 10k deep", [{ path: "deep.yaml", content: `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  ${"- ".repeat(10_000)}x\n` }]],
  [
    "YAML block mappings nested 1k deep (indentation)",
    [{ path: "deep.yaml", content: `apiVersion: v1\nkind: Pod\nspec:\n${Array.from({ length: 1000 }, (_, i) => `${" ".repeat(i + 1)}a${i}:`).join("\n")} 1\n` }],
  ],
  ["JSON arrays nested 10k deep", [{ path: "deep.json", content: `{"apiVersion": "v1", "kind": "Pod", "spec": {"containers": ${"[".repeat(10_000)}${"]".repeat(10_000)}}}` }]],
  ["JSON arrays nested 30k deep", [{ path: "deeper.json", content: `{"apiVersion": "v1", "kind": "List", "items": ${"[".repeat(30_000)}${"]".repeat(30_000)}}` }]],
  ["compose value nested 10k deep", [{ path: "compose.yaml", content: `services:\n  web:\n    image: x\n    environment: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n` }]],
  ["a 20 kB single-line RUN", [{ path: "Dockerfile", content: `FROM alpine:3.20\nRUN ${"a ".repeat(10_000)}\n` }]],
  ["a 1 MB single-line FROM", [{ path: "Dockerfile", content: `FROM ${"a".repeat(MB - 20)}\n` }]],
  ["a 1 MB line without newline", [{ path: "Dockerfile", content: "x".repeat(MB - 10) }]],
  ["a 1 MB YAML scalar", [{ path: "cm.yaml", content: `apiVersion: v1\nkind: ConfigMap\ndata:\n  x: ${"a".repeat(MB - 60)}\n` }]],
  ["1000 containers in one flow sequence on one line", [{ path: "p.yaml", content: `apiVersion: v1\nkind: Pod\nspec: {containers: [${"{name: c, image: x}, ".repeat(1000)}]}\n` }]],
  ["a 1 MB compose line", [{ path: "compose.yaml", content: `services:\n  web:\n    image: x\n    command: ${"a ".repeat(MB / 2 - 40)}\n` }]],
  ["5k Dockerfile continuation lines", [{ path: "Dockerfile", content: `FROM alpine:3.20\nRUN a \\\n${"  b \\\n".repeat(5_000)}  c\n` }]],
  ["5k Dockerfile instructions", [{ path: "Dockerfile", content: `FROM alpine:3.20\n${"RUN a\n".repeat(5_000)}` }]],
  ["1000 stages", [{ path: "Dockerfile", content: Array.from({ length: 1000 }, (_, i) => `FROM alpine:3.20 AS s${i}\nCOPY --from=s${Math.max(0, i - 1)} / /\n`).join("") }]],
  ["an unterminated heredoc over 5k lines", [{ path: "Dockerfile", content: `FROM alpine:3.20\nRUN <<EOF\n${"echo hi\n".repeat(5_000)}` }]],
  ["NUL bytes in bytes", [{ path: "Dockerfile", content: Uint8Array.from([0x46, 0x52, 0x4f, 0x4d, 0x20, 0x00, 0x78, 0x0a]) }]],
  ["NUL bytes in a string", [{ path: "pod.yaml", content: "apiVersion: v1\nkind: Pod\u0000\n" }]],
  ["invalid UTF-8", [{ path: "compose.yaml", content: Uint8Array.from([...Buffer.from("services:\n  web:\n    image: "), 0xc3, 0x28, 0xff, 0x0a]) }]],
  ["lone surrogates", [{ path: "Dockerfile", content: "FROM alpine\nRUN echo \ud800\udfff\udc00\n" }]],
  ["a billion-laughs alias bomb in a manifest (aliases refused)", [{ path: "bomb.yaml", content: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n${lol(9, 9, "  ")}` }]],
  [
    "a billion-laughs alias bomb in a manifest with aliases allowed",
    [{ path: "bomb.yaml", content: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels:\n${lol(9, 9, "    ")}spec:\n  containers: *l8\n  volumes: *l8\n` }],
    { ...DEFAULT_CONFIG, limits: { ...DEFAULT_CONFIG.limits, yamlAliases: { kubernetes: 1000, compose: 1000 } } },
  ],
  [
    "a billion-laughs alias bomb in a compose file (81 aliases: under the default limit)",
    [{ path: "docker-compose.yml", content: `x-bomb:\n${lol(9, 9, "  ")}services:\n  web:\n    image: x\n    environment: *l8\n    volumes: *l8\n    ports: *l8\n` }],
  ],
  ["20k empty documents", [{ path: "many.yaml", content: `apiVersion: v1\nkind: Pod\n${"---\n".repeat(20_000)}` }]],
  ["1100 pods in one file (over the document limit of 1000)", [{ path: "pods.yaml", content: Array.from({ length: 1100 }, (_, i) => pod(i)).join("---\n") }]],
  ["a List of 1000 pods", [{ path: "list.yaml", content: `apiVersion: v1\nkind: List\nitems:\n${Array.from({ length: 1000 }, (_, i) => `- {apiVersion: v1, kind: Pod, metadata: {name: p${i}}, spec: {containers: [{name: c, image: x}]}}`).join("\n")}\n` }]],
  ["an empty file of each kind", PATHS.map((path) => ({ path, content: "" }))],
  ["whitespace-only files", PATHS.map((path) => ({ path, content: " \n\t\r\n\n" }))],
  ["unclosed quotes and flow collections", [
    { path: "a.yaml", content: "apiVersion: v1\nkind: Pod\nspec: {containers: [{name: 'c\n" },
    { path: "compose.yaml", content: 'services:\n  web: {image: "x\n' },
    { path: "Dockerfile", content: 'FROM x\nCMD ["a", "b\n' },
  ]],
];

describe("pathological inputs never throw, never hang and stay inside the file", () => {
  const cases = pathological.map(([label, inputs, config]) => ({ label, inputs, config: config ?? DEFAULT_CONFIG }));
  it.each(cases)("$label", ({ label, inputs, config }) => {
    const result = checkedScan(inputs, label, config);
    expect(result.files).toHaveLength(inputs.length);
  });
});

/**
 * Merge-key chains in which every level merges the previous one twice used to expand
 * exponentially (each mapping is now expanded once). 40 levels is a 41-line file with 81 aliases,
 * under the default compose alias limit.
 *
 * The slow inputs reported in the closing note are bounded now (test/robustness/limits-inside-a-file.test.ts):
 * - 1 MB of `---` lines (250k empty documents) is composed only up to limits.maxDocumentsPerFile + 1;
 * - the scan deadline (limits.scanSeconds) is checked inside a file: per dockerfile-ast instruction,
 *   per 1,024 shell words, per YAML document, between rules.
 * Still open: a single 1 MB `RUN` line costs 1.5 to 2 s in all on the shared machine (it was 9 s before the
 * argument memo), most of it dockerfile-ast parsing that one instruction, which cannot be
 * interrupted: the deadline can be overrun by the parse of one instruction.
 */
describe("merge-key chains stay linear", () => {
  it("in a compose file (40 levels, each merging the previous twice)", () => {
    const content = `${mergeChain(40)}services:\n  web:\n    <<: *m40\n    image: x\n`;
    const result = checkedScan([{ path: "docker-compose.yml", content }], "compose merge-key chain, 40 levels");
    expect(result.files.map((f) => f.status)).toEqual(["analyzed"]);
  });

  it("in a Kubernetes manifest when aliases are allowed (<< is a plain key there: Kubernetes does not merge)", () => {
    const config = { ...DEFAULT_CONFIG, limits: { ...DEFAULT_CONFIG.limits, yamlAliases: { kubernetes: 1000, compose: 100 } } };
    const content = `${mergeChain(40)}apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    <<: *m40\nspec:\n  containers:\n    - name: c\n      image: x:1\n`;
    const result = checkedScan([{ path: "pod.yaml", content }], "kubernetes merge-key chain, 40 levels", config);
    expect(result.files.map((f) => f.status)).toEqual(["analyzed"]);
  });
});
