/**
 * Transport exponents and diffusion constants from NESS data, with error bars.
 *
 * - {@link fickDiffusion}: Fick's law D = −j/∇A from a steady-state profile A_i and its uniform
 *   current j (CONVENTIONS §0: sites 1..L, per-site arrays with index 0 = site 1, currents
 *   positive towards increasing site index; lattice spacing 1).
 * - {@link fitPowerLaw}: y = c·x^{−γ} by least squares on (ln x, ln |y|), e.g. the scaling
 *   j ∝ L^{−γ} of a NESS current with the chain length.
 * - {@link fitPowerLawEnsemble}: the same fit to the mean over disorder realizations, with
 *   jackknife and bootstrap error bars over the realizations.
 * - {@link jackknife}, {@link bootstrap}: the two resampling error estimates for any estimator.
 *
 * Every straight-line fit here is the centred two-pass least-squares solution
 * x̄ = Σx/n, ȳ = Σy/n, S_xx = Σ(x − x̄)², S_xy = Σ(x − x̄)(y − ȳ), slope = S_xy/S_xx,
 * intercept = ȳ − slope·x̄ (backward stable for a 2-parameter fit; no normal equations are
 * formed). Pure numerics: nothing here knows about a model. Randomness only through
 * {@link createRng} (CONVENTIONS "Randomness").
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { createRng } from "./random.js";

// ---------------------------------------------------------------------------
// internal: the centred straight-line fit (allocation-free)
// ---------------------------------------------------------------------------

/** Slope, intercept, S_xx and the residual sum of squares of the centred fit of y on x. */
interface Line {
  slope: number;
  intercept: number;
  sxx: number;
  rss: number;
  maxAbsResidual: number;
}

