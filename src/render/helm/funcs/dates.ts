/**
 * Sprig's date functions (https://masterminds.github.io/sprig/date.html) over `GoTime`, with
 * Go's reference-time layouts ("2006-01-02T15:04:05Z07:00") for formatting and parsing and Go's
 * Duration text ("1h2m3s"). The engine reads no clock: `now` is the clock the caller passes in
 * (default: the Unix epoch, so that a render is reproducible), and "Local" is the zone the caller
 * names (default UTC, as on a CI machine).
 */
import type { GoFunc, GoValue } from "../template/values.js";
import { GoTime, argString, fail, plain, setTimeFormatter } from "./convert.js";

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** The zone Go calls "Local" (IANA name). */
  localZone: string;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

// ---- zones ------------------------------------------------------------------------------------

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

function fixedOffset(zone: string): number | undefined {
  return zone.startsWith("fixed:") ? Number(zone.slice(6)) : undefined;
}

function validZone(zone: string): boolean {
  if (zone === "UTC" || zone === "" || zone === "Local") return true;
  if (zone.startsWith("fixed:")) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Offset of `zone` at instant `ms`, in seconds east of UTC. */
function zoneOffset(zone: string, ms: number): number {
  if (zone === "UTC" || zone === "") return 0;
  const fixed = fixedOffset(zone);
  if (fixed !== undefined) return fixed;
  let f = zoneFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      era: "short",
    });
    zoneFormatters.set(zone, f);
  }
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(ms))) parts[p.type] = p.value;
  let year = Number(parts.year);
  if (parts.era === "BC" || parts.era === "B") year = 1 - year;
  const wall = utcMs(year, Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((wall - (ms - (((ms % 1000) + 1000) % 1000))) / 1000);
}

const ABBREV_LOCALES = ["en-US", "en-GB", "en-AU", "en-IN", "ja-JP", "en-NZ"];
const abbrevCache = new Map<string, string>();

/** The zone's abbreviation as the tz database has it (CET, EST, JST...), else Go's "+01" form. */
function zoneAbbrev(zone: string, ms: number, offset: number): string {
  if (zone === "UTC" || zone === "") return "UTC";
  if (fixedOffset(zone) !== undefined) {
    // A zone known only by its offset has no name: Go prints -0700.
    const a = Math.abs(offset);
    return `${offset < 0 ? "-" : "+"}${String(Math.floor(a / 3600)).padStart(2, "0")}${String(Math.floor((a % 3600) / 60)).padStart(2, "0")}`;
  }
  const cacheKey = `${zone}@${offset}`;
  const hit = abbrevCache.get(cacheKey);
  if (hit) return hit;
  let found: string | undefined;
  for (const locale of ABBREV_LOCALES) {
    try {
      const name = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "short" })
        .formatToParts(new Date(ms))
        .find((p) => p.type === "timeZoneName")?.value;
      if (name && /^[A-Z]{2,5}$/.test(name) && (name !== "GMT" || offset === 0)) {
        found = name;
        break;
      }
    } catch {
      break;
    }
  }
  if (!found) {
    const sign = offset < 0 ? "-" : "+";
    const a = Math.abs(offset);
    const h = String(Math.floor(a / 3600)).padStart(2, "0");
    const m = Math.floor((a % 3600) / 60);
    found = `${sign}${h}${m ? String(m).padStart(2, "0") : ""}`;
  }
  if (abbrevCache.size > 1000) abbrevCache.clear();
  abbrevCache.set(cacheKey, found);
  return found;
}

function utcMs(year: number, month: number, day: number, h = 0, mi = 0, s = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, day);
  d.setUTCHours(h, mi, s, 0);
  return d.getTime();
}

/** Go's zero time (January 1, year 1, 00:00:00 UTC). */
export const ZERO_TIME_MS = utcMs(1, 0, 1);

interface Civil {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  nanos: number;
  weekday: number;
  yday: number;
  offset: number;
  abbrev: string;
}

