/**
 * Ensemble tasks of the chain-NESS scenarios (`p1-table1`, `p1-fig8`, `p0-profiles`,
 * `p4-dbeta`): one disorder realization each, run by `runEnsemble` (nessref/analysis) in worker
 * threads. Every task is a pure function of its input: the disorder of realization r is drawn
 * from `createRng(seed).fork(r)` (CONVENTIONS "Randomness"), so the results do not depend on the
 * number of workers. Inputs and outputs are plain structured-clonable objects.
 *
 * A solve that the library refuses (`non-unique-ness`, `no-convergence`) is returned as
 * `failure` instead of thrown, so that a scenario can report how many realizations it lost;
 * any other error rejects the whole ensemble.
 *
 * Also: small statistics helpers shared by these scenarios (mean and standard error, weighted
 * least-squares line).
 *
 * @module
 */
import { NessrefError } from "../../errors.js";
import { fermionChain, heisenbergXzChain, xxzChain } from "../../models/chain.js";
import { chainNess, chainObservables } from "../../open/chainNess.js";
import type { ChainBath } from "../../open/lindblad.js";
import { realizationRng } from "../../analysis/ensemble.js";

/**
 * The URL of this module's compiled file, for `runEnsemble({ module })` (under vitest the `.js`
 * name is mapped to this `.ts` source and run in-process).
 *
 * @example
 * ```ts
 * CHAIN_TASKS.href.endsWith("chainTasks.js"); // true
 * ```
 */
export const CHAIN_TASKS = new URL("./chainTasks.js", import.meta.url);

/**
 * A solve the library refused, with its error code and message.
 *
 * @example
 * ```ts
 * const f: TaskFailure = { code: "no-convergence", message: "GMRES stopped" };
 * ```
 */
export interface TaskFailure {
  /** NessrefError code. */
  code: string;
  /** Its message. */
  message: string;
}

const REFUSALS = new Set(["non-unique-ness", "no-convergence"]);

function attempt<T>(f: () => T): T | TaskFailure {
  try {
    return f();
  } catch (e) {
    if (e instanceof NessrefError && REFUSALS.has(e.code)) return { code: e.code, message: e.message };
    throw e;
  }
}

const isFailure = (x: unknown): x is TaskFailure => typeof x === "object" && x !== null && "code" in x && "message" in x;

/**
 * Input of {@link fermionRealization}: the fermion chain of [P1 §3] (CONVENTIONS §1d) with
 * source/sink baths at sites 1 and L and fields h_x uniform in [−h, h].
 *
 * @example
 * ```ts
 * const inp: FermionInput = { L: 6, J: 1, V: 1, h: 2, rates: [3, 1, 2, 1], seed: "p1/h=2", r: 0 };
 * ```
 */
export interface FermionInput {
  /** sites */ L: number;
  /** hopping */ J: number;
  /** interaction */ V: number;
  /** disorder strength */ h: number;
  /** (γ⁺_1, γ⁻_1, γ⁺_L, γ⁻_L) */ rates: [number, number, number, number];
  /** ensemble seed */ seed: number | string;
  /** realization index */ r: number;
}

/**
 * Output of {@link fermionRealization}.
 *
 * @example
 * ```ts
 * const n1 = (o: FermionOutput) => (o.failure ? NaN : o.density[0]);
 * ```
 */
export interface FermionOutput {
  /** the fields h_x drawn */ fields: number[];
  /** ⟨n_i⟩, L numbers (empty on failure) */ density: number[];
  /** particle current on every bond, L−1 numbers */ current: number[];
  /** ‖𝓛ρ‖/(‖𝓛‖‖ρ‖) */ residualRelative: number;
  /** GMRES applications */ iterations: number;
  /** wall time of the solve, s */ seconds: number;
  /** set when the solver refused this realization */ failure?: TaskFailure;
  /** the solver road that gave the state */ method?: string;
  /** set when the iterative road refused and the dense road was used (with the refusal) */ retried?: string;
}

/**
 * Largest stored dimension C(2L, L) for which a refused iterative solve of the fermion chain is
 * retried on the dense road (L ≤ 6: 924 entries, a dense SVD of a few seconds).
 *
 * @example
 * ```ts
 * DENSE_RETRY_MAX_DIM; // 1000
 * ```
 */
