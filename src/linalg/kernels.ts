/**
 * Internal dense kernels shared by the linear-algebra routines (not re-exported from
 * `nessref/linalg`).
 *
 * {@link gemm} is a cache-blocked matrix product in the GotoBLAS/BLIS arrangement (Goto &
 * van de Geijn, "Anatomy of high-performance matrix multiplication", ACM TOMS 34(3),
 * 2008): a k-panel of B is packed into column slivers of width 4, a block of rows of A into
 * row slivers of height 4, and a 4×4 register-tiled micro-kernel accumulates each tile of C
 * in sixteen scalar locals. Strided access (row and column strides for both operands) makes
 * transposed operands free: the packing step absorbs the layout.
 * {@link accumulateReflectors} forms a product of Householder reflectors explicitly with
 * blocked (compact-WY) updates through {@link gemm}.
 *
 * @module
 */

/** Depth of a packed k-panel (B sliver 256×4 doubles = 8 KiB, stays in L1). */
const KC = 256;
/** Rows of A packed per block (64×256 doubles = 128 KiB, stays in L2). */
const MC = 64;

let packA = new Float64Array(MC * KC);
let packB = new Float64Array(KC * 64);

/**
 * General strided matrix product-accumulate `C += α·A·B` (C is m×n row-major with leading
 * dimension `ldc` from offset `cOff`; A is m×k with `A[i,l] = a[aOff + i·ars + l·acs]`;
 * B is k×n with `B[l,j] = b[bOff + l·brs + j·bcs]`).
 *
 * Blocked as in Goto & van de Geijn (ACM TOMS 34(3), 2008) with a 4×4 micro-kernel; each
 * entry of C receives its k products summed in k-panels of 256, so results agree with the
 * naive triple loop to rounding (the usual ‖·‖ ≤ k·ε·|A||B| bound). C must not alias A or B.
 *
 * @param m - rows of C and A.
 * @param n - columns of C and B.
 * @param k - inner dimension.
 * @param alpha - scalar multiplying A·B.
 * @param a - storage of A.
 * @param aOff - offset of A[0,0].
 * @param ars - row stride of A.
 * @param acs - column stride of A.
 * @param b - storage of B.
 * @param bOff - offset of B[0,0].
 * @param brs - row stride of B.
 * @param bcs - column stride of B.
 * @param c - storage of C (updated in place).
 * @param cOff - offset of C[0,0].
 * @param ldc - row stride of C (column stride 1).
 *
 * @example
 * ```ts
 * import { gemm } from "./kernels.js";
 * // C (2×2) += Aᵀ·B with A stored 2×2 row-major: transpose through the strides
 * const a = Float64Array.of(1, 2, 3, 4), b = Float64Array.of(1, 0, 0, 1), c = new Float64Array(4);
 * gemm(2, 2, 2, 1, a, 0, 1, 2, b, 0, 2, 1, c, 0, 2); // c = [1, 3, 2, 4]
 * ```
 */
