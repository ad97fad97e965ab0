import { expect, it } from "@jest/globals";
import { findingsFor, ruleTester } from "../../helpers/rule-tester.js";

const GITHUB_TOKEN = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
const AWS_KEY_ID = "AKIA" + "IOSFODNN7EXAMPLE";

ruleTester("dockerfile/secret-in-env", {
  valid: [
    { name: "build arg without a default", code: "FROM alpine:3.20\nARG GITHUB_TOKEN\n" },
    { name: "value from another variable", code: "FROM alpine:3.20\nARG DB_PASSWORD\nENV DB_PASSWORD=${DB_PASSWORD}\n" },
    { name: "placeholders", code: "FROM alpine:3.20\nENV API_KEY=changeme ADMIN_PASSWORD=\"\"\n" },
    { name: "names that look secret but are not", code: "FROM alpine:3.20\nENV PASSWORD_FILE=/run/secrets/db TOKEN_URL=https://auth.example.com/token PASSENGER_APP_ENV=production\n" },
    { name: "ordinary settings", code: "FROM alpine:3.20\nENV NODE_ENV=production PORT=8080\n" },
  ],
  invalid: [
    {
      code: "FROM alpine:3.20\nENV DB_PASSWORD=s3cr3t-value\n",
      errors: [
        {
          line: 2,
          column: 5,
          endColumn: 29,
          severity: "error",
          message: "ENV DB_PASSWORD sets a literal value for a secret-like name, stored in the image configuration (docker inspect) for anyone who can pull the image; use a build secret or a runtime secret instead",
        },
      ],
    },
    {
      name: "credential format under any name, in an ARG default",
      code: `FROM alpine:3.20\nARG GH=${GITHUB_TOKEN}\n`,
      errors: [{ line: 2, column: 5, message: "ARG GH holds a GitHub token, stored in the image history (docker history) for anyone who can pull the image; use a build secret or a runtime secret instead and rotate it" }],
    },
    { name: "global ARG before FROM", code: `ARG AWS_ACCESS_KEY_ID=${AWS_KEY_ID}\nFROM alpine:3.20\n`, errors: [{ line: 1, message: /^ARG AWS_ACCESS_KEY_ID holds an AWS access key ID/ }] },
    {
      name: "several properties on a continued ENV line",
      code: "FROM alpine:3.20\nENV APP=web \\\n    API_TOKEN='abcd1234efgh'\n",
      errors: [{ line: 3, column: 5, endColumn: 29, message: /^ENV API_TOKEN sets a literal value/ }],
    },
    { name: "legacy ENV form with a space", code: "FROM alpine:3.20\nENV SECRET_KEY some-long-secret\n", errors: [{ line: 2, message: /^ENV SECRET_KEY sets a literal value/ }] },
    { name: "a password in a URL", code: "FROM alpine:3.20\nENV DATABASE_URL=postgres://app:hunter2hunter2@db:5432/app\n", errors: [{ line: 2, message: /^ENV DATABASE_URL holds a password in a URL/ }] },
  ],
});

it("never repeats the secret in the message or the fingerprint key", () => {
  const findings = findingsFor("dockerfile/secret-in-env", { code: `FROM alpine:3.20\nENV TOKEN=${GITHUB_TOKEN} PASSWORD=correct-horse-battery\n` });
  expect(findings).toHaveLength(2);
  for (const f of findings) {
    expect(f.message).not.toContain(GITHUB_TOKEN);
    expect(f.message).not.toContain("correct-horse");
  }
});
