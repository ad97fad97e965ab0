/**
 * Test harness for the app: a Probot instance with throttling and retries off (the callback form
 * of ProbotOctokit.defaults, see stack.md), and a nock-backed fake of the GitHub endpoints the
 * app uses that records every request with its decoded path and JSON body.
 */
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import { createContainerReviewApp, type AppOptions } from "../../src/github/app-handlers.js";
import { BASE_REF, OWNER, PR_NUMBER, REPO_NAME } from "../fixtures/github/payloads.js";

export const FIXED_NOW = new Date("2026-06-01T12:00:00.000Z");
export const CHECK_RUN_ID = 4242;
export const REPO_PATH = `/repos/${OWNER}/${REPO_NAME}`;

export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: any;
}

export async function createTestProbot(options: AppOptions = {}, baseUrl?: string): Promise<Probot> {
  const probot = new Probot({
    githubToken: "test-token",
    logLevel: "fatal",
    ...(baseUrl ? { baseUrl } : {}),
    Octokit: ProbotOctokit.defaults((instanceOptions: any) => ({
      ...instanceOptions,
      retry: { enabled: false },
      throttle: { enabled: false },
    })),
  });
  await probot.load(createContainerReviewApp({ now: () => FIXED_NOW, ...options }));
  return probot;
}

export interface ChangedFileFixture {
  filename: string;
  status: "added" | "removed" | "modified" | "renamed" | "copied";
  patch?: string;
  previous_filename?: string;
}

export interface ExistingComment {
  id: number;
  node_id: string;
  path: string;
  body: string;
  user: { login: string; type: string };
  /** null when GitHub shows the comment as outdated. */
  position?: number | null;
}

/** An "added" patch for a whole file's text. */
export function addedPatch(text: string): string {
  const lines = text.replace(/\n$/, "").split("\n");
  return [`@@ -0,0 +1,${lines.length} @@`, ...lines.map((l) => `+${l}`)].join("\n");
}

/**
 * GitHub's own request-body schemas (extracted from @octokit/openapi) for every write the app
 * makes, so that every test also checks that each body sent is one GitHub accepts: 50 annotations
 * at most, summary length, required fields, enums.
 */
const openApi = createRequire(import.meta.url)("../fixtures/github/openapi-request-schemas.json") as {
  schemas: Record<string, { schema: object }>;
};
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addFormat("date-time", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/);
const bodyValidators: { method: string; pattern: RegExp; route: string; validate: ValidateFunction }[] = Object.entries(openApi.schemas).map(([key, { schema }]) => {
  const [method, route] = key.split(" ");
  const pattern = new RegExp(`^${route.replace(/\{[^}]+\}/g, "[^/]+")}$`);
  return { method, pattern, route, validate: ajv.compile(schema) };
});

/** Validates a write against GitHub's schema; returns a problem description, or undefined. */
export function openApiProblem(call: RecordedCall): string | undefined {
  const validator = bodyValidators.find((v) => v.method === call.method && v.pattern.test(call.path));
  if (!validator) return undefined;
  if (validator.validate(call.body)) return undefined;
  return `${call.method} ${call.path} does not match GitHub's schema for ${validator.route}: ${ajv.errorsText(validator.validate.errors)}`;
}

function splitUri(uri: string): { path: string; query: Record<string, string> } {
  const url = new URL(uri, "http://x");
  return { path: decodeURIComponent(url.pathname), query: Object.fromEntries(url.searchParams) };
}

/**
 * The fake GitHub. Each method registers exactly the interceptors a scenario needs; `done()`
 * asserts that all of them were used.
 */
export class FakeGitHub {
  readonly calls: RecordedCall[] = [];
  readonly scope: nock.Scope;

  constructor(
    readonly baseUrl = "https://api.github.com",
    readonly apiPrefix = "",
  ) {
    this.scope = nock(baseUrl);
  }

  private matcher(method: string, path: string, query?: Record<string, string>) {
    return (uri: string) => {
      const actual = splitUri(uri);
      if (actual.path !== this.apiPrefix + path) return false;
      if (query && JSON.stringify(Object.entries(actual.query).sort()) !== JSON.stringify(Object.entries(query).sort())) return false;
      return true;
    };
  }

  private recorder(method: string) {
    return (uri: string, body: any) => {
      const { path, query } = splitUri(uri);
      this.calls.push({ method, path: path.slice(this.apiPrefix.length), query, body: body === "" ? undefined : body });
    };
  }

  get(path: string, query: Record<string, string> | undefined, status: number, body: any, headers: Record<string, string> = {}, times = 1): this {
    const record = this.recorder("GET");
    this.scope
      .get(this.matcher("GET", path, query))
      .times(times)
      .reply(function (uri) {
        record(uri, undefined);
        return [status, body, headers];
      });
    return this;
  }

  write(method: "POST" | "PATCH" | "PUT", path: string, status: number, body: any, times = 1): this {
    const record = this.recorder(method);
    const intercept = method === "POST" ? this.scope.post(this.matcher(method, path)) : method === "PATCH" ? this.scope.patch(this.matcher(method, path)) : this.scope.put(this.matcher(method, path));
    intercept.times(times).reply(function (uri, requestBody) {
      record(uri, requestBody);
      return [status, typeof body === "function" ? body(requestBody) : body];
    });
    return this;
  }

