/**
 * Sprig's reflection functions (https://masterminds.github.io/sprig/reflection.html): typeOf is
 * Go's `%T`, kindOf the reflect.Kind name. Every Go integer is a bigint in this model and reports
 * as "int" (Sprig's math functions return int64 in Go: `typeOf (add 1 2)` is "int64" there).
 */
import type { GoFunc } from "../template/values.js";
import { argString, deepEqual, kindName, typeName } from "./convert.js";

export function reflectFuncs(): Record<string, GoFunc> {
  return {
    typeOf: (_c, v) => typeName(v ?? null),
    typeIs: (_c, target, v) => argString(target!) === typeName(v ?? null),
    typeIsLike: (_c, target, v) => {
      const t = typeName(v ?? null);
      const want = argString(target!);
      return want === t || `*${want}` === t;
    },
    kindOf: (_c, v) => kindName(v ?? null),
    kindIs: (_c, target, v) => argString(target!) === kindName(v ?? null),
    deepEqual: (_c, a, b) => deepEqual(a ?? null, b ?? null),
  };
}
