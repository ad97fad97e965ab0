/**
 * Sprig's semver and semverCompare with Masterminds/semver v3's documented syntax: versions may
 * start with "v" and omit minor and patch ("1.2" is 1.2.0); constraints are groups joined by
 * `||`, each a list of comparisons joined by commas or spaces, with the operators = != > < >= <=
 * ~ ~> ^, wildcards x/X/* ("1.2.x", "*"), and hyphen ranges ("1.2 - 1.4.5"). A version with a
 * pre-release only satisfies a comparison whose own version has a pre-release (so charts write
 * ">=1.21.0-0" to accept "v1.25.3-gke.100").
 */
import { GO_TYPE, type GoFunc, type GoObject, type GoValue } from "../template/values.js";
import { argString, fail } from "./convert.js";

export interface SemVer {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string;
  metadata: string;
  original: string;
}

const VERSION = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

export function parseVersion(s: string): SemVer {
  const m = VERSION.exec(s);
  if (!m) fail("Invalid Semantic Version");
  const pre = m[5] ?? "";
  for (const id of pre ? pre.split(".") : []) {
    if (/^0\d+$/.test(id)) fail("Version segment starts with 0");
  }
  return {
    major: BigInt(m[1]!),
    minor: m[2] ? BigInt(m[2].slice(1)) : 0n,
    patch: m[3] ? BigInt(m[3].slice(1)) : 0n,
    pre,
    metadata: m[8] ?? "",
    original: s,
  };
}