/** The centred two-pass least-squares line through (xs[k], ys[k]), k < n. S_xx = 0 gives slope NaN. */
function fitLine(xs: ArrayLike<number>, ys: ArrayLike<number>, n: number): Line {
  let mx = 0;
  let my = 0;
  for (let k = 0; k < n; k++) {
    mx += xs[k];
    my += ys[k];
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  for (let k = 0; k < n; k++) {
    const dx = xs[k] - mx;
    sxx += dx * dx;
    sxy += dx * (ys[k] - my);
  }
  const slope = sxy / sxx;
  let rss = 0;
  let maxAbsResidual = 0;
  for (let k = 0; k < n; k++) {
    const r = ys[k] - my - slope * (xs[k] - mx);
    rss += r * r;
    maxAbsResidual = Math.max(maxAbsResidual, Math.abs(r));
  }
  return { slope, intercept: my - slope * mx, sxx, rss, maxAbsResidual };
}

/** Only the slope of the centred fit (the hot loop of the resampling estimators). */
function slopeOf(xs: ArrayLike<number>, ys: ArrayLike<number>, n: number): number {
  let mx = 0;
  let my = 0;
  for (let k = 0; k < n; k++) {
    mx += xs[k];
    my += ys[k];
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  for (let k = 0; k < n; k++) {
    const dx = xs[k] - mx;
    sxx += dx * dx;
    sxy += dx * (ys[k] - my);
  }
  return sxy / sxx;
}

/**
 * √(Σ_k (v_k − v̄)²), two-pass, with the deviations scaled by their largest magnitude before
 * squaring (as in `hypot`), so that tiny or huge values neither underflow nor overflow.
 */
function rootSumSquaredDeviations(v: Float64Array): number {
  let m = 0;
  for (let k = 0; k < v.length; k++) m += v[k];
  m /= v.length;
  let big = 0;
  for (let k = 0; k < v.length; k++) big = Math.max(big, Math.abs(v[k] - m));
  if (big === 0) return 0;
  let ss = 0;
  for (let k = 0; k < v.length; k++) {
    const d = (v[k] - m) / big;
    ss += d * d;
  }
  return big * Math.sqrt(ss);
}

function isArrayLike(a: unknown): a is ArrayLike<unknown> {
  return a !== null && typeof a === "object" && typeof (a as { length?: unknown }).length === "number";
}

function checkFinite(v: number, where: string, what: string): void {
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new NessrefError("invalid-input", `${what} must be a finite number, got ${String(v)}`, where);
  }
}

/** Percentile of sorted values by linear interpolation between order statistics (Hyndman–Fan type 7). */
function percentileSorted(q: Float64Array, p: number): number {
  const h = (q.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, q.length - 1);
  return q[lo] + (h - lo) * (q[hi] - q[lo]);
}

// ---------------------------------------------------------------------------
// Fick's law
// ---------------------------------------------------------------------------

/**
 * Options of {@link fickDiffusion}: which sites a..b (1-based, CONVENTIONS §0) enter the fit.
 *
 * @example
 * ```ts
 * import type { FickOptions } from "nessref/analysis";
 * const bulk: FickOptions = { skip: 2 };        // sites 3..L−2
 * const window: FickOptions = { from: 4, to: 9 }; // sites 4..9
 * ```
 */
export interface FickOptions {
  /**
   * Sites left out at each end when `from`/`to` are not given (default 1: the boundary sites,
   * which carry the contact resistance of the baths). An integer ≥ 0.
   */
  skip?: number;
  /** First site a of the fit (1-based; default 1 + skip). */
  from?: number;
  /** Last site b of the fit (1-based; default L − skip). */
  to?: number;
}

/**
 * Result of {@link fickDiffusion}. The fitted line is A_i ≈ intercept + slope·i with i the
 * 1-based site label (CONVENTIONS §0).
 *
 * @example
 * ```ts
 * import type { FickResult } from "nessref/analysis";
 * const show = (f: FickResult) => `D = ${f.D} (slope fit ${f.Dslope}, linearity ${f.linearity})`;
 * ```
 */
export interface FickResult {
  /** D = −j·(b − a)/(A_b − A_a): Fick's law from the two end sites of the range. */
  D: number;
  /** D = −j/slope from the least-squares slope over sites a..b. */
  Dslope: number;
  /** Least-squares slope of A_i against the site label i over a..b (per lattice spacing). */
  slope: number;
  /** Least-squares intercept: the fitted line's value at the (virtual) site label 0. */
  intercept: number;
  /** max_{a≤i≤b} |A_i − (intercept + slope·i)| / |A_b − A_a|: 0 for an exactly linear profile. */
  linearity: number;
  /** The first site a of the range (1-based). */
  from: number;
  /** The last site b of the range (1-based). */
  to: number;
}

/**
 * Fick's-law diffusion constant of a NESS: with the uniform current j and the profile A_i of the
 * transported density (e.g. ⟨s^z_i⟩ and the spin current of CONVENTIONS §1, or the bond energies
 * and the energy current), j = −D ∂A/∂i, so
 *
 *   D = −j·(b − a)/(A_b − A_a)  (end sites a, b of the range),  D_slope = −j/slope,
 *
 * with the slope from the least-squares line through (i, A_i), i = a..b. Conventions §0: sites
 * 1..L, `profile[0]` is site 1, j > 0 flows towards increasing site index (so D > 0 when A
 * decreases along the current); lattice spacing 1, so D is in the units of j per unit of A
 * (for ⟨s^z⟩ and the spin current, units of J with ħ = 1). The default range drops one site at
 * each end (`skip = 1`): next to a bath the profile jumps (contact resistance), and that jump is
 * not bulk diffusion. `linearity` says how far the bulk profile is from a straight line; a large
 * value means Fick's law with one D does not describe the range.
 *
 * @param profile - A_i per site (length L, index 0 = site 1), all finite
 * @param current - the uniform NESS current j, positive towards increasing site index
 * @param opts - the range: `skip` sites at each end (default 1), or explicit `from`/`to` sites
 * @returns D from the end sites and from the fitted slope, the line, its linearity, the range
 * @throws NessrefError("invalid-input") for a non-finite profile value (path `/profile/k`) or
 *   current (`/current`); a bad `skip`/`from`/`to` or a range with fewer than 2 sites (path of
 *   the option, `/profile` when the chain is too short); a zero gradient A_b = A_a or a zero
 *   fitted slope, for which D is undefined (`/profile`) — D is never returned as ±∞ or NaN
 *
 * @example
 * ```ts
 * import { fickDiffusion } from "nessref/analysis";
 * // a linear bulk profile with contact jumps at both ends, current 0.02:
 * const A = [0.30, 0.20, 0.18, 0.16, 0.14, 0.12, 0.02];
 * const f = fickDiffusion(A, 0.02); // sites 2..6
 * f.D;         // 1  (= −0.02·4/(0.12 − 0.20))
 * f.linearity; // ≈ 0
 * fickDiffusion(A, 0.02, { from: 1, to: 7 }).D; // ≈ 0.43: the contact jumps included
 * ```
 */
export function fickDiffusion(profile: ArrayLike<number>, current: number, opts: FickOptions = {}): FickResult {
  if (!isArrayLike(profile)) throw new NessrefError("invalid-input", "fickDiffusion: profile must be an array of numbers (index 0 = site 1)", "/profile");
  const L = profile.length;
  for (let k = 0; k < L; k++) checkFinite(profile[k], `/profile/${k}`, `fickDiffusion: profile[${k}] (site ${k + 1})`);
  checkFinite(current, "/current", "fickDiffusion: current");
  const o = opts ?? {};
  const skip = o.skip ?? 1;
  if (!Number.isInteger(skip) || skip < 0) throw new NessrefError("invalid-input", `fickDiffusion: skip must be an integer ≥ 0, got ${String(skip)}`, "/skip");
  const a = o.from ?? 1 + skip;
  const b = o.to ?? L - skip;
  if (o.from !== undefined && (!Number.isInteger(o.from) || o.from < 1 || o.from > L)) {
    throw new NessrefError("invalid-input", `fickDiffusion: from must be a site 1..${L}, got ${String(o.from)}`, "/from");
  }
  if (o.to !== undefined && (!Number.isInteger(o.to) || o.to < 1 || o.to > L)) {
    throw new NessrefError("invalid-input", `fickDiffusion: to must be a site 1..${L}, got ${String(o.to)}`, "/to");
  }
  if (b - a < 1) {
    const path = o.to !== undefined ? "/to" : o.from !== undefined ? "/from" : L < 2 ? "/profile" : "/skip";
    throw new NessrefError(
      "invalid-input",
      `fickDiffusion: the range of sites ${a}..${b} of a chain of ${L} sites has fewer than 2 sites; a gradient needs at least 2`,
      path,
    );
  }
  const dA = profile[b - 1] - profile[a - 1];
  if (dA === 0) {
    throw new NessrefError("invalid-input", `fickDiffusion: A_${b} = A_${a}: the profile has no gradient over sites ${a}..${b}, so D is undefined`, "/profile");
  }
  const n = b - a + 1;
  const sites = new Float64Array(n);
  const vals = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    sites[k] = a + k;
    vals[k] = profile[a - 1 + k];
  }
  const line = fitLine(sites, vals, n);
  if (line.slope === 0) {
    throw new NessrefError("invalid-input", `fickDiffusion: the least-squares slope of the profile over sites ${a}..${b} is 0, so D is undefined`, "/profile");
  }
  let maxDev = 0;
  for (let k = 0; k < n; k++) maxDev = Math.max(maxDev, Math.abs(vals[k] - (line.intercept + line.slope * sites[k])));
  const D = (-current * (b - a)) / dA;
  const Dslope = -current / line.slope;
  return {
    D: D + 0, // −0 → 0 for a zero current
    Dslope: Dslope + 0,
    slope: line.slope,
    intercept: line.intercept,
    linearity: maxDev / Math.abs(dA),
    from: a,
    to: b,
  };
}

