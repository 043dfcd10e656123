/**
 * Scenario "ring-fig2": [P3] Fig. 2 (a–d). Local heat currents j_u = ⟨ĵ_2⟩, j_d = ⟨ĵ_4⟩, the
 * total heat current J_L and the spin current vs Δ in sectors 3 and 2, with the Δ-regions
 * shaded by heat-current mode (CONVENTIONS §6). Parameters of the paper: J = 1, h2 = 2, h3 = 1,
 * T_L = 2, T_R = 1, γ = 0.01, ωc = 10; Δ ∈ [−3, 4].
 *
 * Grids: 281 values of Δ per sector by default, 1401 with `--full` (the exact sector solver
 * takes < 1 ms per point).
 *
 * Checks: Δ-independence of J_L and j_S in sector 3 and affinity of j_u, j_d (exact
 * properties, CONVENTIONS §6); the exact identities J_L = j_u − j_d and J_L + J_R = 0 along
 * the sweep; in sector 2 the Δ of the heat-current minimum (golden section) and of the
 * spin-current zero (bisection), both against the paper's "Δ ≈ 2.19" (two digits, from its
 * text); the sequences of heat-current modes along Δ stated in the paper.
 *
 * @module
 */
import { solveRing4, type Ring4Params } from "../../exact/ring4.js";
import type { Check, Figure, Scenario, ScenarioContext, ScenarioOutput } from "../types.js";
import { bisectRoot, goldenMin, grid, modeBands, sweepDelta } from "./ringCommon.js";

const BASE = { J: 1, h2: 2, h3: 1, TL: 2, TR: 1, gamma: 0.01, omegaC: 10 };
/** The paper's line styles: j_u orange dashed, j_d green dot-dashed, J_L red solid, j_S blue dotted. */
const STYLE = {
  ju: { color: "#ff7f0e", dash: [7, 4] },
  jd: { color: "#2ca02c", dash: [8, 3, 2, 3] },
  JL: { color: "#d62728" },
  jS: { color: "#1f77b4", dash: [2, 2] },
};
/** Mode regions narrower than this (in Δ) are listed but not counted in the mode-sequence check. */
const SLIVER = 0.1;

