/**
 * The `drude` kind of the contract (CONTRACT `drude`, MODELS §8, CONVENTIONS §8): the
 * infinite-temperature Drude weight of the periodic XXZ ring by sector ED
 * ({@link drudeWeight}), with the Prosen–Ilievski bound and the applicable closed form.
 *
 * @module
 */
import {
  drudeWeight,
  drudeWeightParallel,
  energyDrudeClosedForm,
  prosenIlievskiBound,
  xxSpinDrude,
  type DrudeResult,
} from "../exact/drude.js";
import type { DrudeProblem } from "../problem/schema.js";
import type { Result } from "../problem/solve.js";

/** From this ring length on the sectors are spread over worker threads (below, thread start-up costs more than it saves). */
const PARALLEL_FROM_L = 15;

/**
 * Solve a validated `drude` problem.
 *
 * - `value`: D/β (spin) or D/β² (energy), MODELS §8 normalization, by sector ED.
 * - `bound`: for the spin current the Prosen–Ilievski lower bound
 *   (J²/16)(sin²(πl/m)/sin²(π/m))(1 − (m/2π) sin(2π/m)) when Δ = cos(πl/m) is recognised
 *   (m ≤ 64, tolerance 1e−12), else `null`; for the energy current always `null`.
 * - `diagnostics`: `sectors` (number of (M, k) sectors diagonalised, M ≤ L/2, 0 ≤ k ≤ L/2),
 *   `blocks` and `largestBlock` (real blocks after the P, F, PK reductions),
 *   `degeneracyTolerance` (τ = 1e−11·|J|(1+|Δ|)L), `largestGroupSpread` and `smallestGroupGap`
 *   (the margins of the level grouping: the first must be ≪ τ, the second ≫ τ), `seconds`
 *   (wall clock), and `closedForm`: for the energy current (J⁴/64)(1+2Δ²) (L ≥ 4) or
 *   (J⁴/64)(1+2Δ)² (L = 3); for the spin current at Δ = 0 the XX value J²/16; else `null`.
 *
 * Rings with L ≥ 15 run their sectors on worker threads (the result does not depend on it;
 * below, thread start-up, ≈ 0.5 s per thread, costs more than it saves).
 *
 * @param p - a validated problem (see {@link validateProblem})
 * @returns the result object
 * @throws NessrefError("out-of-range") for L > 16; ("invalid-input") for non-finite J or Δ
 *
 * @example
 * ```ts
 * import { solve } from "nessref";
 * const r = await solve({ kind: "drude", L: 10, J: 1, delta: 0.5, current: "spin" });
 * r.value; // ≈ 0.0405, above r.bound ≈ 0.0367
 * ```
 */
export async function solveDrude(p: DrudeProblem): Promise<Result> {
  const params = { L: p.L, J: p.J, delta: p.delta, current: p.current };
  const r: DrudeResult = p.L >= PARALLEL_FROM_L ? await drudeWeightParallel(params) : drudeWeight(params);
  let closedForm: number | null = null;
  if (p.current === "energy") closedForm = energyDrudeClosedForm(p.J, p.delta, p.L);
  else if (p.delta === 0) closedForm = xxSpinDrude(p.J);
  return {
    value: r.value,
    bound: p.current === "spin" ? prosenIlievskiBound(p.J, p.delta) : null,
    diagnostics: {
      sectors: r.sectors,
      blocks: r.blocks,
      largestBlock: r.largestBlock,
      degeneracyTolerance: r.degeneracyTolerance,
      largestGroupSpread: r.largestGroupSpread,
      smallestGroupGap: r.smallestGroupGap,
      seconds: r.seconds,
      closedForm,
    },
  };
}
