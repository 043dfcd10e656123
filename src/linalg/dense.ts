/**
 * Dense matrix arithmetic on real ({@link RealMatrix}) and complex ({@link ComplexMatrix})
 * matrices: products, sums, transposes, Kronecker products, norms and traces.
 *
 * All kernels work directly on the row-major `Float64Array` storage, allocate their
 * result once, and allocate nothing inside loops. Complex matrices use split storage
 * (`re`, `im`); a complex product costs four real products per entry pair.
 *
 * Shapes are validated: mismatched shapes raise `NessrefError("invalid-input", …)`.
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { gemm } from "./kernels.js";
import { complexMatrix, realMatrix, type ComplexMatrix, type ComplexVector, type RealMatrix } from "./matrix.js";

function shapeError(op: string, msg: string): NessrefError {
  return new NessrefError("invalid-input", `${op}: ${msg}`, "");
}

function sameShape(op: string, A: { rows: number; cols: number }, B: { rows: number; cols: number }): void {
  if (A.rows !== B.rows || A.cols !== B.cols) {
    throw shapeError(op, `shapes ${A.rows}×${A.cols} and ${B.rows}×${B.cols} differ`);
  }
}

/**
 * Real matrix product C = A·B.
 *
 * Loop order i-k-j on row-major storage (the inner loop streams a row of B and a row of
 * C), Golub & Van Loan, Matrix Computations, 4th ed., §1.1.10 ("saxpy" form), skipping
 * zero entries of A. Large products with a mostly non-zero A and a finite B instead use a
 * cache-blocked kernel with a 4×4 register-tiled micro-kernel (Goto & van de Geijn, ACM
 * TOMS 34(3), 2008); both agree to rounding.
 *
 * @param A - m×k matrix
 * @param B - k×n matrix
 * @returns the m×n product
 *
 * @example
 * ```ts
 * import { fromRows, matmul } from "nessref/linalg";
 * matmul(fromRows([[1, 2], [3, 4]]), fromRows([[0, 1], [1, 0]])).data; // [2, 1, 4, 3]
 * ```
 */
export function matmul(A: RealMatrix, B: RealMatrix): RealMatrix {
  if (A.cols !== B.rows) throw shapeError("matmul", `inner dimensions ${A.rows}×${A.cols} · ${B.rows}×${B.cols} differ`);
  const m = A.rows;
  const p = A.cols;
  const n = B.cols;
  const a = A.data;
  const b = B.data;
  const c = new Float64Array(m * n);
  if (useBlocked(m, n, p, [a], [b])) {
    gemm(m, n, p, 1, a, 0, p, 1, b, 0, n, 1, c, 0, n);
    return realMatrix(m, n, c);
  }
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    const ai = i * p;
    for (let k = 0; k < p; k++) {
      const aik = a[ai + k];
      if (aik === 0) continue;
      const bk = k * n;
      for (let j = 0; j < n; j++) c[ci + j] += aik * b[bk + j];
    }
  }
  return realMatrix(m, n, c);
}

/**
 * Whether a product is better done by the cache-blocked kernel {@link gemm} than by the
 * i-k-j loop, which skips zero entries of A: large enough, A at least 30 % non-zero, and
 * B finite (the skip makes `0·∞` terms vanish; the blocked kernel would turn them to NaN).
 */
function useBlocked(m: number, n: number, p: number, as: Float64Array[], bs: Float64Array[]): boolean {
  if (m < 16 || n < 16 || p < 16) return false;
  let nz = 0;
  const len = m * p;
  for (let i = 0; i < len; i++) {
    let z = true;
    for (const a of as) if (a[i] !== 0) z = false;
    if (!z) nz++;
  }
  if (nz < 0.3 * len) return false;
  for (const b of bs) for (let i = 0; i < b.length; i++) if (!Number.isFinite(b[i])) return false;
  return true;
}

/**
 * Complex matrix product C = A·B (split storage; four real multiply-adds per term).
 *
 * Same i-k-j loop order as {@link matmul} (Golub & Van Loan, 4th ed., §1.1.10); large
 * dense products go through four real cache-blocked products, as in {@link matmul}.
 *
 * @param A - m×k complex matrix
 * @param B - k×n complex matrix
 * @returns the m×n product
 *
 * @example
 * ```ts
 * import { complexFromRows, cmatmul } from "nessref/linalg";
 * const Y = complexFromRows({ re: [[0, 0], [0, 0]], im: [[0, -1], [1, 0]] });
 * cmatmul(Y, Y).re; // [1, 0, 0, 1]  (σʸσʸ = 1)
 * ```
 */
