/**
 * Scenario "p1-fig8": [P1] §3, Fig. 8 — the logarithm of the disorder-averaged stationary current
 * J_stat = γ⁺_1 − (γ⁺_1 + γ⁻_1) n_1 against the chain length L with a linear fit (the current
 * decays exponentially with L: localization). Model as in [P1] Fig. 6 / Table 1 (CONVENTIONS §1d):
 * V = J = 1, (γ⁺_1, γ⁻_1, γ⁺_L, γ⁻_L) = (3, 1, 2, 1), h_x uniform in [−h, h].
 *
 * The OCR'd caption gives only the realization counts (1000 for L ≤ 8, 100 for L = 9), not the
 * disorder strength: h = 4 here (**nessref choice**: the smallest h of Table 1 inside the fully
 * localized regime 1/ε = 2h/J > 7.2 that [P1] §3 quotes).
 *
 * Sizes: by default L = 3..7 (realizations 80, 80, 40, 16, 6); `--full` L = 3..9 with
 * (1000 × 6, 100), the paper's counts (days here); `NESSREF_P1_FIG8_REALIZATIONS` sets one count
 * for every L, {@link makeP1Fig8Scenario} any sizes.
 *
 * Fit: weighted least squares of ln⟨J⟩ on L with σ = se(J)/⟨J⟩ (Birge-scaled); also the fit of
 * the typical current ⟨ln J⟩, for comparison.
 *
 * @module
 */
import { runEnsemble } from "../../analysis/ensemble.js";
import type { Check, Figure, Scenario, ScenarioContext, ScenarioOutput } from "../types.js";
import { CHAIN_TASKS, envCount, lineFit, meanSe, pm, poolSettings, type FermionInput, type FermionOutput } from "./chainTasks.js";

const RATES: [number, number, number, number] = [3, 1, 2, 1];

/**
 * Sizes of {@link makeP1Fig8Scenario}: realizations per chain length.
 *
 * @example
 * ```ts
 * const o: P1Fig8Options = { h: 4, sizes: { 3: 100, 4: 100, 5: 60 }, fullSizes: { 8: 1000, 9: 100 } };
 * ```
 */
export interface P1Fig8Options {
  /** disorder strength (default 4) */ h?: number;
  /** default run: L → realizations */ sizes?: Record<number, number>;
  /** `--full`: L → realizations */ fullSizes?: Record<number, number>;
}

const yes = (b: boolean) => (b ? 1 : 0);

