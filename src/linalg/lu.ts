/**
 * LU factorisation with partial pivoting, PA = LU, for real and complex square matrices,
 * with solves, determinants, inverses and a 1-norm condition estimate.
 *
 * The factorisation is the right-looking (outer-product) Gaussian elimination of
 * Golub & Van Loan, Matrix Computations, 4th ed., Alg. 3.4.1, arranged so that every
 * update streams whole rows of the row-major storage. L (unit lower) and U share one
 * array. The condition estimate is Hager's method with Higham's refinements
 * (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., Alg. 15.4).
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { complexMatrix, realMatrix, type ComplexMatrix, type ComplexVector, type RealMatrix } from "./matrix.js";

/**
 * Real LU factors PA = LU (Golub & Van Loan, 4th ed., Alg. 3.4.1).
 *
 * @example
 * ```ts
 * import { fromRows, luFactor } from "nessref/linalg";
 * const f = luFactor(fromRows([[0, 1], [1, 0]]));
 * f.sign; // -1  (one row interchange)
 * ```
 */
export interface LUFactors {
  /** Order of the matrix. */
  readonly n: number;
  /** L (strictly lower part, unit diagonal implied) and U (upper part incl. diagonal), row-major n×n. */
  readonly lu: Float64Array;
  /** Row permutation: row i of PA is row `piv[i]` of A. */
  readonly piv: Int32Array;
  /** Sign of the permutation P (det P). */
  readonly sign: 1 | -1;
  /** True when some pivot was exactly zero (A is singular to working precision in this elimination). */
  readonly singular: boolean;
  /** ‖A‖₁ of the factored matrix (for condition estimates). */
  readonly normA1: number;
}

/**
 * Complex LU factors PA = LU, split storage (as {@link LUFactors}).
 *
 * @example
 * ```ts
 * import { complexIdentity, cluFactor } from "nessref/linalg";
 * cluFactor(complexIdentity(2)).singular; // false
 * ```
 */
export interface CLUFactors {
  /** Order of the matrix. */
  readonly n: number;
  /** Real parts of the combined L\U array, row-major n×n. */
  readonly re: Float64Array;
  /** Imaginary parts of the combined L\U array, row-major n×n. */
  readonly im: Float64Array;
  /** Row permutation: row i of PA is row `piv[i]` of A. */
  readonly piv: Int32Array;
  /** Sign of the permutation P (det P). */
  readonly sign: 1 | -1;
  /** True when some pivot was exactly zero. */
  readonly singular: boolean;
  /** ‖A‖₁ of the factored matrix (moduli of entries). */
  readonly normA1: number;
}

function requireSquare(op: string, A: { rows: number; cols: number }): void {
  if (A.rows !== A.cols) throw new NessrefError("invalid-input", `${op}: matrix ${A.rows}×${A.cols} is not square`, "");
}

function singularError(op: string): NessrefError {
  return new NessrefError("singular", `${op}: the matrix is singular (an exactly zero pivot in LU with partial pivoting)`, "");
}

/**
 * LU factorisation with partial pivoting, PA = LU (Golub & Van Loan, 4th ed., Alg. 3.4.1).
 *
 * Does not throw on a singular matrix: it sets `singular` and leaves that column
 * uneliminated; solves on such factors throw `NessrefError("singular")`.
 *
 * @param A - n×n real matrix (not modified)
 * @returns the factors
 *
 * @example
 * ```ts
 * import { fromRows, luFactor, luDet } from "nessref/linalg";
 * luDet(luFactor(fromRows([[2, 1], [1, 3]]))); // 5
 * ```
 */
