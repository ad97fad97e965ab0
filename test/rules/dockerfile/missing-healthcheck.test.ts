import { ruleTester } from "../../helpers/rule-tester.js";

ruleTester("dockerfile/missing-healthcheck", {
  valid: [
    { code: "FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n" },
    { name: "inherited through FROM <stage>", code: "FROM nginx:1.27 AS base\nHEALTHCHECK --interval=30s CMD [\"/health\"]\nFROM base\n" },
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
      name: "HEALTHCHECK NONE counts as missing",
      code: "FROM nginx:1.27 AS base\nHEALTHCHECK CMD true\nFROM base\nHEALTHCHECK NONE\n",
      errors: [{ line: 4, column: 1, endColumn: 17, message: "HEALTHCHECK NONE disables health checking for the final image: a hung service is never noticed; define a HEALTHCHECK CMD instead" }],
    },
  ],
});
