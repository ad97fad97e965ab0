/**
 * Whole trees through the transformers (pipeline.ts) compared with `kubectl kustomize` on the same
 * files. Skipped, with one line, when kubectl (with its built-in Kustomize) is not installed.
 */
import { describe, expect, test } from "@jest/globals";
import { kubectlAvailable, kubectlBuild, miniBuild, plain, sorted, type Files } from "./pipeline.js";

const HAVE_KUBECTL = kubectlAvailable();
if (!HAVE_KUBECTL) console.warn("kubectl not found; skipping the comparisons with kubectl kustomize");
const maybe = HAVE_KUBECTL ? describe : describe.skip;

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      serviceAccountName: sa
      containers:
      - name: c
        image: nginx:1.0
        envFrom:
        - configMapRef: {name: settings}
        - secretRef: {name: creds}
        env:
        - name: A
          valueFrom: {configMapKeyRef: {name: settings, key: a}}
      volumes:
      - {name: v, secret: {secretName: creds}}
      - {name: p, persistentVolumeClaim: {claimName: data}}
`;

const NR = `apiVersion: v1
kind: ConfigMap
metadata: {name: cm}
---
apiVersion: v1
kind: Secret
metadata: {name: sec}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: sa}
imagePullSecrets: [{name: sec}]
secrets: [{name: sec}]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: pvc}
spec: {volumeName: pv, storageClassName: sc}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv}
spec: {storageClassName: sc}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: sc}
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: pc}
---
apiVersion: v1
kind: Service
metadata: {name: svc}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: role}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: crole}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: role}
subjects: [{kind: ServiceAccount, name: sa}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb2}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: role}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: crb}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: crole}
subjects: [{kind: ServiceAccount, name: sa, namespace: default}]
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: ic}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: ing}
spec:
  ingressClassName: ic
  defaultBackend: {service: {name: svc}}
  tls: [{secretName: sec}]
  rules:
  - http:
      paths:
      - backend: {service: {name: svc}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: hpa}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: d}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: hpa2}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: StatefulSet, name: d}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: ss}
spec:
  serviceName: svc
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {storageClassName: sc}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: pdb}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      serviceAccountName: sa
      serviceAccount: sa
      priorityClassName: pc
      imagePullSecrets: [{name: sec}]
      volumes:
      - {name: a, configMap: {name: cm}}
      - {name: b, secret: {secretName: sec}}
      - {name: c, persistentVolumeClaim: {claimName: pvc}}
      - name: d
        projected:
          sources:
          - configMap: {name: cm}
          - secret: {name: sec}
      - {name: e, csi: {driver: x, nodePublishSecretRef: {name: sec}}}
      - {name: f, cephfs: {monitors: [a], secretRef: {name: sec}}}
      - {name: g, rbd: {monitors: [a], image: i, secretRef: {name: sec}}}
      - {name: h, azureFile: {secretName: sec, shareName: s}}
      - {name: i, flexVolume: {driver: x, secretRef: {name: sec}}}
      initContainers:
      - name: i
        envFrom: [{configMapRef: {name: cm}}, {secretRef: {name: sec}}]
        env:
        - {name: A, valueFrom: {configMapKeyRef: {name: cm, key: k}}}
        - {name: B, valueFrom: {secretKeyRef: {name: sec, key: k}}}
      containers:
      - name: c
        envFrom: [{configMapRef: {name: cm}}, {secretRef: {name: sec}}]
        env:
        - {name: A, valueFrom: {configMapKeyRef: {name: cm, key: k}}}
        - {name: B, valueFrom: {secretKeyRef: {name: sec, key: k}}}
        - {name: C, value: cm}
      ephemeralContainers:
      - name: e
        envFrom: [{configMapRef: {name: cm}}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: cj}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          volumes:
          - {name: a, configMap: {name: cm}}
---
apiVersion: example.com/v1
kind: Foo
metadata: {name: foo}
spec:
  template:
    spec:
      volumes:
      - {name: a, configMap: {name: cm}}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: vw}
