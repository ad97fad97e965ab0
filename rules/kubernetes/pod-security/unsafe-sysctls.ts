/**
 * `k8s/unsafe-sysctls` (PSS baseline "Sysctls"): only the namespaced sysctls the standard lists as
 * safe may be set in `spec.securityContext.sysctls`. The list is the newest policy version's (1.37).
 */
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { podReport } from "../../../src/engine/kubernetes/report.js";
import type { Report, Rule } from "../../../src/engine/types.js";
import { PSS_REFERENCE, show } from "./pss.js";

/** The safe sysctls, with the policy version that added each. */
export const SAFE_SYSCTLS: ReadonlyMap<string, string> = new Map([
  ["kernel.shm_rmid_forced", "1.0"],
  ["net.ipv4.ip_local_port_range", "1.0"],
  ["net.ipv4.tcp_syncookies", "1.0"],
  ["net.ipv4.ping_group_range", "1.0"],
  ["net.ipv4.ip_unprivileged_port_start", "1.0"],
  ["net.ipv4.ip_local_reserved_ports", "1.27"],
  ["net.ipv4.tcp_keepalive_time", "1.29"],
  ["net.ipv4.tcp_fin_timeout", "1.29"],
  ["net.ipv4.tcp_keepalive_intvl", "1.29"],
  ["net.ipv4.tcp_keepalive_probes", "1.29"],
  ["net.ipv4.tcp_rmem", "1.32"],
  ["net.ipv4.tcp_wmem", "1.32"],
  ["net.ipv4.tcp_slow_start_after_idle", "1.37"],
  ["net.ipv4.tcp_notsent_lowat", "1.37"],
]);

export const unsafeSysctls: Rule<KubernetesModel> = {
  meta: {
    id: "k8s/unsafe-sysctls",
    kind: "kubernetes",
    title: "Pod sets a sysctl outside the safe set",
    severity: "error",
    rationale:
      "Sysctls tune the kernel. Only a handful are isolated per pod and harmless to neighbours; others change the node for every pod or weaken it " +
      "(kernel.*, vm.*, most net.* keys). The baseline level allows only: " +
      `${[...SAFE_SYSCTLS.keys()].join(", ")} (policy 1.37). The kubelet additionally rejects unsafe sysctls unless the node allows them.`,
    remediation:
      "Remove the sysctl, or set it on the nodes (node tuning, a privileged DaemonSet in an exempt namespace) instead of in the workload. " +
      "Names are compared exactly; write them with dots.",
    references: [PSS_REFERENCE, { title: "Kubernetes: Using sysctls in a Kubernetes Cluster", url: "https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/" }],
    standards: ["pss-baseline"],
    profile: "baseline",
    examples: {
      bad: "securityContext:\n  sysctls:\n    - name: kernel.msgmax\n      value: \"65536\"",
      good: "securityContext:\n  sysctls:\n    - name: net.ipv4.ip_local_port_range\n      value: \"32768 60999\"",
    },
  },
  check(model) {
    const reports: Report[] = [];
    for (const pod of model.podSpecs) {
      for (const sysctl of pod.securityContext?.get("sysctls")?.items() ?? []) {
        const nameField = sysctl.get("name");
        const name = nameField?.value;
        if (!nameField || name === null || name === undefined || name === "") continue;
        if (typeof name === "string" && SAFE_SYSCTLS.has(name)) continue;
        reports.push(
          podReport(pod, {
            field: nameField,
            fingerprintKey: `${pod.spec.path}.securityContext.sysctls[${String(name)}]`,
            message: `the pod sets sysctl ${show(name)}, which is not in the Pod Security Standards' safe set (securityContext.sysctls)`,
          }),
        );
      }
    }
    return reports;
  },
};
