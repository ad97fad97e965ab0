import { ruleTester, type InvalidCase } from "../../../helpers/rule-tester.js";
import { WORKLOAD_KINDS, workload } from "./workloads.js";

const safe = [
  "kernel.shm_rmid_forced",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.tcp_syncookies",
  "net.ipv4.ping_group_range",
  "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.ip_local_reserved_ports",
  "net.ipv4.tcp_keepalive_time",
  "net.ipv4.tcp_fin_timeout",
  "net.ipv4.tcp_keepalive_intvl",
  "net.ipv4.tcp_keepalive_probes",
  "net.ipv4.tcp_rmem",
  "net.ipv4.tcp_wmem",
  "net.ipv4.tcp_slow_start_after_idle",
  "net.ipv4.tcp_notsent_lowat",
];

ruleTester("k8s/unsafe-sysctls", {
  valid: [
    { name: "every sysctl of the 1.37 safe list", code: workload("Pod", `securityContext:\n  sysctls:\n${safe.map((n) => `    - {name: ${n}, value: "1"}`).join("\n")}\ncontainers: [{name: web}]\n`).code },
    { name: "no sysctls", code: workload("Pod", "securityContext: {runAsNonRoot: true}\ncontainers: [{name: web}]\n").code },
  ],
  invalid: [
    ...WORKLOAD_KINDS.map((kind): InvalidCase => {
      const w = workload(kind, 'securityContext:\n  sysctls:\n    - name: kernel.msgmax\n      value: "65536"\ncontainers: [{name: web}]\n');
      return {
        name: `${kind}: kernel.msgmax`,
        code: w.code,
        errors: [{ line: w.line(3), column: w.column(7), endColumn: w.column(26), resource: w.resource, severity: "error", message: "the pod sets sysctl \"kernel.msgmax\", which is not in the Pod Security Standards' safe set (securityContext.sysctls)" }],
      };
    }),
    {
      name: "net.* outside the list, slash notation and ipv6 are not safe; each reported",
      code: workload("Pod", 'securityContext:\n  sysctls:\n    - {name: net.core.somaxconn, value: "1024"}\n    - {name: net/ipv4/tcp_syncookies, value: "1"}\n    - {name: net.ipv6.conf.all.forwarding, value: "1"}\n    - {name: net.ipv4.tcp_syncookies, value: "1"}\ncontainers: [{name: web}]\n').code,
      errors: [
        { line: 8, column: 10, message: /"net\.core\.somaxconn"/ },
        { line: 9, message: /"net\/ipv4\/tcp_syncookies"/ },
        { line: 10, message: /"net\.ipv6\.conf\.all\.forwarding"/ },
      ],
    },
    {
      name: "container-level sysctls are not a Kubernetes field; the pod-level one is reported under baseline too",
      config: { profile: "baseline" },
      code: workload("Pod", 'securityContext:\n  sysctls: [{name: vm.swappiness, value: "10"}]\ncontainers:\n  - name: web\n    securityContext:\n      sysctls: [{name: vm.overcommit_memory, value: "1"}]\n').code,
      errors: [{ line: 7, message: /"vm\.swappiness"/ }],
    },
  ],
});
