/**
 * Normal modes of the harmonic chain with relatively accurate tails (CONVENTIONS §5).
 *
 * On a chain, H = V − gΔ is symmetric tridiagonal and the quadratic eigenproblem of the Langevin
 * drift A, Q(E)u = (H + EλΠ + E²)u = 0, is complex-symmetric tridiagonal. A localized mode's
 * amplitude at a bath site can be 10⁻⁵⁰ (and smaller) of its peak; a dense eigensolver returns
 * such components with an absolute error ~ε and so loses them completely. Here each eigenvector
 * is taken from a twisted factorization (Parlett & Dhillon, Lin. Alg. Appl. 267 (1997) 247;
 * Dhillon, Parlett & Vömel, SIAM J. Matrix Anal. Appl. 27 (2005) 858): with T − μ = L₊D₊L₊ᵀ
 * (from site 1 down) and U₋D₋U₋ᵀ (from site n up), the vector solving (T − μ)u = γ_r e_r,
 * u_r = 1, is u_i = −(b_i/d⁺_i)u_{i+1} for i < r and u_{i+1} = −(b_i/d⁻_{i+1})u_i for i > r,
 * with r the twist index minimising |γ_r|. Every component is a product of ratios each computed
 * to a few ulps, so tails keep their relative accuracy whatever their size. Magnitudes are kept
 * as natural logarithms (a tail of 10⁻⁵⁰⁰ does not underflow), phases as unit complex numbers.
 *
 * Internal module of `exact/harmonic`; not exported from the package.
 *
 * @module
 */
import { NessrefError } from "../errors.js";

const EPS = 2.220446049250313e-16;

/**
 * One eigenvector of a (complex-)symmetric tridiagonal matrix in logarithmic form:
 * u_x = exp(logAbs[x])·(phRe[x] + i·phIm[x]), normalised to max_x logAbs = 0.
 *
 * @example
 * ```ts
 * // internal: see twistedVector
 * ```
 */
export interface LogVector {
  /** ln|u_x| (−Infinity for an exact zero), max 0 */ logAbs: Float64Array;
  /** real part of the phase u_x/|u_x| */ phRe: Float64Array;
  /** imaginary part of the phase */ phIm: Float64Array;
  /** the twist index r (0-based) */ twist: number;
  /** |γ_r| relative to the matrix scale: the residual ‖(T − μ)u‖/‖u‖∞ */ residual: number;
}

/**
 * Twisted-factorization eigenvector of the complex-symmetric tridiagonal T − μ with diagonal
 * (aRe + i aIm) (already shifted by μ) and off-diagonal b (real, nonzero).
 *
 * @param aRe - real part of the shifted diagonal, length n
 * @param aIm - imaginary part of the shifted diagonal (null: real)
 * @param b - off-diagonal, length n − 1, all nonzero
 * @param scale - matrix scale used to replace an exactly zero pivot by ε·scale
 * @returns the eigenvector in logarithmic form
 *
 * @example
 * ```ts
 * // internal: twistedVector(Float64Array.of(-1, -1), null, Float64Array.of(1), 2)
 * ```
 */
