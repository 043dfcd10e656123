/**
 * One disorder realization of a resistor network (MODELS §4) drawn from the library's seeded
 * generator, and its observables at several couplings ε or times t. This is the unit of work of
 * the ensembles ({@link networkEnsemble}); it runs in a worker thread as well as in-process.
 *
 * Draw order of realization r, from `createRng(seed).fork(r)` (CONVENTIONS "Randomness";
 * **nessref choice**): first the link lengths in link order (1D: link 1, 2, …; 2D: the
 * N×(N−1) horizontal links row-major, then the (N−1)×N vertical links row-major), then, in
 * thermal mode, g1_i = 1 + u·δg1 for every island in order and then g2_i = 1 + u·δg2 (u uniform in
 * [−1, 1), ḡ = 1). The draws do not depend on ε: every ε of an ensemble sees the same
 * realizations, as in [P4] (its error bars are correlated across ε).
 *
 * @module
 */
import { NessrefError } from "../../errors.js";
import { createRng, type Rng } from "../../analysis/random.js";
import { linkConductances, sampleLinkLengths } from "./links.js";
import { chargeNetwork1D } from "./network1d.js";
import { checkThermalData, thermalChainMoments } from "./internal.js";
import { chargeNetwork2D, thermalNetwork2D } from "./network2d.js";
import { closedSpreading1D, closedSpreading2D } from "./spreading.js";

/**
 * The network model of an ensemble (MODELS §4; names as in the contract's `resistor-network`).
 *
 * @example
 * ```ts
 * import type { NetworkModel } from "nessref/exact";
 * const m: NetworkModel = { dim: 1, mode: "thermal", N: 1000, a: 1, xi: 2, Gamma0: 5, kappa0: 1,
 *   T0: 1, theta: 1, dg1: 0.05, dg2: 0.05 };
 * ```
 */
export interface NetworkModel {
  /** dimension 1 or 2 */ dim: 1 | 2;
  /** thermal, charge or spreading */ mode: "thermal" | "charge" | "spreading";
  /** islands (1D) or side (2D) */ N: number;
  /** minimal link length */ a: number;
  /** length scale ξ */ xi: number;
  /** Γ0 (Γ̃0 in charge mode) */ Gamma0: number;
  /** κ0 (thermal) */ kappa0?: number;
  /** T0 (thermal) */ T0?: number;
  /** θ (thermal) */ theta?: number;
  /** δg1 (thermal) */ dg1?: number;
  /** δg2 (thermal) */ dg2?: number;
  /** σ0 (charge) */ sigma0?: number;
  /** V (charge) */ V?: number;
  /** initial island, 1-based (spreading) */ x0?: number;
}

/**
 * A drawn realization: link lengths and (thermal) the sink and source weights.
 *
 * @example
 * ```ts
 * import type { NetworkDisorder } from "nessref/exact";
 * const show = (r: NetworkDisorder) => r.lengths.length;
 * ```
 */
export interface NetworkDisorder {
  /** 1D: the link lengths; 2D: the horizontal ones (N×(N−1)) */
  lengths: Float64Array;
  /** 2D: the vertical link lengths ((N−1)×N); empty in 1D */
  lengthsV: Float64Array;
  /** sink weights (thermal), else empty */
  g1: Float64Array;
  /** source weights (thermal), else empty */
  g2: Float64Array;
}

/**
 * Draw one realization of the model from `rng` in the order of the module description.
 *
 * @param m - the model
 * @param rng - the realization's generator
 * @returns the lengths and weights
 *
 * @example
 * ```ts
 * import { drawNetworkDisorder } from "nessref/exact";
 * import { realizationRng } from "nessref/analysis";
 * const r = drawNetworkDisorder({ dim: 1, mode: "charge", N: 100, a: 1, xi: 2, Gamma0: 5, sigma0: 1, V: 10 },
 *   realizationRng(7, 0)); // 100 link lengths
 * ```
 */
export function drawNetworkDisorder(m: NetworkModel, rng: Rng): NetworkDisorder {
  const law = { dim: m.dim, a: m.a, xi: m.xi };
  const N = m.N;
  let lengths: Float64Array;
  let lengthsV: Float64Array = new Float64Array(0);
  if (m.dim === 1) lengths = sampleLinkLengths(rng, m.mode === "charge" ? N : N - 1, law);
  else {
    lengths = sampleLinkLengths(rng, N * (N - 1), law);
    lengthsV = sampleLinkLengths(rng, (N - 1) * N, law);
  }
  let g1: Float64Array = new Float64Array(0), g2: Float64Array = new Float64Array(0);
  if (m.mode === "thermal") {
    const n = m.dim === 1 ? N : N * N;
    g1 = new Float64Array(n);
    g2 = new Float64Array(n);
    // u = −1 + 2·nextFloat() is rng.uniform(−1, 1) bit for bit, without its per-call checks
    const d1 = m.dg1 ?? 0, d2 = m.dg2 ?? 0;
    for (let i = 0; i < n; i++) g1[i] = 1 + (-1 + 2 * rng.nextFloat()) * d1;
    for (let i = 0; i < n; i++) g2[i] = 1 + (-1 + 2 * rng.nextFloat()) * d2;
  }
  return { lengths, lengthsV, g1, g2 };
}

