/**
 * The project reviews itself: the app's Dockerfile and its Kubernetes deployment must scan clean at
 * the restricted profile (no finding above info). Each check is paired with a deliberately broken
 * copy that must produce the expected finding, so these tests fail if the rules stop looking.
 */
import { describe, expect, it } from "@jest/globals";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { resolveConfig } from "../src/config/load.js";
import { scan } from "../src/engine/scan.js";
import { SEVERITY_RANK, type Finding, type ScanResult } from "../src/engine/types.js";

const NOW = new Date("2026-11-30T00:00:00Z");
const DEPLOY_DIR = "deploy/kubernetes";

function restricted() {
  const { config, errors } = resolveConfig({ profile: "restricted" }, "self-review");
  expect(errors).toEqual([]);
  return config;
}

function review(files: { path: string; content: string }[]): ScanResult {
  return scan(files, restricted(), { now: NOW });
}

/** Findings a reviewer would see as problems: above info and not waived. */
function problems(result: ScanResult): string[] {
  return result.findings
    .filter((f) => SEVERITY_RANK[f.severity] > SEVERITY_RANK.info && !f.suppressed)
    .map((f) => `${f.file}:${f.line} ${f.severity} ${f.ruleId}: ${f.message}`);
}

function ruleIdsAboveInfo(result: ScanResult): string[] {
  return [...new Set(result.findings.filter((f: Finding) => SEVERITY_RANK[f.severity] > SEVERITY_RANK.info).map((f) => f.ruleId))].sort();
}

const dockerfile = { path: "Dockerfile", content: readFileSync("Dockerfile", "utf8") };
/** Every YAML file under deploy/ (the whole folder is reviewed, as `container-review scan deploy/` would). */
function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? yamlFilesUnder(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [`${dir}/${e.name}`] : []))
    .sort();
}
const manifests = yamlFilesUnder("deploy").map((path) => ({ path, content: readFileSync(path, "utf8") }));
const deployment = manifests.find((m) => m.path === `${DEPLOY_DIR}/deployment.yaml`);

/** The deployment with one edit applied; fails loudly if the text to replace is not there. */
function brokenDeployment(find: string | RegExp, replace: string): { path: string; content: string } {
  if (!deployment) throw new Error("deploy/kubernetes/deployment.yaml is missing");
  const content = deployment.content.replace(find, replace);
  if (content === deployment.content) throw new Error(`edit did not apply: ${String(find)}`);
  return { path: deployment.path, content };
}

describe("the app's Dockerfile", () => {
  it("is analyzed as a Dockerfile (not skipped)", () => {
    expect(review([dockerfile]).files).toEqual([{ path: "Dockerfile", kind: "dockerfile", status: "analyzed" }]);
  });

  it("has no finding at all at the restricted profile (not even the info-level HEALTHCHECK note)", () => {
    expect(review([dockerfile]).findings.map((f) => `${f.line} ${f.ruleId}: ${f.message}`)).toEqual([]);
  });
});

