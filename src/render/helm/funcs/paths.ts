/**
 * Sprig's path functions (Go's path package: base, dir, ext, clean, isAbs; the os* variants use
 * filepath, identical on Linux, where Helm renders) and URL functions (urlParse, urlJoin) with
 * Go's net/url parsing and printing rules.
 */
import type { GoFunc, GoValue } from "../template/values.js";
import { argString, fail, mapParam, strval } from "./convert.js";

/** path.Clean. */
export function cleanPath(p: string): string {
  if (p === "") return ".";
  const rooted = p.startsWith("/");
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!rooted) out.push("..");
      continue;
    }
    out.push(part);
  }
  const joined = out.join("/");
  if (rooted) return `/${joined}`;
  return joined === "" ? "." : joined;
}

export function basePath(p: string): string {
  if (p === "") return ".";
  p = p.replace(/\/+$/, "");
  if (p === "") return "/";
  const i = p.lastIndexOf("/");
  return i >= 0 ? p.slice(i + 1) : p;
}

export function dirPath(p: string): string {
  const i = p.lastIndexOf("/");
  return cleanPath(p.slice(0, i + 1));
}

export function extPath(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== "/"; i -= 1) if (p[i] === ".") return p.slice(i);
  return "";
}

// ---- net/url ------------------------------------------------------------------------------------

function unescape(s: string, what: string): string {
  if (!/%/.test(s)) return s;
  const bytes: number[] = [];
  const enc = new TextEncoder();
  for (let i = 0; i < s.length; i += 1) {
    if (s[i] === "%") {
      const hex = s.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) fail(`unable to parse url: parse ${JSON.stringify(what)}: invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}`);
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...enc.encode(s[i]!));
  }
  return new TextDecoder().decode(Uint8Array.from(bytes));
}

interface GoUrl {
  scheme: string;
  opaque: string;
  user?: { username: string; password?: string };
  host: string;
  path: string;
  rawQuery: string;
  fragment: string;
}

