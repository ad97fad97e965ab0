/**
 * End to end: the built app runs as a child process (`npm start`) with a generated RSA key, a webhook secret
 * and GHE_HOST pointing at the GitHub simulator. Tests send signed webhooks built from GitHub's example
 * payloads and assert on what the simulator recorded. The simulator refuses, like GitHub, any request that
 * breaks the OpenAPI description or GitHub's documented rules, so "zero violations, zero refusals" means
 * that GitHub would have accepted everything the app sent.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { randomBytes } from "node:crypto";
import { ensureBuilt } from "./build.js";
import {
  checkRunRerequestedEvent,
  checkSuiteRerequestedEvent,
  deliverWebhook,
  generateAppKeys,
  issueCommentEvent,
  parsePatch,
  pullRequestEvent,
  startApp,
  startGitHubSimulator,
  type CheckRunState,
  type GitHubSimulator,
  type PullState,
  type RepoState,
  type ReviewCommentState,
  type RunningApp,
} from "../../tools/github-simulator/index.js";

const ROOT = process.cwd();
const APP_ID = 31337;
const INSTALLATION_ID = 501;
const keys = generateAppKeys();
const webhookSecret = randomBytes(24).toString("hex");

let sim: GitHubSimulator;
let app: RunningApp;

beforeAll(async () => {
  ensureBuilt(ROOT);
  sim = await startGitHubSimulator({ appId: APP_ID, appPublicKey: keys.publicKeyPem });
  app = await startApp({ cwd: ROOT, appId: APP_ID, privateKeyPem: keys.privateKeyPem, webhookSecret, gheHost: sim.host, logLevel: "info" });
}, 300_000);

afterAll(async () => {
  await app?.stop();
  await sim?.close();
});

// ----------------------------------------------------------------------------------------------------------
// Helpers

function lineOf(text: string, needle: string, from = 1): number {
  const lines = text.split("\n");
  for (let i = from - 1; i < lines.length; i++) if (lines[i].includes(needle)) return i + 1;
  throw new Error(`"${needle}" not found`);
}

function newRepo(name: string, files: Record<string, string | Buffer> = {}): RepoState {
  const repo = sim.createRepository({ owner: "octo-org", name, installationId: INSTALLATION_ID, files });
  sim.setPermission(repo, "writer", "write");
  sim.setPermission(repo, "reader", "read");
  return repo;
}

async function send(event: string, payload: unknown): Promise<number> {
  const result = await deliverWebhook({ url: app.webhookUrl, secret: webhookSecret, event, payload });
  return result.status;
}

/** Waits for a completed `container-review` run on `headSha` newer than `afterId`, then for the app to go quiet. */
async function completedRun(repo: RepoState, headSha: string, afterId = 0, timeoutMs = 60_000): Promise<CheckRunState> {
  try {
    const run = await sim.waitFor(
      (s) => s.checkRuns.find((r) => r.repo === `${repo.owner}/${repo.name}` && r.headSha === headSha && r.id > afterId && r.status === "completed"),
      timeoutMs,
      `a completed check run on ${headSha.slice(0, 7)} in ${repo.name}`,
    );
    await quiet(800);
    return run;
  } catch (error) {
    throw new Error(`${(error as Error).message}\napp output:\n${app.output().split("\n").slice(-40).join("\n")}`);
  }
}

