/**
 * Sylvester and Lyapunov matrix equations by the Bartels–Stewart method.
 *
 * `A X + X B = C` is reduced with complex Schur forms A = U T U†, B = V S V† to the
 * triangular equation `T Y + Y S = U† C V`, solved column by column with triangular
 * back substitution, and mapped back as X = U Y V† (Bartels & Stewart, Comm. ACM 15
 * (1972) 820; Golub & Van Loan, Matrix Computations, 4th ed., §7.6.3).
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { cmatmul, cmatmulAdjointLeft, cmatmulAdjointRight, matmul, transpose } from "./dense.js";
import { type ComplexMatrix, type RealMatrix, complexMatrix, realMatrix } from "./matrix.js";
import { cschur, realSchur, type RealSchurResult } from "./schur.js";

const EPS = 2.220446049250313e-16;

function maxAbsC(re: Float64Array, im: Float64Array): number {
  let s = 0;
  for (let i = 0; i < re.length; i++) { const v = Math.abs(re[i]!) + Math.abs(im[i]!); if (v > s) s = v; }
  return s;
}

function checkShape(who: string, name: string, M: { rows: number; cols: number }, rows: number, cols: number): void {
  if (M.rows !== rows || M.cols !== cols) {
    throw new NessrefError("invalid-input", `${who}: ${name} is ${M.rows}×${M.cols}, expected ${rows}×${cols}`, "");
  }
}

function checkFinite(who: string, parts: Float64Array[]): void {
  for (const p of parts) for (let i = 0; i < p.length; i++) {
    if (!Number.isFinite(p[i]!)) throw new NessrefError("invalid-input", `${who}: non-finite entry`, "");
  }
}

/**
 * Solve T Y + Y S = F for Y, T (m×m) upper triangular; S (n×n) either upper triangular
 * (`adjointS = false`) or given as the upper triangular R with S = R† (`adjointS = true`,
 * S lower triangular). F is m×n row-major; the result is returned row-major.
 */
function triSylvester(
  who: string, tr: Float64Array, ti: Float64Array, m: number,
  sr: Float64Array, si: Float64Array, n: number, adjointS: boolean,
  fr: Float64Array, fi: Float64Array,
): { yr: Float64Array; yi: Float64Array } {
  // Yt: row j = column j of Y (length m)
  const ytr = new Float64Array(n * m), yti = new Float64Array(n * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) { ytr[j * m + i] = fr[i * n + j]!; yti[j * m + i] = fi[i * n + j]!; }
  const tol = Math.max(m, n, 1) * EPS * (maxAbsC(tr, ti) + maxAbsC(sr, si));
  const tiny = Number.MIN_VALUE * 1e20;
  for (let step = 0; step < n; step++) {
    const j = adjointS ? n - 1 - step : step;
    const oj = j * m;
    // rhs_j −= Σ_k S_kj y_k over already-solved k
    if (!adjointS) {
      for (let k = 0; k < j; k++) {
        const cr = sr[k * n + j]!, ci = si[k * n + j]!;
        if (cr === 0 && ci === 0) continue;
        const ok = k * m;
        for (let i = 0; i < m; i++) {
          const ar = ytr[ok + i]!, ai = yti[ok + i]!;
          ytr[oj + i] -= cr * ar - ci * ai; yti[oj + i] -= cr * ai + ci * ar;
        }
      }
    } else {
      // S = R†: S_kj = conj(R_jk), nonzero for k ≥ j
      for (let k = j + 1; k < n; k++) {
        const cr = sr[j * n + k]!, ci = -si[j * n + k]!;
        if (cr === 0 && ci === 0) continue;
        const ok = k * m;
        for (let i = 0; i < m; i++) {
          const ar = ytr[ok + i]!, ai = yti[ok + i]!;
          ytr[oj + i] -= cr * ar - ci * ai; yti[oj + i] -= cr * ai + ci * ar;
        }
      }
    }
    const sjr = sr[j * n + j]!, sji = adjointS ? -si[j * n + j]! : si[j * n + j]!;
    // back substitution (T + s_jj I) y = rhs
    for (let i = m - 1; i >= 0; i--) {
      const row = i * m;
      let accR = ytr[oj + i]!, accI = yti[oj + i]!;
      for (let l = i + 1; l < m; l++) {
        const ar = tr[row + l]!, ai = ti[row + l]!, br = ytr[oj + l]!, bi = yti[oj + l]!;
        accR -= ar * br - ai * bi; accI -= ar * bi + ai * br;
      }
      const dr = tr[row + i]! + sjr, di = ti[row + i]! + sji;
      const dabs = Math.hypot(dr, di);
      if (dabs <= tol || dabs < tiny) {
        throw new NessrefError("singular", `${who}: T_ii + S_jj ≈ 0 (|·| = ${dabs.toExponential(2)}): eigenvalues of the two operators sum to zero, no unique solution`, "");
      }
      const dd = dr * dr + di * di;
      ytr[oj + i] = (accR * dr + accI * di) / dd;
      yti[oj + i] = (accI * dr - accR * di) / dd;
    }
  }
  const yr = new Float64Array(m * n), yi = new Float64Array(m * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < m; i++) { yr[i * n + j] = ytr[j * m + i]!; yi[i * n + j] = yti[j * m + i]!; }
  return { yr, yi };
}

