/**
 * Webhook deliveries as GitHub sends them: payloads taken from GitHub's own examples
 * (`@octokit/webhooks-examples`) with the repository, pull request, SHAs, installation and sender replaced
 * by the simulator's state, signed with HMAC-SHA256 (`X-Hub-Signature-256`) and POSTed to the app.
 */
import { createHmac, randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { GitHubSimulator } from "./server.js";
import type { CheckRunState, IssueCommentState, PullState, RepoState } from "./state.js";

interface ExampleGroup {
  name: string;
  examples: Record<string, any>[];
}

let examples: ExampleGroup[] | undefined;

function exampleFor(event: string, action: string): Record<string, any> {
  if (!examples) {
    const require = createRequire(import.meta.url);
    examples = JSON.parse(readFileSync(require.resolve("@octokit/webhooks-examples/api.github.com/index.json"), "utf8"));
  }
  const group = examples!.find((g) => g.name === event);
  const example = group?.examples.find((e) => e.action === action);
  if (!example) throw new Error(`no @octokit/webhooks-examples payload for ${event}.${action}`);
  return structuredClone(example);
}

export type PullRequestAction = "opened" | "synchronize" | "reopened" | "ready_for_review" | "closed" | "edited";

export function pullRequestEvent(
  sim: GitHubSimulator,
  repo: RepoState,
  pull: PullState,
  action: PullRequestAction,
  options: { before?: string } = {},
): Record<string, any> {
  const payload = exampleFor("pull_request", action);
  const pr = sim.pullRequestJson(repo, pull);
  payload.action = action;
  payload.number = pull.number;
  payload.pull_request = { ...payload.pull_request, ...pr, head: { ...payload.pull_request.head, ...pr.head }, base: { ...payload.pull_request.base, ...pr.base } };
  payload.repository = { ...payload.repository, ...sim.repositoryJson(repo) };
  payload.installation = sim.installationJson(repo);
  payload.sender = sim.ownerJson(pull.user);
  if (action === "synchronize") {
    payload.before = options.before ?? pull.commits[pull.commits.length - 2] ?? pull.baseSha;
    payload.after = pull.headSha;
  }
  delete payload.organization;
  delete payload.enterprise;
  return payload;
}

export function issueCommentEvent(sim: GitHubSimulator, repo: RepoState, pull: PullState, comment: IssueCommentState): Record<string, any> {
  const payload = exampleFor("issue_comment", "created");
  const pr = sim.pullRequestJson(repo, pull);
  payload.action = "created";
  payload.issue = {
    ...payload.issue,
    id: pull.id,
    node_id: pull.nodeId,
    number: pull.number,
    title: pull.title,
    body: pull.body,
    state: pull.state,
    user: pr.user,
    url: `${sim.url}/api/v3/repos/${repo.owner}/${repo.name}/issues/${pull.number}`,
    html_url: pr.html_url,
    pull_request: {
      url: pr.url,
      html_url: pr.html_url,
      diff_url: `${pr.html_url}.diff`,
      patch_url: `${pr.html_url}.patch`,
      merged_at: null,
    },
  };
  payload.comment = { ...payload.comment, ...sim.issueCommentJson(comment) };
  payload.repository = { ...payload.repository, ...sim.repositoryJson(repo) };
  payload.installation = sim.installationJson(repo);
  payload.sender = sim.ownerJson(comment.user.login);
  delete payload.organization;
  delete payload.enterprise;
  return payload;
}

export function checkRunRerequestedEvent(sim: GitHubSimulator, repo: RepoState, run: CheckRunState, requester = "octocat"): Record<string, any> {
  const payload = exampleFor("check_run", "rerequested");
  const json = sim.checkRunJson(run) as Record<string, any>;
  payload.action = "rerequested";
  payload.check_run = {
    ...payload.check_run,
    ...json,
    check_suite: { ...payload.check_run.check_suite, id: run.checkSuiteId, head_sha: run.headSha, pull_requests: json.pull_requests, app: sim.appJson() },
  };
  payload.repository = { ...payload.repository, ...sim.repositoryJson(repo) };
  payload.installation = sim.installationJson(repo);
  payload.sender = sim.ownerJson(requester);
  delete payload.organization;
  delete payload.enterprise;
  return payload;
}

export function checkSuiteRerequestedEvent(sim: GitHubSimulator, repo: RepoState, pull: PullState, requester = "octocat"): Record<string, any> {
  const payload = exampleFor("check_suite", "rerequested");
  const pr = sim.pullRequestJson(repo, pull);
  const suiteId = sim.state.checkSuites.get(`${repo.owner}/${repo.name}:${pull.headSha}:${sim.appId}`) ?? sim.state.nextId();
  payload.action = "rerequested";
  payload.check_suite = {
    ...payload.check_suite,
    id: suiteId,
    head_branch: pull.fromFork ? null : pull.headRef,
    head_sha: pull.headSha,
    before: pull.baseSha,
    after: pull.headSha,
    app: sim.appJson(),
    pull_requests: pull.fromFork
      ? []
      : [{ url: pr.url, id: pull.id, number: pull.number, head: { ref: pull.headRef, sha: pull.headSha, repo: { id: repo.id, url: pr.base.repo.url, name: repo.name } }, base: { ref: pull.baseRef, sha: pull.baseSha, repo: { id: repo.id, url: pr.base.repo.url, name: repo.name } } }],
  };
  payload.repository = { ...payload.repository, ...sim.repositoryJson(repo) };
  payload.installation = sim.installationJson(repo);
  payload.sender = sim.ownerJson(requester);
  delete payload.organization;
  delete payload.enterprise;
  return payload;
}

export function signWebhook(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export interface DeliveryResult {
  status: number;
  body: string;
  deliveryId: string;
}

/** POSTs a webhook to the app the way GitHub does (headers, HMAC-SHA256 signature of the raw body). */
export async function deliverWebhook(options: {
  url: string;
  secret: string;
  event: string;
  payload: unknown;
  deliveryId?: string;
  /** Sign with this instead of the right secret (to prove that bad signatures are rejected). */
  signatureOverride?: string;
}): Promise<DeliveryResult> {
  const body = JSON.stringify(options.payload);
  const deliveryId = options.deliveryId ?? randomUUID();
  const headers = {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(body)),
    "user-agent": "GitHub-Hookshot/simulator",
    "x-github-event": options.event,
    "x-github-delivery": deliveryId,
    "x-github-hook-id": "1",
    "x-github-hook-installation-target-type": "integration",
    "x-hub-signature-256": options.signatureOverride ?? signWebhook(options.secret, body),
  };
  // One connection per delivery, as GitHub's deliveries come: a pooled keep-alive socket that the
  // app's server closes at its keep-alive timeout could otherwise be reused at that instant ("other side closed").
  return new Promise<DeliveryResult>((resolve, reject) => {
    const req = httpRequest(options.url, { method: "POST", headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), deliveryId }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}