async function quiet(ms: number, maxMs = 15_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    if (Date.now() - (sim.state.requests.at(-1)?.at ?? 0) >= ms) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

function lastRunId(): number {
  return sim.state.checkRuns.at(-1)?.id ?? 0;
}

function liveComments(repo: RepoState, pull: PullState): ReviewCommentState[] {
  return sim.state.liveReviewComments(`${repo.owner}/${repo.name}`, pull.number);
}

/** The rule id in a comment's hidden marker (values are URI-encoded there). */
function markerRule(body: string): string | undefined {
  const raw = /<!-- container-review:finding rule=(\S+)/.exec(body)?.[1];
  return raw === undefined ? undefined : decodeURIComponent(raw);
}

function markerFingerprint(body: string): string | undefined {
  return /<!-- container-review:finding [^>]*fp=(\S+)/.exec(body)?.[1];
}

/**
 * GitHub wants a 2xx within 10 s. Probot answers 200 once the handler finished, or 202 "still processing"
 * after 9 s while the handler keeps running (a big PR on a loaded machine).
 */
function expectAccepted(status: number): void {
  expect([200, 202]).toContain(status);
}

function expectAppAlive(): void {
  expect(app.exited()).toBeUndefined();
}

// ----------------------------------------------------------------------------------------------------------
// Fixtures

const BASE_DOCKERFILE = [
  "FROM debian:12.7-slim",
  "# orders worker",
  "LABEL org.opencontainers.image.source=https://example.com/orders",
  "WORKDIR /srv",
  "COPY app/ /srv/app/",
  "ENV PORT=8080",
  "EXPOSE 8080",
  "USER 10001",
  "HEALTHCHECK CMD [\"/srv/app/healthcheck\"]",
  "CMD [\"/srv/app/run\"]",
  "",
].join("\n");

// The PR installs curl and supervisor, drops USER and starts supervisord: the root-user finding is on the
// FROM line (line 1), which is outside every hunk, so it may only be an annotation.
const HEAD_DOCKERFILE = [
  "FROM debian:12.7-slim",
  "# orders worker",
  "LABEL org.opencontainers.image.source=https://example.com/orders",
  "WORKDIR /srv",
  "COPY app/ /srv/app/",
  "ENV PORT=8080",
  "EXPOSE 8080",
  "RUN apt-get update && apt-get install -y --no-install-recommends curl supervisor && rm -rf /var/lib/apt/lists/*",
  "HEALTHCHECK CMD [\"/srv/app/healthcheck\"]",
  "CMD [\"/usr/bin/supervisord\", \"-n\"]",
  "",
].join("\n");

const INSECURE_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: node-agent
spec:
  selector:
    matchLabels:
      app: node-agent
  template:
    metadata:
      labels:
        app: node-agent
    spec:
      hostNetwork: true
      containers:
        - name: agent
          image: registry.example.com/ops/agent:2.1.0
          securityContext:
            privileged: true
          volumeMounts:
            - name: docker-sock
              mountPath: /var/run/docker.sock
      volumes:
        - name: docker-sock
          hostPath:
            path: /var/run/docker.sock
`;

const CLEAN_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      automountServiceAccountToken: false
      hostUsers: false
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        runAsGroup: 10001
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: web
          image: registry.example.com/shop/web:1.2.3@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: ["ALL"]
          resources:
            requests:
              cpu: 100m
              memory: 64Mi
            limits:
              cpu: 500m
              memory: 128Mi
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: shop
spec:
  podSelector: {}
  policyTypes: ["Ingress", "Egress"]
`;

// ----------------------------------------------------------------------------------------------------------

// Issue 6: a file full of old problems gets one new one. The PR also pushes every old finding down
// two lines, so only fingerprints (not line numbers) can tell old from new.
describe("a pull request adding one problem to a file full of old ones", () => {
  const HEAD = `# node agent: collects host metrics\n# owned by team ops\n${INSECURE_DEPLOYMENT.replace("      hostNetwork: true\n", "      hostNetwork: true\n      hostPID: true\n")}`;
  const WARNING_ONLY = INSECURE_DEPLOYMENT.replace("ops/agent:2.1.0", "ops/agent:latest");
  let repo: RepoState;

  beforeAll(() => {
    repo = newRepo("old-problems", { "k8s/agent.yaml": INSECURE_DEPLOYMENT });
  });

  it("comments on and blocks for the new problem only, and lists the old ones as pre-existing", async () => {
    const pull = sim.createPullRequest(repo, { number: 11, head: { "k8s/agent.yaml": HEAD }, user: "dev-alice" });
    expectAccepted(await send("pull_request", pullRequestEvent(sim, repo, pull, "opened")));
    const run = await completedRun(repo, pull.headSha);
    expect(run.conclusion).toBe("failure");
    const comments = liveComments(repo, pull);
    expect(comments.map((c) => [markerRule(c.body), c.path, c.line])).toEqual([["k8s/host-pid", "k8s/agent.yaml", lineOf(HEAD, "hostPID: true")]]);
    expect(run.annotations.map((a) => a.title)).toEqual(["k8s/host-pid"]);
    // The old findings (privileged, hostNetwork, the docker socket, ...) are listed, not blamed.
    expect(run.output.summary).toMatch(/Pre-existing findings \((\d+)\): already in the base branch, not counted/);
    const preExisting = Number(/Pre-existing findings \((\d+)\)/.exec(run.output.summary ?? "")?.[1]);
    expect(preExisting).toBeGreaterThanOrEqual(5);
  }, 90_000);

  it("passes when the only new problem is below the failOn threshold, however many old errors the file has", async () => {
    const pull = sim.createPullRequest(repo, { number: 12, head: { "k8s/agent.yaml": WARNING_ONLY }, user: "dev-alice" });
    expectAccepted(await send("pull_request", pullRequestEvent(sim, repo, pull, "opened")));
    const run = await completedRun(repo, pull.headSha);
    expect(run.conclusion).toBe("success");
    expect(liveComments(repo, pull).map((c) => markerRule(c.body))).toEqual(["k8s/image-latest-tag"]);
  }, 90_000);
});

describe("an insecure pull request", () => {
  let repo: RepoState;
  let pull: PullState;
  let run: CheckRunState;

  beforeAll(async () => {
    repo = newRepo("insecure", { Dockerfile: BASE_DOCKERFILE, "README.md": "# orders\n" });
    pull = sim.createPullRequest(repo, { number: 1, head: { Dockerfile: HEAD_DOCKERFILE, "k8s/agent.yaml": INSECURE_DEPLOYMENT }, user: "dev-alice" });
    expectAccepted(await send("pull_request", pullRequestEvent(sim, repo, pull, "opened")));
    run = await completedRun(repo, pull.headSha);
  }, 90_000);

  const expected = () => [
    { rule: "dockerfile/root-user", path: "Dockerfile", line: 1, inDiff: false },
    { rule: "dockerfile/unneeded-tooling", path: "Dockerfile", line: lineOf(HEAD_DOCKERFILE, "curl"), inDiff: true },
    { rule: "dockerfile/supervisor-daemon", path: "Dockerfile", line: undefined, inDiff: true },
    { rule: "k8s/privileged", path: "k8s/agent.yaml", line: lineOf(INSECURE_DEPLOYMENT, "privileged: true"), inDiff: true },
    { rule: "k8s/host-network", path: "k8s/agent.yaml", line: lineOf(INSECURE_DEPLOYMENT, "hostNetwork: true"), inDiff: true },
    { rule: "k8s/container-runtime-socket", path: "k8s/agent.yaml", line: undefined, inDiff: true },
  ];

  it("completes one failing check run on the head SHA", () => {
    const runs = sim.state.checkRuns.filter((r) => r.repo === "octo-org/insecure");
    expect(runs).toHaveLength(1);
    expect(run).toMatchObject({ name: "container-review", headSha: pull.headSha, status: "completed", conclusion: "failure", externalId: "1" });
    expect(run.history[0]).toMatchObject({ status: "in_progress", head_sha: pull.headSha });
  });

  it.each(["dockerfile/root-user", "dockerfile/unneeded-tooling", "dockerfile/supervisor-daemon", "k8s/privileged", "k8s/host-network", "k8s/container-runtime-socket"])(
    "annotates %s on the right line",
    (rule) => {
      const want = expected().find((e) => e.rule === rule)!;
      const annotations = run.annotations.filter((a) => a.title === rule);
      expect(annotations.map((a) => a.path)).toContain(want.path);
      if (want.line !== undefined) expect(annotations.map((a) => a.start_line)).toContain(want.line);
      if (rule === "k8s/container-runtime-socket") {
        const socketLines = INSECURE_DEPLOYMENT.split("\n").flatMap((l, i) => (l.includes("docker.sock") || l.includes("hostPath:") ? [i + 1] : []));
        expect(socketLines).toContain(annotations[0].start_line);
      }
      if (rule === "dockerfile/supervisor-daemon") {
        expect([lineOf(HEAD_DOCKERFILE, "supervisor "), lineOf(HEAD_DOCKERFILE, "supervisord")]).toContain(annotations[0].start_line);
      }
    },
  );

  it("puts review comments only on lines of the diff, and the out-of-diff root-user finding only in the check", () => {
    const files = new Map(sim.pullFiles(repo, pull).map((f) => [f.filename, f.patch ? parsePatch(f.patch) : undefined]));
    const comments = liveComments(repo, pull);
    expect(comments.length).toBeGreaterThan(0);
    for (const c of comments) {
      expect(c.side).toBe("RIGHT");
      expect(files.get(c.path)?.right.has(c.line!)).toBe(true);
      expect(c.commitId).toBe(pull.headSha);
    }
    // Every comment carries a readable marker, so the filter below is not vacuous.
    expect(comments.every((c) => markerRule(c.body)?.includes("/"))).toBe(true);
    expect(run.annotations.filter((a) => a.title === "dockerfile/root-user").map((a) => a.start_line)).toEqual([1]);
    expect(files.get("Dockerfile")?.right.has(1)).toBe(false);
    expect(comments.filter((c) => markerRule(c.body) === "dockerfile/root-user")).toEqual([]);
    for (const want of expected().filter((e) => e.inDiff)) {
      const annotation = run.annotations.find((a) => a.title === want.rule && a.path === want.path)!;
      const comment = comments.find((c) => markerRule(c.body) === want.rule && c.path === want.path);
      expect(comment?.line).toBe(annotation.start_line);
    }
    expect(sim.state.reviews.filter((r) => r.repo === "octo-org/insecure")).toHaveLength(1);
  });

  it("sends no more than 50 annotations per request and keeps the output within GitHub's limits", () => {
    for (const body of run.history as any[]) {
      expect((body.output?.annotations ?? []).length).toBeLessThanOrEqual(50);
      expect((body.output?.summary ?? "").length).toBeLessThanOrEqual(65535);
    }
  });

  it("a rescan by a writer re-checks the head without duplicating review comments", async () => {
    const before = liveComments(repo, pull).map((c) => c.id).sort();
    const runBefore = lastRunId();
    const command = sim.addIssueComment(repo, pull.number, "writer", "Looks odd.\n/container-review rescan");
    expectAccepted(await send("issue_comment", issueCommentEvent(sim, repo, pull, command)));
    const rerun = await completedRun(repo, pull.headSha, runBefore);
    expect(rerun.conclusion).toBe("failure");
    expect(sim.state.reactions.filter((r) => r.commentId === command.id).map((r) => r.content)).toEqual(["eyes"]);
    const after = liveComments(repo, pull);
    expect(after.map((c) => c.id).sort()).toEqual(before);
    const fingerprints = after.map((c) => `${c.path}:${markerFingerprint(c.body)}`);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
  }, 90_000);

  it("a rescan by a reader is refused with a reply and no scan", async () => {
    const runsBefore = sim.state.checkRuns.length;
    const command = sim.addIssueComment(repo, pull.number, "reader", "/container-review rescan");
    expectAccepted(await send("issue_comment", issueCommentEvent(sim, repo, pull, command)));
    const reply = await sim.waitFor(
      (s) => s.issueComments.find((c) => c.repo === "octo-org/insecure" && c.user.type === "Bot" && c.body.includes("@reader")),
      20_000,
      "the refusal reply",
    );
    expect(reply.body).toMatch(/write, maintain or admin/);
    await quiet(500);
    expect(sim.state.checkRuns.length).toBe(runsBefore);
    expect(sim.state.reactions.filter((r) => r.commentId === command.id)).toEqual([]);
  }, 60_000);

  it("the check run's Re-run button scans again without duplicate comments", async () => {
    const before = liveComments(repo, pull).map((c) => c.id).sort();
    const previous = sim.state.checkRuns.filter((r) => r.repo === "octo-org/insecure").at(-1)!;
    expectAccepted(await send("check_run", checkRunRerequestedEvent(sim, repo, previous, "writer")));
    const rerun = await completedRun(repo, pull.headSha, previous.id);
    expect(rerun.conclusion).toBe("failure");
    expect(liveComments(repo, pull).map((c) => c.id).sort()).toEqual(before);
  }, 90_000);

  it("a synchronize scans the new head; a fixed finding is gone from the new run", async () => {
    const fixed = INSECURE_DEPLOYMENT.replace("privileged: true", "privileged: false");
    const previousHead = pull.headSha;
    const reviewsBefore = sim.state.reviews.length;
    sim.pushToPullRequest(repo, pull.number, { "k8s/agent.yaml": fixed });
    expect(pull.headSha).not.toBe(previousHead);
    expectAccepted(await send("pull_request", pullRequestEvent(sim, repo, pull, "synchronize")));
    const run2 = await completedRun(repo, pull.headSha);
    expect(run2.headSha).toBe(pull.headSha);
    expect(run2.annotations.filter((a) => a.title === "k8s/privileged")).toEqual([]);
    expect(run2.annotations.filter((a) => a.title === "k8s/host-network")).toHaveLength(1);
    // Whatever the app posted after the push is anchored on the new head, never on the old one.
    expect(sim.state.reviews.slice(reviewsBefore).filter((r) => r.commitId !== pull.headSha)).toEqual([]);
    expect(run2.history.every((b: any) => b.head_sha === undefined || b.head_sha === pull.headSha)).toBe(true);
    expectAppAlive();
  }, 90_000);
});

describe("a clean pull request", () => {
  it("passes, with no error or warning annotations and no error or warning comments", async () => {
    const repo = newRepo("clean", { "README.md": "# web\n" });
    const pull = sim.createPullRequest(repo, { number: 3, head: { "deploy/web.yaml": CLEAN_DEPLOYMENT, "README.md": "# web\n\nNow deployed.\n" } });
    expectAccepted(await send("pull_request", pullRequestEvent(sim, repo, pull, "opened")));
    const run = await completedRun(repo, pull.headSha);
    expect(run.conclusion).toBe("success");
    expect(run.annotations.filter((a) => a.annotation_level !== "notice")).toEqual([]);
    // Informational findings (notice level) may still be commented; nothing more severe.
    expect(liveComments(repo, pull).filter((c) => /^\*\*(Error|Warning)\*\*/.test(c.body))).toEqual([]);
  }, 90_000);

  it("passes when no container file changed (a required check must never wait)", async () => {
    const repo = newRepo("docs-only", { "README.md": "# docs\n" });
    const pull = sim.createPullRequest(repo, { number: 4, head: { "README.md": "# docs\n\nMore.\n" } });
    expectAccepted(await send("pull_request", pullRequestEvent(sim, repo, pull, "opened")));
    const run = await completedRun(repo, pull.headSha);
    expect(run.conclusion).toBe("success");
    expect(run.annotations).toEqual([]);
  }, 90_000);
});

describe("re-runs and redeliveries", () => {
  it("a redelivery of the same delivery id does not scan or post twice", async () => {
    const repo = newRepo("redelivered", { "README.md": "x\n" });
    const pull = sim.createPullRequest(repo, { number: 9, head: { "k8s/agent.yaml": INSECURE_DEPLOYMENT } });
    const payload = pullRequestEvent(sim, repo, pull, "opened");
    const first = await deliverWebhook({ url: app.webhookUrl, secret: webhookSecret, event: "pull_request", payload });
    expectAccepted(first.status);
    await completedRun(repo, pull.headSha);
    const again = await deliverWebhook({ url: app.webhookUrl, secret: webhookSecret, event: "pull_request", payload, deliveryId: first.deliveryId });
    expect(again.status).toBeLessThan(300);
    await quiet(1000);
    expect(sim.state.checkRuns.filter((r) => r.repo === "octo-org/redelivered")).toHaveLength(1);
    expect(sim.state.reviews.filter((r) => r.repo === "octo-org/redelivered")).toHaveLength(1);
  }, 90_000);

  it("re-runs a fork PR's check (no pull_requests in the payload) through the PR number in external_id", async () => {
    const repo = newRepo("forked", { "README.md": "x\n" });
    const pull = sim.createPullRequest(repo, { number: 11, fromFork: true, user: "outsider", head: { "k8s/agent.yaml": INSECURE_DEPLOYMENT } });
    expectAccepted(await send("pull_request", pullRequestEvent(sim, repo, pull, "opened")));
    const run = await completedRun(repo, pull.headSha);
    expect(run.externalId).toBe("11");
    const rerequested = checkRunRerequestedEvent(sim, repo, run, "writer");
    expect(rerequested.check_run.pull_requests).toEqual([]);
    expectAccepted(await send("check_run", rerequested));
    const rerun = await completedRun(repo, pull.headSha, run.id);
    expect(rerun.conclusion).toBe("failure");
  }, 90_000);

  it("re-runs the whole check suite (Re-run all), for a fork PR too", async () => {
    const repo = sim.state.repo("octo-org", "forked")!;
    const pull = repo.pulls.get(11)!;
    const previous = lastRunId();
    const suiteEvent = checkSuiteRerequestedEvent(sim, repo, pull, "writer");
    expect(suiteEvent.check_suite.pull_requests).toEqual([]);
    expectAccepted(await send("check_suite", suiteEvent));
    const rerun = await completedRun(repo, pull.headSha, previous);
    expect(rerun.conclusion).toBe("failure");
  }, 90_000);
});

describe("webhook signatures", () => {
  it("rejects a delivery with a bad signature and makes no API call", async () => {
    const repo = newRepo("unsigned");
    const pull = sim.createPullRequest(repo, { number: 5, head: { Dockerfile: "FROM ubuntu\n" } });
    await quiet(1000); // earlier scenarios' work is over: any request from now on would come from this delivery
    const requestsBefore = sim.state.requests.length;
    const result = await deliverWebhook({
      url: app.webhookUrl,
      secret: webhookSecret,
      event: "pull_request",
      payload: pullRequestEvent(sim, repo, pull, "opened"),
      signatureOverride: `sha256=${"0".repeat(64)}`,
    });
    expect(result.status).toBe(400);
    await new Promise((r) => setTimeout(r, 1500));
    expect(sim.state.requests.slice(requestsBefore)).toEqual([]);
    expect(sim.state.checkRuns.filter((r) => r.repo === "octo-org/unsigned")).toEqual([]);
  }, 30_000);
});

describe("hostile and unusual files", () => {
  it("never crash the app, and the check still completes", async () => {
    const bomb = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
      "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
      "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
      "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
      "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]",
      "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]",
      "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]",
      "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]",
      "",
    ].join("\n");
    const helm = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "app.fullname" . }}
spec:
  template:
    spec:
      containers:
        - name: app
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          {{- with .Values.securityContext }}
          securityContext:
            {{- toYaml . | nindent 12 }}
          {{- end }}
`;
    const bigDoc = Array.from({ length: 90_000 }, (_, i) => `      - name: VAR_${i}\n        value: "${"x".repeat(30)}"`).join("\n");
    const huge = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: huge\ndata:\n  list: |\n${bigDoc}\n`;
    expect(huge.length).toBeGreaterThan(5_000_000);
    const repo = newRepo("hostile", {
      "k8s/old.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: old\n",
      "k8s/svc.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: svc\nspec:\n  ports:\n    - port: 80\n",
      "README.md": "hi\n",
    });
    const pull = sim.createPullRequest(repo, {
      number: 6,
      head: {
        "k8s/old.yaml": null,
        "images/logo.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
        "k8s/binary.yaml": Buffer.from([0x00, 0xff, 0xfe, 0x00, 0x41, 0x00]),
        "k8s/bomb.yaml": bomb,
        "charts/app/templates/deployment.yaml": helm,
        "k8s/huge.yaml": huge,
        "Dockerfile.broken": "FROM\nRUN <<EOF\nunterminated heredoc\n",
      },
      renames: { "deploy/svc.yaml": "k8s/svc.yaml" },
    });
    const statuses = Object.fromEntries(sim.pullFiles(repo, pull).map((f) => [f.filename, f.status]));
    expect(statuses).toMatchObject({ "k8s/old.yaml": "removed", "deploy/svc.yaml": "renamed", "k8s/huge.yaml": "added" });
    expectAccepted(await send("pull_request", pullRequestEvent(sim, repo, pull, "opened")));
    const run = await completedRun(repo, pull.headSha, 0, 90_000);
    expect(["success", "failure", "neutral"]).toContain(run.conclusion);
    expectAppAlive();
    // The app is still healthy afterwards.
    expect((await fetch(`http://127.0.0.1:${app.port}/ping`)).status).toBe(200);
  }, 120_000);
});

