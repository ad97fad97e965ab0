/** Kubernetes workload rules beyond the Pod Security Standards. */
import type { Rule } from "../../../src/engine/types.js";
import type { KubernetesModel } from "../../../src/engine/kubernetes/model.js";
import { containerRuntimeSocket } from "./container-runtime-socket.js";
import { readOnlyRootFilesystem } from "./read-only-root-filesystem.js";
import { hostUsers } from "./host-users.js";
import { imageLatestTag } from "./image-latest-tag.js";
import { untrustedRegistry } from "./untrusted-registry.js";
import { serviceAccountToken } from "./service-account-token.js";
import { secretInEnv } from "./secret-in-env.js";
import { missingResourceLimits } from "./missing-resource-limits.js";

export const workloadRules: readonly Rule<KubernetesModel>[] = [
  containerRuntimeSocket,
  readOnlyRootFilesystem,
  hostUsers,
  imageLatestTag,
  untrustedRegistry,
  serviceAccountToken,
  secretInEnv,
  missingResourceLimits,
];
