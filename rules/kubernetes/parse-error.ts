/**
 * `k8s/parse-error`: a manifest that could not be read. The handler produces these reports (YAML
 * syntax errors, alias limits, too many documents, templated files); this module carries the
 * metadata so the rule can be documented, configured and turned off like any other.
 */
import type { Rule } from "../../src/engine/types.js";
import type { KubernetesModel } from "../../src/engine/kubernetes/model.js";

export const k8sParseError: Rule<KubernetesModel> = {
  meta: {
    id: "k8s/parse-error",
    kind: "kubernetes",
    title: "Manifest could not be analyzed",
    severity: "error",
    rationale:
      "A document that cannot be read is a document nobody checked: a green review over an unreadable manifest is a false assurance. " +
      "Syntax errors, YAML aliases beyond the limit (alias bombs expand exponentially), and files with more documents than the limit are reported here; " +
      "the other documents of the file are still analyzed. Go/Helm templates are reported at severity info: they are not YAML until rendered.",
    remediation:
      "Fix the YAML syntax at the reported position, or remove the aliases (or raise limits.yamlAliases.kubernetes). For Helm charts, render them " +
      "(`helm template`) and scan the output.",
    references: [
      { title: "YAML 1.2 specification", url: "https://yaml.org/spec/1.2.2/" },
      { title: "Helm: helm template", url: "https://helm.sh/docs/helm/helm_template/" },
    ],
    standards: [],
    examples: {
      bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n spec: {}",
      good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec: {}",
    },
  },
  check: () => [],
};
