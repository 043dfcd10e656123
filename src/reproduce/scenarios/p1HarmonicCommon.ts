/**
 * Shared set-up of the [P1] §2 harmonic-chain scenarios (`p1-harmonic-fig1`, `p1-harmonic-fig2`,
 * `p1-harmonic-fig3-4`, `p1-harmonic-fig5`; MODELS §5, CONVENTIONS §5): the documented choices
 * (V_x uniform on [1, 2], T_1 = 1, T_L = 2, g = 0.1), the ensemble seeds, the λ → 0 ensembles on
 * the worker pool, and small helpers (refusal bookkeeping, power-law fits, the step width of an
 * averaged profile with its jackknife error).
 *
 * Seeds: the disorder ensemble of chain length L and coupling g is `p1HarmonicSeed(L, g)` =
 * `"p1-harmonic/L=<L>/g=<g>"`, realization r drawn from `realizationRng(seed, r)` (CONVENTIONS
 * "Randomness"). The scenarios share these seeds, so the figures that share data in the paper
 * share realizations here: [P1] Fig. 1 is realization 0 of the L = 100, g = 0.1 ensemble of
 * Figs. 3–5, Fig. 4 shows the mean profiles of the Fig. 3 ensembles, and the g = 0.1 curve of
 * Fig. 5 is the L = 100 ensemble of Figs. 3–4.
 *
 * @module
 */
import { harmonicEnsemble, type HarmonicEnsembleResult } from "../../analysis/harmonic.js";
import type { Check, ScenarioContext } from "../types.js";
import { lineFit, poolSettings } from "./chainTasks.js";

/**
 * Lower end of the potential distribution (nessref choice; [P1] does not state it).
 *
 * @example
 * ```ts
 * P1H_VMIN; // 1
 * ```
 */
export const P1H_VMIN = 1;
/**
 * Upper end of the potential distribution (nessref choice).
 *
 * @example
 * ```ts
 * P1H_VMAX; // 2
 * ```
 */
export const P1H_VMAX = 2;
/**
 * Temperature of the bath at site 1 ([P1] Figs. 1–5).
 *
 * @example
 * ```ts
 * P1H_T1; // 1
 * ```
 */
export const P1H_T1 = 1;
/**
 * Temperature of the bath at site L ([P1] Figs. 1–5).
 *
 * @example
 * ```ts
 * P1H_TL; // 2
 * ```
 */
export const P1H_TL = 2;
/**
 * Coupling g of [P1] Figs. 1–4.
 *
 * @example
 * ```ts
 * P1H_G; // 0.1
 * ```
 */
export const P1H_G = 0.1;
/**
 * Largest fraction of refused realizations an ensemble may have before its check fails
 * (nessref choice: the λ → 0 road refuses realizations whose mode tails it cannot vouch for to
 * 1e−10 — none seen at g = 0.1 up to L = 800 with its current error estimate, CONVENTIONS §5;
 * 5 % would keep the statistics of the accepted realizations close to those of the whole
 * ensemble if refusals ever reappeared).
 *
 * @example
 * ```ts
 * const ok = (failures: number, n: number) => failures / n <= P1H_MAX_REFUSED;
 * ```
 */
export const P1H_MAX_REFUSED = 0.05;

/**
 * The seed of the disorder ensemble of chain length L and coupling g shared by the [P1] §2
 * scenarios.
 *
 * @param L - chain length
 * @param g - coupling
 * @returns `"p1-harmonic/L=<L>/g=<g>"`
 *
 * @example
 * ```ts
 * import { p1HarmonicSeed } from "nessref/reproduce";
 * p1HarmonicSeed(100, 0.1); // "p1-harmonic/L=100/g=0.1" — Fig. 1 is its realization 0
 * ```
 */
export function p1HarmonicSeed(L: number, g: number): string {
  return `p1-harmonic/L=${L}/g=${g}`;
}

/**
 * The documented choices, as a report note.
 *
 * @example
 * ```ts
 * const notes = [CHOICES_NOTE];
 * ```
 */
