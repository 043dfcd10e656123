/**
 * Null vectors of (nearly) singular matrices, normalised by a linear functional: the
 * NESS problem 𝓛ρ = 0 with Tr ρ = 1 (MODELS.md §0), as linear algebra.
 *
 * Method: the bordered system
 *
 *     [ A    u ] [ x ]   [ 0 ]
 *     [ tᵀ   0 ] [ σ ] = [ 1 ]
 *
 * (Keller's bordering; see e.g. Govaerts, Numerical Methods for Bifurcations of Dynamical
 * Equilibria, SIAM 2000, §3.2; Golub & Van Loan, Matrix Computations, 4th ed., §2.4/§3.5
 * for the LU). It is nonsingular iff dim ker A = 1, tᵀv ≠ 0 for the kernel vector v, and
 * w†u ≠ 0 for the left kernel vector w (u ∉ range A). Then σ = 0 and x is THE kernel
 * vector with tᵀx = 1, independent of u — u only affects conditioning.
 *
 * The solvers never return an arbitrary member of a larger kernel: a kernel of
 * dimension ≥ 2 raises `NessrefError("non-unique-ness")`, no kernel raises
 * `NessrefError("no-steady-state")` (MODELS.md §0).
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { complexMatrix, realMatrix, type ComplexMatrix, type ComplexVector, type RealMatrix } from "./matrix.js";
import { ccondEstimate1, cluFactor, cluSolve, condEstimate1, luFactor, luSolve } from "./lu.js";
import { csingularValues, csvd, singularValues, svd } from "./svd.js";
import { cgmres } from "./krylov.js";
import { ccsrMatvec, type ComplexLinearOperator, type CsrComplexMatrix } from "./sparse.js";

const EPS = 2.220446049250313e-16;
/** Golden-ratio increment for the deterministic "generic" second border vector. */
const PHI = 0.6180339887498949;

/**
 * Result of a null-vector solve.
 *
 * @example
 * ```ts
 * import { nullVector, fromRows } from "nessref/linalg";
 * const r = nullVector(fromRows([[-1, 1], [1, -1]]), Float64Array.of(1, 1));
 * r.x; // Float64Array [0.5, 0.5]
 * ```
 */
export interface NullVectorResult<V> {
  /** The kernel vector, normalised so that tᵀx = 1. */
  x: V;
  /** Relative residual ‖A x‖₂ / (‖A‖_F · ‖x‖₂) (for an operator, ‖A‖ is a lower-bound estimate, see {@link cnullVectorSparse}). */
  residual: number;
  /** Which road produced x: `"bordered-lu"`, `"svd"` (fallback) or `"bordered-gmres"`. */
  method: string;
  /** The smallest singular values of A, ascending (up to 4), when they were computed. */
  smallestSingularValues?: number[];
  /** 1-norm condition estimate of the (scaled) bordered matrix, when it was formed densely. */
  conditionEstimate?: number;
  /** Krylov iterations (both bordered solves together), for the sparse road. */
  iterations?: number;
}

/**
 * Options of the dense null-vector solvers {@link nullVector} and {@link cnullVector}.
 *
 * @example
 * ```ts
 * import type { NullVectorOptions } from "nessref/linalg";
 * const opts: NullVectorOptions = { svdMaxDim: 500, tol: 1e-11 };
 * ```
 */
export interface NullVectorOptions {
  /**
   * Largest n for which the kernel dimension is decided from the singular values
   * (default 1500). Above it, the bordered LU's condition estimate decides.
   */
  svdMaxDim?: number;
  /**
   * Relative threshold: σ_i ≤ tol·σ_max counts as a zero singular value
   * (default 100·n·ε, ε = 2⁻⁵², a backward-stable SVD's error scale n·ε·‖A‖ with slack 100).
   */
  tol?: number;
}

/**
 * Options of {@link cnullVectorSparse}.
 *
 * @example
 * ```ts
 * import type { SparseNullVectorOptions } from "nessref/linalg";
 * const opts: SparseNullVectorOptions = { tol: 1e-12, restart: 60, maxIter: 5000 };
 * ```
 */
