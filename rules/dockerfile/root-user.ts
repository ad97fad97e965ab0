import picomatch from "picomatch";
import type { Report, Rule, Fix } from "../../src/engine/types.js";
import type { ImageReference } from "../../src/engine/image-reference.js";
import { effectiveUser, externalBase, stageChain, type DockerfileModel, type UserSetting } from "../../src/engine/dockerfile/model.js";

/** On Windows images the administrator account plays root's part. */
export function isWindowsAdministrator(user: string): boolean {
  return /^(?:ContainerAdministrator|Administrator|NT AUTHORITY\\SYSTEM)$/i.test(user);
}
import { cisDocker, dockerfileReference, finalTriggers, firstLineOf, reportIn, TRIGGER_NOTE } from "./support.js";
import { isRootUser } from "../data/users.js";

/**
 * Base images known to run as a non-root user without a USER instruction. Patterns are globs over
 * `registry/repository:tag` (and the short Docker Hub form `repository:tag`); `**` spans slashes.
 * `config.nonRootBaseImages` adds to this list.
 */
export const KNOWN_NON_ROOT_IMAGES: readonly { pattern: string; unlessTag?: RegExp; unlessRepository?: RegExp; why: string }[] = [
  { pattern: "gcr.io/distroless/**:nonroot", why: "distroless :nonroot images run as UID 65532" },
  { pattern: "gcr.io/distroless/**:*-nonroot", why: "distroless *-nonroot images run as UID 65532" },
  { pattern: "**:nonroot", why: "images tagged :nonroot are published to run as a non-root user" },
  { pattern: "**:*-nonroot", why: "images tagged *-nonroot are published to run as a non-root user" },
  { pattern: "cgr.dev/chainguard/**", unlessTag: /(?:^|-)dev$/, why: "Chainguard images run as UID 65532 (their -dev variants do not)" },
  { pattern: "docker.io/bitnami/**", unlessRepository: /^bitnami\/minideb$/, why: "Bitnami application images run as UID 1001" },
];

/** The names an image reference is matched under: with and without tag, full and Docker Hub short form. */
function candidateNames(ref: ImageReference): string[] {
  const names = [`${ref.registry}/${ref.repository}`];
  if (ref.registry === "docker.io") {
    names.push(ref.repository);
    if (ref.repository.startsWith("library/")) names.push(ref.repository.slice("library/".length));
  }
  const tag = ref.tag ?? (ref.digest ? undefined : "latest");
  return tag === undefined ? names : [...names.map((n) => `${n}:${tag}`), ...names];
}

const matchers = new Map<string, (name: string) => boolean>();
function matcher(pattern: string): (name: string) => boolean {
  let m = matchers.get(pattern);
  if (!m) {
    m = picomatch(pattern, { dot: true });
    matchers.set(pattern, m);
  }
  return m;
}

export function isKnownNonRootImage(ref: ImageReference, extraPatterns: readonly string[]): boolean {
  const names = candidateNames(ref);
  const tag = ref.tag ?? "";
  for (const entry of KNOWN_NON_ROOT_IMAGES) {
    if (entry.unlessTag?.test(tag) || entry.unlessRepository?.test(ref.repository)) continue;
    const matches = matcher(entry.pattern);
    if (names.some((n) => matches(n))) return true;
  }
  return extraPatterns.some((p) => {
    const matches = matcher(p);
    return names.some((n) => matches(n));
  });
}

const NON_ROOT_UID = "10001";

function rootFix(model: DockerfileModel, setting: UserSetting): Fix | undefined {
  if (!setting.instruction.stage?.isFinal || setting.written !== setting.resolved) return undefined;
  const r = setting.valueRange;
  if (r.line !== r.endLine || setting.instruction.range.endLine !== r.line) return undefined;
  const line = model.file.lines[r.line - 1] ?? "";
  const group = setting.group;
  const newGroup = group === undefined ? undefined : group === "root" || /^0+$/.test(group) || group === "" ? NON_ROOT_UID : group;
  const value = newGroup === undefined ? NON_ROOT_UID : `${NON_ROOT_UID}:${newGroup}`;
  return {
    description: `run as the unprivileged UID ${NON_ROOT_UID} (create it with a matching user if the application needs a home directory)`,
    startLine: r.line,
    endLine: r.line,
    replacement: line.slice(0, r.column - 1) + value + line.slice(r.endColumn - 1),
  };
}

