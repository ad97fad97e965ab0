/**
 * The real charts of ../shared/trees render with their defaults as `helm template` renders them.
 * Each case checks the exact list of printed documents (template and kind, in Helm's install
 * order: kinds first, then file names, hooks last) and lines known from the chart's values.
 */
import { afterAll, describe, expect, it } from "@jest/globals";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { MemorySourceView } from "../../../../src/source/view.js";
import { originAt } from "../../../../src/render/provenance.js";
import { renderChart, type HelmRenderOptions } from "../../../../src/render/helm/index.js";
import type { RenderResult } from "../../../../src/render/types.js";
import { HAVE_TREES, TREES, viewOf } from "./trees.js";

if (!HAVE_TREES) console.warn(`trees not found at ${TREES}; set TREES_DIR`);
const maybe = HAVE_TREES ? describe : describe.skip;

/** "TEMPLATE KIND" of each printed document. */
function documents(result: RenderResult): string[] {
  return result.text
    .split(/^---\n/m)
    .slice(1)
    .map((doc) => `${/^# Source: (.*)$/m.exec(doc)?.[1] ?? "?"} ${/^kind: (.*)$/m.exec(doc)?.[1] ?? ""}`.trim());
}

function errors(result: RenderResult): string[] {
  return result.problems.filter((p) => p.severity === "error").map((p) => `${p.file}:${p.line ?? ""} ${p.message}`);
}

function originOfLine(result: RenderResult, line: string): { file: string; line: number } | undefined {
  const at = result.text.indexOf(line);
  if (at < 0) return undefined;
  const o = originAt(result.text, result.segments, at + line.length - 1);
  return o && { file: o.file, line: o.line };
}

const timings: string[] = [];

async function render(label: string, view: MemorySourceView, dir: string, options: HelmRenderOptions = {}): Promise<RenderResult> {
  const t0 = performance.now();
  const result = await renderChart(view, dir, options);
  timings.push(`${label}: ${(performance.now() - t0).toFixed(0)} ms`);
  return result;
}

const RBAC = ["ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"];

