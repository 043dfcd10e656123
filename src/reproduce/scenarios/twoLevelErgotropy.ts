/**
 * Scenario "two-level-ergotropy": ergotropy of the Gibbs state of H = (ω/2)σ^z at inverse
 * temperature β ∈ [−4, 4]. With p↑ = e^{−βω/2}/Z, p↓ = e^{βω/2}/Z the state is passive
 * (p↓ ≥ p↑) for β ≥ 0, so 𝓔 = 0; for β < 0 the passive state swaps the populations and
 * 𝓔 = (ω/2)(p↑ − p↓) − (ω/2)(p↓ − p↑) = ω(p↑ − p↓) = ω·tanh(|β|ω/2).
 * Library road: `gibbsState` and `ergotropy` (MODELS §6 definition); reference: the closed
 * form with 30 digits (decimal.js).
 *
 * @module
 */
import { Decimal } from "decimal.js";
import { cscale } from "../../linalg/dense.js";
import { pauli } from "../../quantum/spin.js";
import { ergotropy, gibbsState } from "../../quantum/measures.js";
import type { Scenario, ScenarioOutput, ScenarioContext } from "../types.js";

const D30 = Decimal.clone({ precision: 30 });

/** 0 for β ≥ 0, ω·tanh(|β|ω/2) for β < 0, with 30 digits, rounded to a double. */
function closedForm(omega: number, beta: number): number {
  if (beta >= 0) return 0;
  return new D30(omega).times(new D30(-beta).times(omega).div(2).tanh()).toNumber();
}

async function run(ctx: ScenarioContext): Promise<ScenarioOutput> {
  const omega = 1;
  const n = ctx.full ? 801 : 81;
  const H = cscale(pauli("z"), omega / 2);
  const betas: number[] = [];
  const lib: number[] = [];
  const ref: number[] = [];
  let maxDev = 0;
  for (let k = 0; k < n; k++) {
    if (ctx.signal?.aborted) throw new Error("cancelled");
    const beta = -4 + (8 * k) / (n - 1);
    const e = ergotropy(gibbsState(H, beta), H);
    const r = closedForm(omega, beta);
    betas.push(beta);
    lib.push(e);
    ref.push(r);
    maxDev = Math.max(maxDev, Math.abs(e - r));
    ctx.progress(k + 1, n);
  }
  const stride = Math.max(1, Math.floor((n - 1) / 8));
  const rows: number[][] = [];
  for (let k = 0; k < n; k += stride) rows.push([betas[k], lib[k], ref[k], Math.abs(lib[k] - ref[k])]);
  return {
    tables: [{ title: `Ergotropy of the Gibbs state, ω = ${omega} (every ${stride}th β)`, columns: ["β", "ergotropy (library)", "closed form", "|difference|"], rows }],
    figures: [
      {
        id: "ergotropy",
        title: "Two-level Gibbs state: ergotropy vs β",
        xLabel: "β ω",
        yLabel: "ergotropy / ω",
        series: [
          { name: "ω tanh(|β|ω/2) for β < 0, else 0", x: betas, y: ref, mark: "line" },
          { name: "ergotropy(gibbsState(H, β), H)", x: betas, y: lib, mark: "point" },
        ],
      },
    ],
    checks: [
      {
        name: "max_β |𝓔(β) − closed form|",
        value: maxDev,
        reference: 0,
        tolerance: 1e-13,
        relative: false,
        reason: "2×2 Hermitian eigenproblems and exponentials: absolute error a few ε·ω; 1e-13 ≈ 450ε",
        referenceSource: "closed form ω·tanh(|β|ω/2) (β < 0), 0 (β ≥ 0), decimal.js at 30 digits",
      },
      {
        name: "𝓔(β = −4) (population inversion)",
        value: lib[0],
        reference: ref[0],
        tolerance: 1e-13,
        relative: true,
        reason: "well-conditioned: relative error a few ε",
        referenceSource: "ω·tanh(2ω), decimal.js at 30 digits",
      },
    ],
    notes: [`H = (ω/2)σ^z with ω = ${omega}; ${n} values of β in [−4, 4]. Positive β: passive Gibbs state, no work extractable.`],
  };
}

/**
 * The "two-level-ergotropy" scenario (see the module comment).
 *
 * @example
 * ```ts
 * import { twoLevelErgotropyScenario } from "nessref/reproduce";
 * const out = await twoLevelErgotropyScenario.run({ full: false, progress: () => {} });
 * console.log(out.checks[1].reference); // tanh(2) ≈ 0.964
 * ```
 */
export const twoLevelErgotropyScenario: Scenario = {
  name: "two-level-ergotropy",
  paper: "textbook: check of the ergotropy road used by [P3] 003_… (MODELS §6)",
  reproduces: "ergotropy of a two-level Gibbs state: 0 for β ≥ 0, ω·tanh(|β|ω/2) for β < 0",
  defaultSize: "81 values of β in [−4, 4]",
  fullSize: "801 values of β in [−4, 4]",
  run,
};
