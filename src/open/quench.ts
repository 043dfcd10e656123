/**
 * The exact-diagonalization road for the `quench` kind (CONTRACT `quench`, CONVENTIONS §1, §7):
 * unitary evolution |ψ(t)⟩ = e^{−iHt}|ψ(0)⟩ of a chain from the domain wall or from the split
 * ground state |Ψ1⟩, with the contract's observables at each requested time.
 *
 * Both initial states have a definite magnetization and H conserves Σ s^z, so H is diagonalized
 * only in that sector (a real symmetric matrix, {@link symEig}); the state is evolved there by
 * phases in the eigenbasis — exact in t, no time step — and embedded into the 2^L space only to
 * measure. The split ground state comes from the dense spectra of every sector of H' (degeneracy
 * check) and inverse iteration in the sector of the lowest level.
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { symEig, symEigvalues } from "../linalg/symeig.js";
import { luFactor, luSolve } from "../linalg/lu.js";
import { matvec } from "../linalg/dense.js";
import { realMatrix, type ComplexMatrix, type ComplexVector, type RealMatrix } from "../linalg/matrix.js";
import { energyCurrentOperator, type ChainModel } from "../models/chain.js";
import { stateExpectation } from "../quantum/apply.js";
import { reducedFromState } from "../quantum/partialTrace.js";
import { sectorBasis, type SectorBasis } from "../quantum/sectors.js";
import { vonNeumannEntropy } from "../quantum/measures.js";

/**
 * Largest L of {@link edQuench}. The cost is the dense `symEig` of H in the half-filling sector,
 * C(L, L/2) states. Measured here (Node 20, a shared two-core machine): `symEig` takes 6 s for
 * n = C(12, 6) = 924, 48 s for n = 1716 and 905 s for n = C(14, 7) = 3432, so L = 14 is out of reach
 * and L = 12 is the largest even L that runs in under a minute. An L = 12 quench with 20 times took
 * 12–16 s from the domain wall and 26–35 s from the split ground state (which adds `symEigvalues` of
 * every sector of H' and one inverse iteration) with the machine under a load of ≈ 10; about half
 * that unloaded.
 *
 * @example
 * ```ts
 * import { ED_QUENCH_MAX_L } from "nessref/open";
 * ED_QUENCH_MAX_L; // 12
 * ```
 */
export const ED_QUENCH_MAX_L = 12;

/**
 * The observables of one time of an {@link edQuench} (CONVENTIONS §1, §7; sites 1-based, index 0 =
 * site 1 or bond 1).
 *
 * @example
 * ```ts
 * import { edQuench } from "nessref/open";
 * import { xxzChain } from "nessref/models";
 * const [f] = edQuench(xxzChain({ L: 4, J: 1, delta: 0.5 }), "domain-wall", [0]);
 * f.magnetization; // Float64Array [0.5, 0.5, -0.5, -0.5]
 * ```
 */
export interface EdQuenchFrame {
  /** the time t */
  t: number;
  /** ⟨s^z_i⟩, i = 1..L (L entries) */
  magnetization: Float64Array;
  /** ⟨e_b⟩ of the model's bond energies (field weights of §0), b = 1..L−1 */
  bondEnergy: Float64Array;
  /** ⟨j^S_b⟩ of the model's bond currents, b = 1..L−1 */
  spinCurrent: Float64Array;
  /** ⟨j^E_i⟩ = ⟨i[e_{i−1}, e_i]⟩ across site i = 2..L−1 (L−2 entries) */
  energyCurrent: Float64Array;
  /** von Neumann entropy (natural log) of sites 1..L/2 */
  entropy: number;
}

/** Relative tolerance below which two eigenvalues of H' count as degenerate (of the spectral scale). */
const DEGENERACY_RTOL = 1e-10;

