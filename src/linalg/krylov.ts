/**
 * Krylov-subspace solvers for A x = b given only the action of A: restarted GMRES(m)
 * and BiCGSTAB, real and complex.
 *
 * - GMRES(m): Arnoldi with modified Gram–Schmidt plus one full re-orthogonalisation
 *   pass, Givens rotations on the Hessenberg matrix, right preconditioning
 *   (Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., Alg. 6.9, 6.11 and §9.3.2).
 * - BiCGSTAB: van der Vorst, SIAM J. Sci. Stat. Comput. 13, 631 (1992); Saad 2nd ed.,
 *   Alg. 7.7, right-preconditioned, with breakdown detection.
 *
 * Every solver returns the TRUE relative residual ‖b − A x‖ / ‖b‖, recomputed from the
 * returned x, and never NaN: on breakdown or a non-finite value it returns the last good
 * iterate with `converged = false`.
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import type { ComplexVector } from "./matrix.js";
import type { ComplexLinearOperator, LinearOperator } from "./sparse.js";

/**
 * Options of the real Krylov solvers {@link gmres} and {@link bicgstab}.
 *
 * @example
 * ```ts
 * import type { KrylovOptions } from "nessref/linalg";
 * const opts: KrylovOptions = { tol: 1e-12, restart: 50, maxIter: 2000 };
 * ```
 */
export interface KrylovOptions {
  /** Target relative residual ‖b − A x‖ / ‖b‖ (default 1e-10). */
  tol?: number;
  /**
   * Maximum number of iterations: inner Arnoldi steps for GMRES (summed over restarts),
   * BiCGSTAB steps (two products with A each) for BiCGSTAB. Default `max(1000, min(2n, 20000))`.
   */
  maxIter?: number;
  /** GMRES restart length m (Krylov dimension per cycle, default 30; ignored by BiCGSTAB). */
  restart?: number;
  /** Initial guess (default zero vector; not modified). */
  x0?: Float64Array;
  /** Preconditioner: applies M⁻¹ (y ← M⁻¹ x). Used as a right preconditioner, A M⁻¹ (M x) = b. */
  precond?: LinearOperator;
}

/**
 * Options of the complex Krylov solvers {@link cgmres} and {@link cbicgstab} (as {@link KrylovOptions}).
 *
 * @example
 * ```ts
 * import type { ComplexKrylovOptions } from "nessref/linalg";
 * const opts: ComplexKrylovOptions = { tol: 1e-12, restart: 40 };
 * ```
 */
export interface ComplexKrylovOptions {
  /** Target relative residual ‖b − A x‖ / ‖b‖ (default 1e-10). */
  tol?: number;
  /** Maximum number of iterations (as in {@link KrylovOptions.maxIter}). */
  maxIter?: number;
  /** GMRES restart length m (default 30; ignored by BiCGSTAB). */
  restart?: number;
  /** Initial guess (default zero; not modified). */
  x0?: ComplexVector;
  /** Preconditioner: applies M⁻¹ (y ← M⁻¹ x), used on the right. */
  precond?: ComplexLinearOperator;
}

/**
 * Result of a Krylov solve.
 *
 * @example
 * ```ts
 * import { gmres, csrFromDense, csrOperator, identity } from "nessref/linalg";
 * const r = gmres(csrOperator(csrFromDense(identity(2))), Float64Array.of(1, 1));
 * r.converged; // true
 * ```
 */
export interface KrylovResult<V> {
  /** The approximate solution (the last good iterate if not converged). */
  x: V;
  /** Iterations performed (see {@link KrylovOptions.maxIter} for what one iteration is). */
  iterations: number;
  /** True relative residual ‖b − A x‖ / ‖b‖ of the returned x, recomputed at the end (0 when b = 0). */
  residual: number;
  /** Whether `residual ≤ tol`. */
  converged: boolean;
}

const DEFAULT_TOL = 1e-10;

function defaultMaxIter(n: number): number {
  return Math.max(1000, Math.min(2 * n, 20000));
}

function checkOpts(op: string, n: number, tol: number, maxIter: number, restart: number): void {
  if (!(tol > 0) || !Number.isFinite(tol)) throw new NessrefError("invalid-input", `${op}: tol must be a positive number, got ${tol}`, "");
  if (!Number.isInteger(maxIter) || maxIter < 0) {
    throw new NessrefError("invalid-input", `${op}: maxIter must be a non-negative integer, got ${maxIter}`, "");
  }
  if (!Number.isInteger(restart) || restart < 1) {
    throw new NessrefError("invalid-input", `${op}: restart must be a positive integer, got ${restart}`, "");
  }
  if (n < 0) throw new NessrefError("invalid-input", `${op}: empty right-hand side`, "");
}

function nrm2(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s);
}

function cnrm2(xr: Float64Array, xi: Float64Array): number {
  let s = 0;
  for (let i = 0; i < xr.length; i++) s += xr[i] * xr[i] + xi[i] * xi[i];
  return Math.sqrt(s);
}

