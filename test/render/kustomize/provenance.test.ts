/**
 * Provenance of the rendered text: every map key and scalar maps back to the line that set it —
 * the base resource, a patch file, an inline patch inside kustomization.yaml (offset by the block
 * scalar's position and indentation), or a JSON 6902 op's `value:`.
 */
import { describe, expect, test } from "@jest/globals";
import { MemorySourceView } from "../../../src/source/view.js";
import { originAt } from "../../../src/render/provenance.js";
import { buildKustomization } from "../../../src/render/kustomize/index.js";

const BASE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: app:1
`;

/** Origin of the first occurrence of `needle` (at `delta` characters into it) in the output. */
function originOf(result: { text: string; segments: Parameters<typeof originAt>[1] }, needle: string, delta = 0) {
  const at = result.text.indexOf(needle);
  expect(at).toBeGreaterThanOrEqual(0);
  return originAt(result.text, result.segments, at + delta);
}

describe("kustomize provenance", () => {
  test("a value set by a patch file points at the patch line; base values at the base", async () => {
    const view = new MemorySourceView({
      "app/base/deploy.yaml": BASE,
      "app/base/kustomization.yaml": "resources:\n- deploy.yaml\n",
      "app/overlay/kustomization.yaml": "resources:\n- ../base\npatches:\n- path: privileged.yaml\n",
      "app/overlay/privileged.yaml": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        securityContext:
          privileged: true
`,
    });
    const result = await buildKustomization(view, "app/overlay");
    expect(result.problems).toEqual([]);
    expect(result.text).toContain("        securityContext:\n          privileged: true\n");
    // The value `true`.
    expect(originOf(result, "privileged: true", "privileged: ".length)).toEqual({
      file: "app/overlay/privileged.yaml", line: 11, column: 23, endLine: 11, endColumn: 27,
    });
    // The key `privileged`.
    expect(originOf(result, "privileged: true")).toEqual({
      file: "app/overlay/privileged.yaml", line: 11, column: 11, endLine: 11, endColumn: 21,
    });
    // The image comes from the base.
    expect(originOf(result, "image: app:1", "image: ".length)).toMatchObject({ file: "app/base/deploy.yaml", line: 10, column: 16 });
    expect(result.consumed).toEqual([
      "app/base/deploy.yaml",
      "app/base/kustomization.yaml",
      "app/overlay/kustomization.yaml",
      "app/overlay/privileged.yaml",
    ]);
  });

  test("an inline patch maps to its line inside kustomization.yaml", async () => {
    const kustomization = `resources:
- deploy.yaml
patches:
- patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      template:
        spec:
          containers:
          - name: app
            securityContext:
              privileged: true
`;
    const view = new MemorySourceView({ "deploy.yaml": BASE, "kustomization.yaml": kustomization });
    const result = await buildKustomization(view, "");
    expect(result.problems).toEqual([]);
    const origin = originOf(result, "privileged: true", "privileged: ".length);
    expect(origin).toEqual({ file: "kustomization.yaml", line: 15, column: 27, endLine: 15, endColumn: 31 });
    expect(kustomization.split("\n")[14]!.slice(26, 30)).toBe("true");
  });

  test("a value added by a JSON 6902 op maps to the op's value line", async () => {
    const kustomization = `resources:
- deploy.yaml
patches:
- target:
    kind: Deployment
  patch: |-
    - op: add
      path: /spec/template/spec/containers/0/securityContext
      value:
        runAsUser: 0
`;
    const view = new MemorySourceView({ "deploy.yaml": BASE, "kustomization.yaml": kustomization });
    const result = await buildKustomization(view, "");
    expect(result.problems).toEqual([]);
    expect(originOf(result, "runAsUser: 0", "runAsUser: ".length)).toEqual({
      file: "kustomization.yaml", line: 10, column: 20, endLine: 10, endColumn: 21,
    });
    // The securityContext key the op created points at the op's `value:` key.
    expect(originOf(result, "securityContext:")).toMatchObject({ file: "kustomization.yaml", line: 9 });
  });

  test("legacy inline patchesStrategicMerge maps into the kustomization too", async () => {
    const kustomization = `resources:
- deploy.yaml
patchesStrategicMerge:
- |-
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
  spec:
    replicas: 3
`;
    const view = new MemorySourceView({ "deploy.yaml": BASE, "kustomization.yaml": kustomization });
    const result = await buildKustomization(view, "");
    expect(originOf(result, "replicas: 3", "replicas: ".length)).toEqual({
      file: "kustomization.yaml", line: 10, column: 15, endLine: 10, endColumn: 16,
    });
  });

  test("segments are sorted and do not overlap", async () => {
    const view = new MemorySourceView({ "deploy.yaml": BASE, "kustomization.yaml": "resources:\n- deploy.yaml\n" });
    const result = await buildKustomization(view, "");
    let end = 0;
    for (const s of result.segments) {
      expect(s.start).toBeGreaterThanOrEqual(end);
      expect(s.end).toBeGreaterThan(s.start);
      end = s.end;
    }
    // 10 keys and 5 scalars.
    expect(result.segments.length).toBe(15);
  });
});

describe("kustomize consumed files", () => {
  test("files read by generators are listed as consumed", async () => {
    const view = new MemorySourceView({
      "kustomization.yaml": "configMapGenerator:\n- name: cfg\n  files:\n  - app.properties\n",
      "app.properties": "a=b\n",
      "unused.yaml": "x: 1\n",
    });
    const result = await buildKustomization(view, "");
    expect(result.problems).toEqual([]);
    expect(result.consumed).toEqual(["app.properties", "kustomization.yaml"]);
  });
});
