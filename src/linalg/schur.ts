/**
 * Hessenberg reduction, real and complex Schur forms, and the general (non-symmetric)
 * eigenproblem.
 *
 * - {@link hessenberg} / {@link chessenberg}: Householder reduction (Golub & Van Loan,
 *   Matrix Computations, 4th ed., Alg. 7.4.2).
 * - {@link realSchur}: Francis double-shift QR with deflation (GVL Alg. 7.5.2), quasi-
 *   triangular T with 1×1 and 2×2 diagonal blocks; 2×2 blocks with real eigenvalues are
 *   split by a rotation, complex pairs are rotated to LAPACK's standard form [[α, β], [γ, α]],
 *   βγ < 0 (`dlanv2`), so that Re λ = α is stored, not the difference of two entries.
 * - {@link cschur}: complex single-shift QR with Wilkinson shifts (GVL §7.5.5 / §7.4.6).
 * - {@link schur}: complex Schur form of a real matrix, from {@link realSchur} with every
 *   2×2 block triangularised by a unitary 2×2 rotation built from its eigenvector.
 * - {@link eig} / {@link ceig}: eigenvectors by back substitution on T (GVL §7.6.4),
 *   transformed by Z and normalised.
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { type ComplexMatrix, type ComplexVector, type RealMatrix, complexMatrix, realMatrix } from "./matrix.js";

/** Result of {@link hessenberg}: `A = Q H Qᵀ`, H upper Hessenberg, Q orthogonal. */
export interface HessenbergResult {
  /** Upper Hessenberg matrix (zeros below the first subdiagonal). */
  H: RealMatrix;
  /** Orthogonal transformation. */
  Q: RealMatrix;
}

/** Result of {@link chessenberg}: `A = Q H Q†`, H upper Hessenberg, Q unitary. */
export interface CHessenbergResult {
  /** Upper Hessenberg matrix (zeros below the first subdiagonal). */
  H: ComplexMatrix;
  /** Unitary transformation. */
  Q: ComplexMatrix;
}

/** Result of {@link realSchur}: `A = Z T Zᵀ`, T quasi-upper-triangular, Z orthogonal. */
export interface RealSchurResult {
  /** Quasi-upper-triangular factor: 1×1 blocks (real eigenvalues) and 2×2 blocks (complex pairs, standardized: equal diagonal entries α = Re λ, off-diagonal product < 0). */
  T: RealMatrix;
  /** Orthogonal Schur vectors. */
  Z: RealMatrix;
}

/** Result of {@link cschur} and {@link schur}: `A = Z T Z†`, T upper triangular, Z unitary. */
export interface ComplexSchurResult {
  /** Upper triangular factor; its diagonal holds the eigenvalues. */
  T: ComplexMatrix;
  /** Unitary Schur vectors. */
  Z: ComplexMatrix;
}

/** Result of {@link eig} and {@link ceig}. */
export interface EigResult {
  /** Eigenvalues λ_k (in Schur order). */
  values: ComplexVector;
  /** Eigenvectors as unit-norm (2-norm) columns: column k belongs to `values[k]`. */
  vectors: ComplexMatrix;
}

const EPS = 2.220446049250313e-16;

/** Power of two bringing the largest |entry| into [2^-400, 2^400] (exact rescaling against over/underflow). */
function rangeScale(...xs: Float64Array[]): number {
  let mx = 0;
  for (const x of xs) for (let i = 0; i < x.length; i++) { const v = Math.abs(x[i]!); if (v > mx) mx = v; }
  if (mx === 0 || (mx < 2 ** 400 && mx > 2 ** -400)) return 1;
  return 2 ** -Math.round(Math.log2(mx));
}

function requireSquareFinite(who: string, rows: number, cols: number, parts: Float64Array[]): void {
  if (rows !== cols) throw new NessrefError("invalid-input", `${who}: matrix ${rows}×${cols} is not square`, "");
  for (const p of parts) {
    if (p.length !== rows * cols) throw new NessrefError("invalid-input", `${who}: malformed matrix`, "");
    for (let i = 0; i < p.length; i++) {
      if (!Number.isFinite(p[i]!)) throw new NessrefError("invalid-input", `${who}: matrix has a non-finite entry`, "");
    }
  }
}

// ---------------------------------------------------------------------------------------
// Hessenberg reductions (in place on work arrays)