export interface SparseNullVectorOptions {
  /** GMRES relative residual tolerance for each bordered solve (default 1e-10). */
  tol?: number;
  /** GMRES iteration limit per bordered solve (default `max(1000, min(2(n+1), 20000))`). */
  maxIter?: number;
  /** GMRES restart length (default 30). */
  restart?: number;
  /** Right preconditioner of the BORDERED system: applies M⁻¹ to vectors of length n + 1. */
  precond?: ComplexLinearOperator;
  /**
   * Two normalised solutions (different borders) count as equal when
   * ‖x₁ − x₂‖ ≤ compareTol·‖x₁‖ (default max(1e-6, 1e4·tol): each has error ≲ κ·tol).
   */
  compareTol?: number;
  /** Accept x only when ‖A x‖ / (‖A‖‖x‖) ≤ residualTol (default max(1e-8, 100·tol)). */
  residualTol?: number;
  /** Skip the second (uniqueness) solve. Default false. Only for callers that know the kernel is 1-dimensional. */
  skipUniquenessCheck?: boolean;
}

// ------------------------------------------------------------------ helpers

function defaultRankTol(n: number): number {
  return 100 * Math.max(n, 1) * EPS;
}

function smallest(s: Float64Array, k = 4): number[] {
  const out: number[] = [];
  for (let i = s.length - 1; i >= 0 && out.length < k; i--) out.push(s[i]);
  return out;
}

function countSmall(s: Float64Array, n: number, tol: number): { dim: number; smax: number } {
  const smax = s.length > 0 ? s[0] : 0;
  if (smax === 0) return { dim: n, smax };
  let dim = n - s.length; // (square: 0)
  for (let i = 0; i < s.length; i++) if (s[i] <= tol * smax) dim++;
  return { dim, smax };
}

function fmt(v: number[]): string {
  return v.map((x) => x.toExponential(3)).join(", ");
}

function nonUnique(dim: number, sv: number[], tol: number, smax: number): NessrefError {
  return new NessrefError(
    "non-unique-ness",
    `the kernel is ${dim}-dimensional, not 1-dimensional: ${dim} singular values are ≤ ${tol.toExponential(2)}·σ_max ` +
      `(σ_max = ${smax.toExponential(3)}; smallest singular values ${fmt(sv)}). The steady state is not unique; ` +
      `restrict to a symmetry sector or add a perturbation that selects one.`,
    "",
  );
}

function noKernel(sv: number[], tol: number, smax: number): NessrefError {
  return new NessrefError(
    "no-steady-state",
    `the matrix has no kernel: its smallest singular value ${sv[0]?.toExponential(3)} exceeds ${tol.toExponential(2)}·σ_max ` +
      `(σ_max = ${smax.toExponential(3)}; smallest singular values ${fmt(sv)}). A valid (trace-preserving) generator always has one.`,
    "",
  );
}

function notNormalisable(): NessrefError {
  return new NessrefError(
    "no-steady-state",
    "the kernel vector v satisfies tᵀv ≈ 0, so it cannot be normalised to tᵀx = 1 (for a density matrix: it is traceless); " +
      "the generator is not trace-preserving or t is not the trace functional.",
    "",
  );
}

function checkSquare(op: string, A: { rows: number; cols: number }, tLen: number): number {
  if (A.rows !== A.cols) throw new NessrefError("invalid-input", `${op}: matrix ${A.rows}×${A.cols} is not square`, "");
  if (A.rows === 0) throw new NessrefError("invalid-input", `${op}: empty matrix`, "");
  if (tLen !== A.rows) throw new NessrefError("invalid-input", `${op}: t has length ${tLen}, expected ${A.rows}`, "");
  return A.rows;
}

// ------------------------------------------------------------------ complex, dense

/** The scaled bordered matrix [[A, α u], [α tᵀ/‖t‖, 0]], α = ‖A‖_F/√n (balances the border with A). */
function cbordered(A: ComplexMatrix, t: ComplexVector, u: ComplexVector, alpha: number, tn: number): ComplexMatrix {
  const n = A.rows;
  const N = n + 1;
  const B = complexMatrix(N, N);
  for (let i = 0; i < n; i++) {
    B.re.set(A.re.subarray(i * n, (i + 1) * n), i * N);
    B.im.set(A.im.subarray(i * n, (i + 1) * n), i * N);
    B.re[i * N + n] = alpha * u.re[i];
    B.im[i * N + n] = alpha * u.im[i];
  }
  const s = alpha / tn;
  for (let j = 0; j < n; j++) {
    B.re[n * N + j] = s * t.re[j];
    B.im[n * N + j] = s * t.im[j];
  }
  return B;
}