// ---------------------------------------------------------------------------
// Power laws
// ---------------------------------------------------------------------------

/**
 * Result of {@link fitPowerLaw}: y ≈ prefactor·x^{−gamma}.
 *
 * @example
 * ```ts
 * import type { PowerLawFit } from "nessref/analysis";
 * const show = (f: PowerLawFit) => `γ = ${f.gamma} ± ${f.gammaStdErr}`;
 * ```
 */
export interface PowerLawFit {
  /** The exponent γ of y = c·x^{−γ} (minus the least-squares slope of ln |y| on ln x). */
  gamma: number;
  /** The prefactor c = sign·exp(intercept of the fit of ln |y|), with the sign of the data. */
  prefactor: number;
  /** The common sign of the y values: 1 or −1. */
  sign: 1 | -1;
  /**
   * Standard error of γ from the regression residuals, √(Σr²/(n − 2) / S_xx) with S_xx = Σ(ln x − mean)²;
   * 0 when n = 2 (two points are fitted exactly: there is no residual to estimate it from).
   */
  gammaStdErr: number;
  /**
   * Leave-one-point-out jackknife standard error of γ, √((n−1)/n Σ_i (γ_(i) − γ̄)²); `null` when
   * n < 3 or when leaving out some point leaves all remaining x equal (γ_(i) undefined).
   */
  gammaJackknife: number | null;
  /** max_i |ln |y_i| − (ln |c| − γ ln x_i)|: the largest residual in ln |y| (≈ relative deviation of y). */
  residualMax: number;
}