export function luFactor(A: RealMatrix): LUFactors {
  requireSquare("luFactor", A);
  const n = A.rows;
  const a = Float64Array.from(A.data);
  const piv = new Int32Array(n);
  for (let i = 0; i < n; i++) piv[i] = i;
  // ‖A‖₁
  const colSum = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * n;
    for (let j = 0; j < n; j++) colSum[j] += Math.abs(a[o + j]);
  }
  let normA1 = 0;
  for (let j = 0; j < n; j++) if (colSum[j] > normA1 || Number.isNaN(colSum[j])) normA1 = colSum[j];

  let sign: 1 | -1 = 1;
  let singular = false;
  for (let k = 0; k < n; k++) {
    // pivot search in column k
    let p = k;
    let mx = Math.abs(a[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k]);
      if (v > mx) {
        mx = v;
        p = i;
      }
    }
    if (p !== k) {
      const po = p * n;
      const ko = k * n;
      for (let j = 0; j < n; j++) {
        const t = a[po + j];
        a[po + j] = a[ko + j];
        a[ko + j] = t;
      }
      const t = piv[p];
      piv[p] = piv[k];
      piv[k] = t;
      sign = sign === 1 ? -1 : 1;
    }
    const ko = k * n;
    const pivot = a[ko + k];
    if (pivot === 0 || !Number.isFinite(pivot)) {
      singular = true;
      continue;
    }
    const inv = 1 / pivot;
    for (let i = k + 1; i < n; i++) {
      const io = i * n;
      const l = a[io + k] * inv;
      a[io + k] = l;
      if (l === 0) continue;
      for (let j = k + 1; j < n; j++) a[io + j] -= l * a[ko + j];
    }
  }
  return { n, lu: a, piv, sign, singular, normA1 };
}

/** In-place solve of LU x = y (unit L, then U) on a vector already permuted. */
function luSubstitute(lu: Float64Array, n: number, x: Float64Array): void {
  for (let i = 1; i < n; i++) {
    const o = i * n;
    let s = x[i];
    for (let j = 0; j < i; j++) s -= lu[o + j] * x[j];
    x[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    const o = i * n;
    let s = x[i];
    for (let j = i + 1; j < n; j++) s -= lu[o + j] * x[j];
    x[i] = s / lu[o + i];
  }
}

/** In-place solve of (LU)ᵀ z = b, i.e. Uᵀ w = b then Lᵀ z = w; column-oriented so rows stream. */
function luSubstituteT(lu: Float64Array, n: number, x: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const o = i * n;
    const xi = x[i] / lu[o + i];
    x[i] = xi;
    if (xi === 0) continue;
    for (let j = i + 1; j < n; j++) x[j] -= lu[o + j] * xi;
  }
  for (let i = n - 1; i >= 1; i--) {
    const o = i * n;
    const xi = x[i];
    if (xi === 0) continue;
    for (let j = 0; j < i; j++) x[j] -= lu[o + j] * xi;
  }
}

/**
 * Solve A x = b from LU factors (forward then back substitution).
 *
 * @param f - factors from {@link luFactor}
 * @param b - right-hand side, length n
 * @returns x
 * @throws NessrefError("singular") when `f.singular`
 *
 * @example
 * ```ts
 * import { fromRows, luFactor, luSolve } from "nessref/linalg";
 * luSolve(luFactor(fromRows([[2, 0], [0, 4]])), Float64Array.of(2, 2)); // [1, 0.5]
 * ```
 */
export function luSolve(f: LUFactors, b: Float64Array): Float64Array {
  if (f.singular) throw singularError("luSolve");
  const n = f.n;
  if (b.length !== n) throw new NessrefError("invalid-input", `luSolve: right-hand side has length ${b.length}, expected ${n}`, "");
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = b[f.piv[i]];
  luSubstitute(f.lu, n, x);
  return x;
}

/** Solve Aᵀ x = b from LU factors (used by the condition estimator). */
function luSolveTransposed(f: LUFactors, b: Float64Array): Float64Array {
  const n = f.n;
  const z = Float64Array.from(b);
  luSubstituteT(f.lu, n, z);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[f.piv[i]] = z[i];
  return x;
}

/**
 * Solve A X = B for a matrix of right-hand sides from LU factors (row operations on B).
 *
 * @param f - factors from {@link luFactor}
 * @param B - n×m right-hand sides
 * @returns X, n×m
 * @throws NessrefError("singular") when `f.singular`
 *
 * @example
 * ```ts
 * import { fromRows, identity, luFactor, luSolveMatrix } from "nessref/linalg";
 * luSolveMatrix(luFactor(fromRows([[2, 0], [0, 4]])), identity(2)).data; // [0.5, 0, 0, 0.25]
 * ```
 */
