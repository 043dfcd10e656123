/**
 * The `harmonic-chain` kind of the contract (CONTRACT `harmonic-chain`, MODELS §5,
 * CONVENTIONS §5): the Langevin harmonic chain's NESS ({@link harmonicNess}) or its λ → 0 limit
 * ({@link harmonicWeakCoupling}), with the step metrics of [P1] Fig. 3.
 *
 * @module
 */
import { harmonicNess, harmonicWeakCoupling } from "../exact/harmonic.js";
import { createRng } from "../analysis/random.js";
import { temperatureStep, uniformPotentials } from "../analysis/harmonic.js";
import type { HarmonicChainProblem } from "../problem/schema.js";
import type { Result } from "../problem/solve.js";

/**
 * Solve a validated `harmonic-chain` problem.
 *
 * - Potentials: `potentials` as given, or V_x uniform on [vMin, vMax] drawn in site order from
 *   `createRng(seed)` ({@link uniformPotentials}); echoed as `potentials` in the result.
 * - `lambda > 0`: the NESS covariance by the spectral pole sum [P1] eq. (2.6) on the chain
 *   (falling back to the Lyapunov solve when a root cannot be refined); `temperature` is
 *   ⟨p_x²⟩ and `heatCurrents` J_b = λ(T_b − ⟨p_b²⟩), one per bath in bath order.
 * - `lambda = 0`: the λ → 0 formula [P1] eq. (2.9); `temperature` is lim T(x), `heatCurrents`
 *   are exactly 0 (they vanish with λ) and `weakCouplingCurrents` gives lim J_b/λ.
 * - `step`: {@link temperatureStep} with the temperatures of the baths at sites 1 and L; `null` when
 *   there is no bath on one of those sites, when they have equal temperatures, or when no site
 *   crosses a level.
 * - `method`: `"spectral"`, `"lyapunov"` or `"weak-coupling"`; `diagnostics`: residual, damping
 *   range and condition estimate (finite λ) or weight-error estimate and double-double modes
 *   (λ = 0), and `seconds`.
 *
 * @param p - a validated problem (see {@link validateProblem})
 * @returns the result object
 * @throws NessrefError("non-unique-ness") when a mode does not touch any bath; ("singular")
 *   when the digits cannot be vouched for (see {@link harmonicWeakCoupling}); ("resource-limit")
 *   for finite λ above {@link HARMONIC_NESS_MAX_SITES} sites
 *
 * @example
 * ```ts
 * import { solve } from "nessref";
 * const r = await solve({ kind: "harmonic-chain", L: 100, vMin: 1, vMax: 2, seed: 1, g: 0.1,
 *   lambda: 0, baths: [{ site: 1, T: 1 }, { site: 100, T: 2 }] });
 * r.step; // { width, midpoint } of the λ → 0 profile
 * ```
 */
export function solveHarmonicChain(p: HarmonicChainProblem): Result {
  const t0 = performance.now();
  const V = p.potentials !== undefined ? Float64Array.from(p.potentials) : uniformPotentials(createRng(p.seed as number | string), p.L as number, p.vMin as number, p.vMax as number);
  const L = V.length;
  const sys = { potentials: V, g: p.g };
  const baths = p.baths.map((b) => ({ site: b.site, T: b.T }));
  const b1 = baths.find((b) => b.site === 1), bL = baths.find((b) => b.site === L);
  const step = (T: ArrayLike<number>): { width: number; midpoint: number } | null => {
    const m = b1 && bL ? temperatureStep(T, b1.T, bL.T) : null;
    return m ? { width: m.width, midpoint: m.midpoint } : null;
  };
  if (p.lambda === 0) {
    const w = harmonicWeakCoupling(sys, baths);
    return {
      temperature: Array.from(w.temperature),
      heatCurrents: baths.map(() => 0),
      weakCouplingCurrents: Array.from(w.currentCoefficients),
      step: step(w.temperature),
      potentials: Array.from(V),
      method: "weak-coupling",
      diagnostics: {
        road: w.road,
        weightErrorEstimate: w.weightErrorEstimate,
        minBathWeight: w.minBathWeight,
        doubleDoubleModes: w.doubleDoubleModes,
        seconds: (performance.now() - t0) / 1000,
      },
    };
  }
  const s = harmonicNess(sys, baths, p.lambda);
  return {
    temperature: Array.from(s.temperature),
    heatCurrents: Array.from(s.heatCurrents),
    step: step(s.temperature),
    potentials: Array.from(V),
    method: s.method,
    diagnostics: {
      residual: s.residual,
      minDamping: s.minDamping,
      maxDamping: s.maxDamping,
      conditionEstimate: s.conditionEstimate,
      imaginaryResidue: s.imaginaryResidue,
      seconds: (performance.now() - t0) / 1000,
    },
  };
}