function civil(t: GoTime): Civil {
  const zone = t.zone;
  const offset = zoneOffset(zone, t.ms);
  const d = new Date(t.ms + offset * 1000);
  const year = d.getUTCFullYear();
  const startOfYear = utcMs(year, 0, 1);
  return {
    year,
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    nanos: d.getUTCMilliseconds() * 1_000_000 + t.nanos,
    weekday: d.getUTCDay(),
    yday: Math.floor((d.getTime() - startOfYear) / 86_400_000) + 1,
    offset,
    abbrev: zoneAbbrev(zone, t.ms, offset),
  };
}

// ---- layouts ----------------------------------------------------------------------------------

const TOKENS = [
  "January", "Monday", "Jan", "Mon", "MST",
  "Z07:00:00", "-07:00:00", "Z0700", "Z07:00", "Z07", "-0700", "-07:00", "-07",
  "2006", "__2", "002", "_2", "01", "02", "03", "04", "05", "06", "15", "PM", "pm",
  "1", "2", "3", "4", "5",
];

type Token = { lit: string } | { tok: string } | { frac: "0" | "9"; n: number; sep: string };

function tokenize(layout: string): Token[] {
  const out: Token[] = [];
  let lit = "";
  let i = 0;
  while (i < layout.length) {
    const frac = /^([.,])(0+|9+)(?![0-9])/.exec(layout.slice(i));
    if (frac) {
      if (lit) out.push({ lit });
      lit = "";
      out.push({ frac: frac[2]![0] as "0" | "9", n: frac[2]!.length, sep: frac[1]! });
      i += frac[0].length;
      continue;
    }
    const tok = TOKENS.find((t) => layout.startsWith(t, i) && validToken(layout, i, t));
    if (tok) {
      if (lit) out.push({ lit });
      lit = "";
      out.push({ tok });
      i += tok.length;
      continue;
    }
    lit += layout[i];
    i += 1;
  }
  if (lit) out.push({ lit });
  return out;
}

function validToken(layout: string, i: number, t: string): boolean {
  // "Jan" must not be followed by a lower-case letter ("January" is matched first; "Janet" is text).
  if ((t === "Jan" || t === "Mon") && /[a-z]/.test(layout[i + 3] ?? "")) return false;
  if (t === "2006" || t === "01" || t === "02" || t === "1" || t === "2") return true;
  return true;
}

function pad(n: number, w: number): string {
  return String(Math.abs(n)).padStart(w, "0");
}

function zoneText(offset: number, tok: string): string {
  if (tok.startsWith("Z") && offset === 0) return "Z";
  const sign = offset < 0 ? "-" : "+";
  const a = Math.abs(offset);
  const h = pad(Math.floor(a / 3600), 2);
  const m = pad(Math.floor((a % 3600) / 60), 2);
  const s = pad(a % 60, 2);
  switch (tok.replace("Z", "-")) {
    case "-07:00:00":
      return `${sign}${h}:${m}:${s}`;
    case "-0700":
      return `${sign}${h}${m}`;
    case "-07:00":
      return `${sign}${h}:${m}`;
    default:
      return `${sign}${h}`;
  }
}

