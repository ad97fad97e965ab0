/**
 * App scans with the real engine and rules (no stand-in), for the base-versus-head cases that only
 * real models produce: a finding on an untouched line caused by a change elsewhere.
 */
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { BASE_SHA, HEAD_SHA, pullRequestEvent } from "../fixtures/github/payloads.js";
import { CHECK_RUN_ID, createTestProbot, FakeGitHub, REPO_PATH, setUpNock, tearDownNock } from "./harness.js";

const MERGE_BASE = "b".repeat(40);
const CHECK_RUN = `${REPO_PATH}/check-runs/${CHECK_RUN_ID}`;
const REVIEWS = `${REPO_PATH}/pulls/2/reviews`;

beforeEach(setUpNock);
afterEach(tearDownNock);

const hardenedPod = [
  "apiVersion: v1",
  "kind: Pod",
  "metadata:",
  "  name: web",
  "spec:",
  "  securityContext:",
  "    runAsNonRoot: true",
  "    runAsUser: 10001",
  "    seccompProfile:",
  "      type: RuntimeDefault",
  "  containers:",
  "    - name: app",
  "      image: nginx:1.27",
  "      securityContext:",
  "        allowPrivilegeEscalation: false",
  "        capabilities:",
  "          drop: [ALL]",
  "",
].join("\n");