function hessReal(h: Float64Array, n: number, q: Float64Array | null): void {
  const vs = q ? new Float64Array(n * n) : null;
  const taus = new Float64Array(n);
  const v = new Float64Array(n);
  const w = new Float64Array(n);
  for (let k = 0; k + 2 < n; k++) {
    let nrm2 = 0;
    for (let i = k + 1; i < n; i++) { const x = h[i * n + k]!; v[i] = x; nrm2 += x * x; }
    const x0 = v[k + 1]!;
    if (nrm2 === 0 || nrm2 === x0 * x0) { taus[k] = 0; continue; }
    const nrm = Math.sqrt(nrm2);
    const alpha = x0 >= 0 ? -nrm : nrm;
    v[k + 1] = x0 - alpha;
    const tau = 1 / (nrm * (nrm + Math.abs(x0)));
    taus[k] = tau;
    // w = τ vᵀ A[k+1:, k+1:] (one streaming pass)
    for (let j = k + 1; j < n; j++) w[j] = 0;
    for (let i = k + 1; i < n; i++) {
      const vi = v[i]!; if (vi === 0) continue;
      const row = i * n;
      for (let j = k + 1; j < n; j++) w[j] += vi * h[row + j]!;
    }
    for (let j = k + 1; j < n; j++) w[j] *= tau;
    h[(k + 1) * n + k] = alpha;
    for (let i = k + 2; i < n; i++) h[i * n + k] = 0;
    // rows 0..k: right update only; rows > k: left update fused with the right update
    // (the row is in cache for the second sweep): A ← (I − τvvᵀ) A (I − τvvᵀ)
    for (let i = 0; i < n; i++) {
      const row = i * n;
      const vi = i > k ? v[i]! : 0;
      let s0 = 0, s1 = 0, j = k + 1;
      if (vi !== 0) {
        for (; j + 1 < n; j += 2) {
          const x0 = h[row + j]! - vi * w[j]!, x1 = h[row + j + 1]! - vi * w[j + 1]!;
          h[row + j] = x0; h[row + j + 1] = x1;
          s0 += x0 * v[j]!; s1 += x1 * v[j + 1]!;
        }
        if (j < n) { const x0 = h[row + j]! - vi * w[j]!; h[row + j] = x0; s0 += x0 * v[j]!; }
      } else {
        for (; j + 1 < n; j += 2) { s0 += h[row + j]! * v[j]!; s1 += h[row + j + 1]! * v[j + 1]!; }
        if (j < n) s0 += h[row + j]! * v[j]!;
      }
      const s = (s0 + s1) * tau;
      if (s === 0) continue;
      for (let jj = k + 1; jj < n; jj++) h[row + jj] -= s * v[jj]!;
    }
    if (vs) { const o = k * n; for (let j = k + 1; j < n; j++) vs[o + j] = v[j]!; }
  }
  if (q && vs) {
    q.fill(0);
    for (let i = 0; i < n; i++) q[i * n + i] = 1;
    for (let k = n - 3; k >= 0; k--) {
      const tau = taus[k]!; if (tau === 0) continue;
      const o = k * n;
      for (let j = k + 1; j < n; j++) w[j] = 0;
      for (let i = k + 1; i < n; i++) {
        const vi = vs[o + i]!; if (vi === 0) continue;
        const row = i * n;
        for (let j = k + 1; j < n; j++) w[j] += vi * q[row + j]!;
      }
      for (let i = k + 1; i < n; i++) {
        const f = tau * vs[o + i]!; if (f === 0) continue;
        const row = i * n;
        for (let j = k + 1; j < n; j++) q[row + j] -= f * w[j]!;
      }
    }
  }
}

function hessComplex(hr: Float64Array, hi: Float64Array, n: number, qr: Float64Array | null, qi: Float64Array | null): void {
  const want = qr !== null && qi !== null;
  const vsr = want ? new Float64Array(n * n) : null, vsi = want ? new Float64Array(n * n) : null;
  const taus = new Float64Array(n);
  const vR = new Float64Array(n), vI = new Float64Array(n), wR = new Float64Array(n), wI = new Float64Array(n);
  // left application  M[k+1.., c0..] ← (I − τ v v†) M
  const leftApply = (Mr: Float64Array, Mi: Float64Array, k: number, c0: number, Vr: Float64Array, Vi: Float64Array, o: number, tau: number): void => {
    for (let j = c0; j < n; j++) { wR[j] = 0; wI[j] = 0; }
    for (let i = k + 1; i < n; i++) {
      const a = Vr[o + i]!, b = Vi[o + i]!; if (a === 0 && b === 0) continue;
      const row = i * n;
      for (let j = c0; j < n; j++) {
        const x = Mr[row + j]!, y = Mi[row + j]!;
        wR[j] += a * x + b * y; wI[j] += a * y - b * x;
      }
    }
    for (let i = k + 1; i < n; i++) {
      const a = tau * Vr[o + i]!, b = tau * Vi[o + i]!; if (a === 0 && b === 0) continue;
      const row = i * n;
      for (let j = c0; j < n; j++) {
        const x = wR[j]!, y = wI[j]!;
        Mr[row + j] -= a * x - b * y; Mi[row + j] -= a * y + b * x;
      }
    }
  };
  for (let k = 0; k + 2 < n; k++) {
    let nrm2 = 0;
    for (let i = k + 1; i < n; i++) { const p = i * n + k; const x = hr[p]!, y = hi[p]!; vR[i] = x; vI[i] = y; nrm2 += x * x + y * y; }
    const x0r = vR[k + 1]!, x0i = vI[k + 1]!;
    const ax0 = Math.hypot(x0r, x0i);
    if (nrm2 === 0 || nrm2 === ax0 * ax0) { taus[k] = 0; continue; }
    const nrm = Math.sqrt(nrm2);
    const pr = ax0 > 0 ? x0r / ax0 : 1, pi = ax0 > 0 ? x0i / ax0 : 0;
    const alR = -pr * nrm, alI = -pi * nrm;
    vR[k + 1] = x0r - alR; vI[k + 1] = x0i - alI;
    const tau = 1 / (nrm * (nrm + ax0));
    taus[k] = tau;
    leftApply(hr, hi, k, k + 1, vR, vI, 0, tau);
    hr[(k + 1) * n + k] = alR; hi[(k + 1) * n + k] = alI;
    for (let i = k + 2; i < n; i++) { hr[i * n + k] = 0; hi[i * n + k] = 0; }
    // right: M ← M (I − τ v v†): s = Σ_j M_ij v_j ; M_ij −= τ s conj(v_j)
    for (let i = 0; i < n; i++) {
      const row = i * n;
      let sr = 0, si = 0;
      for (let j = k + 1; j < n; j++) {
        const x = hr[row + j]!, y = hi[row + j]!, a = vR[j]!, b = vI[j]!;
        sr += x * a - y * b; si += x * b + y * a;
      }
      sr *= tau; si *= tau;
      if (sr === 0 && si === 0) continue;
      for (let j = k + 1; j < n; j++) {
        const a = vR[j]!, b = vI[j]!;
        hr[row + j] -= sr * a + si * b; hi[row + j] -= si * a - sr * b;
      }
    }
    if (vsr && vsi) { const o = k * n; for (let j = k + 1; j < n; j++) { vsr[o + j] = vR[j]!; vsi[o + j] = vI[j]!; } }
  }
  if (want && vsr && vsi) {
    qr!.fill(0); qi!.fill(0);
    for (let i = 0; i < n; i++) qr![i * n + i] = 1;
    for (let k = n - 3; k >= 0; k--) {
      const tau = taus[k]!; if (tau === 0) continue;
      leftApply(qr!, qi!, k, k + 1, vsr, vsi, k * n, tau);
    }
  }
}