/** y ← A x (dense complex), returns ‖y‖₂. */
function cdenseResidualNorm(A: ComplexMatrix, x: ComplexVector): number {
  const n = A.rows;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const o = i * n;
    let yr = 0;
    let yi = 0;
    for (let j = 0; j < n; j++) {
      const a = A.re[o + j];
      const b = A.im[o + j];
      yr += a * x.re[j] - b * x.im[j];
      yi += a * x.im[j] + b * x.re[j];
    }
    s += yr * yr + yi * yi;
  }
  return Math.sqrt(s);
}

function cnrm(x: ComplexVector): number {
  let s = 0;
  for (let i = 0; i < x.re.length; i++) s += x.re[i] * x.re[i] + x.im[i] * x.im[i];
  return Math.sqrt(s);
}

/** tᵀx (plain transpose, no conjugation). */
function ctdot(t: ComplexVector, x: ComplexVector): { re: number; im: number } {
  let re = 0;
  let im = 0;
  for (let i = 0; i < t.re.length; i++) {
    re += t.re[i] * x.re[i] - t.im[i] * x.im[i];
    im += t.re[i] * x.im[i] + t.im[i] * x.re[i];
  }
  return { re, im };
}

/** x ← x / c (complex scalar c). */
function cdivInPlace(x: ComplexVector, c: { re: number; im: number }): void {
  const d = c.re * c.re + c.im * c.im;
  const ar = c.re / d;
  const ai = -c.im / d;
  for (let i = 0; i < x.re.length; i++) {
    const u = x.re[i];
    const v = x.im[i];
    x.re[i] = u * ar - v * ai;
    x.im[i] = u * ai + v * ar;
  }
}

/** The two border vectors: u₁ = conj(t)/‖t‖ and a deterministic generic unit vector u₂. */
function cborders(t: ComplexVector, tn: number): [ComplexVector, ComplexVector] {
  const n = t.re.length;
  const u1 = { re: new Float64Array(n), im: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    u1.re[i] = t.re[i] / tn;
    u1.im[i] = -t.im[i] / tn;
  }
  const u2 = { re: new Float64Array(n), im: new Float64Array(n) };
  const s = 1 / Math.sqrt(n);
  for (let i = 0; i < n; i++) {
    const ph = 2 * Math.PI * (((i + 1) * PHI) % 1);
    u2.re[i] = s * Math.cos(ph);
    u2.im[i] = s * Math.sin(ph);
  }
  return [u1, u2];
}

interface CBorderedSolve {
  x: ComplexVector;
  sigma: number; // |σ| relative to the scale of the solution
  cond: number;
}

function csolveBordered(A: ComplexMatrix, t: ComplexVector, u: ComplexVector, alpha: number, tn: number): CBorderedSolve | null {
  const n = A.rows;
  const f = cluFactor(cbordered(A, t, u, alpha, tn));
  const cond = ccondEstimate1(f);
  if (f.singular || !Number.isFinite(cond)) return null;
  const rhs = { re: new Float64Array(n + 1), im: new Float64Array(n + 1) };
  rhs.re[n] = alpha;
  const y = cluSolve(f, rhs);
  const x = { re: y.re.slice(0, n), im: y.im.slice(0, n) };
  const xn = cnrm(x);
  const sigma = Math.hypot(y.re[n], y.im[n]) / (xn === 0 ? 1 : xn);
  return { x, sigma, cond };
}

function cfrob(A: ComplexMatrix): number {
  let s = 0;
  for (let k = 0; k < A.re.length; k++) s += A.re[k] * A.re[k] + A.im[k] * A.im[k];
  return Math.sqrt(s);
}

/**
 * Dimension of the (numerical) kernel of a square or rectangular complex matrix: the
 * number of singular values σ_i ≤ tol·σ_max, plus cols − rows when cols > rows
 * (Golub & Van Loan, Matrix Computations, 4th ed., §5.4.1, numerical rank).
 *
 * @param A - the matrix
 * @param tol - relative threshold (default 100·max(m, n)·ε)
 * @returns dim ker A (n for the zero matrix)
 *
 * @example
 * ```ts
 * import { kernelDimension, complexFromRows } from "nessref/linalg";
 * kernelDimension(complexFromRows({ re: [[1, 1], [1, 1]] })); // 1
 * ```
 */
