/**
 * Lindblad TEBD (CONVENTIONS §1–§3, §9): the density matrix as a real MPS in the Pauli basis
 * ({@link OperatorMps}), evolved by e^{𝓛t} with 𝓛 = Σ_b 𝓛_b split into two-site superoperators,
 * until its currents are stationary.
 *
 * 𝓛_b = −i[e_b, ·] + the local dissipators assigned to bond b: a two-site dissipator (a target bath
 * of §1a on (a, a+1), the two-site operators of §3) to bond a; a one-site dissipator (§1b, §1c, L^z
 * of §3) on site s to bond min(s, L − 1). So Σ_b 𝓛_b = 𝓛 exactly, and each 𝓛_b is a real 16×16
 * matrix in the two-site Pauli basis, M_{γδ} = Tr(P_γ 𝓛_b(P_δ)) (real because 𝓛_b maps Hermitian
 * operators to Hermitian ones). The gates e^{cτM_b} follow the Trotter–Suzuki schedule of
 * {@link trotterLayers}; a layer sweeps its bonds in the direction of the orthogonality centre, so
 * the canonical form is exact before every update.
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { complexMatrix, realMatrix, type ComplexMatrix } from "../linalg/matrix.js";
import { ckron, cmatmul, cmatmulAdjointLeft, cmatmulAdjointRight } from "../linalg/dense.js";
import { expm } from "../linalg/expm.js";
import { complexIdentity } from "../linalg/matrix.js";
import { energyCurrentOperator, type ChainModel } from "../models/chain.js";
import { spin } from "../quantum/spin.js";
import { localInverseTemperature } from "../analysis/localTemperature.js";
import { changesMagnetization, type LocalDissipator } from "../open/lindblad.js";
import { applyOperatorGate, identityOperatorMps, moveCenter, operatorReduced, traceEnvironments, type OperatorMps } from "./operator.js";
import { checkEvolution, stepsFor, trotterLayers, type TrotterLayer } from "./trotter.js";
import { checkTruncation, newTruncationStats, type Truncation, type TruncationStats } from "./truncate.js";

/** Y = 𝓛_b(X) for a 4×4 operator X on the sites of bond b. */
function applyBond(h: ComplexMatrix, ds: readonly { ops: ComplexMatrix[]; reset: { target: ComplexMatrix; rate: number }[] }[], X: ComplexMatrix): ComplexMatrix {
  const Y = complexMatrix(4, 4);
  const hX = cmatmul(h, X), Xh = cmatmul(X, h);
  for (let k = 0; k < 16; k++) {
    // −i(hX − Xh)
    Y.re[k] = hX.im[k] - Xh.im[k];
    Y.im[k] = -(hX.re[k] - Xh.re[k]);
  }
  for (const d of ds) {
    for (const Lk of d.ops) {
      const LXLd = cmatmulAdjointRight(cmatmul(Lk, X), Lk);
      const LdL = cmatmulAdjointLeft(Lk, Lk);
      const a = cmatmul(LdL, X), b = cmatmul(X, LdL);
      for (let k = 0; k < 16; k++) {
        Y.re[k] += LXLd.re[k] - 0.5 * (a.re[k] + b.re[k]);
        Y.im[k] += LXLd.im[k] - 0.5 * (a.im[k] + b.im[k]);
      }
    }
    for (const r of d.reset) {
      const trRe = X.re[0] + X.re[5] + X.re[10] + X.re[15], trIm = X.im[0] + X.im[5] + X.im[10] + X.im[15];
      for (let k = 0; k < 16; k++) {
        Y.re[k] += r.rate * (r.target.re[k] * trRe - r.target.im[k] * trIm - X.re[k]);
        Y.im[k] += r.rate * (r.target.re[k] * trIm + r.target.im[k] * trRe - X.im[k]);
      }
    }
  }
  return Y;
}