/** time.Time.Format. */
export function formatGoTime(t: GoTime, layout: string): string {
  const c = civil(t);
  let out = "";
  for (const token of tokenize(layout)) {
    if ("lit" in token) {
      out += token.lit;
      continue;
    }
    if ("frac" in token) {
      let digits = pad(c.nanos, 9).slice(0, token.n);
      if (token.frac === "9") {
        digits = digits.replace(/0+$/, "");
        if (digits) out += token.sep + digits;
      } else out += token.sep + digits;
      continue;
    }
    switch (token.tok) {
      case "January":
        out += MONTHS[c.month - 1];
        break;
      case "Jan":
        out += MONTHS[c.month - 1]!.slice(0, 3);
        break;
      case "Monday":
        out += DAYS[c.weekday];
        break;
      case "Mon":
        out += DAYS[c.weekday]!.slice(0, 3);
        break;
      case "MST":
        out += c.abbrev;
        break;
      case "2006":
        out += c.year < 0 ? `-${pad(c.year, 4)}` : pad(c.year, 4);
        break;
      case "06":
        out += pad(c.year % 100, 2);
        break;
      case "01":
        out += pad(c.month, 2);
        break;
      case "1":
        out += String(c.month);
        break;
      case "02":
        out += pad(c.day, 2);
        break;
      case "_2":
        out += String(c.day).padStart(2, " ");
        break;
      case "2":
        out += String(c.day);
        break;
      case "002":
        out += pad(c.yday, 3);
        break;
      case "__2":
        out += String(c.yday).padStart(3, " ");
        break;
      case "15":
        out += pad(c.hour, 2);
        break;
      case "03":
        out += pad(c.hour % 12 === 0 ? 12 : c.hour % 12, 2);
        break;
      case "3":
        out += String(c.hour % 12 === 0 ? 12 : c.hour % 12);
        break;
      case "04":
        out += pad(c.minute, 2);
        break;
      case "4":
        out += String(c.minute);
        break;
      case "05":
        out += pad(c.second, 2);
        break;
      case "5":
        out += String(c.second);
        break;
      case "PM":
        out += c.hour >= 12 ? "PM" : "AM";
        break;
      case "pm":
        out += c.hour >= 12 ? "pm" : "am";
        break;
      default:
        out += zoneText(c.offset, token.tok);
    }
  }
  return out;
}

/** time.Time's String(). */
export function formatGoTimeDefault(t: GoTime): string {
  return formatGoTime(t, "2006-01-02 15:04:05.999999999 -0700 MST");
}
setTimeFormatter(formatGoTimeDefault, formatGoTime);

export function formatRFC3339Nano(t: GoTime): string {
  return formatGoTime(t, "2006-01-02T15:04:05.999999999Z07:00");
}

class ParseError extends Error {}

