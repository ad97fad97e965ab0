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
});
