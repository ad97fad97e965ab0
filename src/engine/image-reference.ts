/**
 * Container image references (`[registry/]repository[:tag][@digest]`), parsed the way Docker does:
 * the first path component is a registry only when it looks like a host (has a dot or a port, or
 * is `localhost`); otherwise the image lives on Docker Hub (`docker.io`, `library/` for one-part
 * names). Shared by the Dockerfile, Kubernetes and compose rules.
 */

export interface ImageReference {
  /** The text as written. */
  raw: string;
  /** Registry host, `docker.io` when none is written. */
  registry: string;
  /** Repository path without the registry, e.g. `library/nginx`, `org/app`. */
  repository: string;
  tag?: string;
  /** Full digest, e.g. `sha256:abc...`. */
  digest?: string;
  /** True when the reference contains unresolved variables (`${TAG}`, `$IMAGE`). */
  hasVariables: boolean;
}

const VARIABLE = /\$\{?[A-Za-z_]/;

export function parseImageReference(raw: string): ImageReference | null {
  const text = raw.trim();
  if (text === "" || /\s/.test(text)) return null;
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (digest === "") return null;
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf("/");
  const lastColon = rest.lastIndexOf(":");
  if (lastColon > lastSlash) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (tag === "") return null;
  }
  if (rest === "") return null;
  const parts = rest.split("/");
  let registry = "docker.io";
  if (parts.length > 1 && (parts[0].includes(".") || parts[0].includes(":") || parts[0] === "localhost")) {
    registry = parts.shift() as string;
  }
  let repository = parts.join("/");
  if (registry === "docker.io" && parts.length === 1) repository = `library/${repository}`;
  if (registry === "index.docker.io" || registry === "registry-1.docker.io") registry = "docker.io";
  const ref: ImageReference = { raw: text, registry: registry.toLowerCase(), repository, hasVariables: VARIABLE.test(text) };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

/** `latest`, or no tag and no digest (which Docker resolves to `latest`). */
export function usesLatestTag(ref: ImageReference): boolean {
  if (ref.digest) return false;
  return ref.tag === undefined || ref.tag === "latest";
}

export function isPinnedByDigest(ref: ImageReference): boolean {
  return ref.digest !== undefined && /^sha256:[a-f0-9]{64}$/i.test(ref.digest);
}

/**
 * Whether a host matches a host pattern. `*.example.com` matches every sub-domain at any depth
 * (`registry.example.com`, `eu.registry.example.com`) but not `example.com` itself. Any other `*`
 * stands for one label or part of one (`*.dkr.ecr.*.amazonaws.com`). Ports must match as written
 * (`*.example.com:5000`): a different port may be a different service.
 */
function hostMatches(host: string, pattern: string): boolean {
  if (!pattern.includes("*")) return host === pattern;
  let source = "";
  let rest = pattern;
  if (rest.startsWith("*.")) {
    source = "(?:[^./]+\\.)+";
    rest = rest.slice(2);
  }
  source += rest
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join("[^./]+");
  return new RegExp(`^${source}$`).test(host);
}

/**
 * Whether a registry is in the allow list. Patterns are host names (`ghcr.io`, `docker.io` for
 * images written without a registry), `*` for every registry (Docker Hub included), host patterns
 * with wildcards (`*.example.com` matches sub-domains only, not `example.com`), or a registry with
 * a path prefix (`ghcr.io/my-org` allows only that organisation's images; `*.example.com/team`).
 */
export function isRegistryAllowed(ref: ImageReference, patterns: readonly string[]): boolean {
  const host = ref.registry;
  return patterns.some((raw) => {
    const p = raw.trim().toLowerCase().replace(/\/+$/, "");
    if (p === "") return false;
    if (p === "*" || p === "*/*" || p === "**") return true;
    const slash = p.indexOf("/");
    const hostPattern = slash < 0 ? p : p.slice(0, slash);
    const pathPrefix = slash < 0 ? undefined : p.slice(slash + 1);
    const normalized = hostPattern === "index.docker.io" || hostPattern === "registry-1.docker.io" ? "docker.io" : hostPattern;
    if (!hostMatches(host, normalized)) return false;
    if (pathPrefix === undefined || pathPrefix === "*" || pathPrefix === "**") return true;
    // Docker Hub's official images live under library/: "docker.io/library" allows "nginx".
    const repository = ref.repository.toLowerCase();
    return repository === pathPrefix || repository.startsWith(`${pathPrefix}/`);
  });
}
