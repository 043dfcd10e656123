/**
 * Unitary quenches by pure-state TEBD (CONVENTIONS §7, §9): the domain wall or the split ground
 * state |Ψ1⟩ (found by imaginary-time TEBD), evolved by e^{−iHt} with a Trotter–Suzuki schedule of
 * two-site gates e^{−i c τ e_b} (e_b the model's bond energies, Σ_b e_b = H), measured at the
 * requested times.
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { complexMatrix, type ComplexMatrix } from "../linalg/matrix.js";
import { cexpm } from "../linalg/expm.js";
import { energyCurrentOperator, type ChainModel } from "../models/chain.js";
import { spin } from "../quantum/spin.js";
import { applyGate, bondDimension, canonicalize, bondEntropy, domainWallMps, productMps, reducedDensityMatrix, type PureMps } from "./pure.js";
import { checkEvolution, stepsFor, trotterLayers } from "./trotter.js";
import { newTruncationStats, type Truncation, type TruncationStats } from "./truncate.js";

/**
 * Options of {@link tebdQuench}.
 *
 * @example
 * ```ts
 * import type { TebdQuenchOptions } from "nessref/mps";
 * const o: TebdQuenchOptions = { chi: 64, dt: 0.05, order: 4, cutoff: 1e-10 };
 * ```
 */
export interface TebdQuenchOptions {
  /** maximal bond dimension χ */
  chi: number;
  /** requested time step (each interval between output times uses n = ⌈Δt/dt⌉ equal steps) */
  dt: number;
  /** Trotter order 1, 2 or 4 (default 4) */
  order?: 1 | 2 | 4;
  /** discarded-weight threshold per update, relative (default 0: χ only) */
  cutoff?: number;
  /** progress callback: fraction done in [0, 1] */
  onProgress?: (fraction: number) => void;
}

/**
 * One output time of {@link tebdQuench} (the fields of the ED and free-fermion frames).
 *
 * @example
 * ```ts
 * import { tebdQuench } from "nessref/mps";
 * import { xxzChain } from "nessref/models";
 * const { frames } = tebdQuench(xxzChain({ L: 6, J: 1, delta: 0.5 }), "domain-wall", [0], { chi: 8, dt: 0.1 });
 * frames[0].magnetization; // [0.5, 0.5, 0.5, -0.5, -0.5, -0.5]
 * ```
 */
export interface TebdFrame {
  /** the time */
  t: number;
  /** ⟨s^z_i⟩, L entries */
  magnetization: Float64Array;
  /** ⟨e_b⟩, L − 1 entries */
  bondEnergy: Float64Array;
  /** ⟨j^S_b⟩, L − 1 entries */
  spinCurrent: Float64Array;
  /** ⟨j^E_i⟩ across sites 2..L−1, L − 2 entries */
  energyCurrent: Float64Array;
  /** von Neumann entropy of sites 1..L/2 (natural log) */
  entropy: number;
  /** largest bond dimension of the state at this time */
  chi: number;
  /** accumulated discarded weight Σ_k ε_k up to this time */
  discardedWeight: number;
}

/**
 * Diagnostics of the imaginary-time search for |Ψ1⟩.
 *
 * @example
 * ```ts
 * import type { GroundStateInfo } from "nessref/mps";
 * const g: GroundStateInfo | null = null;
 * ```
 */
export interface GroundStateInfo {
  /** ⟨H'⟩ of the final state */
  energy: number;
  /** |ΔE| over the last unit of imaginary time at the smallest step */
  lastChange: number;
  /** total imaginary time evolved */
  imaginaryTime: number;
  /** imaginary-time steps used, descending */
  steps: number[];
  /** truncation of the ground-state search */
  truncation: TruncationStats;
}

/** Tr(ρ O) (real part) for square matrices of one size. */
function traceProduct(rho: ComplexMatrix, O: ComplexMatrix): number {
  const D = rho.rows;
  let s = 0;
  for (let a = 0; a < D; a++) for (let b = 0; b < D; b++) s += rho.re[a * D + b] * O.re[b * D + a] - rho.im[a * D + b] * O.im[b * D + a];
  return s;
}

