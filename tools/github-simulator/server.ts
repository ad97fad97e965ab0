/**
 * A loopback GitHub (Enterprise-style: REST under /api/v3, GraphQL at /api/graphql) for end-to-end tests and
 * the demo. It answers the endpoints a pull-request reviewing app calls, validates every request against
 * GitHub's OpenAPI description, and refuses what GitHub refuses, with GitHub's status codes and messages.
 *
 *   const sim = await startGitHubSimulator({ appId: 1, appPublicKey });
 *   const repo = sim.createRepository({ owner: "octo-org", name: "shop", files: { "README.md": "hi\n" } });
 *   const pr = sim.createPullRequest(repo, { head: { Dockerfile: "FROM node:20\n" } });
 *   // start the app with GHE_HOST=sim.host GHE_PROTOCOL=http, send it webhooks, then read sim.state
 *   await sim.close();
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { randomBytes, randomUUID, type KeyObject } from "node:crypto";
import type { AddressInfo } from "node:net";
import { OpenApiDescription, type Operation, type SpecName } from "./openapi.js";
import { createPatch, DEFAULT_DIFF_LIMITS, diffHunkFor, parsePatch, type DiffLimits, type ParsedPatch } from "./diff.js";
import { verifyAppJwt } from "./jwt.js";
import { deliverWebhook } from "./webhooks.js";
import {
  gitBlobSha,
  SimulatorState,
  type Actor,
  type Annotation,
  type CheckRunState,
  type CommitState,
  type IssueCommentState,
  type Permission,
  type PullState,
  type RepoState,
  type ReviewCommentState,
  type WebhookDeliveryState,
} from "./state.js";

export const MAX_ANNOTATIONS_PER_REQUEST = 50;
export const MAX_CHECK_OUTPUT_CHARS = 65535;
export const MAX_COMMENT_BODY_CHARS = 65536;
export const MAX_PULL_FILES = 3000;
/** Files above this size are not served by the default contents media type (GitHub: 1 MB). */
export const MAX_CONTENTS_JSON_BYTES = 1024 * 1024;

export interface SimulatorOptions {
  appId?: number;
  appSlug?: string;
  /** PEM or KeyObject of the App's public key, used to verify the App JWT. */
  appPublicKey: string | KeyObject;
  /** Which OpenAPI description to validate against (default: api.github.com). */
  spec?: SpecName;
  diffLimits?: Partial<DiffLimits>;
  /** Called with each log line (unhandled requests, refusals, violations). */
  log?: (line: string) => void;
  port?: number;
  /** Delay before each REST answer, in ms (a slow GitHub); `setLatency` changes it later. */
  latencyMs?: number;
}

export type FileChanges = Record<string, string | Buffer | null>;

export interface CreateRepositoryOptions {
  owner: string;
  name: string;
  installationId?: number;
  defaultBranch?: string;
  private?: boolean;
  /** Files of the default branch's first commit. */
  files?: Record<string, string | Buffer>;
}

export interface CreatePullRequestOptions {
  number?: number;
  title?: string;
  body?: string;
  user?: string;
  headRef?: string;
  /** Changes on top of the default branch: content, or null to delete. */
  head: FileChanges;
  /** Renames to report (new path -> old path); the old path is deleted and the new one written. */
  renames?: Record<string, string>;
  fromFork?: boolean;
  draft?: boolean;
}

export interface PullFile {
  sha: string | null;
  filename: string;
  status: "added" | "removed" | "modified" | "renamed";
  additions: number;
  deletions: number;
  changes: number;
  blob_url: string;
  raw_url: string;
  contents_url: string;
  patch?: string;
  previous_filename?: string;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: unknown[],
    readonly documentationUrl?: string,
    /** True for an OpenAPI violation (recorded in `violations`, not in `refusals`). */
    readonly isViolation = false,
  ) {
    super(message);
  }
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  raw?: string | Buffer;
}

interface RequestContext {
  method: string;
  path: string;
  query: URLSearchParams;
  body: any;
  params: Record<string, string>;
  operation: Operation;
  headers: IncomingMessage["headers"];
  installationId: number | undefined;
}

type Handler = (ctx: RequestContext) => Reply;

const DOCS = "https://docs.github.com/rest";

export class GitHubSimulator {
  readonly state = new SimulatorState();
  readonly appId: number;
  readonly appSlug: string;
  readonly botUser: Actor;
  private readonly publicKey: string | KeyObject;
  private readonly openapi: OpenApiDescription;
  private readonly diffLimits: DiffLimits;
  private readonly logLine: (line: string) => void;
  private readonly tokens = new Map<string, { installationId: number; expiresAt: number }>();
  private readonly users = new Map<string, Actor>();
  private readonly handlers = new Map<string, Handler>();
  private readonly filesCache = new Map<string, PullFile[]>();
  private server: Server | undefined;
  private baseUrl = "";

  constructor(options: SimulatorOptions) {
    this.appId = options.appId ?? 1;
    this.appSlug = options.appSlug ?? "container-review";
    this.publicKey = options.appPublicKey;
    this.openapi = OpenApiDescription.load(options.spec ?? "api.github.com");
    this.diffLimits = { ...DEFAULT_DIFF_LIMITS, ...options.diffLimits };
    this.logLine = options.log ?? (() => {});
    this.botUser = { login: `${this.appSlug}[bot]`, id: 9_000_000 + this.appId, type: "Bot" };
    this.latencyMs = options.latencyMs ?? 0;
    this.registerHandlers();
  }

  private webhook: { url: string; secret: string } | undefined;
  private latencyMs = 0;

  /** Delays every later REST answer by `ms` (0: none). */
  setLatency(ms: number): void {
    this.latencyMs = Math.max(0, ms);
  }
  private readonly pendingDeliveries = new Set<Promise<unknown>>();

  /** The App's webhook (URL and secret), as configured in the App's settings: `deliver` and redeliveries POST there. */
  configureWebhook(webhook: { url: string; secret: string } | undefined): void {
    this.webhook = webhook;
  }

  /**
   * Delivers an event to the App's webhook as GitHub does and records the attempt (listed by
   * `GET /app/hook/deliveries`): status 502 "failed to connect to host" when the app cannot be
   * reached. GitHub does not retry a failed delivery by itself; the app may ask for a redelivery.
   */
  async deliver(event: string, payload: Record<string, any>, options: { guid?: string; redelivery?: boolean } = {}): Promise<WebhookDeliveryState> {
    if (!this.webhook) throw new Error("no webhook configured: call configureWebhook({ url, secret }) first");
    const guid = options.guid ?? randomUUID();
    const started = Date.now();
    let statusCode: number;
    let status: string;
    try {
      const result = await deliverWebhook({ url: this.webhook.url, secret: this.webhook.secret, event, payload, deliveryId: guid });
      statusCode = result.status;
      status = result.status >= 200 && result.status < 400 ? "OK" : `Invalid HTTP Response: ${result.status}`;
    } catch {
      statusCode = 502;
      status = "failed to connect to host";
    }
    const delivery: WebhookDeliveryState = {
      id: this.state.nextId(),
      guid,
      deliveredAt: new Date(started).toISOString().replace(/\.\d{3}Z$/, "Z"),
      redelivery: options.redelivery ?? false,
      duration: (Date.now() - started) / 1000,
      status,
      statusCode,
      event,
      action: typeof payload.action === "string" ? payload.action : null,
      installationId: typeof payload.installation?.id === "number" ? payload.installation.id : null,
      repositoryId: typeof payload.repository?.id === "number" ? payload.repository.id : null,
      payload,
    };
    this.state.deliveries.push(delivery);
    this.logLine(`delivery ${delivery.id} ${event}${delivery.action ? `.${delivery.action}` : ""} guid=${guid}${delivery.redelivery ? " (redelivery)" : ""}: ${statusCode}`);
    return delivery;
  }

  /** Resolves when every redelivery requested so far has been attempted. */
  async settleDeliveries(): Promise<void> {
    while (this.pendingDeliveries.size > 0) await Promise.allSettled([...this.pendingDeliveries]);
  }

  private deliveryJson(d: WebhookDeliveryState): Record<string, unknown> {
    return {
      id: d.id,
      guid: d.guid,
      delivered_at: d.deliveredAt,
      redelivery: d.redelivery,
      duration: d.duration,
      status: d.status,
      status_code: d.statusCode,
      event: d.event,
      action: d.action,
      installation_id: d.installationId,
      repository_id: d.repositoryId,
      throttled_at: null,
    };
  }

  /** `http://127.0.0.1:PORT`, set once listening. */
  get url(): string {
    return this.baseUrl;
  }

