/**
 * Step profiles of disordered harmonic chains ([P1] §2, Figs. 1–5; MODELS §5; CONVENTIONS §5):
 * the step metrics of Fig. 3, the default potential distribution, profile statistics, and
 * seeded disorder ensembles of λ → 0 or finite-λ profiles on the worker pool.
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import type { Rng } from "./random.js";
import { runEnsemble } from "./ensemble.js";

/**
 * Width and midpoint of a temperature step ([P1] Fig. 3, MODELS §5).
 *
 * @example
 * ```ts
 * import type { TemperatureStep } from "nessref/analysis";
 * const s: TemperatureStep = { width: 3, midpoint: 50 };
 * ```
 */
export interface TemperatureStep {
  /** w = x₊ − x₋ + 1 (0 for a step sharper than one site) */ width: number;
  /** m = (x₊ + x₋)/2, in 1-based site labels */ midpoint: number;
}

/**
 * The step metrics of [P1] Fig. 3 (MODELS §5): for T_L > T_1, x₋ is the first site with
 * T(x) > T_1 + 0.3(T_L − T_1) and x₊ the last site with T(x) < T_L − 0.3(T_L − T_1); w = x₊ − x₋ + 1,
 * m = (x₊ + x₋)/2. For T_L < T_1 the same definition is applied to −T (the inequalities reverse),
 * so that mirroring the chain and swapping the baths mirrors m and keeps w.
 *
 * Whenever both sites exist, w ≥ 0: a site before x₋ is below the 0.3 level and a site after x₊
 * is above the 0.7 level, so no site lies strictly between x₊ and x₋ − 1. w = 0 means the profile
 * jumps from below 0.3 to above 0.7 between two neighbouring sites.
 *
 * @param temperature - T(x), x = 1..L (index 0 = site 1)
 * @param T1 - temperature of the bath at site 1
 * @param TL - temperature of the bath at site L
 * @returns the metrics, or `null` when they are undefined (T_1 = T_L, or no site crosses one
 *   of the two levels)
 * @throws NessrefError("invalid-input") for a non-finite temperature or an empty profile
 *
 * @example
 * ```ts
 * import { temperatureStep } from "nessref/analysis";
 * temperatureStep([1, 1, 1.5, 2, 2], 1, 2); // { width: 1, midpoint: 3 }
 * temperatureStep([1, 1, 1], 1, 1);         // null
 * ```
 */
export function temperatureStep(temperature: ArrayLike<number>, T1: number, TL: number): TemperatureStep | null {
  const n = temperature.length;
  if (n === 0) throw new NessrefError("invalid-input", "temperatureStep: empty profile", "/temperature");
  if (!Number.isFinite(T1) || !Number.isFinite(TL)) throw new NessrefError("invalid-input", "temperatureStep: bath temperatures must be finite", "/T");
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(temperature[i]!)) throw new NessrefError("invalid-input", `temperatureStep: T(${i + 1}) is not finite`, `/temperature/${i}`);
  }
  if (T1 === TL) return null;
  const s = TL > T1 ? 1 : -1; // work with s·T, for which the step rises
  const dT = s * (TL - T1);
  const low = s * T1 + 0.3 * dT, high = s * TL - 0.3 * dT;
  let xm = -1, xp = -1;
  for (let i = 0; i < n; i++) if (s * temperature[i]! > low) { xm = i + 1; break; }
  for (let i = n - 1; i >= 0; i--) if (s * temperature[i]! < high) { xp = i + 1; break; }
  if (xm < 0 || xp < 0) return null;
  return { width: xp - xm + 1, midpoint: (xp + xm) / 2 };
}

/**
 * On-site potentials V_x drawn independently and uniformly from [vMin, vMax] (MODELS §5), in
 * site order from the given generator: V_x = rng.uniform(vMin, vMax), x = 1..L. The kind
 * `harmonic-chain` draws with `createRng(seed)`; ensemble realization r with
 * `realizationRng(seed, r)`.
 *
 * @param rng - the library's seeded generator
 * @param L - number of sites (integer ≥ 1)
 * @param vMin - lower end, > 0
 * @param vMax - upper end, ≥ vMin
 * @returns the L potentials
 * @throws NessrefError("invalid-input") for L < 1, vMin ≤ 0, vMax < vMin or non-finite bounds
 *
 * @example
 * ```ts
 * import { createRng, uniformPotentials } from "nessref/analysis";
 * const V = uniformPotentials(createRng(7), 100, 1, 2); // 100 numbers in [1, 2) (2 only by rounding)
 * ```
 */
