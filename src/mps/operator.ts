/**
 * The density matrix of a spin-½ chain as a real matrix-product state in the normalised Pauli
 * basis (CONVENTIONS §9): ρ = Σ_α c_{α_1…α_L} P_{α_1} ⊗ ⋯ ⊗ P_{α_L}, P_α = σ^α/√2 (α = 0: 1, 1: x,
 * 2: y, 3: z), so that Tr(P_α P_β) = δ_αβ and the coefficients of a Hermitian ρ are real. The
 * coefficient vector is an MPS with local dimension 4 in mixed canonical form: tensors left of the
 * orthogonality centre are left-isometric, those right of it right-isometric (in the Euclidean norm
 * of the coefficients, i.e. the Hilbert–Schmidt norm of ρ), so every two-site update is an optimal
 * Hilbert–Schmidt truncation even for non-unitary (dissipative) gates.
 *
 * Index order and storage: site tensor i (0-based, site i+1) is a Float64Array of shape
 * (D_i, 4, D_{i+1}), row-major: entry (l, α, r) at (l·4 + α)·D_{i+1} + r.
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { gemm } from "../linalg/kernels.js";
import { complexMatrix, realMatrix, type ComplexMatrix } from "../linalg/matrix.js";
import { svd } from "../linalg/svd.js";
import { qr } from "../linalg/qr.js";
import { keepCount, recordUpdate, type Truncation, type TruncationStats } from "./truncate.js";

/**
 * A density matrix as a real MPS in the Pauli basis (see the module comment).
 *
 * @example
 * ```ts
 * import { identityOperatorMps } from "nessref/mps";
 * const rho = identityOperatorMps(4); // ∝ the identity
 * rho.dims; // [1, 1, 1, 1, 1]
 * ```
 */
export interface OperatorMps {
  /** number of sites */
  readonly L: number;
  /** bond dimensions D_0..D_L (D_0 = D_L = 1) */
  dims: number[];
  /** site tensors, shape (D_i, 4, D_{i+1}) */
  sites: Float64Array[];
  /** the orthogonality centre (0-based site) */
  center: number;
}

/**
 * The infinite-temperature state (∝ 1) as an {@link OperatorMps}: every site (P_0 coefficient 1).
 *
 * @param L - number of sites ≥ 2
 * @returns the MPS, bond dimension 1, centre at site 1
 *
 * @example
 * ```ts
 * import { identityOperatorMps } from "nessref/mps";
 * identityOperatorMps(3).sites[0]; // Float64Array [1, 0, 0, 0]
 * ```
 */
export function identityOperatorMps(L: number): OperatorMps {
  if (!Number.isInteger(L) || L < 2) throw new NessrefError("invalid-input", `identityOperatorMps: L must be an integer ≥ 2, got ${L}`, "/L");
  return { L, dims: new Array(L + 1).fill(1), sites: Array.from({ length: L }, () => Float64Array.of(1, 0, 0, 0)), center: 0 };
}

/** C (m×n) = A (m×k) · B (k×n), all row-major, fresh. */
function mul(A: Float64Array, B: Float64Array, m: number, k: number, n: number): Float64Array {
  const C = new Float64Array(m * n);
  gemm(m, n, k, 1, A, 0, k, 1, B, 0, n, 1, C, 0, n);
  return C;
}

/** Move the centre one site right: thin QR of the centre as (D·4) × D' (Q stays, R goes right). */
function moveRight(m: OperatorMps): void {
  const i = m.center;
  if (i >= m.L - 1) throw new NessrefError("internal", "operator MPS: centre already at the right end", "");
  const Dl = m.dims[i], Dr = m.dims[i + 1], Dn = m.dims[i + 2];
  const { Q, R } = qr(realMatrix(Dl * 4, Dr, m.sites[i]), { thin: true });
  const k = Q.cols;
  m.sites[i] = Q.data;
  m.sites[i + 1] = mul(R.data, m.sites[i + 1], k, Dr, 4 * Dn);
  m.dims[i + 1] = k;
  m.center = i + 1;
}