export function kernelDimension(A: ComplexMatrix, tol?: number): number {
  const n = A.cols;
  if (A.rows === 0 || n === 0) return n;
  const s = csingularValues(A);
  const tl = tol ?? defaultRankTol(Math.max(A.rows, n));
  const smax = s[0];
  if (smax === 0) return n;
  let rank = 0;
  for (let i = 0; i < s.length; i++) if (s[i] > tl * smax) rank++;
  return n - rank;
}

/**
 * The kernel vector x of a square complex matrix A (A x = 0) normalised by tᵀx = 1
 * (plain transpose: with t = vec(𝟙), tᵀx = Tr ρ — the NESS of MODELS.md §0).
 *
 * Kernel dimension: for n ≤ `svdMaxDim` (default 1500), from the singular values of A
 * ({@link csingularValues}): σ_i ≤ tol·σ_max with tol = 100·n·ε by default. 0 such values →
 * `no-steady-state`; ≥ 2 → `non-unique-ness` (message lists the small singular values).
 * Above `svdMaxDim` the bordered LU decides: a 1-norm condition estimate
 * κ > 1/(1000·n·ε) of the bordered matrix (after a retry with the second border) means
 * dim ker ≠ 1 (reported as `non-unique-ness`; it may also mean that the kernel is orthogonal
 * to t), and a bordered solution with σ ≠ 0 (relative residual above tol) means there is no kernel.
 *
 * Vector: the bordered system [[A, α u], [α tᵀ/‖t‖, 0]] [x; σ] = [0; α] by complex LU
 * ({@link cluFactor}), α = ‖A‖_F/√n. The border u₁ = conj(t)/‖t‖: for a trace-preserving
 * generator tᵀ𝓛 = 0, so the left kernel vector is w = conj(t) and w†u₁ = ‖t‖ — the border
 * is exactly along the missing direction of range(A), the best-conditioned choice. If
 * that fails (A not trace-preserving and u₁ ∈ range A), a deterministic generic unit
 * vector u₂ (phases 2π·frac(kφ), φ the golden ratio) is tried; on the SVD road a last
 * fallback takes the right singular vector of σ_min. Finally |tᵀv| ≈ 0 for the unit kernel
 * vector v raises `no-steady-state` (x cannot be normalised).
 *
 * @param A - n×n complex matrix (e.g. a Liouvillian in column-stacking vectorization)
 * @param t - normalisation functional (e.g. vec of the identity)
 * @param opts - `svdMaxDim`, `tol`
 * @returns x with A x ≈ 0 and tᵀx = 1, its residual, the method and diagnostics
 * @throws NessrefError "non-unique-ness", "no-steady-state", "invalid-input"
 *
 * @example
 * ```ts
 * import { cnullVector, complexFromRows } from "nessref/linalg";
 * // decay |↑⟩ → |↓⟩ at rate 1 on populations (p↑, p↓): the kernel is (0, 1)
 * const A = complexFromRows({ re: [[-1, 0], [1, 0]] });
 * cnullVector(A, { re: Float64Array.of(1, 1), im: Float64Array.of(0, 0) }).x.re; // [0, 1]
 * ```
 */
