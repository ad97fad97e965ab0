import { describe as group, expect, it } from "@jest/globals";
import { at, build, describe, runCommands } from "./helpers.js";

group("shell reading of RUN", () => {
  it("splits on &&, ||, ;, | and & with exact positions of each program", () => {
    const commands = runCommands("RUN apt-get update && apt-get install -y curl; echo ok || true | cat & wait");
    expect(commands.map(describe)).toEqual([
      "apt-get update @2:5-12",
      "apt-get install -y curl @2:23-30",
      "echo ok @2:48-52",
      "true @2:59-63",
      "cat @2:66-69",
      "wait @2:72-76",
    ]);
    expect(commands.map((c) => c.connector)).toEqual(["start", "&&", ";", "||", "||", "&"]);
    expect(commands[4].pipeline.map((c) => c.name)).toEqual(["true", "cat"]);
  });

  it("follows continuation lines and drops comment lines inside them", () => {
    const commands = runCommands("RUN apt-get install -y \\\n    # the download tool\n    curl \\\n && rm -rf /var/lib/apt/lists/*");
    expect(commands.map(describe)).toEqual(["apt-get install -y curl @2:5-12", "rm -rf /var/lib/apt/lists/* @5:5-7"]);
    expect(at(commands[0].args[2])).toBe("4:5-9");
  });

  it("honours a backtick escape directive", () => {
    const code = "# escape=`\nFROM alpine:3.20\nRUN apk add `\n    curl `\n && echo a\\b";
    const { model } = require_model(code);
    const cmds = model.runs[0].script.commands;
    expect(cmds.map(describe)).toEqual(["apk add curl @3:5-8", "echo ab @5:5-9"]);
    expect(at(cmds[0].args[1])).toBe("4:5-9");
  });

  it("unwraps sh -c and bash -ec scripts, keeping positions inside the quotes", () => {
    const commands = runCommands(`RUN sh -c 'apt-get install -y wget && wget -q x' && bash -ec "apk del curl"`);
    expect(commands.map(describe)).toEqual([
      "sh -c apt-get install -y wget && wget -q x @2:5-7",
      "apt-get install -y wget @2:12-19",
      "wget -q x @2:39-43",
      "bash -ec apk del curl @2:53-57",
      "apk del curl @2:63-66",
    ]);
    expect(commands[1].origin).toBe("sh-c");
    expect(commands[1].parent?.name).toBe("sh");
    expect(at(commands[1].args[2])).toBe("2:31-35");
  });

  it("skips environment assignments and looks through sudo, exec, env and command", () => {
    const commands = runCommands("RUN DEBIAN_FRONTEND=noninteractive sudo -E -u root apt-get install -y x && exec env A=1 /usr/bin/curl -V && command -v git");
    expect(commands.map((c) => [c.name, c.prefixes.map((p) => p.value), c.assignments.map((a) => a.value)])).toEqual([
      ["apt-get", ["sudo"], ["DEBIAN_FRONTEND=noninteractive"]],
      ["curl", ["exec", "env"], ["A=1"]],
      ["command", [], []],
    ]);
  });

  it("reads command substitutions, backticks and process substitutions as nested scripts", () => {
    const commands = runCommands('RUN bash <(curl -fsSL https://x) && echo "$(wget -qO- y)" `id -u`');
    expect(commands.map((c) => `${c.name}:${c.origin}`)).toEqual(["bash:shell", "curl:substitution", "echo:shell", "wget:substitution", "id:substitution"]);
    expect(commands[0].args[0].processSubstitution).toBe(true);
    expect(at(commands[1].program)).toBe("2:12-16");
    expect(at(commands[3].program)).toBe("2:45-49");
  });

  it("does not take redirection targets or file descriptors for arguments", () => {
    const commands = runCommands("RUN curl -o /tmp/x https://x 2>/dev/null > /tmp/log && cat < /tmp/x");
    expect(commands.map((c) => c.args.map((a) => a.value).join(" "))).toEqual(["-o /tmp/x https://x", ""]);
    expect(commands[0].redirects.map((r) => `${r.operator} ${r.target?.value}`)).toEqual(["> /dev/null", "> /tmp/log"]);
  });

  it("flattens if/then/fi and skips for loops headers", () => {
    const commands = runCommands('RUN if [ -f x ]; then apt-get install -y curl; else echo no; fi; for p in a b; do echo "$p"; done');
    expect(commands.map((c) => c.name)).toEqual(["[", "apt-get", "echo", "", "", "echo", ""]);
  });

  it("reads a heredoc RUN body as the script and leaves other heredocs (stdin data) alone", () => {
    const commands = runCommands("RUN <<EOF\napt-get install -y curl\nsudo ls\nEOF\nRUN python3 <<PY\nimport os; os.system('sudo ls')\nPY\nRUN bash -e <<'SCRIPT'\napk add git\nSCRIPT");
    // The command line `<<EOF` is a command without a program; the body follows.
    expect(commands.map(describe)).toEqual([" @(none)", "apt-get install -y curl @3:1-8", "ls @4:6-8"]);
    expect(commands[2].prefixes.map((p) => at(p))).toEqual(["4:1-5"]);
    const m = require_model("FROM alpine:3.20\nRUN python3 <<PY\nimport os; os.system('sudo ls')\nPY\nRUN bash -e <<'SCRIPT'\napk add git\nSCRIPT\n").model;
    expect(m.runs[0].script.commands.map(describe)).toEqual(["python3 @2:5-12"]);
    expect(m.runs[1].script.commands.map(describe)).toEqual(["bash -e @5:5-9", "apk add git @6:1-4"]);
    expect(m.runs[1].packageOperations.map((op) => op.packages.map((p) => p.name))).toEqual([["git"]]);
  });

  it("reads exec-form RUN and unwraps [\"sh\", \"-c\", ...]", () => {
    const commands = runCommands('RUN ["/bin/sh", "-c", "apk add --no-cache curl"]');
    expect(commands.map(describe)).toEqual(["sh -c apk add --no-cache curl @2:6-15", "apk add --no-cache curl @2:24-27"]);
    expect(at(commands[1].args[2])).toBe("2:43-47");
  });

  it("never throws on unbalanced quotes or deep nesting", () => {
    expect(() => runCommands(`RUN echo "unclosed && curl 'x`)).not.toThrow();
    expect(() => runCommands(`RUN ${"$(".repeat(200)}echo${")".repeat(200)}`)).not.toThrow();
    expect(() => runCommands("RUN )))(((;;&&||| <<< >")).not.toThrow();
  });
});

function require_model(code: string) {
  const outcome = build(code);
  if (!outcome.model) throw new Error("no model");
  return { model: outcome.model };
}