/** The 16 two-site Pauli operators P_α ⊗ P_β (index α·4 + β). */
function twoSitePaulis(): ComplexMatrix[] {
  const one = [
    complexIdentity(2),
    complexMatrix(2, 2, Float64Array.of(0, 1, 1, 0)),
    complexMatrix(2, 2, new Float64Array(4), Float64Array.of(0, -1, 1, 0)),
    complexMatrix(2, 2, Float64Array.of(1, 0, 0, -1)),
  ].map((P) => {
    const out = complexMatrix(2, 2);
    for (let k = 0; k < 4; k++) {
      out.re[k] = P.re[k] / Math.SQRT2;
      out.im[k] = P.im[k] / Math.SQRT2;
    }
    return out;
  });
  const out: ComplexMatrix[] = [];
  for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) out.push(ckron(one[a], one[b]));
  return out;
}

/**
 * The bond superoperators 𝓛_b (b = 1..L−1 at index b−1) of a chain with local dissipators, as
 * real 16×16 row-major matrices in the two-site Pauli basis (see the module comment).
 *
 * @param model - the chain
 * @param dissipators - from `chainDissipators(model, baths)`
 * @returns L − 1 matrices M_b with Σ_b (M_b on its sites) = 𝓛
 * @throws NessrefError("internal") if a dissipator is not on one site or two adjacent sites
 *
 * @example
 * ```ts
 * import { bondSuperoperators } from "nessref/mps";
 * import { chainDissipators } from "nessref/open";
 * import { xxzChain } from "nessref/models";
 * const m = xxzChain({ L: 4, J: 1, delta: 1 });
 * bondSuperoperators(m, chainDissipators(m, [{ type: "dephasing", rate: 0.1 }])).length; // 3
 * ```
 */
export function bondSuperoperators(model: ChainModel, dissipators: readonly LocalDissipator[]): Float64Array[] {
  const L = model.L;
  const perBond = Array.from({ length: L - 1 }, () => [] as { ops: ComplexMatrix[]; reset: { target: ComplexMatrix; rate: number }[] }[]);
  const I2 = complexIdentity(2);
  for (const d of dissipators) {
    const s = d.sites;
    if (d.kind === "reset") {
      perBond[s[0] - 1].push({ ops: [], reset: [{ target: d.target, rate: d.rate }] });
    } else if (s.length === 2 && s[1] === s[0] + 1) {
      perBond[s[0] - 1].push({ ops: [...d.ops], reset: [] });
    } else if (s.length === 1) {
      const b = Math.min(s[0], L - 1);
      const onLeft = s[0] === b;
      perBond[b - 1].push({ ops: d.ops.map((o) => (onLeft ? ckron(o, I2) : ckron(I2, o))), reset: [] });
    } else throw new NessrefError("internal", `Lindblad TEBD: a dissipator on sites ${s.join(", ")} is not local to one bond`, "");
  }
  const P = twoSitePaulis();
  return model.bondEnergies.map((h, b) => {
    const M = new Float64Array(256);
    for (let d = 0; d < 16; d++) {
      const Y = applyBond(h, perBond[b], P[d]);
      for (let g = 0; g < 16; g++) {
        // Tr(P_g Y), real for a hermiticity-preserving map (the imaginary part is rounding)
        const Pg = P[g];
        let re = 0;
        for (let x = 0; x < 4; x++) for (let y = 0; y < 4; y++) re += Pg.re[x * 4 + y] * Y.re[y * 4 + x] - Pg.im[x * 4 + y] * Y.im[y * 4 + x];
        M[g * 16 + d] = re;
      }
    }
    return M;
  });
}

/**
 * Options of {@link lindbladTebd}.
 *
 * @example
 * ```ts
 * import type { LindbladTebdOptions } from "nessref/mps";
 * const o: LindbladTebdOptions = { chi: 64, dt: 0.05, tol: 1e-6, maxTime: 400 };
 * ```
 */
export interface LindbladTebdOptions {
  /** maximal bond dimension χ */
  chi: number;
  /** time step τ */
  dt: number;
  /** stationarity tolerance (see {@link lindbladTebd}); default 1e-6 */
  tol?: number;
  /** longest evolution time; default 2000 */
  maxTime?: number;
  /** Trotter order 1, 2 or 4; default 4 */
  order?: 1 | 2 | 4;
  /** discarded-weight threshold per update, relative; default 0 */
  cutoff?: number;
  /** time between two stationarity checks; default max(1, dt) rounded to whole steps */
  checkEvery?: number;
  /** progress callback: evolved time over maxTime */
  onProgress?: (fraction: number) => void;
}

