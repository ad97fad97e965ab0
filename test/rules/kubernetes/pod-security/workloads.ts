/**
 * Wraps one pod spec (written at column 1) into each pod-bearing kind, and maps positions in the
 * pod spec to positions in the generated file, so one rule case can be checked in every kind with
 * exact lines and columns.
 */
export type WorkloadKind = "Pod" | "Deployment" | "StatefulSet" | "DaemonSet" | "Job" | "CronJob" | "PodTemplate" | "List" | "Rollout";

export const WORKLOAD_KINDS: readonly WorkloadKind[] = ["Pod", "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "PodTemplate", "List", "Rollout"];

interface Shape {
  /** Lines before the pod spec. */
  header: string[];
  /** Indentation of the pod spec's keys. */
  indent: number;
  /** The resource label of the object. */
  resource: string;
}

function shape(kind: WorkloadKind, podMetadata: string[]): Shape {
  const meta = (indent: number) => podMetadata.map((l) => " ".repeat(indent) + l);
  switch (kind) {
    case "Pod":
      return { header: ["apiVersion: v1", "kind: Pod", "metadata:", "  name: app", ...meta(2), "spec:"], indent: 2, resource: "Pod/app" };
    case "Deployment":
    case "StatefulSet":
    case "DaemonSet":
    case "Job":
      return {
        header: [kind === "Job" ? "apiVersion: batch/v1" : "apiVersion: apps/v1", `kind: ${kind}`, "metadata:", "  name: app", "spec:", "  template:", "    metadata:", "      labels: {app: app}", ...meta(6), "    spec:"],
        indent: 6,
        resource: `${kind}/app`,
      };
    case "Rollout":
      return {
        header: ["apiVersion: argoproj.io/v1alpha1", "kind: Rollout", "metadata:", "  name: app", "spec:", "  template:", "    metadata:", "      labels: {app: app}", ...meta(6), "    spec:"],
        indent: 6,
        resource: "Rollout/app",
      };
    case "PodTemplate":
      return { header: ["apiVersion: v1", "kind: PodTemplate", "metadata:", "  name: app", "template:", "  metadata:", "    labels: {app: app}", ...meta(4), "  spec:"], indent: 4, resource: "PodTemplate/app" };
    case "CronJob":
      return {
        header: ["apiVersion: batch/v1", "kind: CronJob", "metadata:", "  name: app", "spec:", '  schedule: "0 * * * *"', "  jobTemplate:", "    spec:", "      template:", "        metadata:", "          labels: {app: app}", ...meta(10), "        spec:"],
        indent: 10,
        resource: "CronJob/app",
      };
    case "List":
      return { header: ["apiVersion: v1", "kind: List", "items:", "  - apiVersion: v1", "    kind: Pod", "    metadata:", "      name: app", ...meta(6), "    spec:"], indent: 6, resource: "Pod/app" };
  }
}

export interface Workload {
  code: string;
  resource: string;
  /** File line of line `n` (1-based) of the pod spec. */
  line(n: number): number;
  /** File column of column `c` (1-based) on a pod spec line. */
  column(c: number): number;
  /** Line of the `kind:` key (where missing pod-level fields are reported). */
  kindLine: number;
}

/**
 * @param podSpec the pod spec's keys at column 1 ("containers:\n  - name: web ...")
 * @param podMetadata extra lines of the pod's metadata (e.g. annotations), at metadata indentation 0
 */
export function workload(kind: WorkloadKind, podSpec: string, podMetadata: string[] = []): Workload {
  const { header, indent, resource } = shape(kind, podMetadata);
  const body = podSpec.replace(/\n$/, "").split("\n").map((l) => (l === "" ? "" : " ".repeat(indent) + l));
  const code = [...header, ...body, ""].join("\n");
  return {
    code,
    resource,
    line: (n) => header.length + n,
    column: (c) => indent + c,
    kindLine: header.findIndex((l) => /^\s*(?:- )?kind: /.test(l) && !l.includes("List")) + 1,
  };
}