export function twistedVector(aRe: Float64Array, aIm: Float64Array | null, b: Float64Array, scale: number): LogVector {
  const n = aRe.length;
  const fr = new Float64Array(n), fi = new Float64Array(n); // d⁺
  const gr = new Float64Array(n), gi = new Float64Array(n); // d⁻
  const tiny = EPS * scale;
  // forward: d⁺_0 = a_0, d⁺_{i+1} = a_{i+1} − b_i²/d⁺_i
  for (let i = 0; i < n; i++) {
    let re = aRe[i]!, im = aIm ? aIm[i]! : 0;
    if (i > 0) {
      const pr = fr[i - 1]!, pi = fi[i - 1]!, den = pr * pr + pi * pi, b2 = b[i - 1]! * b[i - 1]!;
      re -= (b2 * pr) / den;
      im += (b2 * pi) / den;
    }
    if (re === 0 && im === 0) re = tiny;
    fr[i] = re; fi[i] = im;
  }
  for (let i = n - 1; i >= 0; i--) {
    let re = aRe[i]!, im = aIm ? aIm[i]! : 0;
    if (i < n - 1) {
      const pr = gr[i + 1]!, pi = gi[i + 1]!, den = pr * pr + pi * pi, b2 = b[i]! * b[i]!;
      re -= (b2 * pr) / den;
      im += (b2 * pi) / den;
    }
    if (re === 0 && im === 0) re = tiny;
    gr[i] = re; gi[i] = im;
  }
  let r = 0, best = Infinity;
  for (let i = 0; i < n; i++) {
    const cr = fr[i]! + gr[i]! - aRe[i]!, ci = fi[i]! + gi[i]! - (aIm ? aIm[i]! : 0);
    const m = Math.hypot(cr, ci);
    if (m < best) { best = m; r = i; }
  }
  const logAbs = new Float64Array(n), phRe = new Float64Array(n), phIm = new Float64Array(n);
  phRe[r] = 1;
  // i < r: u_i = −(b_i/d⁺_i) u_{i+1}
  for (let i = r - 1; i >= 0; i--) {
    const dr = fr[i]!, di = fi[i]!, den = dr * dr + di * di;
    // ρ = −b (d̄)/|d|²
    const rr = (-b[i]! * dr) / den, ri = (b[i]! * di) / den;
    const m = Math.hypot(rr, ri);
    logAbs[i] = logAbs[i + 1]! + Math.log(m);
    const ur = phRe[i + 1]!, ui = phIm[i + 1]!, sr = rr / m, si = ri / m;
    phRe[i] = ur * sr - ui * si; phIm[i] = ur * si + ui * sr;
  }
  for (let i = r + 1; i < n; i++) {
    const dr = gr[i]!, di = gi[i]!, den = dr * dr + di * di;
    const rr = (-b[i - 1]! * dr) / den, ri = (b[i - 1]! * di) / den;
    const m = Math.hypot(rr, ri);
    logAbs[i] = logAbs[i - 1]! + Math.log(m);
    const ur = phRe[i - 1]!, ui = phIm[i - 1]!, sr = rr / m, si = ri / m;
    phRe[i] = ur * sr - ui * si; phIm[i] = ur * si + ui * sr;
  }
  let mx = -Infinity;
  for (let i = 0; i < n; i++) if (logAbs[i]! > mx) mx = logAbs[i]!;
  for (let i = 0; i < n; i++) logAbs[i] = logAbs[i]! - mx;
  return { logAbs, phRe, phIm, twist: r, residual: (best * Math.exp(-mx)) / scale };
}

/** ln Σ exp(x_i) without overflow or underflow (−Infinity for an empty or all −∞ set). */
export function logSumExp(xs: readonly number[]): number {
  let mx = -Infinity;
  for (const x of xs) if (x > mx) mx = x;
  if (mx === -Infinity) return -Infinity;
  let s = 0;
  for (const x of xs) s += Math.exp(x - mx);
  return mx + Math.log(s);
}

/** Complex vector u_x = exp(logAbs)·phase as plain doubles (tails below ~1e−308 become 0). */
export function expandLog(v: LogVector): { re: Float64Array; im: Float64Array } {
  const n = v.logAbs.length, re = new Float64Array(n), im = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const m = Math.exp(v.logAbs[i]!);
    re[i] = m * v.phRe[i]!; im[i] = m * v.phIm[i]!;
  }
  return { re, im };
}

/**
 * Whether the amplitude of a mode at an interior site is zero up to rounding: |u_s| below
 * 8ε(|u_{s−1}| + |u_{s+1}|) means (T − μ)u = 0 forced u_s = 0 by cancellation (a mode dark at s,
 * e.g. an odd mode of a mirror-symmetric chain at its centre). End sites never vanish on an
 * unreduced tridiagonal matrix.
 */
export function roundingZero(v: LogVector, s: number): boolean {
  const n = v.logAbs.length;
  if (s === 0 || s === n - 1) return false;
  const nb = Math.exp(v.logAbs[s - 1]! - v.logAbs[s]!) + Math.exp(v.logAbs[s + 1]! - v.logAbs[s]!);
  return !(1 > 8 * EPS * nb);
}

/** ln 10¹⁵⁰: one exponent block of the scaled mode amplitudes. */
const LN_BLOCK = 150 * Math.LN10;

/**
 * A mode of the weak-coupling (λ → 0) road: ω² and the normalised eigenvector Σ_x ψ(x)² = 1 in
 * scaled form ψ(x) = mant[x]·10^{−150·shift[x]}, so that tails far below 10⁻³⁰⁸ keep their
 * value while the bulk (shift 0) is a plain double.
 */
