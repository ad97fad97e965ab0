/**
 * Build-time variable substitution as Docker does it in FROM, USER, EXPOSE and friends:
 * `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:+alt}`, `${NAME+alt}`.
 * A variable whose value is not known statically (an ARG without default, passed with
 * `--build-arg`) is reported as unresolved rather than guessed at.
 */

/** Name -> value; `null` means declared without a value (known only at build time). */
export type VariableScope = ReadonlyMap<string, string | null>;

export interface Expansion {
  value: string;
  /** Names that could not be resolved; when not empty, `value` is not trustworthy. */
  unresolved: string[];
}

export function hasVariable(text: string): boolean {
  return /\$(?:\{|[A-Za-z_])/.test(text);
}

export function expandVariables(text: string, scope: VariableScope, escapeChar = "\\", depth = 0): Expansion {
  const unresolved: string[] = [];
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === escapeChar && text[i + 1] === "$") {
      out += "$";
      i += 2;
      continue;
    }
    if (c !== "$") {
      out += c;
      i += 1;
      continue;
    }
    if (text[i + 1] === "{") {
      const close = text.indexOf("}", i + 2);
      if (close < 0) {
        out += text.slice(i);
        break;
      }
      const body = text.slice(i + 2, close);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])(.*))?$/s.exec(body);
      if (!m) {
        unresolved.push(body);
        i = close + 1;
        continue;
      }
      const [, name, modifier, word = ""] = m;
      const known = scope.has(name) ? scope.get(name) : undefined;
      const set = known !== undefined && known !== null;
      const nonEmpty = set && known !== "";
      const expandWord = () => {
        if (depth > 8) return { value: word, unresolved: [] };
        return expandVariables(word, scope, escapeChar, depth + 1);
      };
      if (modifier === ":-" || modifier === "-") {
        const useValue = modifier === ":-" ? nonEmpty : set;
        if (useValue) out += known as string;
        else if (known === null) {
          // Declared without a value: a --build-arg may set it, so the default is only a guess.
          unresolved.push(name);
        } else {
          const e = expandWord();
          out += e.value;
          unresolved.push(...e.unresolved);
        }
      } else if (modifier === ":+" || modifier === "+") {
        if (known === null) unresolved.push(name);
        else if (modifier === ":+" ? nonEmpty : set) {
          const e = expandWord();
          out += e.value;
          unresolved.push(...e.unresolved);
        }
      } else if (set) out += known as string;
      else unresolved.push(name);
      i = close + 1;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
    if (!m) {
      out += c;
      i += 1;
      continue;
    }
    const known = scope.get(m[0]);
    if (known !== undefined && known !== null) out += known;
    else unresolved.push(m[0]);
    i += 1 + m[0].length;
  }
  return { value: out, unresolved };
}