/** Move the centre one site left: thin QR of the transposed centre, M = Rᵀ Qᵀ (Qᵀ stays, Rᵀ goes left). */
function moveLeft(m: OperatorMps): void {
  const i = m.center;
  if (i <= 0) throw new NessrefError("internal", "operator MPS: centre already at the left end", "");
  const Dp = m.dims[i - 1], Dl = m.dims[i], Dr = m.dims[i + 1];
  const C = 4 * Dr, T = m.sites[i];
  const Mt = new Float64Array(C * Dl);
  for (let a = 0; a < Dl; a++) for (let b = 0; b < C; b++) Mt[b * Dl + a] = T[a * C + b];
  const { Q, R } = qr(realMatrix(C, Dl, Mt), { thin: true });
  const k = Q.cols;
  const Qt = new Float64Array(k * C);
  for (let b = 0; b < C; b++) for (let a = 0; a < k; a++) Qt[a * C + b] = Q.data[b * k + a];
  const Rt = new Float64Array(Dl * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < Dl; b++) Rt[b * k + a] = R.data[a * Dl + b];
  m.sites[i] = Qt;
  m.sites[i - 1] = mul(m.sites[i - 1], Rt, Dp * 4, Dl, k);
  m.dims[i] = k;
  m.center = i - 1;
}

/**
 * Move the orthogonality centre to site `c` (0-based) by single-site QR factorisations (exact: no
 * truncation).
 *
 * @param m - the MPS (mutated)
 * @param c - target centre, 0 ≤ c < L
 *
 * @example
 * ```ts
 * import { identityOperatorMps, moveCenter } from "nessref/mps";
 * const r = identityOperatorMps(4); moveCenter(r, 3); r.center; // 3
 * ```
 */
export function moveCenter(m: OperatorMps, c: number): void {
  while (m.center < c) moveRight(m);
  while (m.center > c) moveLeft(m);
}

/**
 * Apply a real 16×16 two-site superoperator G (two-site Pauli index α1·4 + α2) to sites i+1, i+2
 * (0-based `i`), with the centre on one of them, then split by SVD and truncate; the centre ends
 * on site i+2 when `toRight`, else on site i+1. The coefficient vector is renormalised to unit
 * Euclidean norm (the trace is restored at measurement).
 *
 * @param m - the MPS (mutated)
 * @param i - 0-based left site
 * @param G - 16×16 row-major (new index, old index)
 * @param toRight - where the centre goes
 * @param trunc - truncation rule
 * @param stats - statistics (mutated)
 *
 * @example
 * ```ts
 * import { applyOperatorGate, identityOperatorMps, newTruncationStats } from "nessref/mps";
 * const r = identityOperatorMps(3), G = new Float64Array(256);
 * for (let a = 0; a < 16; a++) G[a * 17] = 1;
 * applyOperatorGate(r, 0, G, true, { chi: 8, cutoff: 0 }, newTruncationStats()); // r.center = 1
 * ```
 */
