/**
 * A small worker pool for disorder ensembles (CONVENTIONS "Randomness"): the realizations of
 * an ensemble are independent tasks, run on `node:worker_threads`, and the outputs come back in
 * input order. Results never depend on the number of workers, provided each task is a pure
 * function of its input (and its index) — in particular, a task that needs random numbers draws
 * realization r from `createRng(seed).fork(r)` ({@link realizationRng}), never from a generator
 * shared between tasks and never from `Math.random`.
 *
 * How it runs (**nessref choice**):
 *
 * - A task is an exported function `task(input, index)` (sync or async) of a module given by URL
 *   or path. Inputs and outputs cross the thread boundary by structured clone (numbers, strings,
 *   arrays, plain objects, typed arrays; no functions or class instances).
 * - The pool starts `workers` threads. Each thread runs a tiny generic loop, passed to the
 *   `Worker` as source text (`eval: true`), so there is no separate worker file to find: the same
 *   code works from `dist/` and from the TypeScript sources. Each thread imports the task module
 *   once and takes the next unstarted input whenever it is idle (dynamic scheduling).
 * - `workers: 0` runs every task in the calling thread, in input order (no threads at all).
 *   The pool also falls back to this in-process mode when the task module is a TypeScript file
 *   (`.ts`, `.mts`, `.cts`) — e.g. under vitest, which compiles TypeScript in its own module
 *   loader that a fresh worker thread does not have. A `.js` path that does not exist but has a
 *   `.ts` sibling (what `new URL("./tasks.js", import.meta.url)` gives when the caller itself is
 *   TypeScript run by vitest) is taken as that `.ts` source. The fallback changes only where the
 *   work runs, never what it computes.
 * - The first task that throws rejects the whole run: the other workers are terminated and the
 *   error is re-raised in the caller — a {@link NessrefError} with the task's code and path (its
 *   message prefixed by the task index); any other error becomes code `internal`.
 * - Progress goes to standard error, never standard output: a `cli-progress` bar when standard
 *   error is a TTY, otherwise one line about every 10 % of the tasks. `onProgress` is called
 *   after every finished task whatever `progress` says.
 * - Cancellation: an aborted `signal` terminates the workers and rejects with code
 *   `resource-limit`.
 *
 * @module
 */
import { availableParallelism } from "node:os";
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import cliProgress from "cli-progress";
import { NessrefError, type NessrefErrorCode } from "../errors.js";
import { createRng, type Rng } from "./random.js";

/**
 * A task function of an ensemble: one realization from its input and its index in the inputs.
 * It must be a pure function of (input, index) for the results not to depend on the workers
 * (CONVENTIONS "Randomness": realization r draws from `createRng(seed).fork(r)`).
 *
 * @example
 * ```ts
 * import type { EnsembleTask } from "nessref/analysis";
 * export const square: EnsembleTask<number, number> = (x) => x * x;
 * ```
 */
export type EnsembleTask<I, O> = (input: I, index: number) => O | Promise<O>;

/**
 * Options of {@link runEnsemble}. Put the seed and the realization index into each input (or use
 * the task's index argument) so that every task draws its own stream (CONVENTIONS "Randomness").
 *
 * @example
 * ```ts
 * import type { EnsembleOptions } from "nessref/analysis";
 * const o: EnsembleOptions<{ seed: number; r: number }> = {
 *   module: new URL("./tasks.js", import.meta.url), task: "realization",
 *   inputs: [0, 1, 2].map((r) => ({ seed: 7, r })), workers: 2, progress: "fields",
 * };
 * ```
 */
export interface EnsembleOptions<I> {
  /** The module exporting the task: a `file:` URL (string or `URL`) or a filesystem path. */
  module: string | URL;
  /** The export name of the task function in that module. */
  task: string;
  /** One structured-clonable input per task. */
  inputs: readonly I[];
  /**
   * Number of worker threads (default `min(os.availableParallelism(), inputs.length)`);
   * `0` runs every task in the calling thread.
   */
  workers?: number;
  /**
   * Progress on standard error: `true` (label "ensemble") or a label; `false`/absent: none.
   * A bar on a TTY, otherwise a line about every 10 %.
   */
  progress?: boolean | string;
  /** Called after every finished task with (finished, total). */
  onProgress?: (done: number, total: number) => void;
  /** Aborting it cancels the run (rejects with code `resource-limit`). */
  signal?: AbortSignal;
}

