/**
 * Which host paths hand over the container runtime: its API socket (Docker, containerd, CRI-O,
 * Podman, cri-dockerd), the folder holding it, its data directory, or any parent of those (the host
 * root `/`, `/var`, `/run`). Shared by `compose/container-runtime-socket` and
 * `k8s/container-runtime-socket`.
 */

export interface RuntimeSocketExposure {
  /**
   * "socket": the API socket itself; "folder": a directory that contains a socket or a runtime data
   * directory (or is one); "inside-data": a path inside a runtime data directory (other containers'
   * files and logs, but not the runtime's API).
   */
  what: "socket" | "folder" | "inside-data";
  /** The normalised host path. */
  path: string;
  /** Human description used in messages, e.g. "the Docker socket". */
  description: string;
}

const SOCKETS: { path: string; runtime: string }[] = [
  { path: "/var/run/docker.sock", runtime: "Docker" },
  { path: "/run/docker.sock", runtime: "Docker" },
  { path: "/var/run/containerd/containerd.sock", runtime: "containerd" },
  { path: "/run/containerd/containerd.sock", runtime: "containerd" },
  { path: "/run/k3s/containerd/containerd.sock", runtime: "containerd (k3s)" },
  { path: "/var/run/crio/crio.sock", runtime: "CRI-O" },
  { path: "/run/crio/crio.sock", runtime: "CRI-O" },
  { path: "/var/run/podman/podman.sock", runtime: "Podman" },
  { path: "/run/podman/podman.sock", runtime: "Podman" },
  { path: "/var/run/cri-dockerd.sock", runtime: "cri-dockerd" },
  { path: "/run/cri-dockerd.sock", runtime: "cri-dockerd" },
  { path: "/var/run/dockershim.sock", runtime: "dockershim" },
];

/** Socket file names that are a runtime's API wherever they live (rootless `/run/user/1000/docker.sock`). */
const SOCKET_NAMES: Record<string, string> = {
  "docker.sock": "Docker",
  "containerd.sock": "containerd",
  "crio.sock": "CRI-O",
  "podman.sock": "Podman",
  "cri-dockerd.sock": "cri-dockerd",
  "dockershim.sock": "dockershim",
};

/** Runtime data directories: write access there means control over every container. */
const DATA_DIRECTORIES: { path: string; description: string }[] = [
  { path: "/var/lib/docker", description: "the Docker data directory (every container's filesystem and the daemon's state)" },
  { path: "/var/lib/containerd", description: "the containerd data directory (every container's filesystem)" },
  { path: "/var/lib/containers", description: "the CRI-O/Podman storage directory (every container's filesystem)" },
];

/** Windows named pipe of the Docker engine. */
const DOCKER_PIPE = /^(?:\/\/|\\\\)\.[/\\]pipe[/\\]docker_engine$/i;

/** Normalises a host path: `//var/run/` -> `/var/run`, resolves `.` and `..`. Undefined for relative paths. */
export function normaliseHostPath(raw: string): string | undefined {
  const text = raw.trim();
  if (!text.startsWith("/")) return undefined;
  const parts: string[] = [];
  for (const part of text.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return `/${parts.join("/")}`;
}

function isSameOrAncestor(ancestor: string, path: string): boolean {
  if (ancestor === "/") return true;
  return path === ancestor || path.startsWith(`${ancestor}/`);
}

/**
 * What mounting `hostPath` exposes, or undefined when it is not a runtime socket, its folder, its
 * data directory, or a parent of one. `/var/run/app.sock` is not a runtime socket.
 */
export function runtimeSocketExposure(hostPath: string): RuntimeSocketExposure | undefined {
  const raw = hostPath.trim();
  if (DOCKER_PIPE.test(raw)) return { what: "socket", path: raw, description: "the Docker engine's named pipe" };
  const path = normaliseHostPath(raw);
  if (path === undefined) return undefined;
  const socket = SOCKETS.find((s) => s.path === path);
  if (socket) return { what: "socket", path, description: `the ${socket.runtime} socket` };
  const name = path.slice(path.lastIndexOf("/") + 1);
  if (SOCKET_NAMES[name]) return { what: "socket", path, description: `the ${SOCKET_NAMES[name]} socket` };
  const data = DATA_DIRECTORIES.find((d) => isSameOrAncestor(d.path, path));
  if (data) {
    if (path === data.path) return { what: "folder", path, description: data.description };
    return { what: "inside-data", path, description: `${path}, inside ${data.description}` };
  }
  const containedSocket = SOCKETS.find((s) => isSameOrAncestor(path, s.path));
  if (containedSocket) {
    const description =
      path === "/" ? `the host's root filesystem, which contains ${containedSocket.path}` : `${path}, which contains ${containedSocket.path}`;
    return { what: "folder", path, description };
  }
  const containedData = DATA_DIRECTORIES.find((d) => isSameOrAncestor(path, d.path));
  if (containedData) return { what: "folder", path, description: `${path}, which contains ${containedData.path}` };
  return undefined;
}

/** The sentence a finding uses for an exposure. */
export function describeExposure(exposure: RuntimeSocketExposure): string {
  if (exposure.what === "socket") {
    return `mounts ${exposure.description} (${exposure.path}): whoever controls this container can start privileged containers and so controls the host, even through a read-only mount`;
  }
  if (exposure.what === "inside-data") {
    return `mounts ${exposure.description}: it exposes other containers' files (logs, configuration with their environment variables) and, if writable, lets this container change them`;
  }
  return `mounts ${exposure.description}: whoever controls this container controls the container runtime and so the host`;
}