/**
 * Solve the Sylvester equation `A X + X B = C` (A m×m, B n×n, C and X m×n).
 *
 * Bartels–Stewart on complex Schur forms (Golub & Van Loan, Matrix Computations, 4th ed.,
 * §7.6.3): A = U T U†, B = V S V† by {@link cschur}; T Y + Y S = U† C V is solved column
 * by column with triangular solves; X = U Y V†. Backward error is O(ε (‖A‖ + ‖B‖) ‖X‖).
 * Real inputs (all three {@link RealMatrix}) give the real solution (the real part of the
 * complex computation; the imaginary part is rounding).
 *
 * @param A - m×m matrix.
 * @param B - n×n matrix.
 * @param C - m×n right-hand side.
 * @returns X (m×n), real when the inputs are real.
 * @throws NessrefError `singular` when an eigenvalue of A plus one of B vanishes (relative to the norms).
 *
 * @example
 * ```ts
 * import { complexFromRows, sylvester } from "nessref/linalg";
 * const A = complexFromRows({ re: [[1, 0], [0, 2]] });
 * const X = sylvester(A, A, complexFromRows({ re: [[2, 3], [3, 4]] }));
 * // X.re ≈ [1, 1, 1, 1]
 * ```
 */
export function sylvester(A: ComplexMatrix, B: ComplexMatrix, C: ComplexMatrix): ComplexMatrix;
export function sylvester(A: RealMatrix, B: RealMatrix, C: RealMatrix): RealMatrix;
export function sylvester(A: ComplexMatrix | RealMatrix, B: ComplexMatrix | RealMatrix, C: ComplexMatrix | RealMatrix): ComplexMatrix | RealMatrix {
  const isReal = (M: ComplexMatrix | RealMatrix): M is RealMatrix => (M as RealMatrix).data instanceof Float64Array;
  if (isReal(A) || isReal(B) || isReal(C)) {
    if (!(isReal(A) && isReal(B) && isReal(C))) {
      throw new NessrefError("invalid-input", "sylvester: A, B, C must be all real or all complex", "");
    }
    const z = (M: RealMatrix): ComplexMatrix => complexMatrix(M.rows, M.cols, M.data, new Float64Array(M.rows * M.cols));
    return realMatrix(C.rows, C.cols, complexSylvester(z(A), z(B), z(C)).re);
  }
  return complexSylvester(A, B, C);
}

function complexSylvester(A: ComplexMatrix, B: ComplexMatrix, C: ComplexMatrix): ComplexMatrix {
  const m = A.rows, n = B.rows;
  checkShape("sylvester", "A", A, m, m);
  checkShape("sylvester", "B", B, n, n);
  checkShape("sylvester", "C", C, m, n);
  checkFinite("sylvester", [C.re, C.im]);
  if (m === 0 || n === 0) return complexMatrix(m, n);
  const sa = cschur(A), sb = cschur(B);
  const F = cmatmul(cmatmulAdjointLeft(sa.Z, C), sb.Z);
  const { yr, yi } = triSylvester("sylvester", sa.T.re, sa.T.im, m, sb.T.re, sb.T.im, n, false, F.re, F.im);
  return cmatmulAdjointRight(cmatmul(sa.Z, complexMatrix(m, n, yr, yi)), sb.Z);
}

