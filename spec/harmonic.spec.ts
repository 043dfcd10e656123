/**
 * Properties of the harmonic chain (and graph) with Langevin baths ([P1] §2, eqs. (2.1)–(2.10);
 * MODELS §5, CONVENTIONS §5; `src/exact/harmonic.ts`, `src/analysis/harmonic.ts`):
 *
 *  1. three roads to the NESS covariance — Bartels–Stewart (`method: "lyapunov"`), the pole sum
 *     eq. (2.6) (`method: "spectral"`) and a time integration of dC/dt = AC + CAᵀ + SSᵀ written
 *     here (Taylor step + semigroup doubling);
 *  2. the finite-λ NESS tends to the λ → 0 formula eq. (2.9)/(2.10) at the rate O(λ²);
 *  3. equal bath temperatures give the Gibbs covariance T·diag(H⁻¹, 1);
 *  4. energy balance Σ_b J_b = 0 (finite λ) and Σ_b lim J_b/λ = 0;
 *  5. the λ → 0 temperatures are convex combinations of the bath temperatures;
 *  6. mirror symmetry (chain reversed, baths mirrored) for both roads and the step metrics;
 *  7. the ordered chain: the exact finite-L current and profile from the Green-function
 *     (Casher–Lebowitz / Dhar) frequency integral, the closed-form large-L current (derived here
 *     for the pinned free-end chain; its fixed-end unpinned case is the current of Rieder, Lebowitz
 *     & Lieb, J. Math. Phys. 8, 1073 (1967)) and the exponential approach of the bulk temperature
 *     to (T₁ + T_L)/2;
 *  8. the chain road and the graph road of the λ → 0 formula;
 *  8b. the λ → 0 chain road's error estimate bounds its actual error (reference: every mode in double-double);
 *  9. d-dimensional boxes (graph road): two roads, energy balance, equilibrium, λ → 0;
 * 10. definition-level properties of the step metrics (`temperatureStep`);
 * 11. `profileStatistics` and `uniformPotentials`.
 *
 * Tolerances are stated where they are used. The recurring ones (ε = 2⁻⁵²):
 * - κ := `conditionEstimate` = ‖A‖_F/(2 min_k|Re E_k|). Bartels–Stewart is backward stable
 *   (residual ~ c·n·ε) and its forward error is the backward error times κ (the library's own
 *   refusal bound, harmonic.ts); the time integration below has the same κ·ε floor (see
 *   `odeCovariance`). We allow 128·κ·ε relative to max|C| (measured: Lyapunov vs time
 *   integration ≤ 10·κ·ε on 200 random chains, L ≤ 4).
 * - the spectral road sums eq. (2.6) over the m = 2n roots, C = −Σ_kl P_k SSᵀ P_l†/(E_k + Ē_l);
 *   its rounding is not bounded by κ·ε when A is far from normal (overdamped modes at λ ≳ 1.5, a
 *   close pair of roots): ‖P_k‖ = s_k, Wilkinson's condition number of E_k, enters squared. We
 *   compute the model bound ε·Σ_kl s_k s_l ‖SSᵀ‖/|E_k + Ē_l| (`poleSumRounding`, from the
 *   foundation's dense `eig`) and allow 128·κ·ε·max|C| + 64 × that bound (measured: the
 *   spectral–Lyapunov difference ≤ 13 × the bound on 3000 random chains). The regression of
 *   property 7 ("default road") is NOT covered by this model: there s_k ≈ 2 and the bound is
 *   8e-12 (and our own dense-eigenvector pole sum is right to 1e-14), yet the library's spectral
 *   road is off by 2.5e-7 in C.
 * - λ → 0 formula (`weakTol`): every mode weight α_kb is certified by `weightErrorEstimate`
 *   (refused above 1e-10); modes computed one by one are orthogonal only to ε‖H‖/gap, which is
 *   the error of the completeness Σ_k ψ_k(x)² = 1; the sums over L modes add L·ε.
 * - quadrature (property 7): global adaptive Gauss–Kronrod (7, 15), stopped when the summed
 *   |K₁₅ − G₇| estimates (pessimistic for smooth integrands) are ≤ 1e-11 of the integral.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  boxFaces,
  boxLaplacian,
  harmonicMatrix,
  harmonicNess,
  harmonicWeakCoupling,
  langevinMatrices,
  type HarmonicSystem,
  type LangevinBath,
} from "../src/exact/index.js";
import { createRng, profileStatistics, temperatureStep, uniformPotentials } from "../src/analysis/index.js";
import { NessrefError } from "../src/errors.js";
import { realMatrix } from "../src/linalg/matrix.js";
import { eig } from "../src/linalg/schur.js";
import { chainModeDD, logPsi2 } from "../src/exact/harmonicModes.js";

const EPS = Number.EPSILON;

// ------------------------------------------------------------------ arbitraries
// Uniform on [min, max] (2^30 steps), as in spec/free-fermion.spec.ts (fc.double is uniform over
// bit patterns, i.e. mostly tiny numbers: not a random chain).
const real = (min: number, max: number) => fc.noBias(fc.integer({ min: 0, max: 2 ** 30 })).map((k) => min + ((max - min) * k) / 2 ** 30);
const arr = (n: number, min: number, max: number) => fc.array(real(min, max), { minLength: n, maxLength: n });

interface ChainCase {
  V: number[];
  g: number;
  lambda: number;
  baths: LangevinBath[];
}

/**
 * A random chain of the ranges: L sites, V_x ∈ [0.5, 2], g ∈ [0.3, 2], λ ∈ [0.1, 2],
 * baths at sites 1 and L with temperatures in [0.5, 3] and, optionally, a third bath at an
 * interior site (bath order: site 1, site L, interior).
 */
const chainCase = (Lmin: number, Lmax: number, interior = true): fc.Arbitrary<ChainCase> =>
  fc.integer({ min: Math.max(2, Lmin), max: Lmax }).chain((L) =>
    fc
      .record({
        V: arr(L, 0.5, 2),
        g: real(0.3, 2),
        lambda: real(0.1, 2),
        T: arr(3, 0.5, 3),
        inner: interior && L >= 3 ? fc.integer({ min: 0, max: L - 2 }) : fc.constant(0),
      })
      .map(({ V, g, lambda, T, inner }) => {
        const baths: LangevinBath[] = [
          { site: 1, T: T[0] },
          { site: L, T: T[1] },
        ];
        if (inner > 0) baths.push({ site: 1 + inner, T: T[2] });
        return { V, g, lambda, baths };
      }),
  );

const maxT = (baths: readonly LangevinBath[]) => Math.max(...baths.map((b) => b.T));
const minT = (baths: readonly LangevinBath[]) => Math.min(...baths.map((b) => b.T));
const sys = (c: { V: number[]; g: number }): HarmonicSystem => ({ potentials: c.V, g: c.g });

/** Forward-error allowance of the Lyapunov road relative to max|C| (file header). */
const lyapunovTol = (kappa: number) => 128 * EPS * kappa;

// ------------------------------------------------------------------ small dense helpers
function matmul(A: Float64Array, B: Float64Array, n: number): Float64Array {
  const C = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const a = A[i * n + k];
      if (a === 0) continue;
      for (let j = 0; j < n; j++) C[i * n + j] += a * B[k * n + j];
    }
  }
  return C;
}
function transposed(A: Float64Array, n: number): Float64Array {
  const T = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) T[j * n + i] = A[i * n + j];
  return T;
}
const fro = (A: ArrayLike<number>) => Math.sqrt(Array.from(A).reduce((s, v) => s + v * v, 0));
const maxAbs = (A: ArrayLike<number>) => Array.from(A).reduce((s, v) => Math.max(s, Math.abs(v)), 0);
function maxDiff(A: ArrayLike<number>, B: ArrayLike<number>): number {
  expect(A.length).toBe(B.length);
  let d = 0;
  for (let i = 0; i < A.length; i++) d = Math.max(d, Math.abs(A[i] - B[i]));
  return d;
}

/** H = V − gΔ of a free-boundary chain, built here from its definition ([P1] eq. (2.1)). */
function chainH(V: readonly number[], g: number): Float64Array {
  const n = V.length;
  const H = new Float64Array(n * n);
  for (let x = 0; x < n; x++) {
    H[x * n + x] = V[x] + g * ((x > 0 ? 1 : 0) + (x < n - 1 ? 1 : 0));
    if (x + 1 < n) H[x * n + x + 1] = H[(x + 1) * n + x] = -g;
  }
  return H;
}

/** A = [[0, 1], [−H, −λΠ]] and SSᵀ = diag(0, Σ_b 2λT_b|b⟩⟨b|) of [P1] eq. (2.5), built here. */
function driftAndNoise(H: Float64Array, n: number, baths: readonly LangevinBath[], lambda: number): { A: Float64Array; Q: Float64Array } {
  const m = 2 * n;
  const A = new Float64Array(m * m), Q = new Float64Array(m * m);
  for (let i = 0; i < n; i++) {
    A[i * m + n + i] = 1;
    for (let j = 0; j < n; j++) A[(n + i) * m + j] = -H[i * n + j];
  }
  for (const b of baths) {
    const p = n + b.site - 1;
    A[p * m + p] = -lambda;
    Q[p * m + p] = 2 * lambda * b.T;
  }
  return { A, Q };
}

/** Relative residual ‖AC + CAᵀ + Q‖_F/(‖A‖_F‖C‖_F + ‖Q‖_F), computed here. */
function lyapunovResidual(A: Float64Array, C: Float64Array, Q: Float64Array, m: number): number {
  const AC = matmul(A, C, m);
  let r = 0;
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) r += (AC[i * m + j] + AC[j * m + i] + Q[i * m + j]) ** 2;
  return Math.sqrt(r) / (fro(A) * fro(C) + fro(Q));
}

