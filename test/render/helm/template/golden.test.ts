import { describe, expect, test } from "@jest/globals";
import { loadGolden, runCase } from "./golden.js";

for (const file of ["core.json", "fmt.json", "docs.json", "edge.json"]) {
  describe(`golden ${file}`, () => {
    const cases = loadGolden(file);
    test.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
      const r = runCase(c);
      if (c.error !== undefined) expect(r).toEqual({ err: c.error });
      else expect(r).toEqual({ out: c.expect });
    });
  });
}
