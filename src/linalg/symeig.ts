/**
 * Eigen-decomposition of real symmetric and complex Hermitian matrices.
 *
 * Both reduce the matrix to a real symmetric tridiagonal T by Householder similarity
 * transformations (Golub & Van Loan, Matrix Computations, 4th ed., Alg. 8.3.1, using
 * only the lower triangle), then diagonalise T with the library's single implicit-QR
 * tridiagonal solver {@link tridiagQRInPlace} (Wilkinson shifts, GVL Alg. 8.3.3),
 * accumulating its rotations directly onto the reduction's orthogonal (unitary) factor.
 *
 * For a Hermitian matrix the complex Householder reduction produces a Hermitian
 * tridiagonal matrix with complex off-diagonal entries tₖ; their phases are absorbed into
 * a diagonal unitary D (D†T D has real off-diagonal |tₖ|), so the same real solver is used.
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { accumulateReflectors } from "./kernels.js";
import { complexMatrix, type ComplexMatrix, type RealMatrix } from "./matrix.js";
import { ascendingOrder, rowsToColumns, tridiagQRInPlace } from "./tridiag.js";

function requireSquare(op: string, A: { rows: number; cols: number }): void {
  if (A.rows !== A.cols) throw new NessrefError("invalid-input", `${op}: matrix ${A.rows}×${A.cols} is not square`, "");
}

/** Validate symmetry; return a scaled, symmetrised copy and the scale (max |aᵢⱼ|). */
function prepareSymmetric(op: string, A: RealMatrix): { a: Float64Array; mx: number } {
  requireSquare(op, A);
  const n = A.rows;
  const src = A.data;
  let mx = 0;
  for (let i = 0; i < src.length; i++) {
    const v = Math.abs(src[i]);
    if (!(v <= Number.MAX_VALUE)) throw new NessrefError("invalid-input", `${op}: matrix has a non-finite entry`, "");
    if (v > mx) mx = v;
  }
  let asym = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) asym = Math.max(asym, Math.abs(src[i * n + j] - src[j * n + i]));
  if (asym > 1e-10 * mx) {
    throw new NessrefError("invalid-input", `${op}: matrix is not symmetric (max |aᵢⱼ − aⱼᵢ| = ${asym.toExponential(3)}, max |aᵢⱼ| = ${mx.toExponential(3)})`, "");
  }
  const dv = mx > 0 ? mx : 1; // divide (not multiply by 1/mx, which overflows for denormal mx)
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = (0.5 * src[i * n + j]) / dv + (0.5 * src[j * n + i]) / dv;
  return { a, mx };
}

/**
 * Householder tridiagonalisation of the symmetric matrix held in the lower triangle of `a`
 * (GVL Alg. 8.3.1). Returns diagonal d, off-diagonal e, and the Householder vectors
 * (row k of `V` holds vₖ in columns k+1…n−1) with their βₖ.
 */
function tridiagonalize(a: Float64Array, n: number): { d: Float64Array; e: Float64Array; V: Float64Array; beta: Float64Array } {
  const d = new Float64Array(n);
  const e = new Float64Array(Math.max(n - 1, 0));
  const V = new Float64Array(n * n);
  const beta = new Float64Array(n);
  const p = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    d[k] = a[k * n + k];
    const vo = k * n;
    // x = A[k+1.., k]
    // x = A[k+1.., k]; if it is already a multiple of e₁ no reflection is needed
    let mxx = 0;
    for (let i = k + 2; i < n; i++) mxx = Math.max(mxx, Math.abs(a[i * n + k]));
    if (mxx === 0) {
      e[k] = a[(k + 1) * n + k];
      beta[k] = 0;
      continue;
    }
    mxx = Math.max(mxx, Math.abs(a[(k + 1) * n + k]));
    // the reflector is invariant under scaling of v; work with x / max|xᵢ| so ‖x‖² cannot underflow
    let sq = 0;
    for (let i = k + 1; i < n; i++) {
      const x = a[i * n + k] / mxx;
      V[vo + i] = x;
      sq += x * x;
    }
    const xn = Math.sqrt(sq);
    const x1 = V[vo + k + 1];
    const alpha = x1 >= 0 ? -xn : xn;
    V[vo + k + 1] = x1 - alpha;
    const b = 1 / (xn * (xn + Math.abs(x1)));
    beta[k] = b;
    e[k] = alpha * mxx;
    // p = β A' v over the lower triangle of the trailing block
    for (let i = k + 1; i < n; i++) p[i] = 0;
    for (let i = k + 1; i < n; i++) {
      const io = i * n;
      const vi = V[vo + i];
      let s = a[io + i] * vi;
      for (let j = k + 1; j < i; j++) {
        const aij = a[io + j];
        s += aij * V[vo + j];
        p[j] += aij * vi;
      }
      p[i] += s;
    }
    let vp = 0;
    for (let i = k + 1; i < n; i++) {
      p[i] *= b;
      vp += V[vo + i] * p[i];
    }
    const K = (b * vp) / 2;
    for (let i = k + 1; i < n; i++) p[i] -= K * V[vo + i]; // p now holds w
    // A' -= v wᵀ + w vᵀ (lower triangle)
    for (let i = k + 1; i < n; i++) {
      const io = i * n;
      const vi = V[vo + i];
      const wi = p[i];
      for (let j = k + 1; j <= i; j++) a[io + j] -= vi * p[j] + wi * V[vo + j];
    }
  }
  if (n >= 2) {
    d[n - 2] = a[(n - 2) * n + n - 2];
    e[n - 2] = a[(n - 1) * n + n - 2];
  }
  if (n >= 1) d[n - 1] = a[(n - 1) * n + n - 1];
  return { d, e, V, beta };
}