async function run(o: Required<P1Fig8Options>, ctx: ScenarioContext): Promise<ScenarioOutput> {
  const sizes = ctx.full ? o.fullSizes : o.sizes;
  const Ls = Object.keys(sizes).map(Number).sort((a, b) => a - b);
  const count = (L: number) => envCount("NESSREF_P1_FIG8_REALIZATIONS", sizes[L]);
  const inputs: FermionInput[] = [];
  // largest L first: the long solves start early and the short ones fill the gaps
  for (const L of [...Ls].reverse()) for (let r = 0; r < count(L); r++) inputs.push({ L, J: 1, V: 1, h: o.h, rates: RATES, seed: `p1-fig8/h=${o.h}/L=${L}`, r });
  const t0 = performance.now();
  const outs = await runEnsemble<FermionInput, FermionOutput>({
    module: CHAIN_TASKS, task: "fermionRealization", inputs, ...poolSettings("p1-fig8"),
    onProgress: (d, t) => ctx.progress(d, t), signal: ctx.signal,
  });
  const wall = (performance.now() - t0) / 1000;
  const cpu = outs.reduce((a, x) => a + x.seconds, 0);

  const [gp1, gm1, gpL, gmL] = RATES;
  let dev = 0, maxRes = 0, nFailed = 0, nRetried = 0, nonPositive = 0;
  const notes: string[] = [];
  const rows = Ls.map((L) => {
    const mine = outs.filter((_, i) => inputs[i].L === L);
    const ok = mine.filter((x) => !x.failure);
    nFailed += mine.length - ok.length;
    for (const f of mine) if (f.failure) notes.push(`L = ${L}: a realization was refused by the solver (${f.failure.code}): ${f.failure.message}`);
    for (const x of ok) {
      if (x.retried) { nRetried++; notes.push(`L = ${L}: re-solved on the dense road after the iterative road refused — ${x.retried}`); }
      const n = x.density;
      for (const j of x.current) dev = Math.max(dev, Math.abs(j - (gp1 - (gp1 + gm1) * n[0])), Math.abs(j - ((gpL + gmL) * n[L - 1] - gpL)));
      maxRes = Math.max(maxRes, x.residualRelative);
    }
    // J_stat from the boundary occupation, as in [P1]
    const J = ok.map((x) => gp1 - (gp1 + gm1) * x.density[0]);
    nonPositive += J.filter((j) => !(j > 0)).length;
    const s = meanSe(J);
    const lnJ = meanSe(J.filter((j) => j > 0).map(Math.log));
    return { L, n: ok.length, mean: s.mean, se: s.se, ln: Math.log(s.mean), lnSe: s.se / s.mean, typ: lnJ.mean, typSe: lnJ.se, min: Math.min(...J), max: Math.max(...J) };
  });
  const fit = lineFit(rows.map((r) => r.L), rows.map((r) => r.ln), rows.map((r) => Math.max(r.lnSe, 1e-12)));
  const fitTyp = lineFit(rows.map((r) => r.L), rows.map((r) => r.typ), rows.map((r) => Math.max(r.typSe, 1e-12)));

  const checks: Check[] = [
    {
      name: `ln⟨J_stat⟩ decreases linearly with L: fitted slope + 3σ < 0 (1 = yes; slope = ${fit.slope.toFixed(3)} ± ${fit.slopeErr.toFixed(3)})`,
      value: yes(fit.slope + 3 * fit.slopeErr < 0), reference: 1, tolerance: 0, relative: false,
      reason: "qualitative claim (yes/no): exponential decay of the current with L; 3σ of the Birge-scaled weighted fit",
      referenceSource: "[P1] §3: 'the stationary current decays exponentially with chain length, due to localization', Fig. 8",
    },
    {
      name: "max over realizations and bonds |j_b − J_stat| (J_stat from n_1, and from n_L)",
      value: dev, reference: 0, tolerance: 1e-10, relative: false,
      reason: "exact NESS identities (particle balance at both ends) and continuity; rounding and the solve's residual only",
      referenceSource: "[P1] §3, J_stat = γ⁺_1 − (γ⁺_1 + γ⁻_1) n_1 = −Tr(𝓛_r ρ N)",
    },
    {
      name: "realizations with J_stat ≤ 0",
      value: nonPositive, reference: 0, tolerance: 0, relative: false,
      reason: "μ_1 = ln 3 > μ_L = ln 2: particles flow from left to right in every realization",
      referenceSource: "[P1] §3 (bath potentials μ = ln(γ⁺/γ⁻))",
    },
    {
      name: "max over realizations ‖𝓛ρ‖/(‖𝓛‖‖ρ‖)",
      value: maxRes, reference: 0, tolerance: 1e-9, relative: false,
      reason: "the solver's own acceptance bound",
      referenceSource: "CONVENTIONS §0",
    },
    {
      name: `refused solves (after ${nRetried} dense retries)`,
      value: nFailed, reference: 0, tolerance: 0, relative: false,
      reason: "every realization has a unique NESS; a refusal is a solver limitation (listed in the notes)",
      referenceSource: "CONVENTIONS §0",
    },
  ];

  const xs = rows.map((r) => r.L);
  const line = (f: typeof fit) => `fit: ${f.intercept.toFixed(2).replace("-", "−")} ${f.slope < 0 ? "−" : "+"} ${Math.abs(f.slope).toFixed(3)} L`;
  const figures: Figure[] = [
    {
      id: "log-current",
      title: `[P1] Fig. 8: ln of the disorder-averaged current vs L (h = ${o.h}) with a linear fit`,
      xLabel: "L", yLabel: "ln J_stat",
      series: [
        { name: "ln⟨J_stat⟩", x: xs, y: rows.map((r) => r.ln), yErr: rows.map((r) => r.lnSe), mark: "point", color: "#1f77b4" },
        { name: line(fit), x: xs, y: xs.map((L) => fit.intercept + fit.slope * L), color: "#1f77b4", dash: [6, 3] },
        { name: "⟨ln J_stat⟩ (typical)", x: xs, y: rows.map((r) => r.typ), yErr: rows.map((r) => r.typSe), mark: "point", color: "#d62728" },
        { name: line(fitTyp), x: xs, y: xs.map((L) => fitTyp.intercept + fitTyp.slope * L), color: "#d62728", dash: [2, 2] },
      ],
    },
  ];
  notes.unshift(
    `Ran h = ${o.h}, L = ${Ls.join(", ")} with ${Ls.map(count).join(", ")} realizations (${inputs.length} NESS solves, ${cpu.toFixed(0)} s of solver time, ${wall.toFixed(0)} s wall). [P1] Fig. 8 used 1000 realizations for L ≤ 8 and 100 for L = 9${ctx.full ? "" : "; those sizes were not run"}.`,
    "The OCR of [P1] lost the axes and legend of Fig. 8 and the text gives no h: h = 4 is a nessref choice (fully localized regime, 1/ε = 2h/J = 8 > 7.2); V = J = 1 and rates (3, 1, 2, 1) as in Fig. 6. The paper's plot gives no number to compare the slope with.",
    "'Logarithm of the stationary current averaged over realizations' is read as ln⟨J⟩ (the fit of the figure); ⟨ln J⟩ (typical current) is shown as well: rare resonant realizations dominate ⟨J⟩, so the two slopes differ.",
  );
  return {
    tables: [
      {
        title: `Stationary current vs L, h = ${o.h} (mean ± standard error)`,
        columns: ["L", "realizations", "⟨J_stat⟩", "ln⟨J_stat⟩", "⟨ln J_stat⟩", "min J", "max J"],
        rows: rows.map((r) => [r.L, r.n, pm(r.mean, r.se), pm(r.ln, r.lnSe), pm(r.typ, r.typSe), r.min, r.max]),
      },
      {
        title: "Linear fits over all L (weighted least squares, Birge-scaled errors)",
        columns: ["quantity", "slope d/dL", "intercept", "χ²/dof", "decay length 1/|slope|"],
        rows: [
          ["ln⟨J_stat⟩", pm(fit.slope, fit.slopeErr), pm(fit.intercept, fit.interceptErr), fit.dof > 0 ? fit.chi2 / fit.dof : "—", 1 / Math.abs(fit.slope)],
          ["⟨ln J_stat⟩", pm(fitTyp.slope, fitTyp.slopeErr), pm(fitTyp.intercept, fitTyp.interceptErr), fitTyp.dof > 0 ? fitTyp.chi2 / fitTyp.dof : "—", 1 / Math.abs(fitTyp.slope)],
        ],
      },
    ],
    figures,
    checks,
    notes,
  };
}