function allFinite(x: Float64Array): boolean {
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) return false;
  return true;
}

/** r ← b − A x (ar is a work array receiving A x); returns ‖r‖. */
function residualInto(A: LinearOperator, b: Float64Array, x: Float64Array, ar: Float64Array, r: Float64Array): number {
  A(x, ar);
  let s = 0;
  for (let i = 0; i < b.length; i++) {
    const v = b[i] - ar[i];
    r[i] = v;
    s += v * v;
  }
  return Math.sqrt(s);
}

function cresidualInto(
  A: ComplexLinearOperator,
  b: ComplexVector,
  x: ComplexVector,
  ar: ComplexVector,
  r: ComplexVector,
): number {
  A(x, ar);
  let s = 0;
  const n = b.re.length;
  for (let i = 0; i < n; i++) {
    const u = b.re[i] - ar.re[i];
    const v = b.im[i] - ar.im[i];
    r.re[i] = u;
    r.im[i] = v;
    s += u * u + v * v;
  }
  return Math.sqrt(s);
}

function checkLen(op: string, what: string, len: number, n: number): void {
  if (len !== n) throw new NessrefError("invalid-input", `${op}: ${what} has length ${len}, expected ${n}`, "");
}

// ------------------------------------------------------------------ GMRES (real)

/**
 * Restarted GMRES(m) for a real system A x = b (Saad, Iterative Methods for Sparse
 * Linear Systems, 2nd ed., Alg. 6.9 with the Givens-rotation update of §6.5.3 and Alg. 6.11;
 * right preconditioning per §9.3.2).
 *
 * Arnoldi uses modified Gram–Schmidt followed by one re-orthogonalisation pass
 * ("twice is enough"). A cycle ends when the Givens residual estimate reaches `tol·‖b‖`,
 * on a lucky breakdown (h_{j+1,j} = 0: the Krylov space is invariant, the cycle's
 * solution is exact), or after m steps; the iterate is then updated and the true residual
 * recomputed. With m ≥ n and exact arithmetic the solve is exact in ≤ n steps.
 *
 * @param A - the operator y ← A x (n×n)
 * @param b - right-hand side, length n (not modified)
 * @param opts - tolerance, iteration limit, restart length, initial guess, preconditioner
 * @returns x, iterations, true relative residual, converged flag (never NaN entries)
 * @throws NessrefError("invalid-input") on bad options or lengths
 *
 * @example
 * ```ts
 * import { gmres, csrFromDense, csrOperator, fromRows } from "nessref/linalg";
 * const A = csrOperator(csrFromDense(fromRows([[4, 1], [1, 3]])));
 * gmres(A, Float64Array.of(1, 2)).x; // ≈ [1/11, 7/11]
 * ```
 */
