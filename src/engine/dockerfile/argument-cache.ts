/**
 * dockerfile-ast recomputes an instruction's arguments from its raw text on every call, and calls
 * that itself from getFlags(), getHeredocs(), the JSON-form constructors and getArguments(): in a
 * profile of the corpus this was about 40% of the whole Dockerfile analysis (with most of the
 * garbage collection). The engine never modifies a parsed Dockerfile, so the raw arguments of an
 * instruction are computed once and memoised per instance.
 *
 * Callers inside the library shift() the returned array (ModifiableInstruction.getArguments drops
 * the flags that way), so every call gets its own copy of the memoised array; the Argument objects
 * themselves are never mutated.
 */
import { Instruction, type Argument } from "dockerfile-ast";
import { TimeLimitReached, type Deadline } from "../deadline.js";

/**
 * The deadline of the parse in progress (set by withParseDeadline; the parse is synchronous).
 * dockerfile-ast computes every instruction's arguments while it parses, so checking here bounds
 * the parse of a long file to about one instruction past the deadline.
 */
let parseDeadline: Deadline | undefined;

/** Runs `fn` (a synchronous dockerfile-ast parse) with the deadline checked per instruction. */
export function withParseDeadline<T>(deadline: Deadline | undefined, fn: () => T): T {
  if (deadline === undefined) return fn();
  const previous = parseDeadline;
  parseDeadline = deadline;
  try {
    return fn();
  } finally {
    parseDeadline = previous;
  }
}

/** The memo lives on the instance (a symbol-keyed property): cheaper than a WeakMap lookup. */
const RAW_ARGUMENTS = Symbol("container-review.rawArguments");
const MEMOISED = Symbol.for("container-review.memoisedRawArguments");

type RawArguments = (this: Instruction) => Argument[];
type Patchable = { getRawArguments: RawArguments; [MEMOISED]?: RawArguments };
type Memo = { [RAW_ARGUMENTS]?: Argument[] };
const proto = Instruction.prototype as unknown as Patchable;

if (!proto[MEMOISED]) {
  const compute = proto.getRawArguments;
  proto.getRawArguments = function memoisedRawArguments(this: Instruction): Argument[] {
    const memo = this as unknown as Memo;
    let args = memo[RAW_ARGUMENTS];
    if (args === undefined) {
      if (parseDeadline !== undefined && parseDeadline.passed()) throw new TimeLimitReached(this.getRange().start.line + 1);
      args = compute.call(this);
      memo[RAW_ARGUMENTS] = args;
    }
    return args.slice();
  };
  proto[MEMOISED] = compute;
}

/**
 * Runs `fn` with dockerfile-ast as published (no memoised arguments), for the benchmark's parse
 * floor: what the library costs on its own. Synchronous; the memo is back when it returns.
 */
export function withStockDockerfileAst<T>(fn: () => T): T {
  const memoised = proto.getRawArguments;
  const stock = proto[MEMOISED];
  if (typeof stock !== "function") return fn();
  proto.getRawArguments = stock;
  try {
    return fn();
  } finally {
    proto.getRawArguments = memoised;
  }
}
