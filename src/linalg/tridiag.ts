/**
 * Symmetric tridiagonal eigensolver: implicit symmetric QR iteration with Wilkinson
 * shifts and deflation (Golub & Van Loan, Matrix Computations, 4th ed., Alg. 8.3.2 and
 * 8.3.3), with optional accumulation of the rotations into eigenvectors.
 *
 * This is the one tridiagonal QR implementation of the library: {@link symEig} and
 * {@link hermEig} reduce to a real symmetric tridiagonal matrix and call
 * {@link tridiagQRInPlace} with the reduction's orthogonal factor as the starting basis.
 *
 * Eigenvectors are accumulated as ROWS of a row-major work array (so that each Givens
 * rotation streams two contiguous rows) and transposed to columns at the end.
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { realMatrix, type RealMatrix } from "./matrix.js";

/**
 * Implicit-shift symmetric tridiagonal QR on arrays, in place (Golub & Van Loan, 4th ed.,
 * Alg. 8.3.3: Wilkinson-shifted implicit QR steps, deflating negligible off-diagonals
 * |eᵢ| ≤ ε(|dᵢ| + |dᵢ₊₁|)).
 *
 * On return `d` holds the eigenvalues (unsorted) and `e` is zero. When `vecs` are given
 * (one or two row-major arrays of n rows × `m` columns, e.g. real and imaginary parts of
 * W = Zᵀ for a basis Z with A = Z T Zᴴ), every rotation G acting on indices (k, k+1) of
 * T is also applied from the left to rows k, k+1 of each array (W ← G W), so that on
 * return row i of W is the (transposed) eigenvector belonging to `d[i]`. Rotations are
 * buffered (≈ 8n of them) and applied one block of 64 columns at a time, so that W
 * streams through memory once per buffer instead of once per QR sweep.
 *
 * @param d - diagonal, length n (overwritten by the eigenvalues)
 * @param e - off-diagonal, length n − 1 (`e[i]` couples i and i+1; destroyed)
 * @param vecs - optional row-major n×m arrays whose rows are rotated along
 * @param m - row length (number of columns) of the `vecs` arrays (default n)
 * @throws NessrefError("no-convergence") if more than 30·n QR steps are needed
 *
 * @example
 * ```ts
 * import { tridiagQRInPlace } from "nessref/linalg";
 * const d = Float64Array.of(2, 2);
 * tridiagQRInPlace(d, Float64Array.of(1)); // d is now {1, 3} in some order
 * ```
 */