export function uniformPotentials(rng: Rng, L: number, vMin: number, vMax: number): Float64Array {
  if (!Number.isInteger(L) || L < 1) throw new NessrefError("invalid-input", `uniformPotentials: L must be an integer ≥ 1; got ${L}`, "/L");
  if (!Number.isFinite(vMin) || !(vMin > 0)) throw new NessrefError("invalid-input", `uniformPotentials: vMin must be finite and > 0; got ${vMin}`, "/vMin");
  if (!Number.isFinite(vMax) || vMax < vMin) throw new NessrefError("invalid-input", `uniformPotentials: vMax must be finite and ≥ vMin; got ${vMax}`, "/vMax");
  const V = new Float64Array(L);
  for (let i = 0; i < L; i++) V[i] = vMin === vMax ? vMin : rng.uniform(vMin, vMax);
  return V;
}

/**
 * Site-by-site mean, sample standard deviation and standard error of the mean of a set of
 * profiles of equal length.
 *
 * @example
 * ```ts
 * import type { ProfileStatistics } from "nessref/analysis";
 * const s: ProfileStatistics = { mean: [1.5], sd: [0.7], stdError: [0.5], count: 2 };
 * ```
 */
export interface ProfileStatistics {
  /** mean over profiles, per site */ mean: number[];
  /** sample standard deviation (n − 1), per site; 0 for a single profile */ sd: number[];
  /** standard error of the mean sd/√n, per site */ stdError: number[];
  /** number of profiles */ count: number;
}

/**
 * Site-by-site mean and standard error of profiles (e.g. the kinetic temperatures of an
 * ensemble of disorder realizations, [P1] Fig. 4). Two-pass (mean, then squared deviations),
 * summed in input order, so the result does not depend on how the profiles were computed.
 *
 * @param profiles - at least one profile; all of the same length
 * @returns mean, sd and standard error per site
 * @throws NessrefError("invalid-input") for no profiles, unequal lengths or non-finite entries
 *
 * @example
 * ```ts
 * import { profileStatistics } from "nessref/analysis";
 * const s = profileStatistics([[1, 2], [2, 4]]);
 * s.mean;     // [1.5, 3]
 * s.stdError; // [0.5, 1]
 * ```
 */
export function profileStatistics(profiles: readonly ArrayLike<number>[]): ProfileStatistics {
  const n = profiles.length;
  if (n === 0) throw new NessrefError("invalid-input", "profileStatistics: no profiles", "/profiles");
  const L = profiles[0]!.length;
  const mean = new Array<number>(L).fill(0), sd = new Array<number>(L).fill(0);
  profiles.forEach((p, k) => {
    if (p.length !== L) throw new NessrefError("invalid-input", `profileStatistics: profile ${k} has length ${p.length}, expected ${L}`, `/profiles/${k}`);
    for (let i = 0; i < L; i++) {
      if (!Number.isFinite(p[i]!)) throw new NessrefError("invalid-input", `profileStatistics: profile ${k} has a non-finite entry at site ${i + 1}`, `/profiles/${k}/${i}`);
      mean[i]! += p[i]!;
    }
  });
  for (let i = 0; i < L; i++) mean[i] = mean[i]! / n;
  for (const p of profiles) for (let i = 0; i < L; i++) sd[i]! += (p[i]! - mean[i]!) ** 2;
  for (let i = 0; i < L; i++) sd[i] = n > 1 ? Math.sqrt(sd[i]! / (n - 1)) : 0;
  return { mean, sd, stdError: sd.map((s) => s / Math.sqrt(n)), count: n };
}

/**
 * A seeded disorder ensemble of harmonic chains with baths at sites 1 and L ([P1] Figs. 3–4).
 *
 * @example
 * ```ts
 * import type { HarmonicEnsembleOptions } from "nessref/analysis";
 * const o: HarmonicEnsembleOptions = { L: 100, g: 0.1, vMin: 1, vMax: 2, T1: 1, TL: 2,
 *   lambda: 0, realizations: 1000, seed: "p1-fig3" };
 * ```
 */
export interface HarmonicEnsembleOptions {
  /** number of sites, ≥ 2 */ L: number;
  /** coupling g > 0 */ g: number;
  /** potentials uniform on [vMin, vMax], vMin > 0 */ vMin: number;
  /** upper end of the potential distribution */ vMax: number;
  /** temperature of the bath at site 1 */ T1: number;
  /** temperature of the bath at site L */ TL: number;
  /** friction λ ≥ 0; 0 = the λ → 0 formula [P1] eq. (2.9) */ lambda: number;
  /** number of realizations (≥ 1); realization r uses `realizationRng(seed, r)` */ realizations: number;
  /** the ensemble's seed */ seed: number | string;
  /**
   * worker threads (0 = in-process). Default: in-process when the estimated work is below about a
   * second (`HARMONIC_POOL_FROM_SECONDS`: thread start-up, module import and each thread's cold JIT
   * then cost more than the pool saves), else as {@link runEnsemble}. The numbers are the same
   * either way.
   */
  workers?: number;
  /** progress on standard error: `true` or a label */ progress?: boolean | string;
  /** realizations per task (default 10; any value gives the same numbers) */ batch?: number;
  /** called after every finished batch with (realizations done — batches × batch size, capped — and the total) */ onProgress?: (done: number, total: number) => void;
  /** aborting it cancels the run (rejects with code `resource-limit`) */ signal?: AbortSignal;
}

