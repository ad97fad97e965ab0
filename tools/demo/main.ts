/**
 * `npm run demo`: see container-review work without a GitHub account or network.
 *
 * Starts the loopback GitHub simulator and the real, built app (`npm start`, a child process), opens a pull
 * request (examples/demo-pr: base/ -> head/, or `--pr DIR` to replay a folder's files as an all-added PR),
 * delivers a signed `pull_request.opened` webhook, waits for the check run to complete and prints what a
 * reviewer would see on GitHub: the check's conclusion and summary, and each review comment with its file,
 * line and text.
 *
 *   npm run demo                      # the bundled demo PR
 *   npm run demo -- --pr ./my-service # your own files, all added in one PR
 *   npm run demo -- --verbose         # also print the app's log and every API call
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  deliverWebhook,
  generateAppKeys,
  pullRequestEvent,
  startApp,
  startGitHubSimulator,
  type GitHubSimulator,
  type RunningApp,
} from "../github-simulator/index.js";
import { readTree } from "./files.js";

const APP_ID = 1001;

interface Args {
  pr: string | undefined;
  verbose: boolean;
  timeoutMs: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { pr: undefined, verbose: false, timeoutMs: 45_000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--pr") args.pr = argv[++i];
    else if (a.startsWith("--pr=")) args.pr = a.slice(5);
    else if (a === "--verbose" || a === "-v") args.verbose = true;
    else if (a === "--timeout") args.timeoutMs = Number(argv[++i]) * 1000;
    else if (a === "--help" || a === "-h") {
      console.log("usage: npm run demo [-- --pr DIR] [--verbose] [--timeout SECONDS]");
      process.exit(0);
    } else {
      console.error(`unknown argument ${a}; try --help`);
      process.exit(2);
    }
  }
  if (args.pr === "") throw new Error("--pr needs a directory");
  return args;
}

/** The repository root: the nearest folder above this file with a package.json named container-review. */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, "utf8")).name === "container-review") return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("cannot find the container-review project root");
    dir = parent;
  }
}

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string) => (text: string) => (useColor ? `\u001b[${code}m${text}\u001b[0m` : text);
const bold = paint("1");
const dim = paint("2");
const red = paint("31");
const green = paint("32");
const yellow = paint("33");

/**
 * Markdown as a reader sees it, roughly: hidden HTML comments removed, collapsed <details> shown by
 * their summary, HTML tags dropped, links shown by their text, table separator rows removed.
 */