/**
 * The observables of CONVENTIONS §7 on an MPS: ⟨s^z_i⟩, ⟨e_b⟩, ⟨j^S_b⟩, ⟨j^E_i⟩, S(L/2).
 *
 * @param model - the chain (its bond energies and currents)
 * @param psi - a normalised MPS
 * @returns the observables
 *
 * @example
 * ```ts
 * import { mpsObservables, domainWallMps } from "nessref/mps";
 * import { xxzChain } from "nessref/models";
 * mpsObservables(xxzChain({ L: 4, J: 1, delta: 1 }), domainWallMps(4)).bondEnergy; // [0.25, -0.25, 0.25]
 * ```
 */
export function mpsObservables(model: ChainModel, psi: PureMps): Omit<TebdFrame, "t" | "chi" | "discardedWeight"> {
  const L = model.L;
  const sz = spin("z");
  const magnetization = new Float64Array(L);
  for (let i = 0; i < L; i++) magnetization[i] = traceProduct(reducedDensityMatrix(psi, i, 1), sz);
  const bondEnergy = new Float64Array(L - 1), spinCurrent = new Float64Array(L - 1);
  for (let b = 0; b < L - 1; b++) {
    const r = reducedDensityMatrix(psi, b, 2);
    bondEnergy[b] = traceProduct(r, model.bondEnergies[b]);
    spinCurrent[b] = traceProduct(r, model.bondCurrents[b]);
  }
  const energyCurrent = new Float64Array(Math.max(0, L - 2));
  for (let i = 2; i <= L - 1; i++) energyCurrent[i - 2] = traceProduct(reducedDensityMatrix(psi, i - 2, 3), energyCurrentOperator(model, i));
  return { magnetization, bondEnergy, spinCurrent, energyCurrent, entropy: bondEntropy(psi, Math.floor(L / 2)) };
}

/** e^{z·h} for a 4×4 Hermitian h and complex z = zr + i·zi. */
function bondExp(h: ComplexMatrix, zr: number, zi: number): ComplexMatrix {
  const A = complexMatrix(4, 4);
  for (let k = 0; k < 16; k++) {
    A.re[k] = zr * h.re[k] - zi * h.im[k];
    A.im[k] = zr * h.im[k] + zi * h.re[k];
  }
  return cexpm(A);
}

/**
 * Run a list of Trotter layers with bond terms `terms` and step τ: each layer applies
 * e^{z·c·τ·h_b} on its bonds (z = −i for real time, −1 for imaginary time).
 */
function runLayers(psi: PureMps, terms: readonly ComplexMatrix[], order: 1 | 2 | 4, steps: number, tau: number, imaginary: boolean, trunc: Truncation, stats: TruncationStats): void {
  const cache = new Map<number, ComplexMatrix[]>();
  const gates = (c: number) => {
    let g = cache.get(c);
    if (!g) {
      g = terms.map((h) => (imaginary ? bondExp(h, -c * tau, 0) : bondExp(h, 0, -c * tau)));
      cache.set(c, g);
    }
    return g;
  };
  for (const layer of trotterLayers(order, steps)) {
    const g = gates(layer.c);
    for (let b = layer.parity; b < terms.length; b += 2) applyGate(psi, b, g[b], trunc, stats);
  }
}

/** ⟨h_b⟩ of every bond term of a normalised MPS. */
function bondValues(psi: PureMps, terms: readonly ComplexMatrix[]): Float64Array {
  return Float64Array.from(terms, (h, b) => traceProduct(reducedDensityMatrix(psi, b, 2), h));
}

/** Local convergence threshold of the last imaginary-time stage: max_b |Δ⟨h_b⟩| per unit of τ. */
const LOCAL_CHANGE = 1e-10;

/** Imaginary-time steps of the ground-state search, descending. */
const IMAGINARY_STEPS = [0.2, 0.1, 0.05, 0.02, 0.01];

