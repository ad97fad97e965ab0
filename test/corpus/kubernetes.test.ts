/**
 * Every real-world manifest of the shared corpus (../shared/corpus/k8s) in one scan: nothing
 * crashes, no rule fails, every finding lies inside its file, Helm templates come out as the
 * info-level parse error, and a handful of files give exactly the Pod Security findings a reader
 * of those files expects.
 */
import { beforeAll, describe, expect, it } from "@jest/globals";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import { kubernetesHandler } from "../../src/engine/kubernetes/handler.js";
import { scan } from "../../src/engine/scan.js";
import type { Finding, ScanResult } from "../../src/engine/types.js";
import { podSecurityRules } from "../../rules/kubernetes/pod-security/index.js";
import { corpusPath, corpusPresent } from "../helpers/corpus.js";

const corpusRoot = corpusPath("k8s");
const present = corpusPresent("k8s");
const describeCorpus = present ? describe : describe.skip;
const podSecurityIds = new Set(podSecurityRules.map((r) => r.meta.id));

interface CorpusFile {
  path: string;
  content: string;
}

let files: CorpusFile[] = [];
let result: ScanResult;
const findingsByFile = new Map<string, Finding[]>();

beforeAll(() => {
  if (!present) return;
  files = readdirSync(corpusRoot)
    .sort()
    .flatMap((repo) =>
      readdirSync(join(corpusRoot, repo))
        .sort()
        .map((name) => ({ path: `${repo}/${name}`, content: readFileSync(join(corpusRoot, repo, name), "utf8") })),
    );
  result = scan(files, undefined, { now: new Date("2026-11-30T00:00:00Z") });
  for (const f of result.findings) findingsByFile.set(f.file, [...(findingsByFile.get(f.file) ?? []), f]);
}, 240_000);

/** Pod Security findings of one file as "line:column rule container". */
function podSecurity(path: string): string[] {
  return (findingsByFile.get(path) ?? []).filter((f) => podSecurityIds.has(f.ruleId)).map((f) => `${f.line}:${f.column} ${f.ruleId}${f.container ? ` ${f.container}` : ""}`);
}

