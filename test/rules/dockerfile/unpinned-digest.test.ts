import { ruleTester } from "../../helpers/rule-tester.js";

const DIGEST = "sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d";

ruleTester("dockerfile/unpinned-digest", {
  valid: [
    { code: `FROM alpine:3.20@${DIGEST}\n` },
    { code: `FROM alpine@${DIGEST}\n` },
    { code: "FROM scratch\n" },
    { code: `FROM node:22@${DIGEST} AS build\nFROM build\n` },
    { name: "ARG-resolved pinned image", code: `ARG BASE=node:22@${DIGEST}\nFROM \${BASE}\n` },
    { name: "unresolvable ARG", code: "ARG BASE\nFROM ${BASE}\n" },
  ],
  invalid: [
    {
      code: "FROM alpine:3.20\n",
      errors: [{ line: 1, column: 6, endColumn: 17, severity: "info", message: "base image alpine:3.20 is not pinned by digest: the tag can move to different content; append @sha256:<digest>" }],
    },
    { name: "every external FROM, builder stages included", code: "FROM golang:1.25 AS build\nFROM gcr.io/distroless/static-debian12:nonroot\n", errors: [{ line: 1, column: 6 }, { line: 2, column: 6 }] },
    { name: "a digest that is not sha256", code: "FROM alpine@md5:abc\n", errors: [{ line: 1, message: /has a digest that is not a sha256 digest/ }] },
  ],
});