/** ln x and ln |y| of a power-law data set, validated; the sign of y. */
function powerLawLogs(x: ArrayLike<number>, y: ArrayLike<number>, who: string): { lx: Float64Array; ly: Float64Array; sign: 1 | -1 } {
  if (!isArrayLike(x)) throw new NessrefError("invalid-input", `${who}: x must be an array of numbers`, "/x");
  if (!isArrayLike(y)) throw new NessrefError("invalid-input", `${who}: y must be an array of numbers`, "/y");
  const n = x.length;
  if (y.length !== n) throw new NessrefError("invalid-input", `${who}: x has ${n} points but y has ${y.length}`, "/y");
  if (n < 2) throw new NessrefError("invalid-input", `${who}: a power law needs at least 2 points, got ${n}`, "/x");
  const lx = new Float64Array(n);
  const ly = new Float64Array(n);
  let sign: 1 | -1 = 1;
  for (let k = 0; k < n; k++) {
    const xk = x[k];
    if (typeof xk !== "number" || !Number.isFinite(xk) || !(xk > 0)) {
      throw new NessrefError("invalid-input", `${who}: x[${k}] must be finite and > 0 (it enters as ln x), got ${String(xk)}`, `/x/${k}`);
    }
    const yk = y[k];
    if (typeof yk !== "number" || !Number.isFinite(yk) || yk === 0) {
      throw new NessrefError("invalid-input", `${who}: y[${k}] must be finite and nonzero (it enters as ln |y|), got ${String(yk)}`, `/y/${k}`);
    }
    const s = yk > 0 ? 1 : -1;
    if (k === 0) sign = s;
    else if (s !== sign) {
      throw new NessrefError("invalid-input", `${who}: y changes sign at y[${k}] = ${yk} (y[0] = ${y[0]}); a power law c·x^(−γ) has one sign`, `/y/${k}`);
    }
    lx[k] = Math.log(xk);
    ly[k] = Math.log(Math.abs(yk));
  }
  for (let k = 1; k < n; k++) if (lx[k] !== lx[0]) return { lx, ly, sign };
  throw new NessrefError("invalid-input", `${who}: all x are equal (${x[0]}); the exponent is undefined`, "/x");
}

/**
 * Fit y = c·x^{−γ} by least squares on (ln x, ln |y|) (the centred straight-line fit of the
 * module description). For a NESS current against chain length, j ∝ L^{−γ}: γ = 0 is ballistic
 * (e.g. the boundary-driven XX chain, the free fermions of CONVENTIONS §2), γ = 1 diffusive
 * (e.g. with the bulk dephasing of §1c), 0 < γ < 1 superdiffusive, γ > 1 subdiffusive (the
 * disordered chains of [P0]). The y must all have one sign; |y| is fitted and the sign goes
 * into the prefactor. Repeated x values are allowed (but not all equal).
 *
 * @param x - abscissae, finite and > 0 (e.g. chain lengths L)
 * @param y - values, finite, nonzero, all of one sign (e.g. NESS currents)
 * @returns γ, the signed prefactor c, the sign, the regression and jackknife standard errors of
 *   γ, and the largest residual in ln |y|
 * @throws NessrefError("invalid-input") for arrays of different lengths or fewer than 2 points,
 *   an x ≤ 0 or non-finite (`/x/k`), a y zero, non-finite or of the other sign (`/y/k`), all x equal
 *
 * @example
 * ```ts
 * import { fitPowerLaw } from "nessref/analysis";
 * const L = [8, 16, 32, 64];
 * const j = L.map((l) => 0.3 / l); // diffusive
 * const f = fitPowerLaw(L, j);
 * f.gamma;     // ≈ 1
 * f.prefactor; // ≈ 0.3
 * ```
 */
