/**
 * End to end, Kustomize and Helm: the built app (child process) against the GitHub simulator.
 * A pull request that changes an overlay or a chart gets its comments on the lines that produce
 * the problem (the patch line, the images entry, the values line, the template line), and nothing
 * about files that a build only consumes. The reads of a one-overlay change in a 300-file
 * repository stay within 30 requests.
 */
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { randomBytes } from "node:crypto";
import { ensureBuilt } from "./build.js";
import {
  deliverWebhook,
  generateAppKeys,
  pullRequestEvent,
  startApp,
  startGitHubSimulator,
  type CheckRunState,
  type GitHubSimulator,
  type PullState,
  type RepoState,
  type RunningApp,
} from "../../tools/github-simulator/index.js";

const ROOT = process.cwd();
const APP_ID = 31338;
const INSTALLATION_ID = 601;
const keys = generateAppKeys();
const webhookSecret = randomBytes(24).toString("hex");

let sim: GitHubSimulator;
let app: RunningApp;

beforeAll(async () => {
  ensureBuilt(ROOT);
  sim = await startGitHubSimulator({ appId: APP_ID, appPublicKey: keys.publicKeyPem });
  app = await startApp({ cwd: ROOT, appId: APP_ID, privateKeyPem: keys.privateKeyPem, webhookSecret, gheHost: sim.host, logLevel: "info" });
}, 300_000);

afterAll(async () => {
  await app?.stop();
  await sim?.close();
});

function newRepo(name: string, files: Record<string, string>): RepoState {
  return sim.createRepository({ owner: "octo-org", name, installationId: INSTALLATION_ID, files });
}

async function open(repo: RepoState, pull: PullState): Promise<{ run: CheckRunState; requests: number }> {
  const before = sim.state.requests.length;
  const delivered = await deliverWebhook({ url: app.webhookUrl, secret: webhookSecret, event: "pull_request", payload: pullRequestEvent(sim, repo, pull, "opened") });
  expect([200, 202]).toContain(delivered.status);
  try {
    const run = await sim.waitFor(
      (s) => s.checkRuns.find((r) => r.repo === `${repo.owner}/${repo.name}` && r.headSha === pull.headSha && r.status === "completed"),
      60_000,
      `a completed check run in ${repo.name}`,
    );
    await new Promise((r) => setTimeout(r, 800));
    return { run, requests: sim.state.requests.length - before };
  } catch (error) {
    throw new Error(`${(error as Error).message}\napp output:\n${app.output().split("\n").slice(-40).join("\n")}`);
  }
}

const comments = (repo: RepoState, pull: PullState) =>
  sim.state.liveReviewComments(`${repo.owner}/${repo.name}`, pull.number).map((c) => [/rule=(\S+)/.exec(c.body)?.[1] && decodeURIComponent(/rule=(\S+)/.exec(c.body)![1]!), c.path, c.line]);

const HARDENED_BASE = `apiVersion: apps/v1
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

const OVERLAY = `namespace: shop
resources:
  - ../../base
images:
  - name: registry.example.com/shop/web
    newTag: 1.2.4
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

/** A 300-file repository: a hardened base, two overlays, and application code around them. */
function overlayRepository(name: string): RepoState {
  const files: Record<string, string> = {
    "deploy/base/kustomization.yaml": "resources:\n  - deployment.yaml\n",
    "deploy/base/deployment.yaml": HARDENED_BASE,
    "deploy/overlays/prod/kustomization.yaml": OVERLAY,
    "deploy/overlays/staging/kustomization.yaml": OVERLAY.replace("shop", "shop-staging"),
  };
  for (let i = files ? Object.keys(files).length : 0; i < 300; i += 1) files[`src/module${Math.floor(i / 20)}/file${i}.ts`] = `export const value${i} = ${i};\n`;
  return newRepo(name, files);
}

