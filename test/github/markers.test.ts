import { describe, expect, it } from "@jest/globals";
import { markerKey, parseMarker, renderMarker, replaceMarker } from "../../src/github/markers.js";

describe("finding markers", () => {
  it("renders a hidden HTML comment with rule, file and fingerprint, and reads it back", () => {
    const marker = { ruleId: "k8s/privileged", file: "deploy/web app.yaml", fingerprint: "c80ba4334f712ade-2", state: "open" as const };
    const text = renderMarker(marker);
    expect(text).toBe("<!-- container-review:finding rule=k8s%2Fprivileged file=deploy%2Fweb%20app.yaml fp=c80ba4334f712ade-2 state=open -->");
    expect(parseMarker(`Some comment\n\n${text}`)).toStrictEqual(marker);
  });

  it("keeps a path that contains '-->' or '--' from closing the comment early", () => {
    const marker = { ruleId: "dockerfile/root-user", file: "we--ird/-->x/Dockerfile", fingerprint: "ab", state: "fixed" as const };
    const text = renderMarker(marker);
    expect(text.slice(4, -4)).not.toContain("--");
    expect(text.indexOf("-->")).toBe(text.length - 3);
    expect(parseMarker(text)).toStrictEqual(marker);
  });

  it("returns undefined for bodies without a valid marker", () => {
    expect(parseMarker(undefined)).toBeUndefined();
    expect(parseMarker("no marker here")).toBeUndefined();
    expect(parseMarker("<!-- container-review:finding rule=a file=b fp=c state=weird -->")).toBeUndefined();
    expect(parseMarker("<!-- container-review:finding rule=%E0%A4%A file=b fp=c state=open -->")).toBeUndefined();
    expect(parseMarker("<!-- container-review:finding file=b fp=c state=open -->")).toBeUndefined();
  });

  it("replaces the marker in place to record that the finding is fixed", () => {
    const open = { ruleId: "r", file: "f", fingerprint: "x", state: "open" as const };
    const body = `text\n\n${renderMarker(open)}`;
    expect(replaceMarker(body, { ...open, state: "fixed" })).toBe(`text\n\n${renderMarker({ ...open, state: "fixed" })}`);
  });

  it("keys findings by file, rule and fingerprint", () => {
    expect(markerKey({ ruleId: "r", file: "f", fingerprint: "x" })).not.toBe(markerKey({ ruleId: "r", file: "g", fingerprint: "x" }));
    expect(markerKey({ ruleId: "r", file: "f", fingerprint: "x" })).toBe(markerKey({ ruleId: "r", file: "f", fingerprint: "x" }));
  });
});