export function applyOperatorGate(m: OperatorMps, i: number, G: Float64Array, toRight: boolean, trunc: Truncation, stats: TruncationStats): void {
  if (m.center !== i && m.center !== i + 1) throw new NessrefError("internal", `operator MPS: gate on sites ${i + 1}, ${i + 2} with the centre at ${m.center + 1}`, "");
  const Dl = m.dims[i], Dm = m.dims[i + 1], Dr = m.dims[i + 2];
  // θ[(l, a1), (a2, r)] = Σ_m A[l, a1, m] B[m, a2, r]
  const theta = mul(m.sites[i], m.sites[i + 1], Dl * 4, Dm, 4 * Dr);
  // θ'[l, a1', a2', r] = Σ G[(a1' a2'), (a1 a2)] θ[l, a1, a2, r]: per l, a 16 × Dr product
  const tg = new Float64Array(Dl * 16 * Dr);
  for (let l = 0; l < Dl; l++) gemm(16, Dr, 16, 1, G, 0, 16, 1, theta, l * 16 * Dr, Dr, 1, tg, l * 16 * Dr, Dr);
  const R = Dl * 4, C = 4 * Dr;
  const { U, s, V } = svd(realMatrix(R, C, tg));
  const { keep: k, discarded } = keepCount(s, trunc);
  let w = 0;
  for (let a = 0; a < k; a++) w += s[a] * s[a];
  const f = 1 / Math.sqrt(w);
  const A = new Float64Array(R * k), B = new Float64Array(k * C);
  for (let a = 0; a < R; a++) for (let b = 0; b < k; b++) A[a * k + b] = U.data[a * U.cols + b] * (toRight ? 1 : s[b] * f);
  for (let a = 0; a < k; a++) for (let b = 0; b < C; b++) B[a * C + b] = V.data[b * V.cols + a] * (toRight ? s[a] * f : 1);
  m.sites[i] = A;
  m.sites[i + 1] = B;
  m.dims[i + 1] = k;
  m.center = toRight ? i + 1 : i;
  recordUpdate(stats, discarded, k);
}

/** Tr P_α for the normalised Pauli basis: √2 for α = 0, else 0. */
const TRACE0 = Math.SQRT2;

/**
 * Left and right trace environments: left[i] (length D_i) = the coefficients of sites 1..i traced,
 * right[i] (length D_i) = sites i+1..L traced; Tr ρ = left[L][0].
 *
 * @param m - the MPS
 * @returns `{ left, right }`, L + 1 vectors each
 *
 * @example
 * ```ts
 * import { identityOperatorMps, traceEnvironments } from "nessref/mps";
 * traceEnvironments(identityOperatorMps(2)).left[2][0]; // 2 = Tr(P_0 ⊗ P_0)
 * ```
 */
export function traceEnvironments(m: OperatorMps): {
  /** left[i]: sites 1..i traced (length D_i) */ left: Float64Array[];
  /** right[i]: sites i+1..L traced (length D_i) */ right: Float64Array[];
} {
  const L = m.L;
  const left: Float64Array[] = [Float64Array.of(1)];
  for (let i = 0; i < L; i++) {
    const Dl = m.dims[i], Dr = m.dims[i + 1], T = m.sites[i], l = left[i];
    const out = new Float64Array(Dr);
    for (let a = 0; a < Dl; a++) {
      const x = l[a] * TRACE0;
      if (x === 0) continue;
      const o = a * 4 * Dr;
      for (let r = 0; r < Dr; r++) out[r] += x * T[o + r];
    }
    left.push(out);
  }
  const right: Float64Array[] = new Array(L + 1);
  right[L] = Float64Array.of(1);
  for (let i = L - 1; i >= 0; i--) {
    const Dl = m.dims[i], Dr = m.dims[i + 1], T = m.sites[i], r = right[i + 1];
    const out = new Float64Array(Dl);
    for (let a = 0; a < Dl; a++) {
      const o = a * 4 * Dr;
      let acc = 0;
      for (let b = 0; b < Dr; b++) acc += T[o + b] * r[b];
      out[a] = acc * TRACE0;
    }
    right[i] = out;
  }
  return { left, right };
}

/** The normalised Pauli matrices P_α = σ^α/√2 as 2×2 complex (re, im) row-major. */
const PAULI_RE = [
  [1, 0, 0, 1],
  [0, 1, 1, 0],
  [0, 0, 0, 0],
  [1, 0, 0, -1],
].map((r) => r.map((x) => x / Math.SQRT2));
const PAULI_IM = [
  [0, 0, 0, 0],
  [0, 0, 0, 0],
  [0, -1, 1, 0],
  [0, 0, 0, 0],
].map((r) => r.map((x) => x / Math.SQRT2));

