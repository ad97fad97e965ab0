/** Calls where our answer knowingly differs from Go's, with the reason. */
export const KNOWN_DIFFERENCES: Record<string, string> = {};
