import type { Report, Rule } from "../../src/engine/types.js";
import { effectiveCommand, installedPackages, type CommandInstruction, type DockerfileModel } from "../../src/engine/dockerfile/model.js";
import { baseName, type ShellCommand } from "../../src/engine/dockerfile/shell.js";
import { cisDocker, dockerfileReference, finalTriggers, reportIn, TRIGGER_NOTE, triggerInstalls } from "./support.js";

/** Programs that are init systems, service supervisors or long-running system daemons. */
export const DAEMON_PROGRAMS: Readonly<Record<string, string>> = {
  systemd: "the systemd init system",
  supervisord: "the supervisord process supervisor",
  "s6-svscan": "the s6 supervision tree",
  runsvdir: "the runit supervision tree",
  runit: "the runit init system",
  "runit-init": "the runit init system",
  my_init: "the baseimage-docker init (runit)",
  monit: "the monit process supervisor",
  sshd: "an SSH server",
  cron: "the cron daemon",
  crond: "the cron daemon",
  "openrc-init": "the OpenRC init system",
};

/** Absolute paths that start an init system (the s6-overlay entry point is `/init`). */
export const INIT_PATHS: Readonly<Record<string, string>> = {
  "/init": "the s6-overlay init",
  "/sbin/init": "an init system (/sbin/init)",
  "/usr/sbin/init": "an init system (/usr/sbin/init)",
  "/bin/init": "an init system (/bin/init)",
  init: "an init system",
  "/lib/systemd/systemd": "the systemd init system",
  "/usr/lib/systemd/systemd": "the systemd init system",
};

/** Packages that install an init system, a supervisor or a system daemon. */
export const DAEMON_PACKAGES: Readonly<Record<string, string>> = {
  systemd: "the systemd init system",
  "systemd-sysv": "systemd as /sbin/init",
  sysvinit: "the SysV init system",
  "sysvinit-core": "the SysV init system",
  supervisor: "the supervisord process supervisor",
  "python3-supervisor": "the supervisord process supervisor",
  "openssh-server": "an SSH server",
  "openssh-server-pam": "an SSH server",
  dropbear: "an SSH server",
  s6: "the s6 supervision suite",
  "s6-overlay": "the s6-overlay init",
  runit: "the runit init system",
  "runit-systemd": "the runit init system",
  monit: "the monit process supervisor",
  cron: "the cron daemon",
  cronie: "the cron daemon",
  dcron: "the cron daemon",
  anacron: "the anacron daemon",
  "busybox-openrc": "the OpenRC init system",
  openrc: "the OpenRC init system",
  daemontools: "the daemontools supervisor",
};

/** `service ssh start`, `/etc/init.d/cron start`: starting a system service from the command. */
const SERVICE_STARTERS = new Set(["service", "rc-service"]);
const SERVICE_NAMES: Readonly<Record<string, string>> = { ssh: "an SSH server", sshd: "an SSH server", cron: "the cron daemon", crond: "the cron daemon", supervisor: "the supervisord process supervisor", supervisord: "the supervisord process supervisor" };

function daemonOf(command: ShellCommand, extra: ReadonlySet<string>): string | undefined {
  const program = command.program;
  if (!program) return undefined;
  const value = program.value;
  if (Object.hasOwn(INIT_PATHS, value)) return INIT_PATHS[value];
  if (Object.hasOwn(DAEMON_PROGRAMS, command.name)) return DAEMON_PROGRAMS[command.name];
  if (extra.has(command.name) || extra.has(value)) return `${command.name} (configured in extraDaemons)`;
  if (SERVICE_STARTERS.has(command.name) || /^\/etc\/init\.d\//.test(value)) {
    const service = SERVICE_STARTERS.has(command.name) ? command.args[0]?.value : baseName(value);
    if (service && Object.hasOwn(SERVICE_NAMES, service)) return SERVICE_NAMES[service];
    if (service && extra.has(service)) return `${service} (configured in extraDaemons)`;
  }
  return undefined;
}

