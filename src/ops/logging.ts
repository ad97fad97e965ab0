/**
 * Structured logs of a pull-request scan. Every line a scan writes carries the delivery ID, the
 * repository, the PR number and the head SHA, so one `grep deliveryId=...` (or a log query on those
 * fields) gives the whole story of one webhook delivery across replicas.
 *
 * Scan logs must never contain file contents or credentials. Callers should not log them in the first
 * place; as a second line of defence the scan logger replaces the value of any field whose name
 * says it holds content or a secret (at any depth, in objects and arrays) with "[redacted]".
 */
import type { Logger } from "probot";

export interface ScanLogFields {
  /** The `X-GitHub-Delivery` ID of the webhook that started the scan. */
  deliveryId: string;
  /** `owner/name`. */
  repository: string;
  pullNumber: number;
  headSha: string;
}

/**
 * Field names whose values are never written (case-insensitive). "text", "content", "lines",
 * "patch", "body" and "source" hold file contents; the others credentials.
 */
export const REDACTED_FIELDS: ReadonlySet<string> = new Set([
  "content",
  "contents",
  "text",
  "lines",
  "patch",
  "body",
  "source",
  "privatekey",
  "private_key",
  "key",
  "token",
  "secret",
  "webhooksecret",
  "password",
  "authorization",
  "cookie",
]);

const REDACTED = "[redacted]";
const MAX_DEPTH = 8;

function scrub(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Error) return value; // pino's error serializer handles errors (message and stack)
  if (seen.has(value) || depth > MAX_DEPTH) return "[elided]";
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = REDACTED_FIELDS.has(k.toLowerCase()) ? REDACTED : scrub(v, depth + 1, seen);
  }
  return out;
}

/** Replaces content and credential fields of a log record (the pino `formatters.log` hook). */
export function redactLogRecord(record: object): Record<string, unknown> {
  return scrub(record, 0, new WeakSet()) as Record<string, unknown>;
}

/**
 * A child of the given pino logger (Probot's `context.log` or `app.log`) that binds the scan's
 * identity to every line and redacts content and secret fields.
 */
export function scanLogger(log: Logger, fields: ScanLogFields): Logger {
  return log.child(
    {
      deliveryId: fields.deliveryId,
      repository: fields.repository,
      pullNumber: fields.pullNumber,
      headSha: fields.headSha,
    },
    { formatters: { log: redactLogRecord } },
  );
}
