/**
 * Singular value decomposition of dense real and complex matrices.
 *
 * Algorithm (Golub & Van Loan, Matrix Computations, 4th ed., §8.6): Householder
 * bidiagonalisation (Alg. 5.4.2) followed by implicit-shift QR on the bidiagonal
 * (Golub–Kahan step, Alg. 8.6.1/8.6.2) with Wilkinson shifts, deflation of negligible
 * superdiagonal entries and the zero-diagonal chase of §8.6.2. The complex case reduces
 * the matrix to a complex bidiagonal, makes it real by a diagonal phase scaling and runs
 * the same real bidiagonal QR routine, rotating real and imaginary parts of the
 * singular vectors alike.
 *
 * Singular vectors are kept transposed (one vector per contiguous row) during the QR
 * phase so that every Givens rotation touches two contiguous rows.
 *
 * Performance structure of the real path (same algorithm, same backward-error bounds):
 * the bidiagonalisation is blocked in panels of 32 (LAPACK dlabrd/dgebrd), half its flops
 * going to cache-blocked rank-64 updates; U and V are formed from the reflectors in
 * compact-WY blocks (kernels.ts `accumulateReflectors`); the bidiagonal QR, when vectors are
 * wanted, first computes the singular values alone and then uses them as shifts, which
 * saves ≈ 20 % of the sweeps; and the rotation chains of consecutive sweeps are applied to
 * the vectors in pairs, in one pass.
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { accumulateReflectors, gemm } from "./kernels.js";
import { type ComplexMatrix, type RealMatrix, complexMatrix, realMatrix } from "./matrix.js";

/** Result of {@link svd}: `A = U diag(s) Vᵀ` (thin: `k = min(m, n)` columns). */
export interface SVDResult {
  /** Left singular vectors, m×k, orthonormal columns. */
  U: RealMatrix;
  /** Singular values, length k, descending, ≥ 0. */
  s: Float64Array;
  /** Right singular vectors, n×k, orthonormal columns. */
  V: RealMatrix;
}

/** Result of {@link csvd}: `A = U diag(s) V†` (thin: `k = min(m, n)` columns). */
export interface CSVDResult {
  /** Left singular vectors, m×k, orthonormal columns. */
  U: ComplexMatrix;
  /** Singular values, length k, descending, ≥ 0. */
  s: Float64Array;
  /** Right singular vectors, n×k, orthonormal columns. */
  V: ComplexMatrix;
}

const EPS = 2.220446049250313e-16;

/**
 * A power of two bringing the largest |entry| of x into [2^-400, 2^400] so that sums of
 * squares in the Householder norms neither overflow nor underflow (exact rescaling).
 */
function rangeScale(...xs: Float64Array[]): number {
  let mx = 0;
  for (const x of xs) for (let i = 0; i < x.length; i++) { const v = Math.abs(x[i]!); if (v > mx) mx = v; }
  if (mx === 0 || (mx < 2 ** 400 && mx > 2 ** -400)) return 1;
  return 2 ** -Math.round(Math.log2(mx));
}

function checkFiniteReal(d: Float64Array, who: string): void {
  for (let i = 0; i < d.length; i++) {
    if (!Number.isFinite(d[i]!)) throw new NessrefError("invalid-input", `${who}: matrix has a non-finite entry`, "");
  }
}

/**
 * Real Householder bidiagonalisation of a row-major m×n work array (m ≥ n), in place.
 * Writes the diagonal to `d` (length n) and superdiagonal to `e` (length n−1, e[i] = B[i,i+1]).
 * When `ut`/`vt` are given they receive U (m×n) and V (n×n) of A = U B Vᵀ (row-major).
 */
function bidiagReal(
  a: Float64Array, m: number, n: number, d: Float64Array, e: Float64Array,
  ut: Float64Array | null, vt: Float64Array | null,
): void {
  const wantU = ut !== null;
  const wantV = vt !== null;
  // Blocked panels (bidiagPanel) while more than BRD_TAIL columns remain; the rest unblocked.
  const panels = n > BRD_TAIL + BRD_NB ? Math.floor((n - BRD_TAIL) / BRD_NB) : 0;
  // Reflector storage: left v_k (length m, entries k..m-1) in rows of vl; right in rows of vr.
  const vl = wantU || panels > 0 ? new Float64Array(n * m) : null;
  const tl = new Float64Array(n);
  const vr = wantV || panels > 0 ? new Float64Array(n * n) : null;
  const tr = new Float64Array(n);
  const v = new Float64Array(Math.max(m, n));
  const u = new Float64Array(n);
  const w = new Float64Array(Math.max(m, n));
  if (panels > 0 && vl && vr) {
    const X = new Float64Array(m * BRD_NB), Y = new Float64Array(n * BRD_NB);
    for (let q = 0; q < panels; q++) bidiagPanel(a, m, n, q * BRD_NB, d, e, vl, tl, vr, tr, X, Y, v, w);
  }
  for (let k = panels * BRD_NB; k < n; k++) {
    // ---- left reflector on column k, rows k..m-1 (Householder vector v, v_k = x_0 − α)
    let nrm2 = 0;
    for (let i = k; i < m; i++) { const x = a[i * n + k]!; v[i] = x; nrm2 += x * x; }
    let tauL = 0;
    if (nrm2 > 0) {
      const x0 = v[k]!;
      const nrm = Math.sqrt(nrm2);
      const alpha = x0 >= 0 ? -nrm : nrm;
      v[k] = x0 - alpha;
      tauL = 1 / (nrm * (nrm + Math.abs(x0)));
      // w_j = τ Σ_i v_i A[i,j], j = k+1..n-1 (one streaming pass over the trailing rows)
      for (let j = k + 1; j < n; j++) w[j] = 0;
      for (let i = k; i < m; i++) {
        const vi = v[i]!;
        if (vi === 0) continue;
        const row = i * n;
        for (let j = k + 1; j < n; j++) w[j] += vi * a[row + j]!;
      }
      for (let j = k + 1; j < n; j++) w[j] *= tauL;
      d[k] = alpha;
    } else {
      d[k] = 0;
      for (let j = k + 1; j < n; j++) w[j] = 0;
    }
    tl[k] = tauL;
    if (vl) { const o = k * m; for (let i = k; i < m; i++) vl[o + i] = v[i]!; }
    if (k >= n - 1) break;
    // row k gets its left update now; the other rows get it fused with the right update below
    const rk = k * n;
    const vk = v[k]!;
    if (tauL !== 0) for (let j = k + 1; j < n; j++) a[rk + j] -= vk * w[j]!;
    // ---- right reflector u on row k, columns k+1..n-1
    let unrm2 = 0;
    for (let j = k + 1; j < n; j++) { const x = a[rk + j]!; u[j] = x; unrm2 += x * x; }
    let tauR = 0;
    if (unrm2 > 0 && k + 1 < n - 1) {
      const x0 = u[k + 1]!;
      const nrm = Math.sqrt(unrm2);
      const alpha = x0 >= 0 ? -nrm : nrm;
      u[k + 1] = x0 - alpha;
      tauR = 1 / (nrm * (nrm + Math.abs(x0)));
      e[k] = alpha;
    } else {
      e[k] = unrm2 > 0 ? u[k + 1]! : 0;
    }
    tr[k] = tauR;
    if (vr) { const o = k * n; for (let j = k + 1; j < n; j++) vr[o + j] = u[j]!; }
    // rows i > k: left update A[i,:] −= v_i wᵀ fused with the right update A[i,:] −= τ_R (A[i,:]·u) uᵀ
    const doLeft = tauL !== 0;
    for (let i = k + 1; i < m; i++) {
      const row = i * n;
      const vi = doLeft ? v[i]! : 0;
      let sdot = 0;
      if (vi !== 0) {
        // two accumulators break the serial add chain of the dot product
        let s0 = 0, s1 = 0, j = k + 1;
        for (; j + 1 < n; j += 2) {
          const x0 = a[row + j]! - vi * w[j]!, x1 = a[row + j + 1]! - vi * w[j + 1]!;
          a[row + j] = x0; a[row + j + 1] = x1;
          s0 += x0 * u[j]!; s1 += x1 * u[j + 1]!;
        }
        if (j < n) { const x0 = a[row + j]! - vi * w[j]!; a[row + j] = x0; s0 += x0 * u[j]!; }
        sdot = s0 + s1;
      } else if (tauR !== 0) {
        let s0 = 0, s1 = 0, j = k + 1;
        for (; j + 1 < n; j += 2) { s0 += a[row + j]! * u[j]!; s1 += a[row + j + 1]! * u[j + 1]!; }
        if (j < n) s0 += a[row + j]! * u[j]!;
        sdot = s0 + s1;
      }
      if (tauR === 0) continue;
      sdot *= tauR;
      if (sdot === 0) continue;
      for (let j = k + 1; j < n; j++) a[row + j] -= sdot * u[j]!;
    }
  }
  if (ut && vl) accumulateReflectors(ut, m, n, vl, m, tl, n - 1, 0);
  if (vt && vr) accumulateReflectors(vt, n, n, vr, n, tr, n - 2, 1);
}