function cmpInt(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (a === "") return 1;
  if (b === "") return -1;
  const pa = a.split(".");
  const pb = b.split(".");
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    if (xn && yn) return cmpInt(BigInt(x), BigInt(y));
    if (xn) return -1;
    if (yn) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

export function compareVersions(a: SemVer, b: SemVer): number {
  return cmpInt(a.major, b.major) || cmpInt(a.minor, b.minor) || cmpInt(a.patch, b.patch) || comparePre(a.pre, b.pre);
}

interface Comparison {
  op: string;
  con: SemVer;
  /** Which part was a wildcard or missing: 0 major, 1 minor, 2 patch, 3 none. */
  dirtyAt: number;
  /** The minor or patch was left out ("1.2", "1") rather than written as x. */
  originalText: string;
}

const OPS = "(?:!=|>=|=>|<=|=<|~>|[=><~^])";
const CVERSION = "v?(?:[0-9xX*]+)(?:\\.[0-9xX*]+)?(?:\\.[0-9xX*]+)?(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?";
const ONE = new RegExp(`^\\s*(${OPS})?\\s*(${CVERSION})\\s*$`);
const ONE_GLOBAL = new RegExp(`(${OPS})?\\s*(${CVERSION})`, "g");
const GROUP = new RegExp(`^\\s*${OPS}?\\s*${CVERSION}(?:\\s*,?\\s*${OPS}?\\s*${CVERSION})*\\s*$`);
const HYPHEN = new RegExp(`\\s*(${CVERSION})\\s+-\\s+(${CVERSION})\\s*`, "g");

const isX = (s: string | undefined): boolean => s === "x" || s === "X" || s === "*";

function parseComparison(op: string, text: string): Comparison {
  const m = /^v?([0-9xX*]+)(\.[0-9xX*]+)?(\.[0-9xX*]+)?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.exec(text)!;
  const parts = [m[1], m[2]?.slice(1), m[3]?.slice(1)];
  let dirtyAt = 3;
  for (let i = 0; i < 3; i += 1) {
    if (isX(parts[i])) {
      dirtyAt = i;
      break;
    }
  }
  const num = (i: number): bigint => (i >= dirtyAt || parts[i] === undefined ? 0n : BigInt(parts[i]!));
  const con: SemVer = { major: num(0), minor: num(1), patch: num(2), pre: m[4]?.slice(1) ?? "", metadata: m[5]?.slice(1) ?? "", original: text };
  if (dirtyAt === 3 && parts[1] === undefined) dirtyAt = 1;
  else if (dirtyAt === 3 && parts[2] === undefined) dirtyAt = 2;
  return { op: op === "=>" ? ">=" : op === "=<" ? "<=" : op === "~>" ? "~" : op || "=", con, dirtyAt, originalText: text };
}

export function parseConstraint(text: string): Comparison[][] {
  const groups: Comparison[][] = [];
  for (const rawGroup of text.split("||")) {
    const group = rawGroup.replace(HYPHEN, (_m, a: string, b: string) => ` >= ${a}, <= ${b} `);
    if (!GROUP.test(group)) fail(`improper constraint: ${text}`);
    const items: Comparison[] = [];
    for (const m of group.matchAll(ONE_GLOBAL)) {
      const one = ONE.exec(m[0]);
      if (!one) fail(`improper constraint: ${text}`);
      items.push(parseComparison(one[1] ?? "", one[2]!));
    }
    groups.push(items);
  }
  return groups;
}

/** The exclusive upper bound for a wildcard comparison ("1.2.x" -> 1.3.0). */
function bumpAt(c: SemVer, at: number): SemVer {
  if (at <= 0) return { ...c, major: 0n, minor: 0n, patch: 0n, pre: "" };
  if (at === 1) return { ...c, major: c.major + 1n, minor: 0n, patch: 0n, pre: "" };
  return { ...c, minor: c.minor + 1n, patch: 0n, pre: "" };
}

function check(c: Comparison, v: SemVer): boolean {
  if (v.pre !== "" && c.con.pre === "" && c.op !== "!=") return false;
  const cmp = compareVersions(v, c.con);
  const dirty = c.dirtyAt < 3;
  switch (c.op) {
    case "=":
      if (!dirty) return cmp === 0;
      if (c.dirtyAt === 0) return true;
      return cmp >= 0 && compareVersions(v, bumpAt(c.con, c.dirtyAt)) < 0;
    case "!=":
      if (!dirty) return cmp !== 0;
      if (c.dirtyAt === 0) return false;
      return !(cmp >= 0 && compareVersions(v, bumpAt(c.con, c.dirtyAt)) < 0);
    case ">":
      if (!dirty) return cmp > 0;
      if (c.dirtyAt === 0) return false;
      return compareVersions(v, bumpAt(c.con, c.dirtyAt)) >= 0;
    case "<":
      if (!dirty) return cmp < 0;
      return cmp < 0;
    case ">=":
      return cmp >= 0;
    case "<=":
      if (!dirty) return cmp <= 0;
      if (c.dirtyAt === 0) return true;
      return compareVersions(v, bumpAt(c.con, c.dirtyAt)) < 0;
    case "~": {
      if (cmp < 0) return false;
      if (c.dirtyAt === 0) return true;
      // ~1 and ~1.x allow minor changes; ~1.2 and ~1.2.3 allow patch changes.
      if (v.major !== c.con.major) return false;
      if (c.dirtyAt === 1) return true;
      return v.minor === c.con.minor;
    }
    case "^": {
      if (cmp < 0) return false;
      if (c.dirtyAt === 0) return true;
      if (c.con.major > 0n || c.dirtyAt === 1) return v.major === c.con.major;
      if (v.major !== 0n) return false;
      if (c.con.minor > 0n || c.dirtyAt === 2) return v.minor === c.con.minor;
      return v.minor === c.con.minor && v.patch === c.con.patch;
    }
    default:
      return false;
  }
}

export function satisfies(constraint: string, version: string): boolean {
  const groups = parseConstraint(constraint);
  const v = parseVersion(version);
  return groups.some((g) => g.every((c) => check(c, v)));
}

/** A *semver.Version as templates see it: methods Major, Minor, Patch, Prerelease, Metadata... */
export function versionObject(v: SemVer): GoObject {
  const text = `${v.major}.${v.minor}.${v.patch}${v.pre ? `-${v.pre}` : ""}${v.metadata ? `+${v.metadata}` : ""}`;
  return {
    [GO_TYPE]: "*semver.Version",
    Major: () => v.major,
    Minor: () => v.minor,
    Patch: () => v.patch,
    Prerelease: () => v.pre,
    Metadata: () => v.metadata,
    Original: () => v.original,
    String: () => text,
    Compare: (other: GoValue) => BigInt(compareVersions(v, versionOf(other))),
    LessThan: (other: GoValue) => compareVersions(v, versionOf(other)) < 0,
    GreaterThan: (other: GoValue) => compareVersions(v, versionOf(other)) > 0,
    Equal: (other: GoValue) => compareVersions(v, versionOf(other)) === 0,
  } as unknown as GoObject;
}

const VERSIONS = new WeakMap<object, SemVer>();

function versionOf(o: GoValue): SemVer {
  const v = typeof o === "object" && o !== null ? VERSIONS.get(o) : undefined;
  if (!v) fail("wrong type for value; expected *semver.Version");
  return v;
}

export function semverFuncs(): Record<string, GoFunc> {
  return {
    semver: (_c, s) => {
      const v = parseVersion(argString(s!));
      const o = versionObject(v);
      VERSIONS.set(o, v);
      return o;
    },
    semverCompare: (_c, c, s) => satisfies(argString(c!), argString(s!)),
  };
}
