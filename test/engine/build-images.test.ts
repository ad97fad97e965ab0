/**
 * Images a build tool replaces at deploy time are not judged as untagged: Skaffold rewrites every
 * manifest reference to one of its artifacts into the pushed, digest-pinned image, and ko builds
 * `ko://` references.
 */
import { describe, expect, it } from "@jest/globals";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import { builtBy, collectBuildImages } from "../../src/engine/build-images.js";
import { scan, type ScanInputFile } from "../../src/engine/scan.js";
import { toTextFile } from "../../src/engine/decode.js";
import { kubernetesHandler } from "../../src/engine/kubernetes/handler.js";

const NOW = new Date("2026-11-30T00:00:00Z");

const SKAFFOLD = `apiVersion: skaffold/v4beta11
kind: Config
metadata:
  name: shop
build:
  artifacts:
    - image: adservice
      context: src/adservice
    - image: ghcr.io/shop/cartservice
      context: src/cartservice
manifests:
  rawYaml: ["kubernetes-manifests/*.yaml"]
profiles:
  - name: debug
    build:
      artifacts:
        - image: loadgenerator
          context: src/loadgenerator
`;

function deployment(name: string, image: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  template:
    spec:
      containers:
        - name: server
          image: ${image}
`;
}

function latestTagFindings(files: ScanInputFile[]): string[] {
  return scan(files, DEFAULT_CONFIG, { now: NOW })
    .findings.filter((f) => f.ruleId === "k8s/image-latest-tag")
    .map((f) => `${f.file}:${f.line}`);
}

describe("images built by skaffold are not judged as untagged", () => {
  const manifests: ScanInputFile[] = [
    { path: "kubernetes-manifests/adservice.yaml", content: deployment("adservice", "adservice") },
    { path: "kubernetes-manifests/adservice-latest.yaml", content: deployment("adservice2", "adservice:latest") },
    { path: "kubernetes-manifests/cartservice.yaml", content: deployment("cartservice", "ghcr.io/shop/cartservice") },
    { path: "kubernetes-manifests/loadgenerator.yaml", content: deployment("loadgenerator", "loadgenerator") },
    { path: "kubernetes-manifests/redis.yaml", content: deployment("redis", "redis") },
    { path: "kubernetes-manifests/other-registry.yaml", content: deployment("other", "gcr.io/elsewhere/adservice") },
    { path: "kubernetes-manifests/ko.yaml", content: deployment("ko", "ko://github.com/shop/worker/cmd/worker") },
  ];

  it("reports only the images no skaffold artifact builds", () => {
    expect(latestTagFindings([{ path: "skaffold.yaml", content: SKAFFOLD }, ...manifests])).toStrictEqual([
      "kubernetes-manifests/other-registry.yaml:10",
      "kubernetes-manifests/redis.yaml:10",
    ]);
  });

  it("reports them all without the skaffold config (except ko://, which ko always builds)", () => {
    expect(latestTagFindings(manifests)).toStrictEqual([
      "kubernetes-manifests/adservice-latest.yaml:10",
      "kubernetes-manifests/adservice.yaml:10",
      "kubernetes-manifests/cartservice.yaml:10",
      "kubernetes-manifests/loadgenerator.yaml:10",
      "kubernetes-manifests/other-registry.yaml:10",
      "kubernetes-manifests/redis.yaml:10",
    ]);
  });

  it("ignores files that only look like skaffold configs (another kind, another apiVersion)", () => {
    const notSkaffold = SKAFFOLD.replace("kind: Config", "kind: ConfigMap");
    const otherApi = SKAFFOLD.replace("skaffold/v4beta11", "example.com/v1");
    for (const content of [notSkaffold, otherApi]) {
      expect(latestTagFindings([{ path: "skaffold.yaml", content }, manifests[0]])).toStrictEqual(["kubernetes-manifests/adservice.yaml:10"]);
    }
  });

  it("collects artifact images (profiles too) with where they are declared; the config itself has no findings", () => {
    const file = toTextFile("skaffold.yaml", SKAFFOLD);
    const parsed = kubernetesHandler.parse(file, DEFAULT_CONFIG);
    expect(collectBuildImages([{ file, kind: "kubernetes", model: parsed.model }])).toStrictEqual(
      new Map([
        ["docker.io/library/adservice", { tool: "skaffold", file: "skaffold.yaml", line: 7 }],
        ["ghcr.io/shop/cartservice", { tool: "skaffold", file: "skaffold.yaml", line: 9 }],
        ["docker.io/library/loadgenerator", { tool: "skaffold", file: "skaffold.yaml", line: 17 }],
      ]),
    );
    const result = scan([{ path: "skaffold.yaml", content: SKAFFOLD }], DEFAULT_CONFIG, { now: NOW });
    expect(result.errors).toStrictEqual([]);
    expect(result.findings).toStrictEqual([]);
  });
});

describe("builtBy", () => {
  const images = new Map([["docker.io/library/adservice", { tool: "skaffold", file: "skaffold.yaml", line: 7 }]]);
  it.each([
    ["adservice", "skaffold"],
    ["adservice:latest", "skaffold"],
    ["docker.io/library/adservice", "skaffold"],
    ["index.docker.io/library/adservice:dev", "skaffold"],
    ["ko://github.com/org/app", "ko"],
    ["other/adservice", undefined],
    ["${IMAGE}", undefined],
    ["", undefined],
  ])("%s -> %s", (image, tool) => {
    expect(builtBy(image, images)?.tool).toBe(tool);
  });

  it("takes nothing from an empty list", () => {
    expect(collectBuildImages([])).toStrictEqual(new Map());
    expect(builtBy("adservice", undefined)).toBeUndefined();
  });
});
