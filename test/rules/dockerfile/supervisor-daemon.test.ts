import { ruleTester } from "../../helpers/rule-tester.js";

ruleTester("dockerfile/supervisor-daemon", {
  valid: [
    { code: "FROM alpine:3.20\nENTRYPOINT [\"tini\", \"--\", \"/app/server\"]\n" },
    { code: "FROM alpine:3.20\nENTRYPOINT [\"dumb-init\", \"--\"]\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n" },
    { name: "supervisor only in a builder stage", code: "FROM debian:bookworm AS build\nRUN apt-get install -y supervisor\nCMD [\"supervisord\"]\nFROM debian:bookworm-slim\nCMD [\"/app\"]\n" },
    { name: "removed again in the same RUN", code: "FROM debian:bookworm\nRUN apt-get install -y cron && run-job && apt-get purge -y cron\n" },
    { name: "CMD inherited from a base stage is reset by a later ENTRYPOINT", code: "FROM debian:bookworm AS base\nCMD [\"/usr/sbin/sshd\", \"-D\"]\nFROM base\nENTRYPOINT [\"/app\"]\n" },
    { name: "a path that merely ends in init", code: "FROM alpine:3.20\nENTRYPOINT [\"/app/init\"]\n" },
    { name: "sshd as an argument, not a program", code: "FROM alpine:3.20\nCMD [\"echo\", \"sshd\"]\n" },
  ],
  invalid: [
    {
      code: "FROM debian:bookworm\nCMD [\"/usr/bin/supervisord\", \"-n\"]\n",
      errors: [
        {
          line: 2,
          column: 6,
          endColumn: 28,
          severity: "error",
          message:
            "CMD starts the supervisord process supervisor: a container should run the service itself as PID 1, not an init system or supervisor that keeps extra daemons alive and hides crashes from the orchestrator",
        },
      ],
    },
    { name: "seen through tini", code: "FROM debian:bookworm\nENTRYPOINT [\"tini\", \"--\", \"supervisord\"]\n", errors: [{ line: 2, column: 27, message: /^ENTRYPOINT starts the supervisord process supervisor \(through tini\)/ }] },
    { name: "through exec and sh -c", code: "FROM debian:bookworm\nCMD [\"sh\", \"-c\", \"exec /usr/sbin/sshd -D\"]\n", errors: [{ line: 2, column: 24, endColumn: 38, message: /^CMD starts an SSH server \(through exec\)/ }] },
    { name: "shell form with cron", code: "FROM debian:bookworm\nCMD cron -f\n", errors: [{ line: 2, column: 5, endColumn: 9, message: /^CMD starts the cron daemon/ }] },
    { code: "FROM debian:bookworm\nENTRYPOINT [\"/sbin/init\"]\n", errors: [{ line: 2, column: 13, message: /^ENTRYPOINT starts an init system \(\/sbin\/init\)/ }] },
    { name: "s6-overlay", code: "FROM alpine:3.20\nENTRYPOINT [\"/init\"]\n", errors: [{ line: 2, message: /the s6-overlay init/ }] },
    { code: "FROM debian:bookworm\nCMD [\"/lib/systemd/systemd\"]\n", errors: [{ line: 2, message: /the systemd init system/ }] },
    { name: "through /usr/bin/env", code: "FROM alpine:3.20\nCMD [\"/usr/bin/env\", \"runsvdir\", \"/etc/service\"]\n", errors: [{ line: 2, message: /runit supervision tree \(through env\)/ }] },
    { name: "service ssh start in a shell-form CMD", code: "FROM debian:bookworm\nCMD service ssh start && nginx -g 'daemon off;'\n", errors: [{ line: 2, column: 5, message: /^CMD starts an SSH server/ }] },
    {
      name: "installed in the final stage",
      code: "FROM debian:bookworm\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends openssh-server supervisor\n",
      errors: [
        { line: 3, column: 48, endColumn: 62, message: "the final image installs openssh-server (an SSH server): containers should run one foreground service, not an init system, supervisor or system daemon" },
        { line: 3, column: 63, endColumn: 73, message: /installs supervisor \(the supervisord process supervisor\)/ },
      ],
    },
    { name: "installed in a stage the final one builds on", code: "FROM alpine:3.20 AS base\nRUN apk add --no-cache s6\nFROM base\n", errors: [{ line: 2, column: 24 }] },
    { name: "configured extra daemon", code: "FROM alpine:3.20\nCMD [\"mydaemon\", \"--foreground\"]\n", config: { extraDaemons: ["mydaemon"] }, errors: [{ line: 2, message: /mydaemon \(configured in extraDaemons\)/ }] },
  ],
});