/**
 * Householder reduction to upper Hessenberg form, `A = Q H Qᵀ` (Golub & Van Loan,
 * Matrix Computations, 4th ed., Alg. 7.4.2).
 *
 * @param A - square real matrix.
 * @returns `{ H, Q }`.
 *
 * @example
 * ```ts
 * import { fromRows, hessenberg } from "nessref/linalg";
 * const { H } = hessenberg(fromRows([[1, 2, 3], [4, 5, 6], [7, 8, 10]]));
 * // H[2][0] === 0
 * ```
 */
export function hessenberg(A: RealMatrix): HessenbergResult {
  requireSquareFinite("hessenberg", A.rows, A.cols, [A.data]);
  const n = A.rows;
  const h = Float64Array.from(A.data);
  const q = new Float64Array(n * n);
  hessReal(h, n, q);
  if (n < 3) { q.fill(0); for (let i = 0; i < n; i++) q[i * n + i] = 1; }
  return { H: realMatrix(n, n, h), Q: realMatrix(n, n, q) };
}

/**
 * Complex Householder reduction to upper Hessenberg form, `A = Q H Q†` (Golub & Van Loan,
 * Matrix Computations, 4th ed., Alg. 7.4.2 with Hermitian reflectors).
 *
 * @param A - square complex matrix.
 * @returns `{ H, Q }`.
 *
 * @example
 * ```ts
 * import { complexFromRows, chessenberg } from "nessref/linalg";
 * const { H } = chessenberg(complexFromRows({ re: [[1, 2, 3], [4, 5, 6], [7, 8, 10]], im: [[0, 1, 0], [1, 0, 0], [0, 0, 1]] }));
 * ```
 */
export function chessenberg(A: ComplexMatrix): CHessenbergResult {
  requireSquareFinite("chessenberg", A.rows, A.cols, [A.re, A.im]);
  const n = A.rows;
  const hr = Float64Array.from(A.re), hi = Float64Array.from(A.im);
  const qr = new Float64Array(n * n), qi = new Float64Array(n * n);
  hessComplex(hr, hi, n, qr, qi);
  if (n < 3) { qr.fill(0); qi.fill(0); for (let i = 0; i < n; i++) qr[i * n + i] = 1; }
  return { H: complexMatrix(n, n, hr, hi), Q: complexMatrix(n, n, qr, qi) };
}

// ---------------------------------------------------------------------------------------
// Real Schur: Francis double-shift QR

/** Rotate rows p, p+1 and cols p, p+1 of h, and rows p, p+1 of Zᵀ, by [c s; −s c]. */
function rotate2Real(h: Float64Array, n: number, z: Float64Array | null, p: number, c: number, s: number): void {
  const o1 = p * n, o2 = o1 + n;
  for (let j = p; j < n; j++) {
    const a = h[o1 + j]!, b = h[o2 + j]!;
    h[o1 + j] = c * a + s * b; h[o2 + j] = c * b - s * a;
  }
  for (let i = 0; i <= p + 1; i++) {
    const o = i * n + p;
    const a = h[o]!, b = h[o + 1]!;
    h[o] = c * a + s * b; h[o + 1] = c * b - s * a;
  }
  if (z) { // z holds Zᵀ: rotate rows p, p+1
    const q1 = p * n, q2 = q1 + n;
    for (let i = 0; i < n; i++) {
      const a = z[q1 + i]!, b = z[q2 + i]!;
      z[q1 + i] = c * a + s * b; z[q2 + i] = c * b - s * a;
    }
  }
}

/**
 * Standardize a 2×2 diagonal block at p: split it if it has real eigenvalues (returns true);
 * otherwise rotate it to LAPACK's standard form [[α, β], [γ, α]] with βγ < 0 (equal diagonal
 * entries = Re λ; the rotation of `dlanv2`), so that Re λ is an entry of T rather than the
 * cancellation of two O(‖A‖) diagonal entries — what keeps the quasi-triangular Sylvester and
 * Lyapunov solves on T backward stable when |Re λ| ≪ ‖A‖.
 */
function standardize2x2(h: Float64Array, n: number, z: Float64Array | null, p: number): boolean {
  let a = h[p * n + p]!, b = h[p * n + p + 1]!, c = h[(p + 1) * n + p]!, d = h[(p + 1) * n + p + 1]!;
  if (c === 0) return true;
  let half = (a - d) / 2;
  let disc = half * half + b * c;
  if (disc < 0 && a !== d) {
    const sigma = b + c, tau = Math.hypot(sigma, a - d);
    const cs = Math.sqrt(0.5 * (1 + Math.abs(sigma) / tau));
    const sn = -(half / (tau * cs)) * (sigma >= 0 ? 1 : -1);
    rotate2Real(h, n, z, p, cs, sn);
    const m = 0.5 * (h[p * n + p]! + h[(p + 1) * n + p + 1]!);
    h[p * n + p] = m; h[(p + 1) * n + p + 1] = m;
    a = m; d = m; b = h[p * n + p + 1]!; c = h[(p + 1) * n + p]!;
    if (c === 0) return true;
    half = 0;
    disc = b * c; // rounding can leave βγ ≥ 0: then the pair is real and is split below
  }
  if (disc < 0) return false;
  // eigenvalue λ = (a+d)/2 + sign(half)·√disc (the one farther from d to avoid cancellation)
  const sq = Math.sqrt(disc);
  const lam = (a + d) / 2 + (half >= 0 ? sq : -sq);
  // eigenvector candidates: (λ − d, c) and (b, λ − a)
  let x = lam - d, y = c;
  const x2 = b, y2 = lam - a;
  if (Math.hypot(x2, y2) > Math.hypot(x, y)) { x = x2; y = y2; }
  const r = Math.hypot(x, y);
  if (r === 0) return false;
  rotate2Real(h, n, z, p, x / r, y / r);
  h[(p + 1) * n + p] = 0;
  return true;
}

