/**
 * The one error type of nessref (CONTRACT.md, "Errors").
 *
 * Every failure that is the caller's to fix (bad input, a size out of range, a NESS
 * that is not unique) or that the library detects about its own numerics (a solver
 * that did not converge) is raised as a {@link NessrefError} carrying a machine-readable
 * {@link NessrefErrorCode}, a message a physicist can act on, and the JSON path of the
 * offending input field (`""` when the whole input is at fault).
 *
 * @module
 */

/**
 * Machine-readable error codes.
 *
 * - `invalid-json` — the text given is not JSON.
 * - `invalid-input` — a field is missing, mistyped, non-finite or out of its domain.
 * - `unknown-kind` — `problem.kind` names no kind of the contract.
 * - `not-implemented` — the kind or method is part of the contract but not built yet.
 * - `out-of-range` — a size is outside what the chosen method supports.
 * - `non-unique-ness` — the kernel of the generator is not one-dimensional (MODELS §0).
 * - `no-steady-state` — the generator has no kernel at all (not a valid generator, or the
 *   system handed to a null-vector solver is non-singular).
 * - `singular` — a linear system or decomposition met an exactly singular matrix.
 * - `no-convergence` — an iterative method stopped before reaching its tolerance.
 * - `resource-limit` — the problem would not fit in memory or time budget.
 * - `internal` — a bug in nessref; please report it.
 */
export type NessrefErrorCode =
  | "invalid-json"
  | "invalid-input"
  | "unknown-kind"
  | "not-implemented"
  | "out-of-range"
  | "non-unique-ness"
  | "no-steady-state"
  | "singular"
  | "no-convergence"
  | "resource-limit"
  | "internal";

/** The JSON shape of an error on the CLI's standard error (CONTRACT.md, "Errors"). */
export interface NessrefErrorJSON {
  /** the error object of CONTRACT.md, "Errors" */
  error: {
    /** machine-readable code */ code: NessrefErrorCode;
    /** human-readable explanation */ message: string;
    /** JSON pointer-like path to the offending input field ("" for the whole input) */ path: string;
  };
}

/**
 * Typed error thrown by every nessref entry point (CONTRACT.md, "Errors").
 *
 * @example
 * ```ts
 * import { NessrefError } from "nessref";
 * try {
 *   throw new NessrefError("invalid-input", "L must be an integer ≥ 2", "/hamiltonian/L");
 * } catch (e) {
 *   if (e instanceof NessrefError) console.log(e.code, e.path); // invalid-input /hamiltonian/L
 * }
 * ```
 */
export class NessrefError extends Error {
  /** Machine-readable code. */
  readonly code: NessrefErrorCode;
  /** JSON-pointer-style path of the offending field (`""` for the whole input). */
  readonly path: string;

  /**
   * @param code - what kind of failure this is
   * @param message - a sentence a physicist can act on
   * @param path - JSON-pointer-style path of the offending field, `""` for the whole input
   */
  constructor(code: NessrefErrorCode, message: string, path = "") {
    super(message);
    this.name = "NessrefError";
    this.code = code;
    this.path = path;
  }

  /** The contract's JSON shape: `{"error":{"code","message","path"}}`. */
  toJSON(): NessrefErrorJSON {
    return { error: { code: this.code, message: this.message, path: this.path } };
  }
}

/**
 * Wrap anything thrown into a {@link NessrefError} (non-nessref errors become `internal`).
 *
 * @example
 * ```ts
 * import { asNessrefError } from "nessref";
 * asNessrefError(new RangeError("boom")).code; // "internal"
 * ```
 */
export function asNessrefError(e: unknown): NessrefError {
  if (e instanceof NessrefError) return e;
  const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return new NessrefError("internal", `internal error (please report): ${msg}`, "");
}
