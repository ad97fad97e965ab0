/** Small helpers shared by the workload rules. */
import type { RuleReference } from "../../../src/engine/types.js";

export const SECURITY_CONTEXT_DOCS: RuleReference = {
  title: "Kubernetes: Configure a Security Context for a Pod or Container",
  url: "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
};

/** A value quoted for a message: strings in double quotes, other scalars as written. */
export function shown(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 100 ? `${value.slice(0, 97)}...` : value);
  return String(value);
}