function transposeSq(x: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i0 = 0; i0 < n; i0 += 32) for (let j0 = 0; j0 < n; j0 += 32) {
    const i1 = Math.min(n, i0 + 32), j1 = Math.min(n, j0 + 32);
    for (let i = i0; i < i1; i++) for (let j = j0; j < j1; j++) out[j * n + i] = x[i * n + j]!;
  }
  return out;
}

/** Francis double-shift QR on Hessenberg h (in place); `z`, when given, holds Zᵀ (updated by rows). */
function francisReal(h: Float64Array, n: number, z: Float64Array | null): void {
  let anorm = 0;
  for (let i = 0; i < n; i++) for (let j = Math.max(0, i - 1); j < n; j++) anorm += Math.abs(h[i * n + j]!);
  let hiIdx = n - 1;
  let iter = 0;
  let total = 0;
  const maxTotal = 40 * Math.max(n, 10);
  while (hiIdx >= 0) {
    // find the top l of the active unreduced block
    let l = hiIdx;
    while (l > 0) {
      let s = Math.abs(h[(l - 1) * n + l - 1]!) + Math.abs(h[l * n + l]!);
      if (s === 0) s = anorm;
      if (Math.abs(h[l * n + l - 1]!) <= EPS * s) { h[l * n + l - 1] = 0; break; }
      l--;
    }
    if (l === hiIdx) { hiIdx--; iter = 0; continue; }
    if (l === hiIdx - 1) { standardize2x2(h, n, z, l); hiIdx -= 2; iter = 0; continue; }
    iter++; total++;
    if (total > maxTotal) throw new NessrefError("no-convergence", `realSchur: Francis QR did not converge in ${maxTotal} iterations`, "");
    const m = hiIdx;
    // Shifts: the eigenvalues of the trailing 2×2 block (or, every 10 stalled iterations,
    // an exceptional pair built from the block's top/bottom subdiagonals), used as in
    // LAPACK dlahqr so that the first column of (H − σ₁)(H − σ₂) is formed from the
    // differences h_ll − σ, not from h_ll² − s·h_ll + t. The latter cancels catastrophically
    // when the block is close to a multiple of the identity (clustered eigenvalues).
    let a11: number, a12: number, a21: number, a22: number;
    if (iter % 10 === 0) {
      const top = (iter / 10) % 2 === 1;
      const w = top
        ? Math.abs(h[(l + 1) * n + l]!) + Math.abs(h[(l + 2) * n + l + 1]!)
        : Math.abs(h[m * n + m - 1]!) + Math.abs(h[(m - 1) * n + m - 2]!);
      a11 = 0.75 * w + (top ? h[l * n + l]! : h[m * n + m]!);
      a12 = -0.4375 * w; a21 = w; a22 = a11;
    } else {
      a11 = h[(m - 1) * n + m - 1]!; a12 = h[(m - 1) * n + m]!; a21 = h[m * n + m - 1]!; a22 = h[m * n + m]!;
    }
    let rt1r: number, rt1i: number, rt2r: number, rt2i: number;
    {
      const sc = Math.abs(a11) + Math.abs(a12) + Math.abs(a21) + Math.abs(a22);
      if (sc === 0) { rt1r = rt1i = rt2r = rt2i = 0; } else {
        const b11 = a11 / sc, b12 = a12 / sc, b21 = a21 / sc, b22 = a22 / sc;
        const tr = (b11 + b22) / 2;
        const det = (b11 - tr) * (b22 - tr) - b12 * b21;
        const rtdisc = Math.sqrt(Math.abs(det));
        if (det >= 0) { // complex conjugate pair
          rt1r = tr * sc; rt2r = rt1r; rt1i = rtdisc * sc; rt2i = -rt1i;
        } else { // two real shifts: use the one closer to a22 twice
          const r1 = tr + rtdisc, r2 = tr - rtdisc;
          const r = Math.abs(r1 - b22) <= Math.abs(r2 - b22) ? r1 : r2;
          rt1r = r * sc; rt2r = rt1r; rt1i = 0; rt2i = 0;
        }
      }
    }
    const h00 = h[l * n + l]!, h10 = h[(l + 1) * n + l]!, h01 = h[l * n + l + 1]!, h11 = h[(l + 1) * n + l + 1]!;
    const h21 = h[(l + 2) * n + l + 1]!;
    const sv = Math.abs(h00 - rt2r) + Math.abs(rt2i) + Math.abs(h10);
    const h10s = sv === 0 ? 0 : h10 / sv;
    let x = sv === 0 ? 0 : h10s * h01 + (h00 - rt1r) * ((h00 - rt2r) / sv) - rt1i * (rt2i / sv);
    let y = h10s * (h00 + h11 - rt1r - rt2r);
    let zz = h10s * h21;
    for (let k = l; k <= m - 2; k++) {
      const nrm = Math.sqrt(x * x + y * y + zz * zz);
      if (nrm !== 0) {
        const alpha = x >= 0 ? -nrm : nrm;
        const v0 = x - alpha, v1 = y, v2 = zz;
        const tau = 1 / (nrm * (nrm + Math.abs(x)));
        if (k > l) { h[k * n + k - 1] = alpha; h[(k + 1) * n + k - 1] = 0; h[(k + 2) * n + k - 1] = 0; }
        const r0 = k * n, r1 = r0 + n, r2 = r1 + n;
        for (let j = k; j < n; j++) {
          const w = tau * (v0 * h[r0 + j]! + v1 * h[r1 + j]! + v2 * h[r2 + j]!);
          h[r0 + j] -= w * v0; h[r1 + j] -= w * v1; h[r2 + j] -= w * v2;
        }
        const iEnd = Math.min(k + 3, m);
        for (let i = 0; i <= iEnd; i++) {
          const o = i * n + k;
          const w = tau * (v0 * h[o]! + v1 * h[o + 1]! + v2 * h[o + 2]!);
          h[o] -= w * v0; h[o + 1] -= w * v1; h[o + 2] -= w * v2;
        }
        if (z) { // z holds Zᵀ: rows k..k+2 are contiguous
          const z0 = k * n, z1 = z0 + n, z2 = z1 + n;
          for (let i = 0; i < n; i++) {
            const w = tau * (v0 * z[z0 + i]! + v1 * z[z1 + i]! + v2 * z[z2 + i]!);
            z[z0 + i] -= w * v0; z[z1 + i] -= w * v1; z[z2 + i] -= w * v2;
          }
        }
      }
      x = h[(k + 1) * n + k]!; y = h[(k + 2) * n + k]!;
      zz = k < m - 2 ? h[(k + 3) * n + k]! : 0;
    }
    // final 2×2 reflector at k = m−1
    const k = m - 1;
    const nrm = Math.hypot(x, y);
    if (nrm !== 0) {
      const alpha = x >= 0 ? -nrm : nrm;
      const v0 = x - alpha, v1 = y;
      const tau = 1 / (nrm * (nrm + Math.abs(x)));
      if (k > l) { h[k * n + k - 1] = alpha; h[(k + 1) * n + k - 1] = 0; }
      const r0 = k * n, r1 = r0 + n;
      for (let j = k; j < n; j++) {
        const w = tau * (v0 * h[r0 + j]! + v1 * h[r1 + j]!);
        h[r0 + j] -= w * v0; h[r1 + j] -= w * v1;
      }
      for (let i = 0; i <= m; i++) {
        const o = i * n + k;
        const w = tau * (v0 * h[o]! + v1 * h[o + 1]!);
        h[o] -= w * v0; h[o + 1] -= w * v1;
      }
      if (z) {
        const z0 = k * n, z1 = z0 + n;
        for (let i = 0; i < n; i++) {
          const w = tau * (v0 * z[z0 + i]! + v1 * z[z1 + i]!);
          z[z0 + i] -= w * v0; z[z1 + i] -= w * v1;
        }
      }
    }
  }
}

