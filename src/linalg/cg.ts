/**
 * Preconditioned conjugate gradients for symmetric positive-definite systems, with Jacobi and
 * zero-fill incomplete Cholesky (IC(0)) preconditioners on CSR matrices.
 *
 * CG (Hestenes & Stiefel 1952; Saad, "Iterative Methods for Sparse Linear Systems", 2nd ed.,
 * Alg. 9.1) minimises the A-norm of the error over the Krylov space of M⁻¹A; it needs A and M
 * symmetric positive definite. IC(0) (Saad §10.3.2, Meijerink & van der Vorst 1977) keeps the
 * sparsity pattern of the lower triangle of A; it exists for every M-matrix (the Laplacians of
 * resistor networks with a grounded node or a sink are M-matrices).
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import type { CsrMatrix, LinearOperator } from "./sparse.js";
import type { KrylovResult } from "./krylov.js";

/**
 * Options of {@link pcg}.
 *
 * @example
 * ```ts
 * import type { CgOptions } from "nessref/linalg";
 * const o: CgOptions = { tol: 1e-13, maxIter: 5000 };
 * ```
 */
export interface CgOptions {
  /** Target true relative residual ‖b − A x‖ / ‖b‖ (default 1e-12). */
  tol?: number;
  /** Maximum number of CG steps (one product with A each), default max(1000, 10 n). */
  maxIter?: number;
  /** Initial guess (default zero; not modified). */
  x0?: Float64Array;
  /** Preconditioner y ← M⁻¹ x, M symmetric positive definite (default: none). */
  precond?: LinearOperator;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function trueResidual(A: LinearOperator, b: Float64Array, x: Float64Array, ax: Float64Array, r: Float64Array): number {
  A(x, ax);
  let s = 0;
  for (let i = 0; i < b.length; i++) {
    r[i] = b[i] - ax[i];
    s += r[i] * r[i];
  }
  return Math.sqrt(s);
}

/**
 * Preconditioned conjugate gradients for A x = b with A symmetric positive definite (Saad 2003,
 * Alg. 9.1). The recursively updated residual decides when to stop; the true residual is then
 * recomputed, and if it is still above `tol` the iteration restarts from the current x (at most
 * a few times, while the true residual keeps falling), so `residual` always reports ‖b − A x‖/‖b‖
 * of the returned x. The best iterate seen (by true residual) is returned.
 *
 * @param A - the operator y ← A x (symmetric positive definite)
 * @param b - right-hand side
 * @param opts - tolerance, iteration limit, initial guess, preconditioner
 * @returns the solution, the number of CG steps, the true relative residual and whether it met `tol`
 * @throws NessrefError("invalid-input") for a bad tolerance, iteration limit, x0 length or
 *   non-finite b; ("singular") when a step meets pᵀAp ≤ 0 (A not positive definite)
 *
 * @example
 * ```ts
 * import { pcg, csrFromDense, csrOperator, fromRows } from "nessref/linalg";
 * const A = csrOperator(csrFromDense(fromRows([[4, 1], [1, 3]])));
 * pcg(A, Float64Array.of(1, 2)).x; // ≈ [1/11, 7/11]
 * ```
 */
export function pcg(A: LinearOperator, b: Float64Array, opts: CgOptions = {}): KrylovResult<Float64Array> {
  const n = b.length;
  const tol = opts.tol ?? 1e-12;
  const maxIter = opts.maxIter ?? Math.max(1000, 10 * n);
  if (!(tol > 0) || !Number.isFinite(tol)) throw new NessrefError("invalid-input", `pcg: tol must be a positive number, got ${tol}`, "/tol");
  if (!Number.isInteger(maxIter) || maxIter < 0) throw new NessrefError("invalid-input", `pcg: maxIter must be a non-negative integer, got ${maxIter}`, "/maxIter");
  const x = new Float64Array(n);
  if (opts.x0) {
    if (opts.x0.length !== n) throw new NessrefError("invalid-input", `pcg: x0 has length ${opts.x0.length}, expected ${n}`, "/x0");
    x.set(opts.x0);
  }
  const bnorm = Math.sqrt(dot(b, b));
  if (!Number.isFinite(bnorm)) throw new NessrefError("invalid-input", "pcg: right-hand side has non-finite entries", "/b");
  if (bnorm === 0) return { x: new Float64Array(n), iterations: 0, residual: 0, converged: true };
  const M = opts.precond;
  const r = new Float64Array(n), z = new Float64Array(n), p = new Float64Array(n), q = new Float64Array(n);
  const best = new Float64Array(n);
  let rn = trueResidual(A, b, x, q, r);
  let bestRes = rn / bnorm;
  best.set(x);
  let iters = 0;
  for (let restart = 0; restart < 4 && bestRes > tol && iters < maxIter; restart++) {
    if (M) M(r, z);
    else z.set(r);
    p.set(z);
    let rz = dot(r, z);
    while (iters < maxIter) {
      A(p, q);
      const pq = dot(p, q);
      if (!(pq > 0)) {
        if (rn === 0) break;
        throw new NessrefError("singular", `pcg: pᵀAp = ${pq} ≤ 0 at step ${iters}: the matrix is not positive definite`, "");
      }
      const alpha = rz / pq;
      let s = 0;
      for (let i = 0; i < n; i++) {
        x[i] += alpha * p[i];
        r[i] -= alpha * q[i];
        s += r[i] * r[i];
      }
      rn = Math.sqrt(s);
      iters++;
      if (rn <= 0.5 * tol * bnorm) break;
      if (M) M(r, z);
      else z.set(r);
      const rzNew = dot(r, z);
      const beta = rzNew / rz;
      rz = rzNew;
      for (let i = 0; i < n; i++) p[i] = z[i] + beta * p[i];
    }
    rn = trueResidual(A, b, x, q, r);
    const res = rn / bnorm;
    if (!Number.isFinite(res)) throw new NessrefError("singular", "pcg: the iteration produced non-finite values", "");
    if (res < bestRes) {
      const gain = bestRes / res;
      bestRes = res;
      best.set(x);
      if (gain < 2) break; // the true residual has stagnated: more restarts cannot help
    } else break;
  }
  return { x: best, iterations: iters, residual: bestRes, converged: bestRes <= tol };
}

/**
 * The Jacobi preconditioner y_i = x_i / d_i of a positive diagonal d.
 *
 * @param diag - the diagonal of A, every entry > 0
 * @returns the operator y ← D⁻¹ x
 * @throws NessrefError("invalid-input") for a diagonal entry ≤ 0 or non-finite
 *
 * @example
 * ```ts
 * import { jacobiPreconditioner } from "nessref/linalg";
 * const M = jacobiPreconditioner(Float64Array.of(2, 4));
 * const y = new Float64Array(2); M(Float64Array.of(1, 1), y); // y = [0.5, 0.25]
 * ```
 */
export function jacobiPreconditioner(diag: Float64Array): LinearOperator {
  const inv = new Float64Array(diag.length);
  for (let i = 0; i < diag.length; i++) {
    if (!(diag[i] > 0) || !Number.isFinite(diag[i])) throw new NessrefError("invalid-input", `jacobiPreconditioner: diagonal entry ${i} is ${diag[i]}, must be finite and > 0`, `/diag/${i}`);
    inv[i] = 1 / diag[i];
  }
  return (x, y) => {
    for (let i = 0; i < inv.length; i++) y[i] = x[i] * inv[i];
  };
}

/**
 * Zero-fill incomplete Cholesky A ≈ L Lᵀ on the pattern of the lower triangle of a symmetric
 * CSR matrix (Saad 2003, §10.3.2), returned as the preconditioner y ← (L Lᵀ)⁻¹ x. Only the
 * lower triangle (column ≤ row) of A is read; column indices must be increasing in each row
 * (as {@link CsrMatrix} requires) and every diagonal entry must be stored.
 *
 * @param A - symmetric matrix in CSR form (an M-matrix guarantees that IC(0) exists)
 * @returns the preconditioner
 * @throws NessrefError("invalid-input") for a non-square matrix or a missing diagonal entry;
 *   ("singular") when a pivot is ≤ 0 (the incomplete factor does not exist)
 *
 * @example
 * ```ts
 * import { ic0Preconditioner, csrFromDense, fromRows } from "nessref/linalg";
 * const M = ic0Preconditioner(csrFromDense(fromRows([[4, -1], [-1, 3]])));
 * const y = new Float64Array(2); M(Float64Array.of(3, 2), y); // exact here: y = [1, 1]
 * ```
 */
export function ic0Preconditioner(A: CsrMatrix): LinearOperator {
  const n = A.rows;
  if (A.cols !== n) throw new NessrefError("invalid-input", `ic0Preconditioner: matrix is ${A.rows}×${A.cols}, not square`, "");
  // lower-triangle pattern (columns ≤ row), diagonal last in each row
  const ptr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    let c = 0;
    for (let k = A.rowPtr[i]; k < A.rowPtr[i + 1]; k++) if (A.colIdx[k] <= i) c++;
    ptr[i + 1] = ptr[i] + c;
  }
  const col = new Int32Array(ptr[n]);
  const L = new Float64Array(ptr[n]);
  for (let i = 0; i < n; i++) {
    let m = ptr[i];
    for (let k = A.rowPtr[i]; k < A.rowPtr[i + 1]; k++) {
      if (A.colIdx[k] <= i) {
        col[m] = A.colIdx[k];
        L[m] = A.values[k];
        m++;
      }
    }
    if (m === ptr[i] || col[m - 1] !== i) throw new NessrefError("invalid-input", `ic0Preconditioner: row ${i} has no stored diagonal entry`, "");
  }
  for (let i = 0; i < n; i++) {
    const di = ptr[i + 1] - 1;
    for (let m = ptr[i]; m < di; m++) {
      const k = col[m];
      // L_ik = (A_ik − Σ_{j<k} L_ij L_kj) / L_kk, the sum over the common pattern
      let s = L[m];
      let a = ptr[i], bq = ptr[k];
      const bEnd = ptr[k + 1] - 1;
      while (a < m && bq < bEnd) {
        if (col[a] === col[bq]) s -= L[a++] * L[bq++];
        else if (col[a] < col[bq]) a++;
        else bq++;
      }
      L[m] = s / L[bEnd];
    }
    let d = L[di];
    for (let m = ptr[i]; m < di; m++) d -= L[m] * L[m];
    if (!(d > 0)) throw new NessrefError("singular", `ic0Preconditioner: pivot ${i} is ${d} ≤ 0; the incomplete Cholesky factor does not exist`, "");
    L[di] = Math.sqrt(d);
  }
  const y = new Float64Array(n);
  return (x, out) => {
    for (let i = 0; i < n; i++) {
      let s = x[i];
      const di = ptr[i + 1] - 1;
      for (let m = ptr[i]; m < di; m++) s -= L[m] * y[col[m]];
      y[i] = s / L[di];
    }
    for (let i = n - 1; i >= 0; i--) {
      const di = ptr[i + 1] - 1;
      const v = y[i] / L[di];
      out[i] = v;
      for (let m = ptr[i]; m < di; m++) y[col[m]] -= L[m] * v;
    }
  };
}
