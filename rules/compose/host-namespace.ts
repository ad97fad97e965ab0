/**
 * The three host-namespace rules share one shape: a service field whose (interpolated) value
 * `host` puts the container in the host's namespace.
 */
import type { ComposeModel } from "../../src/engine/compose/model.js";
import type { Report, Rule, RuleMeta } from "../../src/engine/types.js";
import { composeText, inheritedNote, serviceReport } from "./support.js";

export function hostNamespaceCheck(key: string, message: string): Rule<ComposeModel>["check"] {
  return (model) => {
    const reports: Report[] = [];
    for (const service of model.services) {
      const field = service.field(key);
      const value = composeText(field);
      if (!field || value === undefined || value.trim().toLowerCase() !== "host") continue;
      reports.push(serviceReport(service, field, `${message}${inheritedNote(field)}`));
    }
    return reports;
  };
}

export function hostNamespaceRule(meta: RuleMeta, key: string, message: string): Rule<ComposeModel> {
  return { meta, check: hostNamespaceCheck(key, message) };
}
