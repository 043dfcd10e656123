/**
 * One-dimensional resistor networks of MODELS §4 ([P4] eqs. (3)–(5), SM eq. (15)): the thermal
 * chain of islands with sinks and sources, and the charge chain between two reservoirs.
 *
 * Both are a path network: unknowns x_1..x_n, link conductances c_i > 0 between x_i and
 * x_{i+1}, conductances q_i ≥ 0 from x_i to a fixed reference, and injections b_i:
 *
 *   (c_{i−1} + c_i + q_i) x_i − c_{i−1} x_{i−1} − c_i x_{i+1} = b_i.
 *
 * {@link solvePathNetwork} eliminates it without a single subtraction (**nessref choice**): the
 * pivot is written d_i = c_i + s_i with the "excess" s_i = q_i + c_{i−1}s_{i−1}/d_{i−1}
 * (the conductance to the reference seen from x_i through the part already eliminated — series
 * and parallel rules), and for b ≥ 0 forward and back substitution only add positive terms. The
 * solution then has a relative error of a few ulps per site whatever the spread of the
 * conductances (ε → 0, e^{−ℓ/a} ≪ 1), where plain Gaussian elimination loses digits like the
 * condition number.
 *
 * @module
 */
import { NessrefError } from "../../errors.js";
import { checkThermalData, eliminatePath, thermalSummary } from "./internal.js";

/**
 * Solve the path network of the module description by subtraction-free elimination.
 *
 * @param c - the n − 1 link conductances, each finite and > 0
 * @param q - the n conductances to the reference, each finite and ≥ 0, at least one > 0
 * @param b - the n injections
 * @returns x (length n)
 * @throws NessrefError("invalid-input") for mismatched lengths, a c ≤ 0 or a q < 0 (`/c/k`, `/q/k`);
 *   ("singular") when every q is 0 (no reference: x is defined only up to a constant)
 *
 * @example
 * ```ts
 * import { solvePathNetwork } from "nessref/exact";
 * // two islands joined by c = 1, the first grounded by q = 1 and fed b = 1: x = [1, 1]
 * solvePathNetwork([1], [1, 0], [1, 0]);
 * ```
 */
export function solvePathNetwork(c: ArrayLike<number>, q: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const n = q.length;
  const who = "solvePathNetwork";
  if (n < 1) throw new NessrefError("invalid-input", `${who}: needs at least one unknown`, "/q");
  if (c.length !== n - 1) throw new NessrefError("invalid-input", `${who}: ${n} unknowns need ${n - 1} links, got ${c.length}`, "/c");
  if (b.length !== n) throw new NessrefError("invalid-input", `${who}: ${n} unknowns need ${n} injections, got ${b.length}`, "/b");
  for (let k = 0; k < n - 1; k++) if (!(c[k] > 0) || !Number.isFinite(c[k])) throw new NessrefError("invalid-input", `${who}: c[${k}] = ${c[k]} must be finite and > 0`, `/c/${k}`);
  for (let k = 0; k < n; k++) {
    if (!(q[k] >= 0) || !Number.isFinite(q[k])) throw new NessrefError("invalid-input", `${who}: q[${k}] = ${q[k]} must be finite and ≥ 0`, `/q/${k}`);
    if (!Number.isFinite(b[k])) throw new NessrefError("invalid-input", `${who}: b[${k}] = ${b[k]} must be finite`, `/b/${k}`);
  }
  let anyGround = false;
  for (let k = 0; k < n; k++) if (q[k] > 0) anyGround = true;
  if (!anyGround) throw new NessrefError("singular", `${who}: no conductance to the reference (every q is 0): the solution is defined only up to a constant`, "/q");
  const x = new Float64Array(n);
  eliminatePath(c, q, b, x, new Float64Array(n), new Float64Array(n));
  return x;
}

/**
 * The sinks and sources of a thermal network (MODELS §4): weights g1, g2 per island, ε, T0, θ.
 *
 * @example
 * ```ts
 * import type { ThermalSinks } from "nessref/exact";
 * const s: ThermalSinks = { g1: [1, 1], g2: [1.05, 0.95], epsilon: 0.01, T0: 1, theta: 1 };
 * ```
 */