export function cmatmul(A: ComplexMatrix, B: ComplexMatrix): ComplexMatrix {
  if (A.cols !== B.rows) throw shapeError("cmatmul", `inner dimensions ${A.rows}×${A.cols} · ${B.rows}×${B.cols} differ`);
  const m = A.rows;
  const p = A.cols;
  const n = B.cols;
  const ar = A.re;
  const ai = A.im;
  const br = B.re;
  const bi = B.im;
  const cr = new Float64Array(m * n);
  const ci = new Float64Array(m * n);
  if (useBlocked(m, n, p, [ar, ai], [br, bi])) {
    // (Ar + iAi)(Br + iBi) = (ArBr − AiBi) + i(ArBi + AiBr): four real blocked products
    // (products with an all-zero part are skipped)
    const aiNz = ai.some((x) => x !== 0), biNz = bi.some((x) => x !== 0);
    gemm(m, n, p, 1, ar, 0, p, 1, br, 0, n, 1, cr, 0, n);
    if (aiNz && biNz) gemm(m, n, p, -1, ai, 0, p, 1, bi, 0, n, 1, cr, 0, n);
    if (biNz) gemm(m, n, p, 1, ar, 0, p, 1, bi, 0, n, 1, ci, 0, n);
    if (aiNz) gemm(m, n, p, 1, ai, 0, p, 1, br, 0, n, 1, ci, 0, n);
    return complexMatrix(m, n, cr, ci);
  }
  for (let i = 0; i < m; i++) {
    const co = i * n;
    const ao = i * p;
    for (let k = 0; k < p; k++) {
      const xr = ar[ao + k];
      const xi = ai[ao + k];
      const bo = k * n;
      if (xi === 0) {
        if (xr === 0) continue;
        for (let j = 0; j < n; j++) {
          cr[co + j] += xr * br[bo + j];
          ci[co + j] += xr * bi[bo + j];
        }
      } else {
        for (let j = 0; j < n; j++) {
          const yr = br[bo + j];
          const yi = bi[bo + j];
          cr[co + j] += xr * yr - xi * yi;
          ci[co + j] += xr * yi + xi * yr;
        }
      }
    }
  }
  return complexMatrix(m, n, cr, ci);
}

/**
 * Complex product A†·B (conjugate transpose of A times B) without forming A†.
 *
 * @param A - k×m complex matrix
 * @param B - k×n complex matrix
 * @returns the m×n product A†B
 *
 * @example
 * ```ts
 * import { complexIdentity, cmatmulAdjointLeft } from "nessref/linalg";
 * cmatmulAdjointLeft(complexIdentity(2), complexIdentity(2)).re; // [1, 0, 0, 1]
 * ```
 */
export function cmatmulAdjointLeft(A: ComplexMatrix, B: ComplexMatrix): ComplexMatrix {
  if (A.rows !== B.rows) throw shapeError("cmatmulAdjointLeft", `row counts ${A.rows} and ${B.rows} differ`);
  const kk = A.rows;
  const m = A.cols;
  const n = B.cols;
  const ar = A.re;
  const ai = A.im;
  const br = B.re;
  const bi = B.im;
  const cr = new Float64Array(m * n);
  const ci = new Float64Array(m * n);
  // C[i][j] = Σ_k conj(A[k][i]) B[k][j]; loop k outer so that rows of A and B stream.
  for (let k = 0; k < kk; k++) {
    const ao = k * m;
    const bo = k * n;
    for (let i = 0; i < m; i++) {
      const xr = ar[ao + i];
      const xi = -ai[ao + i];
      if (xr === 0 && xi === 0) continue;
      const co = i * n;
      for (let j = 0; j < n; j++) {
        const yr = br[bo + j];
        const yi = bi[bo + j];
        cr[co + j] += xr * yr - xi * yi;
        ci[co + j] += xr * yi + xi * yr;
      }
    }
  }
  return complexMatrix(m, n, cr, ci);
}

