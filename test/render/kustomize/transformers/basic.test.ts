import { describe, expect, test } from "@jest/globals";
import { toPlain, type ScalarNode } from "../../../../src/render/kustomize/resource.js";
import {
  applyAnnotations,
  applyImages,
  applyLabels,
  applyNamePrefixSuffix,
  applyNamespace,
  applyReplicas,
  previousNames,
} from "../../../../src/render/kustomize/transformers/index.js";
import { at, field, kustomization, lineOf, resources } from "./nodes.js";

const RBAC = `apiVersion: v1
kind: Namespace
metadata: {name: orig}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: crb}
subjects:
- {kind: ServiceAccount, name: sa1}
- {kind: ServiceAccount, name: sa2, namespace: default}
- {kind: ServiceAccount, name: missing}
- {kind: User, name: u, namespace: default}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb, namespace: keep}
subjects:
- {kind: ServiceAccount, name: sa3, namespace: other}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: sa1}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: sa3, namespace: other}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cm, namespace: x}
---
apiVersion: example.com/v1
kind: Foo
metadata: {name: foo}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: foos.example.com}
`;

describe("namespace", () => {
  test("namespaced kinds, Namespace objects, ServiceAccount subjects (as kubectl kustomize v5.5)", () => {
    const rs = resources(RBAC);
    const { k, ctx } = kustomization("resources: [../base]\nnamespace: target\n");
    applyNamespace(rs, field(k, "namespace") as ScalarNode, ctx);
    expect(ctx.problems).toEqual([]);
    expect(rs.map((r) => toPlain(r.node))).toEqual([
      { apiVersion: "v1", kind: "Namespace", metadata: { name: "target" } },
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "ClusterRoleBinding",
        metadata: { name: "crb" },
        subjects: [
          { kind: "ServiceAccount", name: "sa1", namespace: "target" },
          { kind: "ServiceAccount", name: "sa2", namespace: "default" },
          { kind: "ServiceAccount", name: "missing" },
          { kind: "User", name: "u", namespace: "default" },
        ],
      },
      { apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", metadata: { name: "rb", namespace: "target" }, subjects: [{ kind: "ServiceAccount", name: "sa3", namespace: "target" }] },
      { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "sa1", namespace: "target" } },
      { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "sa3", namespace: "target" } },
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm", namespace: "target" } },
      { apiVersion: "example.com/v1", kind: "Foo", metadata: { name: "foo", namespace: "target" } },
      { apiVersion: "v1", kind: "PersistentVolume", metadata: { name: "pv" } },
      { apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", metadata: { name: "foos.example.com" } },
    ]);
  });

  test("the namespace written has the origin of the namespace: line; the old one is recorded", () => {
    const rs = resources(RBAC);
    const { k, ctx } = kustomization("resources: [../base]\nnamespace: target\n");
    applyNamespace(rs, field(k, "namespace") as ScalarNode, ctx);
    expect(lineOf(at(rs[5]!.node, "metadata", "namespace"))).toBe("overlay/kustomization.yaml:2");
    expect(at(rs[5]!.node, "metadata", "namespace").origin?.column).toBe(12);
    expect(lineOf(at(rs[5]!.node, "metadata", "name"))).toBe("base/r.yaml:30");
    expect(lineOf(at(rs[1]!.node, "subjects", 0, "namespace"))).toBe("overlay/kustomization.yaml:2");
    expect(previousNames(rs[5]!)).toEqual([{ name: "cm", namespace: "x" }]);
  });

  test("a namespace key that did not exist gets the origin of the namespace: value for its key too", () => {
    const rs = resources("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n");
    const { k, ctx } = kustomization("namespace: prod\n");
    applyNamespace(rs, field(k, "namespace") as ScalarNode, ctx);
    const meta = at(rs[0]!.node, "metadata");
    expect(meta.type === "map" ? meta.entries.map((e) => [e.key, e.keyOrigin?.file, e.keyOrigin?.line]) : []).toEqual([
      ["name", "base/r.yaml", 4],
      ["namespace", "overlay/kustomization.yaml", 1],
    ]);
  });

  test("a non-string namespace is a problem at its line", () => {
    const rs = resources(RBAC);
    const { k, ctx } = kustomization("resources: [../base]\nnamespace: [a]\n");
    applyNamespace(rs, field(k, "namespace") as ScalarNode, ctx);
    expect(ctx.problems).toEqual([{ file: "overlay/kustomization.yaml", line: 2, column: 12, message: "namespace must be a string", severity: "error" }]);
  });
});

