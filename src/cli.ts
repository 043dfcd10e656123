/**
 * The `nessref` command line (CONTRACT.md, road 2): `solve FILE|-`, `schema [KIND]`,
 * `reproduce [--only NAME...] [--out DIR] [--full] [--list]`, `--help`, `--version`.
 *
 * Errors: a {@link NessrefError} is printed as `{"error":{"code","message","path"}}` on
 * standard error with exit status 2 (status 1 for code `internal`); non-JSON input gives
 * code `invalid-json`; any other failure is reported as code `internal`, status 1.
 * {@link runCli} does all of this in-process (bin/nessref.js only wires the process streams).
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { Command, CommanderError } from "commander";
import { NessrefError, asNessrefError } from "./errors.js";
import { solve } from "./problem/index.js";
import { KINDS, problemSchema, schemaFor } from "./problem/index.js";
import { listScenarios, runReproduce } from "./reproduce/index.js";
import { packageVersion } from "./reproduce/version.js";

/**
 * The streams {@link runCli} talks to.
 *
 * @example
 * ```ts
 * import type { CliIO } from "./dist/src/cli.js"; // inside a checkout, after npm run build
 * const io: CliIO = { stdin: async () => "{}", stdout: console.log, stderr: console.error };
 * ```
 */
export interface CliIO {
  /** Reads all of standard input (used by `solve -`). */
  stdin: () => Promise<string>;
  /** Writes to standard output. */
  stdout: (text: string) => void;
  /** Writes to standard error. */
  stderr: (text: string) => void;
  /** Whether standard error is a terminal (enables the reproduce progress bar). */
  stderrIsTTY?: boolean;
}

/**
 * Exit status for bad input (any {@link NessrefError} except `internal`).
 *
 * @example
 * ```ts
 * import { EXIT_BAD_INPUT } from "./dist/src/cli.js"; // inside a checkout
 * console.log(EXIT_BAD_INPUT); // 2
 * ```
 */
export const EXIT_BAD_INPUT = 2;
/**
 * Exit status for an internal failure or a failing reproduce check.
 *
 * @example
 * ```ts
 * import { EXIT_FAILURE } from "./dist/src/cli.js"; // inside a checkout
 * console.log(EXIT_FAILURE); // 1
 * ```
 */
export const EXIT_FAILURE = 1;

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new NessrefError("invalid-json", `${source} is not valid JSON: ${why}`, "");
  }
}

async function readInput(file: string, io: CliIO): Promise<{ text: string; source: string }> {
  if (file === "-") return { text: await io.stdin(), source: "standard input" };
  try {
    return { text: await readFile(file, "utf8"), source: `file '${file}'` };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new NessrefError("invalid-input", `cannot read the problem file '${file}': ${why}`, "");
  }
}

function printError(err: NessrefError, io: CliIO): number {
  io.stderr(JSON.stringify(err.toJSON()) + "\n");
  return err.code === "internal" ? EXIT_FAILURE : EXIT_BAD_INPUT;
}

/**
 * Run the `nessref` command line in-process.
 *
 * @param argv - the arguments after the program name (`process.argv.slice(2)`)
 * @param io - standard input/output/error
 * @returns the exit status: 0 success, 2 bad input (JSON error on stderr), 1 internal
 *   failure or a failing reproduce check
 *
 * @example
 * ```ts
 * import { runCli } from "./dist/src/cli.js"; // inside a checkout, after npm run build
 * let err = "";
 * const code = await runCli(["solve", "-"], {
 *   stdin: async () => "{\"kind\":\"nope\"}",
 *   stdout: (s) => process.stdout.write(s),
 *   stderr: (s) => { err += s; },
 * });
 * console.log(code, JSON.parse(err).error.code); // 2 "unknown-kind"
 * ```
 */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  let status = 0;
  const program = new Command("nessref");
  program
    .description("nessref — verified reference numbers for transport in open quantum chains (JSON contract: CONTRACT.md)")
    .version(packageVersion(), "-V, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .exitOverride()
    .showSuggestionAfterError(false)
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: () => undefined, outputError: () => undefined });

  program
    .command("solve")
    .description("solve a problem (JSON file, or - for standard input) and print the result JSON on stdout")
    .argument("<file>", "problem file, or - for standard input")
    .action(async (file: string) => {
      const { text, source } = await readInput(file, io);
      const result = await solve(parseJson(text, source));
      io.stdout(JSON.stringify(result) + "\n");
    });

  program
    .command("schema")
    .description(`print the JSON Schema of the problems (all kinds, or one of: ${KINDS.join(", ")})`)
    .argument("[kind]", "a kind of the contract")
    .action((kind?: string) => {
      let schema: unknown = problemSchema;
      if (kind !== undefined) {
        schema = schemaFor(kind);
        if (!schema) throw new NessrefError("unknown-kind", `unknown kind '${kind}'; the kinds are: ${KINDS.join(", ")}`, "/kind");
      }
      io.stdout(JSON.stringify(schema, null, 2) + "\n");
    });

  program
    .command("reproduce")
    .description("re-run the papers' headline results: writes DIR/report.md and SVG figures, prints a pass/fail table")
    .option("--only <names...>", "run only these scenarios")
    .option("--out <dir>", "output directory", "reproduce-out")
    .option("--full", "paper-size runs (slow) instead of the quick default", false)
    .option("--list", "list the scenarios and exit", false)
    .action(async (opts: { only?: string[]; out: string; full: boolean; list: boolean }) => {
      if (opts.list) {
        for (const s of listScenarios()) {
          io.stdout(`${s.name}\n  paper: ${s.paper}\n  reproduces: ${s.reproduces}\n  default: ${s.defaultSize}\n  full: ${s.fullSize}\n`);
        }
        return;
      }
      const summary = await runReproduce({
        only: opts.only,
        out: opts.out,
        full: opts.full,
        stdout: io.stdout,
        progressBar: io.stderrIsTTY === true,
      });
      if (!summary.pass) status = EXIT_FAILURE;
    });

  try {
    if (argv.length === 0) {
      throw new NessrefError("invalid-input", "no command given; usage: nessref solve FILE|- | schema [KIND] | reproduce [options] (see nessref --help)", "");
    }
    await program.parseAsync(argv, { from: "user" });
    return status;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") {
        return e.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
      }
      const msg = e.message.replace(/^error:\s*/, "");
      return printError(new NessrefError("invalid-input", `command line: ${msg} (see nessref --help)`, ""), io);
    }
    return printError(asNessrefError(e), io);
  }
}