export function gmres(A: LinearOperator, b: Float64Array, opts: KrylovOptions = {}): KrylovResult<Float64Array> {
  const n = b.length;
  const tol = opts.tol ?? DEFAULT_TOL;
  const maxIter = opts.maxIter ?? defaultMaxIter(n);
  const m = Math.max(1, Math.min(opts.restart ?? 30, Math.max(n, 1)));
  checkOpts("gmres", n, tol, maxIter, opts.restart ?? 30);
  const M = opts.precond;
  const x = new Float64Array(n);
  if (opts.x0) {
    checkLen("gmres", "x0", opts.x0.length, n);
    x.set(opts.x0);
  }
  const bnorm = nrm2(b);
  if (!Number.isFinite(bnorm)) throw new NessrefError("invalid-input", "gmres: right-hand side has non-finite entries", "");
  if (bnorm === 0) return { x: new Float64Array(n), iterations: 0, residual: 0, converged: true };

  // Work arrays, allocated once.
  const V = new Float64Array((m + 1) * n);
  const H = new Float64Array((m + 1) * m); // H[i*m + j], i = row, j = column
  const cs = new Float64Array(m);
  const sn = new Float64Array(m);
  const g = new Float64Array(m + 1);
  const y = new Float64Array(m);
  const w = new Float64Array(n);
  const z = new Float64Array(n);
  const r = new Float64Array(n);
  const ax = new Float64Array(n);
  const xGood = Float64Array.from(x);

  let beta = residualInto(A, b, x, ax, r);
  let bestRes = Number.isFinite(beta) ? beta : Infinity;
  if (!Number.isFinite(beta)) {
    // the initial guess itself gives a non-finite residual: fall back to x = 0
    x.fill(0);
    xGood.fill(0);
    beta = residualInto(A, b, x, ax, r);
    bestRes = beta;
    if (!Number.isFinite(beta)) throw new NessrefError("invalid-input", "gmres: the operator returns non-finite values", "");
  }
  let iters = 0;
  let broke = false;
  while (beta > tol * bnorm && iters < maxIter && !broke) {
    // v_0 = r / β
    const inv = 1 / beta;
    for (let i = 0; i < n; i++) V[i] = r[i] * inv;
    g.fill(0);
    g[0] = beta;
    let k = 0; // number of Arnoldi columns completed this cycle
    for (let j = 0; j < m && iters < maxIter; j++) {
      const vj = V.subarray(j * n, (j + 1) * n);
      if (M) {
        M(vj, z);
        A(z, w);
      } else A(vj, w);
      iters++;
      // Modified Gram–Schmidt, then one re-orthogonalisation pass.
      for (let pass = 0; pass < 2; pass++) {
        for (let i = 0; i <= j; i++) {
          const vi = V.subarray(i * n, (i + 1) * n);
          let h = 0;
          for (let t = 0; t < n; t++) h += vi[t] * w[t];
          for (let t = 0; t < n; t++) w[t] -= h * vi[t];
          if (pass === 0) H[i * m + j] = h;
          else H[i * m + j] += h;
        }
      }
      const hn = nrm2(w);
      if (!Number.isFinite(hn)) {
        broke = true; // non-finite values from the operator: stop with the last good iterate
        break;
      }
      H[(j + 1) * m + j] = hn;
      // Apply the previous rotations to column j.
      for (let i = 0; i < j; i++) {
        const a = H[i * m + j];
        const c = H[(i + 1) * m + j];
        H[i * m + j] = cs[i] * a + sn[i] * c;
        H[(i + 1) * m + j] = -sn[i] * a + cs[i] * c;
      }
      // New rotation zeroing H[j+1, j].
      const a = H[j * m + j];
      const rho = Math.hypot(a, hn);
      if (rho === 0) {
        cs[j] = 1;
        sn[j] = 0;
      } else {
        cs[j] = a / rho;
        sn[j] = hn / rho;
      }
      H[j * m + j] = rho;
      H[(j + 1) * m + j] = 0;
      g[j + 1] = -sn[j] * g[j];
      g[j] = cs[j] * g[j];
      k = j + 1;
      if (rho === 0) {
        // H[j,j] = 0 and h_{j+1,j} = 0: singular least-squares step; use columns < j.
        k = j;
        broke = true;
        break;
      }
      const lucky = hn <= 1e-14 * rho; // invariant subspace found: cycle solution exact
      if (Math.abs(g[j + 1]) <= tol * bnorm || lucky) break;
      if (j + 1 < m) {
        const vn = V.subarray((j + 1) * n, (j + 2) * n);
        const s = 1 / hn;
        for (let t = 0; t < n; t++) vn[t] = w[t] * s;
      }
    }
    if (k === 0) break;
    // Back substitution H(0:k,0:k) y = g(0:k).
    for (let i = k - 1; i >= 0; i--) {
      let s = g[i];
      for (let jj = i + 1; jj < k; jj++) s -= H[i * m + jj] * y[jj];
      y[i] = s / H[i * m + i];
    }
    // u = V y, x += M⁻¹ u.
    w.fill(0);
    for (let jj = 0; jj < k; jj++) {
      const vj = V.subarray(jj * n, (jj + 1) * n);
      const c = y[jj];
      for (let t = 0; t < n; t++) w[t] += c * vj[t];
    }
    if (M) M(w, z);
    else z.set(w);
    for (let t = 0; t < n; t++) x[t] += z[t];
    const newBeta = allFinite(x) ? residualInto(A, b, x, ax, r) : NaN;
    if (!Number.isFinite(newBeta)) {
      x.set(xGood);
      broke = true;
      break;
    }
    beta = newBeta;
    if (beta <= bestRes) {
      bestRes = beta;
      xGood.set(x);
    }
    if (broke) break;
  }
  // Return the best iterate seen (its residual was computed from scratch).
  x.set(xGood);
  const res = residualInto(A, b, x, ax, r) / bnorm;
  return { x, iterations: iters, residual: res, converged: res <= tol };
}

// --------------------------------------------------------------- GMRES (complex)

/**
 * Restarted GMRES(m) for a complex system A x = b (the algorithm of {@link gmres} over ℂ:
 * Hermitian inner products ⟨u, v⟩ = Σ conj(u_i) v_i, complex Givens rotations
 * [[c, s], [−s̄, c]] with real c; Saad 2nd ed., Alg. 6.9/6.11).
 *
 * @param A - the complex operator y ← A x
 * @param b - right-hand side (not modified)
 * @param opts - tolerance, iteration limit, restart length, initial guess, preconditioner
 * @returns x, iterations, true relative residual, converged flag
 * @throws NessrefError("invalid-input") on bad options or lengths
 *
 * @example
 * ```ts
 * import { cgmres, ccsrFromDense, ccsrOperator, complexFromRows } from "nessref/linalg";
 * const A = ccsrOperator(ccsrFromDense(complexFromRows({ re: [[2, 0], [0, 2]], im: [[0, 1], [1, 0]] })));
 * const r = cgmres(A, { re: Float64Array.of(1, 0), im: Float64Array.of(0, 0) });
 * r.converged; // true
 * ```
 */
