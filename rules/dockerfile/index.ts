/** Every Dockerfile rule, in documentation order. */
import type { Rule } from "../../src/engine/types.js";
import type { DockerfileModel } from "../../src/engine/dockerfile/model.js";
import { parseError } from "./parse-error.js";
import { rootUser } from "./root-user.js";
import { nonNumericUser } from "./non-numeric-user.js";
import { supervisorDaemon } from "./supervisor-daemon.js";
import { unneededTooling } from "./unneeded-tooling.js";
import { sudo } from "./sudo.js";
import { latestTag } from "./latest-tag.js";
import { unpinnedDigest } from "./unpinned-digest.js";
import { untrustedRegistry } from "./untrusted-registry.js";
import { secretInEnv } from "./secret-in-env.js";
import { addRemote } from "./add-remote.js";
import { pipeToShell } from "./pipe-to-shell.js";
import { exposedAdminPort } from "./exposed-admin-port.js";
import { eolBaseImage } from "./eol-base-image.js";
import { missingHealthcheck } from "./missing-healthcheck.js";
import { noInstallRecommends } from "./no-install-recommends.js";

export const dockerfileRules: readonly Rule<DockerfileModel>[] = [
  parseError,
  rootUser,
  nonNumericUser,
  supervisorDaemon,
  unneededTooling,
  sudo,
  latestTag,
  unpinnedDigest,
  untrustedRegistry,
  secretInEnv,
  addRemote,
  pipeToShell,
  exposedAdminPort,
  eolBaseImage,
  missingHealthcheck,
  noInstallRecommends,
];