/** Real parts of the 4×4 bond matrices; refuses matrices that are complex or change Σ s^z. */
function realConservingBonds(bonds: readonly ComplexMatrix[], what: string): Float64Array[] {
  // local magnetization of the two-site index a (bit 1 = ↓): 2 − popcount(a)
  const up = [2, 1, 1, 0];
  return bonds.map((e, b) => {
    if (e.rows !== 4 || e.cols !== 4) throw new NessrefError("invalid-input", `edQuench: ${what}[${b}] is ${e.rows}×${e.cols}, expected 4×4`, "");
    for (let r = 0; r < 4; r++) {
      for (let c = 0; c < 4; c++) {
        const k = r * 4 + c;
        if (e.im[k] !== 0) {
          throw new NessrefError("invalid-input", `edQuench: ${what}[${b}] has an imaginary entry at (${r}, ${c}); the ED quench road needs a real Hamiltonian`, "");
        }
        if (up[r] !== up[c] && e.re[k] !== 0) {
          throw new NessrefError("invalid-input", `edQuench: ${what}[${b}] changes Σ s^z (entry (${r}, ${c})); the quench needs a magnetization-conserving H`, "");
        }
      }
    }
    return Float64Array.from(e.re);
  });
}

/**
 * The dense real matrix of Σ_b bonds[b] (on sites b+1, b+2) restricted to one magnetization
 * sector. A bond only permutes the two bits of its sites, so an image of a sector state is
 * either in the sector or carries a zero matrix element (checked by {@link realConservingBonds}).
 */
function sectorMatrix(bonds: readonly Float64Array[], L: number, sector: SectorBasis): RealMatrix {
  const { states, index } = sector;
  const n = states.length;
  const M = realMatrix(n, n);
  const A = M.data;
  for (let b = 0; b < bonds.length; b++) {
    const e = bonds[b];
    const shift = L - b - 2; // bit position of site b+2; site b+1 is the next bit up
    const mask = 3 << shift;
    for (let k = 0; k < n; k++) {
      const s = states[k];
      const c = (s >>> shift) & 3; // local column index (site b+1 most significant)
      const rest = s & ~mask;
      for (let r = 0; r < 4; r++) {
        const v = e[r * 4 + c];
        if (v === 0) continue;
        const j = index[rest | (r << shift)];
        if (j < 0) throw new NessrefError("internal", "edQuench: a conserving bond left the sector", "");
        A[j * n + k] += v;
      }
    }
  }
  // symmetrise the rounding of the summation (the bonds are Hermitian, hence real symmetric)
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const m = 0.5 * (A[i * n + j] + A[j * n + i]);
      A[i * n + j] = m;
      A[j * n + i] = m;
    }
  }
  return M;
}

/**
 * The eigenvector of the symmetric M for its lowest eigenvalue `e0`, separated by `gap` from the
 * rest of M's spectrum, by inverse iteration (Golub & Van Loan, 4th ed., §8.2.2) with the shift
 * σ = e0 − gap/1000: each step shrinks the other components by (e0 − σ)/(e0 + gap − σ) ≈ 1/1001 (the
 * rounding of e0, ≈ n ε ‖M‖, is below gap/1000 ≥ 1e-13 ‖M‖ for the gaps accepted here, so σ stays
 * nearest to e0). Cheaper than a full `symEig` (one LU, a few solves) and as accurate (ε‖M‖/gap).
 * Stops when the residual ‖Mx − (xᵀMx)x‖ stops halving, after at most 12 steps.
 */
