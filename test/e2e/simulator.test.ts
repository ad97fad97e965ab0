/**
 * The GitHub simulator refuses what GitHub refuses. Each "refused" test below is a deliberate break of a
 * documented rule or of the OpenAPI description; if the simulator stopped enforcing it, the test turns red.
 * Requests are made with @octokit/rest, the same client family the app uses.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createHmac } from "node:crypto";
import { Octokit } from "@octokit/rest";
import {
  createPatch,
  generateAppKeys,
  parsePatch,
  pullRequestEvent,
  signAppJwt,
  signWebhook,
  GitHubSimulator,
  startGitHubSimulator,
  undeclaredProperties,
  type PullState,
  type RepoState,
} from "../../tools/github-simulator/index.js";

const APP_ID = 4242;
const keys = generateAppKeys();

let sim: GitHubSimulator;
let repo: RepoState;
let pull: PullState;
let octokit: Octokit;
// 4xx answers are expected in this file; keep octokit's request log quiet.
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

const BASE_DOCKERFILE = ["FROM node:20", "WORKDIR /app", "COPY . .", "RUN npm ci", "USER node", "CMD [\"node\", \"server.js\"]", ""].join("\n");
// Line 1 changed, line 4 changed, line 7 added; lines 2-3, 5-6 are context.
const HEAD_DOCKERFILE = ["FROM node:20-slim", "WORKDIR /app", "COPY . .", "RUN apt-get update && apt-get install -y curl", "USER node", "CMD [\"node\", \"server.js\"]", "EXPOSE 8080", ""].join("\n");
const LONG_BASE = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join("\n") + "\n";
const LONG_HEAD = LONG_BASE.replace("line 2\n", "line two\n").replace("line 35\n", "line thirty-five\n");

async function status(promise: Promise<unknown>): Promise<{ status: number; data: any }> {
  try {
    const r = (await promise) as { status: number; data: unknown };
    return { status: r.status, data: r.data };
  } catch (error: any) {
    if (error?.status === undefined) throw error;
    return { status: error.status, data: error.response?.data };
  }
}

async function installationOctokit(): Promise<Octokit> {
  const appOctokit = new Octokit({ log: quiet, baseUrl: `${sim.url}/api/v3`, auth: signAppJwt(APP_ID, keys.privateKeyPem) });
  const { data } = await appOctokit.rest.apps.createInstallationAccessToken({ installation_id: repo.installationId });
  return new Octokit({ log: quiet, baseUrl: `${sim.url}/api/v3`, auth: data.token });
}

beforeAll(async () => {
  sim = await startGitHubSimulator({ appId: APP_ID, appPublicKey: keys.publicKeyPem });
  repo = sim.createRepository({
    owner: "octo-org",
    name: "shop",
    installationId: 77,
    files: { Dockerfile: BASE_DOCKERFILE, "docs/long.txt": LONG_BASE, "old-name.yaml": "kind: Pod\n", "untouched.md": "# hi\n" },
  });
  pull = sim.createPullRequest(repo, {
    number: 7,
    head: {
      Dockerfile: HEAD_DOCKERFILE,
      "docs/long.txt": LONG_HEAD,
      "logo.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]),
      "k8s/deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\n",
    },
    renames: { "new-name.yaml": "old-name.yaml" },
  });
  sim.setPermission(repo, "writer", "write");
  sim.setPermission(repo, "maintainer", "maintain");
  sim.setPermission(repo, "reader", "read");
  octokit = await installationOctokit();
});

afterAll(async () => {
  await sim.close();
});

describe("diff generation", () => {
  it("produces GitHub's unified hunks with three lines of context", () => {
    const result = createPatch(Buffer.from(BASE_DOCKERFILE), Buffer.from(HEAD_DOCKERFILE));
    expect(result.patch).toBe(
      [
        "@@ -1,6 +1,7 @@",
        "-FROM node:20",
        "+FROM node:20-slim",
        " WORKDIR /app",
        " COPY . .",
        "-RUN npm ci",
        "+RUN apt-get update && apt-get install -y curl",
        " USER node",
        " CMD [\"node\", \"server.js\"]",
        "+EXPOSE 8080",
      ].join("\n"),
    );
    expect([result.additions, result.deletions]).toEqual([3, 2]);
  });

  it("splits distant changes into separate hunks and maps lines to hunks", () => {
    const result = createPatch(Buffer.from(LONG_BASE), Buffer.from(LONG_HEAD));
    const headers = result.patch!.split("\n").filter((l) => l.startsWith("@@"));
    expect(headers).toEqual(["@@ -1,5 +1,5 @@", "@@ -32,7 +32,7 @@"]);
    const parsed = parsePatch(result.patch!);
    expect([...parsed.right.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 32, 33, 34, 35, 36, 37, 38]);
    expect(parsed.right.get(2)).toBe(0);
    expect(parsed.right.get(35)).toBe(1);
    expect(parsed.right.has(20)).toBe(false);
  });

  it("marks a missing final newline and omits the patch of binary and oversized diffs", () => {
    expect(createPatch(Buffer.from("a\n"), Buffer.from("a\nb")).patch).toBe("@@ -1 +1,2 @@\n a\n+b\n\\ No newline at end of file");
    expect(createPatch(undefined, Buffer.from([1, 0, 2])).patch).toBeUndefined();
    const big = Buffer.from(Array.from({ length: 5000 }, (_, i) => `k${i}: v`).join("\n"));
    const result = createPatch(undefined, big);
    expect(result.patch).toBeUndefined();
    expect(result.tooLarge).toBe(true);
    expect(result.additions).toBe(5000);
  });
});

describe("undeclared property detection", () => {
  const schema = {
    type: "object",
    properties: { output: { type: "object", properties: { title: { type: "string" }, annotations: { type: "array", items: { type: "object", properties: { path: { type: "string" } } } } } }, inputs: { type: "object" } },
  };
  it("finds misspelt keys at any depth and leaves free-form maps alone", () => {
    expect(undeclaredProperties({ output: { title: "x", annotation: [] }, conclusions: "x", inputs: { anything: 1 } }, schema, "")).toEqual(["output/annotation", "conclusions"]);
    expect(undeclaredProperties({ output: { annotations: [{ path: "a", lines: 3 }] } }, schema, "")).toEqual(["output/annotations/0/lines"]);
  });
});

describe("authentication", () => {
  it("exchanges a correctly signed App JWT for an installation token and refuses a JWT signed with another key", async () => {
    const other = generateAppKeys();
    const bad = new Octokit({ log: quiet, baseUrl: `${sim.url}/api/v3`, auth: signAppJwt(APP_ID, other.privateKeyPem) });
    const refused = await status(bad.rest.apps.createInstallationAccessToken({ installation_id: repo.installationId }));
    expect(refused.status).toBe(401);
    expect(refused.data.message).toBe("A JSON web token could not be decoded");
    const wrongIssuer = new Octokit({ log: quiet, baseUrl: `${sim.url}/api/v3`, auth: signAppJwt(APP_ID + 1, keys.privateKeyPem) });
    expect((await status(wrongIssuer.rest.apps.createInstallationAccessToken({ installation_id: repo.installationId }))).status).toBe(401);
    const good = new Octokit({ log: quiet, baseUrl: `${sim.url}/api/v3`, auth: signAppJwt(APP_ID, keys.privateKeyPem) });
    const token = await status(good.rest.apps.createInstallationAccessToken({ installation_id: repo.installationId }));
    expect(token.status).toBe(201);
    expect(token.data.token).toMatch(/^ghs_/);
    expect((await status(good.rest.apps.createInstallationAccessToken({ installation_id: 999 }))).status).toBe(404);
  });

  it("refuses repository calls without a valid installation token", async () => {
    const anonymous = new Octokit({ log: quiet, baseUrl: `${sim.url}/api/v3` });
    expect((await status(anonymous.rest.pulls.get({ owner: "octo-org", repo: "shop", pull_number: 7 }))).status).toBe(401);
    const forged = new Octokit({ log: quiet, baseUrl: `${sim.url}/api/v3`, auth: "ghs_forged" });
    const r = await status(forged.rest.pulls.get({ owner: "octo-org", repo: "shop", pull_number: 7 }));
    expect(r).toEqual({ status: 401, data: expect.objectContaining({ message: "Bad credentials" }) });
  });
});

describe("pull request files and contents", () => {
  it("lists the changed files with statuses, patches, renames and no patch for binaries", async () => {
    const files = await octokit.paginate(octokit.rest.pulls.listFiles, { owner: "octo-org", repo: "shop", pull_number: 7, per_page: 2 });
    const byName = Object.fromEntries(files.map((f) => [f.filename, f]));
    expect(files.map((f) => f.filename).sort()).toEqual(["Dockerfile", "docs/long.txt", "k8s/deploy.yaml", "logo.png", "new-name.yaml"]);
    expect(byName.Dockerfile.status).toBe("modified");
    expect(byName.Dockerfile.patch).toBe(createPatch(Buffer.from(BASE_DOCKERFILE), Buffer.from(HEAD_DOCKERFILE)).patch);
    expect(byName["k8s/deploy.yaml"]).toMatchObject({ status: "added", additions: 2, patch: "@@ -0,0 +1,2 @@\n+apiVersion: apps/v1\n+kind: Deployment" });
    expect(byName["new-name.yaml"]).toMatchObject({ status: "renamed", previous_filename: "old-name.yaml", changes: 0 });
    expect(byName["logo.png"].patch).toBeUndefined();
  });

  it("paginates with Link headers like GitHub", async () => {
    const page1 = await octokit.rest.pulls.listFiles({ owner: "octo-org", repo: "shop", pull_number: 7, per_page: 2 });
    expect(page1.data).toHaveLength(2);
    expect(page1.headers.link).toContain(`<${sim.url}/api/v3/repos/octo-org/shop/pulls/7/files?per_page=2&page=2>; rel="next"`);
    expect(page1.headers.link).toContain('page=3>; rel="last"');
  });

  it("serves contents at the base and the head, as base64 JSON and raw", async () => {
    const head = await octokit.rest.repos.getContent({ owner: "octo-org", repo: "shop", path: "Dockerfile", ref: pull.headSha });
    expect(Buffer.from((head.data as any).content, "base64").toString()).toBe(HEAD_DOCKERFILE);
    const base = await octokit.rest.repos.getContent({ owner: "octo-org", repo: "shop", path: "Dockerfile", ref: pull.baseSha, mediaType: { format: "raw" } });
    expect(base.data).toBe(BASE_DOCKERFILE);
    const missing = await status(octokit.rest.repos.getContent({ owner: "octo-org", repo: "shop", path: ".github/container-review.yml" }));
    expect(missing.status).toBe(404);
  });

  it("refuses files over 1 MB through the default contents media type, as GitHub does", async () => {
    const bigRepo = sim.createRepository({ owner: "octo-org", name: "big", installationId: 77, files: { "big.yaml": "a: b\n".repeat(300_000) } });
    const json = await status(octokit.rest.repos.getContent({ owner: "octo-org", repo: bigRepo.name, path: "big.yaml" }));
    expect(json.status).toBe(403);
    expect(json.data.errors[0].code).toBe("too_large");
    const raw = await octokit.rest.repos.getContent({ owner: "octo-org", repo: bigRepo.name, path: "big.yaml", mediaType: { format: "raw" } });
    expect((raw.data as unknown as string).length).toBe(1_500_000);
  });
});

describe("check runs", () => {
  const annotation = (line: number) => ({ path: "Dockerfile", start_line: line, end_line: line, annotation_level: "failure" as const, message: `finding ${line}` });

  it("accepts a create and updates of 50 annotations each, appending them", async () => {
    const created = await octokit.rest.checks.create({ owner: "octo-org", repo: "shop", name: "container-review", head_sha: pull.headSha, status: "in_progress", external_id: "7" });
    expect(created.status).toBe(201);
    const id = created.data.id;
    for (let batch = 0; batch < 2; batch++) {
      const r = await octokit.rest.checks.update({
        owner: "octo-org",
        repo: "shop",
        check_run_id: id,
        output: { title: "t", summary: "s", annotations: Array.from({ length: 50 }, (_, i) => annotation(batch * 50 + i + 1)) },
      });
      expect(r.status).toBe(200);
    }
    const done = await octokit.rest.checks.update({ owner: "octo-org", repo: "shop", check_run_id: id, conclusion: "failure", output: { title: "2 findings", summary: "summary" } });
    expect(done.data).toMatchObject({ status: "completed", conclusion: "failure", output: { annotations_count: 100 }, pull_requests: [expect.objectContaining({ number: 7 })] });
    const run = sim.state.checkRuns.find((r) => r.id === id)!;
    expect(run.annotations.map((a) => a.start_line)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const listed = await octokit.rest.checks.listForRef({ owner: "octo-org", repo: "shop", ref: pull.headSha, check_name: "container-review" });
    expect(listed.data.check_runs.map((r) => r.id)).toEqual([id]);
  });

  it("refuses 51 annotations in one request", async () => {
    const before = sim.state.violations.length;
    const r = await status(
      octokit.rest.checks.create({
        owner: "octo-org",
        repo: "shop",
        name: "container-review",
        head_sha: pull.headSha,
        output: { title: "t", summary: "s", annotations: Array.from({ length: 51 }, (_, i) => annotation(i + 1)) },
      }),
    );
    expect(r.status).toBe(422);
    expect(r.data.message).toContain("no more than 50 items are allowed; 51 were supplied");
    expect(sim.state.violations.length).toBe(before + 1);
  });

  it("refuses a summary over 65,535 characters", async () => {
    const r = await status(
      octokit.rest.checks.create({ owner: "octo-org", repo: "shop", name: "container-review", head_sha: pull.headSha, status: "completed", conclusion: "success", output: { title: "t", summary: "x".repeat(65536) } }),
    );
    expect(r.status).toBe(422);
    expect(r.data.message).toContain("only 65535 characters are allowed; 65536 were supplied");
  });

  it("refuses misspelt body fields: `annotation` inside output and `conclusions` at the top level", async () => {
    const misspeltAnnotation = await status(
      octokit.request("POST /repos/{owner}/{repo}/check-runs", { owner: "octo-org", repo: "shop", name: "container-review", head_sha: pull.headSha, output: { title: "t", summary: "s", annotation: [annotation(1)] } } as any),
    );
    expect(misspeltAnnotation.status).toBe(422);
    expect(misspeltAnnotation.data.errors).toEqual([expect.objectContaining({ field: "output/annotation", message: '"annotation" is not a permitted key. (at output/annotation)' })]);
    const run = sim.state.checkRuns[0];
    const misspeltConclusion = await status(
      octokit.request("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", { owner: "octo-org", repo: "shop", check_run_id: run.id, conclusions: "success" } as any),
    );
    expect(misspeltConclusion.status).toBe(422);
    expect(misspeltConclusion.data.message).toContain('"conclusions" is not a permitted key.');
    expect(sim.state.violations.at(-1)).toMatchObject({ method: "PATCH", operationId: "checks/update" });
  });

  it("refuses a head_sha that is no commit, a completed run without conclusion and columns across lines", async () => {
    const unknownSha = await status(octokit.rest.checks.create({ owner: "octo-org", repo: "shop", name: "c", head_sha: "0".repeat(40) }));
    expect(unknownSha).toEqual({ status: 422, data: expect.objectContaining({ message: `No commit found for SHA: ${"0".repeat(40)}` }) });
    const noConclusion = await status(octokit.rest.checks.create({ owner: "octo-org", repo: "shop", name: "c", head_sha: pull.headSha, status: "completed" }));
    expect(noConclusion.status).toBe(422);
    const columns = await status(
      octokit.rest.checks.create({ owner: "octo-org", repo: "shop", name: "c", head_sha: pull.headSha, output: { title: "t", summary: "s", annotations: [{ ...annotation(1), end_line: 2, start_column: 1, end_column: 3 }] } }),
    );
    expect(columns.status).toBe(422);
  });
});

describe("reviews", () => {
  const review = (comments: Record<string, unknown>[], extra: Record<string, unknown> = {}) =>
    status(octokit.rest.pulls.createReview({ owner: "octo-org", repo: "shop", pull_number: 7, commit_id: pull.headSha, event: "COMMENT", body: "container-review found problems", comments: comments as any, ...extra }));

  it("accepts comments on added and context lines, single and multi-line, and records their positions", async () => {
    const r = await review([
      { path: "Dockerfile", line: 4, side: "RIGHT", body: "curl" },
      { path: "Dockerfile", line: 2, side: "RIGHT", body: "context line" },
      { path: "Dockerfile", start_line: 1, line: 3, side: "RIGHT", body: "range" },
      { path: "docs/long.txt", line: 35, body: "second hunk" },
    ]);
    expect(r.status).toBe(200);
    expect(r.data).toMatchObject({ state: "COMMENTED", commit_id: pull.headSha });
    const stored = sim.state.reviewComments.filter((c) => c.reviewId === r.data.id);
    expect(stored.map((c) => [c.path, c.line, c.position])).toEqual([
      ["Dockerfile", 4, 6],
      ["Dockerfile", 2, 3],
      ["Dockerfile", 3, 4],
      ["docs/long.txt", 35, 12],
    ]);
    expect(stored[0].diffHunk).toBe("@@ -1,6 +1,7 @@\n-FROM node:20\n+FROM node:20-slim\n WORKDIR /app\n COPY . .\n-RUN npm ci\n+RUN apt-get update && apt-get install -y curl");
    const listed = await octokit.paginate(octokit.rest.pulls.listReviewComments, { owner: "octo-org", repo: "shop", pull_number: 7 });
    expect(listed.filter((c) => c.pull_request_review_id === r.data.id).map((c) => c.line)).toEqual([4, 2, 3, 35]);
  });

  it("refuses the whole review when one comment is on a line outside the diff", async () => {
    const reviewsBefore = sim.state.reviews.length;
    const commentsBefore = sim.state.reviewComments.length;
    const r = await review([
      { path: "Dockerfile", line: 4, side: "RIGHT", body: "fine" },
      { path: "docs/long.txt", line: 20, side: "RIGHT", body: "line 20 is unchanged and far from any hunk" },
    ]);
    expect(r.status).toBe(422);
    expect(r.data).toMatchObject({ message: "Unprocessable Entity", errors: ["Pull request review thread line must be part of the diff"] });
    expect(sim.state.reviews.length).toBe(reviewsBefore);
    expect(sim.state.reviewComments.length).toBe(commentsBefore);
    expect(sim.state.refusals.at(-1)).toMatchObject({ status: 422, path: "/repos/octo-org/shop/pulls/7/reviews" });
  });

  it("refuses start lines in another hunk, files outside the PR, files without a patch and stale commits", async () => {
    expect((await review([{ path: "docs/long.txt", start_line: 2, line: 35, body: "x" }])).data.errors).toEqual([
      "Pull request review thread start line must be part of the same hunk as the line.",
    ]);
    expect((await review([{ path: "untouched.md", line: 1, body: "x" }])).data.errors).toEqual(["Pull request review thread path is invalid"]);
    expect((await review([{ path: "logo.png", line: 1, body: "x" }])).data.errors).toEqual(["Pull request review thread diff hunk can't be blank"]);
    const stale = await review([], { commit_id: pull.baseSha });
    expect(stale.status).toBe(422);
    expect(stale.data.errors[0]).toContain("is not the head of pull request #7");
  });

  it("refuses a misspelt comment field (`lines`) and bodies over 65,536 characters", async () => {
    const misspelt = await review([{ path: "Dockerfile", lines: 4, body: "x" }]);
    expect(misspelt.status).toBe(422);
    expect(misspelt.data.message).toContain('"lines" is not a permitted key.');
    const long = await review([], { body: "x".repeat(65537) });
    expect(long.status).toBe(422);
    expect(long.data.errors[0].message).toBe("Body is too long (maximum is 65536 characters)");
  });

  it("edits a review comment in place", async () => {
    const comment = sim.state.reviewComments.find((c) => !c.deleted)!;
    const r = await octokit.rest.pulls.updateReviewComment({ owner: "octo-org", repo: "shop", comment_id: comment.id, body: "edited" });
    expect(r.data.body).toBe("edited");
    expect(comment.body).toBe("edited");
  });
});

describe("issue comments, reactions, permissions, GraphQL", () => {
  it("answers the permission endpoint per configured user", async () => {
    const perm = async (username: string) => status(octokit.rest.repos.getCollaboratorPermissionLevel({ owner: "octo-org", repo: "shop", username }));
    expect((await perm("writer")).data).toMatchObject({ permission: "write", role_name: "write" });
    expect((await perm("maintainer")).data).toMatchObject({ permission: "write", role_name: "maintain" });
    expect((await perm("reader")).data).toMatchObject({ permission: "read" });
    expect((await perm("nobody-at-all")).status).toBe(404);
  });

  it("creates issue comments and reactions (201 new, 200 existing) and minimizes comments over GraphQL", async () => {
    const human = sim.addIssueComment(repo, 7, "writer", "/container-review rescan");
    const first = await octokit.rest.reactions.createForIssueComment({ owner: "octo-org", repo: "shop", comment_id: human.id, content: "eyes" });
    const second = await octokit.rest.reactions.createForIssueComment({ owner: "octo-org", repo: "shop", comment_id: human.id, content: "eyes" });
    expect([first.status, second.status]).toEqual([201, 200]);
    const bad = await status(octokit.rest.reactions.createForIssueComment({ owner: "octo-org", repo: "shop", comment_id: human.id, content: "eye" as any }));
    expect(bad.status).toBe(422);
    const reply = await octokit.rest.issues.createComment({ owner: "octo-org", repo: "shop", issue_number: 7, body: "Rescanning" });
    expect(reply.data.user).toMatchObject({ login: "container-review[bot]", type: "Bot" });
    const result: any = await octokit.graphql(
      "mutation($id: ID!) { minimizeComment(input: { subjectId: $id, classifier: OUTDATED }) { minimizedComment { isMinimized minimizedReason } } }",
      { id: reply.data.node_id },
    );
    expect(result.minimizeComment.minimizedComment).toEqual(expect.objectContaining({ isMinimized: true, minimizedReason: "outdated" }));
    expect(sim.state.issueComments.find((c) => c.id === reply.data.id)!.minimizedReason).toBe("outdated");
  });
});

describe("unknown requests", () => {
  it("answers 404 and records a log line for undocumented paths and for documented but unsimulated endpoints", async () => {
    const before = sim.state.unhandled.length;
    expect((await status(octokit.request("GET /repos/{owner}/{repo}/no-such-thing", { owner: "octo-org", repo: "shop" }))).status).toBe(404);
    expect((await status(octokit.rest.repos.listBranches({ owner: "octo-org", repo: "shop" }))).status).toBe(404);
    expect(sim.state.unhandled.slice(before)).toEqual([
      { method: "GET", path: "/repos/octo-org/shop/no-such-thing", reason: "no such path in GitHub's OpenAPI description" },
      { method: "GET", path: "/repos/octo-org/shop/branches", reason: "documented (repos/list-branches) but not simulated" },
    ]);
    expect(sim.state.log.at(-1)).toBe("[github-simulator] unhandled: GET /repos/octo-org/shop/branches: documented (repos/list-branches) but not simulated");
  });

  it("refuses an undeclared query parameter", async () => {
    const r = await status(octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}/files", { owner: "octo-org", repo: "shop", pull_number: 7, per_pag: 100 } as any));
    expect(r.status).toBe(422);
    expect(r.data.errors[0].field).toBe("per_pag");
  });
});

describe("webhook payloads", () => {
  it("builds a pull_request event from GitHub's example with the simulator's repository, SHAs and installation, signed with HMAC-SHA256", () => {
    const payload = pullRequestEvent(sim, repo, pull, "opened");
    expect(payload).toMatchObject({
      action: "opened",
      number: 7,
      installation: { id: 77 },
      repository: { full_name: "octo-org/shop", owner: { login: "octo-org" } },
      pull_request: { number: 7, head: { sha: pull.headSha }, base: { sha: pull.baseSha, ref: "main" } },
    });
    const body = JSON.stringify(payload);
    expect(signWebhook("s3cret", body)).toBe(`sha256=${createHmac("sha256", "s3cret").update(body).digest("hex")}`);
  });
});

describe("other OpenAPI descriptions", () => {
  it("every simulated endpoint also exists in the GHES 3.19 description", () => {
    // The constructor throws for a handler whose method and path the description does not document.
    expect(() => new GitHubSimulator({ appPublicKey: keys.publicKeyPem, spec: "ghes-3.19" })).not.toThrow();
  });
});
