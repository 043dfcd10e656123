/**
 * Two-dimensional resistor networks of MODELS §4 ([P4] SM eqs. (13)–(16)): N×N islands on a
 * square lattice, island (r, c) at flat index r·N + c (row-major). Horizontal link (r, c)–(r, c+1)
 * has index r·(N−1) + c in `gH` (N×(N−1)); vertical link (r, c)–(r+1, c) has index r·N + c in
 * `gV` ((N−1)×N), as in the contract's `lengthsH`, `lengthsV`.
 *
 * The balance equations are a symmetric M-matrix (a weighted graph Laplacian plus the sinks or
 * the links to the fixed columns), solved by conjugate gradients on the 5-point stencil,
 * preconditioned by a modified incomplete Cholesky factor (MIC(0), ω = 0.97; CONVENTIONS §4) to a true relative
 * residual ≤ `tol` (default 1e-14; **nessref choice**) — or, where roundoff stops the residual
 * above that (small ε: ‖A‖‖x‖ ≫ ‖b‖), to a normwise backward error ≤ 1e-15, as good as a
 * backward-stable direct solve. A solve that reaches neither raises `no-convergence` rather than
 * returning a partial result.
 *
 * @module
 */
import { NessrefError } from "../../errors.js";
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
 * The balance matrix on the columns c0..c1 of the N×N grid as a 5-point stencil: unknown (r, c)
 * at index r·W + c − c0 (W = c1 − c0 + 1); `diag` holds Σ of its links (to the fixed columns too)
 * plus the extra diagonal q; `left`, `right`, `up`, `down` the conductances to the neighbouring
 * unknowns (0 where there is none). A = diag − (neighbour couplings), an M-matrix.
 */
interface Stencil {
  n: number;
  W: number;
  diag: Float64Array;
  left: Float64Array;
  right: Float64Array;
  up: Float64Array;
  down: Float64Array;
}

function stencil(N: number, gH: ArrayLike<number>, gV: ArrayLike<number>, c0: number, c1: number, q: Float64Array | null): Stencil {
  const W = c1 - c0 + 1;
  const n = N * W;
  const diag = new Float64Array(n), left = new Float64Array(n), right = new Float64Array(n), up = new Float64Array(n), down = new Float64Array(n);
  for (let r = 0; r < N; r++) {
    for (let c = c0; c <= c1; c++) {
      const i = r * W + (c - c0);
      const gu = r > 0 ? gV[(r - 1) * N + c] : 0;
      const gl = c > 0 ? gH[r * (N - 1) + c - 1] : 0;
      const gr = c < N - 1 ? gH[r * (N - 1) + c] : 0;
      const gd = r < N - 1 ? gV[r * N + c] : 0;
      diag[i] = (q ? q[i] : 0) + gu + gl + gr + gd;
      up[i] = gu;
      down[i] = gd;
      left[i] = c > c0 ? gl : 0;
      right[i] = c < c1 ? gr : 0;
    }
  }
  return { n, W, diag, left, right, up, down };
}

/** y ← A x on the stencil; x is padded by W zeros on both sides (xp[W + i] = x_i). */
function stencilApply(S: Stencil, xp: Float64Array, y: Float64Array): void {
  const { n, W, diag, left, right, up, down } = S;
  for (let i = 0; i < n; i++) {
    const o = W + i;
    y[i] = diag[i] * xp[o] - left[i] * xp[o - 1] - right[i] * xp[o + 1] - up[i] * xp[o - W] - down[i] * xp[o + W];
  }
}

/**
 * Modified incomplete Cholesky of the stencil in the D-ILU form M = (P − Lo) P⁻¹ (P − Lo)ᵀ, P = diag(p),
 * p_i = d_i − l_i(l_i + ω·down_{i−1})/p_{i−1} − u_i(u_i + ω·right_{i−W})/p_{i−W} (l, u the left and
 * up couplings): ω = 0 is IC(0), ω = 1 MIC(0) (row sums kept; Gustafsson 1978). Returns 1/p.
 */
function micPivots(S: Stencil, omega: number): Float64Array {
  const { n, W, diag, left, up, right, down } = S;
  const inv = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let p = diag[i];
    if (left[i] !== 0) p -= left[i] * (left[i] + omega * down[i - 1]) * inv[i - 1];
    if (up[i] !== 0) p -= up[i] * (up[i] + omega * right[i - W]) * inv[i - W];
    if (!(p > 0)) throw new NessrefError("singular", `incomplete Cholesky pivot ${i} is ${p} ≤ 0`, "");
    inv[i] = 1 / p;
  }
  return inv;
}

/** z ← M⁻¹ v with the factor of {@link micPivots}; u is padded like xp (its pads stay 0). */
function micApply(S: Stencil, inv: Float64Array, v: Float64Array, u: Float64Array, zp: Float64Array): void {
  const { n, W, left, up, right, down } = S;
  for (let i = 0; i < n; i++) {
    const o = W + i;
    u[o] = (v[i] + left[i] * u[o - 1] + up[i] * u[o - W]) * inv[i];
  }
  for (let i = n - 1; i >= 0; i--) {
    const o = W + i;
    zp[o] = u[o] + (right[i] * zp[o + 1] + down[i] * zp[o + W]) * inv[i];
  }
}

