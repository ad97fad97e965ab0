/** Every compose rule, in documentation order. */
import type { Rule } from "../../src/engine/types.js";
import type { ComposeModel } from "../../src/engine/compose/model.js";
import { composeParseError } from "./parse-error.js";
import { composePrivileged } from "./privileged.js";
import { composeHostNetwork } from "./host-network.js";
import { composeHostPid } from "./host-pid.js";
import { composeHostIpc } from "./host-ipc.js";
import { composeContainerRuntimeSocket } from "./container-runtime-socket.js";
import { composeCapabilitiesAdded } from "./capabilities-added.js";
import { composeSecurityOptUnconfined } from "./security-opt-unconfined.js";
import { composeRootUser } from "./root-user.js";
import { composeImageLatestTag } from "./image-latest-tag.js";
import { composeReadOnlyRootFilesystem } from "./read-only-root-filesystem.js";

export const composeRules: readonly Rule<ComposeModel>[] = [
  composeParseError,
  composePrivileged,
  composeHostNetwork,
  composeHostPid,
  composeHostIpc,
  composeContainerRuntimeSocket,
  composeCapabilitiesAdded,
  composeSecurityOptUnconfined,
  composeRootUser,
  composeImageLatestTag,
  composeReadOnlyRootFilesystem,
];
