/**
 * `k8s/windows-host-process` (PSS baseline "HostProcess"): `windowsOptions.hostProcess` must be
 * false or unset, at pod and container level.
 */
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { describeContainer } from "../../../src/engine/kubernetes/report.js";
import { replaceScalarFix } from "../../../src/engine/kubernetes/yaml-field.js";
import type { Report, Rule } from "../../../src/engine/types.js";
import { PSS_REFERENCE, reportAt, subject, writtenSettings } from "./pss.js";

export const windowsHostProcess: Rule<KubernetesModel> = {
  meta: {
    id: "k8s/windows-host-process",
    kind: "kubernetes",
    title: "Windows HostProcess container",
    severity: "error",
    rationale:
      "A Windows HostProcess container runs directly on the host, with the host's network and file system and as a host user: it is the Windows " +
      "equivalent of a privileged container. The baseline level forbids `windowsOptions.hostProcess: true` at pod and container level.",
    remediation: "Remove `windowsOptions.hostProcess` (or set it to false). Node administration belongs in a namespace exempted from Pod Security admission.",
    references: [PSS_REFERENCE, { title: "Kubernetes: Create a Windows HostProcess Pod", url: "https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/" }],
    standards: ["pss-baseline"],
    profile: "baseline",
    fixable: true,
    examples: {
      bad: "securityContext:\n  windowsOptions:\n    hostProcess: true\n    runAsUserName: \"NT AUTHORITY\\\\SYSTEM\"",
      good: "securityContext:\n  windowsOptions:\n    runAsUserName: ContainerUser",
    },
  },
  check(model, context) {
    const reports: Report[] = [];
    for (const pod of model.podSpecs) {
      for (const { field, container } of writtenSettings(pod, ["windowsOptions", "hostProcess"])) {
        if (field.boolean !== true) continue;
        const fix = replaceScalarFix(context.file, field, "false", "Turn HostProcess off");
        reports.push(
          reportAt(pod, container, {
            field,
            message: `${subject(container, describeContainer)} runs as a Windows HostProcess container (securityContext.windowsOptions.hostProcess: true)`,
            ...(fix ? { fix } : {}),
          }),
        );
      }
    }
    return reports;
  },
};