/**
 * One realization of a harmonic ensemble: the profile and its step metrics, or the reason the
 * library refused it.
 *
 * @example
 * ```ts
 * import type { HarmonicRealization } from "nessref/analysis";
 * const r: HarmonicRealization = { r: 0, temperature: [1, 1.5, 2], step: { width: 1, midpoint: 2 } };
 * ```
 */
export interface HarmonicRealization {
  /** realization index */ r: number;
  /** T(x), x = 1..L (absent when refused) */ temperature?: number[];
  /** step metrics, `null` when undefined (absent when refused) */ step?: TemperatureStep | null;
  /** heat current into the system from the bath at site 1 (finite λ), or lim J/λ (λ = 0) */ current?: number;
  /** the refusal: NessrefError code and message */ failure?: {
    /** NessrefError code */ code: string;
    /** its message */ message: string;
  };
}

/**
 * The result of {@link harmonicEnsemble}.
 *
 * @example
 * ```ts
 * import type { HarmonicEnsembleResult } from "nessref/analysis";
 * // see harmonicEnsemble
 * ```
 */
export interface HarmonicEnsembleResult {
  /** every realization, in index order */ realizations: HarmonicRealization[];
  /** site-by-site statistics of the profiles that were not refused */ profile: ProfileStatistics | null;
  /** mean and standard error of w over realizations with a defined step */ width: {
    /** mean of w */ mean: number;
    /** its standard error */ stdError: number;
    /** realizations with a defined step */ count: number;
  } | null;
  /** mean, standard deviation (the midpoint spread) and its standard error of m */ midpoint: {
    /** mean of m */ mean: number;
    /** sample standard deviation of m over realizations */ spread: number;
    /** its standard error sd/√(2(n − 1)) */ spreadError: number;
    /** realizations with a defined step */ count: number;
  } | null;
  /** realizations refused by the solver */ failures: number;
}

/**
 * Run a seeded disorder ensemble of harmonic chains ([P1] §2, Figs. 3–4): realization r draws
 * V_x uniform on [vMin, vMax] from `realizationRng(seed, r)`, solves the λ → 0 profile
 * (`harmonicWeakCoupling` of nessref/exact) or the finite-λ NESS (`harmonicNess`) with baths
 * (1, T1) and (L, TL), and records T(x) and the step metrics. Realizations run in batches on
 * the worker pool ({@link runEnsemble}); the numbers are identical for any number of workers
 * and any batch size. A realization the solver refuses (`singular`, `non-unique-ness`) is
 * counted in `failures`, not dropped silently; any other error rejects.
 *
 * The midpoint spread is the sample standard deviation of m over realizations; its standard
 * error is sd/√(2(n − 1)) (normal approximation).
 *
 * @param opts - the ensemble
 * @returns profiles, statistics and per-realization step metrics
 * @throws NessrefError("invalid-input") for bad options
 *
 * @example
 * ```ts
 * import { harmonicEnsemble } from "nessref/analysis";
 * const e = await harmonicEnsemble({ L: 50, g: 0.1, vMin: 1, vMax: 2, T1: 1, TL: 2, lambda: 0,
 *   realizations: 100, seed: 1 });
 * e.width?.mean; // mean step width over the 100 realizations
 * ```
 */
