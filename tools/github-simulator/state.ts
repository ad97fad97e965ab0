/**
 * The simulator's in-memory GitHub: repositories with commits and branches, pull requests, and everything
 * an app writes (check runs, reviews, comments, reactions). Tests read these records to assert on what the
 * app did; the HTTP layer in server.ts reads and writes them.
 */
import { createHash } from "node:crypto";
import type { ValidationProblem } from "./openapi.js";

export type Permission = "admin" | "maintain" | "write" | "triage" | "read" | "none";

export interface CommitState {
  sha: string;
  tree: Map<string, Buffer>;
  parents: string[];
  message: string;
}

export interface PullState {
  number: number;
  id: number;
  nodeId: string;
  title: string;
  body: string;
  user: string;
  baseRef: string;
  headRef: string;
  baseSha: string;
  headSha: string;
  state: "open" | "closed";
  draft: boolean;
  /** True for a PR from a fork: check runs then carry no `pull_requests`. */
  fromFork: boolean;
  /** Explicit renames, new path -> old path (identical content is detected as a rename anyway). */
  renames: Map<string, string>;
  commits: string[];
  createdAt: string;
  updatedAt: string;
}

export interface RepoState {
  id: number;
  nodeId: string;
  owner: string;
  ownerId: number;
  name: string;
  installationId: number;
  defaultBranch: string;
  private: boolean;
  commits: Map<string, CommitState>;
  branches: Map<string, string>;
  permissions: Map<string, Permission>;
  pulls: Map<number, PullState>;
}

export interface Actor {
  login: string;
  id: number;
  type: "User" | "Bot";
}

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: "notice" | "warning" | "failure";
  message: string;
  title?: string;
  raw_details?: string;
}

export interface CheckRunState {
  id: number;
  nodeId: string;
  repo: string;
  checkSuiteId: number;
  appId: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  externalId: string | null;
  detailsUrl: string | null;
  startedAt: string | null;
  completedAt: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: Annotation[];
  actions: unknown[];
  /** Every accepted create/update body, in order. */
  history: unknown[];
}

export interface ReviewState {
  id: number;
  nodeId: string;
  repo: string;
  pullNumber: number;
  commitId: string;
  body: string;
  event: string | undefined;
  state: "COMMENTED" | "APPROVED" | "CHANGES_REQUESTED" | "PENDING" | "DISMISSED";
  user: Actor;
  submittedAt: string | null;
  commentIds: number[];
}

export interface ReviewCommentState {
  id: number;
  nodeId: string;
  repo: string;
  pullNumber: number;
  reviewId: number | null;
  path: string;
  /** null once outdated by a later push. */
  line: number | null;
  originalLine: number | null;
  startLine: number | null;
  originalStartLine: number | null;
  side: "LEFT" | "RIGHT";
  startSide: "LEFT" | "RIGHT" | null;
  position: number | null;
  originalPosition: number | null;
  subjectType: "line" | "file";
  commitId: string;
  originalCommitId: string;
  diffHunk: string;
  body: string;
  user: Actor;
  inReplyToId: number | null;
  createdAt: string;
  updatedAt: string;
  minimizedReason: string | null;
  deleted: boolean;
}

export interface IssueCommentState {
  id: number;
  nodeId: string;
  repo: string;
  issueNumber: number;
  body: string;
  user: Actor;
  createdAt: string;
  updatedAt: string;
  minimizedReason: string | null;
  deleted: boolean;
}

export interface ReactionState {
  id: number;
  repo: string;
  commentId: number;
  content: string;
  user: Actor;
}

export interface RecordedRequest {
  method: string;
  /** Path below the API root, e.g. `/repos/o/r/check-runs` (or `/graphql`). */
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  operationId: string | undefined;
  auth: "app-jwt" | "installation-token" | "none";
  /** When the answer was ready (epoch ms). */
  at: number;
  /** When the request arrived, before its body was read (epoch ms). */
  receivedAt?: number;
}

export interface OpenApiViolation {
  method: string;
  path: string;
  operationId: string | undefined;
  problems: ValidationProblem[];
  body: unknown;
}

/** A request that the OpenAPI description allows but one of GitHub's documented rules refuses. */
export interface RuleRefusal {
  method: string;
  path: string;
  status: number;
  message: string;
  errors: unknown[];
  body: unknown;
}

export interface UnhandledRequest {
  method: string;
  path: string;
  reason: string;
}

/** One delivery attempt of the App's webhook (what `GET /app/hook/deliveries` lists). */
export interface WebhookDeliveryState {
  id: number;
  guid: string;
  deliveredAt: string;
  redelivery: boolean;
  /** Seconds. */
  duration: number;
  /** "OK", or why it failed ("failed to connect to host", "Invalid HTTP Response: 503"). */
  status: string;
  /** The app's HTTP status; 502 when the app could not be reached (as GitHub reports it). */
  statusCode: number;
  event: string;
  action: string | null;
  installationId: number | null;
  repositoryId: number | null;
  /** What was sent, so that a redelivery sends the same. */
  payload: unknown;
}

export class SimulatorState {
  readonly repos = new Map<string, RepoState>();
  /** Deliveries of the App's webhook, oldest first (sim.deliver and redeliveries). */
  readonly deliveries: WebhookDeliveryState[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly violations: OpenApiViolation[] = [];
  readonly refusals: RuleRefusal[] = [];
  readonly unhandled: UnhandledRequest[] = [];
  readonly log: string[] = [];
  readonly checkRuns: CheckRunState[] = [];
  readonly reviews: ReviewState[] = [];
  readonly reviewComments: ReviewCommentState[] = [];
  readonly issueComments: IssueCommentState[] = [];
  readonly reactions: ReactionState[] = [];
  readonly checkSuites = new Map<string, number>();
  private nextIdValue = 1000;
  private shaCounter = 0;

  nextId(): number {
    return ++this.nextIdValue;
  }

  newSha(seed: string): string {
    this.shaCounter++;
    return createHash("sha1").update(`${this.shaCounter}\u0000${seed}\u0000${Date.now()}`).digest("hex");
  }

  repo(owner: string, name: string): RepoState | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  findCommit(repo: RepoState, ref: string): CommitState | undefined {
    const direct = repo.commits.get(ref);
    if (direct) return direct;
    const branch = repo.branches.get(ref.replace(/^refs\/heads\//, "")) ?? repo.branches.get(ref);
    if (branch) return repo.commits.get(branch);
    if (/^[0-9a-f]{7,39}$/.test(ref)) {
      for (const [sha, commit] of repo.commits) if (sha.startsWith(ref)) return commit;
    }
    return undefined;
  }

  /** The review comments of one PR that are not deleted, ascending by id (GitHub's order). */
  liveReviewComments(repo: string, pullNumber: number): ReviewCommentState[] {
    return this.reviewComments.filter((c) => c.repo === repo && c.pullNumber === pullNumber && !c.deleted);
  }

  liveIssueComments(repo: string, issueNumber: number): IssueCommentState[] {
    return this.issueComments.filter((c) => c.repo === repo && c.issueNumber === issueNumber && !c.deleted);
  }
}

export function gitBlobSha(content: Buffer): string {
  return createHash("sha1").update(`blob ${content.length}\u0000`).update(content).digest("hex");
}
