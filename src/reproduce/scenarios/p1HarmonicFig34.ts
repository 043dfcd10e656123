/**
 * Scenario "p1-harmonic-fig3-4": [P1] §2, Figs. 3 and 4 — disorder ensembles of the pinned
 * harmonic chain (g = 0.1, T_1 = 1, T_L = 2, λ → 0, eq. (2.9)) for several chain lengths L, 1000
 * realizations each (the paper's count).
 *
 * Fig. 3: the mean step width w (w = x₊ − x₋ + 1 per realization, MODELS §5) and the spread of
 * the step midpoint m (standard deviation over realizations) against L, with weighted fits
 * a + b√L (the paper's broken lines; `lineFit` on x = √L, σ from the realizations) and free
 * power laws c·L^p, whose exponents show the sublinear growth. Fig. 4: the mean profiles against
 * x/L and the width of the averaged profile (interpolated 0.3/0.7 crossings, jackknife errors),
 * which grows slower than L.
 *
 * Sizes: L ∈ {25, 50, 100, 200, 400} by default, `--full` adds 35, 71, 141, 283, 566, 800 (√2
 * spacing). Refusals are counted and checked (`P1H_MAX_REFUSED`); with the sensitivity-based
 * error estimate of the λ → 0 road none were seen up to L = 800 (CONVENTIONS §5).
 * `NESSREF_P1_HARMONIC_REALIZATIONS` sets the count.
 *
 * @module
 */
import type { HarmonicEnsembleResult } from "../../analysis/harmonic.js";
import type { Check, Figure, Scenario, ScenarioContext, ScenarioOutput } from "../types.js";
import { envCount, lineFit, pm } from "./chainTasks.js";
import {
  CHOICES_NOTE, P1H_G, P1H_MAX_REFUSED, boundsCheck, meanProfileWidth, midpointMirrorCheck, midpointZ, p1hEnsemble, powerLawFit,
  refusalCheck, refusalNotes, yes,
} from "./p1HarmonicCommon.js";

/**
 * Options of {@link makeP1HarmonicFig34Scenario}.
 *
 * @example
 * ```ts
 * import type { P1HarmonicFig34Options } from "nessref/reproduce";
 * const o: P1HarmonicFig34Options = { Ls: [25, 50, 100], realizations: 200 };
 * ```
 */
export interface P1HarmonicFig34Options {
  /** chain lengths of the default run (default [25, 50, 100, 200, 400]) */ Ls?: number[];
  /** chain lengths with `--full` (default [25, 35, 50, 71, 100, 141, 200, 283, 400, 566, 800]) */ fullLs?: number[];
  /** realizations per L, default run (default 1000, the paper's) */ realizations?: number;
  /** realizations per L with `--full` (default 1000) */ fullRealizations?: number;
  /** coupling (default 0.1, the paper's) */ g?: number;
}

interface LStats {
  L: number;
  e: HarmonicEnsembleResult;
  accepted: number;
  nullSteps: number;
  w: number; wSe: number;
  spread: number; spreadSe: number;
  zMid: number;
  wbar: number; wbarSe: number;
  seconds: number;
}

const fmtFit = (a: number, ae: number, b: number, be: number) => `a = ${pm(a, ae)}, b = ${pm(b, be)}`;