/**
 * Qᵀ = H_{n−3}···H_0 as a row-major n×n array: Q = H_0···H_{n−3} is formed by the blocked
 * (compact-WY) backward accumulation {@link accumulateReflectors}, then transposed.
 */
function formQt(V: Float64Array, beta: Float64Array, n: number): Float64Array {
  const Q = new Float64Array(n * n);
  if (n < 3) { for (let i = 0; i < n; i++) Q[i * n + i] = 1; return Q; }
  accumulateReflectors(Q, n, n, V, n, beta, n - 3, 1);
  const M = new Float64Array(n * n);
  for (let i0 = 0; i0 < n; i0 += 32) {
    const i1 = Math.min(n, i0 + 32);
    for (let j0 = 0; j0 < n; j0 += 32) {
      const j1 = Math.min(n, j0 + 32);
      for (let i = i0; i < i1; i++) for (let j = j0; j < j1; j++) M[j * n + i] = Q[i * n + j];
    }
  }
  return M;
}

/**
 * Eigen-decomposition A = V Λ Vᵀ of a real symmetric matrix.
 *
 * Householder tridiagonalisation (Golub & Van Loan, 4th ed., Alg. 8.3.1) followed by
 * implicit symmetric QR with Wilkinson shifts (Alg. 8.3.3), rotations accumulated onto
 * the Householder factor. Backward stable: the computed pairs are exact for A + E with
 * ‖E‖ = O(n ε ‖A‖); eigenvalue errors are O(n ε ‖A‖) (Weyl).
 *
 * @param A - n×n real symmetric matrix (relative asymmetry > 1e-10 is rejected)
 * @returns eigenvalues ascending, and eigenvectors as orthonormal COLUMNS (A V = V Λ)
 * @throws NessrefError("invalid-input") if A is not square, not finite or not symmetric
 *
 * @example
 * ```ts
 * import { fromRows, symEig } from "nessref/linalg";
 * const { values, vectors } = symEig(fromRows([[2, 1], [1, 2]]));
 * // values ≈ [1, 3]; vectors columns ≈ (1, −1)/√2 and (1, 1)/√2 up to sign
 * ```
 */
export function symEig(A: RealMatrix): {
  /** eigenvalues in ascending order */ values: Float64Array;
  /** orthonormal eigenvectors as columns, in the order of `values` */ vectors: RealMatrix;
} {
  const { a, mx } = prepareSymmetric("symEig", A);
  const n = A.rows;
  const { d, e, V, beta } = tridiagonalize(a, n);
  const W = formQt(V, beta, n);
  tridiagQRInPlace(d, e, [W], n);
  const order = ascendingOrder(d);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = d[order[i]] * mx;
  return { values, vectors: rowsToColumns(W, n, n, order) };
}