/**
 * Rounding model of the pole sum eq. (2.6) (file header): ε·Σ_kl s_k s_l ‖SSᵀ‖₂/|E_k + Ē_l| with
 * s_k = ‖y_k‖‖r_k‖/|y_kᴴ r_k| from the QEP structure of A: right eigenvector r_k = (u, E_k u), left
 * y_k = conj((E_k + λΠ)u, u) (y_kᴴA = E_k y_kᴴ), u the q-part of the dense eigenvector.
 */
function poleSumRounding(A: Float64Array, n: number, baths: readonly LangevinBath[], lambda: number): number {
  const m = 2 * n;
  const { values, vectors } = eig(realMatrix(m, m, A.slice()));
  const damp = new Float64Array(n);
  for (const b of baths) damp[b.site - 1] = lambda;
  const cond: number[] = [];
  for (let k = 0; k < m; k++) {
    const er = values.re[k], ei = values.im[k];
    let rr = 0, yy = 0, Nr = 0, Ni = 0;
    for (let x = 0; x < m; x++) rr += vectors.re[x * m + k] ** 2 + vectors.im[x * m + k] ** 2;
    for (let x = 0; x < n; x++) {
      const ur = vectors.re[x * m + k], ui = vectors.im[x * m + k], wr = vectors.re[(n + x) * m + k], wi = vectors.im[(n + x) * m + k];
      const lr = (er + damp[x]) * ur - ei * ui, li = (er + damp[x]) * ui + ei * ur;
      yy += lr * lr + li * li + ur * ur + ui * ui;
      Nr += lr * ur - li * ui + ur * wr - ui * wi;
      Ni += lr * ui + li * ur + ur * wi + ui * wr;
    }
    cond.push(Math.sqrt(rr * yy) / Math.hypot(Nr, Ni));
  }
  const q = Math.max(...baths.map((b) => 2 * lambda * b.T));
  let total = 0;
  for (let k = 0; k < m; k++) for (let l = 0; l < m; l++) total += (cond[k] * cond[l] * q) / Math.hypot(values.re[k] + values.re[l], values.im[k] - values.im[l]);
  return EPS * total;
}

/** Allowance on the entries of C for a result of `method` (file header): absolute. */
function roadAllowance(method: "spectral" | "lyapunov", kappa: number, scale: number, A: Float64Array, n: number, baths: readonly LangevinBath[], lambda: number): number {
  return lyapunovTol(kappa) * scale + (method === "spectral" ? 64 * poleSumRounding(A, n, baths, lambda) : 0);
}

// ------------------------------------------------------------------ road 3: time integration
/**
 * The covariance ODE dC/dt = AC + CAᵀ + Q from C(0) = 0, whose solution tends to the NESS
 * covariance (the [P1] integral ∫₀^∞ e^{As} Q e^{Aᵀs} ds).
 *
 * First step, to h = 1/(4‖A‖_F): the Taylor series of the flow, Φ(h) = Σ (hA)^k/k! and
 * C(h) = Σ_{k≥1} h^k/k! 𝒜^{k−1}(Q), 𝒜(X) = AX + XAᵀ (‖h𝒜‖ ≤ ½, 30 terms: truncation below
 * 2⁻³⁰/30!, far below ε). Then the semigroup property of the exact flow,
 * C(2t) = C(t) + Φ(t) C(t) Φ(t)ᵀ and Φ(2t) = Φ(t)², doubles the time until the remainder is
 * negligible: C(∞) − C(t) = Σ_{j≥1} Φ(t)^j C(t) Φ(t)^{jᵀ}, so ‖C(∞) − C(t)‖₂ ≤ ‖C(t)‖₂ r²/(1 − r²) with
 * r = ‖Φ(t)‖₂ ≤ ‖Φ(t)‖_F; we stop once ‖Φ(t)‖_F² ≤ 1e-17 (r²/(1 − r²) < ε/20). The remaining
 * error is rounding: the computed Φ(h) is the exact flow of some A + δA with ‖δA‖ ≲ ε/h, whose
 * stationary covariance differs by ~‖δA‖/min|Re E| = 4ε‖A‖_F/min|Re E| = 8κε relative — the
 * same κ·ε floor as the Lyapunov road.
 */
function odeCovariance(A: Float64Array, Q: Float64Array, m: number): { C: Float64Array; t: number } {
  const h = 1 / (4 * fro(A));
  const At = transposed(A, m);
  const Phi = new Float64Array(m * m);
  for (let i = 0; i < m; i++) Phi[i * m + i] = 1;
  let term = Phi.slice();
  const C = new Float64Array(m * m);
  let X = Q.map((v) => v * h); // h^k/k! 𝒜^{k−1}(Q) at k = 1
  for (let k = 1; k <= 30; k++) {
    term = matmul(term, A, m).map((v) => (v * h) / k);
    for (let i = 0; i < m * m; i++) Phi[i] += term[i];
    if (k > 1) {
      const AX = matmul(A, X, m), XA = matmul(X, At, m);
      X = AX.map((v, i) => ((v + XA[i]) * h) / k);
    }
    for (let i = 0; i < m * m; i++) C[i] += X[i];
  }
  let P: Float64Array = Phi, t = h;
  for (let doubling = 0; ; doubling++) {
    const r2 = fro(P) ** 2;
    const add = matmul(matmul(P, C, m), transposed(P, m), m);
    for (let i = 0; i < m * m; i++) C[i] += add[i];
    P = matmul(P, P, m);
    t *= 2;
    if (r2 <= 1e-17) break;
    // a stable A (λ > 0, no dark mode) contracts; 200 doublings would be t = 2^200·h
    if (doubling > 200) throw new Error("odeCovariance: Φ(t) does not decay (is A stable?)");
  }
  return { C, t };
}

// ------------------------------------------------------------------ road 4 (property 7): frequency integrals
/** Eigenvalues of the symmetric tridiagonal matrix (d, e) by Sturm-sequence bisection (ascending). */
function tridiagEigenvalues(d: readonly number[], e: readonly number[]): number[] {
  const n = d.length;
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const r = (i > 0 ? Math.abs(e[i - 1]) : 0) + (i < n - 1 ? Math.abs(e[i]) : 0);
    lo = Math.min(lo, d[i] - r);
    hi = Math.max(hi, d[i] + r);
  }
  const below = (x: number): number => {
    let c = 0, p = 1;
    for (let i = 0; i < n; i++) {
      p = d[i] - x - (i > 0 ? (e[i - 1] * e[i - 1]) / p : 0);
      if (p === 0) p = -1e-300;
      if (p < 0) c++;
    }
    return c;
  };
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    let a = lo, b = hi;
    for (let it = 0; it < 200 && b - a > 4 * EPS * Math.max(Math.abs(a), Math.abs(b)); it++) {
      const mid = 0.5 * (a + b);
      if (below(mid) > k) b = mid;
      else a = mid;
    }
    out.push(0.5 * (a + b));
  }
  return out;
}

/**
 * Column b (0-based) of the phonon Green function G(ω) = (H − ω² − iωλΠ)⁻¹ of a chain
 * (diagonal d, off-diagonal −g), by complex Gaussian elimination without pivoting. No pivot
 * vanishes: Im p₁ = −ωλ (site 1 is always a bath site here) and p_{j+1} = d_{j+1} − ω² (− iωλ) −
 * g²/p_j keeps Im p < 0 all along the chain.
 */
function greenColumn(d: readonly number[], g: number, damped: readonly boolean[], lambda: number, w: number, b: number): { re: Float64Array; im: Float64Array } {
  const n = d.length;
  const pr = new Float64Array(n), pi = new Float64Array(n);
  const yr = new Float64Array(n), yi = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let ar = d[j] - w * w, ai = damped[j] ? -w * lambda : 0;
    let rr = j === b ? 1 : 0, ri = 0;
    if (j > 0) {
      const den = pr[j - 1] * pr[j - 1] + pi[j - 1] * pi[j - 1];
      // a −= g²/p_{j−1};  rhs += g·y_{j−1}/p_{j−1} (the sub-diagonal is −g)
      ar -= (g * g * pr[j - 1]) / den;
      ai += (g * g * pi[j - 1]) / den;
      const qr = (yr[j - 1] * pr[j - 1] + yi[j - 1] * pi[j - 1]) / den, qi = (yi[j - 1] * pr[j - 1] - yr[j - 1] * pi[j - 1]) / den;
      rr += g * qr;
      ri += g * qi;
    }
    pr[j] = ar;
    pi[j] = ai;
    yr[j] = rr;
    yi[j] = ri;
  }
  const xr = new Float64Array(n), xi = new Float64Array(n);
  for (let j = n - 1; j >= 0; j--) {
    let rr = yr[j], ri = yi[j];
    if (j < n - 1) {
      rr += g * xr[j + 1];
      ri += g * xi[j + 1];
    }
    const den = pr[j] * pr[j] + pi[j] * pi[j];
    xr[j] = (rr * pr[j] + ri * pi[j]) / den;
    xi[j] = (ri * pr[j] - rr * pi[j]) / den;
  }
  return { re: xr, im: xi };
}

// Gauss–Kronrod (7, 15) nodes and weights on [−1, 1]
const XK = [0.991455371120812639, 0.949107912342758525, 0.864864423359769073, 0.741531185599394440, 0.586087235467691130, 0.405845151377397167, 0.207784955007898468, 0];
const WK = [0.022935322010529225, 0.063092092629978553, 0.104790010322250184, 0.140653259715525919, 0.169004726639267903, 0.190350578064785410, 0.204432940075298892, 0.209482141084727828];
const WG = [0.129484966168869693, 0.279705391489276668, 0.381830050505118945, 0.417959183673469388];

/**
 * ∫ f over [0, ∞) for a vector-valued f, with breakpoints (the resonances) in [0, Ω] and the
 * tail [Ω, ∞) mapped to t ∈ (0, 1] by ω = Ω/t. Global adaptive GK(7, 15): bisect the interval
 * with the largest estimate until the estimates sum to ≤ relTol·max|I|.
 */
