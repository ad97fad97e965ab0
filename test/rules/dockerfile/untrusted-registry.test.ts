import { ruleTester } from "../../helpers/rule-tester.js";

const allowed = { allowedRegistries: ["registry.example.com", "*.mirror.example.com", "ghcr.io/my-org"] };
const LIST = "registry.example.com, *.mirror.example.com, ghcr.io/my-org";

ruleTester("dockerfile/untrusted-registry", {
  valid: [
    { name: "off unless allowedRegistries is configured", code: "FROM alpine:3.20\n" },
    { code: "FROM registry.example.com/base/alpine:3.20\n", config: allowed },
    { code: "FROM eu.mirror.example.com/library/node:22\n", config: allowed },
    { code: "FROM ghcr.io/my-org/app:1\n", config: allowed },
    { name: "scratch and stage names", code: "FROM registry.example.com/go:1 AS build\nFROM scratch\nCOPY --from=build /x /x\nCOPY --from=0 /y /y\nRUN --mount=type=cache,from=build,target=/c true\n", config: allowed },
    { name: "docker.io allowed explicitly", code: "FROM alpine:3.20\n", config: { allowedRegistries: ["docker.io"] } },
    { name: '"*" allows every registry, Docker Hub images without a host too', code: "FROM alpine:3.20\nCOPY --from=quay.io/org/tool:2 /t /t\nFROM bitnami/redis:7\n", config: { allowedRegistries: ["*"] } },
    { name: "a sub-domain wildcard at any depth", code: "FROM a.b.mirror.example.com/alpine:3.20\n", config: allowed },
  ],
  invalid: [
    {
      code: "FROM alpine:3.20\n",
      config: allowed,
      errors: [{ line: 1, column: 6, endColumn: 17, severity: "error", message: `FROM alpine:3.20 pulls from docker.io, which is not an allowed registry (allowed: ${LIST})` }],
    },
    { name: "another organisation on an allowed host prefix", code: "FROM ghcr.io/other-org/app:1\n", config: allowed, errors: [{ line: 1, message: /pulls from ghcr.io/ }] },
    {
      name: "COPY --from an image and RUN --mount from an image",
      code: "FROM registry.example.com/base:1\nCOPY --from=quay.io/org/tool:2 /bin/tool /bin/tool\nRUN --mount=type=bind,from=docker.io/library/busybox:1.36,target=/bb /bb/bin/true\n",
      config: allowed,
      errors: [
        { line: 2, column: 13, endColumn: 31, message: `COPY --from quay.io/org/tool:2 pulls from quay.io, which is not an allowed registry (allowed: ${LIST})` },
        { line: 3, column: 28, endColumn: 58, message: /^RUN --mount from= docker.io\/library\/busybox:1.36 pulls from docker.io/ },
      ],
    },
    { name: "ARG-resolved FROM", code: "ARG BASE=quay.io/org/base:1\nFROM ${BASE}\n", config: allowed, errors: [{ line: 2, message: /^FROM quay.io\/org\/base:1 pulls from quay.io/ }] },
    { name: "unresolvable ARG cannot be verified", code: "ARG BASE\nFROM ${BASE}\n", config: allowed, errors: [{ line: 2, severity: "warning", message: `cannot verify the registry of FROM \${BASE}: it depends on a build argument with no known value (allowed: ${LIST})` }] },
    { name: "subdomain pattern does not allow the bare domain", code: "FROM mirror.example.com/alpine:3.20\n", config: allowed, errors: [{ line: 1 }] },
    {
      name: "a sub-domain wildcard does not allow Docker Hub",
      code: "FROM alpine:3.20\n",
      config: { allowedRegistries: ["*.example.com"] },
      errors: [{ line: 1, message: "FROM alpine:3.20 pulls from docker.io, which is not an allowed registry (allowed: *.example.com)" }],
    },
  ],
});
