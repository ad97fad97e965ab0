import { ruleTester } from "../../../helpers/rule-tester.js";
import { cronJob, deployment } from "./fixtures.js";

const hostPathVolume = (path: string) => `volumes:\n  - name: runtime\n    hostPath:\n      path: ${path}`;

ruleTester("k8s/container-runtime-socket", {
  valid: [
    { name: "an application socket", code: deployment("", hostPathVolume("/var/run/app.sock")) },
    { name: "a log folder", code: deployment("", hostPathVolume("/var/log")) },
    { name: "emptyDir", code: deployment("", "volumes:\n  - name: runtime\n    emptyDir: {}") },
  ],
  invalid: [
    {
      code: deployment("", hostPathVolume("/var/run/docker.sock")),
      errors: [
        {
          line: 14,
          column: 13,
          endColumn: 39,
          severity: "error",
          resource: "Deployment/web",
          message:
            'hostPath volume "runtime" mounts the Docker socket (/var/run/docker.sock): whoever controls this container can start privileged containers and so controls the host, even through a read-only mount',
        },
      ],
    },
    { code: deployment("", hostPathVolume("/run/containerd/containerd.sock")), errors: [{ line: 14, message: /^hostPath volume "runtime" mounts the containerd socket/ }] },
    { code: deployment("", hostPathVolume("/var/run/crio/crio.sock")), errors: [{ line: 14, message: /^hostPath volume "runtime" mounts the CRI-O socket/ }] },
    {
      code: deployment("", hostPathVolume("/var/lib/containerd/")),
      errors: [{ line: 14, message: 'hostPath volume "runtime" mounts the containerd data directory (every container\'s filesystem): whoever controls this container controls the container runtime and so the host' }],
    },
    {
      name: "container logs inside the data directory (log shippers): a warning",
      code: deployment("", hostPathVolume("/var/lib/docker/containers")),
      errors: [
        {
          line: 14,
          severity: "warning",
          message:
            "hostPath volume \"runtime\" mounts /var/lib/docker/containers, inside the Docker data directory (every container's filesystem and the daemon's state): it exposes other containers' files (logs, configuration with their environment variables) and, if writable, lets this container change them",
        },
      ],
    },
    { code: deployment("", hostPathVolume("/run/containerd")), errors: [{ line: 14, message: /^hostPath volume "runtime" mounts \/run\/containerd, which contains \/run\/containerd\/containerd\.sock/ }] },
    { code: deployment("", hostPathVolume("/")), errors: [{ line: 14, message: /^hostPath volume "runtime" mounts the host's root filesystem/ }] },
    {
      name: "in a CronJob",
      code: cronJob() + "          volumes:\n            - name: sock\n              hostPath:\n                path: /var/run/docker.sock\n                type: Socket\n",
      errors: [{ line: 21, resource: "CronJob/jobs/nightly", message: /^hostPath volume "sock" mounts the Docker socket/ }],
    },
    {
      name: "waived by an annotation with a reason",
      code: deployment("", hostPathVolume("/var/run/docker.sock")).replace("  name: web\n", "  name: web\n  annotations:\n    ignore.container-review.dev/container-runtime-socket: \"node agent, audited\"\n"),
      errors: [{ line: 16, suppressed: true }],
    },
  ],
});

ruleTester("k8s/host-users", {
  valid: [
    { code: deployment("", "hostUsers: false") },
    { name: "Windows pods", code: deployment("", "os:\n  name: windows") },
    { name: "a Service has no pod", code: "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n    - port: 80\n" },
  ],
  invalid: [
    {
      code: deployment(),
      errors: [
        {
          line: 2,
          column: 1,
          endColumn: 5,
          severity: "info",
          resource: "Deployment/web",
          message: "the pod shares the node's user namespace, so root in a container is root on the node: hostUsers is not set to false",
        },
      ],
    },
    {
      code: deployment("", "hostUsers: true"),
      errors: [{ line: 11, column: 7, endColumn: 22, message: "the pod shares the node's user namespace, so root in a container is root on the node (hostUsers: true)", fix: "      hostUsers: false" }],
    },
    {
      name: "no fix when the pod uses a host namespace",
      code: deployment("", "hostUsers: true\nhostNetwork: true"),
      errors: [{ line: 11, message: /\(it also uses a host namespace, which a user-namespaced pod cannot\)$/ }],
    },
    { name: "CronJob", code: cronJob(), errors: [{ line: 2, resource: "CronJob/jobs/nightly" }] },
  ],
});

const serviceAccount = (automount: string) =>
  `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web-sa\n${automount ? `automountServiceAccountToken: ${automount}\n` : ""}---\n`;

ruleTester("k8s/service-account-token", {
  valid: [
    { code: deployment("", "automountServiceAccountToken: false") },
    { name: "its ServiceAccount in the same file opts out", code: serviceAccount("false") + deployment("", "serviceAccountName: web-sa") },
  ],
  invalid: [
    {
      code: deployment(),
      errors: [
        {
          line: 2,
          column: 1,
          severity: "info",
          resource: "Deployment/web",
          message: 'the pod mounts a token of service account "default": automountServiceAccountToken is not set to false on the pod',
        },
      ],
    },
    {
      name: "the pod's own true wins over its ServiceAccount's false",
      code: serviceAccount("false") + deployment("", "serviceAccountName: web-sa\nautomountServiceAccountToken: true"),
      errors: [
        {
          line: 18,
          column: 7,
          message: 'the pod mounts a token of service account "web-sa" (automountServiceAccountToken: true); set it to false unless the pod calls the Kubernetes API',
          fix: "      automountServiceAccountToken: false",
        },
      ],
    },
    {
      name: "a ServiceAccount in another namespace does not count",
      code: serviceAccount("false").replace("  name: web-sa\n", "  name: web-sa\n  namespace: other\n") + deployment("", "serviceAccountName: web-sa"),
      errors: [{ line: 9, message: 'the pod mounts a token of service account "web-sa": automountServiceAccountToken is not set to false on the pod' }],
    },
    {
      name: "its ServiceAccount does not opt out",
      code: serviceAccount("") + deployment("", "serviceAccountName: web-sa"),
      errors: [{ line: 7, message: 'the pod mounts a token of service account "web-sa": automountServiceAccountToken is not set to false on the pod or its ServiceAccount' }],
    },
  ],
});