describe("a pull request that changes a Kustomize overlay", () => {
  it("adding a privileged patch to a hardened base's overlay: one comment, on the patch line", async () => {
    const repo = overlayRepository("overlay-patch");
    const pull = sim.createPullRequest(repo, {
      number: 1,
      head: {
        "deploy/overlays/prod/kustomization.yaml": `${OVERLAY}patches:\n  - path: debug-patch.yaml\n`,
        "deploy/overlays/prod/debug-patch.yaml": DEBUG_PATCH,
      },
    });
    const { run, requests } = await open(repo, pull);
    expect(run.conclusion).toBe("failure");
    expect(comments(repo, pull)).toEqual([["k8s/privileged", "deploy/overlays/prod/debug-patch.yaml", 12]]);
    expect(run.annotations.map((a) => [a.title, a.path, a.start_line])).toEqual([["k8s/privileged", "deploy/overlays/prod/debug-patch.yaml", 12]]);
    expect(run.output.text ?? run.output.summary).not.toMatch(/parse-error/);
    // Issue 11: the reads of a one-overlay change in a 300-file repository stay bounded.
    expect(requests).toBeLessThanOrEqual(30);
  }, 90_000);

  it("setting newTag: latest in an overlay: one comment, on that line", async () => {
    const repo = overlayRepository("overlay-latest");
    const head = OVERLAY.replace("newTag: 1.2.4", "newTag: latest");
    const pull = sim.createPullRequest(repo, { number: 2, head: { "deploy/overlays/prod/kustomization.yaml": head } });
    const { run } = await open(repo, pull);
    expect(comments(repo, pull)).toEqual([["k8s/image-latest-tag", "deploy/overlays/prod/kustomization.yaml", 6]]);
    expect(run.conclusion).toBe("success");
  }, 90_000);
});

const CHART_YAML = "apiVersion: v2\nname: shop\nversion: 1.0.0\nappVersion: 1.2.3\n";
const VALUES = `image:
  repository: registry.example.com/shop/web
  tag: 1.2.3
podSecurityContext:
  runAsNonRoot: true
  runAsUser: 10001
  seccompProfile:
    type: RuntimeDefault
securityContext:
  allowPrivilegeEscalation: false
  privileged: false
  readOnlyRootFilesystem: true
  capabilities:
    drop: ["ALL"]
`;
const DEPLOYMENT_TEMPLATE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "shop.fullname" . }}
  labels:
    app: {{ .Chart.Name }}
spec:
  selector:
    matchLabels:
      app: {{ .Chart.Name }}
  template:
    metadata:
      labels:
        app: {{ .Chart.Name }}
    spec:
      automountServiceAccountToken: false
      hostUsers: false
      securityContext:
        {{- toYaml .Values.podSecurityContext | nindent 8 }}
      containers:
        - name: web
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          securityContext:
            {{- toYaml .Values.securityContext | nindent 12 }}
          resources:
            limits:
              cpu: 500m
              memory: 128Mi
`;
const HELPERS = `{{- define "shop.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
`;

function chartRepository(name: string): RepoState {
  return newRepo(name, {
    "charts/shop/Chart.yaml": CHART_YAML,
    "charts/shop/values.yaml": VALUES,
    "charts/shop/templates/deployment.yaml": DEPLOYMENT_TEMPLATE,
    "charts/shop/templates/_helpers.tpl": HELPERS,
    "README.md": "# shop\n",
  });
}

describe("a pull request that changes a Helm chart", () => {
  it("flipping privileged to true in values.yaml: one comment, on that values line", async () => {
    const repo = chartRepository("chart-values");
    const pull = sim.createPullRequest(repo, { number: 3, head: { "charts/shop/values.yaml": VALUES.replace("privileged: false", "privileged: true") } });
    const { run } = await open(repo, pull);
    expect(comments(repo, pull)).toEqual([["k8s/privileged", "charts/shop/values.yaml", 11]]);
    expect(run.conclusion).toBe("failure");
    expect(JSON.stringify(run.output)).not.toMatch(/parse-error/);
  }, 90_000);

  it("adding hostNetwork: true to a template: one comment, on that template line", async () => {
    const repo = chartRepository("chart-template");
    const head = DEPLOYMENT_TEMPLATE.replace("      automountServiceAccountToken: false\n", "      automountServiceAccountToken: false\n      hostNetwork: true\n");
    const pull = sim.createPullRequest(repo, { number: 4, head: { "charts/shop/templates/deployment.yaml": head } });
    const { run } = await open(repo, pull);
    expect(comments(repo, pull)).toEqual([["k8s/host-network", "charts/shop/templates/deployment.yaml", 17]]);
    expect(run.conclusion).toBe("failure");
    expect(JSON.stringify(run.output)).not.toMatch(/parse-error/);
  }, 90_000);
});