export function cgmres(A: ComplexLinearOperator, b: ComplexVector, opts: ComplexKrylovOptions = {}): KrylovResult<ComplexVector> {
  const n = b.re.length;
  checkLen("cgmres", "b.im", b.im.length, n);
  const tol = opts.tol ?? DEFAULT_TOL;
  const maxIter = opts.maxIter ?? defaultMaxIter(n);
  const m = Math.max(1, Math.min(opts.restart ?? 30, Math.max(n, 1)));
  checkOpts("cgmres", n, tol, maxIter, opts.restart ?? 30);
  const M = opts.precond;
  const x = { re: new Float64Array(n), im: new Float64Array(n) };
  if (opts.x0) {
    checkLen("cgmres", "x0", opts.x0.re.length, n);
    checkLen("cgmres", "x0.im", opts.x0.im.length, n);
    x.re.set(opts.x0.re);
    x.im.set(opts.x0.im);
  }
  const bnorm = cnrm2(b.re, b.im);
  if (!Number.isFinite(bnorm)) throw new NessrefError("invalid-input", "cgmres: right-hand side has non-finite entries", "");
  if (bnorm === 0) return { x: { re: new Float64Array(n), im: new Float64Array(n) }, iterations: 0, residual: 0, converged: true };

  const Vr = new Float64Array((m + 1) * n);
  const Vi = new Float64Array((m + 1) * n);
  const Hr = new Float64Array((m + 1) * m);
  const Hi = new Float64Array((m + 1) * m);
  const cs = new Float64Array(m); // real cosines
  const snr = new Float64Array(m); // complex sines
  const sni = new Float64Array(m);
  const gr = new Float64Array(m + 1);
  const gi = new Float64Array(m + 1);
  const yr = new Float64Array(m);
  const yi = new Float64Array(m);
  const w = { re: new Float64Array(n), im: new Float64Array(n) };
  const z = { re: new Float64Array(n), im: new Float64Array(n) };
  const r = { re: new Float64Array(n), im: new Float64Array(n) };
  const ax = { re: new Float64Array(n), im: new Float64Array(n) };
  const goodR = Float64Array.from(x.re);
  const goodI = Float64Array.from(x.im);

  let beta = cresidualInto(A, b, x, ax, r);
  if (!Number.isFinite(beta)) {
    x.re.fill(0);
    x.im.fill(0);
    goodR.fill(0);
    goodI.fill(0);
    beta = cresidualInto(A, b, x, ax, r);
    if (!Number.isFinite(beta)) throw new NessrefError("invalid-input", "cgmres: the operator returns non-finite values", "");
  }
  let bestRes = beta;
  let iters = 0;
  let broke = false;
  const wr = w.re;
  const wi = w.im;
  while (beta > tol * bnorm && iters < maxIter && !broke) {
    const inv = 1 / beta;
    for (let i = 0; i < n; i++) {
      Vr[i] = r.re[i] * inv;
      Vi[i] = r.im[i] * inv;
    }
    gr.fill(0);
    gi.fill(0);
    gr[0] = beta;
    let k = 0;
    for (let j = 0; j < m && iters < maxIter; j++) {
      const vj = { re: Vr.subarray(j * n, (j + 1) * n), im: Vi.subarray(j * n, (j + 1) * n) };
      if (M) {
        M(vj, z);
        A(z, w);
      } else A(vj, w);
      iters++;
      for (let pass = 0; pass < 2; pass++) {
        for (let i = 0; i <= j; i++) {
          const o = i * n;
          // h = ⟨v_i, w⟩ = Σ conj(v_i) w
          let hr = 0;
          let hi = 0;
          for (let t = 0; t < n; t++) {
            const a = Vr[o + t];
            const c = Vi[o + t];
            hr += a * wr[t] + c * wi[t];
            hi += a * wi[t] - c * wr[t];
          }
          for (let t = 0; t < n; t++) {
            const a = Vr[o + t];
            const c = Vi[o + t];
            wr[t] -= hr * a - hi * c;
            wi[t] -= hr * c + hi * a;
          }
          if (pass === 0) {
            Hr[i * m + j] = hr;
            Hi[i * m + j] = hi;
          } else {
            Hr[i * m + j] += hr;
            Hi[i * m + j] += hi;
          }
        }
      }
      const hn = cnrm2(wr, wi);
      if (!Number.isFinite(hn)) {
        broke = true;
        break;
      }
      Hr[(j + 1) * m + j] = hn;
      Hi[(j + 1) * m + j] = 0;
      for (let i = 0; i < j; i++) {
        // [x'; y'] = [[c, s], [−s̄, c]] [x; y]
        const xr0 = Hr[i * m + j];
        const xi0 = Hi[i * m + j];
        const yr0 = Hr[(i + 1) * m + j];
        const yi0 = Hi[(i + 1) * m + j];
        const c = cs[i];
        const sr = snr[i];
        const si = sni[i];
        Hr[i * m + j] = c * xr0 + sr * yr0 - si * yi0;
        Hi[i * m + j] = c * xi0 + sr * yi0 + si * yr0;
        Hr[(i + 1) * m + j] = -(sr * xr0 + si * xi0) + c * yr0;
        Hi[(i + 1) * m + j] = -(sr * xi0 - si * xr0) + c * yi0;
      }
      // New rotation: a = H[j,j] (complex), bb = hn (real ≥ 0).
      const ar = Hr[j * m + j];
      const ai = Hi[j * m + j];
      const aa = Math.hypot(ar, ai);
      const rho = Math.hypot(aa, hn);
      let c: number;
      let sr: number;
      let si: number;
      let rr: number;
      let ri: number;
      if (rho === 0) {
        c = 1;
        sr = 0;
        si = 0;
        rr = 0;
        ri = 0;
      } else if (aa === 0) {
        c = 0;
        sr = 1; // s = conj(b)/|b| with b = hn > 0
        si = 0;
        rr = hn;
        ri = 0;
      } else {
        c = aa / rho;
        // s = (a/|a|) · conj(b) / ρ, b real
        sr = ((ar / aa) * hn) / rho;
        si = ((ai / aa) * hn) / rho;
        rr = (ar / aa) * rho;
        ri = (ai / aa) * rho;
      }
      cs[j] = c;
      snr[j] = sr;
      sni[j] = si;
      Hr[j * m + j] = rr;
      Hi[j * m + j] = ri;
      Hr[(j + 1) * m + j] = 0;
      // g update: g_{j+1} = −s̄ g_j, g_j = c g_j
      const g0r = gr[j];
      const g0i = gi[j];
      gr[j + 1] = -(sr * g0r + si * g0i);
      gi[j + 1] = -(sr * g0i - si * g0r);
      gr[j] = c * g0r;
      gi[j] = c * g0i;
      k = j + 1;
      if (rho === 0) {
        k = j;
        broke = true;
        break;
      }
      const lucky = hn <= 1e-14 * rho;
      if (Math.hypot(gr[j + 1], gi[j + 1]) <= tol * bnorm || lucky) break;
      if (j + 1 < m) {
        const o = (j + 1) * n;
        const s = 1 / hn;
        for (let t = 0; t < n; t++) {
          Vr[o + t] = wr[t] * s;
          Vi[o + t] = wi[t] * s;
        }
      }
    }
    if (k === 0) break;
    for (let i = k - 1; i >= 0; i--) {
      let sr = gr[i];
      let si = gi[i];
      for (let jj = i + 1; jj < k; jj++) {
        const hr = Hr[i * m + jj];
        const hi = Hi[i * m + jj];
        sr -= hr * yr[jj] - hi * yi[jj];
        si -= hr * yi[jj] + hi * yr[jj];
      }
      const dr = Hr[i * m + i];
      const di = Hi[i * m + i];
      const den = dr * dr + di * di;
      yr[i] = (sr * dr + si * di) / den;
      yi[i] = (si * dr - sr * di) / den;
    }
    wr.fill(0);
    wi.fill(0);
    for (let jj = 0; jj < k; jj++) {
      const o = jj * n;
      const a = yr[jj];
      const c = yi[jj];
      for (let t = 0; t < n; t++) {
        const vr = Vr[o + t];
        const vi = Vi[o + t];
        wr[t] += a * vr - c * vi;
        wi[t] += a * vi + c * vr;
      }
    }
    if (M) M(w, z);
    else {
      z.re.set(wr);
      z.im.set(wi);
    }
    for (let t = 0; t < n; t++) {
      x.re[t] += z.re[t];
      x.im[t] += z.im[t];
    }
    const newBeta = allFinite(x.re) && allFinite(x.im) ? cresidualInto(A, b, x, ax, r) : NaN;
    if (!Number.isFinite(newBeta)) {
      broke = true;
      break;
    }
    beta = newBeta;
    if (beta <= bestRes) {
      bestRes = beta;
      goodR.set(x.re);
      goodI.set(x.im);
    }
  }
  x.re.set(goodR);
  x.im.set(goodI);
  const res = cresidualInto(A, b, x, ax, r) / bnorm;
  return { x, iterations: iters, residual: res, converged: res <= tol };
}