describe("real engine, base versus head", () => {
  it("reports a finding on an untouched container line as new when the PR removes the pod-level securityContext", async () => {
    const head = hardenedPod.replace("    runAsNonRoot: true\n", "");
    const patch = "@@ -4,7 +4,6 @@ metadata:\n   name: web\n spec:\n   securityContext:\n-    runAsNonRoot: true\n     runAsUser: 10001\n     seccompProfile:\n       type: RuntimeDefault";
    const github = new FakeGitHub()
      .createCheckRun()
      .noConfig()
      .files([[{ filename: "deploy/pod.yaml", status: "modified", patch }]])
      .mergeBase(MERGE_BASE, BASE_SHA, HEAD_SHA)
      .content("deploy/pod.yaml", HEAD_SHA, head)
      .content("deploy/pod.yaml", MERGE_BASE, hardenedPod)
      .tree(HEAD_SHA, ["deploy/pod.yaml"])
      .pull(HEAD_SHA)
      .reviewComments([[]])
      .updateCheckRun();
    const probot = await createTestProbot();
    await probot.receive({ id: "re-1", name: "pull_request", payload: pullRequestEvent("synchronize") } as any);
    github.done();

    // The container line (11: "- name: app") is outside the hunk: no review, an annotation only.
    expect(github.callsTo("POST", REVIEWS)).toStrictEqual([]);
    const completion = github.callsTo("PATCH", CHECK_RUN)[0].body;
    const annotations = completion.output.annotations.map((a: any) => [a.title, a.path, a.start_line]);
    expect(annotations).toStrictEqual([["k8s/run-as-non-root", "deploy/pod.yaml", 11]]);
    expect(completion.output.title).toMatch(/^1 new problem/);
    expect(completion.output.summary).toContain("- 1 new finding outside the lines this pull request changes appear as annotations only.");
    expect(completion.output.summary).not.toContain("Cross-file checks");
  });

  it("reports a binary file named Dockerfile without crashing, and completes the check", async () => {
    const github = new FakeGitHub()
      .createCheckRun()
      .noConfig()
      .files([[{ filename: "Dockerfile", status: "added" }]])
      .get(`${REPO_PATH}/contents/Dockerfile`, { ref: HEAD_SHA }, 200, {
        type: "file",
        encoding: "base64",
        size: 6,
        content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]).toString("base64"),
      })
      .pull(HEAD_SHA)
      .reviewComments([[]])
      .updateCheckRun();
    const probot = await createTestProbot();
    await probot.receive({ id: "re-2", name: "pull_request", payload: pullRequestEvent("opened") } as any);
    github.done();
    const completion = github.callsTo("PATCH", CHECK_RUN)[0].body;
    expect(completion.status).toBe("completed");
    expect(completion.output.summary).toContain("Scanned 1 container file changed by this pull request.");
  });

  it("reports a file over limits.maxFileBytes as too large (scan/file-too-large) instead of analysing it", async () => {
    const github = new FakeGitHub()
      .createCheckRun()
      .config("limits:\n  maxFileBytes: 10\n")
      .files([[{ filename: "Dockerfile", status: "added", patch: "@@ -0,0 +1 @@\n+FROM node:20-bookworm-slim" }]])
      .content("Dockerfile", HEAD_SHA, "FROM node:20-bookworm-slim\n")
      .pull(HEAD_SHA)
      .reviewComments([[]])
      .updateCheckRun();
    const probot = await createTestProbot();
    await probot.receive({ id: "re-3", name: "pull_request", payload: pullRequestEvent("opened") } as any);
    github.done();
    // An info-level finding is below review.minSeverity (warning): no review, the check has it.
    expect(github.callsTo("POST", REVIEWS)).toStrictEqual([]);
    const completion = github.callsTo("PATCH", CHECK_RUN)[0].body;
    const tooLarge = completion.output.annotations.find((a: any) => a.title === "scan/file-too-large");
    expect(tooLarge).toMatchObject({ path: "Dockerfile", start_line: 1 });
    expect(tooLarge.message).toContain("file too large (27 bytes; the limit is 10");
  });

  it("joins a changed Deployment with an unchanged Dockerfile read from the head commit (cross/named-user-run-as-non-root)", async () => {
    const deployment = [
      "apiVersion: apps/v1",
      "kind: Deployment",
      "metadata:",
      "  name: web",
      "spec:",
      "  template:",
      "    spec:",
      "      securityContext:",
      "        runAsNonRoot: true",
      "      containers:",
      "        - name: web",
      "          image: ghcr.io/octo/web:1.2.3",
      "",
    ].join("\n");
    const compose = ["services:", "  web:", "    image: ghcr.io/octo/web:1.2.3", "    build: ./web", ""].join("\n");
    const dockerfile = ["FROM node:20", "RUN useradd app", "USER app", ""].join("\n");
    const github = new FakeGitHub()
      .createCheckRun()
      .noConfig()
      .files([[{ filename: "deploy/web.yaml", status: "added", patch: `@@ -0,0 +1,12 @@\n${deployment.trimEnd().split("\n").map((l) => `+${l}`).join("\n")}` }]])
      .content("deploy/web.yaml", HEAD_SHA, deployment)
      .tree(HEAD_SHA, ["deploy/web.yaml", "docker-compose.yml", "web/Dockerfile", "web/server.js"])
      .content("docker-compose.yml", HEAD_SHA, compose)
      .content("web/Dockerfile", HEAD_SHA, dockerfile)
      .pull(HEAD_SHA)
      .reviewComments([[]])
      .createReview()
      .updateCheckRun();
    const probot = await createTestProbot();
    await probot.receive({ id: "re-4", name: "pull_request", payload: pullRequestEvent("opened") } as any);
    github.done();
    const completion = github.callsTo("PATCH", CHECK_RUN)[0].body;
    const cross = completion.output.annotations.filter((a: any) => a.title === "cross/named-user-run-as-non-root");
    expect(cross.map((a: any) => [a.path, a.annotation_level])).toStrictEqual([["deploy/web.yaml", "failure"]]);
    // A repository-wide verdict cannot be made from a PR's files: the NetworkPolicy may live elsewhere.
    expect(completion.output.annotations.filter((a: any) => a.title === "k8s/missing-network-policy")).toStrictEqual([]);
    // Context files are read but never reported on: they are not part of the PR.
    expect(completion.output.annotations.filter((a: any) => a.path !== "deploy/web.yaml")).toStrictEqual([]);
    expect(completion.output.summary).toContain("Scanned 1 container file changed by this pull request.");
    const review = github.callsTo("POST", REVIEWS)[0].body;
    expect(review.comments.some((c: any) => c.path === "deploy/web.yaml" && c.body.includes("`cross/named-user-run-as-non-root`"))).toBe(true);
  });

  it("does not call an image untagged when the repository's skaffold config builds it (read from the head commit)", async () => {
    const deployment = (image: string) =>
      ["apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: ads", "spec:", "  template:", "    spec:", "      containers:", "        - name: server", `          image: ${image}`, ""].join("\n");
    const skaffold = ["apiVersion: skaffold/v4beta11", "kind: Config", "build:", "  artifacts:", "    - image: adservice", "      context: src/adservice", ""].join("\n");
    const scanWith = async (treePaths: string[], id: string) => {
      const head = deployment("adservice");
      const github = new FakeGitHub()
        .createCheckRun()
        .noConfig()
        .files([[{ filename: "kubernetes-manifests/ads.yaml", status: "added", patch: `@@ -0,0 +1,10 @@\n${head.trimEnd().split("\n").map((l) => `+${l}`).join("\n")}` }]])
        .content("kubernetes-manifests/ads.yaml", HEAD_SHA, head)
        .tree(HEAD_SHA, treePaths);
      if (treePaths.includes("skaffold.yaml")) github.content("skaffold.yaml", HEAD_SHA, skaffold);
      github.pull(HEAD_SHA).reviewComments([[]]).createReview().updateCheckRun();
      const probot = await createTestProbot();
      await probot.receive({ id, name: "pull_request", payload: pullRequestEvent("opened") } as any);
      github.done();
      return github.callsTo("PATCH", CHECK_RUN)[0].body.output.annotations.filter((a: any) => a.title === "k8s/image-latest-tag").map((a: any) => `${a.path}:${a.start_line}`);
    };
    expect(await scanWith(["kubernetes-manifests/ads.yaml", "skaffold.yaml"], "re-5")).toStrictEqual([]);
    expect(await scanWith(["kubernetes-manifests/ads.yaml"], "re-6")).toStrictEqual(["kubernetes-manifests/ads.yaml:10"]);
  });
});