export function luSolveMatrix(f: LUFactors, B: RealMatrix): RealMatrix {
  if (f.singular) throw singularError("luSolveMatrix");
  const n = f.n;
  if (B.rows !== n) throw new NessrefError("invalid-input", `luSolveMatrix: right-hand side has ${B.rows} rows, expected ${n}`, "");
  const m = B.cols;
  const lu = f.lu;
  const x = new Float64Array(n * m);
  for (let i = 0; i < n; i++) x.set(B.data.subarray(f.piv[i] * m, f.piv[i] * m + m), i * m);
  // forward: row_i -= Σ_{j<i} L_ij row_j
  for (let i = 1; i < n; i++) {
    const lo = i * n;
    const xo = i * m;
    for (let j = 0; j < i; j++) {
      const l = lu[lo + j];
      if (l === 0) continue;
      const jo = j * m;
      for (let c = 0; c < m; c++) x[xo + c] -= l * x[jo + c];
    }
  }
  // backward
  for (let i = n - 1; i >= 0; i--) {
    const lo = i * n;
    const xo = i * m;
    for (let j = i + 1; j < n; j++) {
      const u = lu[lo + j];
      if (u === 0) continue;
      const jo = j * m;
      for (let c = 0; c < m; c++) x[xo + c] -= u * x[jo + c];
    }
    const inv = 1 / lu[lo + i];
    for (let c = 0; c < m; c++) x[xo + c] *= inv;
  }
  return realMatrix(n, m, x);
}

/**
 * Determinant det A = sign(P)·Πᵢ uᵢᵢ from LU factors (0 when singular).
 *
 * @param f - factors from {@link luFactor}
 * @returns det A
 *
 * @example
 * ```ts
 * import { fromRows, luFactor, luDet } from "nessref/linalg";
 * luDet(luFactor(fromRows([[0, 1], [1, 0]]))); // -1
 * ```
 */
export function luDet(f: LUFactors): number {
  let d: number = f.sign;
  const n = f.n;
  for (let i = 0; i < n; i++) d *= f.lu[i * n + i];
  return d;
}

/** Hager–Higham estimate of ‖B‖₁ for B available through products Bx and Bᵀx (Higham Alg. 15.4). */
function hagerHigham(n: number, apply: (x: Float64Array) => Float64Array, applyT: (x: Float64Array) => Float64Array): number {
  let x = new Float64Array(n).fill(1 / n);
  let est = 0;
  let lastJ = -1;
  for (let iter = 0; iter < 5; iter++) {
    const y = apply(x);
    let ny = 0;
    for (let i = 0; i < n; i++) ny += Math.abs(y[i]);
    if (iter > 0 && ny <= est) break;
    est = ny;
    const xi = new Float64Array(n);
    for (let i = 0; i < n; i++) xi[i] = y[i] >= 0 ? 1 : -1;
    const z = applyT(xi);
    let j = 0;
    let zmax = -1;
    let ztx = 0;
    for (let i = 0; i < n; i++) {
      const a = Math.abs(z[i]);
      if (a > zmax) {
        zmax = a;
        j = i;
      }
      ztx += z[i] * x[i];
    }
    if (iter > 0 && (zmax <= ztx || j === lastJ)) break;
    lastJ = j;
    x = new Float64Array(n);
    x[j] = 1;
  }
  // Higham's extra test vector guards against the (rare) underestimates of Hager's method.
  const alt = new Float64Array(n);
  for (let i = 0; i < n; i++) alt[i] = (i % 2 === 0 ? 1 : -1) * (1 + (n > 1 ? i / (n - 1) : 0));
  const ya = apply(alt);
  let na = 0;
  for (let i = 0; i < n; i++) na += Math.abs(ya[i]);
  return Math.max(est, (2 * na) / (3 * n));
}

/**
 * Estimate of the 1-norm condition number κ₁(A) = ‖A‖₁‖A⁻¹‖₁ from LU factors.
 *
 * ‖A⁻¹‖₁ is estimated by Hager's method with Higham's refinements (Higham, Accuracy and
 * Stability of Numerical Algorithms, 2nd ed., Alg. 15.4): a few solves with A and Aᵀ,
 * O(n²) work. The estimate is a lower bound of the true ‖A⁻¹‖₁, usually within a small factor.
 *
 * @param f - factors from {@link luFactor}
 * @returns the estimate (Infinity when `f.singular`)
 *
 * @example
 * ```ts
 * import { fromRows, luFactor, condEstimate1 } from "nessref/linalg";
 * condEstimate1(luFactor(fromRows([[1, 0], [0, 1e-3]]))); // 1000
 * ```
 */