function integrateHalfLine(f: (w: number) => Float64Array, breaks: number[], omegaMax: number, relTol: number): Float64Array {
  type Piece = { a: number; b: number; tail: boolean; val: Float64Array; err: number };
  const evalAt = (x: number, tail: boolean): Float64Array => (tail ? f(omegaMax / x).map((v) => (v * omegaMax) / (x * x)) : f(x));
  const gk = (a: number, b: number, tail: boolean): Piece => {
    const c = 0.5 * (a + b), hw = 0.5 * (b - a);
    const fc0 = evalAt(c, tail);
    const K = fc0.map((v) => v * WK[7]), G = fc0.map((v) => v * WG[3]);
    for (let j = 0; j < 7; j++) {
      const s1 = evalAt(c - hw * XK[j], tail), s2 = evalAt(c + hw * XK[j], tail);
      for (let i = 0; i < K.length; i++) {
        const s = s1[i] + s2[i];
        K[i] += WK[j] * s;
        if (j % 2 === 1) G[i] += WG[(j - 1) / 2] * s;
      }
    }
    let err = 0;
    for (let i = 0; i < K.length; i++) err = Math.max(err, Math.abs((K[i] - G[i]) * hw));
    return { a, b, tail, val: K.map((v) => v * hw), err };
  };
  const pts = [0, ...breaks.filter((x) => x > 0 && x < omegaMax).sort((x, y) => x - y), omegaMax];
  const pieces: Piece[] = [];
  for (let i = 0; i + 1 < pts.length; i++) if (pts[i + 1] > pts[i]) pieces.push(gk(pts[i], pts[i + 1], false));
  pieces.push(gk(0, 1, true));
  for (let iter = 0; ; iter++) {
    const total = pieces[0].val.map((_, i) => pieces.reduce((s, p) => s + p.val[i], 0));
    const errSum = pieces.reduce((s, p) => s + p.err, 0);
    if (errSum <= relTol * maxAbs(total)) return total;
    if (iter > 50000) throw new Error(`integrateHalfLine: no convergence (error ${errSum} of ${maxAbs(total)})`);
    let k = 0;
    for (let i = 1; i < pieces.length; i++) if (pieces[i].err > pieces[k].err) k = i;
    const p = pieces[k], mid = 0.5 * (p.a + p.b);
    pieces.splice(k, 1, gk(p.a, mid, p.tail), gk(mid, p.b, p.tail));
  }
}

/**
 * The NESS of a chain from its frequency representation (Langevin equations solved in Fourier
 * space: Casher & Lebowitz, J. Math. Phys. 12, 1701 (1971); Dhar, Adv. Phys. 57, 457 (2008), §3.2
 * "Langevin equations and Green's function formalism"): with G(ω) = (H − ω² − iωλΠ)⁻¹,
 *   T(x) = ⟨p_x²⟩ = (2λ/π) ∫₀^∞ ω² Σ_b T_b |G_xb(ω)|² dω,
 * and, for two baths at 1 and L, the Casher–Lebowitz / Landauer form of the current
 *   J₁ = (T₁ − T_L) (2/π) ∫₀^∞ λ²ω² |G_1L(ω)|² dω
 * (from Im G = ωλ G Π G†, which makes the equal-temperature profile flat). Both are exact for
 * harmonic chains; only the quadrature is approximate.
 */
function frequencyNess(V: readonly number[], g: number, baths: readonly LangevinBath[], lambda: number): { temperature: Float64Array; current: number } {
  const n = V.length;
  const d = V.map((v, x) => v + g * ((x > 0 ? 1 : 0) + (x < n - 1 ? 1 : 0)));
  const damped = V.map((_, x) => baths.some((b) => b.site === x + 1));
  const twoEnds = baths.length === 2 && baths[0].site === 1 && baths[1].site === n;
  const f = (w: number): Float64Array => {
    const out = new Float64Array(n + 1);
    for (const b of baths) {
      const col = greenColumn(d, g, damped, lambda, w, b.site - 1);
      for (let x = 0; x < n; x++) out[x] += ((2 * lambda) / Math.PI) * w * w * b.T * (col.re[x] ** 2 + col.im[x] ** 2);
      if (twoEnds && b.site === n) out[n] = (2 / Math.PI) * lambda * lambda * w * w * (col.re[0] ** 2 + col.im[0] ** 2);
    }
    return out;
  };
  const ev = tridiagEigenvalues(d, new Array(Math.max(0, n - 1)).fill(-g));
  const breaks = ev.map((e) => Math.sqrt(Math.max(e, 0)));
  const omegaMax = 1.5 * Math.sqrt(ev[n - 1]) + lambda;
  const I = integrateHalfLine(f, breaks, omegaMax, 1e-11);
  const current = twoEnds ? (baths[0].T - baths[1].T) * I[n] : NaN;
  return { temperature: I.slice(0, n), current };
}

// ------------------------------------------------------------------ closed forms of the ordered chain
/**
 * Large-L current of the ordered chain: H_xx = V + 2g in the bulk and V + 2g − r·g at the two
 * bath sites (r = 1: our free-boundary chain; r = 0: fixed walls, the Rieder–Lebowitz–Lieb
 * chain), friction λ at sites 1 and L, m = 1. Derivation (done here, independently; the published
 * N → ∞ current of the pinned ordered chain, which reduces to RLL's and Nakazawa's results in
 * special cases, is Roy & Dhar, J. Stat. Phys. 131, 535 (2008), arXiv:0711.4318 — its text was
 * not reachable from here, so the formula below is checked numerically, not against theirs):
 * in the band write V + 2g − ω² = 2g cos k. The tridiagonal determinant is
 *   D_L(ω) = det(H − ω² − iωλΠ) = g^L [e^{i(L−1)k} P² − e^{−i(L−1)k} Q²]/(2i sin k),
 *   P = e^{ik} − s, Q = e^{−ik} − s, s = r + iωλ/g,
 * and G_1L = g^{L−1}/D_L. For L → ∞ the phase e^{2i(L−1)k} oscillates infinitely fast, so |G_1L|²
 * may be replaced by its phase average (1/g²)·4 sin²k/(|Q|⁴ − |P|⁴) (⟨|a − b e^{iφ}|⁻²⟩ =
 * 1/(|a|² − |b|²)), with |Q|² − |P|² = 4(ωλ/g) sin k and |Q|² + |P|² = 2a(k),
 * a(k) = 1 + r² + λ²ω²/g² − 2r cos k; outside the band G_1L decays exponentially in L. With
 * ω dω = g sin k dk the current integral above becomes
 *   J_∞ = (T₁ − T_L) (λ/π) ∫₀^π sin²k/(c − d cos k) dk = (T₁ − T_L) λ (c − √(c² − d²))/d²,
 *   c = 1 + r² + λ²(V + 2g)/g²,  d = 2r + 2λ²/g.
 * For r = 0, V = 0 this is RLL's large-N current in our notation (spring constant ω₀² = g,
 * m = 1): J = (gΔT/2λ)[1 + ν/2 − (ν/2)√(1 + 4/ν)], ν = g/λ² (see `rllCurrent`).
 */
function orderedCurrentLimit(V: number, g: number, lambda: number, dT: number, r: 0 | 1): number {
  const c = 1 + r * r + (lambda * lambda * (V + 2 * g)) / (g * g), d = 2 * r + (2 * lambda * lambda) / g;
  return (dT * lambda * (c - Math.sqrt(c * c - d * d))) / (d * d);
}

/**
 * Rieder, Lebowitz & Lieb, J. Math. Phys. 8, 1073 (1967): the heat current of the ordered chain
 * with fixed walls and no pinning (equations of motion q̈_j = ω₀²(q_{j+1} − 2q_j + q_{j−1}),
 * q₀ = q_{N+1} = 0, friction λ and Langevin noise at sites 1 and N), N → ∞, as reviewed in
 * Lepri, Livi & Politi, Phys. Rep. 377 (2003) 1 (harmonic crystals) and Dhar, Adv. Phys. 57
 * (2008) 457, §3.1 "The Rieder–Lebowitz–Lieb method", written in our symbols: m = 1, ω₀² = g and
 * ν = ω₀²/λ². The texts were not reachable from here (only abstracts and tables of contents), so
 * we quote no equation number: the formula is re-derived above (r = 0 of `orderedCurrentLimit`)
 * and checked against harmonicNess below to 1e-9 (measured 1e-13). Our model maps onto RLL's
 * exactly with V_1 = V_L = g (the springs to the walls) and V_x → 0 in the bulk (we use 1e-300:
 * the library needs V > 0; H stays positive definite).
 */
function rllCurrent(g: number, lambda: number, dT: number): number {
  const nu = g / (lambda * lambda);
  return ((g * dT) / (2 * lambda)) * (1 + nu / 2 - (nu / 2) * Math.sqrt(1 + 4 / nu));
}

/**
 * Decay factor per site of the bulk temperature deviation of the ordered chain: q = e^{−2κ} with
 * cosh κ = c/d (c, d of `orderedCurrentLimit`). The phase-averaged integrand sin²k/(c − d cos k)
 * has its poles at k = ±iκ, and the deviation T(x) − (T₁ + T_L)/2 is a Fourier coefficient of such
 * a function at "wave number" 2(x − 2), hence ∝ e^{−2κ(x−2)}. (Found to hold exactly at every
 * finite L ≥ 4 in the form T̄ + A_L(q^{x−2} − q^{L−1−x}), 2 ≤ x ≤ L − 1; asserted below.)
 */
function orderedDecay(V: number, g: number, lambda: number, r: 0 | 1): number {
  const c = 1 + r * r + (lambda * lambda * (V + 2 * g)) / (g * g), d = 2 * r + (2 * lambda * lambda) / g;
  const ch = c / d;
  return (ch - Math.sqrt(ch * ch - 1)) ** 2;
}