webhooks:
- name: a
  clientConfig:
    service: {name: svc, namespace: default}
---
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: {name: v1.x}
spec:
  service: {name: svc, namespace: default}
`;

const WEBHOOKS = `apiVersion: v1
kind: Service
metadata: {name: svc, namespace: system}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: vw}
webhooks:
- name: a
  clientConfig:
    service: {name: svc, namespace: system}
- name: b
  clientConfig:
    service: {name: other, namespace: system}
---
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: {name: v1.x}
spec:
  service: {name: svc, namespace: system}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: foos.x}
spec:
  conversion:
    strategy: Webhook
    webhook:
      clientConfig:
        service: {name: svc, namespace: system}
`;

const TREES: Record<string, { root: string; files: Files }> = {
  "generators: literals, envs, files, binary data, options, secret type": {
    root: "app",
    files: {
      "app/kustomization.yaml": `generatorOptions:
  labels:
    gen: "yes"
configMapGenerator:
- name: cm
  literals:
  - a=<b>&
  - "c= spaced "
  - d="q"
  - e='s'
  options:
    immutable: true
- name: env
  envs:
  - app.env
- name: files
  files:
  - f.txt
  - other=f.txt
  - bin.dat
secretGenerator:
- name: s
  type: kubernetes.io/tls
  literals:
  - tls.crt=a
  - tls.key=b
  options:
    disableNameSuffixHash: true
    annotations:
      x: "y"
- name: s2
  literals: [password=hunter2]
  envs: [app.env]
`,
      "app/app.env": '\uFEFFk1=v<&>\nk2="quoted"\n# comment\n\n  k4 = v4 \nk3\n',
      "app/f.txt": "hello\nworld\n",
      "app/bin.dat": new Uint8Array([0xff, 0xfe, 0x00, 0x62, 0x69, 0x6e]),
    },
  },
  "overlay merges into and replaces a base's generated ConfigMaps; prefixes stack": {
    root: "ov",
    files: {
      "base/kustomization.yaml": "namePrefix: b-\nconfigMapGenerator:\n- name: cm\n  literals: [a=2, \"m=x=y\"]\n- name: other\n  namespace: nsx\n  literals: [q=1]\n",
      "ov/kustomization.yaml":
        "resources: [../base]\nnamePrefix: o-\nconfigMapGenerator:\n- name: cm\n  behavior: merge\n  literals: [a=3, new=4]\n  options:\n    labels: {l: v}\n- name: other\n  namespace: nsx\n  behavior: replace\n  literals: [r=1]\n",
    },
  },
  "generated names, prefix and namespace followed by references": {
    root: "prod",
    files: {
      "base/kustomization.yaml": "resources: [deploy.yaml, rbac.yaml]\nconfigMapGenerator:\n- name: settings\n  literals: [a=1]\nsecretGenerator:\n- name: creds\n  literals: [p=2]\n",
      "base/deploy.yaml": DEPLOY,
      "base/rbac.yaml": `apiVersion: v1