export function condEstimate1(f: LUFactors): number {
  if (f.singular) return Infinity;
  const n = f.n;
  if (n === 0) return 0;
  const inv1 = hagerHigham(
    n,
    (x) => luSolve(f, x),
    (x) => luSolveTransposed(f, x),
  );
  return f.normA1 * inv1;
}

/**
 * Solve A x = b (LU with partial pivoting; convenience for {@link luFactor} + {@link luSolve}).
 *
 * @param A - n×n matrix
 * @param b - right-hand side
 * @returns x
 * @throws NessrefError("singular") when A is singular
 *
 * @example
 * ```ts
 * import { fromRows, solve } from "nessref/linalg";
 * solve(fromRows([[2, 1], [1, 3]]), Float64Array.of(3, 4)); // [1, 1]
 * ```
 */
export function solve(A: RealMatrix, b: Float64Array): Float64Array {
  return luSolve(luFactor(A), b);
}

/**
 * Inverse A⁻¹ via LU with partial pivoting (solve A X = I).
 *
 * @param A - n×n matrix
 * @returns A⁻¹
 * @throws NessrefError("singular") when A is singular
 *
 * @example
 * ```ts
 * import { fromRows, inverse } from "nessref/linalg";
 * inverse(fromRows([[2, 0], [0, 4]])).data; // [0.5, 0, 0, 0.25]
 * ```
 */
export function inverse(A: RealMatrix): RealMatrix {
  requireSquare("inverse", A);
  const n = A.rows;
  const I = realMatrix(n, n);
  for (let i = 0; i < n; i++) I.data[i * n + i] = 1;
  return luSolveMatrix(luFactor(A), I);
}

// ---------------------------------------------------------------- complex

/**
 * Complex LU factorisation with partial pivoting, PA = LU (Golub & Van Loan, 4th ed.,
 * Alg. 3.4.1 over ℂ). Pivots are chosen by the largest |Re| + |Im| in the column (as
 * LAPACK's izamax). Does not throw on singular input; sets `singular`.
 *
 * @param A - n×n complex matrix (not modified)
 * @returns the factors
 *
 * @example
 * ```ts
 * import { complexFromRows, cluFactor, cluDet } from "nessref/linalg";
 * cluDet(cluFactor(complexFromRows({ re: [[0, 0], [0, 0]], im: [[1, 0], [0, 1]] }))); // { re: -1, im: 0 }
 * ```
 */
export function cluFactor(A: ComplexMatrix): CLUFactors {
  requireSquare("cluFactor", A);
  const n = A.rows;
  const ar = Float64Array.from(A.re);
  const ai = Float64Array.from(A.im);
  const piv = new Int32Array(n);
  for (let i = 0; i < n; i++) piv[i] = i;
  const colSum = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * n;
    for (let j = 0; j < n; j++) colSum[j] += Math.hypot(ar[o + j], ai[o + j]);
  }
  let normA1 = 0;
  for (let j = 0; j < n; j++) if (colSum[j] > normA1 || Number.isNaN(colSum[j])) normA1 = colSum[j];

  let sign: 1 | -1 = 1;
  let singular = false;
  for (let k = 0; k < n; k++) {
    let p = k;
    let mx = Math.abs(ar[k * n + k]) + Math.abs(ai[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(ar[i * n + k]) + Math.abs(ai[i * n + k]);
      if (v > mx) {
        mx = v;
        p = i;
      }
    }
    const ko = k * n;
    if (p !== k) {
      const po = p * n;
      for (let j = 0; j < n; j++) {
        let t = ar[po + j];
        ar[po + j] = ar[ko + j];
        ar[ko + j] = t;
        t = ai[po + j];
        ai[po + j] = ai[ko + j];
        ai[ko + j] = t;
      }
      const t = piv[p];
      piv[p] = piv[k];
      piv[k] = t;
      sign = sign === 1 ? -1 : 1;
    }
    const pr = ar[ko + k];
    const pi = ai[ko + k];
    if ((pr === 0 && pi === 0) || !Number.isFinite(pr) || !Number.isFinite(pi)) {
      singular = true;
      continue;
    }
    // 1/pivot, computed with scaling (Smith's idea) to avoid overflow
    let invR: number;
    let invI: number;
    if (Math.abs(pr) >= Math.abs(pi)) {
      const r = pi / pr;
      const d = pr + pi * r;
      invR = 1 / d;
      invI = -r / d;
    } else {
      const r = pr / pi;
      const d = pr * r + pi;
      invR = r / d;
      invI = -1 / d;
    }
    for (let i = k + 1; i < n; i++) {
      const io = i * n;
      const xr = ar[io + k];
      const xi = ai[io + k];
      const lr = xr * invR - xi * invI;
      const li = xr * invI + xi * invR;
      ar[io + k] = lr;
      ai[io + k] = li;
      if (lr === 0 && li === 0) continue;
      for (let j = k + 1; j < n; j++) {
        const ur = ar[ko + j];
        const ui = ai[ko + j];
        ar[io + j] -= lr * ur - li * ui;
        ai[io + j] -= lr * ui + li * ur;
      }
    }
  }
  return { n, re: ar, im: ai, piv, sign, singular, normA1 };
}