export async function harmonicEnsemble(opts: HarmonicEnsembleOptions): Promise<HarmonicEnsembleResult> {
  const { L, g, vMin, vMax, T1, TL, lambda, realizations } = opts;
  if (!Number.isInteger(L) || L < 2) throw new NessrefError("invalid-input", `harmonicEnsemble: L must be an integer ≥ 2; got ${L}`, "/L");
  if (!Number.isFinite(g) || !(g > 0)) throw new NessrefError("invalid-input", `harmonicEnsemble: g must be finite and > 0; got ${g}`, "/g");
  if (!Number.isFinite(lambda) || lambda < 0) throw new NessrefError("invalid-input", `harmonicEnsemble: lambda must be finite and ≥ 0; got ${lambda}`, "/lambda");
  if (!Number.isFinite(T1) || T1 < 0 || !Number.isFinite(TL) || TL < 0) throw new NessrefError("invalid-input", "harmonicEnsemble: bath temperatures must be finite and ≥ 0", "/T1");
  if (!Number.isInteger(realizations) || realizations < 1) throw new NessrefError("invalid-input", `harmonicEnsemble: realizations must be an integer ≥ 1; got ${realizations}`, "/realizations");
  const batch = opts.batch ?? 10;
  if (!Number.isInteger(batch) || batch < 1) throw new NessrefError("invalid-input", `harmonicEnsemble: batch must be an integer ≥ 1; got ${batch}`, "/batch");
  // validate the distribution once here (a worker would report it per task)
  if (!Number.isFinite(vMin) || !(vMin > 0) || !Number.isFinite(vMax) || vMax < vMin) throw new NessrefError("invalid-input", `harmonicEnsemble: need 0 < vMin ≤ vMax; got [${vMin}, ${vMax}]`, "/vMin");
  const inputs: HarmonicBatchInput[] = [];
  for (let r0 = 0; r0 < realizations; r0 += batch) {
    inputs.push({ L, g, vMin, vMax, T1, TL, lambda, seed: opts.seed, rStart: r0, count: Math.min(batch, realizations - r0) });
  }
  // estimated single-thread work: ≈ 0.07 µs·L² per λ → 0 realization (O(L²) road), ≈ 0.01 µs·(2L)³
  // per finite-λ one (dense 2L×2L eigenproblem), measured on the 2-core reference machine
  const work = realizations * (lambda === 0 ? 7e-8 * L * L : 1e-8 * (2 * L) ** 3);
  const workers = opts.workers ?? (work < HARMONIC_POOL_FROM_SECONDS ? 0 : undefined);
  const out = await runEnsemble<HarmonicBatchInput, HarmonicRealization[]>({
    module: new URL("./harmonicTasks.js", import.meta.url),
    task: "harmonicBatch",
    inputs,
    ...(workers !== undefined ? { workers } : {}),
    ...(opts.progress !== undefined ? { progress: opts.progress } : {}),
    ...(opts.signal !== undefined ? { signal: opts.signal } : {}),
    ...(opts.onProgress !== undefined
      ? { onProgress: (done: number) => opts.onProgress!(Math.min(realizations, done * batch), realizations) }
      : {}),
  });
  const all = out.flat();
  const ok = all.filter((x) => x.temperature !== undefined);
  const steps = ok.map((x) => x.step).filter((s): s is TemperatureStep => s !== null && s !== undefined);
  const profile = ok.length > 0 ? profileStatistics(ok.map((x) => x.temperature!)) : null;
  let width: HarmonicEnsembleResult["width"] = null, midpoint: HarmonicEnsembleResult["midpoint"] = null;
  if (steps.length > 0) {
    const n = steps.length;
    const w = profileStatistics(steps.map((s) => [s.width]));
    const m = profileStatistics(steps.map((s) => [s.midpoint]));
    width = { mean: w.mean[0]!, stdError: w.stdError[0]!, count: n };
    midpoint = { mean: m.mean[0]!, spread: m.sd[0]!, spreadError: n > 1 ? m.sd[0]! / Math.sqrt(2 * (n - 1)) : 0, count: n };
  }
  return { realizations: all, profile, width, midpoint, failures: all.length - ok.length };
}

/**
 * Below this estimated single-thread work (seconds) {@link harmonicEnsemble} runs in-process by
 * default: on the 2-core reference machine a 1000-realization λ → 0 ensemble at L = 100 (≈ 0.65 s
 * of work) took 0.65 s in-process and 0.79 s on a two-thread pool (bench/harmonic).
 *
 * @example
 * ```ts
 * import { HARMONIC_POOL_FROM_SECONDS } from "nessref/analysis";
 * HARMONIC_POOL_FROM_SECONDS; // 1.5
 * ```
 */
export const HARMONIC_POOL_FROM_SECONDS = 1.5;

/**
 * Input of one batch task of {@link harmonicEnsemble} (module `harmonicTasks`).
 *
 * @example
 * ```ts
 * import type { HarmonicBatchInput } from "nessref/analysis";
 * const b: HarmonicBatchInput = { L: 100, g: 0.1, vMin: 1, vMax: 2, T1: 1, TL: 2, lambda: 0,
 *   seed: 1, rStart: 0, count: 10 };
 * ```
 */
export interface HarmonicBatchInput {
  /** sites */ L: number;
  /** coupling */ g: number;
  /** potential range */ vMin: number;
  /** potential range */ vMax: number;
  /** bath at site 1 */ T1: number;
  /** bath at site L */ TL: number;
  /** friction (0 = λ → 0) */ lambda: number;
  /** ensemble seed */ seed: number | string;
  /** first realization index */ rStart: number;
  /** realizations in this batch */ count: number;
}
