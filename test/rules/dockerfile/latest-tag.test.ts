import { ruleTester } from "../../helpers/rule-tester.js";

ruleTester("dockerfile/latest-tag", {
  valid: [
    { code: "FROM node:22.11-alpine3.20\n" },
    { code: "FROM scratch\n" },
    { name: "earlier stage names, any case", code: "FROM golang:1.25 AS build\nFROM build AS test\nFROM BUILD\n" },
    { name: "digest-only reference", code: "FROM alpine@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d\n" },
    { name: "latest with a digest", code: "FROM alpine:latest@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d\n" },
    { name: "ARG with a tagged default", code: "ARG BASE=node:20\nFROM ${BASE}\n" },
    { name: "unresolvable ARG is not guessed at", code: "ARG BASE\nFROM ${BASE}\n" },
    { name: "--platform and a registry with a port", code: "FROM --platform=linux/amd64 localhost:5000/team/app:1.4 AS app\n" },
  ],
  invalid: [
    {
      code: "FROM nginx\n",
      errors: [{ line: 1, column: 6, endColumn: 11, severity: "warning", message: 'base image nginx has no tag, so Docker pulls "latest", which changes without notice; pin a version tag (and a digest)' }],
    },
    { code: "FROM nginx:latest AS web\n", errors: [{ line: 1, column: 6, endColumn: 18, message: 'base image nginx:latest uses the "latest" tag, which changes without notice; pin a version tag (and a digest)' }] },
    { name: "ARG-resolved to an untagged image", code: "ARG BASE=node\nFROM ${BASE}\n", errors: [{ line: 2, column: 6, endColumn: 13, message: /^base image \$\{BASE\} \(= node\) has no tag/ }] },
    { name: "a stage name used before it is defined is an image", code: "FROM later\nFROM alpine:3.20 AS later\n", errors: [{ line: 1, column: 6 }] },
    { name: "registry with a port and no tag", code: "FROM --platform=$BUILDPLATFORM localhost:5000/team/app\n", errors: [{ line: 1, column: 32 }] },
  ],
});