/**
 * Eigenvalues (ascending) of a real symmetric matrix, without eigenvectors (cheaper:
 * tridiagonalisation plus O(n²) QR iteration). Same method and accuracy as {@link symEig}.
 *
 * @param A - n×n real symmetric matrix
 * @returns eigenvalues ascending
 * @throws NessrefError("invalid-input") if A is not square, not finite or not symmetric
 *
 * @example
 * ```ts
 * import { fromRows, symEigvalues } from "nessref/linalg";
 * symEigvalues(fromRows([[2, 1], [1, 2]])); // ≈ [1, 3]
 * ```
 */
export function symEigvalues(A: RealMatrix): Float64Array {
  const { a, mx } = prepareSymmetric("symEigvalues", A);
  const n = A.rows;
  const { d, e } = tridiagonalize(a, n);
  tridiagQRInPlace(d, e);
  const order = ascendingOrder(d);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = d[order[i]] * mx;
  return values;
}

// ---------------------------------------------------------------- Hermitian

/** Validate hermiticity; return scaled, hermitised lower-triangle copies and the scale. */
function prepareHermitian(op: string, A: ComplexMatrix): { ar: Float64Array; ai: Float64Array; mx: number } {
  requireSquare(op, A);
  const n = A.rows;
  const sr = A.re;
  const si = A.im;
  let mx = 0;
  for (let i = 0; i < sr.length; i++) {
    const v = Math.hypot(sr[i], si[i]);
    if (!(v <= Number.MAX_VALUE)) throw new NessrefError("invalid-input", `${op}: matrix has a non-finite entry`, "");
    if (v > mx) mx = v;
  }
  let asym = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const ij = i * n + j;
      const ji = j * n + i;
      asym = Math.max(asym, Math.hypot(sr[ij] - sr[ji], si[ij] + si[ji]));
    }
  }
  if (asym > 1e-10 * mx) {
    throw new NessrefError("invalid-input", `${op}: matrix is not Hermitian (max |aᵢⱼ − conj(aⱼᵢ)| = ${asym.toExponential(3)}, max |aᵢⱼ| = ${mx.toExponential(3)})`, "");
  }
  const dv = mx > 0 ? mx : 1; // divide (not multiply by 1/mx, which overflows for denormal mx)
  const ar = new Float64Array(n * n);
  const ai = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const ij = i * n + j;
      const ji = j * n + i;
      ar[ij] = (0.5 * sr[ij]) / dv + (0.5 * sr[ji]) / dv;
      ai[ij] = j === i ? 0 : (0.5 * si[ij]) / dv - (0.5 * si[ji]) / dv;
    }
  }
  return { ar, ai, mx };
}

/**
 * Complex Householder tridiagonalisation of the Hermitian matrix in the lower triangle of
 * (ar, ai): H = I − β v v†, H x = α e₁ with α = −e^{iθ}‖x‖, x₁ = |x₁|e^{iθ}.
 * Returns the real diagonal, the complex sub-diagonal tₖ and the Householder vectors.
 */
