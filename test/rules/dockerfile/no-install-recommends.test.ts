import { ruleTester } from "../../helpers/rule-tester.js";

ruleTester("dockerfile/no-install-recommends", {
  valid: [
    { code: "FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n" },
    { code: "FROM debian:bookworm\nRUN apt-get install -y ca-certificates --no-install-recommends\n" },
    { code: "FROM debian:bookworm\nRUN apt-get -o APT::Install-Recommends=false install -y ca-certificates\n" },
    { name: "builder stage", code: "FROM debian:bookworm AS build\nRUN apt-get install -y build-essential\nFROM debian:bookworm-slim\n" },
    { name: "apk has no recommends", code: "FROM alpine:3.20\nRUN apk add curl\n" },
  ],
  invalid: [
    {
      code: "FROM debian:bookworm\nRUN apt-get update && apt-get install -y ca-certificates\n",
      errors: [
        {
          line: 2,
          column: 31,
          endColumn: 38,
          severity: "info",
          message: "apt-get install without --no-install-recommends also installs every recommended package: more software and attack surface than asked for; add --no-install-recommends",
          fix: "RUN apt-get update && apt-get install --no-install-recommends -y ca-certificates",
        },
      ],
    },
    {
      name: "on a continuation line, keeping the rest of the line",
      code: "FROM debian:bookworm\nRUN apt-get update \\\n    && apt install -y tzdata \\\n    && rm -rf /var/lib/apt/lists/*\n",
      errors: [{ line: 3, column: 12, fix: "    && apt install --no-install-recommends -y tzdata \\" }],
    },
    { name: "CRLF file", code: "FROM debian:bookworm\r\nRUN apt-get install -y tzdata\r\n", errors: [{ line: 2, column: 13, fix: "RUN apt-get install --no-install-recommends -y tzdata" }] },
    { name: "in a stage the final one builds on", code: "FROM debian:bookworm AS base\nRUN apt-get install -y tzdata\nFROM base\n", errors: [{ line: 2, column: 13 }] },
  ],
});
