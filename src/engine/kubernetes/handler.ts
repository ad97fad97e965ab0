// Placeholder: replaced by the Kubernetes handler.
import type { FileKindHandler } from "../types.js";
import type { KubernetesModel } from "./model.js";
import { kubernetesRules } from "../../../rules/kubernetes/index.js";

export const kubernetesHandler: FileKindHandler<KubernetesModel> = {
  kind: "kubernetes",
  parseErrorRuleId: "k8s/parse-error",
  parse: () => ({ problems: [], notApplicable: "Kubernetes support not built yet" }),
  rules: kubernetesRules,
};
