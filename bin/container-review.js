#!/usr/bin/env node
// Thin launcher: the CLI is compiled from src/cli to lib/src/cli by `npm run build`.
import { main } from "../lib/src/cli/main.js";

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
