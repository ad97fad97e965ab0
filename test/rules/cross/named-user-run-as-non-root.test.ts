import { describe, expect, it } from "@jest/globals";
import { scan } from "../../../src/engine/scan.js";
import { resolveConfig } from "../../../src/config/load.js";

const RULE = "cross/named-user-run-as-non-root";
const NAMED_DOCKERFILE = "FROM node:22-alpine\nRUN adduser -D app\nUSER app\nCMD [\"node\", \"server.js\"]\n";
const NUMERIC_DOCKERFILE = "FROM node:22-alpine\nUSER 10001\nCMD [\"node\", \"server.js\"]\n";

function deployment(image: string, securityContext = "runAsNonRoot: true"): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      securityContext:
        ${securityContext}
      containers:
        - name: web
          image: ${image}
`;
}

const COMPOSE = "services:\n  web:\n    image: ghcr.io/shop/web\n    build:\n      context: ./services/web\n";

function findings(files: Record<string, string>) {
  const { config } = resolveConfig({});
  const r = scan(Object.entries(files).map(([path, content]) => ({ path, content })), config, { now: new Date("2026-11-30") });
  expect(r.errors).toEqual([]);
  return r.findings.filter((f) => f.ruleId === RULE);
}

describe(RULE, () => {
  it("joins a Deployment to its Dockerfile through a compose build entry", () => {
    const got = findings({
      "services/web/Dockerfile": NAMED_DOCKERFILE,
      "compose.yaml": COMPOSE,
      "deploy/web.yaml": deployment("ghcr.io/shop/web:1.4.2"),
    });
    expect(got).toEqual([
      expect.objectContaining({
        file: "deploy/web.yaml",
        line: 14,
        column: 11,
        severity: "error",
        resource: "Deployment/web",
        container: "web",
        message: expect.stringContaining('its image "ghcr.io/shop/web:1.4.2" is built from services/web/Dockerfile, whose final USER "app" (line 3) is a name'),
      }),
    ]);
  });

  it("joins through a skaffold artifact with a custom dockerfile", () => {
    const skaffold = "apiVersion: skaffold/v4beta11\nkind: Config\nbuild:\n  artifacts:\n    - image: shop-web\n      context: app\n      docker:\n        dockerfile: build/web.Dockerfile\n";
    const got = findings({ "app/build/web.Dockerfile": NAMED_DOCKERFILE, "skaffold.yaml": skaffold, "k8s.yaml": deployment("shop-web") });
    expect(got.map((f) => [f.file, f.line, f.severity])).toEqual([["k8s.yaml", 14, "error"]]);
    expect(got[0].message).toContain("built from app/build/web.Dockerfile");
  });

  it("falls back to a folder named like the image, at warning level, saying it is a guess", () => {
    const got = findings({ "web/Dockerfile": NAMED_DOCKERFILE, "k8s.yaml": deployment("registry.example.com/team/web:2") });
    expect(got.map((f) => [f.line, f.severity])).toEqual([[14, "warning"]]);
    expect(got[0].message).toContain("a guess from the folder name");
  });

  it("stays quiet when the pod sets a numeric runAsUser, when the Dockerfile user is numeric, or when runAsNonRoot is off", () => {
    expect(findings({ "services/web/Dockerfile": NAMED_DOCKERFILE, "compose.yaml": COMPOSE, "k8s.yaml": deployment("ghcr.io/shop/web:1", "runAsNonRoot: true\n        runAsUser: 10001") })).toEqual([]);
    expect(findings({ "services/web/Dockerfile": NUMERIC_DOCKERFILE, "compose.yaml": COMPOSE, "k8s.yaml": deployment("ghcr.io/shop/web:1") })).toEqual([]);
    expect(findings({ "services/web/Dockerfile": NAMED_DOCKERFILE, "compose.yaml": COMPOSE, "k8s.yaml": deployment("ghcr.io/shop/web:1", "runAsNonRoot: false") })).toEqual([]);
  });

  it("trusts a stated build over the folder-name guess", () => {
    // compose says the image is built from services/api (numeric user); a web/ folder with a named user must not be guessed.
    const compose = "services:\n  web:\n    image: ghcr.io/shop/web\n    build: ./services/api\n";
    expect(findings({ "services/api/Dockerfile": NUMERIC_DOCKERFILE, "web/Dockerfile": NAMED_DOCKERFILE, "compose.yaml": compose, "k8s.yaml": deployment("ghcr.io/shop/web:1") })).toEqual([]);
  });

  it("does not guess between two candidate folders", () => {
    expect(findings({ "a/web/Dockerfile": NAMED_DOCKERFILE, "b/web/Dockerfile": NAMED_DOCKERFILE, "k8s.yaml": deployment("web:1") })).toEqual([]);
  });

  it("can be suppressed on the line before, like any rule", () => {
    const manifest = deployment("ghcr.io/shop/web:1").replace("          image:", "          # container-review ignore=cross/named-user-run-as-non-root image sets its uid at runtime\n          image:");
    const got = findings({ "services/web/Dockerfile": NAMED_DOCKERFILE, "compose.yaml": COMPOSE, "k8s.yaml": manifest });
    expect(got.map((f) => [f.line, f.suppressed?.reason])).toEqual([[15, "image sets its uid at runtime"]]);
  });
});
