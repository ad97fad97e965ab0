import { describe, expect, it } from "@jest/globals";
import { MemorySourceView } from "../../../../src/source/view.js";
import type { RenderProblem } from "../../../../src/render/types.js";
import { processDependencies, renderValues } from "../../../../src/render/helm/chart/dependencies.js";
import { DEFAULT_LOAD_LIMITS, loadChartDir } from "../../../../src/render/helm/chart/loader.js";
import { validateSchemas, validateOne } from "../../../../src/render/helm/chart/schema.js";
import { parseValues } from "../../../../src/render/helm/chart/values.js";
import { renderChart } from "../../../../src/render/helm/index.js";

const schema = JSON.stringify({
  $schema: "http://json-schema.org/schema#",
  type: "object",
  required: ["image"],
  properties: {
    image: { type: "object", properties: { tag: { type: "string" }, pullPolicy: { enum: ["Always", "IfNotPresent"] } }, additionalProperties: false },
    replicas: { type: "integer", minimum: 1 },
  },
});

describe("values.schema.json", () => {
  it("words errors as Helm does: - field: message", () => {
    const lines = validateOne(schema, parseValues("image:\n  tag: 1.5\n  pullPolicy: Never\n  extra: 1\nreplicas: 0\n", "v.yaml"));
    expect(lines?.split("\n").filter(Boolean).sort()).toStrictEqual([
      "- image.pullPolicy: image.pullPolicy must be one of the following: \"Always\", \"IfNotPresent\"",
      "- image.tag: Invalid type. Expected: string, given: number",
      "- image: Additional property extra is not allowed",
      "- replicas: Must be greater than or equal to 1",
    ]);
    expect(validateOne(schema, parseValues("replicas: 2\n", "v.yaml"))).toBe("- (root): image is required\n");
    expect(validateOne(schema, parseValues("image: {tag: x}\nreplicas: 2\n", "v.yaml"))).toBeUndefined();
  });

  it("validates the chart and each subchart with its section, naming each chart", async () => {
    const problems: RenderProblem[] = [];
    const view = new MemorySourceView({
      "c/Chart.yaml": "apiVersion: v2\nname: top\nversion: 1.0.0\n",
      "c/values.yaml": "replicas: 0\nimage: {tag: x}\nsub:\n  port: x\n",
      "c/values.schema.json": schema,
      "c/charts/sub/Chart.yaml": "name: sub\nversion: 1.0.0\n",
      "c/charts/sub/values.schema.json": JSON.stringify({ properties: { port: { type: "integer" } } }),
    });
    const chart = (await loadChartDir({ view, limits: DEFAULT_LOAD_LIMITS, problems, consumed: new Set(), fileCount: 0 }, "c"))!;
    processDependencies(chart, new Map(), problems);
    const failure = validateSchemas(chart, renderValues(chart, new Map()));
    expect(failure).toStrictEqual({
      file: "c/values.schema.json",
      origin: { file: "c/values.yaml", line: 1, column: 11, endLine: 1, endColumn: 12 },
      message:
        "values don't meet the specifications of the schema(s) in the following chart(s):\n" +
        "top:\n- replicas: Must be greater than or equal to 1\n" +
        "sub:\n- port: Invalid type. Expected: integer, given: string\n",
    });
  });

  it("reports the failure at the offending values line through renderChart", async () => {
    const view = new MemorySourceView({
      "c/Chart.yaml": "apiVersion: v2\nname: top\nversion: 1.0.0\n",
      "c/values.yaml": "image: {tag: x}\nreplicas: 2\n",
      "c/values.schema.json": schema,
      "c/templates/a.yaml": "kind: A\n",
      "prod.yaml": "# production\nreplicas: 0\n",
    });
    const result = await renderChart(view, "c", { valuesFiles: ["prod.yaml"] });
    expect(result.text).toBe("");
    expect(result.problems).toStrictEqual([
      {
        file: "prod.yaml",
        line: 2,
        column: 11,
        message: "values don't meet the specifications of the schema(s) in the following chart(s):\ntop:\n- replicas: Must be greater than or equal to 1",
        severity: "error",
      },
    ]);
  });

  it("reports a schema that is not JSON instead of throwing", () => {
    expect(validateOne("{not json", new Map())).toMatch(/^- \(root\): invalid values.schema.json: /);
  });

  it("reports a schema that fails its meta-schema, even when the values would pass it", () => {
    expect(validateOne(JSON.stringify({ properties: { replicas: { type: "integr" } } }), parseValues("other: 1\n", "v.yaml"))).toMatch(/^- \(root\): invalid values.schema.json: schema is invalid: /);
    expect(validateOne(JSON.stringify({ properties: { replicas: { minimum: "one" } } }), new Map())).toMatch(/^- \(root\): invalid values.schema.json: schema is invalid: /);
  });

  it("does not check formats, as before the interpreter's quick check (the interpreter rejects, ajv decides)", () => {
    const withFormat = JSON.stringify({ properties: { contact: { type: "string", format: "email" }, port: { type: "integer" } } });
    expect(validateOne(withFormat, parseValues("contact: not-an-email\nport: 80\n", "v.yaml"))).toBeUndefined();
    expect(validateOne(withFormat, parseValues("contact: not-an-email\nport: eighty\n", "v.yaml"))).toBe("- port: Invalid type. Expected: integer, given: string\n");
  });

  it("follows local $refs, draft 2019-09 and 2020-12 keywords on both paths", () => {
    const refs = JSON.stringify({ $defs: { port: { type: "integer", maximum: 65535 } }, properties: { a: { $ref: "#/$defs/port" }, b: { $ref: "#/$defs/port" } } });
    expect(validateOne(refs, parseValues("a: 80\nb: 443\n", "v.yaml"))).toBeUndefined();
    expect(validateOne(refs, parseValues("a: 80\nb: 70000\n", "v.yaml"))).toBe("- b: Must be less than or equal to 65535\n");
    const d2020 = JSON.stringify({ $schema: "https://json-schema.org/draft/2020-12/schema", properties: { list: { prefixItems: [{ type: "string" }], items: false } } });
    expect(validateOne(d2020, parseValues("list: [a]\n", "v.yaml"))).toBeUndefined();
    expect(validateOne(d2020, parseValues("list: [a, b]\n", "v.yaml"))).toMatch(/^- list: /);
    const d2019 = JSON.stringify({ $schema: "https://json-schema.org/draft/2019-09/schema", properties: { m: { type: "object", properties: { a: {} }, unevaluatedProperties: false } } });
    expect(validateOne(d2019, parseValues("m: {a: 1}\n", "v.yaml"))).toBeUndefined();
    expect(validateOne(d2019, parseValues("m: {a: 1, b: 2}\n", "v.yaml"))).toMatch(/^- m: /);
  });

  it("a $ref the interpreter cannot resolve goes to ajv, which names it", () => {
    expect(validateOne(JSON.stringify({ properties: { a: { $ref: "https://example.com/remote.json" } } }), parseValues("a: 1\n", "v.yaml"))).toMatch(/^- \(root\): invalid values.schema.json: .*remote\.json/);
  });
});
