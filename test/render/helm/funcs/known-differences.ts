import { c, goExpr } from "./harness.js";

/** Calls where our answer knowingly differs from Go's recorded one, with the reason. */
export const KNOWN_DIFFERENCES: Record<string, string> = {
  'repeat 3.0 "ab"':
    "text/template converts an integral float *literal* to an int parameter; our functions receive values and cannot tell a literal 3.0 from a float64 of values.yaml, which Go refuses (wrong type for value; expected int; got float64): we follow the value case, the common one in charts",
  'trunc 5.0 "hello world"': "as repeat 3.0: a float literal for an int parameter",
  [goExpr(c("toJson", "é\u2028\u0001\b\f\n"))]:
    "Go 1.22 changed encoding/json to write \\b and \\f (the oracle runs Go 1.19, which writes \\u0008 and \\u000c); Helm 3.16 and later are built with Go 1.22 or later",
  [goExpr(c("fromYaml", "a:\n\tb: 1\n"))]: "YAML parser error wording (see fromYaml \"a: [1\")",
  [goExpr(c("fromYaml", "a: &x 1\nb: *x\nc: *nope\n"))]: "YAML parser error wording (see fromYaml \"a: [1\")",
  [goExpr(c("fromYaml", "s: !!str 123\ni: !!int \"7\"\nf: !!float 1\n"))]:
    "an explicit !!float tag on an integer literal: the yaml package keeps the text as a string, go-yaml makes it a float; explicit tags are rare in values",
  'fromYaml "a: [1"':
    "the Error text of a YAML syntax error comes from the YAML parser: ours (the yaml package) words it differently from go-yaml v2; the prefix and the line are Helm's",
};