export function cnullVector(A: ComplexMatrix, t: ComplexVector, opts: NullVectorOptions = {}): NullVectorResult<ComplexVector> {
  const n = checkSquare("cnullVector", A, t.re.length);
  if (t.im.length !== n) throw new NessrefError("invalid-input", `cnullVector: t.im has length ${t.im.length}, expected ${n}`, "");
  const tol = opts.tol ?? defaultRankTol(n);
  const svdMaxDim = opts.svdMaxDim ?? 1500;
  const tn = cnrm(t);
  if (!(tn > 0) || !Number.isFinite(tn)) throw new NessrefError("invalid-input", "cnullVector: t must be a non-zero finite vector", "");
  const normA = cfrob(A);
  if (!Number.isFinite(normA)) throw new NessrefError("invalid-input", "cnullVector: A has non-finite entries", "");
  const alpha = normA > 0 ? normA / Math.sqrt(n) : 1;
  const [u1, u2] = cborders(t, tn);
  const finish = (x: ComplexVector, method: string, cond?: number, sv?: number[]): NullVectorResult<ComplexVector> => {
    const c = ctdot(t, x);
    const xn = cnrm(x);
    if (!(xn > 0) || Math.hypot(c.re, c.im) <= 1e3 * n * EPS * tn * xn) throw notNormalisable();
    cdivInPlace(x, c);
    const residual = normA === 0 ? 0 : cdenseResidualNorm(A, x) / (normA * cnrm(x));
    const out: NullVectorResult<ComplexVector> = { x, residual, method };
    if (sv) out.smallestSingularValues = sv;
    if (cond !== undefined) out.conditionEstimate = cond;
    return out;
  };
  const condMax = 1 / (1e3 * n * EPS);

  if (n <= svdMaxDim) {
    const s = csingularValues(A);
    const { dim, smax } = countSmall(s, n, tol);
    const sv = smallest(s);
    if (dim === 0) throw noKernel(sv, tol, smax);
    if (dim >= 2) throw nonUnique(dim, sv, tol, smax);
    for (const u of [u1, u2]) {
      const r = csolveBordered(A, t, u, alpha, tn);
      if (r && r.cond <= condMax) return finish(r.x, "bordered-lu", r.cond, sv);
    }
    // Both borders failed although dim ker = 1: take the singular vector of σ_min.
    const { V } = csvd(A);
    const x = { re: new Float64Array(n), im: new Float64Array(n) };
    for (let i = 0; i < n; i++) {
      x.re[i] = V.re[i * n + (n - 1)];
      x.im[i] = V.im[i * n + (n - 1)];
    }
    return finish(x, "svd", undefined, sv);
  }

  let lastCond = Infinity;
  for (const u of [u1, u2]) {
    const r = csolveBordered(A, t, u, alpha, tn);
    if (r) lastCond = r.cond;
    if (!r || r.cond > condMax) continue;
    const res = finish(r.x, "bordered-lu", r.cond);
    if (res.residual > tol) {
      throw new NessrefError(
        "no-steady-state",
        `the matrix has no kernel: the bordered solve gives σ ≠ 0 and ‖A x‖/(‖A‖‖x‖) = ${res.residual.toExponential(3)} > ${tol.toExponential(2)}`,
        "",
      );
    }
    return res;
  }
  throw new NessrefError(
    "non-unique-ness",
    `the bordered matrix [[A, u], [tᵀ, 0]] is singular to working precision (1-norm condition estimate ${lastCond.toExponential(3)} > ` +
      `${condMax.toExponential(2)}) for two border vectors: the kernel of A is not 1-dimensional (or is orthogonal to t). ` +
      `Use svdMaxDim ≥ ${n} for the singular values.`,
    "",
  );
}

// ------------------------------------------------------------------ real, dense

function rbordered(A: RealMatrix, t: Float64Array, u: Float64Array, alpha: number, tn: number): RealMatrix {
  const n = A.rows;
  const N = n + 1;
  const B = realMatrix(N, N);
  for (let i = 0; i < n; i++) {
    B.data.set(A.data.subarray(i * n, (i + 1) * n), i * N);
    B.data[i * N + n] = alpha * u[i];
  }
  const s = alpha / tn;
  for (let j = 0; j < n; j++) B.data[n * N + j] = s * t[j];
  return B;
}

function rnrm(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s);
}

/**
 * The kernel vector x of a square real matrix A (A x = 0) normalised by tᵀx = 1
 * (the real analogue of {@link cnullVector}: same kernel-dimension test with
 * {@link singularValues}, same bordered LU with {@link luFactor}; borders u₁ = t/‖t‖ and a
 * deterministic generic unit vector u₂ with entries cos 2π·frac(kφ)).
 *
 * Use it for real generators, e.g. classical rate matrices (columns summing to zero,
 * t = (1, …, 1): the stationary distribution).
 *
 * @param A - n×n real matrix
 * @param t - normalisation functional
 * @param opts - `svdMaxDim`, `tol`
 * @returns x with A x ≈ 0 and tᵀx = 1, its residual, the method and diagnostics
 * @throws NessrefError "non-unique-ness", "no-steady-state", "invalid-input"
 *
 * @example
 * ```ts
 * import { nullVector, fromRows } from "nessref/linalg";
 * // two-state rate matrix, rates 1 (0→1) and 3 (1→0): stationary (3/4, 1/4)
 * nullVector(fromRows([[-1, 3], [1, -3]]), Float64Array.of(1, 1)).x; // ≈ [0.75, 0.25]
 * ```
 */
