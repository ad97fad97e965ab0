import { expect, it } from "@jest/globals";
import { describeCredential, isLiteralSecretValue, isSecretLikeName } from "../../src/engine/secrets.js";

it("recognises secret-like names as whole words", () => {
  for (const n of ["DB_PASSWORD", "apiKey", "API_KEY", "GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY", "client-secret", "PRIVATE_KEY"]) {
    expect([n, isSecretLikeName(n)]).toEqual([n, true]);
  }
  for (const n of ["PASSENGER_COUNT", "COMPASS", "PASSWORD_FILE", "TOKEN_PATH", "NODE_VERSION", "SECRET_NAME", "PATH"]) {
    expect([n, isSecretLikeName(n)]).toEqual([n, false]);
  }
});

it("ignores placeholders and variable references", () => {
  for (const v of ["", "changeme", "${DB_PASSWORD}", "$TOKEN", "<your-token>", "***"]) expect([v, isLiteralSecretValue(v)]).toEqual([v, false]);
  expect(isLiteralSecretValue("s3cr3t-value")).toBe(true);
});

it("labels credential formats without echoing them", () => {
  expect(describeCredential("AKIAIOSFODNN7EXAMPLE")).toBe("an AWS access key ID");
  expect(describeCredential("ghp_" + "a".repeat(36))).toBe("a GitHub token");
  expect(describeCredential("-----BEGIN RSA PRIVATE KEY-----")).toBe("a PEM private key");
  expect(describeCredential("postgres://app:hunter22@db:5432/app")).toBe("a password in a URL");
  expect(describeCredential("postgres://app:${PASSWORD}@db:5432/app")).toBeUndefined();
  expect(describeCredential("hello world")).toBeUndefined();
});

it("asks one question for ENV and env: a secret-like name set to a literal secret", async () => {
  const { isLiteralSecretAssignment } = await import("../../src/engine/secrets.js");
  expect(isLiteralSecretAssignment("DB_PASSWORD", "hunter2hunter2")).toBe(true);
  for (const [name, value] of [
    ["TOKEN_URL", "https://auth.example.com/token"],
    ["CLIENT_SECRET_FILE", "/var/secrets/client"],
    ["API_KEY", "/run/secrets/api-key"],
    ["SECRET_ID", "abc123abc"],
    ["AUTH_ROLE", "reader-role"],
    ["API_TOKEN", "api-token"],
    ["PASSWORD", "YOUR_PASSWORD_HERE"],
    ["PASSWORD", "${PASSWORD}"],
    ["NODE_ENV", "production"],
  ]) {
    expect([name, value, isLiteralSecretAssignment(name, value)]).toEqual([name, value, false]);
  }
});
