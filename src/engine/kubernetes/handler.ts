/**
 * The Kubernetes file-kind handler: reads a manifest stream (YAML or JSON, several documents,
 * `List` objects) into the model, turns YAML problems into `k8s/parse-error` reports (templated
 * files at severity info), and waives findings through `ignore.container-review.dev/<rule>`
 * annotations on the object or its pod template.
 */
import type { ResolvedConfig } from "../../config/schema.js";
import type { Deadline } from "../deadline.js";
import type { AnnotationWaiver, FileKindHandler, Finding, HandlerReport, ParseOutcome, TextFile } from "../types.js";
import type { K8sObject, KubernetesModel } from "./model.js";
import { parseYamlStream } from "../yaml/documents.js";
import { buildModel } from "./objects.js";
import { kubernetesRules } from "../../../rules/kubernetes/index.js";

/** The rule ID of Kubernetes parse problems. */
export const K8S_PARSE_ERROR = "k8s/parse-error";
/** Annotation prefix that waives a rule for one object: `ignore.container-review.dev/<rule without k8s/>`. */
export const IGNORE_ANNOTATION_PREFIX = "ignore.container-review.dev/";

function parseManifest(file: TextFile, config: ResolvedConfig, rendered: boolean, deadline?: Deadline): ParseOutcome<KubernetesModel> {
  const stream = parseYamlStream(
    file,
    {
      maxAliases: config.limits.yamlAliases.kubernetes,
      maxDocuments: config.limits.maxDocumentsPerFile,
      merge: false,
      rendered,
    },
    deadline,
  );
  const problems: HandlerReport[] = stream.problems.map((p) => ({
    ruleId: K8S_PARSE_ERROR,
    range: p.range,
    message: p.message,
    fingerprintKey: `${p.kind}:${p.message}`,
    ...(p.kind === "templated" ? { severity: "info" as const } : {}),
  }));
  if (stream.templated) return { problems };
  const model = buildModel(file, stream, deadline);
  if (model.objects.length === 0 && problems.length === 0) {
    return { problems, notApplicable: "no Kubernetes objects (no document has apiVersion and kind)" };
  }
  return { model, problems };
}

export const kubernetesHandler: FileKindHandler<KubernetesModel> = {
  kind: "kubernetes",
  parseErrorRuleId: K8S_PARSE_ERROR,
  parse: (file, config, deadline) => parseManifest(file, config, false, deadline),
  rules: kubernetesRules,
  annotationSuppression: waiverFromAnnotation,
};

/** The same handler for the output of a renderer: `{{` there is data, never a template marker. */
export const renderedKubernetesHandler: FileKindHandler<KubernetesModel> = {
  ...kubernetesHandler,
  parse: (file, config, deadline) => parseManifest(file, config, true, deadline),
};

/** The innermost object whose lines contain `line` (List items are inside their List's document). */
export function objectAtLine(model: KubernetesModel, line: number): K8sObject | undefined {
  let best: K8sObject | undefined;
  for (const object of model.objects) {
    if (line < object.startLine || line > object.endLine) continue;
    if (!best || object.endLine - object.startLine < best.endLine - best.startLine) best = object;
  }
  return best;
}

/** The ignore annotation on the finding's object (metadata or pod template) naming its rule. */
export function waiverFromAnnotation(model: KubernetesModel, finding: Finding): AnnotationWaiver | undefined {
  if (!finding.ruleId.startsWith("k8s/")) return undefined;
  const object = objectAtLine(model, finding.line);
  if (!object) return undefined;
  const wanted = IGNORE_ANNOTATION_PREFIX + finding.ruleId.slice("k8s/".length);
  const annotation = object.annotations.find((a) => a.key === wanted);
  if (!annotation) return undefined;
  return {
    reason: annotation.value.trim(),
    line: annotation.range.line,
    column: annotation.range.column,
    endColumn: annotation.range.endLine === annotation.range.line ? annotation.range.endColumn : annotation.keyRange.endColumn,
  };
}