kind: ServiceAccount
metadata: {name: sa}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: role}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: role}
subjects: [{kind: ServiceAccount, name: sa}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  tls: [{secretName: creds}]
  rules:
  - http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
`,
      "prod/kustomization.yaml": `resources: [../base]
namespace: prod
namePrefix: prod-
nameSuffix: -v2
configMapGenerator:
- name: settings
  behavior: merge
  literals: [b=2]
`,
    },
  },
  "every name reference kustomize follows (and the ones it leaves)": {
    root: "",
    files: { "kustomization.yaml": "resources: [r.yaml]\nnamePrefix: p-\n", "r.yaml": NR },
  },
  "labels, annotations, images, replicas": {
    root: "o",
    files: {
      "b/kustomization.yaml": "resources: [d.yaml]\ncommonLabels: {app: web}\n",
      "b/d.yaml": DEPLOY + "---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {}\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          initContainers: [{name: i, image: 'busybox:1'}]\n",
      "o/kustomization.yaml": `resources: [../b]
labels:
- pairs: {team: a}
  includeTemplates: true
- pairs: {tier: front}
  includeSelectors: true
commonAnnotations: {note: x}
replicas:
- name: web
  count: 4
images:
- name: nginx
  newName: reg.example/nginx
  newTag: "1.27"
- name: busybox
  digest: sha256:0123
`,
    },
  },
  "replacements: inline and from a file, delimiters, create, reject, wildcards": {
    root: "",
    files: {
      "kustomization.yaml": `resources: [r.yaml]
namePrefix: p-
replacements:
- path: repl.yaml
- source:
    kind: ConfigMap
    name: src
    fieldPath: metadata.annotations.[a.b/c]
    options: {delimiter: ".", index: 1}
  targets:
  - select: {kind: Deployment, name: d}
    fieldPaths:
    - spec.template.spec.containers.[name=c].env.[name=A].value
    options: {delimiter: "l", index: 0}
  - select: {kind: Deployment}
    fieldPaths: [spec.template.metadata.labels.new]
    options: {create: true}
- source: {kind: ConfigMap, name: src, fieldPath: data.num}
  targets:
  - select: {kind: Deployment}
    fieldPaths: [spec.template.spec.containers.*.name]
  - select: {kind: ConfigMap}
    reject: [{name: src}]
    fieldPaths: [data.x]
`,
      "repl.yaml": `source:
  kind: ConfigMap
  name: src
  fieldPath: data.image
targets:
- select: {kind: Deployment}
  fieldPaths:
  - spec.template.spec.containers.[name=c].image
  - spec.template.spec.containers.1.image
`,
      "r.yaml": `apiVersion: v1
kind: ConfigMap
metadata:
  name: src
  annotations:
    a.b/c: "x.y.z"
data:
  image: "reg/app:1.2"
  num: "3"
---
apiVersion: v1
kind: ConfigMap
metadata: {name: other}
data: {x: "0"}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
  labels: {app: d}
spec:
  template:
    spec:
      containers:
      - name: c
        image: nginx:1.0
        env:
        - {name: A, value: old}
      - name: e
        image: busybox
`,
    },
  },
  "replacements: the written scalar is typed like kustomize (a string target stays a string)": {
    root: "",
    files: {
      "kustomization.yaml": `resources: [r.yaml]
replacements:
- source: {kind: ConfigMap, name: src, fieldPath: data.num}
  targets:
  - select: {kind: Foo}
    fieldPaths: [spec.replicas, spec.n, spec.s, spec.new]
    options: {create: true}
  - select: {kind: Deployment}
    fieldPaths: [spec.replicas, spec.minReadySeconds]
    options: {create: true}
- source: {kind: ConfigMap, name: src, fieldPath: data.t}
  targets:
  - select: {kind: Deployment}
    fieldPaths: [spec.paused]
- source: {kind: Deployment, name: d, fieldPath: spec.replicas}
  targets:
  - select: {kind: ConfigMap}
    fieldPaths: [data.fromint]
    options: {create: true}
`,
      "r.yaml": `apiVersion: v1
kind: ConfigMap
metadata: {name: src}
data: {num: "3", t: "true"}
---
apiVersion: example.com/v1
kind: Foo
metadata: {name: f}
spec:
  replicas: 1
  n: 1
  s: "x"
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  replicas: 1
  paused: false
`,
    },
  },
  "two bases generate the same name under different prefixes: each reference finds its own": {
    root: "",
    files: {
      "kustomization.yaml": "resources: [b1, b2]\n",
      "b1/kustomization.yaml": "namePrefix: b1-\nresources: [d.yaml]\nconfigMapGenerator:\n- name: cm\n  literals: [x=b1]\n",
      "b1/d.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        envFrom: [{configMapRef: {name: cm}}]\n",
      "b2/kustomization.yaml": "namePrefix: b2-\nresources: [d.yaml]\nconfigMapGenerator:\n- name: cm\n  literals: [x=b2]\n",
      "b2/d.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        envFrom: [{configMapRef: {name: cm}}]\n",
    },
  },
  "images: a name with its tag, newName with a tag, entries applied in order": {
    root: "",
    files: {
      "kustomization.yaml": `resources: [r.yaml]
images:
- name: nginx:1
  newTag: "2"
- name: redis
  newName: "reg/redis:7"
- name: alpine
  newName: reg/alpine
- name: busybox
  newTag: "2"
- name: busybox
  newTag: "3"
`,
      "r.yaml": `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: a, image: "docker.io/library/nginx:1"}
  - {name: b, image: "nginx:1"}
  - {name: c, image: "redis:1"}
  - {name: d, image: "alpine:1@sha256:ab"}
  - {name: e, image: "busybox:1"}