/** Panel width of the blocked bidiagonalisation. */
const BRD_NB = 32;
/** Trailing columns left to the unblocked bidiagonalisation. */
const BRD_TAIL = 64;

/**
 * One panel of the blocked Householder bidiagonalisation (LAPACK dlabrd/dgebrd; Dongarra,
 * Sorensen & Hammarling, J. Comput. Appl. Math. 27, 1989), m ≥ n, row-major a (m×n) whose
 * rows and columns ≥ p are the current trailing matrix. Reduces rows/columns p..p+BRD_NB−1
 * (writing d, e, the reflectors into rows of vl/vr with τ in tl/tr, exactly as the unblocked
 * loop of {@link bidiagReal} does) while keeping the trailing matrix implicit as
 * A − V Yᵀ − X Uᵀ (V, U: the left/right reflectors of the panel; Y = τ_L Aᵀv terms, X = τ_R A u
 * terms), then applies that rank-2·BRD_NB update with two cache-blocked products ({@link gemm}).
 * X (m×BRD_NB) and Y (n×BRD_NB) are row-major scratch; col (≥ m) and row (≥ n) are work vectors.
 */
function bidiagPanel(a: Float64Array, m: number, n: number, p: number, d: Float64Array, e: Float64Array,
  vl: Float64Array, tl: Float64Array, vr: Float64Array, tr: Float64Array,
  X: Float64Array, Y: Float64Array, col: Float64Array, row: Float64Array): void {
  const nb = BRD_NB;
  X.fill(0); Y.fill(0);
  const t1 = new Float64Array(nb), t2 = new Float64Array(nb);
  for (let i = 0; i < nb; i++) {
    const k = p + i;
    const vo = k * m, uo = k * n;
    // 1. column k of the current matrix, rows k..m−1: A[:,k] − V Y[k,:]ᵀ − X U[k,:]ᵀ
    for (let r = k; r < m; r++) col[r] = a[r * n + k]!;
    for (let j = 0; j < i; j++) {
      const vjo = (p + j) * m, yk = Y[k * nb + j]!, uk = vr[(p + j) * n + k]!;
      for (let r = k; r < m; r++) col[r] -= vl[vjo + r]! * yk + X[r * nb + j]! * uk;
    }
    let nrm2 = 0;
    for (let r = k; r < m; r++) { const x = col[r]!; vl[vo + r] = x; nrm2 += x * x; }
    // 2. left reflector (v_k = x_0 − α, τ = 1/(‖x‖(‖x‖ + |x_0|)), as in the unblocked loop)
    let tauL = 0;
    if (nrm2 > 0) {
      const x0 = vl[vo + k]!, nrm = Math.sqrt(nrm2), alpha = x0 >= 0 ? -nrm : nrm;
      vl[vo + k] = x0 - alpha;
      tauL = 1 / (nrm * (nrm + Math.abs(x0)));
      d[k] = alpha;
    } else d[k] = 0;
    tl[k] = tauL;
    // 3. Y[c,i] = τ_L (current matrix)ᵀ v, c > k: Aᵀv − Y (Vᵀv) − U (Xᵀv)
    if (tauL !== 0) {
      for (let c = k + 1; c < n; c++) row[c] = 0;
      let r = k;
      for (; r + 3 < m; r += 4) { // four rows per pass over `row`
        const w0 = vl[vo + r]!, w1 = vl[vo + r + 1]!, w2 = vl[vo + r + 2]!, w3 = vl[vo + r + 3]!;
        const o0 = r * n, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n;
        for (let c = k + 1; c < n; c++) row[c] += w0 * a[o0 + c]! + w1 * a[o1 + c]! + w2 * a[o2 + c]! + w3 * a[o3 + c]!;
      }
      for (; r < m; r++) {
        const w0 = vl[vo + r]!, o0 = r * n;
        for (let c = k + 1; c < n; c++) row[c] += w0 * a[o0 + c]!;
      }
      for (let j = 0; j < i; j++) {
        const vjo = (p + j) * m;
        let g1 = 0, g2 = 0;
        for (let r2 = k; r2 < m; r2++) { const x = vl[vo + r2]!; g1 += vl[vjo + r2]! * x; g2 += X[r2 * nb + j]! * x; }
        t1[j] = g1; t2[j] = g2;
      }
      for (let j = 0; j < i; j++) {
        const g1 = t1[j]!, g2 = t2[j]!, ujo = (p + j) * n;
        for (let c = k + 1; c < n; c++) row[c] -= Y[c * nb + j]! * g1 + vr[ujo + c]! * g2;
      }
      for (let c = k + 1; c < n; c++) Y[c * nb + i] = tauL * row[c]!;
    }
    // 4. row k after the left reflector, columns > k: A[k,:] − V[k,0..i] Yᵀ − X[k,0..i−1] Uᵀ
    for (let c = k + 1; c < n; c++) row[c] = a[k * n + c]!;
    for (let j = 0; j <= i; j++) {
      const vk = vl[(p + j) * m + k]!;
      if (vk !== 0) for (let c = k + 1; c < n; c++) row[c] -= vk * Y[c * nb + j]!;
    }
    for (let j = 0; j < i; j++) {
      const xk = X[k * nb + j]!, ujo = (p + j) * n;
      if (xk !== 0) for (let c = k + 1; c < n; c++) row[c] -= xk * vr[ujo + c]!;
    }
    let unrm2 = 0;
    for (let c = k + 1; c < n; c++) { const x = row[c]!; vr[uo + c] = x; unrm2 += x * x; }
    // 5. right reflector on columns k+1..n−1 (k + 1 < n − 1 always holds inside a panel)
    let tauR = 0;
    if (unrm2 > 0) {
      const x0 = vr[uo + k + 1]!, nrm = Math.sqrt(unrm2), alpha = x0 >= 0 ? -nrm : nrm;
      vr[uo + k + 1] = x0 - alpha;
      tauR = 1 / (nrm * (nrm + Math.abs(x0)));
      e[k] = alpha;
    } else e[k] = 0;
    tr[k] = tauR;
    // 6. X[r,i] = τ_R (current matrix after the left reflector) u, r > k: A u − V (Yᵀu) − X (Uᵀu)
    if (tauR !== 0) {
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let c = k + 1; c < n; c++) g += Y[c * nb + j]! * vr[uo + c]!;
        t1[j] = g;
      }
      for (let j = 0; j < i; j++) {
        const ujo = (p + j) * n;
        let g = 0;
        for (let c = k + 1; c < n; c++) g += vr[ujo + c]! * vr[uo + c]!;
        t2[j] = g;
      }
      let r = k + 1;
      for (; r + 1 < m; r += 2) { // two rows per pass over u
        const o0 = r * n, o1 = o0 + n;
        let s0 = 0, s1 = 0;
        for (let c = k + 1; c < n; c++) { const uc = vr[uo + c]!; s0 += a[o0 + c]! * uc; s1 += a[o1 + c]! * uc; }
        col[r] = s0; col[r + 1] = s1;
      }
      for (; r < m; r++) {
        const o0 = r * n;
        let s0 = 0;
        for (let c = k + 1; c < n; c++) s0 += a[o0 + c]! * vr[uo + c]!;
        col[r] = s0;
      }
      for (let j = 0; j <= i; j++) {
        const g = t1[j]!, vjo = (p + j) * m;
        if (g !== 0) for (let r2 = k + 1; r2 < m; r2++) col[r2] -= vl[vjo + r2]! * g;
      }
      for (let j = 0; j < i; j++) {
        const g = t2[j]!;
        if (g !== 0) for (let r2 = k + 1; r2 < m; r2++) col[r2] -= X[r2 * nb + j]! * g;
      }
      for (let r2 = k + 1; r2 < m; r2++) X[r2 * nb + i] = tauR * col[r2]!;
    }
  }
  // trailing matrix: A[q:, q:] −= V Yᵀ + X Uᵀ
  const q = p + nb, R = m - q, C = n - q;
  gemm(R, C, nb, -1, vl, p * m + q, 1, m, Y, q * nb, 1, nb, a, q * n + q, n);
  gemm(R, C, nb, -1, X, q * nb, nb, 1, vr, p * n + q, n, 1, a, q * n + q, n);
}