/**
 * The random stream of realization r of an ensemble seeded by `seed`: `createRng(seed).fork(r)`
 * (CONVENTIONS "Randomness"). The same (seed, r) gives the same numbers in any worker.
 *
 * @param seed - the ensemble's seed (finite number or string)
 * @param r - the realization index, an integer in [0, 2^32)
 * @returns a fresh generator for that realization
 *
 * @example
 * ```ts
 * import { realizationRng } from "nessref/analysis";
 * const h = Array.from({ length: 9 }, () => 0); // fields of realization 3, W = 2:
 * const rng = realizationRng("p1-table1", 3);
 * for (let i = 0; i < 9; i++) h[i] = rng.uniform(-2, 2);
 * ```
 */
export function realizationRng(seed: number | string, r: number): Rng {
  return createRng(seed).fork(r);
}

/** Where the task module lives and whether a worker thread can import it. */
interface ResolvedModule {
  href: string;
  inProcessOnly: boolean;
}

const TS_EXT = /\.(c|m)?ts$/;

function resolveModule(module: string | URL): ResolvedModule {
  let url: URL;
  if (module instanceof URL) url = module;
  else if (/^[a-z][a-z0-9+.-]*:/i.test(module) && !/^[a-z]:[\\/]/i.test(module)) url = new URL(module);
  else url = pathToFileURL(module);
  if (url.protocol !== "file:") return { href: url.href, inProcessOnly: false };
  let path = fileURLToPath(url);
  if (!existsSync(path)) {
    const ts = path.replace(/\.(c|m)?js$/, (_m, p: string | undefined) => `.${p ?? ""}ts`);
    if (ts !== path && existsSync(ts)) path = ts;
    else throw new NessrefError("invalid-input", `runEnsemble: the task module '${path}' does not exist (is the library built?)`, "/module");
  }
  return { href: pathToFileURL(path).href, inProcessOnly: TS_EXT.test(path) };
}

interface SerializedError {
  name: string;
  message: string;
  code?: string;
  path?: string;
  stack?: string;
}

const CODES: readonly NessrefErrorCode[] = [
  "invalid-json", "invalid-input", "unknown-kind", "not-implemented", "out-of-range", "non-unique-ness",
  "no-steady-state", "singular", "no-convergence", "resource-limit", "internal",
];

function serializeError(e: unknown): SerializedError {
  if (e instanceof Error) {
    const x = e as Error & { code?: unknown; path?: unknown };
    return {
      name: e.name,
      message: e.message,
      code: typeof x.code === "string" ? x.code : undefined,
      path: typeof x.path === "string" ? x.path : undefined,
      stack: e.stack,
    };
  }
  return { name: "Error", message: String(e) };
}

/** The caller-side error for a failed task: its NessrefError code and path, or `internal`. */
function taskError(err: SerializedError, index: number, total: number): NessrefError {
  const where = `ensemble task ${index} (of ${total})`;
  if (err.name === "NessrefError" && err.code && (CODES as readonly string[]).includes(err.code)) {
    const out = new NessrefError(err.code as NessrefErrorCode, `${where}: ${err.message}`, err.path ?? "");
    if (err.stack) out.stack = `${out.name}: ${out.message}\n--- in the task ---\n${err.stack}`;
    return out;
  }
  return new NessrefError("internal", `${where} failed (please report): ${err.name}: ${err.message}`, "");
}

