/**
 * Rendering in the benchmark: every Kustomize root and every chart in the shared trees, rendered
 * and scanned in one process, against the parse floor of the same files (yaml's parseAllDocuments
 * with a LineCounter over every file each render read, counted once per root that read it, as the
 * render reads it once per root). The trees are loaded into memory first, so disk time is not
 * counted on either side. Ours = render (source view reads, build, serialization with provenance)
 * + scan of the rendered output (parse, model, rules, moving findings to their sources).
 *
 *   npm run bench -- --only=render
 *   TREES_DIR=/path/to/trees   default ../shared/trees
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LineCounter, parseAllDocuments } from "yaml";
import { scan } from "../src/engine/scan.js";
import type { RenderedInput } from "../src/engine/rendered.js";
import { listFiles, planRenders } from "../src/render/discover.js";
import { requestsFor } from "../src/render/prepare.js";
import { defaultRenderers } from "../src/render/renderers.js";
import { renderRoots, type Renderers, type RenderRequests } from "../src/render/run.js";
import { DiskSourceView } from "../src/source/disk.js";
import { MemorySourceView } from "../src/source/view.js";
import { BENCH_CONFIG, NOW } from "./engine.js";
import { median, round } from "./stats.js";
import type { ColdPass } from "./render-cold.js";

export function treesDir(root: string): string {
  return resolve(process.env.TREES_DIR ?? join(root, "..", "shared", "trees"));
}

export interface RootCost {
  root: string;
  kind: "kustomize" | "helm";
  files: number;
  bytes: number;
  renderMs: number;
  scanMs: number;
  floorMs: number;
  documents: number;
  findings: number;
  problems: number;
}

export interface RenderBenchResult {
  skipped?: string;
  /** Fresh processes, each rendering and scanning every chart once (bench/render-cold.ts): their passes and the median. */
  coldHelm?: { passes: ColdPass[]; medianWallMs: number; medianCpuMs: number };
  roots?: RootCost[];
  totals?: Record<"kustomize" | "helm", { roots: number; renderMs: number; scanMs: number; floorMs: number; ratio: number }>;
}

/** Every file of a folder in memory, so disk time is counted on neither side. */
export async function memoryView(dir: string): Promise<MemorySourceView> {
  const disk = new DiskSourceView(dir);
  const view = new MemorySourceView({}, "trees in memory");
  for (const path of await listFiles(disk)) {
    const bytes = await disk.readFile(path).catch(() => undefined);
    if (bytes) view.set(path, bytes);
  }
  return view;
}

function floorMs(files: readonly string[], texts: Map<string, string>): number {
  const start = performance.now();
  for (const path of files) {
    const text = texts.get(path);
    if (text === undefined) continue;
    parseAllDocuments(text, { lineCounter: new LineCounter() });
  }
  return performance.now() - start;
}

export async function benchRender(root: string, reps: number, renderers: Renderers = defaultRenderers()): Promise<RenderBenchResult> {
  const dir = treesDir(root);
  if (!existsSync(dir)) return { skipped: `trees not found at ${dir}; set TREES_DIR` };
  const view = await memoryView(dir);
  const texts = new Map<string, string>();
  for (const path of view.paths()) {
    if (/\.(ya?ml|json|tpl|txt)$|Kustomization$/.test(path)) texts.set(path, readFileSync(join(dir, path), "utf8"));
  }
  const plan = await planRenders(view, view.paths());
  const all = requestsFor(plan, BENCH_CONFIG);
  const requests: { kind: "kustomize" | "helm"; request: RenderRequests; label: string }[] = [
    ...all.kustomize.map((k) => ({ kind: "kustomize" as const, request: { kustomize: [k], helm: [] }, label: k })),
    ...all.helm.map((h) => ({ kind: "helm" as const, request: { kustomize: [], helm: [h] }, label: h.dir })),
  ].filter((r) => (r.kind === "kustomize" ? renderers.kustomize : renderers.helm));
  // One untimed pass first: the first renders would otherwise pay for compiling the code (JIT).
  for (const { request } of requests) scan([], BENCH_CONFIG, { now: NOW, rendered: await renderRoots(view, request, renderers, {}) });
  const roots: RootCost[] = [];
  for (const { kind, request, label } of requests) {
    const renderTimes: number[] = [];
    const scanTimes: number[] = [];
    const floorTimes: number[] = [];
    let inputs: RenderedInput[] = [];
    let findings = 0;
    for (let i = 0; i < reps; i += 1) {
      let t = performance.now();
      inputs = await renderRoots(view, request, renderers, {});
      renderTimes.push(performance.now() - t);
      t = performance.now();
      findings = scan([], BENCH_CONFIG, { now: NOW, rendered: inputs }).findings.length;
      scanTimes.push(performance.now() - t);
      // Helm's inputs are templates, not YAML: its goal is an absolute time, no parse floor.
      const consumed = kind === "kustomize" ? [...new Set(inputs.flatMap((x) => x.result.consumed))] : [];
      floorTimes.push(floorMs(consumed, texts));
    }
    const consumed = [...new Set(inputs.flatMap((x) => x.result.consumed))];
    roots.push({
      root: label,
      kind,
      files: consumed.length,
      bytes: consumed.reduce((n, p) => n + (texts.get(p)?.length ?? 0), 0),
      renderMs: round(median(renderTimes)),
      scanMs: round(median(scanTimes)),
      floorMs: round(median(floorTimes), 3),
      documents: inputs.reduce((n, x) => n + (x.result.text.match(/^---$/gm)?.length ?? 0) + (x.result.text.trim() ? 1 : 0), 0),
      findings,
      problems: inputs.reduce((n, x) => n + x.result.problems.filter((p) => p.severity === "error").length, 0),
    });
  }
  const total = (kind: "kustomize" | "helm") => {
    const rs = roots.filter((r) => r.kind === kind);
    const renderMs = rs.reduce((n, r) => n + r.renderMs, 0);
    const scanMs = rs.reduce((n, r) => n + r.scanMs, 0);
    const floor = rs.reduce((n, r) => n + r.floorMs, 0);
    return { roots: rs.length, renderMs: round(renderMs), scanMs: round(scanMs), floorMs: round(floor), ratio: round(floor / Math.max(1e-9, renderMs + scanMs), 3) };
  };
  const coldHelm = renderers.helm ? coldHelmPasses(dir, 5) : undefined;
  return { roots, totals: { kustomize: total("kustomize"), helm: total("helm") }, ...(coldHelm ? { coldHelm } : {}) };
}