export function tridiagQRInPlace(d: Float64Array, e: Float64Array, vecs?: readonly Float64Array[], m = d.length): void {
  const n = d.length;
  if (e.length < n - 1) throw new NessrefError("invalid-input", `tridiagEig: off-diagonal has length ${e.length}, expected ${n - 1}`, "");
  const eps = Number.EPSILON;
  const tiny = 1e-300; // absolute floor: stops iterating on denormal couplings
  const wantV = vecs !== undefined && vecs.length > 0;
  const cap = wantV ? Math.max(64, 8 * n) : 0;
  const rk = new Int32Array(cap);
  const bc = new Float64Array(cap);
  const bs = new Float64Array(cap);
  let nb = 0;
  const flush = (): void => {
    if (nb === 0 || !vecs) return;
    for (const W of vecs) applyRotations(W, m, rk, bc, bs, nb);
    nb = 0;
  };
  let steps = 0;
  const maxSteps = 30 * Math.max(n, 1);
  let hi = n - 1;
  while (hi > 0) {
    // deflate at the bottom
    if (Math.abs(e[hi - 1]) <= eps * (Math.abs(d[hi - 1]) + Math.abs(d[hi])) + tiny) {
      e[hi - 1] = 0;
      hi--;
      continue;
    }
    // find the top of the unreduced block ending at hi
    let lo = hi - 1;
    while (lo > 0) {
      const v = e[lo - 1];
      if (Math.abs(v) <= eps * (Math.abs(d[lo - 1]) + Math.abs(d[lo])) + tiny) {
        e[lo - 1] = 0;
        break;
      }
      lo--;
    }
    if (++steps > maxSteps) {
      throw new NessrefError("no-convergence", `tridiagEig: implicit QR did not converge within ${maxSteps} steps`, "");
    }
    // Wilkinson shift from the trailing 2×2 block
    const a1 = d[hi - 1];
    const a2 = d[hi];
    const b = e[hi - 1];
    const delta = (a1 - a2) / 2;
    const h = Math.hypot(delta, b);
    // μ = a₂ − b²/(δ + sign(δ)·√(δ² + b²)), written as b·(b/…) so that b² cannot underflow
    const mu = a2 - b * (b / (delta + (delta >= 0 ? h : -h)));
    // chase the bulge from lo to hi
    let x = d[lo] - mu;
    let z = e[lo];
    let bulge = 0;
    for (let k = lo; k < hi; k++) {
      let c: number;
      let s: number;
      // √(x² + z²) directly (Math.hypot is several times slower in V8); hypot only where the
      // squares could underflow or overflow
      let r = Math.sqrt(x * x + z * z);
      if (!(r > 1e-150 && r < 1e150)) r = Math.hypot(x, z);
      if (r === 0) {
        c = 1;
        s = 0;
      } else {
        c = x / r;
        s = z / r;
      }
      if (k > lo) e[k - 1] = r;
      const ak = d[k];
      const ak1 = d[k + 1];
      const bk = e[k];
      const cc = c * c;
      const ss = s * s;
      const cs2 = 2 * c * s * bk;
      d[k] = cc * ak + cs2 + ss * ak1;
      d[k + 1] = ss * ak - cs2 + cc * ak1;
      e[k] = c * s * (ak1 - ak) + (cc - ss) * bk;
      if (k < hi - 1) {
        const ek1 = e[k + 1];
        bulge = s * ek1;
        e[k + 1] = c * ek1;
        x = e[k];
        z = bulge;
      }
      if (wantV && s !== 0) {
        if (nb === cap) flush();
        rk[nb] = k;
        bc[nb] = c;
        bs[nb] = s;
        nb++;
      }
    }
  }
  flush();
}

/**
 * Apply buffered rotations (rows k, k+1 ← [c s; −s c]·rows) to the n×w row-major array W,
 * one block of columns at a time so that the block stays in cache across all rotations.
 */
function applyRotations(W: Float64Array, w: number, rk: Int32Array, bc: Float64Array, bs: Float64Array, nb: number): void {
  const B = BLOCK;
  for (let j0 = 0; j0 < w; j0 += B) {
    const len = Math.min(B, w - j0);
    for (let r = 0; r < nb; r++) {
      const o0 = rk[r] * w + j0;
      const o1 = o0 + w;
      const c = bc[r];
      const s = bs[r];
      for (let j = 0; j < len; j++) {
        const u = W[o0 + j];
        const v = W[o1 + j];
        W[o0 + j] = c * u + s * v;
        W[o1 + j] = c * v - s * u;
      }
    }
  }
}

const BLOCK = 64; // columns per block: 64·n·8 bytes stays in L2 for n in the low thousands

/**
 * Ascending order of `values` as a permutation (stable; NaN-free input assumed).
 *
 * @param values - the numbers to order
 * @returns indices p with values[p[0]] ≤ values[p[1]] ≤ …
 *
 * @example
 * ```ts
 * import { ascendingOrder } from "nessref/linalg";
 * ascendingOrder(Float64Array.of(3, 1, 2)); // [1, 2, 0]
 * ```
 */
export function ascendingOrder(values: Float64Array): Int32Array {
  const idx = Array.from({ length: values.length }, (_, i) => i);
  idx.sort((a, b) => values[a] - values[b] || a - b);
  return Int32Array.from(idx);
}

/** Validate (lengths, finiteness) the diagonal and off-diagonal of a tridiagonal and return max |entry|. */
function checkedMaxAbs(who: string, diag: Float64Array, off: Float64Array): number {
  const n = diag.length;
  if (off.length !== Math.max(n - 1, 0)) {
    throw new NessrefError("invalid-input", `${who}: off-diagonal has length ${off.length}, expected ${Math.max(n - 1, 0)}`, "");
  }
  let mx = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(diag[i])) throw new NessrefError("invalid-input", `${who}: diag[${i}] is not finite`, "");
    mx = Math.max(mx, Math.abs(diag[i]));
  }
  for (let i = 0; i < off.length; i++) {
    if (!Number.isFinite(off[i])) throw new NessrefError("invalid-input", `${who}: off[${i}] is not finite`, "");
    mx = Math.max(mx, Math.abs(off[i]));
  }
  return mx;
}