/**
 * A "p1-fig8" scenario with other sizes (see the module comment).
 *
 * @param opts - h and the realizations per L of the default and `--full` runs
 * @returns the scenario (named "p1-fig8")
 *
 * @example
 * ```ts
 * import { makeP1Fig8Scenario } from "nessref/reproduce";
 * const s = makeP1Fig8Scenario({ h: 2, sizes: { 3: 50, 4: 50, 5: 50, 6: 20 } });
 * ```
 */
export function makeP1Fig8Scenario(opts: P1Fig8Options = {}): Scenario {
  const o: Required<P1Fig8Options> = {
    h: 4,
    sizes: { 3: 80, 4: 80, 5: 40, 6: 16, 7: 6 },
    fullSizes: { 3: 1000, 4: 1000, 5: 1000, 6: 1000, 7: 1000, 8: 1000, 9: 100 },
    ...opts,
  };
  const describe = (s: Record<number, number>) => Object.entries(s).map(([L, n]) => `L = ${L}: ${n}`).join(", ");
  return {
    name: "p1-fig8",
    paper: "[P1] 001_… step profiles, §3 Fig. 8 (stationary current vs L)",
    reproduces: `ln⟨J_stat⟩ vs L with a linear fit (exponential decay), h = ${o.h}; fitted slope with its error`,
    defaultSize: `h = ${o.h}; realizations ${describe(o.sizes)}`,
    fullSize: `h = ${o.h}; realizations ${describe(o.fullSizes)} (days; NESSREF_P1_FIG8_REALIZATIONS sets one count for all L)`,
    run: (ctx) => run(o, ctx),
  };
}

/**
 * The built-in "p1-fig8" scenario (h = 4; L = 3..7 by default, 3..9 with `--full`).
 *
 * @example
 * ```ts
 * import { p1Fig8Scenario } from "nessref/reproduce";
 * const out = await p1Fig8Scenario.run({ full: false, progress: () => {} });
 * out.tables[1].rows[0][1]; // the fitted slope of ln⟨J⟩, "−0.… ± 0.…"
 * ```
 */
export const p1Fig8Scenario: Scenario = makeP1Fig8Scenario();
