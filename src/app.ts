/**
 * The container-review GitHub App (Probot 14). `probot run ./lib/src/app.js` or `npm start`
 * (src/github/server.ts, which also refuses to start without a real WEBHOOK_SECRET) runs it.
 */
import { createContainerReviewApp } from "./github/app-handlers.js";

export { createContainerReviewApp } from "./github/app-handlers.js";

const containerReviewApp = createContainerReviewApp();
export default containerReviewApp;
