import { describe, expect, it } from "@jest/globals";
import { resolveConfig } from "../../../src/config/load.js";
import { scan } from "../../../src/engine/scan.js";
import { parseCompose } from "../../../src/engine/compose/handler.js";
import { DEFAULT_CONFIG } from "../../../src/config/schema.js";
import type { TextFile } from "../../../src/engine/types.js";

function textFile(path: string, text: string): TextFile {
  return { path, text, lines: text.split("\n"), eol: "\n" };
}

function scanOne(path: string, code: string, user = {}) {
  const { config } = resolveConfig(user);
  return scan([{ path, content: code }], config, { now: new Date("2026-11-30T00:00:00Z") });
}

describe("compose handler", () => {
  it("lists services with their key positions, skipping x- entries", () => {
    const outcome = parseCompose(
      textFile("compose.yaml", "x-common: &common\n  restart: always\nservices:\n  web:\n    <<: *common\n    image: nginx:1.27\n  x-note:\n    image: ignored\n  db:\n    image: postgres:16\n"),
      DEFAULT_CONFIG,
    );
    expect(outcome.problems).toEqual([]);
    const services = outcome.model?.services ?? [];
    expect(services.map((s) => [s.name, s.resource, s.path, s.line, s.keyRange.column])).toEqual([
      ["web", "service/web", "services.web", 4, 3],
      ["db", "service/db", "services.db", 9, 3],
    ]);
    const restart = services[0].field("restart");
    expect(restart?.value).toBe("always");
    expect(restart?.via?.how).toBe("merge");
    expect(restart?.range.line).toBe(5);
    expect(restart?.ownRange.line).toBe(2);
    expect(restart?.path).toBe("services.web.restart");
    expect(services[0].field("image")?.via).toBeUndefined();
  });

  it("lets an earlier merge source win over a later one and the service's own key over both", () => {
    const outcome = parseCompose(
      textFile("compose.yaml", "x-a: &a\n  user: a\n  pid: host\nx-b: &b\n  user: b\n  ipc: host\nservices:\n  s:\n    <<: [*a, *b]\n    pid: \"service:x\"\n"),
      DEFAULT_CONFIG,
    );
    const s = outcome.model!.services[0];
    expect(s.field("user")?.value).toBe("a");
    expect(s.field("ipc")?.value).toBe("host");
    expect(s.field("pid")?.value).toBe("service:x");
    expect(s.field("pid")?.via).toBeUndefined();
  });

  it("follows extends to a service defined later, with paths of the extending service", () => {
    const outcome = parseCompose(
      textFile("compose.yaml", "services:\n  web:\n    extends: { service: base }\n    volumes: [./a:/a]\n  base:\n    image: app:2\n    user: \"0\"\n    volumes: [./b:/b]\n"),
      DEFAULT_CONFIG,
    );
    const web = outcome.model!.services[0];
    const user = web.field("user");
    expect([user?.value, user?.path, user?.via?.how, user?.via?.from, user?.range.line, user?.ownRange.line]).toEqual(["0", "services.web.user", "extends", "base", 3, 7]);
    expect(web.listItems("volumes").map((v) => [v.value, v.line])).toEqual([
      ["./a:/a", 4],
      ["./b:/b", 3],
    ]);
    expect(web.field("extends")?.via).toBeUndefined();
  });

  it("reports broken YAML as an error-level parse error at its position", () => {
    const r = scanOne("compose.yaml", "services:\n  web:\n    image: [unclosed\n");
    expect(r.errors).toEqual([]);
    const found = r.findings.filter((f) => f.ruleId === "compose/parse-error");
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe("error");
    expect(found[0].message).toMatch(/^cannot be read as YAML: /);
    expect(r.files[0].status).toBe("parse-error");
  });

  it("reports an alias bomb over the compose alias limit and analyzes nothing in it", () => {
    const lines = ["x-a: &a [x, x]"];
    for (let i = 0; i < 12; i += 1) lines.push(`x-${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(", ")}]`);
    lines.push("services:\n  web:\n    image: nginx\n    privileged: true\n");
    const r = scanOne("compose.yaml", lines.join("\n"));
    expect(r.errors).toEqual([]);
    expect(r.findings.map((f) => [f.ruleId, f.severity])).toEqual([["compose/parse-error", "error"]]);
    expect(r.findings[0].message).toBe("document uses 120 YAML aliases, more than the limit of 100; the document was not analyzed");
  });

  it("honours limits.yamlAliases.compose", () => {
    const r = scanOne("compose.yaml", "x-a: &a\n  image: x:1\nservices:\n  web:\n    <<: *a\n", { limits: { yamlAliases: { compose: 0 } } });
    expect(r.findings.map((f) => [f.ruleId, f.line, f.message])).toEqual([
      [
        "compose/parse-error",
        5,
        "document uses YAML aliases, which are not allowed here (they can expand exponentially: alias bombs); the document was not analyzed",
      ],
    ]);
  });

  it("reports a templated compose file once, at info level, and analyzes nothing", () => {
    const r = scanOne("docker-compose.yml", "services:\n  web:\n{% if debug %}\n    privileged: true\n{% endif %}\n    image: {{ image }}\n");
    expect(r.errors).toEqual([]);
    expect(r.findings.map((f) => [f.ruleId, f.severity, f.line])).toEqual([["compose/parse-error", "info", 6]]);
    expect(r.findings[0].message).toMatch(/^templated compose file/);
  });

  it("treats a compose-named file without services as not applicable", () => {
    const r = scanOne("compose.yaml", "volumes:\n  data: {}\n");
    expect(r.findings).toEqual([]);
    expect(r.files).toEqual([{ path: "compose.yaml", kind: "compose", status: "not-applicable", reason: "no compose services" }]);
  });

  it("reports services that are not a mapping in a compose-named file", () => {
    const r = scanOne("compose.yaml", "services:\n  - web\n");
    expect(r.findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([["compose/parse-error", 1, 1]]);
  });

  it("ignores YAML found by content whose services have neither image nor build", () => {
    const r = scanOne("settings.yaml", "services:\n  mail:\n    host: smtp.example.com\n");
    expect(r.findings).toEqual([]);
    expect(r.files[0].status).toBe("not-applicable");
  });

  it("reads every document of a multi-document file and never throws on odd values", () => {
    const r = scanOne(
      "compose.yaml",
      "services:\n  a:\n    image: x:1\n    read_only: true\n---\nservices:\n  b:\n    image: x:1\n    read_only: true\n    privileged: true\n    volumes: 12\n    cap_add: {a: 1}\n    security_opt: ~\n    user: [1]\n  c: ~\n  d: 5\n",
    );
    expect(r.errors).toEqual([]);
    expect(r.findings.map((f) => [f.ruleId, f.line, f.resource])).toEqual([["compose/privileged", 10, "service/b"]]);
  });
});