function lyapCore(who: string, T: ComplexMatrix, U: ComplexMatrix, Q: ComplexMatrix): ComplexMatrix {
  const n = T.rows;
  // T Y + Y T† = −U† Q U
  const F = cmatmul(cmatmulAdjointLeft(U, Q), U);
  for (let i = 0; i < F.re.length; i++) { F.re[i] = -F.re[i]!; F.im[i] = -F.im[i]!; }
  const { yr, yi } = triSylvester(who, T.re, T.im, n, T.re, T.im, n, true, F.re, F.im);
  return cmatmulAdjointRight(cmatmul(U, complexMatrix(n, n, yr, yi)), U);
}

function isHermitian(re: Float64Array, im: Float64Array | null, n: number): boolean {
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) {
    if (re[i * n + j] !== re[j * n + i]) return false;
    if (im && im[i * n + j] !== -im[j * n + i]!) return false;
  }
  return true;
}

/**
 * Solve the continuous Lyapunov equation `A X + X A† + Q = 0`.
 *
 * Bartels–Stewart with ONE complex Schur form A = U T U† ({@link cschur}): the equation
 * becomes T Y + Y T† = −U† Q U (T† lower triangular, columns solved last to first) and
 * X = U Y U† (Golub & Van Loan, 4th ed., §7.6.3). When Q is Hermitian, X is returned
 * exactly Hermitian (averaged with its adjoint). For stable A (all Re λ < 0) and Q ⪰ 0,
 * X ⪰ 0 is the steady-state covariance of dx = A x dt + noise.
 *
 * @param A - n×n complex matrix.
 * @param Q - n×n complex matrix.
 * @returns X (n×n).
 * @throws NessrefError `singular` when λ_i(A) + conj(λ_j(A)) ≈ 0 for some i, j.
 *
 * @example
 * ```ts
 * import { complexFromRows, lyapunov } from "nessref/linalg";
 * const A = complexFromRows({ re: [[-1, 0], [0, -2]] });
 * const X = lyapunov(A, complexFromRows({ re: [[2, 0], [0, 4]] }));
 * // X.re ≈ [1, 0, 0, 1]
 * ```
 */
export function lyapunov(A: ComplexMatrix, Q: ComplexMatrix): ComplexMatrix {
  const n = A.rows;
  checkShape("lyapunov", "A", A, n, n);
  checkShape("lyapunov", "Q", Q, n, n);
  checkFinite("lyapunov", [Q.re, Q.im]);
  if (n === 0) return complexMatrix(0, 0);
  const { T, Z } = cschur(A);
  const X = lyapCore("lyapunov", T, Z, Q);
  if (isHermitian(Q.re, Q.im, n)) {
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) {
      const p = i * n + j, q = j * n + i;
      const r = (X.re[p]! + X.re[q]!) / 2, m = (X.im[p]! - X.im[q]!) / 2;
      X.re[p] = r; X.re[q] = r; X.im[p] = m; X.im[q] = -m;
    }
    for (let i = 0; i < n; i++) X.im[i * n + i] = 0;
  }
  return X;
}

