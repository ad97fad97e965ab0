/**
 * Report builders for Kubernetes rules, so every rule names its object and container the same
 * way, anchors suppression comments on the container and object lines, and fingerprints by field
 * path rather than by line text.
 */
import type { Fix, Range, Report, Severity } from "../types.js";
import type { Container, K8sObject, PodSpec } from "./model.js";
import type { YamlField } from "./yaml-field.js";

export interface ReportDetails {
  message: string;
  /** The field the finding is about; its `key: value` range is used unless `range` is given. */
  field?: YamlField;
  /** Explicit position (default: the field's range, else the container's `name:` / object's `kind:`). */
  range?: Range;
  /** Fingerprint key (default: the field's path, else `fallbackPath`). */
  fingerprintKey?: string;
  severity?: Severity;
  fix?: Fix;
}

/** A finding about one container: at the field when given, else at the container's `name:` key. */
export function containerReport(container: Container, details: ReportDetails & { missingPath?: string }): Report {
  const fingerprintKey = details.fingerprintKey ?? details.field?.path ?? details.missingPath ?? container.node.path;
  return build(details, details.range ?? details.field?.range ?? container.nameRange, fingerprintKey, {
    resource: container.pod.object.resource,
    container: container.name,
    anchorLines: container.anchorLines,
  });
}

/** A finding about the pod as a whole: at the field when given, else at the object's `kind:` key. */
export function podReport(pod: PodSpec, details: ReportDetails & { missingPath?: string }): Report {
  const fingerprintKey = details.fingerprintKey ?? details.field?.path ?? details.missingPath ?? pod.spec.path;
  return build(details, details.range ?? details.field?.range ?? pod.object.kindRange, fingerprintKey, {
    resource: pod.object.resource,
    anchorLines: pod.anchorLines,
  });
}

/** A finding about any object (RBAC, Services, ...): at the field when given, else at `kind:`. */
export function objectReport(object: K8sObject, details: ReportDetails & { missingPath?: string }): Report {
  const fingerprintKey = details.fingerprintKey ?? details.field?.path ?? details.missingPath ?? "kind";
  return build(details, details.range ?? details.field?.range ?? object.kindRange, fingerprintKey, {
    resource: object.resource,
    anchorLines: [object.startLine],
  });
}

function build(
  details: ReportDetails,
  range: Range,
  fingerprintKey: string,
  where: { resource: string; container?: string; anchorLines: number[] },
): Report {
  const report: Report = { range, message: details.message, fingerprintKey, resource: where.resource, anchorLines: where.anchorLines };
  if (where.container !== undefined) report.container = where.container;
  if (details.severity) report.severity = details.severity;
  if (details.fix) report.fix = details.fix;
  return report;
}

/** `container "web"` / `init container "setup"` / `ephemeral container "debug"` for messages. */
export function describeContainer(container: Container): string {
  const prefix = container.list === "initContainers" ? "init container" : container.list === "ephemeralContainers" ? "ephemeral container" : "container";
  return `${prefix} "${container.name || `#${container.index + 1}`}"`;
}