/**
 * Source of the generic worker loop (CommonJS, run with `eval: true`). It imports the task
 * module once, then answers `{ index, input }` messages with `{ index, ok, value | error }`.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const ser = (e) => e instanceof Error
  ? { name: e.name, message: e.message, code: typeof e.code === "string" ? e.code : undefined,
      path: typeof e.path === "string" ? e.path : undefined, stack: e.stack }
  : { name: "Error", message: String(e) };
const ready = import(workerData.href).then((m) => {
  const f = m[workerData.task];
  if (typeof f !== "function") {
    const e = new Error("runEnsemble: the module " + workerData.href + " has no exported function '" + workerData.task + "'");
    e.name = "NessrefError"; e.code = "invalid-input"; e.path = "/task";
    throw e;
  }
  return f;
});
parentPort.on("message", async (msg) => {
  try {
    const f = await ready;
    const value = await f(msg.input, msg.index);
    parentPort.postMessage({ index: msg.index, ok: true, value });
  } catch (e) {
    try { parentPort.postMessage({ index: msg.index, ok: false, error: ser(e) }); }
    catch (e2) { parentPort.postMessage({ index: msg.index, ok: false, error: ser(e2) }); }
  }
});
`;

/** Progress on standard error: a bar on a TTY, else a line about every 10 %. */
class StderrProgress {
  private bar?: cliProgress.SingleBar;
  private nextLine = 0;
  private readonly t0 = performance.now();