describe("the build context (.dockerignore)", () => {
  const patterns = readFileSync(".dockerignore", "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
  const allowed = patterns.filter((p) => p.startsWith("!")).map((p) => p.slice(1));

  it("starts from nothing and keeps keys, env files and host node_modules out", () => {
    expect(patterns[0]).toBe("*");
    expect(patterns).toEqual(expect.arrayContaining(["**/*.pem", "**/*.key", "**/.env", "**/.env.*", "**/node_modules"]));
  });

  it("lets in everything the Dockerfile copies from the context, and nothing it does not need", () => {
    const sources = [...dockerfile.content.matchAll(/^COPY (?!--from)(?:--\S+ )*(.+) \S+$/gm)].flatMap((m) => (m[1] ?? "").split(/\s+/));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(allowed).toContain(source);
    expect([...allowed].sort()).toEqual([...new Set(sources)].sort());
  });
});

describe("the image and its deployment together", () => {
  it("have no finding above info, cross-file rules included", () => {
    expect(problems(review([dockerfile, ...manifests]))).toEqual([]);
  });
});

describe("the app's Kubernetes deployment", () => {
  it("has every required object, and every manifest is analyzed", () => {
    const result = review(manifests);
    expect(result.files.filter((f) => f.status !== "analyzed")).toEqual([]);
    const kinds = manifests.flatMap((m) => [...m.content.matchAll(/^kind: (\w+)$/gm)].map((k) => k[1])).sort();
    expect(kinds).toEqual(
      // The Redis overlay (deploy/kubernetes/redis) adds a Kustomization and a NetworkPolicy.
      ["Deployment", "HorizontalPodAutoscaler", "Kustomization", "Kustomization", "Namespace", "NetworkPolicy", "NetworkPolicy", "PodDisruptionBudget", "Service", "ServiceAccount"],
    );
  });

  it("has no finding above info at the restricted profile", () => {
    expect(problems(review(manifests))).toEqual([]);
  });

  it("references the credentials through secretKeyRef and never holds their values", () => {
    const text = deployment?.content ?? "";
    for (const name of ["APP_ID", "PRIVATE_KEY", "WEBHOOK_SECRET"]) {
      expect(text).toMatch(new RegExp(`- name: ${name}\\n\\s+valueFrom:\\n\\s+secretKeyRef:`));
    }
    const all = manifests.map((m) => m.content).join("\n");
    expect(all).not.toMatch(/BEGIN [A-Z ]*PRIVATE KEY/);
    expect(all).not.toMatch(/^kind: Secret$/m);
  });
});

/** The Dockerfile with one edit applied; fails loudly if the text to replace is not there. */
function brokenDockerfile(find: string | RegExp, replace: string): { path: string; content: string } {
  const content = dockerfile.content.replace(find, replace);
  if (content === dockerfile.content) throw new Error(`edit did not apply: ${String(find)}`);
  return { path: dockerfile.path, content };
}

const RUNTIME_FROM = /gcr\.io\/distroless\/nodejs22-debian12:nonroot@sha256:[0-9a-f]{64}/;

describe("deliberately broken copies are caught (the self-review can fail)", () => {
  const useRootBaseImage = (text: string) => text.replace(RUNTIME_FROM, "gcr.io/distroless/nodejs22-debian12@sha256:" + "a".repeat(64));
  it.each([
    { name: "USER root", find: "USER 65532:65532", replace: "USER root", ruleId: "dockerfile/root-user" },
    { name: "a named USER (runAsNonRoot cannot verify it)", find: "USER 65532:65532", replace: "USER nonroot", ruleId: "dockerfile/non-numeric-user" },
    { name: "USER removed on a base image that runs as root", find: /\nUSER 65532:65532/, replace: "", ruleId: "dockerfile/root-user", also: useRootBaseImage },
    { name: "an end-of-life Node 20 runtime", find: RUNTIME_FROM, replace: "node:20-slim@sha256:" + "b".repeat(64), ruleId: "dockerfile/eol-base-image" },
    { name: "a floating latest tag", find: RUNTIME_FROM, replace: "node:latest", ruleId: "dockerfile/latest-tag" },
    {
      name: "a token baked into ENV",
      find: "    PORT=3000",
      replace: "    PORT=3000 \\\n    GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789",
      ruleId: "dockerfile/secret-in-env",
    },
  ])("Dockerfile with $name", ({ find, replace, ruleId, also }: { find: string | RegExp; replace: string; ruleId: string; also?: (t: string) => string }) => {
    const broken = brokenDockerfile(find, replace);
    const result = review([{ ...broken, content: also ? also(broken.content) : broken.content }]);
    expect(ruleIdsAboveInfo(result)).toContain(ruleId);
  });

  it("Dockerfile without HEALTHCHECK gets the (info) missing-healthcheck note", () => {
    const result = review([brokenDockerfile(/HEALTHCHECK[^\n]*\\\n[^\n]*\n/, "")]);
    expect(result.findings.map((f) => f.ruleId)).toContain("dockerfile/missing-healthcheck");
  });

  it.each([
    ["privileged: true injected", "privileged: false", "privileged: true", "k8s/privileged"],
    ["allowPrivilegeEscalation removed", /\n\s+allowPrivilegeEscalation: false/, "", "k8s/allow-privilege-escalation"],
    ["capabilities no longer dropped", /\n\s+capabilities:\n\s+drop:\n\s+- ALL/, "", "k8s/capabilities-not-dropped"],
    ["host network turned on", "      enableServiceLinks: false", "      enableServiceLinks: false\n      hostNetwork: true", "k8s/host-network"],
    ["runAsUser 0", /runAsUser: 65532\n(\s+)runAsGroup: 65532\n(\s+)capabilities/, "runAsUser: 0\n$1runAsGroup: 65532\n$2capabilities", "k8s/run-as-user-root"],
    ["seccomp profile removed everywhere", /\n\s+seccompProfile:\n\s+type: RuntimeDefault/g, "", "k8s/seccomp-missing"],
  ])("deployment with %s", (_name, find, replace, ruleId) => {
    const result = review([brokenDeployment(find, replace)]);
    expect(ruleIdsAboveInfo(result)).toContain(ruleId);
  });
});
