#!/usr/bin/env node
// The `nessref` command: wires the process streams to runCli of the built library.
import { existsSync } from "node:fs";

const cli = new URL("../dist/src/cli.js", import.meta.url);

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

if (!existsSync(cli)) {
  const error = {
    code: "internal",
    message: "nessref is not built (dist/src/cli.js is missing): run npm run build first",
    path: "",
  };
  process.stderr.write(JSON.stringify({ error }) + "\n");
  process.exitCode = 1;
} else {
  const { runCli } = await import(cli.href);
  process.exitCode = await runCli(process.argv.slice(2), {
    stdin: readStdin,
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    stderrIsTTY: process.stderr.isTTY === true,
  });
}
