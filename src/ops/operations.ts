/**
 * Operations endpoints on the app's HTTP server:
 *
 *   GET /healthz  liveness: the process is up and its event loop answers (always 200).
 *   GET /readyz   readiness: the GitHub App private key is loaded and can sign an RS256 JWT (200),
 *                 otherwise 503 with a one-line reason (never key material); 503 once shutting down.
 *   GET /metrics  Prometheus text exposition of src/ops/metrics.ts's registry.
 *
 * `operationsHandler` returns a Probot 14 server handler: it answers these three paths (HEAD too)
 * and returns `false` for every other request, so Probot's own handlers (webhooks, /ping, 404) run.
 *
 * ## Wiring it into the app (Probot 14)
 *
 * Probot 14 passes `{ cwd, addHandler }` (ApplicationFunctionOptions) as the second argument of the
 * app function; `getRouter` no longer exists. `addHandler` appends a
 * `(req, res) => boolean | Promise<boolean>` handler to the server, after the webhook middleware and
 * /ping and before the 404 handler. The app function does not receive the private key, so
 * `mountOperationsRoutes` reads it the way Probot does (PRIVATE_KEY, PRIVATE_KEY_PATH, or the one
 * `*.pem` file in the working directory):
 *
 * ```ts
 * import { mountOperationsRoutes } from "./ops/index.js";
 *
 * export default (app: Probot, options: ApplicationFunctionOptions) => {
 *   mountOperationsRoutes(options);
 *   // ... app.on(...) as before
 * };
 * ```
 *
 * When the app is loaded without an HTTP server (`probot.load(app)` in tests), Probot's default
 * `addHandler` throws "No server instance"; `mountOperationsRoutes` then mounts nothing and returns
 * false, so existing tests keep working.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Registry } from "prom-client";
import { metricsRegistry } from "./metrics.js";
import { checkSigningKey, readPrivateKeyFromEnvironment, type SigningKeyStatus } from "./signing-key.js";

/** The shape of a Probot 14 server handler (Probot does not export the type by name). */
export type OperationsHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export interface OperationsOptions {
  /** The GitHub App's PEM private key, as Probot loaded it; undefined when none is configured. */
  privateKey: string | undefined;
  /** The registry to expose at /metrics; default: the app's registry from src/ops/metrics.ts. */
  registry?: Registry;
  /** True once the app is shutting down: /readyz answers 503 so that no new traffic is routed here. */
  isDraining?: () => boolean;
}

export const OPERATIONS_PATHS = ["/healthz", "/readyz", "/metrics"] as const;

function send(res: ServerResponse, req: IncomingMessage, status: number, contentType: string, body: string): void {
  res.writeHead(status, {
    "content-type": contentType,
    "cache-control": "no-store",
    "content-length": Buffer.byteLength(body),
  });
  res.end(req.method === "HEAD" ? undefined : body);
}

export function operationsHandler(options: OperationsOptions): OperationsHandler {
  const registry = options.registry ?? metricsRegistry;
  // The key cannot change while the process runs, so one signing check answers every probe.
  let keyStatus: SigningKeyStatus | undefined;

  return async (req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (!(OPERATIONS_PATHS as readonly string[]).includes(path ?? "")) return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("allow", "GET, HEAD");
      send(res, req, 405, "text/plain; charset=utf-8", "method not allowed\n");
      return true;
    }
    switch (path) {
      case "/healthz":
        send(res, req, 200, "text/plain; charset=utf-8", "ok\n");
        return true;
      case "/readyz": {
        if (options.isDraining?.()) {
          send(res, req, 503, "text/plain; charset=utf-8", "not ready: shutting down\n");
          return true;
        }
        keyStatus ??= checkSigningKey(options.privateKey);
        if (keyStatus.ready) send(res, req, 200, "text/plain; charset=utf-8", "ready\n");
        else send(res, req, 503, "text/plain; charset=utf-8", `not ready: ${keyStatus.reason}\n`);
        return true;
      }
      default: {
        let body: string;
        try {
          body = await registry.metrics();
        } catch {
          send(res, req, 500, "text/plain; charset=utf-8", "metrics collection failed\n");
          return true;
        }
        send(res, req, 200, registry.contentType, body);
        return true;
      }
    }
  };
}

/**
 * Adds the operations handler through Probot's `addHandler` (the app function's second argument).
 * Returns true when mounted, false when Probot has no HTTP server to mount on (see the file comment).
 */
export function mountOperationsRoutes(
  appOptions: { addHandler?: (handler: OperationsHandler) => void } | undefined,
  options: OperationsOptions = { privateKey: readPrivateKeyFromEnvironment() },
): boolean {
  if (typeof appOptions?.addHandler !== "function") return false;
  try {
    appOptions.addHandler(operationsHandler(options));
    return true;
  } catch (err) {
    if (err instanceof Error && err.message === "No server instance") return false;
    throw err;
  }
}
