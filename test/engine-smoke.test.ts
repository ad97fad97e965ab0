import { expect, it } from "@jest/globals";
import { scan } from "../src/engine/scan.js";

it("skips files that are not ours and never throws on binary input", () => {
  const r = scan([
    { path: "README.md", content: "# hi" },
    { path: "values.yaml", content: "replicaCount: 1\n" },
    { path: "Dockerfile", content: new Uint8Array([0x46, 0x52, 0x00, 0x4f]) },
  ]);
  expect(r.files.map((f) => [f.path, f.status])).toEqual([
    ["README.md", "not-applicable"],
    ["values.yaml", "not-applicable"],
    ["Dockerfile", "parse-error"],
  ]);
});