/** `count` fresh processes of bench/render-cold.ts, one after the other. */
function coldHelmPasses(dir: string, count: number): RenderBenchResult["coldHelm"] {
  const script = fileURLToPath(new URL("./render-cold.js", import.meta.url));
  const passes: ColdPass[] = [];
  for (let i = 0; i < count; i += 1) {
    const out = execFileSync(process.execPath, [script, dir], { encoding: "utf8" });
    passes.push(JSON.parse(out.trim().split("\n").pop()!) as ColdPass);
  }
  return { passes, medianWallMs: median(passes.map((p) => p.wallMs)), medianCpuMs: median(passes.map((p) => p.cpuMs)) };
}

export interface OverlayPrResult {
  skipped?: string;
  /** Files in the repository. */
  repositoryFiles?: number;
  /** Requests the app made for the PR, by kind. */
  reads?: number;
  writes?: number;
  byEndpoint?: Record<string, number>;
  latencyMs?: number;
  comments?: number;
}

/**
 * Reads per PR for the overlay scenario of issue 11: a 300-file repository with a hardened base and
 * two overlays; the PR adds a privileged patch to one overlay. The built app runs against the
 * simulator; every request it makes for the PR is counted (budget: 30).
 */
export async function benchOverlayPr(root: string): Promise<OverlayPrResult> {
  const server = join(root, "lib", "src", "github", "server.js");
  if (!existsSync(server)) return { skipped: "the app is not built; run npm run build" };
  const simulator = await import("../tools/github-simulator/index.js");
  const { randomBytes } = await import("node:crypto");
  const keys = simulator.generateAppKeys();
  const secret = randomBytes(24).toString("hex");
  const sim = await simulator.startGitHubSimulator({ appId: 4343, appPublicKey: keys.publicKeyPem, log: () => undefined });
  const app = await simulator.startApp({ cwd: root, appId: 4343, privateKeyPem: keys.privateKeyPem, webhookSecret: secret, gheHost: sim.host, logLevel: "warn", command: [process.execPath, server] });
  try {
    const base = readFileSync(join(root, "examples", "overlay", "base", "deployment.yaml"), "utf8");
    const overlay = "namespace: shop\nresources:\n  - ../../base\nimages:\n  - name: registry.example.com/shop/web\n    newTag: 1.2.4\n";
    const files: Record<string, string> = {
      "deploy/base/kustomization.yaml": "resources:\n  - deployment.yaml\n",
      "deploy/base/deployment.yaml": base,
      "deploy/overlays/prod/kustomization.yaml": overlay,
      "deploy/overlays/staging/kustomization.yaml": overlay.replace("shop", "shop-staging"),
    };
    for (let i = 4; i < 300; i += 1) files[`src/module${Math.floor(i / 20)}/file${i}.ts`] = `export const value${i} = ${i};\n`;
    const repo = sim.createRepository({ owner: "bench-org", name: "overlay", installationId: 778, files });
    const patch = readFileSync(join(root, "examples", "overlay", "overlays", "prod", "debug-patch.yaml"), "utf8");
    const pull = sim.createPullRequest(repo, {
      head: { "deploy/overlays/prod/kustomization.yaml": `${overlay}patches:\n  - path: debug-patch.yaml\n`, "deploy/overlays/prod/debug-patch.yaml": patch },
    });
    const from = sim.state.requests.length;
    const t0 = Date.now();
    await simulator.deliverWebhook({ url: app.webhookUrl, secret, event: "pull_request", payload: simulator.pullRequestEvent(sim, repo, pull, "opened") });
    await sim.waitFor((s) => s.checkRuns.find((r) => r.repo === "bench-org/overlay" && r.status === "completed"), 60_000, "the overlay PR's check run");
    const latencyMs = Date.now() - t0;
    await new Promise((r) => setTimeout(r, 1500));
    const requests = sim.state.requests.slice(from).filter((r) => !/access_tokens$/.test(r.path));
    const byEndpoint: Record<string, number> = {};
    for (const r of requests) {
      const key = `${r.method} ${r.operationId ?? r.path}`;
      byEndpoint[key] = (byEndpoint[key] ?? 0) + 1;
    }
    return {
      repositoryFiles: Object.keys(files).length,
      reads: requests.filter((r) => r.method === "GET").length,
      writes: requests.filter((r) => r.method !== "GET").length,
      byEndpoint,
      latencyMs,
      comments: sim.state.liveReviewComments("bench-org/overlay", pull.number).length,
    };
  } finally {
    await app.stop();
    await sim.close();
  }
}
