/**
 * Scenario "p4-hydro-fig7": [P4] SM Fig. 7 — the dynamical exponent z of the 1D resistor network
 * from two measurements: the open network's temperature fluctuations (δT/T̄ ∝ ε^{1/(2z)}, as in
 * "p4-hydro-fig1") and the closed network's spreading of an energy packet (σ_E ∝ t^{1/z}, SM eq.
 * (17), Γ = Γ0 e^{−ℓ/a}, e_i(0) = δ_{i,x0} in the middle of the chain), over α from 0.1 to 10.
 * The paper's claim: qualitative agreement of the two, z ∼ 1/α below α = 1 and z = 2 above. The
 * closed network is the random-barrier model (P(Γ) ∝ Γ^{α−1} at small Γ), whose exponent is known
 * exactly, z = 1 + 1/α for α < 1 (Alexander et al. 1981; Bouchaud & Georges 1990): it is the
 * quantitative reference here, and 1/α its small-α form.
 *
 * Sizes: N = 1000 (the paper's); open: 500 realizations and ε ∈ [1e-3, 1e-2] (4 points); closed:
 * 200 realizations (500 with `--full`) at t = {1, 2, 5}·10^{1…5} and 10⁶, fitted on t ≥ 10³ (past
 * the early-time transient, which biases z low at small α) with σ_E ≤ N/6 (the packet far from
 * the ends); **nessref choices**.
 *
 * @module
 */
import { fitPowerLaw } from "../../analysis/transport.js";
import { fitSpreadingExponent, fitThermalExponent, type ExponentFit } from "../../exact/hydro/index.js";
import type { Check, Scenario, ScenarioContext, ScenarioOutput } from "../types.js";
import { pm } from "./chainTasks.js";
import { hydroEnsemble, p4ThermalModel } from "./p4HydroCommon.js";

const ALPHAS = [0.1, 0.15, 0.2, 0.3, 0.5, 0.7, 1, 2, 3, 5, 10];
const EPS = [1e-3, 2e-3, 5e-3, 1e-2];
const TIMES = [1e1, 2e1, 5e1, 1e2, 2e2, 5e2, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6];
const T_MIN = 1e3;
const N = 1000;

interface Row {
  alpha: number;
  open: ExponentFit;
  closed: ExponentFit;
  window: [number, number];
  seconds: number;
}