/**
 * The observables of a Lindblad chain state (CONVENTIONS §1–§3), as in the ED road.
 *
 * @example
 * ```ts
 * import type { OperatorObservables } from "nessref/mps";
 * const o: OperatorObservables | null = null;
 * ```
 */
export interface OperatorObservables {
  /** ⟨s^z_i⟩ */ magnetization: Float64Array;
  /** ⟨e_b⟩ */ bondEnergy: Float64Array;
  /** ⟨j^S_b⟩ (the model's bond currents) */ spinCurrent: Float64Array;
  /** ⟨j^E_i⟩, i = 2..L−1 */ energyCurrent: Float64Array;
  /** β_b of §3 (heisenberg-xz only) */ localBeta?: Float64Array;
}

function traceProduct(rho: ComplexMatrix, O: ComplexMatrix): number {
  const D = rho.rows;
  let s = 0;
  for (let a = 0; a < D; a++) for (let b = 0; b < D; b++) s += rho.re[a * D + b] * O.re[b * D + a] - rho.im[a * D + b] * O.im[b * D + a];
  return s;
}

/**
 * Observables of an {@link OperatorMps}: profiles and currents from the reduced density matrices
 * (normalised by their trace), and β_b of §3 for the heisenberg-xz chain.
 *
 * @param model - the chain
 * @param rho - the state
 * @param withBeta - also compute the local inverse temperatures
 * @returns the observables
 *
 * @example
 * ```ts
 * import { identityOperatorMps, operatorObservables } from "nessref/mps";
 * import { xxzChain } from "nessref/models";
 * operatorObservables(xxzChain({ L: 3, J: 1, delta: 1 }), identityOperatorMps(3)).magnetization; // [0, 0, 0]
 * ```
 */
export function operatorObservables(model: ChainModel, rho: OperatorMps, withBeta = false): OperatorObservables {
  const L = model.L;
  const env = traceEnvironments(rho);
  const sz = spin("z");
  const magnetization = new Float64Array(L);
  for (let i = 0; i < L; i++) magnetization[i] = traceProduct(operatorReduced(rho, env, i, 1), sz);
  const bondEnergy = new Float64Array(L - 1), spinCurrent = new Float64Array(L - 1);
  const localBeta = withBeta ? new Float64Array(L - 1) : undefined;
  for (let b = 0; b < L - 1; b++) {
    const r = operatorReduced(rho, env, b, 2);
    bondEnergy[b] = traceProduct(r, model.bondEnergies[b]);
    spinCurrent[b] = traceProduct(r, model.bondCurrents[b]);
    if (localBeta) localBeta[b] = localInverseTemperature(r, model.bondEnergies[b]).beta;
  }
  const energyCurrent = new Float64Array(Math.max(0, L - 2));
  for (let i = 2; i <= L - 1; i++) energyCurrent[i - 2] = traceProduct(operatorReduced(rho, env, i - 2, 3), energyCurrentOperator(model, i));
  return localBeta ? { magnetization, bondEnergy, spinCurrent, energyCurrent, localBeta } : { magnetization, bondEnergy, spinCurrent, energyCurrent };
}

/** e^{cτM_b} for every bond, cached by (c, τ). */
function gateCache(M: readonly Float64Array[]): (c: number, tau: number) => Float64Array[] {
  const cache = new Map<string, Float64Array[]>();
  return (c, tau) => {
    const key = `${c}:${tau}`;
    let g = cache.get(key);
    if (!g) {
      g = M.map((Mb) => expm(realMatrix(16, 16, Float64Array.from(Mb, (x) => x * c * tau))).data);
      cache.set(key, g);
    }
    return g;
  };
}

/**
 * Apply Trotter layers to an operator MPS; each layer sweeps its bonds in the direction of the
 * orthogonality centre (moved by QR between gates), so the canonical form is exact at every update.
 */
