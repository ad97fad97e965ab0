/**
 * What the Pod Security Standards rules share: references, and the walk over the places a
 * securityContext field is written (the pod once, then each container that sets it itself).
 *
 * Two conventions keep one problem from being reported twice:
 * - A forbidden value is reported where it is written. A pod-level value is reported once, on the
 *   pod (not once per container that inherits it), as Pod Security Admission does: admission
 *   rejects the pod for the pod-level value even when every container overrides it.
 * - A missing required value (restricted profile) is reported once per container whose effective
 *   value (container, else pod, as the kubelet resolves it) is missing, at the container's `name:`.
 */
import type { Container, PodSpec, YamlField } from "../../../src/engine/kubernetes/model.js";
import { containerReport, podReport, type ReportDetails } from "../../../src/engine/kubernetes/report.js";
import type { Report, RuleReference } from "../../../src/engine/types.js";

export const PSS_REFERENCE: RuleReference = {
  title: "Kubernetes: Pod Security Standards",
  url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
};
export const SECURITY_CONTEXT_REFERENCE: RuleReference = {
  title: "Kubernetes: Configure a Security Context for a Pod or Container",
  url: "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
};
export const PSA_SOURCE_REFERENCE: RuleReference = {
  title: "Pod Security Admission policy checks (kubernetes/pod-security-admission)",
  url: "https://github.com/kubernetes/pod-security-admission/tree/master/policy",
};

/** A securityContext field as written at one level. */
export interface WrittenSetting {
  field: YamlField;
  /** The container that writes it; undefined for the pod-level securityContext. */
  container?: Container;
}

/**
 * Every place the securityContext field at `path` (e.g. ["seccompProfile", "type"]) is written
 * with a non-null value: the pod's `spec.securityContext` first, then each container's own.
 */
export function writtenSettings(pod: PodSpec, path: string[]): WrittenSetting[] {
  const out: WrittenSetting[] = [];
  const podField = pod.securityContext?.at(...path);
  if (podField && !podField.isNull) out.push({ field: podField });
  for (const container of pod.containers) {
    const field = container.securityContext?.at(...path);
    if (field && !field.isNull) out.push({ field, container });
  }
  return out;
}

/** A report on the container when there is one, else on the pod. */
export function reportAt(pod: PodSpec, container: Container | undefined, details: ReportDetails & { missingPath?: string }): Report {
  return container ? containerReport(container, details) : podReport(pod, details);
}

/** "the pod" or `container "web"`-style subject for messages. */
export function subject(container: Container | undefined, describe: (c: Container) => string): string {
  return container ? describe(container) : "the pod";
}

/** A field path relative to the pod spec, for messages ("securityContext.runAsUser"). */
export function relativePath(pod: PodSpec, field: YamlField, container?: Container): string {
  const base = container ? container.node.path : pod.spec.path;
  return field.path.startsWith(`${base}.`) ? field.path.slice(base.length + 1) : field.path;
}

/** A scalar for messages: strings quoted, others as YAML writes them. */
export function show(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}