/** time.ParseInLocation for the common layout elements. */
export function parseGoTime(layout: string, value: string, zone: string): GoTime {
  const tokens = tokenize(layout);
  let i = 0;
  let year = 1;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let nanos = 0;
  let pm: boolean | undefined;
  let offset: number | undefined;
  let sawZ = false;
  let element = "";
  const bad = (): never => {
    throw new ParseError(`parsing time ${JSON.stringify(value)} as ${JSON.stringify(layout)}: cannot parse ${JSON.stringify(value.slice(i))} as ${JSON.stringify(element)}`);
  };
  const num = (min: number, max: number): number => {
    const m = new RegExp(`^\\d{${min},${max}}`).exec(value.slice(i));
    if (!m) bad();
    i += m![0].length;
    return Number(m![0]);
  };
  for (const token of tokens) {
    element = "lit" in token ? token.lit : "frac" in token ? token.sep + token.frac.repeat(token.n) : token.tok;
    if ("lit" in token) {
      if (!value.startsWith(token.lit, i)) bad();
      i += token.lit.length;
      continue;
    }
    if ("frac" in token) {
      const m = /^[.,](\d+)/.exec(value.slice(i));
      if (m) {
        nanos = Number(m[1]!.slice(0, 9).padEnd(9, "0"));
        i += m[0].length;
      } else if (token.frac === "0") bad();
      continue;
    }
    const t = token.tok;
    switch (t) {
      case "2006":
        year = num(4, 4);
        break;
      case "06": {
        const y = num(2, 2);
        year = y >= 69 ? 1900 + y : 2000 + y;
        break;
      }
      case "01":
        month = num(2, 2);
        break;
      case "1":
        month = num(1, 2);
        break;
      case "02":
        day = num(2, 2);
        break;
      case "_2":
        if (value[i] === " ") i += 1;
        day = num(1, 2);
        break;
      case "2":
        day = num(1, 2);
        break;
      case "15":
        hour = num(1, 2);
        break;
      case "03":
      case "3":
        hour = num(1, 2);
        break;
      case "04":
      case "4":
        minute = num(1, 2);
        break;
      case "05":
      case "5":
        second = num(1, 2);
        // Go accepts a fraction after seconds even when the layout has none.
        if (/^[.,]\d/.test(value.slice(i)) && !tokens.some((x) => "frac" in x)) {
          const m = /^[.,](\d+)/.exec(value.slice(i))!;
          nanos = Number(m[1]!.slice(0, 9).padEnd(9, "0"));
          i += m[0].length;
        }
        break;
      case "PM":
      case "pm": {
        const ampm = value.slice(i, i + 2).toUpperCase();
        if (ampm !== "AM" && ampm !== "PM") bad();
        pm = ampm === "PM";
        i += 2;
        break;
      }
      case "January":
      case "Jan": {
        const names = t === "January" ? MONTHS : MONTHS.map((m) => m.slice(0, 3));
        const k = names.findIndex((m) => value.slice(i, i + m.length).toLowerCase() === m.toLowerCase());
        if (k < 0) bad();
        month = k + 1;
        i += names[k]!.length;
        break;
      }
      case "Monday":
      case "Mon": {
        const names = t === "Monday" ? DAYS : DAYS.map((d) => d.slice(0, 3));
        const k = names.findIndex((d) => value.slice(i, i + d.length).toLowerCase() === d.toLowerCase());
        if (k < 0) bad();
        i += names[k]!.length;
        break;
      }
      case "MST": {
        const m = /^[A-Z]{3,5}|^[+-]\d{2,4}/.exec(value.slice(i));
        if (!m) bad();
        if (m![0] === "UTC" || m![0] === "GMT") offset = 0;
        i += m![0].length;
        break;
      }
      case "002":
        num(3, 3);
        break;
      default: {
        if (t.startsWith("Z") && value[i] === "Z") {
          offset = 0;
          sawZ = true;
          i += 1;
          break;
        }
        const m = /^([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?/.exec(value.slice(i));
        if (!m) bad();
        offset = (m![1] === "-" ? -1 : 1) * (Number(m![2]) * 3600 + Number(m![3] ?? 0) * 60 + Number(m![4] ?? 0));
        i += m![0].length;
      }
    }
  }
  if (i !== value.length) throw new ParseError(`parsing time ${JSON.stringify(value)}: extra text: ${JSON.stringify(value.slice(i))}`);
  if (pm !== undefined) {
    if (hour > 12) bad();
    if (pm && hour < 12) hour += 12;
    if (!pm && hour === 12) hour = 0;
  }
  if (month < 1 || month > 12) throw new ParseError(`parsing time ${JSON.stringify(value)}: month out of range`);
  if (day < 1 || day > daysIn(month, year)) throw new ParseError(`parsing time ${JSON.stringify(value)}: day out of range`);
  if (hour > 23 || minute > 59 || second > 59) throw new ParseError(`parsing time ${JSON.stringify(value)}: hour out of range`);
  const wall = utcMs(year, month - 1, day, hour, minute, second) + Math.floor(nanos / 1_000_000);
  const rest = nanos % 1_000_000;
  if (offset !== undefined) {
    const ms = wall - offset * 1000;
    // Go keeps the local zone when the offset is Local's at that instant, else a fixed zone.
    if (offset === zoneOffset(zone, ms)) return new GoTime(ms, rest, zone);
    if (sawZ) return new GoTime(ms, rest, "UTC");
    return new GoTime(ms, rest, `fixed:${offset}`);
  }
  // Wall time in `zone`: find the instant whose offset matches.
  let ms = wall - zoneOffset(zone, wall) * 1000;
  ms = wall - zoneOffset(zone, ms) * 1000;
  return new GoTime(ms, rest, zone);
}

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// ---- durations --------------------------------------------------------------------------------

const UNIT_NS: Record<string, bigint> = { ns: 1n, us: 1000n, "µs": 1000n, "μs": 1000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n };

/** time.ParseDuration, in nanoseconds. */
export function parseDuration(s: string): bigint {
  const orig = s;
  const bad = (): never => fail(`time: invalid duration ${goQuoteSimple(orig)}`);
  let neg = false;
  if (s[0] === "-" || s[0] === "+") {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return 0n;
  if (s === "") bad();
  let total = 0n;
  while (s !== "") {
    const m = /^(\d*)(\.(\d*))?/.exec(s)!;
    if (m[1] === "" && (m[3] ?? "") === "") bad();
    s = s.slice(m[0].length);
    const unit = /^[^0-9.]+/.exec(s)?.[0];
    if (!unit) fail(`time: missing unit in duration ${goQuoteSimple(orig)}`);
    const scale = UNIT_NS[unit!];
    if (scale === undefined) fail(`time: unknown unit ${goQuoteSimple(unit!)} in duration ${goQuoteSimple(orig)}`);
    s = s.slice(unit!.length);
    let v = BigInt(m[1] || "0") * scale!;
    const frac = m[3] ?? "";
    if (frac) v += (BigInt(frac) * scale!) / 10n ** BigInt(frac.length);
    total += v;
    if (total > 0x7fffffffffffffffn) fail(`time: invalid duration ${goQuoteSimple(orig)}`);
  }
  return neg ? -total : total;
}

function goQuoteSimple(s: string): string {
  return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** time.Duration.String. */
export function formatDuration(ns: bigint): string {
  if (ns === 0n) return "0s";
  const neg = ns < 0n;
  let u = neg ? -ns : ns;
  let out: string;
  if (u < 1_000_000_000n) {
    // Sub-second: ns, µs or ms with a fraction.
    let unit: string;
    let scale: bigint;
    if (u < 1000n) return `${neg ? "-" : ""}${u}ns`;
    if (u < 1_000_000n) {
      unit = "µs";
      scale = 1000n;
    } else {
      unit = "ms";
      scale = 1_000_000n;
    }
    out = fracText(u, scale) + unit;
  } else {
    const h = u / 3_600_000_000_000n;
    u -= h * 3_600_000_000_000n;
    const m = u / 60_000_000_000n;
    u -= m * 60_000_000_000n;
    out = `${fracText(u, 1_000_000_000n)}s`;
    if (h > 0n) out = `${h}h${m}m${out}`;
    else if (m > 0n) out = `${m}m${out}`;
  }
  return (neg ? "-" : "") + out;
}

function fracText(v: bigint, scale: bigint): string {
  const whole = v / scale;
  const frac = v % scale;
  if (frac === 0n) return whole.toString();
  const digits = scale.toString().length - 1;
  return `${whole}.${frac.toString().padStart(digits, "0").replace(/0+$/, "")}`;
}

/** Duration.Round(d, m) (half away from zero). */
function roundDuration(d: bigint, m: bigint): bigint {
  let r = d % m;
  if (d < 0n) {
    r = -r;
    return r + r < m ? d + r : d - m + r;
  }
  return r + r < m ? d - r : d + m - r;
}

// ---- the functions ----------------------------------------------------------------------------

function timeArg(v: GoValue, clock: Clock): GoTime {
  v = plain(v);
  if (v instanceof GoTime) return v;
  if (typeof v === "bigint") return new GoTime(Number(v) * 1000, 0, clock.localZone);
  return new GoTime(clock.now(), 0, clock.localZone);
}

function needTime(v: GoValue): GoTime {
  if (v instanceof GoTime) return v;
  if (v === null || v === undefined) return fail("wrong type for value; expected time.Time; got interface {}");
  return fail(`wrong type for value; expected time.Time; got ${typeof v === "bigint" ? "int" : typeof v === "number" ? "float64" : typeof v === "string" ? "string" : "interface {}"}`);
}

function inZone(t: GoTime, zone: string, clock: Clock): GoTime {
  const z = zone === "Local" ? clock.localZone : validZone(zone) ? zone : "UTC";
  return new GoTime(t.ms, t.nanos, z === "" ? "UTC" : z);
}

export function dateFuncs(clock: Clock): Record<string, GoFunc> {
  const dateInZone = (layout: GoValue, date: GoValue, zone: GoValue): string =>
    formatGoTime(inZone(timeArg(date, clock), argString(zone), clock), argString(layout));
  const toDate = (layout: GoValue, value: GoValue): GoTime => {
    try {
      return parseGoTime(argString(layout), argString(value), clock.localZone);
    } catch (e) {
      if (e instanceof ParseError) fail(e.message);
      throw e;
    }
  };
  const dateModify = (d: GoValue, date: GoValue): GoTime => {
    const t = needTime(date);
    const ns = parseDuration(argString(d));
    const totalNanos = BigInt(t.nanos) + (ns % 1_000_000n);
    const ms = t.ms + Number(ns / 1_000_000n) + Number(totalNanos / 1_000_000n);
    return new GoTime(ms, Number(totalNanos % 1_000_000n), t.zone);
  };
  const since = (t: GoTime): bigint => (BigInt(clock.now()) - BigInt(t.ms)) * 1_000_000n - BigInt(t.nanos);
  return {
    now: () => new GoTime(clock.now(), 0, clock.localZone),
    date: (_c, layout, date) => dateInZone(layout!, date!, "Local"),
    dateInZone: (_c, layout, date, zone) => dateInZone(layout!, date!, zone!),
    date_in_zone: (_c, layout, date, zone) => dateInZone(layout!, date!, zone!),
    htmlDate: (_c, date) => dateInZone("2006-01-02", date!, "Local"),
    htmlDateInZone: (_c, date, zone) => dateInZone("2006-01-02", date!, zone!),
    dateModify: (_c, d, date) => {
      const t = needTime(date!);
      try {
        return dateModify(d!, t);
      } catch {
        return t;
      }
    },
    date_modify: (_c, d, date) => {
      const t = needTime(date!);
      try {
        return dateModify(d!, t);
      } catch {
        return t;
      }
    },
    mustDateModify: (_c, d, date) => dateModify(d!, date!),
    must_date_modify: (_c, d, date) => dateModify(d!, date!),
    ago: (_c, date) => formatDuration(roundDuration(since(timeArg(date!, clock)), 1_000_000_000n)),
    duration: (_c, sec) => {
      const v = plain(sec ?? null);
      let n = 0n;
      if (typeof v === "string") n = /^[+-]?\d+$/.test(v) ? BigInt(v) : 0n;
      else if (typeof v === "bigint") n = v;
      return formatDuration(BigInt.asIntN(64, n * 1_000_000_000n));
    },
    durationRound: (_c, d) => {
      const v = plain(d ?? null);
      let ns = 0n;
      if (typeof v === "string") {
        try {
          ns = parseDuration(v);
        } catch {
          ns = 0n;
        }
      } else if (typeof v === "bigint") ns = v;
      else if (v instanceof GoTime) ns = since(v);
      return durationRound(ns);
    },
    toDate: (_c, layout, value) => {
      try {
        return toDate(layout!, value!);
      } catch {
        return new GoTime(ZERO_TIME_MS, 0, "UTC");
      }
    },
    mustToDate: (_c, layout, value) => toDate(layout!, value!),
    unixEpoch: (_c, date) => String(Math.floor(needTime(date!).ms / 1000)),
  };
}

function durationRound(ns: bigint): string {
  const u = ns < 0n ? -ns : ns;
  const second = 1_000_000_000n;
  const minute = 60n * second;
  const hour = 60n * minute;
  const day = 24n * hour;
  const month = 30n * day;
  const year = 365n * day;
  const sign = ""; // Sprig drops the sign of a negative duration
  if (u > year) return `${sign}${u / year}y`;
  if (u > month) return `${sign}${u / month}mo`;
  if (u > day) return `${sign}${u / day}d`;
  if (u > hour) return `${sign}${u / hour}h`;
  if (u > minute) return `${sign}${u / minute}m`;
  if (u > second) return `${sign}${u / second}s`;
  return "0s";
}