describe("namePrefix / nameSuffix", () => {
  test("every kind but Namespace and CRDs; origin of the prefix", () => {
    const rs = resources(RBAC);
    const { k, ctx } = kustomization("namePrefix: p-\nnameSuffix: -s\n");
    applyNamePrefixSuffix(rs, field(k, "namePrefix") as ScalarNode, field(k, "nameSuffix") as ScalarNode, ctx);
    expect(rs.map((r) => (toPlain(r.node) as { metadata: { name: string } }).metadata.name)).toEqual([
      "orig",
      "p-crb-s",
      "p-rb-s",
      "p-sa1-s",
      "p-sa3-s",
      "p-cm-s",
      "p-foo-s",
      "p-pv-s",
      "foos.example.com",
    ]);
    expect(lineOf(at(rs[1]!.node, "metadata", "name"))).toBe("overlay/kustomization.yaml:1");
    expect(previousNames(rs[1]!)).toEqual([{ name: "crb", namespace: "" }]);
  });

  test("suffix alone carries the suffix's origin", () => {
    const rs = resources(RBAC);
    const { k, ctx } = kustomization("resources: []\nnameSuffix: -s\n");
    applyNamePrefixSuffix(rs, undefined, field(k, "nameSuffix") as ScalarNode, ctx);
    expect(at(rs[1]!.node, "metadata", "name")).toMatchObject({ value: "crb-s", origin: { line: 2, column: 13 } });
  });
});

const WORKLOADS = `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec: {}
---
apiVersion: v1
kind: Service
metadata: {name: s}
spec: {}
---
apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  template: {}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: cj}
spec:
  jobTemplate:
    spec:
      template: {}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: pdb}
spec: {}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: np}
spec:
  podSelector: {}
  ingress:
  - from:
    - podSelector: {}
    - podSelector: {matchLabels: {x: y}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: ss}
spec:
  volumeClaimTemplates:
  - metadata: {name: v}
---
apiVersion: v1
kind: ReplicationController
metadata: {name: rc}
spec: {}
`;

