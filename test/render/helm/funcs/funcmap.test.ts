/**
 * helmFuncMap offers exactly what `helm template` offers: Sprig 3.2.3's TxtFuncMap (names as Go
 * lists them, recorded from the oracle) without env and expandenv, plus Helm's own functions.
 */
import { describe, expect, test } from "@jest/globals";
import { ArgumentError, helmFuncMap } from "../../../../src/render/helm/funcs/index.js";
import { hasArity } from "../../../../src/render/helm/funcs/arity.js";
import { CTX, invoke } from "./harness.js";

const SPRIG_TXT_FUNCS = `abbrev abbrevboth add add1 add1f addf adler32sum ago all any append atoi b32dec b32enc b64dec
b64enc base bcrypt biggest buildCustomCert camelcase cat ceil chunk clean coalesce compact concat contains date
dateInZone dateModify date_in_zone date_modify decryptAES deepCopy deepEqual default derivePassword dict dig dir div
divf duration durationRound empty encryptAES env expandenv ext fail first float64 floor fromJson genCA genCAWithKey
genPrivateKey genSelfSignedCert genSelfSignedCertWithKey genSignedCert genSignedCertWithKey get getHostByName has
hasKey hasPrefix hasSuffix hello htmlDate htmlDateInZone htpasswd indent initial initials int int64 isAbs join
kebabcase keys kindIs kindOf last list lower max maxf merge mergeOverwrite min minf mod mul mulf mustAppend mustChunk
mustCompact mustDateModify mustDeepCopy mustFirst mustFromJson mustHas mustInitial mustLast mustMerge
mustMergeOverwrite mustPrepend mustPush mustRegexFind mustRegexFindAll mustRegexMatch mustRegexReplaceAll
mustRegexReplaceAllLiteral mustRegexSplit mustRest mustReverse mustSlice mustToDate mustToJson mustToPrettyJson
mustToRawJson mustUniq mustWithout must_date_modify nindent nospace now omit osBase osClean osDir osExt osIsAbs pick
pluck plural prepend push quote randAlpha randAlphaNum randAscii randBytes randInt randNumeric regexFind regexFindAll
regexMatch regexQuoteMeta regexReplaceAll regexReplaceAllLiteral regexSplit repeat replace rest reverse round semver
semverCompare seq set sha1sum sha256sum shuffle slice snakecase sortAlpha split splitList splitn squote sub subf
substr swapcase ternary title toDate toDecimal toJson toPrettyJson toRawJson toString toStrings trim trimAll
trimPrefix trimSuffix trimall trunc tuple typeIs typeIsLike typeOf uniq unixEpoch unset until untilStep untitle
upper urlJoin urlParse uuidv4 values without wrap wrapWith`.split(/\s+/);

const HELM_FUNCS = ["include", "tpl", "required", "toYaml", "toYamlPretty", "fromYaml", "fromYamlArray", "toJson", "fromJson", "fromJsonArray", "toToml", "fromToml", "lookup"];

