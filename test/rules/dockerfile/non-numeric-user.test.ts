import { ruleTester } from "../../helpers/rule-tester.js";

ruleTester("dockerfile/non-numeric-user", {
  valid: [
    { code: "FROM node:22\nUSER 1000\n" },
    { code: "FROM node:22\nUSER 1000:node\n" },
    { name: "a named user only in a builder stage", code: "FROM node:22 AS build\nUSER node\nRUN npm ci\nFROM node:22-slim\nUSER 1000:1000\n" },
    { name: "root is root-user's business", code: "FROM alpine:3.20\nUSER root\n" },
    { name: "no USER at all", code: "FROM alpine:3.20\n" },
    { name: "numeric through an ARG", code: "FROM alpine:3.20\nARG UID=10001\nUSER $UID\n" },
    { name: "unresolvable USER is reported by root-user instead", code: "FROM alpine:3.20\nARG WHO\nUSER $WHO\n" },
    { name: "Windows images name their users", code: "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerUser\n" },
    { name: "named user in an earlier stage overridden later", code: "FROM alpine:3.20 AS base\nUSER app\nFROM base\nUSER 10001\n" },
  ],
  invalid: [
    {
      code: "FROM node:22\nUSER node\n",
      errors: [
        {
          line: 2,
          column: 6,
          endColumn: 10,
          severity: "warning",
          message:
            'the final user "node" is a name, not a numeric UID: Kubernetes runAsNonRoot cannot verify that it is not root, and the pod fails to start; use the numeric UID, e.g. USER 10001',
        },
      ],
    },
    { code: "FROM alpine:3.20\nUSER app:app\n", errors: [{ line: 2, column: 6, endColumn: 13, message: /"app" is a name/ }] },
    { name: "inherited through FROM <stage>", code: "FROM alpine:3.20 AS base\nUSER app\nFROM base\nCMD [\"x\"]\n", errors: [{ line: 2, column: 6 }] },
    { name: "named through an ARG default", code: "FROM alpine:3.20\nARG APP_USER=svc\nUSER ${APP_USER}\n", errors: [{ line: 3, message: /"svc" is a name/ }] },
  ],
});