/**
 * Complex Householder bidiagonalisation (m ≥ n) with Hermitian reflectors, followed by a
 * diagonal phase scaling making the bidiagonal real. Outputs real d, e and (optionally)
 * U (m×n, parts wr/wi) and V (n×n, parts qr/qi), row-major, with A = U B V†.
 */
function bidiagComplex(
  ar: Float64Array, ai: Float64Array, m: number, n: number, d: Float64Array, e: Float64Array,
  wr: Float64Array | null, wi: Float64Array | null, qr: Float64Array | null, qi: Float64Array | null,
): void {
  const wantU = wr !== null && wi !== null;
  const wantV = qr !== null && qi !== null;
  const vlr = wantU ? new Float64Array(n * m) : null;
  const vli = wantU ? new Float64Array(n * m) : null;
  const tl = new Float64Array(n);
  const vrr = wantV ? new Float64Array(n * n) : null;
  const vri = wantV ? new Float64Array(n * n) : null;
  const tr = new Float64Array(n);
  const L = Math.max(m, n);
  const vR = new Float64Array(L), vI = new Float64Array(L);
  const xR = new Float64Array(L), xI = new Float64Array(L);
  // complex bidiagonal entries before phase fixing
  const dR = new Float64Array(n), dI = new Float64Array(n);
  const eR = new Float64Array(n), eI = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let nrm2 = 0;
    for (let i = k; i < m; i++) {
      const p = i * n + k; const x = ar[p]!, y = ai[p]!;
      vR[i] = x; vI[i] = y; nrm2 += x * x + y * y;
    }
    let tau = 0;
    if (nrm2 > 0) {
      const nrm = Math.sqrt(nrm2);
      const x0r = vR[k]!, x0i = vI[k]!;
      const ax0 = Math.hypot(x0r, x0i);
      const pr = ax0 > 0 ? x0r / ax0 : 1, pi = ax0 > 0 ? x0i / ax0 : 0;
      const alR = -pr * nrm, alI = -pi * nrm;
      vR[k] = x0r - alR; vI[k] = x0i - alI;
      tau = 1 / (nrm * (nrm + ax0));
      // w_j = Σ_i conj(v_i) A[i,j]
      for (let j = k + 1; j < n; j++) { xR[j] = 0; xI[j] = 0; }
      for (let i = k; i < m; i++) {
        const vr = vR[i]!, vi = vI[i]!;
        if (vr === 0 && vi === 0) continue;
        const row = i * n;
        for (let j = k + 1; j < n; j++) {
          const a1 = ar[row + j]!, a2 = ai[row + j]!;
          xR[j] += vr * a1 + vi * a2;
          xI[j] += vr * a2 - vi * a1;
        }
      }
      for (let i = k; i < m; i++) {
        const fr = tau * vR[i]!, fi = tau * vI[i]!;
        if (fr === 0 && fi === 0) continue;
        const row = i * n;
        for (let j = k + 1; j < n; j++) {
          const w1 = xR[j]!, w2 = xI[j]!;
          ar[row + j] -= fr * w1 - fi * w2;
          ai[row + j] -= fr * w2 + fi * w1;
        }
      }
      dR[k] = alR; dI[k] = alI;
    } else { dR[k] = 0; dI[k] = 0; }
    tl[k] = tau;
    if (vlr && vli) { const o = k * m; for (let i = k; i < m; i++) { vlr[o + i] = vR[i]!; vli[o + i] = vI[i]!; } }
    if (k >= n - 1) break;
    // right reflector: x̃ = conj(row k, cols k+1..)
    const rk = k * n;
    nrm2 = 0;
    for (let j = k + 1; j < n; j++) {
      const x = ar[rk + j]!, y = -ai[rk + j]!;
      vR[j] = x; vI[j] = y; nrm2 += x * x + y * y;
    }
    tau = 0;
    if (nrm2 > 0 && k + 1 < n - 1) {
      const nrm = Math.sqrt(nrm2);
      const x0r = vR[k + 1]!, x0i = vI[k + 1]!;
      const ax0 = Math.hypot(x0r, x0i);
      const pr = ax0 > 0 ? x0r / ax0 : 1, pi = ax0 > 0 ? x0i / ax0 : 0;
      const alR = -pr * nrm, alI = -pi * nrm;
      vR[k + 1] = x0r - alR; vI[k + 1] = x0i - alI;
      tau = 1 / (nrm * (nrm + ax0));
      // rows i > k: s = Σ_j A[i,j] v_j ; A[i,j] -= tau s conj(v_j)
      for (let i = k + 1; i < m; i++) {
        const row = i * n;
        let sr = 0, si = 0;
        for (let j = k + 1; j < n; j++) {
          const a1 = ar[row + j]!, a2 = ai[row + j]!, v1 = vR[j]!, v2 = vI[j]!;
          sr += a1 * v1 - a2 * v2; si += a1 * v2 + a2 * v1;
        }
        sr *= tau; si *= tau;
        if (sr === 0 && si === 0) continue;
        for (let j = k + 1; j < n; j++) {
          const v1 = vR[j]!, v2 = vI[j]!;
          ar[row + j] -= sr * v1 + si * v2;
          ai[row + j] -= si * v1 - sr * v2;
        }
      }
      eR[k] = alR; eI[k] = -alI; // row becomes conj(α) e1
    } else {
      eR[k] = nrm2 > 0 ? vR[k + 1]! : 0; eI[k] = nrm2 > 0 ? -vI[k + 1]! : 0;
      tau = 0;
    }
    tr[k] = tau;
    if (vrr && vri) { const o = k * n; for (let j = k + 1; j < n; j++) { vrr[o + j] = vR[j]!; vri[o + j] = vI[j]!; } }
  }
  // Accumulate U = H_0 ⋯ H_{n-1} [I; 0] (m×n) and V = G_0 ⋯ G_{n-3} (n×n) by backward
  // accumulation M[c0:, c0:] ← (I − τ v v†) M[c0:, c0:].
  const accumulate = (Mr: Float64Array, Mi: Float64Array, rows: number, Vr: Float64Array, Vi: Float64Array, ld: number,
    taus: Float64Array, kFirst: number, off: number): void => {
    Mr.fill(0); Mi.fill(0);
    for (let i = 0; i < n; i++) Mr[i * n + i] = 1;
    for (let k = kFirst; k >= 0; k--) {
      const tau = taus[k]!;
      if (tau === 0) continue;
      const o = k * ld;
      const c0 = k + off;
      for (let j = c0; j < n; j++) { xR[j] = 0; xI[j] = 0; }
      for (let i = c0; i < rows; i++) {
        const a = Vr[o + i]!, b = Vi[o + i]!; if (a === 0 && b === 0) continue;
        const row = i * n;
        for (let j = c0; j < n; j++) {
          const x = Mr[row + j]!, y = Mi[row + j]!;
          xR[j] += a * x + b * y; xI[j] += a * y - b * x;
        }
      }
      for (let i = c0; i < rows; i++) {
        const a = tau * Vr[o + i]!, b = tau * Vi[o + i]!; if (a === 0 && b === 0) continue;
        const row = i * n;
        for (let j = c0; j < n; j++) {
          const x = xR[j]!, y = xI[j]!;
          Mr[row + j] -= a * x - b * y; Mi[row + j] -= a * y + b * x;
        }
      }
    }
  };
  if (wantU && vlr && vli) accumulate(wr!, wi!, m, vlr, vli, m, tl, n - 1, 0);
  if (wantV && vrr && vri) accumulate(qr!, qi!, n, vrr, vri, n, tr, n - 2, 1);
  // Phase scaling: B' = D_L† B D_R real ≥ 0 on the diagonal/superdiagonal.
  let rR = 1, rI = 0; // r_0 = 1
  for (let k = 0; k < n; k++) {
    // b = B_kk r_k ; l_k = phase(b)
    const br = dR[k]! * rR - dI[k]! * rI, bi = dR[k]! * rI + dI[k]! * rR;
    const ab = Math.hypot(br, bi);
    const lR = ab > 0 ? br / ab : 1, lI = ab > 0 ? bi / ab : 0;
    d[k] = ab;
    if (wantU) { // column k of U scaled by l_k
      for (let i = 0; i < m; i++) {
        const p = i * n + k; const a1 = wr![p]!, a2 = wi![p]!;
        wr![p] = lR * a1 - lI * a2; wi![p] = lR * a2 + lI * a1;
      }
    }
    if (wantV) { // column k of V scaled by r_k
      for (let i = 0; i < n; i++) {
        const p = i * n + k; const a1 = qr![p]!, a2 = qi![p]!;
        qr![p] = rR * a1 - rI * a2; qi![p] = rR * a2 + rI * a1;
      }
    }
    if (k === n - 1) break;
    // c = conj(l_k) B_{k,k+1}; r_{k+1} = conj(phase(c))
    const cr = lR * eR[k]! + lI * eI[k]!, ci = lR * eI[k]! - lI * eR[k]!;
    const ac = Math.hypot(cr, ci);
    e[k] = ac;
    rR = ac > 0 ? cr / ac : 1; rI = ac > 0 ? -ci / ac : 0;
  }
}

