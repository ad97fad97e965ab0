import type { Report, Rule } from "../../src/engine/types.js";
import type { DockerfileModel } from "../../src/engine/dockerfile/model.js";
import { isShellName, readsScriptFromStdin, shellScriptArgument, type ShellCommand, type ShellScript, type ShellWord } from "../../src/engine/dockerfile/shell.js";
import { dockerfileReference, finalTriggers, reportIn, TRIGGER_NOTE } from "./support.js";

/** Programs that fetch content from the network. */
export const DOWNLOADERS = new Set(["curl", "wget", "fetch", "http", "https", "aria2c"]);
/** Interpreters that execute a script piped into them (shells and the usual scripting languages). */
const STDIN_INTERPRETERS = new Set(["python", "python2", "python3", "perl", "ruby", "node", "php"]);
/** Builtins that run the script they are given. */
const SCRIPT_RUNNERS = new Set(["source", ".", "eval"]);

function downloaderIn(scripts: ShellScript[]): ShellCommand | undefined {
  for (const s of scripts) {
    const hit = s.commands.find((c) => DOWNLOADERS.has(c.name));
    if (hit) return hit;
  }
  return undefined;
}

function executesStdin(command: ShellCommand): boolean {
  if (isShellName(command.name)) return readsScriptFromStdin(command);
  if (STDIN_INTERPRETERS.has(command.name)) return command.args.every((a) => a.value.startsWith("-"));
  return false;
}

/** How a command runs downloaded content, if it does. */
function downloadExecution(command: ShellCommand): { downloader: ShellCommand; how: string } | undefined {
  const index = command.pipeline.indexOf(command);
  if (index > 0 && executesStdin(command)) {
    const downloader = command.pipeline.slice(0, index).find((c) => DOWNLOADERS.has(c.name));
    if (downloader) return { downloader, how: `pipes a download from ${downloader.name} into ${command.name}` };
  }
  if (isShellName(command.name) || SCRIPT_RUNNERS.has(command.name)) {
    const script: ShellWord | undefined = isShellName(command.name) ? shellScriptArgument(command) : undefined;
    const candidates: ShellWord[] = script ? [script] : command.name === "eval" ? command.args : [];
    for (const w of candidates) {
      const downloader = downloaderIn(w.substitutions);
      if (downloader) return { downloader, how: `runs the output of ${downloader.name} with ${command.name}${script ? " -c" : ""}` };
    }
    for (const w of command.args) {
      if (!w.processSubstitution) continue;
      const downloader = downloaderIn(w.substitutions);
      if (downloader) return { downloader, how: `runs a download from ${downloader.name} with ${command.name} <(...)` };
    }
  }
  return undefined;
}

export const pipeToShell: Rule<DockerfileModel> = {
  meta: {
    id: "dockerfile/pipe-to-shell",
    kind: "dockerfile",
    title: "Download piped into a shell",
    severity: "warning",
    rationale:
      "`curl ... | sh` runs whatever the server (or anyone between it and the build) sends, usually as root, without any check; a partial download can even run half a script. The image then contains code nobody reviewed and a rebuild may contain different code. Instructions inside `ONBUILD` are judged too, as triggers: they run in every image built FROM this one.",
    remediation: "Download to a file, verify its checksum or signature, then run it: `curl -fsSLo install.sh URL && echo \"<sha256>  install.sh\" | sha256sum -c - && sh install.sh`. Prefer a package or a pinned release artefact.",
    references: [
      dockerfileReference("RUN"),
      { title: "Docker docs: Dockerfile best practices, using pipes", url: "https://docs.docker.com/build/building/best-practices/#using-pipes" },
    ],
    standards: [],
    examples: {
      bad: "FROM debian:bookworm-slim\nRUN curl -fsSL https://example.com/install.sh | sh\n",
      good: "FROM debian:bookworm-slim\nRUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \\\n && echo \"0000000000000000000000000000000000000000000000000000000000000000  /tmp/install.sh\" | sha256sum -c - \\\n && sh /tmp/install.sh\n",
    },
  },
  check(model): Report[] {
    const reports: Report[] = [];
    for (const run of model.runs) {
      for (const command of run.script.commands) {
        const found = downloadExecution(command);
        if (!found || !command.program) continue;
        reports.push(
          reportIn(
            run.instruction,
            command.program.range,
            `RUN ${found.how}: the downloaded code runs unverified; download to a file and check its checksum or signature first`,
            `${found.downloader.name}|${command.name}`,
          ),
        );
      }
    }
    for (const trigger of finalTriggers(model)) {
      for (const command of trigger.run?.script.commands ?? []) {
        const found = downloadExecution(command);
        if (!found || !command.program) continue;
        reports.push(
          reportIn(
            trigger.instruction,
            command.program.range,
            `ONBUILD RUN ${found.how} (${TRIGGER_NOTE}): the downloaded code runs unverified in each of those builds; download to a file and check its checksum or signature first`,
            `${found.downloader.name}|${command.name}`,
          ),
        );
      }
    }
    return reports;
  },
};
