/**
 * `solve(problem)`: the one entry point of the JSON contract (CONTRACT.md). It validates
 * the problem ({@link validateProblem}), dispatches it to the handler registered for its
 * kind ({@link registerKind}) and guards the result: a result is plain JSON and never
 * holds a non-finite number.
 *
 * @module
 */
import { NessrefError, asNessrefError } from "../errors.js";
import { validateProblem } from "./validate.js";
import type { Problem, ProblemKind } from "./schema.js";

/**
 * A JSON value as a result may hold (numbers always finite).
 *
 * @example
 * ```ts
 * import type { JsonValue } from "nessref";
 * const v: JsonValue = { magnetization: [0.1, -0.1], method: "ed", bound: null };
 * ```
 */
export type JsonValue = number | string | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A result object of {@link solve}: plain, JSON-serialisable, every number finite.
 *
 * @example
 * ```ts
 * import { solve, type Result } from "nessref";
 * const r: Result = await solve({ kind: "drude", L: 10, J: 1, delta: 0.5, current: "spin" });
 * ```
 */
export type Result = { [key: string]: JsonValue };

/**
 * A solver for one kind: gets the validated problem, returns its result (plain objects,
 * arrays, numbers, strings, booleans, `null`; `Float64Array`s are accepted and turned
 * into arrays).
 *
 * @example
 * ```ts
 * import { registerKind, type KindHandler, type DrudeProblem } from "nessref";
 * const drudeXX: KindHandler<DrudeProblem> = (p) => ({ value: (p.J * p.J) / 16, bound: null });
 * registerKind("drude", drudeXX);
 * ```
 */
export type KindHandler<P extends Problem = Problem> = (problem: P) => Result | Promise<Result>;

const handlers = new Map<ProblemKind, KindHandler>();

/**
 * Register the solver of one kind of the contract (replacing any earlier one). The
 * physics issues of the project call this from their modules.
 *
 * @param kind - the kind, e.g. `"redfield-ring"`
 * @param handler - the solver; it receives a problem already validated against the contract
 *
 * @example
 * ```ts
 * import { registerKind, solve } from "nessref";
 * registerKind("drude", (p) => ({ value: 0.0625, bound: null }));
 * const r = await solve({ kind: "drude", L: 4, J: 1, delta: 0, current: "spin" });
 * console.log(r.value); // 0.0625
 * ```
 */
export function registerKind<K extends ProblemKind>(kind: K, handler: KindHandler<Extract<Problem, { kind: K }>>): void {
  handlers.set(kind, handler as KindHandler);
}

/**
 * Remove the solver of a kind (a later {@link solve} of that kind gives `not-implemented`).
 *
 * @param kind - the kind to unregister
 * @returns `true` when a handler was registered
 *
 * @example
 * ```ts
 * import { registerKind, unregisterKind } from "nessref";
 * registerKind("drude", () => ({ value: 0, bound: null }));
 * unregisterKind("drude"); // true
 * ```
 */
export function unregisterKind(kind: ProblemKind): boolean {
  return handlers.delete(kind);
}

/**
 * The kinds that have a solver in this build.
 *
 * @example
 * ```ts
 * import { implementedKinds } from "nessref";
 * console.log(implementedKinds()); // e.g. ["redfield-ring"]
 * ```
 */
export function implementedKinds(): ProblemKind[] {
  return [...handlers.keys()];
}

/**
 * Copy a handler's output into plain JSON, throwing `internal` for a non-finite number or
 * a value JSON cannot hold (CONTRACT.md: "A result is never partly filled with NaN").
 *
 * @param value - the handler's output
 * @param path - JSON pointer of `value` inside the result (for the error message)
 * @returns the same data as plain JSON
 *
 * @example
 * ```ts
 * import { toJsonResult } from "nessref";
 * toJsonResult({ x: new Float64Array([1, 2]) }); // { x: [1, 2] }
 * // toJsonResult({ x: NaN }) throws NessrefError("internal", …, "/x")
 * ```
 */
export function toJsonResult(value: unknown, path = ""): JsonValue {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new NessrefError("internal", `internal error (please report): result field '${path}' is ${value}`, path);
    return value;
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return toJsonResult(Array.from(value as unknown as ArrayLike<number>), path);
  }
  if (Array.isArray(value)) return value.map((v, i) => toJsonResult(v, `${path}/${i}`));
  if (typeof value === "object" && value !== undefined) {
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) {
      const out: { [key: string]: JsonValue } = {};
      for (const [k, v] of Object.entries(value as object)) out[k] = toJsonResult(v, `${path}/${k}`);
      return out;
    }
  }
  throw new NessrefError("internal", `internal error (please report): result field '${path}' is not JSON (${typeof value})`, path);
}

/**
 * Solve a problem of the JSON contract (CONTRACT.md) and return its result object.
 *
 * Bad input never returns numbers: it rejects with a {@link NessrefError} (`invalid-input`,
 * `unknown-kind`, `out-of-range`, `non-unique-ness`, …, with the JSON path of the field).
 * A valid problem of a kind that has no solver in this build rejects with
 * `not-implemented`. Any unexpected failure inside a solver becomes `internal`.
 *
 * @param problem - the problem, as parsed JSON
 * @returns the result object (plain JSON, every number finite)
 *
 * @example
 * ```ts
 * import { solve, NessrefError } from "nessref";
 * try {
 *   const r = await solve({ kind: "redfield-ring", J: 1, delta: 2.19, h2: 2, h3: 1,
 *     TL: 2, TR: 1, gamma: 0.01, omegaC: 10, sector: 2 });
 *   console.log(r.heatCurrentLeft);
 * } catch (e) {
 *   if (e instanceof NessrefError) console.log(e.code); // e.g. "not-implemented"
 * }
 * ```
 */
export async function solve(problem: unknown): Promise<Result> {
  const p = validateProblem(problem);
  const handler = handlers.get(p.kind);
  if (!handler) {
    throw new NessrefError("not-implemented", `kind '${p.kind}' is part of the contract but not built in this version`, "/kind");
  }
  let out: JsonValue;
  try {
    out = toJsonResult(await handler(p));
  } catch (e) {
    throw asNessrefError(e); // e.g. a cyclic result overflowing the stack becomes `internal`
  }
  if (out === null || typeof out !== "object" || Array.isArray(out)) {
    throw new NessrefError("internal", `internal error (please report): the solver of '${p.kind}' did not return an object`, "");
  }
  return out;
}
