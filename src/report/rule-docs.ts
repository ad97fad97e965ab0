/**
 * Where a rule's documentation lives. Docs are generated into docs/rules/<rule-id>.md (the ID's
 * slash becomes a folder, e.g. docs/rules/dockerfile/root-user.md). The base URL can be pointed at
 * a fork or a GitHub Enterprise copy with CONTAINER_REVIEW_DOCS_URL.
 */
export const DEFAULT_DOCS_BASE_URL = "https://github.com/container-review/container-review/blob/main/docs/rules/";

export function ruleDocPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}

export function ruleDocUrl(ruleId: string, base = process.env.CONTAINER_REVIEW_DOCS_URL ?? DEFAULT_DOCS_BASE_URL): string {
  return `${base.endsWith("/") ? base : `${base}/`}${ruleId}.md`;
}