export interface ChainMode {
  /** ω_k² (eigenvalue of H) */ omega2: number;
  /** scaled amplitude (see the interface doc) */ mant: Float64Array;
  /** exponent blocks: ψ(x) = mant[x]·10^{−150·shift[x]} */ shift: Int32Array;
  /** twisted-vector residual (relative to ‖H‖) */ residual: number;
  /** the twist index (≈ localization centre), 0-based */ centre: number;
  /** bound on |μ − ω²| for the shift μ at which the vector was computed (contamination estimate) */ shiftError: number;
  /**
   * shift sensitivities d ln|u_x|/dμ of the twisted vector (u_r = 1) at the sites asked for (see
   * {@link chainModes}; +∞ where a pivot was replaced), or null for a double-double mode, whose
   * shift error is negligible. To first order the computed ψ(x)/ψ(y) is off by
   * (s(x) − s(y))·δμ: the response to the shift error of every other mode through the Green's
   * function, with their cancellations.
   */
  sens: Float64Array | null;
}

/** ln ψ_k(x)² of a chain mode (−Infinity for an exact zero). */
export function logPsi2(md: ChainMode, x: number): number {
  return 2 * (Math.log(Math.abs(md.mant[x]!)) - md.shift[x]! * LN_BLOCK);
}

/** A chain mode from ln|u_x| and signs of an unnormalised vector (the double-double road). */
function modeFromLogs(omega2: number, logAbs: Float64Array, sign: Float64Array | null, residual: number, centre: number, shiftError: number): ChainMode {
  const n = logAbs.length, mant = new Float64Array(n), shift = new Int32Array(n);
  let mx = -Infinity;
  for (let i = 0; i < n; i++) if (logAbs[i]! > mx) mx = logAbs[i]!;
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.exp(2 * (logAbs[i]! - mx));
  const half = mx + 0.5 * Math.log(s); // ln ‖u‖
  for (let i = 0; i < n; i++) {
    const l = logAbs[i]! - half; // ln|ψ_x| ≤ 0
    const k = l === -Infinity ? 0 : Math.max(0, Math.floor(-l / LN_BLOCK));
    shift[i] = k;
    mant[i] = (sign ? sign[i]! : 1) * Math.exp(l + k * LN_BLOCK);
  }
  return { omega2, mant, shift, residual, centre, shiftError, sens: null };
}

/**
 * Eigenvectors of the symmetric tridiagonal H (diagonal `d`, off-diagonal `e`) at the given
 * eigenvalues, by twisted factorization, with ln ψ² normalised.
 *
 * @param d - diagonal of H
 * @param e - off-diagonal of H (nonzero)
 * @param values - eigenvalues of H (ascending), refined here by one Rayleigh-quotient step
 * @param scale - ‖H‖ scale
 * @param sites - 0-based sites at which the shift sensitivities are wanted (the baths)
 * @returns one mode per eigenvalue
 */
export function chainModes(d: Float64Array, e: Float64Array, values: Float64Array, scale: number, sites: readonly number[] = []): ChainMode[] {
  const n = d.length, out: ChainMode[] = [];
  const shifted = new Float64Array(n), fp = new Float64Array(n), bp = new Float64Array(n);
  const b2 = new Float64Array(Math.max(n - 1, 0));
  for (let i = 0; i + 1 < n; i++) b2[i] = e[i]! * e[i]!;
  // one buffer for all vectors (views per mode) instead of 2n small allocations
  const M = new Float64Array(n * values.length), S = new Int32Array(n * values.length);
  const sP = new Float64Array(n + 1), sQ = new Float64Array(n + 1), SENS = new Float64Array(sites.length * values.length);
  for (let k = 0; k < values.length; k++) {
    let mu = values[k]!;
    // (T − μ)u = γ_r e_r with u_r = 1 gives uᵀ(T − μ)u = γ_r: the Rayleigh-quotient correction
    // μ ← μ + γ_r/‖u‖² brings μ to the rounding level of the recurrences (the QR value can be
    // a few ulps·‖H‖ off; skipping this doubles the modes the caller must re-solve in
    // double-double and loses up to two digits in the others); the vector is then recomputed
    for (let i = 0; i < n; i++) shifted[i] = d[i]! - mu;
    const first = realTwisted(shifted, e, b2, scale, fp, bp, null, null);
    const corr = first.gamma / first.norm2;
    if (Math.abs(corr) > EPS * scale) {
      mu += corr;
      for (let i = 0; i < n; i++) shifted[i] = d[i]! - mu;
    }
    const mant = M.subarray(k * n, (k + 1) * n), shift = S.subarray(k * n, (k + 1) * n);
    const v = realTwisted(shifted, e, b2, scale, fp, bp, mant, shift);
    const inv = 1 / Math.sqrt(v.norm2);
    for (let i = 0; i < n; i++) mant[i] = mant[i]! * inv;
    // shift error: the rounding of the recurrences (a skipped correction of ≤ ε‖H‖ included)
    out.push({ omega2: mu, mant, shift, residual: Math.abs(v.gamma) * inv / scale, centre: v.twist, shiftError: 2 * EPS * scale, sens: shiftSensitivity(fp, bp, b2, v.twist, sites, sP, sQ, SENS.subarray(k * sites.length, (k + 1) * sites.length)) });
  }
  return out;
}

