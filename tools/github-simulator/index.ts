export { GitHubSimulator, startGitHubSimulator, MAX_ANNOTATIONS_PER_REQUEST, MAX_CHECK_OUTPUT_CHARS, MAX_COMMENT_BODY_CHARS } from "./server.js";
export type { SimulatorOptions, CreatePullRequestOptions, CreateRepositoryOptions, FileChanges, PullFile } from "./server.js";
export { OpenApiDescription, undeclaredProperties } from "./openapi.js";
export type { SpecName, ValidationProblem } from "./openapi.js";
export { createPatch, parsePatch } from "./diff.js";
export { verifyAppJwt, signAppJwt } from "./jwt.js";
export * from "./state.js";
export * from "./webhooks.js";
export * from "./app-process.js";
