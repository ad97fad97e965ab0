/**
 * The container-review GitHub App (Probot 14): pull request scans, the `container-review` check
 * run, review comments on the diff, Re-run buttons and slash commands (src/github/app-handlers.ts),
 * plus the operations endpoints /healthz, /readyz and /metrics (src/ops) on Probot's server.
 *
 * Run it with `npm start` (src/github/server.ts: refuses to start without a real WEBHOOK_SECRET) or
 * `probot run ./lib/src/app.js`.
 */
import type { ApplicationFunction } from "probot";
import { mountOperationsRoutes } from "./ops/operations.js";
import { createContainerReviewApp } from "./github/app-handlers.js";

export { createContainerReviewApp } from "./github/app-handlers.js";

const handleEvents = createContainerReviewApp();

const containerReviewApp: ApplicationFunction = async (app, options) => {
  // Mounts nothing when Probot runs without an HTTP server (tests, `probot receive`).
  mountOperationsRoutes(options);
  await handleEvents(app, options);
};

export default containerReviewApp;