`,
    },
  },
  "vars: the fields kustomize substitutes and the ones it leaves": {
    root: "",
    files: {
      "kustomization.yaml": `resources: [r.yaml]
vars:
- name: SVC
  objref: {kind: Service, name: svc, apiVersion: v1}
`,
      "r.yaml": `apiVersion: v1
kind: Service
metadata: {name: svc}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ing
  annotations: {a: "$(SVC)"}
spec:
  rules: [{host: "$(SVC).example.com"}]
  tls: [{hosts: ["$(SVC)"], secretName: "$(SVC)"}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: ss}
spec:
  serviceName: "$(SVC)"
  template:
    metadata:
      annotations: {a: "$(SVC)"}
    spec:
      containers:
      - name: c
        image: "img:$(SVC)"
        workingDir: "/$(SVC)"
        volumeMounts: [{name: v, mountPath: "/$(SVC)", subPath: "$(SVC)"}]
        env: [{name: X, value: "$(SVC)"}]
        livenessProbe: {exec: {command: ["$(SVC)"]}}
      volumes:
      - {name: v, hostPath: {path: "/$(SVC)"}}
      - {name: w, nfs: {server: "$(SVC)", path: /x}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cm}
data: {a: "$(SVC)"}
---
apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  template:
    spec:
      containers:
      - {name: c, image: x, args: ["$(SVC)"]}
`,
    },
  },
  "an overlay merges into a base generator that the base's namespace: moved": {
    root: "ov",
    files: {
      "base/kustomization.yaml": "namespace: foo\nconfigMapGenerator:\n- name: cm\n  literals: [a=1]\n",
      "ov/kustomization.yaml": "resources: [../base]\nconfigMapGenerator:\n- name: cm\n  behavior: merge\n  literals: [b=1]\n",
    },
  },
  "configurations: custom resources get labels, annotations, images, name references and vars": {
    root: "ov",
    files: {
      "base/kustomization.yaml": `resources: [r.yaml]
configurations: [mykind.yaml]
namePrefix: b-
`,
      "base/mykind.yaml": `commonLabels:
- path: spec/selectors
  create: true
  kind: MyKind
commonAnnotations:
- path: spec/template/annotations
  create: true
  kind: MyKind
nameReference:
- kind: Bee
  fieldSpecs:
  - path: spec/beeRef/name
    kind: MyKind
- kind: Secret
  fieldSpecs:
  - path: spec/secretRef/name
    kind: MyKind
varReference:
- path: spec/containers/command
  kind: MyKind
- path: spec/beeRef/action
  kind: MyKind
images:
- path: spec/runLatest/container/image
  kind: MyKind
`,
      "base/r.yaml": `apiVersion: v1
kind: Secret
metadata: {name: crdsecret}
data: {PATH: YmJiYmJiYmIK}
---
apiVersion: v1beta1
kind: Bee
metadata: {name: bee}
spec: {action: fly}
---
apiVersion: jingfang.example.com/v1beta1
kind: MyKind
metadata: {name: mykind}
spec:
  secretRef: {name: crdsecret}
  beeRef: {name: bee, action: "$(BEE_ACTION)"}
  containers:
  - command: [/bin/sh, -c, "echo $(BEE_ACTION)"]
    image: myapp
  runLatest:
    container:
      image: crd-image:v1
