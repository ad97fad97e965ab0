import { describe, expect, it } from "@jest/globals";
import { parseConfigText } from "../../src/config/load.js";

describe("review.minSeverity", () => {
  it.each([
    ["", "warning"],
    ["review: { maxComments: 10 }\n", "warning"],
    ["review:\n  minSeverity: info\n", "info"],
    ["review:\n  minSeverity: error\n", "error"],
  ])("%j resolves to %s", (text, expected) => {
    const outcome = parseConfigText(text, "cfg.yml");
    expect(outcome.errors).toStrictEqual([]);
    expect(outcome.config.review.minSeverity).toBe(expected);
  });

  it.each([
    ["review:\n  minSeverity: critical\n", 'cfg.yml: review.minSeverity: must be one of "error", "warning", "info"'],
    ["review:\n  minSeverity: 2\n", 'cfg.yml: review.minSeverity: must be one of "error", "warning", "info"'],
    ["review:\n  minSeverty: info\n", 'cfg.yml: review: unknown key "minSeverty"'],
  ])("%j is refused with a located message", (text, message) => {
    expect(parseConfigText(text, "cfg.yml").errors).toStrictEqual([message]);
  });
});
