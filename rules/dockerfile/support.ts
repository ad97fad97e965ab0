/**
 * Small helpers shared by the Dockerfile rules: report shaping (fingerprint keys that survive line
 * shifts, suppression anchors for multi-line instructions) and common references.
 */
import { stageChain, type DockerfileModel, type DockerInstruction, type OnbuildTrigger, type Stage } from "../../src/engine/dockerfile/model.js";
import { remainingInstalls } from "../../src/engine/dockerfile/packages.js";
import type { Range, Report, RuleReference } from "../../src/engine/types.js";

export const CIS_DOCKER_BENCHMARK_URL = "https://www.cisecurity.org/benchmark/docker";

export function cisDocker(section: string, title: string): RuleReference {
  return { title: `CIS Docker Benchmark ${section}: ${title}`, url: CIS_DOCKER_BENCHMARK_URL };
}

export const DOCKERFILE_REFERENCE_URL = "https://docs.docker.com/reference/dockerfile/";

export function dockerfileReference(instruction: string): RuleReference {
  return { title: `Dockerfile reference: ${instruction}`, url: `${DOCKERFILE_REFERENCE_URL}#${instruction.toLowerCase()}` };
}

/**
 * A report about `token` inside `instruction`. The fingerprint is the instruction's normalised text
 * plus the token, so it survives lines moving; a comment above the instruction's first line
 * suppresses findings on its continuation lines.
 */
export function reportIn(instruction: DockerInstruction, range: Range, message: string, token: string, extra: Partial<Report> = {}): Report {
  const report: Report = { range, message, fingerprintKey: `${instruction.normalizedText}\u0000${token}`, ...extra };
  if (range.line !== instruction.range.line) report.anchorLines = [instruction.range.line];
  return report;
}

/** How a stage is named in messages: `stage "build"` or `stage 2` (1-based). */
export function stageLabel(stage: Stage): string {
  return stage.name ? `stage "${stage.name}"` : `stage ${stage.index + 1}`;
}

/** The first line of an instruction (where findings about something missing point). */
export function firstLineOf(model: DockerfileModel, instruction: DockerInstruction): Range {
  return model.positions.lineRange(instruction.range.line);
}

/** What every message about an ONBUILD trigger says. */
export const TRIGGER_NOTE = "an ONBUILD trigger, run in every image built FROM this one";

/**
 * ONBUILD triggers of the final image: set in the final stage or a stage it builds on. They do not
 * run in this image; they run in every image built FROM it.
 */
export function finalTriggers(model: DockerfileModel): OnbuildTrigger[] {
  return stageChain(model.finalStage).flatMap((stage) => stage.triggers);
}

/** Packages an ONBUILD RUN installs and does not remove again in the same RUN. */
export function triggerInstalls(trigger: OnbuildTrigger) {
  return trigger.run ? remainingInstalls(trigger.run.packageOperations) : [];
}