export interface ThermalSinks {
  /** sink weights g1_i > 0, one per island (2D: N², row-major) */
  g1: ArrayLike<number>;
  /** source weights g2_i, one per island */
  g2: ArrayLike<number>;
  /** bath coupling ε > 0 */
  epsilon: number;
  /** bath temperature T0 */
  T0: number;
  /** source strength θ */
  theta: number;
}

/**
 * A 1D thermal network's data (MODELS §4): the link conductances Γ and the sinks and sources.
 *
 * @example
 * ```ts
 * import type { ThermalNetworkInput } from "nessref/exact";
 * const t: ThermalNetworkInput = { conductances: [1, 2], g1: [1, 1, 1], g2: [1, 1.05, 0.95],
 *   epsilon: 0.01, T0: 1, theta: 1 };
 * ```
 */
export interface ThermalNetworkInput extends ThermalSinks {
  /** the N − 1 link conductances Γ_{i,i+1}, each > 0 */
  conductances: ArrayLike<number>;
}

/**
 * Steady state of a thermal network (MODELS §4).
 *
 * @example
 * ```ts
 * import type { ThermalNetworkSolution } from "nessref/exact";
 * const show = (s: ThermalNetworkSolution) => `δT/T̄ = ${s.deltaT_over_T}`;
 * ```
 */
export interface ThermalNetworkSolution {
  /** T_i per island (2D: flat, row-major) */
  temperature: Float64Array;
  /** Mean_i T_i */
  meanT: number;
  /** Var_i T_i, the population variance (divisor = number of islands) **(nessref choice)** */
  varianceT: number;
  /** √(Var_i T_i) / Mean_i T_i of this realization */
  deltaT_over_T: number;
  /** Σ_i ε θ g2_i: the power fed by the sources */
  sources: number;
  /** Σ_i ε g1_i (T_i − T0): the power taken by the sinks (equals `sources` in the steady state) */
  sinks: number;
  /** max_i |residual of island i| / max_i (|terms of island i|): the componentwise balance error */
  residual: number;
}

/**
 * Steady state of the 1D thermal network of MODELS §4 ([P4] eq. (3)):
 * 0 = Γ_{i,i+1}(T_{i+1} − T_i) − Γ_{i−1,i}(T_i − T_{i−1}) − ε g1_i (T_i − T0) + ε θ g2_i, open ends
 * (island 1 and N have one link). Solved as the path network x = T − T0 with q = ε g1 and
 * b = ε θ g2 by {@link solvePathNetwork} (subtraction-free for θ g2 ≥ 0).
 *
 * @param inp - conductances (N − 1), g1, g2 (N), ε > 0, T0, θ
 * @returns temperatures, their mean and population variance, δT/T̄, the power balance, residual
 * @throws NessrefError("invalid-input") for mismatched lengths, a conductance ≤ 0, g1 ≤ 0, ε ≤ 0
 *
 * @example
 * ```ts
 * import { thermalNetwork1D } from "nessref/exact";
 * const s = thermalNetwork1D({ conductances: [1], g1: [1, 1], g2: [1, 1], epsilon: 0.1, T0: 1, theta: 1 });
 * s.temperature; // [2, 2]: uniform sources and sinks give T = T0 + θ
 * ```
 */
export function thermalNetwork1D(inp: ThermalNetworkInput): ThermalNetworkSolution {
  const who = "thermalNetwork1D";
  const N = inp.g1.length;
  if (N < 1) throw new NessrefError("invalid-input", `${who}: needs at least one island`, "/g1");
  checkThermalData(inp, N, who);
  if (inp.conductances.length !== N - 1) throw new NessrefError("invalid-input", `${who}: ${N} islands need ${N - 1} link conductances, got ${inp.conductances.length}`, "/conductances");
  const q = new Float64Array(N), b = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    q[i] = inp.epsilon * inp.g1[i];
    b[i] = inp.epsilon * inp.theta * inp.g2[i];
  }
  const x = solvePathNetwork(inp.conductances, q, b);
  // componentwise balance of each island, in x = T − T0 (the solved variables)
  const G = inp.conductances;
  let res = 0;
  for (let i = 0; i < N; i++) {
    let r = b[i] - q[i] * x[i], scale = Math.abs(b[i]) + Math.abs(q[i] * x[i]);
    if (i > 0) { r += G[i - 1] * (x[i - 1] - x[i]); scale += G[i - 1] * (Math.abs(x[i - 1]) + Math.abs(x[i])); }
    if (i < N - 1) { r += G[i] * (x[i + 1] - x[i]); scale += G[i] * (Math.abs(x[i + 1]) + Math.abs(x[i])); }
    if (scale > 0) res = Math.max(res, Math.abs(r) / scale);
  }
  return thermalSummary(x, inp, res);
}