describe("helmFuncMap", () => {
  test("has Sprig's 210 functions less env and expandenv, plus Helm's", () => {
    expect(SPRIG_TXT_FUNCS).toHaveLength(210);
    const want = new Set([...SPRIG_TXT_FUNCS.filter((n) => n !== "env" && n !== "expandenv"), ...HELM_FUNCS]);
    expect(Object.keys(helmFuncMap()).sort()).toEqual([...want].sort());
  });

  test("every function checks its argument count as text/template does", () => {
    expect(Object.keys(helmFuncMap()).filter((n) => !hasArity(n))).toEqual([]);
    expect(() => invoke(helmFuncMap(), "append", [[1n]])).toThrow("wrong number of args for append: want 2 got 1");
    expect(() => invoke(helmFuncMap(), "append", [[1n]])).toThrow(ArgumentError);
    expect(() => invoke(helmFuncMap(), "upper", [5n])).toThrow(ArgumentError);
    expect(() => invoke(helmFuncMap(), "first", [5n])).not.toThrow(ArgumentError);
    expect(() => invoke(helmFuncMap(), "default", [])).toThrow("wrong number of args for default: want at least 1 got 0");
    expect(invoke(helmFuncMap(), "list", [])).toEqual([]);
  });

  test("a nil Go passes as an invalid value is a nil map for map parameters; a nil from a map is refused", () => {
    const f = helmFuncMap();
    const invalid = { ...CTX, invalidArgs: [true, false] };
    expect(invoke(f, "hasKey", [null, "a"], invalid)).toBe(false);
    expect(invoke(f, "get", [null, "a"], invalid)).toBe("");
    expect(invoke(f, "merge", [null, new Map([["a", 1n]])], invalid)).toEqual(new Map([["a", 1n]]));
    expect(() => invoke(f, "set", [null, "a", 1n], { ...CTX, invalidArgs: [true, false, false] })).toThrow("assignment to entry in nil map");
    expect(() => invoke(f, "hasKey", [null, "a"])).toThrow("wrong type for value; expected map[string]interface {}; got interface {}");
  });

  test("random functions draw from the source passed in: same seed, same text", () => {
    const a = helmFuncMap({ random: () => 0.5 });
    expect(invoke(a, "randAlphaNum", [5n])).toBe("FFFFF");
    expect(invoke(a, "randNumeric", [3n])).toBe("555");
    expect(invoke(a, "randInt", [10n, 20n])).toBe(15n);
    expect(invoke(a, "uuidv4", [])).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(String(invoke(a, "randAlpha", [4n]))).toMatch(/^[A-Za-z]{4}$/);
    expect(String(invoke(helmFuncMap(), "randAscii", [50n]))).toMatch(/^[ -~]{50}$/);
    expect(String(invoke(helmFuncMap(), "randNumeric", [6n]))).toMatch(/^[0-9]{6}$/);
    expect(Buffer.from(String(invoke(helmFuncMap(), "randBytes", [24n])), "base64")).toHaveLength(24);
    expect([...String(invoke(helmFuncMap(), "shuffle", ["hello"]))].sort().join("")).toBe("ehllo");
    const x = helmFuncMap();
    const y = helmFuncMap();
    expect(invoke(x, "randAlphaNum", [16n])).toBe(invoke(y, "randAlphaNum", [16n]));
    expect(String(invoke(x, "randAlphaNum", [16n]))).toMatch(/^[A-Za-z0-9]{16}$/);
  });

  test("now is the clock passed in, shown in the zone passed in as Local", () => {
    const f = helmFuncMap({ now: () => Date.UTC(2024, 0, 15, 8, 0, 0), localZone: "Europe/Paris" });
    const now = invoke(f, "now", []);
    expect(String(now)).toBe("2024-01-15 09:00:00 +0100 CET");
    expect(invoke(f, "date", ["2006-01-02 15:04", now])).toBe("2024-01-15 09:00");
    expect(invoke(f, "ago", [invoke(f, "toDate", ["2006-01-02", "2024-01-14"])])).toBe("33h0m0s"); // midnight in Paris was 23:00 UTC the day before
    expect(String(invoke(helmFuncMap(), "now", []))).toBe("1970-01-01 00:00:00 +0000 UTC");
    // A time.Time is a Stringer (the engine prints String()) with the methods charts call.
    const t = now as unknown as Record<string, (...a: unknown[]) => unknown>;
    expect(t.String!()).toBe("2024-01-15 09:00:00 +0100 CET");
    expect(t.Unix!()).toBe(1705305600n);
    expect(t.Year!()).toBe(2024n);
    expect(t.Format!("15:04 MST")).toBe("09:00 CET");
    expect(String(t.UTC!())).toBe("2024-01-15 08:00:00 +0000 UTC");
    expect((invoke(f, "toDate", ["2006", "nope"]) as unknown as { IsZero(): boolean }).IsZero()).toBe(true);
  });

  test("key and certificate generation fails with a clear message", () => {
    expect(() => invoke(helmFuncMap(), "genCA", ["ca", 365n])).toThrow("genCA is not supported");
    expect(() => invoke(helmFuncMap(), "genSelfSignedCert", ["x", null, null, 365n])).toThrow(/not supported/);
  });

  test("bcrypt and htpasswd produce real bcrypt hashes (cost 10)", () => {
    const f = helmFuncMap();
    const h = String(invoke(f, "htpasswd", ["admin", "secret"]));
    expect(h).toMatch(/^admin:\$2a\$10\$[./A-Za-z0-9]{53}$/);
    expect(invoke(f, "htpasswd", ["ad:min", "secret"])).toBe("invalid username: ad:min");
  });

  test("derivePassword follows the Master Password algorithm", () => {
    // Value computed by Sprig 3.2.3 (Go) for these inputs.
    expect(invoke(helmFuncMap(), "derivePassword", [1n, "long", "password", "user", "example.com"], CTX)).toBe(EXPECTED_DERIVED);
  });

  test("AES round trip: decryptAES reads what encryptAES wrote", () => {
    const f = helmFuncMap();
    const sealed = invoke(f, "encryptAES", ["secretkey", "plaintext"]);
    expect(invoke(f, "decryptAES", ["secretkey", sealed])).toBe("plaintext");
    // Written by Sprig's encryptAES (Go) with a random IV.
    expect(invoke(f, "decryptAES", ["k", "uZHTW5leaW0viXmYsM+djca8ML+9GrGcJEHxGW5nKYw="])).toBe("x");
  });
});

const EXPECTED_DERIVED = "ZedaFaxcZaso9*";
