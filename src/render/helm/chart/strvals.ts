/**
 * Helm's `--set` syntax (strvals), written from Helm's documentation and observed behaviour:
 *
 *   a=b,c=d          two keys                 a.b=c          nested maps
 *   a={x,y}          a list                   a[0]=x         a list item (a[1].b=c, a[0][1]=x)
 *   a\.b=c           a key with a dot         a=x\,y         a value with a comma
 *   a=null           deletes `a` (when values are merged)
 *
 * `--set` types values (true/false, null, base-10 integers not starting with 0 become int64;
 * everything else is a string); `--set-string` keeps strings; `--set-file` reads the value as a
 * file's text. Every key set records where it came from (the flag) with `setOrigin`.
 */
import { setOrigin, type SourceRange } from "../../provenance.js";

export class StrvalsError extends Error {}

export type ValueMode = "typed" | "string";

const MAX_INDEX = 65536;

/**
 * Parses one `--set` argument into `into` (a Map, merged key by key as Helm merges successive
 * flags). `origin` is recorded on each key set. With `fileValue`, the value after `=` names a file
 * and `fileValue` returns its text (for --set-file).
 */
export function parseSet(
  input: string,
  into: Map<string, unknown>,
  mode: ValueMode,
  origin?: SourceRange,
  fileValue?: (name: string) => string,
): void {
  const p = new Parser(input, mode, origin, fileValue);
  p.parseInto(into);
}

class Parser {
  private i = 0;
  constructor(
    private readonly s: string,
    private readonly mode: ValueMode,
    private readonly origin: SourceRange | undefined,
    private readonly fileValue: ((name: string) => string) | undefined,
  ) {}

  parseInto(root: Map<string, unknown>): void {
    while (this.i < this.s.length) {
      this.key(root);
      if (this.i < this.s.length) {
        if (this.s[this.i] !== ",") throw new StrvalsError(`unexpected ${JSON.stringify(this.s[this.i])} in ${JSON.stringify(this.s)}`);
        this.i += 1;
      }
    }
  }

  /** Reads up to one of `stops` (unescaped); returns the text and the stop found ("" at the end). */
  private readUntil(stops: string): { text: string; stop: string } {
    let text = "";
    while (this.i < this.s.length) {
      const c = this.s[this.i]!;
      if (c === "\\") {
        if (this.i + 1 < this.s.length) {
          text += this.s[this.i + 1];
          this.i += 2;
          continue;
        }
        throw new StrvalsError(`unterminated escape at the end of ${JSON.stringify(this.s)}`);
      }
      if (stops.includes(c)) {
        this.i += 1;
        return { text, stop: c };
      }
      text += c;
      this.i += 1;
    }
    return { text, stop: "" };
  }

  private record(container: object, key: string | number): void {
    if (this.origin) setOrigin(container, key, this.origin);
  }

  /** key[.key|[n]]*=value into a map. */
  private key(map: Map<string, unknown>): void {
    const { text: k, stop } = this.readUntil("=[.,");
    if (k === "" && stop !== "=") throw new StrvalsError(`key ${JSON.stringify(k)} has no value`);
    switch (stop) {
      case "":
      case ",":
        throw new StrvalsError(`key ${JSON.stringify(k)} has no value${stop === "," ? " (cannot end with ,)" : ""}`);
      case "=": {
        if (k === "") throw new StrvalsError(`key is empty in ${JSON.stringify(this.s)}`);
        const value = this.value();
        map.set(k, value);
        this.record(map, k);
        return;
      }
      case ".": {
        let child = map.get(k);
        if (!(child instanceof Map)) {
          child = new Map<string, unknown>();
          map.set(k, child);
          this.record(map, k);
        }
        this.key(child as Map<string, unknown>);
        return;
      }
      case "[": {
        let list = map.get(k);
        if (!Array.isArray(list)) {
          list = [];
          map.set(k, list);
          this.record(map, k);
        }
        this.listItem(list as unknown[]);
        return;
      }
    }
  }

  /** After `[`: n]=value, n].key..., n][m]... */
  private listItem(list: unknown[]): void {
    const { text, stop } = this.readUntil("]");
    if (stop !== "]") throw new StrvalsError(`unterminated index in ${JSON.stringify(this.s)}`);
    if (!/^\d+$/.test(text)) throw new StrvalsError(`failed to parse index: ${JSON.stringify(text)} is not a number`);
    const index = Number(text);
    if (index > MAX_INDEX) throw new StrvalsError(`index of ${index} is greater than maximum supported index of ${MAX_INDEX}`);
    while (list.length <= index) list.push(null);
    const next = this.s[this.i];
    this.i += 1;
    if (next === "=") {
      list[index] = this.value();
      this.record(list, index);
    } else if (next === ".") {
      let child = list[index];
      if (!(child instanceof Map)) {
        child = new Map<string, unknown>();
        list[index] = child;
        this.record(list, index);
      }
      this.key(child as Map<string, unknown>);
    } else if (next === "[") {
      let child = list[index];
      if (!Array.isArray(child)) {
        child = [];
        list[index] = child;
        this.record(list, index);
      }
      this.listItem(child as unknown[]);
    } else {
      throw new StrvalsError(`key ${JSON.stringify(this.s)} has no value after index ${index}`);
    }
  }

  /** A value up to an unescaped `,` (or a `{a,b}` list). */
  private value(): unknown {
    if (this.s[this.i] === "{" && !this.fileValue) {
      this.i += 1;
      const items: unknown[] = [];
      for (;;) {
        const { text, stop } = this.readUntil(",}");
        if (stop === "") throw new StrvalsError(`list must terminate with '}' in ${JSON.stringify(this.s)}`);
        if (!(stop === "}" && text === "" && items.length === 0)) items.push(this.typed(text));
        if (this.origin) setOrigin(items, items.length - 1, this.origin);
        if (stop === "}") break;
      }
      const after = this.s[this.i];
      if (after !== undefined && after !== ",") throw new StrvalsError(`unexpected ${JSON.stringify(after)} after a list in ${JSON.stringify(this.s)}`);
      return items;
    }
    const { text, stop } = this.readUntil(",");
    if (stop === ",") this.i -= 1;
    if (this.fileValue) return this.fileValue(text);
    return this.typed(text);
  }

  private typed(text: string): unknown {
    if (this.mode === "string") return text;
    const lower = text.toLowerCase();
    if (lower === "true") return true;
    if (lower === "false") return false;
    if (lower === "null") return null;
    if (text === "0") return 0n;
    if (text !== "" && text[0] !== "0" && /^[+-]?\d+$/.test(text)) {
      const n = BigInt(text);
      if (n >= -(2n ** 63n) && n < 2n ** 63n) return n;
    }
    return text;
  }
}
