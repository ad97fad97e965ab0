/**
 * Secret detection shared by the Dockerfile, Kubernetes and compose rules: secret-like variable
 * names, and values in well-known credential formats. Callers must never echo the value back:
 * `describeCredential` gives a label ("an AWS access key ID"), not the secret.
 */

/** Name fragments that mark a variable as holding a secret. */
export const SECRET_NAME_PARTS = [
  "PASSWORD", "PASSWD", "PASS", "PWD", "SECRET", "TOKEN", "API_KEY", "APIKEY", "PRIVATE_KEY", "ACCESS_KEY",
  "SECRET_KEY", "CREDENTIAL", "CREDENTIALS", "AUTH", "CLIENT_SECRET", "SESSION_KEY", "ENCRYPTION_KEY",
  "SIGNING_KEY", "MASTER_KEY", "DB_PASS", "CONNECTION_STRING",
] as const;

/** Names that contain a secret-like fragment but do not hold secrets. */
const NOT_SECRET_NAMES = /(?:^|_)(?:FILE|PATH|DIR|URL|URI|URL_PATH|LENGTH|MIN_LENGTH|POLICY|EXPIRY|EXPIRES|TTL|TIMEOUT|ENABLED|DISABLED|REQUIRED|TYPE|METHOD|HEADER|NAME|USER|USERNAME|ID_FIELD|ENDPOINT|PORT|HOST|REF|SECRET_NAME|KEY_ID|ID|VERSION|ROLE|MODE|PROVIDER|REGION|ALGORITHM|KIND|SCOPE|SCOPES|ISSUER|AUDIENCE|REALM|STRATEGY|BACKEND|FORMAT|LEVEL|LOCATION)$/;

/** Values that are placeholders or references, not literal secrets. */
const PLACEHOLDER_VALUE = /^(?:|changeme|change-me|change_me|xxx+|\*+|<[^>]*>|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|\$\(.*\)|none|null|false|true|todo|placeholder|example|dummy|redacted|secret|password)$/i;

function tokenize(name: string): string {
  // camelCase -> CAMEL_CASE, dashes and dots -> underscores
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/[-.]/g, "_").toUpperCase();
}

export function isSecretLikeName(name: string): boolean {
  const n = tokenize(name);
  if (NOT_SECRET_NAMES.test(n)) return false;
  return SECRET_NAME_PARTS.some((part) => {
    const i = n.indexOf(part);
    if (i < 0) return false;
    // Match whole underscore-separated words (PASS must not match PASSENGER or COMPASS).
    const before = i === 0 || n[i - 1] === "_";
    const afterIndex = i + part.length;
    const after = afterIndex === n.length || n[afterIndex] === "_";
    return before && after;
  });
}

/** A literal value worth reporting under a secret-like name (not empty, not a placeholder, not a variable). */
export function isLiteralSecretValue(value: string): boolean {
  const v = value.trim().replace(/^["']|["']$/g, "");
  if (PLACEHOLDER_VALUE.test(v)) return false;
  if (/^\$\{?[A-Za-z_]/.test(v)) return false;
  return v.length >= 4;
}

/** A URL without credentials in it (`https://auth.example.com/token`): an address, not a secret. */
const PLAIN_URL = /^[a-z][a-z0-9+.-]*:\/\/[^\s@]*$/i;
/** A file path (a mounted secret file), not the secret itself. */
const FILE_PATH = /^(?:\/|\.\/|~\/)\S*$/;

/**
 * A secret-like name set to a literal secret: the one question both ENV/ARG in Dockerfiles and
 * `env` in manifests ask. Placeholders, variable references, file paths, plain URLs, `YOUR_...`
 * and a value equal to the variable's own name are not secrets (all seen in real manifests).
 */
export function isLiteralSecretAssignment(name: string, value: string): boolean {
  if (!isSecretLikeName(name) || !isLiteralSecretValue(value)) return false;
  const v = value.trim().replace(/^["']|["']$/g, "");
  if (PLAIN_URL.test(v) || FILE_PATH.test(v) || /^YOUR[_-]/i.test(v)) return false;
  return tokenize(v) !== tokenize(name);
}

const CREDENTIAL_FORMATS: { label: string; pattern: RegExp }[] = [
  { label: "an AWS access key ID", pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/ },
  { label: "a GitHub token", pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/ },
  { label: "a PEM private key", pattern: /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/ },
  { label: "a Slack token", pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/ },
  { label: "a Google API key", pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { label: "a Stripe secret key", pattern: /\b(?:sk|rk)_live_[0-9A-Za-z]{20,}\b/ },
  { label: "an npm token", pattern: /\bnpm_[A-Za-z0-9]{36}\b/ },
  { label: "a password in a URL", pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s@/]{3,}@[^\s]+/i },
];

/** The kind of well-known credential found in a value, or undefined. Never returns the value. */
export function describeCredential(value: string): string | undefined {
  for (const f of CREDENTIAL_FORMATS) {
    if (f.pattern.test(value)) {
      // A URL whose "password" is a variable reference is not a leak.
      if (f.label === "a password in a URL" && /:\/\/[^\s:/@]+:\$\{?[A-Za-z_]/.test(value)) continue;
      return f.label;
    }
  }
  return undefined;
}
