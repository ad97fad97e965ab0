import { describe, expect, it } from "@jest/globals";
import { isCommentable, isRangeInOneHunk, parsePatch } from "../../src/github/diff.js";

describe("parsePatch", () => {
  it("maps an added file: every line is added and commentable", () => {
    const diff = parsePatch("@@ -0,0 +1,3 @@\n+FROM node:20\n+USER root\n+CMD [\"node\"]");
    expect([...diff.addedLines]).toStrictEqual([1, 2, 3]);
    expect(diff.hunks).toStrictEqual([{ newStart: 1, newCount: 3, rightLines: [1, 2, 3], addedLines: [1, 2, 3] }]);
  });

  it("maps a modified file with context, deletions and two hunks", () => {
    const patch = [
      "@@ -1,4 +1,4 @@",
      " FROM node:20",
      "-USER node",
      "+USER root",
      " WORKDIR /app",
      " COPY . .",
      "@@ -20,3 +20,5 @@ RUN npm ci",
      " EXPOSE 3000",
      "+RUN apt-get update",
      "+RUN apt-get install -y curl",
      " HEALTHCHECK CMD curl -f http://localhost/",
      "\\ No newline at end of file",
    ].join("\n");
    const diff = parsePatch(patch);
    expect(diff.hunks.map((h) => h.rightLines)).toStrictEqual([[1, 2, 3, 4], [20, 21, 22, 23]]);
    expect([...diff.addedLines]).toStrictEqual([2, 21, 22]);
    expect(isCommentable(diff, 1)).toBe(true); // context line
    expect(isCommentable(diff, 5)).toBe(false); // between hunks
    expect(isCommentable(diff, 24)).toBe(false);
    expect(isRangeInOneHunk(diff, 21, 22)).toBe(true);
    expect(isRangeInOneHunk(diff, 4, 20)).toBe(false);
  });

  it("keeps counting when an empty context line lost its leading space", () => {
    const diff = parsePatch("@@ -1,3 +1,3 @@\n a\n\n+b");
    expect(diff.hunks[0].rightLines).toStrictEqual([1, 2, 3]);
    expect([...diff.addedLines]).toStrictEqual([3]);
  });

  it("handles CRLF patches, hunk headers without counts, and no patch at all", () => {
    const diff = parsePatch("@@ -3 +3 @@\r\n-USER node\r\n+USER root\r\n");
    expect([...diff.addedLines]).toStrictEqual([3]);
    expect(parsePatch(undefined).hunkOfLine.size).toBe(0);
    expect(parsePatch("Binary files differ").hunks).toStrictEqual([]);
  });

  it("maps only the new side of a renamed file with a change", () => {
    const diff = parsePatch("@@ -8,3 +8,3 @@ services:\n   web:\n-    privileged: false\n+    privileged: true\n     image: nginx");
    expect(diff.hunks[0].rightLines).toStrictEqual([8, 9, 10]);
    expect([...diff.addedLines]).toStrictEqual([9]);
  });
});