describe("a pull request of 250 files", () => {
  it("is scanned entirely: every page of files and every file's content", async () => {
    const head: Record<string, string> = {};
    // 40 bare pods (several findings each: more than 50 annotations, so they must go in batches) and
    // 209 services.
    const pods: string[] = [];
    for (let i = 0; i < 40; i++) {
      const path = `k8s/pod-${String(i).padStart(3, "0")}.yaml`;
      pods.push(path);
      head[path] = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-${i}\nspec:\n  containers:\n    - name: app\n      image: registry.example.com/app:1.0.${i}\n`;
    }
    for (let i = 0; i < 209; i++) {
      head[`k8s/svc-${String(i).padStart(3, "0")}.yaml`] = `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\nspec:\n  ports:\n    - port: 80\n`;
    }
    // Last in every order GitHub could list them: a finding here proves the last page was scanned.
    head["zz/last.yaml"] = INSECURE_DEPLOYMENT;
    const repo = newRepo("many-files", { "README.md": "many\n" });
    const pull = sim.createPullRequest(repo, { number: 8, head });
    expect(sim.pullFiles(repo, pull)).toHaveLength(250);
    const requestsBefore = sim.state.requests.length;
    expectAccepted(await send("pull_request", pullRequestEvent(sim, repo, pull, "opened")));
    const run = await completedRun(repo, pull.headSha, 0, 120_000);
    const requests = sim.state.requests.slice(requestsBefore);
    const fetched = new Set(
      requests
        .filter((r) => r.method === "GET" && r.path.startsWith("/repos/octo-org/many-files/contents/") && r.query.ref === pull.headSha)
        .map((r) => decodeURIComponent(r.path.slice("/repos/octo-org/many-files/contents/".length))),
    );
    expect(fetched.size).toBe(250);
    expect(run.conclusion).toBe("failure");
    expect(run.annotations.filter((a) => a.path === "zz/last.yaml" && a.title === "k8s/privileged")).toHaveLength(1);
    expect(new Set(run.annotations.map((a) => a.path))).toEqual(new Set([...pods, "zz/last.yaml"]));
    // More than one request's worth of annotations, each request within GitHub's 50.
    expect(run.annotations.length).toBeGreaterThan(50);
    const batches = (run.history as any[]).map((b) => (b.output?.annotations ?? []).length).filter((n) => n > 0);
    expect(batches.length).toBeGreaterThan(1);
    expect(Math.max(...batches)).toBeLessThanOrEqual(50);
  }, 150_000);
});

// Issue 13: a PR with more new findings than the review and the check can show. 19 Dockerfiles, each
// with one error (root-user, on the FROM line), one warning and two notes, and one manifest of 130
// bare pods with about 1,100 warnings and notes. That manifest sorts first: chosen in file order, the
// cap of 50 comments would go to its findings and the 1,000 annotations would never reach the
// Dockerfiles.
describe("a pull request with more new findings than comments and annotations allow", () => {
  const DOCKERFILES = Array.from({ length: 19 }, (_, i) => `svc-${String(i).padStart(2, "0")}/Dockerfile`);
  const BULK = "a-bulk/pods.yaml";
  const dockerfile = (i: number) => `FROM debian:13.2\nRUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates\nCMD ["/srv/worker-${i}"]\n`;
  const pods = Array.from(
    { length: 130 },
    (_, i) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: job-${i}\n  namespace: batch\nspec:\n  containers:\n    - name: job\n      image: registry.example.com/batch/job:1.0.${i}\n`,
  ).join("---\n");
  let repo: RepoState;
  let pull: PullState;
  let run: CheckRunState;

  beforeAll(async () => {
    repo = newRepo("over-cap", { "README.md": "# batch\n" });
    const head: Record<string, string> = { [BULK]: pods };
    DOCKERFILES.forEach((path, i) => (head[path] = dockerfile(i)));
    pull = sim.createPullRequest(repo, { number: 13, head });
    expectAccepted(await send("pull_request", pullRequestEvent(sim, repo, pull, "opened")));
    run = await completedRun(repo, pull.headSha, 0, 150_000);
  }, 180_000);

  it("fails the check and annotates at most 1,000 findings, at least one on every changed file", () => {
    expect(run.conclusion).toBe("failure");
    expect(run.annotations).toHaveLength(1000);
    // 19 × 4 Dockerfile findings and 130 × 9 pod findings: 1,246; what is left out is notes only.
    expect(run.output.summary).toContain("- 1000 findings are annotated, every file's most severe first; 246 more (246 info) are not");
    const annotatedFiles = new Set(run.annotations.map((a) => a.path));
    expect([...annotatedFiles].sort()).toStrictEqual([BULK, ...DOCKERFILES].sort());
    // Every Dockerfile's error is annotated, and nothing more severe was left out for notes.
    const errors = run.annotations.filter((a) => a.annotation_level === "failure");
    expect(errors.map((a) => `${a.path}:${a.start_line}:${a.title}`).sort()).toStrictEqual(DOCKERFILES.map((p) => `${p}:1:dockerfile/root-user`).sort());
    for (const path of DOCKERFILES) expect(run.annotations.filter((a) => a.path === path).length).toBeGreaterThanOrEqual(3);
  });

  it("comments every error on a diff line, then warnings up to the cap, and no info", () => {
    const comments = liveComments(repo, pull);
    expect(comments).toHaveLength(50);
    const severityOf = (body: string) => /^\*\*(Error|Warning|Info)\*\* `/.exec(body)?.[1];
    expect(comments.every((c) => severityOf(c.body) !== undefined)).toBe(true);
    const errorComments = comments.filter((c) => severityOf(c.body) === "Error");
    expect(errorComments.map((c) => `${c.path}:${c.line}:${markerRule(c.body)}`).sort()).toStrictEqual(DOCKERFILES.map((p) => `${p}:1:dockerfile/root-user`).sort());
    expect(comments.filter((c) => severityOf(c.body) === "Warning")).toHaveLength(31);
    expect(comments.filter((c) => severityOf(c.body) === "Info")).toStrictEqual([]);
    // Short comments: the rule's reasoning is collapsed.
    for (const c of comments) expect(c.body).toContain("<details>\n<summary>Why it matters, how to fix</summary>");
  });

  it("says in the review how many findings of each severity were left out, and links the check run", () => {
    const reviews = sim.state.reviews.filter((r) => r.repo === "octo-org/over-cap");
    expect(reviews).toHaveLength(1);
    const body = reviews[0].body;
    expect(body).toMatch(/^\*\*container-review\*\* found 50 new problems on lines this pull request changes\.\n\n638 more new findings are not commented here \(638 warnings\): at most 50 comments per review \(`review.maxComments`\), the most severe first\.\n\n558 info below `review.minSeverity` are listed in the check only\.\n\nThe \[container-review check\]\(https:\/\/github.com\/octo-org\/over-cap\/runs\/\d+\) has the full report\.$/);
    expect(body).toContain(`/runs/${run.id})`);
    expectAppAlive();
  });
});

describe("everything the app sent", () => {
  it("was accepted by the OpenAPI description and GitHub's rules, and only used simulated endpoints", () => {
    expect(sim.state.violations).toEqual([]);
    expect(sim.state.refusals).toEqual([]);
    expect(sim.state.unhandled).toEqual([]);
    expect(sim.state.requests.length).toBeGreaterThan(20);
    expectAppAlive();
  });
});
