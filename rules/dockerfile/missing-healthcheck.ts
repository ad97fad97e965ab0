import type { Report, Rule } from "../../src/engine/types.js";
import { effectiveHealthcheck, stageChain, type DockerfileModel } from "../../src/engine/dockerfile/model.js";
import { cisDocker, dockerfileReference, firstLineOf, reportIn } from "./support.js";

export const missingHealthcheck: Rule<DockerfileModel> = {
  meta: {
    id: "dockerfile/missing-healthcheck",
    kind: "dockerfile",
    title: "Final image has no HEALTHCHECK",
    severity: "info",
    rationale:
      "Without a health check, Docker and compose only know whether the process exists, not whether it still serves; a hung or half-broken (possibly compromised) container keeps receiving traffic. Only the final image is judged, and a HEALTHCHECK inherited through `FROM <stage>` counts. `HEALTHCHECK NONE` is taken as an explicit decision (for example, Kubernetes probes the service instead: it ignores HEALTHCHECK), so it is not reported, in the final stage or inherited.",
    remediation: "Add `HEALTHCHECK CMD <command that exits 0 when the service works>` to the final stage, e.g. `HEALTHCHECK --interval=30s CMD [\"/app/healthcheck\"]`. On Kubernetes, define liveness and readiness probes.",
    references: [cisDocker("4.6", "Ensure that HEALTHCHECK instructions have been added to container images"), dockerfileReference("HEALTHCHECK")],
    standards: ["cis-docker-4.6"],
    examples: {
      bad: "FROM nginx:1.27-alpine\nCOPY site /usr/share/nginx/html\n",
      good: "FROM nginx:1.27-alpine\nCOPY site /usr/share/nginx/html\nHEALTHCHECK CMD wget -qO- http://127.0.0.1/ || exit 1\n",
    },
  },
  check(model): Report[] {
    const stage = model.finalStage;
    // A HEALTHCHECK in effect, or `HEALTHCHECK NONE`: an explicit decision (e.g. the orchestrator
    // probes the service), respected in the final stage and through FROM <stage>.
    if (effectiveHealthcheck(stage)) return [];
    const where = stageChain(stage).length > 1 ? " (nor in the stages it builds on)" : "";
    return [reportIn(stage.from.instruction, firstLineOf(model, stage.from.instruction), `the final stage has no HEALTHCHECK${where}: a hung service keeps running unnoticed; add HEALTHCHECK CMD ...`, "no-healthcheck")];
  },
};
