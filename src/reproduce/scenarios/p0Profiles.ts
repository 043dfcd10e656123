/**
 * Scenario "p0-profiles": [P0] Fig. 2a style NESS profiles of the disordered XXZ chain
 * (CONVENTIONS §1) driven by two-site target baths (§1a) at zero magnetization: μ_L = μ_R = 0,
 * β_L ≠ β_R. Δ = 1 and disorder strength W = 0.6 (the "h = 0.60" of [P0] Fig. 2a; fields
 * h_i uniform in [−W, W]); energy profiles ⟨e_b⟩ against x = (b − 1)/(L − 2) for several L, and
 * magnetization profiles ⟨s^z_i⟩ against x = (i − 1)/(L − 1) for several W (the inset), each
 * averaged over a few realizations. [P0] ran TEBD at L ≤ 32 and more; here ED at small L.
 *
 * Bath temperatures: [P0] defines its target states in its Supplemental Material, which is not
 * among the seeds; β_L = 0.1, β_R = 0.5 (left hotter), Γ = 1 (**nessref choice**, "high
 * temperature").
 *
 * Checks: ⟨s^z_i⟩ = 0 exactly without fields (the global spin flip commutes with H and maps
 * each μ = 0 target state to itself, so the unique NESS is flip-invariant); with fields the flip
 * maps the NESS of (h_i) to that of (−h_i): ⟨s^z_i⟩ and j^S change sign, ⟨e_b⟩ and j^E do not;
 * j^E_i is the same on every site 3 ≤ i ≤ L − 2 and j^S_b on every bond 2 ≤ b ≤ L − 2 (continuity:
 * the baths act on sites 1, 2 and L − 1, L, so only those sites' balance involves them); energy
 * flows from the hot to the cold bath; residuals.
 *
 * @module
 */
import { runEnsemble } from "../../analysis/ensemble.js";
import type { Check, Figure, Scenario, ScenarioContext, ScenarioOutput } from "../types.js";
import { CHAIN_TASKS, meanSe, pm, poolSettings, type XxzInput, type XxzOutput } from "./chainTasks.js";

const BASE = { J: 1, delta: 1, betaL: 0.1, betaR: 0.5, mu: 0, rate: 1 };
const W_MAIN = 0.6;

const yes = (b: boolean) => (b ? 1 : 0);