async function run(o: Required<P1HarmonicFig34Options>, ctx: ScenarioContext): Promise<ScenarioOutput> {
  const Ls = [...(ctx.full ? o.fullLs : o.Ls)].sort((a, b) => a - b);
  const R = envCount("NESSREF_P1_HARMONIC_REALIZATIONS", ctx.full ? o.fullRealizations : o.realizations);
  const g = o.g;
  const total = Ls.reduce((a, L) => a + L * L, 0);
  let done = 0;
  const t0 = performance.now();
  const stats: LStats[] = [];
  for (const L of Ls) {
    const t = performance.now();
    const e = await p1hEnsemble(L, g, 0, R, "p1-harmonic-fig3-4", ctx);
    const seconds = (performance.now() - t) / 1000;
    ctx.progress((done += L * L), total);
    const ok = e.realizations.filter((r) => r.temperature).map((r) => r.temperature!);
    const mw = ok.length > 0 ? meanProfileWidth(ok) : { width: NaN, err: NaN };
    stats.push({
      L, e, accepted: ok.length, nullSteps: ok.length - (e.width?.count ?? 0),
      w: e.width?.mean ?? NaN, wSe: e.width?.stdError ?? NaN,
      spread: e.midpoint?.spread ?? NaN, spreadSe: e.midpoint?.spreadError ?? NaN,
      zMid: midpointZ(e, L), wbar: mw.width, wbarSe: mw.err, seconds,
    });
  }
  const wall = (performance.now() - t0) / 1000;

  const sq = Ls.map(Math.sqrt);
  const fw = lineFit(sq, stats.map((s) => s.w), stats.map((s) => s.wSe));
  const fs = lineFit(sq, stats.map((s) => s.spread), stats.map((s) => s.spreadSe));
  const pw = powerLawFit(Ls, stats.map((s) => s.w), stats.map((s) => s.wSe));
  const ps = powerLawFit(Ls, stats.map((s) => s.spread), stats.map((s) => s.spreadSe));
  const pb = powerLawFit(Ls, stats.map((s) => s.wbar), stats.map((s) => s.wbarSe));
  const lo = stats[0]!, hi = stats[stats.length - 1]!;
  const zW = (hi.w - lo.w) / Math.hypot(hi.wSe, lo.wSe);
  const zS = (hi.spread - lo.spread) / Math.hypot(hi.spreadSe, lo.spreadSe);
  const ratios = stats.map((s) => s.wbar / s.L);
  const ratioFalls = ratios.every((r, i) => i === 0 || r < ratios[i - 1]!);

  // fitted curves on a fine grid of L
  const grid = Array.from({ length: 60 }, (_, i) => Ls[0]! * (Ls[Ls.length - 1]! / Ls[0]!) ** (i / 59));
  const figures: Figure[] = [
    {
      id: "fig3-width-spread",
      title: `[P1] Fig. 3: mean step width w and spread of the midpoint m vs L (g = ${g}, ${R} realizations per L, λ → 0)`,
      xLabel: "L", yLabel: "w, std(m)",
      series: [
        { name: "w (mean ± se)", x: Ls, y: stats.map((s) => s.w), yErr: stats.map((s) => s.wSe), mark: "point", color: "#1f77b4" },
        { name: `fit w = a + b√L (${fmtFit(fw.intercept, fw.interceptErr, fw.slope, fw.slopeErr)})`, x: grid, y: grid.map((L) => fw.intercept + fw.slope * Math.sqrt(L)), color: "#1f77b4", dash: [6, 3] },
        { name: "std(m) (± se)", x: Ls, y: stats.map((s) => s.spread), yErr: stats.map((s) => s.spreadSe), mark: "point", color: "#d62728" },
        { name: `fit std(m) = a + b√L (${fmtFit(fs.intercept, fs.interceptErr, fs.slope, fs.slopeErr)})`, x: grid, y: grid.map((L) => fs.intercept + fs.slope * Math.sqrt(L)), color: "#d62728", dash: [6, 3] },
      ],
    },
    {
      id: "fig3-loglog",
      title: `[P1] Fig. 3 on log axes with free power-law fits c·L^p (g = ${g})`,
      xLabel: "L", yLabel: "w, std(m)", logX: true, logY: true,
      series: [
        { name: "w", x: Ls, y: stats.map((s) => s.w), yErr: stats.map((s) => s.wSe), mark: "point", color: "#1f77b4" },
        { name: `w ∝ L^p, p = ${pm(pw.exponent, pw.exponentErr)}`, x: grid, y: grid.map((L) => pw.prefactor * L ** pw.exponent), color: "#1f77b4", dash: [6, 3] },
        { name: "std(m)", x: Ls, y: stats.map((s) => s.spread), yErr: stats.map((s) => s.spreadSe), mark: "point", color: "#d62728" },
        { name: `std(m) ∝ L^p, p = ${pm(ps.exponent, ps.exponentErr)}`, x: grid, y: grid.map((L) => ps.prefactor * L ** ps.exponent), color: "#d62728", dash: [6, 3] },
        { name: "∝ L (linear growth, through the first w)", x: grid, y: grid.map((L) => (lo.w * L) / lo.L), color: "#7f7f7f", dash: [1, 3] },
      ],
    },
    {
      id: "fig4-profiles",
      title: `[P1] Fig. 4: mean T(x) over ${R} realizations vs x/L (g = ${g}, λ → 0)`,
      xLabel: "x/L", yLabel: "⟨T(x)⟩",
      series: stats.map((s) => ({ name: `L = ${s.L}`, x: s.e.profile!.mean.map((_, i) => (i + 1) / s.L), y: s.e.profile!.mean })),
    },
    {
      id: "fig4-width",
      title: `[P1] Fig. 4: width of the averaged step (interpolated 0.3/0.7 crossings, jackknife errors) vs L`,
      xLabel: "L", yLabel: "w̄ of ⟨T(x)⟩", logX: true, logY: true,
      series: [
        { name: "w̄ (averaged profile)", x: Ls, y: stats.map((s) => s.wbar), yErr: stats.map((s) => s.wbarSe), mark: "point", color: "#2ca02c" },
        { name: `w̄ ∝ L^p, p = ${pm(pb.exponent, pb.exponentErr)}`, x: grid, y: grid.map((L) => pb.prefactor * L ** pb.exponent), color: "#2ca02c", dash: [6, 3] },
        { name: "∝ L (linear growth, through the first w̄)", x: grid, y: grid.map((L) => (lo.wbar * L) / lo.L), color: "#7f7f7f", dash: [1, 3] },
      ],
    },
  ];

  const checks: Check[] = [
    refusalCheck("Figs. 3–4 ensembles", stats.map((s) => ({ label: `L = ${s.L}`, e: s.e }))),
    boundsCheck(stats.map((s) => s.e)),
    {
      name: "accepted realizations whose step metrics are undefined (no site crosses a level)",
      value: stats.reduce((a, s) => a + s.nullSteps, 0), reference: 0, tolerance: 0, relative: false,
      reason: "T(1) ≈ T_1 and T(L) ≈ T_L in a localized chain, so both levels are crossed; an undefined step would be left out of w and m silently otherwise",
      referenceSource: "MODELS §5 (step metrics)",
    },
    {
      name: `sublinear growth of the mean step width: free fit w ∝ L^p gives p = ${pm(pw.exponent, pw.exponentErr)}; p + 2σ = ${(pw.exponent + 2 * pw.exponentErr).toFixed(3)} < 1 (1 = yes)`,
      value: yes(pw.exponent + 2 * pw.exponentErr < 1), reference: 1, tolerance: 0, relative: false,
      reason: "qualitative claim (yes/no); the exponent error is Birge-scaled (χ²/dof of the power law), 2σ margin",
      referenceSource: "[P1] Fig. 3 caption ('both quantities grow sublinearly in L'); theory √L ([P1] §2)",
    },
    {
      name: `sublinear growth of the midpoint spread: std(m) ∝ L^p gives p = ${pm(ps.exponent, ps.exponentErr)}; p + 2σ = ${(ps.exponent + 2 * ps.exponentErr).toFixed(3)} < 1 (1 = yes)`,
      value: yes(ps.exponent + 2 * ps.exponentErr < 1), reference: 1, tolerance: 0, relative: false,
      reason: "qualitative claim (yes/no), Birge-scaled 2σ",
      referenceSource: "[P1] Fig. 3 caption",
    },
    {
      name: `the width grows with L (not of order ξ only): w(${hi.L}) − w(${lo.L}) = ${(hi.w - lo.w).toFixed(2)}, z = ${zW.toFixed(1)} > 3; spread z = ${zS.toFixed(1)} > 3 (1 = yes)`,
      value: yes(zW > 3 && zS > 3), reference: 1, tolerance: 0, relative: false,
      reason: "qualitative claim (yes/no), 3σ",
      referenceSource: "[P1] §2: the cartoon (2.11) would give a width of order ξ, not growing with L; fluctuations (2.13) make it grow",
    },
    {
      name: `[P1] Fig. 4: the averaged profile's step width grows slower than L: w̄ ∝ L^p with p = ${pm(pb.exponent, pb.exponentErr)}, p + 2σ < 1, and w̄/L falls at every step of L (${ratios.map((r) => r.toFixed(3)).join(" → ")}) (1 = yes)`,
      value: yes(pb.exponent + 2 * pb.exponentErr < 1 && ratioFalls), reference: 1, tolerance: 0, relative: false,
      reason: "qualitative claim (yes/no); jackknife errors (20 blocks) of the interpolated width, Birge-scaled 2σ",
      referenceSource: "[P1] Fig. 4 caption ('the width of the step in the averaged profile grows slower than linearly in L')",
    },
    midpointMirrorCheck("L", stats.map((s) => s.zMid)),
  ];

  const notes = [
    CHOICES_NOTE,
    `λ → 0 road (eq. (2.9)) by harmonicEnsemble (in-process below ≈ 1.5 s of work, else the worker pool); ${R} realizations per L (NESSREF_P1_HARMONIC_REALIZATIONS overrides), wall ${wall.toFixed(1)} s. Refused realizations are left out of the statistics and counted (at most ${100 * P1H_MAX_REFUSED} % allowed).`,
    `Fits (weighted least squares, σ from the realizations: se of ⟨w⟩, sd/√(2(n−1)) for std(m); errors Birge-scaled when χ²/dof > 1): w = a + b√L: ${fmtFit(fw.intercept, fw.interceptErr, fw.slope, fw.slopeErr)}, χ²/dof = ${(fw.chi2 / fw.dof).toFixed(2)}; std(m) = a + b√L: ${fmtFit(fs.intercept, fs.interceptErr, fs.slope, fs.slopeErr)}, χ²/dof = ${(fs.chi2 / fs.dof).toFixed(2)}. Free power laws: w ∝ L^${pw.exponent.toFixed(3)} (± ${pw.exponentErr.toFixed(3)}, χ²/dof = ${(pw.chi2 / pw.dof).toFixed(2)}), std(m) ∝ L^${ps.exponent.toFixed(3)} (± ${ps.exponentErr.toFixed(3)}, χ²/dof = ${(ps.chi2 / ps.dof).toFixed(2)}), w̄ ∝ L^${pb.exponent.toFixed(3)} (± ${pb.exponentErr.toFixed(3)}). The paper: 'the √L behavior could not be confirmed conclusively' — the fits are reported, not checked.`,
  ];
  for (const s of stats) notes.push(...refusalNotes(`L = ${s.L}`, s.e));
  return {
    tables: [
      {
        title: `[P1] Figs. 3–4: step statistics over ${R} realizations per L (g = ${g}, λ → 0; mean ± standard error)`,
        columns: ["L", "accepted/total", "w", "std(m)", "⟨m⟩ − (L+1)/2", "w̄ of ⟨T⟩ (jackknife)", "w/L", "wall s"],
        rows: stats.map((s) => [s.L, `${s.accepted}/${s.e.realizations.length}`, pm(s.w, s.wSe), pm(s.spread, s.spreadSe),
          pm((s.e.midpoint?.mean ?? NaN) - (s.L + 1) / 2, (s.e.midpoint?.spread ?? NaN) / Math.sqrt(s.e.midpoint?.count ?? NaN)), pm(s.wbar, s.wbarSe), (s.w / s.L).toFixed(4), s.seconds.toFixed(1)]),
      },
      {
        title: "Fits (weighted least squares; Birge-scaled errors)",
        columns: ["quantity", "form", "parameters", "χ²/dof"],
        rows: [
          ["w", "a + b√L", fmtFit(fw.intercept, fw.interceptErr, fw.slope, fw.slopeErr), (fw.chi2 / fw.dof).toFixed(2)],
          ["std(m)", "a + b√L", fmtFit(fs.intercept, fs.interceptErr, fs.slope, fs.slopeErr), (fs.chi2 / fs.dof).toFixed(2)],
          ["w", "c·L^p", `p = ${pm(pw.exponent, pw.exponentErr)}, c = ${pw.prefactor.toPrecision(4)}`, (pw.chi2 / pw.dof).toFixed(2)],
          ["std(m)", "c·L^p", `p = ${pm(ps.exponent, ps.exponentErr)}, c = ${ps.prefactor.toPrecision(4)}`, (ps.chi2 / ps.dof).toFixed(2)],
          ["w̄ of ⟨T⟩", "c·L^p", `p = ${pm(pb.exponent, pb.exponentErr)}, c = ${pb.prefactor.toPrecision(4)}`, (pb.chi2 / pb.dof).toFixed(2)],
        ],
      },
    ],
    figures,
    checks,
    notes,
  };
}