export function fitPowerLaw(x: ArrayLike<number>, y: ArrayLike<number>): PowerLawFit {
  const { lx, ly, sign } = powerLawLogs(x, y, "fitPowerLaw");
  const n = lx.length;
  const line = fitLine(lx, ly, n);
  const gammaStdErr = n > 2 ? Math.sqrt(line.rss / (n - 2) / line.sxx) : 0;
  let gammaJackknife: number | null = null;
  if (n >= 3) {
    const subX = new Float64Array(n - 1);
    const subY = new Float64Array(n - 1);
    const g = new Float64Array(n);
    let ok = true;
    for (let i = 0; i < n && ok; i++) {
      for (let k = 0, m = 0; k < n; k++) {
        if (k === i) continue;
        subX[m] = lx[k];
        subY[m] = ly[k];
        m++;
      }
      g[i] = -slopeOf(subX, subY, n - 1);
      ok = Number.isFinite(g[i]);
    }
    if (ok) gammaJackknife = Math.sqrt((n - 1) / n) * rootSumSquaredDeviations(g);
  }
  return {
    gamma: -line.slope + 0,
    prefactor: sign * Math.exp(line.intercept),
    sign,
    gammaStdErr,
    gammaJackknife,
    residualMax: line.maxAbsResidual,
  };
}

// ---------------------------------------------------------------------------
// Resampling
// ---------------------------------------------------------------------------

/**
 * Result of {@link jackknife}.
 *
 * @example
 * ```ts
 * import type { JackknifeResult } from "nessref/analysis";
 * const show = (j: JackknifeResult) => `${j.estimate} ± ${j.stdErr}`;
 * ```
 */
export interface JackknifeResult {
  /** The estimator on all samples, θ̂. */
  estimate: number;
  /** The leave-one-out estimates θ_(i) (sample i left out), in sample order. */
  leaveOneOut: Float64Array;
  /** The jackknife standard error √((n−1)/n Σ_i (θ_(i) − θ̄)²), θ̄ the mean of the θ_(i). */
  stdErr: number;
}

function checkSamples(samples: unknown, who: string): number {
  if (!isArrayLike(samples)) throw new NessrefError("invalid-input", `${who}: samples must be an array`, "/samples");
  if (samples.length < 2) throw new NessrefError("invalid-input", `${who}: needs at least 2 samples, got ${samples.length}`, "/samples");
  return samples.length;
}

function checkEstimate(v: number, who: string, what: string): number {
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new NessrefError("invalid-input", `${who}: the estimator returned ${String(v)} on ${what}; it must return a finite number`, "/estimator");
  }
  return v;
}

/**
 * Leave-one-out jackknife (Quenouille 1949, Tukey 1958; Efron & Tibshirani, "An Introduction to
 * the Bootstrap", 1993, §11.2) of an estimator θ over samples s_1..s_n (e.g. disorder
 * realizations): θ_(i) = θ(all samples but s_i) and
 *
 *   SE_jack = √((n − 1)/n · Σ_i (θ_(i) − θ̄)²),  θ̄ = (1/n) Σ_i θ_(i).
 *
 * For the mean, θ_(i) − θ̄ = (x̄ − x_i)/(n − 1) and SE_jack is exactly the textbook standard
 * error s/√n (s² with divisor n − 1). The estimator receives the subset in sample order in one
 * reused array (no allocation per call): it must not modify or keep it.
 *
 * @param samples - the n ≥ 2 samples (numbers, arrays, anything the estimator reads)
 * @param estimator - θ(subset), a finite number
 * @returns θ̂ on all samples, the n leave-one-out estimates and the jackknife standard error
 * @throws NessrefError("invalid-input") for fewer than 2 samples or a non-finite estimate
 *   (`/estimator`); errors thrown by the estimator pass through
 *
 * @example
 * ```ts
 * import { jackknife } from "nessref/analysis";
 * const mean = (s: readonly number[]) => s.reduce((a, b) => a + b, 0) / s.length;
 * const j = jackknife([1, 2, 3, 4], mean);
 * j.estimate; // 2.5
 * j.stdErr;   // ≈ 0.6455 = s/√n
 * ```
 */