export const CHOICES_NOTE =
  `Documented choices (nessref, CONVENTIONS §5): [P1] does not state the distribution of V_x; here V_x is uniform on [${P1H_VMIN}, ${P1H_VMAX}] ` +
  `(drawn in site order by uniformPotentials). Baths at sites 1 and L with T_1 = ${P1H_T1}, T_L = ${P1H_TL}; H = V − gΔ with free boundaries. ` +
  `Seeds: the ensemble of (L, g) is "p1-harmonic/L=<L>/g=<g>", realization r from realizationRng(seed, r), shared by the p1-harmonic-* scenarios ` +
  `(Fig. 1 = realization 0 of L = 100, g = 0.1; Fig. 5's g = 0.1 = the L = 100 ensemble of Figs. 3–4).`;

/**
 * One λ → 0 (λ = 0) or finite-λ ensemble of the [P1] §2 chain with the documented choices and
 * the seed {@link p1HarmonicSeed}(L, g), by `harmonicEnsemble` (in-process for small ensembles,
 * else on the worker pool; `poolSettings`).
 *
 * @param L - chain length
 * @param g - coupling
 * @param lambda - friction (0: the λ → 0 formula)
 * @param realizations - number of realizations
 * @param label - progress label
 * @param ctx - the scenario context (cancellation is checked before the run)
 * @returns the ensemble
 *
 * @example
 * ```ts
 * const e = await p1hEnsemble(100, 0.1, 0, 1000, "p1-harmonic-fig3-4", ctx);
 * e.width?.mean; // ≈ 8
 * ```
 */
export async function p1hEnsemble(L: number, g: number, lambda: number, realizations: number, label: string, ctx: ScenarioContext): Promise<HarmonicEnsembleResult> {
  ctx.signal?.throwIfAborted();
  const { workers, progress } = poolSettings(`${label} (L = ${L}, g = ${g}, λ = ${lambda === 0 ? "→ 0" : lambda})`);
  // stderr progress lines only for the long ensembles (≳ 5 s), not for every short one
  const long = lambda === 0 ? L * L * realizations >= 2e7 : L * L * realizations >= 2e5;
  return harmonicEnsemble({
    L, g, vMin: P1H_VMIN, vMax: P1H_VMAX, T1: P1H_T1, TL: P1H_TL, lambda, realizations,
    seed: p1HarmonicSeed(L, g), progress: long ? progress : false, ...(workers !== undefined ? { workers } : {}),
  });
}

/**
 * Largest violation of T_1 ≤ T(x) ≤ T_L over the accepted realizations (≤ 0 when none).
 *
 * @example
 * ```ts
 * boundsViolation(e) <= P1H_BOUNDS_TOL; // λ → 0: T(x) is a convex combination of T_1 and T_L
 * ```
 */
export function boundsViolation(e: HarmonicEnsembleResult): number {
  let v = 0;
  for (const r of e.realizations) for (const t of r.temperature ?? []) v = Math.max(v, P1H_T1 - t, t - P1H_TL);
  return v;
}

/**
 * Tolerance of the T_1 ≤ T(x) ≤ T_L checks of the λ → 0 profiles (nessref choice): eq. (2.9) is a
 * convex combination only up to the completeness Σ_k ψ_k(x)² = 1 of the computed modes, which the
 * twisted eigenvectors of close modes meet to ~ε‖H‖/gap — measured |Σ_k ψ_k(x)² − 1| up to
 * 3.4e−12 at L = 100 (100 realizations) and overshoots up to 2.2e−11 over 1000 realizations at
 * L = 400 (g = 0.1).
 *
 * @example
 * ```ts
 * const inside = (T: number) => T >= 1 - P1H_BOUNDS_TOL && T <= 2 + P1H_BOUNDS_TOL;
 * ```
 */
export const P1H_BOUNDS_TOL = 1e-10;

/**
 * The check T_1 ≤ T(x) ≤ T_L over every accepted λ → 0 profile of some ensembles.
 *
 * @example
 * ```ts
 * checks.push(boundsCheck([e100, e200]));
 * ```
 */