export function nullVector(A: RealMatrix, t: Float64Array, opts: NullVectorOptions = {}): NullVectorResult<Float64Array> {
  const n = checkSquare("nullVector", A, t.length);
  const tol = opts.tol ?? defaultRankTol(n);
  const svdMaxDim = opts.svdMaxDim ?? 1500;
  const tn = rnrm(t);
  if (!(tn > 0) || !Number.isFinite(tn)) throw new NessrefError("invalid-input", "nullVector: t must be a non-zero finite vector", "");
  const normA = rnrm(A.data);
  if (!Number.isFinite(normA)) throw new NessrefError("invalid-input", "nullVector: A has non-finite entries", "");
  const alpha = normA > 0 ? normA / Math.sqrt(n) : 1;
  const u1 = new Float64Array(n);
  const u2 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    u1[i] = t[i] / tn;
    u2[i] = Math.cos(2 * Math.PI * (((i + 1) * PHI) % 1));
  }
  const u2n = rnrm(u2);
  for (let i = 0; i < n; i++) u2[i] /= u2n;
  const condMax = 1 / (1e3 * n * EPS);
  const finish = (x: Float64Array, method: string, cond?: number, sv?: number[]): NullVectorResult<Float64Array> => {
    let c = 0;
    for (let i = 0; i < n; i++) c += t[i] * x[i];
    const xn = rnrm(x);
    if (!(xn > 0) || Math.abs(c) <= 1e3 * n * EPS * tn * xn) throw notNormalisable();
    for (let i = 0; i < n; i++) x[i] /= c;
    let r2 = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      const o = i * n;
      for (let j = 0; j < n; j++) s += A.data[o + j] * x[j];
      r2 += s * s;
    }
    const residual = normA === 0 ? 0 : Math.sqrt(r2) / (normA * rnrm(x));
    const out: NullVectorResult<Float64Array> = { x, residual, method };
    if (sv) out.smallestSingularValues = sv;
    if (cond !== undefined) out.conditionEstimate = cond;
    return out;
  };
  const solveB = (u: Float64Array): { x: Float64Array; cond: number } | null => {
    const f = luFactor(rbordered(A, t, u, alpha, tn));
    const cond = condEstimate1(f);
    if (f.singular || !Number.isFinite(cond)) return null;
    const rhs = new Float64Array(n + 1);
    rhs[n] = alpha;
    const y = luSolve(f, rhs);
    return { x: y.slice(0, n), cond };
  };

  if (n <= svdMaxDim) {
    const s = singularValues(A);
    const { dim, smax } = countSmall(s, n, tol);
    const sv = smallest(s);
    if (dim === 0) throw noKernel(sv, tol, smax);
    if (dim >= 2) throw nonUnique(dim, sv, tol, smax);
    for (const u of [u1, u2]) {
      const r = solveB(u);
      if (r && r.cond <= condMax) return finish(r.x, "bordered-lu", r.cond, sv);
    }
    const { V } = svd(A);
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = V.data[i * n + (n - 1)];
    return finish(x, "svd", undefined, sv);
  }
  let lastCond = Infinity;
  for (const u of [u1, u2]) {
    const r = solveB(u);
    if (r) lastCond = r.cond;
    if (!r || r.cond > condMax) continue;
    const res = finish(r.x, "bordered-lu", r.cond);
    if (res.residual > tol) {
      throw new NessrefError(
        "no-steady-state",
        `the matrix has no kernel: the bordered solve gives σ ≠ 0 and ‖A x‖/(‖A‖‖x‖) = ${res.residual.toExponential(3)} > ${tol.toExponential(2)}`,
        "",
      );
    }
    return res;
  }
  throw new NessrefError(
    "non-unique-ness",
    `the bordered matrix [[A, u], [tᵀ, 0]] is singular to working precision (1-norm condition estimate ${lastCond.toExponential(3)} > ` +
      `${condMax.toExponential(2)}) for two border vectors: the kernel of A is not 1-dimensional (or is orthogonal to t). ` +
      `Use svdMaxDim ≥ ${n} for the singular values.`,
    "",
  );
}

// ------------------------------------------------------------------ complex, sparse / operator

function isCsr(A: CsrComplexMatrix | ComplexLinearOperator): A is CsrComplexMatrix {
  return typeof A !== "function";
}