const L = { app: "web" };
describe("labels and annotations (expected output from kubectl kustomize v5.5)", () => {
  test("commonLabels: metadata, selectors, templates", () => {
    const rs = resources(WORKLOADS);
    const { k, ctx } = kustomization("commonLabels:\n  app: web\n");
    applyLabels(rs, undefined, field(k, "commonLabels"), ctx);
    expect(ctx.problems).toEqual([]);
    expect(rs.map((r) => toPlain(r.node))).toEqual([
      { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d", labels: L }, spec: { template: { spec: {}, metadata: { labels: L } }, selector: { matchLabels: L } } },
      { apiVersion: "v1", kind: "Service", metadata: { name: "s", labels: L }, spec: { selector: L } },
      { apiVersion: "batch/v1", kind: "Job", metadata: { name: "j", labels: L }, spec: { template: { metadata: { labels: L } } } },
      {
        apiVersion: "batch/v1",
        kind: "CronJob",
        metadata: { name: "cj", labels: L },
        spec: { jobTemplate: { spec: { template: { metadata: { labels: L } } }, metadata: { labels: L } } },
      },
      { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name: "pdb", labels: L }, spec: {} },
      {
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: { name: "np", labels: L },
        spec: { podSelector: {}, ingress: [{ from: [{ podSelector: {} }, { podSelector: { matchLabels: { x: "y", app: "web" } } }] }] },
      },
      {
        apiVersion: "apps/v1",
        kind: "StatefulSet",
        metadata: { name: "ss", labels: L },
        spec: { volumeClaimTemplates: [{ metadata: { name: "v", labels: L } }], selector: { matchLabels: L }, template: { metadata: { labels: L } } },
      },
      { apiVersion: "v1", kind: "ReplicationController", metadata: { name: "rc", labels: L }, spec: { selector: L, template: { metadata: { labels: L } } } },
    ]);
    const value = at(rs[0]!.node, "spec", "selector", "matchLabels", "app");
    expect(value.origin).toMatchObject({ file: "overlay/kustomization.yaml", line: 2, column: 8 });
  });

  test("labels: pairs only touch metadata; includeTemplates adds templates; includeSelectors is commonLabels", () => {
    const plain = resources(WORKLOADS);
    const a = kustomization("labels:\n- pairs: {app: web}\n");
    applyLabels(plain, field(a.k, "labels"), undefined, a.ctx);
    expect(toPlain(plain[0]!.node)).toEqual({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d", labels: L }, spec: { template: { spec: {} } } });
    expect(toPlain(plain[6]!.node)).toEqual({ apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "ss", labels: L }, spec: { volumeClaimTemplates: [{ metadata: { name: "v" } }] } });

    const tmpl = resources(WORKLOADS);
    const b = kustomization("labels:\n- pairs: {app: web}\n  includeTemplates: true\n");
    applyLabels(tmpl, field(b.k, "labels"), undefined, b.ctx);
    expect(toPlain(tmpl[0]!.node)).toEqual({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d", labels: L }, spec: { template: { spec: {}, metadata: { labels: L } } } });
    expect(toPlain(tmpl[1]!.node)).toEqual({ apiVersion: "v1", kind: "Service", metadata: { name: "s", labels: L }, spec: {} });
    expect(toPlain(tmpl[6]!.node)).toEqual({
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "ss", labels: L },
      spec: { volumeClaimTemplates: [{ metadata: { name: "v", labels: L } }], template: { metadata: { labels: L } } },
    });

    const sel = resources(WORKLOADS);
    const c = kustomization("labels:\n- pairs: {app: web}\n  includeSelectors: true\n");
    applyLabels(sel, field(c.k, "labels"), undefined, c.ctx);
    const common = resources(WORKLOADS);
    const d = kustomization("commonLabels: {app: web}\n");
    applyLabels(common, undefined, field(d.k, "commonLabels"), d.ctx);
    expect(sel.map((r) => toPlain(r.node))).toEqual(common.map((r) => toPlain(r.node)));
  });

  test("commonAnnotations: metadata and pod templates, not volumeClaimTemplates", () => {
    const rs = resources(WORKLOADS);
    const { k, ctx } = kustomization("commonAnnotations:\n  a: b\n");
    applyAnnotations(rs, field(k, "commonAnnotations"), ctx);
    const A = { a: "b" };
    expect(toPlain(rs[0]!.node)).toEqual({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d", annotations: A }, spec: { template: { spec: {}, metadata: { annotations: A } } } });
    expect(toPlain(rs[3]!.node)).toEqual({
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name: "cj", annotations: A },
      spec: { jobTemplate: { spec: { template: { metadata: { annotations: A } } }, metadata: { annotations: A } } },
    });
    expect(toPlain(rs[6]!.node)).toEqual({
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "ss", annotations: A },
      spec: { volumeClaimTemplates: [{ metadata: { name: "v" } }], template: { metadata: { annotations: A } } },
    });
    const key = (rs[0]!.node.entries[2]!.value as { entries: { key: string; keyOrigin?: { line: number } }[] }).entries.find((e) => e.key === "annotations")!;
    expect(key.keyOrigin?.line).toBe(2);
  });

  test("bad labels input is a problem naming the line", () => {
    const rs = resources(WORKLOADS);
    const { k, ctx } = kustomization("labels:\n- pairs: {app: web}\n  includeSelector: true\ncommonLabels:\n  on: yes\n  n: 3\n");
    applyLabels(rs, field(k, "labels"), field(k, "commonLabels"), ctx);
    expect(ctx.problems.map((p) => [p.line, p.message])).toEqual([
      [6, 'commonLabels: the value of "n" must be a string; quote it ("3")'],
      [3, 'unknown field "includeSelector" in a labels entry (expected pairs, includeSelectors, includeTemplates, fields)'],
    ]);
  });
});

const IMAGES = `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      initContainers:
      - {name: i, image: nginx}
      containers:
      - {name: a, image: "nginx:1.0"}
      - {name: b, image: "nginx@sha256:aaaa"}
      - {name: c, image: "host:5000/nginx:1"}
      - {name: d, image: "nginx:1.0@sha256:bbbb"}
      - {name: e, image: "docker.io/nginx:1"}
      - {name: f, image: "redis:6"}
      - {name: g, image: "busybox:1"}
      - {name: h, image: "alpine:3"}
      - {name: i, image: "host:5000/nginx"}
      - {name: j, image: "nginxx:1"}
      ephemeralContainers:
      - {name: e, image: nginx}
---
apiVersion: example.com/v1
kind: Foo
metadata: {name: f}
spec:
  deep:
    containers:
    - {name: x, image: "nginx:2"}
  image: nginx
`;

describe("images (expected output from kubectl kustomize v5.5)", () => {
  const K = `images:
- name: nginx
  newTag: "9"
- name: redis
  newName: myredis
- name: busybox
  digest: sha256:cccc
- name: alpine
  newName: reg/alpine
  newTag: "4"
  digest: sha256:dddd
- name: host:5000/nginx
  newName: other
`;
  test("name forms, newName, newTag, digest; containers and initContainers anywhere", () => {
    const rs = resources(IMAGES);
    const { k, ctx } = kustomization(K);
    applyImages(rs, field(k, "images"), ctx);
    expect(ctx.problems).toEqual([]);
    const spec = at(rs[0]!.node, "spec", "template", "spec");
    expect((toPlain(at(spec, "containers")) as { image: string }[]).map((c) => c.image)).toEqual([
      "nginx:9",
      "nginx:9",
      "other:1",
      "nginx:9",
      "docker.io/nginx:1",
      "myredis:6",
      "busybox@sha256:cccc",
      "reg/alpine:4@sha256:dddd",
      "other",
      "nginxx:1",
    ]);
    expect(toPlain(at(spec, "initContainers", 0, "image"))).toBe("nginx:9");
    expect(toPlain(at(spec, "ephemeralContainers", 0, "image"))).toBe("nginx");
    expect(toPlain(at(rs[1]!.node, "spec", "deep", "containers", 0, "image"))).toBe("nginx:9");
    expect(toPlain(at(rs[1]!.node, "spec", "image"))).toBe("nginx");
  });

  test("the image written has the origin of newTag:, else digest:, else newName:", () => {
    const rs = resources(IMAGES);
    const { k, ctx } = kustomization(K);
    applyImages(rs, field(k, "images"), ctx);
    const c = at(rs[0]!.node, "spec", "template", "spec", "containers");
    expect(at(c, 0, "image").origin).toMatchObject({ file: "overlay/kustomization.yaml", line: 3, column: 11 });
    expect(at(c, 5, "image").origin?.line).toBe(5);
    expect(at(c, 6, "image").origin?.line).toBe(7);
    expect(at(c, 7, "image").origin?.line).toBe(10);
    expect(at(c, 4, "image").origin?.file).toBe("base/r.yaml");
  });

  test("unknown field and unquoted number", () => {
    const rs = resources(IMAGES);
    const { k, ctx } = kustomization("images:\n- name: nginx\n  newtag: x\n- name: redis\n  newTag: 1.20\n");
    applyImages(rs, field(k, "images"), ctx);
    expect(ctx.problems.map((p) => [p.line, p.severity, p.message])).toEqual([
      [3, "error", 'unknown field "newtag" in an images entry (expected name, newName, newTag, digest)'],
      [5, "error", 'images: newTag must be a string; quote it ("1.20")'],
    ]);
    // The number is used as written, so the rest of the review still sees the image.
    expect(toPlain(at(rs[0]!.node, "spec", "template", "spec", "containers", 5, "image"))).toBe("redis:1.20");
    expect(toPlain(at(rs[0]!.node, "spec", "template", "spec", "containers", 0, "image"))).toBe("nginx:1.0");
  });
});

describe("replicas", () => {
  test("by current or earlier name; count origin; unmatched is an error", () => {
    const rs = resources("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\nspec: {replicas: 1}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: d}\n");
    const { k, ctx } = kustomization("namePrefix: p-\nreplicas:\n- name: d\n  count: 3\n- name: p-s\n  count: 0\n- name: zz\n  count: 2\n- name: s\n  count: two\n");
    applyNamePrefixSuffix(rs, field(k, "namePrefix") as ScalarNode, undefined, ctx);
    applyReplicas(rs, field(k, "replicas"), ctx);
    expect(rs.map((r) => toPlain(r.node))).toEqual([
      { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "p-d" }, spec: { replicas: 3 } },
      { apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "p-s" }, spec: { replicas: 0 } },
      { apiVersion: "v1", kind: "Service", metadata: { name: "p-d" } },
    ]);
    expect(at(rs[0]!.node, "spec", "replicas").origin).toMatchObject({ line: 4, column: 10 });
    expect(ctx.problems.map((p) => [p.line, p.message])).toEqual([
      [7, 'replicas: no Deployment, ReplicaSet, StatefulSet or ReplicationController named "zz"'],
      [10, 'replicas: count of "s" must be a whole number'],
    ]);
  });
});
