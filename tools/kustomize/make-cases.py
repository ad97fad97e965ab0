#!/usr/bin/env python3
"""Writes the feature cases of test/render/kustomize/fixtures/cases/ and records what
`kubectl kustomize` (Kustomize v5.5.0) prints for each: expected.yaml, or expected-error.txt with
its error message when the build fails. Run from the repository root on a machine with kubectl."""
import os, re, shutil, subprocess, sys

ROOT = "test/render/kustomize/fixtures/cases"

DEPLOY = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
    tier: front
  annotations:
    team: a
  finalizers: [a, b]
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      tolerations:
      - key: t1
      containers:
      - name: app
        image: app:1
        env:
        - name: A
          value: "1"
        - name: B
          value: "2"
        ports:
        - containerPort: 80
        - containerPort: 81
        volumeMounts:
        - name: data
          mountPath: /data
      - name: side
        image: side:1
      volumes:
      - name: data
        emptyDir: {}
"""
SERVICE = """apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
  - port: 80
    name: http
  - port: 443
    name: https
"""
CRD_OBJ = """apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
  labels:
    app: web
spec:
  items:
  - name: a
    v: 1
  - name: b
    v: 2
"""

CASES = {
  "smp-merge-keys": {
    "kustomization.yaml": "resources:\n- deploy.yaml\n- service.yaml\n- widget.yaml\npatches:\n- path: patch.yaml\n",
    "deploy.yaml": DEPLOY, "service.yaml": SERVICE, "widget.yaml": CRD_OBJ,
    "patch.yaml": """apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  finalizers: [c, a]
spec:
  template:
    spec:
      tolerations:
      - key: t2
      containers:
      - name: new
        image: new:1
      - name: app
        securityContext:
          privileged: true
        env:
        - name: C
          value: "3"
        - name: A
          value: "9"
        ports:
        - containerPort: 82
        volumeMounts:
        - name: data
          mountPath: /data
          readOnly: true
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
  - port: 443
    targetPort: 8443
  - port: 8080
---
apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
spec:
  items:
  - name: b
    v: 3
""",
  },
  "smp-merge-keys-all": {
    "kustomization.yaml": "resources:\n- all.yaml\npatches:\n- path: patch.yaml\n",
    "all.yaml": """apiVersion: batch/v1
kind: CronJob
metadata:
  name: cj
  ownerReferences:
  - {uid: u1, name: a, kind: X, apiVersion: v1}
  - {uid: u2, name: b, kind: X, apiVersion: v1}
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
          - {name: i1, image: i1}
          - {name: i2, image: i2}
          ephemeralContainers:
          - {name: e1, image: e1}
          containers:
          - name: c
            image: c
            volumeDevices:
            - {name: d, devicePath: /dev/a}
          imagePullSecrets:
          - name: s1
          - name: s2
          hostAliases:
          - ip: 1.1.1.1
            hostnames: [a]
          topologySpreadConstraints:
          - {topologyKey: zone, maxSkew: 1, whenUnsatisfiable: DoNotSchedule}
          - {topologyKey: host, maxSkew: 1, whenUnsatisfiable: DoNotSchedule}
          volumes:
          - name: v1
            emptyDir: {}
          tolerations:
          - key: k1
          nodeSelector: {a: b}
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ss
spec:
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
  template:
    spec:
      containers:
      - name: c
        image: c
        args: [a, b]
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: sa
secrets:
- name: t1
imagePullSecrets:
- name: p1
---
apiVersion: v1
kind: Pod
metadata:
  name: pod
spec:
  containers:
  - name: c
    image: c
    ports:
    - {containerPort: 80, protocol: TCP}
""",
    "patch.yaml": """apiVersion: batch/v1
kind: CronJob
metadata:
  name: cj
  ownerReferences:
  - {uid: u2, name: b2}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
          - {name: i2, image: i2b}
          ephemeralContainers:
          - {name: e2, image: e2}
          containers:
          - name: c
            volumeDevices:
            - {name: d2, devicePath: /dev/b}
          imagePullSecrets:
          - name: s3
          hostAliases:
          - ip: 1.1.1.1
            hostnames: [b]
          volumes:
          - name: v2
            secret: {secretName: x}
          tolerations:
          - key: k2
          nodeSelector: {c: d}
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ss
spec:
  volumeClaimTemplates:
  - metadata:
      name: other
  template:
    spec:
      containers:
      - name: c
        args: [z]
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: sa
secrets:
- name: t2
imagePullSecrets:
- name: p2
---
apiVersion: v1
kind: Pod
metadata:
  name: pod