/**
 * |Ψ1⟩ of CONVENTIONS §7 by imaginary-time TEBD: the ground state of H' = Σ_b λ_b h_b (λ_b = −1 for
 * b ≤ L/2, +1 after; h_b the clean bonds) in the zero-magnetization sector (where H' has its
 * unique ground state: it commutes with the global spin flip). Start: the Néel state mixed by one
 * brick of fixed hopping rotations (a generic state of the sector); then e^{−τH'} with 4th-order
 * steps dτ = 0.2, 0.1, 0.05, 0.02, 0.01 (in units of the largest entry of the bond terms), each until ⟨H'⟩ changes by less than
 * 1e-12·max(1, |E|) per unit of imaginary time; the last stage also until every bond value ⟨h_b⟩
 * changes by less than 1e-10·scale per unit (the energy error is quadratic in the state error, so
 * the energy alone would leave local errors ≈ √(δE/gap), seen up to 1e-7 at L = 8). The 4th-order
 * fixed point differs from the ground state by O(dτ⁴) (a further stage at dτ = 0.005 changed nothing
 * at L = 8). What remains is the slow-mode tail: a local change δ per unit leaves ≈ δ/(2·gap), up to
 * 2.5e-7 on random L = 8 chains with small gaps.
 *
 * @param model - the chain (its clean bonds)
 * @param trunc - truncation rule
 * @returns the state and the convergence record
 * @throws NessrefError("no-convergence") if the energy has not settled within 40·L + 200 units of imaginary time
 *
 * @example
 * ```ts
 * import { splitGroundStateMps } from "nessref/mps";
 * import { xxzChain } from "nessref/models";
 * const { info } = splitGroundStateMps(xxzChain({ L: 6, J: 1, delta: 0.5 }), { chi: 32, cutoff: 0 });
 * info.energy; // ⟨H'⟩
 * ```
 */
export function splitGroundStateMps(model: ChainModel, trunc: Truncation): {
  /** |Ψ1⟩ in Vidal–Hastings form */ psi: PureMps;
  /** the convergence record */ info: GroundStateInfo;
} {
  const L = model.L;
  if (L % 2 !== 0) throw new NessrefError("invalid-input", `the split ground state needs an even L, got ${L}`, "/L");
  const terms = model.cleanBonds.map((h, b) => {
    const lam = b + 1 <= L / 2 ? -1 : 1;
    const out = complexMatrix(4, 4);
    for (let k = 0; k < 16; k++) {
      out.re[k] = lam * h.re[k];
      out.im[k] = lam * h.im[k];
    }
    return out;
  });
  let scale = 0;
  for (const h of terms) for (let k = 0; k < 16; k++) scale = Math.max(scale, Math.hypot(h.re[k], h.im[k]));
  if (!(scale > 0)) throw new NessrefError("non-unique-ness", "H' = 0: every state is a ground state; |Ψ1⟩ is not defined", "/J");
  const psi = productMps(Array.from({ length: L }, (_, i) => i % 2));
  const stats = newTruncationStats();
  // one brick of exp(−iθ_b(s^x s^x + s^y s^y)·4) with fixed, incommensurate angles
  const hop = complexMatrix(4, 4);
  hop.re[1 * 4 + 2] = 1;
  hop.re[2 * 4 + 1] = 1;
  for (const parity of [0, 1]) for (let b = parity; b < L - 1; b += 2) applyGate(psi, b, bondExp(hop, 0, -(0.3 + 0.618034 * (b + 1)) % 1.2), trunc, stats);
  let hb = bondValues(psi, terms);
  let E = hb.reduce((a, b) => a + b, 0);
  let total = 0, last = Infinity;
  const cap = 40 * L + 200;
  for (const d of IMAGINARY_STEPS) {
    const dtau = d / scale;
    const chunk = Math.max(1, Math.round(1 / scale / dtau));
    const final = d === IMAGINARY_STEPS[IMAGINARY_STEPS.length - 1];
    for (;;) {
      runLayers(psi, terms, 4, chunk, dtau, true, trunc, stats);
      canonicalize(psi); // non-unitary gates do not keep the Vidal–Hastings form
      total += chunk * dtau;
      const hb2 = bondValues(psi, terms);
      const E2 = hb2.reduce((a, b) => a + b, 0);
      let local = 0;
      hb2.forEach((v, b) => (local = Math.max(local, Math.abs(v - hb[b]))));
      last = Math.abs(E2 - E);
      E = E2;
      hb = hb2;
      // the energy error is quadratic in the state error, local values are linear in it: the last
      // stage also waits until every ⟨h_b⟩ has settled
      if (last <= 1e-12 * Math.max(1, Math.abs(E)) && (!final || local <= LOCAL_CHANGE * scale)) break;
      if (total > cap / scale) {
        throw new NessrefError("no-convergence", `split ground state: ⟨H'⟩ still changes by ${last} per unit of imaginary time after τ = ${total} (χ = ${trunc.chi}); raise χ or the gap is too small`, "/tebd");
      }
    }
  }
  return { psi, info: { energy: E, lastChange: last, imaginaryTime: total, steps: IMAGINARY_STEPS.map((d) => d / scale), truncation: stats } };
}

