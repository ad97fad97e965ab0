import type { Report, Rule } from "../../src/engine/types.js";
import { installedPackages, type DockerfileModel } from "../../src/engine/dockerfile/model.js";
import { cisDocker, finalTriggers, reportIn, TRIGGER_NOTE, triggerInstalls } from "./support.js";

const DOWNLOAD = "a download tool";
const NETWORK = "a network tool";
const REMOTE = "a remote-login client";
const DEBUG = "a debugger or tracer";
const EDITOR = "an editor";
const VCS = "a version-control client";
const BUILD = "a compiler or build tool";

/** Packages a running service does not need and an intruder does; `config.extraTooling` adds names. */
export const TOOLING_PACKAGES: Readonly<Record<string, string>> = {
  curl: DOWNLOAD,
  wget: DOWNLOAD,
  aria2: DOWNLOAD,
  netcat: NETWORK,
  "netcat-openbsd": NETWORK,
  "netcat-traditional": NETWORK,
  nc: NETWORK,
  ncat: NETWORK,
  "nmap-ncat": NETWORK,
  nmap: NETWORK,
  socat: NETWORK,
  tcpdump: NETWORK,
  telnet: REMOTE,
  "inetutils-telnet": REMOTE,
  "busybox-extras": "extra busybox applets (telnet, nc, ftpd)",
  ftp: REMOTE,
  tftp: REMOTE,
  lftp: REMOTE,
  "openssh-client": REMOTE,
  "openssh-clients": REMOTE,
  ssh: REMOTE,
  strace: DEBUG,
  ltrace: DEBUG,
  gdb: DEBUG,
  vim: EDITOR,
  "vim-tiny": EDITOR,
  "vim-minimal": EDITOR,
  vi: EDITOR,
  nano: EDITOR,
  emacs: EDITOR,
  "emacs-nox": EDITOR,
  git: VCS,
  subversion: VCS,
  mercurial: VCS,
  gcc: BUILD,
  "g++": BUILD,
  "gcc-c++": BUILD,
  clang: BUILD,
  make: BUILD,
  cmake: BUILD,
  "build-essential": BUILD,
  "build-base": BUILD,
};

export const unneededTooling: Rule<DockerfileModel> = {
  meta: {
    id: "dockerfile/unneeded-tooling",
    kind: "dockerfile",
    title: "Attacker tooling left in the final image",
    severity: "warning",
    rationale:
      "Download tools, network tools, debuggers, editors, git and compilers are what an intruder needs to turn a foothold into a compromise; a running service rarely needs any of them. Only what ends up in the final image counts: tools installed in a builder stage, or removed again later in the same stage chain, are not reported. Instructions inside `ONBUILD` are judged too, as triggers: they run in every image built FROM this one.",
    remediation:
      "Install build and download tools in a builder stage and copy only the result into the final stage, or remove them (apt-get purge, apk del, apk add --virtual ... && apk del) in the same RUN that used them. Add tools you consider harmful to `extraTooling`.",
    references: [
      cisDocker("4.3", "Ensure that unnecessary packages are not installed in the container"),
      { title: "Docker docs: multi-stage builds", url: "https://docs.docker.com/build/building/multi-stage/" },
    ],
    standards: ["cis-docker-4.3"],
    examples: {
      bad: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates\n",
      good: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates \\\n && curl -fsSLo /tmp/x https://example.com/x && apt-get purge -y curl\n",
    },
  },
  check(model, ctx): Report[] {
    const extra = new Set(ctx.config.extraTooling.map((t) => t.toLowerCase()));
    const reports: Report[] = [];
    const seen = new Set<string>();
    for (const p of installedPackages(model.finalStage)) {
      const what = Object.hasOwn(TOOLING_PACKAGES, p.name) ? TOOLING_PACKAGES[p.name] : extra.has(p.name) ? "a tool listed in extraTooling" : undefined;
      if (!what) continue;
      const instruction = p.operation.run.instruction;
      const key = `${instruction.range.line}\u0000${p.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const inherited = instruction.stage && !instruction.stage.isFinal ? ` (installed in stage "${instruction.stage.name ?? instruction.stage.index + 1}", which the final stage builds on)` : "";
      reports.push(
        reportIn(
          instruction,
          p.word.range,
          `${p.name} (${what}) stays in the final image${inherited}: a running service rarely needs it and an intruder would; install it in a builder stage or remove it after use`,
          p.name,
        ),
      );
    }
    for (const trigger of finalTriggers(model)) {
      for (const p of triggerInstalls(trigger)) {
        const what = Object.hasOwn(TOOLING_PACKAGES, p.name) ? TOOLING_PACKAGES[p.name] : extra.has(p.name) ? "a tool listed in extraTooling" : undefined;
        if (!what) continue;
        reports.push(
          reportIn(
            trigger.instruction,
            p.word.range,
            `ONBUILD RUN installs ${p.name} (${what}; ${TRIGGER_NOTE}): it stays in those images, where a running service rarely needs it and an intruder would; install it in a builder stage or remove it in the same RUN`,
            p.name,
          ),
        );
      }
    }
    return reports;
  },
};
