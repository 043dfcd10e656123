/**
 * Householder QR factorisation A = QR of real and complex m×n matrices
 * (Golub & Van Loan, Matrix Computations, 4th ed., Alg. 5.2.1; Q formed by backward
 * accumulation, §5.1.6). Every reflection is applied by streaming whole rows of the
 * row-major storage.
 *
 * @module
 */
import { complexMatrix, realMatrix, type ComplexMatrix, type RealMatrix } from "./matrix.js";

/**
 * Householder QR factorisation A = QR of a real m×n matrix (Golub & Van Loan, 4th ed.,
 * Alg. 5.2.1). Reflectors Hₖ = I − βₖvₖvₖᵀ with Hₖx = αe₁, α = −sign(x₁)‖x‖.
 *
 * @param A - m×n real matrix (not modified)
 * @param opts - `thin: true` for the economy form (Q m×min(m,n), R min(m,n)×n); default full
 * @returns Q with orthonormal columns (m×m when full) and upper-triangular R
 *
 * @example
 * ```ts
 * import { fromRows, qr, matmul } from "nessref/linalg";
 * const A = fromRows([[1, 2], [3, 4], [5, 6]]);
 * const { Q, R } = qr(A, { thin: true }); // Q is 3×2, R is 2×2 upper triangular
 * matmul(Q, R); // ≈ A
 * ```
 */
export function qr(A: RealMatrix, opts?: { thin?: boolean }): {
  /** orthogonal factor (m×m, or m×min(m,n) when thin) */ Q: RealMatrix;
  /** upper-triangular factor */ R: RealMatrix;
} {
  const m = A.rows;
  const n = A.cols;
  const t = Math.min(m, n);
  const a = Float64Array.from(A.data);
  const V = new Float64Array(t * m); // row k holds vₖ in entries k…m−1
  const beta = new Float64Array(t);
  const u = new Float64Array(Math.max(n, m));
  for (let k = 0; k < t; k++) {
    const vo = k * m;
    let mxx = 0;
    for (let i = k + 1; i < m; i++) mxx = Math.max(mxx, Math.abs(a[i * n + k]));
    if (mxx === 0) continue; // column already reduced: Hₖ = I
    mxx = Math.max(mxx, Math.abs(a[k * n + k]));
    // scaled reflector (H unchanged under v ↦ v/s, β ↦ βs²): ‖x‖² cannot underflow or overflow
    let sq = 0;
    for (let i = k; i < m; i++) {
      const x = a[i * n + k] / mxx;
      V[vo + i] = x;
      sq += x * x;
    }
    const xn = Math.sqrt(sq);
    const x1 = V[vo + k];
    const alpha = x1 >= 0 ? -xn : xn;
    V[vo + k] = x1 - alpha;
    const b = 1 / (xn * (xn + Math.abs(x1)));
    beta[k] = b;
    // A[k:, k:] -= β v (vᵀ A[k:, k:])
    applyLeft(a, n, k, m, k, n, V, vo, b, u);
  }
  const thin = opts?.thin === true;
  const qc = thin ? t : m;
  const rr = thin ? t : m;
  const R = new Float64Array(rr * n);
  for (let i = 0; i < Math.min(rr, m); i++) {
    for (let j = i; j < n; j++) R[i * n + j] = a[i * n + j];
  }
  // Q = H_0 … H_{t−1} I[:, :qc], backward accumulation
  const Q = new Float64Array(m * qc);
  for (let i = 0; i < qc; i++) Q[i * qc + i] = 1;
  for (let k = t - 1; k >= 0; k--) {
    if (beta[k] === 0) continue;
    applyLeft(Q, qc, k, m, k < qc ? k : qc, qc, V, k * m, beta[k], u);
  }
  return { Q: realMatrix(m, qc, Q), R: realMatrix(rr, n, R) };
}

/** X[r0:r1, c0:c1] -= β v (vᵀ X[r0:r1, c0:c1]) for row-major X with row length w. */
function applyLeft(
  X: Float64Array,
  w: number,
  r0: number,
  r1: number,
  c0: number,
  c1: number,
  V: Float64Array,
  vo: number,
  b: number,
  u: Float64Array,
): void {
  for (let j = c0; j < c1; j++) u[j] = 0;
  for (let i = r0; i < r1; i++) {
    const vi = V[vo + i];
    if (vi === 0) continue;
    const io = i * w;
    for (let j = c0; j < c1; j++) u[j] += vi * X[io + j];
  }
  for (let j = c0; j < c1; j++) u[j] *= b;
  for (let i = r0; i < r1; i++) {
    const vi = V[vo + i];
    if (vi === 0) continue;
    const io = i * w;
    for (let j = c0; j < c1; j++) X[io + j] -= vi * u[j];
  }
}

