import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { ProbotOctokit } from "probot";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import { loadRepositoryConfig, mergeConfigLayers } from "../../src/github/repo-config.js";
import { FakeGitHub, REPO_PATH, setUpNock, tearDownNock } from "./harness.js";

beforeEach(setUpNock);
afterEach(tearDownNock);

function octokit() {
  const Octokit = ProbotOctokit.defaults((options: any) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } }));
  return new Octokit({ auth: "test-token" }) as any;
}

const repo = { owner: "Codertocat", repo: "Hello-World" };

describe("mergeConfigLayers", () => {
  it("deep-merges maps, later layers winning, and replaces lists instead of concatenating them", () => {
    expect(
      mergeConfigLayers([
        { failOn: { severity: "warning", scope: "all" }, paths: { exclude: ["a/**"] }, review: { maxComments: 5 } },
        { failOn: { scope: "new" }, paths: { exclude: ["b/**"] } },
      ]),
    ).toStrictEqual({ failOn: { severity: "warning", scope: "new" }, paths: { exclude: ["b/**"] }, review: { maxComments: 5 } });
  });
});

describe("loadRepositoryConfig", () => {
  it("returns the defaults when neither the repository nor the owner's .github repository has a file", async () => {
    const github = new FakeGitHub().noConfig();
    const result = await loadRepositoryConfig(octokit(), repo, "master");
    github.done();
    expect(result).toStrictEqual({ config: structuredClone(DEFAULT_CONFIG), errors: [], sources: [] });
  });

  it("reads the file at the given base ref, never another ref", async () => {
    const github = new FakeGitHub().config("review:\n  maxComments: 3\n", "release-1.x");
    const result = await loadRepositoryConfig(octokit(), repo, "release-1.x");
    github.done();
    expect(result.errors).toStrictEqual([]);
    expect(result.config.review.maxComments).toBe(3);
    expect(github.calls.map((c) => [c.path, c.query])).toStrictEqual([[`${REPO_PATH}/contents/.github/container-review.yml`, { ref: "release-1.x" }]]);
  });

  it("reports unknown keys with the file and branch", async () => {
    new FakeGitHub().config("failOnn: error\n");
    const result = await loadRepositoryConfig(octokit(), repo, "master");
    expect(result.errors).toStrictEqual(['.github/container-review.yml (branch master): unknown key "failOnn"']);
  });

  it("reports a read error other than 404 instead of throwing", async () => {
    new FakeGitHub().get(`${REPO_PATH}/contents/.github/container-review.yml`, { ref: "master" }, 403, { message: "Resource not accessible by integration" });
    const result = await loadRepositoryConfig(octokit(), repo, "master");
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].startsWith(".github/container-review.yml (branch master): cannot be read: HTTP 403: Resource not accessible by integration")).toBe(true);
    expect(result.config).toStrictEqual(structuredClone(DEFAULT_CONFIG));
  });
});