/**
 * The kernel vector of a large sparse complex matrix or operator, normalised by tᵀx = 1,
 * by two iterative bordered solves with restarted GMRES ({@link cgmres}).
 *
 * Each solve: [[A, α u], [α tᵀ/‖t‖, 0]] [x; σ] = [0; α] (α = ‖A‖ estimate / √n), x normalised
 * by tᵀx, accepted only when GMRES converged (else `no-convergence`) and the VERIFIED
 * residual ‖A x‖/(‖A‖‖x‖) ≤ `residualTol` (else `no-steady-state`: σ ≠ 0, A has no kernel
 * — or the solve is too inaccurate; the message says both).
 *
 * Uniqueness: the solve is repeated with a second, different border u₂ (deterministic
 * generic phases) and the two normalised solutions are compared. If dim ker A = 1 (and
 * tᵀv ≠ 0, w†u ≠ 0) the bordered system is nonsingular and its solution is the unique
 * normalised kernel vector WHATEVER u is, so both agree to solver accuracy. If
 * dim ker A ≥ 2 the bordered matrix is singular (it maps [v; 0] to 0 for a kernel v with
 * tᵀv = 0); the system is still consistent, so GMRES either stagnates (→ `no-convergence`)
 * or returns a solution that depends on the Krylov space, which depends on u — generically
 * the two solutions differ (→ `non-unique-ness`).
 *
 * What it cannot detect: a second kernel direction that neither Krylov space reaches (e.g.
 * a decoupled block orthogonal to both borders, t and the start vector — impossible for
 * the generic u₂ unless A has exact structure that confines u₂'s action), and kernel
 * dimensions decided below solver accuracy (a nearly-degenerate gap of size ≲ tol·‖A‖
 * looks like a second kernel vector or like none). For a certified answer at moderate size
 * use {@link cnullVector}, which counts singular values.
 *
 * ‖A‖: ‖A‖_F for a CSR matrix; for an operator, max ‖A z‖/‖z‖ over three deterministic
 * probe vectors (a lower bound of ‖A‖₂, so the reported residual errs on the large side).
 *
 * @param A - n×n complex CSR matrix or operator x ↦ A x
 * @param n - dimension
 * @param t - normalisation functional, length n
 * @param opts - GMRES and acceptance tolerances, preconditioner for the bordered system
 * @returns x with tᵀx = 1, verified residual, method "bordered-gmres", total iterations
 * @throws NessrefError "no-convergence", "non-unique-ness", "no-steady-state", "invalid-input"
 *
 * @example
 * ```ts
 * import { cnullVectorSparse, ccsrFromDense, complexFromRows } from "nessref/linalg";
 * const A = ccsrFromDense(complexFromRows({ re: [[-1, 3], [1, -3]] }));
 * cnullVectorSparse(A, 2, { re: Float64Array.of(1, 1), im: Float64Array.of(0, 0) }).x.re; // ≈ [0.75, 0.25]
 * ```
 */