/** x ← x / (dr + i di) with scaling. */
function cdivInPlace(xr: Float64Array, xi: Float64Array, k: number, dr: number, di: number): void {
  const a = xr[k];
  const b = xi[k];
  if (Math.abs(dr) >= Math.abs(di)) {
    const r = di / dr;
    const d = dr + di * r;
    xr[k] = (a + b * r) / d;
    xi[k] = (b - a * r) / d;
  } else {
    const r = dr / di;
    const d = dr * r + di;
    xr[k] = (a * r + b) / d;
    xi[k] = (b * r - a) / d;
  }
}

function cluSubstitute(f: CLUFactors, xr: Float64Array, xi: Float64Array): void {
  const n = f.n;
  const lr = f.re;
  const li = f.im;
  for (let i = 1; i < n; i++) {
    const o = i * n;
    let sr = xr[i];
    let si = xi[i];
    for (let j = 0; j < i; j++) {
      const a = lr[o + j];
      const b = li[o + j];
      sr -= a * xr[j] - b * xi[j];
      si -= a * xi[j] + b * xr[j];
    }
    xr[i] = sr;
    xi[i] = si;
  }
  for (let i = n - 1; i >= 0; i--) {
    const o = i * n;
    let sr = xr[i];
    let si = xi[i];
    for (let j = i + 1; j < n; j++) {
      const a = lr[o + j];
      const b = li[o + j];
      sr -= a * xr[j] - b * xi[j];
      si -= a * xi[j] + b * xr[j];
    }
    xr[i] = sr;
    xi[i] = si;
    cdivInPlace(xr, xi, i, lr[o + i], li[o + i]);
  }
}

/** In-place solve of (LU)ᴴ z = b: Uᴴ w = b, then Lᴴ z = w. */
function cluSubstituteH(f: CLUFactors, xr: Float64Array, xi: Float64Array): void {
  const n = f.n;
  const lr = f.re;
  const li = f.im;
  for (let i = 0; i < n; i++) {
    const o = i * n;
    cdivInPlace(xr, xi, i, lr[o + i], -li[o + i]);
    const vr = xr[i];
    const vi = xi[i];
    if (vr === 0 && vi === 0) continue;
    for (let j = i + 1; j < n; j++) {
      const a = lr[o + j];
      const b = -li[o + j];
      xr[j] -= a * vr - b * vi;
      xi[j] -= a * vi + b * vr;
    }
  }
  for (let i = n - 1; i >= 1; i--) {
    const o = i * n;
    const vr = xr[i];
    const vi = xi[i];
    if (vr === 0 && vi === 0) continue;
    for (let j = 0; j < i; j++) {
      const a = lr[o + j];
      const b = -li[o + j];
      xr[j] -= a * vr - b * vi;
      xi[j] -= a * vi + b * vr;
    }
  }
}

/**
 * Solve A x = b from complex LU factors.
 *
 * @param f - factors from {@link cluFactor}
 * @param b - complex right-hand side, length n
 * @returns x
 * @throws NessrefError("singular") when `f.singular`
 *
 * @example
 * ```ts
 * import { complexIdentity, cluFactor, cluSolve } from "nessref/linalg";
 * cluSolve(cluFactor(complexIdentity(2)), { re: Float64Array.of(1, 2), im: Float64Array.of(3, 4) }).im; // [3, 4]
 * ```
 */