/**
 * The 1D charge network of MODELS §4 ([P4] eq. (4), SM eq. (15)) solved.
 *
 * @example
 * ```ts
 * import type { ChargeNetwork1DSolution } from "nessref/exact";
 * const show = (s: ChargeNetwork1DSolution) => `j = ${s.current}`;
 * ```
 */
export interface ChargeNetwork1DSolution {
  /** The current j = V / Σ_k Γ̃_k⁻¹ from node 0 to node N (the series law, exact for a chain). */
  current: number;
  /** μ_0..μ_N from the Kirchhoff solve (μ_0 = V, μ_N = 0). */
  potentials: Float64Array;
  /** j from the Kirchhoff solve: Γ̃_k(μ_{k−1} − μ_k) on the link with the smallest Γ̃ (largest drop). */
  kirchhoffCurrent: number;
  /** max_k |Γ̃_k(μ_{k−1} − μ_k) − j| / |j|: the spread of the Kirchhoff link currents (0 when V = 0). */
  currentSpread: number;
}

/**
 * The 1D charge network of MODELS §4: nodes 0..N with μ_0 = V and μ_N = 0, link k (k = 1..N)
 * joins nodes k − 1 and k with conductance Γ̃_k. Two roads: the series law j = V / Σ_k Γ̃_k⁻¹
 * (returned as `current`), and Kirchhoff's law at nodes 1..N − 1 solved by
 * {@link solvePathNetwork} (the potentials, and the current from them).
 *
 * @param conductances - Γ̃_1..Γ̃_N, each finite and > 0
 * @param V - the bias μ_0 − μ_N
 * @returns the current (series law), the potentials and the Kirchhoff current with its spread
 * @throws NessrefError("invalid-input") for an empty array, a conductance ≤ 0 or a non-finite V
 *
 * @example
 * ```ts
 * import { chargeNetwork1D } from "nessref/exact";
 * chargeNetwork1D([1, 1], 2).current; // 1: two unit resistors in series under V = 2
 * ```
 */
export function chargeNetwork1D(conductances: ArrayLike<number>, V: number): ChargeNetwork1DSolution {
  const who = "chargeNetwork1D";
  const N = conductances.length;
  if (N < 1) throw new NessrefError("invalid-input", `${who}: needs at least one link`, "/conductances");
  if (!Number.isFinite(V)) throw new NessrefError("invalid-input", `${who}: V must be finite`, "/V");
  let R = 0, kMin = 0;
  for (let k = 0; k < N; k++) {
    const g = conductances[k];
    if (!(g > 0) || !Number.isFinite(g)) throw new NessrefError("invalid-input", `${who}: conductance ${k + 1} = ${g} must be finite and > 0`, `/conductances/${k}`);
    R += 1 / g;
    if (g < conductances[kMin]) kMin = k;
  }
  const current = V / R;
  const mu = new Float64Array(N + 1);
  mu[0] = V;
  if (N > 1) {
    const n = N - 1; // interior nodes 1..N−1
    const c = new Float64Array(n - 1), q = new Float64Array(n), b = new Float64Array(n);
    for (let i = 0; i < n - 1; i++) c[i] = conductances[i + 1];
    q[0] += conductances[0];
    q[n - 1] += conductances[N - 1];
    b[0] = conductances[0] * V;
    mu.set(solvePathNetwork(c, q, b), 1);
  }
  const link = (k: number) => conductances[k] * (mu[k] - mu[k + 1]);
  const kirchhoffCurrent = link(kMin);
  let spread = 0;
  if (current !== 0) for (let k = 0; k < N; k++) spread = Math.max(spread, Math.abs(link(k) - current) / Math.abs(current));
  return { current, potentials: mu, kirchhoffCurrent, currentSpread: spread };
}
