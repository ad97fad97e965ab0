/**
 * Sprig's default functions (https://masterminds.github.io/sprig/defaults.html) and the JSON
 * encoders that Sprig groups with them. `default D V` returns V unless it is empty in Go's sense,
 * then D: the result keeps the origin of whichever argument it is.
 */
import { tracedFunc, type GoFunc } from "../template/values.js";
import { argBool, fail, isEmpty } from "./convert.js";
import { goJson, goJsonIndent, jsonMarshalError } from "./json.js";
import { unwrapArg, withOrigin } from "./trace.js";

export function defaultFuncs(): Record<string, GoFunc> {
  const pick = (d: Parameters<Parameters<typeof tracedFunc>[0]>[1]) => (d === undefined ? null : d);
  return {
    default: tracedFunc((_c, d, ...given) => {
      const g = given[0];
      if (given.length === 0 || g === undefined || isEmpty(unwrapArg(g))) {
        const dv = unwrapArg(pick(d)!);
        return withOrigin(dv, d?.origin);
      }
      return withOrigin(unwrapArg(g), g.origin);
    }),
    empty: (_c, v) => isEmpty(v ?? null),
    coalesce: tracedFunc((_c, ...args) => {
      for (const a of args) {
        const v = unwrapArg(a);
        if (!isEmpty(v)) return withOrigin(v, a.origin);
      }
      return null;
    }),
    all: (_c, ...args) => args.every((a) => !isEmpty(a ?? null)),
    any: (_c, ...args) => args.some((a) => !isEmpty(a ?? null)),
    ternary: tracedFunc((_c, vt, vf, cond) => {
      const c = argBool(unwrapArg(cond!));
      const chosen = c ? vt! : vf!;
      return withOrigin(unwrapArg(chosen), chosen.origin);
    }),
    toJson: (_c, v) => goJson(v ?? null) ?? "",
    mustToJson: (_c, v) => goJson(v ?? null) ?? fail(jsonMarshalError(v ?? null) ?? "json: error"),
    toPrettyJson: (_c, v) => goJsonIndent(v ?? null, true) ?? "",
    mustToPrettyJson: (_c, v) => goJsonIndent(v ?? null, true) ?? fail(jsonMarshalError(v ?? null) ?? "json: error"),
    toRawJson: (_c, v) => goJsonIndent(v ?? null, false, false) ?? "",
    mustToRawJson: (_c, v) => goJsonIndent(v ?? null, false, false) ?? fail(jsonMarshalError(v ?? null) ?? "json: error"),
  };
}