/**
 * Complex product A·B† (A times the conjugate transpose of B) without forming B†.
 *
 * @param A - m×k complex matrix
 * @param B - n×k complex matrix
 * @returns the m×n product AB†
 *
 * @example
 * ```ts
 * import { complexIdentity, cmatmulAdjointRight } from "nessref/linalg";
 * cmatmulAdjointRight(complexIdentity(2), complexIdentity(2)).re; // [1, 0, 0, 1]
 * ```
 */
export function cmatmulAdjointRight(A: ComplexMatrix, B: ComplexMatrix): ComplexMatrix {
  if (A.cols !== B.cols) throw shapeError("cmatmulAdjointRight", `column counts ${A.cols} and ${B.cols} differ`);
  const kk = A.cols;
  const m = A.rows;
  const n = B.rows;
  const ar = A.re;
  const ai = A.im;
  const br = B.re;
  const bi = B.im;
  const cr = new Float64Array(m * n);
  const ci = new Float64Array(m * n);
  // C[i][j] = Σ_k A[i][k] conj(B[j][k]): dot products of rows, both contiguous.
  for (let i = 0; i < m; i++) {
    const ao = i * kk;
    for (let j = 0; j < n; j++) {
      const bo = j * kk;
      let sr = 0;
      let si = 0;
      for (let k = 0; k < kk; k++) {
        const xr = ar[ao + k];
        const xi = ai[ao + k];
        const yr = br[bo + k];
        const yi = -bi[bo + k];
        sr += xr * yr - xi * yi;
        si += xr * yi + xi * yr;
      }
      cr[i * n + j] = sr;
      ci[i * n + j] = si;
    }
  }
  return complexMatrix(m, n, cr, ci);
}

/**
 * Entrywise sum A + B of real matrices.
 *
 * @param A - first summand
 * @param B - second summand, same shape
 * @returns A + B
 *
 * @example
 * ```ts
 * import { add, identity } from "nessref/linalg";
 * add(identity(2), identity(2)).data; // [2, 0, 0, 2]
 * ```
 */
export function add(A: RealMatrix, B: RealMatrix): RealMatrix {
  sameShape("add", A, B);
  const c = new Float64Array(A.data.length);
  for (let i = 0; i < c.length; i++) c[i] = A.data[i] + B.data[i];
  return realMatrix(A.rows, A.cols, c);
}

/**
 * Entrywise difference A − B of real matrices.
 *
 * @param A - minuend
 * @param B - subtrahend, same shape
 * @returns A − B
 *
 * @example
 * ```ts
 * import { sub, identity } from "nessref/linalg";
 * sub(identity(2), identity(2)).data; // [0, 0, 0, 0]
 * ```
 */
export function sub(A: RealMatrix, B: RealMatrix): RealMatrix {
  sameShape("sub", A, B);
  const c = new Float64Array(A.data.length);
  for (let i = 0; i < c.length; i++) c[i] = A.data[i] - B.data[i];
  return realMatrix(A.rows, A.cols, c);
}

/**
 * Entrywise sum A + B of complex matrices.
 *
 * @param A - first summand
 * @param B - second summand, same shape
 * @returns A + B
 *
 * @example
 * ```ts
 * import { cadd, complexIdentity } from "nessref/linalg";
 * cadd(complexIdentity(2), complexIdentity(2)).re; // [2, 0, 0, 2]
 * ```
 */
export function cadd(A: ComplexMatrix, B: ComplexMatrix): ComplexMatrix {
  sameShape("cadd", A, B);
  const n = A.re.length;
  const cr = new Float64Array(n);
  const ci = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    cr[i] = A.re[i] + B.re[i];
    ci[i] = A.im[i] + B.im[i];
  }
  return complexMatrix(A.rows, A.cols, cr, ci);
}

/**
 * Entrywise difference A − B of complex matrices.
 *
 * @param A - minuend
 * @param B - subtrahend, same shape
 * @returns A − B
 *
 * @example
 * ```ts
 * import { csub, complexIdentity } from "nessref/linalg";
 * csub(complexIdentity(2), complexIdentity(2)).re; // [0, 0, 0, 0]
 * ```
 */
export function csub(A: ComplexMatrix, B: ComplexMatrix): ComplexMatrix {
  sameShape("csub", A, B);
  const n = A.re.length;
  const cr = new Float64Array(n);
  const ci = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    cr[i] = A.re[i] - B.re[i];
    ci[i] = A.im[i] - B.im[i];
  }
  return complexMatrix(A.rows, A.cols, cr, ci);
}

