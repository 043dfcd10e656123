/**
 * Scenario "p1-harmonic-fig1": [P1] §2, Fig. 1 — the λ → 0 kinetic-temperature profile T(x) of one
 * disordered pinned harmonic chain, L = 100, g = 0.1, T_1 = 1, T_L = 2 ([P1] eq. (2.9)): boundary
 * regions at the temperature of the nearest bath and a middle region where T(x) jumps between
 * neighbouring sites (no local equilibrium).
 *
 * The realization is realization 0 of the L = 100, g = 0.1 ensemble of Figs. 3–5
 * (`p1HarmonicSeed(100, 0.1)`); V_x uniform on [1, 2] (nessref choice, module
 * `p1HarmonicCommon`).
 *
 * Checks: T(x) ∈ [T_1, T_L] (exact for eq. (2.9)); the first and last L/5 sites within 1 % of ΔT of
 * the nearest bath; a nearest-neighbour jump larger than 0.3ΔT inside the chain; the same profile
 * by two more roads — the dense graph road of eq. (2.10) with −Δ passed as a matrix (on the first
 * 12 sites of the realization: the dense road refuses the full chain, whose mode tails at the baths
 * are below its rounding level) and the finite-λ pole sum eq. (2.6) at λ = 10⁻⁶ (its O(λ²)
 * approach to eq. (2.9) checked by the ratio of deviations at λ = 10⁻⁵ and 10⁻⁶); and identity with
 * realization 0 of the ensemble road (`harmonicEnsemble`).
 *
 * @module
 */
import { harmonicEnsemble, temperatureStep, uniformPotentials } from "../../analysis/harmonic.js";
import { realizationRng } from "../../analysis/ensemble.js";
import { harmonicNess, harmonicWeakCoupling, type LangevinBath } from "../../exact/harmonic.js";
import { realMatrix, type RealMatrix } from "../../linalg/matrix.js";
import type { Check, Figure, Scenario, ScenarioContext, ScenarioOutput } from "../types.js";
import { CHOICES_NOTE, P1H_BOUNDS_TOL, P1H_G, P1H_T1, P1H_TL, P1H_VMAX, P1H_VMIN, p1HarmonicSeed, yes } from "./p1HarmonicCommon.js";

/**
 * Options of {@link makeP1HarmonicFig1Scenario}.
 *
 * @example
 * ```ts
 * import type { P1HarmonicFig1Options } from "nessref/reproduce";
 * const o: P1HarmonicFig1Options = { L: 100, g: 0.1, realization: 0, graphSites: 12 };
 * ```
 */
export interface P1HarmonicFig1Options {
  /** chain length (default 100, the paper's) */ L?: number;
  /** coupling (default 0.1, the paper's) */ g?: number;
  /** realization index of the ensemble `p1HarmonicSeed(L, g)` (default 0) */ realization?: number;
  /** sites of the sub-chain solved on the dense graph road (default 12) */ graphSites?: number;
}

/** −Δ of the free-boundary chain 1 — 2 — … — n, built entry by entry (not boxLaplacian). */
function chainLaplacian(n: number): RealMatrix {
  const M = realMatrix(n, n);
  for (let x = 0; x + 1 < n; x++) {
    M.data[x * n + x + 1] = -1; M.data[(x + 1) * n + x] = -1;
    M.data[x * n + x] += 1; M.data[(x + 1) * n + x + 1] += 1;
  }
  return M;
}

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
};