function lowestEigenvector(M: RealMatrix, e0: number, gap: number): Float64Array {
  const n = M.rows;
  const shifted = realMatrix(n, n, Float64Array.from(M.data));
  const sigma = e0 - gap / 1000;
  for (let i = 0; i < n; i++) shifted.data[i * n + i] -= sigma;
  const f = luFactor(shifted);
  // a deterministic generic start (no symmetry of the chain makes it orthogonal to the ground state)
  let x: Float64Array = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = 1 + 0.5 * Math.sin((i + 1) * 2.399963229728653);
  const normalise = (v: Float64Array): Float64Array => {
    let s = 0;
    for (let i = 0; i < n; i++) s += v[i] * v[i];
    const r = 1 / Math.sqrt(s);
    for (let i = 0; i < n; i++) v[i] *= r;
    return v;
  };
  const residual = (v: Float64Array) => {
    const Mv = matvec(M, v);
    let q = 0;
    for (let i = 0; i < n; i++) q += v[i] * Mv[i];
    let r = 0;
    for (let i = 0; i < n; i++) r += (Mv[i] - q * v[i]) ** 2;
    return Math.sqrt(r);
  };
  x = normalise(x);
  let best = Infinity;
  for (let it = 0; it < 12; it++) {
    const y = normalise(luSolve(f, x));
    const r = residual(y);
    x = y;
    if (!(r < 0.5 * best)) break;
    best = r;
  }
  // fix the overall sign (irrelevant physically; makes the result reproducible): largest entry positive
  let k = 0;
  for (let i = 1; i < n; i++) if (Math.abs(x[i]) > Math.abs(x[k])) k = i;
  if (x[k] < 0) for (let i = 0; i < n; i++) x[i] = -x[i];
  return x;
}

/**
 * |Ψ1⟩ of CONVENTIONS §7: the ground state of H' = Σ_b λ_b h_b (λ_b = −1 for b ≤ L/2, +1 otherwise,
 * h_b = the clean bond, no fields), searched over every magnetization sector by dense eigenvalues.
 */
function splitGroundState(cleanBonds: readonly Float64Array[], L: number): { nUp: number; amplitudes: Float64Array } {
  const scaled = cleanBonds.map((h, b) => {
    const lam = b + 1 <= L / 2 ? -1 : 1;
    return h.map((v) => lam * v);
  });
  const lows: { nUp: number; value: number }[] = [];
  let scale = 0;
  for (let nUp = 0; nUp <= L; nUp++) {
    const values = symEigvalues(sectorMatrix(scaled, L, sectorBasis(L, nUp)));
    scale = Math.max(scale, Math.abs(values[0]), Math.abs(values[values.length - 1]));
    for (let j = 0; j < Math.min(2, values.length); j++) lows.push({ nUp, value: values[j] });
  }
  lows.sort((a, b) => a.value - b.value);
  const gap = lows[1].value - lows[0].value;
  if (!(gap > DEGENERACY_RTOL * scale)) {
    const where = lows[0].nUp === lows[1].nUp ? `inside the sector with ${lows[0].nUp} up spins` : `across the sectors with ${lows[0].nUp} and ${lows[1].nUp} up spins`;
    throw new NessrefError(
      "non-unique-ness",
      `edQuench: H' = Σ_b λ_b h_b has a degenerate ground state (E0 = ${lows[0].value}, next ${lows[1].value}, ${where}; ` +
        `gap ≤ ${DEGENERACY_RTOL} × spectral scale ${scale}); the split ground state is not defined`,
      "/initial",
    );
  }
  const nUp = lows[0].nUp;
  const M = sectorMatrix(scaled, L, sectorBasis(L, nUp));
  // the gap inside the sector is at least the global one (the next level may lie in another sector)
  const inSector = lows.filter((x) => x.nUp === nUp);
  const amplitudes = M.rows === 1 ? Float64Array.of(1) : lowestEigenvector(M, lows[0].value, inSector[1].value - inSector[0].value);
  return { nUp, amplitudes };
}

