/** Operations of the running app: health and readiness probes, Prometheus metrics, scan logs. */
export { operationsHandler, mountOperationsRoutes, OPERATIONS_PATHS } from "./operations.js";
export type { OperationsHandler, OperationsOptions } from "./operations.js";
export { checkSigningKey, readPrivateKeyFromEnvironment } from "./signing-key.js";
export type { SigningKeyStatus } from "./signing-key.js";
export { scanLogger, redactLogRecord, REDACTED_FIELDS } from "./logging.js";
export type { ScanLogFields } from "./logging.js";
export * from "./metrics.js";