/**
 * Shift sensitivities of a twisted vector at the given sites. With u_r = 1,
 * ln|u_x| = Σ_{j=x}^{r−1} ln|b_j/d⁺_j| (x < r), Σ_{j=r+1}^{x} ln|b_{j−1}/d⁻_j| (x > r), so
 * d ln|u_x|/dμ = −Σ_j D_j/d⁺_j with D_j = dd⁺_j/dμ = −1 + (b²_{j−1}/d⁺²_{j−1})·D_{j−1} (and the
 * mirror recurrence for d⁻): one prefix sum per side. `fp`, `bp` hold the pivots of the vector;
 * `P`, `Q` are scratch, `out` (length = sites) receives the sensitivities and is returned.
 */
function shiftSensitivity(fp: Float64Array, bp: Float64Array, b2: Float64Array, r: number, sites: readonly number[], P: Float64Array, Q: Float64Array, out: Float64Array): Float64Array {
  const n = fp.length;
  if (sites.length === 0) return out;
  // prefix sums P_x = Σ_{j<x} D_j/d⁺_j (x ≤ r) and Q_x = Σ_{j>x} E_j/d⁻_j at index x − r (x ≥ r);
  // P and Q are scratch arrays of length ≥ n + 1
  P[0] = 0; Q[n - 1 - r] = 0;
  let D = -1, acc = 0;
  for (let j = 0; j < r; j++) {
    if (j > 0) D = -1 + (b2[j - 1]! / (fp[j - 1]! * fp[j - 1]!)) * D;
    acc += D / fp[j]!;
    P[j + 1] = acc;
  }
  let E = -1;
  acc = 0;
  for (let j = n - 1; j > r; j--) {
    if (j < n - 1) E = -1 + (b2[j]! / (bp[j + 1]! * bp[j + 1]!)) * E;
    acc += E / bp[j]!;
    Q[j - 1 - r] = acc; // Q at index x − r for x = j − 1
  }
  for (let i = 0; i < sites.length; i++) {
    const x = sites[i]!;
    let v: number;
    if (x === r) v = 0;
    else if (x < r) v = -(P[r]! - P[x]!);
    else v = -(Q[0]! - Q[x - r]!);
    out[i] = Number.isFinite(v) ? v : Infinity;
  }
  return out;
}

/**
 * Real twisted factorization of the shifted symmetric tridiagonal (diagonal `a`, off-diagonal
 * `b`): twist r = argmin|γ_i|, γ_r, ‖u‖² for u_r = 1 and, when `mant`/`shift` are given, the
 * vector itself in scaled form u_i = mant_i·10^{−150·shift_i} (a tail of 10⁻⁵⁰⁰ does not
 * underflow; ‖u‖² ignores terms below 10⁻³⁰⁰ of u_r², which is rounding). `b2` holds b_i²;
 * `fp`, `bp` are scratch arrays of length n for the pivots.
 */