function htridiagonalize(ar: Float64Array, ai: Float64Array, n: number) {
  const d = new Float64Array(n);
  const tr = new Float64Array(Math.max(n - 1, 0));
  const ti = new Float64Array(Math.max(n - 1, 0));
  const Vr = new Float64Array(n * n);
  const Vi = new Float64Array(n * n);
  const beta = new Float64Array(n);
  const pr = new Float64Array(n);
  const pi = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    d[k] = ar[k * n + k];
    const vo = k * n;
    let mxx = 0;
    for (let i = k + 2; i < n; i++) mxx = Math.max(mxx, Math.abs(ar[i * n + k]), Math.abs(ai[i * n + k]));
    if (mxx === 0) {
      tr[k] = ar[(k + 1) * n + k];
      ti[k] = ai[(k + 1) * n + k];
      beta[k] = 0;
      continue;
    }
    mxx = Math.max(mxx, Math.abs(ar[(k + 1) * n + k]), Math.abs(ai[(k + 1) * n + k]));
    // scaled reflector (v ↦ v/s, β ↦ β s² leaves H unchanged): ‖x‖² cannot underflow
    let sq = 0;
    for (let i = k + 1; i < n; i++) {
      const xr = ar[i * n + k] / mxx;
      const xi = ai[i * n + k] / mxx;
      Vr[vo + i] = xr;
      Vi[vo + i] = xi;
      sq += xr * xr + xi * xi;
    }
    const xn = Math.sqrt(sq);
    const x1r = Vr[vo + k + 1];
    const x1i = Vi[vo + k + 1];
    const x1a = Math.hypot(x1r, x1i);
    const phr = x1a === 0 ? 1 : x1r / x1a;
    const phi = x1a === 0 ? 0 : x1i / x1a;
    const alr = -phr * xn;
    const ali = -phi * xn;
    Vr[vo + k + 1] = x1r - alr;
    Vi[vo + k + 1] = x1i - ali;
    const b = 1 / (xn * (xn + x1a));
    beta[k] = b;
    tr[k] = alr * mxx;
    ti[k] = ali * mxx;
    // p = β A' v, A' Hermitian with lower triangle stored
    for (let i = k + 1; i < n; i++) {
      pr[i] = 0;
      pi[i] = 0;
    }
    for (let i = k + 1; i < n; i++) {
      const io = i * n;
      const vr = Vr[vo + i];
      const vi = Vi[vo + i];
      const aii = ar[io + i];
      let sr = aii * vr;
      let si = aii * vi;
      for (let j = k + 1; j < i; j++) {
        const a = ar[io + j];
        const c = ai[io + j];
        const ur = Vr[vo + j];
        const ui = Vi[vo + j];
        sr += a * ur - c * ui;
        si += a * ui + c * ur;
        // p_j += conj(a_ij) v_i
        pr[j] += a * vr + c * vi;
        pi[j] += a * vi - c * vr;
      }
      pr[i] += sr;
      pi[i] += si;
    }
    let vp = 0; // Re(v† p)
    for (let i = k + 1; i < n; i++) {
      pr[i] *= b;
      pi[i] *= b;
      vp += Vr[vo + i] * pr[i] + Vi[vo + i] * pi[i];
    }
    const K = (b * vp) / 2;
    for (let i = k + 1; i < n; i++) {
      pr[i] -= K * Vr[vo + i];
      pi[i] -= K * Vi[vo + i];
    }
    // A' -= v w† + w v† (lower triangle)
    for (let i = k + 1; i < n; i++) {
      const io = i * n;
      const vr = Vr[vo + i];
      const vi = Vi[vo + i];
      const wr = pr[i];
      const wi = pi[i];
      for (let j = k + 1; j <= i; j++) {
        const wjr = pr[j];
        const wji = pi[j];
        const vjr = Vr[vo + j];
        const vji = Vi[vo + j];
        // v_i conj(w_j) + w_i conj(v_j)
        ar[io + j] -= vr * wjr + vi * wji + wr * vjr + wi * vji;
        ai[io + j] -= vi * wjr - vr * wji + wi * vjr - wr * vji;
      }
    }
    ai[(k + 1) * n + k + 1] = 0;
  }
  if (n >= 2) {
    d[n - 2] = ar[(n - 2) * n + n - 2];
    tr[n - 2] = ar[(n - 1) * n + n - 2];
    ti[n - 2] = ai[(n - 1) * n + n - 2];
  }
  if (n >= 1) d[n - 1] = ar[(n - 1) * n + n - 1];
  return { d, tr, ti, Vr, Vi, beta };
}

/** Real off-diagonal |tₖ| and the diagonal phases φ with φ₀ = 1, φₖ₊₁ = φₖ·tₖ/|tₖ|. */
function absorbPhases(tr: Float64Array, ti: Float64Array, n: number) {
  const e = new Float64Array(Math.max(n - 1, 0));
  const fr = new Float64Array(n);
  const fi = new Float64Array(n);
  if (n > 0) fr[0] = 1;
  for (let k = 0; k < n - 1; k++) {
    const a = Math.hypot(tr[k], ti[k]);
    e[k] = a;
    if (a === 0) {
      fr[k + 1] = fr[k];
      fi[k + 1] = fi[k];
    } else {
      const cr = tr[k] / a;
      const ci = ti[k] / a;
      fr[k + 1] = fr[k] * cr - fi[k] * ci;
      fi[k + 1] = fr[k] * ci + fi[k] * cr;
    }
  }
  return { e, fr, fi };
}