export function cluSolve(f: CLUFactors, b: ComplexVector): ComplexVector {
  if (f.singular) throw singularError("cluSolve");
  const n = f.n;
  if (b.re.length !== n || b.im.length !== n) {
    throw new NessrefError("invalid-input", `cluSolve: right-hand side has length ${b.re.length}/${b.im.length}, expected ${n}`, "");
  }
  const xr = new Float64Array(n);
  const xi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xr[i] = b.re[f.piv[i]];
    xi[i] = b.im[f.piv[i]];
  }
  cluSubstitute(f, xr, xi);
  return { re: xr, im: xi };
}

function cluSolveAdjoint(f: CLUFactors, b: ComplexVector): ComplexVector {
  const n = f.n;
  const zr = Float64Array.from(b.re);
  const zi = Float64Array.from(b.im);
  cluSubstituteH(f, zr, zi);
  const xr = new Float64Array(n);
  const xi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xr[f.piv[i]] = zr[i];
    xi[f.piv[i]] = zi[i];
  }
  return { re: xr, im: xi };
}

/**
 * Solve A X = B for a complex matrix of right-hand sides from complex LU factors.
 *
 * @param f - factors from {@link cluFactor}
 * @param B - n×m complex right-hand sides
 * @returns X, n×m
 * @throws NessrefError("singular") when `f.singular`
 *
 * @example
 * ```ts
 * import { complexIdentity, cluFactor, cluSolveMatrix } from "nessref/linalg";
 * cluSolveMatrix(cluFactor(complexIdentity(2)), complexIdentity(2)).re; // [1, 0, 0, 1]
 * ```
 */
export function cluSolveMatrix(f: CLUFactors, B: ComplexMatrix): ComplexMatrix {
  if (f.singular) throw singularError("cluSolveMatrix");
  const n = f.n;
  if (B.rows !== n) throw new NessrefError("invalid-input", `cluSolveMatrix: right-hand side has ${B.rows} rows, expected ${n}`, "");
  const m = B.cols;
  const lr = f.re;
  const li = f.im;
  const xr = new Float64Array(n * m);
  const xi = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const s = f.piv[i] * m;
    xr.set(B.re.subarray(s, s + m), i * m);
    xi.set(B.im.subarray(s, s + m), i * m);
  }
  for (let i = 1; i < n; i++) {
    const lo = i * n;
    const xo = i * m;
    for (let j = 0; j < i; j++) {
      const a = lr[lo + j];
      const b = li[lo + j];
      if (a === 0 && b === 0) continue;
      const jo = j * m;
      for (let c = 0; c < m; c++) {
        const yr = xr[jo + c];
        const yi = xi[jo + c];
        xr[xo + c] -= a * yr - b * yi;
        xi[xo + c] -= a * yi + b * yr;
      }
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    const lo = i * n;
    const xo = i * m;
    for (let j = i + 1; j < n; j++) {
      const a = lr[lo + j];
      const b = li[lo + j];
      if (a === 0 && b === 0) continue;
      const jo = j * m;
      for (let c = 0; c < m; c++) {
        const yr = xr[jo + c];
        const yi = xi[jo + c];
        xr[xo + c] -= a * yr - b * yi;
        xi[xo + c] -= a * yi + b * yr;
      }
    }
    // multiply row by 1/u_ii
    const pr = lr[lo + i];
    const pi = li[lo + i];
    const d = pr * pr + pi * pi;
    let invR: number;
    let invI: number;
    if (d > 1e-300 && d < 1e300) {
      invR = pr / d;
      invI = -pi / d;
    } else {
      const s = Math.max(Math.abs(pr), Math.abs(pi));
      const qr = pr / s;
      const qi = pi / s;
      const dd = (qr * qr + qi * qi) * s;
      invR = qr / dd;
      invI = -qi / dd;
    }
    for (let c = 0; c < m; c++) {
      const yr = xr[xo + c];
      const yi = xi[xo + c];
      xr[xo + c] = yr * invR - yi * invI;
      xi[xo + c] = yr * invI + yi * invR;
    }
  }
  return complexMatrix(n, m, xr, xi);
}

/**
 * Determinant det A = sign(P)·Πᵢ uᵢᵢ from complex LU factors.
 *
 * @param f - factors from {@link cluFactor}
 * @returns det A as `{ re, im }`
 *
 * @example
 * ```ts
 * import { complexIdentity, cluFactor, cluDet } from "nessref/linalg";
 * cluDet(cluFactor(complexIdentity(3))); // { re: 1, im: 0 }
 * ```
 */