function realTwisted(a: Float64Array, b: Float64Array, b2: Float64Array, scale: number, fp: Float64Array, bp: Float64Array, mant: Float64Array | null, shift: Int32Array | null): { twist: number; gamma: number; norm2: number } {
  const n = a.length, tiny = EPS * scale;
  // forward pivots d⁺ and backward pivots d⁻ in one loop: two independent chains of divisions,
  // so the processor overlaps their latencies (the values are those of two separate loops)
  let p = a[0]!, q = a[n - 1]!;
  if (p === 0) p = tiny;
  if (q === 0) q = tiny;
  fp[0] = p; bp[n - 1] = q;
  for (let i = 1, j = n - 2; i < n; i++, j--) {
    p = a[i]! - b2[i - 1]! / p;
    if (p === 0) p = tiny;
    fp[i] = p;
    q = a[j]! - b2[j]! / q;
    if (q === 0) q = tiny;
    bp[j] = q;
  }
  // γ_i = d⁺_i + d⁻_i − a_i; the twist r minimises |γ_i| (ties: the smallest i)
  let r = n - 1, gamma = fp[n - 1]!, best = Math.abs(gamma);
  for (let i = n - 2; i >= 0; i--) {
    const g = fp[i]! + bp[i]! - a[i]!;
    if (Math.abs(g) <= best) { best = Math.abs(g); r = i; gamma = g; }
  }
  let norm2 = 1;
  if (mant && shift) {
    // u_i = −(b_i/d⁺_i) u_{i+1} (i < r), u_{i+1} = −(b_i/d⁻_{i+1}) u_i (i > r), rescaled by 10¹⁵⁰
    // whenever |u| drops below 10⁻¹⁵⁰
    mant[r] = 1; shift[r] = 0;
    // the two sides of the twist are independent recurrences: interleaved for the same reason
    let u = 1, sh = 0, w = 1, sw = 0, nl = 0, nr = 0;
    let i = r - 1, j = r + 1;
    for (; i >= 0 && j < n; i--, j++) {
      u *= -b[i]! / fp[i]!;
      if (Math.abs(u) < 1e-150) { u *= 1e150; sh++; }
      mant[i] = u; shift[i] = sh;
      if (sh === 0) nl += u * u;
      w *= -b[j - 1]! / bp[j]!;
      if (Math.abs(w) < 1e-150) { w *= 1e150; sw++; }
      mant[j] = w; shift[j] = sw;
      if (sw === 0) nr += w * w;
    }
    for (; i >= 0; i--) {
      u *= -b[i]! / fp[i]!;
      if (Math.abs(u) < 1e-150) { u *= 1e150; sh++; }
      mant[i] = u; shift[i] = sh;
      if (sh === 0) nl += u * u;
    }
    for (; j < n; j++) {
      w *= -b[j - 1]! / bp[j]!;
      if (Math.abs(w) < 1e-150) { w *= 1e150; sw++; }
      mant[j] = w; shift[j] = sw;
      if (sw === 0) nr += w * w;
    }
    norm2 += nl + nr;
  } else {
    // only for the Rayleigh correction γ_r/‖u‖², which needs ‖u‖² to a few digits: the sum stops
    // where u² has fallen below 1e−20 (a correction of a few ulps then moves by < 1e−20 ulp)
    let u = 1;
    for (let i = r - 1; i >= 0; i--) { u *= b[i]! / fp[i]!; const q = u * u; norm2 += q; if (q < 1e-20) break; }
    u = 1;
    for (let i = r + 1; i < n; i++) { u *= b[i - 1]! / bp[i]!; const q = u * u; norm2 += q; if (q < 1e-20) break; }
  }
  return { twist: r, gamma, norm2 };
}


/**
 * One root of the quadratic eigenproblem (H + λEΠ + E²)u = 0 of the Langevin drift, refined on
 * the tridiagonal structure.
 */
export interface QepRoot {
  /** real part of E, from the exact identity Re E = −λ Σ_b|u_b|²/(2 Σ_x|u_x|²) (relatively accurate) */ re: number;
  /** imaginary part of E */ im: number;
  /** the eigenvector (right; the left one is ((E + λΠ)u, u)) */ u: LogVector;
  /** ln Σ_b |u_b|² over the bath sites (u normalised to max |u_x| = 1) */ logBathWeight: number;
  /** Σ_x |u_x|² */ norm2: number;
  /** Newton/Rayleigh iterations used */ iterations: number;
}

/**
 * Refine a root E₀ of the chain's quadratic eigenproblem Q(E)u = 0, Q(E) = H + λEΠ + E², by
 * the Rayleigh-functional iteration: u from the twisted factorization of Q(E), then E the root
 * of uᵀQ(E)u = 0 nearest to the current E (complex-symmetric: transposes, no conjugation).
 * The iteration stops when the step is at the rounding level (≤ 4ε|E|) or stops shrinking below
 * 1e−10‖H‖ (the floor set by the rounding of uᵀHu). At convergence Re E is replaced by −λΣ_b|u_b|²/(2Σ|u|²), which follows from u†Q(E)u = 0
 * (n E² + b E + h = 0 with real n, b, h) and keeps relative accuracy when Re E ~ 10⁻⁸⁰.
 *
 * @param d - diagonal of H
 * @param e - off-diagonal of H
 * @param bath - bath sites (0-based)
 * @param lambda - friction λ
 * @param e0re - starting real part
 * @param e0im - starting imaginary part
 * @param scale - ‖H‖ scale (plus λ)
 * @returns the refined root
 * @throws NessrefError("no-convergence") when the iteration does not settle in 40 steps
 */
