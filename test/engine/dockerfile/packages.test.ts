import { describe as group, expect, it } from "@jest/globals";
import { packageNameOf, remainingInstalls } from "../../../src/engine/dockerfile/packages.js";
import { installedPackages } from "../../../src/engine/dockerfile/model.js";
import { at, model } from "./helpers.js";

function operations(run: string) {
  return model(`FROM debian:bookworm\n${run}`).runs.flatMap((r) =>
    r.packageOperations.map((op) => `${op.manager} ${op.action}${op.virtualGroup ? ` [${op.virtualGroup}]` : ""}: ${op.packages.map((p) => p.name).join(",")}`),
  );
}

group("package operations", () => {
  it("recognises every supported manager and action", () => {
    expect(
      operations(
        [
          "RUN apt-get install -y curl && apt install wget && apt-get purge -y curl && apt-get remove git && apt-get autoremove -y",
          "RUN apk add --no-cache gcc && apk del gcc",
          "RUN yum -y install nc && yum remove nc && dnf install -y make && dnf rm make && microdnf install tar && microdnf remove tar",
          "RUN zypper -n in vim && zypper --non-interactive install -y nano && zypper rm vim",
        ].join("\n"),
      ),
    ).toEqual([
      "apt install: curl",
      "apt install: wget",
      "apt remove: curl",
      "apt remove: git",
      "apt remove: ",
      "apk install: gcc",
      "apk remove: gcc",
      "yum install: nc",
      "yum remove: nc",
      "dnf install: make",
      "dnf remove: make",
      "microdnf install: tar",
      "microdnf remove: tar",
      "zypper install: vim",
      "zypper install: nano",
      "zypper remove: vim",
    ]);
  });

  it("ignores pip, npm, gem and apt-get update", () => {
    expect(operations("RUN pip install requests && npm install -g left-pad && gem install rails && apt-get update")).toEqual([]);
  });

  it("skips option values and strips versions, architectures and releases", () => {
    expect(
      operations(
        "RUN apt-get install -y -o Dpkg::Options::=--force-confold -t bookworm-backports curl=7.88.1-10 libc6:amd64 git/bookworm ./local.deb $EXTRA && apk add --repository https://x curl=~8.1 'nano>7' && yum install --setopt tsflags=nodocs -x foo openssl.x86_64",
      ),
    ).toEqual(["apt install: curl,libc6,git", "apk install: curl,nano", "yum install: openssl"]);
  });

  it("keeps the word of each package for exact positions", () => {
    const m = model("FROM debian:bookworm\nRUN apt-get install -y \\\n  curl=7.88.1-10 \\\n  wget\n");
    const op = m.runs[0].packageOperations[0];
    expect(op.packages.map((p) => `${p.name} ${at(p.word)}`)).toEqual(["curl 3:3-17", "wget 4:3-7"]);
    expect(at(op.actionWord)).toBe("2:13-20");
  });

  it("notices --no-install-recommends and APT::Install-Recommends=false", () => {
    const m = model("FROM debian:bookworm\nRUN apt-get install -y --no-install-recommends a && apt-get -o APT::Install-Recommends=false install b && apt-get install c\n");
    expect(m.runs[0].packageOperations.map((op) => op.noInstallRecommends)).toEqual([true, true, false]);
  });

  it("records apk --virtual groups and removes their members with the group", () => {
    const m = model("FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev && apk add curl && make && apk del .build-deps\n");
    expect(m.runs[0].packageOperations[0].virtualGroup).toBe(".build-deps");
    expect(installedPackages(m.finalStage).map((p) => p.name)).toEqual(["curl"]);
  });

  it("replays installs and removals across RUNs and stages built on each other", () => {
    const m = model(
      "FROM debian:bookworm AS base\nRUN apt-get install -y curl git\nFROM base AS app\nRUN apt-get purge -y git\nFROM debian:bookworm AS other\nRUN apt-get install -y nmap\nFROM app\nRUN apt-get install -y wget\n",
    );
    expect(installedPackages(m.finalStage).map((p) => `${p.name}@${p.operation.run.instruction.range.line}`)).toEqual(["curl@2", "wget@8"]);
  });

  it("cleans package names or rejects what is not one", () => {
    expect(packageNameOf("curl>=7", "zypper")).toBe("curl");
    expect(packageNameOf("Curl", "apt")).toBe("curl");
    expect(packageNameOf("@development-tools", "dnf")).toBeUndefined();
    expect(packageNameOf("https://x/y.rpm", "yum")).toBeUndefined();
    expect(packageNameOf(".build-deps", "apt")).toBeUndefined();
    expect(packageNameOf(".build-deps", "apk")).toBe(".build-deps");
    expect(remainingInstalls([])).toEqual([]);
  });
});
