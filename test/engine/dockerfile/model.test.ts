import { describe as group, expect, it } from "@jest/globals";
import { effectiveCommand, effectiveHealthcheck, effectiveUser, externalBase, stageChain } from "../../../src/engine/dockerfile/model.js";
import { expandVariables } from "../../../src/engine/dockerfile/variables.js";
import { build, model } from "./helpers.js";

group("stages", () => {
  it("reads names, parents, platforms and the final stage", () => {
    const m = model(
      "FROM --platform=$BUILDPLATFORM golang:1.25 AS Build\nRUN go build\nFROM build AS test\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out /app\n",
    );
    expect(m.stages.map((s) => [s.index, s.name, s.parent?.name ?? null, s.from.platform ?? null, s.isFinal])).toEqual([
      [0, "build", null, "$BUILDPLATFORM", false],
      [1, "test", "build", null, false],
      [2, undefined, null, null, true],
    ]);
    expect(m.finalStage.from.reference?.registry).toBe("gcr.io");
    expect(stageChain(m.stages[1]).map((s) => s.index)).toEqual([0, 1]);
    expect(externalBase(m.stages[1]).written).toBe("golang:1.25");
  });

  it("uses config.target as the final stage when it names one, else the last stage", () => {
    const code = "FROM alpine:3.20 AS runtime\nFROM alpine:3.20 AS debug\n";
    expect(model(code, { target: "RUNTIME" }).finalStage.name).toBe("runtime");
    expect(model(code, { target: "missing" }).finalStage.name).toBe("debug");
  });

  it("resolves FROM through global ARGs and leaves unknown values unresolved", () => {
    const m = model("ARG BASE=node:22\nARG TAG\nFROM ${BASE} AS a\nFROM alpine:${TAG}\nFROM ${REGISTRY:-docker.io}/library/alpine:3.20\n");
    expect(m.stages.map((s) => [s.from.written, s.from.resolved ?? null, s.from.unresolvedVariables])).toEqual([
      ["${BASE}", "node:22", []],
      ["alpine:${TAG}", null, ["TAG"]],
      ["${REGISTRY:-docker.io}/library/alpine:3.20", "docker.io/library/alpine:3.20", []],
    ]);
    expect(m.stages[0].from.viaVariables).toBe(true);
  });

  it("treats scratch and earlier stage names specially", () => {
    const m = model("FROM scratch AS empty\nFROM EMPTY\nFROM later\nFROM alpine:3.20 AS later\n");
    expect(m.stages.map((s) => [s.from.isScratch, s.parent?.index ?? null, s.from.reference?.repository ?? null])).toEqual([
      [true, null, null],
      [false, 0, null],
      [false, null, "library/later"],
      [false, null, "library/alpine"],
    ]);
  });
});

group("parser directives", () => {
  it("reads the directives and the escape character", () => {
    const m = model("# syntax=docker/dockerfile:1.7\n# escape=`\nFROM alpine:3.20\nRUN echo a `\n  b\n");
    expect(m.directives.map((d) => [d.name, d.value, d.range.line])).toEqual([
      ["syntax", "docker/dockerfile:1.7", 1],
      ["escape", "`", 2],
    ]);
    expect(m.escapeCharacter).toBe("`");
    expect(m.runs[0].script.commands.map((c) => c.args.map((a) => a.value))).toEqual([["a", "b"]]);
  });
});

group("users", () => {
  it("follows USER through FROM <stage> but not from unrelated earlier stages", () => {
    const m = model("FROM alpine:3.20 AS base\nUSER 10001\nFROM base AS app\nFROM alpine:3.20 AS other\nUSER 2000\nFROM app\n");
    expect(effectiveUser(m.finalStage)?.resolved).toBe("10001");
    const unrelated = model("FROM alpine:3.20 AS builder\nUSER 10001\nFROM alpine:3.20\n");
    expect(effectiveUser(unrelated.finalStage)).toBeUndefined();
  });

  it("resolves USER through stage ARGs, global ARG defaults and ENV", () => {
    const m = model("ARG UID=1001\nFROM alpine:3.20 AS a\nARG UID\nENV GID=2002\nUSER ${UID}:${GID}\nFROM alpine:3.20\nARG NAME\nUSER $NAME\n");
    expect(m.stages[0].users.map((u) => [u.resolved, u.user, u.group])).toEqual([["1001:2002", "1001", "2002"]]);
    expect(m.stages[1].users.map((u) => [u.written, u.resolved ?? null])).toEqual([["$NAME", null]]);
  });

  it("does not see global ARGs in a stage unless redeclared", () => {
    const m = model("ARG UID=1001\nFROM alpine:3.20\nUSER $UID\n");
    expect(m.finalStage.users[0].resolved).toBeUndefined();
  });

  it("inherits ENV through FROM <stage>", () => {
    const m = model("FROM alpine:3.20 AS base\nENV APP_UID=4242\nFROM base\nUSER $APP_UID\n");
    expect(m.finalStage.users[0].resolved).toBe("4242");
  });
});