export function refineQepRoot(
  d: Float64Array, e: Float64Array, bath: readonly number[], lambda: number,
  e0re: number, e0im: number, scale: number,
): QepRoot {
  const n = d.length;
  const isBath = new Uint8Array(n);
  for (const b of bath) isBath[b] = 1;
  const aRe = new Float64Array(n), aIm = new Float64Array(n);
  let er = e0re, ei = e0im;
  let u: LogVector | null = null;
  let it = 0, prevStep = Infinity;
  const real = e0im === 0;
  for (; it < 40; it++) {
    const sqRe = er * er - ei * ei, sqIm = 2 * er * ei;
    for (let i = 0; i < n; i++) {
      aRe[i] = d[i]! + sqRe + (isBath[i] ? lambda * er : 0);
      aIm[i] = sqIm + (isBath[i] ? lambda * ei : 0);
    }
    u = twistedVector(aRe, real ? null : aIm, e, scale);
    const { re: ur, im: ui } = expandLog(u);
    // c2 = uᵀu, c1 = λ Σ_b u_b², c0 = uᵀHu (complex)
    let c2r = 0, c2i = 0, c1r = 0, c1i = 0, c0r = 0, c0i = 0;
    for (let i = 0; i < n; i++) {
      const sr = ur[i]! * ur[i]! - ui[i]! * ui[i]!, si = 2 * ur[i]! * ui[i]!;
      c2r += sr; c2i += si;
      c0r += d[i]! * sr; c0i += d[i]! * si;
      if (isBath[i]) { c1r += lambda * sr; c1i += lambda * si; }
      if (i + 1 < n) {
        const pr = ur[i]! * ur[i + 1]! - ui[i]! * ui[i + 1]!, pi = ur[i]! * ui[i + 1]! + ui[i]! * ur[i + 1]!;
        c0r += 2 * e[i]! * pr; c0i += 2 * e[i]! * pi;
      }
    }
    // roots of c2 E² + c1 E + c0 = 0: E = (−c1 ± √(c1² − 4c2c0))/(2c2)
    const discR = c1r * c1r - c1i * c1i - 4 * (c2r * c0r - c2i * c0i);
    const discI = 2 * c1r * c1i - 4 * (c2r * c0i + c2i * c0r);
    const mod = Math.hypot(discR, discI);
    // principal √disc without cancellation: the larger part by a square root, the other from discI
    let sr: number, si: number;
    if (discR >= 0) { sr = Math.sqrt((mod + discR) / 2); si = sr > 0 ? discI / (2 * sr) : 0; }
    else { si = Math.sqrt((mod - discR) / 2); if (discI < 0) si = -si; sr = discI / (2 * si); }
    const den = 4 * (c2r * c2r + c2i * c2i);
    let best = Infinity, nr = er, ni = ei;
    for (const sg of [1, -1]) {
      const numR = -c1r + sg * sr, numI = -c1i + sg * si;
      // (num)/(2c2) = num·conj(2c2)/|2c2|²
      const zr = (2 * (numR * c2r + numI * c2i)) / den, zi = (2 * (numI * c2r - numR * c2i)) / den;
      const dist = Math.hypot(zr - er, zi - ei);
      if (dist < best) { best = dist; nr = zr; ni = real ? 0 : zi; }
    }
    const step = Math.hypot(nr - er, ni - ei);
    er = nr; ei = ni;
    if (step <= 4 * EPS * Math.max(Math.hypot(er, ei), 1)) { it++; break; }
    // rounding floor: uᵀHu carries an error ~nε‖H‖, so the steps stop shrinking near it
    if (it >= 2 && step >= 0.5 * prevStep && step <= 1e-10 * scale) { it++; break; }
    prevStep = step;
    if (it === 39) throw new NessrefError("no-convergence", `harmonic spectral road: the Rayleigh iteration for the mode near E = ${e0re} + ${e0im}i did not settle (last step ${step})`, "");
  }
  // final vector at the converged E
  const sqRe = er * er - ei * ei, sqIm = 2 * er * ei;
  for (let i = 0; i < n; i++) {
    aRe[i] = d[i]! + sqRe + (isBath[i] ? lambda * er : 0);
    aIm[i] = sqIm + (isBath[i] ? lambda * ei : 0);
  }
  u = twistedVector(aRe, real ? null : aIm, e, scale);
  const logBathWeight = logSumExp(bath.map((b) => 2 * u!.logAbs[b]!));
  const norm2 = Math.exp(logSumExp(Array.from(u.logAbs, (x) => 2 * x)));
  const re = real ? er : -(lambda * Math.exp(logBathWeight)) / (2 * norm2);
  return { re, im: ei, u, logBathWeight, norm2, iterations: it };
}

