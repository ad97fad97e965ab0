import { describe, expect, it } from "@jest/globals";
import { isPinnedByDigest, isRegistryAllowed, parseImageReference, usesLatestTag } from "../../src/engine/image-reference.js";

describe("parseImageReference", () => {
  it.each([
    ["nginx", "docker.io", "library/nginx", undefined, undefined],
    ["nginx:1.27", "docker.io", "library/nginx", "1.27", undefined],
    ["bitnami/redis:7", "docker.io", "bitnami/redis", "7", undefined],
    ["ghcr.io/org/app:v1", "ghcr.io", "org/app", "v1", undefined],
    ["localhost:5000/app", "localhost:5000", "app", undefined, undefined],
    ["registry.example.com:443/team/app@sha256:" + "a".repeat(64), "registry.example.com:443", "team/app", undefined, "sha256:" + "a".repeat(64)],
    ["index.docker.io/library/node:20", "docker.io", "library/node", "20", undefined],
  ])("%s", (raw, registry, repository, tag, digest) => {
    const ref = parseImageReference(raw);
    expect(ref && { registry: ref.registry, repository: ref.repository, tag: ref.tag, digest: ref.digest }).toEqual({ registry, repository, tag, digest });
  });

  it("refuses empty and spaced references", () => {
    expect(parseImageReference("")).toBeNull();
    expect(parseImageReference("nginx latest")).toBeNull();
    expect(parseImageReference("nginx:")).toBeNull();
  });

  it("knows latest, untagged and digests", () => {
    expect(usesLatestTag(parseImageReference("nginx")!)).toBe(true);
    expect(usesLatestTag(parseImageReference("nginx:latest")!)).toBe(true);
    expect(usesLatestTag(parseImageReference("nginx:latest@sha256:" + "b".repeat(64))!)).toBe(false);
    expect(usesLatestTag(parseImageReference("nginx:1.27")!)).toBe(false);
    expect(isPinnedByDigest(parseImageReference("nginx@sha256:" + "c".repeat(64))!)).toBe(true);
    expect(isPinnedByDigest(parseImageReference("nginx:1.27")!)).toBe(false);
    expect(parseImageReference("app:${TAG}")!.hasVariables).toBe(true);
  });
});

describe("isRegistryAllowed", () => {
  const ref = (s: string) => parseImageReference(s)!;
  it("matches hosts, wildcards and path prefixes", () => {
    expect(isRegistryAllowed(ref("nginx"), ["docker.io"])).toBe(true);
    expect(isRegistryAllowed(ref("nginx"), ["ghcr.io"])).toBe(false);
    expect(isRegistryAllowed(ref("registry.example.com/app"), ["*.example.com"])).toBe(true);
    expect(isRegistryAllowed(ref("example.com/app"), ["*.example.com"])).toBe(false);
    expect(isRegistryAllowed(ref("evil-example.com/app"), ["*.example.com"])).toBe(false);
    expect(isRegistryAllowed(ref("ghcr.io/my-org/app"), ["ghcr.io/my-org"])).toBe(true);
    expect(isRegistryAllowed(ref("ghcr.io/my-org-evil/app"), ["ghcr.io/my-org"])).toBe(false);
  });
});

describe("isRegistryAllowed with wildcards", () => {
  it.each([
    // "*" allows every registry, Docker Hub images written without a host included.
    ["nginx", "*", true],
    ["bitnami/redis:7", "*", true],
    ["ghcr.io/org/app:v1", "*", true],
    ["localhost:5000/app", "*", true],
    // *.example.com: sub-domains at any depth, never example.com itself or look-alikes.
    ["registry.example.com/app", "*.example.com", true],
    ["eu.registry.example.com/app", "*.example.com", true],
    ["example.com/app", "*.example.com", false],
    ["evil-example.com/app", "*.example.com", false],
    ["registry.example.com.evil.io/app", "*.example.com", false],
    ["nginx", "*.example.com", false],
    // Ports are part of the host: they must match as written.
    ["registry.example.com:5000/app", "*.example.com", false],
    ["registry.example.com:5000/app", "*.example.com:5000", true],
    ["registry.example.com:5000/app", "registry.example.com", false],
    // A * inside the host stands for one label.
    ["123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1", "*.dkr.ecr.*.amazonaws.com", true],
    ["123456789012.dkr.ecr.eu-west-1.evil.amazonaws.com/app:1", "*.dkr.ecr.*.amazonaws.com", false],
    // Wildcard hosts with a path prefix.
    ["registry.example.com/team/app", "*.example.com/team", true],
    ["registry.example.com/other/app", "*.example.com/team", false],
    ["ghcr.io/my-org/app", "ghcr.io/*", true],
    // Docker Hub by name, and its official images under library/.
    ["nginx", "docker.io", true],
    ["nginx", "docker.io/library", true],
    ["bitnami/redis", "docker.io/library", false],
    ["nginx", "index.docker.io", true],
  ])("%s against %s -> %s", (image, pattern, expected) => {
    expect(isRegistryAllowed(parseImageReference(image)!, [pattern])).toBe(expected);
  });
});
