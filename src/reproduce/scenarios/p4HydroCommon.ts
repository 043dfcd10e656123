/**
 * Shared pieces of the [P4] resistor-network scenarios (MODELS §4, CONVENTIONS §4): the paper's
 * parameters, the ensemble runner on the worker pool, jackknife error bars of the averages.
 *
 * @module
 */
import { networkEnsemble, type NetworkEnsembleResult, type NetworkModel } from "../../exact/hydro/index.js";
import type { ScenarioContext } from "../types.js";
import { poolSettings } from "./chainTasks.js";

/**
 * The parameters of [P4] Fig. 1 and SM Figs. 4, 7: κ0 = 1, aΓ0 = 5 (a = 1), T0 = 1, θ = T0,
 * δg1 = δg2 = 0.05.
 *
 * @param dim - 1 or 2
 * @param N - islands (1D) or side (2D)
 * @param alpha - α = a/ξ
 * @returns the thermal model
 *
 * @example
 * ```ts
 * p4ThermalModel(1, 1000, 0.3).xi; // 1/0.3
 * ```
 */
export function p4ThermalModel(dim: 1 | 2, N: number, alpha: number): NetworkModel {
  return { dim, mode: "thermal", N, a: 1, xi: 1 / alpha, Gamma0: 5, kappa0: 1, T0: 1, theta: 1, dg1: 0.05, dg2: 0.05 };
}

/**
 * Run one ensemble of a scenario with the pool settings of `NESSREF_WORKERS` and a progress
 * label; cancellation through the context.
 *
 * @param model - the network model
 * @param points - ε or t
 * @param seed - ensemble seed
 * @param R - realizations
 * @param label - progress label
 * @param ctx - the scenario context
 * @returns the ensemble
 *
 * @example
 * ```ts
 * const e = await hydroEnsemble(p4ThermalModel(1, 1000, 0.3), [1e-3, 1e-2], "p4-fig1-a0.3", 500, "fig1", ctx);
 * ```
 */
export async function hydroEnsemble(model: NetworkModel, points: number[], seed: string, R: number, label: string, ctx: ScenarioContext): Promise<NetworkEnsembleResult> {
  const { workers, progress } = poolSettings(label);
  return networkEnsemble({
    model, points, seed, realizations: R,
    ...(workers !== undefined ? { workers } : {}),
    progress,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
}

/**
 * Leave-one-realization-out jackknife standard errors of the ensemble averages at every point
 * (δT/T̄ in thermal mode, σ_E in spreading mode — ratios and square roots of means, for which
 * the jackknife is the right tool; for ⟨j⟩ it is the standard error of the mean).
 *
 * @param mode - thermal, charge or spreading
 * @param samples - per realization, as in {@link networkEnsemble}
 * @returns one standard error per point
 *
 * @example
 * ```ts
 * const se = jackknifeErrors("thermal", e.samples);
 * ```
 */
export function jackknifeErrors(mode: NetworkModel["mode"], samples: readonly ArrayLike<number>[]): number[] {
  const R = samples.length;
  const len = samples[0].length;
  const sum = new Float64Array(len);
  for (const s of samples) for (let k = 0; k < len; k++) sum[k] += s[k];
  const value = (acc: (k: number) => number, k: number): number => {
    if (mode === "thermal") return Math.sqrt(acc(2 * k + 1)) / acc(2 * k);
    if (mode === "spreading") return Math.sqrt(acc(k));
    return acc(k);
  };
  const n = mode === "thermal" ? len / 2 : len;
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const loo = samples.map((s) => value((i) => (sum[i] - s[i]) / (R - 1), k));
    const m = loo.reduce((a, b) => a + b, 0) / R;
    out.push(Math.sqrt(((R - 1) / R) * loo.reduce((a, b) => a + (b - m) ** 2, 0)));
  }
  return out;
}

/**
 * Log-spaced points from 10^lo to 10^hi with `perDecade` points per decade (1, 2, 5 pattern
 * when perDecade = 3).
 *
 * @param lo - first decade exponent
 * @param hi - last decade exponent (included)
 * @returns the points
 *
 * @example
 * ```ts
 * decadePoints(-3, -1); // [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1]
 * ```
 */
export function decadePoints(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let d = lo; d < hi; d++) for (const m of [1, 2, 5]) out.push(Number((m * 10 ** d).toPrecision(6)));
  out.push(Number((10 ** hi).toPrecision(6)));
  return out;
}