/** Solve the small dense system M x = r (size ≤ 4) by Gaussian elimination with partial pivoting. */
function smallSolve(who: string, M: Float64Array, r: Float64Array, k: number, tol: number): void {
  for (let c = 0; c < k; c++) {
    let p = c, best = Math.abs(M[c * k + c]!);
    for (let i = c + 1; i < k; i++) { const v = Math.abs(M[i * k + c]!); if (v > best) { best = v; p = i; } }
    if (!(best > tol)) {
      throw new NessrefError("singular", `${who}: λ_i(A) + λ_j(A) ≈ 0 (pivot ${best.toExponential(2)}): no unique solution`, "");
    }
    if (p !== c) {
      for (let j = 0; j < k; j++) { const t = M[c * k + j]!; M[c * k + j] = M[p * k + j]!; M[p * k + j] = t; }
      const t = r[c]!; r[c] = r[p]!; r[p] = t;
    }
    const piv = M[c * k + c]!;
    for (let i = c + 1; i < k; i++) {
      const f = M[i * k + c]! / piv;
      if (f === 0) continue;
      for (let j = c; j < k; j++) M[i * k + j] -= f * M[c * k + j]!;
      r[i] -= f * r[c]!;
    }
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = r[i]!;
    for (let j = i + 1; j < k; j++) s -= M[i * k + j]! * r[j]!;
    r[i] = s / M[i * k + i]!;
  }
}

/**
 * Solve T Y + Y Tᵀ = F for real quasi-upper-triangular T (n×n, 1×1 and 2×2 diagonal blocks).
 * Works on Yt = Yᵀ (column j of Y contiguous); `yt` holds Fᵀ on entry and Yᵀ on exit.
 */
function quasiTriLyapunov(who: string, t: Float64Array, n: number, yt: Float64Array): void {
  // block starts and sizes
  const start: number[] = [], size: number[] = [];
  for (let p = 0; p < n;) {
    const two = p < n - 1 && t[(p + 1) * n + p] !== 0;
    start.push(p); size.push(two ? 2 : 1); p += two ? 2 : 1;
  }
  let tmax = 0;
  for (let i = 0; i < t.length; i++) tmax = Math.max(tmax, Math.abs(t[i]!));
  const tol = Math.max(n, 1) * EPS * 2 * tmax + Number.MIN_VALUE * 1e20;
  const M = new Float64Array(16), r = new Float64Array(4);
  for (let J = start.length - 1; J >= 0; J--) {
    const cj = start[J]!, nj = size[J]!, endJ = cj + nj;
    // column block: Y[:,j] −= Σ_{k ≥ endJ} T[j][k] Y[:,k]
    for (let b = 0; b < nj; b++) {
      const j = cj + b, oj = j * n, tj = j * n;
      for (let k = endJ; k < n; k++) {
        const c = t[tj + k]!;
        if (c === 0) continue;
        const ok = k * n;
        for (let i = 0; i < n; i++) yt[oj + i] -= c * yt[ok + i]!;
      }
    }
    for (let I = start.length - 1; I >= 0; I--) {
      const ci = start[I]!, ni = size[I]!, endI = ci + ni;
      // r[a][b] = R[ci+a][cj+b] − Σ_{l ≥ endI} T[ci+a][l] Y[l][cj+b]
      for (let a = 0; a < ni; a++) {
        const ta = (ci + a) * n;
        for (let b = 0; b < nj; b++) {
          const ob = (cj + b) * n;
          let s = yt[ob + ci + a]!;
          for (let l = endI; l < n; l++) s -= t[ta + l]! * yt[ob + l]!;
          r[a * nj + b] = s;
        }
      }
      // (T_II ⊗ ·) + (· ⊗ T_JJ): equation (a,b): Σ_c T_II[a][c] y[c][b] + Σ_d y[a][d] T_JJ[b][d]
      const k = ni * nj;
      M.fill(0, 0, k * k);
      for (let a = 0; a < ni; a++) for (let b = 0; b < nj; b++) {
        const row = (a * nj + b) * k;
        for (let c = 0; c < ni; c++) M[row + c * nj + b] += t[(ci + a) * n + ci + c]!;
        for (let d = 0; d < nj; d++) M[row + a * nj + d] += t[(cj + b) * n + cj + d]!;
      }
      smallSolve(who, M, r, k, tol);
      for (let a = 0; a < ni; a++) for (let b = 0; b < nj; b++) yt[(cj + b) * n + ci + a] = r[a * nj + b]!;
    }
  }
}