export const DENSE_RETRY_MAX_DIM = 1000;
/** GMRES iteration limit when a dense retry is available (typical solves need 50–1000). */
const RETRY_MAX_ITER = 4000;

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/**
 * One realization of the [P1 §3] fermion chain: draw h_x = rng.uniform(−h, h) for x = 1..L from
 * `createRng(seed).fork(r)`, solve the NESS (ED, U(1) blocks), return ⟨n_i⟩ and the bond currents.
 * When C(2L, L) ≤ {@link DENSE_RETRY_MAX_DIM} (L ≤ 6) and the iterative road refuses
 * (`non-unique-ness` from its two-starts test, or `no-convergence` within 4000 GMRES iterations),
 * the solve is repeated on the dense road (singular values decide uniqueness there).
 *
 * @param inp - chain, rates, disorder, seed and realization
 * @returns densities, currents, diagnostics
 *
 * @example
 * ```ts
 * const o = fermionRealization({ L: 4, J: 1, V: 1, h: 1, rates: [3, 1, 2, 1], seed: 1, r: 0 });
 * o.current[0]; // = 3 − 4 n_1 ([P1])
 * ```
 */
export function fermionRealization(inp: FermionInput): FermionOutput {
  const rng = realizationRng(inp.seed, inp.r);
  const fields = Array.from({ length: inp.L }, () => rng.uniform(-inp.h, inp.h));
  const [gp1, gm1, gpL, gmL] = inp.rates;
  const model = fermionChain({ L: inp.L, J: inp.J, V: inp.V, fields });
  const baths: ChainBath[] = [
    { type: "source-sink", site: 1, gammaPlus: gp1, gammaMinus: gm1 },
    { type: "source-sink", site: inp.L, gammaPlus: gpL, gammaMinus: gmL },
  ];
  const t0 = performance.now();
  const denseOk = binomial(2 * inp.L, inp.L) <= DENSE_RETRY_MAX_DIM;
  let ness = attempt(() => chainNess(model, baths, denseOk ? { maxIter: RETRY_MAX_ITER } : {}));
  let retried: string | undefined;
  if (isFailure(ness) && denseOk) {
    // The iterative road's two-starts test can refuse a slowly mixing chain (strong disorder),
    // or GMRES can stall; the dense road decides uniqueness by singular values instead.
    retried = `dense after ${ness.code}: ${ness.message}`;
    ness = attempt(() => chainNess(model, baths, { method: "dense" }));
  }
  const seconds = (performance.now() - t0) / 1000;
  if (isFailure(ness)) return { fields, density: [], current: [], residualRelative: NaN, iterations: 0, seconds, failure: ness, retried };
  const o = chainObservables(model, ness);
  return {
    fields,
    density: Array.from(o.density!),
    current: Array.from(o.particleCurrent!),
    residualRelative: ness.residualRelative,
    iterations: ness.iterations,
    seconds,
    method: ness.method,
    retried,
  };
}

/**
 * Input of {@link xxzRealization}: the XXZ chain of [P0] (CONVENTIONS §1) with target baths
 * (§1a) on (1, 2) and (L−1, L) and fields uniform in [−W, W]; `flip` negates the fields (the
 * spin-flip partner of the same realization).
 *
 * @example
 * ```ts
 * const inp: XxzInput = { L: 6, J: 1, delta: 1, W: 0.6, betaL: 0.1, betaR: 0.5, mu: 0, seed: "p0", r: 0 };
 * ```
 */
export interface XxzInput {
  /** sites */ L: number;
  /** exchange */ J: number;
  /** anisotropy */ delta: number;
  /** disorder strength (0: clean) */ W: number;
  /** left bath β */ betaL: number;
  /** right bath β */ betaR: number;
  /** both baths' μ */ mu: number;
  /** bath rate Γ (default 1) */ rate?: number;
  /** ensemble seed */ seed: number | string;
  /** realization index */ r: number;
  /** negate the fields */ flip?: boolean;
}

/**
 * Output of {@link xxzRealization}.
 *
 * @example
 * ```ts
 * const jE = (o: XxzOutput) => o.energyCurrent[1];
 * ```
 */
export interface XxzOutput {
  /** fields */ fields: number[];
  /** ⟨s^z_i⟩ */ magnetization: number[];
  /** ⟨e_b⟩ */ bondEnergy: number[];
  /** ⟨j^S_b⟩ */ spinCurrent: number[];
  /** ⟨j^E_i⟩, i = 2..L−1 */ energyCurrent: number[];
  /** ‖𝓛ρ‖/(‖𝓛‖‖ρ‖) */ residualRelative: number;
  /** wall time, s */ seconds: number;
  /** set when the solver refused */ failure?: TaskFailure;
}

