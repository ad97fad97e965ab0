/**
 * Differential tests: buildKustomization against `kubectl kustomize` (Kustomize v5.5.0) on every
 * kustomization of the shared trees. Byte-identical output is the goal; the known differences are
 * listed in KNOWN with the reason. Skips with one line when kubectl or the trees are missing.
 */
import { describe, expect, test } from "@jest/globals";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { buildKustomization } from "../../../src/render/kustomize/index.js";
import { DiskSourceView } from "./disk-view.js";

const TREES = process.env.TREES_DIR ?? resolve("../shared/trees");

function hasKubectl(): boolean {
  try {
    execFileSync("kubectl", ["version", "--client"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function kustomizationDirs(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (["kustomization.yaml", "kustomization.yml", "Kustomization"].includes(e.name)) out.push(dir);
    }
  };
  walk(root);
  return out.sort();
}

/** Builds whose kubectl output we knowingly do not reproduce, with the reason. */
const KNOWN: Record<string, string> = {
  "kubernetes-sigs_kustomize/examples/loadHttp": "remote resource (not fetched by design)",
};

/**
 * ingress-nginx's overlays post-process `manifest.yaml`, which the repository's script renders
 * from the chart with Helm before running Kustomize. A stand-in with the kinds and fields the
 * overlays touch (a Deployment with replicas, its Service, ConfigMap, RBAC) takes its place in a
 * temporary copy, so both builds run on the same complete input.
 */
const INGRESS_MANIFEST = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: ingress-nginx
  namespace: ingress-nginx
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ingress-nginx-controller
  namespace: ingress-nginx
data:
  allow-snippet-annotations: "false"
---
apiVersion: v1
kind: Service
metadata:
  name: ingress-nginx-controller
  namespace: ingress-nginx
  annotations:
    service.beta.kubernetes.io/aws-load-balancer-type: nlb
spec:
  type: LoadBalancer
  externalTrafficPolicy: Local
  ports:
    - name: http
      port: 80
      protocol: TCP
      targetPort: http
    - name: https
      port: 443
      protocol: TCP
      targetPort: https
  selector:
    app.kubernetes.io/name: ingress-nginx
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ingress-nginx-controller
  namespace: ingress-nginx
spec:
  replicas: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: ingress-nginx
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ingress-nginx
    spec:
      containers:
        - name: controller
          image: "registry.k8s.io/ingress-nginx/controller:v1.12.0@sha256:e6b8de175acda6ca913891f0f727bca4527e797d52688cbe9fec9040d6f6b6fa"
          args:
            - /nginx-ingress-controller
            - --publish-service=$(POD_NAMESPACE)/ingress-nginx-controller
          securityContext:
            runAsNonRoot: true
            runAsUser: 101
            allowPrivilegeEscalation: false
            capabilities:
              drop: [ALL]
              add: [NET_BIND_SERVICE]
          ports:
            - name: http
              containerPort: 80
            - name: https
              containerPort: 443
      serviceAccountName: ingress-nginx
---
apiVersion: batch/v1
kind: Job
metadata:
  name: ingress-nginx-admission-create
  namespace: ingress-nginx
spec:
  template:
    spec:
      containers:
        - name: create
          image: registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.5.0
      restartPolicy: OnFailure
`;

if (!existsSync(TREES)) {
  console.warn(`trees not found at ${TREES}; set TREES_DIR`);
  test.skip("kustomize differential tests (trees missing)", () => {});
} else if (!hasKubectl()) {
  console.warn("kubectl not found; kustomize differential tests skipped");
  test.skip("kustomize differential tests (kubectl missing)", () => {});
} else {
  const view = new DiskSourceView(TREES);
  describe("ingress-nginx manifest templates, with a stand-in for the Helm-rendered manifest.yaml", () => {
    const src = join(TREES, "kubernetes_ingress-nginx/hack/manifest-templates");
    if (!existsSync(src)) return;
    for (const dir of kustomizationDirs(src)) {
      const rel = relative(src, dir);
      test(rel, async () => {
        const tmp = mkdtempSync(join(tmpdir(), "kdiff-"));
        try {
          cpSync(src, tmp, { recursive: true });
          writeFileSync(join(tmp, "common/manifest.yaml"), INGRESS_MANIFEST);
          const expected = execFileSync("kubectl", ["kustomize", join(tmp, rel)], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
          const result = await buildKustomization(new DiskSourceView(tmp), rel);
          expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
          expect(result.text).toBe(expected);
          expect(expected).toContain("kind: Deployment");
        } finally {
          rmSync(tmp, { recursive: true, force: true });
        }
      });
    }
  });
  describe("buildKustomization vs kubectl kustomize", () => {
    for (const dir of kustomizationDirs(TREES)) {
      const rel = relative(TREES, dir);
      const t = KNOWN[rel] ? test.skip : test;
      t(rel + (KNOWN[rel] ? ` (known difference: ${KNOWN[rel]})` : ""), async () => {
        let expected: string | undefined;
        try {
          expected = execFileSync("kubectl", ["kustomize", dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
        } catch {
          expected = undefined;
        }
        const result = await buildKustomization(view, rel);
        if (expected === undefined) {
          expect(result.text).toBe("");
          expect(result.problems.some((p) => p.severity === "error")).toBe(true);
        } else {
          expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
          expect(result.text).toBe(expected);
        }
      });
    }
  });
}