/**
 * The observables of one realization (see {@link solveNetworkRealization}).
 *
 * @example
 * ```ts
 * import type { NetworkRealizationResult } from "nessref/exact";
 * const show = (r: NetworkRealizationResult) => r.values;
 * ```
 */
export interface NetworkRealizationResult {
  /**
   * thermal: per ε, [Mean_i T_i, Var_i T_i] flattened (length 2·nε); charge: the current per ε;
   * spreading: σ_E²(t) = Σ_i d_i² e_i(t) per time.
   */
  values: Float64Array;
  /** thermal: max over ε of |sinks − sources|/sources; charge: max current spread; spreading: energy error */
  balance: number;
  /** 2D: the largest CG iteration count over ε (0 otherwise) */
  iterations: number;
}

/**
 * Solve one realization at every ε (thermal, charge) or time (spreading).
 *
 * @param m - the model
 * @param dis - the realization (drawn or explicit)
 * @param points - the couplings ε (thermal, charge) or times (spreading)
 * @returns the observables
 * @throws NessrefError as the single-network solvers
 *
 * @example
 * ```ts
 * import { drawNetworkDisorder, solveNetworkRealization } from "nessref/exact";
 * import { realizationRng } from "nessref/analysis";
 * const m = { dim: 1, mode: "charge", N: 100, a: 1, xi: 2, Gamma0: 5, sigma0: 1, V: 10 } as const;
 * solveNetworkRealization(m, drawNetworkDisorder(m, realizationRng(7, 0)), [0.01, 0.1]).values; // two currents
 * ```
 */
export function solveNetworkRealization(m: NetworkModel, dis: NetworkDisorder, points: readonly number[]): NetworkRealizationResult {
  const N = m.N;
  if (m.mode === "spreading") {
    const law = { dim: m.dim, a: m.a, epsilon: 0, kappa0: 0, Gamma0: m.Gamma0 };
    const x0 = m.x0 as number;
    const s = m.dim === 1
      ? closedSpreading1D(linkConductances(dis.lengths, law), x0, points)
      : closedSpreading2D(N, linkConductances(dis.lengths, law), linkConductances(dis.lengthsV, law), x0, points);
    return { values: s.secondMoment, balance: s.energyError, iterations: 0 };
  }
  if (m.mode === "thermal" && m.dim === 1) return thermalChainRealization(m, dis, points);
  const values = new Float64Array(m.mode === "thermal" ? 2 * points.length : points.length);
  let balance = 0, iterations = 0;
  for (let k = 0; k < points.length; k++) {
    const epsilon = points[k];
    if (m.mode === "thermal") {
      const law = { dim: m.dim, a: m.a, epsilon, kappa0: m.kappa0 as number, Gamma0: m.Gamma0 };
      const sinks = { g1: dis.g1, g2: dis.g2, epsilon, T0: m.T0 as number, theta: m.theta as number };
      // 2D (1D is thermalChainRealization)
      const s = thermalNetwork2D(N, sinks, linkConductances(dis.lengths, law), linkConductances(dis.lengthsV, law));
      iterations = Math.max(iterations, s.solve.iterations);
      values[2 * k] = s.meanT;
      values[2 * k + 1] = s.varianceT;
      if (s.sources !== 0) balance = Math.max(balance, Math.abs(s.sinks - s.sources) / Math.abs(s.sources));
    } else {
      const law = { dim: m.dim, a: m.a, epsilon, kappa0: m.sigma0 as number, Gamma0: m.Gamma0 };
      if (m.dim === 1) {
        const s = chargeNetwork1D(linkConductances(dis.lengths, law), m.V as number);
        values[k] = s.current;
        balance = Math.max(balance, s.currentSpread);
      } else {
        const s = chargeNetwork2D(N, m.V as number, linkConductances(dis.lengths, law), linkConductances(dis.lengthsV, law));
        values[k] = s.current;
        balance = Math.max(balance, s.currentSpread);
        iterations = Math.max(iterations, s.solve.iterations);
      }
    }
  }
  return { values, balance, iterations };
}