function realSchurArrays(A: RealMatrix, wantZ: boolean, who: string): { t: Float64Array; z: Float64Array | null; n: number } {
  requireSquareFinite(who, A.rows, A.cols, [A.data]);
  const n = A.rows;
  const t = Float64Array.from(A.data);
  const sc = rangeScale(t);
  if (sc !== 1) for (let i = 0; i < t.length; i++) t[i] *= sc;
  const z = wantZ ? new Float64Array(n * n) : null;
  if (n >= 3) hessReal(t, n, z);
  else if (z) for (let i = 0; i < n; i++) z[i * n + i] = 1;
  // the QR sweeps update Z by columns: work on Zᵀ so that each update streams contiguous rows
  const zt = z ? transposeSq(z, n) : null;
  francisReal(t, n, zt);
  if (sc !== 1) for (let i = 0; i < t.length; i++) t[i] /= sc;
  return { t, z: zt ? transposeSq(zt, n) : null, n };
}

/**
 * Real Schur decomposition `A = Z T Zᵀ` with T quasi-upper-triangular (1×1 blocks for real
 * eigenvalues, 2×2 blocks with complex-conjugate eigenvalue pairs), Z orthogonal.
 *
 * Hessenberg reduction followed by Francis double-shift QR with deflation and
 * exceptional shifts (Golub & Van Loan, Matrix Computations, 4th ed., Alg. 7.5.2).
 *
 * @param A - square real matrix.
 * @returns `{ T, Z }`.
 * @throws NessrefError `no-convergence` if the QR iteration stalls.
 *
 * @example
 * ```ts
 * import { fromRows, realSchur } from "nessref/linalg";
 * const { T } = realSchur(fromRows([[0, -1], [1, 0]])); // a 2×2 block with eigenvalues ±i
 * ```
 */
export function realSchur(A: RealMatrix): RealSchurResult {
  const { t, z, n } = realSchurArrays(A, true, "realSchur");
  return { T: realMatrix(n, n, t), Z: realMatrix(n, n, z!) };
}

/** Convert a real quasi-triangular Schur pair to complex triangular form in place (new arrays). */
function realToComplexSchur(t: Float64Array, z: Float64Array | null, n: number): { tr: Float64Array; ti: Float64Array; zr: Float64Array | null; zi: Float64Array | null } {
  const tr = t, ti = new Float64Array(n * n);
  const zr = z, zi = z ? new Float64Array(n * n) : null;
  for (let p = 0; p < n - 1; p++) {
    const c = tr[(p + 1) * n + p]!;
    if (c === 0) continue;
    // the eigenvector is scale invariant: work on the block divided by its largest entry
    const bs = Math.max(Math.abs(tr[p * n + p]!), Math.abs(tr[p * n + p + 1]!), Math.abs(c), Math.abs(tr[(p + 1) * n + p + 1]!));
    const a = tr[p * n + p]! / bs, b = tr[p * n + p + 1]! / bs, d = tr[(p + 1) * n + p + 1]! / bs, cs = c / bs;
    const half = (a - d) / 2;
    const disc = half * half + b * cs;
    // λ = (a+d)/2 + i√(−disc); eigenvector x = (b, λ − a) = (b, −half + i√(−disc))
    const im = Math.sqrt(Math.max(-disc, 0));
    let x1r = b, x1i = 0, x2r = -half, x2i = im;
    const r = Math.sqrt(x1r * x1r + x2r * x2r + x2i * x2i);
    x1r /= r; x2r /= r; x2i /= r;
    // rows p, p+1 (cols p..n-1): r1' = conj(x1) r1 + conj(x2) r2 ; r2' = −x2 r1 + x1 r2  (x1 real)
    const o1 = p * n, o2 = o1 + n;
    for (let j = p; j < n; j++) {
      const ar = tr[o1 + j]!, ai = ti[o1 + j]!, br = tr[o2 + j]!, bi = ti[o2 + j]!;
      tr[o1 + j] = x1r * ar + x2r * br + x2i * bi;
      ti[o1 + j] = x1r * ai + x2r * bi - x2i * br;
      tr[o2 + j] = -(x2r * ar - x2i * ai) + x1r * br;
      ti[o2 + j] = -(x2r * ai + x2i * ar) + x1r * bi;
    }
    // cols p, p+1: c1' = x1 c1 + x2 c2 ; c2' = −conj(x2) c1 + conj(x1) c2
    const colOp = (Mr: Float64Array, Mi: Float64Array, rowsEnd: number): void => {
      for (let i = 0; i < rowsEnd; i++) {
        const o = i * n + p;
        const ar = Mr[o]!, ai = Mi[o]!, br = Mr[o + 1]!, bi = Mi[o + 1]!;
        Mr[o] = x1r * ar + x2r * br - x2i * bi;
        Mi[o] = x1r * ai + x2r * bi + x2i * br;
        Mr[o + 1] = -(x2r * ar + x2i * ai) + x1r * br;
        Mi[o + 1] = -(x2r * ai - x2i * ar) + x1r * bi;
      }
    };
    colOp(tr, ti, p + 2);
    if (zr && zi) colOp(zr, zi, n);
    tr[(p + 1) * n + p] = 0; ti[(p + 1) * n + p] = 0;
    p++;
  }
  return { tr, ti, zr, zi };
}

