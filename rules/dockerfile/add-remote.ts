import type { Add } from "dockerfile-ast";
import type { Report, Rule } from "../../src/engine/types.js";
import { jsonArgumentWord, type DockerfileModel } from "../../src/engine/dockerfile/model.js";
import { cisDocker, dockerfileReference, reportIn } from "./support.js";

const HTTP_URL = /^https?:\/\//i;
const GIT_URL = /^(?:git@[^:]+:|git:\/\/|ssh:\/\/)|^https?:\/\/\S+\.git(?:#\S*)?$/i;

/** The URL as shown in a message: credentials in it are masked. */
function displayUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/i, "$1***@");
}

export const addRemote: Rule<DockerfileModel> = {
  meta: {
    id: "dockerfile/add-remote",
    kind: "dockerfile",
    title: "ADD from a URL without a checksum",
    severity: "warning",
    rationale:
      "ADD fetches remote files at build time without verifying them: a compromised server, a moved tag or a man in the middle changes what ends up in the image, and nobody notices. BuildKit's `--checksum` makes the build fail when the content differs.",
    remediation:
      "Add `--checksum=sha256:<hash>` to the ADD (for git sources, pin the commit), or download with `RUN curl -fsSLo` and verify the checksum or signature before use.",
    references: [
      cisDocker("4.9", "Ensure that COPY is used instead of ADD in Dockerfiles"),
      { title: "Dockerfile reference: ADD --checksum", url: "https://docs.docker.com/reference/dockerfile/#add---checksum" },
      dockerfileReference("ADD"),
    ],
    standards: ["cis-docker-4.9"],
    examples: {
      bad: "FROM alpine:3.20\nADD https://example.com/tool.tar.gz /tmp/\n",
      good: "FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tar.gz /tmp/\n",
    },
  },
  check(model): Report[] {
    const reports: Report[] = [];
    for (const instruction of model.instructions) {
      if (instruction.keyword !== "ADD") continue;
      const node = instruction.node as Add;
      if (node.getFlags().some((f) => f.getName().toLowerCase() === "checksum")) continue;
      const exec = node.getOpeningBracket() != null && node.getClosingBracket() != null;
      const sources = exec
        ? node.getJSONStrings().slice(0, -1).map((s) => ({ value: jsonArgumentWord(model.positions, s).value, range: s.getRange() }))
        : node.getArguments().slice(0, -1).map((a) => ({ value: a.getValue(), range: a.getRange() }));
      for (const source of sources) {
        const isGit = GIT_URL.test(source.value);
        if (!isGit && !HTTP_URL.test(source.value)) continue;
        const what = isGit ? "a git repository" : "a URL";
        reports.push(
          reportIn(
            instruction,
            model.positions.fromLsp(source.range),
            `ADD fetches ${what} (${displayUrl(source.value)}) without --checksum: its content is not verified and can change or be tampered with; add --checksum=sha256:<hash> or download and verify in a RUN`,
            source.value,
          ),
        );
      }
    }
    return reports;
  },
};
