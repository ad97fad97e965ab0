import { describe, expect, it } from "@jest/globals";
import { dockerfileRules } from "../../../rules/dockerfile/index.js";
import { findingsFor } from "../../helpers/rule-tester.js";

const ids = dockerfileRules.map((r) => r.meta.id);

describe("Dockerfile rule metadata", () => {
  it("lists every rule of the issue, with unique IDs", () => {
    expect(ids).toEqual([
      "dockerfile/parse-error",
      "dockerfile/root-user",
      "dockerfile/non-numeric-user",
      "dockerfile/supervisor-daemon",
      "dockerfile/unneeded-tooling",
      "dockerfile/sudo",
      "dockerfile/latest-tag",
      "dockerfile/unpinned-digest",
      "dockerfile/untrusted-registry",
      "dockerfile/secret-in-env",
      "dockerfile/add-remote",
      "dockerfile/pipe-to-shell",
      "dockerfile/exposed-admin-port",
      "dockerfile/eol-base-image",
      "dockerfile/missing-healthcheck",
      "dockerfile/no-install-recommends",
    ]);
  });

  it("gives the severities the issue asks for", () => {
    expect(Object.fromEntries(dockerfileRules.map((r) => [r.meta.id, r.meta.severity]))).toEqual({
      "dockerfile/parse-error": "error",
      "dockerfile/root-user": "error",
      "dockerfile/non-numeric-user": "warning",
      "dockerfile/supervisor-daemon": "error",
      "dockerfile/unneeded-tooling": "warning",
      "dockerfile/sudo": "error",
      "dockerfile/latest-tag": "warning",
      "dockerfile/unpinned-digest": "info",
      "dockerfile/untrusted-registry": "error",
      "dockerfile/secret-in-env": "error",
      "dockerfile/add-remote": "warning",
      "dockerfile/pipe-to-shell": "warning",
      "dockerfile/exposed-admin-port": "warning",
      "dockerfile/eol-base-image": "warning",
      "dockerfile/missing-healthcheck": "info",
      "dockerfile/no-install-recommends": "info",
    });
    expect(dockerfileRules.filter((r) => r.meta.fixable).map((r) => r.meta.id)).toEqual(["dockerfile/root-user", "dockerfile/no-install-recommends"]);
    expect(dockerfileRules.filter((r) => r.meta.requiresConfig).map((r) => r.meta.id)).toEqual(["dockerfile/untrusted-registry"]);
  });

  for (const rule of dockerfileRules) {
    const { meta } = rule;
    describe(meta.id, () => {
      it("has complete metadata", () => {
        expect(meta.kind).toBe("dockerfile");
        expect(meta.title.length).toBeGreaterThan(5);
        expect(meta.rationale.length).toBeGreaterThan(60);
        expect(meta.remediation.length).toBeGreaterThan(30);
        expect(meta.references.length).toBeGreaterThan(0);
        for (const ref of meta.references) expect(ref.url).toMatch(/^https:\/\//);
        for (const ref of meta.references.filter((r) => r.title.startsWith("CIS Docker Benchmark"))) {
          expect(ref.url).toBe("https://www.cisecurity.org/benchmark/docker");
          expect(meta.standards).toContain(`cis-docker-${/Benchmark (\d+\.\d+)/.exec(ref.title)?.[1]}`);
        }
        expect(meta.examples).toBeDefined();
      });

      const config = meta.requiresConfig === "allowedRegistries" ? { allowedRegistries: ["registry.example.com"] } : {};
      it("its bad example triggers it", () => {
        expect(findingsFor(meta.id, { code: meta.examples?.bad ?? "", config }).length).toBeGreaterThan(0);
      });
      it("its good example passes", () => {
        expect(findingsFor(meta.id, { code: meta.examples?.good ?? "", config }).map((f) => `${f.line}: ${f.message}`)).toEqual([]);
      });
    });
  }
});
