/**
 * The truncation rule of every two-site update (CONVENTIONS §9): keep the largest singular values,
 * at most χ_max of them, and drop the smallest ones as long as their summed squares stay within
 * `cutoff` of the total weight Σ s². Squares below {@link NUMERICAL_ZERO} of the total are always
 * dropped (they are rounding noise of the SVD, whose relative accuracy is ≈ 1e-16).
 *
 * @module
 */
import { NessrefError } from "../errors.js";

/**
 * Relative weight s²/Σs² below which a singular value counts as an exact zero (≈ (1e-14)², two
 * orders above the relative rounding of the SVD).
 */
export const NUMERICAL_ZERO = 1e-28;

/**
 * Truncation parameters of a TEBD run.
 *
 * @example
 * ```ts
 * import type { Truncation } from "nessref/mps";
 * const t: Truncation = { chi: 64, cutoff: 1e-10 };
 * ```
 */
export interface Truncation {
  /** the largest bond dimension χ_max ≥ 1 */
  readonly chi: number;
  /** the largest discarded weight Σ_dropped s² / Σ s² per update, ≥ 0 (0: only χ_max and exact zeros) */
  readonly cutoff: number;
}

/**
 * Running truncation statistics of a TEBD run.
 *
 * @example
 * ```ts
 * import { newTruncationStats } from "nessref/mps";
 * const s = newTruncationStats(); // { updates: 0, discardedWeight: 0, maxDiscarded: 0, maxChi: 1, … }
 * ```
 */
export interface TruncationStats {
  /** number of two-site updates */
  updates: number;
  /** Σ over updates of the discarded relative weight ε_k (the usual "truncation error") */
  discardedWeight: number;
  /** Σ_k √ε_k: a bound on the 2-norm error of the state the truncations caused */
  normErrorBound: number;
  /** the largest ε_k of one update */
  maxDiscarded: number;
  /** the largest bond dimension reached */
  maxChi: number;
}

/**
 * Fresh {@link TruncationStats}.
 *
 * @returns zeros, with `maxChi = 1`
 *
 * @example
 * ```ts
 * import { newTruncationStats } from "nessref/mps";
 * newTruncationStats().updates; // 0
 * ```
 */
export function newTruncationStats(): TruncationStats {
  return { updates: 0, discardedWeight: 0, normErrorBound: 0, maxDiscarded: 0, maxChi: 1 };
}

/**
 * Check a {@link Truncation} and return it.
 *
 * @param t - the parameters
 * @param path - JSON path for errors
 * @returns t
 * @throws NessrefError("invalid-input") for χ not a positive integer or a cutoff outside [0, 1)
 *
 * @example
 * ```ts
 * import { checkTruncation } from "nessref/mps";
 * checkTruncation({ chi: 32, cutoff: 0 }, "/tebd");
 * ```
 */
export function checkTruncation(t: Truncation, path: string): Truncation {
  if (!Number.isInteger(t.chi) || t.chi < 1) throw new NessrefError("invalid-input", `χ must be an integer ≥ 1, got ${t.chi}`, `${path}/chi`);
  if (!(t.cutoff >= 0 && t.cutoff < 1)) throw new NessrefError("invalid-input", `cutoff must lie in [0, 1), got ${t.cutoff}`, `${path}/cutoff`);
  return t;
}

/**
 * How many of the descending singular values `s` to keep (≥ 1), and the discarded relative weight.
 *
 * @param s - singular values, descending, ≥ 0, not all zero
 * @param t - the truncation rule
 * @returns `{ keep, discarded, total }` (total = Σ s²)
 *
 * @example
 * ```ts
 * import { keepCount } from "nessref/mps";
 * keepCount(Float64Array.of(1, 0.1, 1e-6), { chi: 8, cutoff: 1e-10 }); // keep 2
 * ```
 */
export function keepCount(s: Float64Array, t: Truncation): {
  /** number of singular values kept (≥ 1) */ keep: number;
  /** discarded relative weight Σ_dropped s² / Σ s² */ discarded: number;
  /** Σ s² */ total: number;
} {
  let total = 0;
  for (let k = 0; k < s.length; k++) total += s[k] * s[k];
  if (!(total > 0) || !Number.isFinite(total)) throw new NessrefError("internal", `TEBD: a two-site update produced singular values with total weight ${total}`, "");
  const allowed = Math.max(t.cutoff, NUMERICAL_ZERO) * total;
  let keep = s.length;
  let tail = 0;
  while (keep > 1 && tail + s[keep - 1] * s[keep - 1] <= allowed) {
    tail += s[keep - 1] * s[keep - 1];
    keep--;
  }
  if (keep > t.chi) {
    for (let k = t.chi; k < keep; k++) tail += s[k] * s[k];
    keep = t.chi;
  }
  return { keep, discarded: tail / total, total };
}

/**
 * Record one update in the statistics.
 *
 * @param st - statistics (mutated)
 * @param discarded - discarded relative weight of the update
 * @param chi - the new bond dimension
 *
 * @example
 * ```ts
 * import { newTruncationStats, recordUpdate } from "nessref/mps";
 * const st = newTruncationStats(); recordUpdate(st, 1e-12, 4); st.maxChi; // 4
 * ```
 */
export function recordUpdate(st: TruncationStats, discarded: number, chi: number): void {
  st.updates++;
  st.discardedWeight += discarded;
  st.normErrorBound += Math.sqrt(discarded);
  if (discarded > st.maxDiscarded) st.maxDiscarded = discarded;
  if (chi > st.maxChi) st.maxChi = chi;
}