/**
 * Complex Schur form `A = Z T Z†` of a REAL matrix: T upper triangular (eigenvalues on the
 * diagonal), Z unitary.
 *
 * Computes {@link realSchur} in real arithmetic, then triangularises each 2×2 block by a
 * unitary rotation whose first column is the block's eigenvector (the standard
 * real-to-complex Schur conversion; Golub & Van Loan, 4th ed., §7.4.1).
 *
 * @param A - square real matrix.
 * @returns `{ T, Z }` complex.
 * @throws NessrefError `no-convergence` if the QR iteration stalls.
 *
 * @example
 * ```ts
 * import { fromRows, schur } from "nessref/linalg";
 * const { T } = schur(fromRows([[0, -1], [1, 0]]));
 * // diagonal of T: ±i
 * ```
 */
export function schur(A: RealMatrix): ComplexSchurResult {
  const { t, z, n } = realSchurArrays(A, true, "schur");
  const { tr, ti, zr, zi } = realToComplexSchur(t, z, n);
  return { T: complexMatrix(n, n, tr, ti), Z: complexMatrix(n, n, zr!, zi!) };
}

// ---------------------------------------------------------------------------------------
// Complex Schur: single-shift QR with Wilkinson shifts

function complexQR(hr: Float64Array, hi: Float64Array, n: number, zr: Float64Array | null, zi: Float64Array | null): void {
  let anorm = 0;
  for (let i = 0; i < n * n; i++) anorm += Math.abs(hr[i]!) + Math.abs(hi[i]!);
  let m = n - 1;
  let iter = 0, total = 0;
  const maxTotal = 60 * Math.max(n, 10);
  const cabs1 = (p: number): number => Math.abs(hr[p]!) + Math.abs(hi[p]!);
  while (m > 0) {
    let l = m;
    while (l > 0) {
      let s = cabs1((l - 1) * n + l - 1) + cabs1(l * n + l);
      if (s === 0) s = anorm;
      if (cabs1(l * n + l - 1) <= EPS * s) { hr[l * n + l - 1] = 0; hi[l * n + l - 1] = 0; break; }
      l--;
    }
    if (l === m) { m--; iter = 0; continue; }
    iter++; total++;
    if (total > maxTotal) throw new NessrefError("no-convergence", `cschur: QR iteration did not converge in ${maxTotal} iterations`, "");
    // Wilkinson shift: eigenvalue of trailing 2×2 closer to h_mm
    let mur: number, mui: number;
    const am = (m - 1) * n + m - 1, bm = (m - 1) * n + m, cm = m * n + m - 1, dm = m * n + m;
    if (iter % 10 === 0) {
      mur = hr[dm]! + 0.75 * Math.abs(hr[cm]!); mui = hi[dm]! + 0.75 * Math.abs(hi[cm]!);
    } else {
      const ar = hr[am]!, ai = hi[am]!, br = hr[bm]!, bi = hi[bm]!, cr = hr[cm]!, ci = hi[cm]!, dr = hr[dm]!, di = hi[dm]!;
      const pr = (ar - dr) / 2, pi = (ai - di) / 2;
      // disc = p² + b c
      const qr = pr * pr - pi * pi + (br * cr - bi * ci), qi = 2 * pr * pi + (br * ci + bi * cr);
      // complex sqrt
      const mod = Math.hypot(qr, qi);
      let sr = Math.sqrt(Math.max((mod + qr) / 2, 0)), si = Math.sqrt(Math.max((mod - qr) / 2, 0));
      if (qi < 0) si = -si;
      // choose sign so that |p + sqrt| is large: μ = d − bc/(p + sqrt)
      if (pr * sr + pi * si < 0) { sr = -sr; si = -si; }
      const denr = pr + sr, deni = pi + si;
      const bcR = br * cr - bi * ci, bcI = br * ci + bi * cr;
      const dd = denr * denr + deni * deni;
      if (dd === 0) { mur = dr; mui = di; } else {
        mur = dr - (bcR * denr + bcI * deni) / dd;
        mui = di - (bcI * denr - bcR * deni) / dd;
      }
    }
    let xr = hr[l * n + l]! - mur, xi = hi[l * n + l]! - mui;
    let yr = hr[(l + 1) * n + l]!, yi = hi[(l + 1) * n + l]!;
    for (let k = l; k < m; k++) {
      // Givens G = [c s; −conj(s) c] with G [x; y] = [ρ; 0]
      const ax = Math.hypot(xr, xi), ay = Math.hypot(yr, yi);
      const rho = Math.hypot(ax, ay);
      let c: number, sr: number, si: number;
      if (rho === 0) { c = 1; sr = 0; si = 0; }
      else if (ax === 0) { c = 0; sr = 1; si = 0; }
      else {
        c = ax / rho;
        const ur = xr / ax, ui = xi / ax; // x/|x|
        // s = (x/|x|) conj(y) / ρ
        sr = (ur * yr + ui * yi) / rho; si = (ui * yr - ur * yi) / rho;
      }
      // rows k, k+1, cols (k>l ? k−1 : k)..n−1
      const o1 = k * n, o2 = o1 + n;
      const j0 = k > l ? k - 1 : k;
      for (let j = j0; j < n; j++) {
        const ar = hr[o1 + j]!, ai = hi[o1 + j]!, br = hr[o2 + j]!, bi = hi[o2 + j]!;
        // r1' = c a + s b ; r2' = −conj(s) a + c b
        hr[o1 + j] = c * ar + sr * br - si * bi;
        hi[o1 + j] = c * ai + sr * bi + si * br;
        hr[o2 + j] = -(sr * ar + si * ai) + c * br;
        hi[o2 + j] = -(sr * ai - si * ar) + c * bi;
      }
      if (k > l) { hr[o2 + k - 1] = 0; hi[o2 + k - 1] = 0; }
      // cols k, k+1 (rows 0..min(k+2, m)): c1' = c c1 + conj(s) c2 ; c2' = −s c1 + c c2
      const iEnd = Math.min(k + 2, m);
      const colOp = (Mr: Float64Array, Mi: Float64Array, rowsEnd: number): void => {
        for (let i = 0; i <= rowsEnd; i++) {
          const o = i * n + k;
          const ar = Mr[o]!, ai = Mi[o]!, br = Mr[o + 1]!, bi = Mi[o + 1]!;
          Mr[o] = c * ar + sr * br + si * bi;
          Mi[o] = c * ai + sr * bi - si * br;
          Mr[o + 1] = -(sr * ar - si * ai) + c * br;
          Mi[o + 1] = -(sr * ai + si * ar) + c * bi;
        }
      };
      colOp(hr, hi, iEnd);
      if (zr && zi) colOp(zr, zi, n - 1);
      if (k < m - 1) {
        xr = hr[(k + 1) * n + k]!; xi = hi[(k + 1) * n + k]!;
        yr = hr[(k + 2) * n + k]!; yi = hi[(k + 2) * n + k]!;
      }
    }
  }
}