function readable(markdown: string): string {
  return markdown
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<details>\s*<summary>([\s\S]*?)<\/summary>[\s\S]*?<\/details>/g, "▸ $1")
    .replace(/<\/?(details|summary|sub|sup|br)\s*\/?>/g, "")
    .replace(/\[([^\]]+)\]\([^)]+\)/g, "$1")
    .replace(/^\|(\s*:?-+:?\s*\|)+[ \t]*\n/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function indent(text: string, prefix = "    "): string {
  return text
    .split("\n")
    .map((l) => (l ? prefix + l : l))
    .join("\n");
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const root = projectRoot();
  const started = Date.now();
  const demoDir = join(root, "examples", "demo-pr");
  const baseFiles = args.pr ? {} : readTree(join(demoDir, "base"));
  const headFiles = args.pr ? readTree(resolve(args.pr)) : readTree(join(demoDir, "head"));
  if (Object.keys(headFiles).length === 0) throw new Error(`${args.pr} has no files`);

  const keys = generateAppKeys();
  const webhookSecret = randomBytes(24).toString("hex");
  const sim: GitHubSimulator = await startGitHubSimulator({ appId: APP_ID, appPublicKey: keys.publicKeyPem });
  let app: RunningApp | undefined;
  try {
    const repo = sim.createRepository({ owner: "octo-org", name: args.pr ? "local-files" : "orders-api", installationId: 7, files: baseFiles });
    const headChanges: Record<string, Buffer | null> = { ...headFiles };
    for (const path of Object.keys(baseFiles)) if (!(path in headFiles)) headChanges[path] = null;
    const pull = sim.createPullRequest(repo, {
      number: 42,
      title: args.pr ? `Add the files of ${args.pr}` : "Run a metrics agent next to orders-api",
      user: "dev-alice",
      headRef: args.pr ? "local-files" : "metrics-agent",
      head: headChanges,
    });
    const files = sim.pullFiles(repo, pull);
    console.log(bold(`Pull request #${pull.number} on ${repo.owner}/${repo.name}: "${pull.title}"`));
    console.log(dim(`  ${files.length} changed file(s): ${files.slice(0, 8).map((f) => `${f.filename} (${f.status})`).join(", ")}${files.length > 8 ? ", ..." : ""}`));
    console.log(dim(`  GitHub simulator on ${sim.url}; starting the app (npm start)...`));

    app = await startApp({
      cwd: root,
      appId: APP_ID,
      privateKeyPem: keys.privateKeyPem,
      webhookSecret,
      gheHost: sim.host,
      logLevel: args.verbose ? "info" : "warn",
    });
    const delivery = await deliverWebhook({ url: app.webhookUrl, secret: webhookSecret, event: "pull_request", payload: pullRequestEvent(sim, repo, pull, "opened") });
    console.log(dim(`  webhook pull_request.opened delivered: HTTP ${delivery.status}`));

    const run = await sim.waitFor(
      (s) => s.checkRuns.find((r) => r.headSha === pull.headSha && r.status === "completed"),
      args.timeoutMs,
      "the check run to complete",
    );
    // The review is posted around the check's completion: wait until the app has been quiet for a moment.
    await settle(sim, 1500, 10_000);

    console.log("");
    const conclusion = run.conclusion ?? "none";
    const colour = conclusion === "success" ? green : conclusion === "failure" ? red : yellow;
    console.log(`${bold("Check run")} ${run.name}: ${colour(conclusion.toUpperCase())}${run.output.title ? ` (${run.output.title})` : ""}`);
    console.log(dim(`  ${run.annotations.length} annotation(s) in the Files changed tab`));
    if (run.output.summary) {
      console.log("");
      console.log(indent(readable(run.output.summary), "  "));
    }
    const reviews = sim.state.reviews.filter((r) => r.pullNumber === pull.number);
    const comments = sim.state.liveReviewComments(`${repo.owner}/${repo.name}`, pull.number);
    console.log("");
    console.log(bold(`Review comments: ${comments.length}`) + dim(` (in ${reviews.length} review(s); only on lines the PR changed)`));
    for (const review of reviews) {
      if (review.body.trim()) console.log(indent(dim(readable(review.body)), "  "));
    }
    for (const c of comments) {
      console.log("");
      console.log(`  ${bold(`${c.path}:${c.startLine ? `${c.startLine}-` : ""}${c.line ?? "(outdated)"}`)}`);
      console.log(indent(readable(c.body)));
    }
    const issueComments = sim.state.issueComments.filter((c) => c.issueNumber === pull.number);
    for (const c of issueComments) {
      console.log("");
      console.log(`  ${bold("Conversation comment")} by ${c.user.login}`);
      console.log(indent(readable(c.body)));
    }

    const calls = sim.state.requests;
    console.log("");
    console.log(
      dim(
        `${calls.length} GitHub API call(s) by the app; OpenAPI violations: ${sim.state.violations.length}; refused by GitHub's rules: ${sim.state.refusals.length}; unhandled: ${sim.state.unhandled.length}. Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
      ),
    );
    for (const v of sim.state.violations) console.log(red(`  violation: ${v.method} ${v.path}: ${v.problems.map((p) => p.message).join("; ")}`));
    for (const r of sim.state.refusals) console.log(red(`  refused: ${r.method} ${r.path}: ${r.status} ${JSON.stringify(r.errors)}`));
    for (const u of sim.state.unhandled) console.log(yellow(`  unhandled: ${u.method} ${u.path}: ${u.reason}`));
    if (args.verbose) {
      console.log(dim("\nAPI calls:"));
      for (const c of calls) console.log(dim(`  ${c.status} ${c.method} ${c.path}${Object.keys(c.query).length ? `?${new URLSearchParams(c.query)}` : ""}`));
      console.log(dim("\nApp log:"));
      console.log(dim(app.output()));
    }
    return 0;
  } catch (error) {
    console.error(red(`demo failed: ${(error as Error).message}`));
    if (app) console.error(dim(`app output (last lines):\n${app.output().split("\n").slice(-30).join("\n")}`));
    return 1;
  } finally {
    await app?.stop();
    await sim.close();
  }
}

/** Waits until no API call has arrived for `quietMs` (at most `maxMs`). */
async function settle(sim: GitHubSimulator, quietMs: number, maxMs: number): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    const last = sim.state.requests.at(-1)?.at ?? 0;
    if (Date.now() - last >= quietMs) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