/**
 * A "p1-harmonic-fig3-4" scenario with other sizes (see the module comment).
 *
 * @param opts - chain lengths and realization counts of the default and `--full` runs, coupling
 * @returns the scenario (named "p1-harmonic-fig3-4")
 *
 * @example
 * ```ts
 * import { makeP1HarmonicFig34Scenario } from "nessref/reproduce";
 * const s = makeP1HarmonicFig34Scenario({ Ls: [16, 32, 64, 128], realizations: 200 });
 * ```
 */
export function makeP1HarmonicFig34Scenario(opts: P1HarmonicFig34Options = {}): Scenario {
  const o: Required<P1HarmonicFig34Options> = {
    Ls: [25, 50, 100, 200, 400], fullLs: [25, 35, 50, 71, 100, 141, 200, 283, 400, 566, 800], realizations: 1000, fullRealizations: 1000, g: P1H_G, ...opts,
  };
  return {
    name: "p1-harmonic-fig3-4",
    paper: "[P1] 001_… step profiles, §2 Figs. 3–4 (disordered harmonic chain, λ → 0, disorder ensembles)",
    reproduces: "mean step width w and midpoint spread std(m) vs L with fits a + b√L and free power laws (sublinear growth); mean profiles vs x/L and their step width",
    defaultSize: `L ∈ {${o.Ls.join(", ")}}, ${o.realizations} realizations per L (NESSREF_P1_HARMONIC_REALIZATIONS overrides)`,
    fullSize: `L ∈ {${o.fullLs.join(", ")}}, ${o.fullRealizations} realizations per L`,
    run: (ctx) => run(o, ctx),
  };
}

/**
 * The built-in "p1-harmonic-fig3-4" scenario ([P1] Figs. 3–4: g = 0.1, 1000 realizations per L).
 *
 * @example
 * ```ts
 * import { p1HarmonicFig34Scenario } from "nessref/reproduce";
 * const out = await p1HarmonicFig34Scenario.run({ full: false, progress: () => {} });
 * out.tables[1].rows[0]; // the fit w = a + b√L
 * ```
 */
export const p1HarmonicFig34Scenario: Scenario = makeP1HarmonicFig34Scenario();