/**
 * One realization of the boundary-driven XXZ chain of [P0]: fields from `createRng(seed).fork(r)`,
 * target baths at (β_L, μ) on sites (1, 2) and (β_R, μ) on (L−1, L), NESS by ED.
 *
 * @param inp - chain, baths, disorder, seed and realization
 * @returns profiles and currents
 *
 * @example
 * ```ts
 * const o = xxzRealization({ L: 5, J: 1, delta: 1, W: 0, betaL: 0.1, betaR: 0.5, mu: 0, seed: 1, r: 0 });
 * o.magnetization; // all ≈ 0 (spin-flip symmetry)
 * ```
 */
export function xxzRealization(inp: XxzInput): XxzOutput {
  const rng = realizationRng(inp.seed, inp.r);
  const sign = inp.flip ? -1 : 1;
  const fields = Array.from({ length: inp.L }, () => sign * rng.uniform(-inp.W, inp.W));
  const model = xxzChain({ L: inp.L, J: inp.J, delta: inp.delta, fields });
  const rate = inp.rate ?? 1;
  const baths: ChainBath[] = [
    { type: "target", sites: [1, 2], beta: inp.betaL, mu: inp.mu, rate },
    { type: "target", sites: [inp.L - 1, inp.L], beta: inp.betaR, mu: inp.mu, rate },
  ];
  const t0 = performance.now();
  const ness = attempt(() => chainNess(model, baths));
  const seconds = (performance.now() - t0) / 1000;
  if (isFailure(ness)) {
    return { fields, magnetization: [], bondEnergy: [], spinCurrent: [], energyCurrent: [], residualRelative: NaN, seconds, failure: ness };
  }
  const o = chainObservables(model, ness);
  return {
    fields,
    magnetization: Array.from(o.magnetization),
    bondEnergy: Array.from(o.bondEnergy),
    spinCurrent: Array.from(o.spinCurrent),
    energyCurrent: Array.from(o.energyCurrent),
    residualRelative: ness.residualRelative,
    seconds,
  };
}

/**
 * Input of {@link heisenbergRealization}: the bulk-driven Heisenberg chain of [P4]
 * (CONVENTIONS §3) with ζ^z_i, ζ^x_i uniform in [−1, 1] (first all ζ^z, then all ζ^x, from
 * `createRng(seed).fork(r)`: the same configuration for every ε of one (seed, r), as in [P4]).
 *
 * @example
 * ```ts
 * const inp: HeisenbergInput = { N: 6, h: 1, epsilon: 0.1, seed: "p4/h=1", r: 0 };
 * ```
 */
export interface HeisenbergInput {
  /** sites */ N: number;
  /** field strength */ h: number;
  /** bath coupling ε */ epsilon: number;
  /** ensemble seed */ seed: number | string;
  /** realization index */ r: number;
}

/**
 * Output of {@link heisenbergRealization}.
 *
 * @example
 * ```ts
 * const meanBeta = (o: HeisenbergOutput) => o.beta.reduce((a, b) => a + b, 0) / o.beta.length;
 * ```
 */
export interface HeisenbergOutput {
  /** β_b of every bond (CONVENTIONS §3) */ beta: number[];
  /** ‖𝓛ρ‖/(‖𝓛‖‖ρ‖) */ residualRelative: number;
  /** wall time, s */ seconds: number;
  /** set when the solver refused */ failure?: TaskFailure;
}

/**
 * One realization of the [P4] chain at one ε: NESS by ED (no symmetry) and the local inverse
 * temperatures β_b (global Hilbert–Schmidt minimiser, CONVENTIONS §3).
 *
 * @param inp - N, h, ε, seed and realization
 * @returns the β_b and diagnostics
 *
 * @example
 * ```ts
 * heisenbergRealization({ N: 4, h: 1, epsilon: 0.1, seed: 1, r: 0 }).beta.length; // 3
 * ```
 */
export function heisenbergRealization(inp: HeisenbergInput): HeisenbergOutput {
  const rng = realizationRng(inp.seed, inp.r);
  const zetaZ = Array.from({ length: inp.N }, () => rng.uniform(-1, 1));
  const zetaX = Array.from({ length: inp.N }, () => rng.uniform(-1, 1));
  const model = heisenbergXzChain({ L: inp.N, h: inp.h, zetaZ, zetaX });
  const t0 = performance.now();
  const res = attempt(() => {
    const ness = chainNess(model, [{ type: "bulk-nonthermal", epsilon: inp.epsilon }]);
    return { ness, o: chainObservables(model, ness) };
  });
  const seconds = (performance.now() - t0) / 1000;
  if (isFailure(res)) return { beta: [], residualRelative: NaN, seconds, failure: res };
  return { beta: Array.from(res.o.localBeta!), residualRelative: res.ness.residualRelative, seconds };
}