/**
 * Real matrix times a real scalar, s·A.
 *
 * @param A - matrix
 * @param s - scalar
 * @returns s·A
 *
 * @example
 * ```ts
 * import { scale, identity } from "nessref/linalg";
 * scale(identity(2), 3).data; // [3, 0, 0, 3]
 * ```
 */
export function scale(A: RealMatrix, s: number): RealMatrix {
  const c = new Float64Array(A.data.length);
  for (let i = 0; i < c.length; i++) c[i] = s * A.data[i];
  return realMatrix(A.rows, A.cols, c);
}

/**
 * Complex matrix times a complex scalar, (sRe + i·sIm)·A.
 *
 * @param A - matrix
 * @param sRe - real part of the scalar
 * @param sIm - imaginary part of the scalar (default 0)
 * @returns s·A
 *
 * @example
 * ```ts
 * import { cscale, complexIdentity } from "nessref/linalg";
 * cscale(complexIdentity(1), 0, 1).im; // [1]  (i·1)
 * ```
 */
export function cscale(A: ComplexMatrix, sRe: number, sIm = 0): ComplexMatrix {
  const n = A.re.length;
  const cr = new Float64Array(n);
  const ci = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const xr = A.re[i];
    const xi = A.im[i];
    cr[i] = sRe * xr - sIm * xi;
    ci[i] = sRe * xi + sIm * xr;
  }
  return complexMatrix(A.rows, A.cols, cr, ci);
}

function transposeArray(src: Float64Array, rows: number, cols: number, negate: boolean): Float64Array {
  const out = new Float64Array(rows * cols);
  // Blocked to keep both the read and the write side in cache.
  const bs = 32;
  for (let ii = 0; ii < rows; ii += bs) {
    const iEnd = Math.min(ii + bs, rows);
    for (let jj = 0; jj < cols; jj += bs) {
      const jEnd = Math.min(jj + bs, cols);
      for (let i = ii; i < iEnd; i++) {
        const ro = i * cols;
        for (let j = jj; j < jEnd; j++) out[j * rows + i] = negate ? -src[ro + j] : src[ro + j];
      }
    }
  }
  return out;
}

/**
 * Transpose Aᵀ of a real matrix.
 *
 * @param A - m×n matrix
 * @returns the n×m transpose
 *
 * @example
 * ```ts
 * import { fromRows, transpose } from "nessref/linalg";
 * transpose(fromRows([[1, 2]])).rows; // 2
 * ```
 */
export function transpose(A: RealMatrix): RealMatrix {
  return realMatrix(A.cols, A.rows, transposeArray(A.data, A.rows, A.cols, false));
}

/**
 * Plain transpose Aᵀ of a complex matrix (no conjugation; see {@link adjoint}).
 *
 * @param A - m×n complex matrix
 * @returns the n×m transpose
 *
 * @example
 * ```ts
 * import { complexFromRows, ctranspose } from "nessref/linalg";
 * ctranspose(complexFromRows({ re: [[0, 0]], im: [[1, 2]] })).im; // [1, 2]
 * ```
 */
export function ctranspose(A: ComplexMatrix): ComplexMatrix {
  return complexMatrix(A.cols, A.rows, transposeArray(A.re, A.rows, A.cols, false), transposeArray(A.im, A.rows, A.cols, false));
}

/**
 * Conjugate transpose (Hermitian adjoint) A† of a complex matrix.
 *
 * @param A - m×n complex matrix
 * @returns the n×m matrix A†, (A†)ᵢⱼ = conj(Aⱼᵢ)
 *
 * @example
 * ```ts
 * import { complexFromRows, adjoint } from "nessref/linalg";
 * adjoint(complexFromRows({ re: [[0, 0]], im: [[1, 2]] })).im; // [-1, -2]
 * ```
 */
export function adjoint(A: ComplexMatrix): ComplexMatrix {
  return complexMatrix(A.cols, A.rows, transposeArray(A.re, A.rows, A.cols, false), transposeArray(A.im, A.rows, A.cols, true));
}

