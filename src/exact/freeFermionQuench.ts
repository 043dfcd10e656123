/**
 * Unitary dynamics of Gaussian states of a quadratic chain (CONVENTIONS §2, §7):
 * C(t) = e^{iht} C(0) e^{−iht} for C_ij = ⟨a†_i a_j⟩, h the single-particle matrix.
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { tridiagEig } from "../linalg/tridiag.js";
import { hermEigvalues } from "../linalg/symeig.js";
import { gemm } from "../linalg/kernels.js";
import { complexMatrix } from "../linalg/matrix.js";
import { freeFermionObservables, type CorrelationBands, type FreeFermionObservables, type QuadraticChain } from "./freeFermion.js";

/**
 * A Slater determinant: C(0) = Φ Φᵀ with orthonormal real orbitals as the columns of the L×N
 * row-major array `orbitals` (N particles).
 *
 * @example
 * ```ts
 * import { domainWall } from "nessref/exact";
 * domainWall(4).particles; // 2: sites 1, 2 up (occupied)
 * ```
 */
export interface SlaterState {
  /** number of sites */ readonly L: number;
  /** number of particles N */ readonly particles: number;
  /** L×N row-major: column k is orbital k */ readonly orbitals: Float64Array;
}

/**
 * The domain wall of CONVENTIONS §7: sites 1..⌊L/2⌋ up (occupied, n = 1), the rest down.
 *
 * @param L - number of sites
 * @returns the Slater determinant of the occupied sites
 *
 * @example
 * ```ts
 * import { domainWall } from "nessref/exact";
 * domainWall(6).orbitals.length; // 18 = 6 sites × 3 orbitals
 * ```
 */
export function domainWall(L: number): SlaterState {
  const N = Math.floor(L / 2);
  const orbitals = new Float64Array(L * N);
  for (let k = 0; k < N; k++) orbitals[k * N + k] = 1;
  return { L, particles: N, orbitals };
}

/**
 * The ground state of a quadratic chain (the Fermi sea: every mode with ε < 0 filled), e.g.
 * |Ψ1⟩ of CONVENTIONS §7 with hoppings λ_b t_b. A zero mode (|ε| ≤ 1e-12·max|ε|) makes the
 * ground state degenerate and is reported, not guessed.
 *
 * @param chain - the chain whose ground state is wanted (its on-site energies included)
 * @returns the Slater determinant
 * @throws NessrefError("non-unique-ness") for a degenerate ground state
 *
 * @example
 * ```ts
 * import { fermiSea, xxFermions } from "nessref/exact";
 * fermiSea(xxFermions({ L: 4, J: 1 })).particles; // 2
 * ```
 */
export function fermiSea(chain: QuadraticChain): SlaterState {
  const L = chain.L;
  const { values, vectors } = tridiagEig(Float64Array.from(chain.onsite), Float64Array.from(chain.hopping), { vectors: true });
  let scale = 0;
  for (let a = 0; a < L; a++) scale = Math.max(scale, Math.abs(values[a]!));
  const tol = 1e-12 * Math.max(scale, 1e-300);
  let N = 0;
  for (let a = 0; a < L; a++) {
    if (Math.abs(values[a]!) <= tol) {
      throw new NessrefError("non-unique-ness", `the ground state is degenerate: a single-particle mode has energy ${values[a]!.toExponential(2)} ≈ 0 (odd L or a decoupled site), so its filling is undetermined`, "/initial");
    }
    if (values[a]! < 0) N++;
  }
  const V = vectors!;
  const orbitals = new Float64Array(L * N);
  for (let i = 0; i < L; i++) for (let k = 0; k < N; k++) orbitals[i * N + k] = V.data[i * L + k]!;
  return { L, particles: N, orbitals };
}

