/**
 * Scenario "p1-harmonic-fig5": [P1] §2, Fig. 5 — mean T(x) profiles over 1000 disorder
 * realizations at L = 100 (T_1 = 1, T_L = 2, λ → 0, eq. (2.9)) for several couplings g. The
 * paper's claim: the step becomes sharper for smaller g (consistent with C ∼ ξ in eq. (2.14)).
 * Checked on the mean single-realization width w (MODELS §5) with its standard error, on the
 * width of the averaged profile, and with the mirror symmetry of the midpoint.
 *
 * Sizes: g ∈ {0.05, 0.1, 0.2, 0.5, 1} by default, `--full` g ∈ {0.02, 0.05, 0.1, 0.2, 0.3, 0.5,
 * 0.7, 1}; 1000 realizations per g (the paper's count; `NESSREF_P1_HARMONIC_REALIZATIONS`
 * overrides). The g = 0.1 ensemble is the L = 100 ensemble of `p1-harmonic-fig3-4` (same seed).
 *
 * @module
 */
import type { HarmonicEnsembleResult } from "../../analysis/harmonic.js";
import type { Check, Figure, Scenario, ScenarioContext, ScenarioOutput } from "../types.js";
import { envCount, pm } from "./chainTasks.js";
import { CHOICES_NOTE, boundsCheck, meanProfileWidth, midpointMirrorCheck, midpointZ, p1hEnsemble, refusalCheck, refusalNotes, yes } from "./p1HarmonicCommon.js";

/**
 * Options of {@link makeP1HarmonicFig5Scenario}.
 *
 * @example
 * ```ts
 * import type { P1HarmonicFig5Options } from "nessref/reproduce";
 * const o: P1HarmonicFig5Options = { L: 100, gs: [0.05, 0.1, 0.2, 0.5, 1], realizations: 1000 };
 * ```
 */
export interface P1HarmonicFig5Options {
  /** chain length (default 100, the paper's) */ L?: number;
  /** couplings of the default run, increasing (default [0.05, 0.1, 0.2, 0.5, 1]) */ gs?: number[];
  /** couplings with `--full` (default [0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1]) */ fullGs?: number[];
  /** realizations per g, default run (default 1000, the paper's) */ realizations?: number;
  /** realizations per g with `--full` (default 1000) */ fullRealizations?: number;
}

interface GStats {
  g: number;
  e: HarmonicEnsembleResult;
  accepted: number;
  nullSteps: number;
  w: number; wSe: number;
  spread: number; spreadSe: number;
  zMid: number;
  wbar: number; wbarSe: number;
  seconds: number;
}