  constructor(private readonly label: string, private readonly total: number) {
    if (process.stderr.isTTY) {
      this.bar = new cliProgress.SingleBar(
        { format: `${label} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}`, stream: process.stderr, clearOnComplete: true, hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(total, 0);
    } else {
      this.nextLine = Math.max(1, Math.ceil(total / 10));
    }
  }

  update(done: number): void {
    if (this.bar) {
      this.bar.update(done);
      return;
    }
    if (done >= this.nextLine || done === this.total) {
      const s = ((performance.now() - this.t0) / 1000).toFixed(1);
      process.stderr.write(`${this.label}: ${done}/${this.total} (${Math.round((100 * done) / this.total)} %), ${s} s\n`);
      while (this.nextLine <= done) this.nextLine += Math.max(1, Math.ceil(this.total / 10));
    }
  }

  stop(): void {
    this.bar?.stop();
  }
}

function checkWorkers(workers: number | undefined, n: number): number {
  if (workers === undefined) return Math.max(1, Math.min(availableParallelism(), n));
  if (!Number.isInteger(workers) || workers < 0) {
    throw new NessrefError("invalid-input", `runEnsemble: workers must be an integer ≥ 0, got ${workers}`, "/workers");
  }
  return Math.min(workers, n);
}

const cancelled = () => new NessrefError("resource-limit", "ensemble run cancelled", "");

async function runInProcess<I, O>(href: string, task: string, inputs: readonly I[], tick: () => void, signal?: AbortSignal): Promise<O[]> {
  const mod = (await import(href)) as Record<string, unknown>;
  const f = mod[task];
  if (typeof f !== "function") throw new NessrefError("invalid-input", `runEnsemble: the module ${href} has no exported function '${task}'`, "/task");
  const out: O[] = [];
  for (let i = 0; i < inputs.length; i++) {
    if (signal?.aborted) throw cancelled();
    try {
      out.push(await (f as EnsembleTask<I, O>)(inputs[i], i));
    } catch (e) {
      throw taskError(serializeError(e), i, inputs.length);
    }
    tick();
  }
  return out;
}

function runInWorkers<I, O>(href: string, task: string, inputs: readonly I[], nWorkers: number, tick: () => void, signal?: AbortSignal): Promise<O[]> {
  const n = inputs.length;
  const out = new Array<O>(n);
  return new Promise<O[]>((resolve, reject) => {
    const pool: Worker[] = [];
    let next = 0;
    let finished = 0;
    let settled = false;
    const onAbort = () => fail(cancelled());
    const cleanup = () => {
      signal?.removeEventListener("abort", onAbort);
      for (const w of pool) void w.terminate();
    };
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      cleanup();
      reject(e);
    };
    const feed = (w: Worker) => {
      if (next < n) {
        const index = next++;
        w.postMessage({ index, input: inputs[index] });
      }
    };
    if (signal?.aborted) return fail(cancelled());
    signal?.addEventListener("abort", onAbort, { once: true });
    for (let k = 0; k < nWorkers; k++) {
      let w: Worker;
      try {
        w = new Worker(WORKER_SOURCE, { eval: true, workerData: { href, task } });
      } catch (e) {
        return fail(new NessrefError("internal", `runEnsemble: cannot start a worker thread: ${String(e)}`, ""));
      }
      pool.push(w);
      w.on("message", (msg: { index: number; ok: boolean; value?: O; error?: SerializedError }) => {
        if (settled) return;
        if (!msg.ok) return fail(taskError(msg.error ?? { name: "Error", message: "unknown error" }, msg.index, n));
        out[msg.index] = msg.value as O;
        finished++;
        tick();
        if (finished === n) {
          settled = true;
          cleanup();
          resolve(out);
        } else feed(w);
      });
      w.on("error", (e) => {
        const err = serializeError(e);
        fail(new NessrefError("internal", `runEnsemble: a worker thread failed (please report): ${err.name}: ${err.message}`, ""));
      });
      w.on("exit", (code) => {
        if (!settled) fail(new NessrefError("internal", `runEnsemble: a worker thread exited early (code ${code}), e.g. out of memory`, ""));
      });
      feed(w);
    }
  });
}

/**
 * Run an ensemble: `task(inputs[i], i)` for every i, on a pool of worker threads (see the
 * module description), with the outputs in input order. Results are identical whatever the
 * number of workers (CONVENTIONS "Randomness": realization r draws from
 * `createRng(seed).fork(r)`, see {@link realizationRng}).
 *
 * @param opts - the task module and export, the inputs, workers, progress, cancellation
 * @returns the outputs, `out[i]` for `inputs[i]`
 * @throws NessrefError with the failing task's code and path (message prefixed by its index);
 *   `internal` for a non-nessref error or a crashed worker; `resource-limit` when cancelled;
 *   `invalid-input` for a missing module or export, or a bad `workers`
 *
 * @example
 * ```ts
 * // tasks.js (compiled), next to the caller:
 * //   import { realizationRng } from "nessref/analysis";
 * //   export function meanField({ seed, L, W }, r) {
 * //     const rng = realizationRng(seed, r); let s = 0;
 * //     for (let i = 0; i < L; i++) s += rng.uniform(-W, W);
 * //     return s / L;
 * //   }
 * import { runEnsemble } from "nessref/analysis";
 * const means = await runEnsemble<{ seed: number; L: number; W: number }, number>({
 *   module: new URL("./tasks.js", import.meta.url), task: "meanField",
 *   inputs: Array.from({ length: 100 }, () => ({ seed: 42, L: 9, W: 2 })), progress: "fields",
 * });
 * // the same 100 numbers with workers: 1, 2 or 0 (in-process)
 * ```
 */
export async function runEnsemble<I, O>(opts: EnsembleOptions<I>): Promise<O[]> {
  const inputs = opts.inputs;
  if (!Array.isArray(inputs)) throw new NessrefError("invalid-input", "runEnsemble: inputs must be an array", "/inputs");
  if (typeof opts.task !== "string" || !opts.task) throw new NessrefError("invalid-input", "runEnsemble: task must be an export name", "/task");
  const n = inputs.length;
  let workers = checkWorkers(opts.workers, n);
  const mod = resolveModule(opts.module);
  if (mod.inProcessOnly) workers = 0;
  if (n === 0) return [];
  const label = typeof opts.progress === "string" ? opts.progress : "ensemble";
  const bar = opts.progress ? new StderrProgress(label, n) : undefined;
  let done = 0;
  const tick = () => {
    done++;
    bar?.update(done);
    opts.onProgress?.(done, n);
  };
  try {
    return workers === 0
      ? await runInProcess<I, O>(mod.href, opts.task, inputs, tick, opts.signal)
      : await runInWorkers<I, O>(mod.href, opts.task, inputs, workers, tick, opts.signal);
  } finally {
    bar?.stop();
  }
}