// -------------------------------------------------------------- BiCGSTAB (real)

/**
 * BiCGSTAB for a real system A x = b (van der Vorst 1992; Saad 2nd ed., Alg. 7.7), right-preconditioned.
 *
 * Breakdown is detected when ρ = ⟨r̂₀, r⟩, ⟨r̂₀, A p̂⟩ or ω vanish relative to the vector
 * norms (|·| ≤ ε²‖·‖‖·‖) or a value becomes non-finite; the solver then stops and returns the
 * last good iterate with `converged = false` (unless its true residual already meets tol).
 * When the recursively updated residual claims convergence, the true residual is
 * recomputed; if it does not meet tol (residual drift), the iteration restarts from the
 * true residual.
 *
 * @param A - the operator y ← A x
 * @param b - right-hand side (not modified)
 * @param opts - tolerance, iteration limit, initial guess, preconditioner (`restart` is ignored)
 * @returns x, iterations (each costs two products with A), true relative residual, converged flag
 * @throws NessrefError("invalid-input") on bad options or lengths
 *
 * @example
 * ```ts
 * import { bicgstab, csrFromDense, csrOperator, fromRows } from "nessref/linalg";
 * const A = csrOperator(csrFromDense(fromRows([[4, 1], [1, 3]])));
 * bicgstab(A, Float64Array.of(1, 2)).x; // ≈ [1/11, 7/11]
 * ```
 */
