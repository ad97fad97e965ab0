import type { Report, Rule } from "../../src/engine/types.js";
import { effectiveUser, type DockerfileModel } from "../../src/engine/dockerfile/model.js";
import { isRootUser } from "../data/users.js";
import { dockerfileReference, reportIn } from "./support.js";

export const nonNumericUser: Rule<DockerfileModel> = {
  meta: {
    id: "dockerfile/non-numeric-user",
    kind: "dockerfile",
    title: "Final user is a name, not a numeric UID",
    severity: "warning",
    rationale:
      "Kubernetes `runAsNonRoot: true` checks the image's user before starting the container, and it can only prove a numeric UID is not 0. With a user name (`USER app`, `USER node`) the kubelet refuses to start the pod with \"image has non-numeric user ... cannot verify user is non-root\".",
    remediation:
      "Use the numeric UID (and GID) in the final stage, e.g. `USER 10001:10001`, creating the user with that UID if the application needs one.",
    references: [
      dockerfileReference("USER"),
      { title: "Kubernetes: configure a security context (runAsNonRoot)", url: "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/" },
    ],
    standards: ["pss-restricted"],
    examples: {
      bad: "FROM node:22-alpine\nUSER node\nCMD [\"node\", \"server.js\"]\n",
      good: "FROM node:22-alpine\nUSER 1000:1000\nCMD [\"node\", \"server.js\"]\n",
    },
  },
  check(model): Report[] {
    // Windows containers name their users (ContainerUser); Kubernetes checks runAsUserName there instead.
    if (model.finalStage.windows) return [];
    const setting = effectiveUser(model.finalStage);
    if (!setting || setting.user === undefined || setting.user === "") return [];
    if (/^\d+$/.test(setting.user) || isRootUser(setting.user)) return [];
    return [
      reportIn(
        setting.instruction,
        setting.valueRange,
        `the final user "${setting.user}" is a name, not a numeric UID: Kubernetes runAsNonRoot cannot verify that it is not root, and the pod fails to start; use the numeric UID, e.g. USER 10001`,
        setting.written,
      ),
    ];
  },
};