/**
 * Solve the real continuous Lyapunov equation `A X + X Aᵀ + Q = 0`.
 *
 * Bartels–Stewart in real arithmetic (the LAPACK xTRSYL approach): the real Schur form
 * A = Z T Zᵀ ({@link realSchur}) reduces the equation to T Y + Y Tᵀ = −Zᵀ Q Z with T
 * quasi-triangular, solved block column by block column (1×1 / 2×2 blocks give linear
 * systems of size ≤ 4), and X = Z Y Zᵀ. When Q is symmetric only the upper triangles of
 * Zᵀ Q Z and Z Y Zᵀ are formed and X is returned exactly symmetric. Golub & Van Loan, Matrix Computations, 4th ed., §7.6.3; Bartels & Stewart,
 * Comm. ACM 15 (1972) 820.
 *
 * @param A - n×n real matrix.
 * @param Q - n×n real matrix.
 * @param schur - optional: the real Schur form {T, Z} of A already computed by {@link realSchur}
 *   (a caller that also needs A's eigenvalues, e.g. for a condition estimate, factors A once)
 * @returns X (n×n, real).
 * @throws NessrefError `singular` when λ_i(A) + λ_j(A) ≈ 0 for some i, j.
 *
 * @example
 * ```ts
 * import { fromRows, realLyapunov } from "nessref/linalg";
 * const X = realLyapunov(fromRows([[-1, 0], [0, -2]]), fromRows([[2, 0], [0, 4]]));
 * // X.data ≈ [1, 0, 0, 1]
 * ```
 */
export function realLyapunov(A: RealMatrix, Q: RealMatrix, schur?: RealSchurResult): RealMatrix {
  const n = A.rows;
  checkShape("realLyapunov", "A", A, n, n);
  checkShape("realLyapunov", "Q", Q, n, n);
  checkFinite("realLyapunov", [Q.data]);
  if (n === 0) return realMatrix(0, 0);
  if (schur) {
    checkShape("realLyapunov", "schur.T", schur.T, n, n);
    checkShape("realLyapunov", "schur.Z", schur.Z, n, n);
  }
  const { T, Z } = schur ?? realSchur(A);
  const symmetric = isHermitian(Q.data, null, n);
  const Zt = transpose(Z);
  let yt: Float64Array;
  if (symmetric) {
    // F = Zᵀ Q Z is symmetric: F_ij = (Zᵀ)_i · (Q Z)ᵀ_j, upper triangle only
    yt = symRowProducts(Zt.data, transpose(matmul(Q, Z)).data, n);
  } else {
    // Fᵀ = (Zᵀ Q Z)ᵀ = Zᵀ Qᵀ Z
    yt = matmul(Zt, matmul(transpose(Q), Z)).data;
  }
  for (let i = 0; i < yt.length; i++) yt[i] = -yt[i]!;
  quasiTriLyapunov("realLyapunov", T.data, n, yt);
  // Y = Ytᵀ; X = Z Y Zᵀ, i.e. X_ij = (Z Y)_i · Z_j
  const W = matmul(Z, transpose(realMatrix(n, n, yt)));
  if (symmetric) {
    // exact X is symmetric: compute the upper triangle and mirror it (X returned exactly symmetric)
    return realMatrix(n, n, symRowProducts(W.data, Z.data, n));
  }
  return matmul(W, Zt);
}

/**
 * C_ij = Σ_k A_ik B_jk for j ≥ i (row-by-row dot products of row-major n×n arrays), mirrored
 * to the lower triangle: for products whose exact value is symmetric.
 */
function symRowProducts(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  const dot = (oa: number, ob: number, x: Float64Array, y: Float64Array): number => {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, k = 0;
    for (; k + 3 < n; k += 4) {
      s0 += x[oa + k]! * y[ob + k]!; s1 += x[oa + k + 1]! * y[ob + k + 1]!;
      s2 += x[oa + k + 2]! * y[ob + k + 2]!; s3 += x[oa + k + 3]! * y[ob + k + 3]!;
    }
    for (; k < n; k++) s0 += x[oa + k]! * y[ob + k]!;
    return (s0 + s1) + (s2 + s3);
  };
  for (let i = 0; i < n; i++) {
    const oi = i * n;
    for (let j = i; j < n; j++) {
      const oj = j * n;
      const v = dot(oi, oj, a, b);
      c[oi + j] = v; c[oj + i] = v;
    }
  }
  return c;
}
