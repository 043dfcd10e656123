/**
 * Helpers shared by the 1D and 2D thermal networks (not part of the public surface).
 *
 * @module
 */
import { NessrefError } from "../../errors.js";
import type { ThermalSinks, ThermalNetworkSolution } from "./network1d.js";

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

/** Fill the statistics and the balance of a thermal solution. */
export function thermalSummary(T: Float64Array, inp: ThermalSinks, residual: number): ThermalNetworkSolution {
  const { mean, variance } = meanAndVariance(T);
  let sources = 0, sinks = 0;
  for (let i = 0; i < T.length; i++) {
    sources += inp.epsilon * inp.theta * inp.g2[i];
    sinks += inp.epsilon * inp.g1[i] * (T[i] - inp.T0);
  }
  return { temperature: T, meanT: mean, varianceT: variance, deltaT_over_T: Math.sqrt(variance) / mean, sources, sinks, residual };
}

