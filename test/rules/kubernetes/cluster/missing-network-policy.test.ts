import { describe, expect, it } from "@jest/globals";
import { ruleTester } from "../../../helpers/rule-tester.js";
import { scan } from "../../../../src/engine/scan.js";
import { DEFAULT_CONFIG } from "../../../../src/config/schema.js";

const deployment = (name: string, namespace?: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ""}spec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: app:1.0\n`;
const policy = (namespace?: string, kind = "NetworkPolicy", apiVersion = "networking.k8s.io/v1") =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: default-deny\n${namespace ? `  namespace: ${namespace}\n` : ""}spec:\n  podSelector: {}\n  policyTypes: [Ingress]\n`;

ruleTester("k8s/missing-network-policy", {
  valid: [
    { code: `${deployment("web", "shop")}---\n${policy("shop")}` },
    { name: "default namespace on both sides", code: `${policy()}---\n${deployment("web")}` },
    { name: "Cilium policy", code: `${deployment("web", "shop")}---\n${policy("shop", "CiliumNetworkPolicy", "cilium.io/v2")}` },
    { name: "cluster-wide Calico policy", code: `${deployment("web", "shop")}---\n${policy(undefined, "GlobalNetworkPolicy", "projectcalico.org/v3")}` },
    { name: "no workloads", code: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n" },
    { name: "a PodTemplate runs nothing", code: "apiVersion: v1\nkind: PodTemplate\nmetadata:\n  name: t\ntemplate:\n  spec:\n    containers:\n      - name: a\n        image: a:1\n" },
  ],
  invalid: [
    {
      code: `${deployment("web", "shop")}---\n${deployment("api", "shop")}---\n${deployment("tool")}---\n${policy("other")}`,
      errors: [
        {
          line: 2,
          column: 1,
          endColumn: 5,
          severity: "info",
          resource: "Deployment/shop/web",
          message: 'namespace "shop" runs Deployment/shop/web and 1 more workload but no NetworkPolicy for it is among the scanned files: its pods accept traffic from every pod in the cluster',
        },
        { line: 26, resource: "Deployment/tool", message: 'namespace "default" runs Deployment/tool but no NetworkPolicy for it is among the scanned files: its pods accept traffic from every pod in the cluster' },
      ],
    },
    {
      name: "suppressed by an annotation on the first workload",
      code: deployment("web", "shop").replace("  namespace: shop\n", '  namespace: shop\n  annotations:\n    ignore.container-review.dev/missing-network-policy: "policies live in the platform repository"\n'),
      errors: [{ line: 2, suppressed: true }],
    },
  ],
});

describe("k8s/missing-network-policy across files", () => {
  const run = (files: { path: string; content: string }[]) =>
    scan(files, DEFAULT_CONFIG, { now: new Date("2026-11-30T00:00:00Z") }).findings.filter((f) => f.ruleId === "k8s/missing-network-policy");

  it("accepts a NetworkPolicy from another file", () => {
    expect(run([{ path: "app/deploy.yaml", content: deployment("web", "shop") }, { path: "policies/shop.yaml", content: policy("shop") }])).toEqual([]);
  });

  it("reports once per namespace, in the file of its first workload", () => {
    const found = run([
      { path: "a/web.yaml", content: deployment("web", "shop") },
      { path: "b/api.yaml", content: deployment("api", "shop") },
      { path: "c/job.yaml", content: deployment("batch", "jobs") },
      { path: "Dockerfile", content: "FROM alpine:3.20\n" },
    ]);
    expect(found.map((f) => [f.file, f.line, f.resource])).toEqual([
      ["a/web.yaml", 2, "Deployment/shop/web"],
      ["c/job.yaml", 2, "Deployment/jobs/batch"],
    ]);
    expect(found[0].message).toMatch(/^namespace "shop" runs Deployment\/shop\/web and 1 more workload but/);
  });

  it("keeps the same fingerprint when lines shift", () => {
    const before = run([{ path: "a.yaml", content: deployment("web", "shop") }]);
    const after = run([{ path: "a.yaml", content: `# a comment\n\n${deployment("web", "shop")}` }]);
    expect(after[0].line).toBe(4);
    expect(after[0].fingerprint).toBe(before[0].fingerprint);
  });
});
