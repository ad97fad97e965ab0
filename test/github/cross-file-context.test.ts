import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { ProbotOctokit } from "probot";
import { resolveConfig } from "../../src/config/load.js";
import { isBuildDescription, listContextFiles, MAX_CONTEXT_FILES, needsCrossFileContext } from "../../src/github/cross-file-context.js";
import { FakeGitHub, setUpNock, tearDownNock } from "./harness.js";

beforeEach(setUpNock);
afterEach(tearDownNock);

const repo = { owner: "Codertocat", repo: "Hello-World" };
const defaults = resolveConfig(undefined).config;

function octokit() {
  const Octokit = ProbotOctokit.defaults((options: any) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } }));
  return new Octokit() as any;
}

describe("cross-file context", () => {
  it("recognises build descriptions", () => {
    expect(["Dockerfile", "svc/Containerfile", "compose.yaml", "docker-compose.prod.yml", "skaffold.yaml", "ops/skaffold-dev.yml"].map(isBuildDescription)).toStrictEqual([true, true, true, true, true, true]);
    expect(["deploy/web.yaml", "README.md", "skaffold.json.bak"].map(isBuildDescription)).toStrictEqual([false, false, false]);
  });

  it("is needed only for YAML changes while a cross-file rule is on", () => {
    const yaml = [{ filename: "deploy/web.yaml", status: "modified" as const }];
    const dockerfile = [{ filename: "Dockerfile", status: "modified" as const }];
    expect(needsCrossFileContext(yaml, defaults)).toBe(true);
    expect(needsCrossFileContext(dockerfile, defaults)).toBe(false);
    const off = resolveConfig({ rules: { "cross/named-user-run-as-non-root": "off", "k8s/image-latest-tag": "off" } }).config;
    expect(needsCrossFileContext(yaml, off)).toBe(false);
    // k8s/image-latest-tag alone needs the skaffold configs (images skaffold builds are not judged).
    const latestOnly = resolveConfig({ rules: { "cross/named-user-run-as-non-root": "off" } }).config;
    expect(needsCrossFileContext(yaml, latestOnly)).toBe(true);
  });

  it("lists build descriptions at the commit, minus the PR's files and excluded paths, capped", async () => {
    const many = Array.from({ length: MAX_CONTEXT_FILES + 5 }, (_, i) => `svc${String(i).padStart(2, "0")}/Dockerfile`);
    new FakeGitHub().tree("abc", ["Dockerfile", "vendor/x/Dockerfile", "compose.yaml", "deploy/web.yaml", ...many]);
    const config = resolveConfig({ paths: { exclude: ["vendor/**"] } }).config;
    const result = await listContextFiles(octokit(), repo, "abc", new Set(["compose.yaml"]), config);
    expect(result.truncated).toBe(true);
    expect(result.paths).toHaveLength(MAX_CONTEXT_FILES);
    expect(result.paths.slice(0, 2)).toStrictEqual(["Dockerfile", "svc00/Dockerfile"]);
    expect(result.paths).not.toContain("vendor/x/Dockerfile");
    expect(result.paths).not.toContain("compose.yaml");
  });

  it("returns nothing for a missing tree", async () => {
    new FakeGitHub().get("/repos/Codertocat/Hello-World/git/trees/abc", { recursive: "1" }, 404, { message: "Not Found" });
    expect(await listContextFiles(octokit(), repo, "abc", new Set(), defaults)).toStrictEqual({ paths: [], truncated: false });
  });
});
