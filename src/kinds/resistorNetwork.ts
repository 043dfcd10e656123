/**
 * The `resistor-network` kind of the contract (CONTRACT `resistor-network`, MODELS §4,
 * CONVENTIONS §4): random resistor networks of [P4] and its supplement, solved by the exact
 * module `nessref/exact` (hydro).
 *
 * @module
 */
import { realizationRng } from "../analysis/ensemble.js";
import {
  chargeNetwork1D,
  chargeNetwork2D,
  closedSpreading1D,
  closedSpreading2D,
  drawNetworkDisorder,
  linkConductances,
  networkEnsemble,
  thermalNetwork1D,
  thermalNetwork2D,
  type NetworkDisorder,
  type NetworkModel,
} from "../exact/hydro/index.js";
import type { ResistorNetworkProblem } from "../problem/schema.js";
import type { Result } from "../problem/solve.js";

function modelOf(p: ResistorNetworkProblem): NetworkModel {
  return {
    dim: p.dim, mode: p.mode, N: p.N, a: p.a, xi: p.xi, Gamma0: p.Gamma0,
    ...(p.kappa0 !== undefined ? { kappa0: p.kappa0 } : {}),
    ...(p.T0 !== undefined ? { T0: p.T0 } : {}),
    ...(p.theta !== undefined ? { theta: p.theta } : {}),
    ...(p.dg1 !== undefined ? { dg1: p.dg1 } : {}),
    ...(p.dg2 !== undefined ? { dg2: p.dg2 } : {}),
    ...(p.sigma0 !== undefined ? { sigma0: p.sigma0 } : {}),
    ...(p.V !== undefined ? { V: p.V } : {}),
    ...(p.x0 !== undefined ? { x0: p.x0 } : {}),
  };
}

/** One realization, explicit or drawn, solved with every field of the result. */
function single(p: ResistorNetworkProblem, dis: NetworkDisorder, t0: number): Result {
  const N = p.N;
  if (p.mode === "spreading") {
    const law = { dim: p.dim, a: p.a, epsilon: 0, kappa0: 0, Gamma0: p.Gamma0 };
    const s = p.dim === 1
      ? closedSpreading1D(linkConductances(dis.lengths, law), p.x0 as number, p.times as number[])
      : closedSpreading2D(N, linkConductances(dis.lengths, law), linkConductances(dis.lengthsV, law), p.x0 as number, p.times as number[]);
    return {
      sigmaE: Array.from(s.sigmaE), times: [...(p.times as number[])], realizations: 1, method: "exact",
      diagnostics: { energyError: s.energyError, seconds: (performance.now() - t0) / 1000 },
    };
  }
  const epsilon = p.epsilon as number;
  if (p.mode === "thermal") {
    const law = { dim: p.dim, a: p.a, epsilon, kappa0: p.kappa0 as number, Gamma0: p.Gamma0 };
    const sinks = { g1: dis.g1, g2: dis.g2, epsilon, T0: p.T0 as number, theta: p.theta as number };
    const s = p.dim === 1
      ? { ...thermalNetwork1D({ conductances: linkConductances(dis.lengths, law), ...sinks }), solve: { iterations: 0, residual: 0 } }
      : thermalNetwork2D(N, sinks, linkConductances(dis.lengths, law), linkConductances(dis.lengthsV, law));
    return {
      deltaT_over_T: s.deltaT_over_T, meanT: s.meanT, temperature: Array.from(s.temperature), realizations: 1, method: "exact",
      diagnostics: {
        sources: s.sources, sinks: s.sinks, residual: p.dim === 1 ? s.residual : s.solve.residual,
        cgIterations: s.solve.iterations, seconds: (performance.now() - t0) / 1000,
      },
    };
  }
  const law = { dim: p.dim, a: p.a, epsilon, kappa0: p.sigma0 as number, Gamma0: p.Gamma0 };
  const V = p.V as number;
  if (p.dim === 1) {
    const s = chargeNetwork1D(linkConductances(dis.lengths, law), V);
    return {
      current: s.current, currentStdErr: 0, realizations: 1, method: "exact",
      diagnostics: { kirchhoffCurrent: s.kirchhoffCurrent, currentSpread: s.currentSpread, seconds: (performance.now() - t0) / 1000 },
    };
  }
  const s = chargeNetwork2D(N, V, linkConductances(dis.lengths, law), linkConductances(dis.lengthsV, law));
  return {
    current: s.current, currentStdErr: 0, realizations: 1, method: "exact",
    diagnostics: { currentSpread: s.currentSpread, residual: s.solve.residual, cgIterations: s.solve.iterations, seconds: (performance.now() - t0) / 1000 },
  };
}