export function gemm(
  m: number, n: number, k: number, alpha: number,
  a: Float64Array, aOff: number, ars: number, acs: number,
  b: Float64Array, bOff: number, brs: number, bcs: number,
  c: Float64Array, cOff: number, ldc: number,
): void {
  if (m <= 0 || n <= 0 || k <= 0 || alpha === 0) return;
  const nb = (n + 3) >> 2;
  if (packB.length < KC * nb * 4) packB = new Float64Array(KC * nb * 4);
  if (packA.length < MC * KC) packA = new Float64Array(MC * KC);
  const pa = packA, pb = packB;
  for (let l0 = 0; l0 < k; l0 += KC) {
    const kc = Math.min(KC, k - l0);
    // pack B[l0:l0+kc, :] into slivers of 4 columns (zero-padded)
    for (let jb = 0; jb < nb; jb++) {
      const j0 = jb * 4, w = Math.min(4, n - j0), base = jb * kc * 4;
      for (let l = 0; l < kc; l++) {
        const src = bOff + (l0 + l) * brs + j0 * bcs, dst = base + l * 4;
        if (w === 4) {
          pb[dst] = b[src]!; pb[dst + 1] = b[src + bcs]!; pb[dst + 2] = b[src + 2 * bcs]!; pb[dst + 3] = b[src + 3 * bcs]!;
        } else {
          let t = 0;
          for (; t < w; t++) pb[dst + t] = b[src + t * bcs]!;
          for (; t < 4; t++) pb[dst + t] = 0;
        }
      }
    }
    for (let i0 = 0; i0 < m; i0 += MC) {
      const mc = Math.min(MC, m - i0);
      const ib = (mc + 3) >> 2;
      // pack α·A[i0:i0+mc, l0:l0+kc] into slivers of 4 rows (zero-padded)
      for (let q = 0; q < ib; q++) {
        const r0 = i0 + q * 4, h = Math.min(4, m - r0), base = q * kc * 4;
        for (let l = 0; l < kc; l++) {
          const src = aOff + r0 * ars + (l0 + l) * acs, dst = base + l * 4;
          if (h === 4) {
            pa[dst] = alpha * a[src]!; pa[dst + 1] = alpha * a[src + ars]!;
            pa[dst + 2] = alpha * a[src + 2 * ars]!; pa[dst + 3] = alpha * a[src + 3 * ars]!;
          } else {
            let t = 0;
            for (; t < h; t++) pa[dst + t] = alpha * a[src + t * ars]!;
            for (; t < 4; t++) pa[dst + t] = 0;
          }
        }
      }
      for (let jb = 0; jb < nb; jb++) {
        const j0 = jb * 4, w = Math.min(4, n - j0), bb = jb * kc * 4;
        for (let q = 0; q < ib; q++) {
          const r0 = i0 + q * 4, h = Math.min(4, m - r0);
          microKernel(kc, pa, q * kc * 4, pb, bb, c, cOff + r0 * ldc + j0, ldc, h, w);
        }
      }
    }
  }
}

/** 4×4 tile of C (h×w valid) += packed A sliver (kc×4) · packed B sliver (kc×4). */
function microKernel(kc: number, pa: Float64Array, ia: number, pb: Float64Array, ib: number,
  c: Float64Array, co: number, ldc: number, h: number, w: number): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let l = 0; l < kc; l++, ia += 4, ib += 4) {
    const a0 = pa[ia]!, a1 = pa[ia + 1]!, a2 = pa[ia + 2]!, a3 = pa[ia + 3]!;
    const b0 = pb[ib]!, b1 = pb[ib + 1]!, b2 = pb[ib + 2]!, b3 = pb[ib + 3]!;
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  if (h === 4 && w === 4) {
    let p = co;
    c[p] += c00; c[p + 1] += c01; c[p + 2] += c02; c[p + 3] += c03; p += ldc;
    c[p] += c10; c[p + 1] += c11; c[p + 2] += c12; c[p + 3] += c13; p += ldc;
    c[p] += c20; c[p + 1] += c21; c[p + 2] += c22; c[p + 3] += c23; p += ldc;
    c[p] += c30; c[p + 1] += c31; c[p + 2] += c32; c[p + 3] += c33;
    return;
  }
  const rowsAcc = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33];
  for (let x = 0; x < h; x++) for (let y = 0; y < w; y++) c[co + x * ldc + y] += rowsAcc[x * 4 + y]!;
}

/** Reflector block size of the blocked (compact-WY) accumulation. */
const ACC_NB = 32;