export function jackknife<T>(samples: ArrayLike<T>, estimator: (subset: readonly T[]) => number): JackknifeResult {
  const n = checkSamples(samples, "jackknife");
  if (typeof estimator !== "function") throw new NessrefError("invalid-input", "jackknife: estimator must be a function", "/estimator");
  const all = Array.from(samples);
  const estimate = checkEstimate(estimator(all), "jackknife", "all samples");
  // buf holds every sample but s_i, in order: start without s_0, then put s_{i−1} back in slot i−1
  const buf = all.slice(1);
  const leaveOneOut = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (i > 0) buf[i - 1] = all[i - 1];
    leaveOneOut[i] = checkEstimate(estimator(buf), "jackknife", `the samples without sample ${i}`);
  }
  const stdErr = Math.sqrt((n - 1) / n) * rootSumSquaredDeviations(leaveOneOut);
  return { estimate, leaveOneOut, stdErr };
}

/**
 * Options of {@link bootstrap} (and of {@link fitPowerLawEnsemble}).
 *
 * @example
 * ```ts
 * import type { BootstrapOptions } from "nessref/analysis";
 * const o: BootstrapOptions = { bootstrap: 2000, seed: "fig3" };
 * ```
 */
export interface BootstrapOptions {
  /** Number B of bootstrap resamples, an integer in [2, 2^32] (default 1000). */
  bootstrap?: number;
  /** Seed of the resampling (default 0): resample b draws from `createRng(seed).fork(b)`. */
  seed?: number | string;
}

/**
 * Result of {@link bootstrap}.
 *
 * @example
 * ```ts
 * import type { BootstrapResult } from "nessref/analysis";
 * const show = (b: BootstrapResult) => `${b.estimate} ± ${b.stdErr}, 95 % [${b.interval}]`;
 * ```
 */
export interface BootstrapResult {
  /** The estimator on the original samples, θ̂. */
  estimate: number;
  /** The B bootstrap replicates θ*_b in resample order b = 0..B−1. */
  replicates: Float64Array;
  /** Standard deviation of the replicates with divisor B − 1. */
  stdErr: number;
  /**
   * The percentile interval [q(0.025), q(0.975)] of the replicates, q by linear interpolation
   * between order statistics: q(p) = θ*_(⌊h⌋) + (h − ⌊h⌋)(θ*_(⌊h⌋+1) − θ*_(⌊h⌋)), h = (B − 1)p, with
   * θ*_(0) ≤ … ≤ θ*_(B−1) the sorted replicates (Hyndman & Fan 1996 type 7, numpy's default).
   */
  interval: [number, number];
}

function checkResamples(B: unknown, who: string): number {
  if (typeof B !== "number" || !Number.isInteger(B) || B < 2 || B > 4294967296) {
    throw new NessrefError("invalid-input", `${who}: bootstrap (the number of resamples) must be an integer in [2, 2^32], got ${String(B)}`, "/bootstrap");
  }
  return B;
}

/**
 * Nonparametric bootstrap (Efron 1979; Efron & Tibshirani 1993, §6 and §13) of an estimator θ
 * over samples s_1..s_n: B resamples of n samples drawn with replacement, θ*_b = θ(resample b),
 * standard error = the standard deviation of the θ*_b (divisor B − 1), and the 95 % percentile
 * interval (definition at {@link BootstrapResult.interval}).
 *
 * Reproducible bit for bit (CONVENTIONS "Randomness"): resample b takes its n indices, in order,
 * from n calls `rng.int(n)` of `rng = createRng(seed).fork(b)`, so resample b does not depend on
 * B. The estimator receives the resample in one reused array (no allocation per call): it must
 * not modify or keep it.
 *
 * @param samples - the n ≥ 2 samples
 * @param estimator - θ(resample), a finite number
 * @param opts - number of resamples (default 1000) and seed (default 0)
 * @returns θ̂, the replicates, their standard deviation and the 95 % percentile interval
 * @throws NessrefError("invalid-input") for fewer than 2 samples, a bad resample count
 *   (`/bootstrap`) or seed (`/seed`), a non-finite estimate (`/estimator`); errors thrown by the
 *   estimator pass through
 *
 * @example
 * ```ts
 * import { bootstrap } from "nessref/analysis";
 * const mean = (s: readonly number[]) => s.reduce((a, b) => a + b, 0) / s.length;
 * const b = bootstrap([1.2, 0.8, 1.1, 0.9, 1.0], mean, { bootstrap: 2000, seed: 7 });
 * b.stdErr;   // ≈ 0.06 (the same bits on every machine)
 * b.interval; // ≈ [0.88, 1.12]
 * ```
 */
