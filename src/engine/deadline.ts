/**
 * The scan's time limit as the code that reads one file sees it. The engine reads no clock of its
 * own: `scan()` builds a Deadline from the absolute time and the clock its caller passes in, and
 * the readers check it at points where a long file spends its time (between Dockerfile
 * instructions, every so many shell words, between YAML documents, between rules). A reader that
 * finds the limit passed throws TimeLimitReached; the scan marks that file as skipped.
 */

export interface Deadline {
  /** True once the scan's time limit has passed. */
  passed(): boolean;
}

/** Thrown by a reader that found the time limit passed; carries the line it had reached, if known. */
export class TimeLimitReached extends Error {
  constructor(readonly line?: number) {
    super(line === undefined ? "scan time limit reached" : `scan time limit reached at line ${line}`);
    this.name = "TimeLimitReached";
  }
}

/** A Deadline at `at` (ms since the epoch) read on `clock`; undefined when there is no limit. */
export function deadlineAt(at: number | undefined, clock: () => number): Deadline | undefined {
  if (at === undefined) return undefined;
  return { passed: () => clock() > at };
}

/** Throws TimeLimitReached when the deadline has passed. */
export function checkDeadline(deadline: Deadline | undefined, line?: number): void {
  if (deadline !== undefined && deadline.passed()) throw new TimeLimitReached(line);
}
