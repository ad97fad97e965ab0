import { ruleTester } from "../../helpers/rule-tester.js";

ruleTester("dockerfile/parse-error", {
  valid: [
    { code: "# syntax=docker/dockerfile:1\nARG BASE=alpine:3.20\nFROM ${BASE}\nRUN <<EOF\necho hi\nEOF\n" },
    { name: "lower-case keywords", code: "from alpine:3.20\nrun echo hi\n" },
    { name: "CRLF", code: "FROM alpine:3.20\r\nRUN echo hi \\\r\n  there\r\n" },
  ],
  invalid: [
    { code: "", errors: [{ line: 1, severity: "error", message: "the file is empty: no Dockerfile instructions to analyze" }] },
    { code: "# only a comment\n\n", errors: [{ line: 1, message: "the file holds only comments: no Dockerfile instructions to analyze" }] },
    { code: "RUN echo hi\n", errors: [{ line: 1, message: "no FROM instruction: this cannot be built as a Dockerfile" }] },
    { code: "FROM alpine:3.20\nRUNN echo hi\n", errors: [{ line: 2, column: 1, endColumn: 5, message: 'unknown instruction "RUNN": not a Dockerfile instruction (the rest of the file is still analyzed)' }] },
    { code: "FROM alpine:3.20\nRUN <<EOF\necho never closed\n", errors: [{ line: 2, column: 5, message: 'heredoc <<EOF is never closed: no line "EOF" ends it, so the rest of the file is read as its body' }] },
    { code: "FROM alpine:3.20\nFROM\n", errors: [{ line: 2, column: 1, endColumn: 5, message: "FROM without an image: name a base image or `scratch`" }] },
    { code: "ENV A=1\nFROM alpine:3.20\n", errors: [{ line: 1, message: "ENV before the first FROM: only ARG may come before FROM, Docker refuses to build this" }] },
  ],
});