/** Smallest spacing of the frequencies ω_k = √(ω_k²) (ascending ω²). */
function minFrequencyGap(omega2: ArrayLike<number>): number {
  let gap = Infinity;
  for (let k = 1; k < omega2.length; k++) gap = Math.min(gap, Math.sqrt(omega2[k]) - Math.sqrt(omega2[k - 1]));
  return gap;
}

/** ‖T(λ) − T₀‖₂ over the sites. */
function profileDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s);
}

/**
 * Rounding bound of the λ → 0 chain/graph roads, relative to max T_b: the modes are computed one
 * by one, so their angle errors ~ε‖H‖/gap (Davis–Kahan; gap = smallest spacing of ω²) break the
 * completeness Σ_k ψ_k(x)² = 1 by as much (measured: ≤ 1.3·ε‖H‖/gap on 4000 random chains);
 * L-term sums add L·ε; the weights α_kb are certified to `weightErrorEstimate`. Hence
 * (8(L + ‖H‖/gap)ε + weightErrorEstimate)·max T_b with ‖H‖ ≤ max V + 4dg (d = 1 on chains).
 */
function weakTol(w: { omega2: ArrayLike<number>; weightErrorEstimate: number }, normH: number, Tmax: number): number {
  const L = w.omega2.length;
  let gap = Infinity;
  for (let k = 1; k < L; k++) gap = Math.min(gap, w.omega2[k] - w.omega2[k - 1]);
  return (8 * (L + (L > 1 ? normH / gap : 0)) * EPS + w.weightErrorEstimate) * Tmax;
}

// ================================================================== 1. three roads
describe("1. three roads to the NESS covariance (Lyapunov, spectral pole sum eq. (2.6), time integration)", () => {
  it("langevinMatrices and harmonicMatrix are eq. (2.5) and H = V − gΔ exactly", () => {
    fc.assert(
      fc.property(chainCase(1, 8), (c) => {
        const n = c.V.length;
        const H = chainH(c.V, c.g);
        expect(Array.from(harmonicMatrix(sys(c)).data)).toEqual(Array.from(H));
        const { A, noise } = langevinMatrices(sys(c), c.baths, c.lambda);
        const mine = driftAndNoise(H, n, c.baths, c.lambda);
        expect(Array.from(A.data)).toEqual(Array.from(mine.A));
        expect(Array.from(noise.data)).toEqual(Array.from(mine.Q));
      }),
      { numRuns: 60, seed: 0x4801 },
    );
  });

  it("C_lyapunov = C_spectral = C_ode(t → ∞) on random chains L ≤ 4; T(x) = C_{p_x p_x}, J_b = λ(T_b − T(b))", () => {
    fc.assert(
      fc.property(chainCase(2, 4), (c) => {
        const n = c.V.length, m = 2 * n;
        const { A, Q } = driftAndNoise(chainH(c.V, c.g), n, c.baths, c.lambda);
        const ly = harmonicNess(sys(c), c.baths, c.lambda, { method: "lyapunov", covariance: true });
        const sp = harmonicNess(sys(c), c.baths, c.lambda, { method: "spectral", covariance: true });
        expect(ly.method).toBe("lyapunov");
        expect(sp.method).toBe("spectral");
        const ode = odeCovariance(A, Q, m);
        const Cl = ly.covariance!.data, Cs = sp.covariance!.data;
        const scale = maxAbs(Cl);
        // the damping range is a property of A, not of the road: two eigen-solvers, ε·‖A‖ each
        expect(Math.abs(ly.minDamping - sp.minDamping)).toBeLessThanOrEqual(64 * EPS * fro(A));
        // κ·ε forward errors of Lyapunov and of the time integration (odeCovariance: 8κε): 128·κ·ε;
        // pairs with the spectral road: its pole-sum rounding model on top (file header)
        const tolL = lyapunovTol(ly.conditionEstimate) * scale, tolS = roadAllowance("spectral", ly.conditionEstimate, scale, A, n, c.baths, c.lambda);
        expect(maxDiff(Cl, ode.C)).toBeLessThanOrEqual(tolL);
        expect(maxDiff(Cl, Cs)).toBeLessThanOrEqual(tolS);
        expect(maxDiff(Cs, ode.C)).toBeLessThanOrEqual(tolS);
        // C is symmetric (exactly: both roads symmetrise) and positive on the diagonal
        for (let i = 0; i < m; i++) {
          expect(Cl[i * m + i]).toBeGreaterThan(0);
          expect(Cs[i * m + i]).toBeGreaterThan(0);
          for (let j = 0; j < m; j++) {
            expect(Cl[i * m + j]).toBe(Cl[j * m + i]);
            expect(Cs[i * m + j]).toBe(Cs[j * m + i]);
          }
        }
        // backward stability of Bartels–Stewart: the relative residual, recomputed here, is a few
        // m·ε (64·m·ε allowed); the spectral road: its allowance tolS propagated through
        // AC + CAᵀ (2‖A‖_F·m·tolS), relative
        expect(lyapunovResidual(A, Cl, Q, m)).toBeLessThanOrEqual(64 * m * EPS);
        expect(lyapunovResidual(A, Cs, Q, m)).toBeLessThanOrEqual(64 * m * EPS + (2 * fro(A) * m * tolS) / (fro(A) * fro(Cl) + fro(Q)));
        // the reported fields are read off C (definitions of MODELS §5): exact
        for (const r of [ly, sp]) {
          const C = r.covariance!.data;
          for (let x = 0; x < n; x++) expect(r.temperature[x]).toBe(C[(n + x) * m + n + x]);
          c.baths.forEach((b, k) => expect(r.heatCurrents[k]).toBe(c.lambda * (b.T - r.temperature[b.site - 1])));
        }
      }),
      { numRuns: 120, seed: 0x4802 },
    );
  });
});

// ================================================================== 2. λ → 0 at rate O(λ²)
describe("2. the finite-λ NESS tends to the λ → 0 formula eq. (2.9)/(2.10) as O(λ²)", () => {
  it("err(λ)/err(λ/2) ∈ [3, 5] at λ = gap/8 and gap/16 (gap = min level spacing of ω), spectral road", () => {
    // Why O(λ²): at first order in λ the diagonal mode corrections and the off-diagonal
    // (k ≠ l) terms of eq. (2.6) are purely imaginary (CONVENTIONS §5), so they drop out of the
    // real ⟨p_x²⟩; the first real correction is ∝ (λ/Δω)². With λ ≤ gap/8 the next relative
    // correction is ≲ (1/8)² × O(1) (measured: ratios ≥ 3.9 at gap/8 → gap/16), so [3, 5] is safe. The
    // errors themselves (≳ 1e-6·|ΔT|) are far above the spectral road's rounding (~1e-14).
    const temps = fc.oneof(fc.tuple(real(0.5, 1.25), real(1.75, 3)), fc.tuple(real(1.75, 3), real(0.5, 1.25)));
    fc.assert(
      fc.property(chainCase(2, 8), temps, (c, [T1, TL]) => {
        const baths = c.baths.map((b, k) => (k === 0 ? { ...b, T: T1 } : k === 1 ? { ...b, T: TL } : b));
        const w = harmonicWeakCoupling(sys(c), baths);
        const gap = c.V.length > 1 ? minFrequencyGap(w.omega2) : 1;
        const errs = [8, 16, 32].map((f) => profileDistance(harmonicNess(sys(c), baths, gap / f, { method: "spectral" }).temperature, w.temperature));
        expect(errs[2]).toBeGreaterThan(1e-9 * maxT(baths));
        expect(errs[0] / errs[1]).toBeGreaterThanOrEqual(3);
        expect(errs[0] / errs[1]).toBeLessThanOrEqual(5);
        expect(errs[1] / errs[2]).toBeGreaterThanOrEqual(3);
        expect(errs[1] / errs[2]).toBeLessThanOrEqual(5);
      }),
      { numRuns: 60, seed: 0x4803 },
    );
  });
});

// ================================================================== 3. equilibrium
describe("3. equal bath temperatures: C = T·diag(H⁻¹, 1) (Gibbs state of 𝓗 at temperature T)", () => {
  it("q-q block = T H⁻¹ (checked as H·C_qq = T·1), p-p block = T·1, q-p block = 0, both roads", () => {
    fc.assert(
      fc.property(chainCase(2, 8), real(0.5, 3), (c, T) => {
        const baths = c.baths.map((b) => ({ ...b, T }));
        const n = c.V.length, m = 2 * n;
        const H = chainH(c.V, c.g);
        const { A } = driftAndNoise(H, n, baths, c.lambda);
        const normH = Math.max(...Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => Math.abs(H[i * n + j])).reduce((a, b) => a + b, 0)));
        for (const method of ["lyapunov", "spectral"] as const) {
          const r = harmonicNess(sys(c), baths, c.lambda, { method, covariance: true });
          const C = r.covariance!.data;
          // forward error of the covariance (file header; C's scale is T·max(1, ‖H⁻¹‖) ≤ T/0.5):
          // roadAllowance on entries, times ‖H‖_∞ for the product H·C_qq
          const tol = roadAllowance(method, r.conditionEstimate, 2 * T, A, n, baths, c.lambda);
          let epp = 0, eqp = 0, eqq = 0;
          for (let i = 0; i < n; i++) {
            for (let j = 0; j < n; j++) {
              epp = Math.max(epp, Math.abs(C[(n + i) * m + n + j] - (i === j ? T : 0)));
              eqp = Math.max(eqp, Math.abs(C[i * m + n + j]));
              let s = 0;
              for (let k = 0; k < n; k++) s += H[i * n + k] * C[k * m + j];
              eqq = Math.max(eqq, Math.abs(s - (i === j ? T : 0)));
            }
          }
          expect(epp, `${method}: p-p block`).toBeLessThanOrEqual(tol);
          expect(eqp, `${method}: q-p block`).toBeLessThanOrEqual(tol);
          expect(eqq, `${method}: H·C_qq − T`).toBeLessThanOrEqual(tol * normH);
          // no current flows in equilibrium
          for (const J of r.heatCurrents) expect(Math.abs(J)).toBeLessThanOrEqual(c.lambda * tol);
        }
        // λ → 0: every mode temperature is T, so T(x) = T·Σ_k ψ_k(x)² = T up to the completeness
        // error of the computed modes (weakTol)
        const w = harmonicWeakCoupling(sys(c), baths);
        for (const t of w.temperature) expect(Math.abs(t - T)).toBeLessThanOrEqual(weakTol(w, 2 + 4 * c.g, T));
      }),
      { numRuns: 80, seed: 0x4804 },
    );
  });
});

