import { describe, expect, it } from "@jest/globals";
import { detectKindByContent, looksLikeDockerfile } from "../../src/engine/detect.js";

describe("detectKindByContent (files named explicitly whose name does not tell)", () => {
  it.each([
    ["FROM alpine:3.20\n", "dockerfile"],
    ["from alpine\n", "dockerfile"],
    ["\n\n# a comment\n  FROM alpine\n", "dockerfile"],
    ["ARG BASE=alpine\nFROM ${BASE}\n", "dockerfile"],
    ["# syntax=docker/dockerfile:1\nRUN echo\n", "dockerfile"],
    ["# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\n", "dockerfile"],
    ["\ufeffFROM alpine\r\n", "dockerfile"],
    ["apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n", "kubernetes"],
    ["services:\n  web:\n    image: nginx\n", "compose"],
    ["RUN echo hi\n", null],
    ["FROMAGE alpine\n", null],
    ["# just comments\n# FROM alpine\n", null],
    ["hello # syntax=docker/dockerfile:1\n", null],
    ["", null],
    ["{\"name\": \"package\"}\n", null],
  ])("%j -> %s", (text, kind) => {
    expect(detectKindByContent(text)).toBe(kind);
  });

  it("takes a parser directive only on the first line (later it is a comment)", () => {
    expect(looksLikeDockerfile("# syntax=docker/dockerfile:1\nhello\n")).toBe(true);
    expect(looksLikeDockerfile("# note\n# syntax=docker/dockerfile:1\nhello\n")).toBe(false);
  });
});