  /** `127.0.0.1:PORT`: the value for the app's GHE_HOST (with GHE_PROTOCOL=http). */
  get host(): string {
    return this.baseUrl.replace(/^http:\/\//, "");
  }

  async listen(port = 0): Promise<void> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error) => {
        this.record("error", `internal simulator error: ${(error as Error).stack ?? error}`);
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ message: "Simulator error" }));
      });
    });
    this.server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(port, "127.0.0.1", () => resolve());
    });
    const address = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${address.port}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  // ---------------------------------------------------------------------------------------------------------
  // Programmatic set-up (what a test or the demo arranges before sending webhooks)

  user(login: string): Actor {
    let actor = this.users.get(login);
    if (!actor) {
      actor = { login, id: 100 + this.users.size + 1, type: login.endsWith("[bot]") ? "Bot" : "User" };
      this.users.set(login, actor);
    }
    return actor;
  }

  createRepository(options: CreateRepositoryOptions): RepoState {
    const defaultBranch = options.defaultBranch ?? "main";
    const repo: RepoState = {
      id: this.state.nextId(),
      nodeId: "",
      owner: options.owner,
      ownerId: this.user(options.owner).id,
      name: options.name,
      installationId: options.installationId ?? 42,
      defaultBranch,
      private: options.private ?? false,
      commits: new Map(),
      branches: new Map(),
      permissions: new Map([[options.owner, "admin"]]),
      pulls: new Map(),
    };
    repo.nodeId = `R_kgDO${repo.id}`;
    this.state.repos.set(`${options.owner}/${options.name}`.toLowerCase(), repo);
    const root = this.addCommit(repo, undefined, toBuffers(options.files ?? {}), "Initial commit");
    repo.branches.set(defaultBranch, root.sha);
    return repo;
  }

  /** Adds a commit on top of `parentSha` (or an empty tree) with the given changes. */
  commit(repo: RepoState, parentSha: string | undefined, changes: FileChanges, message = "Change files"): CommitState {
    const parent = parentSha ? repo.commits.get(parentSha) : undefined;
    if (parentSha && !parent) throw new Error(`no commit ${parentSha} in ${repo.owner}/${repo.name}`);
    const tree = new Map(parent?.tree ?? []);
    for (const [path, content] of Object.entries(changes)) {
      if (content === null) tree.delete(path);
      else tree.set(path, Buffer.isBuffer(content) ? content : Buffer.from(content, "utf8"));
    }
    return this.addCommit(repo, parentSha, tree, message);
  }

  setPermission(repo: RepoState, login: string, permission: Permission): void {
    this.user(login);
    repo.permissions.set(login, permission);
  }

  createPullRequest(repo: RepoState, options: CreatePullRequestOptions): PullState {
    const baseSha = repo.branches.get(repo.defaultBranch)!;
    const changes: FileChanges = { ...options.head };
    for (const [to, from] of Object.entries(options.renames ?? {})) {
      const base = repo.commits.get(baseSha)!.tree.get(from);
      if (!base) throw new Error(`rename source ${from} does not exist`);
      changes[from] = null;
      if (!(to in changes)) changes[to] = base;
    }
    const head = this.commit(repo, baseSha, changes, options.title ?? "Pull request changes");
    const number = options.number ?? Math.max(0, ...repo.pulls.keys()) + 1;
    const now = new Date().toISOString();
    const headRef = options.headRef ?? `feature-${number}`;
    const pull: PullState = {
      number,
      id: this.state.nextId(),
      nodeId: "",
      title: options.title ?? `Pull request #${number}`,
      body: options.body ?? "",
      user: options.user ?? "octocat",
      baseRef: repo.defaultBranch,
      headRef,
      baseSha,
      headSha: head.sha,
      state: "open",
      draft: options.draft ?? false,
      fromFork: options.fromFork ?? false,
      renames: new Map(Object.entries(options.renames ?? {})),
      commits: [head.sha],
      createdAt: now,
      updatedAt: now,
    };
    pull.nodeId = `PR_kwDO${pull.id}`;
    this.user(pull.user);
    repo.pulls.set(number, pull);
    repo.branches.set(headRef, head.sha);
    return pull;
  }

  /** A new commit on the PR's head branch (a `synchronize`); earlier review comments may become outdated. */
  pushToPullRequest(repo: RepoState, number: number, changes: FileChanges): PullState {
    const pull = this.requirePull(repo, number);
    const previousHead = pull.headSha;
    const head = this.commit(repo, pull.headSha, changes, "Push to pull request");
    pull.headSha = head.sha;
    pull.commits.push(head.sha);
    pull.updatedAt = new Date().toISOString();
    repo.branches.set(pull.headRef, head.sha);
    this.outdateComments(repo, pull, previousHead);
    return pull;
  }

  /** A human (or bot) comment on the PR conversation, as GitHub would store it before sending the webhook. */
  addIssueComment(repo: RepoState, issueNumber: number, login: string, body: string): IssueCommentState {
    const now = new Date().toISOString();
    const id = this.state.nextId();
    const comment: IssueCommentState = {
      id,
      nodeId: `IC_kwDO${id}`,
      repo: fullName(repo),
      issueNumber,
      body,
      user: this.user(login),
      createdAt: now,
      updatedAt: now,
      minimizedReason: null,
      deleted: false,
    };
    this.state.issueComments.push(comment);
    return comment;
  }

  requirePull(repo: RepoState, number: number): PullState {
    const pull = repo.pulls.get(number);
    if (!pull) throw new HttpError(404, "Not Found");
    return pull;
  }

  /** The PR's changed files as `GET /pulls/{n}/files` returns them (patches computed from base and head). */
  pullFiles(repo: RepoState, pull: PullState): PullFile[] {
    return this.diffFiles(repo, pull.baseSha, pull.headSha, pull.renames);
  }

  /** Files changed between two commits, with GitHub-style statuses, renames and patches. */
  diffFiles(repo: RepoState, baseSha: string, headSha: string, explicitRenames: Map<string, string> = new Map()): PullFile[] {
    const key = `${fullName(repo)}:${baseSha}..${headSha}`;
    const cached = this.filesCache.get(key);
    if (cached) return cached;
    const base = repo.commits.get(baseSha)!.tree;
    const head = repo.commits.get(headSha)!.tree;
    const removed = [...base.keys()].filter((p) => !head.has(p));
    const added = [...head.keys()].filter((p) => !base.has(p));
    const renames = new Map([...explicitRenames].filter(([to, from]) => head.has(to) && !head.has(from)));
    for (const to of added) {
      if (renames.has(to)) continue;
      const content = head.get(to)!;
      const from = removed.find((p) => !([...renames.values()] as string[]).includes(p) && base.get(p)!.equals(content));
      if (from) renames.set(to, from);
    }
    const renamedFrom = new Set(renames.values());
    const paths = [...new Set([...base.keys(), ...head.keys()])].sort();
    const files: PullFile[] = [];
    for (const path of paths) {
      const before = base.get(path);
      const after = head.get(path);
      if (before && after && before.equals(after)) continue;
      if (!after && renamedFrom.has(path)) continue;
      const renamedFromPath = after && !before ? renames.get(path) : undefined;
      const oldContent = renamedFromPath ? base.get(renamedFromPath) : before;
      const status: PullFile["status"] = renamedFromPath ? "renamed" : !before ? "added" : !after ? "removed" : "modified";
      const diff = createPatch(oldContent, after, this.diffLimits);
      const blobSha = after ? gitBlobSha(after) : before ? gitBlobSha(before) : null;
      const refForUrls = after ? headSha : baseSha;
      const file: PullFile = {
        sha: status === "removed" ? null : blobSha,
        filename: path,
        status,
        additions: diff.additions,
        deletions: diff.deletions,
        changes: diff.additions + diff.deletions,
        blob_url: `https://github.com/${fullName(repo)}/blob/${refForUrls}/${path}`,
        raw_url: `https://github.com/${fullName(repo)}/raw/${refForUrls}/${path}`,
        contents_url: `${this.baseUrl}/api/v3/repos/${fullName(repo)}/contents/${encodeURIComponent(path)}?ref=${refForUrls}`,
      };
      if (diff.patch !== undefined) file.patch = diff.patch;
      if (renamedFromPath) file.previous_filename = renamedFromPath;
      files.push(file);
    }
    this.filesCache.set(key, files);
    return files;
  }

  /** The commits reachable from `sha` (itself first), following first parents. */
  private ancestry(repo: RepoState, sha: string): string[] {
    const out: string[] = [];
    let current: CommitState | undefined = repo.commits.get(sha);
    while (current) {
      out.push(current.sha);
      current = current.parents[0] ? repo.commits.get(current.parents[0]) : undefined;
    }
    return out;
  }

  private commitJson(repo: RepoState, commit: CommitState): Record<string, unknown> {
    const name = fullName(repo);
    const author = { name: "Octo Cat", email: "octocat@example.com", date: "2026-01-01T00:00:00Z" };
    return {
      sha: commit.sha,
      node_id: `C_${commit.sha}`,
      url: `${this.baseUrl}/api/v3/repos/${name}/commits/${commit.sha}`,
      html_url: `https://github.com/${name}/commit/${commit.sha}`,
      comments_url: `${this.baseUrl}/api/v3/repos/${name}/commits/${commit.sha}/comments`,
      commit: { message: commit.message, author, committer: author, tree: { sha: commit.sha, url: "" }, url: "", comment_count: 0 },
      author: null,
      committer: null,
      parents: commit.parents.map((p) => ({ sha: p, url: `${this.baseUrl}/api/v3/repos/${name}/commits/${p}` })),
    };
  }

  /** Resolves when `predicate(state)` is true, polling every 50 ms; rejects after `timeoutMs`. */
  async waitFor<T>(predicate: (state: SimulatorState) => T | undefined | false, timeoutMs = 20_000, what = "condition"): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate(this.state);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // JSON shapes shared by REST responses and webhook payloads

  ownerJson(login: string): Record<string, unknown> {
    const actor = this.user(login);
    return userJson(actor);
  }

  repositoryJson(repo: RepoState): Record<string, any> {
    const name = fullName(repo);
    return {
      id: repo.id,
      node_id: repo.nodeId,
      name: repo.name,
      full_name: name,
      private: repo.private,
      owner: { ...this.ownerJson(repo.owner), type: "Organization" },
      html_url: `https://github.com/${name}`,
      description: null,
      fork: false,
      url: `${this.baseUrl}/api/v3/repos/${name}`,
      default_branch: repo.defaultBranch,
      visibility: repo.private ? "private" : "public",
    };
  }

  pullRequestJson(repo: RepoState, pull: PullState): Record<string, any> {
    const name = fullName(repo);
    const repoJson = this.repositoryJson(repo);
    const headRepo = pull.fromFork
      ? { ...repoJson, id: repo.id + 1, full_name: `${pull.user}/${repo.name}`, owner: this.ownerJson(pull.user), fork: true }
      : repoJson;
    const files = this.pullFiles(repo, pull);
    return {
      url: `${this.baseUrl}/api/v3/repos/${name}/pulls/${pull.number}`,
      id: pull.id,
      node_id: pull.nodeId,
      html_url: `https://github.com/${name}/pull/${pull.number}`,
      number: pull.number,
      state: pull.state,
      locked: false,
      title: pull.title,
      body: pull.body,
      user: this.ownerJson(pull.user),
      draft: pull.draft,
      created_at: pull.createdAt,
      updated_at: pull.updatedAt,
      head: {
        label: `${pull.fromFork ? pull.user : repo.owner}:${pull.headRef}`,
        ref: pull.headRef,
        sha: pull.headSha,
        user: this.ownerJson(pull.fromFork ? pull.user : repo.owner),
        repo: headRepo,
      },
      base: {
        label: `${repo.owner}:${pull.baseRef}`,
        ref: pull.baseRef,
        sha: pull.baseSha,
        user: this.ownerJson(repo.owner),
        repo: repoJson,
      },
      author_association: authorAssociation(repo, pull.user),
      merged: false,
      mergeable: true,
      commits: pull.commits.length,
      additions: files.reduce((n, f) => n + f.additions, 0),
      deletions: files.reduce((n, f) => n + f.deletions, 0),
      changed_files: files.length,
    };
  }

  installationJson(repo: RepoState): Record<string, unknown> {
    return { id: repo.installationId, node_id: `MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9u${repo.installationId}` };
  }

  checkRunJson(run: CheckRunState): Record<string, unknown> {
    const repo = this.state.repos.get(run.repo.toLowerCase())!;
    const pulls = [...repo.pulls.values()].filter((p) => p.headSha === run.headSha && !p.fromFork && p.state === "open");
    return {
      id: run.id,
      node_id: run.nodeId,
      head_sha: run.headSha,
      external_id: run.externalId,
      url: `${this.baseUrl}/api/v3/repos/${run.repo}/check-runs/${run.id}`,
      html_url: `https://github.com/${run.repo}/runs/${run.id}`,
      details_url: run.detailsUrl,
      status: run.status,
      conclusion: run.conclusion,
      started_at: run.startedAt,
      completed_at: run.completedAt,
      output: {
        title: run.output.title,
        summary: run.output.summary,
        text: run.output.text,
        annotations_count: run.annotations.length,
        annotations_url: `${this.baseUrl}/api/v3/repos/${run.repo}/check-runs/${run.id}/annotations`,
      },
      name: run.name,
      check_suite: { id: run.checkSuiteId },
      app: this.appJson(),
      pull_requests: pulls.map((p) => ({
        url: `${this.baseUrl}/api/v3/repos/${run.repo}/pulls/${p.number}`,
        id: p.id,
        number: p.number,
        head: { ref: p.headRef, sha: p.headSha, repo: { id: repo.id, url: `${this.baseUrl}/api/v3/repos/${run.repo}`, name: repo.name } },
        base: { ref: p.baseRef, sha: p.baseSha, repo: { id: repo.id, url: `${this.baseUrl}/api/v3/repos/${run.repo}`, name: repo.name } },
      })),
    };
  }

  appJson(): Record<string, unknown> {
    return {
      id: this.appId,
      slug: this.appSlug,
      node_id: `A_kwDO${this.appId}`,
      name: this.appSlug,
      owner: userJson(this.user("octo-org")),
      description: "",
      external_url: "https://example.invalid",
      html_url: `https://github.com/apps/${this.appSlug}`,
      created_at: "2026-01-01T00:00:00Z",
      updated_at: "2026-01-01T00:00:00Z",
      permissions: { checks: "write", pull_requests: "write", contents: "read", issues: "write", metadata: "read" },
      events: ["pull_request", "issue_comment", "check_run", "check_suite"],
    };
  }

  reviewCommentJson(c: ReviewCommentState): Record<string, unknown> {
    return {
      id: c.id,
      node_id: c.nodeId,
      pull_request_review_id: c.reviewId,
      diff_hunk: c.diffHunk,
      path: c.path,
      position: c.position,
      original_position: c.originalPosition,
      commit_id: c.commitId,
      original_commit_id: c.originalCommitId,
      in_reply_to_id: c.inReplyToId ?? undefined,
      user: userJson(c.user),
      body: c.body,
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      html_url: `https://github.com/${c.repo}/pull/${c.pullNumber}#discussion_r${c.id}`,
      pull_request_url: `${this.baseUrl}/api/v3/repos/${c.repo}/pulls/${c.pullNumber}`,
      author_association: c.user.type === "Bot" ? "NONE" : "MEMBER",
      _links: {
        self: { href: `${this.baseUrl}/api/v3/repos/${c.repo}/pulls/comments/${c.id}` },
        html: { href: `https://github.com/${c.repo}/pull/${c.pullNumber}#discussion_r${c.id}` },
        pull_request: { href: `${this.baseUrl}/api/v3/repos/${c.repo}/pulls/${c.pullNumber}` },
      },
      start_line: c.startLine,
      original_start_line: c.originalStartLine,
      start_side: c.startSide,
      line: c.line,
      original_line: c.originalLine,
      side: c.side,
      subject_type: c.subjectType,
    };
  }

  issueCommentJson(c: IssueCommentState): Record<string, unknown> {
    return {
      id: c.id,
      node_id: c.nodeId,
      url: `${this.baseUrl}/api/v3/repos/${c.repo}/issues/comments/${c.id}`,
      html_url: `https://github.com/${c.repo}/pull/${c.issueNumber}#issuecomment-${c.id}`,
      issue_url: `${this.baseUrl}/api/v3/repos/${c.repo}/issues/${c.issueNumber}`,
      body: c.body,
      user: userJson(c.user),
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      author_association: c.user.type === "Bot" ? "NONE" : "MEMBER",
      performed_via_github_app: c.user.type === "Bot" ? this.appJson() : null,
    };
  }

  // ---------------------------------------------------------------------------------------------------------
  // HTTP

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = (req.method ?? "GET").toUpperCase();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks);
    let body: any = undefined;
    let path = url.pathname;
    let operation: Operation | undefined;
    let auth: "app-jwt" | "installation-token" | "none" = "none";
    let reply: Reply;
    try {
      if (rawBody.length > 0) {
        try {
          body = JSON.parse(rawBody.toString("utf8"));
        } catch {
          throw new HttpError(400, "Problems parsing JSON");
        }
      }
      if (path === "/api/graphql") {
        path = "/graphql";
        const installationId = this.authenticateInstallation(req);
        auth = "installation-token";
        reply = this.graphql(body, installationId);
      } else if (path.startsWith("/api/v3/") || path === "/api/v3") {
        path = path.slice("/api/v3".length) || "/";
        const match = this.openapi.match(method, path);
        if (!match) {
          this.unhandled(method, path, this.openapi.hasPath(path) ? "method not documented for this path" : "no such path in GitHub's OpenAPI description");
          throw new HttpError(404, "Not Found");
        }
        operation = match.operation;
        const usesJwt = operation.template.startsWith("/app") || operation.template === "/repos/{owner}/{repo}/installation";
        let installationId: number | undefined;
        if (usesJwt) {
          this.authenticateApp(req);
          auth = "app-jwt";
        } else {
          installationId = this.authenticateInstallation(req);
          auth = "installation-token";
        }
        const problems = [
          ...this.openapi.validateQuery(operation, url.searchParams),
          ...this.openapi.validateBody(operation, body),
        ];
        if (problems.length > 0) {
          this.state.violations.push({ method, path, operationId: operation.operationId, problems, body });
          this.logLine(`OpenAPI violation ${method} ${path}: ${problems.map((p) => p.message).join("; ")}`);
          throw new HttpError(
            422,
            `Invalid request.\n\n${problems.map((p) => p.message).join("\n")}`,
            problems,
            operation.documentationUrl,
            true,
          );
        }
        const handler = this.handlers.get(`${method} ${operation.template}`);
        if (!handler) {
          this.unhandled(method, path, `documented (${operation.operationId}) but not simulated`);
          throw new HttpError(404, "Not Found", undefined, operation.documentationUrl);
        }
        reply = handler({ method, path, query: url.searchParams, body, params: match.params, operation, headers: req.headers, installationId });
      } else {
        this.unhandled(method, path, "outside /api/v3 and /api/graphql");
        throw new HttpError(404, "Not Found");
      }
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      const errorBody: Record<string, unknown> = {
        message: error.message,
        documentation_url: error.documentationUrl ?? operation?.documentationUrl ?? DOCS,
        status: String(error.status),
      };
      if (error.errors) errorBody.errors = error.errors;
      reply = { status: error.status, body: errorBody };
      // Refusals are writes that GitHub's rules turn down (a read that fails, e.g. a 403 for a blob over
      // 1 MB, is an answer the app must cope with, not a request it should not have sent).
      if (operation && method !== "GET" && error.status !== 404 && error.status !== 401 && !error.isViolation) {
        this.state.refusals.push({ method, path, status: error.status, message: error.message, errors: error.errors ?? [], body });
        this.logLine(`refused ${method} ${path}: ${error.status} ${error.message} ${JSON.stringify(error.errors ?? [])}`);
      }
    }
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    this.state.requests.push({
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body,
      status: reply.status,
      operationId: operation?.operationId,
      auth,
      at: Date.now(),
      receivedAt,
    });
    const headers: Record<string, string> = {
      "x-github-request-id": randomBytes(8).toString("hex"),
      "x-ratelimit-limit": "5000",
      "x-ratelimit-remaining": "4999",
      "x-ratelimit-used": "1",
      "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
      "x-ratelimit-resource": path === "/graphql" ? "graphql" : "core",
      ...reply.headers,
    };
    if (reply.raw !== undefined) {
      res.writeHead(reply.status, { "content-type": "text/plain; charset=utf-8", ...headers });
      res.end(reply.raw);
    } else if (reply.body === undefined) {
      res.writeHead(reply.status, headers);
      res.end();
    } else {
      res.writeHead(reply.status, { "content-type": "application/json; charset=utf-8", ...headers });
      res.end(JSON.stringify(reply.body));
    }
  }

  private unhandled(method: string, path: string, reason: string): void {
    this.state.unhandled.push({ method, path, reason });
    this.record("unhandled", `${method} ${path}: ${reason}`);
  }

  private record(kind: string, line: string): void {
    const text = `[github-simulator] ${kind}: ${line}`;
    this.state.log.push(text);
    this.logLine(text);
  }

  private authenticateApp(req: IncomingMessage): void {
    const header = req.headers.authorization ?? "";
    const m = /^bearer\s+(.+)$/i.exec(header);
    if (!m) throw new HttpError(401, "A JSON web token could not be decoded");
    const check = verifyAppJwt(m[1], this.publicKey, this.appId);
    if (!check.ok) throw new HttpError(401, check.message);
  }

  private authenticateInstallation(req: IncomingMessage): number {
    const header = req.headers.authorization ?? "";
    const m = /^(?:token|bearer)\s+(.+)$/i.exec(header);
    if (!m) throw new HttpError(401, "Requires authentication");
    const token = this.tokens.get(m[1]);
    if (!token || token.expiresAt < Date.now()) throw new HttpError(401, "Bad credentials");
    return token.installationId;
  }

  private repoFor(ctx: RequestContext): RepoState {
    const repo = this.state.repo(ctx.params.owner, ctx.params.repo);
    // GitHub answers 404 for repositories the installation cannot see.
    if (!repo || (ctx.installationId !== undefined && repo.installationId !== ctx.installationId)) {
      throw new HttpError(404, "Not Found");
    }
    return repo;
  }

  private paginate(ctx: RequestContext, items: unknown[], wrap?: (page: unknown[]) => unknown): Reply {
    const perPage = Math.min(100, Math.max(1, Number(ctx.query.get("per_page") ?? 30)));
    const page = Math.max(1, Number(ctx.query.get("page") ?? 1));
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const lastPage = Math.max(1, Math.ceil(items.length / perPage));
    const links: string[] = [];
    const link = (p: number, rel: string) => {
      const q = new URLSearchParams(ctx.query);
      q.set("per_page", String(perPage));
      q.set("page", String(p));
      links.push(`<${this.baseUrl}/api/v3${ctx.path}?${q.toString()}>; rel="${rel}"`);
    };
    if (page > 1) link(page - 1, "prev");
    if (page < lastPage) {
      link(page + 1, "next");
      link(lastPage, "last");
    }
    if (page > 1) link(1, "first");
    return { status: 200, body: wrap ? wrap(slice) : slice, headers: links.length ? { link: links.join(", ") } : {} };
  }

  private addCommit(repo: RepoState, parentSha: string | undefined, tree: Map<string, Buffer>, message: string): CommitState {
    const commit: CommitState = {
      sha: this.state.newSha(`${fullName(repo)}:${parentSha}:${message}`),
      tree,
      parents: parentSha ? [parentSha] : [],
      message,
    };
    repo.commits.set(commit.sha, commit);
    return commit;
  }

  private outdateComments(repo: RepoState, pull: PullState, previousHead: string): void {
    const files = new Map(this.pullFiles(repo, pull).map((f) => [f.filename, f]));
    const oldTree = repo.commits.get(previousHead)!.tree;
    const newTree = repo.commits.get(pull.headSha)!.tree;
    for (const c of this.state.liveReviewComments(fullName(repo), pull.number)) {
      if (c.line === null || c.side !== "RIGHT") continue;
      const before = oldTree.get(c.path)?.toString("utf8").split("\n")[c.line - 1];
      const after = newTree.get(c.path)?.toString("utf8").split("\n")[c.line - 1];
      const patch = files.get(c.path)?.patch;
      const parsed = patch ? parsePatch(patch) : undefined;
      const stillInDiff = parsed?.right.has(c.line);
      if (before === undefined || before !== after || !stillInDiff) {
        c.line = null;
        c.startLine = null;
        c.position = null;
      } else {
        c.position = [...parsed!.byPosition.values()].find((l) => l.kind !== "-" && l.newNo === c.line)?.position ?? null;
        c.commitId = pull.headSha;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Endpoints

  private on(method: string, template: string, handler: Handler): void {
    if (!this.openapi.operation(method, template)) throw new Error(`not in the OpenAPI description: ${method} ${template}`);
    this.handlers.set(`${method} ${template}`, handler);
  }

  private registerHandlers(): void {
    // --- App (JWT) ---
    this.on("GET", "/app", () => ({ status: 200, body: this.appJson() }));
    this.on("GET", "/app/installations", (ctx) =>
      this.paginate(ctx, [...new Set([...this.state.repos.values()].map((r) => r.installationId))].map((id) => this.installationObject(id))),
    );
    this.on("GET", "/app/installations/{installation_id}", (ctx) => ({
      status: 200,
      body: this.installationObject(this.requireInstallation(Number(ctx.params.installation_id))),
    }));
    this.on("GET", "/repos/{owner}/{repo}/installation", (ctx) => ({
      status: 200,
      body: this.installationObject(this.repoFor(ctx).installationId),
    }));
    this.on("POST", "/app/installations/{installation_id}/access_tokens", (ctx) => {
      const installationId = this.requireInstallation(Number(ctx.params.installation_id));
      const token = `ghs_${randomBytes(18).toString("base64url")}`;
      const expiresAt = Date.now() + 3600_000;
      this.tokens.set(token, { installationId, expiresAt });
      return {
        status: 201,
        body: {
          token,
          expires_at: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z"),
          permissions: this.appJson().permissions,
          repository_selection: "all",
        },
      };
    });

    // --- App webhook deliveries (newest first; cursor pagination as GitHub: the Link header carries the cursor) ---
    this.on("GET", "/app/hook/deliveries", (ctx) => {
      const perPage = Math.min(100, Math.max(1, Number(ctx.query.get("per_page") ?? 30)));
      const cursor = ctx.query.get("cursor");
      const status = ctx.query.get("status");
      let list = [...this.state.deliveries].reverse();
      if (status === "success") list = list.filter((d) => d.statusCode >= 200 && d.statusCode < 400);
      if (status === "failure") list = list.filter((d) => d.statusCode >= 400);
      const start = cursor ? list.findIndex((d) => String(d.id) === cursor) : 0;
      if (start < 0) throw new HttpError(422, "Invalid cursor");
      const page = list.slice(start, start + perPage);
      const next = list[start + perPage];
      const headers: Record<string, string> = {};
      if (next) {
        const q = new URLSearchParams({ per_page: String(perPage), cursor: String(next.id), ...(status ? { status } : {}) });
        headers.link = `<${this.baseUrl}/api/v3/app/hook/deliveries?${q.toString()}>; rel="next"`;
      }
      return { status: 200, body: page.map((d) => this.deliveryJson(d)), headers };
    });
    this.on("GET", "/app/hook/deliveries/{delivery_id}", (ctx) => {
      const delivery = this.state.deliveries.find((d) => d.id === Number(ctx.params.delivery_id));
      if (!delivery) throw new HttpError(404, "Not Found");
      return {
        status: 200,
        body: { ...this.deliveryJson(delivery), url: this.webhook?.url ?? "", request: { headers: { "X-GitHub-Event": delivery.event, "X-GitHub-Delivery": delivery.guid }, payload: delivery.payload }, response: { headers: {}, payload: null } },
      };
    });
    this.on("POST", "/app/hook/deliveries/{delivery_id}/attempts", (ctx) => {
      const delivery = this.state.deliveries.find((d) => d.id === Number(ctx.params.delivery_id));
      if (!delivery) throw new HttpError(404, "Not Found");
      // Accepted now, delivered shortly after (same GUID, a new delivery id), as GitHub does.
      const attempt = new Promise((resolve) => setTimeout(resolve, 10))
        .then(() => this.deliver(delivery.event, delivery.payload as Record<string, any>, { guid: delivery.guid, redelivery: true }))
        .catch((error: unknown) => this.logLine(`redelivery of ${delivery.id} failed: ${String(error)}`));
      this.pendingDeliveries.add(attempt);
      void attempt.finally(() => this.pendingDeliveries.delete(attempt));
      return { status: 202, body: {} };
    });

    // --- Repositories, pulls, contents ---
    this.on("GET", "/repos/{owner}/{repo}", (ctx) => ({ status: 200, body: this.repositoryJson(this.repoFor(ctx)) }));
    this.on("GET", "/repos/{owner}/{repo}/pulls/{pull_number}", (ctx) => {
      const repo = this.repoFor(ctx);
      const pull = this.requirePull(repo, Number(ctx.params.pull_number));
      const accept = String(ctx.headers.accept ?? "");
      if (/diff/.test(accept)) {
        const files = this.pullFiles(repo, pull);
        if (files.length > 300) {
          throw new HttpError(406, "Sorry, the diff exceeded the maximum number of files (300). Consider using 'List pull requests files' API or locally cloning the repository instead.", [{ resource: "PullRequest", field: "diff", code: "too_large" }]);
        }
        const diff = files
          .map((f) => `diff --git a/${f.previous_filename ?? f.filename} b/${f.filename}\n--- ${f.status === "added" ? "/dev/null" : `a/${f.previous_filename ?? f.filename}`}\n+++ ${f.status === "removed" ? "/dev/null" : `b/${f.filename}`}\n${f.patch ?? ""}\n`)
          .join("");
        return { status: 200, raw: diff };
      }
      return { status: 200, body: this.pullRequestJson(repo, pull) };
    });
    this.on("GET", "/repos/{owner}/{repo}/pulls", (ctx) => {
      const repo = this.repoFor(ctx);
      const state = ctx.query.get("state") ?? "open";
      const head = ctx.query.get("head");
      const pulls = [...repo.pulls.values()]
        .filter((p) => state === "all" || p.state === state)
        .filter((p) => !head || `${p.fromFork ? p.user : repo.owner}:${p.headRef}` === head)
        .map((p) => this.pullRequestJson(repo, p));
      return this.paginate(ctx, pulls);
    });
    this.on("GET", "/repos/{owner}/{repo}/commits/{commit_sha}/pulls", (ctx) => {
      const repo = this.repoFor(ctx);
      const pulls = [...repo.pulls.values()].filter((p) => p.commits.includes(ctx.params.commit_sha) && !p.fromFork);
      return this.paginate(ctx, pulls.map((p) => this.pullRequestJson(repo, p)));
    });
    this.on("GET", "/repos/{owner}/{repo}/compare/{basehead}", (ctx) => {
      const repo = this.repoFor(ctx);
      const m = /^(.+?)\.\.\.?(.+)$/.exec(ctx.params.basehead);
      if (!m) throw new HttpError(404, "Not Found");
      const base = this.state.findCommit(repo, m[1]);
      const head = this.state.findCommit(repo, m[2]);
      if (!base || !head) throw new HttpError(404, "Not Found");
      const headAncestry = this.ancestry(repo, head.sha);
      const baseAncestry = this.ancestry(repo, base.sha);
      const mergeBase = repo.commits.get(headAncestry.find((sha) => baseAncestry.includes(sha)) ?? base.sha)!;
      const ahead = headAncestry.indexOf(mergeBase.sha);
      const behind = baseAncestry.indexOf(mergeBase.sha);
      const commits = headAncestry.slice(0, Math.max(0, ahead)).reverse().map((sha) => this.commitJson(repo, repo.commits.get(sha)!));
      const page = this.paginate(ctx, commits);
      const name = fullName(repo);
      return {
        ...page,
        body: {
          url: `${this.baseUrl}/api/v3/repos/${name}/compare/${ctx.params.basehead}`,
          html_url: `https://github.com/${name}/compare/${ctx.params.basehead}`,
          permalink_url: `https://github.com/${name}/compare/${base.sha}...${head.sha}`,
          diff_url: `https://github.com/${name}/compare/${ctx.params.basehead}.diff`,
          patch_url: `https://github.com/${name}/compare/${ctx.params.basehead}.patch`,
          base_commit: this.commitJson(repo, base),
          merge_base_commit: this.commitJson(repo, mergeBase),
          status: ahead > 0 && behind > 0 ? "diverged" : ahead > 0 ? "ahead" : behind > 0 ? "behind" : "identical",
          ahead_by: ahead,
          behind_by: behind,
          total_commits: ahead,
          commits: page.body,
          files: this.diffFiles(repo, mergeBase.sha, head.sha).slice(0, 300),
        },
      };
    });
    this.on("GET", "/repos/{owner}/{repo}/commits/{ref}", (ctx) => {
      const repo = this.repoFor(ctx);
      const commit = this.state.findCommit(repo, ctx.params.ref);
      if (!commit) throw new HttpError(422, `No commit found for SHA: ${ctx.params.ref}`);
      const parent = commit.parents[0];
      return { status: 200, body: { ...this.commitJson(repo, commit), files: parent ? this.diffFiles(repo, parent, commit.sha) : [] } };
    });
    this.on("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/files", (ctx) => {
      const repo = this.repoFor(ctx);
      const pull = this.requirePull(repo, Number(ctx.params.pull_number));
      return this.paginate(ctx, this.pullFiles(repo, pull).slice(0, MAX_PULL_FILES));
    });
    this.on("GET", "/repos/{owner}/{repo}/contents/{path}", (ctx) => this.getContents(ctx));
    this.on("GET", "/repos/{owner}/{repo}/git/blobs/{file_sha}", (ctx) => {
      const repo = this.repoFor(ctx);
      for (const commit of repo.commits.values()) {
        for (const content of commit.tree.values()) {
          if (gitBlobSha(content) === ctx.params.file_sha) {
            if (/raw/.test(String(ctx.headers.accept ?? ""))) return { status: 200, raw: content };
            return {
              status: 200,
              body: { sha: ctx.params.file_sha, node_id: `B_${ctx.params.file_sha}`, size: content.length, url: `${this.baseUrl}/api/v3${ctx.path}`, content: base64Lines(content), encoding: "base64" },
            };
          }
        }
      }
      throw new HttpError(404, "Not Found");
    });
    this.on("GET", "/repos/{owner}/{repo}/git/trees/{tree_sha}", (ctx) => {
      const repo = this.repoFor(ctx);
      const commit = this.state.findCommit(repo, ctx.params.tree_sha);
      if (!commit) throw new HttpError(404, "Not Found");
      const recursive = ctx.query.has("recursive");
      const entries = new Map<string, Record<string, unknown>>();
      for (const [path, content] of [...commit.tree.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        const parts = path.split("/");
        if (recursive) {
          for (let i = 1; i < parts.length; i++) {
            const dir = parts.slice(0, i).join("/");
            if (!entries.has(dir)) entries.set(dir, { path: dir, mode: "040000", type: "tree", sha: this.state.newSha(dir) });
          }
          entries.set(path, { path, mode: "100644", type: "blob", sha: gitBlobSha(content), size: content.length });
        } else if (parts.length === 1) {
          entries.set(path, { path, mode: "100644", type: "blob", sha: gitBlobSha(content), size: content.length });
        } else if (!entries.has(parts[0])) {
          entries.set(parts[0], { path: parts[0], mode: "040000", type: "tree", sha: this.state.newSha(parts[0]) });
        }
      }
      return { status: 200, body: { sha: commit.sha, url: `${this.baseUrl}/api/v3${ctx.path}`, tree: [...entries.values()], truncated: false } };
    });
    this.on("GET", "/repos/{owner}/{repo}/collaborators/{username}/permission", (ctx) => {
      const repo = this.repoFor(ctx);
      const login = ctx.params.username;
      const permission = repo.permissions.get(login);
      if (permission === undefined) {
        if (!this.users.has(login)) throw new HttpError(404, "Not Found");
      }
      const effective = permission ?? (repo.private ? "none" : "read");
      // The legacy `permission` field folds maintain into write and triage into read; role_name keeps it.
      const legacy = effective === "maintain" ? "write" : effective === "triage" ? "read" : effective;
      return { status: 200, body: { permission: legacy, role_name: effective, user: userJson(this.user(login)) } };
    });

    // --- Checks ---
    this.on("POST", "/repos/{owner}/{repo}/check-runs", (ctx) => this.createCheckRun(ctx));
    this.on("PATCH", "/repos/{owner}/{repo}/check-runs/{check_run_id}", (ctx) => this.updateCheckRun(ctx));
    this.on("GET", "/repos/{owner}/{repo}/check-runs/{check_run_id}", (ctx) => ({
      status: 200,
      body: this.checkRunJson(this.requireCheckRun(ctx)),
    }));
    this.on("GET", "/repos/{owner}/{repo}/check-runs/{check_run_id}/annotations", (ctx) =>
      this.paginate(ctx, this.requireCheckRun(ctx).annotations.map((a) => ({ blob_href: "", ...a, start_column: a.start_column ?? null, end_column: a.end_column ?? null, title: a.title ?? null, raw_details: a.raw_details ?? null }))),
    );
    this.on("GET", "/repos/{owner}/{repo}/commits/{ref}/check-runs", (ctx) => {
      const repo = this.repoFor(ctx);
      const commit = this.state.findCommit(repo, ctx.params.ref);
      if (!commit) throw new HttpError(422, `No commit found for SHA: ${ctx.params.ref}`);
      let runs = this.state.checkRuns.filter((r) => r.repo === fullName(repo) && r.headSha === commit.sha);
      runs = this.filterCheckRuns(ctx, runs);
      return this.paginate(ctx, runs.map((r) => this.checkRunJson(r)), (page) => ({ total_count: runs.length, check_runs: page }));
    });
    this.on("GET", "/repos/{owner}/{repo}/check-suites/{check_suite_id}/check-runs", (ctx) => {
      const repo = this.repoFor(ctx);
      let runs = this.state.checkRuns.filter((r) => r.repo === fullName(repo) && r.checkSuiteId === Number(ctx.params.check_suite_id));
      runs = this.filterCheckRuns(ctx, runs);
      return this.paginate(ctx, runs.map((r) => this.checkRunJson(r)), (page) => ({ total_count: runs.length, check_runs: page }));
    });

    // --- Reviews and review comments ---
    this.on("POST", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews", (ctx) => this.createReview(ctx));
    this.on("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews", (ctx) => {
      const repo = this.repoFor(ctx);
      const pull = this.requirePull(repo, Number(ctx.params.pull_number));
      const reviews = this.state.reviews.filter((r) => r.repo === fullName(repo) && r.pullNumber === pull.number);
      return this.paginate(ctx, reviews.map((r) => this.reviewJson(r.id)));
    });
    this.on("PUT", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}", (ctx) => {
      const review = this.state.reviews.find((r) => r.id === Number(ctx.params.review_id) && r.repo === fullName(this.repoFor(ctx)));
      if (!review) throw new HttpError(404, "Not Found");
      checkBodyLength(ctx.body.body);
      review.body = ctx.body.body;
      return { status: 200, body: this.reviewJson(review.id) };
    });
    this.on("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/comments", (ctx) => {
      const repo = this.repoFor(ctx);
      const pull = this.requirePull(repo, Number(ctx.params.pull_number));
      return this.paginate(ctx, this.state.liveReviewComments(fullName(repo), pull.number).map((c) => this.reviewCommentJson(c)));
    });
    this.on("POST", "/repos/{owner}/{repo}/pulls/{pull_number}/comments", (ctx) => {
      const repo = this.repoFor(ctx);
      const pull = this.requirePull(repo, Number(ctx.params.pull_number));
      checkBodyLength(ctx.body.body);
      if (ctx.body.in_reply_to !== undefined) {
        const parent = this.state.liveReviewComments(fullName(repo), pull.number).find((c) => c.id === ctx.body.in_reply_to);
        if (!parent) throw new HttpError(404, "Not Found");
        const reply = this.newReviewComment(repo, pull, null, { ...parent, body: ctx.body.body, inReplyToId: parent.id });
        return { status: 201, body: this.reviewCommentJson(reply) };
      }
      const commitId = ctx.body.commit_id as string;
      if (!this.state.findCommit(repo, commitId)) throw new HttpError(422, "Unprocessable Entity", [{ resource: "PullRequestReviewComment", code: "custom", field: "commit_id", message: "commit_id is not part of the pull request" }]);
      const [comment] = this.placeComments(repo, pull, null, [ctx.body], "PullRequestReviewComment");
      return { status: 201, body: this.reviewCommentJson(comment) };
    });
    this.on("PATCH", "/repos/{owner}/{repo}/pulls/comments/{comment_id}", (ctx) => {
      const comment = this.requireReviewComment(ctx);
      checkBodyLength(ctx.body.body);
      comment.body = ctx.body.body;
      comment.updatedAt = new Date().toISOString();
      return { status: 200, body: this.reviewCommentJson(comment) };
    });
    this.on("DELETE", "/repos/{owner}/{repo}/pulls/comments/{comment_id}", (ctx) => {
      this.requireReviewComment(ctx).deleted = true;
      return { status: 204 };
    });
    this.on("GET", "/repos/{owner}/{repo}/pulls/comments/{comment_id}", (ctx) => ({
      status: 200,
      body: this.reviewCommentJson(this.requireReviewComment(ctx)),
    }));

    // --- Issue comments and reactions ---
    this.on("GET", "/repos/{owner}/{repo}/issues/{issue_number}/comments", (ctx) => {
      const repo = this.repoFor(ctx);
      this.requirePull(repo, Number(ctx.params.issue_number));
      return this.paginate(ctx, this.state.liveIssueComments(fullName(repo), Number(ctx.params.issue_number)).map((c) => this.issueCommentJson(c)));
    });
    this.on("POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments", (ctx) => {
      const repo = this.repoFor(ctx);
      this.requirePull(repo, Number(ctx.params.issue_number));
      checkBodyLength(ctx.body.body);
      const comment = this.addIssueComment(repo, Number(ctx.params.issue_number), this.botUser.login, ctx.body.body);
      return { status: 201, body: this.issueCommentJson(comment) };
    });
    this.on("GET", "/repos/{owner}/{repo}/issues/comments/{comment_id}", (ctx) => ({
      status: 200,
      body: this.issueCommentJson(this.requireIssueComment(ctx)),
    }));
    this.on("PATCH", "/repos/{owner}/{repo}/issues/comments/{comment_id}", (ctx) => {
      const comment = this.requireIssueComment(ctx);
      checkBodyLength(ctx.body.body);
      comment.body = ctx.body.body;
      comment.updatedAt = new Date().toISOString();
      return { status: 200, body: this.issueCommentJson(comment) };
    });
    this.on("DELETE", "/repos/{owner}/{repo}/issues/comments/{comment_id}", (ctx) => {
      this.requireIssueComment(ctx).deleted = true;
      return { status: 204 };
    });
    this.on("POST", "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", (ctx) => {
      const comment = this.requireIssueComment(ctx);
      const existing = this.state.reactions.find((r) => r.commentId === comment.id && r.content === ctx.body.content && r.user.login === this.botUser.login);
      if (existing) return { status: 200, body: this.reactionJson(existing.id) };
      const reaction = { id: this.state.nextId(), repo: comment.repo, commentId: comment.id, content: ctx.body.content as string, user: this.botUser };
      this.state.reactions.push(reaction);
      return { status: 201, body: this.reactionJson(reaction.id) };
    });
    this.on("GET", "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", (ctx) => {
      const comment = this.requireIssueComment(ctx);
      const content = ctx.query.get("content");
      return this.paginate(ctx, this.state.reactions.filter((r) => r.commentId === comment.id && (!content || r.content === content)).map((r) => this.reactionJson(r.id)));
    });
  }

  private installationObject(id: number): Record<string, unknown> {
    const repo = [...this.state.repos.values()].find((r) => r.installationId === id);
    return {
      id,
      account: repo ? { ...this.ownerJson(repo.owner), type: "Organization" } : null,
      app_id: this.appId,
      app_slug: this.appSlug,
      target_type: "Organization",
      repository_selection: "all",
      permissions: this.appJson().permissions,
      events: this.appJson().events,
    };
  }

  private requireInstallation(id: number): number {
    if (![...this.state.repos.values()].some((r) => r.installationId === id)) throw new HttpError(404, "Not Found");
    return id;
  }

  private requireCheckRun(ctx: RequestContext): CheckRunState {
    const repo = this.repoFor(ctx);
    const run = this.state.checkRuns.find((r) => r.id === Number(ctx.params.check_run_id) && r.repo === fullName(repo));
    if (!run) throw new HttpError(404, "Not Found");
    return run;
  }

  private requireReviewComment(ctx: RequestContext): ReviewCommentState {
    const repo = this.repoFor(ctx);
    const comment = this.state.reviewComments.find((c) => c.id === Number(ctx.params.comment_id) && c.repo === fullName(repo) && !c.deleted);
    if (!comment) throw new HttpError(404, "Not Found");
    return comment;
  }

  private requireIssueComment(ctx: RequestContext): IssueCommentState {
    const repo = this.repoFor(ctx);
    const comment = this.state.issueComments.find((c) => c.id === Number(ctx.params.comment_id) && c.repo === fullName(repo) && !c.deleted);
    if (!comment) throw new HttpError(404, "Not Found");
    return comment;
  }

  private reactionJson(id: number): Record<string, unknown> {
    const r = this.state.reactions.find((x) => x.id === id)!;
    return { id: r.id, node_id: `REA_${r.id}`, user: userJson(r.user), content: r.content, created_at: new Date().toISOString() };
  }

  private filterCheckRuns(ctx: RequestContext, runs: CheckRunState[]): CheckRunState[] {
    const name = ctx.query.get("check_name");
    const status = ctx.query.get("status");
    const appId = ctx.query.get("app_id");
    let out = runs.filter((r) => (!name || r.name === name) && (!status || r.status === status) && (!appId || String(r.appId) === appId));
    if ((ctx.query.get("filter") ?? "latest") === "latest") {
      const latest = new Map<string, CheckRunState>();
      for (const r of out) latest.set(r.name, r);
      out = [...latest.values()];
    }
    return out.sort((a, b) => b.id - a.id);
  }

  private getContents(ctx: RequestContext): Reply {
    const repo = this.repoFor(ctx);
    const ref = ctx.query.get("ref") ?? repo.defaultBranch;
    const commit = this.state.findCommit(repo, ref);
    if (!commit) throw new HttpError(404, `No commit found for the ref ${ref}`);
    const path = ctx.params.path.replace(/^\/+|\/+$/g, "");
    const accept = String(ctx.headers.accept ?? "");
    const content = commit.tree.get(path);
    const name = fullName(repo);
    if (content) {
      const sha = gitBlobSha(content);
      if (/vnd\.github(\.v3)?\.raw/.test(accept)) return { status: 200, raw: content };
      const object = /vnd\.github(\.v3)?\.object/.test(accept);
      if (content.length > MAX_CONTENTS_JSON_BYTES && !object) {
        throw new HttpError(403, "This API returns blobs up to 1 MB in size. The requested blob is too large to fetch via the API, but you can use the Git Data API to request blobs up to 100 MB in size.", [
          { resource: "Blob", field: "data", code: "too_large" },
        ]);
      }
      const tooLarge = content.length > MAX_CONTENTS_JSON_BYTES;
      return {
        status: 200,
        body: {
          type: "file",
          encoding: tooLarge ? "none" : "base64",
          size: content.length,
          name: path.split("/").pop(),
          path,
          content: tooLarge ? "" : base64Lines(content),
          sha,
          url: `${this.baseUrl}/api/v3/repos/${name}/contents/${path}?ref=${ref}`,
          git_url: `${this.baseUrl}/api/v3/repos/${name}/git/blobs/${sha}`,
          html_url: `https://github.com/${name}/blob/${ref}/${path}`,
          download_url: `https://raw.githubusercontent.com/${name}/${ref}/${path}`,
          _links: { self: "", git: "", html: "" },
        },
      };
    }
    const prefix = path === "" ? "" : `${path}/`;
    const children = new Map<string, Record<string, unknown>>();
    for (const [p, c] of commit.tree) {
      if (!p.startsWith(prefix)) continue;
      const rest = p.slice(prefix.length).split("/");
      const childPath = prefix + rest[0];
      if (children.has(childPath)) continue;
      children.set(childPath, rest.length === 1
        ? { type: "file", size: c.length, name: rest[0], path: childPath, sha: gitBlobSha(c) }
        : { type: "dir", size: 0, name: rest[0], path: childPath, sha: this.state.newSha(childPath) });
    }
    if (children.size === 0) throw new HttpError(404, "Not Found");
    return { status: 200, body: [...children.values()] };
  }

  private createCheckRun(ctx: RequestContext): Reply {
    const repo = this.repoFor(ctx);
    const b = ctx.body;
    if (!repo.commits.has(b.head_sha)) {
      throw new HttpError(422, `No commit found for SHA: ${b.head_sha}`, [{ resource: "CheckRun", field: "head_sha", code: "invalid" }]);
    }
    this.checkRunRules(b, true);
    const suiteKey = `${fullName(repo)}:${b.head_sha}:${this.appId}`;
    let suiteId = this.state.checkSuites.get(suiteKey);
    if (!suiteId) {
      suiteId = this.state.nextId();
      this.state.checkSuites.set(suiteKey, suiteId);
    }
    const id = this.state.nextId();
    const completed = b.status === "completed" || b.conclusion !== undefined;
    const now = new Date().toISOString();
    const run: CheckRunState = {
      id,
      nodeId: `CR_kwDO${id}`,
      repo: fullName(repo),
      checkSuiteId: suiteId,
      appId: this.appId,
      name: b.name,
      headSha: b.head_sha,
      status: completed ? "completed" : (b.status ?? "queued"),
      conclusion: b.conclusion ?? null,
      externalId: b.external_id ?? null,
      detailsUrl: b.details_url ?? null,
      startedAt: b.started_at ?? now,
      completedAt: completed ? (b.completed_at ?? now) : null,
      output: { title: b.output?.title ?? null, summary: b.output?.summary ?? null, text: b.output?.text ?? null },
      annotations: [...(b.output?.annotations ?? [])],
      actions: b.actions ?? [],
      history: [b],
    };
    this.state.checkRuns.push(run);
    return { status: 201, body: this.checkRunJson(run) };
  }

  private updateCheckRun(ctx: RequestContext): Reply {
    const run = this.requireCheckRun(ctx);
    const b = ctx.body;
    this.checkRunRules(b, false);
    if (b.name !== undefined) run.name = b.name;
    if (b.details_url !== undefined) run.detailsUrl = b.details_url;
    if (b.external_id !== undefined) run.externalId = b.external_id;
    if (b.started_at !== undefined) run.startedAt = b.started_at;
    if (b.status !== undefined) run.status = b.status;
    if (b.conclusion !== undefined) {
      run.conclusion = b.conclusion;
      run.status = "completed";
    }
    if (run.status === "completed" && !run.completedAt) run.completedAt = b.completed_at ?? new Date().toISOString();
    if (b.output) {
      run.output = { title: b.output.title ?? run.output.title, summary: b.output.summary ?? run.output.summary, text: b.output.text ?? run.output.text };
      // Annotations are appended by every update (GitHub's documented behaviour).
      run.annotations.push(...(b.output.annotations ?? []));
    }
    if (b.actions !== undefined) run.actions = b.actions;
    run.history.push(b);
    return { status: 200, body: this.checkRunJson(run) };
  }

  /** GitHub's documented rules for check-run bodies, beyond what the OpenAPI schema encodes. */
  private checkRunRules(b: any, creating: boolean): void {
    const errors: unknown[] = [];
    if (creating && b.status === "completed" && b.conclusion === undefined) errors.push(`"conclusion" wasn't supplied.`);
    if (b.completed_at !== undefined && b.conclusion === undefined) errors.push(`"conclusion" wasn't supplied.`);
    if (b.conclusion === "stale") errors.push(`"stale" is a conclusion only GitHub can set.`);
    if (b.status !== undefined && !["queued", "in_progress", "completed"].includes(b.status)) {
      errors.push(`Only GitHub Actions can set a status of "${b.status}".`);
    }
    const output = b.output;
    if (output) {
      for (const field of ["title", "summary", "text"] as const) {
        const value = output[field];
        if (typeof value === "string" && value.length > MAX_CHECK_OUTPUT_CHARS) {
          errors.push(`output.${field}: Only ${MAX_CHECK_OUTPUT_CHARS} characters are allowed; ${value.length} were supplied.`);
        }
      }
      const annotations: Annotation[] = output.annotations ?? [];
      if (annotations.length > MAX_ANNOTATIONS_PER_REQUEST) {
        errors.push(`output.annotations: No more than ${MAX_ANNOTATIONS_PER_REQUEST} items are allowed; ${annotations.length} were supplied.`);
      }
      annotations.forEach((a, i) => {
        if (a.end_line < a.start_line) errors.push(`output.annotations[${i}]: end_line must not be before start_line.`);
        if ((a.start_column !== undefined || a.end_column !== undefined) && a.start_line !== a.end_line) {
          errors.push(`output.annotations[${i}]: start_column and end_column may only be used when start_line and end_line are the same.`);
        }
        if (a.start_line < 1) errors.push(`output.annotations[${i}]: start_line must be at least 1.`);
      });
    }
    if (errors.length > 0) throw new HttpError(422, `Invalid request.\n\n${errors.join("\n")}`, errors);
  }

  private createReview(ctx: RequestContext): Reply {
    const repo = this.repoFor(ctx);
    const pull = this.requirePull(repo, Number(ctx.params.pull_number));
    const b = ctx.body;
    const commitId: string = b.commit_id ?? pull.headSha;
    if (!repo.commits.has(commitId)) {
      throw new HttpError(422, "Unprocessable Entity", [`No commit found for SHA: ${commitId}`]);
    }
    if (commitId !== pull.headSha) {
      throw new HttpError(422, "Unprocessable Entity", [`commit_id ${commitId} is not the head of pull request #${pull.number} (${pull.headSha})`]);
    }
    if ((b.event === "COMMENT" || b.event === "REQUEST_CHANGES") && !b.body && !(b.comments?.length > 0)) {
      throw new HttpError(422, "Unprocessable Entity", ["Review body can't be blank when the event is COMMENT or REQUEST_CHANGES"]);
    }
    checkBodyLength(b.body);
    for (const c of b.comments ?? []) checkBodyLength(c.body);
    const id = this.state.nextId();
    // Validate every comment before storing anything: one bad comment refuses the whole review.
    const placed = this.placeComments(repo, pull, id, (b.comments ?? []).map((c: any) => ({ ...c, commit_id: commitId })), "PullRequestReviewThread", true);
    const state = b.event === "APPROVE" ? "APPROVED" : b.event === "REQUEST_CHANGES" ? "CHANGES_REQUESTED" : b.event === "COMMENT" ? "COMMENTED" : "PENDING";
    this.state.reviews.push({
      id,
      nodeId: `PRR_kwDO${id}`,
      repo: fullName(repo),
      pullNumber: pull.number,
      commitId,
      body: b.body ?? "",
      event: b.event,
      state,
      user: this.botUser,
      submittedAt: state === "PENDING" ? null : new Date().toISOString(),
      commentIds: placed.map((c) => c.id),
    });
    return { status: 200, body: this.reviewJson(id) };
  }

  /**
   * Checks each comment's anchor against the file's patch and stores the comments. With `dryRunFirst`, all
   * anchors are checked before any comment is stored.
   */
  private placeComments(repo: RepoState, pull: PullState, reviewId: number | null, comments: any[], resource: string, dryRunFirst = false): ReviewCommentState[] {
    const files = new Map(this.pullFiles(repo, pull).map((f) => [f.filename, f]));
    const anchors = comments.map((c) => this.anchorComment(files, c, resource));
    if (dryRunFirst) {
      const problems = anchors.filter((a): a is { error: string } => "error" in a);
      if (problems.length > 0) throw new HttpError(422, "Unprocessable Entity", problems.map((p) => p.error));
    }
    return anchors.map((anchor, i) => {
      if ("error" in anchor) throw new HttpError(422, "Unprocessable Entity", [anchor.error]);
      const c = comments[i];
      return this.newReviewComment(repo, pull, reviewId, {
        path: c.path,
        line: anchor.line,
        originalLine: anchor.line,
        startLine: c.start_line ?? null,
        originalStartLine: c.start_line ?? null,
        side: anchor.side,
        startSide: c.start_line !== undefined ? (c.start_side ?? anchor.side) : null,
        position: anchor.position,
        originalPosition: anchor.position,
        subjectType: c.subject_type === "file" ? "file" : "line",
        commitId: c.commit_id ?? pull.headSha,
        originalCommitId: c.commit_id ?? pull.headSha,
        diffHunk: anchor.diffHunk,
        body: c.body,
        inReplyToId: null,
      });
    });
  }

  private anchorComment(
    files: Map<string, PullFile>,
    c: any,
    resource: string,
  ): { line: number | null; side: "LEFT" | "RIGHT"; position: number | null; diffHunk: string } | { error: string } {
    const file = files.get(c.path);
    if (!file) return { error: `${resourceText(resource)} path is invalid` };
    if (c.subject_type === "file") return { line: null, side: "RIGHT", position: null, diffHunk: "" };
    if (!file.patch) return { error: `${resourceText(resource)} diff hunk can't be blank` };
    const parsed: ParsedPatch = parsePatch(file.patch);
    if (c.line === undefined && c.position !== undefined) {
      const at = parsed.byPosition.get(c.position);
      if (!at) return { error: `${resourceText(resource)} position is invalid` };
      return { line: at.kind === "-" ? at.oldNo : at.newNo, side: at.kind === "-" ? "LEFT" : "RIGHT", position: c.position, diffHunk: diffHunkFor(file.patch, c.position) };
    }
    if (c.line === undefined) return { error: `${resourceText(resource)} line can't be blank` };
    const side: "LEFT" | "RIGHT" = c.side === "LEFT" ? "LEFT" : "RIGHT";
    if (c.side !== undefined && c.side !== "LEFT" && c.side !== "RIGHT") return { error: `${resourceText(resource)} side is invalid` };
    const lines = side === "RIGHT" ? parsed.right : parsed.left;
    const hunk = lines.get(c.line);
    if (hunk === undefined) return { error: `${resourceText(resource)} line must be part of the diff` };
    if (c.start_line !== undefined) {
      const startSide = c.start_side === "LEFT" ? "LEFT" : c.start_side === "RIGHT" ? "RIGHT" : side;
      if (c.start_line >= c.line && startSide === side) return { error: `${resourceText(resource)} start line must precede the end line.` };
      const startHunk = (startSide === "RIGHT" ? parsed.right : parsed.left).get(c.start_line);
      if (startHunk === undefined) return { error: `${resourceText(resource)} start line must be part of the diff` };
      if (startHunk !== hunk) return { error: `${resourceText(resource)} start line must be part of the same hunk as the line.` };
    }
    const at = [...parsed.byPosition.values()].find((l) => (side === "RIGHT" ? l.kind !== "-" && l.newNo === c.line : l.kind !== "+" && l.oldNo === c.line))!;
    return { line: c.line, side, position: at.position, diffHunk: diffHunkFor(file.patch, at.position) };
  }

  private newReviewComment(
    repo: RepoState,
    pull: PullState,
    reviewId: number | null,
    fields: Omit<ReviewCommentState, "id" | "nodeId" | "repo" | "pullNumber" | "reviewId" | "user" | "createdAt" | "updatedAt" | "minimizedReason" | "deleted">,
  ): ReviewCommentState {
    const id = this.state.nextId();
    const now = new Date().toISOString();
    const comment: ReviewCommentState = {
      ...fields,
      id,
      nodeId: `PRRC_kwDO${id}`,
      repo: fullName(repo),
      pullNumber: pull.number,
      reviewId,
      user: this.botUser,
      createdAt: now,
      updatedAt: now,
      minimizedReason: null,
      deleted: false,
    };
    this.state.reviewComments.push(comment);
    return comment;
  }

  private reviewJson(id: number): Record<string, unknown> {
    const r = this.state.reviews.find((x) => x.id === id)!;
    return {
      id: r.id,
      node_id: r.nodeId,
      user: userJson(r.user),
      body: r.body,
      state: r.state,
      html_url: `https://github.com/${r.repo}/pull/${r.pullNumber}#pullrequestreview-${r.id}`,
      pull_request_url: `${this.baseUrl}/api/v3/repos/${r.repo}/pulls/${r.pullNumber}`,
      _links: {
        html: { href: `https://github.com/${r.repo}/pull/${r.pullNumber}#pullrequestreview-${r.id}` },
        pull_request: { href: `${this.baseUrl}/api/v3/repos/${r.repo}/pulls/${r.pullNumber}` },
      },
      submitted_at: r.submittedAt ?? undefined,
      commit_id: r.commitId,
      author_association: "NONE",
    };
  }

  /** GraphQL: `minimizeComment` (and `unminimizeComment`); anything else is answered with a GraphQL error. */
  private graphql(body: any, _installationId: number): Reply {
    if (!body || typeof body.query !== "string") throw new HttpError(400, "Problems parsing JSON");
    const query: string = body.query;
    const variables: Record<string, unknown> = body.variables ?? {};
    const mutation = /\b(minimizeComment|unminimizeComment)\s*\(/.exec(query);
    if (!mutation) {
      this.unhandled("POST", "/graphql", `GraphQL operation not simulated: ${query.replace(/\s+/g, " ").slice(0, 120)}`);
      return { status: 200, body: { data: null, errors: [{ message: "This GraphQL operation is not simulated", type: "NOT_SIMULATED" }] } };
    }
    const argValue = (name: string): unknown => {
      const literal = new RegExp(`${name}\\s*:\\s*"([^"]*)"`).exec(query);
      if (literal) return literal[1];
      const enumLiteral = new RegExp(`${name}\\s*:\\s*([A-Z_]+)\\b`).exec(query);
      if (enumLiteral) return enumLiteral[1];
      const variable = new RegExp(`${name}\\s*:\\s*\\$(\\w+)`).exec(query);
      if (variable) return variables[variable[1]];
      const input = variables.input as Record<string, unknown> | undefined;
      return input?.[name];
    };
    const subjectId = argValue("subjectId");
    const classifier = argValue("classifier");
    const classifiers = ["SPAM", "ABUSE", "OFF_TOPIC", "OUTDATED", "DUPLICATE", "RESOLVED"];
    if (mutation[1] === "minimizeComment" && (typeof classifier !== "string" || !classifiers.includes(classifier))) {
      this.state.violations.push({ method: "POST", path: "/graphql", operationId: "graphql/minimizeComment", problems: [{ resource: "MinimizeCommentInput", field: "classifier", code: "invalid", message: `Argument 'classifier' must be one of ${classifiers.join(", ")}` }], body });
      return { status: 200, body: { data: null, errors: [{ message: `Argument 'classifier' on InputObject 'MinimizeCommentInput' has an invalid value (${JSON.stringify(classifier)}).` }] } };
    }
    const target =
      this.state.issueComments.find((c) => c.nodeId === subjectId && !c.deleted) ??
      this.state.reviewComments.find((c) => c.nodeId === subjectId && !c.deleted);
    if (!target) {
      return { status: 200, body: { data: { [mutation[1]]: null }, errors: [{ type: "NOT_FOUND", path: [mutation[1]], message: `Could not resolve to a node with the global id of '${String(subjectId)}'.` }] } };
    }
    target.minimizedReason = mutation[1] === "minimizeComment" ? (classifier as string).toLowerCase() : null;
    const result = { isMinimized: target.minimizedReason !== null, minimizedReason: target.minimizedReason, __typename: target.nodeId.startsWith("IC_") ? "IssueComment" : "PullRequestReviewComment" };
    return { status: 200, body: { data: { [mutation[1]]: { clientMutationId: null, [mutation[1] === "minimizeComment" ? "minimizedComment" : "unminimizedComment"]: result } } } };
  }
}

export async function startGitHubSimulator(options: SimulatorOptions): Promise<GitHubSimulator> {
  const sim = new GitHubSimulator(options);
  await sim.listen(options.port ?? 0);
  return sim;
}

function resourceText(resource: string): string {
  return resource === "PullRequestReviewThread" ? "Pull request review thread" : "Pull request review comment";
}

function checkBodyLength(body: unknown): void {
  if (typeof body === "string" && body.length > MAX_COMMENT_BODY_CHARS) {
    throw new HttpError(422, "Validation Failed", [
      { resource: "IssueComment", code: "custom", field: "body", message: `Body is too long (maximum is ${MAX_COMMENT_BODY_CHARS} characters)` },
    ]);
  }
}

function toBuffers(files: Record<string, string | Buffer>): Map<string, Buffer> {
  return new Map(Object.entries(files).map(([p, c]) => [p, Buffer.isBuffer(c) ? c : Buffer.from(c, "utf8")]));
}

function fullName(repo: RepoState): string {
  return `${repo.owner}/${repo.name}`;
}

function userJson(actor: Actor): Record<string, unknown> {
  return {
    login: actor.login,
    id: actor.id,
    node_id: `U_kgDO${actor.id}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${actor.id}`,
    url: `https://api.github.com/users/${encodeURIComponent(actor.login)}`,
    html_url: `https://github.com/${actor.login}`,
    type: actor.type,
    site_admin: false,
  };
}

function authorAssociation(repo: RepoState, login: string): string {
  const p = repo.permissions.get(login);
  if (login === repo.owner) return "OWNER";
  if (p === "admin" || p === "maintain" || p === "write") return "MEMBER";
  if (p) return "COLLABORATOR";
  return "CONTRIBUTOR";
}

/** Base64 with a newline every 60 characters, like GitHub's contents API. */
function base64Lines(content: Buffer): string {
  const b64 = content.toString("base64");
  return (b64.match(/.{1,60}/g) ?? [""]).join("\n") + "\n";
}
