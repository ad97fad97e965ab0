/**
 * The CLI on Kustomize overlays: `render` prints what `kustomize build` prints, and `scan` judges
 * what the overlay deploys, with each finding on the line that produced it (the patch line, the
 * `newTag:` entry, the base), the patch never judged on its own, and `--baseline` comparing renders.
 */
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main, type CliIo } from "../../src/cli/main.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "cr-render-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(rel: string, text: string): void {
  mkdirSync(join(dir, rel, ".."), { recursive: true });
  writeFileSync(join(dir, rel), text);
}

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd: dir, color: false, now: new Date("2026-11-30T00:00:00Z") };
  const code = await main(args, io);
  return { code, out, err };
}

export const HARDENED_BASE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      automountServiceAccountToken: false
      hostUsers: false
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        runAsGroup: 10001
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: web
          image: registry.example.com/shop/web:1.2.3
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: ["ALL"]
          resources:
            requests:
              cpu: 100m
              memory: 64Mi
            limits:
              cpu: 500m
              memory: 128Mi
`;

const DEBUG_PATCH = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  template:
    spec:
      containers:
        - name: web
          securityContext:
            privileged: true
`;

function hardenedTree(overlay: string): void {
  write("base/kustomization.yaml", "resources:\n  - deployment.yaml\n");
  write("base/deployment.yaml", HARDENED_BASE);
  write("overlays/prod/kustomization.yaml", overlay);
  write("overlays/prod/debug-patch.yaml", DEBUG_PATCH);
  write("overlays/prod/networkpolicy.yaml", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n");
}

const OVERLAY = `namespace: shop
resources:
  - ../../base
  - networkpolicy.yaml
patches:
  - path: debug-patch.yaml
images:
  - name: registry.example.com/shop/web
    newTag: latest
`;

interface JsonFinding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  roots?: string[];
}

describe("scan on a Kustomize overlay", () => {
  it("judges what the overlay deploys, on the patch line and the images entry; the patch alone is never judged", async () => {
    hardenedTree(OVERLAY);
    const { code, out } = await run("scan", "--format", "json", ".");
    const findings = (JSON.parse(out) as { findings: JsonFinding[] }).findings.map((f) => [f.ruleId, f.file, f.line, f.column, f.roots]);
    expect(findings).toEqual([
      ["k8s/privileged", "overlays/prod/debug-patch.yaml", 12, 13, ["overlays/prod"]],
      ["k8s/image-latest-tag", "overlays/prod/kustomization.yaml", 9, 13, ["overlays/prod"]],
    ].sort((a, b) => String(a[1]).localeCompare(String(b[1]))));
    expect(code).toBe(1);
  });

  it("a base used by two overlays: one finding naming both roots", async () => {
    write("base/kustomization.yaml", "resources:\n  - deployment.yaml\n");
    write("base/deployment.yaml", HARDENED_BASE.replace("            allowPrivilegeEscalation: false\n", ""));
    write("overlays/a/kustomization.yaml", "namePrefix: a-\nresources:\n  - ../../base\n");
    write("overlays/b/kustomization.yaml", "namePrefix: b-\nresources:\n  - ../../base\n");
    const { out } = await run("scan", "--format", "json", ".");
    const escalation = (JSON.parse(out) as { findings: JsonFinding[] }).findings.filter((f) => f.ruleId === "k8s/allow-privilege-escalation");
    expect(escalation.map((f) => [f.file, f.line, f.roots])).toEqual([["base/deployment.yaml", 24, ["overlays/a", "overlays/b"]]]);
  });

  it("--baseline REF renders the overlay at the revision: only what the change added is new", async () => {
    hardenedTree(OVERLAY.replace("patches:\n  - path: debug-patch.yaml\n", ""));
    const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "pipe" });
    git("init", "-q");
    git("-c", "user.email=a@b", "-c", "user.name=a", "add", ".");
    git("-c", "user.email=a@b", "-c", "user.name=a", "commit", "-qm", "base");
    write("overlays/prod/kustomization.yaml", OVERLAY);
    const { out } = await run("scan", "--format", "json", "--baseline", "HEAD", ".");
    const findings = (JSON.parse(out) as { findings: (JsonFinding & { baseline: string })[] }).findings.map((f) => [f.ruleId, f.baseline]);
    expect(findings).toEqual([
      ["k8s/privileged", "new"],
      ["k8s/image-latest-tag", "existing"],
    ]);
  });

  it("render prints the build; a broken overlay names the file and exits 2", async () => {
    hardenedTree(OVERLAY);
    const ok = await run("render", "overlays/prod");
    expect(ok.code).toBe(0);
    expect(ok.out).toContain("kind: Deployment\nmetadata:\n  name: web\n  namespace: shop\n");
    expect(ok.out).toContain("image: registry.example.com/shop/web:latest");
    write("overlays/broken/kustomization.yaml", "resources:\n  - missing.yaml\n");
    const bad = await run("render", "overlays/broken");
    expect(bad.code).toBe(2);
    expect(bad.out).toBe("");
    expect(bad.err).toMatch(/^container-review: error: overlays\/broken\/kustomization\.yaml(:\d+(:\d+)?)?: .*missing\.yaml/m);
  });
});

