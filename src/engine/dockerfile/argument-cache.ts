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

const rawArguments = new WeakMap<Instruction, Argument[]>();
const MEMOISED = Symbol.for("container-review.memoisedRawArguments");

type Patchable = { getRawArguments(this: Instruction): Argument[]; [MEMOISED]?: true };
const proto = Instruction.prototype as unknown as Patchable;

if (!proto[MEMOISED]) {
  const compute = proto.getRawArguments;
  proto.getRawArguments = function memoisedRawArguments(this: Instruction): Argument[] {
    let args = rawArguments.get(this);
    if (!args) {
      args = compute.call(this);
      rawArguments.set(this, args);
    }
    return args.slice();
  };
  proto[MEMOISED] = true;
}
