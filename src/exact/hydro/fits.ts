/**
 * Exponents of the resistor-network ensembles (MODELS §4, [P4] and its SM), with error bars
 * from resampling whole realizations (the leave-one-realization-out jackknife and the bootstrap
 * over realizations of `nessref/analysis`): a realization's values at all ε (or t) stay together,
 * so the correlations across ε that come from reusing the same realizations for every ε — as
 * [P4] did — are kept in the errors.
 *
 * - z from the open network: δT/T̄ ∝ ε^{d/(2z)} ([P4] eq. (2)), z = d/(2s) with s the slope of
 *   ln(δT/T̄) on ln ε.
 * - z from the closed network: σ_E ∝ t^{1/z} (SM eq. (17)), z = 1/s, s the slope of ln σ_E on ln t.
 * - 1 − α from the charge current: j ∝ ε^{1−α} (SM Fig. 5), the slope of ln⟨j⟩ on ln ε.
 *
 * Slopes are ordinary least squares on the log–log points ({@link fitPowerLaw}; **nessref
 * choice**: the paper does not say how it weighted them).
 *
 * @module
 */
import { NessrefError } from "../../errors.js";
import { bootstrap, fitPowerLaw, jackknife } from "../../analysis/transport.js";
import { ensembleAverages } from "./ensemble.js";

/**
 * A fitted exponent with its resampling errors.
 *
 * @example
 * ```ts
 * import type { ExponentFit } from "nessref/exact";
 * const show = (f: ExponentFit) => `${f.value} ± ${f.jackknifeStdErr}`;
 * ```
 */
export interface ExponentFit {
  /** the exponent (z, or 1 − α) from all realizations */
  value: number;
  /** the log–log slope it comes from */
  slope: number;
  /** leave-one-realization-out jackknife standard error of the exponent */
  jackknifeStdErr: number;
  /** bootstrap-over-realizations standard error of the exponent */
  bootstrapStdErr: number;
  /** 95 % bootstrap percentile interval */
  bootstrapInterval: [number, number];
  /** realizations used */
  realizations: number;
  /** largest |residual| of the log–log fit */
  residualMax: number;
}

/**
 * Options of the exponent fits.
 *
 * @example
 * ```ts
 * import type { ExponentFitOptions } from "nessref/exact";
 * const o: ExponentFitOptions = { bootstrap: 1000, seed: "fig7" };
 * ```
 */
export interface ExponentFitOptions {
  /** bootstrap resamples (default 500) */
  bootstrap?: number;
  /** seed of the resampling (default 0) */
  seed?: number | string;
}

/** Slope of ln |y| on ln x by the library's power-law fit (y = c·x^{−γ}: slope = −γ). */
function logSlope(x: ArrayLike<number>, y: ArrayLike<number>): { slope: number; residualMax: number } {
  const f = fitPowerLaw(x, y);
  return { slope: -f.gamma, residualMax: f.residualMax };
}

function fitExponent(
  x: readonly number[],
  samples: readonly ArrayLike<number>[],
  average: (rows: readonly ArrayLike<number>[]) => ArrayLike<number>,
  exponent: (slope: number) => number,
  opts: ExponentFitOptions,
  who: string,
): ExponentFit {
  if (x.length < 2) throw new NessrefError("invalid-input", `${who}: needs at least 2 points`, "/points");
  for (let k = 0; k < x.length; k++) if (!(x[k] > 0) || !Number.isFinite(x[k])) throw new NessrefError("invalid-input", `${who}: point ${k} = ${x[k]} must be finite and > 0 (it enters as a logarithm)`, `/points/${k}`);
  if (samples.length < 2) throw new NessrefError("invalid-input", `${who}: error bars over realizations need at least 2 realizations, got ${samples.length}`, "/samples");
  const full = logSlope(x, average(samples));
  const est = (rows: readonly ArrayLike<number>[]) => exponent(logSlope(x, average(rows)).slope);
  const jack = jackknife(samples, est);
  const boot = bootstrap(samples, est, { bootstrap: opts.bootstrap ?? 500, seed: opts.seed ?? 0 });
  return {
    value: exponent(full.slope),
    slope: full.slope,
    jackknifeStdErr: jack.stdErr,
    bootstrapStdErr: boot.stdErr,
    bootstrapInterval: boot.interval,
    realizations: samples.length,
    residualMax: full.residualMax,
  };
}

