/**
 * Two-dimensional resistor networks of MODELS §4 ([P4] SM eqs. (13)–(16)): N×N islands on a
 * square lattice, island (r, c) at flat index r·N + c (row-major). Horizontal link (r, c)–(r, c+1)
 * has index r·(N−1) + c in `gH` (N×(N−1)); vertical link (r, c)–(r+1, c) has index r·N + c in
 * `gV` ((N−1)×N), as in the contract's `lengthsH`, `lengthsV`.
 *
 * The balance equations are a symmetric M-matrix (a weighted graph Laplacian plus the sinks or
 * the links to the fixed columns), solved by conjugate gradients preconditioned with a zero-fill
 * incomplete Cholesky factor ({@link pcg}, {@link ic0Preconditioner}) to a true relative
 * residual ≤ `tol` (default 1e-14; **nessref choice**) — or, where roundoff stops the residual
 * above that (small ε: ‖A‖‖x‖ ≫ ‖b‖), to a normwise backward error ≤ 1e-15, as good as a
 * backward-stable direct solve. A solve that reaches neither raises `no-convergence` rather than
 * returning a partial result.
 *
 * @module
 */
import { NessrefError } from "../../errors.js";
import { pcg, ic0Preconditioner } from "../../linalg/cg.js";
import { csrMatvec, csrOperator, type CsrMatrix } from "../../linalg/sparse.js";
import type { ThermalSinks, ThermalNetworkSolution } from "./network1d.js";
import { checkThermalData, thermalSummary } from "./internal.js";

/**
 * Options of the 2D solvers.
 *
 * @example
 * ```ts
 * import type { Grid2DOptions } from "nessref/exact";
 * const o: Grid2DOptions = { tol: 1e-13 };
 * ```
 */
export interface Grid2DOptions {
  /** Target true relative residual of the CG solve (default 1e-14). */
  tol?: number;
  /** Maximum CG steps (default max(2000, 20·N²)). */
  maxIter?: number;
}

/**
 * Diagnostics of a 2D solve.
 *
 * @example
 * ```ts
 * import type { Grid2DSolveInfo } from "nessref/exact";
 * const show = (d: Grid2DSolveInfo) => `${d.iterations} CG steps, residual ${d.residual}`;
 * ```
 */
export interface Grid2DSolveInfo {
  /** CG steps taken */
  iterations: number;
  /** true relative residual ‖b − A x‖/‖b‖ */
  residual: number;
  /** normwise backward error ‖b − Ax‖∞/(‖A‖∞‖x‖∞ + ‖b‖∞) of the returned x */
  backwardError: number;
}

/**
 * The backward error at which a CG solve that stagnated above its residual target is accepted
 * (a few units of roundoff: the iterate is then as good as a backward-stable direct solve).
 */
const BACKWARD_TOL = 1e-15;

function checkLinks(g: ArrayLike<number>, n: number, name: string, who: string): void {
  if (g.length !== n) throw new NessrefError("invalid-input", `${who}: ${name} needs ${n} conductances, got ${g.length}`, `/${name}`);
  for (let k = 0; k < n; k++) if (!(g[k] > 0) || !Number.isFinite(g[k])) throw new NessrefError("invalid-input", `${who}: ${name}[${k}] = ${g[k]} must be finite and > 0`, `/${name}/${k}`);
}

/**
 * Assemble the balance matrix on the columns c0..c1 of the N×N grid (unknown (r, c) at index
 * r·W + c − c0, W = c1 − c0 + 1), with extra diagonal q (per unknown) and the links to the fixed
 * columns on the diagonal.
 */
function assemble(N: number, gH: ArrayLike<number>, gV: ArrayLike<number>, c0: number, c1: number, q: Float64Array | null): CsrMatrix {
  const W = c1 - c0 + 1;
  const n = N * W;
  const rowPtr = new Int32Array(n + 1);
  const colIdx = new Int32Array(5 * n);
  const values = new Float64Array(5 * n);
  let m = 0;
  for (let r = 0; r < N; r++) {
    for (let c = c0; c <= c1; c++) {
      const i = r * W + (c - c0);
      let diag = q ? q[i] : 0;
      const up = r > 0 ? gV[(r - 1) * N + c] : 0;
      const left = c > 0 ? gH[r * (N - 1) + c - 1] : 0;
      const right = c < N - 1 ? gH[r * (N - 1) + c] : 0;
      const down = r < N - 1 ? gV[r * N + c] : 0;
      diag += up + left + right + down;
      if (r > 0) { colIdx[m] = i - W; values[m++] = -up; }
      if (c > c0) { colIdx[m] = i - 1; values[m++] = -left; }
      colIdx[m] = i; values[m++] = diag;
      if (c < c1) { colIdx[m] = i + 1; values[m++] = -right; }
      if (r < N - 1) { colIdx[m] = i + W; values[m++] = -down; }
      rowPtr[i + 1] = m;
    }
  }
  return { rows: n, cols: n, rowPtr, colIdx: colIdx.slice(0, m), values: values.slice(0, m) };
}