/**
 * Entrywise complex conjugate of a complex matrix.
 *
 * @param A - complex matrix
 * @returns conj(A)
 *
 * @example
 * ```ts
 * import { complexFromRows, conj } from "nessref/linalg";
 * conj(complexFromRows({ re: [[1]], im: [[2]] })).im; // [-2]
 * ```
 */
export function conj(A: ComplexMatrix): ComplexMatrix {
  const ci = new Float64Array(A.im.length);
  for (let i = 0; i < ci.length; i++) ci[i] = -A.im[i];
  return complexMatrix(A.rows, A.cols, Float64Array.from(A.re), ci);
}

/**
 * Kronecker product A ⊗ B of real matrices, A the most significant factor:
 * (A⊗B)[(i·p + k), (j·q + l)] = A[i][j]·B[k][l] for B of shape p×q (QuTiP's `tensor` order).
 *
 * @param A - m×n matrix (outer factor)
 * @param B - p×q matrix (inner factor)
 * @returns the (m·p)×(n·q) Kronecker product
 *
 * @example
 * ```ts
 * import { identity, kron } from "nessref/linalg";
 * kron(identity(2), identity(3)).rows; // 6
 * ```
 */
export function kron(A: RealMatrix, B: RealMatrix): RealMatrix {
  const m = A.rows;
  const n = A.cols;
  const p = B.rows;
  const q = B.cols;
  const R = n * q;
  const out = new Float64Array(m * p * R);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const a = A.data[i * n + j];
      if (a === 0) continue;
      for (let k = 0; k < p; k++) {
        const ro = (i * p + k) * R + j * q;
        const bo = k * q;
        for (let l = 0; l < q; l++) out[ro + l] = a * B.data[bo + l];
      }
    }
  }
  return realMatrix(m * p, R, out);
}

/**
 * Kronecker product A ⊗ B of complex matrices, A the most significant factor (as {@link kron}).
 *
 * @param A - m×n complex matrix (outer factor)
 * @param B - p×q complex matrix (inner factor)
 * @returns the (m·p)×(n·q) Kronecker product
 *
 * @example
 * ```ts
 * import { complexIdentity, ckron } from "nessref/linalg";
 * ckron(complexIdentity(2), complexIdentity(2)).re[5]; // 1
 * ```
 */
export function ckron(A: ComplexMatrix, B: ComplexMatrix): ComplexMatrix {
  const m = A.rows;
  const n = A.cols;
  const p = B.rows;
  const q = B.cols;
  const R = n * q;
  const outR = new Float64Array(m * p * R);
  const outI = new Float64Array(m * p * R);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const ar = A.re[i * n + j];
      const ai = A.im[i * n + j];
      if (ar === 0 && ai === 0) continue;
      for (let k = 0; k < p; k++) {
        const ro = (i * p + k) * R + j * q;
        const bo = k * q;
        for (let l = 0; l < q; l++) {
          const br = B.re[bo + l];
          const bi = B.im[bo + l];
          outR[ro + l] = ar * br - ai * bi;
          outI[ro + l] = ar * bi + ai * br;
        }
      }
    }
  }
  return complexMatrix(m * p, R, outR, outI);
}

/**
 * Real matrix–vector product y = A·x.
 *
 * @param A - m×n matrix
 * @param x - vector of length n
 * @returns y of length m
 *
 * @example
 * ```ts
 * import { fromRows, matvec } from "nessref/linalg";
 * matvec(fromRows([[1, 2], [3, 4]]), Float64Array.of(1, 1)); // [3, 7]
 * ```
 */
export function matvec(A: RealMatrix, x: Float64Array): Float64Array {
  if (x.length !== A.cols) throw shapeError("matvec", `matrix ${A.rows}×${A.cols} and vector of length ${x.length}`);
  const m = A.rows;
  const n = A.cols;
  const a = A.data;
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const o = i * n;
    let s = 0;
    for (let j = 0; j < n; j++) s += a[o + j] * x[j];
    y[i] = s;
  }
  return y;
}

/**
 * Complex matrix–vector product y = A·x.
 *
 * @param A - m×n complex matrix
 * @param x - complex vector of length n
 * @returns y of length m
 *
 * @example
 * ```ts
 * import { complexIdentity, cmatvec } from "nessref/linalg";
 * cmatvec(complexIdentity(2), { re: Float64Array.of(1, 2), im: Float64Array.of(0, 1) }).im; // [0, 1]
 * ```
 */
