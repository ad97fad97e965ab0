/**
 * System package installs and removals read from shell commands: apt-get/apt/aptitude, apk, yum,
 * dnf, microdnf and zypper. Language package managers (pip, npm, gem, ...) are not system packages
 * and are ignored. Versions, architectures and release suffixes are stripped from names
 * (`curl=7.88.1-10`, `curl>=7`, `curl:amd64`, `curl/bookworm-backports`, `curl.x86_64`).
 */
import type { ShellCommand, ShellWord } from "./shell.js";

export type PackageManager = "apt" | "apk" | "yum" | "dnf" | "microdnf" | "zypper";

export interface PackageName {
  /** The package name without version or architecture, lower-cased. */
  name: string;
  /** The word it was written in (for exact positions). */
  word: ShellWord;
}

export interface PackageOperation {
  manager: PackageManager;
  action: "install" | "remove";
  command: ShellCommand;
  /** The subcommand word (`install`, `add`, `purge`, `del`, ...). */
  actionWord: ShellWord;
  packages: PackageName[];
  /** `apk add --virtual NAME`: the group the packages were installed under. */
  virtualGroup?: string;
  /** apt: `--no-install-recommends` or `-o APT::Install-Recommends=false` was given. */
  noInstallRecommends: boolean;
}

interface ManagerSpec {
  manager: PackageManager;
  install: ReadonlySet<string>;
  remove: ReadonlySet<string>;
  /** Options whose value is the next word. */
  valueOptions: ReadonlySet<string>;
}

const APT: ManagerSpec = {
  manager: "apt",
  install: new Set(["install", "reinstall"]),
  remove: new Set(["remove", "purge", "autoremove", "autopurge"]),
  valueOptions: new Set(["-o", "--option", "-c", "--config-file", "-t", "--target-release", "--default-release", "-a", "--host-architecture"]),
};

const RPM_FAMILY_VALUE_OPTIONS = new Set([
  "-c", "--config", "-x", "--exclude", "--installroot", "--releasever", "--setopt", "--enablerepo", "--disablerepo",
  "--repo", "--repoid", "-R", "--randomwait", "-d", "--debuglevel", "-e", "--errorlevel", "--forcearch", "--downloaddir",
  "--destdir", "--color", "--rpmverbosity", "--nodocs=", "--setopt=", "--best=",
]);

const SPECS: Record<string, ManagerSpec> = {
  "apt-get": APT,
  apt: APT,
  aptitude: APT,
  apk: {
    manager: "apk",
    install: new Set(["add"]),
    remove: new Set(["del"]),
    valueOptions: new Set(["-t", "--virtual", "-X", "--repository", "-p", "--root", "--arch", "--cache-dir", "--keys-dir", "--repositories-file", "--cache-max-age", "--timeout"]),
  },
  yum: {
    manager: "yum",
    install: new Set(["install", "reinstall", "localinstall"]),
    remove: new Set(["remove", "erase", "autoremove"]),
    valueOptions: RPM_FAMILY_VALUE_OPTIONS,
  },
  dnf: {
    manager: "dnf",
    install: new Set(["install", "reinstall", "in"]),
    remove: new Set(["remove", "erase", "autoremove", "rm"]),
    valueOptions: RPM_FAMILY_VALUE_OPTIONS,
  },
  dnf5: {
    manager: "dnf",
    install: new Set(["install", "reinstall", "in"]),
    remove: new Set(["remove", "erase", "autoremove", "rm"]),
    valueOptions: RPM_FAMILY_VALUE_OPTIONS,
  },
  microdnf: {
    manager: "microdnf",
    install: new Set(["install", "reinstall"]),
    remove: new Set(["remove", "erase", "autoremove"]),
    valueOptions: RPM_FAMILY_VALUE_OPTIONS,
  },
  zypper: {
    manager: "zypper",
    install: new Set(["install", "in"]),
    remove: new Set(["remove", "rm"]),
    valueOptions: new Set(["-R", "--root", "-r", "--repo", "--from", "-t", "--type", "-D", "--reposd-dir", "-C", "--cache-dir", "--userdata", "-c", "--config"]),
  },
};

export function isPackageManager(name: string): boolean {
  return Object.hasOwn(SPECS, name);
}

