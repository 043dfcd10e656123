/**
 * Worker task of {@link harmonicEnsemble}: a batch of disorder realizations of the harmonic
 * chain ([P1] §2). A pure function of its input — realization r draws its potentials from
 * `realizationRng(seed, r)` — so the numbers do not depend on the worker or the batch size.
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { harmonicNess, harmonicWeakCoupling, type LangevinBath } from "../exact/harmonic.js";
import { realizationRng } from "./ensemble.js";
import { temperatureStep, uniformPotentials, type HarmonicBatchInput, type HarmonicRealization } from "./harmonic.js";

/** Refusals recorded per realization (the solver could not vouch for its digits, or the NESS is not unique). */
const REFUSALS = new Set(["singular", "non-unique-ness"]);

/**
 * Solve realizations rStart … rStart + count − 1 of a harmonic ensemble.
 *
 * @param inp - the batch (see {@link HarmonicBatchInput})
 * @returns one record per realization, in index order
 * @throws NessrefError for anything other than a per-realization refusal
 *
 * @example
 * ```ts
 * import { harmonicBatch } from "nessref/analysis";
 * const rs = harmonicBatch({ L: 20, g: 0.1, vMin: 1, vMax: 2, T1: 1, TL: 2, lambda: 0,
 *   seed: 1, rStart: 0, count: 2 });
 * rs[1]!.step; // the step metrics of realization 1
 * ```
 */
export function harmonicBatch(inp: HarmonicBatchInput): HarmonicRealization[] {
  const out: HarmonicRealization[] = [];
  const baths: LangevinBath[] = [{ site: 1, T: inp.T1 }, { site: inp.L, T: inp.TL }];
  for (let r = inp.rStart; r < inp.rStart + inp.count; r++) {
    const V = uniformPotentials(realizationRng(inp.seed, r), inp.L, inp.vMin, inp.vMax);
    const sys = { potentials: V, g: inp.g };
    try {
      let T: Float64Array, current: number;
      if (inp.lambda === 0) {
        const w = harmonicWeakCoupling(sys, baths);
        T = w.temperature; current = w.currentCoefficients[0]!;
      } else {
        const s = harmonicNess(sys, baths, inp.lambda);
        T = s.temperature; current = s.heatCurrents[0]!;
      }
      out.push({ r, temperature: Array.from(T), step: temperatureStep(T, inp.T1, inp.TL), current });
    } catch (e) {
      if (e instanceof NessrefError && REFUSALS.has(e.code)) out.push({ r, failure: { code: e.code, message: e.message } });
      else throw e;
    }
  }
  return out;
}
