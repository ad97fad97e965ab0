import { ruleTester } from "../../helpers/rule-tester.js";

ruleTester("dockerfile/pipe-to-shell", {
  valid: [
    { name: "download to a file, verify, run", code: "FROM debian:bookworm\nRUN curl -fsSLo /tmp/i.sh https://x && sha256sum -c sums && sh /tmp/i.sh\n" },
    { name: "pipe into something that is not a shell", code: "FROM debian:bookworm\nRUN curl -fsSL https://x/key.asc | gpg --dearmor -o /usr/share/keyrings/x.gpg\n" },
    { name: "shell with a script file reading a pipe", code: "FROM debian:bookworm\nRUN curl -s https://x | sh ./process.sh\n" },
    { name: "no download in the pipe", code: "FROM debian:bookworm\nRUN echo 'echo hi' | sh\n" },
    { name: "python with a script argument", code: "FROM python:3.13\nRUN curl -s https://x | python3 parse.py\n" },
  ],
  invalid: [
    {
      code: "FROM debian:bookworm\nRUN curl -fsSL https://example.com/install.sh | sh\n",
      errors: [{ line: 2, column: 49, endColumn: 51, severity: "warning", message: "RUN pipes a download from curl into sh: the downloaded code runs unverified; download to a file and check its checksum or signature first" }],
    },
    { name: "wget -O- into sudo bash -s", code: "FROM debian:bookworm\nRUN wget -qO- https://x | sudo bash -s -- --yes\n", errors: [{ line: 2, column: 32, endColumn: 36, message: /^RUN pipes a download from wget into bash/ }] },
    { name: "sh -c \"$(curl ...)\"", code: 'FROM debian:bookworm\nRUN sh -c "$(curl -fsSL https://x)"\n', errors: [{ line: 2, column: 5, endColumn: 7, message: /^RUN runs the output of curl with sh -c/ }] },
    { name: "bash <(curl ...)", code: "FROM debian:bookworm\nRUN bash <(curl -s https://x)\n", errors: [{ line: 2, column: 5, message: /^RUN runs a download from curl with bash <\(\.\.\.\)/ }] },
    { name: "into python", code: "FROM python:3.13\nRUN curl -sSL https://install.python-poetry.org | python3 -\n", errors: [{ line: 2, column: 51, message: /into python3/ }] },
    { name: "on a continuation line", code: "FROM debian:bookworm\nRUN set -eux; \\\n    curl -fsSL https://x \\\n      | bash\n", errors: [{ line: 4, column: 9, endColumn: 13 }] },
    { name: "inside a heredoc", code: "FROM debian:bookworm\nRUN <<EOF\ncurl -fsSL https://x | sh\nEOF\n", errors: [{ line: 3, column: 24 }] },
  ],
});