/**
 * Eigen-decomposition A = V Λ V† of a complex Hermitian matrix.
 *
 * Complex Householder reduction to Hermitian tridiagonal form (Golub & Van Loan, 4th ed.,
 * Alg. 8.3.1 over ℂ), phases of the off-diagonal absorbed into a diagonal unitary so the
 * tridiagonal matrix is real symmetric, then the real implicit-QR solver
 * ({@link tridiagQRInPlace}) with its rotations applied to the unitary factor.
 * Backward stable; eigenvalue errors are O(n ε ‖A‖).
 *
 * @param A - n×n complex Hermitian matrix (relative non-hermiticity > 1e-10 is rejected)
 * @returns real eigenvalues ascending, and eigenvectors as orthonormal COLUMNS (A V = V Λ)
 * @throws NessrefError("invalid-input") if A is not square, not finite or not Hermitian
 *
 * @example
 * ```ts
 * import { complexFromRows, hermEig } from "nessref/linalg";
 * const Y = complexFromRows({ re: [[0, 0], [0, 0]], im: [[0, -1], [1, 0]] }); // σʸ
 * hermEig(Y).values; // ≈ [-1, 1]
 * ```
 */
export function hermEig(A: ComplexMatrix): {
  /** eigenvalues in ascending order */ values: Float64Array;
  /** orthonormal eigenvectors as columns, in the order of `values` */ vectors: ComplexMatrix;
} {
  const { ar, ai, mx } = prepareHermitian("hermEig", A);
  const n = A.rows;
  const { d, tr, ti, Vr, Vi, beta } = htridiagonalize(ar, ai, n);
  const { e, fr, fi } = absorbPhases(tr, ti, n);
  // W0 = Zᵀ with Z = Q D: Qᵀ = H_{n−3}ᵀ···H_0ᵀ, Hᵀ = I − β conj(v) vᵀ; then row i scaled by φᵢ.
  const Wr = new Float64Array(n * n);
  const Wi = new Float64Array(n * n);
  for (let i = 0; i < n; i++) Wr[i * n + i] = 1;
  for (let k = n - 3; k >= 0; k--) {
    const b = beta[k];
    if (b === 0) continue;
    const vo = k * n;
    for (let i = k + 1; i < n; i++) {
      const io = i * n;
      // s = β Σ_j M_ij conj(v_j)
      let sr = 0;
      let si = 0;
      for (let j = k + 1; j < n; j++) {
        const mr = Wr[io + j];
        const mi = Wi[io + j];
        const vr = Vr[vo + j];
        const vi = Vi[vo + j];
        sr += mr * vr + mi * vi;
        si += mi * vr - mr * vi;
      }
      sr *= b;
      si *= b;
      if (sr === 0 && si === 0) continue;
      // M_ij -= s v_j
      for (let j = k + 1; j < n; j++) {
        const vr = Vr[vo + j];
        const vi = Vi[vo + j];
        Wr[io + j] -= sr * vr - si * vi;
        Wi[io + j] -= sr * vi + si * vr;
      }
    }
  }
  for (let i = 1; i < n; i++) {
    const io = i * n;
    const pr = fr[i];
    const pi = fi[i];
    for (let j = 0; j < n; j++) {
      const a = Wr[io + j];
      const c = Wi[io + j];
      Wr[io + j] = pr * a - pi * c;
      Wi[io + j] = pr * c + pi * a;
    }
  }
  tridiagQRInPlace(d, e, [Wr, Wi], n);
  const order = ascendingOrder(d);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = d[order[i]] * mx;
  const Re = rowsToColumns(Wr, n, n, order);
  const Im = rowsToColumns(Wi, n, n, order);
  return { values, vectors: complexMatrix(n, n, Re.data, Im.data) };
}

/**
 * Eigenvalues (ascending) of a complex Hermitian matrix, without eigenvectors. Same
 * method and accuracy as {@link hermEig}.
 *
 * @param A - n×n complex Hermitian matrix
 * @returns real eigenvalues ascending
 * @throws NessrefError("invalid-input") if A is not square, not finite or not Hermitian
 *
 * @example
 * ```ts
 * import { complexFromRows, hermEigvalues } from "nessref/linalg";
 * hermEigvalues(complexFromRows({ re: [[1, 0], [0, 1]], im: [[0, -1], [1, 0]] })); // ≈ [0, 2]
 * ```
 */
export function hermEigvalues(A: ComplexMatrix): Float64Array {
  const { ar, ai, mx } = prepareHermitian("hermEigvalues", A);
  const n = A.rows;
  const { d, tr, ti } = htridiagonalize(ar, ai, n);
  const { e } = absorbPhases(tr, ti, n);
  tridiagQRInPlace(d, e);
  const order = ascendingOrder(d);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = d[order[i]] * mx;
  return values;
}