/**
 * Complex Schur decomposition `A = Z T Z†`, T upper triangular, Z unitary.
 *
 * Complex Hessenberg reduction then single-shift QR with Wilkinson shifts, deflation
 * of negligible subdiagonal entries and exceptional shifts every 10 stalled iterations
 * (Golub & Van Loan, Matrix Computations, 4th ed., §7.5).
 *
 * @param A - square complex matrix.
 * @returns `{ T, Z }`.
 * @throws NessrefError `no-convergence` if the QR iteration stalls.
 *
 * @example
 * ```ts
 * import { complexFromRows, cschur } from "nessref/linalg";
 * const { T } = cschur(complexFromRows({ re: [[1, 2], [0, 3]], im: [[0, 1], [1, 0]] }));
 * ```
 */
export function cschur(A: ComplexMatrix): ComplexSchurResult {
  requireSquareFinite("cschur", A.rows, A.cols, [A.re, A.im]);
  const n = A.rows;
  const hr = Float64Array.from(A.re), hi = Float64Array.from(A.im);
  const sc = rangeScale(hr, hi);
  if (sc !== 1) for (let i = 0; i < hr.length; i++) { hr[i] *= sc; hi[i] *= sc; }
  const zr = new Float64Array(n * n), zi = new Float64Array(n * n);
  if (n >= 3) hessComplex(hr, hi, n, zr, zi);
  else for (let i = 0; i < n; i++) zr[i * n + i] = 1;
  complexQR(hr, hi, n, zr, zi);
  if (sc !== 1) for (let i = 0; i < hr.length; i++) { hr[i] /= sc; hi[i] /= sc; }
  return { T: complexMatrix(n, n, hr, hi), Z: complexMatrix(n, n, zr, zi) };
}

// ---------------------------------------------------------------------------------------
// Eigenvectors from a complex Schur pair

function eigFromSchur(tr: Float64Array, ti: Float64Array, zr: Float64Array, zi: Float64Array, n: number): EigResult {
  const valR = new Float64Array(n), valI = new Float64Array(n);
  for (let k = 0; k < n; k++) { valR[k] = tr[k * n + k]!; valI[k] = ti[k * n + k]!; }
  let tnorm = 0;
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) tnorm = Math.max(tnorm, Math.abs(tr[i * n + j]!) + Math.abs(ti[i * n + j]!));
  const small = Math.max(EPS * tnorm, Number.MIN_VALUE * 1e10);
  // Y (upper triangular), stored by columns as rows of yr/yi: row k = y^{(k)}
  const yr = new Float64Array(n * n), yi = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const o = k * n;
    yr[o + k] = 1;
    const lr = valR[k]!, li = valI[k]!;
    for (let i = k - 1; i >= 0; i--) {
      const row = i * n;
      let sr = 0, si = 0;
      for (let j = i + 1; j <= k; j++) {
        const ar = tr[row + j]!, ai = ti[row + j]!, br = yr[o + j]!, bi = yi[o + j]!;
        sr += ar * br - ai * bi; si += ar * bi + ai * br;
      }
      let dr = tr[row + i]! - lr, di = ti[row + i]! - li;
      if (Math.abs(dr) + Math.abs(di) < small) { dr = small; di = 0; }
      const dd = dr * dr + di * di;
      // y_i = −s / d
      yr[o + i] = -(sr * dr + si * di) / dd;
      yi[o + i] = -(si * dr - sr * di) / dd;
      // guard against growth: rescale when entries become huge
      const mag = Math.abs(yr[o + i]!) + Math.abs(yi[o + i]!);
      if (mag > 1e100) {
        const f = 1 / mag;
        for (let j = i; j <= k; j++) { yr[o + j] *= f; yi[o + j] *= f; }
      }
    }
  }
  // V = Z Y: column k = Σ_{j≤k} Z[:, j] y_j^{(k)}
  const vr = new Float64Array(n * n), vi = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const zrow = i * n;
    for (let k = 0; k < n; k++) {
      const o = k * n;
      let sr = 0, si = 0;
      for (let j = 0; j <= k; j++) {
        const ar = zr[zrow + j]!, ai = zi[zrow + j]!, br = yr[o + j]!, bi = yi[o + j]!;
        sr += ar * br - ai * bi; si += ar * bi + ai * br;
      }
      vr[zrow + k] = sr; vi[zrow + k] = si;
    }
  }
  // normalise columns
  for (let k = 0; k < n; k++) {
    let s = 0;
    for (let i = 0; i < n; i++) { const p = i * n + k; s += vr[p]! * vr[p]! + vi[p]! * vi[p]!; }
    const f = s > 0 ? 1 / Math.sqrt(s) : 1;
    for (let i = 0; i < n; i++) { const p = i * n + k; vr[p] *= f; vi[p] *= f; }
  }
  return { values: { re: valR, im: valI }, vectors: complexMatrix(n, n, vr, vi) };
}