/** Cleans a package argument to its name, or undefined when it is not a package name (a path, a URL, a variable). */
export function packageNameOf(raw: string, manager: PackageManager): string | undefined {
  let v = raw.trim();
  if (v === "" || v.startsWith("$") || v.startsWith("/") || v.startsWith("./") || v.startsWith("../") || v.includes("://")) return undefined;
  // A leading dot is an apk virtual group name (`apk del .build-deps`); elsewhere not a package.
  if (v.startsWith(".") && manager !== "apk") return undefined;
  if (/\.(?:deb|rpm|apk)$/i.test(v)) return undefined;
  if (v.startsWith("@")) return undefined; // dnf groups (@development-tools)
  switch (manager) {
    case "apt":
      v = v.replace(/[=].*$/, "").replace(/\/.*$/, "").replace(/:[a-z0-9]+$/i, "");
      break;
    case "apk":
      v = v.replace(/[=<>~].*$/, "").replace(/@.*$/, "");
      break;
    case "zypper":
      v = v.replace(/[=<>].*$/, "");
      break;
    default:
      v = v.replace(/[=<>].*$/, "").replace(/\.(?:x86_64|noarch|aarch64|i686|i386|ppc64le|s390x|armv7hl)$/, "");
  }
  v = v.toLowerCase();
  // `git=${GIT_VERSION}` is git; `${PKG}` or `lib${X}-dev` is not knowable.
  if (!/^\.?[a-z0-9][a-z0-9+._-]*$/.test(v)) return undefined;
  return v;
}

/** The package operation a command performs, if it is a system package install or removal. */
export function packageOperation(command: ShellCommand): PackageOperation | undefined {
  const spec = SPECS[command.name];
  if (!spec) return undefined;
  const args = command.args;
  let k = 0;
  let actionWord: ShellWord | undefined;
  let action: "install" | "remove" | undefined;
  let virtualGroup: string | undefined;
  let noInstallRecommends = false;
  const packages: PackageName[] = [];
  const optionValue = (v: string, next: ShellWord | undefined) => {
    if ((v === "--virtual" || v === "-t") && spec.manager === "apk") virtualGroup = next?.value;
    if ((v === "-o" || v === "--option") && next && /^APT::Install-Recommends=(?:false|0|no)$/i.test(next.value)) noInstallRecommends = true;
  };
  for (; k < args.length; k += 1) {
    const v = args[k].value;
    if (v.startsWith("-") && v.length > 1) {
      if (v === "--no-install-recommends") noInstallRecommends = true;
      if (/^-o=?APT::Install-Recommends=(?:false|0|no)$/i.test(v) || /^--option=APT::Install-Recommends=(?:false|0|no)$/i.test(v)) noInstallRecommends = true;
      if (v.startsWith("--virtual=") && spec.manager === "apk") virtualGroup = v.slice("--virtual=".length);
      if (spec.valueOptions.has(v)) {
        optionValue(v, args[k + 1]);
        k += 1;
      }
      continue;
    }
    if (actionWord === undefined) {
      // zypper global options come before the subcommand; the first plain word is the subcommand.
      if (spec.install.has(v)) action = "install";
      else if (spec.remove.has(v)) action = "remove";
      else return undefined;
      actionWord = args[k];
      continue;
    }
    const name = packageNameOf(v, spec.manager);
    if (name !== undefined) packages.push({ name, word: args[k] });
  }
  if (!actionWord || !action) return undefined;
  const op: PackageOperation = { manager: spec.manager, action, command, actionWord, packages, noInstallRecommends };
  if (virtualGroup !== undefined) op.virtualGroup = virtualGroup.toLowerCase();
  return op;
}

export interface InstalledPackage extends PackageName {
  operation: PackageOperation;
}

/**
 * Replays installs and removals in order and returns the installs still in effect: a package
 * removed (or purged, or deleted with its `apk --virtual` group) afterwards is gone.
 */
export function remainingInstalls(operations: readonly PackageOperation[]): InstalledPackage[] {
  const installed: InstalledPackage[] = [];
  const groups = new Map<string, Set<string>>();
  for (const op of operations) {
    if (op.action === "install") {
      for (const p of op.packages) installed.push({ ...p, operation: op });
      if (op.virtualGroup !== undefined) {
        const members = groups.get(op.virtualGroup) ?? new Set<string>();
        for (const p of op.packages) members.add(p.name);
        groups.set(op.virtualGroup, members);
      }
      continue;
    }
    const removed = new Set<string>();
    for (const p of op.packages) {
      removed.add(p.name);
      for (const member of groups.get(p.name) ?? []) removed.add(member);
    }
    for (let i = installed.length - 1; i >= 0; i -= 1) if (removed.has(installed[i].name)) installed.splice(i, 1);
  }
  return installed;
}