/**
 * Eigen-decomposition of the real symmetric tridiagonal matrix T with diagonal `diag`
 * and off-diagonal `off` (T[i][i+1] = T[i+1][i] = off[i]).
 *
 * Implicit QR with Wilkinson shifts (Golub & Van Loan, 4th ed., Alg. 8.3.3), O(n²) for
 * the eigenvalues alone, O(n³) with vectors (≈ n³ rotation-flops). Eigenvalues are
 * returned ascending; eigenvectors (when `opts.vectors`) are the orthonormal COLUMNS of
 * `vectors`, T V = V Λ.
 *
 * @param diag - diagonal, length n (not modified)
 * @param off - off-diagonal, length n − 1 (not modified)
 * @param opts - `vectors: true` to compute eigenvectors (default false)
 * @returns ascending eigenvalues and optionally the eigenvectors
 * @throws NessrefError("invalid-input") on mismatched lengths or non-finite entries
 *
 * @example
 * ```ts
 * import { tridiagEig } from "nessref/linalg";
 * const { values } = tridiagEig(Float64Array.of(0, 0, 0), Float64Array.of(1, 1));
 * // values ≈ [-√2, 0, √2]
 * ```
 */
export function tridiagEig(
  diag: Float64Array,
  off: Float64Array,
  opts?: { vectors?: boolean },
): {
  /** eigenvalues in ascending order */ values: Float64Array;
  /** orthonormal eigenvectors as columns (only when `opts.vectors`) */ vectors?: RealMatrix;
} {
  const n = diag.length;
  // scale to max-abs 1 to keep squares away from overflow/underflow
  const mx = checkedMaxAbs("tridiagEig", diag, off);
  const dv = mx > 0 ? mx : 1; // divide (not multiply by 1/mx, which overflows for denormal mx)
  const d = new Float64Array(n);
  const e = new Float64Array(Math.max(n - 1, 0));
  for (let i = 0; i < n; i++) d[i] = diag[i] / dv;
  for (let i = 0; i < e.length; i++) e[i] = off[i] / dv;
  const wantV = opts?.vectors === true;
  let W: Float64Array | undefined;
  if (wantV) {
    W = new Float64Array(n * n);
    for (let i = 0; i < n; i++) W[i * n + i] = 1;
  }
  tridiagQRInPlace(d, e, W ? [W] : undefined, n);
  const order = ascendingOrder(d);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = mx > 0 ? d[order[i]] * mx : 0;
  if (!W) return { values };
  return { values, vectors: rowsToColumns(W, n, n, order) };
}

/**
 * Columns from rows: V[:, i] = W[order[i], :] for a row-major n×m array W (blocked transpose).
 *
 * @param W - row-major n×m array whose rows are vectors
 * @param n - number of rows of W
 * @param m - row length of W
 * @param order - which row of W becomes column i
 * @returns the m×n matrix whose columns are the selected rows
 *
 * @example
 * ```ts
 * import { rowsToColumns } from "nessref/linalg";
 * rowsToColumns(Float64Array.of(1, 2, 3, 4), 2, 2, Int32Array.of(1, 0)).data; // [3, 1, 4, 2]
 * ```
 */
export function rowsToColumns(W: Float64Array, n: number, m: number, order: Int32Array): RealMatrix {
  const out = new Float64Array(m * n);
  const bs = 32;
  for (let ii = 0; ii < n; ii += bs) {
    const iEnd = Math.min(ii + bs, n);
    for (let jj = 0; jj < m; jj += bs) {
      const jEnd = Math.min(jj + bs, m);
      for (let i = ii; i < iEnd; i++) {
        const src = order[i] * m;
        for (let j = jj; j < jEnd; j++) out[j * n + i] = W[src + j];
      }
    }
  }
  return realMatrix(m, n, out);
}

