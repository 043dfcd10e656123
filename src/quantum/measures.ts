/**
 * Quantum-information measures of density matrices: von Neumann entropy, trace distance,
 * purity, validity checks, Gibbs states, passive states and ergotropy (MODELS.md §6).
 *
 * All spectral quantities go through the Hermitian eigensolver of `linalg`
 * (`hermEig` / `hermEigvalues`, complex Householder tridiagonalisation + implicit QR);
 * inputs must be Hermitian to the tolerance that solver enforces.
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { complexMatrix, type ComplexMatrix } from "../linalg/matrix.js";
import { hermEig, hermEigvalues } from "../linalg/symeig.js";

function checkSquare(A: ComplexMatrix, who: string, name = "matrix"): number {
  if (A.rows !== A.cols || A.rows < 1) {
    throw new NessrefError("invalid-input", `${who}: ${name} must be square and non-empty, got ${A.rows}×${A.cols}`, "");
  }
  return A.rows;
}

/** V diag(w) V† for eigenvector columns V (split storage). */
function spectralSum(V: ComplexMatrix, w: Float64Array): ComplexMatrix {
  const n = V.rows;
  const out = complexMatrix(n, n);
  const Vr = V.re;
  const Vi = V.im;
  const Or = out.re;
  const Oi = out.im;
  for (let i = 0; i < n; i++) {
    const io = i * n;
    for (let j = 0; j < n; j++) {
      const jo = j * n;
      let sr = 0;
      let si = 0;
      for (let k = 0; k < n; k++) {
        const wk = w[k];
        if (wk === 0) continue;
        // V_ik · w_k · conj(V_jk)
        const ar = Vr[io + k];
        const ai = Vi[io + k];
        const br = Vr[jo + k];
        const bi = Vi[jo + k];
        sr += wk * (ar * br + ai * bi);
        si += wk * (ai * br - ar * bi);
      }
      Or[io + j] = sr;
      Oi[io + j] = si;
    }
  }
  return out;
}

/**
 * Shannon entropy −Σ_k p_k ln p_k of a spectrum (natural logarithm). Entries ≤ 0 —
 * including tiny negative eigenvalues from rounding — contribute 0. The spectrum is not
 * renormalised.
 *
 * @param p - eigenvalues / probabilities (finite)
 * @returns the entropy in nats
 * @throws NessrefError("invalid-input") for non-finite entries
 *
 * @example
 * ```ts
 * import { entropyOfSpectrum } from "nessref/quantum";
 * entropyOfSpectrum(Float64Array.of(0.5, 0.5)); // ln 2 ≈ 0.6931
 * ```
 */
export function entropyOfSpectrum(p: Float64Array): number {
  let s = 0;
  for (let k = 0; k < p.length; k++) {
    const x = p[k];
    if (!Number.isFinite(x)) throw new NessrefError("invalid-input", `entropyOfSpectrum: entry ${k} is ${x}`, "");
    if (x > 0) s -= x * Math.log(x);
  }
  return s;
}

/**
 * Von Neumann entropy S(ρ) = −Tr ρ ln ρ (natural logarithm), from the eigenvalues of the
 * Hermitian matrix ρ; eigenvalues ≤ 0 from rounding are treated as 0 (see
 * {@link entropyOfSpectrum}).
 *
 * @param rho - Hermitian density matrix
 * @returns S(ρ) in nats, in [0, ln n] for a density matrix of size n
 * @throws NessrefError("invalid-input") if ρ is not square or not Hermitian
 *
 * @example
 * ```ts
 * import { complexIdentity, cscale } from "nessref/linalg";
 * import { vonNeumannEntropy } from "nessref/quantum";
 * vonNeumannEntropy(cscale(complexIdentity(4), 0.25)); // ln 4
 * ```
 */
export function vonNeumannEntropy(rho: ComplexMatrix): number {
  checkSquare(rho, "vonNeumannEntropy", "ρ");
  return entropyOfSpectrum(hermEigvalues(rho));
}

/**
 * Trace distance D(ρ, σ) = ½‖ρ − σ‖₁ = ½ Σ_k |λ_k(ρ − σ)| for Hermitian ρ, σ
 * (Nielsen & Chuang, Quantum Computation and Quantum Information, §9.2.1).
 *
 * @param rho - Hermitian matrix
 * @param sigma - Hermitian matrix of the same size
 * @returns D(ρ, σ), in [0, 1] for density matrices
 * @throws NessrefError("invalid-input") on mismatched sizes or non-Hermitian input
 *
 * @example
 * ```ts
 * import { complexFromRows } from "nessref/linalg";
 * import { traceDistance } from "nessref/quantum";
 * const up = complexFromRows({ re: [[1, 0], [0, 0]] });
 * const down = complexFromRows({ re: [[0, 0], [0, 1]] });
 * traceDistance(up, down); // 1
 * ```
 */
