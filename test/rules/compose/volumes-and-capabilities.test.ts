import { ruleTester } from "../../helpers/rule-tester.js";

const DOCKER_SOCKET_MESSAGE =
  "mounts the Docker socket (/var/run/docker.sock): whoever controls this container can start privileged containers and so controls the host, even through a read-only mount";

ruleTester("compose/container-runtime-socket", {
  valid: [
    { name: "an application socket is not a runtime socket", code: "services:\n  a:\n    image: x:1\n    volumes:\n      - /var/run/app.sock:/var/run/app.sock\n" },
    { name: "named volumes and relative paths", code: "services:\n  a:\n    image: x:1\n    volumes:\n      - docker-data:/var/lib/docker\n      - ./run:/var/run\n      - /data\n" },
    { name: "the socket path inside the container only", code: "services:\n  a:\n    image: x:1\n    volumes:\n      - sock:/var/run/docker.sock\n" },
    { name: "long syntax volume type", code: "services:\n  a:\n    image: x:1\n    volumes:\n      - type: volume\n        source: docker.sock\n        target: /var/run/docker.sock\n" },
    { name: "a sibling folder of /var/run", code: "services:\n  a:\n    image: x:1\n    volumes:\n      - /var/log:/host/log:ro\n      - /var/lib/postgresql:/data\n" },
  ],
  invalid: [
    {
      code: "services:\n  ci:\n    image: runner:3\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n",
      errors: [{ line: 5, column: 9, endColumn: 53, severity: "error", resource: "service/ci", message: DOCKER_SOCKET_MESSAGE }],
    },
    {
      name: "Windows-style double slash, flow sequence and a variable default",
      code: "services:\n  ci:\n    image: runner:3\n    volumes: [\"//var/run/docker.sock:/var/run/docker.sock\", \"${SOCK:-/run/containerd/containerd.sock}:/c.sock\"]\n",
      errors: [
        { line: 4, column: 15, message: DOCKER_SOCKET_MESSAGE },
        { line: 4, column: 61, message: /^mounts the containerd socket \(\/run\/containerd\/containerd\.sock\)/ },
      ],
    },
    {
      name: "long syntax bind",
      code: "services:\n  ci:\n    image: runner:3\n    volumes:\n      - type: bind\n        source: /run/crio/crio.sock\n        target: /crio.sock\n",
      errors: [{ line: 6, column: 9, endColumn: 36, message: /^mounts the CRI-O socket \(\/run\/crio\/crio\.sock\)/ }],
    },
    {
      name: "folders that hold the socket, the data directory and the host root",
      code: "services:\n  agent:\n    image: agent:2\n    volumes:\n      - /var/run:/host/var/run\n      - /var/lib/docker/:/var/lib/docker:ro\n      - /:/host:ro\n      - /run/containerd:/run/containerd\n",
      errors: [
        { line: 5, message: "mounts /var/run, which contains /var/run/docker.sock: whoever controls this container controls the container runtime and so the host" },
        { line: 6, message: "mounts the Docker data directory (every container's filesystem and the daemon's state): whoever controls this container controls the container runtime and so the host" },
        { line: 7, message: /^mounts the host's root filesystem, which contains \/var\/run\/docker\.sock/ },
        { line: 8, message: /^mounts \/run\/containerd, which contains \/run\/containerd\/containerd\.sock/ },
      ],
    },
    {
      name: "inside the data directory: a warning",
      code: "services:\n  logs:\n    image: fluent-bit:3.1\n    volumes:\n      - /var/lib/docker/containers:/logs:ro\n",
      errors: [{ line: 5, severity: "warning", message: /^mounts \/var\/lib\/docker\/containers, inside the Docker data directory/ }],
    },
    {
      name: "rootless Docker socket under a variable and the Windows named pipe",
      code: "services:\n  ci:\n    image: runner:3\n    volumes:\n      - ${XDG_RUNTIME_DIR}/docker.sock:/var/run/docker.sock\n      - \\\\.\\pipe\\docker_engine:\\\\.\\pipe\\docker_engine\n",
      errors: [{ line: 5, message: /^mounts the Docker socket \(\/docker\.sock\)/ }, { line: 6, message: /^mounts the Docker engine's named pipe/ }],
    },
    {
      name: "volumes inherited from an anchor point at the alias",
      code: "x-sock: &sock\n  - /var/run/docker.sock:/var/run/docker.sock\nservices:\n  ci:\n    image: runner:3\n    volumes: *sock\n",
      errors: [{ line: 6, column: 5, endColumn: 12, message: `${DOCKER_SOCKET_MESSAGE} (through a YAML alias)` }],
    },
  ],
});

ruleTester("compose/capabilities-added", {
  valid: [
    { code: "services:\n  a:\n    image: x:1\n    cap_add:\n      - NET_BIND_SERVICE\n      - CAP_CHOWN\n      - setuid\n" },
    { name: "cap_drop is not cap_add", code: "services:\n  a:\n    image: x:1\n    cap_drop:\n      - ALL\n" },
  ],
  invalid: [
    {
      code: "services:\n  a:\n    image: x:1\n    cap_add:\n      - NET_BIND_SERVICE\n      - SYS_ADMIN\n      - cap_net_raw\n      - WAKE_ALARM\n",
      errors: [
        {
          line: 6,
          column: 9,
          endColumn: 18,
          severity: "error",
          resource: "service/a",
          message: "cap_add SYS_ADMIN goes beyond the baseline capability set: mount filesystems, use namespaces and much more: a well-known container escape",
        },
        { line: 7, column: 9, severity: "warning", message: "cap_add NET_RAW goes beyond the baseline capability set: craft raw packets (spoofing, sniffing on the container network)" },
        { line: 8, severity: "warning", message: "cap_add WAKE_ALARM goes beyond the baseline capability set" },
      ],
    },
    {
      name: "lists are merged through extends: own items, then the extended service's",
      code: "services:\n  base:\n    image: x:1\n    cap_add: [SYS_PTRACE]\n  debug:\n    extends: base\n    cap_add: [NET_ADMIN]\n",
      errors: [
        { line: 4, resource: "service/base", message: /^cap_add SYS_PTRACE goes beyond/ },
        { line: 6, resource: "service/debug", message: 'cap_add SYS_PTRACE goes beyond the baseline capability set: trace and inject code into other processes (inherited from service "base" through extends)' },
        { line: 7, resource: "service/debug", message: /^cap_add NET_ADMIN goes beyond/ },
      ],
    },
    {
      code: "services:\n  a:\n    image: x:1\n    cap_add: [ALL]\n",
      errors: [{ line: 4, column: 15, endColumn: 18, severity: "error", message: "cap_add ALL goes beyond the baseline capability set: every capability, as good as privileged" }],
    },
  ],
});

ruleTester("compose/security-opt-unconfined", {
  valid: [
    { code: "services:\n  a:\n    image: x:1\n    security_opt:\n      - no-new-privileges:true\n      - seccomp:./profile.json\n      - apparmor:docker-default\n      - label:type:svirt_apache_t\n" },
  ],
  invalid: [
    {
      code: "services:\n  a:\n    image: x:1\n    security_opt:\n      - seccomp:unconfined\n      - apparmor=unconfined\n      - label:disable\n      - \"seccomp = unconfined\"\n",
      errors: [
        { line: 5, column: 9, endColumn: 27, severity: "error", resource: "service/a", message: "security_opt seccomp:unconfined turns seccomp off: every system call of the kernel is reachable" },
        { line: 6, message: "security_opt apparmor=unconfined turns AppArmor off: the container runs without its mandatory access control profile" },
        { line: 7, message: "security_opt label:disable turns SELinux labelling off: the container is no longer kept away from host files" },
        { line: 8, message: /^security_opt seccomp = unconfined turns seccomp off/ },
      ],
    },
  ],
});

ruleTester("compose/root-user", {
  valid: [
    { code: "services:\n  a:\n    image: x:1\n    user: \"1000:1000\"\n" },
    { name: "group root is not user root (netbox)", code: "services:\n  a:\n    image: x:1\n    user: \"unit:root\"\n" },
    { name: "uid 10 is not root", code: "services:\n  a:\n    image: x:1\n    user: \"10\"\n" },
    { name: "no user: the image decides", code: "services:\n  a:\n    image: x:1\n" },
    { code: "services:\n  a:\n    image: x:1\n    user: ${UID}\n" },
  ],
  invalid: [
    {
      code: "services:\n  a:\n    image: x:1\n    user: root\n  b:\n    image: x:1\n    user: 0\n  c:\n    image: x:1\n    user: \"0:0\"\n  d:\n    image: x:1\n    user: root:wheel\n  e:\n    image: x:1\n    user: ${APP_UID:-0}\n",
      errors: [
        { line: 4, column: 5, endColumn: 15, severity: "warning", resource: "service/a", message: 'user "root" runs the service as root' },
        { line: 7, resource: "service/b", message: 'user "0" runs the service as root' },
        { line: 10, resource: "service/c" },
        { line: 13, resource: "service/d" },
        { line: 16, resource: "service/e", message: 'user "0" runs the service as root' },
      ],
    },
  ],
});