function runOperatorLayers(rho: OperatorMps, layers: readonly TrotterLayer[], gates: (c: number, tau: number) => Float64Array[], tau: number, trunc: Truncation, stats: TruncationStats): void {
  const L = rho.L;
  for (const layer of layers) {
    const g = gates(layer.c, tau);
    const bonds: number[] = [];
    for (let b = layer.parity; b < L - 1; b += 2) bonds.push(b);
    if (rho.center > (L - 1) / 2) bonds.reverse();
    const right = bonds.length < 2 || bonds[1] > bonds[0];
    for (const b of bonds) {
      if (rho.center < b) moveCenter(rho, b);
      else if (rho.center > b + 1) moveCenter(rho, b + 1);
      applyOperatorGate(rho, b, g[b], right, trunc, stats);
    }
  }
}

/**
 * The observables of {@link lindbladEvolve} at one time.
 *
 * @example
 * ```ts
 * import type { LindbladFrame } from "nessref/mps";
 * const f: LindbladFrame | null = null;
 * ```
 */
export interface LindbladFrame extends OperatorObservables {
  /** the time */
  t: number;
}

/**
 * Options of {@link lindbladEvolve}.
 *
 * @example
 * ```ts
 * import type { LindbladEvolveOptions } from "nessref/mps";
 * const o: LindbladEvolveOptions = { chi: 32, dt: 0.05, order: 4 };
 * ```
 */
export interface LindbladEvolveOptions {
  /** maximal bond dimension χ */
  chi: number;
  /** requested time step (each interval between output times uses n = ⌈Δt/dt⌉ equal steps) */
  dt: number;
  /** Trotter order 1, 2 or 4; default 4 */
  order?: 1 | 2 | 4;
  /** discarded-weight threshold per update, relative; default 0 */
  cutoff?: number;
  /** the initial state; default the infinite-temperature state (it is not modified) */
  initial?: OperatorMps;
}

/**
 * The open-system dynamics ρ(t) = e^{𝓛t}ρ(0) of a Lindblad chain by TEBD of its density matrix
 * (CONVENTIONS §9), observed at the requested times: the same gates and canonical form as
 * {@link lindbladTebd}, with n = ⌈Δt/dt⌉ equal Trotter steps between output times (Trotter error
 * O(dt^order) at fixed time) and the truncation statistics accumulated.
 *
 * @param model - the chain
 * @param dissipators - its local dissipators (`chainDissipators`)
 * @param times - output times ≥ 0, non-decreasing
 * @param opts - χ, dt, order, cutoff, initial state
 * @returns one set of observables per time, the final state and the truncation statistics
 * @throws NessrefError("invalid-input") for bad options or times
 *
 * @example
 * ```ts
 * import { lindbladEvolve } from "nessref/mps";
 * import { chainDissipators } from "nessref/open";
 * import { xxzChain } from "nessref/models";
 * const m = xxzChain({ L: 6, J: 1, delta: 0 });
 * const d = chainDissipators(m, [{ type: "source-sink", site: 1, gammaPlus: 1, gammaMinus: 0 }]);
 * lindbladEvolve(m, d, [0, 1, 2], { chi: 16, dt: 0.05 }).frames[2].magnetization[0]; // filling up from site 1
 * ```
 */
export function lindbladEvolve(model: ChainModel, dissipators: readonly LocalDissipator[], times: readonly number[], opts: LindbladEvolveOptions): {
  /** observables at each time */ frames: LindbladFrame[];
  /** the state at the last time */ rho: OperatorMps;
  /** truncation statistics */ truncation: TruncationStats;
} {
  const { order, trunc } = checkEvolution(opts, times);
  const gates = gateCache(bondSuperoperators(model, dissipators));
  const init = opts.initial;
  if (init && init.L !== model.L) throw new NessrefError("invalid-input", `the initial state has L = ${init.L}, the chain ${model.L}`, "/initial");
  const rho: OperatorMps = init ? { L: init.L, dims: [...init.dims], sites: init.sites.map((x) => Float64Array.from(x)), center: init.center } : identityOperatorMps(model.L);
  const stats = newTruncationStats();
  const frames: LindbladFrame[] = [];
  let now = 0;
  for (const t of times) {
    const { steps, tau } = stepsFor(t - now, opts.dt);
    if (steps > 0) runOperatorLayers(rho, trotterLayers(order, steps), gates, tau, trunc, stats);
    now = t;
    frames.push({ t, ...operatorObservables(model, rho, model.type === "heisenberg-xz") });
  }
  return { frames, rho, truncation: stats };
}