/**
 * Apply the plane rotation (c, s) to columns p, q of each row-major array in `arrs`
 * (`rows` rows, `ld` columns): col_p ← c·col_p + s·col_q, col_q ← c·col_q − s·col_p.
 */
function rotCols(arrs: Float64Array[], rows: number, ld: number, p: number, q: number, c: number, s: number): void {
  for (let t = 0; t < arrs.length; t++) {
    const x = arrs[t]!;
    for (let i = 0, o = 0; i < rows; i++, o += ld) {
      const a = x[o + p]!, b = x[o + q]!;
      x[o + p] = c * a + s * b;
      x[o + q] = c * b - s * a;
    }
  }
}

/**
 * Apply a chain of rotations (cs[t], sn[t]) on columns (lo+t, lo+t+1), t = 0..cnt−1, in
 * order, to every row: one contiguous pass per row carrying the running entry in a register.
 */
function rotChain(arrs: Float64Array[], rows: number, ld: number, lo: number, cnt: number, cs: Float64Array, sn: Float64Array): void {
  // Four rows are processed together: the running entry forms a serial dependency chain
  // per row, and interleaving four independent chains hides the floating-point latency.
  for (let t = 0; t < arrs.length; t++) {
    const x = arrs[t]!;
    let i = 0;
    for (; i + 3 < rows; i += 4) {
      const o0 = i * ld + lo, o1 = o0 + ld, o2 = o1 + ld, o3 = o2 + ld;
      let c0 = x[o0]!, c1 = x[o1]!, c2 = x[o2]!, c3 = x[o3]!;
      for (let k = 0; k < cnt; k++) {
        const c = cs[k]!, s = sn[k]!;
        const b0 = x[o0 + k + 1]!, b1 = x[o1 + k + 1]!, b2 = x[o2 + k + 1]!, b3 = x[o3 + k + 1]!;
        x[o0 + k] = c * c0 + s * b0; c0 = c * b0 - s * c0;
        x[o1 + k] = c * c1 + s * b1; c1 = c * b1 - s * c1;
        x[o2 + k] = c * c2 + s * b2; c2 = c * b2 - s * c2;
        x[o3 + k] = c * c3 + s * b3; c3 = c * b3 - s * c3;
      }
      x[o0 + cnt] = c0; x[o1 + cnt] = c1; x[o2 + cnt] = c2; x[o3 + cnt] = c3;
    }
    for (; i < rows; i++) {
      const o = i * ld + lo;
      let carry = x[o]!;
      for (let k = 0; k < cnt; k++) {
        const b = x[o + k + 1]!, c = cs[k]!, s = sn[k]!;
        x[o + k] = c * carry + s * b;
        carry = c * b - s * carry;
      }
      x[o + cnt] = carry;
    }
  }
}