/**
 * Product of Householder reflectors H_k = I − τ_k v_k v_kᵀ, k = 0..kFirst, formed explicitly:
 * M (rows×n, row-major, overwritten) = H_0 ⋯ H_kFirst [I; 0]. Reflector k is stored in row k
 * of `vecs` (leading dimension `ldv`), acts on indices ≥ k + off, and must be zero before
 * that index; rows ≥ n of M start as zero rows.
 *
 * Backward accumulation (Golub & Van Loan, 4th ed., §5.1.6) in blocks of 32 reflectors taken
 * from the last, each block written in compact WY form H_k0 ⋯ H_k1−1 = I − V T Vᵀ with T
 * upper triangular (Schreiber & Van Loan, SIAM J. Sci. Stat. Comput. 10(1), 1989; LAPACK
 * dlarft/dlarfb) and applied to the trailing block of M as M ← M − V (T (Vᵀ M)) with two
 * cache-blocked products ({@link gemm}). Fewer than 64 reflectors: an unblocked loop
 * applying them two at a time.
 *
 * @param M - output, rows×n.
 * @param rows - rows of M (≥ n).
 * @param n - columns of M.
 * @param vecs - reflector vectors, one per row.
 * @param ldv - row stride of `vecs`.
 * @param taus - the τ_k (τ = 0: identity).
 * @param kFirst - index of the last reflector in the product.
 * @param off - reflector k acts on indices ≥ k + off.
 *
 * @example
 * ```ts
 * import { accumulateReflectors } from "./kernels.js";
 * // one reflector v = (1, 1), τ = 1 (H = I − v vᵀ swaps and negates): M = [[0, −1], [−1, 0]]
 * const M = new Float64Array(4);
 * accumulateReflectors(M, 2, 2, Float64Array.of(1, 1), 2, Float64Array.of(1), 0, 0);
 * ```
 */
export function accumulateReflectors(M: Float64Array, rows: number, n: number, vecs: Float64Array, ldv: number,
  taus: Float64Array, kFirst: number, off: number): void {
  const K = kFirst + 1;
  if (K < 2 * ACC_NB) { accumulateReal(M, rows, n, vecs, ldv, taus, kFirst, off); return; }
  M.fill(0);
  for (let i = 0; i < n; i++) M[i * n + i] = 1;
  const T = new Float64Array(ACC_NB * ACC_NB);
  const W = new Float64Array(ACC_NB * n);
  const tmp = new Float64Array(ACC_NB);
  for (let k1 = K; k1 > 0;) {
    const k0 = Math.max(0, k1 - ACC_NB), nb = k1 - k0;
    const c0 = k0 + off, R = rows - c0, C = n - c0;
    // T (dlarft, forward, columnwise): T[j,j] = τ_j, T[0:j,j] = −τ_j T[0:j,0:j] (V[:,0:j]ᵀ v_j)
    T.fill(0);
    for (let j = 0; j < nb; j++) {
      const tj = taus[k0 + j]!;
      T[j * ACC_NB + j] = tj;
      if (tj === 0 || j === 0) continue;
      const oj = (k0 + j) * ldv, st = k0 + j + off; // v_j vanishes before index st
      for (let i = 0; i < j; i++) {
        const oi = (k0 + i) * ldv;
        let g = 0;
        for (let r = st; r < rows; r++) g += vecs[oi + r]! * vecs[oj + r]!;
        tmp[i] = g;
      }
      for (let i = 0; i < j; i++) {
        let acc = 0;
        for (let l = i; l < j; l++) acc += T[i * ACC_NB + l]! * tmp[l]!;
        T[i * ACC_NB + j] = -tj * acc;
      }
    }
    // W = Vᵀ M[c0:, c0:]  (nb × C); rows of `vecs` are the columns of V
    W.fill(0, 0, nb * C);
    gemm(nb, C, R, 1, vecs, k0 * ldv + c0, ldv, 1, M, c0 * n + c0, n, 1, W, 0, C);
    // W ← T W (upper triangular, in place top-down)
    for (let i = 0; i < nb; i++) {
      const oi = i * C;
      const tii = T[i * ACC_NB + i]!;
      for (let c = 0; c < C; c++) W[oi + c] *= tii;
      for (let l = i + 1; l < nb; l++) {
        const t = T[i * ACC_NB + l]!;
        if (t === 0) continue;
        const ol = l * C;
        for (let c = 0; c < C; c++) W[oi + c] += t * W[ol + c]!;
      }
    }
    // M[c0:, c0:] −= V W
    gemm(R, C, nb, -1, vecs, k0 * ldv + c0, 1, ldv, W, 0, C, 1, M, c0 * n + c0, n);
    k1 = k0;
  }
}

/**
 * Unblocked backward accumulation of a product of Householder reflectors H_k = I − τ_k v_k v_kᵀ,
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