async function run(o: Required<P1HarmonicFig1Options>, ctx: ScenarioContext): Promise<ScenarioOutput> {
  const { L, g, realization: r0 } = o;
  const seed = p1HarmonicSeed(L, g);
  const baths: LangevinBath[] = [{ site: 1, T: P1H_T1 }, { site: L, T: P1H_TL }];
  const dT = P1H_TL - P1H_T1;
  const V = uniformPotentials(realizationRng(seed, r0), L, P1H_VMIN, P1H_VMAX);
  const t0 = performance.now();
  const weak = harmonicWeakCoupling({ potentials: V, g }, baths);
  const T = Array.from(weak.temperature);
  const tWeak = (performance.now() - t0) / 1000;
  ctx.progress(1, 5);

  // boundary regions and the middle
  const edge = Math.max(1, Math.floor(L / 5));
  let coldDev = 0, hotDev = 0, bounds = 0, maxJump = 0, jumpAt = 0;
  for (let x = 0; x < L; x++) bounds = Math.max(bounds, P1H_T1 - T[x]!, T[x]! - P1H_TL);
  for (let x = 0; x < edge; x++) { coldDev = Math.max(coldDev, Math.abs(T[x]! - P1H_T1)); hotDev = Math.max(hotDev, Math.abs(T[L - 1 - x]! - P1H_TL)); }
  for (let x = 0; x + 1 < L; x++) { const j = Math.abs(T[x + 1]! - T[x]!); if (j > maxJump) { maxJump = j; jumpAt = x + 1; } }
  // sign changes of T(x + 1) − T(x) (steps smaller than 1e−3 ignored): a non-monotone middle
  let signChanges = 0, lastSign = 0;
  for (let x = 0; x + 1 < L; x++) {
    const d = T[x + 1]! - T[x]!;
    if (Math.abs(d) < 1e-3) continue;
    const s = Math.sign(d);
    if (lastSign !== 0 && s !== lastSign) signChanges++;
    lastSign = s;
  }
  const step = temperatureStep(T, P1H_T1, P1H_TL);
  // completeness of the computed modes: with both baths at one temperature T(x) ≡ that temperature
  const Teq = 0.5 * (P1H_T1 + P1H_TL);
  const eq = harmonicWeakCoupling({ potentials: V, g }, [{ site: 1, T: Teq }, { site: L, T: Teq }]);
  const completeness = maxAbsDiff(eq.temperature, new Float64Array(L).fill(Teq)) / Teq;

  // road 2: the dense graph road (eq. (2.10)) with −Δ as a matrix, on the first graphSites sites
  const n = Math.min(o.graphSites, L);
  const subV = V.slice(0, n);
  const subBaths: LangevinBath[] = [{ site: 1, T: P1H_T1 }, { site: n, T: P1H_TL }];
  const subChain = harmonicWeakCoupling({ potentials: subV, g }, subBaths);
  const subGraph = harmonicWeakCoupling({ potentials: subV, g, laplacian: chainLaplacian(n) }, subBaths);
  const graphDev = maxAbsDiff(subChain.temperature, subGraph.temperature);
  let fullGraph: string;
  try {
    const fg = harmonicWeakCoupling({ potentials: V, g, laplacian: chainLaplacian(L) }, baths);
    fullGraph = `accepted the full L = ${L} chain, max |ΔT| = ${maxAbsDiff(fg.temperature, T).toExponential(2)} against the chain road`;
  } catch (e) {
    fullGraph = `refuses the full L = ${L} chain (${(e as { code?: string }).code ?? "error"}: ${(e as Error).message})`;
  }
  ctx.progress(2, 5);

  // road 3: the finite-λ pole sum eq. (2.6) at small λ; T(λ) − T(0) = O(λ²) (CONVENTIONS §5)
  const lamSmall = [1e-5, 1e-6];
  const finite = lamSmall.map((lam) => {
    const t = performance.now();
    const s = harmonicNess({ potentials: V, g }, baths, lam);
    return { lam, dev: maxAbsDiff(s.temperature, T), residual: s.residual, method: s.method, seconds: (performance.now() - t) / 1000 };
  });
  const rate = finite[0]!.dev / finite[1]!.dev;
  ctx.progress(4, 5);

  // road 4: realization r0 of the ensemble road is this profile, bit for bit
  const ens = await harmonicEnsemble({ L, g, vMin: P1H_VMIN, vMax: P1H_VMAX, T1: P1H_T1, TL: P1H_TL, lambda: 0, realizations: r0 + 1, seed, workers: 0 });
  const ensT = ens.realizations[r0]!.temperature;
  const ensDev = ensT ? maxAbsDiff(ensT, T) : NaN;
  ctx.progress(5, 5);

  const x = Array.from({ length: L }, (_, i) => i + 1);
  const figures: Figure[] = [{
    id: "fig1-profile",
    title: `[P1] Fig. 1: T(x) of one disordered chain, L = ${L}, g = ${g}, λ → 0 (realization ${r0} of ${seed})`,
    xLabel: "site x", yLabel: "T(x)",
    series: [
      { name: "T(x), eq. (2.9)", x, y: T, color: "#1f77b4" },
      { name: "T(x) (sites)", x, y: T, mark: "point", color: "#1f77b4" },
      { name: "T_1 + 0.3ΔT (level of x₋, Fig. 3)", x: [1, L], y: [P1H_T1 + 0.3 * dT, P1H_T1 + 0.3 * dT], color: "#999999", dash: [4, 4] },
      { name: "T_L − 0.3ΔT (level of x₊, Fig. 3)", x: [1, L], y: [P1H_TL - 0.3 * dT, P1H_TL - 0.3 * dT], color: "#666666", dash: [1, 3] },
    ],
  }];
  const checks: Check[] = [
    {
      name: "max_x violation of T_1 ≤ T(x) ≤ T_L (λ → 0)",
      value: Math.max(0, bounds), reference: 0, tolerance: P1H_BOUNDS_TOL, relative: false,
      reason: "eq. (2.9) is a convex combination: Σ_k ψ_k(x)² = 1 and α_1k + α_Lk = 1 with non-negative terms; up to the completeness of the computed modes (next check)",
      referenceSource: "[P1] eq. (2.9)",
    },
    {
      name: `completeness of the computed modes: both baths at T = ${Teq}, max_x |T(x) − T|/T = max_x |Σ_k ψ_k(x)² − 1|`,
      value: completeness, reference: 0, tolerance: P1H_BOUNDS_TOL, relative: false,
      reason: "exact: equal bath temperatures give T(x) ≡ T through Σ_k ψ_k(x)² = 1; the twisted eigenvectors of close modes are orthogonal only to ~ε‖H‖/gap (measured up to ~3e−12 at L = 100, g = 0.1), hence 1e−10",
      referenceSource: "[P1] eq. (2.9) (equilibrium: a single bath temperature)",
    },
    {
      name: `cold boundary region: max_{x ≤ ${edge}} |T(x) − T_1| (first L/5 sites)`,
      value: coldDev, reference: 0, tolerance: 0.01 * dT, relative: false,
      reason: "nessref margin 1 % of ΔT: the modes centred there overlap the far bath by ~e^{−(L−2x)/ξ}, ξ ≲ 1 site at g = 0.1; the step sits within ~C√L of L/2 ([P1] eq. (2.14))",
      referenceSource: "[P1] Fig. 1 caption: boundary regions dominated by the nearest reservoir",
    },
    {
      name: `hot boundary region: max_{x > ${L - edge}} |T(x) − T_L| (last L/5 sites)`,
      value: hotDev, reference: 0, tolerance: 0.01 * dT, relative: false,
      reason: "as for the cold region (nessref margin 1 % of ΔT)",
      referenceSource: "[P1] Fig. 1 caption",
    },
    {
      name: `fluctuating middle: largest nearest-neighbour jump |T(x+1) − T(x)| = ${maxJump.toFixed(3)} (between sites ${jumpAt} and ${jumpAt + 1}) exceeds 0.3ΔT, and T(x) changes direction ${signChanges} times (≥ 2) (1 = yes)`,
      value: yes(maxJump > 0.3 * dT && signChanges >= 2), reference: 1, tolerance: 0, relative: false,
      reason: "qualitative claim (yes/no) for this realization: in the middle region T(x) jumps between values close to T_1 and T_L from site to site",
      referenceSource: "[P1] §2 eq. (2.14) and text: 'the kinetic temperature in the middle of the chain varies wildly from site to site'",
    },
    {
      name: `two roads to eq. (2.9)/(2.10) on sites 1..${n} of this realization: max |T_chain − T_graph| (−Δ passed as a matrix; dense road)`,
      value: graphDev, reference: 0, tolerance: 1e-10, relative: false,
      reason: "independent algorithms (twisted tridiagonal eigenvectors in log form vs dense symmetric eigendecomposition); both vouch for their weights to 1e−10",
      referenceSource: "CONVENTIONS §5 (λ → 0 roads)",
    },
    {
      name: `finite-λ pole sum eq. (2.6) at λ = 10⁻⁶ vs eq. (2.9): max_x |T_λ(x) − T_0(x)|`,
      value: finite[1]!.dev, reference: 0, tolerance: 1e-8, relative: false,
      reason: "T_λ − T_0 = O(λ²) with a constant ~ 1/(level spacing)² (here ~1e2–1e3): ≲ 1e−9 at λ = 1e−6; the pole sum keeps relative accuracy in the mode tails",
      referenceSource: "CONVENTIONS §5 (rate of the limit; spectral road)",
    },
    {
      name: `O(λ²) approach: max|T_λ − T_0| at λ = 10⁻⁵ over that at λ = 10⁻⁶ (${finite[0]!.dev.toExponential(3)} / ${finite[1]!.dev.toExponential(3)})`,
      value: rate, reference: 100, tolerance: 0.1, relative: true,
      reason: "second-order convergence gives a ratio (10⁻⁵/10⁻⁶)² = 100 once λ is far below the level spacing; 10 % for the O(λ⁴) remainder and rounding (~1e−13 of 1e−10)",
      referenceSource: "CONVENTIONS §5 (the O(λ) part of the kinetic temperature cancels)",
    },
    {
      name: `the ensemble road (harmonicEnsemble, realization ${r0} of ${seed}) gives this profile: max |ΔT|`,
      value: ensDev, reference: 0, tolerance: 0, relative: false,
      reason: "the same potentials (realizationRng(seed, r)) and the same λ → 0 road: bit-identical, so Fig. 1 is a member of the Fig. 3–5 ensembles",
      referenceSource: "CONVENTIONS §5 (ensembles) and 'Randomness'",
    },
    {
      name: "weight-error bound of the λ → 0 road (its own a-posteriori estimate)",
      value: weak.weightErrorEstimate, reference: 0, tolerance: 1e-10, relative: false,
      reason: "the road refuses above 1e−10; reported for the record",
      referenceSource: "CONVENTIONS §5",
    },
  ];
  return {
    tables: [{
      title: `[P1] Fig. 1 realization (L = ${L}, g = ${g}, λ → 0): step metrics and diagnostics`,
      columns: ["quantity", "value"],
      rows: [
        ["T(1), T(2)", `${T[0]!.toFixed(6)}, ${T[1]!.toFixed(6)}`],
        ["T(L−1), T(L)", `${T[L - 2]!.toFixed(6)}, ${T[L - 1]!.toFixed(6)}`],
        ["step width w = x₊ − x₋ + 1 (Fig. 3 definition)", step ? step.width : "undefined"],
        ["step midpoint m = (x₊ + x₋)/2", step ? step.midpoint : "undefined"],
        ["largest jump |T(x+1) − T(x)|", `${maxJump.toFixed(4)} (sites ${jumpAt}–${jumpAt + 1})`],
        ["modes re-solved in double-double", weak.doubleDoubleModes],
        ["min_k Σ_b ψ_k(b)² (weakest bath coupling)", weak.minBathWeight.toExponential(3)],
        ["λ → 0 solve time (s)", tWeak.toFixed(4)],
        ...finite.map((f) => [`pole sum λ = ${f.lam}: max|T_λ − T_0|, residual, road, s`, `${f.dev.toExponential(3)}, ${f.residual.toExponential(2)}, ${f.method}, ${f.seconds.toFixed(3)}`] as [string, string]),
        ["T(x), x = 1..L", T.map((t) => t.toFixed(4)).join(" ")],
      ],
    }],
    figures,
    checks,
    notes: [
      CHOICES_NOTE,
      `λ → 0 by the chain road of harmonicWeakCoupling ([P1] eq. (2.9)); the dense graph road (eq. (2.10), −Δ built as a RealMatrix) ${fullGraph} — at g = 0.1 the middle modes' weights at the baths (down to ${weak.minBathWeight.toExponential(1)}) are far below a dense eigensolver's rounding, so the two-road comparison uses the first ${n} sites.`,
    ],
  };
}