function cgSolve(A: CsrMatrix, b: Float64Array, opts: Grid2DOptions, who: string): { x: Float64Array; info: Grid2DSolveInfo } {
  const tol = opts.tol ?? 1e-14;
  const maxIter = opts.maxIter ?? Math.max(2000, 20 * A.rows);
  const r = pcg(csrOperator(A), b, { tol, maxIter, precond: ic0Preconditioner(A) });
  // normwise backward error η = ‖b − Ax‖∞ / (‖A‖∞‖x‖∞ + ‖b‖∞) (Rigal & Gaches 1967)
  const ax = csrMatvec(A, r.x);
  let rn = 0, an = 0, xn = 0, bn = 0;
  for (let i = 0; i < A.rows; i++) {
    rn = Math.max(rn, Math.abs(b[i] - ax[i]));
    xn = Math.max(xn, Math.abs(r.x[i]));
    bn = Math.max(bn, Math.abs(b[i]));
    let row = 0;
    for (let k = A.rowPtr[i]; k < A.rowPtr[i + 1]; k++) row += Math.abs(A.values[k]);
    an = Math.max(an, row);
  }
  const backwardError = rn / (an * xn + bn);
  if (!r.converged && !(backwardError <= BACKWARD_TOL)) {
    throw new NessrefError("no-convergence", `${who}: conjugate gradients reached a relative residual of ${r.residual.toExponential(2)} (backward error ${backwardError.toExponential(2)}) after ${r.iterations} steps, above tol = ${tol}`, "");
  }
  return { x: r.x, info: { iterations: r.iterations, residual: r.residual, backwardError } };
}

/**
 * Steady state of a 2D thermal network: the fields of the 1D solution and the CG diagnostics.
 *
 * @example
 * ```ts
 * import type { ThermalNetwork2DSolution } from "nessref/exact";
 * const show = (s: ThermalNetwork2DSolution) => `${s.deltaT_over_T} after ${s.solve.iterations} CG steps`;
 * ```
 */
export interface ThermalNetwork2DSolution extends ThermalNetworkSolution {
  /** CG diagnostics */
  solve: Grid2DSolveInfo;
}

/**
 * Steady state of the 2D thermal network of MODELS §4 (SM eqs. (13), (14)): for every island
 * 0 = Σ_{j~i} Γ_ij (T_j − T_i) − ε g1_i (T_i − T0) + ε θ g2_i, open boundaries.
 *
 * @param N - side of the grid (N² islands), an integer ≥ 1
 * @param inp - g1, g2 (N² each, row-major), ε > 0, T0, θ
 * @param gH - horizontal conductances, N×(N−1) row-major
 * @param gV - vertical conductances, (N−1)×N row-major
 * @param opts - CG tolerance and iteration limit
 * @returns the solution (as the 1D one) and the CG diagnostics
 * @throws NessrefError("invalid-input") for bad sizes or values; ("no-convergence") when CG
 *   does not reach `tol`
 *
 * @example
 * ```ts
 * import { thermalNetwork2D } from "nessref/exact";
 * const s = thermalNetwork2D(2, { g1: [1, 1, 1, 1], g2: [1, 1, 1, 1], epsilon: 0.1, T0: 1, theta: 1 },
 *   [1, 1], [1, 1]);
 * s.temperature; // ≈ [2, 2, 2, 2]
 * ```
 */
export function thermalNetwork2D(N: number, inp: ThermalSinks, gH: ArrayLike<number>, gV: ArrayLike<number>, opts: Grid2DOptions = {}): ThermalNetwork2DSolution {
  const who = "thermalNetwork2D";
  if (!Number.isInteger(N) || N < 1) throw new NessrefError("invalid-input", `${who}: N must be an integer ≥ 1, got ${N}`, "/N");
  checkThermalData(inp, N * N, who);
  checkLinks(gH, N * (N - 1), "gH", who);
  checkLinks(gV, (N - 1) * N, "gV", who);
  const n = N * N;
  const q = new Float64Array(n), b = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    q[i] = inp.epsilon * inp.g1[i];
    b[i] = inp.epsilon * inp.theta * inp.g2[i];
  }
  const A = assemble(N, gH, gV, 0, N - 1, q);
  const { x, info } = cgSolve(A, b, opts, who);
  const T = new Float64Array(n);
  for (let i = 0; i < n; i++) T[i] = inp.T0 + x[i];
  return { ...thermalSummary(T, inp, info.residual), solve: info };
}