// ================================================================== 4. energy balance
describe("4. energy balance: Σ_b J_b = 0", () => {
  it("finite λ, both roads: |Σ_b J_b| ≤ (forward-error allowance)·λ·max T_b", () => {
    // d⟨𝓗⟩/dt = Σ_b λ(T_b − ⟨p_b²⟩) = 0 in the NESS (tr[diag(H, 1)(AC + CAᵀ + SSᵀ)] = 2Σ_b J_b);
    // the library computes each J_b from its T(b), so the sum carries the forward error of the
    // temperatures (roadAllowance, file header) times λ, for ≤ 3 baths (measured on the
    // Lyapunov road: ≤ 13κε·λ·max T_b).
    fc.assert(
      fc.property(chainCase(2, 8), (c) => {
        const n = c.V.length;
        const { A } = driftAndNoise(chainH(c.V, c.g), n, c.baths, c.lambda);
        for (const method of ["lyapunov", "spectral"] as const) {
          const r = harmonicNess(sys(c), c.baths, c.lambda, { method });
          const sum = r.heatCurrents.reduce((s, j) => s + j, 0);
          // C's scale ≤ max T_b·max(1, ‖H⁻¹‖) ≤ 2·max T_b (H ≥ V ≥ 0.5)
          const allow = roadAllowance(method, r.conditionEstimate, 2 * maxT(c.baths), A, n, c.baths, c.lambda);
          expect(Math.abs(sum), method).toBeLessThanOrEqual(3 * allow * c.lambda);
          // and the energy does flow from hot to cold when there are only two baths
          if (c.baths.length === 2 && Math.abs(c.baths[0].T - c.baths[1].T) > 1e-3) expect(Math.sign(r.heatCurrents[0])).toBe(Math.sign(c.baths[0].T - c.baths[1].T));
        }
      }),
      { numRuns: 100, seed: 0x4805 },
    );
  });

  it("λ → 0: Σ_b currentCoefficients = 0 up to 4·L·ε·max T_b (a sum of L antisymmetric mode terms)", () => {
    fc.assert(
      fc.property(chainCase(2, 40), (c) => {
        const w = harmonicWeakCoupling(sys(c), c.baths);
        const sum = w.currentCoefficients.reduce((s, j) => s + j, 0);
        expect(Math.abs(sum)).toBeLessThanOrEqual(4 * c.V.length * EPS * maxT(c.baths));
        // currentCoefficients are T_b − T(b) (their definition; the library sums them as positive
        // weights, so the two forms differ by the rounding of T(b), weakTol)
        c.baths.forEach((b, k) => expect(Math.abs(w.currentCoefficients[k] - (b.T - w.temperature[b.site - 1]))).toBeLessThanOrEqual(weakTol(w, 2 + 4 * c.g, maxT(c.baths))));
      }),
      { numRuns: 150, seed: 0x4806 },
    );
  });
});

// ================================================================== 5. convexity at λ → 0
describe("5. λ → 0: temperatures are convex combinations of the bath temperatures", () => {
  it("min T_b ≤ T(x), τ_k ≤ max T_b (up to weakTol) and Σ_x T(x) = Σ_k τ_k", () => {
    // T(x) = Σ_k ψ_k(x)² τ_k with Σ_k ψ_k(x)² = 1 and τ_k = Σ_b α_kb T_b, α_kb ≥ 0, Σ_b α_kb = 1
    // ([P1] eq. (2.10)); rounding of L-term sums: 8·L·ε·max T_b. Summing over x (Σ_x ψ_k(x)² = 1)
    // gives Σ_x T(x) = Σ_k τ_k, to the same rounding times L.
    const baths = (L: number) =>
      fc
        .uniqueArray(fc.integer({ min: 1, max: L }), { minLength: 1, maxLength: Math.min(L, 4) })
        .chain((sites) => fc.tuple(fc.constant(sites), arr(sites.length, 0.5, 3)))
        .map(([sites, T]) => sites.map((site, k) => ({ site, T: T[k] })));
    const arb = fc
      .integer({ min: 2, max: 40 })
      .chain((L) => fc.record({ V: arr(L, 0.5, 2), g: real(0.3, 2), baths: baths(L).filter((bs) => bs.some((b) => b.site === 1 || b.site === L)) }));
    fc.assert(
      fc.property(arb, (c) => {
        const L = c.V.length;
        const w = harmonicWeakCoupling(sys(c), c.baths);
        const lo = minT(c.baths), hi = maxT(c.baths), tol = weakTol(w, 2 + 4 * c.g, hi);
        for (const t of w.temperature) {
          expect(t).toBeGreaterThanOrEqual(lo - tol);
          expect(t).toBeLessThanOrEqual(hi + tol);
        }
        for (const tau of w.modeTemperatures) {
          expect(tau).toBeGreaterThanOrEqual(lo - tol);
          expect(tau).toBeLessThanOrEqual(hi + tol);
        }
        const sx = w.temperature.reduce((s, t) => s + t, 0), sk = w.modeTemperatures.reduce((s, t) => s + t, 0);
        // Σ_x ψ_k(x)² = 1 holds mode by mode (normalisation, not completeness): L sums of L terms
        expect(Math.abs(sx - sk)).toBeLessThanOrEqual(8 * L * L * EPS * hi);
        expect(w.road).toBe("twisted");
      }),
      { numRuns: 150, seed: 0x4807 },
    );
  });
});

// ================================================================== 6. mirror symmetry
/** The mirrored chain: potentials reversed, bath at x moved to L + 1 − x (same temperature, same order). */
function mirrored(c: ChainCase): ChainCase {
  const L = c.V.length;
  return { ...c, V: [...c.V].reverse(), baths: c.baths.map((b) => ({ site: L + 1 - b.site, T: b.T })) };
}
/** Distance of the profile from the two step levels of MODELS §5, relative to |T_L − T₁|. */
function levelMargin(T: ArrayLike<number>, T1: number, TL: number): number {
  const lo = T1 + 0.3 * (TL - T1), hi = TL - 0.3 * (TL - T1);
  let m = Infinity;
  for (let i = 0; i < T.length; i++) m = Math.min(m, Math.abs(T[i] - lo), Math.abs(T[i] - hi));
  return m / Math.abs(TL - T1);
}

describe("6. mirror symmetry: reversing the chain and mirroring the baths mirrors the NESS", () => {
  it("finite λ (default road): T'(x) = T(L + 1 − x), J' = J (bath by bath); step: w' = w, m' = L + 1 − m", () => {
    fc.assert(
      fc.property(chainCase(2, 8), (c) => {
        const L = c.V.length;
        const a = harmonicNess(sys(c), c.baths, c.lambda);
        const b = harmonicNess(sys(mirrored(c)), mirrored(c).baths, c.lambda);
        // two solves of the same problem in mirrored site order: the forward error of each
        // (C's scale ≤ 2·max T_b as H ≥ 0.5)
        const { A } = driftAndNoise(chainH(c.V, c.g), L, c.baths, c.lambda);
        const tol = 2 * roadAllowance(a.method, a.conditionEstimate, 2 * maxT(c.baths), A, L, c.baths, c.lambda);
        for (let x = 1; x <= L; x++) expect(Math.abs(b.temperature[L - x] - a.temperature[x - 1])).toBeLessThanOrEqual(tol);
        c.baths.forEach((_, k) => expect(Math.abs(b.heatCurrents[k] - a.heatCurrents[k])).toBeLessThanOrEqual(c.lambda * tol));
        // the step metrics are integer-valued functions of the profile: compare them when no site
        // is within 1e-9·|ΔT| of a level (rounding at the 1e-12 level cannot flip a comparison)
        const T1 = c.baths[0].T, TL = c.baths[1].T;
        if (T1 !== TL && levelMargin(a.temperature, T1, TL) > 1e-9) {
          const sa = temperatureStep(a.temperature, T1, TL), sb = temperatureStep(b.temperature, TL, T1);
          if (sa === null) expect(sb).toBeNull();
          else {
            expect(sb).not.toBeNull();
            expect(sb!.width).toBe(sa.width);
            expect(sb!.midpoint).toBe(L + 1 - sa.midpoint);
          }
        }
      }),
      { numRuns: 100, seed: 0x4808 },
    );
  });

  it("λ → 0 (L ≤ 40): T'(x) = T(L + 1 − x), lim J'/λ = lim J/λ; step: w' = w, m' = L + 1 − m", () => {
    fc.assert(
      fc.property(chainCase(2, 40), (c) => {
        const L = c.V.length;
        const a = harmonicWeakCoupling(sys(c), c.baths);
        const b = harmonicWeakCoupling(sys(mirrored(c)), mirrored(c).baths);
        // each profile carries its own rounding (weakTol)
        const tol = weakTol(a, 2 + 4 * c.g, maxT(c.baths)) + weakTol(b, 2 + 4 * c.g, maxT(c.baths));
        for (let x = 1; x <= L; x++) expect(Math.abs(b.temperature[L - x] - a.temperature[x - 1])).toBeLessThanOrEqual(tol);
        c.baths.forEach((_, k) => expect(Math.abs(b.currentCoefficients[k] - a.currentCoefficients[k])).toBeLessThanOrEqual(tol));
        const T1 = c.baths[0].T, TL = c.baths[1].T;
        if (T1 !== TL && levelMargin(a.temperature, T1, TL) > 1e-9) {
          const sa = temperatureStep(a.temperature, T1, TL), sb = temperatureStep(b.temperature, TL, T1);
          if (sa === null) expect(sb).toBeNull();
          else {
            expect(sb).not.toBeNull();
            expect(sb!.width).toBe(sa.width);
            expect(sb!.midpoint).toBe(L + 1 - sa.midpoint);
          }
        }
      }),
      { numRuns: 150, seed: 0x4809 },
    );
  });
});