/** √(a² + b²) without Math.hypot's cost when the squares can neither overflow nor underflow. */
function hyp(a: number, b: number): number {
  const r = Math.sqrt(a * a + b * b);
  return r > 1e-150 && r < 1e150 ? r : Math.hypot(a, b);
}

/**
 * Implicit-shift QR on the real upper bidiagonal (d, e) of size n (GVL Alg. 8.6.2).
 * Left rotations are applied to columns of the row-major arrays in `us` (lu rows, n
 * columns), right rotations to columns of `vs` (lv rows, n columns). On exit d holds the
 * singular values (non-negative, descending), columns permuted/sign-fixed accordingly.
 *
 * When vectors are wanted, the singular values are first computed by a values-only run on
 * a copy (O(n²) work), and the vector run then uses them as shifts ("perfect shifts":
 * a QR step shifted by an exact σ² deflates σ at the bottom in about one sweep, against
 * ≈ 1.8 sweeps per value for the Wilkinson shift). The shift only steers convergence; each
 * step is an orthogonal transformation whatever the shift, so backward stability and
 * the deflation tests are those of the plain algorithm; the shift used is the not yet
 * deflated σ² nearest to the Wilkinson shift of the trailing 2×2, and after two sweeps
 * without a deflation the Wilkinson shift itself (the unmodified algorithm).
 */
function bidiagQR(d: Float64Array, e: Float64Array, n: number, us: Float64Array[], lu: number, vs: Float64Array[], lv: number): void {
  if (n === 0) return;
  // Scale to keep squares in range.
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(d[i]!));
  for (let i = 0; i < n - 1; i++) scale = Math.max(scale, Math.abs(e[i]!));
  if (scale > 0) {
    const inv = 1 / scale;
    for (let i = 0; i < n; i++) d[i] *= inv;
    for (let i = 0; i < n - 1; i++) e[i] *= inv;
    let shifts: Float64Array | null = null;
    if ((us.length > 0 || vs.length > 0) && n >= 16) {
      const d2 = Float64Array.from(d), e2 = Float64Array.from(e);
      qrIterate(d2, e2, n, [], 0, [], 0, null);
      shifts = new Float64Array(n);
      for (let i = 0; i < n; i++) shifts[i] = d2[i]! * d2[i]!;
      shifts.sort();
    }
    qrIterate(d, e, n, us, lu, vs, lv, shifts);
    for (let i = 0; i < n; i++) d[i] *= scale;
  }
  // signs
  for (let i = 0; i < n; i++) {
    if (d[i]! < 0) {
      d[i] = -d[i]!;
      for (const x of vs) for (let r = 0; r < lv; r++) x[r * n + i] = -x[r * n + i]!;
    }
  }
  // sort descending (selection sort with row swaps)
  for (let i = 0; i < n - 1; i++) {
    let p = i;
    for (let j = i + 1; j < n; j++) if (d[j]! > d[p]!) p = j;
    if (p !== i) {
      const t = d[i]!; d[i] = d[p]!; d[p] = t;
      for (const x of us) swapCols(x, lu, n, i, p);
      for (const x of vs) swapCols(x, lv, n, i, p);
    }
  }
}

/** Index of the entry of `xs` nearest to `x`, NaN entries skipped (−1 if all are NaN). */
function nearest(xs: Float64Array, x: number): number {
  let best = -1, bd = Infinity;
  for (let j = 0; j < xs.length; j++) {
    const q = Math.abs(xs[j]! - x); // NaN never compares below bd
    if (q < bd) { bd = q; best = j; }
  }
  return best;
}

/** Mark the entry of `xs` nearest to `x` as consumed (NaN). */
function consumeNearest(xs: Float64Array, x: number): void {
  const j = nearest(xs, x);
  if (j >= 0) xs[j] = NaN;
}

/**
 * The QR iteration of {@link bidiagQR} on a bidiagonal scaled to ‖B‖ ≈ 1. `shifts`, when
 * given, holds the squared singular values of B, used as shifts; the one nearest to each
 * value deflated at the bottom is marked consumed (NaN).
 */