/**
 * The initial state |Ψ1⟩ of CONVENTIONS §7 for a quadratic chain: the ground state of
 * H' = Σ_b λ_b h_b with λ_b = −1 for b ≤ L/2 and +1 otherwise, h_b the bond term without fields.
 *
 * @param chain - the chain (its hoppings are used, its on-site energies are not)
 * @returns the Slater determinant
 * @throws NessrefError("non-unique-ness") when the ground state of H' is degenerate
 *
 * @example
 * ```ts
 * import { splitGroundState, xxFermions } from "nessref/exact";
 * splitGroundState(xxFermions({ L: 8, J: 1 })).particles; // 4
 * ```
 */
export function splitGroundState(chain: QuadraticChain): SlaterState {
  const L = chain.L;
  const hopping = new Float64Array(L - 1);
  for (let b = 0; b < L - 1; b++) hopping[b] = (b + 1 <= L / 2 ? -1 : 1) * chain.hopping[b]!;
  return fermiSea({ ...chain, hopping, onsite: new Float64Array(L), siteConstant: new Float64Array(L) });
}

/**
 * One time of {@link freeFermionQuench}: the observables of CONVENTIONS §2 and the half-chain entropy.
 *
 * @example
 * ```ts
 * import { domainWall, freeFermionQuench, xxFermions } from "nessref/exact";
 * const [f] = freeFermionQuench(xxFermions({ L: 4, J: 1 }), domainWall(4), [0]);
 * f.magnetization; // [0.5, 0.5, -0.5, -0.5]
 * ```
 */
export interface QuenchFrame extends FreeFermionObservables {
  /** the time */ t: number;
  /** von Neumann entropy of sites 1..⌊L/2⌋ (natural log) */ entropy: number;
}

/**
 * Entanglement entropy of a Gaussian state on a block from its correlation matrix:
 * S = −Σ_k [ν_k ln ν_k + (1 − ν_k) ln(1 − ν_k)], ν the eigenvalues of C restricted to the block.
 * For a block of sites 1..ℓ it equals the spin entropy (the Jordan–Wigner string stays inside).
 *
 * @param nu - eigenvalues of the restricted correlation matrix
 * @returns the entropy (natural log); eigenvalues are clipped to [0, 1] (rounding)
 *
 * @example
 * ```ts
 * import { gaussianEntropy } from "nessref/exact";
 * gaussianEntropy(Float64Array.of(0.5)); // ln 2
 * ```
 */
export function gaussianEntropy(nu: ArrayLike<number>): number {
  let S = 0;
  for (let k = 0; k < nu.length; k++) {
    const v = Math.min(1, Math.max(0, nu[k]!));
    if (v > 0 && v < 1) S -= v * Math.log(v) + (1 - v) * Math.log(1 - v);
  }
  return S;
}

/**
 * Unitary quench of a Slater determinant under a quadratic chain (CONVENTIONS §2, §7):
 * with h = Q E Qᵀ (symmetric tridiagonal eigen-decomposition) the orbitals evolve as
 * Ψ(t) = Q e^{iEt} Qᵀ Φ, and C(t) = Ψ Ψ†, i.e. C(t) = e^{iht} C(0) e^{−iht}. Per time the cost is one
 * L×L×N product and the half-chain block's eigenvalues.
 *
 * @param chain - the chain that evolves the state
 * @param initial - the initial Slater determinant ({@link domainWall}, {@link splitGroundState})
 * @param times - output times (≥ 0, finite)
 * @returns one frame of observables per time
 * @throws NessrefError("invalid-input") for a size mismatch or bad times
 *
 * @example
 * ```ts
 * import { domainWall, freeFermionQuench, xxFermions } from "nessref/exact";
 * const [f0, f1] = freeFermionQuench(xxFermions({ L: 20, J: 1 }), domainWall(20), [0, 2]);
 * f0.entropy; // 0 (product state)
 * f1.spinCurrent[9]; // > 0: spin flows from the up half to the down half
 * ```
 */