export function parseUrl(raw: string): GoUrl {
  let rest = raw;
  let fragment = "";
  const hash = rest.indexOf("#");
  if (hash >= 0) {
    fragment = unescape(rest.slice(hash + 1), raw);
    rest = rest.slice(0, hash);
  }
  const u: GoUrl = { scheme: "", opaque: "", host: "", path: "", rawQuery: "", fragment };
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(rest);
  if (scheme) {
    u.scheme = scheme[1]!.toLowerCase();
    rest = rest.slice(scheme[0].length);
  } else if (/^[^/?]*:/.test(rest) && !rest.startsWith("/")) {
    if (rest.startsWith(":")) fail(`unable to parse url: parse ${JSON.stringify(raw)}: missing protocol scheme`);
    fail(`unable to parse url: parse ${JSON.stringify(raw)}: first path segment in URL cannot contain colon`);
  }
  const q = rest.indexOf("?");
  if (q >= 0) {
    u.rawQuery = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  if (!rest.startsWith("/") && u.scheme !== "") {
    u.opaque = rest;
    return u;
  }
  if (rest.startsWith("//") && !rest.startsWith("///")) {
    rest = rest.slice(2);
    const slash = rest.indexOf("/");
    let authority = slash >= 0 ? rest.slice(0, slash) : rest;
    rest = slash >= 0 ? rest.slice(slash) : "";
    const at = authority.lastIndexOf("@");
    if (at >= 0) {
      const info = authority.slice(0, at);
      authority = authority.slice(at + 1);
      const colon = info.indexOf(":");
      u.user = colon >= 0 ? { username: unescape(info.slice(0, colon), raw), password: unescape(info.slice(colon + 1), raw) } : { username: unescape(info, raw) };
    }
    u.host = unescape(authority, raw);
  }
  u.path = unescape(rest, raw);
  return u;
}

const enc = new TextEncoder();

function escape(s: string, keep: RegExp): string {
  let out = "";
  for (const ch of s) {
    if (keep.test(ch)) out += ch;
    else for (const b of enc.encode(ch)) out += `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

const PATH_KEEP = /^[A-Za-z0-9\-_.~$&+,/:;=@!*'()]$/;
const FRAGMENT_KEEP = /^[A-Za-z0-9\-_.~$&+,/:;=?@!*'()]$/;
const USER_KEEP = /^[A-Za-z0-9\-_.~$&+,;=!*'()]$/;
const HOST_KEEP = /^[A-Za-z0-9\-_.~$&+,;=!*'():[\]<>"]$/;

function userString(u: { username: string; password?: string }): string {
  const name = escape(u.username, USER_KEEP);
  return u.password !== undefined ? `${name}:${escape(u.password, /^[A-Za-z0-9\-_.~$&+,;=!*'():]$/)}` : name;
}

/** url.URL.String. */
export function urlString(u: GoUrl): string {
  let out = "";
  if (u.scheme) out += `${u.scheme}:`;
  if (u.opaque) out += u.opaque;
  else {
    if (u.scheme || u.host || u.user) {
      if (u.host || u.path || u.user) out += "//";
      if (u.user) out += `${userString(u.user)}@`;
      if (u.host) out += escape(u.host, HOST_KEEP);
    }
    let path = escape(u.path, PATH_KEEP);
    if (path !== "" && path[0] !== "/" && u.host !== "") path = `/${path}`;
    if (out === "") {
      const seg = path.split("/")[0]!;
      if (seg.includes(":")) path = `./${path}`;
    }
    out += path;
  }
  if (u.rawQuery !== "") out += `?${u.rawQuery}`;
  if (u.fragment !== "") out += `#${escape(u.fragment, FRAGMENT_KEEP)}`;
  return out;
}

export function pathFuncs(): Record<string, GoFunc> {
  const s = argString;
  return {
    base: (_c, p) => basePath(s(p!)),
    dir: (_c, p) => dirPath(s(p!)),
    clean: (_c, p) => cleanPath(s(p!)),
    ext: (_c, p) => extPath(s(p!)),
    isAbs: (_c, p) => s(p!).startsWith("/"),
    osBase: (_c, p) => basePath(s(p!)),
    osDir: (_c, p) => dirPath(s(p!)),
    osClean: (_c, p) => cleanPath(s(p!)),
    osExt: (_c, p) => extPath(s(p!)),
    osIsAbs: (_c, p) => s(p!).startsWith("/"),
    urlParse: (_c, v) => {
      const u = parseUrl(s(v!));
      const m = new Map<string, GoValue>();
      m.set("scheme", u.scheme);
      m.set("host", u.host);
      m.set("hostname", hostname(u.host));
      m.set("path", u.path);
      m.set("query", u.rawQuery);
      m.set("opaque", u.opaque);
      m.set("fragment", u.fragment);
      m.set("userinfo", u.user ? userString(u.user) : "");
      return m;
    },
    urlJoin: (ctx, d) => {
      const m = mapParam(ctx, 0, d!);
      const get = (k: string): string => (m.has(k) ? strval(m.get(k) ?? null) : "");
      const info = get("userinfo");
      let user: GoUrl["user"];
      if (info !== "") {
        const colon = info.indexOf(":");
        user = colon >= 0 ? { username: info.slice(0, colon), password: info.slice(colon + 1) } : { username: info };
      }
      return urlString({ scheme: get("scheme"), host: get("host"), path: get("path"), rawQuery: get("query"), opaque: get("opaque"), fragment: get("fragment"), user });
    },
  };
}

function hostname(host: string): string {
  if (host.startsWith("[")) {
    const close = host.indexOf("]");
    return close >= 0 ? host.slice(1, close) : host.slice(1);
  }
  const colon = host.lastIndexOf(":");
  return colon >= 0 ? host.slice(0, colon) : host;
}
