import { ruleTester } from "../../helpers/rule-tester.js";

ruleTester("dockerfile/missing-healthcheck", {
  valid: [
    { code: "FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n" },
    { name: "inherited through FROM <stage>", code: "FROM nginx:1.27 AS base\nHEALTHCHECK --interval=30s CMD [\"/health\"]\nFROM base\n" },
    { name: "HEALTHCHECK NONE is an explicit decision", code: "FROM nginx:1.27\nHEALTHCHECK NONE\n" },
    { name: "HEALTHCHECK none, any case", code: "FROM nginx:1.27\nhealthcheck none\n" },
    { name: "HEALTHCHECK NONE inherited through FROM <stage>", code: "FROM nginx:1.27 AS base\nHEALTHCHECK NONE\nFROM base\nCOPY site /usr/share/nginx/html\n" },
    { name: "HEALTHCHECK NONE overriding an inherited check", code: "FROM nginx:1.27 AS base\nHEALTHCHECK CMD true\nFROM base\nHEALTHCHECK NONE\n" },
    { name: "builder stages need none", code: "FROM golang:1.25 AS build\nRUN go build\nFROM alpine:3.20\nHEALTHCHECK CMD [\"/app\", \"-health\"]\n" },
  ],
  invalid: [
    {
      code: "FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n",
      errors: [{ line: 1, column: 1, endColumn: 16, severity: "info", message: "the final stage has no HEALTHCHECK: a hung service keeps running unnoticed; add HEALTHCHECK CMD ..." }],
    },
    { name: "a health check in an unrelated stage does not count", code: "FROM alpine:3.20 AS a\nHEALTHCHECK CMD true\nFROM alpine:3.20\n", errors: [{ line: 3, column: 1 }] },
    { name: "chain without one", code: "FROM alpine:3.20 AS a\nFROM a\n", errors: [{ line: 2, message: /no HEALTHCHECK \(nor in the stages it builds on\)/ }] },
    {
      name: "a HEALTHCHECK NONE in an unrelated stage is no decision for the final image",
      code: "FROM alpine:3.20 AS a\nHEALTHCHECK NONE\nFROM alpine:3.20\n",
      errors: [{ line: 3, column: 1, endColumn: 17, message: "the final stage has no HEALTHCHECK: a hung service keeps running unnoticed; add HEALTHCHECK CMD ..." }],
    },
    {
      name: "with target: a later stage's HEALTHCHECK NONE does not apply to the target",
      code: "FROM alpine:3.20 AS runtime\nFROM runtime AS debug\nHEALTHCHECK NONE\n",
      config: { target: "runtime" },
      errors: [{ line: 1, column: 1, endColumn: 28 }],
    },
  ],
});
