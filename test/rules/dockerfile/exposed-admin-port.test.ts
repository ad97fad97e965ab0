import { ruleTester } from "../../helpers/rule-tester.js";

ruleTester("dockerfile/exposed-admin-port", {
  valid: [
    { code: "FROM alpine:3.20\nEXPOSE 8080 443/tcp 53/udp\n" },
    { name: "port 220 and 2222 are not 22", code: "FROM alpine:3.20\nEXPOSE 220 2222 30-40\n" },
    { name: "EXPOSE in a builder stage only", code: "FROM alpine:3.20 AS build\nEXPOSE 22\nFROM alpine:3.20\n" },
    { name: "unresolvable variable", code: "FROM alpine:3.20\nARG PORT\nEXPOSE $PORT\n" },
  ],
  invalid: [
    {
      code: "FROM alpine:3.20\nEXPOSE 8080 22\n",
      errors: [{ line: 2, column: 13, endColumn: 15, severity: "warning", message: "EXPOSE 22 publishes SSH (22): remote-administration services give whoever reaches them control; remove the port and the service" }],
    },
    { name: "protocol suffixes", code: "FROM alpine:3.20\nEXPOSE 2375/tcp 3389/udp\n", errors: [{ line: 2, column: 8, endColumn: 16, message: /^EXPOSE 2375\/tcp publishes the Docker daemon API \(plain HTTP\) \(2375\)/ }, { line: 2, column: 17, message: /RDP \(3389\)/ }] },
    { name: "a range that includes admin ports", code: "FROM alpine:3.20\nEXPOSE 20-25\n", errors: [{ line: 2, column: 8, endColumn: 13, message: /^EXPOSE 20-25 includes SSH \(22\), telnet \(23\)/ }] },
    { name: "resolved through ARG", code: "FROM alpine:3.20\nARG VNC=5900\nEXPOSE ${VNC}\n", errors: [{ line: 3, message: /VNC \(5900\)/ }] },
    { name: "inherited from a stage the final one builds on", code: "FROM alpine:3.20 AS base\nEXPOSE 10250\nFROM base\n", errors: [{ line: 2, message: /the kubelet API \(10250\)/ }] },
  ],
});
