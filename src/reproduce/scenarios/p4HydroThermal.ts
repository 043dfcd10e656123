/**
 * Scenarios "p4-hydro-fig1" and "p4-hydro-fig4": [P4] Fig. 1 (1D) and SM Fig. 4 (2D) — the
 * temperature fluctuations δT/T̄ of the thermal resistor network against the coupling ε for
 * α ∈ {0.15, 0.2, 0.3, 0.5, 1.0}, with the dynamical exponent z from δT/T̄ ∝ ε^{d/(2z)} and its
 * jackknife and bootstrap errors over realizations (the same realizations at every ε, as in the
 * paper). The paper's claims: in 1D z ∼ 1/α for α < 1 and z = 2 for α > 1; in 2D z = 2 for all α.
 *
 * The 1D scenario adds α = 3 (diffusive) and compares the network with the fractional
 * hydrodynamics of SM eq. (12) at z = 2 — a quantitative two-road check: γ̄ = 1/⟨Γ⁻¹⟩ (the
 * harmonic mean, closed form e·α/((α − 1)Γ0) for the mean resistance at ε → 0) and the white-noise
 * strength δg² = (δg1² + δg2²)/3 per island (the source term εθ(δg2 − δg1) of the linearised
 * balance, uniform δ's).
 *
 * Sizes: 1D N = 1000, 500 realizations (the paper's), ε ∈ {1, 2, 5}·10^{−3…−2} and 0.1; the fit
 * uses ε ≤ 0.01 (the small-ε regime; **nessref choice** — the paper does not give its window).
 * 2D N = 100 with 20 realizations by default (500 with `--full`; `NESSREF_P4_HYDRO_2D_REALIZATIONS`
 * overrides).
 *
 * @module
 */
import { fitPowerLaw } from "../../analysis/transport.js";
import { fitThermalExponent, fractionalTemperatureVariance, type ExponentFit } from "../../exact/hydro/index.js";
import type { Check, Figure, Scenario, ScenarioContext, ScenarioOutput } from "../types.js";
import { envCount, pm } from "./chainTasks.js";
import { decadePoints, hydroEnsemble, jackknifeErrors, p4ThermalModel } from "./p4HydroCommon.js";

const ALPHAS = [0.15, 0.2, 0.3, 0.5, 1.0];
const FIT_MAX_EPS = 0.01;

interface AlphaRun {
  alpha: number;
  dT: number[];
  se: number[];
  fit: ExponentFit;
  seconds: number;
  balance: number;
  iterations: number;
}

async function runAlpha(dim: 1 | 2, N: number, alpha: number, eps: number[], R: number, ctx: ScenarioContext): Promise<AlphaRun> {
  const e = await hydroEnsemble(p4ThermalModel(dim, N, alpha), eps, `p4-hydro-${dim}d-alpha${alpha}`, R, `p4 ${dim}D α = ${alpha}`, ctx);
  const nFit = eps.filter((x) => x <= FIT_MAX_EPS).length;
  const fit = fitThermalExponent(dim, eps.slice(0, nFit), e.samples.map((s) => s.slice(0, 2 * nFit)), { bootstrap: 500, seed: `p4-${dim}d-${alpha}` });
  return { alpha, dT: Array.from(e.average), se: jackknifeErrors("thermal", e.samples), fit, seconds: e.seconds, balance: e.balance, iterations: e.iterations };
}