export function cmatvec(A: ComplexMatrix, x: ComplexVector): ComplexVector {
  if (x.re.length !== A.cols || x.im.length !== A.cols) {
    throw shapeError("cmatvec", `matrix ${A.rows}×${A.cols} and vector of length ${x.re.length}/${x.im.length}`);
  }
  const m = A.rows;
  const n = A.cols;
  const ar = A.re;
  const ai = A.im;
  const xr = x.re;
  const xi = x.im;
  const yr = new Float64Array(m);
  const yi = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const o = i * n;
    let sr = 0;
    let si = 0;
    for (let j = 0; j < n; j++) {
      const a = ar[o + j];
      const b = ai[o + j];
      sr += a * xr[j] - b * xi[j];
      si += a * xi[j] + b * xr[j];
    }
    yr[i] = sr;
    yi[i] = si;
  }
  return { re: yr, im: yi };
}

/**
 * Frobenius norm ‖A‖_F = (Σ|aᵢⱼ|²)^½, accumulated with scaling to avoid overflow/underflow.
 *
 * @param A - real matrix
 * @returns ‖A‖_F
 *
 * @example
 * ```ts
 * import { fromRows, normFro } from "nessref/linalg";
 * normFro(fromRows([[3, 4]])); // 5
 * ```
 */
export function normFro(A: RealMatrix): number {
  return scaledNorm2(A.data, undefined);
}

function scaledNorm2(a: Float64Array, b: Float64Array | undefined): number {
  let mx = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (v > mx) mx = v;
  }
  if (b) {
    for (let i = 0; i < b.length; i++) {
      const v = Math.abs(b[i]);
      if (v > mx) mx = v;
    }
  }
  if (mx === 0 || !Number.isFinite(mx)) return mx;
  // divide by mx (multiplying by 1/mx overflows when mx is denormal)
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i] / mx;
    s += v * v;
  }
  if (b) {
    for (let i = 0; i < b.length; i++) {
      const v = b[i] / mx;
      s += v * v;
    }
  }
  return mx * Math.sqrt(s);
}

/**
 * Matrix 1-norm ‖A‖₁ = maxⱼ Σᵢ |aᵢⱼ| (largest absolute column sum).
 *
 * @param A - real matrix
 * @returns ‖A‖₁
 *
 * @example
 * ```ts
 * import { fromRows, norm1 } from "nessref/linalg";
 * norm1(fromRows([[1, -2], [3, 4]])); // 6
 * ```
 */
export function norm1(A: RealMatrix): number {
  const sums = new Float64Array(A.cols);
  const n = A.cols;
  for (let i = 0; i < A.rows; i++) {
    const o = i * n;
    for (let j = 0; j < n; j++) sums[j] += Math.abs(A.data[o + j]);
  }
  let mx = 0;
  for (let j = 0; j < n; j++) if (sums[j] > mx || Number.isNaN(sums[j])) mx = sums[j];
  return mx;
}

/**
 * Matrix ∞-norm ‖A‖∞ = maxᵢ Σⱼ |aᵢⱼ| (largest absolute row sum).
 *
 * @param A - real matrix
 * @returns ‖A‖∞
 *
 * @example
 * ```ts
 * import { fromRows, normInf } from "nessref/linalg";
 * normInf(fromRows([[1, -2], [3, 4]])); // 7
 * ```
 */
export function normInf(A: RealMatrix): number {
  const n = A.cols;
  let mx = 0;
  for (let i = 0; i < A.rows; i++) {
    const o = i * n;
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.abs(A.data[o + j]);
    if (s > mx || Number.isNaN(s)) mx = s;
  }
  return mx;
}

/**
 * Largest absolute entry maxᵢⱼ |aᵢⱼ| (0 for an empty matrix).
 *
 * @param A - real matrix
 * @returns the max-abs entry
 *
 * @example
 * ```ts
 * import { fromRows, maxAbs } from "nessref/linalg";
 * maxAbs(fromRows([[1, -5]])); // 5
 * ```
 */
export function maxAbs(A: RealMatrix): number {
  let mx = 0;
  for (let i = 0; i < A.data.length; i++) {
    const v = Math.abs(A.data[i]);
    if (v > mx || Number.isNaN(v)) mx = v;
  }
  return mx;
}