export function bicgstab(A: LinearOperator, b: Float64Array, opts: KrylovOptions = {}): KrylovResult<Float64Array> {
  const n = b.length;
  const tol = opts.tol ?? DEFAULT_TOL;
  const maxIter = opts.maxIter ?? defaultMaxIter(n);
  checkOpts("bicgstab", n, tol, maxIter, 1);
  const M = opts.precond;
  const x = new Float64Array(n);
  if (opts.x0) {
    checkLen("bicgstab", "x0", opts.x0.length, n);
    x.set(opts.x0);
  }
  const bnorm = nrm2(b);
  if (!Number.isFinite(bnorm)) throw new NessrefError("invalid-input", "bicgstab: right-hand side has non-finite entries", "");
  if (bnorm === 0) return { x: new Float64Array(n), iterations: 0, residual: 0, converged: true };
  const r = new Float64Array(n);
  const rh = new Float64Array(n);
  const p = new Float64Array(n);
  const v = new Float64Array(n);
  const s = new Float64Array(n);
  const t = new Float64Array(n);
  const ph = new Float64Array(n);
  const sh = new Float64Array(n);
  const ax = new Float64Array(n);
  const xGood = new Float64Array(n);
  let rn = residualInto(A, b, x, ax, r);
  if (!Number.isFinite(rn)) {
    x.fill(0);
    rn = residualInto(A, b, x, ax, r);
    if (!Number.isFinite(rn)) throw new NessrefError("invalid-input", "bicgstab: the operator returns non-finite values", "");
  }
  xGood.set(x);
  const eps2 = 2.220446049250313e-16 ** 2;
  let iters = 0;
  let restartNeeded = true;
  let rho = 0;
  let alpha = 0;
  let omega = 0;
  let rhnorm = 0;
  while (rn > tol * bnorm && iters < maxIter) {
    if (restartNeeded) {
      rh.set(r);
      p.set(r);
      rhnorm = rn;
      rho = rn * rn;
      restartNeeded = false;
    }
    if (M) M(p, ph);
    else ph.set(p);
    A(ph, v);
    iters++;
    let rv = 0;
    for (let i = 0; i < n; i++) rv += rh[i] * v[i];
    const vn = nrm2(v);
    if (!Number.isFinite(rv) || Math.abs(rv) <= eps2 * rhnorm * vn || rv === 0) break; // breakdown ⟨r̂, A p̂⟩ = 0
    alpha = rho / rv;
    for (let i = 0; i < n; i++) s[i] = r[i] - alpha * v[i];
    const sn = nrm2(s);
    if (sn <= tol * bnorm) {
      for (let i = 0; i < n; i++) x[i] += alpha * ph[i];
      const tr = residualInto(A, b, x, ax, r);
      if (!Number.isFinite(tr)) break;
      xGood.set(x);
      rn = tr;
      restartNeeded = true;
      continue;
    }
    if (M) M(s, sh);
    else sh.set(s);
    A(sh, t);
    let ts = 0;
    let tt = 0;
    for (let i = 0; i < n; i++) {
      ts += t[i] * s[i];
      tt += t[i] * t[i];
    }
    if (!(tt > 0) || !Number.isFinite(ts) || !Number.isFinite(tt)) break;
    omega = ts / tt;
    if (Math.abs(omega) === 0 || Math.abs(ts) <= eps2 * Math.sqrt(tt) * sn) break; // stagnation: ω = 0
    for (let i = 0; i < n; i++) {
      x[i] += alpha * ph[i] + omega * sh[i];
      r[i] = s[i] - omega * t[i];
    }
    rn = nrm2(r);
    if (!Number.isFinite(rn) || !allFinite(x)) break;
    xGood.set(x);
    if (rn <= tol * bnorm) {
      const tr = residualInto(A, b, x, ax, r);
      rn = tr;
      if (tr > tol * bnorm) restartNeeded = true;
      continue;
    }
    let rhoNew = 0;
    for (let i = 0; i < n; i++) rhoNew += rh[i] * r[i];
    if (!Number.isFinite(rhoNew) || Math.abs(rhoNew) <= eps2 * rhnorm * rn) {
      // ρ breakdown: restart with a fresh shadow residual from the true residual
      rn = residualInto(A, b, x, ax, r);
      restartNeeded = true;
      continue;
    }
    const beta = (rhoNew / rho) * (alpha / omega);
    rho = rhoNew;
    for (let i = 0; i < n; i++) p[i] = r[i] + beta * (p[i] - omega * v[i]);
  }
  x.set(xGood);
  const res = residualInto(A, b, x, ax, r) / bnorm;
  return { x, iterations: iters, residual: res, converged: res <= tol };
}

