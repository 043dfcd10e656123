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
 * @module
 */
import { NessrefError } from "../errors.js";
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
  // Reflector storage: left v_k (length m, entries k..m-1) in rows of vl; right in rows of vr.
  const vl = wantU ? new Float64Array(n * m) : null;
  const tl = new Float64Array(n);
  const vr = wantV ? new Float64Array(n * n) : null;
  const tr = new Float64Array(n);
  const v = new Float64Array(Math.max(m, n));
  const u = new Float64Array(n);
  const w = new Float64Array(Math.max(m, n));
  for (let k = 0; k < n; k++) {
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
  if (ut && vl) accumulateReal(ut, m, n, vl, m, tl, n - 1, 0);
  if (vt && vr) accumulateReal(vt, n, n, vr, n, tr, n - 2, 1);
}

/**
 * Backward accumulation of a product of Householder reflectors H_k = I − τ_k v_k v_kᵀ,
 * k = 0..kFirst, into M (rows×n, row-major, initialised to [I; 0]): M = H_0 ⋯ H_kFirst [I; 0].
 * Reflector k (stored in row k of `vecs`, leading dimension ldv) acts on indices ≥ k + off.
 * Reflectors are applied two at a time (one read pass for both projections, one rank-2
 * update pass), halving the memory traffic of the one-at-a-time scheme.
 */
function accumulateReal(M: Float64Array, rows: number, n: number, vecs: Float64Array, ldv: number,
  taus: Float64Array, kFirst: number, off: number): void {
  M.fill(0);
  for (let i = 0; i < n; i++) M[i * n + i] = 1;
  const w1 = new Float64Array(n), w2 = new Float64Array(n);
  let k = kFirst;
  while (k >= 0) {
    const t2 = taus[k]!;
    const o2 = k * ldv, c2 = k + off;
    if (k >= 1 && taus[k - 1]! !== 0 && t2 !== 0) {
      // pair: apply H_k (v2) first, then H_{k−1} (v1)
      const t1 = taus[k - 1]!, o1 = (k - 1) * ldv, c1 = k - 1 + off;
      // γ = v1 · v2 over the common support (indices ≥ c2)
      let g = 0;
      for (let i = c2; i < rows; i++) g += vecs[o1 + i]! * vecs[o2 + i]!;
      for (let j = c1; j < n; j++) { w1[j] = 0; w2[j] = 0; }
      // row c1 only has v1 (v2 is zero there)
      {
        const a = vecs[o1 + c1]!, row = c1 * n;
        if (a !== 0) for (let j = c1; j < n; j++) w1[j] += a * M[row + j]!;
      }
      for (let i = c2; i < rows; i++) {
        const a = vecs[o1 + i]!, b = vecs[o2 + i]!, row = i * n;
        for (let j = c1; j < n; j++) { const x = M[row + j]!; w1[j] += a * x; w2[j] += b * x; }
      }
      // M −= v2 (τ2 w2)ᵀ + v1 (τ1 (w1 − τ2 γ w2))ᵀ
      const tg = t2 * g;
      for (let j = c1; j < n; j++) { w1[j] = t1 * (w1[j]! - tg * w2[j]!); w2[j] *= t2; }
      {
        const a = vecs[o1 + c1]!, row = c1 * n;
        if (a !== 0) for (let j = c1; j < n; j++) M[row + j] -= a * w1[j]!;
      }
      for (let i = c2; i < rows; i++) {
        const a = vecs[o1 + i]!, b = vecs[o2 + i]!, row = i * n;
        for (let j = c1; j < n; j++) M[row + j] -= a * w1[j]! + b * w2[j]!;
      }
      k -= 2;
      continue;
    }
    if (t2 !== 0) {
      for (let j = c2; j < n; j++) w2[j] = 0;
      for (let i = c2; i < rows; i++) {
        const b = vecs[o2 + i]!; if (b === 0) continue;
        const row = i * n;
        for (let j = c2; j < n; j++) w2[j] += b * M[row + j]!;
      }
      for (let i = c2; i < rows; i++) {
        const f = t2 * vecs[o2 + i]!; if (f === 0) continue;
        const row = i * n;
        for (let j = c2; j < n; j++) M[row + j] -= f * w2[j]!;
      }
    }
    k -= 1;
  }
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

/**
 * Implicit-shift QR on the real upper bidiagonal (d, e) of size n (GVL Alg. 8.6.2).
 * Left rotations are applied to columns of the row-major arrays in `us` (lu rows, n
 * columns), right rotations to columns of `vs` (lv rows, n columns). On exit d holds the
 * singular values (non-negative, descending), columns permuted/sign-fixed accordingly.
 */
function bidiagQR(d: Float64Array, e: Float64Array, n: number, us: Float64Array[], lu: number, vs: Float64Array[], lv: number): void {
  if (n === 0) return;
  const cu = new Float64Array(n), su = new Float64Array(n), cv = new Float64Array(n), sv = new Float64Array(n);
  // Scale to keep squares in range.
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(d[i]!));
  for (let i = 0; i < n - 1; i++) scale = Math.max(scale, Math.abs(e[i]!));
  if (scale > 0) {
    const inv = 1 / scale;
    for (let i = 0; i < n; i++) d[i] *= inv;
    for (let i = 0; i < n - 1; i++) e[i] *= inv;
    const dtol = EPS; // ‖B‖ ≈ 1 after scaling (up to factor 2)
    const maxSweeps = 100 * Math.max(n, 10);
    let sweeps = 0;
    let hi = n - 1;
    while (hi > 0) {
      // deflate from the bottom
      const ee = Math.abs(e[hi - 1]!);
      if (ee <= EPS * (Math.abs(d[hi - 1]!) + Math.abs(d[hi]!)) || ee < 1e-300) { e[hi - 1] = 0; hi--; continue; }
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
      let y = d[lo]! * d[lo]! - mu;
      let z = d[lo]! * e[lo]!;
      for (let k = lo; k < hi; k++) {
        // right rotation on columns k, k+1
        let r = Math.hypot(y, z);
        let c = r === 0 ? 1 : y / r, s = r === 0 ? 0 : z / r;
        if (k > lo) e[k - 1] = r;
        const dk = d[k]!, ek = e[k]!, dk1 = d[k + 1]!;
        y = c * dk + s * ek;
        e[k] = c * ek - s * dk;
        z = s * dk1;
        d[k + 1] = c * dk1;
        cv[k - lo] = c; sv[k - lo] = s;
        // left rotation on rows k, k+1
        r = Math.hypot(y, z);
        c = r === 0 ? 1 : y / r; s = r === 0 ? 0 : z / r;
        d[k] = r;
        const ek2 = e[k]!, dk2 = d[k + 1]!;
        y = c * ek2 + s * dk2;
        d[k + 1] = c * dk2 - s * ek2;
        if (k < hi - 1) { z = s * e[k + 1]!; e[k + 1] = c * e[k + 1]!; }
        e[k] = y;
        cu[k - lo] = c; su[k - lo] = s;
      }
      if (vs.length) rotChain(vs, lv, n, lo, hi - lo, cv, sv);
      if (us.length) rotChain(us, lu, n, lo, hi - lo, cu, su);
    }
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