spec:
  containers:
  - name: c
    ports:
    - {containerPort: 80, protocol: UDP}
    - {containerPort: 81}
""",
  },
  "smp-directives": {
    "kustomization.yaml": "resources:\n- deploy.yaml\npatchesStrategicMerge:\n- patch.yaml\n",
    "deploy.yaml": DEPLOY + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: gone\n",
    "patch.yaml": """apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    tier: null
  annotations:
    $patch: replace
    owner: b
  $deleteFromPrimitiveList/finalizers: [a]
spec:
  selector:
    $retainKeys: [matchLabels]
  template:
    spec:
      containers:
      - name: side
        $patch: delete
      - name: app
        env:
        - name: B
          $patch: delete
        $setElementOrder/env:
        - name: A
      volumes:
      - $patch: replace
      - name: cache
        emptyDir: {}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: gone
$patch: delete
""",
  },
  "json6902-ops": {
    "kustomization.yaml": """resources:
- deploy.yaml
patches:
- target:
    kind: Deployment
    name: web
  patch: |-
    - op: add
      path: /spec/template/spec/containers/0/securityContext
      value:
        privileged: true
    - op: add
      path: /spec/template/spec/containers/-
      value: {name: last, image: last:1}
    - op: add
      path: /metadata/annotations/example.com~1path
      value: slash
    - op: replace
      path: /spec/replicas
      value: 3
    - op: remove
      path: /spec/template/spec/tolerations
    - op: copy
      from: /metadata/labels/app
      path: /metadata/labels/copied
    - op: move
      from: /metadata/labels/tier
      path: /metadata/labels/moved
    - op: test
      path: /spec/replicas
      value: 3
    - op: add
      path: /spec/template/spec/containers/1
      value: {name: inserted, image: ins:1}
patchesJson6902:
- target:
    group: apps
    version: v1
    kind: Deployment
    name: web
  path: ops.yaml
""",
    "deploy.yaml": DEPLOY,
    "ops.yaml": "- op: add\n  path: /metadata/annotations/tilde~0key\n  value: t\n",
  },
  "json6902-missing-path": {
    "kustomization.yaml": "resources:\n- deploy.yaml\npatches:\n- target:\n    kind: Deployment\n  path: ops.yaml\n",
    "deploy.yaml": DEPLOY,
    "ops.yaml": "- op: replace\n  path: /spec/template/spec/missing/x\n  value: 1\n",
  },
  "json6902-test-fails": {
    "kustomization.yaml": "resources:\n- deploy.yaml\npatches:\n- target:\n    kind: Deployment\n  patch: |-\n    - op: test\n      path: /spec/replicas\n      value: 5\n",
    "deploy.yaml": DEPLOY,
  },
  "targets": {
    "kustomization.yaml": """resources:
- all.yaml
patches:
- target:
    kind: Deployment
    name: web-.*
  patch: |-
    - op: add
      path: /metadata/annotations
      value: {by-name: "yes"}
- target:
    labelSelector: tier in (front,back),app!=db
  patch: |-
    - op: add
      path: /metadata/labels/selected
      value: label
- target:
    annotationSelector: team=a
  patch: |-
    apiVersion: v1
    kind: Whatever
    metadata:
      name: ignored
      labels:
        annotated: "true"
- target:
    group: apps
    version: v1
    namespace: prod
  patch: |-
    - op: add
      path: /metadata/labels/prod
      value: "true"
- target:
    kind: Service|ConfigMap
  patch: |-
    kind: Any
    metadata:
      name: any
      labels:
        either: "true"
""",
    "all.yaml": """apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-a
  labels: {tier: front, app: web}
  annotations: {team: a}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-b
  namespace: prod
  labels: {tier: back, app: db}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: xweb-c
  labels: {tier: back}
---
apiVersion: v1
kind: Service
metadata:
  name: web-svc
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cm
  annotations: {team: b}
""",
  },
  "name-change": {
    "kustomization.yaml": """resources:
- deploy.yaml
patches:
- target:
    kind: Deployment
    name: web
  options:
    allowNameChange: true
  patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: renamed
- target:
    kind: Service
  options:
    allowKindChange: true
  patch: |-
    apiVersion: v1
    kind: Endpoints
    metadata:
      name: web