/**
 * A "p1-harmonic-fig1" scenario with other parameters (see the module comment).
 *
 * @param opts - chain length, coupling, realization, graph sub-chain size
 * @returns the scenario (named "p1-harmonic-fig1")
 *
 * @example
 * ```ts
 * import { makeP1HarmonicFig1Scenario } from "nessref/reproduce";
 * const s = makeP1HarmonicFig1Scenario({ realization: 3 }); // another member of the ensemble
 * ```
 */
export function makeP1HarmonicFig1Scenario(opts: P1HarmonicFig1Options = {}): Scenario {
  const o: Required<P1HarmonicFig1Options> = { L: 100, g: P1H_G, realization: 0, graphSites: 12, ...opts };
  return {
    name: "p1-harmonic-fig1",
    paper: "[P1] 001_… step profiles, §2 Fig. 1 (disordered harmonic chain, Langevin baths, λ → 0)",
    reproduces: "T(x) of one realization (L = 100, g = 0.1, λ → 0): boundary regions at the nearest bath's temperature, wildly fluctuating middle; three roads to the profile",
    defaultSize: `L = ${o.L}, one realization`,
    fullSize: `L = ${o.L}, one realization (same as default)`,
    run: (ctx) => run(o, ctx),
  };
}

/**
 * The built-in "p1-harmonic-fig1" scenario ([P1] Fig. 1: L = 100, g = 0.1, λ → 0).
 *
 * @example
 * ```ts
 * import { p1HarmonicFig1Scenario } from "nessref/reproduce";
 * const out = await p1HarmonicFig1Scenario.run({ full: false, progress: () => {} });
 * out.figures[0].id; // "fig1-profile"
 * ```
 */
export const p1HarmonicFig1Scenario: Scenario = makeP1HarmonicFig1Scenario();
