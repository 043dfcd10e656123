/**
 * Seeded disorder ensembles of resistor networks (MODELS §4) on the worker pool of
 * `nessref/analysis`, and their realization averages: δT/T̄ = √⟨Var_i T_i⟩_r / ⟨Mean_i T_i⟩_r
 * (thermal), ⟨j⟩_r (charge), σ_E = √(Σ_i d_i² ẽ_i(t)) = √⟨σ_E²⟩_r with ẽ the realization-averaged
 * profile (spreading; the second moment is linear in e, so averaging it is averaging ẽ).
 *
 * @module
 */
import { NessrefError } from "../../errors.js";
import { runEnsemble } from "../../analysis/ensemble.js";
import type { NetworkBatchInput, NetworkModel, NetworkRealizationResult } from "./realization.js";

/**
 * Options of {@link networkEnsemble}.
 *
 * @example
 * ```ts
 * import type { NetworkEnsembleOptions } from "nessref/exact";
 * const o: NetworkEnsembleOptions = {
 *   model: { dim: 1, mode: "thermal", N: 1000, a: 1, xi: 1 / 0.3, Gamma0: 5, kappa0: 1, T0: 1, theta: 1, dg1: 0.05, dg2: 0.05 },
 *   points: [1e-3, 1e-2, 1e-1], seed: "fig1", realizations: 500,
 * };
 * ```
 */
export interface NetworkEnsembleOptions {
  /** the network model */
  model: NetworkModel;
  /** the couplings ε (thermal, charge) or the times t (spreading) */
  points: number[];
  /** ensemble seed: realization r draws from `createRng(seed).fork(r)` */
  seed: number | string;
  /** number of realizations ≥ 1 */
  realizations: number;
  /** worker threads (default: in-process below ≈ 1.5 s of estimated work, else all cores) */
  workers?: number;
  /** realizations per task (default chosen from the estimated work, ≥ 1) */
  batch?: number;
  /** progress on standard error (label) */
  progress?: boolean | string;
  /** called with (realizations done, total) */
  onProgress?: (done: number, total: number) => void;
  /** cancels the run (`resource-limit`) */
  signal?: AbortSignal;
}

/**
 * Result of {@link networkEnsemble}.
 *
 * @example
 * ```ts
 * import type { NetworkEnsembleResult } from "nessref/exact";
 * const show = (e: NetworkEnsembleResult) => e.average;
 * ```
 */
export interface NetworkEnsembleResult {
  /** the points (ε or t) */
  points: number[];
  /** per realization, as {@link NetworkRealizationResult.values} */
  samples: Float64Array[];
  /** thermal: δT/T̄ per ε; charge: ⟨j⟩ per ε; spreading: σ_E(t) */
  average: Float64Array;
  /** thermal: ⟨Mean_i T_i⟩ per ε; charge: standard error of ⟨j⟩; spreading: ⟨σ_E²⟩ */
  secondary: Float64Array;
  /** worst balance over realizations (see {@link NetworkRealizationResult.balance}) */
  balance: number;
  /** largest CG iteration count (2D) */
  iterations: number;
  /** wall time, seconds */
  seconds: number;
}

/**
 * The realization averages of {@link ensembleAverages}.
 *
 * @example
 * ```ts
 * import type { EnsembleAverages } from "nessref/exact";
 * const show = (a: EnsembleAverages) => a.average[0];
 * ```
 */
export interface EnsembleAverages {
  /** thermal: δT/T̄ per ε; charge: ⟨j⟩ per ε; spreading: σ_E(t) */
  average: Float64Array;
  /** thermal: ⟨Mean_i T_i⟩ per ε; charge: standard error of ⟨j⟩; spreading: ⟨σ_E²⟩ */
  secondary: Float64Array;
}

/**
 * Realization averages of an ensemble's samples (the definitions of the module description).
 *
 * @param mode - thermal, charge or spreading
 * @param samples - per realization, as {@link NetworkRealizationResult.values}
 * @returns the average and the secondary statistic of {@link NetworkEnsembleResult}
 *
 * @example
 * ```ts
 * import { ensembleAverages } from "nessref/exact";
 * ensembleAverages("thermal", [Float64Array.of(2, 0.01), Float64Array.of(2, 0.03)]).average; // [√0.02/2]
 * ```
 */