export function bootstrap<T>(samples: ArrayLike<T>, estimator: (resample: readonly T[]) => number, opts: BootstrapOptions = {}): BootstrapResult {
  const n = checkSamples(samples, "bootstrap");
  if (typeof estimator !== "function") throw new NessrefError("invalid-input", "bootstrap: estimator must be a function", "/estimator");
  const o = opts ?? {};
  const B = checkResamples(o.bootstrap ?? 1000, "bootstrap");
  const master = createRng(o.seed ?? 0);
  const all = Array.from(samples);
  const estimate = checkEstimate(estimator(all), "bootstrap", "all samples");
  const buf = all.slice();
  const replicates = new Float64Array(B);
  for (let b = 0; b < B; b++) {
    const rng = master.fork(b);
    for (let k = 0; k < n; k++) buf[k] = all[rng.int(n)];
    replicates[b] = checkEstimate(estimator(buf), "bootstrap", `resample ${b}`);
  }
  const stdErr = rootSumSquaredDeviations(replicates) / Math.sqrt(B - 1);
  const sorted = replicates.slice().sort();
  return { estimate, replicates, stdErr, interval: [percentileSorted(sorted, 0.025), percentileSorted(sorted, 0.975)] };
}

// ---------------------------------------------------------------------------
// Power laws over disorder ensembles
// ---------------------------------------------------------------------------

/**
 * Result of {@link fitPowerLawEnsemble}.
 *
 * @example
 * ```ts
 * import type { PowerLawEnsembleFit } from "nessref/analysis";
 * const show = (f: PowerLawEnsembleFit) =>
 *   `γ = ${f.gamma} ± ${f.jackknifeStdErr} (jackknife), ± ${f.bootstrapStdErr} (bootstrap)`;
 * ```
 */
export interface PowerLawEnsembleFit {
  /** γ of the fit y = c·x^{−γ} to the realization mean ȳ_l (by {@link fitPowerLaw}). */
  gamma: number;
  /** The signed prefactor c of that fit. */
  prefactor: number;
  /** The common sign of the realization means: 1 or −1. */
  sign: 1 | -1;
  /** The realization mean ȳ_l = (1/R) Σ_r samples[r][l], one per x. */
  mean: Float64Array;
  /** Leave-one-realization-out jackknife standard error of γ (see {@link jackknife}). */
  jackknifeStdErr: number;
  /** Bootstrap-over-realizations standard error of γ (see {@link bootstrap}). */
  bootstrapStdErr: number;
  /** The 95 % bootstrap percentile interval of γ (definition at {@link BootstrapResult.interval}). */
  bootstrapInterval: [number, number];
  /** Number R of realizations. */
  realizations: number;
  /** Number B of bootstrap resamples used. */
  resamples: number;
}

/**
 * Power law y = c·x^{−γ} over a disorder ensemble: γ and c from {@link fitPowerLaw} on the
 * realization mean ȳ_l = (1/R) Σ_r samples[r][l] (the disorder average is taken before the
 * logarithm, as for ⟨j⟩ ∝ L^{−γ} in [P0]), and error bars from resampling whole realizations
 * (each realization's values at all x stay together, so correlations between the x are kept):
 * the leave-one-realization-out {@link jackknife} and the {@link bootstrap} over realizations
 * (B resamples, resample b drawn from `createRng(seed ?? 0).fork(b)`). Every leave-one-out and
 * resampled mean must keep the sign of ȳ at every x (else γ of that resample is undefined and
 * an error is raised: the data are too noisy for a power law in |ȳ|).
 *
 * @param x - abscissae, finite and > 0, at least 2 (e.g. chain lengths L)
 * @param samples - samples[r][l]: realization r at x_l; R ≥ 2 rows of x.length finite numbers
 * @param opts - bootstrap resamples (default 1000) and seed (default 0)
 * @returns γ and c of the mean, the mean, the jackknife and bootstrap errors, the 95 % interval
 * @throws NessrefError("invalid-input") for bad x (as {@link fitPowerLaw}), fewer than 2
 *   realizations or a ragged / non-finite sample (`/samples/r/l`), a mean that is zero or
 *   changes sign (`/samples`), a leave-one-out or resampled mean that does, a bad `bootstrap`
 *   count or seed
 *
 * @example
 * ```ts
 * import { fitPowerLawEnsemble, createRng } from "nessref/analysis";
 * const L = [8, 12, 16, 24, 32];
 * const rng = createRng("example"); // 100 noisy realizations of j = 0.5·L^(−1.5)
 * const samples = Array.from({ length: 100 }, () => L.map((l) => 0.5 * l ** -1.5 * (1 + 0.1 * rng.normal())));
 * const f = fitPowerLawEnsemble(L, samples, { bootstrap: 500, seed: 1 });
 * f.gamma;           // ≈ 1.5
 * f.jackknifeStdErr; // ≈ 0.01, close to f.bootstrapStdErr
 * ```
 */