export function freeFermionQuench(chain: QuadraticChain, initial: SlaterState, times: readonly number[]): QuenchFrame[] {
  const L = chain.L;
  if (initial.L !== L) throw new NessrefError("invalid-input", `the initial state has ${initial.L} sites, the chain ${L}`, "/initial");
  times.forEach((t, k) => {
    if (!Number.isFinite(t) || t < 0) throw new NessrefError("invalid-input", `times[${k}] must be a finite number ≥ 0`, `/times/${k}`);
  });
  const N = initial.particles;
  const { values: E, vectors } = tridiagEig(Float64Array.from(chain.onsite), Float64Array.from(chain.hopping), { vectors: true });
  const Q = vectors!.data; // L×L, column a = mode a
  // Φ̃ = Qᵀ Φ (L×N)
  const Pt = new Float64Array(L * N);
  gemm(L, N, L, 1, Q, 0, 1, L, initial.orbitals, 0, N, 1, Pt, 0, N);
  const half = Math.floor(L / 2);
  const frames: QuenchFrame[] = [];
  const Ar = new Float64Array(L * N), Ai = new Float64Array(L * N);
  for (const t of times) {
    // e^{iEt} Φ̃
    for (let a = 0; a < L; a++) {
      const c = Math.cos(E[a]! * t), s = Math.sin(E[a]! * t);
      for (let k = 0; k < N; k++) { const v = Pt[a * N + k]!; Ar[a * N + k] = c * v; Ai[a * N + k] = s * v; }
    }
    const Pr = new Float64Array(L * N), Pi = new Float64Array(L * N);
    gemm(L, N, L, 1, Q, 0, L, 1, Ar, 0, N, 1, Pr, 0, N);
    gemm(L, N, L, 1, Q, 0, L, 1, Ai, 0, N, 1, Pi, 0, N);
    // C_ij = Σ_k Ψ_ik conj(Ψ_jk)
    const entry = (i: number, j: number): [number, number] => {
      let re = 0, im = 0;
      const oi = i * N, oj = j * N;
      for (let k = 0; k < N; k++) {
        const ar = Pr[oi + k]!, ai = Pi[oi + k]!, br = Pr[oj + k]!, bi = Pi[oj + k]!;
        re += ar * br + ai * bi; im += ai * br - ar * bi;
      }
      return [re, im];
    };
    const bands: CorrelationBands = {
      diag: new Float64Array(L), off1Re: new Float64Array(L - 1), off1Im: new Float64Array(L - 1),
      off2Re: new Float64Array(Math.max(L - 2, 0)), off2Im: new Float64Array(Math.max(L - 2, 0)),
    };
    for (let i = 0; i < L; i++) {
      bands.diag[i] = entry(i, i)[0];
      if (i + 1 < L) { const [re, im] = entry(i, i + 1); bands.off1Re[i] = re; bands.off1Im[i] = im; }
      if (i + 2 < L) { const [re, im] = entry(i, i + 2); bands.off2Re[i] = re; bands.off2Im[i] = im; }
    }
    // half-chain block C_A = Ψ_A Ψ_A† (rows 1..L/2 of Ψ): Re = Pr Prᵀ + Pi Piᵀ, Im = Pi Prᵀ − Pr Piᵀ
    const CA = complexMatrix(half, half);
    if (half > 0 && N > 0) {
      gemm(half, half, N, 1, Pr, 0, N, 1, Pr, 0, 1, N, CA.re, 0, half);
      gemm(half, half, N, 1, Pi, 0, N, 1, Pi, 0, 1, N, CA.re, 0, half);
      gemm(half, half, N, 1, Pi, 0, N, 1, Pr, 0, 1, N, CA.im, 0, half);
      gemm(half, half, N, -1, Pr, 0, N, 1, Pi, 0, 1, N, CA.im, 0, half);
    }
    const entropy = half > 0 ? gaussianEntropy(hermEigvalues(CA)) : 0;
    frames.push({ t, ...freeFermionObservables({ chain, bands }), entropy });
  }
  return frames;
}
