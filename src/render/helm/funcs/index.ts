/**
 * The functions `helm template` offers to chart templates: Sprig's TxtFuncMap without `env` and
 * `expandenv`, plus Helm's include, tpl, required, toYaml, toYamlPretty, fromYaml,
 * fromYamlArray, toJson, fromJson, fromJsonArray, toToml, fromToml and lookup. (Go's own
 * builtins — and, or, not, len, index, print, printf, eq... — belong to the template engine.)
 *
 * Purity: no clock and no randomness from the machine. `now` reads the clock passed in (default:
 * the Unix epoch), "Local" is the zone passed in (default UTC), and random functions draw from the
 * source passed in (default: a fixed-seed generator, so the same chart renders the same text).
 */
import type { GoFunc } from "../template/values.js";
import { cryptoFuncs } from "./crypto.js";
import { dateFuncs, type Clock } from "./dates.js";
import { defaultFuncs } from "./defaults.js";
import { dictFuncs } from "./dicts.js";
import { encodingFuncs } from "./encoding.js";
import { helmFuncs } from "./helm.js";
import { listFuncs } from "./lists.js";
import { mathFuncs } from "./math.js";
import { pathFuncs } from "./paths.js";
import { fromSource, seededRandom, type Random } from "./random.js";
import { reflectFuncs } from "./reflect.js";
import { regexFuncs } from "./regex.js";
import { semverFuncs } from "./semver.js";
import { stringFuncs } from "./strings.js";
import { argString, fail } from "./convert.js";
import { withArity } from "./arity.js";

export interface HelmFuncOptions {
  /** Milliseconds since the epoch for `now` (and `ago`, `durationRound` of a time). */
  now?: () => number;
  /** The IANA zone Go's "Local" stands for (default "UTC"). */
  localZone?: string;
  /** A source of floats in [0, 1) for the random functions (default: fixed seed). */
  random?: () => number;
}

export function helmFuncMap(options: HelmFuncOptions = {}): Record<string, GoFunc> {
  const random: Random = options.random ? fromSource(options.random) : seededRandom();
  const clock: Clock = { now: options.now ?? (() => 0), localZone: options.localZone ?? "UTC" };
  const all: Record<string, GoFunc> = {
    ...stringFuncs(random),
    ...regexFuncs(),
    ...listFuncs(),
    ...dictFuncs(),
    ...mathFuncs(random),
    ...defaultFuncs(),
    ...reflectFuncs(),
    ...semverFuncs(),
    ...encodingFuncs(),
    ...cryptoFuncs(random),
    ...dateFuncs(clock),
    ...pathFuncs(),
    hello: () => "Hello!",
    fail: (_c, message) => fail(argString(message ?? null)),
    ...helmFuncs(),
  };
  for (const name of Object.keys(all)) all[name] = withArity(name, all[name]!);
  return all;
}

export { ArgumentError, FuncError, GoTime } from "./convert.js";