async function run(ctx: ScenarioContext): Promise<ScenarioOutput> {
  const Ls = ctx.full ? [6, 7, 8, 9] : [6, 7, 8];
  const R = ctx.full ? 20 : 4;
  const insetL = ctx.full ? 9 : 7;
  const insetWs = [0.3, W_MAIN, 1.0];
  type Tagged = XxzInput & { tag: string };
  const inputs: Tagged[] = [];
  const seed = (L: number, W: number) => `p0-profiles/L=${L}/W=${W}`;
  for (const L of [...Ls].reverse()) {
    inputs.push({ ...BASE, L, W: 0, seed: "clean", r: 0, tag: "clean" });
    for (let r = 0; r < R; r++) inputs.push({ ...BASE, L, W: W_MAIN, seed: seed(L, W_MAIN), r, tag: "main" });
  }
  for (const W of insetWs) if (W !== W_MAIN) for (let r = 0; r < R; r++) inputs.push({ ...BASE, L: insetL, W, seed: seed(insetL, W), r, tag: "inset" });
  inputs.push({ ...BASE, L: Ls[0], W: W_MAIN, seed: seed(Ls[0], W_MAIN), r: 0, flip: true, tag: "flip" });

  const t0 = performance.now();
  const outs = await runEnsemble<XxzInput, XxzOutput>({
    module: CHAIN_TASKS, task: "xxzRealization", inputs, ...poolSettings("p0-profiles"),
    onProgress: (d, t) => ctx.progress(d, t), signal: ctx.signal,
  });
  const wall = (performance.now() - t0) / 1000;
  const cpu = outs.reduce((a, x) => a + x.seconds, 0);
  const pick = (f: (i: Tagged) => boolean) => outs.filter((_, k) => f(inputs[k]));
  const failed = outs.filter((x) => x.failure);
  const ok = (xs: XxzOutput[]) => xs.filter((x) => !x.failure);

  // --- checks over every solved realization
  let cleanSz = 0, jEspread = 0, jSspread = 0, maxRes = 0, backwards = 0;
  for (const [k, x] of outs.entries()) {
    if (x.failure) continue;
    const L = inputs[k].L;
    maxRes = Math.max(maxRes, x.residualRelative);
    if (inputs[k].tag === "clean") for (const m of x.magnetization) cleanSz = Math.max(cleanSz, Math.abs(m));
    const bulkE = x.energyCurrent.slice(1, L - 3); // sites 3..L−2 (index i − 2)
    const refE = bulkE[0];
    for (const j of bulkE) jEspread = Math.max(jEspread, Math.abs(j - refE) / Math.abs(refE));
    const bulkS = x.spinCurrent.slice(1, L - 2); // bonds 2..L−2
    const scaleS = Math.max(Math.abs(refE), ...bulkS.map(Math.abs));
    for (const j of bulkS) jSspread = Math.max(jSspread, Math.abs(j - bulkS[0]) / scaleS);
    if (!(refE > 0)) backwards++;
  }
  const flipped = pick((i) => i.tag === "flip")[0];
  const partner = outs[inputs.findIndex((i) => i.tag === "main" && i.L === Ls[0] && i.r === 0)];
  let flipOdd = NaN, flipEven = NaN;
  if (flipped && partner && !flipped.failure && !partner.failure) {
    flipOdd = 0;
    flipEven = 0;
    partner.magnetization.forEach((m, i) => { flipOdd = Math.max(flipOdd, Math.abs(m + flipped.magnetization[i])); });
    partner.spinCurrent.forEach((j, i) => { flipOdd = Math.max(flipOdd, Math.abs(j + flipped.spinCurrent[i])); });
    partner.bondEnergy.forEach((e, i) => { flipEven = Math.max(flipEven, Math.abs(e - flipped.bondEnergy[i])); });
    partner.energyCurrent.forEach((j, i) => { flipEven = Math.max(flipEven, Math.abs(j - flipped.energyCurrent[i])); });
  }

  // --- averages
  const profile = (xs: XxzOutput[], key: "bondEnergy" | "magnetization") => {
    const n = xs[0]?.[key].length ?? 0;
    const mean: number[] = [], se: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = meanSe(xs.map((x) => x[key][i]));
      mean.push(s.mean);
      se.push(s.se);
    }
    return { mean, se };
  };
  const rows = Ls.map((L) => {
    const xs = ok(pick((i) => i.tag === "main" && i.L === L));
    const clean = ok(pick((i) => i.tag === "clean" && i.L === L))[0];
    const jE = meanSe(xs.map((x) => x.energyCurrent[1]));
    const jS = meanSe(xs.map((x) => x.spinCurrent[1]));
    const szMax = Math.max(...xs.map((x) => Math.max(...x.magnetization.map(Math.abs))));
    return { L, n: xs.length, jE, jS, szMax, cleanJE: clean ? clean.energyCurrent[1] : NaN, prof: profile(xs, "bondEnergy"), cleanProf: clean?.bondEnergy ?? [] };
  });

  const figures: Figure[] = [
    {
      id: "energy-profiles",
      title: `[P0] Fig. 2a: energy profiles ⟨e_b⟩, Δ = 1, W = ${W_MAIN}, β_L = ${BASE.betaL}, β_R = ${BASE.betaR}, μ = 0 (${R} realizations)`,
      xLabel: "x = (b − 1)/(L − 2)", yLabel: "⟨e_b⟩",
      series: rows.map((r) => ({ name: `L = ${r.L}`, x: r.prof.mean.map((_, b) => b / (r.L - 2)), y: r.prof.mean, yErr: r.prof.se })),
    },
    {
      id: "magnetization-profiles",
      title: `[P0] Fig. 2a inset: magnetization profiles ⟨s^z_i⟩, L = ${insetL}, ${R} realizations`,
      xLabel: "x = (i − 1)/(L − 1)", yLabel: "⟨s^z_i⟩", yZero: true,
      series: [0, ...insetWs].map((W) => {
        const xs = W === 0 ? ok(pick((i) => i.tag === "clean" && i.L === insetL)) : ok(pick((i) => i.L === insetL && i.W === W && (i.tag === "main" || i.tag === "inset")));
        const p = profile(xs, "magnetization");
        return { name: W === 0 ? "W = 0 (clean)" : `W = ${W}`, x: p.mean.map((_, i) => i / (insetL - 1)), y: p.mean, yErr: W === 0 ? undefined : p.se };
      }),
    },
  ];

  const checks: Check[] = [
    {
      name: "clean chain (W = 0), every L: max_i |⟨s^z_i⟩|",
      value: cleanSz, reference: 0, tolerance: 1e-10, relative: false,
      reason: "exactly 0 by the spin-flip symmetry of H and of the μ = 0 target states (unique NESS); only the solve's residual (~1e-14 relative) breaks it",
      referenceSource: "symmetry (CONVENTIONS §1, §1a); [P0] §III 'almost zero total magnetization'",
    },
    {
      name: `fields h → −h (L = ${Ls[0]}, realization 0): max |⟨s^z_i⟩(h) + ⟨s^z_i⟩(−h)|, |j^S_b(h) + j^S_b(−h)|`,
      value: flipOdd, reference: 0, tolerance: 1e-10, relative: false,
      reason: "the global spin flip maps H(h) to H(−h) and fixes the μ = 0 baths: odd observables change sign exactly; residual-level rounding only",
      referenceSource: "symmetry (CONVENTIONS §1, §1a)",
    },
    {
      name: `fields h → −h (L = ${Ls[0]}, realization 0): max |⟨e_b⟩(h) − ⟨e_b⟩(−h)|, |j^E_i(h) − j^E_i(−h)|`,
      value: flipEven, reference: 0, tolerance: 1e-10, relative: false,
      reason: "even observables are invariant under the spin flip; residual-level rounding only",
      referenceSource: "symmetry (CONVENTIONS §1, §1a)",
    },
    {
      name: "max over realizations and 3 ≤ i ≤ L−2 of |j^E_i − j^E_3| / |j^E_3|",
      value: jEspread, reference: 0, tolerance: 1e-8, relative: false,
      reason: "continuity d⟨e_b⟩/dt = j^E_b − j^E_{b+1} = 0 for bonds untouched by the baths (3 ≤ b ≤ L−3); the solve's residual (≤ 1e-12 GMRES, ~1e-14 seen) bounds the spread",
      referenceSource: "CONVENTIONS §1 (energy continuity); [P0] 'in the NESS both currents are homogeneous'",
    },
    {
      name: "max over realizations and 2 ≤ b ≤ L−2 of |j^S_b − j^S_2| / max(|j^E|, |j^S|)",
      value: jSspread, reference: 0, tolerance: 1e-8, relative: false,
      reason: "continuity d⟨s^z_i⟩/dt = j^S_{i−1} − j^S_i = 0 on sites 3..L−2; residual-level only",
      referenceSource: "CONVENTIONS §1 (spin continuity)",
    },
    {
      name: "realizations whose bulk energy current does not flow from the hot (left) to the cold (right) bath",
      value: backwards, reference: 0, tolerance: 0, relative: false,
      reason: "β_L = 0.1 < β_R = 0.5 at μ = 0: energy flows to the right in every realization (second law for the reset baths)",
      referenceSource: "[P0] §II (temperature imbalance drives an energy current)",
    },
    {
      name: "max over realizations ‖𝓛ρ‖/(‖𝓛‖‖ρ‖)",
      value: maxRes, reference: 0, tolerance: 1e-9, relative: false,
      reason: "the solver's own acceptance bound", referenceSource: "CONVENTIONS §0",
    },
    {
      name: "refused solves", value: failed.length, reference: 0, tolerance: 0, relative: false,
      reason: "every realization has a unique NESS (target baths at both ends); a refusal is a solver limitation", referenceSource: "CONVENTIONS §0",
    },
    {
      name: `disorder lowers the energy current at every L (1 = yes; ⟨j^E⟩(W = ${W_MAIN}) < j^E(W = 0))`,
      value: yes(rows.every((r) => r.jE.mean < r.cleanJE)), reference: 1, tolerance: 0, relative: false,
      reason: "qualitative (yes/no): disorder slows transport ([P0] Fig. 2b: the current falls with h at fixed L)",
      referenceSource: "[P0] Fig. 2b ('the disorder strength increases from top to bottom')",
    },
  ];

  const notes = [
    `Ran L = ${Ls.join(", ")} with ${R} realizations at W = ${W_MAIN} plus one clean chain each, the inset at L = ${insetL} for W = ${insetWs.join(", ")}, and one h → −h partner (${inputs.length} NESS solves, ${cpu.toFixed(0)} s of solver time, ${wall.toFixed(0)} s wall). [P0] used TEBD at L up to O(100); ED here reaches L ≤ 9.`,
    `Fields: h_i = rng.uniform(−W, W) for i = 1..L from createRng("p0-profiles/L=<L>/W=<W>").fork(r). Target baths on (1, 2) and (L−1, L), ρ_k = exp(−β_k h2)/Z of the clean bond, Γ = 1; β_L = ${BASE.betaL}, β_R = ${BASE.betaR} (nessref choice: [P0]'s Supplemental Material with its bath parameters is not among the seeds).`,
    "With disorder ⟨s^z_i⟩ is not 0 in a single realization (the fields break the flip symmetry); it averages to 0 over the symmetric field distribution (checked exactly on an h → −h pair). The energy current at sites 2 and L−1 differs from the bulk value because the baths act there.",
  ];
  return {
    tables: [
      {
        title: `Currents, Δ = 1, W = ${W_MAIN} (mean ± standard error over realizations), bulk values (site 3, bond 2)`,
        columns: ["L", "realizations", "⟨j^E⟩", "j^E clean (W = 0)", "L·⟨j^E⟩", "⟨j^S⟩", "max |⟨s^z_i⟩| (single realizations)"],
        rows: rows.map((r) => [r.L, r.n, pm(r.jE.mean, r.jE.se), r.cleanJE, r.L * r.jE.mean, pm(r.jS.mean, r.jS.se), r.szMax]),
      },
      {
        title: `Energy profile ⟨e_b⟩ at L = ${Ls[Ls.length - 1]}, W = ${W_MAIN} (mean ± standard error) and clean`,
        columns: ["bond b", "⟨e_b⟩", "clean"],
        rows: rows[rows.length - 1].prof.mean.map((m, b) => [b + 1, pm(m, rows[rows.length - 1].prof.se[b]), rows[rows.length - 1].cleanProf[b] ?? "—"]),
      },
    ],
    figures,
    checks,
    notes: [...notes, ...failed.map((f) => `refused: ${f.failure!.code}: ${f.failure!.message}`)],
  };
}

/**
 * The "p0-profiles" scenario (see the module comment): L = 6..8 with 4 realizations by default,
 * L = 6..9 with 20 with `--full`.
 *
 * @example
 * ```ts
 * import { p0ProfilesScenario } from "nessref/reproduce";
 * const out = await p0ProfilesScenario.run({ full: false, progress: () => {} });
 * out.checks[0].value; // ≈ 1e-16: ⟨s^z⟩ = 0 without fields
 * ```
 */
export const p0ProfilesScenario: Scenario = {
  name: "p0-profiles",
  paper: "[P0] 000_… disordered XXZ, energy vs spin transport, Fig. 2a",
  reproduces: "energy and magnetization NESS profiles at zero magnetization (μ = 0, β_L ≠ β_R), Δ = 1, W = 0.6; symmetry and continuity checks",
  defaultSize: "L = 6, 7, 8 × 4 realizations (+ clean chains, inset at L = 7 for W = 0.3, 0.6, 1)",
  fullSize: "L = 6..9 × 20 realizations (+ clean chains, inset at L = 9)",
  run,
};
