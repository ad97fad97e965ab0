import { ruleTester } from "../../../helpers/rule-tester.js";
import { HARDENED, cronJob, deployment } from "./fixtures.js";

ruleTester("k8s/read-only-root-filesystem", {
  valid: [
    { code: deployment("securityContext:\n  readOnlyRootFilesystem: true") },
    { name: "Windows pods cannot have a read-only root filesystem", code: deployment("", "os:\n  name: windows") },
    { name: "not a workload", code: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  readOnlyRootFilesystem: \"false\"\n" },
  ],
  invalid: [
    {
      name: "missing: reported at the container's name",
      code: deployment(),
      errors: [
        {
          line: 9,
          column: 11,
          endColumn: 15,
          severity: "warning",
          resource: "Deployment/web",
          container: "app",
          message: 'container "app" has a writable root filesystem: securityContext.readOnlyRootFilesystem is not set to true',
        },
      ],
    },
    {
      name: "false: reported at the field, with a fix",
      code: deployment("securityContext:\n  readOnlyRootFilesystem: false"),
      errors: [
        {
          line: 12,
          column: 13,
          endColumn: 42,
          container: "app",
          message: 'container "app" has a writable root filesystem (securityContext.readOnlyRootFilesystem: false)',
          fix: "            readOnlyRootFilesystem: true",
        },
      ],
    },
    {
      name: "a quoted string is not a boolean",
      code: deployment("securityContext:\n  readOnlyRootFilesystem: \"true\""),
      errors: [{ line: 12, message: 'container "app" sets securityContext.readOnlyRootFilesystem to "true", which is not a boolean; Kubernetes rejects it, write true without quotes' }],
    },
    {
      name: "a pod-level securityContext has no readOnlyRootFilesystem to inherit",
      code: deployment("", "securityContext:\n  runAsNonRoot: true"),
      errors: [{ line: 9, container: "app" }],
    },
    {
      name: "CronJob init container and container",
      code: cronJob("securityContext:\n  readOnlyRootFilesystem: true"),
      errors: [{ line: 18, resource: "CronJob/jobs/nightly", container: "job", message: /^container "job" has a writable root filesystem/ }],
    },
    {
      name: "init containers count too",
      code: cronJob("", "securityContext:\n  readOnlyRootFilesystem: true"),
      errors: [{ line: 13, container: "setup", message: /^init container "setup" has a writable root filesystem/ }],
    },
    {
      name: "suppressed by a comment above the container",
      code: deployment().replace("        - name: app", "        # container-review ignore=k8s/read-only-root-filesystem nginx writes its pid file\n        - name: app"),
      errors: [{ line: 10, suppressed: true }],
    },
  ],
});

ruleTester("k8s/image-latest-tag", {
  valid: [
    { code: deployment() },
    { name: "digest only", code: deployment().replace("nginx:1.27", "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef") },
    { name: "placeholder for envsubst", code: deployment().replace("nginx:1.27", "registry.example.com/app:${TAG}") },
    { name: "registry port is not a tag", code: deployment().replace("nginx:1.27", "localhost:5000/app:2.0") },
  ],
  invalid: [
    {
      code: deployment().replace("nginx:1.27", "nginx"),
      errors: [{ line: 10, column: 11, endColumn: 23, severity: "warning", resource: "Deployment/web", container: "app", message: 'container "app" image "nginx" has no tag, so it pulls latest; pin a version or a digest' }],
    },
    {
      code: cronJob().replace("image: busybox:1.36", "image: busybox:latest"),
      errors: [{ line: 14, container: "setup", message: 'init container "setup" image "busybox:latest" uses the latest tag; pin a version or a digest' }],
    },
  ],
});

ruleTester("k8s/untrusted-registry", {
  valid: [
    { name: "off without allowedRegistries", code: deployment().replace("nginx:1.27", "evil.example.org/nginx:1.27") },
    { code: deployment().replace("nginx:1.27", "registry.example.com/nginx:1.27"), config: { allowedRegistries: ["registry.example.com"] } },
    { name: "Docker Hub when allowed", code: deployment(), config: { allowedRegistries: ["docker.io"] } },
    { name: "organisation prefix", code: deployment().replace("nginx:1.27", "ghcr.io/acme/nginx:1.27"), config: { allowedRegistries: ["ghcr.io/acme"] } },
    { name: '"*" allows every registry, Docker Hub included', code: deployment(), config: { allowedRegistries: ["*"] } },
    { name: "sub-domain wildcard", code: deployment().replace("nginx:1.27", "eu.registry.corp.example/nginx:1.27"), config: { allowedRegistries: ["*.corp.example"] } },
  ],
  invalid: [
    {
      code: deployment(),
      config: { allowedRegistries: ["registry.example.com", "*.corp.example"] },
      errors: [
        {
          line: 10,
          column: 11,
          severity: "error",
          container: "app",
          message: 'container "app" image "nginx:1.27" comes from docker.io, which is not an allowed registry (registry.example.com, *.corp.example)',
        },
      ],
    },
    {
      code: deployment().replace("nginx:1.27", "${REGISTRY}/nginx:1.27"),
      config: { allowedRegistries: ["registry.example.com"] },
      errors: [{ line: 10, severity: "warning", message: 'container "app" image "${REGISTRY}/nginx:1.27" takes its registry from a variable, so it cannot be checked against the allowed registries (registry.example.com)' }],
    },
    {
      name: "a sub-domain wildcard does not allow the domain itself",
      code: deployment().replace("nginx:1.27", "corp.example/nginx:1.27"),
      config: { allowedRegistries: ["*.corp.example"] },
      errors: [{ line: 10, message: /comes from corp\.example, which is not an allowed registry/ }],
    },
    {
      code: deployment().replace("nginx:1.27", "ghcr.io/other/nginx:1.27"),
      config: { allowedRegistries: ["ghcr.io/acme"] },
      errors: [{ line: 10, message: /comes from ghcr\.io, which is not an allowed registry/ }],
    },
  ],
});