/**
 * ω of the relaxed modified incomplete Cholesky preconditioner: slightly below 1, which keeps the
 * pivots away from 0 where MIC(0) can make them tiny; at N = 100 it takes 0.4–0.6 × the CG
 * iterations of IC(0) (130 against 313 at α = 0.3, ε = 1e-3; measured).
 */
const MIC_OMEGA = 0.97;

function cgSolve(S: Stencil, b: Float64Array, opts: Grid2DOptions, who: string): { x: Float64Array; info: Grid2DSolveInfo } {
  const tol = opts.tol ?? 1e-14;
  const maxIter = opts.maxIter ?? Math.max(2000, 20 * S.n);
  if (!(tol > 0) || !Number.isFinite(tol)) throw new NessrefError("invalid-input", `${who}: tol must be a positive number, got ${tol}`, "/tol");
  const { n, W, diag, left, right, up, down } = S;
  const inv = micPivots(S, MIC_OMEGA);
  let anorm = 0, bnorm2 = 0, binf = 0;
  for (let i = 0; i < n; i++) {
    anorm = Math.max(anorm, diag[i] + left[i] + right[i] + up[i] + down[i]);
    bnorm2 += b[i] * b[i];
    binf = Math.max(binf, Math.abs(b[i]));
  }
  const bnorm = Math.sqrt(bnorm2);
  const x = new Float64Array(n);
  if (bnorm === 0) return { x, info: { iterations: 0, residual: 0, backwardError: 0 } };
  const r = new Float64Array(n), q = new Float64Array(n);
  const pp = new Float64Array(n + 2 * W), zp = new Float64Array(n + 2 * W), u = new Float64Array(n + 2 * W), xp = new Float64Array(n + 2 * W);
  let iters = 0, res = Infinity, eta = Infinity;
  const trueResidual = (): void => {
    xp.set(x, W);
    stencilApply(S, xp, q);
    let s = 0, rinf = 0, xinf = 0;
    for (let i = 0; i < n; i++) {
      r[i] = b[i] - q[i];
      s += r[i] * r[i];
      rinf = Math.max(rinf, Math.abs(r[i]));
      xinf = Math.max(xinf, Math.abs(x[i]));
    }
    res = Math.sqrt(s) / bnorm;
    eta = rinf / (anorm * xinf + binf);
  };
  trueResidual();
  for (let restart = 0; restart < 4 && res > tol && eta > BACKWARD_TOL && iters < maxIter; restart++) {
    micApply(S, inv, r, u, zp);
    pp.set(zp);
    let rz = 0;
    for (let i = 0; i < n; i++) rz += r[i] * zp[W + i];
    while (iters < maxIter) {
      stencilApply(S, pp, q);
      let pq = 0;
      for (let i = 0; i < n; i++) pq += pp[W + i] * q[i];
      if (!(pq > 0)) break;
      const alpha = rz / pq;
      let s = 0, rinf = 0, xinf = 0;
      for (let i = 0; i < n; i++) {
        const xi = x[i] + alpha * pp[W + i];
        x[i] = xi;
        const ri = r[i] - alpha * q[i];
        r[i] = ri;
        s += ri * ri;
        const ar = Math.abs(ri), ax = Math.abs(xi);
        if (ar > rinf) rinf = ar;
        if (ax > xinf) xinf = ax;
      }
      iters++;
      // stop on the recursive residual, or on the backward error it implies (roundoff floor)
      if (Math.sqrt(s) <= 0.5 * tol * bnorm || rinf <= 0.5 * BACKWARD_TOL * (anorm * xinf + binf)) break;
      micApply(S, inv, r, u, zp);
      let rzNew = 0;
      for (let i = 0; i < n; i++) rzNew += r[i] * zp[W + i];
      const beta = rzNew / rz;
      rz = rzNew;
      for (let i = 0; i < n; i++) pp[W + i] = zp[W + i] + beta * pp[W + i];
    }
    const before = Math.min(res, eta);
    trueResidual();
    if (!(Math.min(res, eta) < 0.5 * before)) break; // no progress: more restarts cannot help
  }
  if (!Number.isFinite(res)) throw new NessrefError("singular", `${who}: conjugate gradients produced non-finite values`, "");
  if (!(res <= tol) && !(eta <= BACKWARD_TOL)) {
    throw new NessrefError("no-convergence", `${who}: conjugate gradients reached a relative residual of ${res.toExponential(2)} (backward error ${eta.toExponential(2)}) after ${iters} steps, above tol = ${tol}`, "");
  }
  return { x, info: { iterations: iters, residual: res, backwardError: eta } };
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
  const { x, info } = cgSolve(stencil(N, gH, gV, 0, N - 1, q), b, opts, who);
  return { ...thermalSummary(x, inp, info.residual), solve: info };
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
    const b = new Float64Array(N * W);
    for (let r = 0; r < N; r++) b[r * W] = gH[r * (N - 1)] * V;
    const s = cgSolve(stencil(N, gH, gV, 1, N - 2, null), b, opts, who);
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
