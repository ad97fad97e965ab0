/**
 * ONBUILD triggers do not run in the image that sets them: they run at the start of every build
 * FROM it. The instruction inside ONBUILD is judged as such, with messages that say it is a trigger,
 * and it never counts as part of this image (its packages, its user).
 */
import { ruleTester } from "../../helpers/rule-tester.js";

const NOTE = "an ONBUILD trigger, run in every image built FROM this one";

ruleTester("dockerfile/sudo", {
  valid: [
    { name: "a trigger in a builder stage the final image does not build on", code: "FROM alpine:3.20 AS tools\nONBUILD RUN sudo make\nFROM alpine:3.20\nUSER 10001\n" },
    { name: "a trigger without sudo", code: "FROM ubuntu:24.04\nUSER 10001\nONBUILD RUN apt-get update\n" },
    { name: "a bare ONBUILD", code: "FROM ubuntu:24.04\nUSER 10001\nONBUILD\n" },
  ],
  invalid: [
    {
      code: "FROM ubuntu:24.04\nUSER 10001\nONBUILD RUN sudo apt-get update\n",
      errors: [{ line: 3, column: 13, endColumn: 17, severity: "error", message: `ONBUILD RUN uses sudo to run apt-get (${NOTE}): run privileged steps before USER switches to an unprivileged user instead` }],
    },
    {
      name: "a trigger that installs sudo",
      code: "FROM ubuntu:24.04\nUSER 10001\nONBUILD RUN apt-get install -y --no-install-recommends sudo\n",
      errors: [{ line: 3, column: 56, endColumn: 60, message: `ONBUILD RUN installs sudo (${NOTE}): in those images any process that can run it can become root, which undoes USER` }],
    },
    {
      name: "a trigger in a stage the final stage builds on",
      code: "FROM ubuntu:24.04 AS base\nONBUILD RUN sudo true\nFROM base\nUSER 10001\n",
      errors: [{ line: 2, column: 13, message: /^ONBUILD RUN uses sudo to run true/ }],
    },
    {
      name: "suppressed by a comment above ONBUILD",
      code: "FROM ubuntu:24.04\nUSER 10001\n# container-review ignore=dockerfile/sudo the base image for our CI runners\nONBUILD RUN sudo apt-get update\n",
      errors: [{ line: 4, suppressed: true }],
    },
  ],
});

ruleTester("dockerfile/unneeded-tooling", {
  valid: [
    { name: "removed again in the same trigger", code: "FROM debian:12.8\nUSER 10001\nONBUILD RUN apt-get install -y --no-install-recommends curl && curl -o /x https://x.example && apt-get purge -y curl\n" },
  ],
  invalid: [
    {
      name: "installed by a trigger (reported once, as a trigger, not as part of this image)",
      code: "FROM debian:12.8\nUSER 10001\nONBUILD RUN apt-get update && apt-get install -y --no-install-recommends curl\n",
      errors: [
        {
          line: 3,
          column: 74,
          endColumn: 78,
          severity: "warning",
          message: `ONBUILD RUN installs curl (a download tool; ${NOTE}): it stays in those images, where a running service rarely needs it and an intruder would; install it in a builder stage or remove it in the same RUN`,
        },
      ],
    },
  ],
});

ruleTester("dockerfile/root-user", {
  valid: [
    { name: "a trigger that sets an unprivileged user", code: "FROM alpine:3.20\nUSER 10001\nONBUILD USER 10002\n" },
    { name: "a trigger's USER root does not make this image root", code: "FROM alpine:3.20\nUSER 10001\nONBUILD RUN true\n" },
  ],
  invalid: [
    {
      code: "FROM alpine:3.20\nUSER 10001\nONBUILD USER root\n",
      errors: [
        {
          line: 3,
          column: 14,
          endColumn: 18,
          severity: "error",
          message: `ONBUILD USER root (${NOTE}): those images run as root unless they set USER again; remove the trigger and let them choose, or use an unprivileged numeric user`,
        },
      ],
    },
    { name: "lower case, UID 0", code: "FROM alpine:3.20\nUSER 10001\nonbuild user 0\n", errors: [{ line: 3, column: 14, endColumn: 15, message: /^ONBUILD USER 0 \(an ONBUILD trigger/ }] },
    {
      name: "both: this image runs as root and sets a root trigger",
      code: "FROM alpine:3.20\nONBUILD USER root:root\n",
      errors: [{ line: 1, message: /^the final image runs as root: no USER is set/ }, { line: 2, column: 14, endColumn: 23, message: /^ONBUILD USER root:root/ }],
    },
  ],
});

ruleTester("dockerfile/pipe-to-shell", {
  valid: [{ code: "FROM debian:12.8\nONBUILD RUN curl -fsSLo /tmp/i.sh https://get.example.com/i.sh && sha256sum -c /tmp/i.sh.sha256\n" }],
  invalid: [
    {
      code: "FROM debian:12.8\nONBUILD RUN curl -fsSL https://get.example.com/i.sh | sh\n",
      errors: [{ line: 2, column: 55, endColumn: 57, severity: "warning", message: new RegExp(`^ONBUILD RUN pipes a download from curl into sh \\(${NOTE}\\): the downloaded code runs unverified in each of those builds`) }],
    },
  ],
});

ruleTester("dockerfile/no-install-recommends", {
  valid: [{ code: "FROM debian:12.8\nONBUILD RUN apt-get install -y --no-install-recommends ca-certificates\n" }],
  invalid: [
    {
      code: "FROM debian:12.8\nONBUILD RUN apt-get install -y ca-certificates\n",
      errors: [
        {
          line: 2,
          column: 21,
          endColumn: 28,
          severity: "info",
          message: `ONBUILD RUN apt-get install without --no-install-recommends also installs every recommended package (${NOTE}): more software and attack surface than asked for; add --no-install-recommends`,
          fix: "ONBUILD RUN apt-get install --no-install-recommends -y ca-certificates",
        },
      ],
    },
  ],
});

ruleTester("dockerfile/supervisor-daemon", {
  valid: [{ code: "FROM debian:12.8\nUSER 10001\nONBUILD RUN apt-get install -y --no-install-recommends ca-certificates\n" }],
  invalid: [
    {
      code: "FROM debian:12.8\nUSER 10001\nONBUILD RUN apt-get install -y --no-install-recommends supervisor\n",
      errors: [{ line: 3, column: 56, endColumn: 66, severity: "error", message: new RegExp(`^ONBUILD RUN installs supervisor \\(.*; ${NOTE}\\): containers should run one foreground service`) }],
    },
  ],
});