async function run(ctx: ScenarioContext): Promise<ScenarioOutput> {
  const n = ctx.full ? 1401 : 281;
  const deltas = grid(-3, 4, n);
  const total = 2 * n;
  const s3 = sweepDelta({ ...BASE, sector: 3 }, deltas, (k) => ctx.progress(k, total));
  const s2 = sweepDelta({ ...BASE, sector: 2 }, deltas, (k) => ctx.progress(n + k, total));
  const pick = (rs: typeof s2, f: (r: (typeof s2)[number]) => number) => rs.map(f);

  const figures: Figure[] = [];
  for (const [label, rs, sector] of [["a", s3, 3], ["b", s2, 2]] as const) {
    figures.push({
      id: `heat-sector${sector}`,
      title: `(${label}) heat currents, sector ${sector} (${sector} spins up)`,
      xLabel: "Δ",
      yLabel: "heat current",
      bands: modeBands(deltas, rs),
      series: [
        { name: "j_u = ⟨ĵ_2⟩ (upper branch)", x: deltas, y: pick(rs, (r) => r.upperHeatCurrent), ...STYLE.ju },
        { name: "j_d = ⟨ĵ_4⟩ (lower branch)", x: deltas, y: pick(rs, (r) => r.lowerHeatCurrent), ...STYLE.jd },
        { name: "J_L = Tr(H R_L[ρ]) (total)", x: deltas, y: pick(rs, (r) => r.heatCurrentLeft), ...STYLE.JL },
      ],
    });
  }
  for (const [label, rs, sector] of [["c", s3, 3], ["d", s2, 2]] as const) {
    figures.push({
      id: `spin-sector${sector}`,
      title: `(${label}) spin current, sector ${sector}`,
      xLabel: "Δ",
      yLabel: "spin current j_S",
      yZero: true,
      bands: modeBands(deltas, rs),
      series: [{ name: "j_S = ⟨J(σ^x_1σ^y_2 − σ^y_1σ^x_2)⟩", x: deltas, y: pick(rs, (r) => r.spinCurrent), ...STYLE.jS }],
    });
  }

  // --- sector 3: Δ-independence and affinity
  const scale3 = Math.max(...s3.map((r) => Math.max(Math.abs(r.heatCurrentLeft), Math.abs(r.upperHeatCurrent), Math.abs(r.lowerHeatCurrent))));
  let dep = 0;
  for (const r of s3) {
    dep = Math.max(dep, Math.abs(r.heatCurrentLeft - s3[0]!.heatCurrentLeft) / scale3, Math.abs(r.spinCurrent - s3[0]!.spinCurrent) / scale3);
  }
  let curv = 0;
  for (let k = 1; k + 1 < n; k++) {
    for (const key of ["upperHeatCurrent", "lowerHeatCurrent"] as const) {
      curv = Math.max(curv, Math.abs(s3[k + 1]![key] - 2 * s3[k]![key] + s3[k - 1]![key]) / scale3);
    }
  }
  // --- identities along both sweeps
  let ident = 0;
  let cons = 0;
  for (const r of [...s2, ...s3]) {
    const sc = Math.max(Math.abs(r.heatCurrentLeft), Math.abs(r.upperHeatCurrent), Math.abs(r.lowerHeatCurrent));
    ident = Math.max(ident, Math.abs(r.heatCurrentLeft - (r.upperHeatCurrent - r.lowerHeatCurrent)) / sc);
    cons = Math.max(cons, Math.abs(r.heatCurrentLeft + r.heatCurrentRight) / sc);
  }
  // --- sector 2: heat-current minimum and spin-current zero near Δ ≈ 2.19
  const at = (delta: number) => solveRing4({ ...BASE, sector: 2, delta } as Ring4Params);
  const dMin = goldenMin((d) => at(d).heatCurrentLeft, 1.5, 3, 1e-9);
  const dZero = bisectRoot((d) => at(d).spinCurrent, 1.5, 3, 1e-12);
  const rMin = at(dMin);
  // where the branch currents change sign (the mode switches) near the minimum
  const dJu = bisectRoot((d) => at(d).upperHeatCurrent, 1.5, 3, 1e-12);
  const dJd = bisectRoot((d) => at(d).lowerHeatCurrent, 1.5, 3, 1e-12);
  // --- mode sequences ([P3] Sec. 4): regions wider than SLIVER, in order
  const bands3 = modeBands(deltas, s3);
  const bands2 = modeBands(deltas, s2);
  const seq = (bs: typeof bands2) => bs.filter((b) => b.x1 - b.x0 >= SLIVER).map((b) => b.label).join(" → ");
  const seq3 = seq(bands3);
  const seq2 = seq(bands2);
  const slivers2 = bands2.filter((b) => b.x1 - b.x0 < SLIVER && b.x0 > deltas[0]! && b.x1 < deltas[n - 1]!);

  const checks: Check[] = [
    {
      name: "sector 3: max_Δ |J_L(Δ) − J_L(−3)|, |j_S(Δ) − j_S(−3)| / current scale",
      value: dep,
      reference: 0,
      tolerance: 1e-10,
      relative: false,
      reason: "exact property (Δ adds 2Δ·𝟙 in sector 3); the solves differ by the rounding of the level spacings, ≲ κ·ε ≈ 1e-12",
      referenceSource: "CONVENTIONS §6 (sector-3 Δ-independence); [P3] Sec. 4",
    },
    {
      name: "sector 3: max second difference of j_u, j_d on the Δ grid / current scale",
      value: curv,
      reference: 0,
      tolerance: 1e-10,
      relative: false,
      reason: "j_u, j_d are affine in Δ (fixed ρ, operators affine in Δ); second differences are rounding only",
      referenceSource: "CONVENTIONS §6; [P3] Sec. 4 ('change linearly with Δ')",
    },
    {
      name: "max over both sweeps |J_L − (j_u − j_d)| / current scale",
      value: ident,
      reference: 0,
      tolerance: 1e-11,
      relative: false,
      reason: "exact identity of the Redfield NESS (CONVENTIONS §6); only the solve's residual ~κ·ε enters",
      referenceSource: "CONVENTIONS §6 (J_L = j_u − j_d exactly)",
    },
    {
      name: "max over both sweeps |J_L + J_R| / current scale",
      value: cons,
      reference: 0,
      tolerance: 1e-11,
      relative: false,
      reason: "energy conservation in the NESS; rounding of the solve only",
      referenceSource: "CONVENTIONS §6",
    },
    {
      name: "sector 2: Δ of the minimum of J_L (golden section on [1.5, 3])",
      value: dMin,
      reference: 2.19,
      tolerance: 0.01,
      relative: false,
      reason: "the paper states the position to two digits ('Δ ≈ 2.19'); our minimiser is converged to 1e-9",
      referenceSource: "[P3] Sec. 4 text, Fig. 2b",
    },
    {
      name: "sector 2: Δ where the spin current changes sign (bisection on [1.5, 3])",
      value: dZero,
      reference: 2.19,
      tolerance: 0.01,
      relative: false,
      reason: "the paper states the position to two digits ('Δ ≈ 2.19'); bisection converged to 1e-12",
      referenceSource: "[P3] Sec. 4 text, Fig. 2d",
    },
    {
      name: `sector 3: mode sequence along Δ is counterclockwise → parallel → clockwise (1 = yes; found ${seq3})`,
      value: seq3 === "counterclockwise → parallel → clockwise" ? 1 : 0,
      reference: 1,
      tolerance: 0,
      relative: false,
      reason: "qualitative statement of the paper (yes/no)",
      referenceSource: "[P3] Sec. 4 (Fig. 2a shading)",
    },
    {
      name: `sector 2: mode sequence (regions ≥ ${SLIVER} in Δ) is parallel → clockwise → counterclockwise (1 = yes; found ${seq2})`,
      value: seq2 === "parallel → clockwise → counterclockwise" ? 1 : 0,
      reference: 1,
      tolerance: 0,
      relative: false,
      reason: `qualitative statement of the paper (yes/no); j_u and j_d change sign ${Math.abs(dJd - dJu).toFixed(3)} apart in Δ near 2.19, leaving a narrow parallel region that the paper's "sharp change" does not resolve, so regions narrower than ${SLIVER} are not counted (they are listed in the table)`,
      referenceSource: "[P3] Sec. 4 (Fig. 2b shading)",
    },
  ];
  const modesAlong = (bs: typeof bands2) => bs.map((b) => `${b.label} on [${b.x0.toFixed(2)}, ${b.x1.toFixed(2)}]`).join(", ");
  return {
    tables: [
      {
        title: "Sector 2 near the avoided crossing",
        columns: ["quantity", "value"],
        rows: [
          ["Δ of the J_L minimum", dMin],
          ["J_L at the minimum", rMin.heatCurrentLeft],
          ["Δ of the spin-current zero", dZero],
          ["j_S at the J_L minimum", rMin.spinCurrent],
          ["Δ where j_u changes sign", dJu],
          ["Δ where j_d changes sign", dJd],
          ["narrow mode regions (< " + SLIVER + " in Δ)", slivers2.map((b) => `${b.label} on [${b.x0.toFixed(3)}, ${b.x1.toFixed(3)}]`).join(", ") || "none"],
        ],
      },
      {
        title: "Heat-current modes along the sweep",
        columns: ["sector", "regions"],
        rows: [
          [3, modesAlong(bands3)],
          [2, modesAlong(bands2)],
        ],
      },
    ],
    figures,
    checks,
    notes: [
      `J = 1, h2 = 2, h3 = 1, T_L = 2, T_R = 1, γ = 0.01, ωc = 10; ${n} values of Δ in [−3, 4]; exact sector solver (nessref/exact solveRing4), cross-checked against QuTiP in golden/ring/.`,
      "Shading: counterclockwise (pink), parallel (yellow), clockwise (green), from the signs of j_u and j_d (CONVENTIONS §6 'Mode'). Line styles as in the paper: j_u orange dashed, j_d green dot-dashed, J_L red solid, j_S blue dotted.",
      "Δ range: the OCR of [P3] lost the axes of Fig. 2; [−3, 4] covers the three mode regions of both sectors and the sector-2 minimum. The spin-current panels include 0 on the y axis (in sector 3 j_S is constant up to rounding).",
      `Sector 2: the minimum of J_L (Δ = ${dMin.toFixed(4)}) and the zero of j_S (Δ = ${dZero.toFixed(4)}) are ${Math.abs(dZero - dMin).toFixed(4)} apart; both round to the paper's 2.19 within ±0.01.`,
    ],
  };
}

/**
 * The "ring-fig2" scenario: [P3] Fig. 2 (see the module comment).
 *
 * @example
 * ```ts
 * import { ringFig2Scenario } from "nessref/reproduce";
 * const out = await ringFig2Scenario.run({ full: false, progress: () => {} });
 * out.tables[0].rows[0]; // ["Δ of the J_L minimum", ≈ 2.19]
 * ```
 */
export const ringFig2Scenario: Scenario = {
  name: "ring-fig2",
  paper: "[P3] 003_… four-spin ring with Redfield baths, Fig. 2",
  reproduces: "local/total heat currents and spin current vs Δ in sectors 3 and 2, mode regions, the sector-2 minimum near Δ ≈ 2.19",
  defaultSize: "281 values of Δ in [−3, 4] per sector",
  fullSize: "1401 values of Δ in [−3, 4] per sector",
  run,
};