function qrIterate(d: Float64Array, e: Float64Array, n: number, us: Float64Array[], lu: number, vs: Float64Array[], lv: number,
  shifts: Float64Array | null): void {
  let cu = new Float64Array(n), su = new Float64Array(n), cv = new Float64Array(n), sv = new Float64Array(n);
  // Rotation chains are applied to the vectors two sweeps at a time (see rotChainPair): the
  // chain of the previous sweep waits in the p* buffers until the next one is known.
  let pcu = new Float64Array(n), psu = new Float64Array(n), pcv = new Float64Array(n), psv = new Float64Array(n);
  let pLo = -1, pCnt = 0;
  const wantVec = us.length > 0 || vs.length > 0;
  const pad = wantVec ? new Float64Array(4 * n) : new Float64Array(0);
  const flush = (): void => {
    if (pLo < 0) return;
    if (vs.length) rotChain(vs, lv, n, pLo, pCnt, pcv, psv);
    if (us.length) rotChain(us, lu, n, pLo, pCnt, pcu, psu);
    pLo = -1;
  };
  const dtol = EPS; // ‖B‖ ≈ 1 after scaling (up to factor 2)
  const maxSweeps = 100 * Math.max(n, 10);
  let sweeps = 0;
  let stall = 0; // sweeps since the last deflation at the bottom
  let hi = n - 1;
  while (hi > 0) {
    // deflate from the bottom
    const ee = Math.abs(e[hi - 1]!);
    if (ee <= EPS * (Math.abs(d[hi - 1]!) + Math.abs(d[hi]!)) || ee < 1e-300) {
      e[hi - 1] = 0;
      if (shifts) consumeNearest(shifts, d[hi]! * d[hi]!);
      hi--;
      stall = 0;
      continue;
    }
    // find lo: top of unreduced block
    let lo = hi - 1;
    while (lo > 0) {
      const el = Math.abs(e[lo - 1]!);
      if (el <= EPS * (Math.abs(d[lo - 1]!) + Math.abs(d[lo]!)) || el < 1e-300) { e[lo - 1] = 0; break; }
      lo--;
    }
    if (++sweeps > maxSweeps) throw new NessrefError("no-convergence", `svd: bidiagonal QR did not converge in ${maxSweeps} sweeps`, "");
    // zero diagonal?
    let zi = -1;
    for (let i = lo; i <= hi; i++) if (Math.abs(d[i]!) <= dtol) { zi = i; break; }
    if (zi >= 0) {
      flush();
      d[zi] = 0;
      if (zi < hi) {
        // chase e[zi] along row zi with left rotations on rows (j, zi)
        let f = e[zi]!; e[zi] = 0;
        for (let j = zi + 1; j <= hi; j++) {
          const r = Math.hypot(d[j]!, f);
          const c = d[j]! / r, s = f / r;
          d[j] = r;
          if (us.length) rotCols(us, lu, n, j, zi, c, s);
          if (j < hi) { f = -s * e[j]!; e[j] = c * e[j]!; }
        }
      } else {
        // d[hi] = 0: chase e[hi-1] up column hi with right rotations on (j, hi)
        let f = e[hi - 1]!; e[hi - 1] = 0;
        for (let j = hi - 1; j >= lo; j--) {
          const r = Math.hypot(d[j]!, f);
          const c = d[j]! / r, s = f / r;
          d[j] = r;
          if (vs.length) rotCols(vs, lv, n, j, hi, c, s);
          if (j > lo) { f = -s * e[j - 1]!; e[j - 1] = c * e[j - 1]!; }
        }
      }
      continue;
    }
    // Wilkinson shift from the trailing 2×2 of BᵀB
    const dm = d[hi - 1]!, dn = d[hi]!, em = e[hi - 1]!;
    const el = hi - 1 > lo ? e[hi - 2]! : 0;
    const ta = dm * dm + el * el, tb = dm * em, tc = dn * dn + em * em;
    const delta = (ta - tc) / 2;
    let mu: number;
    if (tb === 0) mu = tc;
    else {
      const den = delta + (delta >= 0 ? 1 : -1) * Math.hypot(delta, tb);
      mu = tc - (tb * tb) / den;
    }
    if (shifts && ++stall <= 2) {
      // perfect shift: the not yet deflated σ² nearest to the Wilkinson shift. Safeguard:
      // after two sweeps without a deflation at the bottom (clusters, where an exact shift
      // can leave the block almost unchanged) the plain Wilkinson shift takes over.
      const j = nearest(shifts, mu);
      if (j >= 0) mu = shifts[j]!;
    }
    let y = d[lo]! * d[lo]! - mu;
    let z = d[lo]! * e[lo]!;
    for (let k = lo; k < hi; k++) {
      // right rotation on columns k, k+1
      let r = hyp(y, z);
      let c = r === 0 ? 1 : y / r, s = r === 0 ? 0 : z / r;
      if (k > lo) e[k - 1] = r;
      const dk = d[k]!, ek = e[k]!, dk1 = d[k + 1]!;
      y = c * dk + s * ek;
      e[k] = c * ek - s * dk;
      z = s * dk1;
      d[k + 1] = c * dk1;
      cv[k - lo] = c; sv[k - lo] = s;
      // left rotation on rows k, k+1
      r = hyp(y, z);
      c = r === 0 ? 1 : y / r; s = r === 0 ? 0 : z / r;
      d[k] = r;
      const ek2 = e[k]!, dk2 = d[k + 1]!;
      y = c * ek2 + s * dk2;
      d[k + 1] = c * dk2 - s * ek2;
      if (k < hi - 1) { z = s * e[k + 1]!; e[k + 1] = c * e[k + 1]!; }
      e[k] = y;
      cu[k - lo] = c; su[k - lo] = s;
    }
    if (!wantVec) continue;
    const cnt = hi - lo;
    const L = Math.min(lo, pLo), H = Math.max(lo + cnt, pLo + pCnt);
    if (pLo >= 0 && H - L <= Math.min(cnt, pCnt) + 4) {
      // fuse the pending chain with this one; rotations outside a chain's range are identities
      const N = H - L;
      const c1 = pad.subarray(0, N), s1 = pad.subarray(n, n + N), c2 = pad.subarray(2 * n, 2 * n + N), s2 = pad.subarray(3 * n, 3 * n + N);
      if (vs.length) {
        padChain(c1, s1, L, pLo, pCnt, pcv, psv); padChain(c2, s2, L, lo, cnt, cv, sv);
        rotChainPair(vs, lv, n, L, N, c1, s1, c2, s2);
      }
      if (us.length) {
        padChain(c1, s1, L, pLo, pCnt, pcu, psu); padChain(c2, s2, L, lo, cnt, cu, su);
        rotChainPair(us, lu, n, L, N, c1, s1, c2, s2);
      }
      pLo = -1;
    } else {
      flush();
      // this chain becomes the pending one (swap buffers)
      let t = pcu; pcu = cu; cu = t; t = psu; psu = su; su = t;
      t = pcv; pcv = cv; cv = t; t = psv; psv = sv; sv = t;
      pLo = lo; pCnt = cnt;
    }
  }
  flush();
}