function checkInput(model: ChainModel, initial: string, times: readonly number[]): void {
  const L = model.L;
  if (!Number.isInteger(L) || L < 2 || L % 2 !== 0) throw new NessrefError("invalid-input", `edQuench: L must be an even integer ≥ 2, got ${L}`, "/L");
  if (L > ED_QUENCH_MAX_L) {
    throw new NessrefError("resource-limit", `edQuench: L = ${L} exceeds ED_QUENCH_MAX_L = ${ED_QUENCH_MAX_L} (dense diagonalization of C(L, L/2) states)`, "/L");
  }
  if (initial !== "domain-wall" && initial !== "split-ground-state") {
    throw new NessrefError("invalid-input", `edQuench: initial must be "domain-wall" or "split-ground-state", got ${JSON.stringify(initial)}`, "/initial");
  }
  if (!model.conservesMagnetization) {
    throw new NessrefError("invalid-input", "edQuench: the Hamiltonian does not conserve Σ s^z; the sector road needs one that does", "");
  }
  if (model.bondEnergies.length !== L - 1 || model.bondCurrents.length !== L - 1 || model.cleanBonds.length !== L - 1) {
    throw new NessrefError("invalid-input", `edQuench: the model must carry L − 1 = ${L - 1} bond energies, currents and clean bonds`, "");
  }
  if (!Array.isArray(times)) throw new NessrefError("invalid-input", "edQuench: times must be an array of numbers", "/times");
  times.forEach((t, k) => {
    if (typeof t !== "number" || !Number.isFinite(t) || t < 0) {
      throw new NessrefError("invalid-input", `edQuench: times[${k}] must be a finite number ≥ 0, got ${t}`, `/times/${k}`);
    }
  });
}

/**
 * Unitary quench of a chain by exact diagonalization (CONTRACT `quench`, method `"ed"`;
 * CONVENTIONS §1, §7): |ψ(t)⟩ = e^{−iHt}|ψ(0)⟩ with H = Σ_b e_b the model's full Hamiltonian
 * (fields included), from
 * - `"domain-wall"`: sites 1..L/2 up (|↑⟩ = local index 0), the rest down;
 * - `"split-ground-state"`: |Ψ1⟩, the ground state of H' = Σ_b λ_b h_b with λ_b = −1 for b ≤ L/2 and
 *   +1 otherwise, h_b the model's clean bond (J[s^x s^x + s^y s^y + Δ_b s^z s^z] for the XXZ chain, no
 *   fields). H' conserves Σ s^z; its lowest energy is searched over every magnetization sector
 *   (dense eigenvalues of each), and a ground state degenerate within 1e-10 of the spectral scale
 *   max|E(H')| — inside a sector or across sectors — is refused, never picked. For the XXZ chain H'
 *   commutes with the global spin flip, so a unique ground state lies at zero magnetization.
 *
 * H is diagonalized in the sector of ψ(0) (C(L, L/2) states for both initial states of the XXZ
 * chain), ψ(t) = V e^{−iΛt} Vᵀ ψ(0) is exact in t, and the observables of {@link EdQuenchFrame} are
 * measured on ψ(t) embedded in the 2^L space. The overall phase of the sector eigenvectors is
 * irrelevant (ψ(0) is expanded in them).
 *
 * @param model - a real, magnetization-conserving chain with even L ≤ {@link ED_QUENCH_MAX_L}
 *   (e.g. `xxzChain` with per-bond Δ and fields)
 * @param initial - `"domain-wall"` or `"split-ground-state"`
 * @param times - finite times t ≥ 0, in any order
 * @returns one frame per time, in the order of `times`
 * @throws NessrefError("invalid-input") for odd L, bad times or initial, or a model that does not
 *   conserve Σ s^z or is complex; ("resource-limit", path "/L") for L > {@link ED_QUENCH_MAX_L};
 *   ("non-unique-ness", path "/initial") for a degenerate ground state of H'
 *
 * @example
 * ```ts
 * import { edQuench } from "nessref/open";
 * import { xxzChain } from "nessref/models";
 * const model = xxzChain({ L: 8, J: 1, delta: [0, 0, 0, 0, 0.7, 0.7, 0.7] }); // the XX–XXZ junction of [P2]
 * const frames = edQuench(model, "domain-wall", [0, 1, 2]);
 * frames[2].spinCurrent[3]; // the spin current across the middle bond at t = 2
 * frames[2].entropy; // half-chain entanglement entropy (nats)
 * ```
 */
