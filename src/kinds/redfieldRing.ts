/**
 * The `redfield-ring` kind of the contract (CONTRACT `redfield-ring`, CONVENTIONS §6): the
 * exact sector solve of {@link solveRing4}, returned as plain JSON.
 *
 * @module
 */
import { solveRing4 } from "../exact/ring4.js";
import type { RedfieldRingProblem } from "../problem/schema.js";
import type { Result } from "../problem/solve.js";

/**
 * Solve a validated `redfield-ring` problem: every field of the contract's result
 * (`heatCurrentLeft`, `heatCurrentRight`, `upperHeatCurrent`, `lowerHeatCurrent`,
 * `spinCurrent`, `ergotropy`, `mode`, `energies`, `populations`).
 *
 * @param p - a validated problem (see {@link validateProblem})
 * @returns the result object
 *
 * @example
 * ```ts
 * import { solve } from "nessref";
 * const r = await solve({ kind: "redfield-ring", J: 1, delta: 2.19, h2: 2, h3: 1,
 *   TL: 2, TR: 1, gamma: 0.01, omegaC: 10, sector: 2 });
 * r.mode; // "clockwise"
 * ```
 */
export function solveRedfieldRing(p: RedfieldRingProblem): Result {
  const r = solveRing4(p);
  return {
    heatCurrentLeft: r.heatCurrentLeft,
    heatCurrentRight: r.heatCurrentRight,
    upperHeatCurrent: r.upperHeatCurrent,
    lowerHeatCurrent: r.lowerHeatCurrent,
    spinCurrent: r.spinCurrent,
    ergotropy: r.ergotropy,
    mode: r.mode,
    energies: r.energies,
    populations: r.populations,
  };
}
