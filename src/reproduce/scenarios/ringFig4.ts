/**
 * Scenario "ring-fig4": [P3] Fig. 4. Ergotropy, total heat current J_L and the level gaps
 * E3 − E2, E4 − E3, E5 − E4 (sector 2, levels numbered 1…6 by ascending energy) vs Δ for
 * h2 = 2, 1.8, 1.6, 1.4, 1.2 with h2/h3 = 2 (the paper's caption is garbled by OCR, "h3/h5 = 2";
 * we read it as the ratio of the Fig. 2/3 fields h2 = 2, h3 = 1), T_L = 2, T_R = 1, γ = 0.01,
 * ωc = 10 (CONVENTIONS §6).
 *
 * Checks: for every h2 the Δ of the largest ergotropy peak and of the deepest heat-current
 * minimum lie close to a minimum of one of the three gaps (an avoided crossing). The paper notes
 * they "do not exactly coincide"; the tolerance is stated with the value found.
 *
 * @module
 */
import { symEigvalues } from "../../linalg/symeig.js";
import { ring4SectorHamiltonian } from "../../exact/ring4.js";
import type { Check, Figure, Scenario, ScenarioContext, ScenarioOutput, Series } from "../types.js";
import { argExtreme, grid, localMinima, sweepDelta } from "./ringCommon.js";

const H2S = [2, 1.8, 1.6, 1.4, 1.2];
/** Largest allowed |Δ_peak − Δ_crossing|: the peaks sit beside the crossings, not on them; found 0.02–0.30 (default grid). */
const NEAR = 0.5;

async function run(ctx: ScenarioContext): Promise<ScenarioOutput> {
  const n = ctx.full ? 1201 : 301;
  const deltas = grid(-1, 5, n);
  const ergS: Series[] = [];
  const heatS: Series[] = [];
  const gapS: Series[] = [];
  const rows: (number | string)[][] = [];
  const checks: Check[] = [];
  let done = 0;
  for (const h2 of H2S) {
    const h3 = h2 / 2;
    const base = { J: 1, h2, h3, TL: 2, TR: 1, gamma: 0.01, omegaC: 10, sector: 2 };
    const rs = sweepDelta(base, deltas, () => ctx.progress(++done, n * H2S.length));
    const erg = rs.map((r) => r.ergotropy);
    const heat = rs.map((r) => r.heatCurrentLeft);
    const gaps = [0, 1, 2].map(() => [] as number[]);
    for (const delta of deltas) {
      // the level gaps from an independent eigen-solve of the bit-string block
      const E = symEigvalues(ring4SectorHamiltonian({ J: 1, delta, h2, h3, sector: 2 }).H);
      for (let g = 0; g < 3; g++) gaps[g]!.push(E[g + 2]! - E[g + 1]!);
    }
    ergS.push({ name: `h2 = ${h2}`, x: deltas, y: erg });
    heatS.push({ name: `h2 = ${h2}`, x: deltas, y: heat });
    ["E3 − E2", "E4 − E3", "E5 − E4"].forEach((lab, g) => gapS.push({ name: `${lab}, h2 = ${h2}`, x: deltas, y: gaps[g]! }));
    // avoided crossings: interior local minima of the three gap curves
    const crossings: number[] = [];
    gaps.forEach((gv) => localMinima(gv).forEach((k) => crossings.push(deltas[k]!)));
    const kE = argExtreme(erg, true);
    const kJ = argExtreme(heat, false);
    const nearest = (x: number) => crossings.reduce((b, c) => (Math.abs(c - x) < Math.abs(b - x) ? c : b), Number.POSITIVE_INFINITY);
    const cE = nearest(deltas[kE]!);
    const cJ = nearest(deltas[kJ]!);
    rows.push([h2, deltas[kE]!, erg[kE]!, deltas[kJ]!, heat[kJ]!, crossings.map((c) => c.toFixed(3)).join(", ")]);
    checks.push(
      {
        name: `h2 = ${h2}: |Δ(max 𝓔) − nearest gap minimum|`,
        value: Math.abs(deltas[kE]! - cE),
        reference: 0,
        tolerance: NEAR,
        relative: false,
        reason: `the peaks sit next to the avoided crossings, not on them ([P3] Sec. 5: "do not exactly coincide"); offsets found 0.04–0.30, allowed ${NEAR} in Δ (grid step ${(deltas[1]! - deltas[0]!).toFixed(3)})`,
        referenceSource: "position of the avoided crossing (local minimum of E_{k+1} − E_k from symEigvalues of the sector block)",
      },
      {
        name: `h2 = ${h2}: |Δ(min J_L) − nearest gap minimum|`,
        value: Math.abs(deltas[kJ]! - cJ),
        reference: 0,
        tolerance: NEAR,
        relative: false,
        reason: `the heat-current minima occur together with the small avoided crossings ([P3] Sec. 5); ${NEAR} in Δ`,
        referenceSource: "position of the avoided crossing (local minimum of E_{k+1} − E_k)",
      },
    );
  }
  const figures: Figure[] = [
    { id: "ergotropy", title: "(a) ergotropy vs Δ, sector 2, h2/h3 = 2", xLabel: "Δ", yLabel: "ergotropy", series: ergS },
    { id: "heat", title: "(b) total heat current J_L vs Δ", xLabel: "Δ", yLabel: "J_L", series: heatS },
    { id: "gaps", title: "(c) level gaps vs Δ (sector 2)", xLabel: "Δ", yLabel: "E_{k+1} − E_k", series: gapS },
  ];
  return {
    tables: [
      {
        title: "Peaks, minima and avoided crossings",
        columns: ["h2", "Δ at max 𝓔", "max 𝓔", "Δ at min J_L", "min J_L", "gap minima at Δ ="],
        rows,
      },
    ],
    figures,
    checks,
    notes: [
      `T_L = 2, T_R = 1, γ = 0.01, ωc = 10, h3 = h2/2; ${n} values of Δ in [−1, 5] per h2.`,
      "Reading of the OCR-garbled caption 'h3/h5 = 2 where h5 = 2, 1.8, …': h2 takes the listed values and h2/h3 = 2, as for the Fig. 2/3 fields (h2 = 2, h3 = 1).",
    ],
  };
}

/**
 * The "ring-fig4" scenario: [P3] Fig. 4 (see the module comment).
 *
 * @example
 * ```ts
 * import { ringFig4Scenario } from "nessref/reproduce";
 * const out = await ringFig4Scenario.run({ full: false, progress: () => {} });
 * out.figures.map((f) => f.id); // ["ergotropy", "heat", "gaps"]
 * ```
 */
export const ringFig4Scenario: Scenario = {
  name: "ring-fig4",
  paper: "[P3] 003_… four-spin ring with Redfield baths, Fig. 4",
  reproduces: "ergotropy, total heat current and level gaps vs Δ for h2 = 2 … 1.2 (h2/h3 = 2): peaks at the avoided crossings",
  defaultSize: "301 values of Δ in [−1, 5] for each of 5 fields",
  fullSize: "1201 values of Δ in [−1, 5] for each of 5 fields",
  run,
};
