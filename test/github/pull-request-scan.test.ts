import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { ruleDocUrl } from "../../src/report/rule-docs.js";
import { renderMarker } from "../../src/github/markers.js";
import { BASE_SHA, HEAD_SHA, pullRequestEvent } from "../fixtures/github/payloads.js";
import { addedPatch, CHECK_RUN_ID, createTestProbot, FakeGitHub, REPO_PATH, setUpNock, tearDownNock } from "./harness.js";
import { toyScan } from "./toy-engine.js";

const MERGE_BASE = "b".repeat(40);
const CHECK_RUNS = `${REPO_PATH}/check-runs`;
const CHECK_RUN = `${REPO_PATH}/check-runs/${CHECK_RUN_ID}`;
const REVIEWS = `${REPO_PATH}/pulls/2/reviews`;

beforeEach(setUpNock);
afterEach(tearDownNock);

function marker(ruleId: string, file: string, fingerprint: string): string {
  return renderMarker({ ruleId, file, fingerprint, state: "open" });
}

describe("a pull request scan (opened)", () => {
  it("creates the check in progress, posts one review on the diff lines and completes the check: three writes", async () => {
    const dockerfile = "FROM node:20\nBAD toy/root-user fp1 error\nRUN echo hi\nBAD toy/latest fp2 warning\n";
    const github = new FakeGitHub()
      .createCheckRun()
      .noConfig()
      .files([[{ filename: "Dockerfile", status: "added", patch: addedPatch(dockerfile) }, { filename: "README.md", status: "modified", patch: "@@ -1 +1 @@\n-a\n+b" }]])
      .content("Dockerfile", HEAD_SHA, dockerfile)
      .pull(HEAD_SHA)
      .reviewComments([[]])
      .createReview()
      .updateCheckRun();
    const probot = await createTestProbot({ scan: toyScan });
    await probot.receive({ id: "d-1", name: "pull_request", payload: pullRequestEvent("opened") } as any);
    github.done();

    expect(github.writes()).toStrictEqual([
      { method: "POST", path: CHECK_RUNS },
      { method: "POST", path: REVIEWS },
      { method: "PATCH", path: CHECK_RUN },
    ]);
    expect(github.callsTo("POST", CHECK_RUNS)[0].body).toStrictEqual({
      name: "container-review",
      head_sha: HEAD_SHA,
      status: "in_progress",
      external_id: "2",
      started_at: "2026-06-01T12:00:00.000Z",
      output: { title: "Scanning container files…", summary: "container-review is scanning the files this pull request changes." },
    });

    const review = github.callsTo("POST", REVIEWS)[0].body;
    expect(review.commit_id).toBe(HEAD_SHA);
    expect(review.event).toBe("COMMENT");
    expect(review.body).toContain("found 2 new problems on lines this pull request changes");
    expect(review.comments.map((c: any) => ({ path: c.path, line: c.line, side: c.side, start_line: c.start_line }))).toStrictEqual([
      { path: "Dockerfile", line: 2, side: "RIGHT", start_line: undefined },
      { path: "Dockerfile", line: 4, side: "RIGHT", start_line: undefined },
    ]);
    const first = review.comments[0].body as string;
    expect(first.startsWith("**Error** · `toy/root-user`\n\ntoy/root-user problem (fp1)")).toBe(true);
    expect(first).toContain(`[Rule documentation](${ruleDocUrl("toy/root-user")})`);
    expect(first.endsWith(marker("toy/root-user", "Dockerfile", "fp1"))).toBe(true);

    const completion = github.callsTo("PATCH", CHECK_RUN)[0].body;
    expect(completion.status).toBe("completed");
    expect(completion.conclusion).toBe("failure");
    expect(completion.completed_at).toBe("2026-06-01T12:00:00.000Z");
    expect(completion.output.title).toBe("2 new problems, 1 blocking");
    expect(completion.output.annotations).toStrictEqual([
      { path: "Dockerfile", start_line: 2, end_line: 2, start_column: 1, end_column: 28, annotation_level: "failure", title: "toy/root-user", message: "toy/root-user problem (fp1)" },
      { path: "Dockerfile", start_line: 4, end_line: 4, start_column: 1, end_column: 27, annotation_level: "warning", title: "toy/latest", message: "toy/latest problem (fp2)" },
    ]);
    const summary = completion.output.summary as string;
    expect(summary).toContain("Scanned 1 container file changed by this pull request.");
    expect(summary).toContain("| error | 1 | 0 | 0 |");
    expect(summary).toContain("| warning | 1 | 0 | 0 |");
    expect(summary).toContain("| `Dockerfile` | 1 | 1 | 0 |");
    expect(summary).toContain(`| error | [toy/root-user](${ruleDocUrl("toy/root-user")}) | \`Dockerfile\` | 2 | toy/root-user problem (fp1) |`);
  });
});
