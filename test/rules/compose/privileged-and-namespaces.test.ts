import { ruleTester } from "../../helpers/rule-tester.js";

ruleTester("compose/privileged", {
  valid: [
    { code: "services:\n  web:\n    image: nginx:1.27\n" },
    { code: "services:\n  web:\n    image: nginx:1.27\n    privileged: false\n" },
    { name: "a variable without a default cannot be judged", code: "services:\n  web:\n    image: nginx:1.27\n    privileged: ${PRIV}\n" },
    { name: "an override in the service wins over the merged default", code: "x-base: &base\n  privileged: true\nservices:\n  web:\n    <<: *base\n    image: nginx:1.27\n    privileged: false\n" },
    { name: "extends of another file is not followed", code: "services:\n  web:\n    extends:\n      file: common.yaml\n      service: base\n    image: nginx:1.27\n" },
    { name: "extends cycles end", code: "services:\n  a:\n    extends: b\n    image: x:1\n  b:\n    extends: a\n    image: x:1\n" },
    { name: "x- extension blocks are not services", code: "x-debug:\n  privileged: true\nservices:\n  web:\n    image: nginx:1.27\n" },
    { name: "a YAML file that is not compose", path: "config.yaml", code: "services:\n  - name: web\n    privileged: true\n" },
  ],
  invalid: [
    {
      code: "services:\n  web:\n    image: nginx:1.27\n    privileged: true\n",
      errors: [
        {
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 21,
          severity: "error",
          resource: "service/web",
          message: "privileged: true gives the container every capability and all host devices; root in it is root on the host",
          fix: "    privileged: false",
        },
      ],
    },
    {
      name: "compose casts the quoted string \"true\" to a boolean; quoting and comment are kept in the fix",
      code: "services:\n  web:\n    image: nginx:1.27\n    privileged: \"true\" # needed?\n",
      errors: [{ line: 4, column: 5, endColumn: 23, fix: '    privileged: "false" # needed?' }],
    },
    {
      name: "yes and a variable defaulting to true",
      code: "services:\n  a:\n    image: x:1\n    privileged: yes\n  b:\n    image: x:1\n    privileged: ${PRIV:-true}\n",
      errors: [
        { line: 4, resource: "service/a" },
        { line: 7, resource: "service/b", fix: "    privileged: ${PRIV:-false}" },
      ],
    },
    {
      name: "inherited through a merge key: reported at the <<: line of each service, no fix",
      code: "x-base: &base\n  privileged: true\nservices:\n  web:\n    <<: *base\n    image: nginx:1.27\n  worker:\n    image: nginx:1.27\n    <<: [*base]\n",
      errors: [
        {
          line: 5,
          column: 5,
          endColumn: 7,
          resource: "service/web",
          message: "privileged: true gives the container every capability and all host devices; root in it is root on the host (inherited through the `<<` merge key)",
        },
        { line: 9, column: 5, resource: "service/worker" },
      ],
    },
    {
      name: "a service that is itself a merge of another service (netbox style)",
      code: "services:\n  app: &app\n    image: app:1.0\n    privileged: true\n  worker:\n    <<: *app\n    command: work\n",
      errors: [
        { line: 4, resource: "service/app" },
        { line: 6, resource: "service/worker" },
      ],
    },
    {
      name: "extends a service of the same file: reported at the extends line",
      code: "services:\n  base:\n    image: app:1.0\n    privileged: true\n  worker:\n    extends:\n      service: base\n    command: work\n  api:\n    extends: base\n    privileged: false\n",
      errors: [
        { line: 4, resource: "service/base" },
        {
          line: 6,
          column: 5,
          endColumn: 12,
          resource: "service/worker",
          message: 'privileged: true gives the container every capability and all host devices; root in it is root on the host (inherited from service "base" through extends)',
        },
      ],
    },
    {
      name: "suppressed by a comment with a reason",
      code: "services:\n  dind:\n    image: docker:27-dind\n    # container-review ignore=compose/privileged Docker-in-Docker needs it, CI only\n    privileged: true\n",
      errors: [{ line: 5, suppressed: true }],
    },
    {
      name: "suppressed by a comment above the service",
      code: "services:\n  # container-review ignore=compose/privileged isolated CI runner\n  dind:\n    image: docker:27-dind\n    privileged: true\n",
      errors: [{ line: 5, suppressed: true }],
    },
    {
      name: "detected by content in a file not named like compose",
      path: "deploy/stack.yml",
      code: "services:\n  web:\n    image: nginx:1.27\n    privileged: true\n",
      errors: [{ line: 4, resource: "service/web" }],
    },
  ],
});

ruleTester("compose/host-network", {
  valid: [
    { code: "services:\n  web:\n    image: nginx:1.27\n    network_mode: bridge\n" },
    { code: "services:\n  web:\n    image: nginx:1.27\n    network_mode: \"service:db\"\n" },
    { code: "services:\n  web:\n    image: nginx:1.27\n    network_mode: none\n" },
    { code: "services:\n  web:\n    image: nginx:1.27\n    network_mode: \"container:${NAME}\"\n" },
    { name: "a network called host under networks: is not network_mode", code: "services:\n  web:\n    image: nginx:1.27\n    networks:\n      - host\n" },
  ],
  invalid: [
    {
      code: "services:\n  web:\n    image: nginx:1.27\n    network_mode: host\n",
      errors: [
        {
          line: 4,
          column: 5,
          endColumn: 23,
          severity: "warning",
          resource: "service/web",
          message: "network_mode: host shares the host's network stack: every host interface, localhost-only services and any host port",
        },
      ],
    },
    { code: "services:\n  web:\n    image: nginx:1.27\n    network_mode: ${NET_MODE:-host}\n", errors: [{ line: 4 }] },
  ],
});

ruleTester("compose/host-pid", {
  valid: [
    { code: "services:\n  a:\n    image: x:1\n    pid: \"service:b\"\n" },
    { code: "services:\n  a:\n    image: x:1\n    pid: \"container:abc\"\n" },
  ],
  invalid: [
    {
      code: "services:\n  a:\n    image: x:1\n    pid: host\n",
      errors: [{ line: 4, column: 5, endColumn: 14, severity: "error", resource: "service/a", message: "pid: host lets the container see, signal and trace every process on the host" }],
    },
    { code: "services:\n  a:\n    image: x:1\n    pid: \"HOST\"\n", errors: [{ line: 4 }] },
  ],
});

ruleTester("compose/host-ipc", {
  valid: [
    { code: "services:\n  a:\n    image: x:1\n    ipc: shareable\n" },
    { code: "services:\n  a:\n    image: x:1\n    ipc: \"service:shareable\"\n" },
    { code: "services:\n  a:\n    image: x:1\n    ipc: private\n" },
  ],
  invalid: [
    {
      code: "services:\n  a:\n    image: x:1\n    ipc: host\n",
      errors: [{ line: 4, column: 5, endColumn: 14, severity: "warning", resource: "service/a", message: "ipc: host shares the host's shared memory, semaphores and message queues with the container" }],
    },
  ],
});