  /** No configuration anywhere: the repository's file and the owner's .github fallback are 404. */
  noConfig(): this {
    this.get(`${REPO_PATH}/contents/.github/container-review.yml`, { ref: BASE_REF }, 404, { message: "Not Found" });
    this.get(`/repos/${OWNER}/.github/contents/.github/container-review.yml`, {}, 404, { message: "Not Found" });
    return this;
  }

  /** The configuration file on the base branch (raw YAML, as the config plugin asks for it). */
  config(text: string, ref = BASE_REF): this {
    return this.get(`${REPO_PATH}/contents/.github/container-review.yml`, { ref }, 200, text, { "content-type": "text/plain; charset=utf-8" });
  }

  createCheckRun(): this {
    return this.write("POST", `${REPO_PATH}/check-runs`, 201, { id: CHECK_RUN_ID, html_url: `https://github.com/${OWNER}/${REPO_NAME}/runs/${CHECK_RUN_ID}` });
  }

  updateCheckRun(times = 1, status = 200): this {
    return this.write("PATCH", `${REPO_PATH}/check-runs/${CHECK_RUN_ID}`, status, { id: CHECK_RUN_ID }, times);
  }

  /** Changed files, one array per page (100 per page, Link rel="next" between pages). */
  files(pages: ChangedFileFixture[][], pullNumber = PR_NUMBER): this {
    pages.forEach((page, index) => {
      const query: Record<string, string> = { per_page: "100" };
      if (index > 0) query.page = String(index + 1);
      const headers: Record<string, string> = {};
      if (index < pages.length - 1) {
        headers.link = `<${this.baseUrl}${this.apiPrefix}${REPO_PATH}/pulls/${pullNumber}/files?per_page=100&page=${index + 2}>; rel="next"`;
      }
      this.get(`${REPO_PATH}/pulls/${pullNumber}/files`, query, 200, page.map((f) => ({ sha: "0".repeat(40), additions: 1, deletions: 0, changes: 1, ...f })), headers);
    });
    return this;
  }

  mergeBase(sha: string, base: string, head: string): this {
    return this.get(`${REPO_PATH}/compare/${base}...${head}`, { per_page: "1" }, 200, { merge_base_commit: { sha } });
  }

  content(path: string, ref: string, text: string | { status: number }): this {
    if (typeof text !== "string") return this.get(`${REPO_PATH}/contents/${path}`, { ref }, text.status, { message: "error" });
    const bytes = Buffer.from(text, "utf8");
    return this.get(`${REPO_PATH}/contents/${path}`, { ref }, 200, {
      type: "file",
      encoding: "base64",
      size: bytes.byteLength,
      name: path.split("/").pop(),
      path,
      content: bytes.toString("base64").replace(/(.{60})/g, "$1\n"),
    });
  }

  /** The recursive git tree of a commit (only blob paths matter to the app). */
  tree(sha: string, paths: string[], truncated = false): this {
    return this.get(`${REPO_PATH}/git/trees/${sha}`, { recursive: "1" }, 200, {
      sha,
      truncated,
      tree: paths.map((path) => ({ path, mode: "100644", type: "blob", sha: "0".repeat(40), size: 1 })),
    });
  }

  pull(headSha: string, state = "open", pullNumber = PR_NUMBER, times = 1): this {
    return this.get(`${REPO_PATH}/pulls/${pullNumber}`, undefined, 200, {
      number: pullNumber,
      state,
      head: { sha: headSha, ref: "changes" },
      base: { sha: "f95f852bd8fca8fcc58a9a2d6c842781e32a215e", ref: BASE_REF },
    }, {}, times);
  }

  reviewComments(pages: ExistingComment[][], pullNumber = PR_NUMBER): this {
    pages.forEach((page, index) => {
      const query: Record<string, string> = { per_page: "100" };
      if (index > 0) query.page = String(index + 1);
      const headers: Record<string, string> = {};
      if (index < pages.length - 1) {
        headers.link = `<${this.baseUrl}${this.apiPrefix}${REPO_PATH}/pulls/${pullNumber}/comments?per_page=100&page=${index + 2}>; rel="next"`;
      }
      this.get(`${REPO_PATH}/pulls/${pullNumber}/comments`, query, 200, page, headers);
    });
    return this;
  }

  createReview(status = 200, pullNumber = PR_NUMBER): this {
    return this.write("POST", `${REPO_PATH}/pulls/${pullNumber}/reviews`, status, status < 300 ? { id: 1 } : { message: "Unprocessable Entity", errors: ["Pull request review thread line must be part of the diff"] });
  }

  /** Calls of one method and path, in order. */
  callsTo(method: string, path: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && c.path === path);
  }

  /** The request bodies of every write (POST/PATCH/PUT), in order, with their paths. */
  writes(): { method: string; path: string }[] {
    return this.calls.filter((c) => c.method !== "GET").map((c) => ({ method: c.method, path: c.path }));
  }

  /** Asserts that every interceptor was used and that every write body is valid for GitHub. */
  done(): void {
    if (!this.scope.isDone()) throw new Error(`unused interceptors: ${this.scope.pendingMocks().join(", ")}`);
    const problems = this.calls.map(openApiProblem).filter((p): p is string => p !== undefined);
    if (problems.length > 0) throw new Error(problems.join("\n"));
  }
}

export function setUpNock(): void {
  nock.disableNetConnect();
}

export function tearDownNock(): void {
  nock.cleanAll();
  nock.enableNetConnect();
}