export function cluDet(f: CLUFactors): {
  /** real part of the determinant */ re: number;
  /** imaginary part of the determinant */ im: number;
} {
  let dr: number = f.sign;
  let di = 0;
  const n = f.n;
  for (let i = 0; i < n; i++) {
    const a = f.re[i * n + i];
    const b = f.im[i * n + i];
    const t = dr * a - di * b;
    di = dr * b + di * a;
    dr = t;
  }
  return { re: dr, im: di };
}

/**
 * Estimate of κ₁(A) = ‖A‖₁‖A⁻¹‖₁ from complex LU factors (Hager–Higham, complex form:
 * Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., Alg. 15.4 with
 * sign(y) replaced by y/|y| and Aᵀ by Aᴴ).
 *
 * @param f - factors from {@link cluFactor}
 * @returns the estimate (Infinity when `f.singular`)
 *
 * @example
 * ```ts
 * import { complexIdentity, cluFactor, ccondEstimate1 } from "nessref/linalg";
 * ccondEstimate1(cluFactor(complexIdentity(3))); // 1
 * ```
 */
export function ccondEstimate1(f: CLUFactors): number {
  if (f.singular) return Infinity;
  const n = f.n;
  if (n === 0) return 0;
  let xr = new Float64Array(n).fill(1 / n);
  let xi = new Float64Array(n);
  let est = 0;
  let lastJ = -1;
  for (let iter = 0; iter < 5; iter++) {
    const y = cluSolve(f, { re: xr, im: xi });
    let ny = 0;
    for (let i = 0; i < n; i++) ny += Math.hypot(y.re[i], y.im[i]);
    if (iter > 0 && ny <= est) break;
    est = ny;
    const sr = new Float64Array(n);
    const si = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const a = Math.hypot(y.re[i], y.im[i]);
      if (a === 0) sr[i] = 1;
      else {
        sr[i] = y.re[i] / a;
        si[i] = y.im[i] / a;
      }
    }
    const z = cluSolveAdjoint(f, { re: sr, im: si });
    let j = 0;
    let zmax = -1;
    let ztx = 0; // Re(zᴴx)
    for (let i = 0; i < n; i++) {
      const a = Math.hypot(z.re[i], z.im[i]);
      if (a > zmax) {
        zmax = a;
        j = i;
      }
      ztx += z.re[i] * xr[i] + z.im[i] * xi[i];
    }
    if (iter > 0 && (zmax <= ztx || j === lastJ)) break;
    lastJ = j;
    xr = new Float64Array(n);
    xi = new Float64Array(n);
    xr[j] = 1;
  }
  const ar = new Float64Array(n);
  for (let i = 0; i < n; i++) ar[i] = (i % 2 === 0 ? 1 : -1) * (1 + (n > 1 ? i / (n - 1) : 0));
  const ya = cluSolve(f, { re: ar, im: new Float64Array(n) });
  let na = 0;
  for (let i = 0; i < n; i++) na += Math.hypot(ya.re[i], ya.im[i]);
  return f.normA1 * Math.max(est, (2 * na) / (3 * n));
}

/**
 * Solve the complex system A x = b (convenience for {@link cluFactor} + {@link cluSolve}).
 *
 * @param A - n×n complex matrix
 * @param b - complex right-hand side
 * @returns x
 * @throws NessrefError("singular") when A is singular
 *
 * @example
 * ```ts
 * import { complexIdentity, csolve } from "nessref/linalg";
 * csolve(complexIdentity(1), { re: Float64Array.of(2), im: Float64Array.of(1) }).re; // [2]
 * ```
 */
export function csolve(A: ComplexMatrix, b: ComplexVector): ComplexVector {
  return cluSolve(cluFactor(A), b);
}

/**
 * Inverse A⁻¹ of a complex matrix via LU with partial pivoting.
 *
 * @param A - n×n complex matrix
 * @returns A⁻¹
 * @throws NessrefError("singular") when A is singular
 *
 * @example
 * ```ts
 * import { complexFromRows, cinverse } from "nessref/linalg";
 * cinverse(complexFromRows({ re: [[0]], im: [[2]] })).im; // [-0.5]
 * ```
 */
export function cinverse(A: ComplexMatrix): ComplexMatrix {
  requireSquare("cinverse", A);
  const n = A.rows;
  const I = complexMatrix(n, n);
  for (let i = 0; i < n; i++) I.re[i * n + i] = 1;
  return cluSolveMatrix(cluFactor(A), I);
}