maybe("real charts render with their defaults", () => {
  const bitnami = HAVE_TREES ? viewOf(join(TREES, "bitnami_charts"), ["bitnami"]) : undefined!;
  const prometheus = HAVE_TREES ? viewOf(join(TREES, "prometheus-community_helm-charts"), ["charts"]) : undefined!;
  const ingress = HAVE_TREES ? viewOf(join(TREES, "kubernetes_ingress-nginx"), ["charts"]) : undefined!;

  afterAll(() => console.log(`helm template render times (the first includes warm-up):\n${timings.join("\n")}`));

  it("bitnami/nginx (with bitnami/common found beside it)", async () => {
    const result = await render("bitnami/nginx", bitnami, "bitnami/nginx");
    expect(errors(result)).toStrictEqual([]);
    expect(documents(result)).toStrictEqual([
      "nginx/templates/networkpolicy.yaml NetworkPolicy",
      "nginx/templates/pdb.yaml PodDisruptionBudget",
      "nginx/templates/serviceaccount.yaml ServiceAccount",
      "nginx/templates/tls-secret.yaml Secret",
      "nginx/templates/svc.yaml Service",
      "nginx/templates/deployment.yaml Deployment",
    ]);
    expect(result.text).toContain("\n          image: docker.io/bitnami/nginx:1.29.1-debian-12-r0\n");
    expect(result.text).toContain("\n  name: release-name-nginx\n  namespace: \"default\"\n");
    // The container's `privileged: false` comes from values.yaml's containerSecurityContext.
    expect(originOfLine(result, "            privileged: false")).toStrictEqual({ file: "bitnami/nginx/values.yaml", line: 311 });
    expect(result.consumed).toContain("bitnami/common/templates/_names.tpl");
  });

  it("bitnami/redis", async () => {
    const result = await render("bitnami/redis", bitnami, "bitnami/redis");
    expect(errors(result)).toStrictEqual([]);
    expect(documents(result)).toStrictEqual([
      "redis/templates/networkpolicy.yaml NetworkPolicy",
      "redis/templates/master/pdb.yaml PodDisruptionBudget",
      "redis/templates/replicas/pdb.yaml PodDisruptionBudget",
      "redis/templates/master/serviceaccount.yaml ServiceAccount",
      "redis/templates/replicas/serviceaccount.yaml ServiceAccount",
      "redis/templates/secret.yaml Secret",
      "redis/templates/configmap.yaml ConfigMap",
      "redis/templates/health-configmap.yaml ConfigMap",
      "redis/templates/scripts-configmap.yaml ConfigMap",
      "redis/templates/headless-svc.yaml Service",
      "redis/templates/master/service.yaml Service",
      "redis/templates/replicas/service.yaml Service",
      "redis/templates/master/application.yaml StatefulSet",
      "redis/templates/replicas/application.yaml StatefulSet",
    ]);
    expect(result.text).toContain("\n          image: docker.io/bitnami/redis:8.2.1-debian-12-r0\n");
  });

  it("bitnami/postgresql", async () => {
    const result = await render("bitnami/postgresql", bitnami, "bitnami/postgresql");
    expect(errors(result)).toStrictEqual([]);
    expect(documents(result)).toStrictEqual([
      "postgresql/templates/primary/networkpolicy.yaml NetworkPolicy",
      "postgresql/templates/primary/pdb.yaml PodDisruptionBudget",
      "postgresql/templates/serviceaccount.yaml ServiceAccount",
      "postgresql/templates/secrets.yaml Secret",
      "postgresql/templates/primary/svc-headless.yaml Service",
      "postgresql/templates/primary/svc.yaml Service",
      "postgresql/templates/primary/statefulset.yaml StatefulSet",
    ]);
    expect(result.text).toContain("\n          image: docker.io/bitnami/postgresql:17.6.0-debian-12-r4\n");
  });

  it("bitnami/mariadb", async () => {
    const result = await render("bitnami/mariadb", bitnami, "bitnami/mariadb");
    expect(errors(result)).toStrictEqual([]);
    expect(documents(result)).toStrictEqual([
      "mariadb/templates/networkpolicy.yaml NetworkPolicy",
      "mariadb/templates/primary/pdb.yaml PodDisruptionBudget",
      "mariadb/templates/serviceaccount.yaml ServiceAccount",
      "mariadb/templates/secrets.yaml Secret",
      "mariadb/templates/primary/configmap.yaml ConfigMap",
      "mariadb/templates/headless-svc.yaml Service",
      "mariadb/templates/primary/svc.yaml Service",
      "mariadb/templates/primary/statefulset.yaml StatefulSet",
    ]);
    expect(result.text).toContain("\n          image: docker.io/bitnami/mariadb:12.0.2-debian-12-r0\n");
  });

  it("bitnami/memcached", async () => {
    const result = await render("bitnami/memcached", bitnami, "bitnami/memcached");
    expect(errors(result)).toStrictEqual([]);
    expect(documents(result)).toStrictEqual([
      "memcached/templates/networkpolicy.yaml NetworkPolicy",
      "memcached/templates/pdb.yaml PodDisruptionBudget",
      "memcached/templates/serviceaccount.yaml ServiceAccount",
      "memcached/templates/service.yaml Service",
      "memcached/templates/deployment.yaml Deployment",
    ]);
    expect(result.text).toContain("\n          image: docker.io/bitnami/memcached:1.6.39-debian-12-r0\n");
  });

  it("bitnami/wordpress (mariadb enabled, memcached disabled by its condition)", async () => {
    const result = await render("bitnami/wordpress", bitnami, "bitnami/wordpress");
    expect(errors(result)).toStrictEqual([]);
    expect(documents(result)).toStrictEqual([
      "wordpress/charts/mariadb/templates/networkpolicy.yaml NetworkPolicy",
      "wordpress/templates/networkpolicy.yaml NetworkPolicy",
      "wordpress/charts/mariadb/templates/primary/pdb.yaml PodDisruptionBudget",
      "wordpress/templates/pdb.yaml PodDisruptionBudget",
      "wordpress/charts/mariadb/templates/serviceaccount.yaml ServiceAccount",
      "wordpress/templates/serviceaccount.yaml ServiceAccount",
      "wordpress/charts/mariadb/templates/secrets.yaml Secret",
      "wordpress/templates/secrets.yaml Secret",
      "wordpress/charts/mariadb/templates/primary/configmap.yaml ConfigMap",
      "wordpress/templates/pvc.yaml PersistentVolumeClaim",
      "wordpress/charts/mariadb/templates/headless-svc.yaml Service",
      "wordpress/charts/mariadb/templates/primary/svc.yaml Service",
      "wordpress/templates/svc.yaml Service",
      "wordpress/templates/deployment.yaml Deployment",
      "wordpress/charts/mariadb/templates/primary/statefulset.yaml StatefulSet",
    ]);
    expect(result.text).toContain("\n          image: docker.io/bitnami/wordpress:6.8.2-debian-12-r4\n");
    expect(result.text).toContain("\n          image: docker.io/bitnami/mariadb:12.0.2-debian-12-r0\n");
    expect(result.consumed).toContain("bitnami/mariadb/values.yaml");
    expect(result.consumed).not.toContain("bitnami/memcached/templates/deployment.yaml");
  });

  it("prometheus with its four dependencies found beside it", async () => {
    const result = await render("prometheus", prometheus, "charts/prometheus");
    expect(errors(result)).toStrictEqual([]);
    expect(documents(result)).toStrictEqual([
      "prometheus/charts/alertmanager/templates/serviceaccount.yaml ServiceAccount",
      "prometheus/charts/kube-state-metrics/templates/serviceaccount.yaml ServiceAccount",
      "prometheus/charts/prometheus-node-exporter/templates/serviceaccount.yaml ServiceAccount",
      "prometheus/charts/prometheus-pushgateway/templates/serviceaccount.yaml ServiceAccount",
      "prometheus/templates/serviceaccount.yaml ServiceAccount",
      "prometheus/charts/alertmanager/templates/configmap.yaml ConfigMap",
      "prometheus/templates/cm.yaml ConfigMap",
      "prometheus/templates/pvc.yaml PersistentVolumeClaim",
      "prometheus/charts/kube-state-metrics/templates/role.yaml ClusterRole",
      "prometheus/templates/clusterrole.yaml ClusterRole",
      "prometheus/charts/kube-state-metrics/templates/clusterrolebinding.yaml ClusterRoleBinding",
      "prometheus/templates/clusterrolebinding.yaml ClusterRoleBinding",
      "prometheus/charts/alertmanager/templates/services.yaml Service",
      "prometheus/charts/alertmanager/templates/services.yaml Service",
      "prometheus/charts/kube-state-metrics/templates/service.yaml Service",
      "prometheus/charts/prometheus-node-exporter/templates/service.yaml Service",
      "prometheus/charts/prometheus-pushgateway/templates/service.yaml Service",
      "prometheus/templates/service.yaml Service",
      "prometheus/charts/prometheus-node-exporter/templates/daemonset.yaml DaemonSet",
      "prometheus/charts/kube-state-metrics/templates/deployment.yaml Deployment",
      "prometheus/charts/prometheus-pushgateway/templates/deployment.yaml Deployment",
      "prometheus/templates/deploy.yaml Deployment",
      "prometheus/charts/alertmanager/templates/statefulset.yaml StatefulSet",
    ]);
    expect(result.text).toContain('\n          image: "quay.io/prometheus/prometheus:v3.14.0"\n');
    expect(result.text).toContain("\n          image: quay.io/prometheus/node-exporter:v1.12.1\n");
    expect(result.problems).toStrictEqual([]);
  });

  it("ingress-nginx with its defaults: hooks after the manifests", async () => {
    const result = await render("ingress-nginx", ingress, "charts/ingress-nginx");
    expect(errors(result)).toStrictEqual([]);
    expect(documents(result)).toStrictEqual([
      "ingress-nginx/templates/controller-serviceaccount.yaml ServiceAccount",
      "ingress-nginx/templates/controller-configmap.yaml ConfigMap",
      "ingress-nginx/templates/clusterrole.yaml ClusterRole",
      "ingress-nginx/templates/clusterrolebinding.yaml ClusterRoleBinding",
      "ingress-nginx/templates/controller-role.yaml Role",
      "ingress-nginx/templates/controller-rolebinding.yaml RoleBinding",
      "ingress-nginx/templates/controller-service-webhook.yaml Service",
      "ingress-nginx/templates/controller-service.yaml Service",
      "ingress-nginx/templates/controller-deployment.yaml Deployment",
      "ingress-nginx/templates/controller-ingressclass.yaml IngressClass",
      "ingress-nginx/templates/admission-webhooks/validating-webhook.yaml ValidatingWebhookConfiguration",
      // Two comment lines outside the template's `if`: a document without a kind, printed (unknown kinds last).
      "ingress-nginx/templates/controller-poddisruptionbudget.yaml",
      "ingress-nginx/templates/admission-webhooks/job-patch/serviceaccount.yaml ServiceAccount",
      "ingress-nginx/templates/admission-webhooks/job-patch/clusterrole.yaml ClusterRole",
      "ingress-nginx/templates/admission-webhooks/job-patch/clusterrolebinding.yaml ClusterRoleBinding",
      "ingress-nginx/templates/admission-webhooks/job-patch/role.yaml Role",
      "ingress-nginx/templates/admission-webhooks/job-patch/rolebinding.yaml RoleBinding",
      "ingress-nginx/templates/admission-webhooks/job-patch/job-createSecret.yaml Job",
      "ingress-nginx/templates/admission-webhooks/job-patch/job-patchWebhook.yaml Job",
    ]);
    expect(result.text).toContain(
      "\n---\n# Source: ingress-nginx/templates/controller-poddisruptionbudget.yaml\n# PDB is not supported for DaemonSets.\n# https://github.com/kubernetes/kubernetes/issues/108124\n---\n",
    );
    expect(result.text.startsWith("---\n# Source: ingress-nginx/templates/controller-serviceaccount.yaml\napiVersion: v1\nkind: ServiceAccount\n")).toBe(true);
    expect(result.text).toContain(
      "\n          image: registry.k8s.io/ingress-nginx/controller:v1.15.1@sha256:594ceea76b01c592858f803f9ff4d2cb40542cae2060410b2c95f75907d659e1\n",
    );
  });

  // Kinds of each ci/*-values.yaml render ("-": the comment-only PDB document), RBAC objects left out.
  const CI: Record<string, string> = {
    "admission-webhooks-cert-manager-values.yaml": "ConfigMap Service Service Deployment IngressClass ValidatingWebhookConfiguration - Certificate Certificate Issuer Issuer",
    "controller-configmap-addheaders-values.yaml": "ConfigMap ConfigMap Service Service Deployment IngressClass ValidatingWebhookConfiguration - Job Job",
    "controller-configmap-proxyheaders-values.yaml": "ConfigMap ConfigMap Service Service Deployment IngressClass ValidatingWebhookConfiguration - Job Job",
    "controller-configmap-values.yaml": "ConfigMap Service Service Deployment IngressClass ValidatingWebhookConfiguration - Job Job",
    "controller-daemonset-metrics-values.yaml": "ConfigMap Service Service Service DaemonSet IngressClass ValidatingWebhookConfiguration - Job Job",
    "controller-daemonset-podannotations-values.yaml": "ConfigMap Service Service DaemonSet IngressClass ValidatingWebhookConfiguration - Job Job",
    "controller-daemonset-values.yaml": "ConfigMap Service Service DaemonSet IngressClass ValidatingWebhookConfiguration - Job Job",
    "controller-deployment-metrics-values.yaml": "ConfigMap Service Service Service Deployment IngressClass ValidatingWebhookConfiguration - Job Job",
    "controller-deployment-podannotations-values.yaml": "ConfigMap Service Service Deployment IngressClass ValidatingWebhookConfiguration - Job Job",
    "controller-deployment-values.yaml": "ConfigMap Service Service Deployment IngressClass ValidatingWebhookConfiguration - Job Job",
    "controller-hpa-values.yaml": "ConfigMap Service Service Deployment HorizontalPodAutoscaler IngressClass ValidatingWebhookConfiguration - Job Job",
    "controller-ingressclass-values.yaml": "ConfigMap Service Service Deployment IngressClass ValidatingWebhookConfiguration - Job Job",
    "controller-service-internal-values.yaml": "ConfigMap Service Service Service Deployment IngressClass ValidatingWebhookConfiguration - Job Job",
    "controller-service-values.yaml": "ConfigMap ConfigMap ConfigMap Service Service Deployment IngressClass ValidatingWebhookConfiguration - Job Job",
  };

  it("ingress-nginx has exactly these ci/*-values.yaml files", () => {
    expect(readdirSync(join(TREES, "kubernetes_ingress-nginx/charts/ingress-nginx/ci")).sort()).toStrictEqual(Object.keys(CI).sort());
  });

  it.each(Object.keys(CI))("ingress-nginx -f ci/%s", async (file) => {
    const result = await render(`ingress-nginx -f ci/${file}`, ingress, "charts/ingress-nginx", { valuesFiles: [`charts/ingress-nginx/ci/${file}`] });
    expect(errors(result)).toStrictEqual([]);
    const kinds = documents(result)
      .map((d) => (d.includes(" ") ? d.slice(d.lastIndexOf(" ") + 1) : "-"))
      .filter((k) => !RBAC.includes(k));
    expect(kinds.join(" ")).toBe(CI[file]);
    expect(result.consumed).toContain(`charts/ingress-nginx/ci/${file}`);
  });
});