// ---------------------------------------------------------------------------------------------
// Double-double refinement (Dekker 1971; Hida, Li & Bailey 2001): a value is hi + lo with
// |lo| ≤ ulp(hi)/2, ≈ 32 significant digits. Used for the modes whose tails the double road
// cannot resolve (a near-degenerate partner mode l at a bath: relative tail error δμ/gap, with
// δμ the eigenvalue's rounding).

const SPLIT = 134217729; // 2^27 + 1

/** Exact product a·b = p + e (Dekker's two-product with Veltkamp splitting). */
function twoProd(a: number, b: number): [number, number] {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a), al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b), bl = b - bh;
  return [p, ((ah * bh - p) + ah * bl + al * bh) + al * bl];
}

/** Exact sum a + b = s + e (Knuth's two-sum). */
function twoSum(a: number, b: number): [number, number] {
  const s = a + b, bb = s - a;
  return [s, (a - (s - bb)) + (b - bb)];
}

function ddAdd(ah: number, al: number, bh: number, bl: number): [number, number] {
  let [s, e] = twoSum(ah, bh);
  const [t, f] = twoSum(al, bl);
  e += t;
  [s, e] = twoSum(s, e);
  e += f;
  return twoSum(s, e);
}


// Allocation-free forms for the pivot recurrences: the result is left in (OH, OL).
let OH = 0, OL = 0;

/** (ah + al) + (bh + bl) in double-double → (OH, OL). */
function ddAddR(ah: number, al: number, bh: number, bl: number): void {
  let s = ah + bh, bb = s - ah;
  let e = (ah - (s - bb)) + (bh - bb);
  const t = al + bl;
  bb = t - al;
  const f = (al - (t - bb)) + (bl - bb);
  e += t;
  let s2 = s + e;
  bb = s2 - s;
  e = (s - (s2 - bb)) + (e - bb);
  s = s2;
  e += f;
  s2 = s + e;
  bb = s2 - s;
  OL = (s - (s2 - bb)) + (e - bb);
  OH = s2;
}

/** (ah + al)/(bh + bl) in double-double (one Newton correction of the double quotient) → (OH, OL). */
function ddDivR(ah: number, al: number, bh: number, bl: number): void {
  const q1 = ah / bh;
  // p = q1·(bh + bl) exactly enough: two-product of q1·bh plus q1·bl
  const p = q1 * bh;
  let t = SPLIT * q1;
  const qh = t - (t - q1), ql = q1 - qh;
  t = SPLIT * bh;
  const bhh = t - (t - bh), bhl = bh - bhh;
  const pe = ((qh * bhh - p) + qh * bhl + ql * bhh) + ql * bhl;
  let ph = p + (pe + q1 * bl), bb = ph - p;
  const pl = (p - (ph - bb)) + ((pe + q1 * bl) - bb);
  ddAddR(ah, al, -ph, -pl);
  const q2 = (OH + OL) / bh;
  ph = q1 + q2;
  bb = ph - q1;
  OL = (q1 - (ph - bb)) + (q2 - bb);
  OH = ph;
}

/**
 * Twisted-factorization eigenvector of a real symmetric tridiagonal matrix at μ = μh + μl given in
 * double-double, with the pivots in double-double; returns ln|u_x| (u_r = 1), signs, the twist r
 * and γ_r (double-double). `b2h`, `b2l` hold e_i² exactly (two-product).
 */
