/**
 * Real findings for every rule, from the rules' own documentation examples: Dockerfile and compose
 * examples are whole files; Kubernetes examples are fragments (a container, a pod spec, a
 * securityContext, RBAC rules), so each is tried inside the smallest manifest it fits in. Rules
 * whose example cannot stand alone (engine rules, cross-file rules, limits) get a small input of
 * their own. Used to check what every rule's findings look like in a review comment.
 */
import { resolveConfig } from "../../src/config/load.js";
import type { UserConfig } from "../../src/config/schema.js";
import { scan, type ScanInputFile } from "../../src/engine/scan.js";
import type { Finding, RuleMeta } from "../../src/engine/types.js";
import { allRules } from "../../rules/index.js";

const NOW = new Date("2026-11-30T00:00:00Z");

function indent(text: string, spaces: number): string {
  return text
    .split("\n")
    .map((line) => (line.trim() === "" ? line : " ".repeat(spaces) + line))
    .join("\n");
}

const POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\n";
const CONTAINER = `${POD}spec:\n  containers:\n    - name: web\n      image: nginx:1.27\n`;

/** The manifests a Kubernetes example fragment is tried in, in order. */
function kubernetesWrappings(fragment: string): string[] {
  return [
    fragment,
    `apiVersion: v1\n${fragment.startsWith("kind:") ? "" : "kind: Pod\n"}${fragment.includes("metadata:") ? "" : "metadata:\n  name: web\n  namespace: shop\n"}${fragment}`,
    `${POD}${fragment}`,
    `${POD}spec:\n${indent(fragment, 2)}`,
    `${CONTAINER}${indent(fragment, 6)}`,
    `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r\n${fragment}`,
    `apiVersion: rbac.authorization.k8s.io/v1\n${fragment}`,
  ];
}

/** Inputs for rules whose documentation example is not a scannable file. */
const SPECIAL: Record<string, { files: ScanInputFile[]; config?: UserConfig }> = {
  "suppression/missing-reason": { files: [{ path: "Dockerfile", content: "FROM alpine:3.20\n# container-review ignore=dockerfile/root-user\nUSER root\n" }] },
  "suppression/unknown-rule": { files: [{ path: "Dockerfile", content: "FROM alpine:3.20\n# container-review ignore=dockerfile/rootuser runs as root on purpose\nUSER root\n" }] },
  "scan/file-too-large": { files: [{ path: "Dockerfile", content: `FROM alpine:3.20\n${"RUN true\n".repeat(200)}` }], config: { limits: { maxFileBytes: 100 } } },
  "compose/parse-error": { files: [{ path: "compose.yaml", content: "services:\n  web: [unclosed\n" }] },
  "cross/named-user-run-as-non-root": {
    files: [
      { path: "web/Dockerfile", content: "FROM node:22-alpine\nUSER app\n" },
      { path: "compose.yaml", content: "services:\n  web:\n    image: shop/web:1.0\n    build: ./web\n" },
      { path: "deploy/web.yaml", content: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      securityContext:\n        runAsNonRoot: true\n      containers:\n        - name: web\n          image: shop/web:1.0\n` },
    ],
  },
};

function run(files: ScanInputFile[], user: UserConfig): Finding[] {
  const { config, errors } = resolveConfig(user, "test config");
  if (errors.length > 0) throw new Error(errors.join("\n"));
  return scan(files, config, { now: NOW }).findings;
}

function defaultPath(meta: RuleMeta): string {
  if (meta.kind === "dockerfile") return "Dockerfile";
  if (meta.kind === "compose") return "compose.yaml";
  return "manifest.yaml";
}

/** Every rule's findings on its documentation example (or its special input); empty when none came out. */
export function exampleFindings(): Map<RuleMeta, Finding[]> {
  const out = new Map<RuleMeta, Finding[]>();
  for (const { meta } of allRules()) {
    const config: UserConfig = meta.requiresConfig === "allowedRegistries" ? { allowedRegistries: ["registry.example.com"] } : {};
    const special = SPECIAL[meta.id];
    let found: Finding[] = [];
    if (special) {
      found = run(special.files, { ...config, ...special.config }).filter((f) => f.ruleId === meta.id);
    } else {
      const bad = meta.examples?.bad ?? "";
      const candidates = meta.kind === "kubernetes" ? kubernetesWrappings(bad) : [bad];
      for (const code of candidates) {
        found = run([{ path: defaultPath(meta), content: code }], config).filter((f) => f.ruleId === meta.id);
        if (found.length > 0) break;
      }
    }
    out.set(meta, found);
  }
  return out;
}