`,
      "ov/kustomization.yaml": `resources: [../base]
namePrefix: test-
commonLabels: {foo: bar}
commonAnnotations: {note: x}
images:
- name: crd-image
  newName: new-crd-image
  newTag: new-v1-tag
vars:
- name: BEE_ACTION
  objref: {kind: Bee, name: bee, apiVersion: v1beta1}
  fieldref: {fieldpath: spec.action}
`,
    },
  },
  "generator hash of control characters, backslashes, non-ASCII and U+2028 (Go's JSON escaping)": {
    root: "",
    files: { "kustomization.yaml": 'configMapGenerator:\n- name: cm\n  literals: ["a=x\\fy\\tz\\u0001\\\\b \u00e9\\u2028<>&"]\n' },
  },
  "labels with custom fields (create or not) and includeTemplates": {
    root: "",
    files: {
      "kustomization.yaml": `resources: [r.yaml]
labels:
- pairs: {app: web}
  includeTemplates: true
  fields:
  - path: spec/sel
    kind: Foo
    create: true
  - path: spec/other
    kind: Foo
`,
      "r.yaml": `apiVersion: apps/v1
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
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ds}
spec: {}
---
apiVersion: v1
kind: ReplicationController
metadata: {name: rc}
spec: {}
---
apiVersion: v1
kind: Pod
metadata: {name: p}
---
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: rs}
spec: {}
---
apiVersion: example.com/v1
kind: Foo
metadata: {name: foo}
spec: {}
`,
    },
  },
  "merge into and replace a plain ConfigMap resource: no hash suffix": {
    root: "ov",
    files: {
      "base/kustomization.yaml": "resources: [cm.yaml, cm2.yaml]\n",
      "base/cm.yaml": 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\ndata: {a: "1"}\n',
      "base/cm2.yaml": 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm2}\ndata: {a: "1"}\n',
      "ov/kustomization.yaml": "resources: [../base]\nconfigMapGenerator:\n- name: cm\n  behavior: merge\n  literals: [b=1]\n- name: cm2\n  behavior: replace\n  literals: [b=1]\n",
    },
  },
  "namespace and prefix: webhook, APIService and CRD conversion services follow the Service": {
    root: "",
    files: { "kustomization.yaml": "resources: [r.yaml]\nnamespace: prod\nnamePrefix: p-\n", "r.yaml": WEBHOOKS },
  },
  "namespace only: webhook services follow": {
    root: "",
    files: { "kustomization.yaml": "resources: [r.yaml]\nnamespace: prod\n", "r.yaml": WEBHOOKS },
  },
  "vars in command, args and env": {
    root: "",
    files: {
      "kustomization.yaml": `resources: [r.yaml]
namePrefix: p-
vars:
- name: SVC
  objref: {kind: Service, name: svc, apiVersion: v1}
- name: PORT
  objref: {kind: Service, name: svc, apiVersion: v1}
  fieldref: {fieldPath: "spec.ports[0].port"}
`,
      "r.yaml": `apiVersion: v1
kind: Service
metadata: {name: svc}
spec:
  ports: [{port: 8080}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
      - name: c
        image: x
        command: ["run", "--svc=$(SVC)", "$$(SVC)", "$(NOPE)", "$(PORT)"]
        args: ["$(SVC)"]
        env:
        - {name: A, value: "http://$(SVC):$(PORT)"}
      initContainers:
      - name: i
        image: y
        args: ["$(SVC)"]
`,
    },
  },
};


maybe("the transformers give what kubectl kustomize v5.5 gives", () => {
  for (const [name, tree] of Object.entries(TREES)) {
    test(name, async () => {
      const { resources, problems } = await miniBuild(tree.files, tree.root);
      expect(problems).toEqual([]);
      expect(sorted(plain(resources))).toEqual(sorted(kubectlBuild(tree.files, tree.root)));
    });
  }
});
