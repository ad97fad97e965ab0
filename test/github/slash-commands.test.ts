import { describe, expect, it } from "@jest/globals";
import { isBotUser, parseSlashCommand } from "../../src/github/slash-commands.js";

describe("parseSlashCommand", () => {
  it.each([
    ["/container-review rescan", { name: "rescan" }],
    ["/rescan", { name: "rescan" }],
    ["  /Container-Review   Rescan  ", { name: "rescan" }],
    ["LGTM but\r\n/rescan\r\n", { name: "rescan" }],
    ["`/rescan`", { name: "rescan" }],
    ["/container-review help", { name: "help" }],
    ["/container-review", { name: "help" }],
    ["/container-review deploy", { name: "unknown", text: "/container-review deploy" }],
  ])("reads %j", (body, expected) => {
    expect(parseSlashCommand(body)).toStrictEqual(expected);
  });

  it.each([
    "",
    "please /rescan",
    "/rescan now",
    "/rescanning",
    "> /container-review rescan",
    "```\n/rescan\n```",
    "/container-reviewer rescan",
  ])("finds no command in %j", (body) => {
    expect(parseSlashCommand(body)).toBeUndefined();
  });

  it("treats null bodies as no command", () => {
    expect(parseSlashCommand(null)).toBeUndefined();
  });
});

describe("isBotUser", () => {
  it("recognises bots by type or by a [bot] login, and treats a missing user as a bot", () => {
    expect(isBotUser({ type: "Bot", login: "container-review[bot]" })).toBe(true);
    expect(isBotUser({ type: "User", login: "dependabot[bot]" })).toBe(true);
    expect(isBotUser({ type: "User", login: "octocat" })).toBe(false);
    expect(isBotUser(null)).toBe(true);
  });
});