/**
 * z from the open thermal network: δT/T̄ ∝ ε^{d/(2z)} ([P4] eq. (2), Fig. 1; SM Fig. 4), fitted on
 * the realization-averaged δT/T̄ (module description).
 *
 * @param d - dimension 1 or 2
 * @param epsilons - the couplings ε > 0 (at least 2)
 * @param samples - per realization [Mean, Var] per ε (the thermal samples of {@link networkEnsemble})
 * @param opts - bootstrap resamples and seed
 * @returns z with jackknife and bootstrap errors
 * @throws NessrefError("invalid-input") for fewer than 2 points or realizations, ε ≤ 0
 *
 * @example
 * ```ts
 * import { fitThermalExponent, networkEnsemble } from "nessref/exact";
 * const eps = [1e-3, 3e-3, 1e-2, 3e-2];
 * const e = await networkEnsemble({ model: { dim: 1, mode: "thermal", N: 1000, a: 1, xi: 1 / 0.3, Gamma0: 5,
 *   kappa0: 1, T0: 1, theta: 1, dg1: 0.05, dg2: 0.05 }, points: eps, seed: 1, realizations: 100 });
 * fitThermalExponent(1, eps, e.samples).value; // z ≈ 1/α ≈ 3
 * ```
 */
export function fitThermalExponent(d: 1 | 2, epsilons: readonly number[], samples: readonly ArrayLike<number>[], opts: ExponentFitOptions = {}): ExponentFit {
  return fitExponent(epsilons, samples, (rows) => ensembleAverages("thermal", rows).average, (s) => d / (2 * s), opts, "fitThermalExponent");
}

/**
 * z from closed-network spreading: σ_E ∝ t^{1/z} ([P4] SM eq. (17), Fig. 7), fitted on σ_E of the
 * realization-averaged profile.
 *
 * @param times - times t > 0 (at least 2)
 * @param samples - per realization σ_E²(t) (the spreading samples of {@link networkEnsemble})
 * @param opts - bootstrap resamples and seed
 * @returns z with jackknife and bootstrap errors
 * @throws NessrefError("invalid-input") for fewer than 2 times or realizations, t ≤ 0
 *
 * @example
 * ```ts
 * import { fitSpreadingExponent, networkEnsemble } from "nessref/exact";
 * const t = [100, 300, 1000, 3000];
 * const e = await networkEnsemble({ model: { dim: 1, mode: "spreading", N: 1000, a: 1, xi: 1 / 0.3, Gamma0: 5, x0: 500 },
 *   points: t, seed: 1, realizations: 50 });
 * fitSpreadingExponent(t, e.samples).value; // z of the closed network
 * ```
 */
export function fitSpreadingExponent(times: readonly number[], samples: readonly ArrayLike<number>[], opts: ExponentFitOptions = {}): ExponentFit {
  return fitExponent(times, samples, (rows) => ensembleAverages("spreading", rows).average, (s) => 1 / s, opts, "fitSpreadingExponent");
}

/**
 * 1 − α from the charge current: ⟨j⟩ ∝ ε^{1−α} ([P4] eq. (5), SM Fig. 5); the exponent is the
 * slope itself.
 *
 * @param epsilons - the couplings ε > 0 (at least 2)
 * @param samples - per realization the current per ε (the charge samples of {@link networkEnsemble})
 * @param opts - bootstrap resamples and seed
 * @returns 1 − α with jackknife and bootstrap errors
 * @throws NessrefError("invalid-input") for fewer than 2 points or realizations, ε ≤ 0, ⟨j⟩ ≤ 0
 *
 * @example
 * ```ts
 * import { fitCurrentExponent, networkEnsemble } from "nessref/exact";
 * const eps = [1e-4, 1e-3, 1e-2];
 * const e = await networkEnsemble({ model: { dim: 1, mode: "charge", N: 2000, a: 1, xi: 1 / 0.3, Gamma0: 5, sigma0: 1, V: 200 },
 *   points: eps, seed: 1, realizations: 50 });
 * fitCurrentExponent(eps, e.samples).value; // ≈ 1 − α = 0.7 (up to logarithms)
 * ```
 */
export function fitCurrentExponent(epsilons: readonly number[], samples: readonly ArrayLike<number>[], opts: ExponentFitOptions = {}): ExponentFit {
  return fitExponent(epsilons, samples, (rows) => ensembleAverages("charge", rows).average, (s) => s, opts, "fitCurrentExponent");
}
