/**
 * Renders the Markdown tables of a results file, for the README's Performance section:
 *
 *   node lib/bench/markdown.js bench/results/<file>.json
 */
import { readFileSync } from "node:fs";

function md(headers: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.map((c) => String(c)).join(" | ")} |`;
  return [line(headers), line(headers.map((_, i) => (i === 0 ? "---" : "---:"))), ...rows.map(line)].join("\n");
}

const file = process.argv[2];
if (!file) {
  console.error("usage: node lib/bench/markdown.js bench/results/<file>.json");
  process.exit(2);
}
const r = JSON.parse(readFileSync(file, "utf8"));
const out: string[] = [];
if (r.engine) {
  out.push(
    md(
      ["kind", "files", "MB", "floor files/s", "ours files/s", "floor MB/s", "ours MB/s", "ours / floor"],
      r.engine.rows.map((x: any) => [x.kind, x.files, (x.bytes / 1048576).toFixed(2), x.floorFilesPerSec, x.oursFilesPerSec, x.floorMBPerSec, x.oursMBPerSec, x.ratio]),
    ),
  );
  out.push(
    "",
    md(
      ["kind", "floor ms", "parse + model ms", "rules ms", "scan ms", "costliest rules (ms)"],
      r.engine.breakdown.map((b: any) => [b.kind, b.floorMs, b.parseAndModelMs, b.rulesMs, b.scanMs, b.costliestRules.slice(0, 3).map((c: any) => `${c.rule} ${c.ms}`).join(", ")]),
    ),
  );
  const df = r.engine.rows.find((x: any) => x.kind === "dockerfiles");
  if (df?.memoisedFloorMs !== undefined) {
    out.push("", `Dockerfiles against dockerfile-ast with the engine's argument memo (${df.memoisedFloorMs} ms): ours / that ${df.ratioVsMemoisedFloor}`);
  }
}
if (r.yaml) {
  out.push("", md(["stage (Kubernetes corpus)", "ms", "MB/s", "× floor"], r.yaml.kubernetes.map((s: any) => [s.stage, s.ms, s.MBPerSec, s.vsFloor])));
}
if (r.peers) {
  out.push("", md(["tool", "mode", "ms/file", "files/s"], r.peers.rows.map((p: any) => [p.tool, p.mode, p.msPerFile ?? "n/a", p.filesPerSec ?? "n/a"])));
}
if (r.scaling) {
  out.push(
    "",
    md(
      ["input", "files", "MB", "scan ms", "CPU ms", "ms/MB", "peak RSS MB"],
      r.scaling.points.map((p: any) => [p.label, p.files, p.MB, p.scanMs, p.cpuMs, p.msPerMB, p.peakRssMB]),
    ),
  );
}
if (r.app?.pr10) {
  const a = r.app;
  out.push(
    "",
    md(
      ["PR", "p50 ms", "p95 ms", "gap between writes ms", "reads", "read budget", "writes"],
      [
        ["10 files", a.pr10.p50Ms, a.pr10.p95Ms, a.pr10.writeGapMsMedian ?? "", a.pr10.readsMedian, a.pr10.readBudget, a.pr10.writesMax],
        ["250 files", a.pr250.p50Ms, a.pr250.p95Ms, a.pr250.writeGapMsMedian ?? "", a.pr250.readsMedian, a.pr250.readBudget, a.pr250.writesMax],
      ],
    ),
    "",
    `Burst: ${a.burst.prs} concurrent PR webhooks, ${a.burst.completed} completed in ${a.burst.wallMs} ms (p50 ${a.burst.p50Ms} ms), ${a.burst.errors} errors, app peak RSS ${a.burst.peakRssMB} MB.`,
    "",
    md(["budget", "measured", "met"], a.budgets.map((b: any) => [b.check, b.value, b.met ? "yes" : "**no**"])),
  );
}
console.log(out.join("\n"));