/**
 * Solve a validated `resistor-network` problem (MODELS §4).
 *
 * - Disorder: explicit (`lengths`, or `lengthsH` and `lengthsV`; `g1`, `g2`) for one realization,
 *   or drawn from `seed`: realization r from `createRng(seed).fork(r)` in the order of
 *   {@link drawNetworkDisorder} (lengths, then g1, then g2 with g = 1 + u·δg, u uniform in [−1, 1)).
 *   `realizations` defaults to 1.
 * - `thermal`: `deltaT_over_T` = √⟨Var_i T_i⟩_r / ⟨Mean_i T_i⟩_r (population variance over islands),
 *   `meanT` = ⟨Mean_i T_i⟩_r, and with one realization `temperature` per island (2D flat,
 *   row-major). 1D by subtraction-free elimination, 2D by CG with a modified incomplete Cholesky preconditioner.
 * - `charge`: `current` from the left (μ = V) to the right (μ = 0), averaged over realizations,
 *   with `currentStdErr` (standard error of the mean; 0 for one realization). 1D: the series law
 *   V/Σ Γ̃⁻¹ (the Kirchhoff solve is in `diagnostics.kirchhoffCurrent`); 2D: CG, the current across
 *   the column cut of least conductance.
 * - `spreading`: ε = 0 (closed network, Γ = Γ0 e^{−ℓ/a}); `sigmaE` per time = √(Σ_i d_i² ẽ_i(t)) of
 *   the realization-averaged profile ẽ, `times` echoed. A nonzero `epsilon` is refused.
 * - Always `realizations`, `method: "exact"` and `diagnostics` (balance, residuals, CG steps, seconds).
 *
 * @param p - a validated problem (see {@link validateProblem})
 * @returns the result object
 * @throws NessrefError("singular") for a link of zero conductance; ("no-convergence") when CG does
 *   not converge
 *
 * @example
 * ```ts
 * import { solve } from "nessref";
 * const r = await solve({ kind: "resistor-network", dim: 1, mode: "thermal", N: 1000, a: 1, xi: 2,
 *   epsilon: 0.01, kappa0: 1, Gamma0: 5, T0: 1, theta: 1, dg1: 0.05, dg2: 0.05, seed: 7, realizations: 20 });
 * r.deltaT_over_T; // δT/T̄ over the 20 realizations
 * ```
 */
export async function solveResistorNetwork(p: ResistorNetworkProblem): Promise<Result> {
  const t0 = performance.now();
  const m = modelOf(p);
  const explicit = p.lengths !== undefined || p.lengthsH !== undefined;
  if (explicit) {
    const dis: NetworkDisorder = {
      lengths: Float64Array.from(p.dim === 1 ? (p.lengths as number[]) : (p.lengthsH as number[])),
      lengthsV: Float64Array.from(p.dim === 2 ? (p.lengthsV as number[]) : []),
      g1: Float64Array.from(p.g1 ?? []),
      g2: Float64Array.from(p.g2 ?? []),
    };
    return single(p, dis, t0);
  }
  const R = p.realizations ?? 1;
  const seed = p.seed as number;
  if (R === 1) return single(p, drawNetworkDisorder(m, realizationRng(seed, 0)), t0);
  const points = p.mode === "spreading" ? [...(p.times as number[])] : [p.epsilon as number];
  const e = await networkEnsemble({ model: m, points, seed, realizations: R, progress: process.stderr.isTTY ? "resistor-network" : false });
  const diagnostics = { balance: e.balance, cgIterations: e.iterations, seconds: (performance.now() - t0) / 1000 };
  if (p.mode === "thermal") return { deltaT_over_T: e.average[0], meanT: e.secondary[0], realizations: R, method: "exact", diagnostics };
  if (p.mode === "charge") return { current: e.average[0], currentStdErr: e.secondary[0], realizations: R, method: "exact", diagnostics };
  return { sigmaE: Array.from(e.average), times: points, realizations: R, method: "exact", diagnostics };
}