/**
 * Mean and standard error of the mean (sample standard deviation / √n; 0 for n = 1).
 *
 * @example
 * ```ts
 * meanSe([1, 2, 3]); // { mean: 2, se: 0.577…, sd: 1, n: 3 }
 * ```
 */
export function meanSe(xs: readonly number[]): { mean: number; se: number; sd: number; n: number } {
  const n = xs.length;
  if (n === 0) return { mean: NaN, se: NaN, sd: NaN, n };
  let m = 0;
  for (const x of xs) m += x;
  m /= n;
  let v = 0;
  for (const x of xs) v += (x - m) ** 2;
  const sd = n > 1 ? Math.sqrt(v / (n - 1)) : 0;
  return { mean: m, se: n > 1 ? sd / Math.sqrt(n) : 0, sd, n };
}

/**
 * Weighted least-squares line y = a + b x (weights 1/σ²), with the standard errors of a and b
 * from the covariance (XᵀWX)⁻¹, scaled by √(χ²/(n−2)) when that is > 1 (Birge ratio: errors
 * are not smaller than the scatter of the points says).
 *
 * @example
 * ```ts
 * const f = lineFit([1, 2, 3], [1, 3, 5], [0.1, 0.1, 0.1]); // f.slope = 2, f.intercept = −1
 * ```
 */
export function lineFit(x: readonly number[], y: readonly number[], sigma: readonly number[]): { slope: number; slopeErr: number; intercept: number; interceptErr: number; chi2: number; dof: number } {
  let S = 0, Sx = 0, Sy = 0, Sxx = 0, Sxy = 0;
  for (let i = 0; i < x.length; i++) {
    const w = 1 / (sigma[i] * sigma[i]);
    S += w; Sx += w * x[i]; Sy += w * y[i]; Sxx += w * x[i] * x[i]; Sxy += w * x[i] * y[i];
  }
  const D = S * Sxx - Sx * Sx;
  const slope = (S * Sxy - Sx * Sy) / D;
  const intercept = (Sxx * Sy - Sx * Sxy) / D;
  let chi2 = 0;
  for (let i = 0; i < x.length; i++) chi2 += ((y[i] - intercept - slope * x[i]) / sigma[i]) ** 2;
  const dof = x.length - 2;
  const birge = dof > 0 ? Math.max(1, Math.sqrt(chi2 / dof)) : 1;
  return { slope, slopeErr: Math.sqrt(S / D) * birge, intercept, interceptErr: Math.sqrt(Sxx / D) * birge, chi2, dof };
}

/**
 * How many workers the scenarios use: all cores (`NESSREF_WORKERS` overrides, e.g. `0` for
 * in-process), and the progress option for `runEnsemble`: a stderr line every ~10 % when
 * standard error is not a TTY (on a TTY the reproduce runner's bar shows `ctx.progress`).
 *
 * @example
 * ```ts
 * const { workers, progress } = poolSettings("p1-table1");
 * ```
 */
export function poolSettings(label: string): { workers?: number; progress: string | false } {
  const env = process.env.NESSREF_WORKERS;
  const workers = env !== undefined && env !== "" && Number.isInteger(Number(env)) && Number(env) >= 0 ? Number(env) : undefined;
  return { workers, progress: process.stderr.isTTY ? false : label };
}

/**
 * "mean ± se" with the standard error to 2 significant digits and the mean to the same decimal.
 *
 * @example
 * ```ts
 * pm(0.051234, 0.00312); // "0.0512 ± 0.0031"
 * ```
 */
export function pm(mean: number, se: number): string {
  if (!Number.isFinite(mean)) return "—";
  if (!(se > 0) || !Number.isFinite(se)) return mean.toPrecision(6);
  const d = Math.max(0, 1 - Math.floor(Math.log10(se)));
  return `${mean.toFixed(d)} ± ${se.toFixed(d)}`;
}

/**
 * Integer from an environment variable (≥ 1), or the fallback: the CLI's way to set a
 * scenario's realization count (`nessref reproduce` has no per-scenario options).
 *
 * @example
 * ```ts
 * envCount("NESSREF_P1_TABLE1_REALIZATIONS", 20); // 20 unless the variable is set
 * ```
 */
export function envCount(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new NessrefError("invalid-input", `${name} must be an integer ≥ 1, got '${v}'`, "");
  return n;
}