export function fitPowerLawEnsemble(
  x: ArrayLike<number>,
  samples: ArrayLike<ArrayLike<number>>,
  opts: BootstrapOptions = {},
): PowerLawEnsembleFit {
  const who = "fitPowerLawEnsemble";
  if (!isArrayLike(x)) throw new NessrefError("invalid-input", `${who}: x must be an array of numbers`, "/x");
  const m = x.length;
  if (!isArrayLike(samples)) throw new NessrefError("invalid-input", `${who}: samples must be an array of realizations`, "/samples");
  const R = samples.length;
  if (R < 2) throw new NessrefError("invalid-input", `${who}: error bars over realizations need at least 2 realizations, got ${R}`, "/samples");
  const rows: ArrayLike<number>[] = [];
  for (let r = 0; r < R; r++) {
    const row = samples[r];
    if (!isArrayLike(row) || row.length !== m) {
      throw new NessrefError("invalid-input", `${who}: samples[${r}] must have one value per x (${m})`, `/samples/${r}`);
    }
    for (let l = 0; l < m; l++) checkFinite(row[l], `/samples/${r}/${l}`, `${who}: samples[${r}][${l}]`);
    rows.push(row);
  }
  const o = opts ?? {};
  const B = checkResamples(o.bootstrap ?? 1000, who);
  const mean = new Float64Array(m);
  for (let r = 0; r < R; r++) for (let l = 0; l < m; l++) mean[l] += rows[r][l];
  for (let l = 0; l < m; l++) mean[l] /= R;
  for (let l = 0; l < m; l++) {
    if (mean[l] === 0 || Math.sign(mean[l]) !== Math.sign(mean[0])) {
      throw new NessrefError(
        "invalid-input",
        `${who}: the realization mean at x[${l}] is ${mean[l]} (at x[0]: ${mean[0]}); a power law needs a nonzero mean of one sign`,
        "/samples",
      );
    }
  }
  const fit = fitPowerLaw(x, mean); // validates x
  const lx = new Float64Array(m);
  for (let l = 0; l < m; l++) lx[l] = Math.log(x[l]);
  // γ of the mean of a subset of realizations: reused buffers, no allocation per call
  const sub = new Float64Array(m);
  const ly = new Float64Array(m);
  let what = "all realizations";
  const gammaOf = (subset: readonly ArrayLike<number>[]): number => {
    sub.fill(0);
    for (let r = 0; r < subset.length; r++) {
      const row = subset[r];
      for (let l = 0; l < m; l++) sub[l] += row[l];
    }
    for (let l = 0; l < m; l++) {
      const v = sub[l] / subset.length;
      if (!(v * fit.sign > 0)) {
        throw new NessrefError(
          "invalid-input",
          `${who}: the mean over ${what} is ${v} at x[${l}], not of the sign of the full mean; the data are too noisy for a power-law fit of the mean`,
          "/samples",
        );
      }
      ly[l] = Math.log(Math.abs(v));
    }
    return -slopeOf(lx, ly, m);
  };
  // call 0 of each helper is on all realizations, then leave-one-out i / resample b (labels for errors)
  let calls = 0;
  const jack = jackknife(rows, (s) => {
    what = calls === 0 ? "all realizations" : `the realizations without realization ${calls - 1}`;
    calls++;
    return gammaOf(s);
  });
  calls = 0;
  const boot = bootstrap(rows, (s) => {
    what = calls === 0 ? "all realizations" : `bootstrap resample ${calls - 1}`;
    calls++;
    return gammaOf(s);
  }, { bootstrap: B, seed: o.seed ?? 0 });
  return {
    gamma: fit.gamma,
    prefactor: fit.prefactor,
    sign: fit.sign,
    mean,
    jackknifeStdErr: jack.stdErr,
    bootstrapStdErr: boot.stdErr,
    bootstrapInterval: boot.interval,
    realizations: R,
    resamples: B,
  };
}