// ================================================================== 7. the ordered chain
const orderedCase = (Lmin: number, Lmax: number) =>
  fc.record({ L: fc.integer({ min: Lmin, max: Lmax }), V: real(0.5, 2), g: real(0.3, 2), lambda: real(0.1, 2), T1: real(0.5, 3), TL: real(0.5, 3) });

describe("7. the ordered chain (V_x = V): exact current and profile, large-L limit (RLL 1967 and its pinned version)", () => {
  // Frequency integrals: quadrature estimate ≤ 1e-11 relative; the Lyapunov road's forward error
  // ≤ 128κε (≤ 1e-11 here). We ask 1e-9 relative: two orders above both, far below any physics.
  it("finite L ≤ 12: heatCurrents and T(x) of the Lyapunov road = the Green-function integrals (Casher–Lebowitz/Dhar)", () => {
    fc.assert(
      fc.property(orderedCase(2, 12), (p) => {
        const V = new Array<number>(p.L).fill(p.V), baths = [{ site: 1, T: p.T1 }, { site: p.L, T: p.TL }];
        const fq = frequencyNess(V, p.g, baths, p.lambda);
        const r = harmonicNess({ potentials: V, g: p.g }, baths, p.lambda, { method: "lyapunov" });
        const sT = maxT(baths), sJ = p.lambda * sT;
        expect(Math.abs(r.heatCurrents[0] - fq.current)).toBeLessThanOrEqual(1e-9 * sJ + 128 * EPS * r.conditionEstimate * sJ);
        for (let x = 0; x < p.L; x++) expect(Math.abs(r.temperature[x] - fq.temperature[x])).toBeLessThanOrEqual(1e-9 * sT + 128 * EPS * r.conditionEstimate * sT);
      }),
      { numRuns: 40, seed: 0x480a },
    );
  });

  it("finite L ≤ 12: the default road (auto → spectral on chains) gives the same current to 1e-9 relative", () => {
    // Same comparison as above, through the road `solve()` uses; CONVENTIONS §5 ("Accuracy of
    // currents") promises ~1e-12 of λ·max T_b, we ask 1e-9. KNOWN LIBRARY ISSUE (see the report
    // and the regression example in test/harmonic.test.ts: V = 0.5 × 10, g = 0.3, λ = 2): on
    // mirror-symmetric chains with λ large enough to overdamp the end modes, pairs of QEP roots
    // (even and odd partners) are split only by the tunnelling e^{−κL}. Their eigenvalue condition
    // numbers are ≈ 2 (a pole sum over the dense eigenvectors is right to 1e-14), but the chain
    // road's refined roots/twisted vectors mix the partners: J is off by up to 2e-5 relative (and
    // by 1.6e-9·λT at equal temperatures, where J = 0), the residual (up to 2e-8) shows it, and
    // the road neither refuses nor falls back to Lyapunov.
    fc.assert(
      fc.property(orderedCase(2, 12), (p) => {
        const V = new Array<number>(p.L).fill(p.V), baths = [{ site: 1, T: p.T1 }, { site: p.L, T: p.TL }];
        const fq = frequencyNess(V, p.g, baths, p.lambda);
        const r = harmonicNess({ potentials: V, g: p.g }, baths, p.lambda);
        const sJ = p.lambda * maxT(baths);
        expect(Math.abs(r.heatCurrents[0] - fq.current), `road ${r.method}, residual ${r.residual}`).toBeLessThanOrEqual(1e-9 * sJ + 128 * EPS * r.conditionEstimate * sJ);
      }),
      { numRuns: 150, seed: 0x480b },
    );
  });

  it("interior profile is exactly T̄ + A_L(q^{x−2} − q^{L−1−x}) (2 ≤ x ≤ L − 1, q = e^{−2κ}, cosh κ = c/d); mirror identity T(x) + T(L+1−x) = T₁ + T_L", () => {
    // A_L is fitted at x = 2, the other L − 3 sites are predictions. The mirror identity holds for
    // every mirror-symmetric chain: T is linear in (T₁, T_L), the mirror swaps them, and equal
    // temperatures give a flat profile. Lyapunov road: 128κε·max T_b per site, the fit doubles it.
    fc.assert(
      fc.property(orderedCase(4, 16), (p) => {
        const V = new Array<number>(p.L).fill(p.V), baths = [{ site: 1, T: p.T1 }, { site: p.L, T: p.TL }];
        const r = harmonicNess({ potentials: V, g: p.g }, baths, p.lambda, { method: "lyapunov" });
        const q = orderedDecay(p.V, p.g, p.lambda, 1);
        const Tbar = (p.T1 + p.TL) / 2, dev = Array.from(r.temperature, (t) => t - Tbar);
        const tol = 128 * EPS * r.conditionEstimate * maxT(baths);
        const A = dev[1] / (1 - q ** (p.L - 3));
        for (let x = 2; x <= p.L - 1; x++) expect(Math.abs(dev[x - 1] - A * (q ** (x - 2) - q ** (p.L - 1 - x)))).toBeLessThanOrEqual(4 * tol);
        for (let x = 1; x <= p.L; x++) expect(Math.abs(r.temperature[x - 1] + r.temperature[p.L - x] - (p.T1 + p.TL))).toBeLessThanOrEqual(2 * tol);
      }),
      { numRuns: 80, seed: 0x480c },
    );
  });

  it("large L: the current tends to J_∞ (pinned free ends, derived) and to RLL's formula (fixed walls, no pinning)", () => {
    // L is chosen from the decay factor q so that the finite-size correction ∝ q^L is < 1e-13:
    // L = ⌈30/|ln q|⌉ + 6 (≤ 60 in the sampled ranges λ ∈ [0.5, 2], g ∈ [0.3, 1]). Lyapunov road
    // (κε ≤ 1e-10 at these sizes); tolerance 1e-9 relative to J_∞.
    fc.assert(
      fc.property(real(0.5, 2), real(0.3, 1), real(0.5, 2), fc.boolean(), (V0, g, lambda, rll) => {
        const r: 0 | 1 = rll ? 0 : 1;
        const q = rll ? orderedDecay(0, g, lambda, 0) : orderedDecay(V0, g, lambda, 1);
        const L = Math.ceil(30 / Math.abs(Math.log(q))) + 6;
        expect(L).toBeLessThanOrEqual(60);
        const V = new Array<number>(L).fill(rll ? 1e-300 : V0);
        if (rll) V[0] = V[L - 1] = g; // the springs to the walls
        const baths = [{ site: 1, T: 2 }, { site: L, T: 1 }];
        const res = harmonicNess({ potentials: V, g }, baths, lambda, { method: "lyapunov" });
        const Jinf = rll ? rllCurrent(g, lambda, 1) : orderedCurrentLimit(V0, g, lambda, 1, r);
        if (rll) expect(Math.abs(orderedCurrentLimit(0, g, lambda, 1, 0) - Jinf)).toBeLessThanOrEqual(64 * EPS * Jinf); // the two forms agree
        expect(Math.abs(res.heatCurrents[0] - Jinf)).toBeLessThanOrEqual(1e-9 * Jinf);
        // the bulk approaches T̄ = 3/2 exponentially: T(x) − T̄ = A(q^{x−2} − q^{L−1−x}) with
        // A = T(2) − T̄ (q^{L−3} < 1e-13 here), so |T(x) − T̄| ≤ |A| q^{x−2} on the left half
        // (slack: the Lyapunov road's 128κε·max T_b)
        const A = res.temperature[1] - 1.5, slack = 128 * EPS * res.conditionEstimate * 2;
        expect(Math.abs(A)).toBeGreaterThan(1e-6); // a boundary layer well above the slack
        for (let x = 2; x <= Math.floor(L / 2); x++) expect(Math.abs(res.temperature[x - 1] - 1.5)).toBeLessThanOrEqual(Math.abs(A) * q ** (x - 2) + slack);
        expect(Math.abs(res.temperature[2] - 1.5 - q * A)).toBeLessThanOrEqual(slack);
      }),
      { numRuns: 30, seed: 0x480d },
    );
  });
});

