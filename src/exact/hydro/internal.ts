/**
 * Helpers shared by the 1D and 2D thermal networks and the ensemble kernel (not part of the
 * public surface). The arithmetic of {@link eliminatePath} is the one of `solvePathNetwork`, and
 * {@link thermalChainMoments} repeats it with the conductances formed on the fly, so that an
 * ensemble's realization gives the same bits as the same realization solved on its own.
 *
 * @module
 */
import { NessrefError } from "../../errors.js";
import type { ThermalSinks, ThermalNetworkSolution } from "./network1d.js";

/**
 * Subtraction-free elimination of the path network (c, q, b) into x (see `solvePathNetwork`):
 * one division per unknown, r_i = 1/d_i, f = c_i r_i.
 */
export function eliminatePath(c: ArrayLike<number>, q: ArrayLike<number>, b: ArrayLike<number>, x: Float64Array, r: Float64Array, y: Float64Array): void {
  const n = q.length;
  let s = q[0], yi = b[0];
  for (let i = 0; i < n; i++) {
    const ci = i < n - 1 ? c[i] : 0;
    const ri = 1 / (ci + s);
    r[i] = ri;
    y[i] = yi;
    if (i < n - 1) {
      const f = ci * ri;
      s = q[i + 1] + f * s;
      yi = b[i + 1] + f * yi;
    }
  }
  let xi = y[n - 1] * r[n - 1];
  x[n - 1] = xi;
  for (let i = n - 2; i >= 0; i--) {
    xi = (y[i] + c[i] * xi) * r[i];
    x[i] = xi;
  }
}

/** Mean and population variance (two passes). */
export function meanAndVariance(x: ArrayLike<number>): { mean: number; variance: number } {
  const n = x.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += x[i];
  m /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (x[i] - m) * (x[i] - m);
  return { mean: m, variance: v / n };
}

/** Shared checks of the sink/source data. */
export function checkThermalData(inp: ThermalSinks, islands: number, who: string): void {
  if (!(inp.epsilon > 0) || !Number.isFinite(inp.epsilon)) {
    throw new NessrefError("invalid-input", `${who}: ε must be finite and > 0 (without a sink there is no steady state: every uniform T is stationary), got ${inp.epsilon}`, "/epsilon");
  }
  if (!Number.isFinite(inp.T0)) throw new NessrefError("invalid-input", `${who}: T0 must be finite`, "/T0");
  if (!Number.isFinite(inp.theta)) throw new NessrefError("invalid-input", `${who}: θ must be finite`, "/theta");
  if (inp.g1.length !== islands) throw new NessrefError("invalid-input", `${who}: g1 needs one value per island (${islands}), got ${inp.g1.length}`, "/g1");
  if (inp.g2.length !== islands) throw new NessrefError("invalid-input", `${who}: g2 needs one value per island (${islands}), got ${inp.g2.length}`, "/g2");
  for (let i = 0; i < islands; i++) {
    if (!(inp.g1[i] > 0) || !Number.isFinite(inp.g1[i])) throw new NessrefError("invalid-input", `${who}: g1[${i}] = ${inp.g1[i]} must be finite and > 0 (a sink weight)`, `/g1/${i}`);
    if (!Number.isFinite(inp.g2[i])) throw new NessrefError("invalid-input", `${who}: g2[${i}] = ${inp.g2[i]} must be finite`, `/g2/${i}`);
  }
}

/**
 * Fill the statistics and the balance of a thermal solution from x = T − T0: Mean T = T0 + Mean x,
 * Var T = Var x (two passes on x, where the variance is not a small difference of large numbers).
 */
export function thermalSummary(x: Float64Array, inp: ThermalSinks, residual: number): ThermalNetworkSolution {
  const { mean, variance } = meanAndVariance(x);
  const T = new Float64Array(x.length);
  let sources = 0, sinks = 0;
  for (let i = 0; i < x.length; i++) {
    T[i] = inp.T0 + x[i];
    sources += inp.epsilon * inp.theta * inp.g2[i];
    sinks += inp.epsilon * inp.g1[i] * x[i];
  }
  const meanT = inp.T0 + mean;
  return { temperature: T, meanT, varianceT: variance, deltaT_over_T: Math.sqrt(variance) / meanT, sources, sinks, residual };
}

/** Work arrays of {@link thermalChainMoments}, reused between calls. */
export interface ChainWork {
  x: Float64Array;
  r: Float64Array;
  y: Float64Array;
}

/**
 * Mean_i T_i and Var_i T_i of the 1D thermal chain with conductances c_k = ε·inv_k + base_k
 * (inv_k = κ0/ℓ_k, base_k = Γ0 e^{−ℓ_k/a}: what `linkConductances` computes), unchecked: the
 * caller guarantees ε > 0, g1 > 0 and conductances > 0. Same arithmetic as `thermalNetwork1D`.
 * Also returns |Σ sinks − Σ sources| / |Σ sources| (0 when there are no sources).
 */
export function thermalChainMoments(
  inv: Float64Array, base: Float64Array, g1: Float64Array, g2: Float64Array,
  eps: number, theta: number, T0: number, w: ChainWork,
): { meanT: number; variance: number; balance: number } {
  const n = g1.length;
  const { x, r, y } = w;
  const et = eps * theta;
  let s = eps * g1[0], yi = et * g2[0];
  for (let i = 0; i < n; i++) {
    const ci = i < n - 1 ? eps * inv[i] + base[i] : 0;
    const ri = 1 / (ci + s);
    r[i] = ri;
    y[i] = yi;
    if (i < n - 1) {
      const f = ci * ri;
      s = eps * g1[i + 1] + f * s;
      yi = et * g2[i + 1] + f * yi;
    }
  }
  let xi = y[n - 1] * r[n - 1];
  x[n - 1] = xi;
  for (let i = n - 2; i >= 0; i--) {
    xi = (y[i] + (eps * inv[i] + base[i]) * xi) * r[i];
    x[i] = xi;
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i];
  const m = sum / n;
  let v = 0, sources = 0, sinks = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - m;
    v += d * d;
    sources += et * g2[i];
    sinks += eps * g1[i] * x[i];
  }
  return { meanT: T0 + m, variance: v / n, balance: sources !== 0 ? Math.abs(sinks - sources) / Math.abs(sources) : 0 };
}