export function boundsCheck(ens: readonly HarmonicEnsembleResult[]): Check {
  return {
    name: "max violation of T_1 ≤ T(x) ≤ T_L over every accepted λ → 0 profile",
    value: Math.max(0, ...ens.map(boundsViolation)), reference: 0, tolerance: P1H_BOUNDS_TOL, relative: false,
    reason: "eq. (2.9) is a convex combination of T_1 and T_L (α_1k + α_Lk = 1, Σ_k ψ_k(x)² = 1); the computed modes meet the completeness Σ_k ψ_k(x)² = 1 to ~1e−12–1e−11 (twisted eigenvectors of close modes), hence 1e−10",
    referenceSource: "[P1] eq. (2.9)",
  };
}

/**
 * The refusal check over a set of labelled ensembles: the largest refused fraction ≤
 * `P1H_MAX_REFUSED`.
 *
 * @example
 * ```ts
 * const c = refusalCheck("Fig. 3", [{ label: "L = 100", e }]);
 * ```
 */
export function refusalCheck(what: string, ens: { label: string; e: HarmonicEnsembleResult }[]): Check {
  const frac = ens.map(({ e }) => e.failures / e.realizations.length);
  const worst = Math.max(...frac);
  const list = ens.map(({ label, e }) => `${label}: ${e.failures}/${e.realizations.length}`).join(", ");
  return {
    name: `${what}: largest fraction of realizations refused by the solver (${list})`,
    value: worst, reference: 0, tolerance: P1H_MAX_REFUSED, relative: false,
    reason: `refused realizations are counted and listed, never dropped silently; the statistics use the accepted ones, which stay representative while at most ${100 * P1H_MAX_REFUSED} % are refused (nessref choice)`,
    referenceSource: "CONVENTIONS §5 (ensembles; the λ → 0 road refuses when its weight-error bound exceeds 1e−10)",
  };
}

/**
 * Notes listing the refused realizations of an ensemble (code and message for the first `max`,
 * the indices of the rest).
 *
 * @example
 * ```ts
 * notes.push(...refusalNotes("L = 400", e));
 * ```
 */
export function refusalNotes(label: string, e: HarmonicEnsembleResult, max = 5): string[] {
  const failed = e.realizations.filter((r) => r.failure);
  const notes = failed.slice(0, max).map((r) => `${label}, realization ${r.r}: refused (${r.failure!.code}): ${r.failure!.message}`);
  if (failed.length > max) notes.push(`${label}: ${failed.length - max} more refused realizations (indices ${failed.slice(max).map((r) => r.r).join(", ")})`);
  return notes;
}

/**
 * Free power law y = c·x^p by weighted least squares of ln y on ln x (σ_ln = σ/y, Birge-scaled
 * errors, `lineFit`).
 *
 * @example
 * ```ts
 * powerLawFit([1, 4, 16], [1, 2, 4], [0.1, 0.1, 0.1]).exponent; // 0.5
 * ```
 */
export function powerLawFit(x: readonly number[], y: readonly number[], sigma: readonly number[]): { exponent: number; exponentErr: number; prefactor: number; chi2: number; dof: number } {
  const f = lineFit(x.map(Math.log), y.map(Math.log), y.map((v, i) => sigma[i]! / v));
  return { exponent: f.slope, exponentErr: f.slopeErr, prefactor: Math.exp(f.intercept), chi2: f.chi2, dof: f.dof };
}

/**
 * Width of the step of a (mean) profile between the levels T_1 + 0.3ΔT and T_L − 0.3ΔT of [P1]
 * Fig. 3, with the crossings linearly interpolated between sites (a continuous number, unlike the
 * integer w of single profiles): x₋ = the first upward crossing of the lower level, x₊ = the last
 * crossing of the upper level from below, width x₊ − x₋.
 *
 * @example
 * ```ts
 * interpolatedWidth([1, 1, 1.5, 2, 2]); // 0.8 (crossings at 2.6 and 3.4)
 * ```
 */
