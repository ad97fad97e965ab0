/** The Pod Security Standards rules: baseline first, then restricted (policy version 1.37). */
import type { Rule } from "../../../src/engine/types.js";
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { privileged } from "./privileged.js";
import { hostNetwork } from "./host-network.js";
import { hostPid } from "./host-pid.js";
import { hostIpc } from "./host-ipc.js";
import { hostPath } from "./host-path.js";
import { hostPort } from "./host-port.js";
import { capabilitiesAdded } from "./capabilities-added.js";
import { apparmorUnconfined } from "./apparmor-unconfined.js";
import { selinuxOptions } from "./selinux-options.js";
import { procMount } from "./proc-mount.js";
import { seccompUnconfined } from "./seccomp-unconfined.js";
import { unsafeSysctls } from "./unsafe-sysctls.js";
import { windowsHostProcess } from "./windows-host-process.js";
import { hostProbes } from "./host-probes.js";
import { allowPrivilegeEscalation } from "./allow-privilege-escalation.js";
import { runAsNonRoot } from "./run-as-non-root.js";
import { runAsUserRoot } from "./run-as-user-root.js";
import { seccompMissing } from "./seccomp-missing.js";
import { capabilitiesNotDropped } from "./capabilities-not-dropped.js";
import { volumeTypes } from "./volume-types.js";

export const podSecurityRules: readonly Rule<KubernetesModel>[] = [
  privileged,
  hostNetwork,
  hostPid,
  hostIpc,
  hostPath,
  hostPort,
  capabilitiesAdded,
  apparmorUnconfined,
  selinuxOptions,
  procMount,
  seccompUnconfined,
  unsafeSysctls,
  windowsHostProcess,
  hostProbes,
  allowPrivilegeEscalation,
  runAsNonRoot,
  runAsUserRoot,
  seccompMissing,
  capabilitiesNotDropped,
  volumeTypes,
];
