import { ruleTester } from "../../helpers/rule-tester.js";

const MISSING_USER_NODE =
  "the final image runs as root: no USER is set in the final stage, and the base image node:22 runs as root unless told otherwise; add USER 10001 (or list the image in nonRootBaseImages if it is known to run as non-root)";

ruleTester("dockerfile/root-user", {
  valid: [
    { code: "FROM node:22\nUSER 10001\nCMD [\"node\", \"server.js\"]\n" },
    { name: "builder stage runs as root, final stage does not", code: "FROM golang:1.25 AS build\nRUN go build -o /out/app\nFROM alpine:3.20\nCOPY --from=build /out/app /app\nUSER 10001:10001\n" },
    { name: "USER inherited through FROM <stage>", code: "FROM alpine:3.20 AS base\nUSER 10001\nFROM base\nCMD [\"/app\"]\n" },
    { name: "USER inherited through a stage alias chain", code: "FROM alpine:3.20 AS Base\nUSER 10001\nFROM base AS middle\nRUN true\nFROM MIDDLE\n" },
    { code: "FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n" },
    { code: "FROM gcr.io/distroless/base-debian12:debug-nonroot\n" },
    { code: "FROM cgr.dev/chainguard/python:latest\n" },
    { code: "FROM bitnami/nginx:1.27\n" },
    { name: "configured non-root base image", code: "FROM registry.example.com/base/runtime:1.2\n", config: { nonRootBaseImages: ["registry.example.com/base/*"] } },
    { name: "USER from an ARG default", code: "FROM alpine:3.20\nARG UID=10001\nUSER ${UID}\n" },
    { name: "root first, then an unprivileged user", code: "FROM alpine:3.20\nUSER root\nRUN apk add --no-cache tzdata\nUSER 10001\n" },
    { name: "Windows ContainerUser", code: "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerUser\n" },
    { name: "configured target stage sets a user", code: "FROM alpine:3.20 AS runtime\nUSER 10001\nFROM alpine:3.20 AS debug\n", config: { target: "runtime" } },
  ],
  invalid: [
    { code: "FROM node:22\nCMD [\"node\", \"server.js\"]\n", errors: [{ line: 1, column: 1, endColumn: 13, message: MISSING_USER_NODE, severity: "error" }] },
    { code: "FROM alpine:3.20\nUSER root\n", errors: [{ line: 2, column: 6, endColumn: 10, message: "the final image runs as root: USER root; switch to an unprivileged numeric user, e.g. USER 10001", fix: "USER 10001" }] },
    { code: "FROM alpine:3.20\n  user root:root\n", errors: [{ line: 2, column: 8, fix: "  user 10001:10001" }] },
    { code: "FROM alpine:3.20\nUSER 0:staff\n", errors: [{ line: 2, column: 6, fix: "USER 10001:staff" }] },
    {
      name: "USER in an unrelated builder stage does not count",
      code: "FROM alpine:3.20 AS builder\nUSER 10001\nFROM alpine:3.20\nCOPY --from=builder /x /x\n",
      errors: [{ line: 3, column: 1, message: /no USER is set in the final stage, and the base image alpine:3.20 runs as root/ }],
    },
    {
      name: "root inherited through FROM <stage>: reported at that USER, without a fix",
      code: "FROM alpine:3.20 AS base\nUSER root\nFROM base\n",
      errors: [{ line: 2, column: 6, message: "the final image runs as root: USER root, inherited by the final stage through FROM; switch to an unprivileged numeric user, e.g. USER 10001" }],
    },
    {
      name: "no USER anywhere in a stage chain points at the final FROM",
      code: "FROM python:3.13-slim AS base\nRUN pip install flask\nFROM base\nCMD [\"flask\", \"run\"]\n",
      errors: [{ line: 3, column: 1, endColumn: 10, message: /^the final image runs as root: no USER is set in the final stage or the stages it builds on, and the base image python:3.13-slim/ }],
    },
    { code: "FROM scratch\nCOPY app /app\n", errors: [{ line: 1, message: "the final image runs as root: it starts from scratch and no USER is set in the final stage, so processes run as UID 0; add USER 10001" }] },
    {
      code: "FROM alpine:3.20\nARG APP_USER\nUSER $APP_USER\n",
      errors: [{ line: 3, column: 6, severity: "warning", message: "cannot verify the final user: USER $APP_USER uses a build argument with no known value; if it is root or 0 the image runs as root" }],
    },
    { name: "unresolvable base image", code: "ARG BASE\nFROM ${BASE}\n", errors: [{ line: 2, severity: "warning", message: /^cannot verify the final user: no USER is set in the final stage and the base image \$\{BASE\} depends on build argument BASE/ }] },
    { name: "ARG-resolved root base", code: "ARG BASE=node:22\nFROM ${BASE}\n", errors: [{ line: 2, message: /the base image node:22 runs as root/ }] },
    { code: "FROM cgr.dev/chainguard/python:latest-dev\n", errors: [{ line: 1 }] },
    { code: "FROM bitnami/minideb:bookworm\n", errors: [{ line: 1 }] },
    { name: "configured target stage runs as root", code: "FROM alpine:3.20 AS runtime\nFROM alpine:3.20 AS debug\nUSER 10001\n", config: { target: "runtime" }, errors: [{ line: 1 }] },
    { name: "CRLF file", code: "FROM alpine:3.20\r\nUSER root\r\n", errors: [{ line: 2, column: 6, fix: "USER 10001" }] },
    {
      name: "suppressed with a reason",
      code: "FROM alpine:3.20\n# container-review ignore=dockerfile/root-user the entrypoint drops privileges with gosu\nUSER root\n",
      errors: [{ line: 3, suppressed: true }],
    },
    {
      name: "Windows base image without USER",
      code: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell -Command Write-Host hi\n",
      errors: [{ line: 2, column: 1, message: /^the final image runs as ContainerAdministrator: no USER is set in the final stage, and the Windows base image mcr.microsoft.com\/windows\/servercore:ltsc2022/ }],
    },
    { name: "Windows administrator user", code: "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerAdministrator\n", errors: [{ line: 2, column: 6, message: "the final image runs as an administrator: USER ContainerAdministrator; use USER ContainerUser" }] },
    { name: "root USER written through an ARG", code: "FROM alpine:3.20\nARG RUN_AS=root\nUSER ${RUN_AS}\n", errors: [{ line: 3, message: /USER \$\{RUN_AS\} \(= root\)/ }] },
  ],
});