export function traceDistance(rho: ComplexMatrix, sigma: ComplexMatrix): number {
  const n = checkSquare(rho, "traceDistance", "ρ");
  if (sigma.rows !== n || sigma.cols !== n) {
    throw new NessrefError("invalid-input", `traceDistance: ρ is ${n}×${n} but σ is ${sigma.rows}×${sigma.cols}`, "");
  }
  const m = n * n;
  const dr = new Float64Array(m);
  const di = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    dr[k] = rho.re[k] - sigma.re[k];
    di[k] = rho.im[k] - sigma.im[k];
  }
  const ev = hermEigvalues(complexMatrix(n, n, dr, di));
  let s = 0;
  for (let k = 0; k < n; k++) s += Math.abs(ev[k]);
  return 0.5 * s;
}

/**
 * Purity Tr ρ² = Re Σ_{ij} ρ_ij ρ_ji (= Σ |ρ_ij|² for Hermitian ρ), in O(n²).
 *
 * @param rho - square matrix
 * @returns Re Tr ρ², in [1/n, 1] for a density matrix of size n
 * @throws NessrefError("invalid-input") if ρ is not square
 *
 * @example
 * ```ts
 * import { complexIdentity, cscale } from "nessref/linalg";
 * import { purity } from "nessref/quantum";
 * purity(cscale(complexIdentity(2), 0.5)); // 0.5
 * ```
 */
export function purity(rho: ComplexMatrix): number {
  const n = checkSquare(rho, "purity", "ρ");
  const R = rho.re;
  const I = rho.im;
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const a = i * n + j;
      const b = j * n + i;
      s += R[a] * R[b] - I[a] * I[b];
    }
  }
  return s;
}

/** Result of {@link isDensityMatrix}. */
export interface DensityMatrixCheck {
  /** Whether max |ρ − ρ†| ≤ tol·max(1, max |ρ|). */
  readonly hermitian: boolean;
  /** Re Tr ρ. */
  readonly trace: number;
  /** Smallest eigenvalue of the Hermitian part (ρ + ρ†)/2. */
  readonly minEigenvalue: number;
  /** All three tests pass: hermitian, |Tr ρ − 1| ≤ tol and minEigenvalue ≥ −tol. */
  readonly valid: boolean;
}

/**
 * Checks the three defining properties of a density matrix — hermiticity, unit trace and
 * positive semidefiniteness — and reports the measured quantities.
 *
 * @param rho - square matrix
 * @param tol - tolerance for all three tests (default 1e-10)
 * @returns the measured hermiticity flag, trace and smallest eigenvalue, and their verdict
 * @throws NessrefError("invalid-input") if ρ is not square or has non-finite entries, or tol is not ≥ 0
 *
 * @example
 * ```ts
 * import { complexIdentity, cscale } from "nessref/linalg";
 * import { isDensityMatrix } from "nessref/quantum";
 * isDensityMatrix(cscale(complexIdentity(2), 0.5)).valid; // true
 * ```
 */
export function isDensityMatrix(rho: ComplexMatrix, tol = 1e-10): DensityMatrixCheck {
  const n = checkSquare(rho, "isDensityMatrix", "ρ");
  if (!(tol >= 0) || !Number.isFinite(tol)) throw new NessrefError("invalid-input", `isDensityMatrix: tol must be finite and ≥ 0, got ${tol}`, "");
  const R = rho.re;
  const I = rho.im;
  let mx = 0;
  let asym = 0;
  let tr = 0;
  const hr = new Float64Array(n * n);
  const hi = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const a = i * n + j;
      const b = j * n + i;
      const xr = R[a];
      const xi = I[a];
      if (!Number.isFinite(xr) || !Number.isFinite(xi)) {
        throw new NessrefError("invalid-input", `isDensityMatrix: entry (${i}, ${j}) is not finite`, "");
      }
      mx = Math.max(mx, Math.hypot(xr, xi));
      asym = Math.max(asym, Math.hypot(xr - R[b], xi + I[b]));
      hr[a] = 0.5 * (xr + R[b]);
      hi[a] = 0.5 * (xi - I[b]);
    }
    tr += R[i * n + i];
  }
  const hermitian = asym <= tol * Math.max(1, mx);
  const minEigenvalue = hermEigvalues(complexMatrix(n, n, hr, hi))[0];
  const valid = hermitian && Math.abs(tr - 1) <= tol && minEigenvalue >= -tol;
  return { hermitian, trace: tr, minEigenvalue, valid };
}

/** Result of {@link passiveState}. */
export interface PassiveState {
  /** Eigenvalues E_k of H, ascending. */
  readonly energies: Float64Array;
  /** Eigenvalues r_k of ρ, descending (r_k is placed on level E_k). */
  readonly populations: Float64Array;
  /** The passive state Σ_k r_k |E_k⟩⟨E_k| (commutes with H). */
  readonly state: ComplexMatrix;
}

