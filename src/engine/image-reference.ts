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
 * Whether a registry is in the allow list. Patterns are host names, optionally with a leading
 * `*.` wildcard for subdomains (`*.example.com` matches `registry.example.com`, not `example.com`),
 * or a registry with a path prefix (`ghcr.io/my-org` allows only that organisation's images).
 */
export function isRegistryAllowed(ref: ImageReference, patterns: readonly string[]): boolean {
  const host = ref.registry;
  const full = `${host}/${ref.repository}`;
  return patterns.some((raw) => {
    const p = raw.trim().toLowerCase().replace(/\/+$/, "");
    if (p === "") return false;
    const normalized = p === "index.docker.io" || p === "registry-1.docker.io" ? "docker.io" : p;
    if (normalized.startsWith("*.")) {
      const suffix = normalized.slice(1);
      return host.endsWith(suffix) && host.length > suffix.length;
    }
    if (normalized.includes("/")) return full === normalized || full.startsWith(`${normalized}/`);
    return host === normalized;
  });
}