""",
    "deploy.yaml": DEPLOY + "---\n" + SERVICE,
  },
  "smp-previous-ids": {
    "base/kustomization.yaml": "namespace: prod\nnamePrefix: p-\nresources:\n- cm.yaml\n",
    "base/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: e\n",
    "overlay/kustomization.yaml": "resources:\n- ../base\npatches:\n- path: patch.yaml\n",
    "overlay/patch.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  original: id\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\n  namespace: prod\ndata:\n  namespaced: id\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: p-e\n  namespace: prod\ndata:\n  current: id\n",
  },
  "smp-namespace-mismatch": {
    "kustomization.yaml": "resources:\n- cm.yaml\npatches:\n- path: patch.yaml\n",
    "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: prod\n",
    "patch.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  x: y\n",
  },
  "patch-conflicts": {
    "kustomization.yaml": "resources:\n- cm.yaml\npatchesStrategicMerge:\n- p1.yaml\n- p2.yaml\npatches:\n- path: p3.yaml\n",
    "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: '0'\n  b: '0'\n",
    "p1.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: '1'\n",
    "p2.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: '2'\n  b: '2'\n",
    "p3.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  b: '3'\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  b: '4'\n",
  },
  "lists-and-null-documents": {
    "kustomization.yaml": "resources:\n- r.yaml\n",
    "r.yaml": "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n- apiVersion: v1\n  kind: Secret\n  metadata:\n    name: b\n---\napiVersion: v1\nkind: ConfigMapList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: c\n---\n~\n---\n# only a comment\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\n",
  },
  "smp-no-match": {
    "kustomization.yaml": "resources:\n- deploy.yaml\npatches:\n- path: patch.yaml\n",
    "deploy.yaml": DEPLOY,
    "patch.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: nope\nspec:\n  replicas: 2\n",
  },
  "overlay-components": {
    "base/kustomization.yaml": "resources:\n- deploy.yaml\n",
    "base/deploy.yaml": DEPLOY,
    "comp/kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n- extra.yaml\npatches:\n- path: patch.yaml\n",
    "comp/extra.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  k: v\n",
    "comp/patch.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: app:2\n",
    "overlay/kustomization.yaml": """resources:
- ../base
components:
- ../comp
patchesStrategicMerge:
- |-
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
  spec:
    replicas: 5
sortOptions:
  order: fifo
""",
  },
  "legacy-order-options": {
    "kustomization.yaml": "resources:\n- all.yaml\nsortOptions:\n  order: legacy\n  legacySortOptions:\n    orderFirst: [Service]\n    orderLast: [Namespace]\n",
    "all.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\n",
  },
  "cycle": {
    "a/kustomization.yaml": "resources:\n- ../b\n",
    "b/kustomization.yaml": "resources:\n- ../a\n",
  },
  "missing-resource": {
    "kustomization.yaml": "resources:\n- deploy.yaml\n- missing.yaml\n",
    "deploy.yaml": DEPLOY,
  },
  "not-a-kustomization": {
    "kustomization.yaml": DEPLOY,
  },
  "unknown-field": {
    "kustomization.yaml": "resources:\n- deploy.yaml\nnamePrefx: x-\n",
    "deploy.yaml": DEPLOY,
  },
  "component-as-resource": {
    "kustomization.yaml": "resources:\n- comp\n",
    "comp/kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n",
  },
  "invalid-patch": {
    "kustomization.yaml": "resources:\n- deploy.yaml\npatches:\n- path: patch.yaml\n",
    "deploy.yaml": DEPLOY,
    "patch.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec: [unclosed\n",
  },
  "duplicate-id": {
    "kustomization.yaml": "resources:\n- a.yaml\n- b.yaml\n",
    "a.yaml": SERVICE, "b.yaml": SERVICE,
  },
}

def main():
    only = sys.argv[1:]
    for name, files in CASES.items():
        if only and name not in only:
            continue
        d = os.path.join(ROOT, name)
        shutil.rmtree(d, ignore_errors=True)
        for p, t in files.items():
            os.makedirs(os.path.dirname(os.path.join(d, "in", p)), exist_ok=True)
            with open(os.path.join(d, "in", p), "w") as f:
                f.write(t)
        build = "in/overlay" if name in ("overlay-components", "smp-previous-ids") else "in/a" if name == "cycle" else "in"
        r = subprocess.run(["kubectl", "kustomize", os.path.join(d, build)], capture_output=True, text=True)
        with open(os.path.join(d, "build-dir.txt"), "w") as f:
            f.write(build[3:] if build != "in" else "")
        if r.returncode == 0:
            with open(os.path.join(d, "expected.yaml"), "w") as f:
                f.write(r.stdout)
        else:
            msg = " ".join(l for l in r.stderr.strip().splitlines() if not l.startswith("# Warning"))
            msg = re.sub(r'^E\d+ [\d:.]+\s+\d+ run\.go:\d+\] ', '', msg)
            msg = msg.replace(os.path.abspath(d), "")
            with open(os.path.join(d, "expected-error.txt"), "w") as f:
                f.write(msg + "\n")

main()