/**
 * The 1D thermal chain at every ε: e^{−ℓ/a} and κ0/ℓ once per realization, then the unchecked
 * kernel (the same arithmetic as {@link thermalNetwork1D}, so the same bits).
 */
function thermalChainRealization(m: NetworkModel, dis: NetworkDisorder, points: readonly number[]): NetworkRealizationResult {
  const who = "solveNetworkRealization";
  const n = m.N, L = dis.lengths;
  const kappa0 = m.kappa0 as number, T0 = m.T0 as number, theta = m.theta as number;
  if (L.length !== n - 1) throw new NessrefError("invalid-input", `${who}: ${n} islands need ${n - 1} link lengths, got ${L.length}`, "/lengths");
  checkThermalData({ g1: dis.g1, g2: dis.g2, epsilon: points[0], T0, theta }, n, who);
  if (!(kappa0 >= 0) || !Number.isFinite(kappa0)) throw new NessrefError("invalid-input", `${who}: kappa0 must be finite and ≥ 0, got ${kappa0}`, "/kappa0");
  const inv = new Float64Array(n - 1), base = new Float64Array(n - 1);
  let minBase = Infinity;
  for (let k = 0; k < n - 1; k++) {
    const l = L[k];
    if (!(l >= m.a) || !Number.isFinite(l)) throw new NessrefError("invalid-input", `${who}: lengths[${k}] = ${l} must be finite and ≥ a = ${m.a} (MODELS §4)`, `/lengths/${k}`);
    inv[k] = kappa0 / l;
    base[k] = m.Gamma0 * Math.exp(-l / m.a);
    if (base[k] < minBase) minBase = base[k];
  }
  const w = { x: new Float64Array(n), r: new Float64Array(n), y: new Float64Array(n) };
  const values = new Float64Array(2 * points.length);
  let balance = 0;
  for (let k = 0; k < points.length; k++) {
    const eps = points[k];
    if (!(eps > 0) || !Number.isFinite(eps)) throw new NessrefError("invalid-input", `${who}: ε must be finite and > 0 in thermal mode, got ${eps}`, `/points/${k}`);
    if (eps * kappa0 === 0 && !(minBase > 0) && n > 1) throw new NessrefError("singular", `${who}: a link has conductance 0 (ε·κ0 = 0 and Γ0e^{−ℓ/a} = 0): the network is cut`, "/lengths");
    const s = thermalChainMoments(inv, base, dis.g1, dis.g2, eps, theta, T0, w);
    values[2 * k] = s.meanT;
    values[2 * k + 1] = s.variance;
    balance = Math.max(balance, s.balance);
  }
  return { values, balance, iterations: 0 };
}

/**
 * Input of one batch task of {@link networkEnsemble} (module `hydroTasks`).
 *
 * @example
 * ```ts
 * import type { NetworkBatchInput } from "nessref/exact";
 * const b: NetworkBatchInput = { model: { dim: 1, mode: "charge", N: 100, a: 1, xi: 2, Gamma0: 5, sigma0: 1, V: 10 },
 *   points: [0.01], seed: 7, rStart: 0, count: 10 };
 * ```
 */
export interface NetworkBatchInput {
  /** the model */ model: NetworkModel;
  /** ε values or times */ points: number[];
  /** ensemble seed */ seed: number | string;
  /** first realization index */ rStart: number;
  /** realizations in this batch */ count: number;
}

/**
 * Realizations rStart..rStart+count−1 of an ensemble (the worker task of {@link networkEnsemble}).
 *
 * @param inp - model, points, seed and the realization range
 * @returns one result per realization, in order
 *
 * @example
 * ```ts
 * import { networkBatch } from "nessref/exact";
 * networkBatch({ model: { dim: 1, mode: "charge", N: 100, a: 1, xi: 2, Gamma0: 5, sigma0: 1, V: 10 },
 *   points: [0.01], seed: 7, rStart: 0, count: 2 }).length; // 2
 * ```
 */
export function networkBatch(inp: NetworkBatchInput): NetworkRealizationResult[] {
  const out: NetworkRealizationResult[] = [];
  const master = createRng(inp.seed);
  for (let r = inp.rStart; r < inp.rStart + inp.count; r++) {
    const rng = master.fork(r);
    try {
      out.push(solveNetworkRealization(inp.model, drawNetworkDisorder(inp.model, rng), inp.points));
    } catch (e) {
      if (e instanceof NessrefError) throw new NessrefError(e.code, `realization ${r}: ${e.message}`, e.path);
      throw e;
    }
  }
  return out;
}