async function run(ctx: ScenarioContext): Promise<ScenarioOutput> {
  const Rc = ctx.full ? 500 : 200;
  const rows: Row[] = [];
  for (const [k, alpha] of ALPHAS.entries()) {
    const t0 = performance.now();
    const eo = await hydroEnsemble(p4ThermalModel(1, N, alpha), EPS, `p4-fig7-open-${alpha}`, 500, `p4 fig7 open α = ${alpha}`, ctx);
    const open = fitThermalExponent(1, EPS, eo.samples, { bootstrap: 500, seed: `fig7-open-${alpha}` });
    const ec = await hydroEnsemble({ dim: 1, mode: "spreading", N, a: 1, xi: 1 / alpha, Gamma0: 5, x0: N / 2 }, TIMES, `p4-fig7-closed-${alpha}`, Rc, `p4 fig7 closed α = ${alpha}`, ctx);
    const sigma = Array.from(ec.average);
    const idx = TIMES.map((_t, i) => i).filter((i) => TIMES[i] >= T_MIN && sigma[i] <= N / 6);
    const closed = fitSpreadingExponent(idx.map((i) => TIMES[i]), ec.samples.map((s) => idx.map((i) => s[i])), { bootstrap: 500, seed: `fig7-closed-${alpha}` });
    rows.push({ alpha, open, closed, window: [TIMES[idx[0]], TIMES[idx[idx.length - 1]]], seconds: (performance.now() - t0) / 1000 });
    ctx.progress(k + 1, ALPHAS.length);
  }
  const below = rows.filter((r) => r.alpha <= 0.5);
  const power = (f: (r: Row) => number): number => fitPowerLaw(below.map((r) => r.alpha), below.map(f)).gamma;
  const ratios = rows.map((r) => r.open.value / r.closed.value);
  const sub = rows.filter((r) => r.alpha < 1);
  const rb = sub.map((r) => r.closed.value / (1 + 1 / r.alpha));
  const checks: Check[] = [
    {
      name: `closed network, α ≤ 0.5: power p of z ∝ α^{−p} (the paper: z ∼ 1/α)`,
      value: power((r) => r.closed.value), reference: 1, tolerance: 0.35, relative: false,
      reason: "z ∼ 1/α is the small-α form of the random-barrier exponent 1 + 1/α, whose log–log slope over these α is 0.81; plus the slow approach at small α (next check); 0.35 (nessref margin)",
      referenceSource: "[P4] SM Fig. 7 and main text (z ∼ α⁻¹)",
    },
    {
      name: `closed network, α < 1: z / (1 + 1/α) (${sub.map((r, i) => `${r.alpha}: ${rb[i].toFixed(3)}`).join(", ")}), the worst`,
      value: Math.min(...rb), reference: 1, tolerance: 0.25, relative: false,
      reason: "the asymptotic exponent is approached from below and slowly at small α (the packet must meet many rare barriers; t ≤ 10⁶ here); the lowest ratio must stay within 25 % (nessref margin); α ≥ 0.3 come within 5 %",
      referenceSource: "random-barrier model, P(Γ) ∝ Γ^{α−1}: ⟨x²⟩ ∝ t^{2α/(1+α)} (Alexander et al., Rev. Mod. Phys. 53, 175 (1981); Bouchaud & Georges, Phys. Rep. 195, 127 (1990))",
    },
    {
      name: `closed network, α ∈ [0.3, 0.7]: max |z/(1 + 1/α) − 1|`,
      value: Math.max(...rows.filter((r) => r.alpha >= 0.3 && r.alpha < 1).map((r) => Math.abs(r.closed.value / (1 + 1 / r.alpha) - 1))), reference: 0, tolerance: 0.05, relative: false,
      reason: "there the fit window t ∈ [10³, …] is asymptotic; 5 % for the remaining transient and 200 realizations (nessref margin)",
      referenceSource: "random-barrier model (as above)",
    },
    {
      name: `closed network, α ≥ 2: max |z − 2| (${rows.filter((r) => r.alpha >= 2).map((r) => `${r.alpha}: ${pm(r.closed.value, r.closed.jackknifeStdErr)}`).join(", ")})`,
      value: Math.max(...rows.filter((r) => r.alpha >= 2).map((r) => Math.abs(r.closed.value - 2))), reference: 0, tolerance: 0.1, relative: false,
      reason: "diffusive spreading σ_E² = 2Dt once t exceeds the link time scale; 0.1 for the early-time crossover in the fit window (nessref margin)",
      referenceSource: "[P4] SM Fig. 7 (z = 2 for α > 1)",
    },
    {
      name: `open vs closed: max over α of |ln(z_open/z_closed)| (ratios ${ratios.map((x) => x.toFixed(2)).join(", ")})`,
      value: Math.max(...ratios.map((x) => Math.abs(Math.log(x)))), reference: 0, tolerance: Math.log(1.5), relative: false,
      reason: "the paper reports qualitative agreement only; within a factor 1.5 (nessref margin)",
      referenceSource: "[P4] SM Fig. 7 caption and text ('a qualitative agreement')",
    },
  ];
  return {
    tables: [{
      title: `[P4] SM Fig. 7: z of the 1D network, N = ${N}: open (δT/T̄ ∝ ε^{1/(2z)}, 500 realizations, ε ∈ [1e-3, 1e-2]) and closed (σ_E ∝ t^{1/z}, ${Rc} realizations)`,
      columns: ["α", "z open (± jackknife)", "z closed (± jackknife)", "closed fit window t", "paper: z ∼ 1/α", "random barriers: 1 + 1/α (α < 1)", "wall s"],
      rows: rows.map((r) => [r.alpha, pm(r.open.value, r.open.jackknifeStdErr), pm(r.closed.value, r.closed.jackknifeStdErr), `${r.window[0]}–${r.window[1]}`, (1 / r.alpha).toFixed(2), r.alpha < 1 ? (1 + 1 / r.alpha).toFixed(2) : "2", r.seconds.toFixed(1)]),
    }],
    figures: [{
      id: "fig7",
      title: `[P4] SM Fig. 7: z from the open network (temperature fluctuations) and the closed network (spreading), N = ${N}`,
      xLabel: "α = a/ξ", yLabel: "z", logX: true, logY: true,
      series: [
        { name: "open (δT/T̄ ∝ ε^{1/2z})", x: rows.map((r) => r.alpha), y: rows.map((r) => r.open.value), yErr: rows.map((r) => r.open.jackknifeStdErr), mark: "point" },
        { name: "closed (σ_E ∝ t^{1/z})", x: rows.map((r) => r.alpha), y: rows.map((r) => r.closed.value), yErr: rows.map((r) => r.closed.jackknifeStdErr), mark: "point" },
        { name: "1/α (paper)", x: rows.filter((r) => r.alpha <= 1).map((r) => r.alpha), y: rows.filter((r) => r.alpha <= 1).map((r) => 1 / r.alpha), dash: [6, 3] },
        { name: "1 + 1/α (random barriers)", x: rows.filter((r) => r.alpha <= 1).map((r) => r.alpha), y: rows.filter((r) => r.alpha <= 1).map((r) => 1 + 1 / r.alpha), dash: [2, 2] },
      ],
    }],
    checks,
    notes: [
      "Fits: ordinary least squares on the log–log points; errors by the leave-one-realization-out jackknife and 500 bootstrap resamples of whole realizations (CONVENTIONS §4).",
      "Closed network: e(t) = e^{−tK}δ_{x0} by the contour rule of CONVENTIONS §4; σ_E of the realization-averaged profile.",
    ],
  };
}

/** [P4] SM Fig. 7 (see the module description). */
export const p4HydroFig7Scenario: Scenario = {
  name: "p4-hydro-fig7",
  paper: "[P4] 004_… (SM Fig. 7)",
  reproduces: "z vs α of the 1D resistor network from temperature fluctuations (open) and from spreading (closed)",
  defaultSize: "N = 1000, 11 values of α; open 500 realizations × 4 ε, closed 200 realizations × 16 times",
  fullSize: "closed with 500 realizations",
  run,
};