export function interpolatedWidth(T: ArrayLike<number>): number {
  const dT = P1H_TL - P1H_T1, lo = P1H_T1 + 0.3 * dT, hi = P1H_TL - 0.3 * dT, n = T.length;
  let xm = NaN, xp = NaN;
  for (let i = 0; i < n; i++) {
    if (T[i]! > lo) { xm = i === 0 ? 1 : i + (lo - T[i - 1]!) / (T[i]! - T[i - 1]!); break; }
  }
  for (let j = n - 1; j >= 0; j--) {
    if (T[j]! < hi) { xp = j === n - 1 ? n : j + 1 + (hi - T[j]!) / (T[j + 1]! - T[j]!); break; }
  }
  return xp - xm;
}

/**
 * The interpolated step width of the mean profile of an ensemble with its delete-a-block
 * jackknife error (`blocks` contiguous blocks of realizations).
 *
 * @example
 * ```ts
 * const { width, err } = meanProfileWidth(profiles); // [P1] Fig. 4
 * ```
 */
export function meanProfileWidth(profiles: readonly number[][], blocks = 20): { width: number; err: number } {
  const n = profiles.length, L = profiles[0]!.length;
  const sum = new Float64Array(L);
  for (const p of profiles) for (let i = 0; i < L; i++) sum[i] += p[i]!;
  const width = interpolatedWidth(Array.from(sum, (s) => s / n));
  const B = Math.min(blocks, n);
  if (B < 2) return { width, err: NaN };
  const ws: number[] = [];
  for (let b = 0; b < B; b++) {
    const from = Math.floor((b * n) / B), to = Math.floor(((b + 1) * n) / B);
    const s = Float64Array.from(sum);
    for (let k = from; k < to; k++) for (let i = 0; i < L; i++) s[i] -= profiles[k]![i]!;
    const m = n - (to - from);
    ws.push(interpolatedWidth(Array.from(s, (v) => v / m)));
  }
  const mean = ws.reduce((a, w) => a + w, 0) / B;
  const err = Math.sqrt(((B - 1) / B) * ws.reduce((a, w) => a + (w - mean) ** 2, 0));
  return { width, err };
}

/**
 * The mirror symmetry of the ensemble: x → L + 1 − x with T_1 ↔ T_L maps a profile to
 * T_1 + T_L − T(L + 1 − x) of the mirrored chain (V_x i.i.d.), so the midpoint m is distributed
 * symmetrically about (L + 1)/2. Returns the z-score of the mean midpoint.
 *
 * @example
 * ```ts
 * Math.abs(midpointZ(e, 100)) < 4;
 * ```
 */
export function midpointZ(e: HarmonicEnsembleResult, L: number): number {
  const m = e.midpoint;
  if (!m || m.count < 2) return NaN;
  return (m.mean - (L + 1) / 2) / (m.spread / Math.sqrt(m.count));
}

/**
 * The mirror-symmetry check of a family of ensembles: max over the family of |z| from
 * {@link midpointZ} within 4σ.
 *
 * @param over - what varies across the family ("L", "g")
 * @param zs - the z-scores of the family's ensembles
 * @returns the check
 *
 * @example
 * ```ts
 * const c = midpointMirrorCheck("g", [0.3, -1.2]); // c.value = 1.2, passes at tolerance 4
 * ```
 */
export function midpointMirrorCheck(over: string, zs: readonly number[]): Check {
  return {
    name: `mirror symmetry: max over ${over} of |⟨m⟩ − (L+1)/2| / se(⟨m⟩) (${zs.map((z) => z.toFixed(2)).join(", ")})`,
    value: Math.max(...zs.map((z) => Math.abs(z))), reference: 0, tolerance: 4, relative: false,
    reason: `x → L + 1 − x with T_1 ↔ T_L maps T to T_1 + T_L − T(L + 1 − x) of a mirrored chain with the same distribution, so m is symmetric about (L + 1)/2; 4σ for up to ${Math.max(zs.length, 9)} ensembles`,
    referenceSource: "[P1] eq. (2.9) (linear in the bath temperatures, Σ_b α_kb = 1); V_x i.i.d.",
  };
}

/**
 * 1 for true, 0 for false (qualitative checks).
 *
 * @example
 * ```ts
 * yes(2 > 1); // 1
 * ```
 */
export const yes = (b: boolean): number => (b ? 1 : 0);