/**
 * The dense complex matrix Σ_α c_α P_{α_1} ⊗ ⋯ ⊗ P_{α_n} of Pauli coefficients c (length 4^n,
 * first site most significant), in the product basis of CONVENTIONS §0.
 *
 * @param c - coefficients
 * @param n - number of sites
 * @returns the 2^n × 2^n matrix
 *
 * @example
 * ```ts
 * import { pauliToDense } from "nessref/mps";
 * pauliToDense(Float64Array.of(Math.SQRT2, 0, 0, 0), 1).re; // [1, 0, 0, 1]
 * ```
 */
export function pauliToDense(c: Float64Array, n: number): ComplexMatrix {
  const D = 1 << n;
  const out = complexMatrix(D, D);
  for (let idx = 0; idx < c.length; idx++) {
    const v = c[idx];
    if (v === 0) continue;
    for (let row = 0; row < D; row++) for (let col = 0; col < D; col++) {
      // product of n single-site entries (complex)
      let re = v, im = 0;
      for (let j = 0; j < n; j++) {
        const a = (idx >> (2 * (n - 1 - j))) & 3;
        const r = (row >> (n - 1 - j)) & 1, s = (col >> (n - 1 - j)) & 1;
        const pr = PAULI_RE[a][r * 2 + s], pi = PAULI_IM[a][r * 2 + s];
        const nr = re * pr - im * pi;
        im = re * pi + im * pr;
        re = nr;
        if (re === 0 && im === 0) break;
      }
      out.re[row * D + col] += re;
      out.im[row * D + col] += im;
    }
  }
  return out;
}

/**
 * The reduced density matrix of sites i+1..i+n (0-based `i`, n = 1..3), normalised to trace 1,
 * from the trace environments.
 *
 * @param m - the MPS
 * @param env - its {@link traceEnvironments}
 * @param i - 0-based first site
 * @param n - number of sites, 1 ≤ n ≤ 3
 * @returns the 2^n × 2^n density matrix
 * @throws NessrefError("no-steady-state") if the trace of the state vanishes
 *
 * @example
 * ```ts
 * import { identityOperatorMps, operatorReduced, traceEnvironments } from "nessref/mps";
 * const r = identityOperatorMps(3);
 * operatorReduced(r, traceEnvironments(r), 0, 2).re[0]; // 0.25
 * ```
 */
export function operatorReduced(m: OperatorMps, env: { left: Float64Array[]; right: Float64Array[] }, i: number, n: number): ComplexMatrix {
  if (n < 1 || n > 3 || i < 0 || i + n > m.L) throw new NessrefError("invalid-input", `operatorReduced: sites ${i + 1}..${i + n} of L = ${m.L}`, "");
  let vecs: Float64Array[] = [env.left[i]];
  for (let j = 0; j < n; j++) {
    const Dl = m.dims[i + j], Dr = m.dims[i + j + 1], T = m.sites[i + j];
    const next: Float64Array[] = [];
    for (const v of vecs) for (let a = 0; a < 4; a++) {
      const out = new Float64Array(Dr);
      for (let l = 0; l < Dl; l++) {
        const x = v[l];
        if (x === 0) continue;
        const o = (l * 4 + a) * Dr;
        for (let r = 0; r < Dr; r++) out[r] += x * T[o + r];
      }
      next.push(out);
    }
    vecs = next;
  }
  const r = env.right[i + n];
  const c = Float64Array.from(vecs, (v) => {
    let s = 0;
    for (let k = 0; k < v.length; k++) s += v[k] * r[k];
    return s;
  });
  const rho = pauliToDense(c, n);
  const D = 1 << n;
  let tr = 0;
  for (let a = 0; a < D; a++) tr += rho.re[a * D + a];
  if (!(Math.abs(tr) > 0) || !Number.isFinite(tr)) throw new NessrefError("no-steady-state", `the evolved density matrix has trace ${tr}`, "");
  for (let e = 0; e < rho.re.length; e++) {
    rho.re[e] /= tr;
    rho.im[e] /= tr;
  }
  return rho;
}