ruleTester("k8s/secret-in-env", {
  valid: [
    { code: deployment("env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db\n        key: password") },
    { name: "placeholders, references and non-secret names", code: deployment("env:\n  - name: DB_PASSWORD\n    value: \"$(FROM_FILE)\"\n  - name: API_TOKEN\n    value: changeme\n  - name: PASSWORD_FILE\n    value: /run/secrets/db\n  - name: LOG_LEVEL\n    value: debug\n  - name: TOKEN_TTL\n    value: \"3600\"") },
    {
      name: "file paths, identifiers of secrets and the name as its own placeholder (seen in real manifests)",
      code: deployment("env:\n  - name: GOOGLE_APPLICATION_CREDENTIALS\n    value: /var/secrets/google/key.json\n  - name: SECRET_ID\n    value: bq-readonly-key\n  - name: GF_AUTH_ANONYMOUS_ORG_ROLE\n    value: Admin\n  - name: HF_TOKEN\n    value: HF_TOKEN\n  - name: API_KEY\n    value: YOUR_API_KEY"),
    },
  ],
  invalid: [
    {
      code: deployment("env:\n  - name: DB_PASSWORD\n    value: hunter2-prod\n  - name: NOTES\n    value: \"AKIAIOSFODNN7EXAMPLE\""),
      errors: [
        {
          line: 13,
          column: 5 + 10,
          endColumn: 34,
          severity: "error",
          resource: "Deployment/web",
          container: "app",
          message: 'container "app" environment variable DB_PASSWORD looks like a secret and is set to a literal value; reference a Secret with valueFrom.secretKeyRef',
        },
        { line: 15, message: 'container "app" environment variable NOTES holds an AWS access key ID in plain text; reference a Secret with valueFrom.secretKeyRef' },
      ],
    },
    {
      name: "a password inside a connection URL under any name, never echoed",
      code: deployment("env:\n  - name: DATABASE_URL\n    value: postgres://app:Sup3rS3cret@db:5432/app\n  - name: CACHE_URL\n    value: redis://:${REDIS_PASSWORD}@cache:6379"),
      errors: [{ line: 13, message: 'container "app" environment variable DATABASE_URL holds a password in a URL in plain text; reference a Secret with valueFrom.secretKeyRef' }],
    },
    {
      name: "never repeats the value; init containers of a CronJob",
      code: cronJob("env:\n  - name: GITHUB_TOKEN\n    value: s3cr3t-v4lue-xyz"),
      errors: [{ line: 17, container: "setup", message: 'init container "setup" environment variable GITHUB_TOKEN looks like a secret and is set to a literal value; reference a Secret with valueFrom.secretKeyRef' }],
    },
  ],
});

ruleTester("k8s/missing-resource-limits", {
  valid: [
    { code: deployment(HARDENED) },
    {
      name: "ephemeral containers cannot have resources",
      code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      image: app:1\n      resources:\n        limits: {memory: 1Gi, cpu: \"1\"}\n  ephemeralContainers:\n    - name: debug\n      image: busybox:1.36\n",
    },
  ],
  invalid: [
    {
      code: deployment(),
      errors: [
        { line: 9, column: 11, severity: "info", container: "app", message: 'container "app" has no memory limit: one leak or burst can exhaust the node\'s memory and get other pods evicted or OOM-killed' },
        { line: 9, container: "app", message: 'container "app" has no cpu limit: it can take every core of the node away from other pods' },
      ],
    },
    {
      name: "only requests: reported at resources",
      code: deployment("resources:\n  requests:\n    memory: 64Mi"),
      errors: [
        { line: 11, column: 11, endColumn: 20, message: /no memory limit/ },
        { line: 11, message: /no cpu limit/ },
      ],
    },
    {
      name: "memory limit only: reported at limits",
      code: deployment("resources:\n  limits:\n    memory: 64Mi"),
      errors: [{ line: 12, column: 13, message: /no cpu limit/ }],
    },
  ],
});
