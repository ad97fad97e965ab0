import { ruleTester } from "../../helpers/rule-tester.js";

ruleTester("dockerfile/sudo", {
  valid: [
    { code: "FROM ubuntu:24.04\nRUN apt-get update\nUSER 10001\n" },
    { name: "the word sudo as an argument", code: "FROM ubuntu:24.04\nRUN echo sudo && grep sudo /etc/group\n" },
    { name: "sudo installed in a builder stage only", code: "FROM ubuntu:24.04 AS build\nRUN apt-get install -y sudo\nFROM ubuntu:24.04\n" },
    { name: "sudo removed again", code: "FROM ubuntu:24.04\nRUN apt-get install -y sudo && apt-get purge -y sudo\n" },
  ],
  invalid: [
    {
      code: "FROM ubuntu:24.04\nUSER 10001\nRUN sudo apt-get update\n",
      errors: [{ line: 3, column: 5, endColumn: 9, severity: "error", message: "RUN uses sudo to run apt-get: run privileged steps before USER switches to an unprivileged user instead" }],
    },
    { name: "in any stage, after a pipe, with options", code: "FROM ubuntu:24.04 AS build\nRUN curl -s x | sudo -E -u root tee /etc/x\nFROM scratch\n", errors: [{ line: 2, column: 17, message: /RUN uses sudo to run tee/ }] },
    { name: "in a heredoc body", code: "FROM ubuntu:24.04\nRUN <<EOF\nsudo make install\nEOF\n", errors: [{ line: 3, column: 1, endColumn: 5 }] },
    {
      name: "installed in the final stage",
      code: "FROM ubuntu:24.04\nRUN apt-get install -y --no-install-recommends sudo\n",
      errors: [{ line: 2, column: 48, endColumn: 52, message: "the final image installs sudo: any process that can run it can become root, which undoes USER" }],
    },
    {
      name: "suppression above a multi-line RUN",
      code: "FROM ubuntu:24.04\n# container-review ignore=dockerfile/sudo vendor script requires it\nRUN set -e \\\n && sudo ./vendor-install.sh\n",
      errors: [{ line: 4, column: 5, suppressed: true }],
    },
  ],
});