/**
 * The 2D charge network solved.
 *
 * @example
 * ```ts
 * import type { ChargeNetwork2DSolution } from "nessref/exact";
 * const show = (s: ChargeNetwork2DSolution) => `j = ${s.current} (${s.solve.iterations} CG steps)`;
 * ```
 */
export interface ChargeNetwork2DSolution {
  /** Total current from the left column (μ = V) to the right column (μ = 0), measured across the column cut with the smallest total conductance. */
  current: number;
  /** μ per island, N² row-major (columns 0 and N−1 hold V and 0). */
  potentials: Float64Array;
  /** The current across each of the N − 1 column cuts c → c + 1 (equal by Kirchhoff's law). */
  cutCurrents: Float64Array;
  /** max_c |J_c − j| / |j| over the cuts (0 when V = 0). */
  currentSpread: number;
  /** CG diagnostics (iterations 0 when N = 2: nothing to solve). */
  solve: Grid2DSolveInfo;
}

/**
 * The 2D charge network of MODELS §4 (SM eq. (16)): μ = V held on column 0, μ = 0 on column
 * N − 1, Kirchhoff's law Σ_{j~i} Γ̃_ij (μ_j − μ_i) = 0 on the islands in between (top and bottom
 * rows open).
 *
 * @param N - side of the grid, an integer ≥ 2
 * @param V - the bias
 * @param gH - horizontal conductances Γ̃, N×(N−1) row-major
 * @param gV - vertical conductances Γ̃, (N−1)×N row-major
 * @param opts - CG tolerance and iteration limit
 * @returns the current, the potentials, the cut currents and their spread, CG diagnostics
 * @throws NessrefError("invalid-input") for bad sizes or values; ("no-convergence") when CG
 *   does not reach `tol`
 *
 * @example
 * ```ts
 * import { chargeNetwork2D } from "nessref/exact";
 * chargeNetwork2D(3, 1, [1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1]).current; // 1.5: three rows of two unit resistors
 * ```
 */
export function chargeNetwork2D(N: number, V: number, gH: ArrayLike<number>, gV: ArrayLike<number>, opts: Grid2DOptions = {}): ChargeNetwork2DSolution {
  const who = "chargeNetwork2D";
  if (!Number.isInteger(N) || N < 2) throw new NessrefError("invalid-input", `${who}: N must be an integer ≥ 2 (a left and a right column), got ${N}`, "/N");
  if (!Number.isFinite(V)) throw new NessrefError("invalid-input", `${who}: V must be finite`, "/V");
  checkLinks(gH, N * (N - 1), "gH", who);
  checkLinks(gV, (N - 1) * N, "gV", who);
  const mu = new Float64Array(N * N);
  for (let r = 0; r < N; r++) mu[r * N] = V;
  let info: Grid2DSolveInfo = { iterations: 0, residual: 0, backwardError: 0 };
  if (N > 2) {
    const W = N - 2;
    const A = assemble(N, gH, gV, 1, N - 2, null);
    const b = new Float64Array(N * W);
    for (let r = 0; r < N; r++) b[r * W] = gH[r * (N - 1)] * V;
    const s = cgSolve(A, b, opts, who);
    info = s.info;
    for (let r = 0; r < N; r++) for (let c = 1; c <= N - 2; c++) mu[r * N + c] = s.x[r * W + c - 1];
  }
  const cut = new Float64Array(N - 1);
  let cMin = 0, gMin = Infinity;
  for (let c = 0; c < N - 1; c++) {
    let J = 0, G = 0;
    for (let r = 0; r < N; r++) {
      const g = gH[r * (N - 1) + c];
      J += g * (mu[r * N + c] - mu[r * N + c + 1]);
      G += g;
    }
    cut[c] = J;
    if (G < gMin) { gMin = G; cMin = c; }
  }
  const current = cut[cMin];
  let spread = 0;
  if (current !== 0) for (let c = 0; c < N - 1; c++) spread = Math.max(spread, Math.abs(cut[c] - current) / Math.abs(current));
  return { current, potentials: mu, cutCurrents: cut, currentSpread: spread, solve: info };
}