export function ensembleAverages(mode: NetworkModel["mode"], samples: readonly ArrayLike<number>[]): EnsembleAverages {
  const R = samples.length;
  if (R < 1) throw new NessrefError("invalid-input", "ensembleAverages: needs at least one realization", "/samples");
  const len = samples[0].length;
  const sum = new Float64Array(len);
  for (const s of samples) for (let k = 0; k < len; k++) sum[k] += s[k];
  if (mode === "thermal") {
    const n = len / 2;
    const average = new Float64Array(n), secondary = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      secondary[k] = sum[2 * k] / R;
      average[k] = Math.sqrt(sum[2 * k + 1] / R) / secondary[k];
    }
    return { average, secondary };
  }
  if (mode === "charge") {
    const average = sum.map((v) => v / R);
    const secondary = new Float64Array(len);
    if (R > 1) {
      for (let k = 0; k < len; k++) {
        let v = 0;
        for (const s of samples) v += (s[k] - average[k]) ** 2;
        secondary[k] = Math.sqrt(v / (R - 1) / R);
      }
    }
    return { average, secondary };
  }
  const secondary = sum.map((v) => v / R);
  return { average: secondary.map(Math.sqrt), secondary };
}

/**
 * A seeded ensemble of resistor networks (MODELS §4): `realizations` realizations drawn as in
 * {@link drawNetworkDisorder}, each solved at every point (the same realizations for every ε), on
 * the worker pool of `nessref/analysis` (results do not depend on the number of workers).
 *
 * @param o - model, points, seed, realizations, pool options
 * @returns the per-realization samples, the averages, balance and timing
 * @throws NessrefError("invalid-input") for bad options; the solvers' errors, prefixed by the
 *   realization index
 *
 * @example
 * ```ts
 * import { networkEnsemble } from "nessref/exact";
 * const e = await networkEnsemble({
 *   model: { dim: 1, mode: "thermal", N: 1000, a: 1, xi: 1 / 0.3, Gamma0: 5, kappa0: 1, T0: 1, theta: 1, dg1: 0.05, dg2: 0.05 },
 *   points: [1e-3, 1e-2, 1e-1], seed: "fig1", realizations: 100 });
 * e.average; // δT/T̄ at the three ε
 * ```
 */
export async function networkEnsemble(o: NetworkEnsembleOptions): Promise<NetworkEnsembleResult> {
  const t0 = performance.now();
  const R = o.realizations;
  if (!Number.isInteger(R) || R < 1) throw new NessrefError("invalid-input", `networkEnsemble: realizations must be an integer ≥ 1, got ${R}`, "/realizations");
  if (!Array.isArray(o.points) || o.points.length < 1) throw new NessrefError("invalid-input", "networkEnsemble: needs at least one point (ε or t)", "/points");
  const m = o.model;
  const islands = m.dim === 1 ? m.N : m.N * m.N;
  // estimated single-thread seconds per realization and point (measured on the 2-core machine)
  // (1D thermal N = 1000: 0.05 ms; 2D N = 100: 0.02–0.3 s per CG solve; spreading: 0.3 ms per time
  // at N = 1000 in 1D, 0.1 s at N = 30 and 3.3 s at N = 100 in 2D)
  const perPoint = m.mode === "spreading"
    ? (m.dim === 1 ? 3e-7 * islands : 3.3e-8 * islands * m.N * m.N + 1e-4)
    : (m.dim === 1 ? 6e-8 * islands : 1.5e-7 * islands * m.N);
  const work = R * o.points.length * perPoint;
  const batch = o.batch ?? Math.max(1, Math.min(50, Math.ceil(0.05 / Math.max(perPoint * o.points.length, 1e-9))));
  if (!Number.isInteger(batch) || batch < 1) throw new NessrefError("invalid-input", `networkEnsemble: batch must be an integer ≥ 1, got ${batch}`, "/batch");
  const inputs: NetworkBatchInput[] = [];
  for (let r0 = 0; r0 < R; r0 += batch) inputs.push({ model: m, points: o.points, seed: o.seed, rStart: r0, count: Math.min(batch, R - r0) });
  const workers = o.workers ?? (work < 1.5 ? 0 : undefined);
  const out = await runEnsemble<NetworkBatchInput, NetworkRealizationResult[]>({
    module: new URL("./realization.js", import.meta.url),
    task: "networkBatch",
    inputs,
    ...(workers !== undefined ? { workers } : {}),
    ...(o.progress !== undefined ? { progress: o.progress } : {}),
    ...(o.signal !== undefined ? { signal: o.signal } : {}),
    ...(o.onProgress !== undefined ? { onProgress: (done: number) => o.onProgress!(Math.min(R, done * batch), R) } : {}),
  });
  const all = out.flat();
  const samples = all.map((x) => x.values);
  const { average, secondary } = ensembleAverages(m.mode, samples);
  return {
    points: [...o.points],
    samples,
    average,
    secondary,
    balance: all.reduce((a, x) => Math.max(a, x.balance), 0),
    iterations: all.reduce((a, x) => Math.max(a, x.iterations), 0),
    seconds: (performance.now() - t0) / 1000,
  };
}