// ================================================================== 8. chain road vs graph road at λ → 0
describe("8. λ → 0: the chain road (twisted) and the graph road (dense, laplacian = −Δ of the chain) agree", () => {
  it("temperature and currentCoefficients to weakTol₁ + weakTol₂ (~1e-13·max T_b), ω² to 16Lε‖H‖", () => {
    fc.assert(
      fc.property(chainCase(2, 12), (c) => {
        const L = c.V.length;
        const lap = boxLaplacian([L]);
        expect(Array.from(harmonicMatrix({ ...sys(c), laplacian: lap }).data)).toEqual(Array.from(harmonicMatrix(sys(c)).data));
        const a = harmonicWeakCoupling(sys(c), c.baths);
        const b = harmonicWeakCoupling({ ...sys(c), laplacian: lap }, c.baths);
        expect(a.road).toBe("twisted");
        expect(b.road).toBe("dense");
        // each road's own rounding (weakTol: certified weights ≤ 1e-10, completeness, sums);
        // measured differences ≤ 5e-14·max T_b
        const tol = weakTol(a, 2 + 4 * c.g, maxT(c.baths)) + weakTol(b, 2 + 4 * c.g, maxT(c.baths));
        expect(maxDiff(a.temperature, b.temperature)).toBeLessThanOrEqual(tol);
        expect(maxDiff(a.currentCoefficients, b.currentCoefficients)).toBeLessThanOrEqual(tol);
        // two symmetric eigensolvers (tridiagonal QR, dense): backward stable, ‖H‖ ≤ 2 + 4g
        expect(maxDiff(a.omega2, b.omega2)).toBeLessThanOrEqual(16 * L * EPS * (2 + 4 * c.g));
      }),
      { numRuns: 150, seed: 0x480e },
    );
  });

  it("boxLaplacian: symmetric, zero row sums, degree = number of neighbours; boxFaces: the two opposite faces", () => {
    const dimsArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(dimsArb, fc.nat(), (dims, ax) => {
        const N = dims.reduce((a, b) => a * b, 1), axis = ax % dims.length;
        const M = boxLaplacian(dims);
        expect(M.rows).toBe(N);
        const coord = (s: number) => dims.map((_, a) => Math.floor(s / dims.slice(a + 1).reduce((x, y) => x * y, 1)) % dims[a]);
        for (let i = 0; i < N; i++) {
          let row = 0;
          for (let j = 0; j < N; j++) {
            expect(M.data[i * N + j]).toBe(M.data[j * N + i]);
            row += M.data[i * N + j];
            const ci = coord(i), cj = coord(j);
            const dist = ci.reduce((s, v, a) => s + Math.abs(v - cj[a]), 0);
            if (i !== j) expect(M.data[i * N + j]).toBe(dist === 1 ? -1 : 0);
          }
          expect(row).toBe(0);
        }
        const { low, high } = boxFaces(dims, axis);
        expect(low).toEqual(Array.from({ length: N }, (_, s) => s).filter((s) => coord(s)[axis] === 0).map((s) => s + 1));
        expect(high).toEqual(Array.from({ length: N }, (_, s) => s).filter((s) => coord(s)[axis] === dims[axis] - 1).map((s) => s + 1));
      }),
      { numRuns: 100, seed: 0x480f },
    );
  });
});

// ================================================================== 9. boxes (graph road)
const boxCase = fc
  .record({ dims: fc.constantFrom([3, 3], [2, 2, 2], [4, 2], [2, 3]), axis: fc.nat(), g: real(0.3, 2), lambda: real(0.1, 2), Tlow: real(0.5, 3), Thigh: real(0.5, 3) })
  .chain((r) => fc.tuple(fc.constant(r), arr(r.dims.reduce((a, b) => a * b, 1), 0.5, 2)))
  .map(([r, V]) => {
    const axis = r.axis % r.dims.length;
    const { low, high } = boxFaces(r.dims, axis);
    const baths: LangevinBath[] = [...low.map((site) => ({ site, T: r.Tlow })), ...high.map((site) => ({ site, T: r.Thigh }))];
    return { ...r, axis, V, baths, system: { potentials: V, g: r.g, laplacian: boxLaplacian(r.dims) } as HarmonicSystem };
  });

describe("8b. λ → 0 chain road: its a-posteriori error estimate bounds the actual error", () => {
  it("max_x |T(x) − T_dd(x)|/max T_b ≤ weightErrorEstimate, T_dd with every mode re-solved in double-double (localized and extended chains, L = 20..150)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 150 }), fc.constantFrom(0.1, 0.2, 0.5, 1), fc.integer({ min: 0, max: 1 << 30 }),
        (L, g, seed) => {
          const V = uniformPotentials(createRng(seed), L, 1, 2);
          const baths = [{ site: 1, T: 1 }, { site: L, T: 2 }];
          const w = harmonicWeakCoupling({ potentials: V, g }, baths);
          // reference: the same eq. (2.9) with every eigenvector from the double-double road
          const d = Float64Array.from(V, (v, i) => v + g * ((i > 0 ? 1 : 0) + (i < L - 1 ? 1 : 0)));
          const e = new Float64Array(L - 1).fill(-g);
          let scale = 0;
          for (const x of d) scale = Math.max(scale, Math.abs(x) + 2 * g);
          const ref = new Float64Array(L);
          for (let k = 0; k < L; k++) {
            const m = chainModeDD(d, e, w.omega2[k]!, scale);
            const a = logPsi2(m, 0), b = logPsi2(m, L - 1), mx = Math.max(a, b);
            const a1 = Math.exp(a - mx) / (Math.exp(a - mx) + Math.exp(b - mx));
            const tau = a1 * 1 + (1 - a1) * 2;
            for (let x = 0; x < L; x++) if (m.shift[x] === 0) ref[x] += m.mant[x]! * m.mant[x]! * tau;
          }
          // the estimate is first order in the shift error with a margin (CONVENTIONS §5): measured
          // actual/estimate ≤ 0.12 over L = 100–2000; a failure here means it missed an error source
          expect(maxDiff(w.temperature, ref) / 2).toBeLessThanOrEqual(w.weightErrorEstimate);
          expect(w.weightErrorEstimate).toBeLessThanOrEqual(1e-10);
        },
      ),
      { numRuns: 40, seed: 0x481a },
    );
  });
});

describe("9. d-dimensional boxes (baths on two opposite faces, graph road)", () => {
  it("Lyapunov (auto) and spectral (dense eig on graphs) agree; residual; Σ_b J_b = 0", () => {
    fc.assert(
      fc.property(boxCase, (c) => {
        const n = c.V.length, m = 2 * n;
        const ly = harmonicNess(c.system, c.baths, c.lambda, { covariance: true });
        expect(ly.method).toBe("lyapunov");
        const sp = harmonicNess(c.system, c.baths, c.lambda, { method: "spectral", covariance: true });
        const { A, Q } = driftAndNoise(harmonicMatrix(c.system).data, n, c.baths, c.lambda);
        expect(lyapunovResidual(A, ly.covariance!.data, Q, m)).toBeLessThanOrEqual(64 * m * EPS);
        // κε forward error of Lyapunov plus the pole-sum rounding model (file header)
        expect(maxDiff(ly.covariance!.data, sp.covariance!.data)).toBeLessThanOrEqual(roadAllowance("spectral", ly.conditionEstimate, maxAbs(ly.covariance!.data), A, n, c.baths, c.lambda));
        const sum = ly.heatCurrents.reduce((s, j) => s + j, 0);
        expect(Math.abs(sum)).toBeLessThanOrEqual(lyapunovTol(ly.conditionEstimate) * c.lambda * maxT(c.baths) * c.baths.length);
      }),
      { numRuns: 60, seed: 0x4810 },
    );
  });

  it("equal face temperatures: C = T·diag(H⁻¹, 1)", () => {
    fc.assert(
      fc.property(boxCase, real(0.5, 3), (c, T) => {
        const n = c.V.length, m = 2 * n;
        const baths = c.baths.map((b) => ({ ...b, T }));
        const H = harmonicMatrix(c.system).data;
        const r = harmonicNess(c.system, baths, c.lambda, { covariance: true });
        const C = r.covariance!.data, tol = lyapunovTol(r.conditionEstimate) * T;
        const normH = 2 + 4 * c.dims.length * c.g; // ‖H‖_∞ ≤ max V + 2·(2d)·g
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            expect(Math.abs(C[(n + i) * m + n + j] - (i === j ? T : 0))).toBeLessThanOrEqual(tol);
            expect(Math.abs(C[i * m + n + j])).toBeLessThanOrEqual(tol);
            let s = 0;
            for (let k = 0; k < n; k++) s += H[i * n + k] * C[k * m + j];
            expect(Math.abs(s - (i === j ? T : 0))).toBeLessThanOrEqual(tol * normH);
          }
        }
      }),
      { numRuns: 40, seed: 0x4811 },
    );
  });

  it("λ → 0: the Lyapunov NESS tends to eq. (2.10) (road 'dense') as O(λ²); eq. (2.10) is a convex combination", () => {
    // Random V makes the box spectrum non-degenerate; same O(λ²) argument and bounds as
    // property 2. The Lyapunov road's κε at λ = gap/32 (κ ~ ‖A‖/(λ·min weight)) stays ≲ 1e-9,
    // below the smallest error compared (asserted ≥ 1e-8·max T_b).
    fc.assert(
      fc.property(boxCase, (c) => {
        fc.pre(c.Tlow !== c.Thigh && Math.abs(c.Tlow - c.Thigh) > 0.5);
        const w = harmonicWeakCoupling(c.system, c.baths);
        expect(w.road).toBe("dense");
        const lo = minT(c.baths), hi = maxT(c.baths), n = c.V.length;
        for (const t of w.temperature) {
          expect(t).toBeGreaterThanOrEqual(lo - weakTol(w, 2 + 4 * c.dims.length * c.g, hi));
          expect(t).toBeLessThanOrEqual(hi + weakTol(w, 2 + 4 * c.dims.length * c.g, hi));
        }
        expect(Math.abs(w.currentCoefficients.reduce((s, j) => s + j, 0))).toBeLessThanOrEqual(8 * n * EPS * hi);
        const gap = minFrequencyGap(w.omega2);
        fc.pre(gap > 1e-2); // a near-degenerate pair would need λ below the Lyapunov road's reach
        const errs = [8, 16, 32].map((f) => profileDistance(harmonicNess(c.system, c.baths, gap / f).temperature, w.temperature));
        expect(errs[2]).toBeGreaterThan(1e-8 * hi);
        expect(errs[0] / errs[1]).toBeGreaterThanOrEqual(3);
        expect(errs[0] / errs[1]).toBeLessThanOrEqual(5);
        expect(errs[1] / errs[2]).toBeGreaterThanOrEqual(3);
        expect(errs[1] / errs[2]).toBeLessThanOrEqual(5);
      }),
      { numRuns: 30, seed: 0x4812 },
    );
  });
});