export function edQuench(model: ChainModel, initial: "domain-wall" | "split-ground-state", times: readonly number[]): EdQuenchFrame[] {
  checkInput(model, initial, times);
  const L = model.L;
  const energies = realConservingBonds(model.bondEnergies, "bondEnergies");
  const cleans = realConservingBonds(model.cleanBonds, "cleanBonds");

  // Initial state in its sector.
  let nUp: number;
  let psi0: Float64Array;
  let basis: SectorBasis;
  if (initial === "domain-wall") {
    nUp = L / 2;
    basis = sectorBasis(L, nUp);
    const wall = 2 ** (L / 2) - 1; // sites L/2+1..L down: the low L/2 bits set
    psi0 = new Float64Array(basis.states.length);
    psi0[basis.index[wall]] = 1;
  } else {
    const g = splitGroundState(cleans, L);
    nUp = g.nUp;
    basis = sectorBasis(L, nUp);
    psi0 = g.amplitudes;
  }

  // H in the sector: H = V Λ Vᵀ; c = Vᵀ ψ(0).
  const { values, vectors } = symEig(sectorMatrix(energies, L, basis));
  const n = values.length;
  const V = vectors.data;
  const c = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = psi0[i];
    if (p === 0) continue;
    const ro = i * n;
    for (let k = 0; k < n; k++) c[k] += V[ro + k] * p;
  }

  const N = 2 ** L;
  const states = basis.states;
  const half = Array.from({ length: L / 2 }, (_, k) => k + 1);
  const jE: ComplexMatrix[] = [];
  for (let i = 2; i <= L - 1; i++) jE.push(energyCurrentOperator(model, i));
  const ar = new Float64Array(n);
  const ai = new Float64Array(n);

  return times.map((t) => {
    // ψ(t) = V (e^{−iλ_k t} c_k); at t = 0 ψ(0) itself (exact, without the V Vᵀ rounding)
    for (let k = 0; k < n; k++) {
      const ph = values[k] * t;
      ar[k] = Math.cos(ph) * c[k];
      ai[k] = -Math.sin(ph) * c[k];
    }
    const psi: ComplexVector = { re: new Float64Array(N), im: new Float64Array(N) };
    const magnetization = new Float64Array(L);
    for (let i = 0; i < n; i++) {
      let sr = 0;
      let si = 0;
      if (t === 0) {
        sr = psi0[i];
      } else {
        const ro = i * n;
        for (let k = 0; k < n; k++) {
          const v = V[ro + k];
          sr += v * ar[k];
          si += v * ai[k];
        }
      }
      const s = states[i];
      psi.re[s] = sr;
      psi.im[s] = si;
      const w = sr * sr + si * si;
      for (let site = 1; site <= L; site++) magnetization[site - 1] += ((s >>> (L - site)) & 1 ? -0.5 : 0.5) * w;
    }
    const bondEnergy = new Float64Array(L - 1);
    const spinCurrent = new Float64Array(L - 1);
    for (let b = 1; b < L; b++) {
      bondEnergy[b - 1] = stateExpectation(model.bondEnergies[b - 1], [b, b + 1], L, psi).re;
      spinCurrent[b - 1] = stateExpectation(model.bondCurrents[b - 1], [b, b + 1], L, psi).re;
    }
    const energyCurrent = new Float64Array(Math.max(0, L - 2));
    for (let i = 2; i <= L - 1; i++) energyCurrent[i - 2] = stateExpectation(jE[i - 2], [i - 1, i, i + 1], L, psi).re;
    const entropy = vonNeumannEntropy(reducedFromState(psi, half, L));
    const frame: EdQuenchFrame = { t, magnetization, bondEnergy, spinCurrent, energyCurrent, entropy };
    for (const a of [magnetization, bondEnergy, spinCurrent, energyCurrent, [entropy]]) {
      for (const x of a) if (!Number.isFinite(x)) throw new NessrefError("internal", `edQuench: a non-finite observable at t = ${t}`, "");
    }
    return frame;
  });
}
