/**
 * nessref — a verified numerical reference library for transport in open quantum chains.
 *
 * The public surface: {@link solve} (a problem object in the JSON contract in, a result
 * object out), the error type {@link NessrefError}, and the contract's JSON Schema.
 * Typed kernels live in the sub-path modules `nessref/linalg`, `nessref/quantum`,
 * `nessref/models`, `nessref/open`, `nessref/mps`, `nessref/exact`, `nessref/analysis` and `nessref/reproduce`. Conventions: see the "Conventions" document
 * of these docs (CONVENTIONS.md in the repository).
 *
 * @example
 * ```ts
 * import { solve, NessrefError } from "nessref";
 * try {
 *   await solve({ kind: "no-such-kind" });
 * } catch (e) {
 *   if (e instanceof NessrefError) console.log(e.code); // "unknown-kind"
 * }
 * ```
 *
 * @module nessref
 */
export * from "./errors.js";
export * from "./problem/index.js";
