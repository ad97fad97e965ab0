/** Manifests for the workload rule tests; every line is fixed so the expected positions are exact. */

/** A Deployment whose single container has `extra` (indented 10 spaces) after `image:` (line 9). */
export function deployment(extra = "", podExtra = ""): string {
  return [
    "apiVersion: apps/v1", // 1
    "kind: Deployment", // 2
    "metadata:", // 3
    "  name: web", // 4
    "spec:", // 5
    "  template:", // 6
    "    spec:", // 7
    "      containers:", // 8
    "        - name: app", // 9
    "          image: nginx:1.27", // 10
    ...(extra ? extra.split("\n").map((l) => `          ${l}`) : []),
    ...(podExtra ? podExtra.split("\n").map((l) => `      ${l}`) : []),
  ].join("\n") + "\n";
}

/** A hardened container body (no finding for the per-container rules), to append under `image:`. */
export const HARDENED = [
  "securityContext:",
  "  readOnlyRootFilesystem: true",
  "resources:",
  "  limits:",
  "    memory: 128Mi",
  "    cpu: 250m",
].join("\n");

/** A CronJob with an init container (line 12) and a container (line 15). */
export function cronJob(initExtra = "", mainExtra = ""): string {
  return [
    "apiVersion: batch/v1", // 1
    "kind: CronJob", // 2
    "metadata:", // 3
    "  name: nightly", // 4
    "  namespace: jobs", // 5
    "spec:", // 6
    "  schedule: \"0 3 * * *\"", // 7
    "  jobTemplate:", // 8
    "    spec:", // 9
    "      template:", // 10
    "        spec:", // 11
    "          initContainers:", // 12
    "            - name: setup", // 13
    "              image: busybox:1.36", // 14
    ...(initExtra ? initExtra.split("\n").map((l) => `              ${l}`) : []),
    "          containers:",
    "            - name: job",
    "              image: busybox:1.36",
    ...(mainExtra ? mainExtra.split("\n").map((l) => `              ${l}`) : []),
  ].join("\n") + "\n";
}