function ddTwisted(d: Float64Array, e: Float64Array, b2h: Float64Array, b2l: Float64Array, muH: number, muL: number, scale: number): {
  logAbs: Float64Array; sign: Float64Array; r: number; gH: number; gL: number;
} {
  const n = d.length;
  const fh = new Float64Array(n), fl = new Float64Array(n), gh = new Float64Array(n), gl = new Float64Array(n);
  const ah = new Float64Array(n), al = new Float64Array(n);
  for (let i = 0; i < n; i++) { ddAddR(d[i]!, 0, -muH, -muL); ah[i] = OH; al[i] = OL; }
  const tiny = 1e-32 * scale;
  for (let i = 0; i < n; i++) {
    let h = ah[i]!, l = al[i]!;
    if (i > 0) {
      ddDivR(b2h[i - 1]!, b2l[i - 1]!, fh[i - 1]!, fl[i - 1]!);
      ddAddR(h, l, -OH, -OL);
      h = OH; l = OL;
    }
    if (h === 0) { h = tiny; l = 0; }
    fh[i] = h; fl[i] = l;
  }
  for (let i = n - 1; i >= 0; i--) {
    let h = ah[i]!, l = al[i]!;
    if (i < n - 1) {
      ddDivR(b2h[i]!, b2l[i]!, gh[i + 1]!, gl[i + 1]!);
      ddAddR(h, l, -OH, -OL);
      h = OH; l = OL;
    }
    if (h === 0) { h = tiny; l = 0; }
    gh[i] = h; gl[i] = l;
  }
  let r = 0, best = Infinity, bestH = 0, bestL = 0;
  for (let i = 0; i < n; i++) {
    ddAddR(fh[i]!, fl[i]!, gh[i]!, gl[i]!);
    ddAddR(OH, OL, -ah[i]!, -al[i]!);
    if (Math.abs(OH) < best) { best = Math.abs(OH); r = i; bestH = OH; bestL = OL; }
  }
  const logAbs = new Float64Array(n), sign = new Float64Array(n);
  sign[r] = 1;
  for (let i = r - 1; i >= 0; i--) {
    const rho = -e[i]! / (fh[i]! + fl[i]!);
    logAbs[i] = logAbs[i + 1]! + Math.log(Math.abs(rho));
    sign[i] = sign[i + 1]! * Math.sign(rho);
  }
  for (let i = r + 1; i < n; i++) {
    const rho = -e[i - 1]! / (gh[i]! + gl[i]!);
    logAbs[i] = logAbs[i - 1]! + Math.log(Math.abs(rho));
    sign[i] = sign[i - 1]! * Math.sign(rho);
  }
  return { logAbs, sign, r, gH: bestH, gL: bestL };
}


/**
 * Re-solve one mode of the tridiagonal H in double-double: Rayleigh-quotient iteration
 * μ ← μ + γ_r/‖u‖² (u_r = 1) from the double eigenvalue until the correction is below 1e−30‖H‖,
 * then the twisted vector from double-double pivots. The eigenvalue is then exact to ~1e−31‖H‖
 * for the given (double) entries, so a partner mode at gap g contaminates the tails only at
 * ~1e−31‖H‖/g.
 *
 * @param d - diagonal of H
 * @param e - off-diagonal of H
 * @param mu - the double eigenvalue
 * @param scale - ‖H‖ scale
 * @returns the refined mode
 */
export function chainModeDD(d: Float64Array, e: Float64Array, mu: number, scale: number): ChainMode & { omega2Lo: number } {
  const n = d.length;
  let mh = mu, ml = 0;
  const b2h = new Float64Array(Math.max(n - 1, 0)), b2l = new Float64Array(Math.max(n - 1, 0));
  for (let i = 0; i + 1 < n; i++) [b2h[i], b2l[i]] = twoProd(e[i]!, e[i]!);
  let tw = ddTwisted(d, e, b2h, b2l, mh, ml, scale);
  for (let it = 0; it < 8; it++) {
    const lognorm = logSumExp(Array.from(tw.logAbs, (x) => 2 * x));
    const cH = tw.gH / Math.exp(lognorm), cL = tw.gL / Math.exp(lognorm);
    [mh, ml] = ddAdd(mh, ml, cH, cL);
    // a correction below 1e−30‖H‖ moves the vector by less than dd rounding: keep it
    if (Math.abs(cH) <= 1e-30 * scale) break;
    tw = ddTwisted(d, e, b2h, b2l, mh, ml, scale);
  }
  const lognorm = logSumExp(Array.from(tw.logAbs, (x) => 2 * x));
  const m = modeFromLogs(mh, tw.logAbs, tw.sign, Math.abs(tw.gH) / Math.exp(0.5 * lognorm) / scale, tw.r, 1e-31 * scale);
  return { ...m, omega2Lo: ml };
}