async function run(o: Required<P1HarmonicFig5Options>, ctx: ScenarioContext): Promise<ScenarioOutput> {
  const gs = [...(ctx.full ? o.fullGs : o.gs)].sort((a, b) => a - b);
  const R = envCount("NESSREF_P1_HARMONIC_REALIZATIONS", ctx.full ? o.fullRealizations : o.realizations);
  const L = o.L;
  const t0 = performance.now();
  const stats: GStats[] = [];
  for (const [k, g] of gs.entries()) {
    const t = performance.now();
    const e = await p1hEnsemble(L, g, 0, R, "p1-harmonic-fig5", ctx);
    const seconds = (performance.now() - t) / 1000;
    ctx.progress(k + 1, gs.length);
    const ok = e.realizations.filter((r) => r.temperature).map((r) => r.temperature!);
    const mw = ok.length > 0 ? meanProfileWidth(ok) : { width: NaN, err: NaN };
    stats.push({
      g, e, accepted: ok.length, nullSteps: ok.length - (e.width?.count ?? 0),
      w: e.width?.mean ?? NaN, wSe: e.width?.stdError ?? NaN,
      spread: e.midpoint?.spread ?? NaN, spreadSe: e.midpoint?.spreadError ?? NaN,
      zMid: midpointZ(e, L), wbar: mw.width, wbarSe: mw.err, seconds,
    });
  }
  const wall = (performance.now() - t0) / 1000;

  // successive pairs resolved at 2σ each: w(g_i) + 2se_i < w(g_{i+1}) − 2se_{i+1}
  const pairs = stats.slice(1).map((s, i) => ({ a: stats[i]!, b: s, ok: stats[i]!.w + 2 * stats[i]!.wSe < s.w - 2 * s.wSe }));
  const resolved = pairs.filter((p) => p.ok).length;
  const wbarRises = stats.every((s, i) => i === 0 || s.wbar > stats[i - 1]!.wbar);

  const x = Array.from({ length: L }, (_, i) => i + 1);
  const figures: Figure[] = [
    {
      id: "fig5-profiles",
      title: `[P1] Fig. 5: mean T(x) over ${R} realizations, L = ${L}, for several g (λ → 0)`,
      xLabel: "site x", yLabel: "⟨T(x)⟩",
      series: stats.map((s) => ({ name: `g = ${s.g}`, x, y: s.e.profile!.mean })),
    },
    {
      id: "fig5-width",
      title: `[P1] Fig. 5: step width vs g, L = ${L} (mean w ± se; width of the averaged profile ± jackknife; std(m))`,
      xLabel: "g", yLabel: "width", logX: true, logY: true,
      series: [
        { name: "w (mean over realizations)", x: gs, y: stats.map((s) => s.w), yErr: stats.map((s) => s.wSe), mark: "point", color: "#1f77b4" },
        { name: "w̄ of ⟨T(x)⟩", x: gs, y: stats.map((s) => s.wbar), yErr: stats.map((s) => s.wbarSe), mark: "point", color: "#2ca02c" },
        { name: "std(m)", x: gs, y: stats.map((s) => s.spread), yErr: stats.map((s) => s.spreadSe), mark: "point", color: "#d62728" },
      ],
    },
  ];

  const checks: Check[] = [
    refusalCheck("Fig. 5 ensembles", stats.map((s) => ({ label: `g = ${s.g}`, e: s.e }))),
    boundsCheck(stats.map((s) => s.e)),
    {
      name: "accepted realizations whose step metrics are undefined",
      value: stats.reduce((a, s) => a + s.nullSteps, 0), reference: 0, tolerance: 0, relative: false,
      reason: "both levels are crossed when the ends sit at their baths' temperatures; an undefined step would silently leave w",
      referenceSource: "MODELS §5 (step metrics)",
    },
    {
      name: `the step sharpens as g decreases: successive pairs with w(g_i) + 2se < w(g_{i+1}) − 2se (${pairs.map((p) => `${p.a.g}→${p.b.g}: ${p.ok ? "yes" : "no"}`).join(", ")})`,
      value: resolved, reference: pairs.length, tolerance: 0, relative: false,
      reason: "every successive pair resolved at 2σ each (nessref margin); w from the per-realization definition of [P1] Fig. 3",
      referenceSource: "[P1] Fig. 5 caption ('the step is becoming sharper for smaller values of g')",
    },
    {
      name: `the averaged profile's step width rises with g (${stats.map((s) => `${s.g}: ${pm(s.wbar, s.wbarSe)}`).join(", ")}) (1 = yes)`,
      value: yes(wbarRises), reference: 1, tolerance: 0, relative: false,
      reason: "qualitative claim (yes/no) on the curves of Fig. 5 themselves (interpolated 0.3/0.7 crossings of ⟨T(x)⟩)",
      referenceSource: "[P1] Fig. 5 caption",
    },
    midpointMirrorCheck("g", stats.map((s) => s.zMid)),
  ];
  const notes = [
    CHOICES_NOTE,
    `λ → 0 road (eq. (2.9)) by harmonicEnsemble (in-process below ≈ 1.5 s of work, else the worker pool); ${R} realizations per g (NESSREF_P1_HARMONIC_REALIZATIONS overrides), wall ${wall.toFixed(1)} s. The g = 0.1 ensemble has the seed of the L = ${L} ensemble of p1-harmonic-fig3-4: the same realizations.`,
  ];
  for (const s of stats) notes.push(...refusalNotes(`g = ${s.g}`, s.e));
  return {
    tables: [{
      title: `[P1] Fig. 5: step statistics over ${R} realizations per g, L = ${L} (λ → 0; mean ± standard error)`,
      columns: ["g", "accepted/total", "w", "w̄ of ⟨T⟩ (jackknife)", "std(m)", "⟨m⟩ − (L+1)/2", "wall s"],
      rows: stats.map((s) => [s.g, `${s.accepted}/${s.e.realizations.length}`, pm(s.w, s.wSe), pm(s.wbar, s.wbarSe), pm(s.spread, s.spreadSe),
        pm((s.e.midpoint?.mean ?? NaN) - (L + 1) / 2, (s.e.midpoint?.spread ?? NaN) / Math.sqrt(s.e.midpoint?.count ?? NaN)), s.seconds.toFixed(1)]),
    }],
    figures,
    checks,
    notes,
  };
}

/**
 * A "p1-harmonic-fig5" scenario with other sizes (see the module comment).
 *
 * @param opts - chain length, couplings and realization counts of the default and `--full` runs
 * @returns the scenario (named "p1-harmonic-fig5")
 *
 * @example
 * ```ts
 * import { makeP1HarmonicFig5Scenario } from "nessref/reproduce";
 * const s = makeP1HarmonicFig5Scenario({ L: 40, realizations: 200 });
 * ```
 */
export function makeP1HarmonicFig5Scenario(opts: P1HarmonicFig5Options = {}): Scenario {
  const o: Required<P1HarmonicFig5Options> = {
    L: 100, gs: [0.05, 0.1, 0.2, 0.5, 1], fullGs: [0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1], realizations: 1000, fullRealizations: 1000, ...opts,
  };
  return {
    name: "p1-harmonic-fig5",
    paper: "[P1] 001_… step profiles, §2 Fig. 5 (disordered harmonic chain, λ → 0, several g)",
    reproduces: "mean T(x) over 1000 realizations at L = 100 for several g; the step sharpens as g decreases (w with standard errors, width of the averaged profile)",
    defaultSize: `L = ${o.L}, g ∈ {${o.gs.join(", ")}}, ${o.realizations} realizations per g`,
    fullSize: `L = ${o.L}, g ∈ {${o.fullGs.join(", ")}}, ${o.fullRealizations} realizations per g`,
    run: (ctx) => run(o, ctx),
  };
}

/**
 * The built-in "p1-harmonic-fig5" scenario ([P1] Fig. 5: L = 100, 1000 realizations per g).
 *
 * @example
 * ```ts
 * import { p1HarmonicFig5Scenario } from "nessref/reproduce";
 * const out = await p1HarmonicFig5Scenario.run({ full: false, progress: () => {} });
 * out.tables[0].rows.length; // 5 (one per g)
 * ```
 */
export const p1HarmonicFig5Scenario: Scenario = makeP1HarmonicFig5Scenario();
