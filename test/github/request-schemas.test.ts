import { describe, expect, it } from "@jest/globals";
import { openApiProblem } from "./harness.js";

// The harness validates every write of every app test against GitHub's OpenAPI request schemas
// (FakeGitHub.done). These tests show that the validation itself rejects what GitHub rejects.
describe("request bodies checked against GitHub's OpenAPI schemas", () => {
  const annotation = { path: "Dockerfile", start_line: 1, end_line: 1, annotation_level: "failure", message: "m" };

  it("rejects 51 annotations in one check-run update and accepts 50", () => {
    const call = (count: number) => ({
      method: "PATCH",
      path: "/repos/o/r/check-runs/1",
      query: {},
      body: { output: { title: "t", summary: "s", annotations: Array(count).fill(annotation) } },
    });
    expect(openApiProblem(call(50))).toBeUndefined();
    expect(openApiProblem(call(51))).toContain("does not match GitHub's schema for /repos/{owner}/{repo}/check-runs/{check_run_id}");
  });

  it("rejects a summary over 65,535 characters and an unknown annotation level", () => {
    const base = { method: "POST", path: "/repos/o/r/check-runs", query: {} };
    expect(openApiProblem({ ...base, body: { name: "n", head_sha: "abc", output: { title: "t", summary: "x".repeat(65536) } } })).toBeDefined();
    expect(openApiProblem({ ...base, body: { name: "n", head_sha: "abc", output: { title: "t", summary: "s", annotations: [{ ...annotation, annotation_level: "error" }] } } })).toBeDefined();
    expect(openApiProblem({ ...base, body: { name: "n", head_sha: "abc", status: "in_progress" } })).toBeUndefined();
  });

  it("rejects a review with an unknown event and a reaction that is not allowed", () => {
    expect(openApiProblem({ method: "POST", path: "/repos/o/r/pulls/2/reviews", query: {}, body: { event: "APPROVED", body: "b" } })).toBeDefined();
    expect(openApiProblem({ method: "POST", path: "/repos/o/r/issues/comments/5/reactions", query: {}, body: { content: "eyes" } })).toBeUndefined();
    expect(openApiProblem({ method: "POST", path: "/repos/o/r/issues/comments/5/reactions", query: {}, body: { content: "party" } })).toBeDefined();
  });
});