export const rootUser: Rule<DockerfileModel> = {
  meta: {
    id: "dockerfile/root-user",
    kind: "dockerfile",
    title: "Final image runs as root",
    severity: "error",
    rationale:
      "A process running as root inside the container is root on the container's filesystem and one kernel or runtime bug away from root on the node. Only the final image matters: builder stages never run in production, so they are not judged. The user is followed through `FROM <stage>` chains, and an external base image counts as root unless it is known to run as non-root. Instructions inside `ONBUILD` are judged too, as triggers: they run in every image built FROM this one.",
    remediation:
      "Add `USER 10001` (a numeric, non-zero UID; create a matching user if the application needs one) after the steps that need root, in the final stage. If the base image already runs as non-root, list it in `nonRootBaseImages`.",
    references: [
      cisDocker("4.1", "Ensure that a user for the container has been created"),
      dockerfileReference("USER"),
      { title: "Docker docs: Dockerfile best practices, USER", url: "https://docs.docker.com/build/building/best-practices/#user" },
    ],
    standards: ["cis-docker-4.1"],
    examples: {
      bad: "FROM node:22-alpine\nCOPY . /app\nCMD [\"node\", \"/app/server.js\"]\n",
      good: "FROM node:22-alpine\nCOPY . /app\nUSER 10001\nCMD [\"node\", \"/app/server.js\"]\n",
    },
    fixable: true,
  },
  check(model, ctx): Report[] {
    return [...finalImageUser(model, ctx.config.nonRootBaseImages), ...rootTriggers(model)];
  },
};

/** `ONBUILD USER root`: every image built FROM this one starts its build, and runs, as root. */
function rootTriggers(model: DockerfileModel): Report[] {
  const reports: Report[] = [];
  for (const trigger of finalTriggers(model)) {
    const setting = trigger.user;
    if (!setting || setting.user === undefined) continue;
    const windowsAdmin = model.finalStage.windows && isWindowsAdministrator(setting.user);
    if (!windowsAdmin && !isRootUser(setting.user)) continue;
    reports.push(
      reportIn(
        trigger.instruction,
        setting.valueRange,
        `ONBUILD USER ${setting.written} (${TRIGGER_NOTE}): those images run as ${windowsAdmin ? "an administrator" : "root"} unless they set USER again; remove the trigger and let them choose, or use an unprivileged numeric user`,
        setting.written,
      ),
    );
  }
  return reports;
}

function finalImageUser(model: DockerfileModel, nonRootBaseImages: readonly string[]): Report[] {
  const stage = model.finalStage;
  const setting = effectiveUser(stage);
  if (setting) {
    const instruction = setting.instruction;
    if (setting.resolved === undefined) {
      return [
        reportIn(instruction, setting.valueRange, `cannot verify the final user: USER ${setting.written} uses a build argument with no known value; if it is root or 0 the image runs as root`, setting.written, {
          severity: "warning",
        }),
      ];
    }
    if (stage.windows && setting.user !== undefined && isWindowsAdministrator(setting.user)) {
      return [reportIn(instruction, setting.valueRange, `the final image runs as an administrator: USER ${setting.written}; use USER ContainerUser`, setting.written)];
    }
    if (setting.user !== undefined && isRootUser(setting.user)) {
      const shown = setting.written === setting.resolved ? setting.written : `${setting.written} (= ${setting.resolved})`;
      const inherited = instruction.stage && instruction.stage !== stage ? ", inherited by the final stage through FROM" : "";
      const report = reportIn(
        instruction,
        setting.valueRange,
        `the final image runs as root: USER ${shown}${inherited}; switch to an unprivileged numeric user, e.g. USER ${NON_ROOT_UID}`,
        setting.written,
      );
      const fix = rootFix(model, setting);
      if (fix) report.fix = fix;
      return [report];
    }
    return [];
  }
  const base = externalBase(stage);
  const fromInstruction = stage.from.instruction;
  const range = firstLineOf(model, fromInstruction);
  const where = stageChain(stage).length > 1 ? "in the final stage or the stages it builds on" : "in the final stage";
  if (base.isScratch) {
    return [reportIn(fromInstruction, range, `the final image runs as root: it starts from scratch and no USER is set ${where}, so processes run as UID 0; add USER ${NON_ROOT_UID}`, "scratch")];
  }
  if (base.resolved === undefined) {
    return [
      reportIn(
        fromInstruction,
        range,
        `cannot verify the final user: no USER is set ${where} and the base image ${base.written} depends on build argument ${base.unresolvedVariables.join(", ")} with no known value; add USER ${NON_ROOT_UID} to be sure`,
        base.written,
        { severity: "warning" },
      ),
    ];
  }
  if (base.reference && isKnownNonRootImage(base.reference, nonRootBaseImages)) return [];
  if (stage.windows) {
    return [
      reportIn(
        fromInstruction,
        range,
        `the final image runs as ContainerAdministrator: no USER is set ${where}, and the Windows base image ${base.resolved} runs as its administrator by default; add USER ContainerUser`,
        base.resolved,
      ),
    ];
  }
  return [
    reportIn(
      fromInstruction,
      range,
      `the final image runs as root: no USER is set ${where}, and the base image ${base.resolved} runs as root unless told otherwise; add USER ${NON_ROOT_UID} (or list the image in nonRootBaseImages if it is known to run as non-root)`,
      base.resolved,
    ),
  ];
}
