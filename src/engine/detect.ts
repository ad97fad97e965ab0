/**
 * Which kind of file is this? By name first (Dockerfiles, compose files), then, for YAML and JSON,
 * by a cheap look at the content (compose `services:` or Kubernetes `apiVersion` + `kind`).
 */
import type { FileKind } from "./types.js";

/** Names like Dockerfile.md are documentation about a Dockerfile, not one. */
const NOT_DOCKERFILE_EXTENSIONS = new Set([
  "md", "txt", "rst", "adoc", "json", "yml", "yaml", "toml", "sh", "bash", "ps1", "py", "js", "ts",
  "go", "orig", "bak", "swp", "lock", "tmpl", "template", "j2", "erb", "tpl", "in",
]);

const YAML_OR_JSON = /\.(ya?ml|json)$/i;
const COMPOSE_NAME = /^(?:docker-compose(?:[.-][\w.-]+)?|compose(?:[.-][\w.-]+)?)\.ya?ml$/i;

export function basename(path: string): string {
  const i = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  return i >= 0 ? path.slice(i + 1) : path;
}

export function isDockerfileName(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower === "dockerfile" || lower === "containerfile") return true;
  if (lower.endsWith(".dockerfile") || lower.endsWith(".containerfile")) return true;
  // Dockerfile.prod, Dockerfile-prod and Dockerfile_prod are all common spellings.
  const m = /^(?:dockerfile|containerfile)[._-]([\w.-]+)$/.exec(lower);
  if (m) {
    const ext = m[1].split(".").pop() ?? "";
    return !NOT_DOCKERFILE_EXTENSIONS.has(ext);
  }
  return false;
}

/**
 * What the name alone says: a kind, "yaml" (needs a look at the content), or null (not ours).
 */
export function detectKindByPath(path: string): FileKind | "yaml" | null {
  const name = basename(path);
  if (isDockerfileName(name)) return "dockerfile";
  if (COMPOSE_NAME.test(name)) return "compose";
  if (YAML_OR_JSON.test(name)) return "yaml";
  return null;
}

const TOP_LEVEL_SERVICES = /^services\s*:/m;
const TOP_LEVEL_K8S = /^(?:apiVersion|kind)\s*:/m;
const HAS_API_VERSION = /["']?apiVersion["']?\s*:/;
const HAS_KIND = /["']?kind["']?\s*:/;

/**
 * Decides the kind of a YAML/JSON file from its text. Returns null when it is neither a compose
 * file nor something that could hold Kubernetes objects (CI workflows, Helm values, package.json).
 */
export function detectYamlKind(text: string): FileKind | null {
  if (TOP_LEVEL_SERVICES.test(text) && !TOP_LEVEL_K8S.test(text)) return "compose";
  if (HAS_API_VERSION.test(text) && HAS_KIND.test(text)) return "kubernetes";
  return null;
}

export function detectKind(path: string, text: string): FileKind | null {
  const byPath = detectKindByPath(path);
  if (byPath === "yaml") return detectYamlKind(text);
  return byPath;
}

const PARSER_DIRECTIVE = /^#\s*(?:syntax|escape|check)\s*=/i;
const DOCKERFILE_START = /^(?:FROM|ARG)(?:\s|$)/i;

/**
 * Whether text reads as a Dockerfile: its first line is a parser directive (`# syntax=`,
 * `# escape=`, `# check=`), or its first instruction (after blank and comment lines) is FROM or ARG.
 */
export function looksLikeDockerfile(text: string): boolean {
  const lines = text.replace(/^\ufeff/, "").split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i].trim();
    if (line === "") continue;
    if (line.startsWith("#")) {
      if (i === 0 && PARSER_DIRECTIVE.test(line)) return true;
      continue;
    }
    return DOCKERFILE_START.test(line);
  }
  return false;
}

/**
 * The kind of a file named explicitly (on the command line) whose name does not tell: a Dockerfile
 * by its first instruction, else compose or Kubernetes by the YAML look; null when it is none.
 */
export function detectKindByContent(text: string): FileKind | null {
  if (looksLikeDockerfile(text)) return "dockerfile";
  return detectYamlKind(text);
}
