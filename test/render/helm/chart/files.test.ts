/**
 * `.Files` is a map of file name to bytes with methods, as in Helm: templates range over
 * `.Files.Glob` and call `AsConfig`, `Get` and friends on it.
 */
import { describe, expect, it } from "@jest/globals";
import { renderChart } from "../../../../src/render/helm/index.js";
import { MemorySourceView } from "../../../../src/source/view.js";

const chart = (template: string) =>
  new MemorySourceView({
    "c/Chart.yaml": "apiVersion: v2\nname: demo\nversion: 0.1.0\n",
    "c/values.yaml": "{}\n",
    "c/files/a.conf": "alpha=1\n",
    "c/files/b.conf": "beta=2\n",
    "c/files/notes.txt": "n\n",
    "c/templates/cm.yaml": template,
  });

describe(".Files", () => {
  it("ranges over Glob by path, in sorted order, and Get reads each file", async () => {
    const result = await renderChart(
      chart('kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: x\ndata:\n{{- range $path, $_ := .Files.Glob "files/*.conf" }}\n  {{ base $path }}: {{ $.Files.Get $path | trim | quote }}\n{{- end }}\n'),
      "c",
    );
    expect(result.problems).toEqual([]);
    expect(result.text).toBe('---\n# Source: demo/templates/cm.yaml\nkind: ConfigMap\napiVersion: v1\nmetadata:\n  name: x\ndata:\n  a.conf: "alpha=1"\n  b.conf: "beta=2"\n');
  });

  it("calls AsConfig on a Glob, and len counts its files", async () => {
    const result = await renderChart(
      chart('kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: x\n  annotations:\n    count: "{{ len (.Files.Glob "files/*") }}"\ndata:\n{{ (.Files.Glob "files/*.conf").AsConfig | indent 2 }}\n'),
      "c",
    );
    expect(result.problems).toEqual([]);
    expect(result.text).toContain('    count: "3"\ndata:\n  a.conf: |\n    alpha=1\n  b.conf: |\n    beta=2\n');
  });
});