/**
 * Frobenius norm of a complex matrix, (Σ|aᵢⱼ|²)^½.
 *
 * @param A - complex matrix
 * @returns ‖A‖_F
 *
 * @example
 * ```ts
 * import { complexFromRows, cnormFro } from "nessref/linalg";
 * cnormFro(complexFromRows({ re: [[3]], im: [[4]] })); // 5
 * ```
 */
export function cnormFro(A: ComplexMatrix): number {
  return scaledNorm2(A.re, A.im);
}

/**
 * Complex matrix 1-norm maxⱼ Σᵢ |aᵢⱼ| (moduli of complex entries).
 *
 * @param A - complex matrix
 * @returns ‖A‖₁
 *
 * @example
 * ```ts
 * import { complexFromRows, cnorm1 } from "nessref/linalg";
 * cnorm1(complexFromRows({ re: [[3], [0]], im: [[4], [1]] })); // 6
 * ```
 */
export function cnorm1(A: ComplexMatrix): number {
  const n = A.cols;
  const sums = new Float64Array(n);
  for (let i = 0; i < A.rows; i++) {
    const o = i * n;
    for (let j = 0; j < n; j++) sums[j] += Math.hypot(A.re[o + j], A.im[o + j]);
  }
  let mx = 0;
  for (let j = 0; j < n; j++) if (sums[j] > mx || Number.isNaN(sums[j])) mx = sums[j];
  return mx;
}

/**
 * Complex matrix ∞-norm maxᵢ Σⱼ |aᵢⱼ| (moduli of complex entries).
 *
 * @param A - complex matrix
 * @returns ‖A‖∞
 *
 * @example
 * ```ts
 * import { complexFromRows, cnormInf } from "nessref/linalg";
 * cnormInf(complexFromRows({ re: [[3, 0]], im: [[4, 1]] })); // 6
 * ```
 */
export function cnormInf(A: ComplexMatrix): number {
  const n = A.cols;
  let mx = 0;
  for (let i = 0; i < A.rows; i++) {
    const o = i * n;
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.hypot(A.re[o + j], A.im[o + j]);
    if (s > mx || Number.isNaN(s)) mx = s;
  }
  return mx;
}

/**
 * Largest modulus of a complex entry, maxᵢⱼ |aᵢⱼ|.
 *
 * @param A - complex matrix
 * @returns the max-modulus entry
 *
 * @example
 * ```ts
 * import { complexFromRows, cmaxAbs } from "nessref/linalg";
 * cmaxAbs(complexFromRows({ re: [[3]], im: [[4]] })); // 5
 * ```
 */
export function cmaxAbs(A: ComplexMatrix): number {
  let mx = 0;
  for (let i = 0; i < A.re.length; i++) {
    const v = Math.hypot(A.re[i], A.im[i]);
    if (v > mx || Number.isNaN(v)) mx = v;
  }
  return mx;
}

/**
 * Trace Σᵢ aᵢᵢ of a square real matrix.
 *
 * @param A - n×n matrix
 * @returns tr A
 *
 * @example
 * ```ts
 * import { identity, trace } from "nessref/linalg";
 * trace(identity(3)); // 3
 * ```
 */
export function trace(A: RealMatrix): number {
  if (A.rows !== A.cols) throw shapeError("trace", `matrix ${A.rows}×${A.cols} is not square`);
  let s = 0;
  for (let i = 0; i < A.rows; i++) s += A.data[i * A.cols + i];
  return s;
}

/**
 * Trace Σᵢ aᵢᵢ of a square complex matrix.
 *
 * @param A - n×n complex matrix
 * @returns tr A as `{ re, im }`
 *
 * @example
 * ```ts
 * import { complexIdentity, ctrace } from "nessref/linalg";
 * ctrace(complexIdentity(2)); // { re: 2, im: 0 }
 * ```
 */
export function ctrace(A: ComplexMatrix): {
  /** real part of the trace */ re: number;
  /** imaginary part of the trace */ im: number;
} {
  if (A.rows !== A.cols) throw shapeError("ctrace", `matrix ${A.rows}×${A.cols} is not square`);
  let sr = 0;
  let si = 0;
  for (let i = 0; i < A.rows; i++) {
    sr += A.re[i * A.cols + i];
    si += A.im[i * A.cols + i];
  }
  return { re: sr, im: si };
}
