import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { gzipSync } from "node:zlib";
import { MemorySourceView } from "../../../../src/source/view.js";
import { renderChart } from "../../../../src/render/helm/index.js";

const fragments = ["{{", "}}", "{{-", "-}}", ".Values", "include", '"x"', "define", "end", "range", "---", "\n", ":", "- ", "[", "{", "null", "&a", "*a", "<<", " ", "kind: A", "\t"];

describe("renderChart never throws", () => {
  it("on arbitrary Chart.yaml, values, templates and archives", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...fragments), { maxLength: 30 }).map((p) => p.join("")),
        fc.array(fc.constantFrom(...fragments), { maxLength: 30 }).map((p) => p.join("")),
        fc.array(fc.constantFrom(...fragments), { maxLength: 30 }).map((p) => p.join("")),
        fc.uint8Array({ maxLength: 200 }),
        fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }),
        async (chartExtra, values, template, archive, sets) => {
          const view = new MemorySourceView({
            "c/Chart.yaml": `apiVersion: v2\nname: c\nversion: 1.0.0\n${chartExtra}`,
            "c/values.yaml": values,
            "c/templates/t.yaml": template,
            "c/charts/x.tgz": archive.length % 2 === 0 ? archive : gzipSync(archive),
          });
          const result = await renderChart(view, "c", { set: sets });
          expect(result.kind).toBe("helm");
          expect(typeof result.text).toBe("string");
          for (const p of result.problems) {
            expect(typeof p.file).toBe("string");
            expect(p.message.length).toBeGreaterThan(0);
            expect(p.message).not.toMatch(/^internal error/);
          }
          if (result.problems.some((p) => p.severity === "error")) expect(result.text).toBe("");
        },
      ),
      { numRuns: 150 },
    );
  });
});