describeCorpus("the Kubernetes corpus", () => {
  it("is present and large", () => {
    expect(existsSync(corpusRoot)).toBe(true);
    expect(files.length).toBeGreaterThan(2000);
  });

  it("scans without scan errors and accounts for every file", () => {
    expect(result.errors).toEqual([]);
    expect(result.files).toHaveLength(files.length);
    const analyzed = result.files.filter((f) => f.status === "analyzed").length;
    expect(analyzed).toBeGreaterThan(1500);
  });

  it("puts every finding inside its file", () => {
    const lineCounts = new Map(files.map((f) => [f.path, f.content.split(/\r?\n/).length]));
    const outside = result.findings.filter((f) => {
      const lines = lineCounts.get(f.file) ?? 0;
      return f.line < 1 || f.line > lines || f.endLine < f.line || f.endLine > lines || f.column < 1 || (f.endLine === f.line && f.endColumn < f.column);
    });
    expect(outside).toEqual([]);
  });

  it("reports Helm templates once, at severity info, and analyzes nothing else in them", () => {
    const templates = files.filter((f) => f.path.includes("templates__") && f.content.includes("{{"));
    expect(templates.length).toBeGreaterThan(300);
    const status = new Map(result.files.map((f) => [f.path, f.status]));
    let reported = 0;
    for (const template of templates) {
      const own = findingsByFile.get(template.path) ?? [];
      if (status.get(template.path) === "not-applicable") {
        // No apiVersion/kind text at all (e.g. `{{ .Files.Get ... }}` or `{{/* ... */}}` only).
        expect([template.path, own]).toEqual([template.path, []]);
        expect(/apiVersion\s*:[\s\S]*kind\s*:|kind\s*:[\s\S]*apiVersion\s*:/.test(template.content)).toBe(false);
        continue;
      }
      reported += 1;
      expect([template.path, own.map((f) => [f.ruleId, f.severity])]).toEqual([template.path, [["k8s/parse-error", "info"]]]);
      expect(own[0].message).toMatch(/^templated manifest.*not analyzed; render it first/);
    }
    expect(reported).toBeGreaterThan(300);
  });

  it("reports the broken YAML of real files as k8s/parse-error errors at the broken line", () => {
    const broken = findingsByFile.get("GoogleCloudPlatform_kubernetes-engine-samples/ai-ml__infw-gw__examples__getting-started__vllm-llama3-8b-instruct.yaml") ?? [];
    expect(broken.filter((f) => f.ruleId === "k8s/parse-error").map((f) => [f.line, f.severity])).toEqual([[16, "error"]]);
  });

  it("analyzes a manifest whose only template markers are a Jinja chat template inside a ConfigMap block scalar", () => {
    const path = "GoogleCloudPlatform_kubernetes-engine-samples/ai-ml__adk-vllm__deploy-llm__deploy-llm.yaml";
    expect(result.files.find((f) => f.path === path)?.status).toBe("analyzed");
    expect(podSecurity(path)).toEqual([
      "33:9 k8s/allow-privilege-escalation inference-server",
      "33:9 k8s/capabilities-not-dropped inference-server",
      "33:9 k8s/run-as-non-root inference-server",
      "33:9 k8s/seccomp-missing inference-server",
    ]);
  });

  it("node-exporter DaemonSet (kube-prometheus): host namespaces, host paths, SYS_TIME, hostPort; pod runAsNonRoot is inherited", () => {
    expect(podSecurity("prometheus-operator_kube-prometheus/manifests__nodeExporter-daemonset.yaml")).toEqual([
      "42:9 k8s/seccomp-missing node-exporter",
      "54:15 k8s/capabilities-added node-exporter",
      "80:11 k8s/host-port kube-rbac-proxy",
      "100:7 k8s/host-network",
      "101:7 k8s/host-pid",
      "113:9 k8s/host-path",
      "116:9 k8s/host-path",
    ]);
  });

  it("metrics-server base Deployment follows the restricted profile: no Pod Security findings", () => {
    expect(podSecurity("kubernetes-sigs_metrics-server/manifests__base__deployment.yaml")).toEqual([]);
  });

  it("sysdig agent DaemonSet: privileged, host namespaces and six host paths", () => {
    expect(podSecurity("kubernetes_examples/_archived__sysdig-cloud__sysdig-daemonset.yaml")).toEqual([
      "20:9 k8s/host-path",
      "24:9 k8s/host-path",
      "27:9 k8s/host-path",
      "30:9 k8s/host-path",
      "33:9 k8s/host-path",
      "36:9 k8s/host-path",
      "38:7 k8s/host-network",
      "39:7 k8s/host-pid",
      "41:9 k8s/allow-privilege-escalation sysdig-agent",
      "41:9 k8s/capabilities-not-dropped sysdig-agent",
      "41:9 k8s/run-as-non-root sysdig-agent",
      "41:9 k8s/seccomp-missing sysdig-agent",
      "44:10 k8s/privileged sysdig-agent",
    ]);
  });

  it("voting-app db Deployment: only the restricted controls, on the container's name line", () => {
    expect(podSecurity("dockersamples_example-voting-app/k8s-specifications__db-deployment.yaml")).toEqual([
      "19:9 k8s/allow-privilege-escalation postgres",
      "19:9 k8s/capabilities-not-dropped postgres",
      "19:9 k8s/run-as-non-root postgres",
      "19:9 k8s/seccomp-missing postgres",
    ]);
  });

  /**
   * Kyverno's Pod Security policies ship good and bad pods and pod controllers for every control.
   * They were written against an independent implementation, so they check our reading of the
   * standard: no finding of the matching rules on a good file, at least one on every bad object.
   */
  describe("agrees with Kyverno's pod-security test resources", () => {
    const controls: Record<string, string[]> = {
      "baseline__disallow-capabilities": ["k8s/capabilities-added"],
      "baseline__disallow-host-namespaces": ["k8s/host-network", "k8s/host-pid", "k8s/host-ipc"],
      "baseline__disallow-host-path": ["k8s/host-path"],
      "baseline__disallow-host-ports": ["k8s/host-port"],
      "baseline__disallow-host-process": ["k8s/windows-host-process"],
      "baseline__disallow-privileged-containers": ["k8s/privileged"],
      "baseline__disallow-proc-mount": ["k8s/proc-mount"],
      "baseline__disallow-selinux": ["k8s/selinux-options"],
      "baseline__restrict-apparmor-profiles": ["k8s/apparmor-unconfined"],
      "baseline__restrict-seccomp": ["k8s/seccomp-unconfined"],
      "baseline__restrict-sysctls": ["k8s/unsafe-sysctls"],
      "restricted__disallow-capabilities-strict": ["k8s/capabilities-not-dropped", "k8s/capabilities-added"],
      "restricted__disallow-privilege-escalation": ["k8s/allow-privilege-escalation"],
      "restricted__require-run-as-non-root-user": ["k8s/run-as-user-root"],
      "restricted__require-run-as-nonroot": ["k8s/run-as-non-root"],
      "restricted__restrict-seccomp-strict": ["k8s/seccomp-missing", "k8s/seccomp-unconfined"],
      "restricted__restrict-volume-types": ["k8s/volume-types", "k8s/host-path"],
    };
    /**
     * Kyverno's SELinux policy predates policy 1.31, which allows container_engine_t; these bad
     * objects use only that type (or other allowed ones), so the newest standard accepts them.
     */
    const allowedSinceNewerPolicy: Record<string, string[]> = {
      "baseline__disallow-selinux pod-bad": ["Pod/badpod01-new", "Pod/badpod03-new", "Pod/badpod04-new"],
      "baseline__disallow-selinux podcontroller-bad": ["Deployment/baddeployment01-new", "CronJob/badcronjob01-new"],
    };

    for (const [control, ruleIds] of Object.entries(controls)) {
      it(control, () => {
        for (const variant of ["pod-good", "podcontroller-good", "pod-bad", "podcontroller-bad"]) {
          const path = `kyverno_policies/pod-security__${control}__.chainsaw-test__${variant}.yaml`;
          const file = files.find((f) => f.path === path);
          expect([path, file !== undefined]).toEqual([path, true]);
          const flagged = (findingsByFile.get(path) ?? []).filter((f) => ruleIds.includes(f.ruleId));
          if (variant.endsWith("good")) {
            expect([path, flagged.map((f) => `${f.line} ${f.message}`)]).toEqual([path, []]);
            continue;
          }
          const text = file!.content;
          const model = kubernetesHandler.parse({ path, text, lines: text.split("\n"), eol: "\n" }, DEFAULT_CONFIG).model;
          const objects = model?.podSpecs.map((p) => p.object.resource) ?? [];
          expect(objects.length).toBeGreaterThan(0);
          const flaggedObjects = new Set(flagged.map((f) => f.resource));
          expect([path, objects.filter((o) => !flaggedObjects.has(o))]).toEqual([path, allowedSinceNewerPolicy[`${control} ${variant}`] ?? []]);
        }
      });
    }
  });
});