/** Complex X[r0:r1, c0:c1] -= β v (v† X[r0:r1, c0:c1]). */
function capplyLeft(
  Xr: Float64Array,
  Xi: Float64Array,
  w: number,
  r0: number,
  r1: number,
  c0: number,
  c1: number,
  Vr: Float64Array,
  Vi: Float64Array,
  vo: number,
  b: number,
  ur: Float64Array,
  ui: Float64Array,
): void {
  for (let j = c0; j < c1; j++) {
    ur[j] = 0;
    ui[j] = 0;
  }
  for (let i = r0; i < r1; i++) {
    const vr = Vr[vo + i];
    const vi = -Vi[vo + i]; // conj(v_i)
    if (vr === 0 && vi === 0) continue;
    const io = i * w;
    for (let j = c0; j < c1; j++) {
      const xr = Xr[io + j];
      const xi = Xi[io + j];
      ur[j] += vr * xr - vi * xi;
      ui[j] += vr * xi + vi * xr;
    }
  }
  for (let j = c0; j < c1; j++) {
    ur[j] *= b;
    ui[j] *= b;
  }
  for (let i = r0; i < r1; i++) {
    const vr = Vr[vo + i];
    const vi = Vi[vo + i];
    if (vr === 0 && vi === 0) continue;
    const io = i * w;
    for (let j = c0; j < c1; j++) {
      Xr[io + j] -= vr * ur[j] - vi * ui[j];
      Xi[io + j] -= vr * ui[j] + vi * ur[j];
    }
  }
}

/**
 * Householder QR factorisation A = QR of a complex m×n matrix (Golub & Van Loan, 4th ed.,
 * Alg. 5.2.1 over ℂ). Reflectors Hₖ = I − βₖvₖvₖ† with Hₖx = αe₁, α = −e^{iθ}‖x‖ where
 * x₁ = |x₁|e^{iθ}; the diagonal of R is therefore complex in general.
 *
 * @param A - m×n complex matrix (not modified)
 * @param opts - `thin: true` for the economy form (Q m×min(m,n), R min(m,n)×n); default full
 * @returns unitary (full) or column-orthonormal (thin) Q and upper-triangular R
 *
 * @example
 * ```ts
 * import { complexFromRows, cqr } from "nessref/linalg";
 * const { Q, R } = cqr(complexFromRows({ re: [[1, 0], [0, 1]], im: [[0, 1], [1, 0]] }));
 * // Q unitary, R upper triangular, Q·R ≈ A
 * ```
 */
export function cqr(A: ComplexMatrix, opts?: { thin?: boolean }): {
  /** unitary factor (m×m, or m×min(m,n) when thin) */ Q: ComplexMatrix;
  /** upper-triangular factor */ R: ComplexMatrix;
} {
  const m = A.rows;
  const n = A.cols;
  const t = Math.min(m, n);
  const ar = Float64Array.from(A.re);
  const ai = Float64Array.from(A.im);
  const Vr = new Float64Array(t * m);
  const Vi = new Float64Array(t * m);
  const beta = new Float64Array(t);
  const ur = new Float64Array(Math.max(n, m));
  const ui = new Float64Array(Math.max(n, m));
  for (let k = 0; k < t; k++) {
    const vo = k * m;
    let mxx = 0;
    for (let i = k + 1; i < m; i++) mxx = Math.max(mxx, Math.abs(ar[i * n + k]), Math.abs(ai[i * n + k]));
    if (mxx === 0) continue; // column already reduced: Hₖ = I
    mxx = Math.max(mxx, Math.abs(ar[k * n + k]), Math.abs(ai[k * n + k]));
    let sq = 0;
    for (let i = k; i < m; i++) {
      const xr = ar[i * n + k] / mxx;
      const xi = ai[i * n + k] / mxx;
      Vr[vo + i] = xr;
      Vi[vo + i] = xi;
      sq += xr * xr + xi * xi;
    }
    const xn = Math.sqrt(sq);
    const x1r = Vr[vo + k];
    const x1i = Vi[vo + k];
    const x1a = Math.hypot(x1r, x1i);
    const pr = x1a === 0 ? 1 : x1r / x1a;
    const pi = x1a === 0 ? 0 : x1i / x1a;
    Vr[vo + k] = x1r + pr * xn;
    Vi[vo + k] = x1i + pi * xn;
    const b = 1 / (xn * (xn + x1a));
    beta[k] = b;
    capplyLeft(ar, ai, n, k, m, k, n, Vr, Vi, vo, b, ur, ui);
  }
  const thin = opts?.thin === true;
  const qc = thin ? t : m;
  const rr = thin ? t : m;
  const Rr = new Float64Array(rr * n);
  const Ri = new Float64Array(rr * n);
  for (let i = 0; i < Math.min(rr, m); i++) {
    for (let j = i; j < n; j++) {
      Rr[i * n + j] = ar[i * n + j];
      Ri[i * n + j] = ai[i * n + j];
    }
  }
  const Qr = new Float64Array(m * qc);
  const Qi = new Float64Array(m * qc);
  for (let i = 0; i < qc; i++) Qr[i * qc + i] = 1;
  for (let k = t - 1; k >= 0; k--) {
    if (beta[k] === 0) continue;
    capplyLeft(Qr, Qi, qc, k, m, k < qc ? k : qc, qc, Vr, Vi, k * m, beta[k], ur, ui);
  }
  return { Q: complexMatrix(m, qc, Qr, Qi), R: complexMatrix(rr, n, Rr, Ri) };
}