function commandFindings(instruction: CommandInstruction | undefined, extra: ReadonlySet<string>, seen: Set<string>): Report[] {
  if (!instruction) return [];
  const reports: Report[] = [];
  for (const command of instruction.script.commands) {
    if (command.origin === "substitution") continue;
    const what = daemonOf(command, extra);
    if (!what || !command.program) continue;
    const key = `${instruction.instruction.range.line}:${command.program.range.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const through = command.prefixes.length > 0 ? ` (through ${command.prefixes.map((p) => baseName(p.value)).join(", ")})` : command.origin === "sh-c" ? " (through sh -c)" : "";
    reports.push(
      reportIn(
        instruction.instruction,
        command.program.range,
        `${instruction.instruction.keyword} starts ${what}${through}: a container should run the service itself as PID 1, not an init system or supervisor that keeps extra daemons alive and hides crashes from the orchestrator`,
        command.program.value,
      ),
    );
  }
  return reports;
}

export const supervisorDaemon: Rule<DockerfileModel> = {
  meta: {
    id: "dockerfile/supervisor-daemon",
    kind: "dockerfile",
    title: "Init system, supervisor or system daemon in the final image",
    severity: "error",
    rationale:
      "A container should run one service. An init system or supervisor (systemd, supervisord, s6, runit, monit) as PID 1 keeps several daemons alive, often as root, hides crashes from the orchestrator's restarts and health checks, and an SSH or cron daemon gives an intruder a foothold. tini and dumb-init only reap zombies and forward signals, so they are fine, and what they start is checked instead. Instructions inside `ONBUILD` are judged too, as triggers: they run in every image built FROM this one.",
    remediation:
      "Run the service in the foreground as the ENTRYPOINT/CMD (a small init such as tini is fine), one service per container. Use `kubectl exec`/`docker exec` instead of sshd and a CronJob or scheduler instead of cron.",
    references: [
      cisDocker("4.3", "Ensure that unnecessary packages are not installed in the container"),
      dockerfileReference("ENTRYPOINT"),
      { title: "Docker docs: run multiple processes in a container", url: "https://docs.docker.com/engine/containers/multi-service_container/" },
    ],
    standards: ["cis-docker-4.3"],
    examples: {
      bad: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends supervisor\nCMD [\"/usr/bin/supervisord\", \"-n\"]\n",
      good: "FROM debian:bookworm-slim\nCOPY app /usr/local/bin/app\nENTRYPOINT [\"tini\", \"--\", \"/usr/local/bin/app\"]\n",
    },
  },
  check(model, ctx): Report[] {
    const extra = new Set(ctx.config.extraDaemons);
    const stage = model.finalStage;
    const { entrypoint, cmd } = effectiveCommand(stage);
    const seen = new Set<string>();
    const reports = [...commandFindings(entrypoint, extra, seen), ...commandFindings(cmd, extra, seen)];
    const reported = new Set<string>();
    for (const p of installedPackages(stage)) {
      const what = Object.hasOwn(DAEMON_PACKAGES, p.name) ? DAEMON_PACKAGES[p.name] : extra.has(p.name) ? `${p.name} (configured in extraDaemons)` : undefined;
      if (!what) continue;
      const instruction = p.operation.run.instruction;
      const key = `${instruction.range.line}\u0000${p.name}`;
      if (reported.has(key)) continue;
      reported.add(key);
      reports.push(
        reportIn(
          instruction,
          p.word.range,
          `the final image installs ${p.name} (${what}): containers should run one foreground service, not an init system, supervisor or system daemon`,
          p.name,
        ),
      );
    }
    for (const trigger of finalTriggers(model)) {
      for (const p of triggerInstalls(trigger)) {
        const what = Object.hasOwn(DAEMON_PACKAGES, p.name) ? DAEMON_PACKAGES[p.name] : extra.has(p.name) ? `${p.name} (configured in extraDaemons)` : undefined;
        if (!what) continue;
        reports.push(
          reportIn(
            trigger.instruction,
            p.word.range,
            `ONBUILD RUN installs ${p.name} (${what}; ${TRIGGER_NOTE}): containers should run one foreground service, not an init system, supervisor or system daemon`,
            p.name,
          ),
        );
      }
    }
    return reports;
  },
};