/** Write chain (cs, sn) acting from column `lo` (`cnt` rotations) into (c, s) starting at column L, identity elsewhere. */
function padChain(c: Float64Array, s: Float64Array, L: number, lo: number, cnt: number, cs: Float64Array, sn: Float64Array): void {
  c.fill(1); s.fill(0);
  const o = lo - L;
  for (let t = 0; t < cnt; t++) { c[o + t] = cs[t]!; s[o + t] = sn[t]!; }
}

/**
 * Apply two rotation chains in sequence, (c1, s1) then (c2, s2), each on columns (L+t, L+t+1),
 * t = 0..N−1, in one pass per row: the second chain follows one column behind the first,
 * taking the first chain's output from a register, so each entry is loaded and stored once
 * for both (the "wavefront" order of Van Zee, van de Geijn & Quintana-Ortí, ACM TOMS 40(3),
 * 2014). Exactly the same arithmetic as two calls of {@link rotChain}.
 */
function rotChainPair(arrs: Float64Array[], rows: number, ld: number, L: number, N: number,
  c1: Float64Array, s1: Float64Array, c2: Float64Array, s2: Float64Array): void {
  if (N === 0) return;
  const ca = c1[0]!, sa = s1[0]!, cz = c2[N - 1]!, sz = s2[N - 1]!;
  for (let t = 0; t < arrs.length; t++) {
    const x = arrs[t]!;
    let i = 0;
    // four rows together: eight independent carry chains hide the floating-point latency
    for (; i + 3 < rows; i += 4) {
      const o0 = i * ld + L, o1 = o0 + ld, o2 = o1 + ld, o3 = o2 + ld;
      let a0 = x[o0]!, a1 = x[o1]!, a2 = x[o2]!, a3 = x[o3]!;
      const b0 = x[o0 + 1]!, b1 = x[o1 + 1]!, b2 = x[o2 + 1]!, b3 = x[o3 + 1]!;
      // chain 1, rotation 0: p = column 0 after chain 1 (carry of chain 2), a = column 1 (carry of chain 1)
      let p0 = ca * a0 + sa * b0, p1 = ca * a1 + sa * b1, p2 = ca * a2 + sa * b2, p3 = ca * a3 + sa * b3;
      a0 = ca * b0 - sa * a0; a1 = ca * b1 - sa * a1; a2 = ca * b2 - sa * a2; a3 = ca * b3 - sa * a3;
      for (let k = 0; k + 1 < N; k++) {
        const cc = c1[k + 1]!, ss = s1[k + 1]!, dc = c2[k]!, ds = s2[k]!;
        const y0 = x[o0 + k + 2]!, y1 = x[o1 + k + 2]!, y2 = x[o2 + k + 2]!, y3 = x[o3 + k + 2]!;
        const f0 = cc * a0 + ss * y0, f1 = cc * a1 + ss * y1, f2 = cc * a2 + ss * y2, f3 = cc * a3 + ss * y3;
        a0 = cc * y0 - ss * a0; a1 = cc * y1 - ss * a1; a2 = cc * y2 - ss * a2; a3 = cc * y3 - ss * a3;
        x[o0 + k] = dc * p0 + ds * f0; x[o1 + k] = dc * p1 + ds * f1; x[o2 + k] = dc * p2 + ds * f2; x[o3 + k] = dc * p3 + ds * f3;
        p0 = dc * f0 - ds * p0; p1 = dc * f1 - ds * p1; p2 = dc * f2 - ds * p2; p3 = dc * f3 - ds * p3;
      }
      x[o0 + N - 1] = cz * p0 + sz * a0; x[o0 + N] = cz * a0 - sz * p0;
      x[o1 + N - 1] = cz * p1 + sz * a1; x[o1 + N] = cz * a1 - sz * p1;
      x[o2 + N - 1] = cz * p2 + sz * a2; x[o2 + N] = cz * a2 - sz * p2;
      x[o3 + N - 1] = cz * p3 + sz * a3; x[o3 + N] = cz * a3 - sz * p3;
    }
    for (; i < rows; i++) {
      const o = i * ld + L;
      let a = x[o]!;
      const b = x[o + 1]!;
      let p = ca * a + sa * b;
      a = ca * b - sa * a;
      for (let k = 0; k + 1 < N; k++) {
        const cc = c1[k + 1]!, ss = s1[k + 1]!, dc = c2[k]!, ds = s2[k]!;
        const y = x[o + k + 2]!;
        const f = cc * a + ss * y;
        a = cc * y - ss * a;
        x[o + k] = dc * p + ds * f;
        p = dc * f - ds * p;
      }
      x[o + N - 1] = cz * p + sz * a; x[o + N] = cz * a - sz * p;
    }
  }
}

function swapCols(x: Float64Array, rows: number, ld: number, p: number, q: number): void {
  for (let r = 0, o = 0; r < rows; r++, o += ld) { const t = x[o + p]!; x[o + p] = x[o + q]!; x[o + q] = t; }
}

/** Transpose a row-major r×c array into a new c×r array (optionally negating: conjugate part). */
function transposeArr(x: Float64Array, r: number, c: number, neg = false): Float64Array {
  const out = new Float64Array(r * c);
  const B = 32;
  for (let i0 = 0; i0 < r; i0 += B) {
    const i1 = Math.min(r, i0 + B);
    for (let j0 = 0; j0 < c; j0 += B) {
      const j1 = Math.min(c, j0 + B);
      for (let i = i0; i < i1; i++) {
        const o = i * c;
        for (let j = j0; j < j1; j++) out[j * r + i] = neg ? -x[o + j]! : x[o + j]!;
      }
    }
  }
  return out;
}

function realCore(A: RealMatrix, wantVectors: boolean, who: string): SVDResult {
  const { rows: m0, cols: n0 } = A;
  if (!Number.isInteger(m0) || !Number.isInteger(n0) || m0 < 0 || n0 < 0 || A.data.length !== m0 * n0) {
    throw new NessrefError("invalid-input", `${who}: malformed matrix`, "");
  }
  checkFiniteReal(A.data, who);
  const tall = m0 >= n0;
  const m = tall ? m0 : n0, n = tall ? n0 : m0;
  const a = tall ? Float64Array.from(A.data) : transposeArr(A.data, m0, n0);
  const d = new Float64Array(n), e = new Float64Array(Math.max(n - 1, 0) + 1);
  const ut = wantVectors ? new Float64Array(m * n) : null;
  const vt = wantVectors ? new Float64Array(n * n) : null;
  const sc = rangeScale(a);
  if (sc !== 1) for (let i = 0; i < a.length; i++) a[i] *= sc;
  if (n > 0) bidiagReal(a, m, n, d, e, ut, vt);
  bidiagQR(d, e, n, ut ? [ut] : [], m, vt ? [vt] : [], n);
  if (sc !== 1) for (let i = 0; i < n; i++) d[i] /= sc;
  if (!wantVectors) return { U: realMatrix(0, 0), s: d, V: realMatrix(0, 0) };
  const Ubig = realMatrix(m, n, ut!);
  const Vsm = realMatrix(n, n, vt!);
  return tall ? { U: Ubig, s: d, V: Vsm } : { U: Vsm, s: d, V: Ubig };
}