const CHART = {
  "charts/shop/Chart.yaml": "apiVersion: v2\nname: shop\nversion: 1.0.0\n",
  "charts/shop/values.yaml": "hostNetwork: false\nimage: registry.example.com/shop/web:1.2.3\n",
  "charts/shop/values-debug.yaml": "hostNetwork: true\n",
  "charts/shop/templates/pod.yaml":
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  hostNetwork: {{ .Values.hostNetwork }}\n  containers:\n    - name: web\n      image: {{ .Values.image }}\n",
};

describe("scan on a Helm chart", () => {
  it("judges the chart as rendered with its defaults and with each configured values file, on the values line", async () => {
    for (const [path, text] of Object.entries(CHART)) write(path, text);
    write(".github/container-review.yml", "helm:\n  charts:\n    charts/shop: { valuesFiles: [values-debug.yaml] }\n");
    const { out } = await run("scan", "--format", "json", "charts");
    const findings = (JSON.parse(out) as { findings: JsonFinding[] }).findings;
    expect(findings.filter((f) => f.ruleId === "k8s/host-network").map((f) => [f.file, f.line, f.column, f.roots])).toEqual([
      ["charts/shop/values-debug.yaml", 1, 14, ["charts/shop -f charts/shop/values-debug.yaml"]],
    ]);
    // A template is never judged as raw YAML: no templated-manifest parse error.
    expect(findings.filter((f) => f.ruleId === "k8s/parse-error")).toEqual([]);
  });

  it("a template named alone is judged through its chart", async () => {
    for (const [path, text] of Object.entries(CHART)) write(path, text.replace("hostNetwork: false", "hostNetwork: true"));
    const { out } = await run("scan", "--format", "json", "charts/shop/templates/pod.yaml");
    const findings = (JSON.parse(out) as { findings: JsonFinding[] }).findings;
    expect(findings.filter((f) => f.ruleId === "k8s/host-network").map((f) => [f.file, f.line])).toEqual([["charts/shop/values.yaml", 1]]);
    expect(findings.filter((f) => f.ruleId === "k8s/parse-error")).toEqual([]);
  });

  it("render takes Helm's options", async () => {
    for (const [path, text] of Object.entries(CHART)) write(path, text);
    const { code, out } = await run("render", "charts/shop", "--release-name", "web", "--set", "hostNetwork=true");
    expect(code).toBe(0);
    expect(out).toBe(
      "---\n# Source: shop/templates/pod.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostNetwork: true\n  containers:\n    - name: web\n      image: registry.example.com/shop/web:1.2.3\n",
    );
  });
});