/**
 * Eigenvalues and eigenvectors of a general real matrix.
 *
 * Complex Schur form by {@link schur}, eigenvectors of T by back substitution (a tiny
 * divisor is replaced by ε‖T‖, as in LAPACK's xTREVC; Golub & Van Loan, 4th ed., §7.6.4),
 * mapped back by Z and normalised to unit 2-norm. Eigenvalues of a real matrix come
 * in exact complex-conjugate pairs.
 *
 * @param A - square real matrix.
 * @returns `{ values, vectors }`, A·vectors[:,k] ≈ values[k]·vectors[:,k].
 *
 * @example
 * ```ts
 * import { fromRows, eig } from "nessref/linalg";
 * const { values } = eig(fromRows([[0, -1], [1, 0]]));
 * // values.re ≈ [0, 0], values.im ≈ [1, -1]
 * ```
 */
export function eig(A: RealMatrix): EigResult {
  const { t, z, n } = realSchurArrays(A, true, "eig");
  const { tr, ti, zr, zi } = realToComplexSchur(t, z, n);
  return eigFromSchur(tr, ti, zr!, zi!, n);
}

/**
 * Eigenvalues and eigenvectors of a general complex matrix ({@link cschur} plus back
 * substitution on T; Golub & Van Loan, 4th ed., §7.6.4). Eigenvectors are unit-norm columns.
 *
 * @param A - square complex matrix.
 * @returns `{ values, vectors }`.
 *
 * @example
 * ```ts
 * import { complexFromRows, ceig } from "nessref/linalg";
 * const { values } = ceig(complexFromRows({ re: [[2, 0], [0, 0]], im: [[0, 0], [0, 1]] }));
 * // values: 2 and i (in Schur order)
 * ```
 */
export function ceig(A: ComplexMatrix): EigResult {
  const { T, Z } = cschur(A);
  return eigFromSchur(T.re, T.im, Z.re, Z.im, A.rows);
}

/**
 * Eigenvalues of a general real matrix (real Schur form without Schur vectors; GVL Alg.
 * 7.5.2). Complex eigenvalues appear as adjacent exact conjugate pairs (+Im first).
 *
 * @param A - square real matrix.
 * @returns the eigenvalues.
 *
 * @example
 * ```ts
 * import { fromRows, eigvals } from "nessref/linalg";
 * eigvals(fromRows([[2, 0], [0, 3]])); // { re: [2, 3], im: [0, 0] } (in Schur order)
 * ```
 */
export function eigvals(A: RealMatrix): ComplexVector {
  const { t, n } = realSchurArrays(A, false, "eigvals");
  const re = new Float64Array(n), im = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    if (p < n - 1 && t[(p + 1) * n + p] !== 0) {
      // block scaled by its largest entry so that the squares cannot overflow
      const bs = Math.max(Math.abs(t[p * n + p]!), Math.abs(t[p * n + p + 1]!), Math.abs(t[(p + 1) * n + p]!), Math.abs(t[(p + 1) * n + p + 1]!));
      const a = t[p * n + p]! / bs, b = t[p * n + p + 1]! / bs, c = t[(p + 1) * n + p]! / bs, d = t[(p + 1) * n + p + 1]! / bs;
      const half = (a - d) / 2;
      const w = Math.sqrt(Math.max(-(half * half + b * c), 0)) * bs;
      re[p] = re[p + 1] = ((a + d) / 2) * bs;
      im[p] = w; im[p + 1] = -w;
      p++;
    } else re[p] = t[p * n + p]!;
  }
  return { re, im };
}

/**
 * Eigenvalues of a general complex matrix (diagonal of the {@link cschur} factor T).
 *
 * @param A - square complex matrix.
 * @returns the eigenvalues.
 *
 * @example
 * ```ts
 * import { complexFromRows, ceigvals } from "nessref/linalg";
 * ceigvals(complexFromRows({ re: [[1, 1], [0, 2]], im: [[0, 0], [0, 0]] })); // 1, 2
 * ```
 */
export function ceigvals(A: ComplexMatrix): ComplexVector {
  requireSquareFinite("ceigvals", A.rows, A.cols, [A.re, A.im]);
  const n = A.rows;
  const hr = Float64Array.from(A.re), hi = Float64Array.from(A.im);
  const sc = rangeScale(hr, hi);
  if (sc !== 1) for (let i = 0; i < hr.length; i++) { hr[i] *= sc; hi[i] *= sc; }
  if (n >= 3) hessComplex(hr, hi, n, null, null);
  complexQR(hr, hi, n, null, null);
  if (sc !== 1) for (let i = 0; i < hr.length; i++) { hr[i] /= sc; hi[i] /= sc; }
  const re = new Float64Array(n), im = new Float64Array(n);
  for (let k = 0; k < n; k++) { re[k] = hr[k * n + k]!; im[k] = hi[k * n + k]!; }
  return { re, im };
}
