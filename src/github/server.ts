/**
 * Starts the app's HTTP server (`npm start`): Probot's server with the usual environment (APP_ID,
 * PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET, PORT, HOST, GHE_HOST, GHE_PROTOCOL,
 * WEBHOOK_PATH, LOG_LEVEL), after checking the settings that Probot would otherwise paper over:
 * it refuses to start without a real webhook secret (Probot falls back to "development").
 */
import { pathToFileURL } from "node:url";
import { run } from "probot";
import containerReviewApp from "../app.js";

/** Secrets that are placeholders, not secrets. */
const PLACEHOLDER_SECRETS = new Set(["development", "secret", "changeme", "change-me", "test"]);
const MIN_SECRET_LENGTH = 16;

/** Problems with the environment that must stop the server from starting; empty when fine. */
export function startupProblems(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  const secret = env.WEBHOOK_SECRET;
  if (!secret) {
    problems.push("WEBHOOK_SECRET is not set: webhook signatures could not be checked. Set it to the secret configured for the GitHub App.");
  } else if (PLACEHOLDER_SECRETS.has(secret.toLowerCase())) {
    problems.push(`WEBHOOK_SECRET is a placeholder value; set it to a random secret (at least ${MIN_SECRET_LENGTH} characters).`);
  } else if (secret.length < MIN_SECRET_LENGTH) {
    problems.push(`WEBHOOK_SECRET is shorter than ${MIN_SECRET_LENGTH} characters; use a long random secret.`);
  }
  if (!env.APP_ID || !/^\d+$/.test(env.APP_ID)) problems.push("APP_ID must be the numeric ID of the GitHub App.");
  if (!env.PRIVATE_KEY && !env.PRIVATE_KEY_PATH) problems.push("PRIVATE_KEY or PRIVATE_KEY_PATH must give the GitHub App's private key.");
  if (env.GHE_HOST && /^[a-z]+:\/\/|\//i.test(env.GHE_HOST)) problems.push("GHE_HOST must be a host name (optionally with :port), without scheme or path.");
  if (env.GHE_PROTOCOL && env.GHE_PROTOCOL !== "http" && env.GHE_PROTOCOL !== "https") problems.push('GHE_PROTOCOL must be "http" or "https".');
  return problems;
}

export async function startServer(env: NodeJS.ProcessEnv = process.env): Promise<Awaited<ReturnType<typeof run>>> {
  const problems = startupProblems(env);
  if (problems.length > 0) throw new Error(`container-review cannot start:\n- ${problems.join("\n- ")}`);
  // Probot's run() reads PORT, HOST (default localhost), GHE_HOST/GHE_PROTOCOL and the rest from env.
  return run(containerReviewApp, { env });
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  startServer().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