function complexCore(A: ComplexMatrix, wantVectors: boolean, who: string): CSVDResult {
  const { rows: m0, cols: n0 } = A;
  if (!Number.isInteger(m0) || !Number.isInteger(n0) || m0 < 0 || n0 < 0 || A.re.length !== m0 * n0 || A.im.length !== m0 * n0) {
    throw new NessrefError("invalid-input", `${who}: malformed matrix`, "");
  }
  checkFiniteReal(A.re, who); checkFiniteReal(A.im, who);
  const tall = m0 >= n0;
  const m = tall ? m0 : n0, n = tall ? n0 : m0;
  // wide case: work on A† (conjugate transpose): A† = V Σ U†.
  const ar = tall ? Float64Array.from(A.re) : transposeArr(A.re, m0, n0);
  const ai = tall ? Float64Array.from(A.im) : transposeArr(A.im, m0, n0, true);
  const d = new Float64Array(n), e = new Float64Array(Math.max(n - 1, 0) + 1);
  const wr = wantVectors ? new Float64Array(n * m) : null, wi = wantVectors ? new Float64Array(n * m) : null;
  const qr = wantVectors ? new Float64Array(n * n) : null, qi = wantVectors ? new Float64Array(n * n) : null;
  const sc = rangeScale(ar, ai);
  if (sc !== 1) for (let i = 0; i < ar.length; i++) { ar[i] *= sc; ai[i] *= sc; }
  if (n > 0) bidiagComplex(ar, ai, m, n, d, e, wr, wi, qr, qi);
  bidiagQR(d, e, n, wr ? [wr, wi!] : [], m, qr ? [qr, qi!] : [], n);
  if (sc !== 1) for (let i = 0; i < n; i++) d[i] /= sc;
  if (!wantVectors) return { U: complexMatrix(0, 0), s: d, V: complexMatrix(0, 0) };
  const Ubig = complexMatrix(m, n, wr!, wi!);
  const Vsm = complexMatrix(n, n, qr!, qi!);
  // wide case: A† = Ubig Σ Vsm†, so A = Vsm Σ Ubig†.
  return tall ? { U: Ubig, s: d, V: Vsm } : { U: Vsm, s: d, V: Ubig };
}

/**
 * Thin singular value decomposition `A = U diag(s) Vᵀ` of a real m×n matrix.
 *
 * With `k = min(m, n)`: `U` is m×k and `V` is n×k with orthonormal columns, `s` has
 * length k, descending, non-negative. Householder bidiagonalisation plus implicit-shift
 * QR on the bidiagonal (Golub & Van Loan, Matrix Computations, 4th ed., Alg. 8.6.2);
 * wide matrices are handled through their transpose. Backward stable: the computed
 * factors reconstruct A to O(ε‖A‖).
 *
 * @param A - the matrix (any shape, finite entries).
 * @returns `{ U, s, V }`.
 * @throws NessrefError `invalid-input` for non-finite entries, `no-convergence` if the QR sweeps stall.
 *
 * @example
 * ```ts
 * import { fromRows, svd } from "nessref/linalg";
 * const { s } = svd(fromRows([[3, 0], [4, 5]]));
 * // s ≈ [6.708203932499369, 2.23606797749979]  (√45, √5)
 * ```
 */
export function svd(A: RealMatrix): SVDResult {
  return realCore(A, true, "svd");
}

/**
 * Thin complex singular value decomposition `A = U diag(s) V†` of an m×n complex matrix.
 *
 * Complex Householder bidiagonalisation, a diagonal phase scaling that makes the
 * bidiagonal real and non-negative, then the same real bidiagonal QR as {@link svd}
 * (Golub & Van Loan, Matrix Computations, 4th ed., §8.6). `U` is m×k, `V` is n×k with
 * orthonormal columns, `s` descending, `k = min(m, n)`.
 *
 * @param A - the complex matrix (any shape, finite entries).
 * @returns `{ U, s, V }`.
 * @throws NessrefError `invalid-input` for non-finite entries, `no-convergence` if the QR sweeps stall.
 *
 * @example
 * ```ts
 * import { complexFromRows, csvd } from "nessref/linalg";
 * const { s } = csvd(complexFromRows({ re: [[0, 0], [0, 0]], im: [[0, -1], [1, 0]] })); // σ^y
 * // s ≈ [1, 1]
 * ```
 */
export function csvd(A: ComplexMatrix): CSVDResult {
  return complexCore(A, true, "csvd");
}

/**
 * Singular values of a real matrix, descending (no vectors: bidiagonalisation plus
 * bidiagonal QR without accumulation; Golub & Van Loan, 4th ed., Alg. 8.6.2).
 *
 * @param A - the matrix.
 * @returns the `min(m, n)` singular values, descending.
 *
 * @example
 * ```ts
 * import { fromRows, singularValues } from "nessref/linalg";
 * singularValues(fromRows([[2, 0], [0, -3]])); // Float64Array [3, 2]
 * ```
 */
export function singularValues(A: RealMatrix): Float64Array {
  return realCore(A, false, "singularValues").s;
}

/**
 * Singular values of a complex matrix, descending (no vectors; see {@link csvd}).
 *
 * @param A - the complex matrix.
 * @returns the `min(m, n)` singular values, descending.
 *
 * @example
 * ```ts
 * import { complexFromRows, csingularValues } from "nessref/linalg";
 * csingularValues(complexFromRows({ re: [[1, 0], [0, 0]], im: [[0, 0], [0, 2]] })); // [2, 1]
 * ```
 */
export function csingularValues(A: ComplexMatrix): Float64Array {
  return complexCore(A, false, "csingularValues").s;
}

/**
 * Numerical rank of a real matrix: the number of singular values above
 * `tol` (default `max(m, n) · ε · s₁`, the usual LAPACK/NumPy convention).
 *
 * @param A - the matrix.
 * @param tol - absolute threshold on singular values (optional).
 * @returns the numerical rank.
 *
 * @example
 * ```ts
 * import { fromRows, rank } from "nessref/linalg";
 * rank(fromRows([[1, 2], [2, 4]])); // 1
 * ```
 */
export function rank(A: RealMatrix, tol?: number): number {
  const s = singularValues(A);
  if (s.length === 0) return 0;
  const t = tol ?? Math.max(A.rows, A.cols) * EPS * s[0]!;
  let r = 0;
  for (let i = 0; i < s.length; i++) if (s[i]! > t) r++;
  return r;
}