/**
 * Eigenvalues alone of the real symmetric tridiagonal matrix T (diagonal `diag`, off-diagonal
 * `off`), by the root-free QL iteration of Pal, Walker and Kahan (the algorithm of LAPACK's
 * `dsterf`; Parlett, The Symmetric Eigenvalue Problem, §8.15): it works on the squares e_i² and
 * needs no square root per rotation, about twice as fast as {@link tridiagEig} without vectors,
 * with the same backward stability. Deflation when e_m² ≤ ε²|d_m d_{m+1}| (relative, as dsterf);
 * a block that has not converged after 30 sweeps per row is handed to {@link tridiagEig}.
 *
 * @param diag - diagonal, length n (not modified)
 * @param off - off-diagonal, length n − 1 (not modified)
 * @returns the eigenvalues, ascending
 * @throws NessrefError("invalid-input") on mismatched lengths or non-finite entries
 *
 * @example
 * ```ts
 * import { tridiagEigenvalues } from "nessref/linalg";
 * tridiagEigenvalues(Float64Array.of(2, 2), Float64Array.of(1)); // [1, 3]
 * ```
 */
export function tridiagEigenvalues(diag: Float64Array, off: Float64Array): Float64Array {
  const n = diag.length;
  const mx = checkedMaxAbs("tridiagEigenvalues", diag, off);
  if (mx === 0) return new Float64Array(n);
  // scale to max-abs 1 (squares then neither overflow nor underflow for normal entries)
  const d = new Float64Array(n), e2 = new Float64Array(Math.max(n, 1));
  for (let i = 0; i < n; i++) d[i] = diag[i] / mx;
  for (let i = 0; i + 1 < n; i++) { const v = off[i] / mx; e2[i] = v * v; }
  const eps = Number.EPSILON / 2, eps2 = eps * eps, safmin = 1e-300;
  const maxIt = 30 * n;
  let l = 0, it = 0;
  while (l < n) {
    // find the end m of the unreduced block starting at l
    let m = l;
    while (m < n - 1 && !(e2[m] <= eps2 * Math.abs(d[m] * d[m + 1]) + safmin)) m++;
    if (m < n - 1) e2[m] = 0;
    if (m === l) { l++; continue; }
    if (m === l + 1) {
      // 2×2 block: eigenvalues of [[a, b], [b, c]] with b² = e2[l]
      const a = d[l], c = d[l + 1], b2 = e2[l];
      const h = (a - c) / 2, r = Math.sqrt(h * h + b2);
      const s1 = (a + c) / 2 + r, s2 = (a + c) / 2 - r;
      // the one of larger magnitude directly, the other as det/that one (no cancellation)
      const hi = Math.abs(s1) >= Math.abs(s2) ? s1 : s2;
      const lo = hi !== 0 ? (a * c - b2) / hi : 0;
      d[l] = hi; d[l + 1] = lo; e2[l] = 0;
      l += 2;
      continue;
    }
    if (++it > maxIt) {
      // hand the unconverged rest to the QR iteration with rotations
      const rest = tridiagEig(d.subarray(l), Float64Array.from(e2.subarray(l, n - 1), (x) => Math.sqrt(x))).values;
      d.set(rest, l);
      break;
    }
    // QL step on d[l..m], e2[l..m−1] with the shift from the top 2×2 block
    const rte = Math.sqrt(e2[l]);
    let sigma = (d[l + 1] - d[l]) / (2 * rte);
    const r0 = Math.sqrt(sigma * sigma + 1);
    sigma = d[l] - rte / (sigma + (sigma >= 0 ? r0 : -r0));
    let c = 1, s = 0, gamma = d[m] - sigma, p = gamma * gamma;
    for (let i = m - 1; i >= l; i--) {
      const bb = e2[i], r = p + bb;
      if (i !== m - 1) e2[i + 1] = s * r;
      const oldc = c;
      c = p / r;
      s = bb / r;
      const oldgam = gamma, alpha = d[i];
      gamma = c * (alpha - sigma) - s * oldgam;
      d[i + 1] = oldgam + (alpha - gamma);
      p = c !== 0 ? (gamma * gamma) / c : oldc * bb;
    }
    e2[l] = s * p;
    d[l] = sigma + gamma;
    // stay on this block: l is unchanged until its first row deflates
  }
  const out = Float64Array.from(d, (x) => x * mx);
  out.sort();
  return out;
}
