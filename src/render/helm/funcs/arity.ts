/**
 * How many arguments each function takes (its Go signature: "2" exactly two, "1+" at least one),
 * checked before the call with text/template's wording, so that no function sees a missing
 * argument.
 */
import { tracedFunc, type GoFunc, type GoValue, type Traced } from "../template/values.js";
import { ArgumentError } from "./convert.js";

const ARITY: Record<string, string[]> = {
  "0": ["hello", "now", "uuidv4"],
  "0+": ["add", "addf", "all", "any", "cat", "coalesce", "concat", "dict", "dig", "keys", "list", "quote", "seq", "squote", "tuple"],
  "1": [
    "add1", "add1f", "adler32sum", "ago", "atoi", "b32dec", "b32enc", "b64dec", "b64enc", "base", "bcrypt", "camelcase", "ceil",
    "clean", "compact", "deepCopy", "dir", "duration", "durationRound", "empty", "ext", "fail", "first", "float64", "floor",
    "fromJson", "genPrivateKey", "getHostByName", "htmlDate", "initial", "initials", "int", "int64", "isAbs", "kebabcase",
    "kindOf", "last", "lower", "mustCompact", "mustDeepCopy", "mustFirst", "mustFromJson", "mustInitial", "mustLast",
    "mustRest", "mustReverse", "mustToJson", "mustToPrettyJson", "mustToRawJson", "mustUniq", "nospace", "osBase", "osClean",
    "osDir", "osExt", "osIsAbs", "randAlpha", "randAlphaNum", "randAscii", "randBytes", "randNumeric", "regexQuoteMeta", "rest",
    "reverse", "semver", "sha1sum", "sha256sum", "shuffle", "snakecase", "sortAlpha", "swapcase", "title", "toDecimal", "toJson",
    "toPrettyJson", "toRawJson", "toString", "toStrings", "trim", "typeOf", "uniq", "unixEpoch", "until", "untitle", "upper",
    "urlJoin", "urlParse", "values",
    "toYaml", "toYamlPretty", "fromYaml", "fromYamlArray", "fromJsonArray", "toToml", "fromToml",
  ],
  "1+": [
    "biggest", "default", "divf", "max", "maxf", "merge", "mergeOverwrite", "min", "minf", "mul", "mulf", "mustMerge",
    "mustMergeOverwrite", "mustSlice", "mustWithout", "omit", "pick", "pluck", "slice", "subf", "without",
  ],
  "2": [
    "abbrev", "append", "buildCustomCert", "chunk", "contains", "date", "dateModify", "date_modify", "decryptAES", "deepEqual",
    "div", "encryptAES", "genCA", "get", "has", "hasKey", "hasPrefix", "hasSuffix", "htmlDateInZone", "htpasswd", "indent",
    "join", "kindIs", "mod", "mustAppend", "mustChunk", "mustDateModify", "mustHas", "mustPrepend", "mustPush", "mustRegexFind",
    "mustRegexMatch", "mustToDate", "must_date_modify", "nindent", "prepend", "push", "randInt", "regexFind", "regexMatch",
    "repeat", "semverCompare", "split", "splitList", "sub", "toDate", "trimAll", "trimPrefix", "trimSuffix", "trimall", "trunc",
    "typeIs", "typeIsLike", "unset", "wrap",
    "include", "tpl", "required",
  ],
  "2+": ["round"],
  "3": [
    "abbrevboth", "dateInZone", "date_in_zone", "genCAWithKey", "mustRegexFindAll", "mustRegexReplaceAll",
    "mustRegexReplaceAllLiteral", "mustRegexSplit", "plural", "regexFindAll", "regexReplaceAll", "regexReplaceAllLiteral",
    "regexSplit", "replace", "set", "splitn", "substr", "ternary", "untilStep", "wrapWith",
  ],
  "4": ["genSelfSignedCert", "lookup"],
  "5": ["derivePassword", "genSelfSignedCertWithKey", "genSignedCert"],
  "6": ["genSignedCertWithKey"],
};

const BY_NAME = new Map<string, { n: number; variadic: boolean }>();
for (const [spec, names] of Object.entries(ARITY)) {
  for (const name of names) BY_NAME.set(name, { n: parseInt(spec, 10), variadic: spec.endsWith("+") });
}

/** The function with its argument count checked first (unchanged when its arity is unknown). */
export function withArity(name: string, fn: GoFunc): GoFunc {
  const arity = BY_NAME.get(name);
  if (!arity) return fn;
  const check = (got: number): void => {
    if (arity.variadic ? got < arity.n : got !== arity.n) {
      throw new ArgumentError(`wrong number of args for ${name}: want ${arity.variadic ? "at least " : ""}${arity.n} got ${got}`);
    }
  };
  if (fn.traced) {
    const traced = fn;
    return tracedFunc((ctx, ...args: Traced[]) => {
      check(args.length);
      return traced(ctx, ...args);
    });
  }
  const plainFn = fn;
  return (ctx, ...args: GoValue[]) => {
    check(args.length);
    return plainFn(ctx, ...args);
  };
}

export function hasArity(name: string): boolean {
  return BY_NAME.has(name);
}