export function cnullVectorSparse(
  A: CsrComplexMatrix | ComplexLinearOperator,
  n: number,
  t: ComplexVector,
  opts: SparseNullVectorOptions = {},
): NullVectorResult<ComplexVector> {
  if (!Number.isInteger(n) || n < 1) throw new NessrefError("invalid-input", `cnullVectorSparse: invalid dimension ${n}`, "");
  if (t.re.length !== n || t.im.length !== n) {
    throw new NessrefError("invalid-input", `cnullVectorSparse: t has length ${t.re.length}/${t.im.length}, expected ${n}`, "");
  }
  let apply: ComplexLinearOperator;
  let normA: number;
  if (isCsr(A)) {
    if (A.rows !== n || A.cols !== n) {
      throw new NessrefError("invalid-input", `cnullVectorSparse: matrix is ${A.rows}×${A.cols}, expected ${n}×${n}`, "");
    }
    let s = 0;
    for (let k = 0; k < A.re.length; k++) s += A.re[k] * A.re[k] + A.im[k] * A.im[k];
    normA = Math.sqrt(s);
    const M = A;
    apply = (x, y) => {
      ccsrMatvec(M, x, y);
    };
  } else {
    apply = A;
    normA = 0;
    const z = { re: new Float64Array(n), im: new Float64Array(n) };
    const y = { re: new Float64Array(n), im: new Float64Array(n) };
    for (let probe = 0; probe < 3; probe++) {
      for (let i = 0; i < n; i++) {
        const ph = 2 * Math.PI * (((i + 1) * (PHI + 0.1 * probe) + 0.37 * probe) % 1);
        z.re[i] = Math.cos(ph);
        z.im[i] = Math.sin(ph);
      }
      apply(z, y);
      normA = Math.max(normA, cnrm(y) / Math.sqrt(n));
    }
  }
  if (!Number.isFinite(normA)) throw new NessrefError("invalid-input", "cnullVectorSparse: A has non-finite entries", "");
  const tn = cnrm(t);
  if (!(tn > 0) || !Number.isFinite(tn)) throw new NessrefError("invalid-input", "cnullVectorSparse: t must be a non-zero finite vector", "");
  const tol = opts.tol ?? 1e-10;
  const compareTol = opts.compareTol ?? Math.max(1e-6, 1e4 * tol);
  const residualTol = opts.residualTol ?? Math.max(1e-8, 100 * tol);
  const alpha = normA > 0 ? normA / Math.sqrt(n) : 1;
  const [u1, u2] = cborders(t, tn);
  const N = n + 1;
  const xin = { re: new Float64Array(n), im: new Float64Array(n) };
  const yout = { re: new Float64Array(n), im: new Float64Array(n) };
  const ts = alpha / tn;
  let totalIter = 0;

  const solveWith = (u: ComplexVector, label: string): { x: ComplexVector; residual: number } => {
    const op: ComplexLinearOperator = (v, w) => {
      xin.re.set(v.re.subarray(0, n));
      xin.im.set(v.im.subarray(0, n));
      apply(xin, yout);
      const sr = alpha * v.re[n];
      const si = alpha * v.im[n];
      let cr = 0;
      let ci = 0;
      for (let i = 0; i < n; i++) {
        w.re[i] = yout.re[i] + u.re[i] * sr - u.im[i] * si;
        w.im[i] = yout.im[i] + u.re[i] * si + u.im[i] * sr;
        cr += t.re[i] * v.re[i] - t.im[i] * v.im[i];
        ci += t.re[i] * v.im[i] + t.im[i] * v.re[i];
      }
      w.re[n] = ts * cr;
      w.im[n] = ts * ci;
    };
    const b = { re: new Float64Array(N), im: new Float64Array(N) };
    b.re[N - 1] = alpha;
    const r = cgmres(op, b, { tol, maxIter: opts.maxIter, restart: opts.restart, precond: opts.precond });
    totalIter += r.iterations;
    if (!r.converged) {
      throw new NessrefError(
        "no-convergence",
        `cnullVectorSparse: GMRES on the bordered system (${label} border) stopped after ${r.iterations} iterations at relative ` +
          `residual ${r.residual.toExponential(3)} > ${tol.toExponential(2)}. Either the solve needs a preconditioner / more ` +
          `iterations, or the bordered system is singular (kernel of A not 1-dimensional).`,
        "",
      );
    }
    const x = { re: r.x.re.slice(0, n), im: r.x.im.slice(0, n) };
    const c = ctdot(t, x);
    const xn = cnrm(x);
    if (!(xn > 0) || Math.hypot(c.re, c.im) <= 1e3 * n * EPS * tn * xn) throw notNormalisable();
    cdivInPlace(x, c);
    apply(x, yout);
    const residual = normA === 0 ? 0 : cnrm(yout) / (normA * cnrm(x));
    if (residual > residualTol) {
      throw new NessrefError(
        "no-steady-state",
        `cnullVectorSparse: the bordered solution has ‖A x‖/(‖A‖‖x‖) = ${residual.toExponential(3)} > ${residualTol.toExponential(2)} ` +
          `(σ ≠ 0): A has no kernel, or the GMRES tolerance is too loose for the conditioning.`,
        "",
      );
    }
    return { x, residual };
  };

  const first = solveWith(u1, "first");
  if (!opts.skipUniquenessCheck) {
    const second = solveWith(u2, "second");
    let d = 0;
    for (let i = 0; i < n; i++) {
      const a = first.x.re[i] - second.x.re[i];
      const b = first.x.im[i] - second.x.im[i];
      d += a * a + b * b;
    }
    const rel = Math.sqrt(d) / cnrm(first.x);
    if (!(rel <= compareTol)) {
      throw new NessrefError(
        "non-unique-ness",
        `cnullVectorSparse: two bordered solves with different border vectors give normalised kernel vectors that differ by ` +
          `${rel.toExponential(3)} (relative) > ${compareTol.toExponential(2)}: the kernel of A is not 1-dimensional.`,
        "",
      );
    }
  }
  return { x: first.x, residual: first.residual, method: "bordered-gmres", iterations: totalIter };
}
