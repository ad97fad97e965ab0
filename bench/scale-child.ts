/**
 * One scaling measurement in a fresh process, so that peak RSS belongs to this input alone.
 *
 *   node lib/bench/scale-child.js files LIST.json     scan the corpus files listed (one scan call)
 *   node lib/bench/scale-child.js bundle PATH BYTES CHUNK
 *       scan one manifest: the first CHUNK bytes of PATH's documents (cycled), repeated to BYTES, so
 *       that every size holds the same mix of documents
 *
 * Prints one JSON line: bytes, files, scanMs, cpuMs, rssBeforeMB, peakRssMB, heapUsedMB, findings.
 */
import { readFileSync } from "node:fs";
import { scan } from "../src/engine/scan.js";
import { BENCH_CONFIG, NOW } from "./engine.js";

function repeatToBytes(text: string, target: number): string {
  const docs = text.split(/^---\s*$/m);
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < target; i = (i + 1) % docs.length) {
    parts.push(docs[i]);
    size += Buffer.byteLength(docs[i]) + 4;
  }
  return parts.join("---\n");
}

const [mode, arg, bytesArg, chunkArg] = process.argv.slice(2);
let inputs: { path: string; content: Uint8Array }[];
if (mode === "files") {
  const list = JSON.parse(readFileSync(arg, "utf8")) as { path: string; file: string }[];
  inputs = list.map((e) => ({ path: e.path, content: readFileSync(e.file) }));
} else if (mode === "bundle") {
  const chunk = repeatToBytes(readFileSync(arg, "utf8"), Number(chunkArg ?? bytesArg));
  const copies = Math.max(1, Math.round(Number(bytesArg) / Buffer.byteLength(chunk)));
  const content = Buffer.from(Array.from({ length: copies }, () => chunk).join("---\n"));
  inputs = [{ path: "deploy/bundle.yaml", content }];
} else {
  throw new Error(`unknown mode ${mode}`);
}

// Load every module and compile the hot paths on a tiny input first.
scan(
  [
    { path: "Dockerfile", content: "FROM alpine:3.20\nRUN echo hi\n" },
    { path: "k8s/pod.yaml", content: "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: x}]}\n" },
    { path: "compose.yaml", content: "services:\n  web:\n    image: x\n" },
  ],
  BENCH_CONFIG,
  { now: NOW },
);
const rssBefore = process.memoryUsage().rss;
const cpu0 = process.cpuUsage();
const start = performance.now();
const result = scan(inputs, BENCH_CONFIG, { now: NOW });
const scanMs = performance.now() - start;
const cpu = process.cpuUsage(cpu0);
const mem = process.memoryUsage();
const out = {
  files: inputs.length,
  bytes: inputs.reduce((n, i) => n + i.content.byteLength, 0),
  scanMs,
  cpuMs: (cpu.user + cpu.system) / 1000,
  rssBeforeMB: rssBefore / 1024 / 1024,
  peakRssMB: process.resourceUsage().maxRSS / 1024,
  heapUsedMB: mem.heapUsed / 1024 / 1024,
  findings: result.findings.length,
  errors: result.errors.length,
};
process.stdout.write(`${JSON.stringify(out)}\n`);