// ----------------------------------------------------------- BiCGSTAB (complex)

/**
 * BiCGSTAB for a complex system A x = b (as {@link bicgstab} over ℂ with
 * ρ = ⟨r̂₀, r⟩ = Σ conj(r̂₀,i) r_i, α = ρ/⟨r̂₀, A p̂⟩, ω = ⟨t, s⟩/⟨t, t⟩).
 *
 * @param A - the complex operator y ← A x
 * @param b - right-hand side (not modified)
 * @param opts - tolerance, iteration limit, initial guess, preconditioner (`restart` is ignored)
 * @returns x, iterations (two products with A each), true relative residual, converged flag
 * @throws NessrefError("invalid-input") on bad options or lengths
 *
 * @example
 * ```ts
 * import { cbicgstab, ccsrFromDense, ccsrOperator, complexFromRows } from "nessref/linalg";
 * const A = ccsrOperator(ccsrFromDense(complexFromRows({ re: [[3, 0], [0, 3]], im: [[0, 1], [1, 0]] })));
 * cbicgstab(A, { re: Float64Array.of(1, 1), im: Float64Array.of(0, 0) }).converged; // true
 * ```
 */
export function cbicgstab(A: ComplexLinearOperator, b: ComplexVector, opts: ComplexKrylovOptions = {}): KrylovResult<ComplexVector> {
  const n = b.re.length;
  checkLen("cbicgstab", "b.im", b.im.length, n);
  const tol = opts.tol ?? DEFAULT_TOL;
  const maxIter = opts.maxIter ?? defaultMaxIter(n);
  checkOpts("cbicgstab", n, tol, maxIter, 1);
  const M = opts.precond;
  const vec = (): ComplexVector => ({ re: new Float64Array(n), im: new Float64Array(n) });
  const x = vec();
  if (opts.x0) {
    checkLen("cbicgstab", "x0", opts.x0.re.length, n);
    checkLen("cbicgstab", "x0.im", opts.x0.im.length, n);
    x.re.set(opts.x0.re);
    x.im.set(opts.x0.im);
  }
  const bnorm = cnrm2(b.re, b.im);
  if (!Number.isFinite(bnorm)) throw new NessrefError("invalid-input", "cbicgstab: right-hand side has non-finite entries", "");
  if (bnorm === 0) return { x: vec(), iterations: 0, residual: 0, converged: true };
  const r = vec();
  const rh = vec();
  const p = vec();
  const v = vec();
  const s = vec();
  const t = vec();
  const ph = vec();
  const sh = vec();
  const ax = vec();
  const good = vec();
  let rn = cresidualInto(A, b, x, ax, r);
  if (!Number.isFinite(rn)) {
    x.re.fill(0);
    x.im.fill(0);
    rn = cresidualInto(A, b, x, ax, r);
    if (!Number.isFinite(rn)) throw new NessrefError("invalid-input", "cbicgstab: the operator returns non-finite values", "");
  }
  good.re.set(x.re);
  good.im.set(x.im);
  const saveGood = (): void => {
    good.re.set(x.re);
    good.im.set(x.im);
  };
  const eps2 = 2.220446049250313e-16 ** 2;
  let iters = 0;
  let restartNeeded = true;
  let rhoR = 0;
  let rhoI = 0;
  let omR = 0;
  let omI = 0;
  let rhnorm = 0;
  const xr = x.re;
  const xi = x.im;
  const r_re = r.re;
  const r_im = r.im;
  const rh_re = rh.re;
  const rh_im = rh.im;
  const p_re = p.re;
  const p_im = p.im;
  const v_re = v.re;
  const v_im = v.im;
  const s_re = s.re;
  const s_im = s.im;
  const t_re = t.re;
  const t_im = t.im;
  const ph_re = ph.re;
  const ph_im = ph.im;
  const sh_re = sh.re;
  const sh_im = sh.im;
  while (rn > tol * bnorm && iters < maxIter) {
    if (restartNeeded) {
      rh.re.set(r.re);
      rh.im.set(r.im);
      p.re.set(r.re);
      p.im.set(r.im);
      rhnorm = rn;
      rhoR = rn * rn;
      rhoI = 0;
      restartNeeded = false;
    }
    if (M) M(p, ph);
    else {
      ph.re.set(p.re);
      ph.im.set(p.im);
    }
    A(ph, v);
    iters++;
    // rv = ⟨r̂, v⟩ = Σ conj(r̂) v
    let rvR = 0;
    let rvI = 0;
    for (let i = 0; i < n; i++) {
      rvR += rh_re[i] * v_re[i] + rh_im[i] * v_im[i];
      rvI += rh_re[i] * v_im[i] - rh_im[i] * v_re[i];
    }
    const vn = cnrm2(v.re, v.im);
    const rvAbs = Math.hypot(rvR, rvI);
    if (!Number.isFinite(rvAbs) || rvAbs === 0 || rvAbs <= eps2 * rhnorm * vn) break;
    // α = ρ / rv
    const den = rvR * rvR + rvI * rvI;
    const alR = (rhoR * rvR + rhoI * rvI) / den;
    const alI = (rhoI * rvR - rhoR * rvI) / den;
    for (let i = 0; i < n; i++) {
      s_re[i] = r_re[i] - (alR * v_re[i] - alI * v_im[i]);
      s_im[i] = r_im[i] - (alR * v_im[i] + alI * v_re[i]);
    }
    const sn = cnrm2(s.re, s.im);
    if (sn <= tol * bnorm) {
      for (let i = 0; i < n; i++) {
        xr[i] += alR * ph_re[i] - alI * ph_im[i];
        xi[i] += alR * ph_im[i] + alI * ph_re[i];
      }
      const tr = cresidualInto(A, b, x, ax, r);
      if (!Number.isFinite(tr)) break;
      saveGood();
      rn = tr;
      restartNeeded = true;
      continue;
    }
    if (M) M(s, sh);
    else {
      sh.re.set(s.re);
      sh.im.set(s.im);
    }
    A(sh, t);
    // ω = ⟨t, s⟩ / ⟨t, t⟩
    let tsR = 0;
    let tsI = 0;
    let tt = 0;
    for (let i = 0; i < n; i++) {
      tsR += t_re[i] * s_re[i] + t_im[i] * s_im[i];
      tsI += t_re[i] * s_im[i] - t_im[i] * s_re[i];
      tt += t_re[i] * t_re[i] + t_im[i] * t_im[i];
    }
    if (!(tt > 0) || !Number.isFinite(tsR + tsI + tt)) break;
    omR = tsR / tt;
    omI = tsI / tt;
    if (Math.hypot(tsR, tsI) <= eps2 * Math.sqrt(tt) * sn) break; // ω ≈ 0: stagnation
    for (let i = 0; i < n; i++) {
      xr[i] += alR * ph_re[i] - alI * ph_im[i] + (omR * sh_re[i] - omI * sh_im[i]);
      xi[i] += alR * ph_im[i] + alI * ph_re[i] + (omR * sh_im[i] + omI * sh_re[i]);
      r_re[i] = s_re[i] - (omR * t_re[i] - omI * t_im[i]);
      r_im[i] = s_im[i] - (omR * t_im[i] + omI * t_re[i]);
    }
    rn = cnrm2(r.re, r.im);
    if (!Number.isFinite(rn) || !allFinite(xr) || !allFinite(xi)) break;
    saveGood();
    if (rn <= tol * bnorm) {
      const tr = cresidualInto(A, b, x, ax, r);
      rn = tr;
      if (tr > tol * bnorm) restartNeeded = true;
      continue;
    }
    let nR = 0;
    let nI = 0;
    for (let i = 0; i < n; i++) {
      nR += rh_re[i] * r_re[i] + rh_im[i] * r_im[i];
      nI += rh_re[i] * r_im[i] - rh_im[i] * r_re[i];
    }
    if (!Number.isFinite(nR + nI) || Math.hypot(nR, nI) <= eps2 * rhnorm * rn) {
      rn = cresidualInto(A, b, x, ax, r);
      restartNeeded = true;
      continue;
    }
    // β = (ρ_new/ρ)(α/ω)
    const d1 = rhoR * rhoR + rhoI * rhoI;
    const qR = (nR * rhoR + nI * rhoI) / d1;
    const qI = (nI * rhoR - nR * rhoI) / d1;
    const d2 = omR * omR + omI * omI;
    const aoR = (alR * omR + alI * omI) / d2;
    const aoI = (alI * omR - alR * omI) / d2;
    const beR = qR * aoR - qI * aoI;
    const beI = qR * aoI + qI * aoR;
    rhoR = nR;
    rhoI = nI;
    for (let i = 0; i < n; i++) {
      // p = r + β (p − ω v)
      const ur = p_re[i] - (omR * v_re[i] - omI * v_im[i]);
      const ui = p_im[i] - (omR * v_im[i] + omI * v_re[i]);
      p_re[i] = r_re[i] + beR * ur - beI * ui;
      p_im[i] = r_im[i] + beR * ui + beI * ur;
    }
  }
  x.re.set(good.re);
  x.im.set(good.im);
  const res = cresidualInto(A, b, x, ax, r) / bnorm;
  return { x, iterations: iters, residual: res, converged: res <= tol };
}
