import { ruleTester } from "../../helpers/rule-tester.js";

ruleTester("dockerfile/add-remote", {
  valid: [
    { code: "FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/x.tar.gz /tmp/\n" },
    { name: "local files and archives", code: "FROM alpine:3.20\nADD rootfs.tar.gz /\nADD ./config /etc/app/\n" },
    { name: "COPY is never reported", code: "FROM alpine:3.20\nCOPY https-notes.txt /x\n" },
  ],
  invalid: [
    {
      code: "FROM alpine:3.20\nADD https://example.com/tool.tar.gz /tmp/\n",
      errors: [
        {
          line: 2,
          column: 5,
          endColumn: 36,
          severity: "warning",
          message: "ADD fetches a URL (https://example.com/tool.tar.gz) without --checksum: its content is not verified and can change or be tampered with; add --checksum=sha256:<hash> or download and verify in a RUN",
        },
      ],
    },
    { name: "git repository", code: "FROM alpine:3.20\nADD --keep-git-dir=true https://github.com/moby/buildkit.git#v0.16.0 /src\n", errors: [{ line: 2, column: 25, message: /^ADD fetches a git repository/ }] },
    { name: "credentials in the URL are masked", code: "FROM alpine:3.20\nADD https://user:pa55word@example.com/x /x\n", errors: [{ line: 2, message: /\(https:\/\/\*\*\*@example.com\/x\)/ }] },
    { name: "exec form, two sources", code: 'FROM alpine:3.20\nADD ["http://a.example/x", "local", "http://b.example/y", "/dst/"]\n', errors: [{ line: 2, column: 6, endColumn: 26 }, { line: 2, column: 37 }] },
  ],
});
