import { ruleTester } from "../../helpers/rule-tester.js";

ruleTester("compose/image-latest-tag", {
  valid: [
    { code: "services:\n  db:\n    image: postgres:16.4\n" },
    { name: "digest", code: "services:\n  db:\n    image: postgres@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n" },
    { name: "build only", code: "services:\n  app:\n    build: .\n" },
    { name: "build names its own image", code: "services:\n  app:\n    build: ./app\n    image: myorg/app\n" },
    { name: "a tag from a variable without a default", code: "services:\n  app:\n    image: myorg/app:${TAG}\n" },
    { name: "a default that is a version (netbox)", code: "services:\n  app:\n    image: docker.io/netboxcommunity/netbox:${VERSION-v4.1-3.0.2}\n" },
    { name: "registry with a port is not a tag", code: "services:\n  app:\n    image: localhost:5000/app:1.2\n" },
  ],
  invalid: [
    {
      code: "services:\n  db:\n    image: postgres\n  cache:\n    image: redis:latest\n",
      errors: [
        { line: 3, column: 5, endColumn: 20, severity: "warning", resource: "service/db", message: 'image "postgres" has no tag, so it pulls latest; pin a version or a digest' },
        { line: 5, resource: "service/cache", message: 'image "redis:latest" uses the latest tag; pin a version or a digest' },
      ],
    },
    {
      code: "services:\n  app:\n    image: \"myorg/app:${TAG:-latest}\"\n  proxy:\n    image: localhost:5000/proxy\n",
      errors: [
        { line: 3, message: 'image "myorg/app:${TAG:-latest}" uses the latest tag (with the variables\' defaults); pin a version or a digest' },
        { line: 5, message: 'image "localhost:5000/proxy" has no tag, so it pulls latest; pin a version or a digest' },
      ],
    },
  ],
});

ruleTester("compose/read-only-root-filesystem", {
  valid: [
    { code: "services:\n  a:\n    image: x:1\n    read_only: true\n" },
    { code: "services:\n  a:\n    image: x:1\n    read_only: \"yes\"\n" },
    { name: "inherited from an x- block", code: "x-hardened: &hardened\n  read_only: true\nservices:\n  a:\n    <<: *hardened\n    image: x:1\n" },
  ],
  invalid: [
    {
      code: "services:\n  a:\n    image: x:1\n",
      errors: [{ line: 2, column: 3, endColumn: 4, severity: "info", resource: "service/a", message: "read_only is not set: the container's root filesystem is writable" }],
    },
    {
      code: "services:\n  a:\n    image: x:1\n    read_only: false  # TODO\n",
      errors: [{ line: 4, column: 5, endColumn: 21, message: "read_only: false leaves the container's root filesystem writable", fix: "    read_only: true  # TODO" }],
    },
    {
      name: "suppression on the service key for a missing field",
      code: "services:\n  # container-review ignore=compose/read-only-root-filesystem writes to its own data dir\n  a:\n    image: x:1\n",
      errors: [{ line: 3, suppressed: true }],
    },
  ],
});
