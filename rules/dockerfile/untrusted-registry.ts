import type { Range, Report, Rule } from "../../src/engine/types.js";
import { isRegistryAllowed, parseImageReference } from "../../src/engine/image-reference.js";
import { findStage, type DockerfileModel, type DockerInstruction } from "../../src/engine/dockerfile/model.js";
import { expandVariables, hasVariable } from "../../src/engine/dockerfile/variables.js";
import { cisDocker, dockerfileReference, reportIn } from "./support.js";
import type { Copy } from "dockerfile-ast";

interface ImageUse {
  instruction: DockerInstruction;
  written: string;
  /** undefined: a variable without a known value */
  resolved: string | undefined;
  range: Range;
  via: string;
}

export const untrustedRegistry: Rule<DockerfileModel> = {
  meta: {
    id: "dockerfile/untrusted-registry",
    kind: "dockerfile",
    title: "Image from a registry that is not allowed",
    severity: "error",
    requiresConfig: "allowedRegistries",
    rationale:
      "Every image a build pulls runs code in the build or ships in the result. Organisations that mirror and scan images in their own registries need every reference to go through them: not only FROM, but also `COPY --from=<image>` and `RUN --mount=...,from=<image>`, which pull images just the same. Unqualified names come from Docker Hub (docker.io).",
    remediation:
      "Pull the image through an allowed registry (a mirror or your own registry), or add its registry to `allowedRegistries`. Entries are registry hosts (`docker.io` for images written without one), `*.example.com` for its sub-domains (not `example.com` itself), a host with a path prefix (`ghcr.io/my-org` allows one organisation), or `\"*\"` for every registry.",
    references: [cisDocker("4.2", "Ensure that containers use only trusted base images"), dockerfileReference("FROM")],
    standards: ["cis-docker-4.2"],
    examples: { bad: "FROM docker.io/library/alpine:3.20\n", good: "FROM registry.example.com/mirror/alpine:3.20\n" },
  },
  check(model, ctx): Report[] {
    const allowed = ctx.config.allowedRegistries;
    if (allowed === null) return [];
    const uses: ImageUse[] = [];
    for (const stage of model.stages) {
      const from = stage.from;
      if (!from.stage && !from.isScratch && from.written !== "") {
        uses.push({ instruction: from.instruction, written: from.written, resolved: from.resolved, range: from.imageRange, via: "FROM" });
      }
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== "COPY") continue;
        const flag = (instruction.node as Copy).getFromFlag?.();
        const value = flag?.getValue();
        const valueRange = flag?.getValueRange();
        if (!flag || !value || !valueRange) continue;
        uses.push(resolveUse(instruction, value, model.positions.fromLsp(valueRange), "COPY --from"));
      }
    }
    for (const run of model.runs) {
      for (const mount of run.mounts) {
        if (mount.from) uses.push(resolveUse(run.instruction, mount.from.value, mount.from.range, "RUN --mount from="));
      }
    }
    const list = allowed.join(", ") || "(empty list)";
    const reports: Report[] = [];
    for (const use of uses) {
      if (use.resolved === undefined) {
        reports.push(
          reportIn(use.instruction, use.range, `cannot verify the registry of ${use.via} ${use.written}: it depends on a build argument with no known value (allowed: ${list})`, use.written, { severity: "warning" }),
        );
        continue;
      }
      if (use.via !== "FROM" && (/^\d+$/.test(use.resolved) || findStage(model, use.resolved))) continue;
      if (use.resolved.toLowerCase() === "scratch") continue;
      const ref = parseImageReference(use.resolved);
      if (!ref) continue;
      if (isRegistryAllowed(ref, allowed)) continue;
      reports.push(
        reportIn(use.instruction, use.range, `${use.via} ${use.resolved} pulls from ${ref.registry}, which is not an allowed registry (allowed: ${list})`, use.resolved),
      );
    }
    return reports;
  },
};

function resolveUse(instruction: DockerInstruction, value: string, range: Range, via: string): ImageUse {
  let resolved: string | undefined = value;
  if (hasVariable(value)) {
    const e = expandVariables(value, instruction.scope);
    resolved = e.unresolved.length > 0 ? undefined : e.value;
  }
  return { instruction, written: value, resolved, range, via };
}