/**
 * The stationarity record of {@link lindbladTebd}, reported in `diagnostics`.
 *
 * @example
 * ```ts
 * import type { StationarityInfo } from "nessref/mps";
 * const s: StationarityInfo | null = null;
 * ```
 */
export interface StationarityInfo {
  /** evolved time */ time: number;
  /** Trotter steps */ steps: number;
  /** the step τ */ dt: number;
  /** Trotter order */ order: 1 | 2 | 4;
  /** max over j^S_b, j^E_i of |Δj| per unit time at the last check */ currentChangeRate: number;
  /** the current scale: max(max|j^S|, max|j^E|) */ currentScale: number;
  /** q = ratio of the last two changes (e^{−gΔ} for a relaxation rate g), or null */ contraction: number | null;
  /** estimated remaining change of the currents, |Δ|·q/(1 − q) (Infinity when q ≥ 1 or unknown) */ distanceEstimate: number;
  /** relaxation rate g = −ln q / Δ, or null */ relaxationRate: number | null;
  /** (max − min)/scale of j^S over bonds that carry no dissipator (continuity makes it zero in the exact NESS; the Trotter error sets its floor), or null */ spinCurrentNonuniformity: number | null;
  /** the same for j^E_i over sites i whose two bonds carry no dissipator, or null */ energyCurrentNonuniformity: number | null;
  /** truncation statistics */ truncation: TruncationStats;
  /** bond dimension reached */ chi: number;
}

/** max − min of a[k] over k with ok(k), or null if fewer than two. */
function spread(a: Float64Array, ok: (k: number) => boolean): number | null {
  let lo = Infinity, hi = -Infinity, n = 0;
  a.forEach((v, k) => {
    if (!ok(k)) return;
    n++;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  });
  return n >= 2 ? hi - lo : null;
}

/**
 * The NESS of a Lindblad chain by TEBD of its density matrix (CONVENTIONS §9): start from the
 * infinite-temperature state, apply Trotter steps of e^{τ𝓛}, and every `checkEvery` time units
 * compare the currents (j^S_b and j^E_i) with the previous check. Stationary when both the change
 * per unit time and the estimated remaining change |Δ|·q/(1 − q) (q the ratio of the last two
 * changes, a geometric tail of the slowest relaxation mode) are ≤ tol · max(scale, 1e-12), scale =
 * max|j|. The result is the stationary state of the Trotterized map: it differs from the NESS by the
 * Trotter error of the order used (O(τ⁴) for order 4) and by truncation.
 *
 * @param model - the chain
 * @param dissipators - its local dissipators (`chainDissipators`)
 * @param opts - χ, τ, tolerance, time limit, order, cutoff, progress
 * @returns the state, its observables and the stationarity record
 * Uniqueness: TEBD follows the state reached from the infinite-temperature start and cannot prove
 * that the steady state is unique; the structural case the ED road also refuses up front (H and
 * every bath conserve Σ s^z, one steady state per sector) is refused here too.
 *
 * @throws NessrefError("no-convergence") when maxTime passes before stationarity (the message gives
 *   the change rate and the distance estimate); ("non-unique-ness") when no bath changes Σ s^z of a
 *   magnetization-conserving chain; ("invalid-input") for bad options
 *
 * @example
 * ```ts
 * import { lindbladTebd } from "nessref/mps";
 * import { chainDissipators } from "nessref/open";
 * import { xxzChain } from "nessref/models";
 * const m = xxzChain({ L: 6, J: 1, delta: 1 });
 * const d = chainDissipators(m, [{ type: "target", sites: [1, 2], beta: 0.5, mu: 0 }, { type: "target", sites: [5, 6], beta: 1.5, mu: 0 }]);
 * const r = lindbladTebd(m, d, { chi: 64, dt: 0.05 });
 * r.observables.energyCurrent; // ≈ uniform
 * ```
 */