/**
 * The passive state of ρ with respect to H (Allahverdyan, Balian & Nieuwenhuizen,
 * Europhys. Lett. 67, 565 (2004)): the unitary orbit's minimum-energy state
 * Σ_k r_k |E_k⟩⟨E_k| with ρ's eigenvalues r sorted decreasing placed on H's levels E
 * sorted increasing (MODELS.md §6). Within a degenerate level of H the eigenbasis
 * returned by the eigensolver is used; the energy Σ r_k E_k does not depend on that choice.
 *
 * @param rho - Hermitian density matrix
 * @param H - Hermitian Hamiltonian of the same size
 * @returns the energies, populations and the passive state
 * @throws NessrefError("invalid-input") on mismatched sizes or non-Hermitian input
 *
 * @example
 * ```ts
 * import { complexFromRows } from "nessref/linalg";
 * import { passiveState } from "nessref/quantum";
 * const H = complexFromRows({ re: [[1, 0], [0, -1]] });
 * const rho = complexFromRows({ re: [[0.9, 0], [0, 0.1]] });
 * passiveState(rho, H).state.re; // ≈ [0.1, 0, 0, 0.9]
 * ```
 */
export function passiveState(rho: ComplexMatrix, H: ComplexMatrix): PassiveState {
  const n = checkSquare(rho, "passiveState", "ρ");
  if (H.rows !== n || H.cols !== n) {
    throw new NessrefError("invalid-input", `passiveState: ρ is ${n}×${n} but H is ${H.rows}×${H.cols}`, "");
  }
  const { values: energies, vectors } = hermEig(H);
  const asc = hermEigvalues(rho);
  const populations = new Float64Array(n);
  for (let k = 0; k < n; k++) populations[k] = asc[n - 1 - k];
  return { energies, populations, state: spectralSum(vectors, populations) };
}

/**
 * Ergotropy 𝓔(ρ, H) = Tr(ρH) − Σ_k r_k E_k, the maximal work extractable from ρ by a
 * cyclic unitary (Allahverdyan, Balian & Nieuwenhuizen 2004; MODELS.md §6), r sorted
 * decreasing and E increasing. Non-negative up to rounding (≈ n ε ‖H‖ ‖ρ‖); zero exactly
 * for passive states, e.g. Gibbs states with β ≥ 0.
 *
 * @param rho - Hermitian density matrix
 * @param H - Hermitian Hamiltonian of the same size
 * @returns the ergotropy (energy units of H)
 * @throws NessrefError("invalid-input") on mismatched sizes or non-Hermitian input
 *
 * @example
 * ```ts
 * import { complexFromRows } from "nessref/linalg";
 * import { ergotropy } from "nessref/quantum";
 * const H = complexFromRows({ re: [[1, 0], [0, -1]] });
 * ergotropy(complexFromRows({ re: [[1, 0], [0, 0]] }), H); // 2 (excited state → ground state)
 * ```
 */
export function ergotropy(rho: ComplexMatrix, H: ComplexMatrix): number {
  const n = checkSquare(rho, "ergotropy", "ρ");
  if (H.rows !== n || H.cols !== n) {
    throw new NessrefError("invalid-input", `ergotropy: ρ is ${n}×${n} but H is ${H.rows}×${H.cols}`, "");
  }
  const E = hermEigvalues(H);
  const r = hermEigvalues(rho);
  // Re Tr(ρH) = Re Σ_ij ρ_ij H_ji
  let energy = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const a = i * n + j;
      const b = j * n + i;
      energy += rho.re[a] * H.re[b] - rho.im[a] * H.im[b];
    }
  }
  let passive = 0;
  for (let k = 0; k < n; k++) passive += r[n - 1 - k] * E[k];
  return energy - passive;
}

/**
 * The Gibbs state e^{−βH}/Z from the eigen-decomposition of H. Numerically stable for
 * any finite β, including negative β (population inversion): the weights are computed as
 * e^{−β(E_k − E*)} with E* the lowest level for β ≥ 0 and the highest for β < 0, so every
 * exponent is ≤ 0 and the largest weight is exactly 1.
 *
 * @param H - Hermitian Hamiltonian
 * @param beta - inverse temperature (finite, may be negative)
 * @returns the density matrix e^{−βH}/Tr e^{−βH}
 * @throws NessrefError("invalid-input") for non-finite β or non-Hermitian H
 *
 * @example
 * ```ts
 * import { complexFromRows } from "nessref/linalg";
 * import { gibbsState } from "nessref/quantum";
 * const H = complexFromRows({ re: [[1, 0], [0, -1]] });
 * gibbsState(H, 0).re; // [0.5, 0, 0, 0.5]
 * ```
 */
export function gibbsState(H: ComplexMatrix, beta: number): ComplexMatrix {
  const n = checkSquare(H, "gibbsState", "H");
  if (!Number.isFinite(beta)) throw new NessrefError("invalid-input", `gibbsState: β must be finite, got ${beta}`, "");
  const { values, vectors } = hermEig(H);
  const ref = beta >= 0 ? values[0] : values[n - 1];
  const w = new Float64Array(n);
  let Z = 0;
  for (let k = 0; k < n; k++) {
    w[k] = Math.exp(-beta * (values[k] - ref));
    Z += w[k];
  }
  for (let k = 0; k < n; k++) w[k] /= Z;
  return spectralSum(vectors, w);
}
