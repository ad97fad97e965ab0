import { ruleTester } from "../../helpers/rule-tester.js";

const CURL_MESSAGE = "curl (a download tool) stays in the final image: a running service rarely needs it and an intruder would; install it in a builder stage or remove it after use";

ruleTester("dockerfile/unneeded-tooling", {
  valid: [
    { name: "tools only in a builder stage", code: "FROM debian:bookworm AS build\nRUN apt-get install -y gcc make git curl\nFROM debian:bookworm-slim\nCOPY --from=build /out /app\n" },
    { name: "purged in the same RUN", code: "FROM debian:bookworm\nRUN apt-get install -y curl && curl -o /x https://x && apt-get purge -y --auto-remove curl\n" },
    { name: "removed in a later RUN", code: "FROM alpine:3.20\nRUN apk add wget\nRUN wget https://x && apk del wget\n" },
    { name: "apk virtual group deleted", code: "FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc make musl-dev \\\n && make install \\\n && apk del .build-deps\n" },
    { name: "pip and npm are not system packages", code: "FROM python:3.13\nRUN pip install git curl && npm install -g wget\n" },
    { name: "an unrelated earlier stage", code: "FROM alpine:3.20 AS tools\nRUN apk add nmap\nFROM alpine:3.20\n" },
    { name: "heredoc installs in a builder stage", code: "FROM alpine:3.20 AS build\nRUN <<EOF\napk add git\nEOF\nFROM alpine:3.20\n" },
  ],
  invalid: [
    { code: "FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates\n", errors: [{ line: 2, column: 66, endColumn: 70, severity: "warning", message: CURL_MESSAGE }] },
    {
      name: "one finding per package, on continuation lines, with versions stripped",
      code: "FROM debian:bookworm\nRUN apt-get install -y \\\n    git=1:2.39.5-0 \\\n    netcat-openbsd \\\n    vim \\\n    gcc\n",
      errors: [
        { line: 3, column: 5, endColumn: 19, message: /^git \(a version-control client\)/ },
        { line: 4, column: 5, endColumn: 19, message: /^netcat-openbsd \(a network tool\)/ },
        { line: 5, column: 5, endColumn: 8, message: /^vim \(an editor\)/ },
        { line: 6, column: 5, endColumn: 8, message: /^gcc \(a compiler or build tool\)/ },
      ],
    },
    {
      name: "installed in a stage the final one builds on",
      code: "FROM alpine:3.20 AS base\nRUN apk add --no-cache curl\nFROM base\nCOPY app /app\n",
      errors: [{ line: 2, column: 24, message: 'curl (a download tool) stays in the final image (installed in stage "base", which the final stage builds on): a running service rarely needs it and an intruder would; install it in a builder stage or remove it after use' }],
    },
    { name: "heredoc RUN", code: "FROM alpine:3.20\nRUN <<EOF\nset -e\napk add --no-cache strace\nEOF\n", errors: [{ line: 4, column: 20, endColumn: 26, message: /^strace \(a debugger or tracer\)/ }] },
    { name: "yum through sudo and sh -c", code: "FROM rockylinux:9\nRUN sudo sh -c 'yum install -y nmap-ncat tcpdump'\n", errors: [{ line: 2, column: 32 }, { line: 2, column: 42 }] },
    { name: "removed only in a different stage", code: "FROM alpine:3.20 AS a\nRUN apk add socat\nFROM alpine:3.20 AS b\nRUN apk del socat\nFROM a\n", errors: [{ line: 2, column: 13 }] },
    { name: "configured extra tool", code: "FROM alpine:3.20\nRUN apk add kubectl\n", config: { extraTooling: ["kubectl"] }, errors: [{ line: 2, column: 13, message: /^kubectl \(a tool listed in extraTooling\)/ }] },
    {
      name: "suppression above a multi-line RUN covers its continuation lines",
      code: "FROM alpine:3.20\n# container-review ignore=dockerfile/unneeded-tooling the health check needs curl\nRUN apk add --no-cache \\\n    curl\n",
      errors: [{ line: 4, column: 5, suppressed: true }],
    },
    { name: "CRLF file", code: "FROM alpine:3.20\r\nRUN apk add \\\r\n  wget\r\n", errors: [{ line: 3, column: 3, endColumn: 7 }] },
    { name: "backtick escape directive", code: "# escape=`\nFROM alpine:3.20\nRUN apk add `\n  git\n", errors: [{ line: 4, column: 3, endColumn: 6 }] },
  ],
});