export function lindbladTebd(model: ChainModel, dissipators: readonly LocalDissipator[], opts: LindbladTebdOptions): {
  /** the stationary state */ rho: OperatorMps;
  /** its observables */ observables: OperatorObservables;
  /** the stationarity record */ info: StationarityInfo;
} {
  const L = model.L;
  const tau = opts.dt;
  if (!(tau > 0) || !Number.isFinite(tau)) throw new NessrefError("invalid-input", `TEBD: dt must be a finite number > 0, got ${tau}`, "/tebd/dt");
  const tol = opts.tol ?? 1e-6;
  if (!(tol >= 0) || !Number.isFinite(tol)) throw new NessrefError("invalid-input", `TEBD: tol must be ≥ 0, got ${tol}`, "/tebd/tol");
  const maxTime = opts.maxTime ?? 2000;
  if (!(maxTime > 0) || !Number.isFinite(maxTime)) throw new NessrefError("invalid-input", `TEBD: maxTime must be a finite number > 0, got ${maxTime}`, "/tebd/maxTime");
  const order = opts.order ?? 4;
  const trunc = checkTruncation({ chi: opts.chi, cutoff: opts.cutoff ?? 0 }, "/tebd");
  if (model.conservesMagnetization && !changesMagnetization(dissipators)) {
    // every magnetization sector keeps its own steady state (CONVENTIONS §0): refused, as on the ED road
    throw new NessrefError("non-unique-ness", "Lindblad TEBD: H and every bath conserve Σ s^z, so each magnetization sector has its own steady state; add a bath that changes the magnetization", "/baths");
  }
  const perCheck = Math.max(1, Math.round((opts.checkEvery ?? Math.max(1, tau)) / tau));
  const gates = gateCache(bondSuperoperators(model, dissipators));
  const layers = trotterLayers(order, perCheck);
  const rho = identityOperatorMps(L);
  const stats = newTruncationStats();
  // bonds with a dissipator (0-based bond index = left site)
  const dissipative = new Set<number>();
  for (const d of dissipators) dissipative.add(d.kind === "lindblad" && d.sites.length === 1 ? Math.min(d.sites[0], L - 1) - 1 : d.sites[0] - 1);
  const withBeta = model.type === "heisenberg-xz";
  let prev = operatorObservables(model, rho);
  let prevChange: number | null = null;
  let t = 0, steps = 0;
  const Δ = perCheck * tau;
  for (;;) {
    runOperatorLayers(rho, layers, gates, tau, trunc, stats);
    t += Δ;
    steps += perCheck;
    const now = operatorObservables(model, rho);
    let change = 0, scale = 0;
    for (const key of ["spinCurrent", "energyCurrent"] as const) {
      now[key].forEach((v, k) => {
        change = Math.max(change, Math.abs(v - prev[key][k]));
        scale = Math.max(scale, Math.abs(v));
      });
    }
    const q = prevChange !== null && prevChange > 0 ? change / prevChange : null;
    const distance = q !== null && q < 1 ? (change * q) / (1 - q) : Infinity;
    const floor = tol * Math.max(scale, 1e-12);
    prev = now;
    prevChange = change;
    opts.onProgress?.(Math.min(1, t / maxTime));
    const done = change / Δ <= floor && (distance <= floor || change === 0);
    if (done || t >= maxTime) {
      const info: StationarityInfo = {
        time: t, steps, dt: tau, order,
        currentChangeRate: change / Δ,
        currentScale: scale,
        contraction: q,
        distanceEstimate: change === 0 ? 0 : distance,
        relaxationRate: q !== null && q > 0 && q < 1 ? -Math.log(q) / Δ : null,
        spinCurrentNonuniformity: ((s) => (s === null || scale === 0 ? s : s / scale))(spread(now.spinCurrent, (k) => !dissipative.has(k))),
        energyCurrentNonuniformity: ((s) => (s === null || scale === 0 ? s : s / scale))(spread(now.energyCurrent, (k) => !dissipative.has(k) && !dissipative.has(k + 1))),
        truncation: stats,
        chi: Math.max(...rho.dims),
      };
      if (!done) {
        throw new NessrefError("no-convergence", `Lindblad TEBD: not stationary after t = ${t} (maxTime ${maxTime}): the currents change by ${(change / Δ).toExponential(2)} per unit time ` +
          `(tolerance ${floor.toExponential(2)}), estimated remaining change ${distance.toExponential(2)}; raise maxTime or relax tol`, "/tebd/maxTime");
      }
      const observables = withBeta ? operatorObservables(model, rho, true) : now;
      return { rho, observables, info };
    }
  }
}