/**
 * A unitary quench by TEBD (CONVENTIONS §7, §9): the initial state evolved under H of the model,
 * observables at every requested time. Between consecutive output times Δt is split into
 * n = ⌈Δt/dt⌉ equal steps of the chosen Trotter order (the Trotter error at fixed time is
 * O(dt^order)); every update truncates to χ and the cutoff, and the accumulated discarded weight is
 * reported. When anything was truncated since the last output time, the state is brought back to
 * its exact canonical form ({@link canonicalize}) before it is measured, so the observables are
 * exact expectation values of the MPS (Σ⟨s^z⟩ conserved to rounding).
 *
 * @param model - a magnetization-conserving chain with even L (e.g. `xxzChain`)
 * @param initial - `"domain-wall"` or `"split-ground-state"`
 * @param times - output times ≥ 0, non-decreasing
 * @param opts - χ, dt, order, cutoff, progress
 * @returns the frames, in time order, and diagnostics
 * @throws NessrefError("invalid-input") for odd L, a model that does not conserve Σ s^z, bad
 *   options or times; ("no-convergence") from {@link splitGroundStateMps}
 *
 * @example
 * ```ts
 * import { tebdQuench } from "nessref/mps";
 * import { xxzChain } from "nessref/models";
 * const r = tebdQuench(xxzChain({ L: 8, J: 1, delta: 0.5 }), "domain-wall", [0, 1, 2], { chi: 32, dt: 0.05 });
 * r.frames[2].spinCurrent[3]; // current through the middle bond at t = 2
 * ```
 */
export function tebdQuench(model: ChainModel, initial: "domain-wall" | "split-ground-state", times: readonly number[], opts: TebdQuenchOptions): {
  /** one frame per time */ frames: TebdFrame[];
  /** truncation statistics of the real-time evolution */ truncation: TruncationStats;
  /** the split-ground-state search, or null */ groundState: GroundStateInfo | null;
  /** Trotter steps taken */ steps: number;
} {
  const L = model.L;
  if (!model.conservesMagnetization) throw new NessrefError("invalid-input", "TEBD quench: the U(1) MPS needs a Hamiltonian that conserves Σ s^z", "/fields");
  if (L % 2 !== 0) throw new NessrefError("invalid-input", `TEBD quench: L must be even, got ${L}`, "/L");
  const { order, trunc } = checkEvolution(opts, times);

  let psi: PureMps, groundState: GroundStateInfo | null = null;
  if (initial === "domain-wall") psi = domainWallMps(L);
  else if (initial === "split-ground-state") {
    const g = splitGroundStateMps(model, trunc);
    psi = g.psi;
    groundState = g.info;
  } else throw new NessrefError("invalid-input", `initial must be "domain-wall" or "split-ground-state", got ${JSON.stringify(initial)}`, "/initial");
  const stats = newTruncationStats();
  const frames: TebdFrame[] = [];
  let now = 0, steps = 0, measuredAt = 0;
  const tEnd = times.length ? times[times.length - 1] : 0;
  for (const t of times) {
    const { steps: n, tau } = stepsFor(t - now, opts.dt);
    if (n > 0) runLayers(psi, model.bondEnergies, order, n, tau, false, trunc, stats);
    // A truncated update leaves its left tensor only approximately right-isometric, so the Λ of
    // other bonds drift from the true Schmidt values by O(discarded weight). Restore the exact
    // canonical form before measuring: the observables are then those of the MPS state itself
    // (Σ⟨s^z⟩ exact, entropies from true Schmidt values).
    if (stats.discardedWeight > measuredAt) canonicalize(psi);
    measuredAt = stats.discardedWeight;
    steps += n;
    now = t;
    frames.push({ t, ...mpsObservables(model, psi), chi: bondDimension(psi), discardedWeight: stats.discardedWeight });
    opts.onProgress?.(tEnd > 0 ? t / tEnd : 1);
  }
  return { frames, truncation: stats, groundState, steps };
}