group("commands and health checks", () => {
  it("resets an inherited CMD when a later stage sets ENTRYPOINT, as Docker does", () => {
    const m = model('FROM alpine:3.20 AS base\nCMD ["sshd"]\nHEALTHCHECK CMD true\nFROM base\nENTRYPOINT ["/app"]\nHEALTHCHECK NONE\n');
    const { entrypoint, cmd } = effectiveCommand(m.finalStage);
    expect(entrypoint?.instruction.range.line).toBe(5);
    expect(cmd).toBeUndefined();
    expect(effectiveHealthcheck(m.finalStage)?.disabled).toBe(true);
    const same = model('FROM alpine:3.20\nCMD ["-n"]\nENTRYPOINT ["supervisord"]\n');
    expect(effectiveCommand(same.finalStage).cmd?.instruction.range.line).toBe(2);
  });

  it("does not read RUN as POSIX shell on Windows images unless SHELL names a POSIX shell", () => {
    const m = model("FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS win\nRUN curl.exe -o x https://x | cmd\nFROM win\nSHELL [\"bash\", \"-c\"]\nRUN curl -s x | sh\n");
    expect(m.stages.map((s) => s.windows)).toEqual([true, true]);
    expect(m.runs.map((r) => r.script.commands.map((c) => c.name))).toEqual([[], ["curl", "sh"]]);
  });

  it("does not read RUN as POSIX shell after SHELL [\"powershell\", ...]", () => {
    const m = model('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Invoke-WebRequest x | iex\n');
    expect(m.runs[0].script.commands).toEqual([]);
  });
});

group("parse problems", () => {
  const problems = (code: string) => build(code).problems.map((p) => `${p.range.line}:${p.range.column} ${p.message}`);

  it("reports an empty or comment-only file without a model", () => {
    expect(build("").model).toBeUndefined();
    expect(problems("")).toEqual(["1:1 the file is empty: no Dockerfile instructions to analyze"]);
    expect(problems("# syntax=docker/dockerfile:1\n# just a comment\n")).toEqual(["1:1 the file holds only comments: no Dockerfile instructions to analyze"]);
  });

  it("reports a file without FROM", () => {
    expect(build("RUN echo hi\n").model).toBeUndefined();
    expect(problems("RUN echo hi\n")).toEqual(["1:1 no FROM instruction: this cannot be built as a Dockerfile"]);
  });

  it("reports unknown instructions and instructions before FROM, and keeps the model", () => {
    const outcome = build("RUN echo early\nFROM alpine:3.20\nRUNN echo hi\nUSER\nUSER 10001\n");
    expect(outcome.problems.map((p) => `${p.range.line}:${p.range.column}-${p.range.endColumn} ${p.message}`)).toEqual([
      "1:1-4 RUN before the first FROM: only ARG may come before FROM, Docker refuses to build this",
      '3:1-5 unknown instruction "RUNN": not a Dockerfile instruction (the rest of the file is still analyzed)',
      "4:1-5 USER without a user: name a numeric UID such as USER 10001",
    ]);
    expect(outcome.model && effectiveUser(outcome.model.finalStage)?.resolved).toBe("10001");
  });

  it("reports an unterminated heredoc at its start", () => {
    expect(problems("FROM alpine:3.20\nRUN <<EOF\napk add curl\n")).toEqual([
      '2:5 heredoc <<EOF is never closed: no line "EOF" ends it, so the rest of the file is read as its body',
    ]);
  });
});

group("variables", () => {
  it("expands the forms Docker supports and reports unknown names", () => {
    const scope = new Map<string, string | null>([["A", "x"], ["E", ""], ["N", null]]);
    expect(expandVariables("$A-${A}-${E:-d}-${E-d}-${Z:-z}-${A:+y}-${Z:+y}", scope)).toEqual({ value: "x-x-d--z-y-", unresolved: [] });
    expect(expandVariables("${N}/$Z/${N:-d}", scope).unresolved).toEqual(["N", "Z", "N"]);
    expect(expandVariables("\\$A", scope).value).toBe("$A");
  });
});