async function run(dim: 1 | 2, ctx: ScenarioContext): Promise<ScenarioOutput> {
  const N = dim === 1 ? 1000 : 100;
  const R = dim === 1 ? 500 : envCount("NESSREF_P4_HYDRO_2D_REALIZATIONS", ctx.full ? 500 : 20);
  const eps = decadePoints(-3, -1);
  const alphas = dim === 1 ? [...ALPHAS, 3] : ALPHAS;
  const runs: AlphaRun[] = [];
  for (const [k, alpha] of alphas.entries()) {
    runs.push(await runAlpha(dim, N, alpha, eps, R, ctx));
    ctx.progress(k + 1, alphas.length);
  }
  const paper = runs.filter((r) => ALPHAS.includes(r.alpha));
  const figures: Figure[] = [{
    id: dim === 1 ? "fig1" : "fig4",
    title: `[P4] ${dim === 1 ? "Fig. 1" : "SM Fig. 4"}: δT/T̄ vs ε, ${dim}D thermal network, N = ${N}${dim === 2 ? `×${N}` : ""}, ${R} realizations (± jackknife)`,
    xLabel: "ε", yLabel: "δT/T̄", logX: true, logY: true,
    series: runs.map((r) => ({ name: `α = ${r.alpha}${ALPHAS.includes(r.alpha) ? "" : " (extra)"}`, x: eps, y: r.dT, yErr: r.se, mark: "point" as const })),
  }];
  const checks: Check[] = [];
  const worstBalance = Math.max(...runs.map((r) => r.balance));
  checks.push({
    name: "energy conservation: max over realizations and ε of |Σ sinks − Σ sources| / Σ sources",
    value: worstBalance, reference: 0, tolerance: dim === 1 ? 1e-12 : 1e-10, relative: false,
    reason: dim === 1 ? "subtraction-free elimination: a few ulps per island, summed over 1000 islands" : "CG to a relative residual of 1e-14 or a backward error of 1e-15; the balance is the sum of the residual equations over 10⁴ islands",
    referenceSource: "MODELS §4 (steady state: sinks = sources)",
  });
  const notes: string[] = [
    `z from the ordinary least-squares slope s of ln(δT/T̄) on ln ε over ε ≤ ${FIT_MAX_EPS} (${eps.filter((x) => x <= FIT_MAX_EPS).length} points), z = d/(2s); errors: leave-one-realization-out jackknife and 500 bootstrap resamples of whole realizations (CONVENTIONS §4).`,
    `Wall time per α: ${runs.map((r) => `${r.alpha}: ${r.seconds.toFixed(1)} s`).join(", ")}${dim === 2 ? `; the largest CG iteration count was ${Math.max(...runs.map((r) => r.iterations))}` : ""}.`,
  ];
  if (dim === 1) {
    const pairs = paper.slice(1).map((r, i) => paper[i].fit.value - 2 * paper[i].fit.jackknifeStdErr > r.fit.value + 2 * r.fit.jackknifeStdErr);
    checks.push({
      name: `z decreases with α: successive pairs resolved at 2σ (${paper.map((r) => `${r.alpha}: ${pm(r.fit.value, r.fit.jackknifeStdErr)}`).join(", ")})`,
      value: pairs.filter(Boolean).length, reference: pairs.length, tolerance: 0, relative: false,
      reason: "qualitative claim; every pair must be resolved at two jackknife standard errors each",
      referenceSource: "[P4] Fig. 1 caption (z ∼ α⁻¹ = ξ/a for 0 < α < 1)",
    });
    const sub = paper.filter((r) => r.alpha < 1);
    const p = fitPowerLaw(sub.map((r) => r.alpha), sub.map((r) => r.fit.value)).gamma;
    checks.push({
      name: `power p of z ∝ α^{−p} over α ≤ 0.5 (the paper: z ∼ 1/α, p = 1)`,
      value: p, reference: 1, tolerance: 0.3, relative: false,
      reason: "the paper's relation is a scaling statement with logarithmic corrections ((ε/ln ε⁻¹)^{α−1}, [P4] eq. (5)) at finite ε ≥ 1e-3; 0.3 allows them (nessref margin)",
      referenceSource: "[P4] Fig. 1 caption and text",
    });
    const diff = runs.find((r) => r.alpha === 3)!;
    checks.push({
      name: `α = 3 (diffusive): z = ${pm(diff.fit.value, diff.fit.jackknifeStdErr)}`,
      value: diff.fit.value, reference: 2, tolerance: 0.2, relative: false,
      reason: "finite-ε crossover: the diffusion length √(γ̄/ε) is 11–35 islands at ε ≤ 0.01; 0.2 allows it (nessref margin)",
      referenceSource: "[P4] Fig. 1 caption (z = 2 in the diffusive regime α > 1)",
    });
    // SM eq. (12) at z = 2 against the network at the smallest ε
    const a3 = 3, gammaBar = ((a3 - 1) * 5) / (Math.E * a3);
    const dg = Math.sqrt((0.05 ** 2 + 0.05 ** 2) / 3);
    const pred = Math.sqrt(fractionalTemperatureVariance({ d: 1, z: 2, epsilon: eps[0], theta: 1, dg, gbar: 1, gammaBar })) / 2;
    checks.push({
      name: `α = 3, ε = ${eps[0]}: δT/T̄ of the network (${pm(diff.dT[0], diff.se[0])}) against SM eq. (12) at z = 2, γ̄ = (α−1)Γ0/(eα) = ${gammaBar.toFixed(4)}, δg² = 2·0.05²/3 (${pred.toPrecision(4)})`,
      value: diff.dT[0], reference: pred, tolerance: 0.1, relative: true,
      reason: "hydrodynamic limit: corrections of order √(ε/γ̄) (lattice), ℓ_ε/N (the open ends, ℓ_ε = √(γ̄/ε) ≈ 35 islands) and from the disorder of Γ at second order, plus a 1 % statistical error; 10 % (nessref margin; measured 4 %)",
      referenceSource: "[P4] SM eq. (12) (closed form, nessref fractionalTemperatureVariance; cross-checked by decimal.js quadrature in spec/hydro.spec.ts)",
    });
    notes.push("α = 3 is not in the paper's Fig. 1: it is added as the diffusive reference for z = 2 and for the quantitative comparison with SM eq. (12).");
    notes.push("The column 1 + 1/α is the exact spreading exponent of the closed 1D network (the random-barrier model with P(Γ) ∝ Γ^{α−1}; Alexander et al., Rev. Mod. Phys. 53, 175 (1981)), of which the paper's z ∼ 1/α is the small-α form; the open-network z found here lies within ~12 % of it. See p4-hydro-fig7.");
  } else {
    const zs = paper.map((r) => r.fit.value);
    checks.push({
      name: `2D: mean of z over the five α (${paper.map((r) => `${r.alpha}: ${pm(r.fit.value, r.fit.jackknifeStdErr)}`).join(", ")})`,
      value: zs.reduce((a, b) => a + b, 0) / zs.length, reference: 2, tolerance: 0.15, relative: false,
      reason: `diffusive for every α in 2D; 0.15 for the finite-ε crossover and ${R} realizations per α (nessref margin)`,
      referenceSource: "[P4] SM Fig. 4 caption (δT/T̄ ∼ ε^{d/2z} with z = 2 for all α)",
    });
    checks.push({
      name: "2D: max over α of |z − 2| (the 1D exponents above span 2…9)",
      value: Math.max(...zs.map((z) => Math.abs(z - 2))), reference: 0, tolerance: 0.4, relative: false,
      reason: "the smallest α crosses over latest: its links span Γ0e^{−2ξ}…Γ0e^{−1}, so ε ≤ 0.01 is not yet asymptotic (measured for α = 0.15 with 20 realizations: z = 2.32 ± 0.05 on ε ∈ [1e-3, 1e-2], 2.00 ± 0.08 on [1e-4, 1e-3]); 0.4 (nessref margin)",
      referenceSource: "[P4] SM Fig. 4 caption",
    });
    notes.push(`2D: ${R} realizations per α (the paper averaged 500; \`--full\` runs 500, NESSREF_P4_HYDRO_2D_REALIZATIONS overrides).`);
  }
  return {
    tables: [{
      title: `[P4] ${dim === 1 ? "Fig. 1" : "SM Fig. 4"}: dynamical exponent z from δT/T̄ ∝ ε^{d/(2z)}, ${dim}D, N = ${N}${dim === 2 ? `×${N}` : ""}, ${R} realizations`,
      columns: ["α", "z (± jackknife)", "bootstrap se", "95 % bootstrap interval", dim === 1 ? "paper: z ∼ 1/α (α < 1), 2 (α > 1)" : "paper: z", ...(dim === 1 ? ["random barriers: 1 + 1/α"] : []), "δT/T̄ at ε = 1e-3", "δT/T̄ at ε = 0.1"],
      rows: runs.map((r) => [
        r.alpha, pm(r.fit.value, r.fit.jackknifeStdErr), r.fit.bootstrapStdErr.toPrecision(2),
        `[${r.fit.bootstrapInterval[0].toFixed(3)}, ${r.fit.bootstrapInterval[1].toFixed(3)}]`,
        dim === 1 ? (r.alpha < 1 ? (1 / r.alpha).toFixed(2) : "2") : "2",
        ...(dim === 1 ? [r.alpha < 1 ? (1 + 1 / r.alpha).toFixed(2) : "2"] : []),
        pm(r.dT[0], r.se[0]), pm(r.dT[r.dT.length - 1], r.se[r.se.length - 1]),
      ]),
    }],
    figures,
    checks,
    notes,
  };
}

/** [P4] Fig. 1: the 1D thermal network (see the module description). */
export const p4HydroFig1Scenario: Scenario = {
  name: "p4-hydro-fig1",
  paper: "[P4] 004_… (Fig. 1)",
  reproduces: "δT/T̄ vs ε of the 1D thermal resistor network for α = 0.15…1, the exponent z with errors, and SM eq. (12) against the diffusive network",
  defaultSize: "N = 1000, 500 realizations, 7 values of ε, 6 values of α",
  fullSize: "the same (the paper's size)",
  run: (ctx) => run(1, ctx),
};

/** [P4] SM Fig. 4: the 2D thermal network (see the module description). */
export const p4HydroFig4Scenario: Scenario = {
  name: "p4-hydro-fig4",
  paper: "[P4] 004_… (SM Fig. 4)",
  reproduces: "δT/T̄ vs ε of the 2D thermal resistor network for α = 0.15…1: z = 2 for every α",
  defaultSize: "N×N = 100×100, 20 realizations, 7 values of ε, 5 values of α",
  fullSize: "N×N = 100×100, 500 realizations (the paper's)",
  run: (ctx) => run(2, ctx),
};