// ================================================================== 10. step metrics
/** MODELS §5 transcribed literally (both orientations), as the reference for temperatureStep. */
function stepByDefinition(T: readonly number[], T1: number, TL: number): { width: number; midpoint: number } | null {
  if (T1 === TL) return null;
  let xm = -1, xp = -1;
  if (TL > T1) {
    const low = T1 + 0.3 * (TL - T1), high = TL - 0.3 * (TL - T1);
    xm = T.findIndex((t) => t > low) + 1;
    for (let i = T.length - 1; i >= 0 && xp < 0; i--) if (T[i] < high) xp = i + 1;
  } else {
    // T_L < T₁: the inequalities reverse (x₋ first site below T₁ − 0.3(T₁ − T_L), x₊ last above T_L + 0.3(T₁ − T_L))
    const low = T1 - 0.3 * (T1 - TL), high = TL + 0.3 * (T1 - TL);
    xm = T.findIndex((t) => t < low) + 1;
    for (let i = T.length - 1; i >= 0 && xp < 0; i--) if (T[i] > high) xp = i + 1;
  }
  if (xm <= 0 || xp <= 0) return null;
  return { width: xp - xm + 1, midpoint: (xp + xm) / 2 };
}

const stepCase = fc
  .record({ T1: real(0.5, 3), TL: real(0.5, 3), equal: fc.boolean(), len: fc.integer({ min: 1, max: 30 }) })
  .chain(({ T1, TL, equal, len }) => {
    const TLx = equal ? T1 : TL;
    const lo = T1 + 0.3 * (TLx - T1), hi = TLx - 0.3 * (TLx - T1);
    // values from the whole range and, on purpose, exactly on the levels and at the bath temperatures
    const value = fc.oneof({ weight: 6, arbitrary: real(0, 3.5) }, fc.constantFrom(lo, hi, T1, TLx));
    return fc.record({ T1: fc.constant(T1), TL: fc.constant(TLx), profile: fc.array(value, { minLength: len, maxLength: len }) });
  });

describe("10. temperatureStep: definition-level properties (MODELS §5, [P1] Fig. 3)", () => {
  it("equals the literal definition; null iff T₁ = T_L or a level is not crossed; w ≥ 0 whenever defined", () => {
    fc.assert(
      fc.property(stepCase, ({ T1, TL, profile }) => {
        const s = temperatureStep(profile, T1, TL);
        expect(s).toEqual(stepByDefinition(profile, T1, TL));
        if (T1 === TL) expect(s).toBeNull();
        if (s !== null) {
          expect(s.width).toBeGreaterThanOrEqual(0);
          expect(s.midpoint).toBeGreaterThanOrEqual(1);
          expect(s.midpoint).toBeLessThanOrEqual(profile.length);
        }
      }),
      { numRuns: 500, seed: 0x4813 },
    );
  });

  it("mirror: temperatureStep(reversed T, T_L, T₁) has the same width and midpoint L + 1 − m (exactly)", () => {
    fc.assert(
      fc.property(stepCase, ({ T1, TL, profile }) => {
        const a = temperatureStep(profile, T1, TL), b = temperatureStep([...profile].reverse(), TL, T1);
        if (a === null) expect(b).toBeNull();
        else expect(b).toEqual({ width: a.width, midpoint: profile.length + 1 - a.midpoint });
      }),
      { numRuns: 500, seed: 0x4814 },
    );
  });

  it("affine invariance: T → aT + b (a > 0) applied to the profile and both bath temperatures", () => {
    fc.assert(
      fc.property(stepCase, real(0.25, 4), real(-2, 2), ({ T1, TL, profile }, a, b) => {
        fc.pre(T1 !== TL);
        // a value within 1e-9·|ΔT| of a level may flip by rounding of the transformed levels
        fc.pre(levelMargin(profile, T1, TL) > 1e-9);
        const s = temperatureStep(profile, T1, TL);
        const t = temperatureStep(profile.map((x) => a * x + b), a * T1 + b, a * TL + b);
        expect(t).toEqual(s);
      }),
      { numRuns: 500, seed: 0x4815 },
    );
  });

  it("a sharp step (T₁ on sites 1..k, T_L on k+1..L) has w = 0 and m = k + ½; a profile at T₁ only is null", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.nat(), real(0.5, 3), real(0.5, 3), (L, kk, T1, TL) => {
        fc.pre(T1 !== TL);
        const k = 1 + (kk % (L - 1));
        const prof = Array.from({ length: L }, (_, i) => (i < k ? T1 : TL));
        expect(temperatureStep(prof, T1, TL)).toEqual({ width: 0, midpoint: k + 0.5 });
        expect(temperatureStep(new Array<number>(L).fill(T1), T1, TL)).toBeNull();
      }),
      { numRuns: 200, seed: 0x4816 },
    );
  });

  it("rejects empty and non-finite input with invalid-input", () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(NessrefError);
        return [(e as NessrefError).code, (e as NessrefError).path];
      }
      return null;
    };
    expect(code(() => temperatureStep([], 1, 2))).toEqual(["invalid-input", "/temperature"]);
    expect(code(() => temperatureStep([1, NaN], 1, 2))).toEqual(["invalid-input", "/temperature/1"]);
    expect(code(() => temperatureStep([1, 2], Infinity, 2))).toEqual(["invalid-input", "/T"]);
  });
});

// ================================================================== 11. statistics and potentials
describe("11. profileStatistics and uniformPotentials", () => {
  it("profileStatistics = mean, sample sd (n − 1) and sd/√n computed directly (reverse summation order)", () => {
    const arb = fc.integer({ min: 1, max: 12 }).chain((L) => fc.array(arr(L, -5, 5), { minLength: 1, maxLength: 25 }));
    fc.assert(
      fc.property(arb, (profiles) => {
        const n = profiles.length, L = profiles[0].length;
        const s = profileStatistics(profiles);
        expect(s.count).toBe(n);
        for (let i = 0; i < L; i++) {
          let sum = 0;
          for (let k = n - 1; k >= 0; k--) sum += profiles[k][i];
          const mean = sum / n;
          let ss = 0;
          for (let k = n - 1; k >= 0; k--) ss += (profiles[k][i] - mean) ** 2;
          const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
          const scale = Math.max(...profiles.map((p) => Math.abs(p[i])));
          // two summation orders of n terms ≤ scale: ≤ 2n·ε·scale apart; sd: the same on its scale
          expect(Math.abs(s.mean[i] - mean)).toBeLessThanOrEqual(2 * n * EPS * scale);
          expect(Math.abs(s.sd[i] - sd)).toBeLessThanOrEqual(8 * n * EPS * scale);
          expect(s.stdError[i]).toBe(s.sd[i] / Math.sqrt(n));
          if (n === 1) expect(s.sd[i]).toBe(0);
        }
      }),
      { numRuns: 300, seed: 0x4817 },
    );
  });

  it("profileStatistics rejects no profiles, unequal lengths and non-finite entries", () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return [(e as NessrefError).code, (e as NessrefError).path];
      }
      return null;
    };
    expect(code(() => profileStatistics([]))).toEqual(["invalid-input", "/profiles"]);
    expect(code(() => profileStatistics([[1, 2], [1]]))).toEqual(["invalid-input", "/profiles/1"]);
    expect(code(() => profileStatistics([[1, 2], [1, NaN]]))).toEqual(["invalid-input", "/profiles/1/1"]);
  });

  it("uniformPotentials: same seed same bits, V_x = rng.uniform(vMin, vMax) in site order, values in [vMin, vMax)", () => {
    const seedArb = fc.oneof(fc.integer(), fc.string({ maxLength: 12 }));
    fc.assert(
      fc.property(seedArb, fc.integer({ min: 1, max: 200 }), real(0.01, 3), real(0, 3), (seed, L, vMin, width) => {
        const vMax = vMin + width;
        const a = uniformPotentials(createRng(seed), L, vMin, vMax), b = uniformPotentials(createRng(seed), L, vMin, vMax);
        expect(a).toHaveLength(L);
        expect(Array.from(a)).toEqual(Array.from(b)); // toEqual distinguishes bits via Object.is on numbers
        const rng = createRng(seed);
        const direct = Array.from({ length: L }, () => (vMin === vMax ? vMin : rng.uniform(vMin, vMax)));
        expect(Array.from(a)).toEqual(direct);
        for (const v of a) {
          expect(v).toBeGreaterThanOrEqual(vMin);
          if (vMax > vMin) expect(v).toBeLessThan(vMax);
          else expect(v).toBe(vMin);
        }
      }),
      { numRuns: 300, seed: 0x4818 },
    );
  });

  it("uniformPotentials: different seeds give different draws; bad arguments are invalid-input with their path", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (s1, s2) => {
        fc.pre(s1 !== s2);
        // 20 doubles with 53 random bits each: a collision would be a generator bug
        expect(Array.from(uniformPotentials(createRng(s1), 20, 1, 2))).not.toEqual(Array.from(uniformPotentials(createRng(s2), 20, 1, 2)));
      }),
      { numRuns: 100, seed: 0x4819 },
    );
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return [(e as NessrefError).code, (e as NessrefError).path];
      }
      return null;
    };
    expect(code(() => uniformPotentials(createRng(1), 0, 1, 2))).toEqual(["invalid-input", "/L"]);
    expect(code(() => uniformPotentials(createRng(1), 3, 0, 2))).toEqual(["invalid-input", "/vMin"]);
    expect(code(() => uniformPotentials(createRng(1), 3, 1, 0.5))).toEqual(["invalid-input", "/vMax"]);
  });
});
